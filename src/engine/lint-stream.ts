/**
 * Linting as a stream (a Transform), apart from the rest of the engine so
 * that Node's stream code loads only for a program that streams: a check
 * of files never does (~4 ms of start-up).
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { join } from "node:path";
import { Transform, type TransformCallback } from "node:stream";
import { DEFAULT_MAX_LINE_BYTES, SNIFF_BYTES } from "../io/limits.js";
import { fileLineReader, fileLineStream, makeTempDir } from "../io/source.js";
import { detectFormat } from "../readers/detect.js";
import { isRecordFormat } from "../readers/records.js";
import type { FileResult } from "../types.js";
import { readAsConsumer } from "./facts.js";
import { lintFile, wantsRecordCheck, withImageRoot } from "./lint.js";
import type { LintOptions } from "./options.js";
import { LintSession } from "./session.js";

/**
 * A Transform for pipelines: write label-file bytes in, read one
 * {@link FileResult} out when the input ends. The bytes are also spooled to a
 * temporary file so duplicate candidates can be confirmed exactly.
 */
export function createLintStream(given: LintOptions & { path?: string } = {}): Transform & { result: Promise<FileResult> } {
  const options: LintOptions & { path?: string } = { ...readAsConsumer(given), ...(given.path !== undefined ? { path: given.path } : {}) };
  const displayPath = options.path ?? "<stream>";
  const session = new LintSession({ path: displayPath, options });
  // A record format (csv, indices, columns, json) is read from the spool when the input ends; with
  // `auto`, the head is held back until the format is known, then fed to the session or not.
  let mode: "lines" | "records" | "sniffing" = !wantsRecordCheck(options) ? "lines" : options.format !== undefined && options.format !== "auto" ? "records" : options.columns !== undefined ? "records" : "sniffing";
  const held: Buffer[] = [];
  let heldBytes = 0;
  const decide = (): void => {
    const head = Buffer.concat(held, heldBytes);
    mode = isRecordFormat(detectFormat(head.subarray(0, SNIFF_BYTES), displayPath, options).format) ? "records" : "lines";
    if (mode === "lines" && head.length > 0) session.push(head);
    held.length = 0;
  };
  let spool: WriteStream | undefined;
  let dir: string | undefined;
  let disposeDir: (() => Promise<void>) | undefined;
  const ready = makeTempDir().then((temp) => {
    dir = temp.dir;
    disposeDir = temp.dispose;
    spool = createWriteStream(join(temp.dir, "input"));
  });
  let settle!: { resolve: (r: FileResult) => void; reject: (e: unknown) => void };
  const result = new Promise<FileResult>((resolve, reject) => {
    settle = { resolve, reject };
  });
  result.catch(() => undefined);
  const stream = new Transform({
    writableObjectMode: false,
    readableObjectMode: true,
    transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      ready
        .then(() => {
          if (mode === "lines") session.push(Buffer.from(bytes));
          else if (mode === "sniffing") {
            held.push(Buffer.from(bytes));
            heldBytes += bytes.length;
            if (heldBytes >= SNIFF_BYTES) decide();
          }
          if (!spool!.write(bytes)) spool!.once("drain", () => callback());
          else callback();
        })
        .catch((error: unknown) => callback(error as Error));
    },
    flush(callback: TransformCallback) {
      ready
        .then(() => new Promise<void>((resolve, reject) => spool!.end((error?: Error | null) => (error ? reject(error) : resolve()))))
        .then(() => {
          if (mode === "sniffing") decide();
          if (mode === "records") {
            const { path: _path, ...rest } = options;
            return lintFile(join(dir!, "input"), withImageRoot(rest, undefined), displayPath);
          }
          const max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
          return session.end(fileLineReader(join(dir!, "input"), max), fileLineStream(join(dir!, "input"), max));
        })
        .then(
          async (file) => {
            await disposeDir!();
            settle.resolve(file);
            callback(null, file);
          },
          async (error: unknown) => {
            await disposeDir?.();
            settle.reject(error);
            callback(error as Error);
          },
        );
    },
  });
  return Object.assign(stream, { result });
}

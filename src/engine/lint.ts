import { createRequire } from "node:module";
import { Transform, type TransformCallback } from "node:stream";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FileResult, LintOptions, LintResult } from "../types.js";
import { DEFAULT_MAX_LINE_BYTES, LintSession } from "./session.js";
import { bufferLineReader, fileLineReader, readError, readFileChunks, spoolToTempFile } from "./source.js";
import { stat } from "node:fs/promises";

const require = createRequire(import.meta.url);
const { version } = require("../../package.json") as { version: string };
export const VERSION: string = version;

export interface FileInput {
  /** Where to read from. */
  path: string;
  /** How to name it in reports (defaults to `path`). */
  displayPath?: string;
  /** Per-file overrides, e.g. the split role. */
  options?: Partial<LintOptions>;
}

/** Lints one label file on disk. `-` reads standard input. */
export async function lintFile(path: string, options: LintOptions = {}, displayPath = path): Promise<FileResult> {
  if (path === "-") {
    const spool = await spoolToTempFile(process.stdin);
    try {
      return await lintFile(spool.path, options, displayPath === "-" ? "<stdin>" : displayPath);
    } finally {
      await spool.dispose();
    }
  }
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    size = info.size;
  } catch (error) {
    throw readError(displayPath, error);
  }
  const session = new LintSession({ path: displayPath, options, sizeHint: size });
  await readFileChunks(path, session, displayPath);
  return session.end(fileLineReader(path, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES));
}

/** Lints label-file content held in memory (a string is taken as UTF-8). */
export async function lintText(content: string | Buffer, options: LintOptions = {}, displayPath = "<text>"): Promise<FileResult> {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  const session = new LintSession({ path: displayPath, options, sizeHint: bytes.length });
  session.push(Buffer.from(bytes));
  return session.end(bufferLineReader(bytes, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES));
}

export function summarise(files: FileResult[]): LintResult {
  const summary = { files: files.length, errorCount: 0, warningCount: 0, fixable: { safe: 0, unsafe: 0 } };
  for (const file of files) {
    summary.errorCount += file.errorCount;
    summary.warningCount += file.warningCount;
    summary.fixable.safe += file.fixable.safe;
    summary.fixable.unsafe += file.fixable.unsafe;
  }
  return { version: VERSION, files, summary };
}

/** Lints several files, in order, with shared options. */
export async function lint(inputs: readonly (string | FileInput)[], options: LintOptions = {}): Promise<LintResult> {
  const files: FileResult[] = [];
  for (const input of inputs) {
    const file = typeof input === "string" ? { path: input } : input;
    files.push(await lintFile(file.path, { ...options, ...file.options }, file.displayPath ?? file.path));
  }
  return summarise(files);
}

/**
 * A Transform for pipelines: write label-file bytes in, read one
 * {@link FileResult} out when the input ends. The bytes are also spooled to a
 * temporary file so duplicate candidates can be confirmed exactly.
 */
export function createLintStream(options: LintOptions & { path?: string } = {}): Transform & { result: Promise<FileResult> } {
  const displayPath = options.path ?? "<stream>";
  const session = new LintSession({ path: displayPath, options });
  let spool: WriteStream | undefined;
  let dir: string | undefined;
  const ready = mkdtemp(join(tmpdir(), "labellint-")).then((d) => {
    dir = d;
    spool = createWriteStream(join(d, "input"));
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
          session.push(Buffer.from(bytes));
          if (!spool!.write(bytes)) spool!.once("drain", () => callback());
          else callback();
        })
        .catch((error: unknown) => callback(error as Error));
    },
    flush(callback: TransformCallback) {
      ready
        .then(() => new Promise<void>((resolve, reject) => spool!.end((error?: Error | null) => (error ? reject(error) : resolve()))))
        .then(() => session.end(fileLineReader(join(dir!, "input"), options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES)))
        .then(
          async (file) => {
            await rm(dir!, { recursive: true, force: true });
            settle.resolve(file);
            callback(null, file);
          },
          async (error: unknown) => {
            if (dir !== undefined) await rm(dir, { recursive: true, force: true });
            settle.reject(error);
            callback(error as Error);
          },
        );
    },
  });
  return Object.assign(stream, { result });
}

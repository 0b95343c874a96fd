import { stat } from "node:fs/promises";
import { LabellintError } from "../errors.js";
import { describeReaderFindings } from "../engine/findings.js";
import type { ReaderFinding } from "../readers/canonical.js";
import { chooseConsumer, readAsConsumer, readHead } from "../engine/facts.js";
import { SNIFF_BYTES } from "../io/limits.js";
import { assertUnchanged, openForReading, readableState, readError, type ChunkTransform } from "../io/source.js";
import { openTextInput } from "../io/text-input.js";
import type { LineFormat } from "../readers/format.js";
import { lineFormats } from "../readers/index.js";
import { sparseCanonical } from "../readers/sparse.js";
import { chooseFormat, isRecordFormat, openCanonical, openInPlace } from "../readers/records.js";
import type { ConsumerId, FileResult, FormatId } from "../types.js";
import type { LintOptions } from "../engine/options.js";

/** One input of a diff, as a file of lines in a line format (a record format's canonical copy). */
export interface DiffInput {
  display: string;
  /** The line file read. */
  file: string;
  /** Its size in bytes. */
  bytes: number;
  lineFormat: LineFormat;
  format: FormatId;
  formatReason: string;
  numClasses: number;
  numClassesSource: FileResult["numClassesSource"];
  classNames?: string[];
  /** Records of a record format its reader could not make rows (left out of the comparison). */
  unread: number;
  /** `file`'s bytes are its lines through this transform (an unquoted CSV read in place). */
  transform?: () => ChunkTransform;
  /** Line of `file` → line of the original input. */
  lineOf: (line: number) => number;
  /** Throws `LL_INPUT_CHANGED` when the input is not as it was when it was opened (call it once it has been read). */
  unchanged(): Promise<void>;
  dispose(): Promise<void>;
}

async function head(path: string, name: string): Promise<{ bytes: Buffer; size: number }> {
  const handle = await openForReading(path, name);
  try {
    const size = (await handle.stat()).size;
    const buf = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return { bytes: buf.subarray(0, bytesRead), size };
  } catch (error) {
    throw readError(name, error);
  } finally {
    await handle.close();
  }
}

/**
 * Opens one input as `check` reads it — format given or sniffed, a record
 * format (csv, indices, json, columns) rewritten to canonical paddleclas
 * lines — and settles C as `check` does (option, class names, the input's
 * header or metainfo, else the most common row width). `-` is standard input.
 */
export async function openDiffInput(path: string, display: string, given: LintOptions): Promise<DiffInput> {
  const disposers: (() => Promise<void>)[] = [];
  const dispose = async (): Promise<void> => {
    for (const d of disposers.reverse()) await d();
  };
  try {
    const options = readAsConsumer(given);
    let file = path;
    // Standard input, a FIFO, gzip: read from a temporary copy (a file that is not text is refused).
    const spool = await openTextInput(path, display, options.maxSpoolBytes);
    if (spool !== undefined) {
      disposers.push(spool.dispose);
      file = spool.path;
    }
    // Taken before the head is sniffed: the diff is about one version of each file.
    const opened = await readableState(file, display);
    const chosen = await chooseFormat(file, options, display);
    let lineFile = file;
    let lineFormat: LineFormat;
    let lineOptions: LintOptions = { ...options, format: chosen.format, formatReason: chosen.reason };
    let lineOf = (line: number): number => line;
    let unread = 0;
    let transform: (() => ChunkTransform) | undefined;
    if (isRecordFormat(chosen.format)) {
      // An unquoted CSV or an index list of plain lines is read in place; other index lists
      // (indices, json) stay sparse: a row costs its indices, not C.
      const canonical = (await openInPlace(file, lineOptions, display)) ?? (await openCanonical(file, lineOptions, display, { sparse: true }));
      transform = canonical.transform;
      disposers.push(() => canonical.dispose());
      // Not one row can be told apart from a file that lost them all: nothing to compare.
      if (canonical.unreadable) throw unreadableInput(display, chosen.format, canonical.findings, chooseConsumer(chosen.format, options).consumer.id);
      unread = canonical.rejected.length;
      lineFile = canonical.path;
      const width = canonical.numClasses ?? canonical.classNames?.length;
      if (canonical.sparse && width === undefined) throw new Error(`${display}: an index list read without its class count`);
      lineFormat = canonical.sparse ? sparseCanonical(width!) : lineFormats.paddleclas;
      lineOf = (line) => canonical.line(line);
      lineOptions = {
        ...options,
        format: "paddleclas",
        formatReason: chosen.reason,
        ...(canonical.numClasses !== undefined ? { numClasses: canonical.numClasses } : {}),
        ...(canonical.classNames !== undefined ? { classNames: canonical.classNames } : {}),
        ...(canonical.classSource !== undefined ? { classSource: canonical.classSource } : {}),
      };
    } else {
      lineFormat = lineFormats[chosen.format as keyof typeof lineFormats];
    }
    const { bytes: raw, size } = await head(lineFile, display);
    // The head as its lines are (an unquoted CSV's through its transform, on a copy: it edits in place).
    const headTransform = transform?.();
    const bytes = headTransform === undefined ? raw : Buffer.concat([...headTransform.push(Buffer.from(raw)), ...(size <= raw.length ? headTransform.end() : [])]);
    const found = readHead(bytes, lineOptions, display, size <= raw.length);
    const names = lineOptions.classNames;
    return {
      display,
      file: lineFile,
      bytes: await stat(lineFile).then((s) => s.size, () => size),
      lineFormat,
      ...(transform !== undefined ? { transform } : {}),
      format: chosen.format,
      formatReason: chosen.reason,
      numClasses: found.numClasses,
      numClassesSource: found.numClassesSource,
      ...(names !== undefined && names.length === found.numClasses ? { classNames: names } : {}),
      unread,
      lineOf,
      unchanged: () => assertUnchanged(opened, file, display),
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** The fatal error for an input its reader could not read as a whole (a JSON syntax error, no `data_list`): what the reader found first, and where. */
function unreadableInput(display: string, format: FormatId, findings: readonly ReaderFinding[], consumer: ConsumerId): LabellintError {
  const first = findings[0];
  const why = first === undefined ? "" : `${first.line !== undefined ? ` (line ${first.line})` : ""}: ${describeReaderFindings([first], consumer)[0]!.message}`;
  return new LabellintError("LL_READ_FAILED", `${display} cannot be read as ${format}${why}; labellint check ${display} lists its problems`);
}

import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { DEFAULT_MAX_LINE_BYTES, SNIFF_BYTES } from "../io/limits.js";
import { openForReading, readError, spoolIfStream } from "../io/source.js";
import { LabellintError } from "../errors.js";
import { checkClassCount, DEFAULT_MAX_CLASSES } from "../io/limits.js";
import type { FileResult, FormatId, Problem } from "../types.js";
import type { LintOptions } from "../engine/options.js";
import { Alignment, CanonicalWriter, type ReaderInput, type ReaderOutcome, type RejectedRecord } from "./canonical.js";
import { readColumns } from "./columns.js";
import { readCsv } from "./csv.js";
import { detectFormat } from "./detect.js";
import { FORMAT_IDS, isLineFormat } from "./index.js";
import { readIndices } from "./indices.js";
import { readJson } from "./json.js";
import { readSpaced } from "./spaced-records.js";
import { chooseConsumer } from "../engine/facts.js";

export type { RejectedRecord, RejectReason } from "./canonical.js";

/** The formats read as records and rewritten to canonical paddleclas lines before they are linted. */
export const RECORD_FORMATS: readonly FormatId[] = ["csv", "indices", "columns", "json"];

/** True for formats read as records and rewritten to canonical lines (csv, indices, columns, json). */
export function isRecordFormat(format: string): boolean {
  return (RECORD_FORMATS as readonly string[]).includes(format);
}

/** A place in the original input. */
export interface Origin {
  file: string;
  line: number;
}

/** Any supported input as a file of canonical paddleclas lines (`path<TAB>v1,…,vC`), with the map back to the original. */
export interface CanonicalInput {
  /** The canonical file: a temporary file, or the input itself when it is paddleclas already. */
  path: string;
  /** The real format of the input. */
  format: FormatId;
  formatReason: string;
  /** C as the input declares or implies it (a CSV header, `metainfo.classes`, index lists), when it does. */
  numClasses?: number;
  classNames?: string[];
  /** Where `numClasses` came from, when the input supplied it. */
  classSource?: { source: FileResult["numClassesSource"]; reason: string };
  /** Canonical line (1-based) → the file and line it came from. */
  locate(line: number): Origin;
  /** The reader's own problems (malformed records, bad indices, schema errors …), already located. */
  problems: Problem[];
  /** Records that became no canonical line, in input order; each one's problems are in `problems`. */
  rejected: RejectedRecord[];
  /** Physical lines and bytes of the original input (`lines` is -1 for a paddleclas input, which is not read here). */
  lines: number;
  bytes: number;
  /** The engine's data row `row` on canonical line `line` → the data row of the original input (rejected records count). */
  originRow(line: number, row: number): number;
  /**
   * A 1-based column of canonical line `line` → the column in the original
   * line, or undefined when it does not carry over. `labelsColumn` is the
   * 1-based column where the canonical line's labels start.
   */
  originColumn(line: number, column: number, labelsColumn: number): number | undefined;
  /** The file and line holding class `classIndex`'s value of canonical line `line`, when that is another file (columns). */
  locateValue(line: number, classIndex: number): Origin | undefined;
  /** Removes the temporary files. */
  dispose(): Promise<void>;
}

// The session sniffs the same head, so a line format chosen here is the one it chooses.
const HEAD_BYTES = SNIFF_BYTES;

async function readHeadBytes(path: string, name: string): Promise<Buffer> {
  const handle = await openForReading(path, name);
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } catch (error) {
    throw readError(name, error);
  } finally {
    await handle.close();
  }
}

/** The input's format: given, or sniffed from its head (with the reason). */
export async function chooseFormat(path: string, options: LintOptions, name = path): Promise<{ format: FormatId; reason: string }> {
  const given = options.format;
  if (given !== undefined && given !== "auto" && !FORMAT_IDS.includes(given)) throw new LabellintError("LL_UNKNOWN_FORMAT", `unknown format '${String(given)}'`);
  if (options.columns !== undefined && given !== undefined && given !== "auto" && given !== "columns") {
    throw new LabellintError("LL_USAGE", `--columns goes with --format columns (or auto), not --format ${given}`);
  }
  if (given === "columns" && options.columns === undefined) {
    throw new LabellintError("LL_USAGE", "--format columns needs --columns TEMPLATE naming the per-class files, e.g. 'Groundtruth/Labels_{class}.txt'");
  }
  if (given !== undefined && given !== "auto") return { format: given, reason: options.formatReason ?? "given with --format" };
  const detection = detectFormat(await readHeadBytes(path, name), name, options);
  return { format: detection.format, reason: `auto: ${detection.reason}` };
}

type Reader = (input: ReaderInput, options: LintOptions) => Promise<ReaderOutcome>;

const readers: Record<string, Reader> = {
  csv: (input) => readCsv(input),
  indices: (input) => readIndices(input),
  json: (input) => readJson(input),
  columns: (input, options) => readColumns(input, options.columns!),
  spaced: (input) => readSpaced(input),
};

/**
 * Reads any supported input into a temporary file of canonical paddleclas
 * lines, with the map back to the original: every canonical line knows the
 * line (and, for `columns`, the per-class file) it came from; records that
 * cannot be a line are left out and listed in `rejected` with their
 * problems. A paddleclas input is used as it is. `-` reads standard input.
 * Call `dispose` when done.
 */
export async function openCanonical(path: string, options: LintOptions, displayPath = path): Promise<CanonicalInput> {
  const spool = await spoolIfStream(path, displayPath === "-" ? "<stdin>" : displayPath, options.maxSpoolBytes);
  if (spool !== undefined) {
    try {
      const inner = await openCanonical(spool.path, options, displayPath === "-" ? "<stdin>" : displayPath);
      return { ...inner, dispose: async () => {
        await inner.dispose();
        await spool.dispose();
      } };
    } catch (error) {
      await spool.dispose();
      throw error;
    }
  }
  const { format, reason } = await chooseFormat(path, options, displayPath);
  const given = {
    ...(options.numClasses !== undefined ? { numClasses: options.numClasses } : {}),
    ...(options.classNames !== undefined ? { classNames: options.classNames } : {}),
  };
  if (format === "paddleclas") {
    const size = await stat(path).then((s) => s.size, (error: unknown) => {
      throw readError(displayPath, error);
    });
    return {
      path,
      format,
      formatReason: reason,
      ...given,
      locate: (line) => ({ file: displayPath, line }),
      problems: [],
      rejected: [],
      lines: -1,
      bytes: size,
      originRow: (_line, row) => row,
      originColumn: (_line, column) => column,
      locateValue: () => undefined,
      dispose: async () => undefined,
    };
  }
  const reader = readers[format];
  if (reader === undefined) throw new LabellintError("LL_UNKNOWN_FORMAT", `unknown format '${format}'`);
  const maxClasses = options.maxClasses ?? DEFAULT_MAX_CLASSES;
  if (options.numClasses !== undefined) checkClassCount(options.numClasses, options.classSource?.reason ?? "--num-classes", maxClasses);
  if (options.classNames !== undefined) checkClassCount(options.classNames.length, options.classSource?.reason ?? "the class-name list", maxClasses);
  const writer = await CanonicalWriter.create(options.rules, chooseConsumer(format, options).consumer.id);
  try {
    const outcome = await reader(
      { path, displayPath, writer, numClasses: options.numClasses, classNames: options.classNames, maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, maxClasses },
      options.columns !== undefined ? { ...options, columns: resolve(options.columns) } : options,
    );
    if (outcome.numClasses !== undefined) checkClassCount(outcome.numClasses, `${displayPath}: ${outcome.classSource?.reason ?? "the file"}`, maxClasses);
    await writer.close();
    const values = outcome.valueFiles;
    return {
      path: writer.path,
      format,
      formatReason: reason,
      ...given,
      ...(given.numClasses === undefined && outcome.numClasses !== undefined ? { numClasses: outcome.numClasses } : {}),
      ...(given.classNames === undefined && outcome.classNames !== undefined ? { classNames: outcome.classNames } : {}),
      ...(given.numClasses === undefined && given.classNames === undefined && outcome.classSource !== undefined ? { classSource: outcome.classSource } : {}),
      locate: (line) => ({ file: displayPath, line: writer.originOf(line) }),
      problems: writer.problems,
      rejected: writer.rejected,
      lines: outcome.lines,
      bytes: outcome.bytes,
      originRow: (line, row) => writer.originRow(line, row),
      originColumn: (line, column, labelsColumn) => {
        const alignment = writer.alignmentOf(line);
        if (alignment === Alignment.Exact) return column;
        if (alignment === Alignment.PathOnly) return column < labelsColumn ? column : undefined;
        if (alignment === Alignment.Quoted) return column < labelsColumn - 1 ? column + 1 : column + writer.shiftOf(line);
        return undefined;
      },
      locateValue: (line, classIndex) => {
        const file = values?.[classIndex];
        return file === undefined ? undefined : { file, line: writer.originOf(line) };
      },
      dispose: () => writer.dispose(),
    };
  } catch (error) {
    await writer.dispose();
    throw error;
  }
}

export { isLineFormat };

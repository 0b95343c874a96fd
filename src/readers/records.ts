import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { DEFAULT_MAX_LINE_BYTES, SNIFF_BYTES } from "../io/limits.js";
import { readableState, readError, readFileHead, type FileState } from "../io/source.js";
import { openTextInput } from "../io/text-input.js";
import { LabellintError } from "../errors.js";
import { checkClassCount, DEFAULT_MAX_CLASSES } from "../io/limits.js";
import type { FileResult, FormatId } from "../types.js";
import type { RecordOrigin } from "./origin.js";
import type { ReadOptions } from "./options.js";
import type { AnnotationFrame, ReaderInput, ReaderOutcome } from "./canonical.js";
import type { ChunkTransform } from "../io/source.js";
import { detectFormat } from "./detect.js";
import { FORMAT_IDS, isLineFormat } from "./index.js";

export type { ReaderFinding, RejectedRecord } from "./canonical.js";

/**
 * Where a record input's rows are as written. Line n of `path` is the
 * record of canonical line n (one input line, without its line break), or
 * empty when the record is that canonical line with `separator` for its
 * first TAB; with `inputLines`, `path` is the input itself, read in place,
 * and each row's record is the input's own line (numbered as the input's).
 */
export interface RecordTexts {
  path: string;
  separator: string;
  inputLines?: boolean;
  /** The input's format: the records are rows of it (a json output writes json records over). */
  format?: FormatId;
}
export type { RecordOrigin, RowOrigin } from "./origin.js";

/** The formats read as records and rewritten to canonical paddleclas lines before they are linted. */
export const RECORD_FORMATS: readonly FormatId[] = ["csv", "indices", "columns", "json"];

/** True for formats read as records and rewritten to canonical lines (csv, indices, columns, json). */
export function isRecordFormat(format: string): boolean {
  return (RECORD_FORMATS as readonly string[]).includes(format);
}

/**
 * Any supported input as a file of canonical paddleclas lines
 * (`path<TAB>v1,…,vC`), with where each of them comes from in the input
 * ({@link RowOrigin}) and what the reader found on its own.
 */
export interface CanonicalInput extends RecordOrigin {
  /** The canonical file: a temporary file, or the input itself when it is paddleclas already. */
  path: string;
  /** C as the input declares or implies it (a CSV header, `metainfo.classes`, index lists), when it does. */
  numClasses?: number;
  classNames?: string[];
  /** A json input's `metainfo` and other top-level members as the file writes them (with `keepRecords`): a json output keeps them. */
  frame?: AnnotationFrame;
  /** Where `numClasses` came from, when the input supplied it. */
  classSource?: { source: FileResult["numClassesSource"]; reason: string };
  /** Its rows are sparse lines (index lists, see `readers/sparse.ts`): read them with `sparseCanonical(numClasses)`. */
  sparse: boolean;
  /** Removes the temporary files. */
  dispose(): Promise<void>;
  /** Each canonical line's record as the input has it (csv, indices, json entries; opened with `keepRecords`). Absent when `path` is the input itself. */
  records?: RecordTexts;
  /** Set when `path` is the input itself and its canonical lines are its bytes through this transform (an unquoted CSV). */
  transform?: () => ChunkTransform;
  /** Set when `path` is the input itself, planned as it was then: it must be the same file when the lint ends. */
  planned?: FileState;
}

// The session sniffs the same head, so a line format chosen here is the one it chooses.
const HEAD_BYTES = SNIFF_BYTES;


/** The input's format: given, or sniffed from its head (with the reason). */
export async function chooseFormat(path: string, options: ReadOptions, name = path): Promise<{ format: FormatId; reason: string }> {
  const given = options.format;
  if (given !== undefined && given !== "auto" && !FORMAT_IDS.includes(given)) throw new LabellintError("LL_UNKNOWN_FORMAT", `unknown format '${String(given)}'`);
  if (options.columns !== undefined && given !== undefined && given !== "auto" && given !== "columns") {
    throw new LabellintError("LL_USAGE", `--columns goes with --format columns (or auto), not --format ${given}`);
  }
  if (given === "columns" && options.columns === undefined) {
    throw new LabellintError("LL_USAGE", "--format columns needs --columns TEMPLATE naming the per-class files, e.g. 'Groundtruth/Labels_{class}.txt'");
  }
  if (given !== undefined && given !== "auto") return { format: given, reason: options.formatReason ?? "given with --format" };
  const detection = detectFormat(await readFileHead(path, HEAD_BYTES, name), name, options);
  return { format: detection.format, reason: `auto: ${detection.reason}` };
}

type Reader = (input: ReaderInput, options: ReadOptions) => Promise<ReaderOutcome>;

// Each reader loads when a file of its format is read: a check of line-format files loads none.
const readers: Record<string, Reader> = {
  csv: async (input) => (await import("./csv.js")).readCsv(input),
  indices: async (input) => (await import("./indices.js")).readIndices(input),
  json: async (input) => (await import("./json.js")).readJson(input),
  columns: async (input, options) => (await import("./columns.js")).readColumns(input, options.columns!),
  spaced: async (input) => (await import("./spaced-records.js")).readSpaced(input),
};

/**
 * The formats whose records can be kept line for line (`keepRecords`): every row of csv and index
 * lists is one line of the input; a json entry is kept as its one-line JSON text.
 */
const LINE_RECORD_FORMATS: readonly FormatId[] = ["csv", "indices", "json"];

/** The formats whose rows are class-index lists: with `sparse`, their canonical rows stay index lists. */
const INDEX_FORMATS: readonly FormatId[] = ["indices", "json"];

/**
 * Reads any supported input into a temporary file of canonical paddleclas
 * lines, with the map back to the original: every canonical line knows the
 * line (and, for `columns`, the per-class file) it came from; records that
 * cannot be a line are left out and listed in `rejected` with their
 * problems. A paddleclas input is used as it is. `-` reads standard input.
 * With `sparse`, index lists (indices, json) are kept as sparse lines that
 * only the engine reads (`sparse` is then true on the result); without it,
 * every row is its C values, as a fix or a conversion writes them. With
 * `keepRecords`, each row's record is kept as written beside its canonical
 * line (csv and index lists, whose rows are one line each, and json entries as one-line JSON: `records`).
 * Call `dispose` when done.
 */
export async function openCanonical(path: string, options: ReadOptions, displayPath = path, { sparse = false, keepRecords = false }: { sparse?: boolean; keepRecords?: boolean } = {}): Promise<CanonicalInput> {
  const spool = await openTextInput(path, displayPath === "-" ? "<stdin>" : displayPath, options.maxSpoolBytes);
  if (spool !== undefined) {
    try {
      const inner = await openCanonical(spool.path, options, displayPath === "-" ? "<stdin>" : displayPath, { sparse, keepRecords });
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
  const given = givenClasses(options);
  if (format === "paddleclas") {
    const size = await stat(path).then((s) => s.size, (error: unknown) => {
      throw readError(displayPath, error);
    });
    return {
      path,
      format,
      formatReason: reason,
      ...given,
      source: path,
      quotes: true,
      sparse: false,
      line: (line: number) => line,
      findings: [],
      rejected: [],
      unreadable: false,
      lines: -1,
      bytes: size,
      row: () => undefined,
      column: (_line: number, column: number) => column,
      value: () => undefined,
      dispose: async () => undefined,
    };
  }
  const reader = readers[format];
  if (reader === undefined) throw new LabellintError("LL_UNKNOWN_FORMAT", `unknown format '${format}'`);
  const maxClasses = options.maxClasses ?? DEFAULT_MAX_CLASSES;
  checkGivenClasses(options, maxClasses);
  const { Alignment, CanonicalWriter } = await import("./canonical.js");
  const writer = await CanonicalWriter.create(sparse && INDEX_FORMATS.includes(format), keepRecords && LINE_RECORD_FORMATS.includes(format));
  try {
    const outcome = await reader(
      { path, displayPath, writer, numClasses: options.numClasses, classNames: options.classNames, maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, maxClasses, generalLines: options.generalLines === true },
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
      sparse: writer.sparse,
      ...(outcome.frame !== undefined ? { frame: outcome.frame } : {}),
      ...(writer.recordsPath !== undefined ? { records: { path: writer.recordsPath, separator: format === "csv" ? "," : "\t", format } } : {}),
      source: path,
      // A JSON entry spans lines and shares them with others: its findings are not quoted.
      quotes: format !== "json",
      line: (line: number) => writer.originOf(line),
      findings: writer.findings,
      rejected: writer.rejected,
      unreadable: writer.unreadable,
      ...(writer.stoppedAt !== undefined ? { stoppedAt: writer.stoppedAt } : {}),
      ...(writer.stoppedWhy !== undefined ? { stoppedWhy: writer.stoppedWhy } : {}),
      lines: outcome.lines,
      bytes: outcome.bytes,
      row: (line: number) => writer.originRow(line),
      entryColumn: (line: number) => writer.entryColumnOf(line),
      column: (line: number, column: number, labelsColumn: number) => {
        const alignment = writer.alignmentOf(line);
        if (alignment === Alignment.Exact) return column;
        if (alignment === Alignment.PathOnly) return column < labelsColumn ? column : undefined;
        if (alignment === Alignment.Quoted) return column < labelsColumn - 1 ? column + 1 : column + writer.shiftOf(line);
        return undefined;
      },
      value: (line: number, classIndex: number) => {
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

/**
 * An unquoted CSV input as canonical lines without a copy (see
 * {@link planPlainCsv}): the same lines, origins and classes the csv reader
 * gives, or undefined when the file needs the csv reader.
 */
export async function openPlainCsv(path: string, options: ReadOptions, displayPath: string, formatReason: string): Promise<CanonicalInput | undefined> {
  const maxClasses = options.maxClasses ?? DEFAULT_MAX_CLASSES;
  checkGivenClasses(options, maxClasses);
  const { planPlainCsv, PlainCsvTransform } = await import("./csv-plain.js");
  const { headerClasses } = await import("./csv.js");
  const planned = await readableState(path, displayPath);
  const plan = await planPlainCsv(path, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, displayPath);
  if (plan === undefined) return undefined;
  const given = givenClasses(options);
  const classes = plan.header !== undefined ? headerClasses(plan.header, plan.headerLine!, given) : {};
  if (classes.numClasses !== undefined) checkClassCount(classes.numClasses, `${displayPath}: ${classes.classSource?.reason ?? "the file"}`, maxClasses);
  const { headerLine, blankLines } = plan;
  const line = (n: number): number => (headerLine !== undefined && n >= headerLine ? n + 1 : n);
  const blanksBefore = countBefore(blankLines);
  return {
    path,
    format: "csv",
    formatReason,
    sparse: false,
    ...given,
    ...classes,
    source: path,
    quotes: true,
    line,
    findings: [],
    rejected: [],
    unreadable: false,
    lines: plan.lines,
    bytes: plan.bytes,
    row: (n: number) => {
      const at = line(n);
      const before = blanksBefore(at);
      return blankLines[before] === at ? undefined : n - 1 - before;
    },
    column: (_line: number, column: number) => column,
    value: () => undefined,
    dispose: async () => undefined,
    transform: () => new PlainCsvTransform(plan),
    planned,
  };
}

/**
 * A csv or index-list input whose canonical lines are its own bytes (an
 * unquoted CSV through a transform, an index list of plain lines), opened
 * without a copy; undefined when it needs its reader ({@link openCanonical}).
 * `options.format` is the input's format, chosen already.
 */
export async function openInPlace(path: string, options: ReadOptions, displayPath: string): Promise<CanonicalInput | undefined> {
  if (options.columns !== undefined || options.generalLines === true) return undefined;
  const reason = options.formatReason ?? "given with --format";
  // An unquoted CSV: its lines, a comma for the first TAB (header and blank lines aside).
  if (options.format === "csv") {
    const plain = await openPlainCsv(path, options, displayPath, reason);
    return plain === undefined ? undefined : { ...plain, records: { path, separator: ",", inputLines: true } };
  }
  // Plain index lines: each is its own canonical line.
  if (options.format === "indices") {
    const plain = await openPlainIndices(path, options, displayPath, reason);
    return plain === undefined ? undefined : { ...plain, records: { path, separator: "\t", inputLines: true } };
  }
  return undefined;
}

/** How many of the ascending `lines` are below line `at`. */
function countBefore(lines: readonly number[]): (at: number) => number {
  return (at) => {
    let lo = 0;
    let hi = lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lines[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/**
 * An index list whose every line is plain or blank, as canonical lines
 * without a copy (see {@link planPlainIndices}): the input is its own sparse
 * canonical file, with the lines, rows, columns and classes {@link openCanonical}
 * would give; undefined when a line needs the index-list reader.
 */
export async function openPlainIndices(path: string, options: ReadOptions, displayPath: string, formatReason: string): Promise<CanonicalInput | undefined> {
  const maxClasses = options.maxClasses ?? DEFAULT_MAX_CLASSES;
  checkGivenClasses(options, maxClasses);
  const { planPlainIndices, inferredClassSource } = await import("./indices.js");
  const given = givenClasses(options);
  const numClasses = options.numClasses ?? options.classNames?.length;
  const planned = await readableState(path, displayPath);
  const plan = await planPlainIndices(path, displayPath, numClasses, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, maxClasses);
  if (plan === undefined) return undefined;
  const { blankLines } = plan;
  const blanksBefore = countBefore(blankLines);
  const blank = (n: number): boolean => blankLines[blanksBefore(n)] === n;
  return {
    path,
    format: "indices",
    formatReason,
    sparse: true,
    ...given,
    // C is the largest index + 1 when nothing gives it, as the index-list reader infers it.
    ...(numClasses === undefined ? { numClasses: plan.max + 1, classSource: inferredClassSource(plan.max, `line ${plan.maxLine}`) } : {}),
    source: path,
    quotes: true,
    line: (n: number) => n,
    findings: [],
    rejected: [],
    unreadable: false,
    lines: plan.lines,
    bytes: plan.bytes,
    row: (n: number) => (blank(n) ? undefined : n - 1 - blanksBefore(n)),
    // A blank line is carried as it is; a row's path keeps its columns, its indices stand for other values.
    column: (n: number, column: number, labelsColumn: number) => (blank(n) || column < labelsColumn ? column : undefined),
    value: () => undefined,
    dispose: async () => undefined,
    planned,
  };
}

/** C and the class names the options give, as a record input carries them. */
function givenClasses(options: ReadOptions): { numClasses?: number; classNames?: string[] } {
  return {
    ...(options.numClasses !== undefined ? { numClasses: options.numClasses } : {}),
    ...(options.classNames !== undefined ? { classNames: options.classNames } : {}),
  };
}

/** Refuses a given class count past the limit before anything is sized by it. */
function checkGivenClasses(options: ReadOptions, maxClasses: number): void {
  if (options.numClasses !== undefined) checkClassCount(options.numClasses, options.classSource?.reason ?? "--num-classes", maxClasses);
  if (options.classNames !== undefined) checkClassCount(options.classNames.length, options.classSource?.reason ?? "the class-name list", maxClasses);
}

export { isLineFormat };

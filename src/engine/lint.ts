import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ConfigResult, FileResult, FormatId, LintResult } from "../types.js";
import { checksImages, type LintOptions } from "./options.js";
import { LintSession } from "./session.js";
import { DEFAULT_MAX_LINE_BYTES, SNIFF_BYTES } from "../io/limits.js";
import { detectFormat } from "../readers/detect.js";
import { chooseFormat, isRecordFormat, openCanonical, openInPlace, type CanonicalInput } from "../readers/records.js";
import { bufferLineReader, bufferLineStream, fileLineReader, fileLineStream, assertUnchanged, type FileState, makeTempDir, readableState, readError, readFileChunks, readFileHead, transformedConsumer } from "../io/source.js";
import { openTextInput } from "../io/text-input.js";
import { dirname, resolve } from "node:path";
import { SplitIndex } from "./splits.js";
import { chooseConsumer, readAsConsumer } from "./facts.js";
import { stat } from "node:fs/promises";
import { lintInParts, meanLineBytes, partsFor } from "./parts.js";

import { VERSION } from "../version.js";
export { VERSION };

export interface FileInput {
  /** Where to read from. */
  path: string;
  /** How to name it in reports (defaults to `path`). */
  displayPath?: string;
  /** Per-file overrides, e.g. the split role. */
  options?: Partial<LintOptions>;
}

/**
 * Options with the image root set when images are checked: the one given,
 * else the directory of the label file (`of`), else — for standard input and
 * text, which have none, and for HashNet's ImageList, which opens a path as
 * written (relative to the directory training runs from) — the working directory.
 */
export function withImageRoot<T extends LintOptions>(options: T, of: string | undefined): T {
  if (!checksImages(options)) return options;
  const fromCwd = of === undefined || of === "-" || options.imagelistReader === "hashnet";
  return { ...options, imageRoot: resolve(options.imageRoot ?? (fromCwd ? process.cwd() : dirname(resolve(of)))) };
}

/** Lints one label file on disk. `-` reads standard input. */
export async function lintFile(path: string, given: LintOptions = {}, displayPath = path): Promise<FileResult> {
  const options = readAsConsumer(given);
  // Standard input, a FIFO or a device: read once, in order, into a temporary copy; gzip, decompressed
  // into one; a file that is not text, refused.
  const spool = await openTextInput(path, displayPath === "-" ? "<stdin>" : displayPath, options.maxSpoolBytes);
  if (spool !== undefined) {
    try {
      // Image paths in standard input are relative to the working directory, not the spool's; a FIFO's to its folder.
      return await lintFile(spool.path, { ...withImageRoot(options, path), transientInput: true, ...(spool.gunzipped === true ? { compressed: "gzip" as const } : {}) }, displayPath === "-" ? "<stdin>" : displayPath);
    } finally {
      await spool.dispose();
    }
  }
  // Taken before the head is sniffed: every report is about one version of the file (see `unchangedSince`).
  const before = await readableState(path, displayPath);
  const chosen = await lineFileOptions(path, options, displayPath);
  if (chosen.record !== undefined) return lintRecordFile(path, chosen.record, displayPath);
  const { size } = before;
  // Image paths are relative to the label file's directory unless an image root is given.
  const fileOptions = withImageRoot(chosen.options, path);
  const max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const reader = fileLineReader(path, max);
  // A large file on several threads: parts scanned by workers, merged exactly.
  let parts = partsFor(fileOptions, size);
  if (parts > 1) {
    // As many as its rows are worth (its head tells their mean length).
    const head = await readFileHead(path, SNIFF_BYTES, displayPath);
    parts = partsFor(fileOptions, size, meanLineBytes(head));
    if (parts > 1) {
      const result = await unchangedSince(before, path, displayPath, lintInParts(path, displayPath, fileOptions, parts, reader, fileLineStream(path, max), { head, size }));
      if (result !== undefined) return result;
    }
  }
  const session = new LintSession({ path: displayPath, options: fileOptions, sizeHint: size, ...(options.transientInput ? {} : { reread: reader, marks: true }) });
  const onChunk = options.onChunk;
  const consumer = onChunk === undefined ? session : { get buffering() { return session.buffering; }, push(chunk: Buffer) { onChunk(chunk); session.push(chunk); } };
  return unchangedSince(before, path, displayPath, (async () => {
    await readFileChunks(path, consumer, displayPath);
    return session.end(reader, fileLineStream(path, max));
  })());
}

/**
 * The lint of a file read in place, refused when the file's size or
 * modification time is not what it was before its head was sniffed: a list
 * still being written (cut short, appended to, rewritten) would otherwise be
 * reported as a mixture of versions — a last row cut in the middle, a
 * duplicate confirmed against a line that moved. Checked after a failure too,
 * so a change that made the read fail is named as the cause.
 */
async function unchangedSince<T>(before: FileState, path: string, displayPath: string, lint: Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await lint;
  } catch (error) {
    await assertUnchanged(before, path, displayPath);
    throw error;
  }
  await assertUnchanged(before, path, displayPath);
  return result;
}

/**
 * A file's format decided once: a record format (csv, indices, columns, json)
 * gives `record` (the options to read it as records with); a line format the
 * options to lint its lines with (a sniffed one passed on, so the session
 * does not sniff the same head again).
 */
export async function lineFileOptions(path: string, options: LintOptions, displayPath: string): Promise<{ options: LintOptions; record?: LintOptions; format?: FormatId }> {
  if (!wantsRecordCheck(options)) return { options, ...(options.format !== undefined && options.format !== "auto" ? { format: options.format } : {}) };
  const chosen = await chooseFormat(path, options, displayPath);
  if (isRecordFormat(chosen.format)) return { options, record: { ...options, format: chosen.format, formatReason: chosen.reason }, format: chosen.format };
  return { options: options.format === undefined || options.format === "auto" ? { ...options, sniffed: chosen } : options, format: chosen.format };
}

/** The format is not a given line format: the input may be read as records (csv, indices, columns, json). */
export function wantsRecordCheck(options: LintOptions): boolean {
  return options.format === undefined || options.format === "auto" || isRecordFormat(options.format) || options.columns !== undefined;
}

/** Lints a record-format file (csv, indices, columns, json) through its canonical lines (see {@link lintCanonical}). */
async function lintRecordFile(path: string, options: LintOptions, displayPath: string): Promise<FileResult> {
  // An unquoted CSV is linted as it is read, without csv-parse or a canonical copy; an index list
  // of plain lines is its own canonical file.
  const inPlace = await openInPlace(path, options, displayPath);
  if (inPlace !== undefined) return lintCanonical(inPlace, options, path, displayPath);
  // Only the engine reads these lines: index lists stay sparse (a row costs its indices, not C).
  const canonical = await openCanonical(path, options, displayPath, { sparse: true });
  try {
    return await lintCanonical(canonical, options, path, displayPath);
  } finally {
    await canonical.dispose();
  }
}

/** The lint options for a record input's canonical lines: paddleclas, C and names as the input declares them, images relative to the input. */
function canonicalOptions(canonical: CanonicalInput, options: LintOptions, originalPath: string): LintOptions {
  const { columns: _columns, onChunk: _onChunk, sparseRows: _sparseRows, ...rest } = options;
  const { consumer, reason } = chooseConsumer(canonical.format, options);
  return {
    ...rest,
    // The canonical lines are read by the program that reads the input.
    consumer: consumer.id,
    consumerReason: reason,
    canonicalOf: canonical.format,
    ...(canonical.sparse ? { sparseRows: true } : {}),
    unreadRecords: canonical.rejected.length + (canonical.rejected.length === 0 && canonical.unreadable ? 1 : 0),
    format: "paddleclas",
    formatReason: canonical.formatReason,
    // A temporary copy: cross-file state keeps what it needs of it in memory.
    transientInput: true,
    ...(canonical.numClasses !== undefined ? { numClasses: canonical.numClasses } : {}),
    ...(canonical.classNames !== undefined ? { classNames: canonical.classNames } : {}),
    ...(canonical.classSource !== undefined ? { classSource: canonical.classSource } : {}),
    ...(checksImages(options) ? { imageRoot: withImageRoot(options, originalPath).imageRoot } : {}),
  };
}

/**
 * Lints a record input's canonical lines (a paddleclas input, which is its
 * own canonical file, as it is). The session knows where each line comes
 * from: every problem is told at the input's own line, row and column (a
 * `columns` value at its per-class file's line), the reader's own findings
 * go through their rules' settings like any other, and the records the
 * reader left out count as rows that are not in the matrix.
 */
export async function lintCanonical(canonical: CanonicalInput, options: LintOptions, originalPath: string, displayPath = originalPath): Promise<FileResult> {
  if (canonical.format === "paddleclas" && canonical.path === originalPath && canonical.transform === undefined) return lintFile(originalPath, options, displayPath);
  const path = canonical.path;
  const size = await stat(path).then((s) => s.size, (error: unknown) => {
    throw readError(displayPath, error);
  });
  const max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const session = new LintSession({ path: displayPath, options: canonicalOptions(canonical, options, originalPath), sizeHint: size, origin: canonical });
  const { transform, planned } = canonical;
  const lint = async (): Promise<FileResult> => {
    if (transform === undefined) await readFileChunks(path, session, displayPath);
    else {
      const consumer = transformedConsumer(session, transform());
      await readFileChunks(path, consumer, displayPath);
      consumer.finish();
    }
    return session.end(fileLineReader(path, max, transform), fileLineStream(path, max, transform));
  };
  // An input read in place was planned from its bytes: if they changed since, the plan (and any error it led to) is not about this file.
  return planned === undefined ? lint() : unchangedSince(planned, path, displayPath, lint());
}

/** Copies bytes to a temporary file, for the readers that need a file. */
async function withTempFile<T>(bytes: Buffer, use: (path: string) => Promise<T>): Promise<T> {
  const temp = await makeTempDir();
  try {
    const path = join(temp.dir, "input");
    await writeFile(path, bytes);
    return await use(path);
  } finally {
    await temp.dispose();
  }
}

/** Lints label-file content held in memory (a string is taken as UTF-8). */
export async function lintText(content: string | Buffer, given: LintOptions = {}, displayPath = "<text>"): Promise<FileResult> {
  let options = readAsConsumer(given);
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  if (wantsRecordCheck(options)) {
    const sniffing = options.format === undefined || options.format === "auto";
    const detection = sniffing ? detectFormat(bytes.subarray(0, SNIFF_BYTES), displayPath, options) : undefined;
    const format = detection?.format ?? (options.format as FormatId);
    // A sniffed line format is passed on: the session does not sniff the same head again.
    if (detection !== undefined && !isRecordFormat(format)) options = { ...options, sniffed: { format, reason: `auto: ${detection.reason}` } };
    if (isRecordFormat(format)) {
      // Image paths in text are relative to the working directory.
      return withTempFile(bytes, (path) => lintFile(path, withImageRoot(options, undefined), displayPath));
    }
  }
  const max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const reader = bufferLineReader(bytes, max);
  const session = new LintSession({ path: displayPath, options, sizeHint: bytes.length, reread: reader });
  session.push(Buffer.from(bytes));
  return session.end(reader, bufferLineStream(bytes, max));
}

/** The result of a run: every file's (and training config's) findings, with totals. */
export function summarise(files: FileResult[], configs: ConfigResult[] = []): LintResult {
  let errorCount = 0;
  let warningCount = 0;
  let quietWarnings = 0;
  const fixable = { safe: 0, unsafe: 0 };
  for (const file of [...configs, ...files]) {
    errorCount += file.errorCount;
    warningCount += file.warningCount;
    quietWarnings += file.quietWarnings ?? 0;
    fixable.safe += file.fixable.safe;
    fixable.unsafe += file.fixable.unsafe;
  }
  const summary = { files: files.length, errorCount, warningCount, ...(quietWarnings > 0 ? { quietWarnings } : {}), fixable };
  return { version: VERSION, ...(configs.length > 0 ? { configs } : {}), files, summary };
}

/**
 * The order to lint a run's files in: train files first, so eval files can be
 * checked against them for split-leakage; results keep the input order.
 */
export function trainFirst(roles: readonly (string | undefined)[]): number[] {
  const order = roles.map((_, i) => i);
  return [...order.filter((i) => roles[i] !== "eval"), ...order.filter((i) => roles[i] === "eval")];
}

/** A split-leakage index for a run with both train and eval files (none otherwise: nothing to compare). */
export function runSplitIndex(roles: readonly (string | undefined)[]): SplitIndex | undefined {
  return roles.includes("eval") && roles.some((r) => r !== "eval") ? new SplitIndex() : undefined;
}

/**
 * Lints several files with shared options. Train files are linted first and
 * eval files then checked against them (split-leakage); results are in input order.
 * Returns what `--reporter json` prints: each file's `statistics` included
 * unless `statistics: false` is given.
 */
export async function lint(inputs: readonly (string | FileInput)[], given: LintOptions = {}, hooks: LintRunHooks = {}): Promise<LintResult> {
  const options: LintOptions = { ...given, statistics: given.statistics ?? true };
  const list = inputs.map((input) => (typeof input === "string" ? { path: input } : input));
  const roles = list.map((f) => f.options?.split ?? options.split);
  const splits = options.splits ?? runSplitIndex(roles);
  // Orphan images are judged once every file that checks images has named its own.
  const imageFiles = list.filter((f) => checksImages({ ...options, ...f.options })).length;
  const referencedImages = options.referencedImages ?? (imageFiles > 0 ? new (await import("../images/orphans.js")).ReferencedImages(imageFiles) : undefined);
  const files: FileResult[] = new Array<FileResult>(list.length);
  for (const i of trainFirst(roles)) {
    const file = list[i]!;
    try {
      const extra = (await hooks.fileStarting?.(i, file)) ?? {};
      files[i] = await lintFile(file.path, { ...options, ...(splits !== undefined ? { splits } : {}), ...(referencedImages !== undefined ? { referencedImages } : {}), ...file.options, ...extra }, file.displayPath ?? file.path);
    } finally {
      hooks.fileEnded?.(i);
    }
  }
  return summarise(files);
}

/** Calls around each file of a {@link lint} run (a command line's progress bars). */
export interface LintRunHooks {
  /** Before input `index` is linted; the options returned are laid over the file's (progress callbacks). */
  fileStarting?(index: number, input: FileInput): Promise<Partial<LintOptions>> | Partial<LintOptions>;
  /** After input `index` is linted, or failed. */
  fileEnded?(index: number): void;
}


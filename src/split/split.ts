import { mkdtemp, open, readdir, rm, rmdir, stat } from "node:fs/promises";
import { dirname, extname, join, resolve } from "node:path";
import { convert, type ConvertResult } from "../convert/convert.js";
import { SeparatedRows, writers } from "../convert/writers.js";
import { memberValues } from "../text/json-members.js";
import { DuplicateIndex } from "../engine/duplicate-index.js";
import { DEFAULT_MAX_LINE_BYTES } from "../io/limits.js";
import { exists, fileChunks, fileLineReader, readFileHead } from "../io/source.js";
import { openTextInput } from "../io/text-input.js";
import { LabellintError } from "../errors.js";
import { AtomicFile, commitAll, fileIdentity, writeError, type WriteFs } from "../fixer/atomic.js";
import { OWNER_PATTERN, OWNER_TAG, ownerGone, trackTemp, whileCreating } from "../io/temp-files.js";
import { makeFolders } from "../io/folders.js";
import { REJECTS_HEADER, rejectsPrefix, tsvField } from "../fixer/lines.js";
import type { PlanReason } from "../fixer/plan.js";
import { findingResolver } from "../engine/findings.js";
import { resolveRules } from "../engine/settings.js";
import { allRules } from "../rules/index.js";
import { isGzip } from "../io/text-input.js";
import { lineFormats } from "../readers/index.js";
import { sparseCanonical } from "../readers/sparse.js";
import type { LineFormat } from "../readers/format.js";
import { LineSplitter } from "../io/line-splitter.js";
import { normalisePathKey } from "../readers/path.js";
import { chooseFormat } from "../readers/records.js";
import { columnInputs } from "../readers/columns.js";
import { Row } from "../readers/row.js";
import type { LintOptions } from "../engine/options.js";
import { evaluate, pairsConsidered } from "./evaluate.js";
import { LabelMatrix } from "./matrix.js";
import { PairIndex } from "./pairs.js";
import { randomSplit, stratify, type Placement } from "./stratify.js";
import type { SplitClass, SplitFormatId, SplitInput, SplitResult } from "./types.js";

export interface SplitOptions extends LintOptions {
  /** Share of the rows in each split, e.g. `[0.8, 0.2]`; they must sum to 1 (within 1e-9). */
  ratios: readonly number[];
  /** File names of the splits (without extension); default `train, eval` for two, else `split0…`. */
  names?: readonly string[];
  /** Seed of the tie-breaks and of the random baseline (default 0). */
  seed?: number;
  /** Folder the split files and `rejects.tsv` are written to (created when missing). */
  outDir: string;
  /** Overwrite existing split and rejects files. */
  force?: boolean;
  /** How to name each input in messages and the rejects file (default: its path). */
  displayPaths?: readonly string[];
  /** How to name the output folder in the result (default: `outDir`). */
  displayOutDir?: string;
  /** Where the command line writes its report afterwards (`--output`): never one of the files split writes. */
  reportOutput?: { path: string; shown: string };
  /**
   * Files the run reads besides the label files (the class list, a config):
   * never one of the files split writes, `--force` or not (it replaces earlier
   * splits, not an input).
   */
  alsoRead?: readonly string[];
  /** The file-system calls that write the splits, the rejects file and the class list (tests inject faults). */
  writeFs?: WriteFs;
}

const SUM_TOLERANCE = 1e-9;
const MAX_SPLITS = 254;
const REJECTS_FILE = "rejects.tsv";
/** The inputs' class names, beside splits whose format has no place for them (PaddleClas `id name` lines). */
const CLASSES_FILE = "classes.txt";
/** split's work folder in the output folder: `.labellint-split-<pid>-<host>-XXXXXX`. */
const WORK_PREFIX = ".labellint-split-";

/** Removes work folders that split runs on this machine, no longer running, left in `dir`. */
async function removeStaleWorkDirs(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const pattern = new RegExp(`^${WORK_PREFIX.replace(/[.-]/g, "\\$&")}${OWNER_PATTERN}-`);
  for (const name of names) {
    const owner = pattern.exec(name);
    if (owner !== null && ownerGone(owner[1]!, owner[2]!)) await rm(join(dir, name), { recursive: true, force: true }).catch(() => undefined);
  }
}

/** The split names and ratios, checked: misuse is one clear error. */
export function splitPlan(ratios: readonly number[], names?: readonly string[]): { ratios: number[]; names: string[] } {
  if (!Array.isArray(ratios) || ratios.length < 2) throw new LabellintError("LL_USAGE", "split needs at least two ratios, e.g. --ratio 0.8,0.2");
  if (ratios.length > MAX_SPLITS) throw new LabellintError("LL_USAGE", `split writes at most ${MAX_SPLITS} splits, not ${ratios.length}`);
  for (const r of ratios) {
    if (typeof r !== "number" || !Number.isFinite(r) || r <= 0 || r >= 1) throw new LabellintError("LL_USAGE", `each ratio must be a number between 0 and 1 (exclusive), got '${String(r)}'`);
  }
  const sum = ratios.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > SUM_TOLERANCE) throw new LabellintError("LL_USAGE", `the ratios must sum to 1, but ${ratios.join(" + ")} = ${sum}`);
  const chosen = names !== undefined ? [...names] : ratios.length === 2 ? ["train", "eval"] : ratios.map((_, i) => `split${i}`);
  if (chosen.length !== ratios.length) throw new LabellintError("LL_USAGE", `${chosen.length} names for ${ratios.length} ratios: give one name per split`);
  for (const name of chosen) {
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(name)) throw new LabellintError("LL_USAGE", `split name '${name}' is not a plain file name (letters, digits, _ . -; not starting with . or -)`);
    if (name === "rejects") throw new LabellintError("LL_USAGE", "'rejects' names the rejects file; choose another split name");
  }
  if (new Set(chosen).size !== chosen.length) throw new LabellintError("LL_USAGE", `split names must differ: ${chosen.join(", ")}`);
  return { ratios: [...ratios], names: chosen };
}


/**
 * Splits label files into train/eval (or any number of) lists by iterative
 * stratification over classes and label pairs, and measures it beside a
 * random split with the same seed.
 *
 * The inputs are read as `convert` reads them (checked first; a row with an
 * error goes, verbatim with its reasons, to `rejects.tsv`; blank lines and a
 * header are dropped; values and separators are written canonically), so
 * several inputs — an existing train and eval list — are pooled and split
 * again. Each split is written in the inputs' line format (paddleclas for a
 * record format or mixed formats). A row whose image is listed earlier goes
 * where the first copy went, so no image lands in two splits.
 *
 * Memory: the label matrix (4 bytes per positive and per row), a 16-byte
 * path hash per row, and the stratifier's lists (4 bytes per class and
 * label pair of each row); rows are streamed again to write them. Every
 * input line is accounted for: `lines in = Σ rows per split + rejected +
 * dropped`, checked before any file is renamed into place.
 */
export async function split(inputs: string | readonly string[], options: SplitOptions): Promise<SplitResult> {
  const paths = typeof inputs === "string" ? [inputs] : [...inputs];
  if (paths.length === 0) throw new LabellintError("LL_USAGE", "split needs at least one input file");
  if (paths.filter((p) => p === "-").length > 1) throw new LabellintError("LL_USAGE", "standard input (-) can be read only once");
  const { ratios, names } = splitPlan(options.ratios, options.names);
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new LabellintError("LL_USAGE", `--seed must be an integer from 0 to 4294967295, got '${String(seed)}'`);
  if (options.outDir === undefined || options.outDir === "") throw new LabellintError("LL_USAGE", "split needs --out-dir DIR");
  const display = paths.map((p, i) => options.displayPaths?.[i] ?? (p === "-" ? "<stdin>" : p));

  const disposers: (() => Promise<void>)[] = [];
  let committed = false;
  try {
    // Standard input is spooled first, and a gzip input decompressed: its text's format decides the
    // output's (the compressed bytes read as no format), and it is read more than once.
    const files = [...paths];
    for (const [i, path] of paths.entries()) {
      const spool = await openTextInput(path, display[i]!, options.maxSpoolBytes);
      if (spool === undefined) continue;
      disposers.push(spool.dispose);
      files[i] = spool.path;
    }
    const { onProgress: _p, ratios: _r, names: _n, seed: _s, outDir: _o, force: _f, displayPaths: _d, displayOutDir: _do, reportOutput: _ro, writeFs: _wf, alsoRead: _ar, ...lintOptions } = options;
    const { format, reason, extension } = await outputFormat(files, paths, display, lintOptions);

    const dir = resolve(options.outDir);
    const shownDir = options.displayOutDir ?? options.outDir;
    if (await stat(dir).then((s) => !s.isDirectory(), () => false)) throw new LabellintError("LL_USAGE", `--out-dir '${shownDir}' is a file, not a folder`);
    // A run that writes nothing leaves no folder it made behind (still empty once its work folder is gone),
    // nor does one interrupted: each folder made is tracked, the outermost first, as it is made.
    const { created, untrackMade } = await whileCreating(async () => {
      const created = await makeFolders(dir, shownDir).catch((error: unknown) => {
        throw writeError(shownDir, error);
      });
      const made: string[] = [];
      if (created !== undefined) for (let at = dir; at.length >= created.length; at = dirname(at)) made.unshift(at);
      const untracks = made.map((at) => trackTemp(at, "empty-dir"));
      return { created, untrackMade: () => untracks.forEach((untrack) => untrack()) };
    });
    if (created !== undefined) {
      disposers.unshift(async () => {
        untrackMade();
        if (committed) return;
        for (let at = dir; at.length >= created.length; at = dirname(at)) {
          if (!(await rmdir(at).then(() => true, () => false))) break;
        }
      });
    }
    const fileNames = [...names.map((name) => `${name}${extension}`), REJECTS_FILE];
    const shownFiles = fileNames.map((name) => join(shownDir, name));
    // Compared by the file they reach: an input reached through a symlink or a linked folder is still an input.
    const inputsAt = new Set(await Promise.all([...paths.filter((p) => p !== "-"), ...(options.alsoRead ?? []), ...columnInputs(options).map((c) => c.path)].map((p) => fileIdentity(p))));
    // The report written after the splits would replace the split it names.
    const reportAt = options.reportOutput !== undefined ? await fileIdentity(options.reportOutput.path) : undefined;
    const notTheReport = async (target: string, shown: string) => {
      if (reportAt !== undefined && (await fileIdentity(target)) === reportAt) {
        throw new LabellintError("LL_USAGE", `--output '${options.reportOutput!.shown}' is '${shown}', a file split writes: the report would overwrite it`);
      }
    };
    for (const [i, name] of fileNames.entries()) {
      const target = join(dir, name);
      if (inputsAt.has(await fileIdentity(target))) throw new LabellintError("LL_USAGE", `'${shownFiles[i]}' is one of the inputs; choose another --out-dir or --names`);
      await notTheReport(target, shownFiles[i]!);
      if (!options.force && (await exists(target))) throw new LabellintError("LL_USAGE", `'${shownFiles[i]}' exists; pass --force to overwrite it`);
    }
    const targets = names.map((_, i) => join(dir, fileNames[i]!));
    const rejectsTarget = join(dir, REJECTS_FILE);

    // Work files beside the outputs, so the rejects file is renamed into place on the same file system.
    // The folder is named for this process: removed when the run is interrupted, and by a later run
    // when a killed one (kill -9) left it.
    await removeStaleWorkDirs(dir);
    const { work, untrack } = await whileCreating(async () => {
      const work = await mkdtemp(join(dir, `${WORK_PREFIX}${OWNER_TAG}-`)).catch((error: unknown) => {
        throw writeError(shownDir, error);
      });
      return { work, untrack: trackTemp(work, "dir") };
    });
    disposers.push(async () => {
      await rm(work, { recursive: true, force: true });
      untrack();
    });
    const rowsFile = join(work, format === "json" ? "rows.json" : "rows.txt");
    // Pooled inputs: the input line of every row, to name a row rejected after pooling (4 bytes a row).
    const rowLines = paths.length > 1 ? new RowLines() : undefined;
    const converted = await convert(files, {
      ...lintOptions,
      to: format,
      out: rowsFile,
      rejects: join(work, REJECTS_FILE),
      classNamesOut: join(work, CLASSES_FILE),
      force: true,
      displayPaths: display,
      writeFs: options.writeFs,
      checkOutput: false,
      ...(rowLines !== undefined ? { onRow: (_input: number, line: number) => rowLines.push(line) } : {}),
    }).catch((error: unknown) => {
      // The work folder is split's own: a full disk there is named as the output folder the user gave.
      if (error instanceof LabellintError && error.code === "LL_WRITE_FAILED" && error.message.includes(work)) throw writeError(shownDir, error.cause);
      throw error;
    });
    // An input read short of its end: its later rows would be in no split and not in the rejects file.
    if (converted.refused?.reason === "unread") {
      const stopped = converted.refused.stopped!;
      const cut = stopped.find((s) => s.why !== undefined);
      if (cut !== undefined) throw new LabellintError("LL_READ_FAILED", `no split was written: ${cut.path}: ${cut.why!}, and neither a split nor the rejects file would hold them`);
      const where = stopped.map((s) => `${s.path} cannot be read past line ${s.line.toLocaleString("en-US")}`).join("; ");
      throw new LabellintError("LL_READ_FAILED", `${where} (labellint check shows why), so no split was written: the rows after it would be in no split and not in the rejects file`);
    }
    // Every row has an error: empty splits help no one, and with --force they would replace good ones.
    // Nothing is written, as fix writes nothing then. (An input with no row at all splits into empty files.)
    const { rowsOut, rowsRejected } = converted.counts;
    if (rowsOut === 0 && rowsRejected > 0) {
      const why = converted.rejected.map((g) => `${g.rows.toLocaleString("en-US")} ${g.reason}`).join(", ");
      throw new LabellintError(
        "LL_NO_ROWS",
        `every row would go to the rejects file (${rowsRejected.toLocaleString("en-US")} ${rowsRejected === 1 ? "row" : "rows"}: ${why}), so no split was written; labellint check lists them, labellint fix repairs what it can`,
      );
    }
    // The inputs' own class names, when the splits' format has no place for them, go beside the splits.
    const classesTarget = converted.written.classNames !== undefined ? join(dir, CLASSES_FILE) : undefined;
    const shownClasses = join(shownDir, CLASSES_FILE);
    if (classesTarget !== undefined) {
      if (inputsAt.has(await fileIdentity(classesTarget))) throw new LabellintError("LL_USAGE", `'${shownClasses}' is one of the inputs; choose another --out-dir`);
      await notTheReport(classesTarget, shownClasses);
      if (!options.force && (await exists(classesTarget))) throw new LabellintError("LL_USAGE", `'${shownClasses}' exists; pass --force to overwrite it`);
    }
    const shown = { files: shownFiles.slice(0, -1), rejects: shownFiles[shownFiles.length - 1]!, ...(classesTarget !== undefined ? { classNames: shownClasses } : {}) };
    const pooled = rowLines !== undefined ? { rowLines, files, display, rules: options.rules } : undefined;
    const result = await splitRows(converted, rowsFile, { format, reason, targets, rejectsTarget, classesTarget, shown, names, ratios, seed, maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, several: paths.length > 1, pooled, fs: options.writeFs, replace: options.force === true });
    committed = true;
    return result;
  } finally {
    for (const dispose of disposers.reverse()) await dispose();
  }
}

/**
 * The format the splits are written in: the inputs' format when they share
 * a line format or are all index lists, else canonical paddleclas; the
 * extension of the first input when it is kept.
 */
async function outputFormat(files: readonly string[], paths: readonly string[], display: readonly string[], options: LintOptions): Promise<{ format: SplitFormatId; reason: string; extension: string }> {
  const formats = await Promise.all(files.map(async (f, i) => (await chooseFormat(f, options, display[i])).format));
  const first = formats[0]!;
  const same = formats.every((f) => f === first);
  // The splits are plain text: `voc.txt.gz` splits into `.txt` files.
  const ext = paths[0] !== "-" ? extname(paths[0]!.replace(/\.gz$/i, "")) : "";
  // An index list splits into index lists (the positives only: at C = 670,091 a paddleclas row is 1.3 MB).
  if (same && (first === "paddleclas" || first === "spaced" || first === "indices")) {
    return { format: first, reason: paths.length > 1 ? "the inputs' format" : "the input's format", extension: ext !== "" ? ext : ".txt" };
  }
  // mmpretrain annotation files split into annotation files (each entry as written, with its other keys).
  if (same && first === "json") return { format: "json", reason: paths.length > 1 ? "the inputs' format" : "the input's format", extension: ".json" };
  // A mix of json and index lists: their labels are all index lists.
  if (formats.every((f) => f === "json" || f === "indices")) return { format: "indices", reason: "every input's labels are index lists", extension: ".txt" };
  const why = same ? `${first} is a record format` : `the inputs are in different formats (${[...new Set(formats)].join(", ")})`;
  return { format: "paddleclas", reason: `canonical form, as ${why}`, extension: ".txt" };
}

interface SplitWork {
  format: SplitFormatId;
  reason: string;
  targets: string[];
  rejectsTarget: string;
  /** Where the inputs' class names go (a class list), when the splits' format cannot hold them. */
  classesTarget: string | undefined;
  /** The files written, as named in the result. */
  shown: { files: string[]; rejects: string; classNames?: string };
  names: string[];
  ratios: number[];
  seed: number;
  maxLineBytes: number;
  several: boolean;
  /** Several inputs: where each row came from, to reject a copy that conflicts with a row of another input. */
  pooled: Pooled | undefined;
  fs: WriteFs | undefined;
  /** Whether the splits may replace files already there (--force); else one that appears meanwhile fails the commit. */
  replace: boolean;
}

interface Pooled {
  rowLines: RowLines;
  /** The inputs as read (standard input's spool) and as named. */
  files: readonly string[];
  display: readonly string[];
  rules: LintOptions["rules"];
}

/** The input line of each pooled row, in row order: 4 bytes a row. */
class RowLines {
  private lines = new Int32Array(1 << 12);
  private count = 0;

  push(line: number): void {
    if (this.count === this.lines.length) {
      const grown = new Int32Array(this.lines.length * 2);
      grown.set(this.lines);
      this.lines = grown;
    }
    this.lines[this.count++] = line;
  }

  at(row: number): number {
    return this.lines[row]!;
  }

  get bytes(): number {
    return this.lines.byteLength;
  }
}

/**
 * The entries of an annotation file convert wrote (`json`: an opening line,
 * one entry a line, a closing line) as the sparse index lines they stand for
 * (`path<TAB>i1,i2`, ascending), one a row, in a file beside it: what the
 * stratification reads. Each entry is read by its members' spans (another
 * key may hold what only Python's json reads).
 */
async function entriesAsIndexLines(file: string, rows: number, maxLineBytes: number, shownDir: string): Promise<string> {
  const path = `${file}.rows.txt`;
  // A full disk is named as the output folder the user gave (this is split's work file in it).
  const handle = await open(path, "w").catch((error: unknown) => {
    throw writeError(shownDir, error);
  });
  try {
    let pending = "";
    let at = 0;
    const splitter = new LineSplitter((buf, start, end) => {
      const n = at++;
      if (n === 0 || n > rows) return;
      const entry = buf.toString("utf8", start, buf[end - 1] === 0x2c ? end - 1 : end);
      const spans = memberValues(entry);
      const value = (key: string): unknown => {
        const span = spans.get(key);
        return span === undefined ? undefined : JSON.parse(entry.slice(span[0], span[1]));
      };
      const labels = value("gt_label");
      const indices = [...new Set((Array.isArray(labels) ? labels : [labels]) as number[])].sort((x, y) => x - y);
      pending += `${String(value("img_path"))}\t${indices.join(",")}\n`;
    }, maxLineBytes);
    for await (const chunk of fileChunks(file)) {
      splitter.push(chunk);
      if (pending.length >= 1 << 20) {
        await handle.appendFile(pending);
        pending = "";
      }
    }
    splitter.end();
    await handle.appendFile(pending);
  } catch (error) {
    // A system error (a full disk) is the output folder's; anything else is as it is.
    throw error instanceof LabellintError || typeof (error as { code?: unknown }).code !== "string" ? error : writeError(shownDir, error);
  } finally {
    await handle.close();
  }
  return path;
}

async function splitRows(converted: ConvertResult, written: string, work: SplitWork): Promise<SplitResult> {
  // Index lists are written as convert writes them (ascending, each index once): sparse canonical lines.
  // An annotation file's entries are read as the index lines they stand for (the splits get the entries).
  const json = work.format === "json";
  // The rows convert wrote (an annotation file's entries): pooled conflicts rejected below leave them in the file.
  const rowsWritten = converted.counts.rowsOut;
  const rowsFile = json ? await entriesAsIndexLines(written, converted.counts.rowsOut, work.maxLineBytes, dirname(work.shown.rejects)) : written;
  const format = work.format === "indices" || work.format === "json" ? sparseCanonical(converted.numClasses) : lineFormats[work.format];
  const F = work.ratios.length;

  // Pass 1: the label matrix and a path hash per row.
  const read = await readMatrix(rowsFile, format, converted.numClasses, work.maxLineBytes, converted.counts.rowsOut);
  const { duplicates } = read;
  let matrix = read.matrix;
  const confirmed = await confirmLeaders(rowsFile, format, duplicates, work.maxLineBytes);
  let leaders = confirmed.leaders;
  // Pooled inputs: a copy of an image another input lists with other labels is rejected, as one file's is.
  const conflicts = work.pooled !== undefined ? await rejectConflicts(leaders, confirmed.differing, rowsFile, format, converted, work.pooled, work.maxLineBytes, json ? written : undefined) : undefined;
  if (conflicts !== undefined) ({ matrix, leaders } = withoutRows(matrix, leaders, conflicts.rows));
  const units: number[] = [];
  for (let r = 0; r < matrix.rows; r++) if (!leaders.has(r)) units.push(r);
  const pairs = new PairIndex(matrix);
  const placement: Placement = { matrix, units: Int32Array.from(units), pairs, ratios: work.ratios, seed: work.seed };
  const stratified = stratify(placement);
  const random = randomSplit(placement);
  // Leaders come first, so one pass in row order settles every copy.
  for (const [row, leader] of leaders) {
    stratified[row] = stratified[leader]!;
    random[row] = random[leader]!;
  }
  const [stratifiedQuality, randomQuality] = evaluate(matrix, pairs, F, [stratified, random]);

  // Pass 2: every row to its split, then the conservation check, then the renames.
  const outs: AtomicFile[] = [];
  let rejects: AtomicFile | undefined;
  const perSplit = new Array<number>(F).fill(0);
  try {
    for (const target of work.targets) outs.push(await AtomicFile.create(target, { fs: work.fs, replace: work.replace }));
    // An annotation file's entries go between its opening line and its closing one, commas between them.
    const sinks = json ? outs.map((out) => new SeparatedRows(out, ",")) : outs;
    let line = 0;
    let placedRow = 0;
    let fileLine = 0;
    const splitter = new LineSplitter((buf, start, end) => {
      if (json) {
        // Line 1 opens the file (metainfo and all), the line after the last entry closes it.
        const at = fileLine++;
        if (at === 0) for (const out of outs) out.write(`${buf.toString("utf8", start, end)}\n`);
        if (at === 0 || at > rowsWritten) return;
        if (buf[end - 1] === 0x2c) end--;
      }
      if (conflicts?.rows.has(line++) === true) return;
      const f = stratified[placedRow++]!;
      perSplit[f]!++;
      const out = sinks[f]!;
      out.writeBytes(buf, start, end);
      out.write("\n");
    }, work.maxLineBytes);
    for await (const chunk of fileChunks(written)) {
      splitter.push(chunk);
      for (const out of outs) await out.drain();
    }
    splitter.end();
    if (json) {
      for (const sink of sinks) (sink as SeparatedRows).end();
      for (const out of outs) out.write(`${writers.json.footer!}\n`);
    }
    const c = converted.counts;
    const placed = perSplit.reduce((a, b) => a + b, 0);
    const conserved = placed === c.rowsOut && placed === matrix.rows && c.linesIn === placed + c.rowsRejected + c.linesDropped;
    if (!conserved) {
      throw new Error(`rows do not add up: ${c.linesIn} in, ${placed} placed in splits (${c.rowsOut} converted, ${matrix.rows} read), ${c.rowsRejected} rejected, ${c.linesDropped} dropped`);
    }
    if (converted.written.rejects === undefined || conflicts !== undefined) {
      rejects = await AtomicFile.create(work.rejectsTarget, { fs: work.fs, replace: work.replace });
      if (converted.written.rejects === undefined) rejects.write(work.several ? `file\t${REJECTS_HEADER}` : REJECTS_HEADER);
      await mergeRejects(rejects, converted.written.rejects, conflicts?.written ?? [], work.pooled?.display ?? []);
    }
    // The rejects file and the class list go into place first, the splits last, as one commit: an
    // interruption waits for it, and a failure puts back what each target held — every file or none.
    const adopted = [
      ...(rejects === undefined ? [await AtomicFile.adopt(converted.written.rejects!, work.rejectsTarget, { fs: work.fs, replace: work.replace })] : []),
      ...(work.classesTarget !== undefined ? [await AtomicFile.adopt(converted.written.classNames!, work.classesTarget, { fs: work.fs, replace: work.replace })] : []),
    ];
    await commitAll([...(rejects !== undefined ? [rejects] : []), ...adopted, ...outs], undefined, work.fs);
  } catch (error) {
    for (const out of outs) await out.abort();
    await rejects?.abort();
    throw error;
  }

  const names = converted.classNames;
  const total = matrix.positives();
  const classes: SplitClass[] = Array.from(total, (positives, index) => ({
    index,
    ...(names?.[index] !== undefined ? { name: names[index] } : {}),
    positives,
    stratified: stratifiedQuality!.positives[index]!,
    random: randomQuality!.positives[index]!,
  }));
  const c = converted.counts;
  const inputs: SplitInput[] = converted.inputs.map((i) => ({ path: i.path, format: i.format, formatReason: i.formatReason, records: i.records, errors: i.errors, warningCount: i.check.warningCount, counts: i.counts }));
  const held = matrix.bytes + duplicates.bytes + 2 * matrix.rows + (work.pooled?.rowLines.bytes ?? 0);
  return {
    inputs,
    format: work.format,
    formatReason: work.reason,
    numClasses: converted.numClasses,
    ...(names !== undefined ? { classNames: names } : {}),
    seed: work.seed,
    names: work.names,
    ratios: work.ratios,
    counts: { ...c, perSplit },
    conserved: true,
    rejected: converted.rejected,
    dropped: converted.dropped,
    duplicatesPlaced: leaders.size,
    pairsConsidered: pairsConsidered(pairs),
    stratified: stratifiedQuality!,
    random: randomQuality!,
    classes,
    memory: { matrixBytes: held, bytesPerRow: matrix.rows > 0 ? held / matrix.rows : 0 },
    written: work.shown,
  };
}

/** Reads the canonical rows: each row's positive classes into the matrix, its path hash into a duplicate index. */
async function readMatrix(file: string, format: LineFormat, numClasses: number, maxLineBytes: number, rows: number): Promise<{ matrix: LabelMatrix; duplicates: DuplicateIndex }> {
  const matrix = new LabelMatrix(numClasses);
  // Sized for the rows convert wrote: grown from the default it was rehashed some twenty times on a million rows.
  const duplicates = new DuplicateIndex(rows);
  const row = new Row();
  let line = 0;
  const splitter = new LineSplitter((buf, start, end) => {
    row.reset(buf, start, end, ++line);
    format.parse(row);
    matrix.add(row.ones, row.numOnes);
    duplicates.add(row.hashHi, row.hashLo, line);
  }, maxLineBytes);
  for await (const chunk of fileChunks(file)) splitter.push(chunk);
  splitter.end();
  return { matrix, duplicates };
}

/**
 * Rows whose image an earlier row already lists (same normalised path), each
 * with the row of its first copy, and those of them whose labels are not the
 * first copy's (their canonical label text differs: a −1 is not a 0). A hash
 * match is only a candidate: both lines are re-read and their paths compared.
 */
async function confirmLeaders(file: string, format: LineFormat, duplicates: DuplicateIndex, maxLineBytes: number): Promise<{ leaders: Map<number, number>; differing: Set<number> }> {
  const leaders = new Map<number, number>();
  const differing = new Set<number>();
  if (duplicates.candidates === 0) return { leaders, differing };
  const pairs = [...duplicates.pairsInOrder()];
  const wanted = [...new Set(pairs.flat())].sort((a, b) => a - b);
  const lines = await fileLineReader(file, maxLineBytes)(wanted);
  const row = new Row();
  const read = (line: number): { key: string; labels: string } | undefined => {
    const data = lines.get(line);
    if (data === undefined) return undefined;
    row.reset(data.bytes, 0, data.bytes.length, line);
    format.parse(row);
    return { key: normalisePathKey(data.bytes.toString("utf8", row.pathStart, row.pathEnd)), labels: data.bytes.toString("latin1", row.labelsStart, data.bytes.length) };
  };
  for (const [later, first] of pairs) {
    const a = read(later);
    const b = read(first);
    if (a === undefined || b === undefined || a.key !== b.key) continue;
    leaders.set(later - 1, first - 1);
    if (a.labels !== b.labels) differing.add(later - 1);
  }
  return { leaders, differing };
}

/** A rejects row of pooled inputs, with the input and line it names. */
interface PooledReject {
  input: number;
  line: number;
  text: string;
}

/** What pooling rejected: the rows (0-based, in the rows file) and their rejects rows, in row order. */
interface PooledRejects {
  rows: Set<number>;
  written: PooledReject[];
}

/**
 * Writes convert's rejects file (header included) with the rows pooling rejected merged in, so the
 * rejects file stays in input and line order. convert's rows are copied as bytes (a row may be
 * longer than any line limit, or hold a lone CR inside a quoted field): only their first two
 * columns are read, to find where each added row goes.
 */
async function mergeRejects(out: AtomicFile, converted: string | undefined, added: readonly PooledReject[], display: readonly string[]): Promise<void> {
  if (converted === undefined) {
    for (const row of added) out.write(row.text);
    return;
  }
  const inputs = new Map(display.map((name, i) => [tsvField(name), i]));
  // Where each added row goes: before the first row of convert's that comes after it.
  const at: number[] = [];
  const place = (input: number, line: number, offset: number) => {
    while (at.length < added.length && (added[at.length]!.input < input || (added[at.length]!.input === input && added[at.length]!.line < line))) at.push(offset);
  };
  const HEAD = 4096;
  let offset = 0;
  let rowStart = 0;
  let head: number[] = [];
  let header = true;
  const endRow = () => {
    if (!header) {
      const text = Buffer.from(head).toString("utf8");
      const [file, line] = text.split("\t", 2);
      const input = file !== undefined ? inputs.get(file) : undefined;
      if (input !== undefined && line !== undefined && /^\d+$/.test(line)) place(input, Number(line), rowStart);
    }
    header = false;
    head = [];
  };
  for await (const chunk of fileChunks(converted)) {
    for (let i = 0; i < chunk.length; i++) {
      if (head.length < HEAD) head.push(chunk[i]!);
      if (chunk[i] === 10) {
        endRow();
        rowStart = offset + i + 1;
      }
    }
    offset += chunk.length;
  }
  let copied = 0;
  for (const [k, row] of added.entries()) {
    const before = at[k] ?? offset;
    if (before > copied) out.copyFrom(converted, copied, before);
    copied = Math.max(copied, before);
    out.write(row.text);
  }
  if (offset > copied) out.copyFrom(converted, copied, offset);
}

/**
 * Pooled inputs each pass their own check, which never sees the others: an image one input lists
 * with other labels than an earlier input is a conflicting duplicate only here. The later copy is
 * rejected, as `convert` rejects one within a file, when the rule is an error for the inputs'
 * reader; it is written to the rejects file as the input has it, and the counts move it from the
 * rows out to the rows rejected.
 */
/**
 * `entriesFile`: for annotation files, convert's annotation file, whose line r + 2 holds row r's entry
 * as its input wrote it (followed by a comma but for the last): a rejected entry goes to the rejects
 * file as written, with its other keys, not as the index line it stands for.
 */
async function rejectConflicts(
  leaders: ReadonlyMap<number, number>,
  differing: ReadonlySet<number>,
  rowsFile: string,
  format: LineFormat,
  converted: ConvertResult,
  pooled: Pooled,
  maxLineBytes: number,
  entriesFile?: string,
): Promise<PooledRejects | undefined> {
  const conflicting = [...leaders].filter(([row]) => differing.has(row));
  if (conflicting.length === 0) return undefined;
  const rule = resolveRules(allRules, pooled.rules).find((r) => r.rule.meta.name === "conflicting-duplicate");
  if (rule === undefined) return undefined;
  // Rows are written input after input: the input of a row is found from the rows each wrote.
  const ends: number[] = [];
  let total = 0;
  for (const input of converted.inputs) ends.push((total += input.counts.rowsOut));
  const inputOf = (row: number) => ends.findIndex((end) => row < end);
  const chosen = conflicting.filter(([row]) => findingResolver(rule, converted.inputs[inputOf(row)]!.check.consumer).severity("conflict") === "error");
  if (chosen.length === 0) return undefined;

  // The rows as written (their paths), and each rejected row as its input has it (a line format read as is).
  const canonical = await fileLineReader(rowsFile, maxLineBytes)([...new Set(chosen.flat())].map((r) => r + 1).sort((a, b) => a - b));
  const parsed = new Row();
  const pathOf = (row: number): string => {
    const bytes = canonical.get(row + 1)!.bytes;
    parsed.reset(bytes, 0, bytes.length, row + 1);
    format.parse(parsed);
    return bytes.toString("utf8", parsed.pathStart, parsed.pathEnd);
  };
  // A line format's rows, a csv record's and an index line's are each one line of the input: that line is the row as written.
  const originals = new Map<number, Map<number, { bytes: Buffer }>>();
  for (const input of new Set(chosen.map(([row]) => inputOf(row)))) {
    const file = pooled.files[input]!;
    const { records, format } = converted.inputs[input]!;
    const asIs = (!records || format === "csv" || format === "indices") && !isGzip(await readFileHead(file, 2));
    if (asIs) originals.set(input, await fileLineReader(file, maxLineBytes)([...new Set(chosen.filter(([row]) => inputOf(row) === input).map(([row]) => pooled.rowLines.at(row)))].sort((a, b) => a - b)));
  }
  const entries = entriesFile !== undefined ? await fileLineReader(entriesFile, maxLineBytes)([...new Set(chosen.map(([row]) => row + 2))].sort((a, b) => a - b)) : undefined;
  /** The row as its input has it; its canonical line when the input's line is not the row's (it does not hold its path). */
  const rowText = (row: number, input: number, line: number, path: string): string => {
    const entry = entries?.get(row + 2)?.bytes.toString("utf8");
    if (entry !== undefined) return entry.endsWith(",") ? entry.slice(0, -1) : entry;
    const original = originals.get(input)?.get(line)?.bytes.toString("utf8");
    return original !== undefined && original.includes(path) ? original : canonical.get(row + 1)!.bytes.toString("utf8");
  };

  const rows = new Set<number>();
  const written: PooledReject[] = [];
  const groups = new Map(converted.rejected.map((g) => [g.reason, g]));
  for (const [row, first] of chosen) {
    const input = inputOf(row);
    const firstInput = inputOf(first);
    const line = pooled.rowLines.at(row);
    const firstLine = pooled.rowLines.at(first);
    const resolver = findingResolver(rule, converted.inputs[input]!.check.consumer);
    const path = pathOf(row);
    const firstPath = pathOf(first);
    const message = resolver.message("conflict", {
      path,
      first: firstInput === input ? `${firstLine}` : `${firstLine} of ${pooled.display[firstInput]}`,
      as: firstPath !== path ? ` as '${firstPath}' (the same file, spelled differently)` : "",
    });
    const reasons: PlanReason[] = [{ code: rule.rule.meta.code, rule: rule.rule.meta.name, message }];
    const text = rowText(row, input, line, path);
    written.push({ input, line, text: `${tsvField(pooled.display[input]!)}\t${rejectsPrefix(line, reasons)}${text}\n` });
    rows.add(row);
    for (const counts of [converted.counts, converted.inputs[input]!.counts]) {
      counts.rowsOut--;
      counts.rowsRejected++;
    }
    const group = groups.get(rule.rule.meta.name);
    if (group !== undefined) group.rows++;
    else {
      const added = { reason: rule.rule.meta.name, rows: 1, first: `${pooled.display[input]}:${line}` };
      groups.set(added.reason, added);
      converted.rejected.push(added);
    }
  }
  return { rows, written };
}

/** The matrix without `drop`'s rows, and the copies' first rows renumbered to match (a dropped row is a later copy, never a first). */
function withoutRows(matrix: LabelMatrix, leaders: ReadonlyMap<number, number>, drop: ReadonlySet<number>): { matrix: LabelMatrix; leaders: Map<number, number> } {
  const kept = new LabelMatrix(matrix.numClasses);
  const renumbered = new Int32Array(matrix.rows);
  for (let r = 0, k = 0; r < matrix.rows; r++) {
    if (drop.has(r)) {
      renumbered[r] = -1;
      continue;
    }
    renumbered[r] = k++;
    const start = matrix.start(r);
    kept.add(matrix.values.subarray(start, matrix.end(r)), matrix.end(r) - start);
  }
  const copies = new Map<number, number>();
  for (const [row, first] of leaders) if (!drop.has(row)) copies.set(renumbered[row]!, renumbered[first]!);
  return { matrix: kept, leaders: copies };
}

import { dirname, relative, resolve, sep } from "node:path";
import { exists } from "../io/source.js";
import { isTextFile, openTextInput } from "../io/text-input.js";
import { lintCanonical, lintFile, VERSION, withImageRoot } from "../engine/lint.js";
import { checksImages } from "../engine/options.js";
import { DEFAULT_MAX_LINE_BYTES } from "../io/limits.js";
import { LabellintError } from "../errors.js";
import { formatCount, plural } from "../text/numbers.js";
import { isLineFormat, lineFormats } from "../readers/index.js";
import { sparseCanonical } from "../readers/sparse.js";
import { columnInputs } from "../readers/columns.js";
import { allRules } from "../rules/index.js";
import type { FileAction, FileResult, Problem } from "../types.js";
import type { LintOptions } from "../engine/options.js";
import { classListFor, SeparatedRows, wideRowsProblem, writers, type RowWriter } from "../convert/writers.js";
import { assertReplaceable, AtomicFile, fileIdentity, commitAll, nodeWriteFs, type OutputOptions, type WriteFs } from "./atomic.js";
import { InputGuard, digestFile } from "./input-guard.js";
import { InputLock, lockPathOf } from "./lock.js";
import { FILE_ACTIONS, type FixCounts, type FixPlan, type PlanFileAction, type PlanReason } from "./plan.js";
import { decide, fixerRules, keepsMinusOne, ProblemIndex, splitsLine, UNLISTED_BY_REWRITE, type RepairContext } from "./repair.js";
import { joinedLines } from "./joined-lines.js";
import { joinShapeOf } from "../engine/classify.js";
import { REJECTS_HEADER } from "./lines.js";
import { rewriteLines, type RewriteOutcome } from "./rewrite.js";
import { openRecordInput, recordRejecter, type RecordInput } from "./record-input.js";

export interface FixOptions extends LintOptions {
  /** Where the corrected file goes (required unless `dryRun` or `inPlace`). */
  out?: string;
  /** Rejects file (TSV); default `OUT.rejects.tsv`. */
  rejects?: string;
  /** Where to write the plan (JSON). */
  plan?: string;
  /**
   * Where the input's own class names (a CSV header, mmpretrain `metainfo`, a
   * header row) go, since no output format of fix can hold them: a PaddleClas
   * class list, `id name` lines; default `OUT.classes.txt`. Not written when
   * the names were given (`classNames`).
   */
  classNamesOut?: string;
  unsafeFixes?: boolean;
  /** Compute everything, write nothing. */
  dryRun?: boolean;
  inPlace?: boolean;
  /** Backup suffix for `inPlace` (default `.bak`; `""` for none). */
  backup?: string;
  /** Overwrite an existing output, rejects or plan file. */
  force?: boolean;
  /** Output format (default: the input's own line format, paddleclas or spaced; paddleclas for a record input). */
  to?: "paddleclas" | "spaced" | "indices" | "json";
  /** How to name the input in the plan and messages. */
  displayPath?: string;
  /**
   * Keep every edit, drop and reject in the returned plan (default true).
   * Off, memory stays flat however many lines change; counts stay exact.
   */
  recordPlan?: boolean;
  /** The file-system calls that write (tests inject faults). */
  writeFs?: WriteFs;
  /** @internal The input is a decompressed copy of the named file: the plan cannot say where it is. */
  decompressedCopy?: boolean;
}

export interface FixResult {
  plan: FixPlan;
  counts: FixCounts;
  /** The check of the input that the fixes come from. */
  before: FileResult;
  /** The check of what was written (absent on a dry run). */
  after?: FileResult;
  /** Why the written output could not be checked again (it was written all the same). */
  afterError?: string;
  written: { output?: string; rejects?: string; plan?: string; backup?: string; classNames?: string };
  /** With --in-place, the input's other hard links: a new file took its name, so they still hold the original. */
  otherLinks?: number;
  /** Why the input's class names were not written beside the output (a name a class list cannot hold). */
  classNamesNotWritten?: string;
  /**
   * Why nothing was written though the input has rows: every row would have
   * gone to the rejects file (an output with no row helps no one, and
   * `--in-place` would empty the input). The counts and plan say where each
   * line would have gone.
   */
  refused?: string;
}

/** `input` relative to the folder of the plan file `plan`, `/`-separated (as a plan records it for apply). */
function pathFromPlan(plan: string, input: string): string {
  return relative(dirname(resolve(plan)), resolve(input)).split(sep).join("/");
}

/**
 * Fixes one label file: checks it, then streams it again and writes every
 * line either to the output (canonical, fixed), to the rejects file
 * (verbatim, with line number and reasons), or nowhere with a reason in the
 * plan (blank, header, duplicate). `linesIn + linesSplit = rowsOut + rowsRejected + linesDropped`
 * (a line holding two rows is written as two).
 */
/**
 * The files `fix FILE --in-place` writes beside FILE with the default names
 * (`check --fix` writes these): what else the run writes must not be one of them.
 */
export function inPlaceWrites(input: string): [what: string, path: string][] {
  return [
    ["the backup", `${input}.bak`],
    ["the rejects file", `${input}.rejects.tsv`],
    ["the class list", `${input}.classes.txt`],
    ["the lock file", lockPathOf(input)],
  ];
}

export async function fix(input: string, options: FixOptions = {}): Promise<FixResult> {
  const displayPath = options.displayPath ?? input;
  if (input === "-") throw new LabellintError("LL_USAGE", "fix needs a file, not standard input (it reads the input twice)");
  if (options.inPlace && options.out !== undefined) throw new LabellintError("LL_USAGE", "--in-place and --out exclude each other");
  if (!options.inPlace && !options.dryRun && options.out === undefined) {
    throw new LabellintError("LL_USAGE", "fix needs --out FILE (or --in-place, or --dry-run)");
  }
  const output = options.inPlace ? input : options.out;
  if (output !== undefined && !options.inPlace && (await fileIdentity(output)) === (await fileIdentity(input))) {
    throw new LabellintError("LL_USAGE", "--out is the input file; use --in-place to rewrite it (a backup is kept)");
  }
  const rejectsPath = options.rejects ?? (output !== undefined ? `${output}.rejects.tsv` : undefined);
  const backupPath = options.inPlace && options.backup !== "" ? `${input}${options.backup ?? ".bak"}` : undefined;
  // Known after the check: written only when the input names its classes itself.
  const namesPath = output !== undefined && options.classNames === undefined ? (options.classNamesOut ?? `${output}.classes.txt`) : undefined;
  if (!options.dryRun) {
    // Each file written must be its own, and none of them the input (the output aside, with --in-place):
    // two of them on one path would leave only the one renamed last.
    const named: [string, string | undefined][] = [["--out", output], ["--rejects", rejectsPath], ["--plan", options.plan], ["the backup", backupPath], ["--class-names-out", namesPath]];
    // Paths compared by the file they reach, not their spelling; the lock an in-place run holds is taken too.
    const seen = new Map<string, string>(options.inPlace ? [[await fileIdentity(lockPathOf(input)), "the lock file"]] : [[await fileIdentity(input), "the input"]]);
    for (const { path, what } of columnInputs(options)) seen.set(await fileIdentity(path), what);
    for (const [what, path] of named) {
      if (path === undefined) continue;
      const id = await fileIdentity(path);
      const other = seen.get(id);
      if (other !== undefined) throw new LabellintError("LL_USAGE", `${what} '${path}' is also ${other}`);
      seen.set(id, what === "--out" && options.inPlace ? "the input" : what);
      // A directory, device or link in the way is found now, not after other files were renamed into place.
      await assertReplaceable(path);
    }
  }
  if (!options.dryRun && !options.force) {
    // The rejects file too, named or not: it may hold the only copy of lines an earlier run quarantined.
    const clobbered = [options.inPlace ? undefined : output, rejectsPath, options.plan, backupPath].filter((p): p is string => p !== undefined);
    for (const path of clobbered) {
      if (await exists(path)) throw new LabellintError("LL_USAGE", `'${path}' exists; pass --force to overwrite it`);
    }
  }

  if (!(await isTextFile(input, displayPath))) {
    // A gzip input is fixed through its decompressed copy; other files that are not text are refused here.
    if (options.inPlace) throw new LabellintError("LL_USAGE", `${displayPath} is gzip-compressed: fix it with --out FILE (uncompressed text), not --in-place`);
    const plain = (await openTextInput(input, displayPath, options.maxSpoolBytes))!;
    try {
      return await fix(plain.path, { ...options, displayPath, decompressedCopy: true });
    } finally {
      await plain.dispose();
    }
  }
  // The input is read twice: it must be a file, and the same file both times.
  const guard = await InputGuard.open(input, displayPath);
  const fs = options.writeFs ?? nodeWriteFs;
  const lock = options.inPlace && !options.dryRun ? await InputLock.acquire(input, fs) : undefined;
  let records: RecordInput | undefined;
  try {
    // A record format (csv, indices, columns, json) is fixed through its canonical paddleclas lines.
    records = await openRecordInput(input, options, displayPath);
    // Files written from the input get its permission bits (and, rewriting it as root, its owner).
    const writing: OutputOptions = {
      fs,
      mode: guard.mode,
      ...(options.inPlace && process.getuid?.() === 0 ? { owner: guard.owner } : {}),
    };
    return await fixLines(input, options, { displayPath, output, rejectsPath, backupPath, namesPath }, records, guard, writing);
  } finally {
    await records?.canonical.dispose();
    await lock?.release();
  }
}

/** The whole-file normalisations writing performed that no finding's fix listed (their rules off): the plan lists everything fix does. */
function performed(actions: PlanFileAction[], read: RewriteOutcome): void {
  const add = (action: FileAction, done: boolean) => {
    if (done && !actions.some((a) => a.action === action)) actions.push({ action, applicability: "safe", description: FILE_ACTIONS[action] });
  };
  add("remove-bom", read.bom);
  add("normalise-line-endings", read.otherLineEndings > 0);
  add("add-final-newline", read.noFinalNewline);
}

/** What fix writes from a record input by default: json stays json (mmpretrain reads no list); the others become paddleclas. */
function defaultRecordOutput(format: string): "json" | "paddleclas" {
  return format === "json" ? "json" : "paddleclas";
}

/** Passes 1 and 2 of {@link fix}, on the input's lines or on its canonical lines (`records`). */
async function fixLines(
  input: string,
  options: FixOptions,
  paths: { displayPath: string; output: string | undefined; rejectsPath: string | undefined; backupPath: string | undefined; namesPath: string | undefined },
  records: RecordInput | undefined,
  guard: InputGuard,
  writing: OutputOptions,
): Promise<FixResult> {
  const { displayPath, output, rejectsPath, backupPath, namesPath } = paths;
  // Pass 1: the check the fixes come from, listing every problem.
  const { onProgress, writeFs: _writeFs, ...lintOptions } = options;
  const checkOptions = { ...lintOptions, rules: fixerRules(options.rules), maxProblemsPerRule: Number.POSITIVE_INFINITY, unlistedRules: UNLISTED_BY_REWRITE };
  // A class count given, and an output format known before reading (a record input's default is paddleclas): a
  // format that spells out every class's value is refused now when its lines would be too long, not after pass 1.
  const refuseWide = (writer: RowWriter, numClasses: number): void => {
    const wide = wideRowsProblem(writer, numClasses, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
    if (wide !== undefined) throw new LabellintError("LL_USAGE", `${displayPath}: ${wide}`);
  };
  const givenClasses = options.numClasses ?? options.classNames?.length;
  const knownTo = options.to ?? (records !== undefined ? defaultRecordOutput(records.canonical.format) : undefined);
  if (givenClasses !== undefined && knownTo !== undefined) refuseWide(writers[knownTo], givenClasses);
  // A record input was read whole into its canonical lines already: its digest is taken now, before pass 2.
  if (records !== undefined) await guard.firstDigest();
  const canonical = records?.canonical;
  const before = canonical !== undefined ? await lintCanonical(canonical, checkOptions, input, displayPath) : await lintFile(input, { ...checkOptions, onChunk: guard.onChunk }, displayPath);
  const lineFormat = canonical !== undefined ? "paddleclas" : before.format;
  if (!isLineFormat(lineFormat)) throw new LabellintError("LL_UNKNOWN_FORMAT", `${displayPath}: cannot fix ${before.format} input`);
  const unsafe = options.unsafeFixes ?? false;
  // A record input's problems are at its own lines and rows; several rows may share a line.
  const index = new ProblemIndex(before.problems, allRules, canonical !== undefined);
  if (unsafe) index.addMerges(before.problems);
  const fileAction = (action: FileAction): Problem | undefined => before.problems.find((p) => p.fix?.edits.some((e) => e.kind === "file" && e.action === action));
  const reasonFor = (action: FileAction): PlanReason | undefined => {
    const p = fileAction(action);
    return p === undefined ? undefined : { code: p.code, rule: p.rule, message: p.message };
  };
  // An index list's canonical lines are sparse (a row costs its indices, not C): read back as such.
  const format = canonical?.sparse === true ? sparseCanonical(before.numClasses) : lineFormats[lineFormat];
  // A spaced list stays spaced: its reader (HashNet/DeepHash ImageList: `val.split()`, one int() per
  // value) cannot read `path<TAB>0,1,…`, so a fix in paddleclas would break the training it guards.
  // An mmpretrain annotation file stays one too: mmpretrain reads no list.
  const toId = options.to ?? (before.format === "spaced" && canonical === undefined ? "spaced" : canonical !== undefined ? defaultRecordOutput(canonical.format) : "paddleclas");
  const to = writers[toId];
  refuseWide(to, before.numClasses);
  const classNames = before.classNames?.length === before.numClasses ? before.classNames : undefined;
  // The input's own class names: a class list goes beside an output with no place for them (json has: metainfo).
  const { file: names, problem: namesProblem } = classListFor(to.holdsClassNames === true ? undefined : namesPath, classNames);
  if (names !== undefined && !options.dryRun && !options.force && (await exists(names.path))) throw new LabellintError("LL_USAGE", `'${names.path}' exists; pass --force to overwrite it`);
  const ctx: RepairContext = {
    format,
    to,
    numClasses: before.numClasses,
    signedFile: before.signed,
    keepMinusOne: keepsMinusOne(options),
    signed: reasonFor("minus-one-to-zero"),
    indexFile: reasonFor("indices-to-multi-hot"),
    unsafe,
  };

  const fileActions: PlanFileAction[] = [];
  for (const action of Object.keys(FILE_ACTIONS) as FileAction[]) {
    const p = fileAction(action);
    if (p === undefined || (p.fix!.applicability === "unsafe" && !unsafe)) continue;
    fileActions.push({ action, rule: p.rule, applicability: p.fix!.applicability, description: FILE_ACTIONS[action] });
  }
  const sourceFormat = before.format;
  if (sourceFormat !== to.id) fileActions.push({ action: "convert-format", applicability: "safe", description: `convert ${sourceFormat} to ${to.id}` });

  const plan: FixPlan = {
    version: 1,
    tool: `labellint ${VERSION}`,
    input: { path: displayPath, ...(options.plan !== undefined && options.decompressedCopy !== true ? { fromPlan: pathFromPlan(options.plan, input) } : {}), sha256: "", bytes: 0 },
    format: sourceFormat,
    numClasses: before.numClasses,
    ...(before.classNames !== undefined ? { classNames: before.classNames } : {}),
    ...(before.classNames !== undefined && options.classNames === undefined ? { classNamesFrom: "input" as const } : {}),
    output: { format: toId },
    split: before.split,
    ...(options.consumer !== undefined ? { consumer: options.consumer } : {}),
    ...(options.minusOneMasked !== undefined ? { minusOneMasked: options.minusOneMasked } : {}),
    ...(options.unknownLabels !== undefined ? { unknownLabels: options.unknownLabels } : {}),
    unsafeFixes: unsafe,
    fileActions,
    edits: [],
    drops: [],
    rejects: [],
    counts: { linesIn: 0, rowsOut: 0, rowsRejected: 0, linesDropped: 0, linesEdited: 0 },
  };

  // A reader that stopped short of the input's end: the rows after it would be in no file written.
  if (canonical?.stoppedAt !== undefined) return { plan, counts: plan.counts, before, written: {}, refused: stoppedShort(canonical.stoppedAt, canonical.stoppedWhy) };
  // A name the output's reader would not read it under (an annotation file not named *.json).
  const badName = output !== undefined ? to.nameProblem?.(output) : undefined;
  if (badName !== undefined) throw new LabellintError("LL_USAGE", `${options.inPlace ? "--in-place" : "--out"} --to ${toId}: ${badName}`);

  // Lines holding several rows: each row must stand on its own in the output, or the line is rejected whole.
  if (before.problems.some((p) => p.fix?.edits.some((e) => e.kind === "split-row") === true)) {
    ctx.joined = await joinedLines({
      path: canonical?.path ?? input,
      transform: canonical?.transform,
      ...(canonical !== undefined ? { placeOf: (line: number) => ({ line: canonical.line(line), row: canonical.row(line) }) } : {}),
      maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
      format,
      formatId: lineFormat,
      shape: joinShapeOf({ numClasses: before.numClasses, signed: before.signed }, format),
      splits: (place) => splitsLine(place, index, ctx),
      rowOptions: {
        rules: options.rules ?? {},
        split: before.split,
        ...judgedAs(options),
        ...(checksImages(options) ? { ...rowImageChecks(options), imageRoot: withImageRoot(options, input).imageRoot, lookUpBackslashPaths: true } : {}),
      },
    });
  }

  // Pass 2: every line goes somewhere, and the plan says where. Everything is
  // written under temporary names; only when all of it is complete are the
  // files renamed into place, the output last.
  const record = options.recordPlan ?? true;
  const files: AtomicFile[] = [];
  const create = async (path: string | undefined): Promise<AtomicFile | undefined> => {
    if (options.dryRun || path === undefined) return undefined;
    // A file found absent (no --force) is never replaced by this run: one may appear while it runs. The input is, in place.
    const file = await AtomicFile.create(path, { ...writing, replace: options.force === true || (options.inPlace === true && path === output) });
    files.push(file);
    return file;
  };
  const counts = plan.counts;
  try {
    const out = await create(output);
    const header = to.header(classNames, before.numClasses, canonical?.frame);
    if (header !== undefined) out?.write(`${header}\n`);
    // An output whose rows are separated (json's commas) gets them between rows, never after the last.
    const rowsOut = out !== undefined && to.rowSeparator !== undefined ? new SeparatedRows(out, to.rowSeparator) : out;
    const rejects = await create(rejectsPath);
    rejects?.write(REJECTS_HEADER);
    // Rows rejected, by rule: what a fix that would write no row says.
    const rejectedBy = new Map<string, number>();
    const tally = (reasons: readonly PlanReason[]): void => {
      for (const rule of new Set(reasons.map((r) => r.rule).filter((r) => r !== ""))) rejectedBy.set(rule, (rejectedBy.get(rule) ?? 0) + 1);
    };
    const rejectRecordsBefore = records !== undefined ? recordRejecter(records, before.consumer, counts, rejects, record ? plan : undefined, tally) : undefined;
    const read = await rewriteLines({
      input: canonical?.path ?? input,
      records: canonical?.records,
      transform: canonical?.transform,
      displayPath,
      decide: (place, bytes) => decide(place, bytes, index, ctx),
      from: format,
      to,
      ...(canonical !== undefined
        ? { placeOf: (line: number) => ({ line: canonical.line(line), row: canonical.row(line) }), beforeLine: (line: number) => rejectRecordsBefore!(canonical.line(line)) }
        : {}),
      counts,
      out: rowsOut,
      rejects,
      log: record ? plan : undefined,
      onReject: tally,
      maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
    });
    // A record input: the plan names the original file, and its unreadable records are rejected too.
    // (An input read in place was digested by the pass itself.)
    const digest = records !== undefined && canonical!.path !== input ? await digestFile(input, displayPath) : read;
    // Rows decided from one version of the file are never written from another.
    await guard.verify(digest);
    plan.input.sha256 = digest.sha256;
    plan.input.bytes = digest.bytes;
    rejectRecordsBefore?.(Number.POSITIVE_INFINITY);
    if (rowsOut instanceof SeparatedRows) rowsOut.end();
    if (to.footer !== undefined) out?.write(`${to.footer}\n`);
    // Writing the output normalises the whole file, whichever rules are on: the plan says so too.
    performed(plan.fileActions, read);
    // No row to write: an empty output (in place: an emptied input) is never a fix.
    if (counts.rowsOut === 0 && (out !== undefined || counts.rowsRejected > 0)) {
      for (const file of files) await file.abort();
      return { plan, counts, before, written: {}, refused: counts.rowsRejected > 0 ? everyRowRejected(counts, rejectedBy) : "the input has no row to write (every line is blank or dropped), so nothing was written" };
    }

    const written: FixResult["written"] = {};
    const planFile = await create(options.plan);
    planFile?.write(`${JSON.stringify(plan, null, 2)}\n`);
    const namesFile = names !== undefined ? await create(names.path) : undefined;
    namesFile?.write(names!.text);
    // No rejected line: no rejects file.
    if (rejects !== undefined && counts.rowsRejected === 0) {
      await rejects.abort();
      files.splice(files.indexOf(rejects), 1);
    }
    if (out !== undefined) {
      // The output goes last, so a run cut short never leaves it beside missing rejects.
      files.splice(files.indexOf(out), 1);
      files.push(out);
    }
    await commitAll(files, out !== undefined && backupPath !== undefined ? { of: out.target, to: backupPath, replace: options.force === true } : undefined, writing.fs, () => guard.stillSame());
    if (rejects !== undefined && counts.rowsRejected > 0) written.rejects = rejectsPath;
    if (planFile !== undefined) written.plan = options.plan;
    if (out !== undefined) {
      written.output = output;
      if (backupPath !== undefined) written.backup = backupPath;
    }
    if (namesFile !== undefined) written.classNames = names!.path;
    // The output is in place now: a check that cannot run is said, never a failure of the fix.
    let afterError: string | undefined;
    const after =
      out !== undefined && output !== undefined
        ? await lintFile(output, {
            ...(before.numClasses > 0 ? { numClasses: before.numClasses } : {}),
            format: toId,
            split: before.split,
            ...(before.classNames ? { classNames: before.classNames } : {}),
            rules: options.rules ?? {},
            maxProblemsPerRule: 100,
            ...judgedAs(options),
            // A path kept with its '\\' because a file of that very name is the image is judged so again.
            ...(checksImages(options) ? { imageRoot: withImageRoot(options, input).imageRoot, lookUpBackslashPaths: true } : {}),
          }).catch((error: unknown) => {
            afterError = error instanceof Error ? error.message : String(error);
            return undefined;
          })
        : undefined;
    const otherLinks = options.inPlace === true && out !== undefined && guard.links > 1 ? { otherLinks: guard.links - 1 } : {};
    return { plan, counts, before, ...(after !== undefined ? { after } : {}), ...(afterError !== undefined ? { afterError } : {}), written, ...otherLinks, ...(namesProblem !== undefined ? { classNamesNotWritten: namesProblem } : {}) };
  } catch (error) {
    for (const file of files) await file.abort();
    throw error;
  }
}

/** How the output is read: by the program the user named, with the -1s it masks or the labels declared unknown, as the input was. */
function judgedAs(options: FixOptions): LintOptions {
  return {
    ...(options.consumer !== undefined ? { consumer: options.consumer, ...(options.consumerReason !== undefined ? { consumerReason: options.consumerReason } : {}) } : {}),
    // A -1 the reader masks, or one declared unknown, is kept: the output is read the same way.
    ...(options.minusOneMasked !== undefined ? { minusOneMasked: options.minusOneMasked } : {}),
    ...(options.unknownLabels !== undefined ? { unknownLabels: options.unknownLabels } : {}),
  };
}

/** The image checks the fix ran on its input, for the rows of a joined line (not hashing or similarity, which compare across files). */
function rowImageChecks(options: FixOptions): LintOptions {
  return {
    checkImages: true,
    ...(options.decodeImages === true || options.similarImages === true ? { decodeImages: true } : {}),
    ...(options.imageDecoder !== undefined ? { imageDecoder: options.imageDecoder } : {}),
    ...(options.imageDirs !== undefined ? { imageDirs: options.imageDirs } : {}),
    ...(options.imageDirNames !== undefined ? { imageDirNames: options.imageDirNames } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.imageFs !== undefined ? { imageFs: options.imageFs } : {}),
  };
}

/** Why nothing is written from an input its reader could not read to its end (or, with `why`, whose rows would not all be written). */
export function stoppedShort(line: number, why?: string): string {
  if (why !== undefined) return `nothing was written: ${why}, and neither the output nor the rejects file would hold them`;
  return `the input cannot be read past line ${formatCount(line)} (its error is reported there), so nothing was written: the rows after it would be in neither the output nor the rejects file`;
}

/** Why a fix that would write no row writes nothing: how many rows each rule rejected. */
function everyRowRejected(counts: FixCounts, rejectedBy: ReadonlyMap<string, number>): string {
  const rules = [...rejectedBy].sort((a, b) => b[1] - a[1]).map(([rule, rows]) => `${formatCount(rows)} ${rule}`);
  return `every row would go to the rejects file (${plural(counts.rowsRejected, "row")}${rules.length > 0 ? `: ${rules.join(", ")}` : ""}), so nothing was written`;
}

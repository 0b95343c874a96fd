import { stripWhere } from "../text/python.js";
import { isUtf8 } from "node:buffer";
import { readFile, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileValidator } from "../schemas.js";
import { DEFAULT_MAX_CLASSES, DEFAULT_MAX_LINE_BYTES, jsonDepthExceeded, MAX_JSON_DEPTH } from "../io/limits.js";
import { formatCount } from "../text/numbers.js";
import { exists, readError } from "../io/source.js";
import { LabellintError } from "../errors.js";
import { jsonSyntaxError } from "../text/json-syntax.js";
import { isLineFormat, lineFormats } from "../readers/index.js";
import { convertLine, convertLineBytes, minusOnes, REJECTS_HEADER, rowProblem } from "./lines.js";
import { rewriteLines } from "./rewrite.js";
import type { Decision, Place } from "./repair.js";
import { classListFor, writers } from "../convert/writers.js";
import { assertReplaceable, AtomicFile, fileIdentity, commitAll, nodeWriteFs, type OutputOptions, type WriteFs } from "./atomic.js";
import { InputGuard } from "./input-guard.js";
import { InputLock, lockPathOf } from "./lock.js";
import { balanced, type FixCounts, type FixPlan } from "./plan.js";
import { lintFile } from "../engine/lint.js";
import type { FileResult, LineFormatId } from "../types.js";


export interface ApplyOptions {
  /** Where to write the result (required unless `inPlace`). */
  out?: string;
  /** Rewrite the input itself (temp file, fsync, rename), keeping a backup unless `backup` is `""`. */
  inPlace?: boolean;
  /** Backup suffix for `inPlace` (default `.bak`). */
  backup?: string;
  /** Input to apply the plan to (default: the plan's input beside the plan as it records, else its path from `cwd`). */
  input?: string;
  /** Directory the plan's input path (as fix was given it) is resolved from (default: the process's). */
  cwd?: string;
  rejects?: string;
  /** Where the input's own class names go (default OUT.classes.txt), when the plan says the input named them. */
  classNamesOut?: string;
  force?: boolean;
  /** The file-system calls that write (tests inject faults). */
  writeFs?: WriteFs;
}

export interface ApplyResult {
  counts: FixCounts;
  written: { output: string; rejects?: string; backup?: string; classNames?: string };
  /** With --in-place, the input's other hard links: a new file took its name, so they still hold the original. */
  otherLinks?: number;
  /** Why the input's own class names were not written beside the output (a name a class list cannot hold). */
  classNamesNotWritten?: string;
  /** The check of the written file (read in the plan's output format, split role and consumer); undefined with `afterError`. */
  after?: FileResult;
  /** Why the written file could not be checked again (it was written all the same). */
  afterError?: string;
}

/** Reads and validates a plan file; an invalid one is a fatal error naming each JSON path. */
export async function readPlan(path: string): Promise<FixPlan> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw readError(path, error);
  }
  const deep = jsonDepthExceeded(text);
  if (deep >= 0) throw new LabellintError("LL_INVALID_OPTION", `'${path}' is not a labellint fix plan: it nests deeper than ${MAX_JSON_DEPTH} levels (at offset ${deep})`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new LabellintError("LL_INVALID_OPTION", `'${path}' is not JSON: ${jsonSyntaxError(error, text)}`);
  }
  const validatePlan = fileValidator<FixPlan>("fix-plan.schema.json");
  if (!validatePlan(data)) {
    const detail = (validatePlan.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`).join("; ");
    throw new LabellintError("LL_INVALID_OPTION", `'${path}' is not a labellint fix plan: ${detail}`);
  }
  return data;
}

const invalid = (planPath: string, why: string): LabellintError =>
  new LabellintError("LL_PLAN_INVALID", `'${planPath}' cannot be applied: ${why}; it was not written by labellint fix as it is (run labellint fix again)`);

/**
 * What a plan must hold before anything is read: each line decided once, an
 * equation that balances, and every new text one row of the output format
 * with the plan's class count (two rows for a line that held two).
 */
function checkPlan(plan: FixPlan, planPath: string): void {
  const c = plan.counts;
  if (!balanced(c)) {
    throw invalid(planPath, `its counts do not balance (${c.linesIn} lines in + ${c.linesSplit ?? 0} split ≠ ${c.rowsOut} out + ${c.rowsRejected} rejected + ${c.linesDropped} dropped)`);
  }
  // fix writes nothing when every row would be rejected: such a plan would empty the output (or, in place, the input).
  if (c.rowsOut === 0 && c.rowsRejected > 0) throw invalid(planPath, `it sends every row to the rejects file (${c.rowsRejected}) and writes none`);
  // fix writes nothing when no row is left: such a plan would empty the output (or, in place, the input).
  if (c.rowsOut === 0) throw invalid(planPath, "it writes no row");
  // The class count every written row is checked against: one fix could have written.
  if (!Number.isSafeInteger(plan.numClasses) || plan.numClasses < 1 || plan.numClasses > DEFAULT_MAX_CLASSES) {
    throw invalid(planPath, `its class count ${plan.numClasses} is not one labellint fix writes (1 to ${formatCount(DEFAULT_MAX_CLASSES)})`);
  }
  const seen = new Set<number>();
  for (const { line } of [...plan.edits, ...plan.drops, ...plan.rejects]) {
    if (line > c.linesIn) throw invalid(planPath, `it names line ${line} of a ${c.linesIn}-line input`);
    if (seen.has(line)) throw invalid(planPath, `it decides line ${line} more than once`);
    seen.add(line);
  }
  const to = lineFormats[plan.output.format as keyof typeof lineFormats];
  const from = lineFormats[plan.format as keyof typeof lineFormats];
  let split = 0;
  for (const edit of plan.edits) {
    // A line that held several rows is written one row a line (joined-rows): each must be a row.
    const rows = edit.newText.split("\n");
    split += rows.length - 1;
    for (const row of rows) {
      const why = rowProblem(row, to, plan.numClasses);
      if (why !== undefined) throw invalid(planPath, `the new text of line ${edit.line} is not ${rows.length === 1 ? "one" : rows.length} ${to.id} ${rows.length === 1 ? "row" : "rows"} of ${plan.numClasses} labels (${why})`);
    }
    // A fix keeps a -1 of a signed file or maps it to 0; it never writes one the line did not have.
    if (rows.reduce((sum, row) => sum + minusOnes(row, to), 0) > minusOnes(edit.oldText, from)) throw invalid(planPath, `the new text of line ${edit.line} has a -1 the line did not have`);
  }
  if (split !== (c.linesSplit ?? 0)) throw invalid(planPath, `its edits write ${split} ${split === 1 ? "row" : "rows"} beyond one a line (lines that held several rows), but its counts say ${c.linesSplit ?? 0}`);
}

/** The text a plan records for a line matches the line (a line fix cut at its --max-line-bytes is matched by its head). */
function sameText(recorded: string, text: string, cut: boolean): boolean {
  if (recorded === text) return true;
  if (!cut && recorded.length >= text.length) return false;
  const head = stripWhere(recorded, (c) => c === 0xfffd, "end");
  return head.length > 0 && text.startsWith(head);
}

/**
 * Where the plan's input is: beside the plan as it records (`fromPlan`), so
 * a plan applies from any working directory, else its path from `cwd` (as
 * fix was given it, and as older plans hold it alone). Neither there: a
 * usage error naming both places and `--input`.
 */
async function planInput(plan: FixPlan, planPath: string, cwd: string): Promise<string> {
  const places = [...(plan.input.fromPlan !== undefined ? [resolve(dirname(planPath), plan.input.fromPlan)] : []), resolve(cwd, plan.input.path)];
  for (const place of places) if (await exists(place)) return place;
  const where = places.length > 1 && places[0] !== places[1] ? `neither beside the plan ('${places[0]}') nor from the working directory ('${places[1]}')` : `not at '${places.at(-1)}'`;
  throw new LabellintError("LL_READ_FAILED", `the plan's input '${plan.input.path}' is ${where}; pass --input FILE to name it`);
}

/**
 * Re-applies a reviewed plan: the input must be byte-for-byte the file the
 * plan was made from (same sha256), every line the plan names must read as it
 * says, and every new text must be a valid row; otherwise nothing is written.
 */
export async function applyPlan(planPath: string, options: ApplyOptions): Promise<ApplyResult> {
  const plan = await readPlan(planPath);
  if (!isLineFormat(plan.format)) {
    // Its lines are canonical rows of a csv/indices/columns/json input, which apply does not rebuild.
    throw new LabellintError("LL_USAGE", `the plan was made from ${plan.format} input; apply re-applies plans of paddleclas and spaced files only: run labellint fix on the input again`);
  }
  if (!isLineFormat(plan.output.format)) {
    throw new LabellintError("LL_USAGE", `the plan writes ${plan.output.format} output; apply writes paddleclas and spaced only: run labellint fix on the input again`);
  }
  checkPlan(plan, planPath);
  const input = options.input ?? (await planInput(plan, planPath, options.cwd ?? process.cwd()));
  if (options.inPlace && options.out !== undefined) throw new LabellintError("LL_USAGE", "--in-place and --out exclude each other");
  const output = options.inPlace ? input : options.out;
  if (output === undefined) throw new LabellintError("LL_USAGE", "apply needs --out FILE (or --in-place)");
  if (!options.inPlace && (await fileIdentity(output)) === (await fileIdentity(input))) {
    throw new LabellintError("LL_USAGE", "--out is the plan's input; use --in-place to rewrite it (a backup is kept)");
  }
  const rejectsPath = options.rejects ?? `${output}.rejects.tsv`;
  const backupPath = options.inPlace && options.backup !== "" ? `${input}${options.backup ?? ".bak"}` : undefined;
  // The input's own class names (a header row the output drops) go beside the output, as fix writes them.
  const namesPath = plan.classNamesFrom === "input" ? (options.classNamesOut ?? `${output}.classes.txt`) : undefined;
  const { file: names, problem: namesProblem } = classListFor(namesPath, plan.classNames?.length === plan.numClasses ? plan.classNames : undefined);
  // Paths compared by the file they reach, not their spelling; the lock an in-place run holds is taken too.
  const seen = new Map<string, string>([
    [await fileIdentity(planPath), "the plan"],
    options.inPlace ? [await fileIdentity(lockPathOf(input)), "the lock file"] : [await fileIdentity(input), "the input"],
  ]);
  for (const [what, path] of [["--out", output], ["--rejects", plan.rejects.length > 0 ? rejectsPath : undefined], ["the backup", backupPath], ["--class-names-out", names?.path]] as const) {
    if (path === undefined) continue;
    const id = await fileIdentity(path);
    const other = seen.get(id);
    if (other !== undefined) throw new LabellintError("LL_USAGE", `${what} '${path}' is also ${other}`);
    seen.set(id, what);
    await assertReplaceable(path);
  }
  if (!options.force) {
    for (const path of [options.inPlace ? undefined : output, plan.rejects.length > 0 ? rejectsPath : undefined, backupPath, names?.path]) {
      if (path !== undefined && (await stat(path).then(() => true, () => false))) throw new LabellintError("LL_USAGE", `'${path}' exists; pass --force to overwrite it`);
    }
  }

  const guard = await InputGuard.open(input, input);
  const actual = await guard.firstDigest();
  if (actual.sha256 !== plan.input.sha256) {
    throw new LabellintError(
      "LL_PLAN_STALE",
      `'${input}' has changed since the plan was made (sha256 ${actual.sha256.slice(0, 12)}… is not ${plan.input.sha256.slice(0, 12)}…); run labellint fix again`,
    );
  }
  const fs = options.writeFs ?? nodeWriteFs;
  const lock = options.inPlace ? await InputLock.acquire(input, fs) : undefined;
  let counts: FixCounts;
  try {
    const writing: OutputOptions = { fs, mode: guard.mode, ...(options.inPlace && process.getuid?.() === 0 ? { owner: guard.owner } : {}) };
    counts = await rewrite(plan, planPath, input, guard, { output, rejectsPath, backupPath, names, force: options.force === true, inPlace: options.inPlace === true }, writing);
  } finally {
    await lock?.release();
  }
  // What was written is checked as fix checks its output: a plan edited by hand may keep a row fix rejected.
  let afterError: string | undefined;
  const after = await lintFile(output, {
    numClasses: plan.numClasses,
    format: plan.output.format as LineFormatId,
    // A plan written before it recorded the split: eval, the role that reports least.
    split: plan.split ?? "eval",
    ...(plan.consumer !== undefined ? { consumer: plan.consumer } : {}),
    ...(plan.minusOneMasked !== undefined ? { minusOneMasked: plan.minusOneMasked } : {}),
    ...(plan.unknownLabels !== undefined ? { unknownLabels: plan.unknownLabels } : {}),
    ...(plan.classNames !== undefined ? { classNames: plan.classNames } : {}),
    maxProblemsPerRule: 100,
  }).catch((error: unknown) => {
    afterError = error instanceof Error ? error.message : String(error);
    return undefined;
  });
  const written = { output, ...(plan.rejects.length > 0 ? { rejects: rejectsPath } : {}), ...(backupPath !== undefined ? { backup: backupPath } : {}), ...(names !== undefined ? { classNames: names.path } : {}) };
  const otherLinks = options.inPlace === true && guard.links > 1 ? { otherLinks: guard.links - 1 } : {};
  return { counts, written, ...otherLinks, ...(namesProblem !== undefined ? { classNamesNotWritten: namesProblem } : {}), ...(after !== undefined ? { after } : {}), ...(afterError !== undefined ? { afterError } : {}) };
}

/** The apply pass: every line as the plan says, checked against what the plan recorded, then committed all at once. */
async function rewrite(
  plan: FixPlan,
  planPath: string,
  input: string,
  guard: InputGuard,
  paths: { output: string; rejectsPath: string; backupPath: string | undefined; names: { path: string; text: string } | undefined; force: boolean; inPlace: boolean },
  writing: OutputOptions,
): Promise<FixCounts> {
  const edits = new Map(plan.edits.map((e) => [e.line, e]));
  const drops = new Map(plan.drops.map((d) => [d.line, d]));
  const rejects = new Map(plan.rejects.map((r) => [r.line, r]));
  const from = lineFormats[plan.format as keyof typeof lineFormats];
  const to = lineFormats[plan.output.format as keyof typeof lineFormats];
  const counts: FixCounts = { linesIn: 0, rowsOut: 0, rowsRejected: 0, linesDropped: 0, linesEdited: 0 };
  const files: AtomicFile[] = [];
  let mismatch: number | undefined;
  let tooLong: number | undefined;
  /** Every line as the plan says, noting the first whose text is not the one the plan records. */
  const decide = ({ line }: Place, bytes: Buffer, cut: boolean): Decision => {
    const text = bytes.toString("utf8");
    const drop = drops.get(line);
    if (drop !== undefined) {
      if (!sameText(drop.text, text, cut)) mismatch ??= line;
      return { kind: "drop", reason: drop.reason, rule: drop.rule };
    }
    const reject = rejects.get(line);
    if (reject !== undefined) {
      if (!sameText(reject.text, text, cut)) mismatch ??= line;
      return { kind: "reject", reasons: reject.reasons };
    }
    // A line cut at the length limit cannot be rewritten from its head.
    if (cut) tooLong ??= line;
    const edit = edits.get(line);
    if (edit === undefined) {
      // Kept as it is: a line that is not UTF-8 is written from its bytes, as fix writes it.
      const own = Buffer.from(bytes);
      return { kind: "keep", text: convertLine(own, text, from, to), rules: [], applicability: "safe", edited: false, ...(isUtf8(own) ? {} : { bytes: convertLineBytes(own, from, to) }) };
    }
    if (edit.oldText !== text) mismatch ??= line;
    return { kind: "keep", text: edit.newText, rules: edit.rules, applicability: edit.applicability, edited: true, rows: edit.newText.split("\n").length };
  };
  try {
    // A file found absent (no --force) is never replaced by this run: one may appear while it runs. The input is, in place.
    const fresh: OutputOptions = { ...writing, replace: paths.force };
    const rej = plan.rejects.length > 0 ? await AtomicFile.create(paths.rejectsPath, fresh) : undefined;
    if (rej !== undefined) files.push(rej);
    if (paths.names !== undefined) {
      const names = await AtomicFile.create(paths.names.path, fresh);
      files.push(names);
      names.write(paths.names.text);
    }
    // The output goes last, so a run cut short never leaves it beside missing files.
    const out = await AtomicFile.create(paths.output, { ...writing, replace: paths.force || paths.inPlace });
    files.push(out);
    rej?.write(REJECTS_HEADER);
    const read = await rewriteLines({ input, displayPath: input, decide, from, to: writers[to.id], counts, out, rejects: rej, maxLineBytes: DEFAULT_MAX_LINE_BYTES });
    // Read again for this pass: the same bytes as the plan's, from a file nothing changed meanwhile.
    await guard.verify(read);
    if (tooLong !== undefined) throw new LabellintError("LL_READ_FAILED", `line ${tooLong} of '${input}' is over ${DEFAULT_MAX_LINE_BYTES} bytes; apply cannot rewrite it`);
    if (mismatch !== undefined) throw invalid(planPath, `line ${mismatch} of '${input}' is not the text the plan records for it`);
    const p = plan.counts;
    if (counts.linesIn !== p.linesIn || (counts.linesSplit ?? 0) !== (p.linesSplit ?? 0) || counts.rowsOut !== p.rowsOut || counts.rowsRejected !== p.rowsRejected || counts.linesDropped !== p.linesDropped || counts.linesEdited !== p.linesEdited) {
      throw invalid(
        planPath,
        `applying it gives ${counts.linesIn} lines in${counts.linesSplit !== undefined ? ` + ${counts.linesSplit} split` : ""} = ${counts.rowsOut} out + ${counts.rowsRejected} rejected + ${counts.linesDropped} dropped, ${counts.linesEdited} edited, not the counts it records`,
      );
    }
    await commitAll(files, paths.backupPath !== undefined ? { of: input, to: paths.backupPath, replace: paths.force } : undefined, writing.fs, () => guard.stillSame());
  } catch (error) {
    for (const file of files) await file.abort();
    throw error;
  }
  return counts;
}

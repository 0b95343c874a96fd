import { exists } from "../io/source.js";
import { DEFAULT_MAX_LINE_BYTES } from "../io/limits.js";
import { lintFile } from "../engine/lint.js";
import { LabellintError } from "../errors.js";
import { assertReplaceable, AtomicFile, fileIdentity, commitAll, type OutputOptions, type WriteFs } from "../fixer/atomic.js";
import { RecordRejects } from "../fixer/record-bytes.js";
import { recordRejectsRow, REJECTS_HEADER, tsvField } from "../fixer/lines.js";
import type { FixCounts, PlanReason } from "../fixer/plan.js";
import { decide, fixerRules, keepsMinusOne, ProblemIndex, UNLISTED_BY_REWRITE, type RepairContext } from "../fixer/repair.js";
import { resolveRules } from "../engine/settings.js";
import { rewriteLines } from "../fixer/rewrite.js";
import { describeEdits } from "../fixer/plan.js";
import { lineFormats } from "../readers/index.js";
import { columnInputs } from "../readers/columns.js";
import { describeReaderFindings } from "../engine/findings.js";
import { allRules } from "../rules/index.js";
import type { FileResult } from "../types.js";
import type { LintOptions } from "../engine/options.js";
import { openSource, type ConvertSource } from "./sources.js";
import { classListFor, OUTPUT_FORMAT_IDS, SeparatedRows, wideRowsProblem, writers, type OutputFormatId, type RowWriter } from "./writers.js";

export interface ConvertOptions extends LintOptions {
  /** The output format. */
  to: OutputFormatId;
  /** The output file. */
  out: string;
  /** Rejects file (TSV); default `OUT.rejects.tsv`. */
  rejects?: string;
  /**
   * Where the input's class names go when the output format cannot hold them
   * (every format but csv): a PaddleClas class list, `id name` lines; default
   * `OUT.classes.txt`. Not written when the names were given (`classNames`).
   */
  classNamesOut?: string;
  /**
   * Write even when the check finds error-severity problems (their rows go
   * to the rejects file), and overwrite existing output and rejects files.
   */
  force?: boolean;
  /** How to name each input in messages and the rejects file (default: its path). */
  displayPaths?: readonly string[];
  /** The file-system calls that write (tests inject faults). */
  writeFs?: WriteFs;
  /**
   * Check the written file, read back in its own format (`after`); default
   * true. `split` turns it off: it reads its rows file itself and never
   * shows that check (it checks the files it writes from it).
   */
  checkOutput?: boolean;
  /**
   * Called with the input (its index) and line of each row written, in output order:
   * `split` names the input line of a row it rejects after pooling. @internal
   */
  onRow?: (input: number, line: number) => void;
}

/** One input of a conversion. */
export interface ConvertedInput {
  /** As named in messages. */
  path: string;
  format: string;
  formatReason: string;
  /**
   * The check of the input, as `check` reports it (rules whose findings
   * keep a row as it is, an empty or full label set, are off unless set).
   */
  check: FileResult;
  /** Error-severity problems of the check, by rule name. */
  errors: Record<string, number>;
  /**
   * True for a record format (csv, indices, json, columns): `counts` are of
   * records (a CSV header or the JSON around the entries is not one), not lines.
   */
  records: boolean;
  /** What became of its lines or records (all zero when nothing was written). */
  counts: FixCounts;
}

/** Rejected rows of one kind: the rules or limits behind them, how many, and where the first is (`file:line`). */
export interface RejectGroup {
  reason: string;
  rows: number;
  first: string;
}

/** Why nothing was written. */
export interface ConvertRefusal {
  /**
   * `errors`: the check found error-severity problems. `unwritable`: no
   * errors, but rows the output format cannot hold (a space in a path for
   * `spaced`, fields after the labels, …): they are in `rejected`.
   * `unread`: an input could not be read to its end (`stopped`), even with
   * `--force`: its later rows would be in neither the output nor the rejects.
   */
  reason: "errors" | "unwritable" | "unread";
  /** Error-severity problems over all inputs. */
  errorCount: number;
  /** The inputs read short of their end, and the line each was read to. */
  stopped?: { path: string; line: number; why?: string }[];
}

export interface ConvertResult {
  to: OutputFormatId;
  inputs: ConvertedInput[];
  /** Totals over the inputs: `linesIn = rowsOut + rowsRejected + linesDropped`. */
  counts: FixCounts;
  numClasses: number;
  classNames?: string[];
  /** The output starts with a header line (csv with class names); it is not counted as a row. */
  header: boolean;
  /** Rows that went (or, refused, would have gone) to the rejects file, grouped by reason. */
  rejected: RejectGroup[];
  /** Lines dropped, by reason (`blank line`, `header row`). */
  dropped: Record<string, number>;
  /** Rows written in a normalised form, by the rule whose fix did it. */
  normalised: Record<string, number>;
  /** What each rule in `normalised` changed, in words (from the kinds of its edits: `\ → / in paths`). */
  normalisedHow: Record<string, string>;
  /** Present when nothing was written, saying why. */
  refused?: ConvertRefusal;
  /** The check of what was written, read back in the output format (absent when nothing was written). */
  after?: FileResult;
  written: { output?: string; rejects?: string; classNames?: string };
  /** Why the input's class names were not written beside an output that cannot hold them (a name a class list cannot hold). */
  classNamesNotWritten?: string;
}

const zeroCounts = (): FixCounts => ({ linesIn: 0, rowsOut: 0, rowsRejected: 0, linesDropped: 0, linesEdited: 0 });


/** Error-severity problems by rule: those listed, and those only counted (which have their rule's severity). */
function errorsByRule(check: FileResult, rules: LintOptions["rules"]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const p of check.problems) if (p.severity === "error") counts[p.rule] = (counts[p.rule] ?? 0) + 1;
  for (const { rule, severity } of resolveRules(allRules, rules)) {
    const name = rule.meta.name;
    if (!UNLISTED_BY_REWRITE.includes(name) || severity !== "error" || (check.counts[name] ?? 0) === 0) continue;
    counts[name] = check.counts[name]!;
  }
  return counts;
}

/**
 * Converts label files to another format. The inputs are checked first with
 * the engine `check` uses; when that finds an error-severity problem,
 * nothing is written unless `force` (then each row with an error goes,
 * verbatim, to the rejects file). Several inputs are concatenated, in order,
 * into the one output; they must agree on the classes.
 *
 * Only the format changes: values are written canonically (`1.0` → `1`,
 * one separator), class order and paths stay as they are, duplicate rows are
 * kept, and only lines that are not rows (blank lines, a header) are dropped.
 * Every line is accounted for: `linesIn = rowsOut + rowsRejected + linesDropped`.
 */
export async function convert(inputs: string | readonly string[], options: ConvertOptions): Promise<ConvertResult> {
  const paths = typeof inputs === "string" ? [inputs] : [...inputs];
  const to = options.to as string;
  if (!(OUTPUT_FORMAT_IDS as readonly string[]).includes(to)) throw new LabellintError("LL_USAGE", `convert writes ${OUTPUT_FORMAT_IDS.join(", ")}, not '${to}'`);
  const writer = writers[options.to];
  if (paths.length === 0) throw new LabellintError("LL_USAGE", "convert needs at least one input file");
  if (paths.filter((p) => p === "-").length > 1) throw new LabellintError("LL_USAGE", "standard input (-) can be read only once");
  // The per-class files belong to one image list: several lists against them would be ambiguous.
  if (options.columns !== undefined && paths.length > 1) {
    throw new LabellintError("LL_USAGE", `--columns names the per-class files of one image list, but ${paths.length} files were given: convert each list on its own`);
  }
  if (options.out === undefined || options.out === "") throw new LabellintError("LL_USAGE", "convert needs --out FILE");
  const badName = writer.nameProblem?.(options.out);
  if (badName !== undefined) throw new LabellintError("LL_USAGE", `--out --to ${writer.id}: ${badName}`);
  const display = paths.map((p, i) => options.displayPaths?.[i] ?? (p === "-" ? "<stdin>" : p));
  const output = options.out;
  const rejectsPath = options.rejects ?? `${output}.rejects.tsv`;
  const namesPath = writer.holdsClassNames === true || options.classNames !== undefined ? undefined : (options.classNamesOut ?? `${output}.classes.txt`);

  // Each file written is its own, and none is an input: two on one path would leave only the one renamed last.
  // Paths are compared by the file they reach (a symlink, a linked folder), not by their spelling.
  const taken = new Map<string, string>();
  for (const [i, p] of paths.entries()) {
    if (p !== "-") taken.set(await fileIdentity(p), `the input '${display[i]}'`);
  }
  for (const { path, what } of columnInputs(options)) taken.set(await fileIdentity(path), what);
  for (const [what, path] of [["--out", output], ["--rejects", rejectsPath], ...(namesPath !== undefined ? [["--class-names-out", namesPath] as const] : [])] as const) {
    const id = await fileIdentity(path);
    const other = taken.get(id);
    if (other !== undefined) throw new LabellintError("LL_USAGE", `${what} '${path}' is ${other}`);
    taken.set(id, what);
    // A directory, device or link in the way is found now, not after the input was read.
    await assertReplaceable(path);
  }
  if (!options.force) {
    // The rejects file too: it may hold the only copy of rows an earlier run quarantined.
    for (const path of [output, rejectsPath]) {
      if (await exists(path)) throw new LabellintError("LL_USAGE", `'${path}' exists; pass --force to overwrite it`);
    }
  }

  // Pass 1: check every input (nothing is written when one has errors).
  const rules = fixerRules(options.rules);
  const { onProgress: _progress, to: _to, out: _out, rejects: _rejects, force: _force, displayPaths: _display, writeFs: _writeFs, onRow: _onRow, ...lintOptions } = options;
  // The question is whether the rows can be written in another format, not how the input's own reader takes them:
  // the strict generic reader decides (it takes `1.0`, a BOM or a `\` path as fixable spellings, not as failures).
  const checkOptions: LintOptions = {
    ...lintOptions,
    rules,
    maxProblemsPerRule: Number.POSITIVE_INFINITY,
    unlistedRules: UNLISTED_BY_REWRITE,
    listEveryLine: true,
    consumer: "generic",
    consumerReason: "convert checks the rows as a strict reader reads them",
  };
  const sources: ConvertSource[] = [];
  try {
    for (let i = 0; i < paths.length; i++) sources.push(await openSource(paths[i]!, display[i]!, checkOptions));
    return await convertSources(sources, options, writer, display, output, rejectsPath, namesPath);
  } finally {
    for (const source of sources) await source.dispose();
  }
}

async function convertSources(
  sources: readonly ConvertSource[],
  options: ConvertOptions,
  writer: RowWriter,
  display: readonly string[],
  output: string,
  rejectsPath: string,
  namesPath: string | undefined,
): Promise<ConvertResult> {
  const stopped = sources.filter((s) => s.stoppedAt !== undefined).map((s) => ({ path: s.display, line: s.stoppedAt!, ...(s.stoppedWhy !== undefined ? { why: s.stoppedWhy } : {}) }));
  if (stopped.length > 0) return unread(sources, options, writer, stopped);
  const { numClasses, classNames } = agreedClasses(sources, options);
  // The input's own names, in an output that has no place for them: a class list beside it, or why not.
  const { file: names, problem: namesProblem } = classListFor(namesPath, classNames);
  if (names !== undefined && !options.force && (await exists(names.path))) throw new LabellintError("LL_USAGE", `'${names.path}' exists; pass --force to overwrite it`);
  const inputs: ConvertedInput[] = sources.map((s) => ({
    path: s.display,
    format: s.check.format,
    formatReason: s.check.formatReason,
    check: s.check,
    errors: errorsByRule(s.check, options.rules),
    records: s.placeOf !== undefined,
    counts: zeroCounts(),
  }));
  const header = writer.header(classNames, numClasses, sources.find((s) => s.frame !== undefined)?.frame);
  const result: ConvertResult = {
    to: writer.id,
    inputs,
    counts: zeroCounts(),
    numClasses,
    ...(classNames !== undefined ? { classNames } : {}),
    header: header !== undefined,
    ...(namesProblem !== undefined ? { classNamesNotWritten: namesProblem } : {}),
    rejected: [],
    dropped: {},
    normalised: {},
    normalisedHow: {},
    written: {},
  };
  const wide = wideRowsProblem(writer, numClasses, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
  if (wide !== undefined) throw new LabellintError("LL_USAGE", wide);
  const errorCount = inputs.reduce((n, input) => n + input.check.errorCount, 0);
  if (errorCount > 0 && !options.force) {
    result.refused = { reason: "errors", errorCount };
    return result;
  }

  // Pass 2: every line goes to the output, to the rejects file, or is dropped with its reason.
  // What is written from the inputs is no more readable than the least readable of them.
  const modes = sources.map((s) => s.mode).filter((m): m is number => m !== undefined);
  // A file found absent (no --force) is never replaced by this run: one may appear while it runs.
  const writing: OutputOptions = { fs: options.writeFs, replace: options.force === true, ...(modes.length > 0 ? { mode: modes.reduce((a, b) => a & b) } : {}) };
  const out = await AtomicFile.create(output, writing);
  const rejects = await AtomicFile.create(rejectsPath, writing).catch(async (error: unknown) => {
    await out.abort();
    throw error;
  });
  const several = sources.length > 1;
  // With several inputs a rejects row names its file first.
  rejects.write(several ? `file\t${REJECTS_HEADER}` : REJECTS_HEADER);
  if (header !== undefined) out.write(`${header}\n`);
  // An output whose rows are separated (json's commas) gets them between rows, never after the last.
  const rowsOut = writer.rowSeparator !== undefined ? new SeparatedRows(out, writer.rowSeparator) : out;
  const rejected = new Map<string, RejectGroup>();
  try {
    for (let i = 0; i < sources.length; i++) {
      const source = sources[i]!;
      const input = inputs[i]!;
      const problems = source.check.problems;
      const fileReason = (action: string) => {
        const p = problems.find((q) => q.fix?.edits.some((e) => e.kind === "file" && e.action === action));
        return p === undefined ? undefined : { code: p.code, rule: p.rule, message: p.message };
      };
      const ctx: RepairContext = {
        format: source.format ?? lineFormats[source.lineFormat],
        to: writer,
        numClasses,
        signedFile: source.check.signed,
        keepMinusOne: keepsMinusOne(options),
        signed: fileReason("minus-one-to-zero"),
        indexFile: fileReason("indices-to-multi-hot"),
        unsafe: false,
        mode: "convert",
      };
      const placeOf = source.placeOf;
      const index = new ProblemIndex(problems, allRules, placeOf !== undefined);
      for (const p of problems) {
        const how = p.fix !== undefined ? describeEdits(p.fix.edits) : undefined;
        if (how !== undefined) result.normalisedHow[p.rule] ??= how;
      }
      const lead = several ? `${tsvField(display[i]!)}\t` : "";
      const tally = (reasons: readonly PlanReason[], line: number) => {
        const key = [...new Set(reasons.map((r) => r.rule || r.message))].join(", ") || "rejected";
        const group = rejected.get(key);
        if (group !== undefined) group.rows++;
        else rejected.set(key, { reason: key, rows: 1, first: `${display[i]}:${line}` });
      };
      // Records the reader could not turn into a line are rejected too, in line order among the others.
      const records = source.rejectedRecords;
      const recordRejects = records.length > 0 && source.recordSource !== undefined ? new RecordRejects(source.recordSource, source.check.format) : undefined;
      let nextRecord = 0;
      const rejectRecordsBefore = (line: number) => {
        for (; nextRecord < records.length && records[nextRecord]!.line < line; nextRecord++) {
          const record = records[nextRecord]!;
          const reasons = describeReaderFindings(record.findings, source.check.consumer);
          input.counts.linesIn++;
          input.counts.rowsRejected++;
          tally(reasons, record.line);
          if (recordRejects !== undefined) recordRejects.write(rejects, lead, record, reasons);
          else rejects.write(`${lead}${recordRejectsRow(record.line, reasons, record.text)}`);
        }
        if (nextRecord === records.length) recordRejects?.close();
      };
      const digest = await rewriteLines({
        input: source.file,
        records: source.records,
        transform: source.transform,
        displayPath: display[i]!,
        decide: (place, bytes) => decide(place, bytes, index, ctx),
        from: ctx.format,
        to: writer,
        counts: input.counts,
        out: rowsOut,
        rejects,
        rejectsLead: lead,
        ...(placeOf !== undefined ? { placeOf, beforeLine: (line: number) => rejectRecordsBefore(placeOf(line).line) } : {}),
        onReject: tally,
        ...(options.onRow !== undefined ? { onRow: (line: number) => options.onRow!(i, line) } : {}),
        onEdit: (rules: readonly string[]) => {
          for (const rule of rules.length > 0 ? rules : ["canonical form"]) result.normalised[rule] = (result.normalised[rule] ?? 0) + 1;
        },
        onDrop: (reason: string) => {
          result.dropped[reason] = (result.dropped[reason] ?? 0) + 1;
        },
        maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
      });
      rejectRecordsBefore(Number.POSITIVE_INFINITY);
      // Rows decided from one version of an input are never written from another.
      await source.verify(digest);
      for (const k of Object.keys(input.counts) as (keyof FixCounts)[]) result.counts[k] = (result.counts[k] ?? 0) + (input.counts[k] ?? 0);
    }
    if (rowsOut instanceof SeparatedRows) rowsOut.end();
    if (writer.footer !== undefined) out.write(`${writer.footer}\n`);
    result.rejected = [...rejected.values()];
    // No error came this far without --force: a rejected row is one the output format cannot hold.
    if (result.counts.rowsRejected > 0 && !options.force) {
      await out.abort();
      await rejects.abort();
      for (const input of inputs) input.counts = zeroCounts();
      result.counts = zeroCounts();
      result.dropped = {};
      result.normalised = {};
      result.normalisedHow = {};
      result.refused = { reason: "unwritable", errorCount };
      return result;
    }
    // Everything is written under temporary names first; only then renamed into place, the output last.
    if (result.counts.rowsRejected === 0) await rejects.abort();
    const namesFile = names !== undefined ? await AtomicFile.create(names.path, writing) : undefined;
    namesFile?.write(names!.text);
    await commitAll([...(result.counts.rowsRejected > 0 ? [rejects] : []), ...(namesFile !== undefined ? [namesFile] : []), out], undefined, options.writeFs);
    if (result.counts.rowsRejected > 0) result.written.rejects = rejectsPath;
    if (names !== undefined) result.written.classNames = names.path;
    result.written.output = output;
  } catch (error) {
    await out.abort();
    await rejects.abort();
    throw error;
  }
  if (options.checkOutput !== false) result.after = await checkOutput(output, writer.id, numClasses, classNames, options);
  return result;
}


/** Nothing converted: inputs whose readers stopped short of their end. */
function unread(sources: readonly ConvertSource[], options: ConvertOptions, writer: RowWriter, stopped: { path: string; line: number; why?: string }[]): ConvertResult {
  return {
    to: writer.id,
    inputs: sources.map((s) => ({ path: s.display, format: s.check.format, formatReason: s.check.formatReason, check: s.check, errors: errorsByRule(s.check, options.rules), records: s.placeOf !== undefined, counts: zeroCounts() })),
    counts: zeroCounts(),
    numClasses: sources[0]!.check.numClasses,
    header: false,
    rejected: [],
    dropped: {},
    normalised: {},
    normalisedHow: {},
    written: {},
    refused: { reason: "unread", errorCount: sources.reduce((n, s) => n + s.check.errorCount, 0), stopped },
  };
}

/** The class count and names all inputs share; inputs that disagree are refused as ambiguous. */
function agreedClasses(sources: readonly ConvertSource[], options: ConvertOptions): { numClasses: number; classNames?: string[] } {
  const first = sources[0]!.check;
  let classNames = options.classNames ?? first.classNames;
  for (const { check } of sources.slice(1)) {
    if (check.numClasses !== first.numClasses) {
      throw new LabellintError(
        "LL_USAGE",
        `the inputs disagree on the class count: '${first.path}' has ${first.numClasses} (${first.numClassesSource}), '${check.path}' ${check.numClasses} (${check.numClassesSource}); convert them one at a time, or pass --num-classes`,
      );
    }
    const names = check.classNames;
    if (options.classNames !== undefined || names === undefined) continue;
    if (classNames === undefined) classNames = names;
    else {
      const k = classNames.findIndex((name, j) => names[j] !== name);
      if (k !== -1) throw new LabellintError("LL_USAGE", `the inputs disagree on the class names: class ${k} is '${classNames[k]}' in one and '${names[k]}' in '${check.path}'; pass --class-names`);
    }
  }
  return { numClasses: first.numClasses, ...(classNames !== undefined && classNames.length === first.numClasses ? { classNames } : {}) };
}

/** The check of the written file, read back in its own format. */
async function checkOutput(output: string, to: OutputFormatId, numClasses: number, classNames: string[] | undefined, options: ConvertOptions): Promise<FileResult> {
  return lintFile(output, {
    format: to,
    numClasses,
    ...(classNames !== undefined ? { classNames } : {}),
    ...(options.split !== undefined ? { split: options.split } : {}),
    // A -1 kept because the reader masks it, or it is declared unknown, is read the same way.
    ...(options.minusOneMasked !== undefined ? { minusOneMasked: options.minusOneMasked } : {}),
    ...(options.unknownLabels !== undefined ? { unknownLabels: options.unknownLabels } : {}),
    rules: options.rules ?? {},
    maxProblemsPerRule: 100,
  });
}

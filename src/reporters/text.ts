import { painter, type Paint } from "./paint.js";
import { allRules } from "../rules/index.js";
import { consumers } from "../consumers/index.js";
import type { ConfigResult, FileResult, LintResult, Problem, ProblemList } from "../types.js";
import { asFormatter, filesChecked, type Formatter, type FormatOptions, type ReportWriter } from "./types.js";
import { maxOf } from "./measure.js";
import { formatCount } from "../text/numbers.js";

const QUOTE_WIDTH = 100;


const n = formatCount;
const plural = (count: number, one: string, many = `${one}s`): string => `${n(count)} ${count === 1 ? one : many}`;

/**
 * The quoted line with a caret under the offending span. TABs show as `→` so
 * the caret lines up; long lines are cropped around the span.
 */
export function quote(problem: Problem, paint: Paint): string[] {
  if (problem.source === undefined || problem.line === undefined) return [];
  let text = problem.source.replace(/\t/g, "→").replace(/\r/g, "");
  // A windowed source starts with "…" at offset sourceStart of the line.
  let column = (problem.column ?? 1) - 1 - (problem.sourceStart !== undefined ? problem.sourceStart - 1 : 0);
  const length = Math.max(1, Math.min(problem.length ?? 1, 60));
  if (column > text.length) return [`    ${paint.dim(`${problem.line} |`)} ${text.slice(0, QUOTE_WIDTH)}`];
  let prefix = "";
  if (text.length > QUOTE_WIDTH) {
    const from = Math.max(0, Math.min(column - 20, text.length - QUOTE_WIDTH));
    prefix = from > 0 ? "…" : "";
    const suffix = from + QUOTE_WIDTH < text.length ? "…" : "";
    text = prefix + text.slice(from, from + QUOTE_WIDTH) + suffix;
    column = column - from + prefix.length;
  }
  const gutter = String(problem.line);
  return [
    `    ${paint.dim(`${gutter} |`)} ${text}`,
    `    ${" ".repeat(gutter.length)} ${paint.dim("|")} ${" ".repeat(column)}${paint.red("^".repeat(Math.min(length, Math.max(1, text.length - column))))}`,
  ];
}

function location(file: ProblemList, problem: Problem): string {
  const path = problem.file ?? file.path;
  if (problem.line === undefined) return path;
  return `${path}:${problem.line}:${problem.column ?? 1}`;
}

function formatProblem(file: ProblemList, problem: Problem, paint: Paint): string[] {
  const severity = problem.severity === "error" ? paint.red("error") : paint.yellow("warn ");
  const fix = problem.fix ? paint.dim(problem.fix.applicability === "safe" ? " [fix]" : " [unsafe fix]") : "";
  const suggestion = problem.suggestion !== undefined ? [`    ${paint.green("fix by hand:")} ${problem.suggestion}`] : [];
  return [`${location(file, problem)}  ${severity}  ${problem.message}  ${paint.dim(problem.rule)}${fix}`, ...quote(problem, paint), ...suggestion];
}

/** The listed problems, then the exact per-rule totals (one line at a time: a listing can be any length). */
function* formatProblems(list: ProblemList, options: FormatOptions, paint: Paint): Generator<string> {
  let first = true;
  for (const problem of list.problems) {
    if (options.quiet && problem.severity !== "error") continue;
    if (first) yield "";
    first = false;
    yield* formatProblem(list, problem, paint);
  }
  const entries = Object.entries(list.counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (entries.length > 0) {
    yield "";
    yield "  problems by rule:";
    const width = maxOf(entries, ([, c]) => n(c).length);
    for (const [rule, count] of entries) {
      const meta = severityOf.get(rule);
      yield `  ${n(count).padStart(width)}  ${rule}${meta ? paint.dim(` (${meta.code})`) : ""}`;
    }
    const explained = list.explained ?? 0;
    if (explained > 0) yield paint.dim(`  ${plural(explained, "more problem")} not listed: the file-level finding above explains them; the counts are exact`);
    if (list.omitted > explained) yield paint.dim(`  ${plural(list.omitted - explained, "more problem")} not listed (--max-problems-per-rule); the counts above are exact`);
  }
}

/** A training config: what it sets up, then its findings. */
function* formatConfig(config: ConfigResult, options: FormatOptions, paint: Paint): Generator<string> {
  yield paint.bold(config.path);
  yield paint.dim(`  PaddleClas config; class_num ${config.numClasses !== undefined ? n(config.numClasses) : "not set"}`);
  for (const t of config.targets) yield paint.dim(`  ${t.split} targets ${t.shape}${t.labelList !== undefined ? ` from ${t.labelList}` : ""}`);
  yield* formatProblems(config, options, paint);
  if (config.problems.length === 0 && Object.keys(config.counts).length === 0) {
    yield "";
    yield `  config ${paint.green("✓")} losses, metrics and loader agree`;
  }
}

export function shapeLine(file: FileResult, paint: Paint): string {
  const { shape } = file;
  const dims = `[${n(shape.rows)}, ${n(shape.columns)}]`;
  if (shape.ok) return `shape ${dims} binary ${paint.green("✓")}`;
  return `shape ${dims} ${paint.red("✗")} ${shape.reasons.join("; ")}`;
}

const severityOf = new Map(allRules.map((r) => [r.meta.name, r.meta]));

function* formatFile(file: FileResult, options: FormatOptions, paint: Paint): Generator<string> {
  yield paint.bold(file.path);
  yield paint.dim(`  format ${file.format} (${file.formatReason})`);
  yield paint.dim(`  read as ${consumers[file.consumer].title} reads it (${file.consumerReason})`);
  const source = file.numClassesSource === "inferred" ? file.numClassesReason : `${file.numClassesReason}`;
  yield paint.dim(`  classes ${n(file.numClasses)} (${source}); ${plural(file.rows, "row")} in ${plural(file.lines, "line")}; split ${file.split}`);
  yield* formatProblems(file, options, paint);
  yield "";
  yield `  ${shapeLine(file, paint)}`;
}

/** The lines of the text report, without their line breaks. */
function* textLines(result: LintResult, options: FormatOptions): Generator<string> {
  const paint = painter(options.color ?? false);
  for (const config of result.configs ?? []) {
    yield* formatConfig(config, options, paint);
    yield "";
  }
  for (const file of result.files) {
    yield* formatFile(file, options, paint);
    yield "";
  }
  const { errorCount, warningCount, fixable } = result.summary;
  const total = errorCount + warningCount;
  const files = plural(filesChecked(result), "file");
  if (total === 0) {
    yield paint.green(options.quiet ? `✓ no errors in ${files} (--quiet: warnings are not reported)` : `✓ no problems in ${files}`);
  } else {
    const mark = errorCount > 0 ? paint.red("✖") : paint.yellow("⚠");
    yield `${mark} ${plural(total, "problem")} (${plural(errorCount, "error")}, ${plural(warningCount, "warning")}) in ${files}`;
  }
  // The hint names a command that runs as written: check --fix applies what labellint fix --in-place would.
  if (fixable.safe > 0 && fixable.unsafe > 0) {
    yield `  ${n(fixable.safe)} ${fixable.safe === 1 ? "has" : "have"} a safe fix (labellint check --fix), ${n(fixable.unsafe)} an unsafe fix that may change meaning (labellint check --fix --unsafe-fixes)`;
  } else if (fixable.safe > 0) {
    yield `  ${n(fixable.safe)} ${fixable.safe === 1 ? "has a safe fix: labellint check --fix applies it" : "have a safe fix: labellint check --fix applies them"}`;
  } else if (fixable.unsafe > 0) {
    yield `  ${n(fixable.unsafe)} ${fixable.unsafe === 1 ? "has an unsafe fix that may change meaning: labellint check --fix --unsafe-fixes applies it" : "have an unsafe fix that may change meaning: labellint check --fix --unsafe-fixes applies them"}`;
  }
  if (options.maxWarnings !== undefined && options.maxWarnings >= 0 && warningCount > options.maxWarnings) {
    yield paint.red(`  too many warnings: ${n(warningCount)} > --max-warnings ${options.maxWarnings}`);
  }
}

/** Human-readable report, line by line: problems with quoted lines, per-rule totals, shape verdict, fix counts. */
export const writeText: ReportWriter = function* (result, options = {}) {
  for (const line of textLines(result, options)) yield `${line}\n`;
};

/** Human-readable report: problems with quoted lines, per-rule totals, shape verdict, fix counts. */
export const formatText: Formatter = asFormatter(writeText);

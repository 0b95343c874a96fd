import { painter, type Paint } from "./paint.js";
import { allRules } from "../rules/index.js";
import { isLineFormat } from "../readers/index.js";
import { consumerTitle } from "../consumers/index.js";
import type { ConfigResult, FileResult, LintResult, Problem, ProblemList } from "../types.js";
import { allWarnings, asFormatter, classNumShown, filesChecked, type Formatter, type FormatOptions, type ReportWriter } from "./types.js";
import { maxOf } from "./measure.js";
import { formatCount, plural } from "../text/numbers.js";
import { groupCount, groupProblems, groupWhere, type ProblemGroup } from "./group.js";
import { visible } from "../text/visible.js";
import { compareText } from "../text/compare.js";

const QUOTE_WIDTH = 100;


const n = formatCount;

/**
 * The quoted line with a caret under the offending span. TABs show as `→` so
 * the caret lines up; control and bidi characters show as escapes (`\x1b`),
 * the caret still under the span; long lines are cropped around the span.
 */
export function quote(problem: Problem, paint: Paint): string[] {
  if (problem.source === undefined || problem.line === undefined) return [];
  const raw = problem.source.replace(/\r$/, "").replace(/\t/g, "→");
  // A windowed source starts with "…" at offset sourceStart of the line.
  const at = (problem.column ?? 1) - 1 - (problem.sourceStart !== undefined ? problem.sourceStart - 1 : 0);
  const gutter = String(problem.line);
  if (at > raw.length) return [`    ${paint.dim(`${gutter} |`)} ${visible(raw).slice(0, QUOTE_WIDTH)}`];
  const span = Math.max(1, Math.min(problem.length ?? 1, 60));
  // Escaped piece by piece, so the caret's column and width follow the escapes.
  const before = visible(raw.slice(0, at));
  const marked = visible(raw.slice(at, at + span));
  let text = before + marked + visible(raw.slice(at + span));
  let column = before.length;
  const length = Math.max(1, marked.length);
  let prefix = "";
  if (text.length > QUOTE_WIDTH) {
    const from = Math.max(0, Math.min(column - 20, text.length - QUOTE_WIDTH));
    prefix = from > 0 ? "…" : "";
    const suffix = from + QUOTE_WIDTH < text.length ? "…" : "";
    text = prefix + text.slice(from, from + QUOTE_WIDTH) + suffix;
    column = column - from + prefix.length;
  }
  return [
    `    ${paint.dim(`${gutter} |`)} ${text}`,
    `    ${" ".repeat(gutter.length)} ${paint.dim("|")} ${" ".repeat(column)}${paint.red("^".repeat(Math.min(length, Math.max(1, text.length - column))))}`,
  ];
}

function location(file: ProblemList, problem: Problem): string {
  const path = visible(problem.file ?? file.path);
  if (problem.line === undefined) return path;
  return `${path}:${problem.line}:${problem.column ?? 1}`;
}

const severityWord = (problem: Problem, paint: Paint): string => (problem.severity === "error" ? paint.red("error") : paint.yellow("warn "));

function fixMark(problem: Problem, paint: Paint): string {
  return problem.fix ? paint.dim(problem.fix.applicability === "safe" ? " [fix]" : " [unsafe fix]") : "";
}

function handFix(problem: Problem, paint: Paint): string[] {
  return problem.suggestion !== undefined ? [`    ${paint.green("fix by hand:")} ${visible(problem.suggestion)}`] : [];
}

function formatProblem(file: ProblemList, problem: Problem, paint: Paint): string[] {
  return [
    `${location(file, problem)}  ${severityWord(problem, paint)}  ${visible(problem.message)}  ${paint.dim(visible(problem.rule))}${fixMark(problem, paint)}`,
    ...quote(problem, paint),
    ...handFix(problem, paint),
  ];
}

/**
 * A rule's repeated line (class) findings as one entry: where the first is, the
 * rule and how many, the first one's message and line, then the lines (classes) it names.
 */
function formatGroup(file: ProblemList, group: ProblemGroup, paint: Paint): string[] {
  const { first } = group;
  const meta = severityOf.get(group.rule);
  return [
    `${location(file, first)}  ${severityWord(first, paint)}  ${paint.bold(visible(group.rule))} on ${groupCount(group)}${meta ? paint.dim(` (${meta.code})`) : ""}; the first:${fixMark(first, paint)}`,
    `    ${visible(first.message)}`,
    ...quote(first, paint),
    ...handFix(first, paint),
    `    ${paint.dim(`${groupWhere(group)}${moreHint(group)}`)}`,
  ];
}

/** How to see the lines (classes) a group does not name: all listed, or only the first ones. */
function moreHint(group: ProblemGroup): string {
  if (group.count <= group.lines.length && group.atLeast !== true) return "";
  if (group.listed < group.count || group.atLeast === true) return ` (--no-group lists the first ${n(group.listed)}; --max-problems-per-rule N lists up to N)`;
  return " (--no-group lists each)";
}

/** The listed problems, then the exact per-rule totals (one line at a time: a listing can be any length). */
function* formatProblems(list: ProblemList, options: FormatOptions, paint: Paint): Generator<string> {
  let first = true;
  const grouping = groupProblems(list, options);
  for (const item of grouping.items()) {
    if (first) yield "";
    first = false;
    yield* item.group !== undefined ? formatGroup(list, item.group, paint) : formatProblem(list, item.problem, paint);
  }
  const entries = Object.entries(list.counts).sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]));
  if (entries.length > 0) {
    yield "";
    yield "  problems by rule:";
    const width = maxOf(entries, ([, c]) => n(c).length);
    for (const [rule, count] of entries) {
      const meta = severityOf.get(rule);
      yield `  ${n(count).padStart(width)}  ${visible(rule)}${meta ? paint.dim(` (${meta.code})`) : ""}`;
    }
    const explained = list.explained ?? 0;
    if (explained > 0) yield paint.dim(`  ${plural(explained, "more problem")} not listed: the file-level finding above explains them; the counts are exact`);
    // Unlisted findings a group already counts are not "more".
    const unlisted = list.omitted - explained - grouping.absorbed;
    if (unlisted > 0) yield paint.dim(`  ${plural(unlisted, "more problem")} not listed (--max-problems-per-rule); the counts above are exact`);
  }
}

/** A training config: what it sets up, then its findings. */
function* formatConfig(config: ConfigResult, options: FormatOptions, paint: Paint): Generator<string> {
  yield paint.bold(visible(config.path));
  yield paint.dim(`  PaddleClas config; class_num ${visible(classNumShown(config, n))}`);
  for (const t of config.targets) yield paint.dim(visible(`  ${t.split} targets ${t.shape}${t.labelList !== undefined ? ` from ${t.labelList}` : ""}`));
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
  return `shape ${dims} ${paint.red("✗")} ${visible(shape.reasons.join("; "))}`;
}

const severityOf = new Map(allRules.map((r) => [r.meta.name, r.meta]));

function* formatFile(file: FileResult, options: FormatOptions, paint: Paint): Generator<string> {
  yield paint.bold(visible(file.path));
  yield paint.dim(visible(`  format ${file.format} (${file.formatReason})`));
  yield paint.dim(visible(`  read as ${consumerTitle(file.consumer, file.imagelistReader)} reads it (${file.consumerReason})`));
  if (file.imageRoot !== undefined) yield paint.dim(visible(`  images looked up under ${file.imageRoot}`));
  yield paint.dim(visible(`  classes ${n(file.numClasses)} (${file.numClassesReason}); ${plural(file.rows, "row")} in ${plural(file.lines, "line")}; split ${file.split}`));
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
  const { errorCount, warningCount } = result.summary;
  // A fix that needs the whole run (split-leakage drops an eval line because of a train file) is not one fix, which reads one file, applies.
  const runOnly = result.files.reduce((n, f) => n + (f.counts[RUN_ONLY_FIX] ?? 0), 0);
  const fixable = { safe: result.summary.fixable.safe, unsafe: Math.max(0, result.summary.fixable.unsafe - runOnly) };
  const total = errorCount + warningCount;
  const files = plural(filesChecked(result), "file");
  if (total === 0) {
    yield paint.green(options.quiet ? `✓ no errors in ${files} (--quiet: ${quietWords(result)})` : `✓ no problems in ${files}`);
  } else {
    const mark = errorCount > 0 ? paint.red("✖") : paint.yellow("⚠");
    yield `${mark} ${plural(total, "problem")} (${plural(errorCount, "error")}, ${plural(warningCount, "warning")}) in ${files}${options.quiet ? ` (--quiet: ${quietWords(result)})` : ""}`;
  }
  // The hint names a command that runs as written: check --fix applies what labellint fix --in-place would,
  // which rewrites a line list only; a record input (csv, indices, columns) is written as paddleclas lines
  // with --out, and an mmpretrain json file as one, under a name ending in .json (mmengine reads it by its extension).
  const fixableFiles = result.files.filter((f) => f.fixable.safe + f.fixable.unsafe > 0);
  const inPlace = fixableFiles.every((f) => isLineFormat(f.format));
  const command = inPlace ? "labellint check --fix" : fixableFiles.every((f) => f.format === "json") ? "labellint fix FILE --out FIXED.json" : "labellint fix FILE --out OUT";
  if (fixable.safe > 0 && fixable.unsafe > 0) {
    yield `  ${n(fixable.safe)} ${fixable.safe === 1 ? "has" : "have"} a safe fix (${command}), ${n(fixable.unsafe)} an unsafe fix that may change meaning (${command} --unsafe-fixes)`;
  } else if (fixable.safe > 0) {
    yield `  ${n(fixable.safe)} ${fixable.safe === 1 ? `has a safe fix: ${command} applies it` : `have a safe fix: ${command} applies them`}`;
  } else if (fixable.unsafe > 0) {
    yield `  ${n(fixable.unsafe)} ${fixable.unsafe === 1 ? `has an unsafe fix that may change meaning: ${command} --unsafe-fixes applies it` : `have an unsafe fix that may change meaning: ${command} --unsafe-fixes applies them`}`;
  }
  if (runOnly > 0) yield `  ${n(runOnly)} split-leakage ${runOnly === 1 ? "finding has" : "findings have"} an unsafe fix that needs the train file: the json report lists its edits (fix reads one file)`;
  if (options.maxWarnings !== undefined && options.maxWarnings >= 0 && allWarnings(result) > options.maxWarnings) {
    yield paint.red(`  too many warnings: ${n(allWarnings(result))} > --max-warnings ${options.maxWarnings}`);
  }
  if (options.splitHint !== undefined) yield paint.dim(`  ${options.splitHint}`);
  if (options.imagesUnchecked === true && result.files.some((file) => file.rows > 0)) {
    yield paint.dim("  images were not looked up: add --check-images to find missing or unreadable ones (a missing image stops training)");
  }
}

/** What `--quiet` left out: how many warnings (it counts every one it leaves out). */
function quietWords(result: LintResult): string {
  const left = result.summary.quietWarnings ?? 0;
  return left > 0 ? `${plural(left, "warning")} not reported` : "no warning left out";
}

/** The rule whose fix only a run with the train and eval files together can make (fix reads one file). */
const RUN_ONLY_FIX = "split-leakage";

/** Human-readable report, line by line: problems with quoted lines, per-rule totals, shape verdict, fix counts. */
export const writeText: ReportWriter = function* (result, options = {}) {
  for (const line of textLines(result, options)) yield `${line}\n`;
};

/** Human-readable report: problems with quoted lines, per-rule totals, shape verdict, fix counts. */
export const formatText: Formatter = asFormatter(writeText);

import { allRules } from "../rules/index.js";
import { consumers } from "../consumers/index.js";
import type { ConfigResult, FileResult, LintResult, Problem, ProblemList } from "../types.js";
import { ruleDocUrl } from "./sarif.js";
import { asFormatter, filesChecked, type Formatter, type ReportWriter } from "./types.js";
import { formatCount } from "../text/numbers.js";

/** GitHub shows at most this many annotations of each kind (error, warning) per step. */
export const ANNOTATIONS_PER_KIND = 10;
/** Problems listed per file in the step summary. */
const SUMMARY_TOP_PROBLEMS = 10;

/** Escapes the message part of a workflow command (after `::`). */
export const escapeData = (text: string): string => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");

/** Escapes a property value of a workflow command (`file=…,title=…`). */
export const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");

interface Located {
  file: ProblemList;
  fileIndex: number;
  problem: Problem;
}

/** File and dataset findings first, then line findings by file and line. */
function byImportance(a: Located, b: Located): number {
  const aLine = a.problem.line;
  const bLine = b.problem.line;
  if ((aLine === undefined) !== (bLine === undefined)) return aLine === undefined ? -1 : 1;
  return a.fileIndex - b.fileIndex || (aLine ?? 0) - (bLine ?? 0) || (a.problem.column ?? 0) - (b.problem.column ?? 0);
}

function annotation({ file, problem }: Located): string {
  const command = problem.severity === "error" ? "error" : "warning";
  const props: [string, string | number][] = [["file", problem.file ?? file.path]];
  if (problem.line !== undefined) props.push(["line", problem.line]);
  if (problem.line !== undefined && problem.column !== undefined) props.push(["col", problem.column]);
  props.push(["title", `${problem.code} ${problem.rule}`]);
  const properties = props.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(",");
  const message = problem.suggestion !== undefined ? `${problem.message}\nFix by hand: ${problem.suggestion}` : problem.message;
  return `::${command} ${properties}::${escapeData(message)}`;
}

const plural = (count: number, one: string): string => `${formatCount(count)} ${one}${count === 1 ? "" : "s"}`;

/**
 * The first `k` of `items` in `order`, as a stable sort would put them, kept
 * in a list of at most `k` while the items stream past (a million problems
 * are never copied into one array to be sorted).
 */
function firstInOrder<T>(items: Iterable<T>, k: number, order: (a: T, b: T) => number): T[] {
  const kept: T[] = [];
  for (const item of items) {
    if (kept.length === k && order(item, kept[k - 1]!) >= 0) continue;
    // After every kept item that does not come later: equal items keep their input order.
    let at = kept.length;
    while (at > 0 && order(item, kept[at - 1]!) < 0) at--;
    kept.splice(at, 0, item);
    if (kept.length > k) kept.pop();
  }
  return kept;
}

function* located(result: LintResult, severity: Problem["severity"]): Generator<Located> {
  const files = [...(result.configs ?? []), ...result.files];
  for (let fileIndex = 0; fileIndex < files.length; fileIndex++) {
    const file = files[fileIndex]!;
    for (const problem of file.problems) if (problem.severity === severity) yield { file, fileIndex, problem };
  }
}

/**
 * GitHub Actions workflow commands: up to ten `::error` then up to ten
 * `::warning` annotations, most important first, and a `::notice` for the rest.
 */
export const writeGithub: ReportWriter = function* (result, options = {}) {
  const shownErrors = firstInOrder(located(result, "error"), ANNOTATIONS_PER_KIND, byImportance);
  const shownWarnings = options.quiet ? [] : firstInOrder(located(result, "warn"), ANNOTATIONS_PER_KIND, byImportance);
  for (const l of [...shownErrors, ...shownWarnings]) yield `${annotation(l)}\n`;

  // Totals are exact even when listings were capped, so the overflow counts come from them.
  const { errorCount, warningCount } = result.summary;
  const moreErrors = errorCount - shownErrors.length;
  const moreWarnings = options.quiet ? 0 : warningCount - shownWarnings.length;
  if (moreErrors > 0 || moreWarnings > 0) {
    const parts = [moreErrors > 0 ? plural(moreErrors, "more error") : "", moreWarnings > 0 ? plural(moreWarnings, "more warning") : ""].filter(Boolean);
    const message =
      `${parts.join(" and ")} not annotated: GitHub shows ${ANNOTATIONS_PER_KIND} annotations of each kind per step. ` +
      "See them all in the job summary, or run labellint check with --reporter text (or --reporter sarif for code scanning).";
    yield `::notice title=${escapeProperty("labellint")}::${escapeData(message)}\n`;
  }
  const total = errorCount + warningCount;
  yield total === 0
    ? `labellint: no problems in ${plural(filesChecked(result), "file")}\n`
    : `labellint: ${plural(errorCount, "error")}, ${plural(warningCount, "warning")} in ${plural(filesChecked(result), "file")}\n`;
};

/**
 * GitHub Actions workflow commands: up to ten `::error` then up to ten
 * `::warning` annotations, most important first, and a `::notice` for the rest.
 */
export const formatGithub: Formatter = asFormatter(writeGithub);

/** Backslash-escapes Markdown punctuation so messages and paths render as written. */
export const md = (text: string): string => text.replace(/[\r\n]+/g, " ").replace(/[\\`*_[\]<>|~&]/g, "\\$&");

/** Quotes a word for a POSIX shell when it needs it. */
const shellWord = (word: string): string => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/** An inline code span that survives backticks in the text. */
export function code(text: string): string {
  const flat = text.replace(/[\r\n]+/g, " ");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function fixedName(path: string): string {
  const slash = path.lastIndexOf("/");
  const dot = path.lastIndexOf(".");
  return dot > slash + 1 ? `${path.slice(0, dot)}.fixed${path.slice(dot)}` : `${path}.fixed`;
}

/** The `labellint fix` command line for a file, with the options that shaped its check. */
function fixCommand(file: FileResult): string {
  const words = ["labellint", "fix", shellWord(file.path), "--out", shellWord(fixedName(file.path))];
  if (file.numClassesSource === "option" || file.numClassesSource === "class-names") words.push("--num-classes", String(file.numClasses));
  if (file.split === "eval") words.push("--split", "eval");
  return words.join(" ");
}

const ruleMeta = new Map(allRules.map((rule) => [rule.meta.name, rule.meta]));

function fileSummary(file: FileResult): string[] {
  const out = [`### ${code(file.path)}`, ""];
  const dims = `[${formatCount(file.shape.rows)}, ${formatCount(file.shape.columns)}]`;
  out.push(file.shape.ok ? `✅ shape ${code(dims)} binary` : `❌ shape ${code(dims)} is not a clean binary matrix: ${md(file.shape.reasons.join("; "))}`, "");
  out.push(`${md(file.format)} list, read as ${md(consumers[file.consumer].title)} reads it`, "");

  const severities = new Map<string, Set<string>>();
  for (const p of file.problems) severities.set(p.rule, (severities.get(p.rule) ?? new Set()).add(p.severity));
  // Rules that reported errors first; a rule whose problems were all left out goes by its default.
  const rank = (rule: string) => ((severities.get(rule)?.has("error") ?? ruleMeta.get(rule)?.defaultSeverity === "error") ? 0 : 1);
  const counts = Object.entries(file.counts).sort((a, b) => rank(a[0]) - rank(b[0]) || b[1] - a[1] || a[0].localeCompare(b[0]));
  if (counts.length === 0) {
    out.push("No problems.", "");
    return out;
  }
  out.push("| Rule | Code | Severity | Count |", "| --- | --- | --- | ---: |");
  for (const [rule, count] of counts) {
    const meta = ruleMeta.get(rule);
    const severity = [...(severities.get(rule) ?? [meta?.defaultSeverity ?? ""])].join(", ");
    const name = meta ? `[${md(rule)}](${ruleDocUrl(rule)})` : md(rule);
    out.push(`| ${name} | ${meta?.code ?? ""} | ${severity} | ${formatCount(count)} |`);
  }
  out.push("");

  const top = firstInOrder(file.problems, SUMMARY_TOP_PROBLEMS, (a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  const total = counts.reduce((sum, [, count]) => sum + count, 0);
  out.push(total > top.length ? `Top ${top.length} of ${formatCount(total)} problems:` : "Problems:", "");
  for (const p of top) {
    const where = p.line !== undefined ? `line ${p.line}${p.column !== undefined ? `:${p.column}` : ""}` : p.classIndex !== undefined ? `class ${p.classIndex}` : "file";
    out.push(`- **${p.severity === "error" ? "error" : "warning"}** ${where}: ${md(p.message)} (${code(p.rule)})`);
  }
  out.push("");

  const { safe, unsafe } = file.fixable;
  if (safe + unsafe > 0 && file.path !== "<stdin>") {
    const unsafeNote = unsafe > 0 ? ` (${plural(unsafe, "more problem")} ${unsafe === 1 ? "has" : "have"} an unsafe fix: review, then add ${code("--unsafe-fixes")})` : "";
    out.push(`${plural(safe, "problem")} ${safe === 1 ? "has" : "have"} a safe fix${unsafeNote}:`, "", "```sh", fixCommand(file), "```", "");
  }
  return out;
}

/** A training config in the step summary: its targets and every finding with the edit to make. */
function configSummary(config: ConfigResult): string[] {
  const out = [`### ${code(config.path)}`, ""];
  out.push(config.targets.map((t) => `${t.split} targets ${code(t.shape)}`).join(" · "), "");
  if (config.problems.length === 0) {
    out.push(Object.keys(config.counts).length === 0 ? "✅ losses, metrics and loader agree." : "Problems not listed.", "");
    return out;
  }
  for (const p of config.problems) {
    const where = p.line !== undefined ? `line ${p.line}` : "config";
    out.push(`- **${p.severity === "error" ? "error" : "warning"}** ${where}: ${md(p.message)} (${code(p.rule)})${p.suggestion !== undefined ? ` — fix: ${md(p.suggestion)}` : ""}`);
  }
  out.push("");
  return out;
}

/** A Markdown report for `$GITHUB_STEP_SUMMARY`: per file the shape verdict, counts per rule, top problems and the fix command. */
export function githubStepSummary(result: LintResult): string {
  const { errorCount, warningCount } = result.summary;
  const verdict =
    errorCount + warningCount === 0
      ? `✅ no problems in ${plural(filesChecked(result), "file")}`
      : `${errorCount > 0 ? "❌" : "⚠️"} ${plural(errorCount, "error")}, ${plural(warningCount, "warning")} in ${plural(filesChecked(result), "file")}`;
  const out = ["## labellint", "", verdict, ""];
  for (const config of result.configs ?? []) out.push(...configSummary(config));
  for (const file of result.files) out.push(...fileSummary(file));
  return `${out.join("\n")}\n`;
}

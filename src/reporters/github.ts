import { allRules } from "../rules/index.js";
import { consumerTitle } from "../consumers/index.js";
import type { ConfigResult, FileResult, LintResult, Problem, ProblemList } from "../types.js";
import { ruleDocUrl } from "./sarif.js";
import { asFormatter, filesChecked, type Formatter, type FormatOptions, type ReportWriter } from "./types.js";
import { formatCount, plural } from "../text/numbers.js";
import { groupCount, groupLines, groupProblems, type ProblemGroup } from "./group.js";
import { visible } from "../text/visible.js";
import { compareText } from "../text/compare.js";

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
  /** The finding, or a group's first finding. */
  problem: Problem;
  /** The rule's repeated findings this one stands for. */
  group?: ProblemGroup;
}

/** File and dataset findings first, then line findings by file and line. */
function byImportance(a: Located, b: Located): number {
  const aLine = a.problem.line;
  const bLine = b.problem.line;
  if ((aLine === undefined) !== (bLine === undefined)) return aLine === undefined ? -1 : 1;
  return a.fileIndex - b.fileIndex || (aLine ?? 0) - (bLine ?? 0) || (a.problem.column ?? 0) - (b.problem.column ?? 0);
}

/**
 * One workflow command. Data is made visible (no raw control or bidi
 * characters) before the command escapes (`%`, CR, LF; `:` and `,` in properties)
 * keep it from ending the command or forging another.
 */
function annotation({ file, problem, group }: Located): string {
  const command = problem.severity === "error" ? "error" : "warning";
  const props: [string, string | number][] = [["file", problem.file ?? file.path]];
  if (problem.line !== undefined) props.push(["line", problem.line]);
  if (problem.line !== undefined && problem.column !== undefined) props.push(["col", problem.column]);
  props.push(["title", `${problem.code} ${problem.rule}${group ? ` (${groupCount(group)})` : ""}`]);
  const properties = props.map(([key, value]) => `${key}=${escapeProperty(visible(String(value)))}`).join(",");
  const parts = [visible(problem.message)];
  if (problem.suggestion !== undefined) parts.push(`Fix by hand: ${visible(problem.suggestion)}`);
  if (group) parts.push(`${groupCount(group)} have this finding: ${groupLines(group)}.`);
  return `::${command} ${properties}::${escapeData(parts.join("\n"))}`;
}


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

/** Each file's findings of one severity as they are annotated: a rule's repeated line findings as one. */
function* located(result: LintResult, options: FormatOptions, severity: Problem["severity"]): Generator<Located> {
  const files = [...(result.configs ?? []), ...result.files];
  for (let fileIndex = 0; fileIndex < files.length; fileIndex++) {
    const file = files[fileIndex]!;
    for (const item of groupProblems(file, { group: options.group ?? true }).items()) {
      const problem = item.group?.first ?? item.problem!;
      if (problem.severity !== severity) continue;
      yield item.group !== undefined ? { file, fileIndex, problem, group: item.group } : { file, fileIndex, problem };
    }
  }
}

/**
 * The `k` annotations of one kind: the most important finding of each rule
 * first, so one rule's ten findings cannot take every slot, then the most
 * important of the rest; shown in order of importance.
 */
function chosen(items: () => Iterable<Located>, k: number): Located[] {
  const bestOfRule = new Map<string, Located>();
  for (const l of items()) {
    const best = bestOfRule.get(l.problem.rule);
    if (best === undefined || byImportance(l, best) < 0) bestOfRule.set(l.problem.rule, l);
  }
  const picked = firstInOrder(bestOfRule.values(), k, byImportance);
  const taken = new Set(picked.map((l) => l.problem));
  const rest = firstInOrder(items(), k, byImportance).filter((l) => !taken.has(l.problem));
  return [...picked, ...rest.slice(0, k - picked.length)].sort(byImportance);
}

/** Findings an annotation stands for. */
const covered = (shown: readonly Located[]): number => shown.reduce((sum, l) => sum + (l.group?.count ?? 1), 0);

/**
 * GitHub Actions workflow commands: up to ten `::error` then up to ten
 * `::warning` annotations, most important first, and a `::notice` for the rest.
 */
export const writeGithub: ReportWriter = function* (result, options = {}) {
  const shownErrors = chosen(() => located(result, options, "error"), ANNOTATIONS_PER_KIND);
  const shownWarnings = options.quiet ? [] : chosen(() => located(result, options, "warn"), ANNOTATIONS_PER_KIND);
  for (const l of [...shownErrors, ...shownWarnings]) yield `${annotation(l)}\n`;

  // Totals are exact even when listings were capped, so the overflow counts come from them;
  // a group's annotation names all its lines, so its findings count as annotated.
  const { errorCount, warningCount } = result.summary;
  const moreErrors = errorCount - covered(shownErrors);
  const moreWarnings = options.quiet ? 0 : warningCount - covered(shownWarnings);
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
export const md = (text: string): string => visible(text.replace(/[\r\n]+/g, " ")).replace(/[\\`*_[\]<>|~&]/g, "\\$&");

/** Quotes a word for a POSIX shell when it needs it. */
const shellWord = (word: string): string => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/** An inline code span that survives backticks in the text. */
export function code(text: string): string {
  const flat = visible(text.replace(/[\r\n]+/g, " "));
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

function fileSummary(file: FileResult, options: FormatOptions): string[] {
  const out = [`### ${code(file.path)}`, ""];
  const dims = `[${formatCount(file.shape.rows)}, ${formatCount(file.shape.columns)}]`;
  out.push(file.shape.ok ? `✅ shape ${code(dims)} binary` : `❌ shape ${code(dims)} is not a clean binary matrix: ${md(file.shape.reasons.join("; "))}`, "");
  out.push(`${md(file.format)} list, read as ${md(consumerTitle(file.consumer, file.imagelistReader))} reads it`, "");

  const severities = new Map<string, Set<string>>();
  for (const p of file.problems) severities.set(p.rule, (severities.get(p.rule) ?? new Set()).add(p.severity));
  // Rules that reported errors first; a rule whose problems were all left out goes by its default.
  const rank = (rule: string) => ((severities.get(rule)?.has("error") ?? ruleMeta.get(rule)?.defaultSeverity === "error") ? 0 : 1);
  const counts = Object.entries(file.counts).sort((a, b) => rank(a[0]) - rank(b[0]) || b[1] - a[1] || compareText(a[0], b[0]));
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

  const errorsFirst = (a: { severity: string }, b: { severity: string }) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1);
  const items = [...groupProblems(file, { group: options.group ?? true }).items()].map((item) => item.group ?? item.problem);
  const top = firstInOrder(items, SUMMARY_TOP_PROBLEMS, errorsFirst);
  const total = counts.reduce((sum, [, count]) => sum + count, 0);
  const shown = top.reduce((sum, t) => sum + ("count" in t ? t.count : 1), 0);
  out.push(total > shown ? `Top ${top.length} of ${formatCount(total)} problems:` : "Problems:", "");
  for (const t of top) {
    const severity = `**${t.severity === "error" ? "error" : "warning"}**`;
    if ("count" in t) {
      out.push(`- ${severity} ${code(t.rule)} on ${groupCount(t)} (${groupLines(t)}), the first: ${md(t.first.message)}`);
      continue;
    }
    const where = t.line !== undefined ? `line ${t.line}${t.column !== undefined ? `:${t.column}` : ""}` : t.classIndex !== undefined ? `class ${t.classIndex}` : "file";
    out.push(`- ${severity} ${where}: ${md(t.message)} (${code(t.rule)})`);
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
export function githubStepSummary(result: LintResult, options: FormatOptions = {}): string {
  const { errorCount, warningCount } = result.summary;
  const verdict =
    errorCount + warningCount === 0
      ? `✅ no problems in ${plural(filesChecked(result), "file")}`
      : `${errorCount > 0 ? "❌" : "⚠️"} ${plural(errorCount, "error")}, ${plural(warningCount, "warning")} in ${plural(filesChecked(result), "file")}`;
  const out = ["## labellint", "", verdict, ""];
  for (const config of result.configs ?? []) out.push(...configSummary(config));
  for (const file of result.files) out.push(...fileSummary(file, options));
  return `${out.join("\n")}\n`;
}

import { allRules } from "../rules/index.js";
import type { ConfigResult, FileResult, Problem, ProblemList } from "../types.js";
import type { RuleMeta } from "../engine/api.js";
import { asFormatter, type Formatter, type ReportWriter } from "./types.js";
import { visible } from "../text/visible.js";
import { pushTo } from "../collections.js";

/**
 * Text content: data made visible first (control characters, which XML 1.0
 * does not allow even as references, bidi controls, line breaks and lone
 * surrogates become `\x1b`-style escapes), then markup escaped.
 */
export const escapeText = (text: string): string => visible(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Attribute values: also quotes, and TAB as a reference, which attribute normalisation would turn into a space. */
export const escapeAttribute = (text: string): string => escapeText(text).replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/\t/g, "&#9;");

const attrs = (values: Record<string, string | number>): string =>
  Object.entries(values)
    .map(([key, value]) => ` ${key}="${escapeAttribute(String(value))}"`)
    .join("");

interface RuleRef {
  code: string;
  name: string;
  defaultSeverity: string;
}

function problemLine(file: ProblemList, p: Problem): string {
  const path = p.file ?? file.path;
  const where = p.line !== undefined ? `${path}:${p.line}${p.column !== undefined ? `:${p.column}` : ""}` : p.classIndex !== undefined ? `${path} (class ${p.classIndex})` : path;
  return `${where}  ${p.severity === "error" ? "error" : "warn"}  ${p.message}`;
}

/**
 * The rules a suite lists: every rule on by default that checks this kind of
 * file (config rules for a training config, the others for a label file), and
 * any other that reported.
 */
function suiteRules(file: ProblemList & { format?: FileResult["format"] }, config: boolean): RuleRef[] {
  // A rule of other input formats (a CSV reader's finding in a paddleclas file) is no test of this file.
  const applies = (meta: RuleMeta) => meta.formats === undefined || file.format === undefined || meta.formats.includes(file.format);
  const rules: RuleRef[] = allRules
    .map((r) => r.meta)
    .filter((meta) => (meta.defaultSeverity !== "off" && (meta.scope === "config") === config && applies(meta)) || (file.counts[meta.name] ?? 0) > 0);
  // A problem from a rule outside the registry (a result built elsewhere) still gets its case.
  const known = new Set(rules.map((r) => r.name));
  for (const p of file.problems) {
    if (known.has(p.rule)) continue;
    known.add(p.rule);
    rules.push({ code: p.code, name: p.rule, defaultSeverity: p.severity });
  }
  return rules;
}

/** A file's listed problems by rule, grouped once (not filtered once per rule). */
function byRule(file: ProblemList): Map<string, Problem[]> {
  const groups = new Map<string, Problem[]>();
  for (const p of file.problems) pushTo(groups, p.rule, p);
  return groups;
}

/** What one rule's test case holds: its listed errors and warnings, and those counted but not listed. */
interface Case {
  rule: RuleRef;
  errors: Problem[];
  warnings: Problem[];
  unlistedErrors: number;
  unlistedWarnings: number;
  failed: boolean;
}

function testCase(file: ProblemList, rule: RuleRef, problems: readonly Problem[]): Case {
  const errors = problems.filter((p) => p.severity === "error");
  const warnings = problems.filter((p) => p.severity === "warn");
  const count = file.counts[rule.name] ?? 0;
  // Problems beyond --max-problems-per-rule are counted but not listed; their severity is the rule's.
  const unlisted = count - problems.length;
  const unlistedErrors = unlisted > 0 && (errors.length > 0 || (warnings.length === 0 && rule.defaultSeverity === "error")) ? unlisted : 0;
  const unlistedWarnings = unlisted > 0 && unlistedErrors === 0 ? unlisted : 0;
  return { rule, errors, warnings, unlistedErrors, unlistedWarnings, failed: errors.length + unlistedErrors > 0 };
}

/** Problem lines, escaped, one piece each: a rule with a million problems is never one string. */
function* problemText(file: ProblemList, problems: readonly Problem[], unlisted: number): Generator<string> {
  let first = true;
  for (const p of problems) {
    yield `${first ? "" : "\n"}${escapeText(problemLine(file, p))}`;
    first = false;
  }
  if (unlisted > 0) yield `${first ? "" : "\n"}${escapeText(`… and ${unlisted} more not listed (--max-problems-per-rule)`)}`;
}

/**
 * One rule's test case. Error-severity problems fail it (one line each in the
 * failure text); warnings go to its `<system-out>` and leave it passing.
 */
function* caseXml(file: ProblemList, c: Case): Generator<string> {
  const open = `    <testcase${attrs({ classname: file.path, name: `${c.rule.code} ${c.rule.name}` })}`;
  const errorTotal = c.errors.length + c.unlistedErrors;
  const hasWarnings = c.warnings.length + c.unlistedWarnings > 0;
  if (errorTotal === 0 && !hasWarnings) {
    yield `${open}/>\n`;
    return;
  }
  yield `${open}>\n`;
  if (errorTotal > 0) {
    const first = c.errors[0]?.message ?? `${errorTotal} problems`;
    const message = errorTotal === 1 ? first : `${errorTotal} problems; first: ${first}`;
    yield `      <failure${attrs({ message, type: "error" })}>`;
    yield* problemText(file, c.errors, c.unlistedErrors);
    yield "</failure>\n";
  }
  if (hasWarnings) {
    yield "      <system-out>";
    yield* problemText(file, c.warnings, c.unlistedWarnings);
    yield "</system-out>\n";
  }
  yield "    </testcase>\n";
}

interface Suite {
  file: ProblemList;
  properties: readonly (readonly [string, string | number])[];
  verdict: string;
  cases: Case[];
  failures: number;
}

function testSuite(file: FileResult): Suite {
  const shape = file.shape;
  const verdict = `shape [${shape.rows}, ${shape.columns}] ${shape.ok ? "binary ✓" : `✗ ${shape.reasons.join("; ")}`}`;
  const properties: [string, string | number][] = [
    ["format", file.format],
    ["consumer", file.consumer],
    ["rows", file.rows],
    ["numClasses", file.numClasses],
    ["split", file.split],
  ];
  return suite(file, false, properties, verdict);
}

/** A training config's suite: one case per config rule. */
function configSuite(config: ConfigResult): Suite {
  const properties: [string, string | number][] = [["kind", config.kind], ...config.targets.map((t): [string, string] => [`${t.split}Targets`, t.shape])];
  if (config.numClasses !== undefined) properties.push(["numClasses", config.numClasses]);
  return suite(config, true, properties, config.targets.map((t) => `${t.split} targets ${t.shape}`).join("; "));
}

function suite(file: ProblemList, config: boolean, properties: readonly (readonly [string, string | number])[], verdict: string): Suite {
  const groups = byRule(file);
  const cases = suiteRules(file, config).map((rule) => testCase(file, rule, groups.get(rule.name) ?? []));
  return { file, properties, verdict, cases, failures: cases.filter((c) => c.failed).length };
}

function* suiteXml(s: Suite): Generator<string> {
  yield `  <testsuite${attrs({ name: s.file.path, tests: s.cases.length, failures: s.failures, errors: 0, skipped: 0 })}>\n`;
  yield `    <properties>\n`;
  for (const [name, value] of s.properties) yield `      <property${attrs({ name, value })}/>\n`;
  yield `    </properties>\n`;
  for (const c of s.cases) yield* caseXml(s.file, c);
  yield `    <system-out>${escapeText(s.verdict)}</system-out>\n`;
  yield "  </testsuite>\n";
}

/**
 * JUnit XML in pieces: a `<testsuite>` per file and a `<testcase>` per rule. A
 * case fails when the rule reported errors; warnings are written to the
 * case's `<system-out>` and do not fail it, so CI fails exactly when `check`
 * exits 1 on errors (`--max-warnings` is the way to fail on warnings).
 */
export const writeJunit: ReportWriter = function* (result) {
  const suites = [...(result.configs ?? []).map(configSuite), ...result.files.map(testSuite)];
  const tests = suites.reduce((sum, s) => sum + s.cases.length, 0);
  const failures = suites.reduce((sum, s) => sum + s.failures, 0);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites${attrs({ name: "labellint", tests, failures, errors: 0 })}>\n`;
  for (const s of suites) yield* suiteXml(s);
  yield "</testsuites>\n";
};

/** JUnit XML: a `<testsuite>` per file and a `<testcase>` per rule (see {@link writeJunit}). */
export const formatJunit: Formatter = asFormatter(writeJunit);

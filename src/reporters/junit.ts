import { allRules } from "../rules/index.js";
import type { ConfigResult, FileResult, Problem, ProblemList, RuleMeta } from "../types.js";
import type { Formatter } from "./types.js";

// Characters XML 1.0 does not allow, even as references: C0 controls other than TAB, LF
// and CR, lone surrogates, U+FFFE and U+FFFF.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Characters XML cannot carry are written as `\uXXXX` so the report still says what was there. */
const visible = (text: string): string => text.replace(NOT_XML, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);

/** Text content: markup escaped; CR as a reference so XML's newline handling keeps it. */
export const escapeText = (text: string): string =>
  visible(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");

/** Attribute values: also quotes, and TAB/LF/CR as references, which attribute normalisation would turn into spaces. */
export const escapeAttribute = (text: string): string =>
  escapeText(text).replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");

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

interface Case {
  xml: string[];
  failed: boolean;
}

/**
 * One rule's test case. Error-severity problems fail it (one line each in the
 * failure text); warnings go to its `<system-out>` and leave it passing.
 */
function testCase(file: ProblemList, rule: RuleRef): Case {
  const problems = file.problems.filter((p) => p.rule === rule.name);
  const errors = problems.filter((p) => p.severity === "error");
  const warnings = problems.filter((p) => p.severity === "warn");
  const count = file.counts[rule.name] ?? 0;
  // Problems beyond --max-problems-per-rule are counted but not listed; their severity is the rule's.
  const unlisted = count - problems.length;
  const unlistedErrors = unlisted > 0 && (errors.length > 0 || (warnings.length === 0 && rule.defaultSeverity === "error")) ? unlisted : 0;
  const unlistedWarnings = unlisted > 0 && unlistedErrors === 0 ? unlisted : 0;
  const more = (n: number) => (n > 0 ? [`… and ${n} more not listed (--max-problems-per-rule)`] : []);

  const open = `    <testcase${attrs({ classname: file.path, name: `${rule.code} ${rule.name}` })}`;
  const body: string[] = [];
  const errorTotal = errors.length + unlistedErrors;
  if (errorTotal > 0) {
    const first = errors[0]?.message ?? `${errorTotal} problems`;
    const message = errorTotal === 1 ? first : `${errorTotal} problems; first: ${first}`;
    const text = [...errors.map((p) => problemLine(file, p)), ...more(unlistedErrors)].join("\n");
    body.push(`      <failure${attrs({ message, type: "error" })}>${escapeText(text)}</failure>`);
  }
  if (warnings.length + unlistedWarnings > 0) {
    const text = [...warnings.map((p) => problemLine(file, p)), ...more(unlistedWarnings)].join("\n");
    body.push(`      <system-out>${escapeText(text)}</system-out>`);
  }
  return { xml: body.length === 0 ? [`${open}/>`] : [`${open}>`, ...body, "    </testcase>"], failed: errorTotal > 0 };
}

interface Suite {
  xml: string[];
  tests: number;
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
  const cases = suiteRules(file, config).map((rule) => testCase(file, rule));
  const failures = cases.filter((c) => c.failed).length;
  const out = [`  <testsuite${attrs({ name: file.path, tests: cases.length, failures, errors: 0, skipped: 0 })}>`];
  out.push(`    <properties>`);
  for (const [name, value] of properties) out.push(`      <property${attrs({ name, value })}/>`);
  out.push(`    </properties>`);
  for (const c of cases) out.push(...c.xml);
  out.push(`    <system-out>${escapeText(verdict)}</system-out>`, "  </testsuite>");
  return { xml: out, tests: cases.length, failures };
}

/**
 * JUnit XML: a `<testsuite>` per file and a `<testcase>` per rule. A case fails
 * when the rule reported errors; warnings are written to the case's
 * `<system-out>` and do not fail it, so CI fails exactly when `check` exits 1
 * on errors (`--max-warnings` is the way to fail on warnings).
 */
export const formatJunit: Formatter = (result) => {
  const suites = [...(result.configs ?? []).map(configSuite), ...result.files.map(testSuite)];
  const tests = suites.reduce((sum, s) => sum + s.tests, 0);
  const failures = suites.reduce((sum, s) => sum + s.failures, 0);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attrs({ name: "labellint", tests, failures, errors: 0 })}>`];
  for (const suite of suites) out.push(...suite.xml);
  out.push("</testsuites>");
  return `${out.join("\n")}\n`;
};

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintText } from "../src/engine/lint.js";
import { SplitIndex } from "../src/engine/splits.js";
import { allRules } from "../src/rules/index.js";
import type { Problem } from "../src/types.js";
import type { Rule } from "../src/engine/api.js";
import type { LintOptions } from "../src/engine/options.js";
import { ROOT } from "./shared.js";
import { consumers, effectOf } from "../src/consumers/index.js";
import { consumerSection } from "../src/consumers/docs.js";
import { lintLaidOut, type Layout } from "./ppcls/layout.js";

/**
 * Keeps docs/rules/<name>.md in step with the rules: the heading and table,
 * every example output line against the rule's message templates, and every
 * "Bad" example run through the engine.
 *
 * Page conventions relied on here:
 * - a "Bad" example is a paragraph starting with `Bad`, directly preceded by
 *   `<!-- example-options: {…} -->` (LintOptions as JSON) and followed by a
 *   fenced block with the file content; the next fenced block is the report;
 * - in the content, `<TAB>`, `<BOM>`, `<CR>`, `<LF>`, `<CRLF>` and `<0xHH>`
 *   stand for those bytes; a block that spells out its line terminators is
 *   joined without newlines, any other block gets LF after every line;
 * - image rules: an `imageRoot` in the options is taken relative to the
 *   project root (the pages use the bundled fixtures/images-sample tree);
 * - cross-file rules: a `train` entry in the options (content, with the same
 *   escapes) is linted first as train_list.txt, and the example then as an
 *   eval file of the same run;
 * - config rules: a `ppcls` entry in the options (a layout: list contents by
 *   split, extra files) makes the content a PaddleClas config, laid out as
 *   config.yaml in a temporary root with its lists and linted with them.
 */

const DISPLAY_PATH = "train_list.txt";

interface Fence {
  /** 0-based index of the opening ``` line. */
  start: number;
  lines: string[];
}

interface ReportLine {
  text: string;
  file: string;
  line?: number;
  column?: number;
  severity: string;
  message: string;
  rule: string;
  fix?: "safe" | "unsafe";
  /** The `fix by hand:` line shown under it, if any. */
  suggestion?: string;
}

interface BadExample {
  /** 1-based line of the `Bad` paragraph, for messages. */
  at: number;
  options: LintOptions;
  /** A train file the example is checked against (split-leakage). */
  train?: Buffer;
  /** The content is a PaddleClas config laid out with these lists and files. */
  ppcls?: Layout;
  content: Buffer;
  /** The fenced block right after the content: the report for it. */
  report: ReportLine[];
  /** The report shows `fix by hand:` lines (a page may leave them out, and says so). */
  suggestions: boolean;
}

const REPORT_LINE =
  /^(\S+?)(?::(\d+):(\d+))?  (error|warn) {2,3}(.+)  ([a-z0-9]+(?:-[a-z0-9]+)*)(?: \[(unsafe )?fix\])?$/;

function readPage(rule: Rule): string {
  return readFileSync(join(ROOT, "docs", "rules", `${rule.meta.name}.md`), "utf8");
}

function fences(lines: readonly string[]): Fence[] {
  const found: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith("```")) continue;
    let j = i + 1;
    while (j < lines.length && !lines[j]!.startsWith("```")) j++;
    if (j === lines.length) throw new Error(`unclosed code block at line ${i + 1}`);
    found.push({ start: i, lines: lines.slice(i + 1, j) });
    i = j;
  }
  return found;
}

function parseReportLine(text: string): ReportLine | undefined {
  const m = REPORT_LINE.exec(text);
  if (m === null) return undefined;
  return {
    text,
    file: m[1]!,
    ...(m[2] !== undefined ? { line: Number(m[2]), column: Number(m[3]) } : {}),
    severity: m[4]!,
    message: m[5]!,
    rule: m[6]!,
    ...(text.endsWith(" [unsafe fix]") ? { fix: "unsafe" as const } : text.endsWith(" [fix]") ? { fix: "safe" as const } : {}),
  };
}

/**
 * A message template as a regex: the literal text escaped, each `{{name}}`
 * matching any text. Placeholders such as `{{more}}` and `{{name}}` are often
 * empty (no class names, a single occurrence), so they match lazily from zero
 * characters up.
 */
function templateRegex(template: string): RegExp {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${template.split(/\{\{\w+\}\}/).map(escape).join(".*?")}$`);
}

function decodeExample(block: readonly string[]): Buffer {
  const spelled = block.some((l) => /<(CRLF|LF|CR)>/.test(l));
  const text = spelled ? block.join("") : block.map((l) => `${l}\n`).join("");
  const parts = text.split(/(<0x[0-9A-Fa-f]{2}>)/).map((part) => {
    if (/^<0x[0-9A-Fa-f]{2}>$/.test(part)) return Buffer.from([parseInt(part.slice(3, 5), 16)]);
    const decoded = part
      .replace(/<TAB>/g, "\t")
      .replace(/<BOM>/g, "\ufeff")
      .replace(/<CRLF>/g, "\r\n")
      .replace(/<LF>/g, "\n")
      .replace(/<CR>/g, "\r");
    return Buffer.from(decoded, "utf8");
  });
  return Buffer.concat(parts);
}

function badExamples(page: string): BadExample[] {
  const lines = page.split("\n");
  const blocks = fences(lines);
  const examples: BadExample[] = [];
  lines.forEach((line, i) => {
    if (!/^Bad\b/.test(line)) return;
    const comment = /^<!-- example-options: (\{.*\}) -->$/.exec(lines[i - 1] ?? "");
    if (comment === null) throw new Error(`line ${i + 1}: a Bad example needs <!-- example-options: {…} --> on the line before it`);
    const k = blocks.findIndex((b) => b.start > i);
    const content = blocks[k];
    const report = blocks[k + 1];
    if (content === undefined || report === undefined) throw new Error(`line ${i + 1}: a Bad example needs a content block and a report block`);
    const { train, ppcls, ...options } = JSON.parse(comment[1]!) as LintOptions & { train?: string; ppcls?: Layout };
    if (options.imageRoot !== undefined) options.imageRoot = join(ROOT, options.imageRoot);
    examples.push({
      at: i + 1,
      options,
      ...(train !== undefined ? { train: decodeExample(train.split("\n")) } : {}),
      ...(ppcls !== undefined ? { ppcls } : {}),
      content: decodeExample(content.lines),
      report: reportWithSuggestions(report.lines),
      suggestions: report.lines.some((l) => l.startsWith(SUGGESTION)),
    });
  });
  return examples;
}

/** How the text report shows a finding's suggestion, under its code frame. */
const SUGGESTION = "    fix by hand: ";

/** A report block's lines, each with the `fix by hand:` line shown under it. */
function reportWithSuggestions(lines: readonly string[]): ReportLine[] {
  const out: ReportLine[] = [];
  for (const text of lines) {
    const line = parseReportLine(text);
    if (line !== undefined) out.push(line);
    else if (text.startsWith(SUGGESTION) && out.length > 0) out[out.length - 1]!.suggestion = text.slice(SUGGESTION.length);
  }
  return out;
}

/** Every report line in the page's code blocks. */
function reportLines(page: string): ReportLine[] {
  return fences(page.split("\n")).flatMap((b) => b.lines.map(parseReportLine).filter((r): r is ReportLine => r !== undefined));
}

const byName = new Map(allRules.map((r) => [r.meta.name, r]));

/** The message is one of the rule's templates, alone or followed by a consumer's consequence for that case. */
function matchesTemplate(rule: Rule, message: string): boolean {
  return Object.entries(rule.meta.messages).some(([id, t]) => {
    const consequences = Object.values(consumers).flatMap((c) => effectOf(c, rule.meta.name, id)?.consequence ?? []);
    return [t, ...consequences.map((c) => `${t}: ${c}`)].some((full) => templateRegex(full).test(message));
  });
}

describe("templateRegex", () => {
  it("matches filled templates, empty placeholders included, and nothing else", () => {
    const re = templateRegex("class {{index}}{{name}} has only {{count}} positive{{s}} (fewer than {{min}}): [x]");
    expect(re.test("class 1 'lake' has only 3 positives (fewer than 10): [x]")).toBe(true);
    expect(re.test("class 1 has only 1 positive (fewer than 10): [x]")).toBe(true);
    expect(re.test("class 1 has only 1 positive (fewer than 10): [x] and more")).toBe(false);
    expect(re.test("class 1 has just 1 positive (fewer than 10): [x]")).toBe(false);
  });
});

describe.each(allRules.map((r) => [r.meta.name, r] as const))("docs/rules/%s.md", (name, rule) => {
  const { code, defaultSeverity, scope } = rule.meta;

  it("has the heading and a table row with the rule's code, default severity, scope and fix", () => {
    const lines = readPage(rule).split("\n");
    expect(lines[0]).toBe(`# ${code} ${name}`);
    const header = lines.findIndex((l) => /^\| code \| default severity \| scope \| fix \|$/.test(l));
    expect(header, "table header row").toBeGreaterThan(0);
    expect(lines[header + 1]).toMatch(/^\|(-+\|){4}$/);
    const cells = lines[header + 2]!.split("|").slice(1, -1).map((c) => c.trim());
    expect(cells).toHaveLength(4);
    expect(cells[0]).toBe(code);
    // A parenthetical may qualify the severity: "error (warn in an eval split)".
    expect(cells[1]!.replace(/\s*\(.*\)$/, "")).toBe(defaultSeverity);
    expect(cells[2]).toBe(scope);
    expect(cells[3]!.split(/[\s:(,]/)[0]).toBe(rule.meta.fix.applicability);
  });

  it("has a By consumer section that says what each consumer model does (scripts/rule-docs.mjs writes it)", () => {
    const page = readPage(rule);
    const start = page.indexOf("<!-- by-consumer -->\n");
    const end = page.indexOf("<!-- /by-consumer -->");
    expect(start, "a <!-- by-consumer --> section").toBeGreaterThan(0);
    expect(page.slice(start + "<!-- by-consumer -->\n".length, end)).toBe(consumerSection(rule));
  });

  it("shows example output whose messages match the rules' templates", () => {
    const lines = reportLines(readPage(rule));
    const mine = lines.filter((l) => l.rule === name);
    expect(mine.length, "example output lines naming this rule").toBeGreaterThan(0);
    for (const line of lines) {
      const owner = byName.get(line.rule);
      expect(owner, `unknown rule in: ${line.text}`).toBeDefined();
      expect(matchesTemplate(owner!, line.message), `no ${line.rule} message template matches: ${line.message}`).toBe(true);
      // The fix marker agrees with the rule's fix metadata.
      const { availability, applicability } = owner!.meta.fix;
      if (line.fix !== undefined) expect(line.fix).toBe(applicability);
      else expect(availability === "always", `${line.rule} always has a fix, but the line has no marker: ${line.text}`).toBe(false);
    }
  });

  it("has Bad examples on which the rule fires, reported as the page shows", async () => {
    const examples = badExamples(readPage(rule));
    expect(examples.length, "Bad examples").toBeGreaterThan(0);
    for (const example of examples) {
      if (example.ppcls !== undefined) {
        const run = await lintLaidOut(example.content.toString("utf8"), example.ppcls, example.options);
        const found = [...(run.configs ?? []), ...run.files].flatMap((f) => f.problems.filter((p) => p.rule === name).map((p) => ({ path: f.path, p })));
        expect(found.length, `${name} on the Bad example at line ${example.at}`).toBeGreaterThan(0);
        const shown = example.report.filter((r) => r.rule === name);
        expect(
          shown.map((r) => [r.file, r.line ?? null, r.column ?? null, r.severity, r.message]),
          `report after the Bad example at line ${example.at}`,
        ).toEqual(found.map(({ path, p }) => [path, p.line ?? null, p.line !== undefined ? (p.column ?? 1) : null, p.severity, p.message]));
        // The `fix by hand:` lines, where the page shows them, are the findings' own.
        if (example.suggestions) {
          expect(shown.map((r) => r.suggestion ?? null), `fix by hand lines after the Bad example at line ${example.at}`).toEqual(found.map(({ p }) => p.suggestion ?? null));
        }
        continue;
      }
      let options = example.options;
      if (example.train !== undefined) {
        const splits = new SplitIndex();
        await lintText(example.train, { ...options, split: "train", splits }, "train_list.txt");
        options = { ...options, split: "eval", splits };
      }
      const display = example.train !== undefined ? "eval_list.txt" : DISPLAY_PATH;
      const result = await lintText(example.content, options, display);
      const found: Problem[] = result.problems.filter((p) => p.rule === name);
      expect(found.length, `${name} on the Bad example at line ${example.at}`).toBeGreaterThan(0);
      // The page's report for this example lists exactly what the engine reports for the rule.
      const shown = example.report.filter((r) => r.rule === name);
      expect(
        shown.map((r) => [r.file, r.line ?? null, r.column ?? null, r.severity, r.message, r.fix ?? null]),
        `report after the Bad example at line ${example.at}`,
      ).toEqual(
        found.map((p) => [
          display,
          p.line ?? null,
          p.line !== undefined ? (p.column ?? 1) : null,
          p.severity,
          p.message,
          p.fix?.applicability ?? null,
        ]),
      );
      if (example.suggestions) {
        expect(shown.map((r) => r.suggestion ?? null), `fix by hand lines after the Bad example at line ${example.at}`).toEqual(found.map((p) => p.suggestion ?? null));
      }
    }
  });
});

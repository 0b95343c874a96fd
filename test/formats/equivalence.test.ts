import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lintFile } from "../../src/engine/lint.js";
import { fix } from "../../src/fixer/fix.js";
import { readClassNames } from "../../src/readers/class-names.js";
import type { FileResult } from "../../src/types.js";
import type { LintOptions } from "../../src/engine/options.js";
import { fixture } from "../shared.js";

/**
 * fixtures/formats/ holds one dataset (16 rows, 5 NUS-WIDE concepts, planted
 * findings) in every input format (scripts/make-format-fixtures.mjs). Checked
 * in any of them it must give the same class count, per-class counts and
 * findings — each at the line of its row in that format.
 */
const dir = (...parts: string[]) => fixture("formats", ...parts);
const columns = dir("nus-wide", "Groundtruth", "TrainTestLabels", "Labels_{class}_Train.txt");

interface Case {
  name: string;
  file: string;
  options: LintOptions;
  format: string;
  /** The physical line of data row `row`. */
  lineOf: (row: number) => number;
}

const names = await readClassNames(dir("label_list.txt"));
const CASES: Case[] = [
  { name: "paddleclas", file: dir("sample.paddleclas.txt"), options: { classNames: names }, format: "paddleclas", lineOf: (r) => r + 1 },
  { name: "spaced", file: dir("sample.spaced.txt"), options: { classNames: names }, format: "spaced", lineOf: (r) => r + 1 },
  { name: "indices", file: dir("sample.indices.txt"), options: { classNames: names }, format: "indices", lineOf: (r) => r + 1 },
  { name: "csv with a header", file: dir("sample.csv"), options: {}, format: "csv", lineOf: (r) => r + 2 },
  { name: "csv from a spreadsheet (BOM, CRLF, quoted)", file: dir("spreadsheet.csv"), options: {}, format: "csv", lineOf: (r) => r + 2 },
  { name: "json", file: dir("sample.json"), options: {}, format: "json", lineOf: (r) => r + 4 },
  {
    name: "columns (NUS-WIDE tree)",
    file: dir("nus-wide", "ImageList", "TrainImagelist.txt"),
    options: { columns, classNames: await readClassNames(dir("nus-wide", "Concepts.txt")) },
    format: "columns",
    lineOf: (r) => r + 1,
  },
];

/** Findings of the rows, as [row, rule] (file and dataset findings as [null, rule]); the BOM is the spreadsheet's own. */
const byRow = (r: FileResult) =>
  r.problems
    .filter((p) => p.rule !== "bom")
    .map((p) => [p.row ?? null, p.rule, p.classIndex ?? null] as const)
    .sort((a, b) => (a[0] ?? -1) - (b[0] ?? -1) || a[1].localeCompare(b[1]) || (a[2] ?? -1) - (b[2] ?? -1));

const results = new Map<string, FileResult>();
for (const c of CASES) results.set(c.name, await lintFile(c.file, { ...c.options, statistics: true }));
const reference = results.get("paddleclas")!;

describe("the same data in every format", () => {
  it("has the planted findings in the reference (paddleclas) file", () => {
    const rules = new Set(reference.problems.map((p) => p.rule));
    for (const rule of ["backslash-path", "empty-labelset", "duplicate-path", "conflicting-duplicate", "rare-class"]) expect(rules).toContain(rule);
    expect(reference.numClasses).toBe(5);
    expect(reference.rows).toBe(16);
  });

  describe.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const result = results.get(c.name)!;

    it("is detected as its format, with a reason", () => {
      expect(result.format).toBe(c.format);
      expect(result.formatReason).not.toBe("");
    });

    it("has the same C, class names, rows and per-class counts", () => {
      expect(result.numClasses).toBe(reference.numClasses);
      expect(result.classNames).toEqual(reference.classNames);
      expect(result.rows).toBe(reference.rows);
      expect(result.stats).toEqual(reference.stats);
      expect(result.statistics).toEqual(reference.statistics);
      expect(result.shape).toEqual(reference.shape);
    });

    it("has the same findings by row, each at the line of its row in this format", () => {
      expect(byRow(result)).toEqual(byRow(reference));
      for (const p of result.problems) {
        if (p.row !== undefined) expect(p.line, `${p.rule} on row ${p.row}`).toBe(c.lineOf(p.row));
      }
      const rest = (r: FileResult) => Object.entries(r.counts).filter(([rule]) => rule !== "bom");
      expect(rest(result)).toEqual(rest(reference));
    });

    it("names lines of its own in the messages (the first copy of a duplicate)", () => {
      const dup = result.problems.find((p) => p.rule === "duplicate-path")!;
      // A JSON entry shares its line with others only sometimes: its column follows the line number ("line 3, column 2").
      expect(dup.message).toMatch(new RegExp(`line ${c.lineOf(2)}[ ,]`));
    });
  });

  it("reports the spreadsheet's byte-order mark at line 1", () => {
    const bom = results.get("csv from a spreadsheet (BOM, CRLF, quoted)")!.problems.filter((p) => p.rule === "bom");
    expect(bom.map((p) => p.line)).toEqual([1]);
  });

  it("quotes the original line, with the caret where the value is", () => {
    const csv = results.get("csv with a header")!;
    const p = csv.problems.find((q) => q.rule === "backslash-path" && q.row === 10)!;
    expect(p.source).toBe('"beach\\0011_sand,sea.jpg",0,0,1,0,0');
    // The path is quoted: its columns move by one.
    expect(p.column).toBe(2);
  });
});

describe("fix on every format", () => {
  const tmp = mkdtempSync(join(tmpdir(), "labellint-formats-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it.each(CASES.map((c) => [c.name, c] as const))("%s: writes the same canonical rows as the paddleclas file", async (name, c) => {
    const base = join(tmp, "reference.txt");
    const ref = await fix(dir("sample.paddleclas.txt"), { classNames: names, out: base, force: true });
    const out = join(tmp, `${name.replace(/\W+/g, "-")}.txt`);
    const result = await fix(c.file, { ...c.options, out, force: true, to: "paddleclas" });
    expect(readFileSync(out, "utf8")).toBe(readFileSync(base, "utf8"));
    expect(result.counts).toMatchObject({ rowsOut: ref.counts.rowsOut, rowsRejected: ref.counts.rowsRejected, linesDropped: ref.counts.linesDropped });
    // Every record is accounted for, and the plan names the input's own lines.
    expect(result.counts.linesIn).toBe(result.counts.rowsOut + result.counts.rowsRejected + result.counts.linesDropped);
    expect(result.plan.format).toBe(c.format);
    expect(result.plan.drops.map((d) => d.line)).toEqual(ref.plan.drops.map((d) => c.lineOf(d.line - 1)));
    expect(result.plan.rejects.map((r) => r.line)).toEqual(ref.plan.rejects.map((r) => c.lineOf(r.line - 1)));
    expect(result.before.format).toBe(c.format);
    // The output checks clean of fixable findings, in any format it came from.
    expect(result.after?.fixable).toEqual({ safe: 0, unsafe: 0 });
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Ajv } from "ajv";
import { afterAll, describe, expect, it } from "vitest";
import { lintFile, lintText } from "../../src/engine/lint.js";
import { createLintStream } from "../../src/engine/lint-stream.js";
import { applyPlan } from "../../src/fixer/apply.js";
import { fix } from "../../src/fixer/fix.js";
import { isRecordFormat, openCanonical } from "../../src/readers/records.js";
import type { FileResult } from "../../src/types.js";
import { runCli } from "../cli-harness.js";
import { fixture } from "../shared.js";

const tmp = mkdtempSync(join(tmpdir(), "labellint-records-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, text: string): string => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};
const OFF = { "rare-class": "off", "class-without-positives": "off", "class-always-positive": "off", "full-labelset": "off" } as const;

describe("openCanonical", () => {
  it("tells the record formats from the line formats", () => {
    expect(["csv", "indices", "columns", "json"].every(isRecordFormat)).toBe(true);
    expect(isRecordFormat("paddleclas") || isRecordFormat("spaced") || isRecordFormat("auto")).toBe(false);
  });

  it("writes canonical lines with values as written, and maps each back to its line", async () => {
    const path = write("a.csv", 'path,a,b\n"x,1.jpg",1.0,0\n\n"y\tz.jpg",0,1\nw.jpg,0,1\n');
    const canonical = await openCanonical(path, {}, "a.csv");
    try {
      expect(canonical).toMatchObject({ format: "csv", numClasses: 2, classNames: ["a", "b"], lines: 5 });
      expect(canonical.formatReason).toMatch(/^auto: /);
      expect(readFileSync(canonical.path, "utf8")).toBe("x,1.jpg\t1.0,0\n\nw.jpg\t0,1\n");
      expect([1, 2, 3].map((l) => canonical.line(l))).toEqual([2, 3, 5]);
      // The record with a TAB in its path is rejected, so w.jpg is data row 2 of the input, row 1 of the canonical file.
      expect(canonical.row(3)).toBe(2);
      // A blank line holds no row.
      expect(canonical.row(2)).toBeUndefined();
      expect(canonical.rejected).toEqual([{ line: 4, row: 1, text: '"y\tz.jpg",0,1', findings: [expect.objectContaining({ rule: "malformed-record", messageId: "pathTab" })] }]);
      expect(canonical.findings.map((f) => [f.line, f.row, f.rule])).toEqual([[4, 1, "malformed-record"]]);
    } finally {
      await canonical.dispose();
    }
    expect(existsSync(canonical.path)).toBe(false);
  });

  it("uses a paddleclas file as it is", async () => {
    const path = write("p.txt", "a.jpg\t0,1\n");
    const canonical = await openCanonical(path, {});
    expect(canonical).toMatchObject({ path, format: "paddleclas", rejected: [], findings: [] });
    expect(canonical.line(1)).toBe(1);
    await canonical.dispose();
    expect(existsSync(path)).toBe(true);
  });

  it("rewrites a spaced file to canonical lines too", async () => {
    const canonical = await openCanonical(write("s.txt", "a.jpg 0 1\r\n\nb.jpg 1 0\r\n"), {});
    expect(canonical.format).toBe("spaced");
    expect(readFileSync(canonical.path, "utf8")).toBe("a.jpg\t0,1\r\n\nb.jpg\t1,0\r\n");
    await canonical.dispose();
  });

  it("applies the user's rule settings to the reader's findings", async () => {
    const path = write("i.txt", "a.jpg\t0,0\nb.jpg\t9\n");
    const options = { format: "indices", numClasses: 2, rules: { ...OFF, "repeated-index": "off", "invalid-index": "warn" } } as const;
    const result = await lintFile(path, options);
    expect(result.problems.map((p) => [p.rule, p.severity, p.line])).toEqual([["invalid-index", "warn", 2]]);
    // Off or not, a record that cannot be a row is left out, with its reasons.
    const canonical = await openCanonical(path, options);
    expect(canonical.rejected.map((r) => r.line)).toEqual([2]);
    await canonical.dispose();
  });
});

describe("every entry point reads the record formats", () => {
  const csv = "path,a,b\nx.jpg,0,1\ny.jpg,1,0\nx.jpg,0,1\n";
  const expectCsv = (r: FileResult) => {
    expect(r).toMatchObject({ format: "csv", numClasses: 2, rows: 3 });
    expect(r.problems.map((p) => [p.line, p.rule])).toEqual([[4, "duplicate-path"]]);
  };

  it("lintText", async () => expectCsv(await lintText(csv, { rules: OFF })));

  it("createLintStream, sniffed", async () => {
    const stream = createLintStream({ rules: OFF, path: "s.csv" });
    await pipeline(Readable.from([Buffer.from(csv.slice(0, 10)), Buffer.from(csv.slice(10))]), stream);
    const r = await stream.result;
    expectCsv(r);
    expect(r.path).toBe("s.csv");
  });

  it("createLintStream, format given", async () => {
    const stream = createLintStream({ format: "csv", rules: OFF });
    await pipeline(Readable.from([Buffer.from(csv)]), stream);
    expectCsv(await stream.result);
  });

  it("createLintStream keeps streaming a line format through the session", async () => {
    const stream = createLintStream({ rules: OFF });
    await pipeline(Readable.from([Buffer.from("a.jpg\t0,1\nb.jpg\t1,0\n")]), stream);
    expect(await stream.result).toMatchObject({ format: "paddleclas", rows: 2 });
  });

  it("the CLI, with --columns resolved against the working directory", async () => {
    const out = await runCli(["check", "fixtures/formats/nus-wide/ImageList/TrainImagelist.txt", "--columns", "fixtures/formats/nus-wide/Groundtruth/TrainTestLabels/Labels_{class}_Train.txt", "--class-names", "fixtures/formats/nus-wide/Concepts.txt", "--reporter", "json"]);
    const report = JSON.parse(out.stdout) as { files: FileResult[] };
    expect(report.files[0]).toMatchObject({ format: "columns", numClasses: 5, rows: 16 });
    expect(out.code).toBe(1);
  });

  it("the CLI's text report names a per-class file where a value is bad", async () => {
    const out = await runCli(["check", "fixtures/formats/nus-wide-defects/ImageList/TrainImagelist.txt", "--columns", "fixtures/formats/nus-wide-defects/Groundtruth/TrainTestLabels/Labels_{class}_Train.txt", "--class-names", "fixtures/formats/nus-wide-defects/Concepts.txt"]);
    expect(out.stdout).toContain("fixtures/formats/nus-wide-defects/Groundtruth/TrainTestLabels/Labels_birds_Train.txt:3:1  error  value '2' for class 4 'birds' is not 0 or 1  non-binary-value");
  });

  it("the json report with a per-class file is valid against schemas/report.schema.json", async () => {
    const out = await runCli(["check", "fixtures/formats/nus-wide-defects/ImageList/TrainImagelist.txt", "--columns", "fixtures/formats/nus-wide-defects/Groundtruth/TrainTestLabels/Labels_{class}_Train.txt", "--class-names", "fixtures/formats/nus-wide-defects/Concepts.txt", "--reporter", "json"]);
    const schema = JSON.parse(readFileSync(fixture("..", "schemas", "report.schema.json"), "utf8")) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const report = JSON.parse(out.stdout) as { files: FileResult[] };
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.files[0]!.problems.some((p) => p.file?.endsWith("Labels_birds_Train.txt"))).toBe(true);
  });
});

describe("split-leakage across formats", () => {
  it("names the line of the leaked image in a csv train file, header counted", async () => {
    const { lint } = await import("../../src/engine/lint.js");
    const train = write("train.csv", "path,a,b\nx.jpg,0,1\ny.jpg,1,0\n");
    const evalList = write("eval.txt", "z.jpg\t0,1\ny.jpg\t1,0\n");
    const result = await lint([{ path: train, options: { split: "train" } }, { path: evalList, options: { split: "eval" } }], { rules: OFF });
    const leak = result.files[1]!.problems.find((p) => p.rule === "split-leakage")!;
    expect(leak.line).toBe(2);
    expect(leak.message).toContain(`line 3 of ${train}`);
  });
});

describe("a wrong --format gives clear problems", () => {
  it("a paddleclas list read as json: one syntax error at line 1", async () => {
    const r = await lintText("a.jpg\t0,1\n", { format: "json" });
    expect(r.problems.map((p) => [p.line, p.rule])).toEqual([[1, "invalid-annotation"]]);
  });

  it("a multi-hot list read as indices: each row says it is 0/1 values", async () => {
    const r = await lintText("a.jpg\t0,1,0,1\nb.jpg\t1,0,0,1\n", { format: "indices" });
    expect(r.counts).toEqual({ "invalid-index": 2 });
    expect(r.problems[0]!.message).toContain("read the file with --format paddleclas or spaced");
  });

  it("--format columns without --columns is a usage error", async () => {
    await expect(lintText("a.jpg\n", { format: "columns" })).rejects.toThrow(/needs --columns TEMPLATE/);
  });
});

describe("fix on a record format", () => {
  it("rejects unreadable records as written, names the input's lines, and refuses --in-place and apply", async () => {
    const input = write("fix.csv", 'path,a,b\nx\\1.jpg,0,1\n"y\tz.jpg",1,0\nw.jpg,1.0,0\nv.jpg,0,2\n');
    const out = join(tmp, "fixed.txt");
    const plan = join(tmp, "plan.json");
    const result = await fix(input, { out, plan, rules: OFF });
    expect(readFileSync(out, "utf8")).toBe("x/1.jpg\t0,1\nw.jpg\t1,0\n");
    expect(result.counts).toEqual({ linesIn: 4, rowsOut: 2, rowsRejected: 2, linesDropped: 0, linesEdited: 2 });
    expect(result.plan.edits.map((e) => e.line)).toEqual([2, 4]);
    // In line order, as convert writes them: the reader's rejected records among the engine's.
    expect(result.plan.rejects.map((r) => [r.line, r.reasons[0]!.rule])).toEqual([
      [3, "malformed-record"],
      [5, "non-binary-value"],
    ]);
    const rejects = readFileSync(`${out}.rejects.tsv`, "utf8").split("\n");
    expect(rejects[0]).toBe("line\trules\treasons\ttext");
    // Both as written in the CSV file: the record the reader rejected, and the row the check rejected.
    expect(rejects.find((l) => l.startsWith("3\tmalformed-record\t"))?.endsWith('\t"y\tz.jpg",1,0')).toBe(true);
    expect(rejects.find((l) => l.startsWith("5\tnon-binary-value\t"))?.endsWith("\tv.jpg,0,2")).toBe(true);
    expect(result.plan.rejects.find((r) => r.line === 5)?.text).toBe("v.jpg,0,2");
    // The plan records the CSV file itself, and says it was CSV.
    const saved = JSON.parse(readFileSync(plan, "utf8")) as { format: string; input: { bytes: number } };
    expect(saved).toMatchObject({ format: "csv", input: { bytes: readFileSync(input).length } });
    await expect(applyPlan(plan, { out: join(tmp, "applied.txt") })).rejects.toThrow(/made from csv input/);
    await expect(fix(input, { inPlace: true })).rejects.toThrow(/--in-place would replace csv input/);
    // The output is a clean PaddleClas list.
    const after = await lintFile(out, { numClasses: 2, rules: OFF });
    expect(after).toMatchObject({ format: "paddleclas", errorCount: 0, warningCount: 0 });
  });
});

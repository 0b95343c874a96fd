import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import type { LintResult } from "../../src/types.js";
import { ROOT, SHARED } from "../shared.js";
import { runCli, type Captured } from "../cli-harness.js";


const cli = (...argv: string[]): Promise<Captured> => runCli(argv);

function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "labellint-stats-")), name);
  writeFileSync(path, content);
  return path;
}

const schema = JSON.parse(readFileSync(join(ROOT, "schemas", "report.schema.json"), "utf8")) as object;
const validate = new Ajv({ allErrors: true }).compile(schema);

function expectValid(json: string): LintResult {
  const data: unknown = JSON.parse(json);
  const ok = validate(data);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(ok).toBe(true);
  return data as LintResult;
}

/** Every number finite, no string where a statistic belongs. */
function expectFinite(value: unknown, path: string): void {
  if (typeof value === "number") expect(Number.isFinite(value), `${path} = ${value}`).toBe(true);
  else if (Array.isArray(value)) value.forEach((v, i) => expectFinite(v, `${path}[${i}]`));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) expectFinite(v, `${path}.${k}`);
}

const TRAIN = "fixtures/nus-wide-scene/train_list.txt";
const EVAL = "fixtures/nus-wide-scene/eval_list.txt";
const SAMPLE = [TRAIN, EVAL, "--class-names", "fixtures/nus-wide-scene/label_list.txt"];

/** Per-class prevalence of a PaddleClas list, read here without labellint. */
function prevalences(path: string): number[] {
  const rows = readFileSync(join(ROOT, path), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => l.split("\t")[1]!.split(",").map(Number));
  return rows[0]!.map((_, j) => rows.filter((r) => r[j] === 1).length / rows.length);
}

describe("labellint stats", () => {
  it("prints the summary, the per-class table and the train-vs-eval comparison of the bundled sample", async () => {
    const { code, stdout, stderr } = await cli("stats", ...SAMPLE);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    for (const label of [
      "N (rows)",
      "C (classes)",
      "shape",
      "label cardinality",
      "label density",
      "distinct labelsets",
      "single-occurrence labelsets",
      "max labelset frequency",
      "MaxIR",
      "MeanIR",
      "CVIR",
      "SCUMBLE",
    ]) {
      expect(stdout).toMatch(new RegExp(`\\n  ${label.replace(/[()]/g, "\\$&")} +\\S`));
    }
    expect(stdout).toMatch(/N \(rows\) +1,200\n/);
    expect(stdout).toMatch(/N \(rows\) +300\n/);
    expect(stdout).toMatch(/C \(classes\) +33 \(33 names in the class-name list\)/);
    expect(stdout).toMatch(/shape +\[1,200, 33\] binary ✓/);
    expect(stdout).toMatch(/class +name +positives +prevalence +IRLbl +pos_weight +label_ratio/);
    expect(stdout).toMatch(/\n +23 +sky +685 +57\.08% +1\.000 +0\.752 +0\.570833\n/);
    expect(stdout).toContain("split train");
    expect(stdout).toContain("split eval");

    // The comparison, against prevalences computed here from the files themselves.
    const a = prevalences(TRAIN);
    const b = prevalences(EVAL);
    const diffs = a.map((p, j) => Math.abs(p - b[j]!));
    const linf = Math.max(...diffs);
    const at = diffs.indexOf(linf);
    expect(stdout).toContain(`train vs eval prevalence: ${TRAIN} vs ${EVAL}`);
    expect(stdout).toContain(`L∞ distance ${linf.toFixed(4)} (${(linf * 100).toFixed(2)} percentage points), at class ${at} cityscape`);
    expect(stdout).toContain("largest differences (eval − train):");
    expect(stdout).toMatch(/\n +5 +cityscape +13\.33% +9\.00% +−4\.33 pp\n/);
  });

  it("prints JSON valid against schemas/report.schema.json, with statistics and the comparison", async () => {
    const { code, stdout } = await cli("stats", ...SAMPLE, "--reporter", "json");
    expect(code).toBe(0);
    const result = expectValid(stdout);
    expect(result.files.map((f) => f.split)).toEqual(["train", "eval"]);
    expect(result.files.map((f) => f.statistics?.rows)).toEqual([1200, 300]);
    expectFinite(result, "result");
    const comparison = result.comparison!;
    expect(comparison.train).toBe(TRAIN);
    expect(comparison.eval).toBe(EVAL);
    const a = prevalences(TRAIN);
    const b = prevalences(EVAL);
    const diffs = a.map((p, j) => Math.abs(p - b[j]!));
    expect(comparison.linf).toBeCloseTo(Math.max(...diffs), 12);
    expect(comparison.classIndex).toBe(5);
    expect(comparison.className).toBe("cityscape");
    expect(comparison.top.length).toBe(5);
    expect(comparison.top[0]!.index).toBe(comparison.classIndex);
    const sizes = comparison.top.map((d) => Math.abs(d.difference));
    expect([...sizes].sort((x, y) => y - x)).toEqual(sizes);
    for (const d of comparison.top) expect(d.difference).toBeCloseTo(b[d.index]! - a[d.index]!, 12);
  });

  it("a list with −1 values (declared unknown) gives PaddleClas's label_ratio, below 0 where −1 outnumber the positives, and its JSON stays valid", async () => {
    const dir = mkdtempSync(join(tmpdir(), "labellint-ratio-"));
    const list = join(dir, "list.txt");
    writeFileSync(list, "a.jpg\t1,-1,0\nb.jpg\t0,-1,1\nc.jpg\t0,1,-1\nd.jpg\t1,0,0\n");
    const { stdout } = await cli("stats", list, "--consumer", "paddleclas", "--unknown-label", "-1", "--reporter", "json");
    const result = expectValid(stdout);
    // np.array(labels).mean(0) (ppcls/data/dataloader/multilabel_dataset.py:45-46): [0.5, -0.25, 0].
    expect(result.files[0]!.statistics!.classes.map((c) => c.labelRatio)).toEqual([0.5, -0.25, 0]);
  });

  it("keeps the role --split gives to both files, and still compares them", async () => {
    const { stdout } = await cli("stats", ...SAMPLE, "--split", "eval", "--reporter", "json");
    const result = expectValid(stdout);
    expect(result.files.map((f) => f.split)).toEqual(["eval", "eval"]);
    expect(result.comparison?.classIndex).toBe(5);
  });

  it("has no comparison for one file, or for two files of different C", async () => {
    const one = expectValid((await cli("stats", TRAIN, "--reporter", "json")).stdout);
    expect(one.comparison).toBeUndefined();
    const other = tempFile("four.txt", "a.jpg\t1,0,0,1\nb.jpg\t0,1,0,1\n");
    const two = await cli("stats", TRAIN, other);
    expect(two.stdout).toContain("train vs eval prevalence: not compared");
    expect(expectValid((await cli("stats", TRAIN, other, "--reporter", "json")).stdout).comparison).toBeUndefined();
  });

  it("shows undefined values as — with a footnote, lists classes without positives as problems, and exits 1 for a train split", async () => {
    const path = tempFile("zero.txt", "a.jpg\t1,0,0,1\nb.jpg\t1,0,1,0\nc.jpg\t0,0,0,1\nd.jpg\t1,0,0,0\n");
    const { code, stdout } = await cli("stats", path, "--num-classes", "4");
    expect(code).toBe(1);
    expect(stdout).toMatch(/\n +1 +0 +0\.00% +—\* +—\* +0\.000000\n/);
    expect(stdout).toContain("—* no positives: undefined (class-without-positives)");
    expect(stdout).toContain("MaxIR, MeanIR and CVIR are over the classes with at least one positive");
    expect(stdout).toMatch(/1 +class-without-positives \(LL305\)/);
    expect(stdout).toMatch(/error +class 1 has no positive in 4 rows/);
    expect(stdout).not.toMatch(/Infinity|NaN/);
    // In an eval split it is a warning: exit 0.
    const evalRun = await cli("stats", path, "--num-classes", "4", "--split", "eval");
    expect(evalRun.code).toBe(0);
    expect(evalRun.stdout).toMatch(/warn +class 1 has no positive in 4 eval rows/);
    // And in JSON: null, never a string or Infinity.
    const json = expectValid((await cli("stats", path, "--num-classes", "4", "--reporter", "json")).stdout);
    const cls = json.files[0]!.statistics!.classes[1]!;
    expect(cls.irlbl).toBeNull();
    expect(cls.posWeight).toBeNull();
  });

  it("still names classes without positives when their rule is off", async () => {
    const path = tempFile("zero.txt", "a.jpg\t1,0,0,1\nb.jpg\t1,0,1,0\n");
    const { code, stdout } = await cli("stats", path, "--num-classes", "4", "--rule", "class-without-positives:off");
    expect(code).toBe(0);
    expect(stdout).toContain("classes without positives: 1 (class-without-positives is off)");
  });

  it("names at most 100 more classes without positives on their line, and counts the rest", async () => {
    // 300 classes, 2 with positives: 100 are listed as problems (the cap), 100 more named, 98 counted.
    const row = (c: number) => Array.from({ length: 300 }, (_, i) => (i === c ? 1 : 0)).join(",");
    const path = tempFile("wide.txt", `a.jpg\t${row(0)}\nb.jpg\t${row(1)}\n`);
    const { stdout } = await cli("stats", path, "--num-classes", "300", "--split", "eval");
    const line = stdout.split("\n").find((l) => l.startsWith("  classes without positives: "))!;
    expect(line.split(", ")).toHaveLength(100);
    expect(line).toMatch(/^  classes without positives: 102, 103, .*, 201 and 98 more$/);
  });

  it("writes the report to --output", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "labellint-stats-")), "stats.json");
    const { code, stdout } = await cli("stats", ...SAMPLE, "--reporter", "json", "--output", out);
    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(expectValid(readFileSync(out, "utf8")).files).toHaveLength(2);
  });

  it.each([
    [["stats"], /no input files/],
    [["stats", TRAIN, "--reporter", "html"], /--reporter must be one of text, json/],
    [["stats", TRAIN, "--max-warnings", "1"], /unknown option '--max-warnings'/],
    [["stats", "fixtures/nus-wide-scene/missing.txt"], /missing\.txt/],
  ])("exits 2 with one line on stderr: %j", async (argv, message) => {
    const { code, stderr } = await cli(...argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("labellint check --reporter json", () => {
  it("includes the statistics of every file (SPEC §7), valid against the schema", async () => {
    const { code, stdout } = await cli("check", ...SAMPLE, "--reporter", "json");
    expect(code).toBe(0);
    const result = expectValid(stdout);
    expect(result.files.map((f) => f.statistics?.rows)).toEqual([1200, 300]);
    expect(result.files[0]!.statistics!.classes[23]!.name).toBe("sky");
    expectFinite(result, "result");
  });

  it("leaves them out of the text report", async () => {
    const { stdout } = await cli("check", ...SAMPLE);
    expect(stdout).not.toContain("SCUMBLE");
  });
});

const HASHNET = join(SHARED, "data", "real", "hashnet_nuswide81_test.txt");
const HAS_HASHNET = existsSync(HASHNET);

describe("labellint stats on a real file", () => {
  it.skipIf(!HAS_HASHNET)(
    `HashNet NUS-WIDE-81 test list: N = 5000, C = 81, cardinality 1.8654, classes 19 and 36 without positives${HAS_HASHNET ? "" : ` — skipped: ${HASHNET} not found`}`,
    async () => {
      const path = relative(ROOT, HASHNET);
      const text = await cli("stats", path);
      expect(text.stderr).toBe("");
      expect(text.code).toBe(1);
      expect(text.stdout).toMatch(/N \(rows\) +5,000\n/);
      expect(text.stdout).toMatch(/C \(classes\) +81 /);
      expect(text.stdout).toMatch(/label cardinality +1\.8654\n/);
      expect(text.stdout).toMatch(/error +class 19 has no positive in 5,000 rows/);
      expect(text.stdout).toMatch(/error +class 36 has no positive in 5,000 rows/);
      expect(text.stdout).not.toMatch(/Infinity|NaN/);

      const json = await cli("stats", path, "--reporter", "json");
      const result = expectValid(json.stdout);
      const stats = result.files[0]!.statistics!;
      expect(stats.rows).toBe(5000);
      expect(stats.numClasses).toBe(81);
      expect(stats.cardinality.toFixed(4)).toBe("1.8654");
      expect(stats.cardinality).toBeCloseTo(1.865, 3);
      const without = stats.classes.filter((c) => c.positives === 0).map((c) => c.index);
      expect(without).toEqual([19, 36]);
      const problems = result.files[0]!.problems.filter((p) => p.rule === "class-without-positives");
      expect(problems.map((p) => [p.classIndex, p.severity])).toEqual([
        [19, "error"],
        [36, "error"],
      ]);
      for (const c of stats.classes) {
        if (c.positives === 0) {
          expect(c.irlbl).toBeNull();
          expect(c.posWeight).toBeNull();
        } else {
          expect(Number.isFinite(c.irlbl) && Number.isFinite(c.posWeight)).toBe(true);
        }
      }
      for (const value of [stats.maxIR, stats.meanIR, stats.cvIR, stats.scumble]) expect(Number.isFinite(value)).toBe(true);
      expectFinite(result, "result");
    },
  );
});

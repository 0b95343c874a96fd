import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { lintFile } from "../../src/engine/lint.js";
import { applyPlan } from "../../src/fixer/apply.js";
import { fix, type FixOptions } from "../../src/fixer/fix.js";
import type { FixPlan } from "../../src/fixer/plan.js";
import { readClassNames } from "../../src/readers/class-names.js";
import { nodeImageFs, type ImageFs } from "../../src/images/fs.js";
import { formatFixSummary } from "../../src/fixer/report.js";
import { fixture, HAS_SHARED, realFile, sharedTitle, rejection } from "../shared.js";
import { runCli, type Captured } from "../cli-harness.js";
import { jpeg } from "../../scripts/make-image-fixtures.mjs";

const DEFECTS = fixture("defects", "train_list.txt");
const DEFECT_NAMES = fixture("defects", "label_list.txt");
const validatePlan = new Ajv({ allErrors: true }).compile<FixPlan>(JSON.parse(readFileSync(fixture("..", "schemas", "fix-plan.schema.json"), "utf8")) as object);

function tempDir(tag: string): string {
  return mkdtempSync(join(tmpdir(), `labellint-fix-${tag}-`));
}

/** A copy of `source` (a path, or content) as `name` in a fresh folder. */
function staged(name: string, source: string | Buffer, tag = "in"): { dir: string; file: string } {
  const dir = tempDir(tag);
  const file = join(dir, name);
  if (typeof source === "string" && existsSync(source)) copyFileSync(source, file);
  else writeFileSync(file, source);
  return { dir, file };
}



const cli = (cwd: string, ...argv: string[]): Promise<Captured> => runCli(argv, { cwd });

const lines = (text: string): string[] => text.split("\n").slice(0, -1);

describe("fix on the defects sample (every kind of defect in one file)", () => {
  const options = async (extra: FixOptions = {}): Promise<FixOptions> => ({ classNames: await readClassNames(DEFECT_NAMES), ...extra });

  it("accounts for every line: lines_in = rows_out + rows_rejected + lines_dropped, each line in one place", async () => {
    const { dir } = staged("x", "");
    const out = join(dir, "train_fixed.txt");
    const result = await fix(DEFECTS, await options({ out }));
    const input = lines(readFileSync(DEFECTS, "utf8"));
    const c = result.counts;
    expect(c).toEqual({ linesIn: 122, rowsOut: 116, rowsRejected: 4, linesDropped: 2, linesEdited: 6 });
    expect(c.linesIn).toBe(input.length);
    expect(c.linesIn).toBe(c.rowsOut + c.rowsRejected + c.linesDropped);

    const plan = result.plan;
    expect(validatePlan(plan), JSON.stringify(validatePlan.errors)).toBe(true);
    expect(plan.drops.map((d) => [d.line, d.rule, d.reason])).toEqual([
      [5, "blank-line", "blank line"],
      [121, "duplicate-path", "duplicate of line 61"],
    ]);
    expect(plan.rejects.map((r) => [r.line, r.reasons.map((x) => x.rule)])).toEqual([
      [20, ["non-binary-value"]],
      [25, ["label-count"]],
      [30, ["index-labels"]],
      [122, ["conflicting-duplicate"]],
    ]);
    expect(plan.edits.map((e) => [e.line, e.rules])).toEqual([
      [10, ["missing-separator"]],
      [15, ["empty-value"]],
      [35, ["inconsistent-separator"]],
      [40, ["nested-labels"]],
      [45, ["non-canonical-value"]],
      [50, ["backslash-path"]],
    ]);

    // The output is the input minus dropped and rejected lines, with the edits applied, in order.
    const gone = new Set([...plan.drops.map((d) => d.line), ...plan.rejects.map((r) => r.line)]);
    const edits = new Map(plan.edits.map((e) => [e.line, e.newText]));
    const expected = input.flatMap((text, i) => (gone.has(i + 1) ? [] : [edits.get(i + 1) ?? text]));
    expect(lines(readFileSync(out, "utf8"))).toEqual(expected);
    for (const e of plan.edits) expect(e.oldText).toBe(input[e.line - 1]);
    expect(edits.get(10)).toBe(input[9]!.replace(" ", "\t"));
    expect(edits.get(15)).toBe(input[14]!.slice(0, -1));
    expect(edits.get(35)).toBe(input[34]!.replace(/, /g, ","));
    expect(edits.get(40)).toBe(input[39]!.replace("[", "").replace("]", ""));
    expect(edits.get(45)).toBe(input[44]!.replace("1.0", "1"));
    expect(edits.get(50)).toBe(input[49]!.replace("\\", "/"));

    // Each rejected line is in the rejects file, verbatim, with its line number and reasons.
    const rejects = lines(readFileSync(`${out}.rejects.tsv`, "utf8"));
    expect(rejects[0]).toBe("line\trules\treasons\ttext");
    expect(rejects.slice(1).map((r) => r.split("\t").slice(0, 2))).toEqual([
      ["20", "non-binary-value"],
      ["25", "label-count"],
      ["30", "index-labels"],
      ["122", "conflicting-duplicate"],
    ]);
    for (const row of rejects.slice(1)) {
      const [line, , reasons, ...text] = row.split("\t");
      expect(text.join("\t")).toBe(input[Number(line) - 1]);
      expect(reasons!.length).toBeGreaterThan(10);
    }
    expect(result.after?.errorCount).toBe(0);
  });

  it("with unsafe fixes: converts the index list and merges the conflicting copy into the first", async () => {
    const { dir } = staged("x", "");
    const out = join(dir, "train_fixed.txt");
    const result = await fix(DEFECTS, await options({ out, unsafeFixes: true }));
    const c = result.counts;
    expect(c).toMatchObject({ linesIn: 122, rowsOut: 117, rowsRejected: 2, linesDropped: 3 });
    expect(c.linesIn).toBe(c.rowsOut + c.rowsRejected + c.linesDropped);
    const input = lines(readFileSync(DEFECTS, "utf8"));
    const edits = new Map(result.plan.edits.map((e) => [e.line, e]));
    const hot = new Array<number>(33).fill(0);
    hot[3] = hot[17] = 1;
    expect(edits.get(30)).toMatchObject({ newText: `images/5030_1433461374.jpg\t${hot.join(",")}`, rules: ["index-labels"], applicability: "unsafe" });
    // Line 122 repeats line 62 with class 0 set as well: the OR of the two is line 122's labels.
    expect(edits.get(62)).toMatchObject({ newText: input[121], rules: ["conflicting-duplicate"], applicability: "unsafe" });
    expect(result.plan.drops.find((d) => d.line === 122)).toMatchObject({ rule: "conflicting-duplicate", reason: "merged into line 62" });
    expect(lines(readFileSync(out, "utf8"))).toContain(input[121]);
  });

  it("dry run: writes nothing, and its plan is the plan of the real run", async () => {
    const { dir } = staged("x", "");
    const out = join(dir, "out.txt");
    const plan = join(dir, "plan.json");
    const dry = await fix(DEFECTS, await options({ out, plan, dryRun: true }));
    expect(readdirSync(dir)).toEqual(["x"]);
    expect(dry.written).toEqual({});
    expect(dry.after).toBeUndefined();
    const real = await fix(DEFECTS, await options({ out, plan }));
    expect(dry.plan).toEqual(real.plan);
    expect(dry.counts).toEqual(real.counts);
    expect(JSON.parse(readFileSync(plan, "utf8"))).toEqual(real.plan);
    expect(readdirSync(dir).sort()).toEqual(["out.txt", "out.txt.rejects.tsv", "plan.json", "x"]);
  });

  it("apply reproduces fix's output and rejects byte for byte, through the library and the CLI", async () => {
    const { dir, file } = staged("train_list.txt", DEFECTS);
    const names = join(dir, "label_list.txt");
    copyFileSync(DEFECT_NAMES, names);
    const fixed = await cli(dir, "fix", "train_list.txt", "--class-names", "label_list.txt", "--out", "fixed.txt", "--plan", "plan.json", "--unsafe-fixes");
    expect(fixed.stderr).toBe("");
    const plan = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8")) as FixPlan;
    expect(validatePlan(plan), JSON.stringify(validatePlan.errors)).toBe(true);
    expect(plan.input.path).toBe("train_list.txt");
    expect(plan.input.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.input.bytes).toBe(readFileSync(file).length);

    const applied = await cli(dir, "apply", "plan.json", "--out", "applied.txt");
    expect(applied.stderr).toBe("");
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain("122 lines in = 117 rows out + 2 rejected + 3 dropped");
    expect(readFileSync(join(dir, "applied.txt"))).toEqual(readFileSync(join(dir, "fixed.txt")));
    expect(readFileSync(join(dir, "applied.txt.rejects.tsv"))).toEqual(readFileSync(join(dir, "fixed.txt.rejects.tsv")));

    const library = await applyPlan(join(dir, "plan.json"), { out: join(dir, "library.txt"), cwd: dir });
    expect(library.counts).toEqual(plan.counts);
    expect(readFileSync(join(dir, "library.txt"))).toEqual(readFileSync(join(dir, "fixed.txt")));
  });

  it("apply refuses (LL_PLAN_STALE) when the input changed since the plan, and writes nothing", async () => {
    const { dir, file } = staged("train_list.txt", DEFECTS);
    const planPath = join(dir, "plan.json");
    await fix(file, await options({ dryRun: false, out: join(dir, "fixed.txt"), plan: planPath }));
    writeFileSync(file, readFileSync(file, "utf8").replace("images/5001_", "images/5001x_"));
    const before = readdirSync(dir).sort();
    const error = await rejection(applyPlan(planPath, { out: join(dir, "applied.txt"), input: file }));
    expect(error.code).toBe("LL_PLAN_STALE");
    expect(error.message).toMatch(/has changed since the plan was made/);
    expect(readdirSync(dir).sort()).toEqual(before);

    const viaCli = await cli(dir, "apply", "plan.json", "--out", "applied.txt");
    expect(viaCli.code).toBe(2);
    expect(viaCli.stderr).toMatch(/has changed since the plan was made/);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it("apply refuses to overwrite an existing output without --force", async () => {
    const { dir, file } = staged("train_list.txt", DEFECTS);
    const planPath = join(dir, "plan.json");
    await fix(file, await options({ out: join(dir, "fixed.txt"), plan: planPath }));
    writeFileSync(join(dir, "applied.txt"), "keep me\n");
    const error = await rejection(applyPlan(planPath, { out: join(dir, "applied.txt"), input: file }));
    expect(error.code).toBe("LL_USAGE");
    expect(readFileSync(join(dir, "applied.txt"), "utf8")).toBe("keep me\n");
    await applyPlan(planPath, { out: join(dir, "applied.txt"), input: file, force: true });
    expect(readFileSync(join(dir, "applied.txt"))).toEqual(readFileSync(join(dir, "fixed.txt")));
  });
});

describe("fix: where it writes", () => {
  const BOM_CASE = fixture("fix", "empty-value", "input.txt");

  it("--in-place rewrites the input through a temporary file and keeps FILE.bak", async () => {
    const { dir, file } = staged("train.txt", BOM_CASE);
    const original = readFileSync(file);
    const result = await fix(file, { numClasses: 3, inPlace: true });
    expect(readFileSync(file)).toEqual(readFileSync(fixture("fix", "empty-value", "expected.txt")));
    expect(readFileSync(`${file}.bak`)).toEqual(original);
    expect(readFileSync(`${file}.rejects.tsv`)).toEqual(readFileSync(fixture("fix", "empty-value", "expected.rejects.tsv")));
    expect(result.written).toEqual({ output: file, backup: `${file}.bak`, rejects: `${file}.rejects.tsv` });
    expect(readdirSync(dir).sort()).toEqual(["train.txt", "train.txt.bak", "train.txt.rejects.tsv"]);
  });

  it("--in-place --backup SUFFIX names the backup; --backup '' keeps none", async () => {
    const { dir, file } = staged("train.txt", BOM_CASE);
    const original = readFileSync(file);
    await fix(file, { numClasses: 3, inPlace: true, backup: ".orig" });
    expect(readFileSync(`${file}.orig`)).toEqual(original);

    const other = staged("train.txt", BOM_CASE);
    const viaCli = await cli(other.dir, "fix", "train.txt", "--in-place", "--backup", "", "--num-classes", "3");
    expect(viaCli.stderr).toBe("");
    expect(viaCli.stdout).not.toContain("kept the original");
    expect(readdirSync(other.dir).sort()).toEqual(["train.txt", "train.txt.rejects.tsv"]);
    expect(readFileSync(other.file)).toEqual(readFileSync(fixture("fix", "empty-value", "expected.txt")));
    expect(readdirSync(dir).sort()).toEqual(["train.txt", "train.txt.orig", "train.txt.rejects.tsv"]);
  });

  it("does not overwrite an existing output, rejects, plan or backup file without --force, and does with it", async () => {
    const { dir, file } = staged("train.txt", BOM_CASE);
    const out = join(dir, "out.txt");
    for (const [target, extra] of [
      [out, {}],
      [`${out}.rejects.tsv`, {}],
      [join(dir, "plan.json"), { plan: join(dir, "plan.json") }],
    ] as const) {
      writeFileSync(target, "precious\n");
      const error = await rejection(fix(file, { numClasses: 3, out, ...extra }));
      expect(error.code).toBe("LL_USAGE");
      expect(error.message).toContain("pass --force");
      expect(readFileSync(target, "utf8")).toBe("precious\n");
      expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    }
    await fix(file, { numClasses: 3, out, plan: join(dir, "plan.json"), force: true });
    expect(readFileSync(out)).toEqual(readFileSync(fixture("fix", "empty-value", "expected.txt")));
    expect(readFileSync(`${out}.rejects.tsv`)).toEqual(readFileSync(fixture("fix", "empty-value", "expected.rejects.tsv")));
    expect(validatePlan(JSON.parse(readFileSync(join(dir, "plan.json"), "utf8")))).toBe(true);

    writeFileSync(`${file}.bak`, "older backup\n");
    const error = await rejection(fix(file, { numClasses: 3, inPlace: true }));
    expect(error.message).toContain("pass --force");
    expect(readFileSync(`${file}.bak`, "utf8")).toBe("older backup\n");
  });

  it.each([
    ["the rejects path is an existing directory", (dir: string) => (mkdirSync(join(dir, "rej")), { rejects: join(dir, "rej") })],
    ["the rejects path is an existing directory, with --force", (dir: string) => (mkdirSync(join(dir, "rej")), { rejects: join(dir, "rej"), force: true })],
    ["the plan path is an existing directory, with --force", (dir: string) => (mkdirSync(join(dir, "plan")), { plan: join(dir, "plan"), force: true })],
    ["the output folder does not exist", (dir: string) => ({ out: join(dir, "missing", "out.txt") })],
    ["the rejects folder does not exist", (dir: string) => ({ rejects: join(dir, "missing", "rejects.tsv") })],
    ["the plan folder does not exist", (dir: string) => ({ plan: join(dir, "missing", "plan.json") })],
  ])("a write failure (%s) leaves the input untouched and no output or temporary file behind", async (_name, setup) => {
    for (const inPlace of [false, true]) {
      const { dir, file } = staged("train.txt", BOM_CASE);
      const original = readFileSync(file);
      const extra = setup(dir) as FixOptions;
      const before = readdirSync(dir).sort();
      const options: FixOptions = inPlace ? { numClasses: 3, inPlace: true, ...extra } : { numClasses: 3, out: join(dir, "out.txt"), ...extra };
      if (inPlace && extra.out !== undefined) continue;
      const error = await rejection(fix(file, options));
      expect(error.code).toBe("LL_WRITE_FAILED");
      expect(readFileSync(file)).toEqual(original);
      expect(readdirSync(dir).sort()).toEqual(before);
      for (const sub of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
        expect(readdirSync(join(dir, sub.name))).toEqual([]);
      }
    }
  });

  it.each([
    ["--out is the input", (file: string) => ({ out: file }), /--out is the input file; use --in-place/],
    ["--rejects is the input", (file: string) => ({ out: `${file}.out`, rejects: file, force: true }), /--rejects .* is also the input/],
    ["--plan is the output", (file: string) => ({ out: `${file}.out`, plan: `${file}.out`, force: true }), /--plan .* is also --out/],
    ["--rejects is the output", (file: string) => ({ out: `${file}.out`, rejects: `${file}.out` }), /--rejects .* is also --out/],
    ["--in-place with --out", (file: string) => ({ inPlace: true, out: `${file}.out` }), /exclude each other/],
    ["no --out", () => ({}), /fix needs --out FILE/],
  ])("refuses when %s, before writing anything", async (_name, make, message) => {
    const { dir, file } = staged("train.txt", BOM_CASE);
    const original = readFileSync(file);
    const error = await rejection(fix(file, { numClasses: 3, ...make(file) }));
    expect(error.code).toBe("LL_USAGE");
    expect(error.message).toMatch(message);
    expect(readFileSync(file)).toEqual(original);
    expect(readdirSync(dir)).toEqual(["train.txt"]);
  });

  it("copies an over-long rejected line verbatim, across read chunks, after a BOM and CRLF line endings", async () => {
    const long = `img/long.jpg\t${"0,".repeat(1_500_000)}1`; // ~3 MB: longer than a read chunk
    const rows = ["img/a.jpg\t1,0,0", "img/b.jpg\t0,1,0", long, "img/c.jpg\t0,0,1", "img/d.jpg\t1,1,0"];
    const content = Buffer.from(`\uFEFF${rows[0]}\r\n${rows[1]}\r\n${rows[2]}\r\n${rows[3]}\n${rows[4]}`);
    const { dir, file } = staged("long.txt", content);
    const out = join(dir, "out.txt");
    const result = await fix(file, { numClasses: 3, out, maxLineBytes: 4096 });
    expect(result.counts).toMatchObject({ linesIn: 5, rowsOut: 4, rowsRejected: 1, linesDropped: 0 });
    expect(readFileSync(out, "utf8")).toBe(`${rows[0]}\n${rows[1]}\n${rows[3]}\n${rows[4]}\n`);
    const rejects = readFileSync(`${out}.rejects.tsv`, "utf8");
    expect(rejects).toBe(`line\trules\treasons\ttext\n3\tline-too-long\tline is ${long.length.toLocaleString("en-US")} bytes, over the 4,096-byte limit (--max-line-bytes); it was not parsed\t${long}\n`);

    const plan = join(dir, "plan.json");
    await fix(file, { numClasses: 3, out: join(dir, "again.txt"), plan, maxLineBytes: 4096 });
    await applyPlan(plan, { out: join(dir, "applied.txt"), input: file });
    expect(readFileSync(join(dir, "applied.txt.rejects.tsv"), "utf8")).toBe(rejects);
  });

  // HashNet's and DeepHash's ImageList read `val.split()` and int() each value after the path
  // (thuml/HashNet pytorch/src/data_list.py make_dataset; swuxyj/DeepHash-pytorch utils/tools.py):
  // `path<TAB>0,1,0` would stop them, so a spaced list is fixed as a spaced list unless --to says otherwise.
  it("keeps a spaced list spaced, by default and in place", async () => {
    const input = "img/a.jpg 1 0 0\n\nimg/b.jpg  0 1 0\r\nimg\\c.jpg 0 0 1\n";
    const expected = "img/a.jpg 1 0 0\nimg/b.jpg 0 1 0\nimg/c.jpg 0 0 1\n";
    const { dir, file } = staged("spaced.txt", input);
    const result = await fix(file, { numClasses: 3, out: join(dir, "out.txt") });
    expect(result.plan.output.format).toBe("spaced");
    expect(result.plan.fileActions.map((a) => a.action)).not.toContain("convert-format");
    expect(readFileSync(join(dir, "out.txt"), "utf8")).toBe(expected);
    const inPlace = staged("train.txt", input);
    const { code } = await cli(inPlace.dir, "check", "train.txt", "--fix", "--num-classes", "3");
    expect(code).toBe(0);
    expect(readFileSync(inPlace.file, "utf8")).toBe(expected);
    // Asked for, the other format.
    await fix(file, { numClasses: 3, out: join(dir, "tab.txt"), to: "paddleclas" });
    expect(readFileSync(join(dir, "tab.txt"), "utf8")).toBe("img/a.jpg\t1,0,0\nimg/b.jpg\t0,1,0\nimg/c.jpg\t0,0,1\n");
  });

  it("records a fix as an edit when it also converts the format (spaced → paddleclas)", async () => {
    const result = await fix(fixture("fix", "spaced-to-paddleclas", "input.txt"), { numClasses: 3, dryRun: true, to: "paddleclas" });
    expect(result.plan.fileActions.map((a) => a.action)).toEqual(["convert-format"]);
    // Line 8 only has two spaces after its path, which the spaced format allows: converted, not edited.
    expect(result.plan.edits.map((e) => [e.line, e.rules])).toEqual([
      [7, ["inconsistent-separator"]],
      [9, ["inconsistent-separator"]],
      [10, ["non-canonical-value"]],
      [11, ["backslash-path"]],
    ]);
    expect(result.counts.linesEdited).toBe(4);
  });

  // Two lists joined with cat: the second one's byte-order mark starts a line. fix removes it from the path,
  // so that row is the same image as the first list's: found as a duplicate in the same run, or fix would
  // write it twice and drop it only when run again on its own output.
  it("finds a row whose path differs only by a byte-order mark as a duplicate in the same run (fix is idempotent)", async () => {
    const { dir, file } = staged("joined.txt", "\ufeffimg/a.jpg\t1,0,0\nimg/b.jpg\t0,1,0\n\ufeffimg/a.jpg\t1,0,0\nimg/c.jpg\t0,0,1\n");
    const once = await fix(file, { numClasses: 3, out: join(dir, "once.txt") });
    expect(once.plan.drops.map((d) => [d.line, d.rule])).toEqual([[3, "duplicate-path"]]);
    expect(readFileSync(join(dir, "once.txt"), "utf8")).toBe("img/a.jpg\t1,0,0\nimg/b.jpg\t0,1,0\nimg/c.jpg\t0,0,1\n");
    const twice = await fix(join(dir, "once.txt"), { numClasses: 3, out: join(dir, "twice.txt") });
    expect(twice.counts.linesEdited + twice.plan.drops.length + twice.plan.rejects.length).toBe(0);
  });

  // A repaired missing-separator row that repeats an earlier row must be found as a duplicate
  // in the same run; otherwise it would be written twice and fix would not be idempotent.
  it("drops a missing-separator row that repeats an earlier row as a duplicate in the same run", async () => {
    const { dir, file } = staged("dup.txt", "img/a.jpg\t1,0,0\nimg/b.jpg\t0,1,0\nimg/c.jpg\t0,0,1\nimg/a.jpg 1,0,0\n");
    const once = await fix(file, { numClasses: 3, out: join(dir, "once.txt") });
    expect(once.plan.drops.map((d) => [d.line, d.rule])).toEqual([[4, "duplicate-path"]]);
  });
});

describe("fix: a later copy of a rejected row", () => {
  it("is written in its place, not dropped as its duplicate; the copies after it are dropped as copies of it", async () => {
    // mmpretrain sums one-hot rows: the first entry's repeated 2 is an error, though its canonical row is the later copies'.
    const entries = ['{"img_path": "a.jpg", "gt_label": [2, 0, 2]}', '{"img_path": "b.jpg", "gt_label": [1]}', '{"img_path": "a.jpg", "gt_label": [0, 2]}', '{"img_path": "a.jpg", "gt_label": [0, 2]}'];
    const { dir, file } = staged("ann.json", `{"metainfo": {"classes": ["x", "y", "z"]}, "data_list": [\n${entries.join(",\n")}\n]}\n`);
    const result = await fix(file, { out: join(dir, "out.txt"), to: "paddleclas", plan: join(dir, "plan.json") });
    expect(result.counts).toMatchObject({ linesIn: 4, rowsOut: 2, rowsRejected: 1, linesDropped: 1 });
    expect(readFileSync(join(dir, "out.txt"), "utf8")).toBe("b.jpg\t0,1,0\na.jpg\t1,0,1\n");
    expect(result.plan.rejects.map((r) => r.line)).toEqual([2]);
    expect(result.plan.drops).toEqual([{ line: 5, text: "a.jpg\t0,2", reason: "duplicate of line 4", rule: "duplicate-path" }]);
    // The copy kept is not an edit: nothing in it changed.
    expect(result.plan.edits).toEqual([]);
  });
});

describe("fix: the check of the output", () => {
  it("judges the output for the consumer the input was judged for (--consumer)", async () => {
    // One value a row: HashNet's ImageList takes it for single-label class indices (an error for it), a custom loader for C = 1.
    const rows = Array.from({ length: 40 }, (_, i) => `im${i}.jpg ${i % 2}`).join("\n");
    const { dir, file } = staged("one.txt", `${rows}\nim0.jpg 1\n`);
    const custom = await fix(file, { consumer: "generic", out: join(dir, "custom.txt") });
    expect(custom.before.errorCount).toBe(1); // the conflicting copy, rejected
    expect(custom.after?.consumer).toBe("generic");
    expect(custom.after?.errorCount).toBe(0);
    const imagelist = await fix(file, { out: join(dir, "imagelist.txt") });
    expect(imagelist.after?.consumer).toBe("imagelist");
    expect(imagelist.after?.counts["class-count-mismatch"]).toBe(1);
  });

  it("reads an output named *.json as the list it wrote: a list's name does not make it JSON to PaddleClas", async () => {
    const entries = Array.from({ length: 12 }, (_, i) => `{"img_path": "im${i}.jpg", "gt_label": [${i % 3}]}`);
    const { dir, file } = staged("train.json", `{"metainfo": {"classes": ["a", "b", "c"]}, "data_list": [\n${entries.join(",\n")}\n]}\n`);
    const result = await fix(file, { out: join(dir, "fixed.json"), to: "paddleclas" });
    expect(readFileSync(join(dir, "fixed.json"), "utf8").split("\n")[0]).toBe("im0.jpg\t1,0,0");
    expect(result.after?.format).toBe("paddleclas");
    expect(result.after?.counts["wrong-format"]).toBeUndefined();
    expect(result.after?.errorCount).toBe(0);
    // The same list checked as PaddleClas reads it, by name, and a real annotation file still is one.
    const list = await lintFile(join(dir, "fixed.json"), { format: "paddleclas" });
    expect(list.counts["wrong-format"]).toBeUndefined();
    const annotation = await lintFile(file, { format: "paddleclas", numClasses: 3 });
    expect(annotation.counts["wrong-format"]).toBe(1);
  });
});

describe("labellint fix (CLI)", () => {
  it("prints the summary with the equation and exits 0 when what it wrote has no error left", async () => {
    const { dir } = staged("train.txt", fixture("fix", "blank-line", "input.txt"));
    const { code, stdout, stderr } = await cli(dir, "fix", "train.txt", "--num-classes", "3", "--out", "fixed.txt", "--plan", "plan.json");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("train.txt: 12 lines in = 6 rows out + 0 rejected + 6 dropped\n");
    expect(stdout).not.toContain("MISMATCH");
    expect(stdout).toContain("0 lines edited; file: write LF line endings");
    expect(stdout).toContain("dropped: 6 blank line");
    expect(stdout).toContain("wrote fixed.txt");
    expect(stdout).toContain("wrote the plan to plan.json");
    expect(stdout).toMatch(/check of the output: 0 errors, \d+ warnings; shape \[6, 3\] binary ✓/);
    expect(readFileSync(join(dir, "fixed.txt"))).toEqual(readFileSync(fixture("fix", "blank-line", "expected.txt")));
  });

  it("exits 1 when errors remain in what it wrote (a class left without positives), and names the rejects file", async () => {
    const { dir } = staged("train.txt", "a.jpg\t1,0,0\nb.jpg\t0,1,0\nc.jpg\t1,1,0\nd.jpg\t0,,1\n");
    const { code, stdout } = await cli(dir, "fix", "train.txt", "--num-classes", "3", "--out", "fixed.txt");
    expect(code).toBe(1);
    expect(stdout).toContain("train.txt: 4 lines in = 3 rows out + 1 rejected + 0 dropped");
    expect(stdout).toContain("wrote 1 rejected line to fixed.txt.rejects.tsv");
    expect(stdout).toMatch(/check of the output: 1 error left \(.*class-without-positives.*\)/);
    expect(readFileSync(join(dir, "fixed.txt.rejects.tsv"), "utf8")).toBe(
      "line\trules\treasons\ttext\n4\tempty-value\tempty label value at position 2: PaddleClas stops with ValueError while loading the list: np.int64('') is not a number\td.jpg\t0,,1\n",
    );
  });

  it("writes nothing for a file with no row (blank lines only, or empty), in place or not: exit 1, the input as it was", async () => {
    for (const text of ["\n\n  \n\r\n", "", "\ufeff"]) {
      const { dir, file } = staged("train_list.txt", text);
      const inPlace = await cli(dir, "fix", "train_list.txt", "--in-place", "--backup", "");
      expect(inPlace.code).toBe(1);
      expect(inPlace.stderr).toBe("");
      expect(inPlace.stdout).toContain("  the input has no row to write (every line is blank or dropped), so nothing was written\n");
      expect(readFileSync(file, "utf8")).toBe(text);
      expect(readdirSync(dir)).toEqual(["train_list.txt"]);
      const out = await cli(dir, "fix", "train_list.txt", "--out", "fixed.txt", "--plan", "plan.json");
      expect(out.code).toBe(1);
      expect(readdirSync(dir)).toEqual(["train_list.txt"]);
    }
  });

  it("writes nothing when every row would be rejected, says why by rule, and leaves an --in-place input as it was", async () => {
    // An index list under a PaddleClas class list: without --unsafe-fixes every row is rejected (index-labels).
    const names = Array.from({ length: 12 }, (_, i) => `${i} c${i}\n`).join("");
    const rows = Array.from({ length: 20 }, (_, r) => `img${r}.jpg\t${r % 12},${(r + 5) % 12}\n`).join("");
    const { dir, file } = staged("train_list.txt", rows);
    writeFileSync(join(dir, "label_list.txt"), names);
    const refused = await cli(dir, "fix", "train_list.txt", "--class-names", "label_list.txt", "--out", "fixed.txt", "--plan", "plan.json");
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("train_list.txt: 20 lines in = 0 rows out + 20 rejected + 0 dropped\n");
    expect(refused.stdout).toContain("  every row would go to the rejects file (20 rows: 20 index-labels), so nothing was written\n");
    expect(refused.stdout).toContain("1 problem has an unsafe fix not applied (index-labels): --unsafe-fixes applies it");
    expect(refused.stdout).not.toContain("wrote");
    expect(readdirSync(dir).sort()).toEqual(["label_list.txt", "train_list.txt"]);
    // --in-place would have emptied the input (its rows moved to the rejects file): it is left as it was, with no backup.
    const inPlace = await cli(dir, "fix", "train_list.txt", "--class-names", "label_list.txt", "--in-place");
    expect(inPlace.code).toBe(1);
    expect(readFileSync(file, "utf8")).toBe(rows);
    expect(readdirSync(dir).sort()).toEqual(["label_list.txt", "train_list.txt"]);
    // The json report says so too; the library call returns it with nothing written.
    const json = await cli(dir, "fix", "train_list.txt", "--class-names", "label_list.txt", "--out", "fixed.txt", "--reporter", "json");
    expect(JSON.parse(json.stdout)).toMatchObject({ refused: expect.stringMatching(/^every row would go to the rejects file/), written: {}, after: null });
    const result = await fix(file, { format: "paddleclas", numClasses: 12, out: join(dir, "fixed.txt") });
    expect(result).toMatchObject({ written: {}, counts: { linesIn: 20, rowsOut: 0, rowsRejected: 20 } });
    expect(result.after).toBeUndefined();
    // With --unsafe-fixes the rows are kept, converted to multi-hot.
    const kept = await cli(dir, "fix", "train_list.txt", "--class-names", "label_list.txt", "--out", "fixed.txt", "--unsafe-fixes");
    expect(kept.stdout).toContain("20 lines in = 20 rows out + 0 rejected");
    expect(readFileSync(join(dir, "fixed.txt"), "utf8").split("\n")[0]).toBe("img0.jpg\t1,0,0,0,0,1,0,0,0,0,0,0");
  });

  it("writes nothing either when every row has another error, and one good row is enough to write", async () => {
    const { dir } = staged("train.txt", "a.jpg\t2,0\nb.jpg\t0,2\n");
    const none = await cli(dir, "fix", "train.txt", "--num-classes", "2", "--out", "fixed.txt");
    expect(none.code).toBe(1);
    expect(none.stdout).toContain("every row would go to the rejects file (2 rows: 2 non-binary-value), so nothing was written");
    expect(existsSync(join(dir, "fixed.txt"))).toBe(false);
    writeFileSync(join(dir, "train.txt"), "a.jpg\t2,0\nb.jpg\t0,1\n");
    const one = await cli(dir, "fix", "train.txt", "--num-classes", "2", "--out", "fixed.txt");
    expect(one.stdout).toContain("wrote 1 rejected line to fixed.txt.rejects.tsv");
    expect(readFileSync(join(dir, "fixed.txt"), "utf8")).toBe("b.jpg\t0,1\n");
  });

  it("exits 0 when errors were quarantined in the rejects file and none are left", async () => {
    const { dir } = staged("train.txt", fixture("fix", "rejects-non-binary-value", "input.txt"));
    const { code, stdout } = await cli(dir, "fix", "train.txt", "--num-classes", "3", "--out", "fixed.txt");
    expect(code).toBe(0);
    expect(stdout).toContain("10 lines in = 6 rows out + 4 rejected + 0 dropped");
  });

  it("--dry-run prints the edits, writes nothing and exits 1 when something would change", async () => {
    const { dir } = staged("train.txt", fixture("fix", "empty-value", "input.txt"));
    const { code, stdout } = await cli(dir, "fix", "train.txt", "--num-classes", "3", "--dry-run");
    expect(code).toBe(1);
    expect(stdout).toContain("@@ line 7: empty-value (safe) @@\n-img/00006.jpg→1,1,0,\n+img/00006.jpg→1,1,0\n");
    expect(stdout).toContain("@@ line 8: rejected, empty-value: empty label value at position 2");
    expect(stdout).toContain("10 lines in = 8 rows out + 2 rejected + 0 dropped");
    expect(stdout).toContain("dry run: nothing was written");
    expect(readdirSync(dir)).toEqual(["train.txt"]);
  });

  it("--dry-run exits 0 on a clean file", async () => {
    const { dir } = staged("train.txt", fixture("fix", "bom", "expected.txt"));
    const { code, stdout } = await cli(dir, "fix", "train.txt", "--num-classes", "3", "--dry-run");
    expect(code).toBe(0);
    expect(stdout).toContain("6 lines in = 6 rows out + 0 rejected + 0 dropped");
    expect(stdout).toContain("0 lines edited");
    expect(readdirSync(dir)).toEqual(["train.txt"]);
  });

  it("--reporter json prints the plan, what was written and the check of the output", async () => {
    const { dir } = staged("train.txt", fixture("fix", "duplicate-path", "input.txt"));
    const { code, stdout } = await cli(dir, "fix", "train.txt", "--num-classes", "3", "--out", "fixed.txt", "--reporter", "json");
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { plan: FixPlan; written: Record<string, string>; after: { errorCount: number } };
    expect(validatePlan(report.plan), JSON.stringify(validatePlan.errors)).toBe(true);
    expect(report.plan.drops.map((d) => d.line)).toEqual([7, 8, 9, 10]);
    expect(report.written).toEqual({ output: "fixed.txt" });
    expect(report.after.errorCount).toBe(0);
  });

  it.each([
    [["fix", "train.txt"], /fix needs --out FILE/],
    [["fix", "train.txt", "--out", "train.txt"], /--out is the input file/],
    [["fix", "train.txt", "--out", "./train.txt"], /--out is the input file/],
    [["fix", "train.txt", "--out", "o.txt", "--rejects", "o.txt"], /--rejects '.*o\.txt' is also --out/],
    [["fix", "train.txt", "--out", "o.txt", "--backup", ".orig"], /--backup only goes with --in-place/],
    [["fix", "train.txt", "--in-place", "--out", "o.txt"], /exclude each other/],
    [["fix", "train.txt", "other.txt", "--out", "o.txt"], /exactly one label file, got 2/],
    [["fix", "train.txt", "--out", "o.txt", "--to", "csv"], /--to must be one of paddleclas, spaced/],
    [["fix", "missing.txt", "--out", "o.txt"], /cannot read 'missing.txt'/],
    [["fix", "train.txt", "--out", "o.txt", "--bogus"], /unknown option '--bogus'/],
    [["fix", "-", "--out", "o.txt"], /not standard input/],
    [["apply", "plan.json"], /apply needs --out FILE/],
    [["apply", "missing.json", "--out", "o.txt"], /cannot read/],
    [["apply", "train.txt", "--out", "o.txt"], /is not JSON/],
  ])("exits 2 with one line on stderr for %j", async (argv, message) => {
    const { dir } = staged("train.txt", fixture("fix", "bom", "input.txt"));
    const { code, stdout, stderr } = await cli(dir, ...argv);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(readdirSync(dir)).toEqual(["train.txt"]);
  });
});

describe.skipIf(!HAS_SHARED)(sharedTitle("fix on a real label file, broken on purpose (DeepHash VOC2012 test list)"), () => {
  it("repairs what is repairable, quarantines the rest with reasons, and leaves every other line as it was", async () => {
    const source = readFileSync(realFile("deephash_voc2012_test.txt"), "utf8");
    const original = lines(source);
    expect(original).toHaveLength(1000);
    const broken: string[] = [];
    // Where each broken line came from: the original line index, or null for an added one.
    const origin: (number | null)[] = [];
    const crlf = new Set<number>();
    const SHORT = 99;
    const TWO = 199;
    const COMMA = 299;
    original.forEach((line, i) => {
      let text = line;
      if (i === SHORT) text = line.slice(0, line.lastIndexOf(" ")); // 19 values instead of 20
      if (i === TWO) text = line.replace(/ 0 /, " 2 ");
      if (i === COMMA) text = `${line},`;
      if (i >= 500 && i < 520) crlf.add(broken.length);
      broken.push(text);
      origin.push(i);
      if (i === 9 || i === 600) {
        broken.push(i === 9 ? "" : "   ");
        origin.push(null);
      }
    });
    broken.push(original[400]!); // an exact duplicate
    origin.push(null);
    broken.push("");
    origin.push(null);
    const content = broken.map((l, i) => `${l}${crlf.has(i) ? "\r\n" : "\n"}`).join("");

    const { dir, file } = staged(basename(realFile("deephash_voc2012_test.txt")), content);
    const out = join(dir, "voc2012_test_paddleclas.txt");
    const result = await fix(file, { out, to: "paddleclas" });
    const c = result.counts;
    expect(c.linesIn).toBe(broken.length);
    expect(c.linesIn).toBe(c.rowsOut + c.rowsRejected + c.linesDropped);
    expect(c).toMatchObject({ rowsOut: 998, rowsRejected: 2, linesDropped: 4 });
    expect(result.before.format).toBe("spaced");
    expect(result.before.numClasses).toBe(20);
    expect(result.plan.fileActions.map((a) => a.action).sort()).toEqual(["convert-format", "normalise-line-endings"]);
    expect(result.plan.drops.map((d) => d.rule).sort()).toEqual(["blank-line", "blank-line", "blank-line", "duplicate-path"]);

    // The fixed file passes check with no error, and nothing structural is left to report.
    const check = await lintFile(out);
    expect(check.format).toBe("paddleclas");
    expect(check.errorCount).toBe(0);
    expect(check.shape).toMatchObject({ rows: 998, columns: 20, binary: true, ok: true });
    for (const rule of ["blank-line", "line-ending", "label-count", "non-binary-value", "empty-value", "inconsistent-separator", "duplicate-path", "missing-separator"]) {
      expect(check.counts[rule], rule).toBeUndefined();
    }
    expect(check.fixable).toEqual({ safe: 0, unsafe: 0 });

    // The rejects file explains every rejected line: one row each, with rule and reason, the text verbatim.
    const rejects = lines(readFileSync(`${out}.rejects.tsv`, "utf8"));
    expect(rejects).toHaveLength(1 + c.rowsRejected);
    const rows = rejects.slice(1).map((r) => r.split("\t"));
    const brokenLineOf = (i: number) => origin.indexOf(i) + 1;
    expect(rows.map((r) => [Number(r[0]), r[1]])).toEqual([
      [brokenLineOf(SHORT), "label-count"],
      [brokenLineOf(TWO), "non-binary-value"],
    ]);
    expect(rows[0]![2]).toBe("row has 19 label values, expected 20: ImageList reads it, then the DataLoader fails to stack targets of different widths into a batch");
    expect(rows[1]![2]).toMatch(/^value '2' for class \d+ is not 0 or 1: ImageList reads it and trains on a label of 2 without complaint$/);
    for (const r of rows) expect(r.slice(3).join("\t")).toBe(broken[Number(r[0]) - 1]);

    // Every line not rejected is the original line, byte for byte, converted to paddleclas.
    const toPaddle = (line: string) => {
      const [path, ...values] = line.split(" ");
      return `${path}\t${values.join(",")}`;
    };
    const expected = original.filter((_, i) => i !== SHORT && i !== TWO).map(toPaddle);
    expect(readFileSync(out, "utf8")).toBe(`${expected.join("\n")}\n`);
    // The trailing comma was a fix; the other lines only changed format.
    expect(result.plan.edits.map((e) => [e.line, e.rules])).toEqual([[brokenLineOf(COMMA), ["inconsistent-separator"]]]);
  });
});


describe("fix: every changed line is an edit", () => {
  it("records a spaced line whose path ends at a TAB (split() reads it) as edited when it is written with a space", async () => {
    const { dir, file } = staged("sp_tab.txt", "a.jpg 0 1 0\nc.jpg\t0 0 1\n");
    const dry = await fix(file, { dryRun: true });
    expect(dry.counts.linesEdited).toBe(1);
    expect(dry.plan.edits).toEqual([{ line: 2, oldText: "c.jpg\t0 0 1", newText: "c.jpg 0 0 1", rules: [], applicability: "safe" }]);
    const out = join(dir, "out.txt");
    const result = await fix(file, { out });
    expect(readFileSync(out, "utf8")).toBe("a.jpg 0 1 0\nc.jpg 0 0 1\n");
    expect(result.counts.linesEdited).toBe(1);
  });
});

describe("fix: a line holding two rows (a list without its final newline joined to the next)", () => {
  // `cat a.txt b.txt` when a.txt does not end with a newline: a.txt's last row and b.txt's first share line 3.
  const A = "a.jpg\t0,1,0\nb.jpg\t1,0,0\nc.jpg\t0,0,1";
  const B = "d.jpg\t1,1,0\ne.jpg\t0,1,1\n";

  it("writes the two rows on two lines (a safe fix), counts the line as split, and apply writes the same bytes", async () => {
    const { dir } = staged("train.txt", A + B);
    const fixed = await cli(dir, "fix", "train.txt", "--out", "fixed.txt", "--plan", "plan.json");
    expect(fixed.stderr).toBe("");
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain("train.txt: 4 lines in + 1 row split off = 5 rows out + 0 rejected + 0 dropped\n");
    expect(fixed.stdout).toContain("shape [5, 3] binary ✓");
    expect(readFileSync(join(dir, "fixed.txt"), "utf8")).toBe(`${A}\n${B}`);
    const plan = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8")) as FixPlan;
    expect(validatePlan(plan), JSON.stringify(validatePlan.errors)).toBe(true);
    expect(plan.counts).toEqual({ linesIn: 4, rowsOut: 5, rowsRejected: 0, linesDropped: 0, linesEdited: 1, linesSplit: 1 });
    expect(plan.edits).toEqual([{ line: 3, oldText: "c.jpg\t0,0,1d.jpg\t1,1,0", newText: "c.jpg\t0,0,1\nd.jpg\t1,1,0", rules: ["joined-rows"], applicability: "safe" }]);

    const applied = await cli(dir, "apply", "plan.json", "--out", "applied.txt");
    expect(applied.stderr).toBe("");
    expect(applied.stdout).toContain("4 lines in + 1 row split off = 5 rows out + 0 rejected + 0 dropped; 1 line edited");
    expect(readFileSync(join(dir, "applied.txt"))).toEqual(readFileSync(join(dir, "fixed.txt")));
  });

  it("with --check-images, each row of the line is looked up before it is split (the input's check read the line as one row): one missing image keeps the line whole in the rejects", async () => {
    const { dir } = staged("train.txt", A + B);
    mkdirSync(join(dir, "img"));
    // Every image but d.jpg, the row that starts after the missing line break.
    for (const name of ["a.jpg", "b.jpg", "c.jpg", "e.jpg"]) writeFileSync(join(dir, "img", name), jpeg());
    const fixed = await cli(dir, "fix", "train.txt", "--out", "fixed.txt", "--image-root", "img", "--check-images", "--plan", "plan.json");
    expect(fixed.stderr).toBe("");
    // PaddleClas asserts every image exists while loading the list: d.jpg's row is never written, and c.jpg's stays with it.
    expect(fixed.stdout).toContain("train.txt: 4 lines in = 3 rows out + 1 rejected + 0 dropped\n");
    expect(fixed.stdout).toContain("check of the output: 0 errors");
    expect(fixed.code).toBe(0);
    expect(readFileSync(join(dir, "fixed.txt"), "utf8")).toBe("a.jpg\t0,1,0\nb.jpg\t1,0,0\ne.jpg\t0,1,1\n");
    const rejects = readFileSync(join(dir, "fixed.txt.rejects.tsv"), "utf8");
    expect(rejects).toContain("\tc.jpg\t0,0,1d.jpg\t1,1,0\n");
    expect(rejects).toContain("the line holds two rows, and its second cannot be written as it is (image 'd.jpg' does not exist under the image root");
    expect(rejects.split("\n")[1]!.split("\t")[1]).toBe("joined-rows,missing-image");
    // apply writes the same files from the plan, without looking anything up.
    const applied = await cli(dir, "apply", "plan.json", "--out", "applied.txt");
    expect(applied.stderr).toBe("");
    expect(readFileSync(join(dir, "applied.txt"))).toEqual(readFileSync(join(dir, "fixed.txt")));
    expect(readFileSync(join(dir, "applied.txt.rejects.tsv"))).toEqual(readFileSync(join(dir, "fixed.txt.rejects.tsv")));
    // The first row's image is looked up too (the check read the line as a row that is not valid, and opened nothing).
    writeFileSync(join(dir, "img", "d.jpg"), jpeg());
    rmSync(join(dir, "img", "c.jpg"));
    const first = await fix(join(dir, "train.txt"), { out: join(dir, "first.txt"), imageRoot: join(dir, "img"), checkImages: true });
    expect(first.counts).toMatchObject({ linesIn: 4, rowsOut: 3, rowsRejected: 1 });
    expect(first.plan.rejects[0]!.reasons.map((r) => r.message)).toContain("the line holds two rows, and its first cannot be written as it is (image 'c.jpg' does not exist under the image root: PaddleClas stops with AssertionError while loading the list (it asserts every image exists))");
    // Every image there: the line is split as without --check-images.
    writeFileSync(join(dir, "img", "c.jpg"), jpeg());
    const whole = await fix(join(dir, "train.txt"), { out: join(dir, "whole.txt"), imageRoot: join(dir, "img"), checkImages: true });
    expect(whole.counts).toMatchObject({ linesIn: 4, linesSplit: 1, rowsOut: 5, rowsRejected: 0 });
    expect(whole.after?.problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it("finds a joined row's path spelled otherwise megabytes later (the file is read in chunks), and with more joined lines than it searches for by name", async () => {
    const row = (i: number) => `images/${String(i).padStart(6, "0")}.jpg\t${[0, 1, 2].map((k) => ((i >> k) & 1) || (k === i % 3 ? 1 : 0)).join(",")}`;
    const rows = Array.from({ length: 40_000 }, (_, i) => row(i));
    // Line 101 holds rows 100 and 100_001 (a path no other line has), and line 30,001 lists 100_001 again as ./images/….
    rows[100] = rows[100]! + row(100_001);
    rows[30_000] = `./${row(100_001)}`;
    const { dir } = staged("train.txt", `${rows.join("\n")}\n`);
    const result = await fix(join(dir, "train.txt"), { out: join(dir, "out.txt") });
    expect(result.counts).toMatchObject({ linesIn: 40_000, rowsRejected: 1 });
    expect(result.plan.rejects.map((r) => [r.line, r.reasons.at(-1)!.message.split(":")[0]])).toEqual([[101, "the line holds two rows, and the path of row 2, 'images/100001.jpg', is on line 30001 too"]]);
    // 20 joined lines (more names than are searched for one by one: every line is parsed), one of them sharing a path.
    const many = Array.from({ length: 2_000 }, (_, i) => row(i));
    for (let k = 0; k < 20; k++) many[k * 50] = many[k * 50]! + row(200_000 + k);
    many[1_999] = row(200_007);
    const { dir: other } = staged("train.txt", `${many.join("\n")}\n`);
    const split = await fix(join(other, "train.txt"), { out: join(other, "out.txt") });
    expect(split.counts).toMatchObject({ linesIn: 2_000, linesSplit: 19, rowsRejected: 1 });
    expect(split.plan.rejects.map((r) => r.line)).toEqual([351]);
  });

  it("with --check-images, each image is looked up once: the joined line's rows before the split, the other rows by the check; the output's check opens none again", async () => {
    const { dir } = staged("train.txt", A + B);
    mkdirSync(join(dir, "img"));
    for (const name of ["a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg"]) writeFileSync(join(dir, "img", name), jpeg());
    const opened: string[] = [];
    const imageFs: ImageFs = { ...nodeImageFs, open: (path) => (opened.push(basename(path)), nodeImageFs.open(path)) };
    const result = await fix(join(dir, "train.txt"), { out: join(dir, "fixed.txt"), imageRoot: join(dir, "img"), checkImages: true, imageFs });
    expect(result.counts).toMatchObject({ linesIn: 4, linesSplit: 1, rowsOut: 5, rowsRejected: 0 });
    expect(opened.sort()).toEqual(["a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg"]);
    expect(formatFixSummary(result, false)).toContain("check of the output: 0 errors");
  });

  it("a row of the line whose path is on another row (before or after it, or on the line itself) keeps the line whole in the rejects: split, the output would list the image twice", async () => {
    const cases: { text: string; reason: string }[] = [
      // The second row is line 1's image with other labels: split, a conflicting duplicate.
      { text: "a.jpg\t1,1,0\nb.jpg\t1,0,0a.jpg\t0,0,1\nc.jpg\t0,1,1\n", reason: "the path of row 2, 'a.jpg', is on line 1 too" },
      // The same labels: split, an exact copy, spelled another way.
      { text: "a.jpg\t1,1,0\nb.jpg\t1,0,0./a.jpg\t1,1,0\nc.jpg\t0,1,1\n", reason: "the path of row 2, './a.jpg', is on line 1 too" },
      // The first row's image is listed again later, on a line the check compared with no row.
      { text: "a.jpg\t1,1,0\nb.jpg\t1,0,0d.jpg\t0,0,1\nc.jpg\t0,1,1\nb.jpg\t1,1,0\n", reason: "the path of row 1, 'b.jpg', is on line 4 too" },
      // Two rows of the line itself.
      { text: "a.jpg\t1,1,0\nb.jpg\t1,0,0b.jpg\t0,0,1\nc.jpg\t0,1,1\n", reason: "the path of row 1, 'b.jpg', is the path of row 2 too" },
    ];
    for (const { text, reason } of cases) {
      const { dir } = staged("train.txt", text);
      const fixed = await cli(dir, "fix", "train.txt", "--out", "fixed.txt", "--plan", "plan.json");
      expect(fixed.stderr).toBe("");
      expect(fixed.code, text).toBe(0);
      expect(fixed.stdout).toContain("check of the output: 0 errors");
      const lines = text.split("\n");
      expect(readFileSync(join(dir, "fixed.txt"), "utf8")).toBe([lines[0], ...lines.slice(2)].join("\n"));
      const rejects = readFileSync(join(dir, "fixed.txt.rejects.tsv"), "utf8");
      expect(rejects).toContain(`\t${lines[1]}\n`);
      expect(rejects).toContain(`the line holds two rows, and ${reason}: written one a line, the output would list that image twice`);
      const applied = await cli(dir, "apply", "plan.json", "--out", "applied.txt");
      expect(applied.stderr).toBe("");
      expect(readFileSync(join(dir, "applied.txt"))).toEqual(readFileSync(join(dir, "fixed.txt")));
    }
    // Two joined lines sharing a path: both kept whole.
    const { dir } = staged("train.txt", "a.jpg\t0,1,0b.jpg\t1,0,0\nc.jpg\t0,0,1b.jpg\t1,1,0\nd.jpg\t0,1,1\n");
    const result = await fix(join(dir, "train.txt"), { out: join(dir, "out.txt") });
    expect(result.counts).toMatchObject({ linesIn: 3, rowsOut: 1, rowsRejected: 2 });
    expect(result.plan.rejects.map((r) => r.reasons.at(-1)!.message.split(":")[0])).toEqual([
      "the line holds two rows, and the path of row 2, 'b.jpg', is on line 2 too",
      "the line holds two rows, and the path of row 2, 'b.jpg', is on line 1 too",
    ]);
    // Each row is decided as a line of its own, with the check's findings about it there: a '\\' in its path (PaddleClas
    // looks for a file of that name) is written as '/', as on a line of its own, and then the line is split.
    const { dir: slashed } = staged("train.txt", "a.jpg\t1,1,0\nimg\\b.jpg\t1,0,0img\\d.jpg\t0,0,1\nc.jpg\t0,1,1\n");
    const fromSlashed = await fix(join(slashed, "train.txt"), { out: join(slashed, "out.txt"), plan: join(slashed, "plan.json") });
    expect(fromSlashed.counts).toMatchObject({ linesIn: 3, linesSplit: 1, rowsOut: 4, rowsRejected: 0 });
    expect(readFileSync(join(slashed, "out.txt"), "utf8")).toBe("a.jpg\t1,1,0\nimg/b.jpg\t1,0,0\nimg/d.jpg\t0,0,1\nc.jpg\t0,1,1\n");
    expect(fromSlashed.plan.edits).toMatchObject([{ line: 2, newText: "img/b.jpg\t1,0,0\nimg/d.jpg\t0,0,1", rules: ["backslash-path", "joined-rows"] }]);
    expect(fromSlashed.after?.problems.filter((p) => p.severity === "error")).toEqual([]);
    const slashedApplied = await cli(slashed, "apply", "plan.json", "--out", "applied.txt");
    expect(slashedApplied.stderr).toBe("");
    expect(readFileSync(join(slashed, "applied.txt"))).toEqual(readFileSync(join(slashed, "out.txt")));
    // A spaced list, its rows joined by a space where the line break was.
    const { dir: spaced } = staged("train.txt", "a.jpg 0 1 0\nb.jpg 1 0 0 a.jpg 0 0 1\nc.jpg 0 1 1\n");
    const fromSpaced = await fix(join(spaced, "train.txt"), { out: join(spaced, "out.txt"), unsafeFixes: true });
    expect(fromSpaced.counts).toMatchObject({ linesIn: 3, rowsOut: 2, rowsRejected: 1 });
    expect(readFileSync(join(spaced, "out.txt"), "utf8")).toBe("a.jpg 0 1 0\nc.jpg 0 1 1\n");
  });

  it("drops the second file's byte-order mark with the seam (it would start the second row's path)", async () => {
    const { dir } = staged("train.txt", `${A}\ufeff${B}`);
    const result = await fix(join(dir, "train.txt"), { out: join(dir, "fixed.txt") });
    expect(result.counts).toMatchObject({ linesIn: 4, linesSplit: 1, rowsOut: 5, rowsRejected: 0 });
    expect(readFileSync(join(dir, "fixed.txt"), "utf8")).toBe(`${A}\n${B}`);
  });

  it("check --fix --output never writes the report over the backup or the rejects file --fix keeps", async () => {
    const text = "a.jpg\t0,1,0\n\nb.jpg\t1,0,0\nc.jpg\t1,0,2\n";
    const { dir, file } = staged("train.txt", text);
    for (const name of ["train.txt.bak", "./train.txt.rejects.tsv", "train.txt.labellint.lock"]) {
      const r = await cli(dir, "check", "train.txt", "--fix", "--output", name);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^labellint: --output '${name.replace(/\./g, "\\.")}' is the [a-z ]+ --fix writes for 'train\\.txt': the report would overwrite it\n$`));
    }
    // Refused before anything was fixed.
    expect(readFileSync(file, "utf8")).toBe(text);
    expect(readdirSync(dir)).toEqual(["train.txt"]);
    const ok = await cli(dir, "check", "train.txt", "--fix", "--output", "report.txt");
    expect(ok.code).not.toBe(2);
    expect(readFileSync(join(dir, "train.txt.bak"), "utf8")).toBe(text);
  });

  it("keeps a spaced list spaced, and check --fix splits the line in place", async () => {
    const { dir, file } = staged("train.txt", (A + B).replace(/[\t,]/g, " "));
    const checked = await cli(dir, "check", "train.txt", "--fix");
    expect(checked.code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(`${A}\n${B}`.replace(/[\t,]/g, " "));
  });

  it("a TAB where the line break was: split only with unsafe fixes; without them the line goes to the rejects whole", async () => {
    const text = "a.jpg\t0,1,0\nb.jpg\t1,0,0\tc.jpg\t0,0,1\nd.jpg\t1,1,1\n";
    const { dir } = staged("train.txt", text);
    const safe = await fix(join(dir, "train.txt"), { out: join(dir, "safe.txt") });
    expect(safe.counts).toMatchObject({ linesIn: 3, rowsOut: 2, rowsRejected: 1 });
    expect(readFileSync(join(dir, "safe.txt.rejects.tsv"), "utf8")).toContain("\tb.jpg\t1,0,0\tc.jpg\t0,0,1\n");
    const unsafe = await fix(join(dir, "train.txt"), { out: join(dir, "unsafe.txt"), unsafeFixes: true });
    expect(unsafe.counts).toMatchObject({ linesIn: 3, linesSplit: 1, rowsOut: 4, rowsRejected: 0 });
    expect(readFileSync(join(dir, "unsafe.txt"), "utf8")).toBe("a.jpg\t0,1,0\nb.jpg\t1,0,0\nc.jpg\t0,0,1\nd.jpg\t1,1,1\n");
  });

  it("rejects the whole line, verbatim, when one of its rows cannot be written (a path with a space in a spaced output)", async () => {
    const { dir } = staged("train.txt", "a.jpg\t0,1,0\nb.jpg\t1,0,0\nmy c.jpg\t0,0,1d.jpg\t1,1,0\ne.jpg\t0,1,1\n");
    const result = await fix(join(dir, "train.txt"), { out: join(dir, "out.txt"), to: "spaced" });
    expect(result.counts).toMatchObject({ linesIn: 4, rowsOut: 3, rowsRejected: 1 });
    expect(result.counts.linesSplit).toBeUndefined();
    const rejects = readFileSync(join(dir, "out.txt.rejects.tsv"), "utf8");
    expect(rejects).toContain("\tmy c.jpg\t0,0,1d.jpg\t1,1,0\n");
    expect(rejects).toContain("the line holds two rows, and its first cannot be written as it is");
  });

  it("a line of several rows (files of one row each, none with a final newline, joined by cat): every row on its own line, apply the same; one row that cannot be written rejects the line whole", async () => {
    const rows = ["a.jpg\t0,1,0", "b.jpg\t1,0,0", "c.jpg\t0,0,1", "d.jpg\t1,1,0", "e.jpg\t0,1,1"];
    const { dir } = staged("train.txt", `${rows.join("")}\nf.jpg\t1,1,1\n`);
    const fixed = await cli(dir, "fix", "train.txt", "--out", "fixed.txt", "--plan", "plan.json");
    expect(fixed.stderr).toBe("");
    expect(fixed.stdout).toContain("train.txt: 2 lines in + 4 rows split off = 6 rows out + 0 rejected + 0 dropped\n");
    expect(readFileSync(join(dir, "fixed.txt"), "utf8")).toBe(`${rows.join("\n")}\nf.jpg\t1,1,1\n`);
    const plan = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8")) as FixPlan;
    expect(validatePlan(plan), JSON.stringify(validatePlan.errors)).toBe(true);
    expect(plan.counts).toMatchObject({ linesIn: 2, rowsOut: 6, linesSplit: 4 });
    const applied = await cli(dir, "apply", "plan.json", "--out", "applied.txt");
    expect(applied.stderr).toBe("");
    expect(readFileSync(join(dir, "applied.txt"))).toEqual(readFileSync(join(dir, "fixed.txt")));
    // The third row's path has a space: it cannot be a spaced row, so no row of the line is written, and the line is kept whole.
    const { dir: other } = staged("train.txt", `${rows.slice(0, 2).join("")}my ${rows.slice(2).join("")}\nf.jpg\t1,1,1\n`);
    const result = await fix(join(other, "train.txt"), { out: join(other, "out.txt"), to: "spaced" });
    expect(result.counts).toMatchObject({ linesIn: 2, rowsOut: 1, rowsRejected: 1 });
    expect(result.counts.linesSplit).toBeUndefined();
    const rejects = readFileSync(join(other, "out.txt.rejects.tsv"), "utf8");
    expect(rejects).toContain(`\t${rows.slice(0, 2).join("")}my ${rows.slice(2).join("")}\n`);
    expect(rejects).toContain("the line holds 5 rows, and its row 3 cannot be written as it is");
  });

  it("a later row whose path is absolute or climbs out with '..' keeps the line whole in the rejects, as unsafe-path rejects such a line on its own", async () => {
    for (const path of ["/data/d.jpg", "../d.jpg"]) {
      const { dir } = staged("train.txt", `a.jpg\t0,1,0\nb.jpg\t1,0,0\nc.jpg\t0,0,1${path}\t1,1,0\ne.jpg\t0,1,1\n`);
      const result = await fix(join(dir, "train.txt"), { out: join(dir, "out.txt") });
      expect(result.counts).toMatchObject({ linesIn: 4, rowsOut: 3, rowsRejected: 1 });
      const rejects = readFileSync(join(dir, "out.txt.rejects.tsv"), "utf8");
      expect(rejects).toContain(`the line holds two rows, and the path of row 2, '${path}', ${path.startsWith("/") ? "is absolute" : "climbs out of the image root with '..'"} (unsafe-path)`);
      expect(rejects).toContain(`\tc.jpg\t0,0,1${path}\t1,1,0\n`);
    }
  });

  it("apply refuses a plan whose split count is not its edits' (a row added to a line, or a split left uncounted)", async () => {
    const { dir } = staged("train.txt", A + B);
    await fix(join(dir, "train.txt"), { out: join(dir, "fixed.txt"), plan: join(dir, "plan.json") });
    const plan = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8")) as FixPlan;
    const three = { ...plan, edits: [{ ...plan.edits[0]!, newText: `${plan.edits[0]!.newText}\nx.jpg\t0,0,1` }] };
    writeFileSync(join(dir, "three.json"), JSON.stringify(three));
    await expect(applyPlan(join(dir, "three.json"), { out: join(dir, "a.txt"), cwd: dir })).rejects.toThrow(/its edits write 2 rows beyond one a line \(lines that held several rows\), but its counts say 1/);
    const { linesSplit: _, ...uncounted } = plan.counts;
    writeFileSync(join(dir, "uncounted.json"), JSON.stringify({ ...plan, counts: { ...uncounted, rowsOut: 4 } }));
    await expect(applyPlan(join(dir, "uncounted.json"), { out: join(dir, "b.txt"), cwd: dir })).rejects.toThrow(/its edits write 1 row beyond one a line \(lines that held several rows\), but its counts say 0/);
    expect(existsSync(join(dir, "a.txt")) || existsSync(join(dir, "b.txt"))).toBe(false);
  });
});

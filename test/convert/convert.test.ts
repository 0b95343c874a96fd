import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { convert, type ConvertOptions, type ConvertResult } from "../../src/convert/convert.js";
import { lintFile } from "../../src/engine/lint.js";
import { fix } from "../../src/fixer/fix.js";
import { UNLISTED_BY_REWRITE } from "../../src/fixer/repair.js";
import { allRules } from "../../src/rules/index.js";
import * as api from "../../src/index.js";
import { HAS_SHARED, realFile, sharedTitle, rejection } from "../shared.js";

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "labellint-convert-"));
}

/** `content` as `name` in a fresh folder. */
function staged(name: string, content: string | Buffer): { dir: string; file: string } {
  const dir = tempDir();
  const file = join(dir, name);
  writeFileSync(file, content);
  return { dir, file };
}


const read = (path: string): string => readFileSync(path, "utf8");

function balanced(result: ConvertResult): void {
  for (const c of [result.counts, ...result.inputs.map((i) => i.counts)]) expect(c.linesIn).toBe(c.rowsOut + c.rowsRejected + c.linesDropped);
}

/** A clean C = 3 list: every class has positives, one all-zero row, paths with a comma, quotes and non-ASCII (no whitespace: spaced holds none). */
const CLEAN = [
  "images/a.jpg\t1,0,0",
  "images/b.jpg\t0,1,0",
  "images/c.jpg\t0,0,1",
  "images/d.jpg\t0,0,0",
  'odd/a,b"q".jpg\t0,1,1',
  "déjà/ü.jpg\t1,0,1",
].join("\n") + "\n";

const NAMES = ["sky", "sea, calm", "moon"];

describe("convert: every output format", () => {
  it("writes spaced: path v1 v2 …", async () => {
    const { dir, file } = staged("train.txt", CLEAN);
    const out = join(dir, "train_spaced.txt");
    const result = await convert(file, { to: "spaced", out });
    expect(read(out)).toBe(["images/a.jpg 1 0 0", "images/b.jpg 0 1 0", "images/c.jpg 0 0 1", "images/d.jpg 0 0 0", 'odd/a,b"q".jpg 0 1 1', "déjà/ü.jpg 1 0 1"].join("\n") + "\n");
    expect(result.counts).toEqual({ linesIn: 6, rowsOut: 6, rowsRejected: 0, linesDropped: 0, linesEdited: 0 });
    expect(result.refused).toBeUndefined();
    expect(result.after).toMatchObject({ format: "spaced", errorCount: 0, shape: { rows: 6, columns: 3, ok: true } });
    expect(existsSync(`${out}.rejects.tsv`)).toBe(false);
  });

  it("writes csv with a header path,<class names> when the names are known, quoting only what needs it", async () => {
    const { dir, file } = staged("train.txt", CLEAN);
    const out = join(dir, "train.csv");
    const result = await convert(file, { to: "csv", out, classNames: NAMES });
    expect(read(out)).toBe(
      ['path,sky,"sea, calm",moon', "images/a.jpg,1,0,0", "images/b.jpg,0,1,0", "images/c.jpg,0,0,1", "images/d.jpg,0,0,0", '"odd/a,b""q"".jpg",0,1,1', "déjà/ü.jpg,1,0,1"].join("\n") + "\n",
    );
    expect(result.header).toBe(true);
    expect(result.counts.rowsOut).toBe(6);
  });

  it("writes csv under a header of column numbers when no class names are known: it reads back as C and no names", async () => {
    const { dir, file } = staged("train.txt", CLEAN);
    const out = join(dir, "train.csv");
    const result = await convert(file, { to: "csv", out });
    expect(read(out).split("\n").slice(0, 2)).toEqual(["path,0,1,2", "images/a.jpg,1,0,0"]);
    expect(result.header).toBe(true);
    const back = await lintFile(out);
    expect(back.rows).toBe(result.counts.rowsOut);
    expect(back.numClasses).toBe(3);
    expect(back.classNames).toBeUndefined();
  });

  it("round-trips a list whose first image is named like a heading (id, path) through csv without names", async () => {
    // Without a header, `id,0,1` would read back as one: the row and the class count lost.
    for (const text of ["id\t0,1\nb.jpg\t1,0\n", "path\t0\nb.jpg\t1\n"]) {
      const { dir, file } = staged("train.txt", text);
      await convert(file, { to: "csv", out: join(dir, "t.csv") });
      await convert(join(dir, "t.csv"), { to: "paddleclas", out: join(dir, "back.txt") });
      expect(read(join(dir, "back.txt"))).toBe(text);
    }
  });

  it("writes indices: path<TAB>i1,i2 (0-based positives), an empty list for an all-zero row", async () => {
    const { dir, file } = staged("train.txt", CLEAN);
    const out = join(dir, "train_idx.txt");
    await convert(file, { to: "indices", out });
    expect(read(out)).toBe(["images/a.jpg\t0", "images/b.jpg\t1", "images/c.jpg\t2", "images/d.jpg\t", 'odd/a,b"q".jpg\t1,2', "déjà/ü.jpg\t0,2"].join("\n") + "\n");
  });

  it("writes paddleclas from spaced, and from paddleclas the canonical form (values re-spelled, BOM and CRLF gone)", async () => {
    const spaced = staged("s.txt", "a.jpg 1 0 0\nb.jpg 0 1 0\nc.jpg 0 0 1\n");
    await convert(spaced.file, { to: "paddleclas", out: join(spaced.dir, "p.txt") });
    expect(read(join(spaced.dir, "p.txt"))).toBe("a.jpg\t1,0,0\nb.jpg\t0,1,0\nc.jpg\t0,0,1\n");

    const messy = staged("m.txt", "\uFEFFa.jpg\t1.0,0,0\r\nb.jpg\t0, 1, 0\r\nc.jpg\t0,0,1\r\n");
    const result = await convert(messy.file, { to: "paddleclas", out: join(messy.dir, "p.txt") });
    expect(read(join(messy.dir, "p.txt"))).toBe("a.jpg\t1,0,0\nb.jpg\t0,1,0\nc.jpg\t0,0,1\n");
    expect(result.counts).toEqual({ linesIn: 3, rowsOut: 3, rowsRejected: 0, linesDropped: 0, linesEdited: 2 });
  });
});

describe("convert: what it keeps as it is", () => {
  it("keeps duplicate rows (a format change keeps the row count); writes / for \\ in paths unless backslash-path is off", async () => {
    const input = "dir\\a.jpg\t1,0,0\nb.jpg\t0,1,0\nb.jpg\t0,1,0\nc.jpg\t0,0,1\n";
    const { dir, file } = staged("dup.txt", input);
    const result = await convert(file, { to: "paddleclas", out: join(dir, "c.txt") });
    expect(read(join(dir, "c.txt"))).toBe("dir/a.jpg\t1,0,0\nb.jpg\t0,1,0\nb.jpg\t0,1,0\nc.jpg\t0,0,1\n");
    expect(result.counts).toMatchObject({ rowsOut: 4, linesDropped: 0, linesEdited: 1 });
    expect(result.inputs[0]!.check.counts).toMatchObject({ "duplicate-path": 1, "backslash-path": 1 });

    await convert(file, { to: "paddleclas", out: join(dir, "k.txt"), rules: { "backslash-path": "off" } });
    expect(read(join(dir, "k.txt"))).toBe(input);

    const fixed = await fix(file, { out: join(dir, "f.txt") });
    expect(fixed.counts).toMatchObject({ rowsOut: 3, linesDropped: 1 });
  });

  it("drops a header row, which is not a row, and keeps its names for the csv header", async () => {
    const { dir, file } = staged("h.txt", "path\tsky,sea,moon\na.jpg\t1,0,0\nb.jpg\t0,1,0\nc.jpg\t0,0,1\n");
    const result = await convert(file, { to: "csv", out: join(dir, "h.csv") });
    expect(read(join(dir, "h.csv"))).toBe("path,sky,sea,moon\na.jpg,1,0,0\nb.jpg,0,1,0\nc.jpg,0,0,1\n");
    expect(result.counts).toMatchObject({ linesIn: 4, rowsOut: 3, linesDropped: 1 });
    expect(result.dropped).toEqual({ "header row": 1 });
  });

  it("never changes class order, and writes a signed file's -1 as it is (with --force: signed-encoding is an error)", async () => {
    const { dir, file } = staged("signed.txt", "a.jpg\t1,-1,-1\nb.jpg\t-1,1,-1\nc.jpg\t-1,-1,1\nd.jpg\t1,1,-1\n");
    const refused = await convert(file, { to: "csv", out: join(dir, "s.csv") });
    expect(refused.refused).toEqual({ reason: "errors", errorCount: 1 });
    expect(refused.inputs[0]!.errors).toEqual({ "signed-encoding": 1 });
    const result = await convert(file, { to: "csv", out: join(dir, "s.csv"), force: true });
    expect(read(join(dir, "s.csv"))).toBe("path,0,1,2\na.jpg,1,-1,-1\nb.jpg,-1,1,-1\nc.jpg,-1,-1,1\nd.jpg,1,1,-1\n");
    expect(result.counts.rowsRejected).toBe(0);
  });
});

describe("convert: refuses to write when the check finds errors", () => {
  const BROKEN = "a.jpg\t1,0,0\nb.jpg\t0,1\n\nc.jpg\t0,2,1\nd.jpg\t0,1,1\n";

  it("writes nothing (no output, no rejects, no temporary file) and says what it found", async () => {
    const { dir, file } = staged("broken.txt", BROKEN);
    const result = await convert(file, { to: "csv", out: join(dir, "out.csv"), numClasses: 3 });
    expect(result.refused).toEqual({ reason: "errors", errorCount: 3 });
    expect(result.inputs[0]!.errors).toEqual({ "label-count": 1, "blank-line": 1, "non-binary-value": 1 });
    expect(result.written).toEqual({});
    expect(readdirSync(dir)).toEqual(["broken.txt"]);
  });

  it("counts the errors check counts", async () => {
    const { dir, file } = staged("broken.txt", BROKEN);
    const check = await lintFile(file, { numClasses: 3 });
    const result = await convert(file, { to: "spaced", out: join(dir, "out.txt"), numClasses: 3 });
    expect(result.refused?.errorCount).toBe(check.errorCount);
  });

  it("with force, writes every other row and sends each row with an error, verbatim, to OUT.rejects.tsv", async () => {
    const { dir, file } = staged("broken.txt", BROKEN);
    const out = join(dir, "out.csv");
    const result = await convert(file, { to: "csv", out, numClasses: 3, force: true });
    expect(result.refused).toBeUndefined();
    expect(read(out)).toBe("path,0,1,2\na.jpg,1,0,0\nd.jpg,0,1,1\n");
    expect(result.counts).toEqual({ linesIn: 5, rowsOut: 2, rowsRejected: 2, linesDropped: 1, linesEdited: 0 });
    balanced(result);
    const rejects = read(`${out}.rejects.tsv`).split("\n");
    expect(rejects[0]).toBe("line\trules\treasons\ttext");
    expect(rejects.slice(1, -1).map((r) => r.split("\t"))).toEqual([
      ["2", "label-count", expect.stringMatching(/2 label values, expected 3/), "b.jpg", "0,1"],
      ["4", "non-binary-value", expect.stringMatching(/'2'/), "c.jpg", "0,2,1"],
    ]);
    expect(result.written).toEqual({ output: out, rejects: `${out}.rejects.tsv` });
    expect(result.rejected.map((g) => [g.reason, g.rows, g.first])).toEqual([
      ["label-count", 1, `${file}:2`],
      ["non-binary-value", 1, `${file}:4`],
    ]);
    expect(result.dropped).toEqual({ "blank line": 1 });
  });

  it("does not repair a row with an error, even one fix would repair safely: convert converts, fix repairs", async () => {
    const { dir, file } = staged("t.txt", "a.jpg\t1,0,0,\nb.jpg 0,1,0\nc.jpg\t[0,0,1]\nd.jpg\t1,1,0\n");
    const result = await convert(file, { to: "paddleclas", out: join(dir, "o.txt"), force: true });
    expect(read(join(dir, "o.txt"))).toBe("d.jpg\t1,1,0\n");
    expect(result.rejected.map((g) => g.reason).sort()).toEqual(["empty-value", "missing-separator", "nested-labels"]);
  });

  it("is not blocked by warnings", async () => {
    const { dir, file } = staged("w.txt", "a.jpg\t1,0,0\nb.jpg\t0,1.0,0\nc.jpg\t0,0,1\nd.jpg\t0,0,0\n");
    const result = await convert(file, { to: "spaced", out: join(dir, "w_spaced.txt") });
    expect(result.refused).toBeUndefined();
    expect(result.inputs[0]!.check.warningCount).toBeGreaterThan(0);
    expect(read(join(dir, "w_spaced.txt"))).toBe("a.jpg 1 0 0\nb.jpg 0 1 0\nc.jpg 0 0 1\nd.jpg 0 0 0\n");
  });

  it("with force, writes a file whose only error is dataset-wide, and the check of the output still reports it", async () => {
    const { dir, file } = staged("nopos.txt", "a.jpg\t1,0,0\nb.jpg\t0,1,0\n");
    expect((await convert(file, { to: "csv", out: join(dir, "o.csv") })).inputs[0]!.errors).toEqual({ "class-without-positives": 1 });
    const result = await convert(file, { to: "spaced", out: join(dir, "o.txt"), force: true });
    expect(result.counts).toMatchObject({ rowsOut: 2, rowsRejected: 0 });
    expect(result.after?.counts["class-without-positives"]).toBe(1);
  });
});

describe("the check pass of fix and convert", () => {
  it("lists every finding a rewrite can act on, and only counts whole-dataset findings without a fix", () => {
    for (const name of UNLISTED_BY_REWRITE) {
      const { meta } = allRules.find((r) => r.meta.name === name)!;
      if (meta.fix.fixer === "rewriter") continue;
      expect([name, meta.scope, meta.fix.availability]).toEqual([name, "dataset", "none"]);
    }
    expect(UNLISTED_BY_REWRITE).toEqual(expect.arrayContaining(["blank-line", "class-without-positives", "rare-class"]));
    expect(UNLISTED_BY_REWRITE).not.toContain("split-leakage");
  });

  it("counts what it does not list: a wide index list's classes without positives cost no listing", async () => {
    // 4 rows at C = 50,000: 49,993 classes without a positive, each an error of a train split.
    const dir = tempDir();
    const file = join(dir, "wide.txt");
    writeFileSync(file, "a.jpg\t1,7\nb.jpg\t49999\nc.jpg\t3,4,5\nd.jpg\t0\n");
    const refused = await convert(file, { to: "indices", out: join(dir, "o.txt"), format: "indices", numClasses: 50_000 });
    expect(refused.refused).toEqual({ reason: "errors", errorCount: 49_993 });
    expect(refused.inputs[0]!.errors).toEqual({ "class-without-positives": 49_993 });
    expect(refused.inputs[0]!.check.problems.filter((p) => p.rule === "class-without-positives")).toEqual([]);
    const fixed = await fix(file, { out: join(dir, "f.txt"), format: "indices", numClasses: 50_000, to: "indices" });
    expect(fixed.counts).toEqual({ linesIn: 4, rowsOut: 4, rowsRejected: 0, linesDropped: 0, linesEdited: 0 });
    expect(fixed.after?.counts["class-without-positives"]).toBe(49_993);
  });
});

describe("convert: rows the output format cannot hold", () => {
  it("refuses a path with a space for spaced, writing nothing; with force it goes to the rejects file", async () => {
    const { dir, file } = staged("sp.txt", "a.jpg\t1,0,0\nmy photos/b.jpg\t0,1,0\nc.jpg\t0,0,1\n");
    const out = join(dir, "o.txt");
    const refused = await convert(file, { to: "spaced", out });
    expect(refused.refused).toEqual({ reason: "unwritable", errorCount: 0 });
    expect(refused.rejected).toEqual([{ reason: "the image path contains whitespace, which the spaced format cannot hold (its reader's split() splits there)", rows: 1, first: `${file}:2` }]);
    expect(refused.counts.rowsOut).toBe(0);
    expect(readdirSync(dir)).toEqual(["sp.txt"]);

    const forced = await convert(file, { to: "spaced", out, force: true });
    expect(read(out)).toBe("a.jpg 1 0 0\nc.jpg 0 0 1\n");
    expect(read(`${out}.rejects.tsv`)).toBe("line\trules\treasons\ttext\n2\t\tthe image path contains whitespace, which the spaced format cannot hold (its reader's split() splits there)\tmy photos/b.jpg\t0,1,0\n");
    balanced(forced);
  });

  it("refuses fields after the labels (extra-field, a warning): convert does not drop data", async () => {
    const { dir, file } = staged("x.txt", "a.jpg\t1,0,0\textra\nb.jpg\t0,1,0\nc.jpg\t0,0,1\n");
    const result = await convert(file, { to: "paddleclas", out: join(dir, "o.txt") });
    expect(result.refused?.reason).toBe("unwritable");
    expect(result.rejected[0]!.reason).toMatch(/^extra-field, fields after the labels, which convert does not carry/);
  });

  it("rejects a -1 row for indices, which hold positives only", async () => {
    const { dir, file } = staged("signed.txt", "a.jpg\t1,0,0\nb.jpg\t0,1,0\nc.jpg\t-1,0,1\n");
    const result = await convert(file, { to: "indices", out: join(dir, "o.txt"), force: true, rules: { "signed-encoding": "off" } });
    expect(read(join(dir, "o.txt"))).toBe("a.jpg\t0\nb.jpg\t1\n");
    // The file reads as -1/1 (signed-encoding is only off): the -1 is a label the index form cannot hold.
    expect(result.rejected.map((g) => g.reason)).toEqual(["value -1 has no class-index form (an index list holds positives only)"]);
  });
});

describe("convert: overwrite protection", () => {
  it("does not overwrite an existing output or rejects file without force", async () => {
    const { dir, file } = staged("t.txt", CLEAN);
    const out = join(dir, "o.csv");
    writeFileSync(out, "precious\n");
    expect((await rejection(convert(file, { to: "csv", out }))).message).toBe(`'${out}' exists; pass --force to overwrite it`);
    expect(read(out)).toBe("precious\n");
    const other = join(dir, "p.csv");
    writeFileSync(`${other}.rejects.tsv`, "quarantined\n");
    expect((await rejection(convert(file, { to: "csv", out: other }))).message).toMatch(/p\.csv\.rejects\.tsv' exists/);
    expect(existsSync(other)).toBe(false);

    await convert(file, { to: "csv", out, force: true });
    expect(read(out).split("\n")[1]).toBe("images/a.jpg,1,0,0");
  });

  it("never writes over an input, and keeps the output and rejects files apart", async () => {
    const { dir, file } = staged("t.txt", CLEAN);
    expect((await rejection(convert(file, { to: "paddleclas", out: file, force: true }))).message).toMatch(/--out '.*t\.txt' is the input/);
    expect((await rejection(convert(file, { to: "csv", out: join(dir, "o.csv"), rejects: join(dir, "o.csv") }))).message).toMatch(/--rejects '.*o\.csv' is --out/);
    expect(read(file)).toBe(CLEAN);
  });

  it("checks its options before reading anything", async () => {
    const { dir, file } = staged("t.txt", CLEAN);
    expect((await rejection(convert(file, { to: "yaml" as ConvertOptions["to"], out: join(dir, "o") }))).code).toBe("LL_USAGE");
    expect((await rejection(convert([], { to: "csv", out: join(dir, "o") }))).code).toBe("LL_USAGE");
    expect((await rejection(convert(join(dir, "missing.txt"), { to: "csv", out: join(dir, "o") }))).code).toBe("LL_READ_FAILED");
    expect(readdirSync(dir)).toEqual(["t.txt"]);
  });
});

describe("convert: round trips between the line formats are lossless", () => {
  it("paddleclas → spaced → paddleclas gives the same bytes (commas, quotes and non-ASCII in paths)", async () => {
    const { dir, file } = staged("p.txt", CLEAN);
    await convert(file, { to: "spaced", out: join(dir, "s.txt") });
    await convert(join(dir, "s.txt"), { to: "paddleclas", out: join(dir, "p2.txt") });
    expect(readFileSync(join(dir, "p2.txt"))).toEqual(readFileSync(file));
  });

  it("paddleclas → csv → paddleclas keeps a first row whose image is named like a column heading", async () => {
    // Without class names the csv has no header: 'image,0,1,1' is a row, not a header naming classes 0, 1, 1.
    const list = "image\t0,1,1\nb.jpg\t1,0,0\nc.jpg\t1,1,0\nd.jpg\t0,0,1\n";
    const { dir, file } = staged("p.txt", list);
    await convert(file, { to: "csv", out: join(dir, "p.csv") });
    const back = await convert(join(dir, "p.csv"), { to: "paddleclas", out: join(dir, "p2.txt") });
    expect(back.counts).toEqual({ linesIn: 4, rowsOut: 4, rowsRejected: 0, linesDropped: 0, linesEdited: 0 });
    expect(read(join(dir, "p2.txt"))).toBe(list);
  });

  it("paddleclas → paddleclas changes nothing in a canonical file", async () => {
    const { dir, file } = staged("p.txt", CLEAN);
    const result = await convert(file, { to: "paddleclas", out: join(dir, "p2.txt") });
    expect(readFileSync(join(dir, "p2.txt"))).toEqual(readFileSync(file));
    expect(result.counts.linesEdited).toBe(0);
  });

  it("converts a file with no final newline, and an empty file", async () => {
    const { dir, file } = staged("n.txt", "a.jpg 1 0\nb.jpg 0 1");
    await convert(file, { to: "paddleclas", out: join(dir, "p.txt") });
    expect(read(join(dir, "p.txt"))).toBe("a.jpg\t1,0\nb.jpg\t0,1\n");
    // An empty list has no rows (no-rows): refused like any other error, written with --force.
    const empty = staged("e.txt", "");
    const refused = await convert(empty.file, { to: "paddleclas", out: join(empty.dir, "p.txt"), numClasses: 2 });
    expect(refused.refused).toEqual({ reason: "errors", errorCount: 1 });
    const result = await convert(empty.file, { to: "paddleclas", out: join(empty.dir, "p.txt"), numClasses: 2, force: true });
    expect(result.counts.linesIn).toBe(0);
    expect(read(join(empty.dir, "p.txt"))).toBe("");
  });
});

describe(sharedTitle("convert on a real HashNet list (NUS-WIDE-81, spaced)"), () => {
  it.skipIf(!HAS_SHARED)("refuses it as a train split (two classes without positives) and round-trips it byte for byte as eval", async () => {
    const dir = tempDir();
    const source = realFile("hashnet_nuswide81_test.txt");
    const refused = await convert(source, { to: "paddleclas", out: join(dir, "p.txt") });
    expect(refused.refused?.reason).toBe("errors");
    expect(refused.inputs[0]!.errors).toEqual({ "class-without-positives": 2 });

    const result = await convert(source, { to: "paddleclas", out: join(dir, "p.txt"), split: "eval" });
    expect(result.counts).toEqual({ linesIn: 5000, rowsOut: 5000, rowsRejected: 0, linesDropped: 0, linesEdited: 0 });
    expect(result.after).toMatchObject({ format: "paddleclas", errorCount: 0, shape: { rows: 5000, columns: 81, ok: true } });
    await convert(join(dir, "p.txt"), { to: "spaced", out: join(dir, "s.txt"), split: "eval" });
    expect(readFileSync(join(dir, "s.txt")).equals(readFileSync(source))).toBe(true);
  });
});

describe("convert: several inputs are concatenated into one output", () => {
  it("writes them in order, accounting for each and for the total", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "part1.txt"), "a.jpg\t1,0,0\nb.jpg\t0,1,0\n");
    writeFileSync(join(dir, "part2.txt"), "c.jpg 0 0 1\nd.jpg 1 1 0\n\n");
    const out = join(dir, "all.csv");
    const result = await convert([join(dir, "part1.txt"), join(dir, "part2.txt")], { to: "csv", out, classNames: ["sky", "sea", "moon"], split: "eval", force: true });
    expect(read(out)).toBe("path,sky,sea,moon\na.jpg,1,0,0\nb.jpg,0,1,0\nc.jpg,0,0,1\nd.jpg,1,1,0\n");
    expect(result.inputs.map((i) => [i.format, i.counts.linesIn, i.counts.rowsOut, i.counts.linesDropped])).toEqual([
      ["paddleclas", 2, 2, 0],
      ["spaced", 3, 2, 1],
    ]);
    expect(result.counts).toMatchObject({ linesIn: 5, rowsOut: 4, linesDropped: 1 });
    balanced(result);
  });

  it("names the file in a first rejects column", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "p1.txt"), "a.jpg\t1,0,0\nb.jpg\t0,1\nc.jpg\t0,0,1\n");
    writeFileSync(join(dir, "p2.txt"), "d.jpg\t1,0,0\ne.jpg\t0,1,0\nf.jpg\t0,1,2\n");
    const out = join(dir, "all.txt");
    await convert([join(dir, "p1.txt"), join(dir, "p2.txt")], { to: "paddleclas", out, numClasses: 3, displayPaths: ["p1.txt", "p2.txt"], force: true });
    const rows = read(`${out}.rejects.tsv`).split("\n").slice(0, -1).map((r) => r.split("\t").slice(0, 3));
    expect(rows).toEqual([
      ["file", "line", "rules"],
      ["p1.txt", "2", "label-count"],
      ["p2.txt", "3", "non-binary-value"],
    ]);
  });

  it("refuses inputs that disagree on the classes", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "c3.txt"), "a.jpg\t1,0,0\nb.jpg\t0,1,1\n");
    writeFileSync(join(dir, "c2.txt"), "c.jpg\t1,0\nd.jpg\t0,1\n");
    const error = await rejection(convert([join(dir, "c3.txt"), join(dir, "c2.txt")], { to: "csv", out: join(dir, "o.csv") }));
    expect(error.code).toBe("LL_USAGE");
    expect(error.message).toMatch(/disagree on the class count: .*c3\.txt' has 3 \(inferred\), .*c2\.txt' 2 \(inferred\)/);
    writeFileSync(join(dir, "h1.txt"), "path\tsky,sea\na.jpg\t1,0\nb.jpg\t0,1\n");
    writeFileSync(join(dir, "h2.txt"), "path\tsky,moon\nc.jpg\t1,0\nd.jpg\t0,1\n");
    const names = await rejection(convert([join(dir, "h1.txt"), join(dir, "h2.txt")], { to: "csv", out: join(dir, "o.csv") }));
    expect(names.message).toMatch(/disagree on the class names: class 1 is 'sea' in one and 'moon'/);
    expect(existsSync(join(dir, "o.csv"))).toBe(false);
  });
});

describe("convert in the library API", () => {
  it("is exported with its output formats", async () => {
    expect(api.convert).toBe(convert);
    expect(api.OUTPUT_FORMAT_IDS).toEqual(["paddleclas", "spaced", "csv", "indices", "json"]);
    const { dir, file } = staged("t.txt", CLEAN);
    const result = await api.convert([file], { to: "indices", out: join(dir, "t.idx") });
    expect(result.written.output).toBe(join(dir, "t.idx"));
  });
});

/**
 * fix, convert and diff of index lists read their rows sparse (a row costs
 * its indices, not C), as check does: an index list of Amazon-670K's class
 * count (C = 670,091) is fixed, converted and compared row for row, and a
 * format that would write every class's value is refused up front when its
 * lines could not be read back. At a small C, the rows come out as the dense
 * rows the indices stand for — a row holding every class included, whose
 * index list `0,1,2` reads like three 0/1 values.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { convert } from "../../src/convert/convert.js";
import { diff } from "../../src/diff/diff.js";
import { fix } from "../../src/fixer/fix.js";
import { LabellintError } from "../../src/errors.js";
import { seededRandom } from "../shared.js";
import { runCli } from "../cli-harness.js";

const WIDE = 670_091;

function staged(name: string, content: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "labellint-sparse-rows-"));
  const file = join(dir, name);
  writeFileSync(file, content);
  return { dir, file };
}

const read = (path: string): string => readFileSync(path, "utf8");

/** `rows` index rows of up to 9 positives among `numClasses`, paths unique, indices ascending. */
function indexRows(rows: number, numClasses: number, seed: number): { path: string; ones: number[] }[] {
  const next = seededRandom(seed);
  return Array.from({ length: rows }, (_, r) => {
    const set = new Set<number>();
    const n = 1 + Math.floor(next() * 9);
    while (set.size < Math.min(n, numClasses)) set.add(Math.floor(next() * numClasses));
    return { path: `images/${String(r).padStart(6, "0")}.jpg`, ones: [...set].sort((a, b) => a - b) };
  });
}

const dense = (ones: readonly number[], numClasses: number): string => {
  const values = new Array<string>(numClasses).fill("0");
  for (const i of ones) values[i] = "1";
  return values.join(",");
};

describe("index lists of C = 670,091 classes", () => {
  const rows = indexRows(300, WIDE, 670);
  const lines = rows.map((r) => `${r.path}\t${r.ones.join(",")}`);
  // Defects: a repeated index (set once), an index past C, the same path with other labels.
  const input = [...lines, `images/repeat.jpg\t${rows[0]!.ones[0]},${rows[0]!.ones[0]}`, `images/past.jpg\t${WIDE}`, `${rows[1]!.path}\t7`].join("\n") + "\n";

  it("fix --to indices keeps the index list, rejects what it cannot repair and never writes C values", async () => {
    const { dir, file } = staged("labels.txt", input);
    const out = join(dir, "fixed.txt");
    const result = await fix(file, { numClasses: WIDE, to: "indices", out, plan: join(dir, "plan.json") });
    expect(result.counts).toEqual({ linesIn: 303, rowsOut: 301, rowsRejected: 2, linesDropped: 0, linesEdited: 0 });
    const written = read(out).split("\n");
    expect(written.slice(0, 300)).toEqual(lines);
    expect(written[300]).toBe(`images/repeat.jpg\t${rows[0]!.ones[0]}`);
    // The rejected rows are quarantined as index lines (their canonical form), not as 670,091 values.
    const rejects = read(`${out}.rejects.tsv`).trim().split("\n").slice(1);
    expect(rejects.map((r) => r.split("\t")[1])).toEqual(["invalid-index", "conflicting-duplicate"]);
    expect(rejects[1]!.endsWith(`${rows[1]!.path}\t7`)).toBe(true);
    expect(read(`${out}.rejects.tsv`).length).toBeLessThan(2000);
    expect(result.plan.output.format).toBe("indices");
    expect(result.after?.numClasses).toBe(WIDE);
    expect(result.after?.rows).toBe(301);
  });

  it("a format writing every value is refused before anything is written, naming --to indices", async () => {
    const { dir, file } = staged("labels.txt", input);
    const out = join(dir, "fixed.txt");
    const refusal = fix(file, { numClasses: WIDE, out });
    await expect(refusal).rejects.toBeInstanceOf(LabellintError);
    await expect(fix(file, { numClasses: WIDE, out })).rejects.toThrow(/670,091 classes written as paddleclas make lines of over 1\.3 MB.*--to indices/);
    await expect(convert(file, { numClasses: WIDE, to: "csv", out, force: true })).rejects.toThrow(/written as csv.*--max-line-bytes 1048576/);
    expect(() => read(out)).toThrow();
  });

  it("convert --to indices writes the rows as they are; diff names the row relabelled", async () => {
    const { dir, file } = staged("labels.txt", lines.join("\n") + "\n");
    const out = join(dir, "converted.txt");
    const result = await convert(file, { numClasses: WIDE, to: "indices", out, force: true });
    expect(result.counts.rowsOut).toBe(300);
    expect(read(out)).toBe(lines.join("\n") + "\n");

    const changed = [...lines];
    changed[5] = `${rows[5]!.path}\t${[...rows[5]!.ones, WIDE - 1].filter((v, i, a) => a.indexOf(v) === i).join(",")}`;
    const after = staged("labels.txt", changed.join("\n") + "\n");
    const d = await diff(file, after.file, { numClasses: WIDE });
    expect(d.counts.relabelled).toBe(1);
    expect(d.counts.unchanged).toBe(299);
    const row = d.changes.find((r) => r.kind === "relabelled")!;
    expect(row.path).toBe(rows[5]!.path);
    expect(row.gained).toEqual(rows[5]!.ones.includes(WIDE - 1) ? [] : [WIDE - 1]);
  });
});

describe("index lists at a small C come out as the rows they stand for", () => {
  // C = 3: a full row's index list (`0,1,2`) has the shape of three 0/1 values; an empty row is `path<TAB>`.
  // (So short a list sniffs as paddleclas: the format is given.)
  const input = ["a.jpg\t0,1,2", "b.jpg\t", "c.jpg\t2", "d.jpg\t1,0", "e.jpg\t0"].join("\n") + "\n";

  it("fix writes each row's values (default paddleclas) and its indices (--to indices)", async () => {
    const { dir, file } = staged("labels.txt", input);
    const denseOut = join(dir, "dense.txt");
    await fix(file, { numClasses: 3, format: "indices", out: denseOut });
    expect(read(denseOut)).toBe(["a.jpg\t1,1,1", "b.jpg\t0,0,0", "c.jpg\t0,0,1", "d.jpg\t1,1,0", "e.jpg\t1,0,0"].join("\n") + "\n");
    const indicesOut = join(dir, "indices.txt");
    await fix(file, { numClasses: 3, format: "indices", out: indicesOut, to: "indices" });
    expect(read(indicesOut)).toBe(["a.jpg\t0,1,2", "b.jpg\t", "c.jpg\t2", "d.jpg\t0,1", "e.jpg\t0"].join("\n") + "\n");
  });

  it("convert writes the same rows in every format", async () => {
    const { dir, file } = staged("labels.txt", input);
    for (const [to, expected] of [
      ["paddleclas", "a.jpg\t1,1,1\nb.jpg\t0,0,0\nc.jpg\t0,0,1\nd.jpg\t1,1,0\ne.jpg\t1,0,0\n"],
      ["spaced", "a.jpg 1 1 1\nb.jpg 0 0 0\nc.jpg 0 0 1\nd.jpg 1 1 0\ne.jpg 1 0 0\n"],
      ["csv", "path,0,1,2\na.jpg,1,1,1\nb.jpg,0,0,0\nc.jpg,0,0,1\nd.jpg,1,1,0\ne.jpg,1,0,0\n"],
      ["indices", "a.jpg\t0,1,2\nb.jpg\t\nc.jpg\t2\nd.jpg\t0,1\ne.jpg\t0\n"],
    ] as const) {
      const out = join(dir, `out.${to}`);
      const result = await convert(file, { numClasses: 3, format: "indices", to, out, force: true });
      expect(read(out), to).toBe(expected);
      // Only the format changed: no row counts as edited.
      expect(result.normalised, to).toEqual({});
    }
  });

  it("random index lists: fix's rows are the dense rows of their indices, in both output formats", async () => {
    for (const seed of [1, 2, 3]) {
      const C = 5 + seed * 7;
      const rows = indexRows(400, C, seed);
      // Some rows hold every class: their index list is C ascending values.
      rows[seed * 10]!.ones = Array.from({ length: C }, (_, i) => i);
      const { dir, file } = staged("labels.txt", rows.map((r) => `${r.path}\t${r.ones.join(",")}`).join("\n") + "\n");
      const denseOut = join(dir, "dense.txt");
      const indicesOut = join(dir, "indices.txt");
      await fix(file, { numClasses: C, out: denseOut });
      await fix(file, { numClasses: C, out: indicesOut, to: "indices" });
      expect(read(denseOut)).toBe(rows.map((r) => `${r.path}\t${dense(r.ones, C)}`).join("\n") + "\n");
      expect(read(indicesOut)).toBe(rows.map((r) => `${r.path}\t${r.ones.join(",")}`).join("\n") + "\n");
    }
  });

  it("a paddleclas list fixed --to indices keeps its rows", async () => {
    const { dir, file } = staged("labels.txt", "a.jpg\t1,1,1\nb.jpg\t0,0,0\nc.jpg\t0, 0,1\n");
    const out = join(dir, "out.txt");
    const result = await fix(file, { numClasses: 3, out, to: "indices" });
    expect(read(out)).toBe("a.jpg\t0,1,2\nb.jpg\t\nc.jpg\t2\n");
    expect(result.after?.format).toBe("indices");
  });
});

describe("the command line", () => {
  it("fix --to indices writes an index list; a wide paddleclas output is one clear fatal line", async () => {
    const rows = indexRows(20, WIDE, 9).map((r) => `${r.path}\t${r.ones.join(",")}`);
    const { dir } = staged("labels.txt", rows.join("\n") + "\n");
    const ok = await runCli(["fix", "labels.txt", "--num-classes", String(WIDE), "--to", "indices", "--out", "fixed.txt"], { cwd: dir });
    expect(ok.stdout).toMatch(/20 lines in = 20 rows out \+ 0 rejected \+ 0 dropped/);
    expect(read(join(dir, "fixed.txt"))).toBe(rows.join("\n") + "\n");
    const wide = await runCli(["fix", "labels.txt", "--num-classes", String(WIDE), "--out", "dense.txt"], { cwd: dir });
    expect(wide.code).toBe(2);
    expect(wide.stderr.trim().split("\n")).toEqual([
      "labellint: labels.txt: 670,091 classes written as paddleclas make lines of over 1.3 MB, longer than labellint reads (--max-line-bytes 1048576): write --to indices (the positive classes only), or raise --max-line-bytes",
    ]);
    const csv = await runCli(["fix", "labels.txt", "--to", "csv", "--out", "x.csv"], { cwd: dir });
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/paddleclas, spaced, indices/);
  });
});

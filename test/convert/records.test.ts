import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { convert, type ConvertResult } from "../../src/convert/convert.js";
import { lintFile } from "../../src/engine/lint.js";
import { readClassNames } from "../../src/readers/class-names.js";
import { runCli } from "../cli-harness.js";
import { fixture } from "../shared.js";

const NUS = fixture("convert", "nus-wide-columns");
const TEMPLATE = join(NUS, "Groundtruth", "TrainTestLabels", "Labels_{class}_Train.txt");

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "labellint-convert-records-"));
}

const read = (path: string): string => readFileSync(path, "utf8");

function balanced(result: ConvertResult): void {
  for (const c of [result.counts, ...result.inputs.map((i) => i.counts)]) expect(c.linesIn).toBe(c.rowsOut + c.rowsRejected + c.linesDropped);
}

/** Clean C = 3 rows whose paths hold what csv must quote: a comma, quotes, a space, non-ASCII. */
const PADDLE = ["images/a.jpg\t1,0,0", "my photos/b, the second.jpg\t0,1,0", 'say "cheese"/c.jpg\t0,0,1', "déjà vu/ü.jpg\t1,1,0", "images/e.jpg\t0,0,0"].join("\n") + "\n";
const NAMES = ["sky", "sea, calm", "moon"];

describe("convert: NUS-WIDE columns → PaddleClas list (the image list and one Labels_<concept> file per class)", () => {
  it("writes the list check accepts, byte for byte as expected: / for \\, LF, classes in Concepts order", async () => {
    const dir = tempDir();
    const out = join(dir, "train_list.txt");
    const classNames = await readClassNames(join(NUS, "Concepts.txt"));
    const result = await convert(join(NUS, "ImageList", "TrainImagelist.txt"), { to: "paddleclas", out, columns: TEMPLATE, classNames });
    expect(result.refused).toBeUndefined();
    expect(result.inputs[0]).toMatchObject({ format: "columns", records: true });
    expect(result.counts).toEqual({ linesIn: 8, rowsOut: 8, rowsRejected: 0, linesDropped: 0, linesEdited: 8 });
    expect(result.normalised).toEqual({ "backslash-path": 8 });
    expect(readFileSync(out)).toEqual(readFileSync(join(NUS, "expected_train_list.txt")));
    const check = await lintFile(out, { classNames });
    expect(check).toMatchObject({ format: "paddleclas", errorCount: 0, shape: { rows: 8, columns: 5, ok: true } });
    expect(result.after?.errorCount).toBe(0);
  });

  it("does the same from the command line, relative to the working directory, and check exits 0 on the result", async () => {
    const dir = tempDir();
    const out = join(dir, "train_list.txt");
    const r = await runCli(["convert", "ImageList/TrainImagelist.txt", "--columns", "Groundtruth/TrainTestLabels/Labels_{class}_Train.txt", "--class-names", "Concepts.txt", "--to", "paddleclas", "--out", out], { cwd: NUS });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("convert ImageList/TrainImagelist.txt (columns) →");
    expect(r.stdout).toContain("ImageList/TrainImagelist.txt: 8 records in = 8 rows out + 0 rejected + 0 dropped\n");
    expect(r.stdout).toContain("normalised 8 rows: 8 backslash-path (\\ → / in paths)");
    expect(read(out)).toBe(read(join(NUS, "expected_train_list.txt")));
    expect((await runCli(["check", out, "--class-names", "Concepts.txt"], { cwd: NUS })).code).toBe(0);
  });

  it("refuses a bad value in a per-class file, and with --force rejects that row at its image-list line", async () => {
    const dir = tempDir();
    const classNames = ["a", "b"];
    writeFileSync(join(dir, "list.txt"), "x\\1.jpg\ny\\2.jpg\nz\\3.jpg\n");
    writeFileSync(join(dir, "Labels_a.txt"), "1\n0\n1\n");
    writeFileSync(join(dir, "Labels_b.txt"), "0\n2\n1\n");
    const options = { to: "paddleclas" as const, out: join(dir, "out.txt"), columns: join(dir, "Labels_{class}.txt"), classNames };
    const refused = await convert(join(dir, "list.txt"), options);
    expect(refused.refused?.reason).toBe("errors");
    expect(refused.inputs[0]!.errors).toEqual({ "non-binary-value": 1 });
    expect(readdirSync(dir).sort()).toEqual(["Labels_a.txt", "Labels_b.txt", "list.txt"]);

    const forced = await convert(join(dir, "list.txt"), { ...options, force: true });
    expect(read(join(dir, "out.txt"))).toBe("x/1.jpg\t1,0\nz/3.jpg\t1,1\n");
    const rows = read(join(dir, "out.txt.rejects.tsv")).split("\n");
    // The row as read, in paddleclas form.
    expect(rows[1]!.split("\t")).toEqual(["2", "non-binary-value", expect.stringMatching(/'2'/), "y\\2.jpg", "0,2"]);
    balanced(forced);
  });
});

describe("convert: csv and indices inputs", () => {
  it("reads a csv header as the class names and writes them back", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "l.csv"), 'path,sky,"sea, calm",moon\r\na.jpg,1,0,0\r\n"b,c.jpg",0,1.0,1\r\n');
    const result = await convert(join(dir, "l.csv"), { to: "csv", out: join(dir, "o.csv"), split: "eval" });
    expect(result.inputs[0]).toMatchObject({ format: "csv", records: true });
    expect(result.classNames).toEqual(NAMES);
    expect(read(join(dir, "o.csv"))).toBe('path,sky,"sea, calm",moon\na.jpg,1,0,0\n"b,c.jpg",0,1,1\n');
    expect(result.counts).toMatchObject({ linesIn: 2, rowsOut: 2, linesEdited: 1 });
  });

  it("puts a record the reader cannot read, escaped and in line order, among the rejects with --force", async () => {
    const dir = tempDir();
    // Line 3-4: a quoted path holding a line break, which no line format can hold.
    writeFileSync(join(dir, "l.csv"), 'a.jpg,1,0\nb.jpg,0,5\n"two\nlines.jpg",1,1\nd.jpg,0,1\ne.jpg,1\n');
    const out = join(dir, "o.txt");
    const refused = await convert(join(dir, "l.csv"), { to: "paddleclas", out, numClasses: 2 });
    expect(refused.refused?.reason).toBe("errors");
    const result = await convert(join(dir, "l.csv"), { to: "paddleclas", out, numClasses: 2, force: true });
    expect(read(out)).toBe("a.jpg\t1,0\nd.jpg\t0,1\n");
    const rows = read(`${out}.rejects.tsv`).split("\n").slice(1, -1).map((r) => r.split("\t"));
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ["2", "non-binary-value"],
      ["3", "malformed-record"],
      ["6", "label-count"],
    ]);
    expect(rows[1]![3]).toBe('"two\\nlines.jpg",1,1');
    expect(rows[1]![2]).toContain("the record spans 2 lines");
    expect(result.counts).toMatchObject({ linesIn: 5, rowsOut: 2, rowsRejected: 3 });
    balanced(result);
  });

  it("escapes a record that spans lines so that a line break and a literal backslash-n read apart, and says so in its reasons", async () => {
    const dir = tempDir();
    // Line 1-2: a quoted path holding a CRLF; line 3: a one-line record whose path holds a backslash and an n.
    writeFileSync(join(dir, "l.csv"), '"a\r\nb.jpg",1,0\n"dir\\new.jpg",0,1\nc.jpg,0,1\n');
    const out = join(dir, "o.txt");
    await convert(join(dir, "l.csv"), { to: "paddleclas", out, numClasses: 2, force: true });
    const rows = read(`${out}.rejects.tsv`).split("\n").slice(1, -1).map((r) => r.split("\t"));
    expect(rows[0]![0]).toBe("1");
    expect(rows[0]![2]).toContain("the record spans 2 lines: its text is escaped onto this one (backslash-n is a line feed, backslash-r a carriage return, two backslashes one)");
    expect(rows[0]![3]).toBe('"a\\r\\nb.jpg",1,0');
    const restored = rows[0]![3]!.replace(/\\(\\|n|r)/g, (_, c: string) => (c === "n" ? "\n" : c === "r" ? "\r" : "\\"));
    expect(restored).toBe('"a\r\nb.jpg",1,0');
    // A record on one line is written as it is.
    expect(read(`${out}.rejects.tsv`)).not.toContain("dir\\\\new");
  });

  it("reads an index list back with --format indices and the class count", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "i.txt"), "a.jpg\t0,2\nb.jpg\t\nc.jpg\t1\n");
    await convert(join(dir, "i.txt"), { to: "paddleclas", out: join(dir, "p.txt"), format: "indices", numClasses: 3 });
    expect(read(join(dir, "p.txt"))).toBe("a.jpg\t1,0,1\nb.jpg\t0,0,0\nc.jpg\t0,1,0\n");
  });
});

describe("convert: round trips through csv and indices are lossless", () => {
  it("paddleclas → csv → paddleclas gives the same bytes (header, quoted paths, spaces, non-ASCII)", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "p.txt"), PADDLE);
    const there = await convert(join(dir, "p.txt"), { to: "csv", out: join(dir, "l.csv"), classNames: NAMES });
    expect(read(join(dir, "l.csv"))).toBe(
      ['path,sky,"sea, calm",moon', "images/a.jpg,1,0,0", '"my photos/b, the second.jpg",0,1,0', '"say ""cheese""/c.jpg",0,0,1', "déjà vu/ü.jpg,1,1,0", "images/e.jpg,0,0,0"].join("\n") + "\n",
    );
    expect(there.after).toMatchObject({ format: "csv", errorCount: 0, shape: { rows: 5, columns: 3, ok: true } });
    const back = await convert(join(dir, "l.csv"), { to: "paddleclas", out: join(dir, "p2.txt") });
    expect(back.classNames).toEqual(NAMES);
    expect(readFileSync(join(dir, "p2.txt"))).toEqual(readFileSync(join(dir, "p.txt")));
  });

  it("paddleclas → indices → paddleclas gives the same bytes", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "p.txt"), PADDLE);
    const there = await convert(join(dir, "p.txt"), { to: "indices", out: join(dir, "i.txt") });
    expect(read(join(dir, "i.txt"))).toBe(["images/a.jpg\t0", "my photos/b, the second.jpg\t1", 'say "cheese"/c.jpg\t2', "déjà vu/ü.jpg\t0,1", "images/e.jpg\t"].join("\n") + "\n");
    expect(there.after).toMatchObject({ format: "indices", errorCount: 0, shape: { rows: 5, columns: 3, ok: true } });
    await convert(join(dir, "i.txt"), { to: "paddleclas", out: join(dir, "p2.txt"), format: "indices", numClasses: 3 });
    expect(readFileSync(join(dir, "p2.txt"))).toEqual(readFileSync(join(dir, "p.txt")));
  });

  it("spaced → csv → indices → spaced gives the same bytes", async () => {
    const dir = tempDir();
    const spaced = "a.jpg 1 0 0\nb,c.jpg 0 1 1\nd.jpg 0 0 0\nü.jpg 1 1 1\n";
    writeFileSync(join(dir, "s.txt"), spaced);
    await convert(join(dir, "s.txt"), { to: "csv", out: join(dir, "l.csv"), split: "eval" });
    await convert(join(dir, "l.csv"), { to: "indices", out: join(dir, "i.txt"), numClasses: 3, split: "eval" });
    await convert(join(dir, "i.txt"), { to: "spaced", out: join(dir, "s2.txt"), format: "indices", numClasses: 3, split: "eval" });
    expect(read(join(dir, "s2.txt"))).toBe(spaced);
  });
});

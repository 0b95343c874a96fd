import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { formatSplitJson } from "../../src/reporters/split-text.js";
import { split, splitPlan } from "../../src/split/split.js";
import { fixture, HAS_SHARED, realFile, rejection, ROOT, sharedTitle } from "../shared.js";

const schema = JSON.parse(readFileSync(join(ROOT, "schemas", "split-report.schema.json"), "utf8")) as object;
const validate = new Ajv({ allErrors: true }).compile(schema);

function folder(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "labellint-split-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const lines = (path: string): string[] => readFileSync(path, "utf8").split("\n").filter((l) => l !== "");

describe("split", () => {
  it("writes every row of the bundled sample to exactly one split, in the input's format, and balances the equation", async () => {
    const input = fixture("nus-wide-scene", "train_list.txt");
    const out = folder();
    const result = await split(input, { ratios: [0.8, 0.2], outDir: out });
    expect(result.conserved).toBe(true);
    expect(result.counts).toMatchObject({ linesIn: 1200, rowsRejected: 0, linesDropped: 0, perSplit: [result.stratified.rows[0], result.stratified.rows[1]] });
    expect(result.counts.perSplit[0]! + result.counts.perSplit[1]!).toBe(1200);
    expect(result.format).toBe("paddleclas");
    expect(readdirSync(out).sort()).toEqual(["eval.txt", "rejects.tsv", "train.txt"]);
    const train = lines(join(out, "train.txt"));
    const evalRows = lines(join(out, "eval.txt"));
    // The same multiset of rows: each input row in exactly one split.
    expect([...train, ...evalRows].sort()).toEqual(lines(input).sort());
    expect(new Set(train).size + new Set(evalRows).size).toBe(new Set([...train, ...evalRows]).size);
    expect(readFileSync(join(out, "rejects.tsv"), "utf8")).toBe("line\trules\treasons\ttext\n");
    expect(validate(JSON.parse(formatSplitJson(result))), JSON.stringify(validate.errors)).toBe(true);
  });

  it("writes byte-identical files for the same seed, and different ones for another seed", async () => {
    const input = fixture("nus-wide-scene", "train_list.txt");
    const [a, b, c] = [folder(), folder(), folder()];
    await split(input, { ratios: [0.7, 0.3], outDir: a, seed: 3 });
    await split(input, { ratios: [0.7, 0.3], outDir: b, seed: 3 });
    await split(input, { ratios: [0.7, 0.3], outDir: c, seed: 4 });
    for (const name of ["train.txt", "eval.txt"]) expect(readFileSync(join(b, name))).toEqual(readFileSync(join(a, name)));
    expect(readFileSync(join(c, "train.txt"))).not.toEqual(readFileSync(join(a, "train.txt")));
  });

  it("sends rows with errors to rejects.tsv verbatim and counts dropped lines, so lines in = splits + rejected + dropped", async () => {
    const out = folder();
    const result = await split(fixture("defects", "train_list.txt"), { ratios: [0.5, 0.5], outDir: out, classNames: readNames(fixture("defects", "label_list.txt")) });
    const c = result.counts;
    expect(c).toMatchObject({ linesIn: 122, rowsRejected: 7, linesDropped: 1 });
    expect(c.perSplit[0]! + c.perSplit[1]!).toBe(114);
    expect(c.linesIn).toBe(c.perSplit[0]! + c.perSplit[1]! + c.rowsRejected + c.linesDropped);
    const rejects = lines(join(out, "rejects.tsv"));
    expect(rejects).toHaveLength(1 + 7);
    expect(rejects[1]).toMatch(/^\d+\t[a-z-]+/);
    expect(lines(join(out, "train.txt")).length + lines(join(out, "eval.txt")).length).toBe(114);
    expect(result.dropped).toEqual({ "blank line": 1 });
  });

  it("keeps split sizes near the ratios on a small list with many rare label pairs", async () => {
    const result = await split(fixture("defects", "train_list.txt"), { ratios: [0.8, 0.2], outDir: folder(), classNames: readNames(fixture("defects", "label_list.txt")) });
    const [train, evalRows] = result.counts.perSplit as [number, number];
    expect(Math.abs(evalRows - 0.2 * (train + evalRows))).toBeLessThanOrEqual(4);
    expect(result.stratified.classesMissingAvoidable).toBe(0);
    expect(result.stratified.pairsMissingAny).toBeLessThan(result.random.pairsMissingAny);
  });

  it("places a repeated image in the split of its first copy, so no image is in two splits", async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `img${i}.jpg\t${i % 2},${(i + 1) % 2}`);
    rows.push("img3.jpg\t1,0", "./img3.jpg\t1,0", "img10.jpg\t0,1");
    const dir = folder({ "l.txt": `${rows.join("\n")}\n` });
    const result = await split(join(dir, "l.txt"), { ratios: [0.5, 0.5], outDir: join(dir, "out"), seed: 1 });
    expect(result.duplicatesPlaced).toBe(3);
    const where = (name: string) => ["train.txt", "eval.txt"].filter((f) => lines(join(dir, "out", f)).some((l) => l.replace(/^\.\//, "").startsWith(`${name}\t`)));
    expect(where("img3.jpg")).toHaveLength(1);
    expect(where("img10.jpg")).toHaveLength(1);
    expect(result.counts.perSplit[0]! + result.counts.perSplit[1]!).toBe(43);
  });

  it("pools an existing train and eval list and splits them again, with the rejects file naming each row's file", async () => {
    const out = folder();
    const inputs = [fixture("nus-wide-scene", "train_list.txt"), fixture("nus-wide-scene", "eval_list.txt")];
    const result = await split(inputs, { ratios: [0.8, 0.2], outDir: out, names: ["train_list", "eval_list"] });
    const total = lines(inputs[0]!).length + lines(inputs[1]!).length;
    expect(result.counts.linesIn).toBe(total);
    expect(result.counts.perSplit[0]! + result.counts.perSplit[1]!).toBe(total);
    expect(readdirSync(out).sort()).toEqual(["eval_list.txt", "rejects.tsv", "train_list.txt"]);
    expect(readFileSync(join(out, "rejects.tsv"), "utf8")).toBe("file\tline\trules\treasons\ttext\n");
    expect(result.stratified.linfBetween!).toBeLessThanOrEqual(result.random.linfBetween!);
  });

  it("rejects a pooled row whose image an earlier input lists with other labels, as one file's check does, in input and line order", async () => {
    // Each input passes its own check; only pooled do they list img1.jpg twice with two answers.
    const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => `img${from + i}.jpg\t${(from + i) % 2},${(from + i + 1) % 2},1\n`).join("");
    const dir = folder({
      "train.txt": rows(0, 20),
      "eval.txt": `img1.jpg\t1,1,1\n${rows(20, 4)}img25.jpg\t0,2,1\nimg3.jpg\t1,0,1\nIMG/../img5.jpg\t1,1,0\n`,
    });
    const inputs = [join(dir, "train.txt"), join(dir, "eval.txt")];
    const result = await split(inputs, { ratios: [0.5, 0.5], outDir: join(dir, "o"), displayPaths: ["train.txt", "eval.txt"] });
    expect(result.counts).toMatchObject({ linesIn: 28, rowsOut: 25, rowsRejected: 3, perSplit: [expect.any(Number), expect.any(Number)] });
    expect(result.counts.perSplit[0]! + result.counts.perSplit[1]!).toBe(25);
    expect(result.inputs[1]!.counts).toMatchObject({ linesIn: 8, rowsOut: 5, rowsRejected: 3 });
    expect(result.rejected).toEqual([
      { reason: "non-binary-value", rows: 1, first: "eval.txt:6" },
      { reason: "conflicting-duplicate", rows: 2, first: "eval.txt:1" },
    ]);
    // The exact copy (img3.jpg) goes where its first copy went.
    expect(result.duplicatesPlaced).toBe(1);
    expect(readFileSync(join(dir, "o", "rejects.tsv"), "utf8")).toBe(
      "file\tline\trules\treasons\ttext\n" +
        "eval.txt\t1\tconflicting-duplicate\t'img1.jpg' is also on line 2 of train.txt with different labels: the model is trained on both answers\timg1.jpg\t1,1,1\n" +
        "eval.txt\t6\tnon-binary-value\tvalue '2' for class 1 is not 0 or 1\timg25.jpg\t0,2,1\n" +
        "eval.txt\t8\tconflicting-duplicate\t'IMG/../img5.jpg' is also on line 6 of train.txt as 'img5.jpg' (the same file, spelled differently) with different labels: the model is trained on both answers\tIMG/../img5.jpg\t1,1,0\n",
    );
    const written = [...lines(join(dir, "o", "train.txt")), ...lines(join(dir, "o", "eval.txt"))];
    expect(written.filter((l) => l.startsWith("img1.jpg\t"))).toEqual(["img1.jpg\t1,0,1"]);
    expect(written).toHaveLength(25);
    // A conflict the user let through stays with its first copy, as before.
    const kept = await split(inputs, { ratios: [0.5, 0.5], outDir: join(dir, "k"), rules: { "conflicting-duplicate": "warn" } });
    expect(kept.counts).toMatchObject({ rowsOut: 27, rowsRejected: 1 });
    expect(kept.duplicatesPlaced).toBe(3);
  });

  it("takes a -1 and a 0 for different labels when it compares pooled copies, as check does", async () => {
    const signed = (from: number, n: number) => Array.from({ length: n }, (_, i) => `s${from + i}.jpg\t${(from + i) % 2 === 0 ? "1,-1" : "-1,1"},1\n`).join("");
    const dir = folder({ "a.txt": signed(0, 12), "b.txt": `${signed(12, 6)}s2.jpg\t1,0,1\ns4.jpg\t1,-1,1\n` });
    const result = await split([join(dir, "a.txt"), join(dir, "b.txt")], { ratios: [0.5, 0.5], outDir: join(dir, "o"), unknownLabels: [0], displayPaths: ["a.txt", "b.txt"] });
    // s2.jpg has the same positives in both, but a 0 (unknown) where a.txt says -1 (absent); s4.jpg is an exact copy.
    expect(result.rejected).toEqual([{ reason: "conflicting-duplicate", rows: 1, first: "b.txt:7" }]);
    expect(result.duplicatesPlaced).toBe(1);
  });

  it("rejects a pooled csv or index-list copy as the input has it (a quoted csv record, an index line with its spaces)", async () => {
    const dir = folder({
      "tr.csv": 'path,a,b\n"q, 1.jpg",1,0\nb.jpg,0,1\nc.jpg,1,1\n',
      // Quoted: read by the csv reader, not in place.
      "ev.csv": 'path,a,b\nd.jpg,1,0\n"q, 1.jpg", 0 ,1\n',
      "i1.txt": "a.jpg 1 2\nb.jpg 0\n",
      "i2.txt": "c.jpg 1\na.jpg  0\n",
    });
    await split([join(dir, "tr.csv"), join(dir, "ev.csv")], { ratios: [0.5, 0.5], outDir: join(dir, "c"), displayPaths: ["tr.csv", "ev.csv"] });
    expect(readFileSync(join(dir, "c", "rejects.tsv"), "utf8").split("\n")[1]!.split("\t").slice(-1)[0]).toBe('"q, 1.jpg", 0 ,1');
    await split([join(dir, "i1.txt"), join(dir, "i2.txt")], { ratios: [0.5, 0.5], outDir: join(dir, "i"), format: "indices", numClasses: 3, displayPaths: ["i1.txt", "i2.txt"] });
    expect(readFileSync(join(dir, "i", "rejects.tsv"), "utf8").split("\n")[1]).toMatch(/^i2\.txt\t2\tconflicting-duplicate\t.*\ta\.jpg {2}0$/);
  });

  it("rejects a pooled annotation entry as its file wrote it, with its other keys", async () => {
    const entry = (i: number, label: string, extra = "") => `{"img_path": "p/${i}.jpg", "gt_label": ${label}${extra}}`;
    const head = '{"metainfo": {"classes": ["a", "b", "c"]}, "data_list": [\n';
    const dir = folder({
      "a.json": `${head}${Array.from({ length: 8 }, (_, i) => entry(i, `[${i % 3}]`)).join(",\n")}\n]}\n`,
      // p/3.jpg again with other labels, other keys and numbers JSON.parse would round.
      "b.json": `${head}${[entry(20, "[1]"), entry(3, "[2, 1]", ', "id": 12345678901234567891, "w": NaN'), entry(21, "[0]")].join(",\n")}\n]}\n`,
    });
    const result = await split([join(dir, "a.json"), join(dir, "b.json")], { ratios: [0.5, 0.5], outDir: join(dir, "o"), displayPaths: ["a.json", "b.json"] });
    expect(result.format).toBe("json");
    expect(result.rejected).toEqual([{ reason: "conflicting-duplicate", rows: 1, first: "b.json:3" }]);
    const rejected = readFileSync(join(dir, "o", "rejects.tsv"), "utf8").split("\n")[1]!;
    expect(rejected.startsWith("b.json\t3\tconflicting-duplicate\t")).toBe(true);
    expect(rejected.split("\t").slice(-1)[0]).toBe(entry(3, "[2, 1]", ', "id": 12345678901234567891, "w": NaN'));
  });

  it("writes canonical paddleclas for a record format, and says so", async () => {
    const out = folder();
    const result = await split(fixture("formats", "sample.csv"), { ratios: [0.5, 0.5], outDir: out });
    expect(result.format).toBe("paddleclas");
    expect(result.formatReason).toContain("csv is a record format");
    expect(lines(join(out, "train.txt"))[0]).toMatch(/^[^\t]+\t[01](,[01])*$/);
  });

  it("splits an index list into index lists, whatever C is (C = 670,091: the rows are their indices)", async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `img/${i}.jpg\t${i * 7},${i * 7 + 1},${670_000 + i}`);
    const dir = folder({ "labels.txt": `${rows.join("\n")}\n` });
    const result = await split(join(dir, "labels.txt"), { ratios: [0.8, 0.2], outDir: join(dir, "o"), numClasses: 670_091 });
    expect(result.format).toBe("indices");
    expect(result.formatReason).toBe("the input's format");
    expect(result.counts.perSplit).toEqual([40, 10]);
    const written = [...lines(join(dir, "o", "train.txt")), ...lines(join(dir, "o", "eval.txt"))].sort();
    expect(written).toEqual([...rows].sort());
  });

  it("splits an mmpretrain annotation file into annotation files: each entry as written, the metainfo and other members in each", async () => {
    const out = folder();
    const input = fixture("formats", "sample.json");
    const result = await split(input, { ratios: [0.5, 0.5], outDir: out });
    expect(result.format).toBe("json");
    expect(result.formatReason).toBe("the input's format");
    expect(readdirSync(out).sort()).toEqual(["eval.json", "rejects.tsv", "train.json"]);
    const source = JSON.parse(readFileSync(input, "utf8")) as { metainfo: unknown; data_list: unknown[] };
    const parts = ["train.json", "eval.json"].map((name) => JSON.parse(readFileSync(join(out, name), "utf8")) as { metainfo: unknown; data_list: unknown[] });
    parts.forEach((part, i) => {
      expect(part.metainfo).toEqual(source.metainfo);
      expect(part.data_list.length).toBe(result.counts.perSplit[i]);
    });
    // Every entry is one of the input's, whole (its `\\` paths written with `/`, as convert writes them);
    // together they are the input's entries the check kept.
    const key = (e: unknown) => JSON.stringify(e).replace(/\\\\/g, "/");
    const entries = parts.flatMap((p) => p.data_list.map(key)).sort();
    expect(entries.every((e) => source.data_list.map(key).includes(e))).toBe(true);
    expect(entries.length + result.counts.rowsRejected + result.counts.linesDropped).toBe(source.data_list.length);
  });

  it("keeps an entry's other keys in its split (NaN, ids past 2^53), and mixes with index lists as index lists", async () => {
    const entries = Array.from({ length: 12 }, (_, i) => `{"img_path": "p/${i}.jpg", "gt_label": [${i % 3}${i % 4 === 0 && i % 3 < 2 ? ", 2" : ""}], "id": 1234567890123456789${i % 10}, "w": NaN}`);
    const dir = folder({ "ann.json": `{"metainfo": {"classes": ["a", "b", "c"]}, "data_list": [\n${entries.join(",\n")}\n]}\n`, "more.txt": "q.jpg\t0,2\n" });
    const result = await split(join(dir, "ann.json"), { ratios: [0.75, 0.25], outDir: join(dir, "o") });
    const written = ["train.json", "eval.json"].flatMap((name) => readFileSync(join(dir, "o", name), "utf8").split("\n").slice(1, -2).map((l) => l.replace(/,$/, "")));
    expect(written.sort()).toEqual([...entries].sort());
    expect(result.counts.perSplit).toEqual([9, 3]);
    const mixed = await split([join(dir, "ann.json"), join(dir, "more.txt")], { ratios: [0.5, 0.5], outDir: join(dir, "m"), format: "auto" });
    expect(mixed.format).toBe("indices");
    expect(readdirSync(join(dir, "m")).sort()).toEqual(["classes.txt", "eval.txt", "rejects.tsv", "train.txt"]);
  });

  it("keeps a spaced list spaced, with its own extension, and splits into three named parts", async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `p/${i}.jpg ${i % 3 === 0 ? 1 : 0} ${i % 2} 1`);
    const dir = folder({ "list.lst": `${rows.join("\n")}\n` });
    const result = await split(join(dir, "list.lst"), { ratios: [0.6, 0.2, 0.2], outDir: join(dir, "o") });
    expect(result.names).toEqual(["split0", "split1", "split2"]);
    expect(readdirSync(join(dir, "o")).sort()).toEqual(["rejects.tsv", "split0.lst", "split1.lst", "split2.lst"]);
    expect(lines(join(dir, "o", "split0.lst"))[0]).toMatch(/^p\/\d+\.jpg [01] [01] 1$/);
    expect(result.counts.perSplit).toEqual([18, 6, 6]);
  });

  it("refuses to overwrite existing outputs without force, and leaves them as they were", async () => {
    const out = folder({ "train.txt": "keep me\n" });
    const error = await rejection(split(fixture("nus-wide-scene", "eval_list.txt"), { ratios: [0.8, 0.2], outDir: out }));
    expect(error.message).toMatch(/train\.txt' exists; pass --force/);
    expect(readFileSync(join(out, "train.txt"), "utf8")).toBe("keep me\n");
    expect(readdirSync(out)).toEqual(["train.txt"]);
    await split(fixture("nus-wide-scene", "eval_list.txt"), { ratios: [0.8, 0.2], outDir: out, force: true });
    expect(readFileSync(join(out, "train.txt"), "utf8")).not.toBe("keep me\n");
    // No work files are left behind.
    expect(readdirSync(out).sort()).toEqual(["eval.txt", "rejects.tsv", "train.txt"]);
  });

  it("handles an empty input: nothing to split, empty files, the equation still holds", async () => {
    const dir = folder({ "empty.txt": "" });
    const result = await split(join(dir, "empty.txt"), { ratios: [0.8, 0.2], outDir: join(dir, "o"), numClasses: 3 });
    expect(result.counts).toMatchObject({ linesIn: 0, perSplit: [0, 0] });
    expect(readFileSync(join(dir, "o", "train.txt"), "utf8")).toBe("");
    expect(result.stratified.linf).toEqual([null, null]);
  });

  it("reads CRLF lines, a BOM and no final newline, and writes plain LF rows", async () => {
    const dir = folder({ "l.txt": "\uFEFFa.jpg\t1,0\r\nb.jpg\t0,1\r\nc.jpg\t1,1\r\nd.jpg\t0,1" });
    const result = await split(join(dir, "l.txt"), { ratios: [0.5, 0.5], outDir: join(dir, "o") });
    expect(result.counts.perSplit).toEqual([2, 2]);
    const all = [...lines(join(dir, "o", "train.txt")), ...lines(join(dir, "o", "eval.txt"))].sort();
    expect(all).toEqual(["a.jpg\t1,0", "b.jpg\t0,1", "c.jpg\t1,1", "d.jpg\t0,1"]);
    expect(readFileSync(join(dir, "o", "train.txt"), "utf8")).not.toContain("\r");
  });

  it("rejects ratios that do not sum to 1, bad names and a bad seed before reading anything", async () => {
    expect(() => splitPlan([0.8, 0.3])).toThrow(/must sum to 1/);
    expect(() => splitPlan([1])).toThrow(/at least two ratios/);
    expect(() => splitPlan([0.5, 0.5], ["a", "a"])).toThrow(/must differ/);
    expect(() => splitPlan([0.5, 0.5], ["../x", "b"])).toThrow(/not a plain file name/);
    expect(() => splitPlan([0.5, 0.5], ["rejects", "b"])).toThrow(/rejects file/);
    expect(splitPlan([0.7, 0.2, 0.1]).names).toEqual(["split0", "split1", "split2"]);
    expect(splitPlan([0.1 + 0.2, 0.7]).ratios).toHaveLength(2);
    const error = await rejection(split(fixture("nus-wide-scene", "eval_list.txt"), { ratios: [0.8, 0.2], outDir: folder(), seed: -1 }));
    expect(error.code).toBe("LL_USAGE");
  });
});

describe.skipIf(!HAS_SHARED)(sharedTitle("split on the real NUS-WIDE 81 list (HashNet test split, 5,000 rows)"), () => {
  it("keeps every class with at least two positives in both splits and beats the random split on L∞ and on label pairs", async () => {
    const out = folder();
    const result = await split(realFile("hashnet_nuswide81_test.txt"), { ratios: [0.8, 0.2], outDir: out });
    expect(result.format).toBe("spaced");
    expect(result.counts).toMatchObject({ linesIn: 5000, rowsRejected: 0, linesDropped: 0 });
    for (const c of result.classes) {
      if (c.positives >= 2) expect(c.stratified.every((h) => h > 0), `class ${c.index} (${c.positives} positives): ${c.stratified.join("/")}`).toBe(true);
    }
    const s = result.stratified;
    const r = result.random;
    expect(s.classesMissingAvoidable).toBe(0);
    expect(s.linf[0]!).toBeLessThan(r.linf[0]!);
    expect(s.linf[1]!).toBeLessThan(r.linf[1]!);
    expect(s.linfBetween!).toBeLessThan(r.linfBetween!);
    expect(s.pairsMissingAny).toBeLessThan(r.pairsMissingAny);
    expect(s.pairsMissing[1]!).toBeLessThan(r.pairsMissing[1]!);
    expect(validate(JSON.parse(formatSplitJson(result))), JSON.stringify(validate.errors)).toBe(true);
  });

  it("holds for other seeds too", async () => {
    for (const seed of [1, 2]) {
      const result = await split(realFile("hashnet_nuswide81_test.txt"), { ratios: [0.8, 0.2], outDir: folder(), seed });
      expect(result.stratified.classesMissingAvoidable).toBe(0);
      expect(result.stratified.linfBetween!).toBeLessThan(result.random.linfBetween!);
      expect(result.stratified.pairsMissingAny).toBeLessThan(result.random.pairsMissingAny);
    }
  });
});

function readNames(path: string): string[] {
  return readFileSync(path, "utf8").trim().split("\n").map((l) => l.split(" ").slice(1).join(" "));
}


describe("split with no row to place", () => {
  it("writes nothing when every row has an error (empty splits would replace good ones with --force)", async () => {
    const dir = folder({ "all2.txt": "a.jpg\t0,2,0\nb.jpg\t2,0,0\n" });
    const out = join(dir, "out");
    await expect(split(join(dir, "all2.txt"), { ratios: [0.5, 0.5], outDir: out, force: true })).rejects.toMatchObject({
      code: "LL_NO_ROWS",
      message: "every row would go to the rejects file (2 rows: 2 non-binary-value), so no split was written; labellint check lists them, labellint fix repairs what it can",
    });
    expect(readdirSync(dir)).toEqual(["all2.txt"]);
  });

  it("keeps a folder that was there, and the files in it, when it writes nothing", async () => {
    const dir = folder({ "all2.txt": "a.jpg\t0,2,0\nb.jpg\t2,0,0\n" });
    const out = join(dir, "out");
    mkdirSync(out);
    writeFileSync(join(out, "notes.md"), "kept\n");
    await expect(split(join(dir, "all2.txt"), { ratios: [0.5, 0.5], outDir: out })).rejects.toMatchObject({ code: "LL_NO_ROWS" });
    expect(readdirSync(out)).toEqual(["notes.md"]);
    // A folder made several levels deep is removed to where it began.
    await expect(split(join(dir, "all2.txt"), { ratios: [0.5, 0.5], outDir: join(dir, "a", "b", "c") })).rejects.toMatchObject({ code: "LL_NO_ROWS" });
    expect(readdirSync(dir).sort()).toEqual(["all2.txt", "out"]);
  });
});

describe("split of a gzip-compressed list", () => {
  it("reads the text's format (a spaced list stays spaced) and names the splits for the text, not .gz", async () => {
    const { gzipSync } = await import("node:zlib");
    const dir = folder();
    writeFileSync(join(dir, "sp.txt.gz"), gzipSync("a.jpg 0 1\nb.jpg 1 0\nc.jpg 1 1\nd.jpg 0 1\n"));
    const result = await split(join(dir, "sp.txt.gz"), { ratios: [0.5, 0.5], outDir: join(dir, "o") });
    expect(result.format).toBe("spaced");
    expect(readdirSync(join(dir, "o")).sort()).toEqual(["eval.txt", "rejects.tsv", "train.txt"]);
    expect([...lines(join(dir, "o", "train.txt")), ...lines(join(dir, "o", "eval.txt"))].sort()).toEqual(["a.jpg 0 1", "b.jpg 1 0", "c.jpg 1 1", "d.jpg 0 1"]);
  });
});

/**
 * A row the check rejects goes to the rejects file as the input has it, in
 * every format whose rows are one line each: a csv record as written (quotes,
 * spaces, commas), an index line with its own separators — not the canonical
 * `path<TAB>v1,…` line it was checked as. The text column of each rejects row
 * is then the input's own line, and the plan records the same text.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { convert } from "../../src/convert/convert.js";
import { fix } from "../../src/fixer/fix.js";
import { runCli } from "../cli-harness.js";
import { scratchDir } from "../shards/lists.js";

const { dir: tmp, write } = scratchDir("labellint-record-rejects-");

/** The input's physical lines (a byte-order mark is not part of line 1). */
const physicalLines = (text: string): string[] => text.replace(/^\uFEFF/, "").split(/\r\n|\n/);

/** The rejects file's rows as [line, rules, text] (the text is the last column, TABs and all). */
function rejectsOf(path: string): [number, string, string][] {
  const [header, ...rows] = readFileSync(path, "utf8").split("\n").filter((l) => l !== "");
  expect(header).toBe("line\trules\treasons\ttext");
  return rows.map((row) => {
    const [line, rules, _reasons, ...text] = row.split("\t");
    return [Number(line), rules!, text.join("\t")];
  });
}

const CSV = [
  "\uFEFFpath,a,b,c",
  '"x, 1.jpg","1","0","1"',
  "y.jpg, 1 ,0,0",
  "",
  '"x, 1.jpg",0,0,1', // the same image with other labels: conflicting-duplicate
  "z.jpg,1,2,0", // non-binary-value
  '"/abs/w.jpg",1,0,0', // unsafe-path
  "v.jpg,1,0,1",
].join("\r\n");

const INDICES = [
  "a.jpg 1 2",
  "b.jpg\t3, 4",
  "c.jpg\t0,2",
  "a.jpg  4",  // conflicting-duplicate of line 1
  "/etc/d.jpg 1", // unsafe-path
  "c.jpg\t1", // conflicting-duplicate of a plain line (read as its own canonical line)
  "e.jpg\t",
  "",
].join("\n");

describe("rows the check rejects, in the rejects file as written", () => {
  it("fix: a csv record and an index line as the input has them, in the rejects file and the plan", async () => {
    for (const [name, text, options] of [
      ["in.csv", CSV, {}],
      ["in.txt", INDICES, { format: "indices" as const, numClasses: 5 }],
    ] as const) {
      const input = write(name, text);
      const out = join(tmp, `${name}.fixed.txt`);
      const result = await fix(input, { ...options, out, plan: `${out}.plan.json`, force: true });
      const lines = physicalLines(text);
      const rows = rejectsOf(`${out}.rejects.tsv`);
      expect(rows.length, name).toBeGreaterThanOrEqual(3);
      expect(rows.length, name).toBe(result.counts.rowsRejected);
      for (const [line, rules, shown] of rows) expect(shown, `${name}:${line} (${rules})`).toBe(lines[line - 1]);
      expect(result.plan.rejects.map((r) => r.text)).toEqual(rows.map(([line]) => lines[line - 1]));
      const { linesIn, rowsOut, rowsRejected, linesDropped } = result.counts;
      expect(linesIn, name).toBe(rowsOut + rowsRejected + linesDropped);
    }
  });

  it("fix and convert: a json entry the check rejects goes to the rejects file as its entry, every key of it (not as path<TAB>indices)", async () => {
    // Two entries on one line, one on its own; the second copy of x.jpg has other labels (conflicting-duplicate).
    const text = [
      '{"metainfo": {"classes": ["a", "b", "c"], "source": "kept"}, "data_list": [',
      '  {"img_path": "x.jpg", "gt_label": [0, 2], "note": "first"}, {"img_path": "y.jpg", "gt_label": 1},',
      '  {"gt_label": [1], "img_path": "x.jpg", "note": "second", "bbox": [1, 2.5, "\\u00e9\\t"]},',
      '  {"img_path": "z.jpg", "gt_label": [2]}',
      "]}",
      "",
    ].join("\n");
    const input = write("ann.json", text);
    const out = join(tmp, "ann.fixed.txt");
    const result = await fix(input, { out, plan: `${out}.plan.json`, force: true, to: "paddleclas" });
    // As written: its spacing, the escapes of its strings.
    const entry = text.split("\n")[2]!.trim().replace(/,$/, "");
    expect(rejectsOf(`${out}.rejects.tsv`)).toEqual([[3, "conflicting-duplicate", entry]]);
    expect(result.plan.rejects.map((r) => r.text)).toEqual([entry]);
    expect(readFileSync(out, "utf8")).toBe("x.jpg\t1,0,1\ny.jpg\t0,1,0\nz.jpg\t0,0,1\n");
    // An entry the reader rejects, written over lines (json.dump(indent=4)): on one line, its numbers as spelled
    // (an id past 2^53, which JSON.parse would round, 1.50 not 1.5).
    const pretty = write("pretty.json", '{\n    "metainfo": {"classes": ["a", "b"]},\n    "data_list": [\n        {"img_path": "v.jpg", "gt_label": [0]},\n        {\n            "img_path": "w.jpg",\n            "gt_label": [\n                7\n            ],\n            "id": 12345678901234567891, "w": 1.50\n        }\n    ]\n}\n');
    await fix(pretty, { out: join(tmp, "pretty.fixed.txt"), force: true, to: "paddleclas" });
    expect(rejectsOf(join(tmp, "pretty.fixed.txt.rejects.tsv"))).toEqual([[5, "invalid-index", '{"img_path": "w.jpg", "gt_label": [7], "id": 12345678901234567891, "w": 1.50}']]);
    const converted = join(tmp, "ann.converted.txt");
    await convert([input], { to: "indices", out: converted, force: true });
    expect(rejectsOf(`${converted}.rejects.tsv`)).toEqual([[3, "conflicting-duplicate", entry]]);
  });

  it("convert --force: the same, with several inputs naming their file first", async () => {
    const csv = write("a.csv", CSV);
    const other = write("b.csv", "path,a,b,c\nq.jpg,1,0,1\nr.jpg,1,1,3\n");
    const out = join(tmp, "converted.txt");
    const result = await convert([csv, other], { to: "paddleclas", out, force: true });
    const rows = readFileSync(`${out}.rejects.tsv`, "utf8").split("\n").filter((l) => l !== "").slice(1);
    expect(rows.length).toBe(result.counts.rowsRejected);
    const byFile = new Map([
      [csv, physicalLines(CSV)],
      [other, physicalLines(readFileSync(other, "utf8"))],
    ]);
    for (const row of rows) {
      const [file, line, _rules, _reasons, ...text] = row.split("\t");
      expect(text.join("\t"), `${file}:${line}`).toBe(byFile.get(file!)![Number(line) - 1]);
    }
    expect(rows.some((r) => r.startsWith(`${other}\t3\t`) && r.endsWith("\tr.jpg,1,1,3"))).toBe(true);
  });

  it("a line with no value and one with an empty value are told apart (`b.jpg`, `c.jpg,`), read in place or by the csv reader", async () => {
    for (const quoted of [false, true]) {
      // One quoted record sends the file through the csv reader; without it, it is read in place.
      const text = `path,a,b\n${quoted ? '"a.jpg"' : "a.jpg"},1,0\nb.jpg\nc.jpg,\nd.jpg,0,1\n`;
      const input = write(`empty-${quoted}.csv`, text);
      const out = join(tmp, `empty-${quoted}.txt`);
      await fix(input, { out, force: true });
      const lines = physicalLines(text);
      const rows = rejectsOf(`${out}.rejects.tsv`);
      expect(rows.map(([line]) => line), `quoted: ${quoted}`).toEqual([3, 4]);
      for (const [line, , shown] of rows) expect(shown, `quoted: ${quoted}, line ${line}`).toBe(lines[line - 1]);
    }
  });

  it("an index list read in place: its own lines, a byte-order mark not part of line 1", async () => {
    const text = "\uFEFF/abs/a.jpg\t1,2\nb.jpg\t0\r\nb.jpg\t2\n";
    const input = write("bom.txt", text);
    const out = join(tmp, "bom-fixed.txt");
    await fix(input, { format: "indices", numClasses: 3, out, force: true });
    expect(rejectsOf(`${out}.rejects.tsv`)).toEqual([
      [1, "unsafe-path", "/abs/a.jpg\t1,2"],
      [3, "conflicting-duplicate", "b.jpg\t2"],
    ]);
  });

  it("labellint fix from the command line", async () => {
    const input = write("cli.csv", "path,a,b\n\"p,1.jpg\",1,0\n\"p,1.jpg\",0,1\nq.jpg,0,1\n");
    const out = join(tmp, "cli.txt");
    const { code } = await runCli(["fix", input, "--out", out]);
    expect(code).toBe(0);
    expect(rejectsOf(`${out}.rejects.tsv`)).toEqual([[3, "conflicting-duplicate", '"p,1.jpg",0,1']]);
  });
});

import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { lintText } from "../../src/engine/lint.js";
import { annotationLayout, entryRecord, jsonPath } from "../../src/readers/json.js";
import { jsonDepthExceeded } from "../../src/io/limits.js";
import { seededRandom } from "../shared.js";

const OFF = { "rare-class": "off", "class-without-positives": "off", "class-always-positive": "off", "full-labelset": "off" } as const;
const check = (text: string | Buffer, options = {}) => lintText(text, { format: "json", rules: OFF, ...options }, "train.json");

describe("the json reader", () => {
  it("finds the line each data_list entry starts on, skipping strings, nested lists and other keys", () => {
    const text = '{"other": [{"a": 1}],\n"data_list": [\n {"img_path": "a[1],{x}.jpg",\n "gt_label": [1, 2]}, {"img_path": "b\\"].jpg"},\n\n 7 ], "z": [0]}';
    const layout = annotationLayout(text);
    expect(layout).toEqual({ deep: -1, duplicateKeys: [], lines: [3, 4, 6], columns: [2, 23, 2], entrySpans: layout.entrySpans, floatLabels: new Map(), nonFinite: [] });
    // The entries that are objects, as written; the 7 is none.
    expect([...layout.entrySpans.keys()]).toEqual([0, 1]);
    expect(entryRecord(text, layout.entrySpans.get(0))).toBe('{"img_path": "a[1],{x}.jpg", "gt_label": [1, 2]}');
    expect(entryRecord(text, layout.entrySpans.get(1))).toBe('{"img_path": "b\\"].jpg"}');
    expect(entryRecord(text, layout.entrySpans.get(2))).toBeUndefined();
  });

  it("points the findings of a one-line annotation (as json.dump writes it) at the entry they are about", async () => {
    const entries = ['{"img_path": "a.jpg", "gt_label": [0]}', '{"img_path": "b.jpg", "gt_label": [1, 5]}', '{"img_path": "a.jpg", "gt_label": [0]}', '{"img_path": " c.jpg", "gt_label": [1]}', '{"img_path": "d.jpg", "gt_label": []}'];
    const text = `{"metainfo": {"classes": ["x", "y"]}, "data_list": [${entries.join(", ")}]}`;
    const r = await check(text, { rules: { ...OFF, "empty-labelset": "warn" } });
    const startOf = (i: number) => text.indexOf(entries[i]!, i === 2 ? text.indexOf(entries[0]!) + 1 : 0) + 1;
    // A reader finding (an index out of range, a path starting with a space) and the engine's own findings
    // on the entries' canonical rows (a duplicate, an empty label set) alike.
    expect(r.problems.map((p) => [p.rule, p.line, p.column, p.row])).toEqual([
      ["invalid-index", 1, startOf(1), 1],
      ["duplicate-path", 1, startOf(2), 2],
      ["malformed-record", 1, startOf(3), 3],
      ["empty-labelset", 1, startOf(4), 4],
    ]);
  });

  it("follows the last data_list when the key is repeated, as JSON.parse does", () => {
    expect(annotationLayout('{"data_list": [1], "data_list": [2,\n 3]}').lines).toEqual([1, 2]);
  });

  it("finds each key written again in the same object, decoded, where it is, with its object's path", () => {
    const text = '{"metainfo": {"classes": ["a"], "x": {"classes": 1}, "classes": ["b"]},\n "data_list": [1, 2],\n'
      + ' "data_list": [{"img_path": "a.jpg", "gt_label": [0], "o": [{"k": 1}, {"k": 2, "k": 3}]}, {"gt\\u005flabel": [1], "gt_label": [0], "img_path": "b", "gt_label": [1]}]}';
    const layout = annotationLayout(text);
    expect(layout.duplicateKeys.map((d) => [d.path, d.key, text.slice(d.first, d.first + 10), d.dropped])).toEqual([
      ["metainfo", "classes", '"classes":', undefined],
      ["", "data_list", '"data_list', 2],
      ["data_list[0].o[1]", "k", '"k": 2, "k', undefined],
      ["data_list[1]", "gt_label", '"gt\\u005fl', undefined],
      ["data_list[1]", "gt_label", '"gt\\u005fl', undefined],
    ]);
    expect(layout.duplicateKeys.map((d) => text.slice(d.at, d.at + 4))).toEqual(['"cla', '"dat', '"k":', '"gt_', '"gt_']);
    // Past the one-by-one lookup: an object of 100 keys, one written again near its end; no key is shared across objects.
    const many = Array.from({ length: 100 }, (_, k) => `"k${k}": ${k}`);
    many.push('"k\\u0037": 0');
    const wide = `{"a": {${many.join(", ")}}, "b": {${many.slice(0, 50).join(", ")}}, "data_list": []}`;
    expect(JSON.parse(wide)).toBeTruthy();
    expect(annotationLayout(wide).duplicateKeys.map((d) => [d.path, d.key])).toEqual([["a", "k7"]]);
  });

  it("finds what Python's json drops of repeated keys on random objects, no more", (context) => {
    const random = seededRandom(11);
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const names = ["a", "b", "gt_label", "img_path", "data_list", "\\u0061", "\\\\", "\\\""];
    const value = (depth: number): string => {
      const r = random();
      if (depth > 3 || r < 0.3) return pick(["1", "\"s\"", "[]", "null", "2.5"]);
      if (r < 0.6) return `[${Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1)).join(", ")}]`;
      return `{${Array.from({ length: Math.floor(random() * 5) }, () => `"${pick(names)}": ${value(depth + 1)}`).join(", ")}}`;
    };
    const texts = Array.from({ length: 300 }, () => value(0));
    const ours = texts.map((t) => annotationLayout(t).duplicateKeys.length);
    // Python's json with object_pairs_hook sees every pair before the dict keeps the last.
    const script = "import json,sys\nfor t in json.load(sys.stdin):\n  n=[0]\n  def hook(pairs):\n    n[0]+=len(pairs)-len(dict(pairs))\n    return dict(pairs)\n  json.loads(t, object_pairs_hook=hook)\n  print(n[0])\n";
    const python = spawnSync("python3", ["-c", script], { input: JSON.stringify(texts), encoding: "utf8" });
    if (python.error !== undefined) context.skip(`python3 is not available here (${python.error.message})`);
    expect(python.stderr).toBe("");
    expect(ours).toEqual(python.stdout.trim().split("\n").map(Number));
    expect(ours.some((n) => n > 0)).toBe(true);
  });

  it("reports a key written again: a warning, on the line of the copy that is read; a data_list written again drops entries, an error", async () => {
    const text = '{"metainfo": {"classes": ["a", "b"]},\n "data_list": [{"img_path": "a.jpg", "gt_label": [0]}, {"img_path": "b.jpg", "gt_label": [1]}],\n'
      + ' "data_list": [{"img_path": "c.jpg", "gt_label": [0],\n "gt_label": [1]}, {"img_path": "d.jpg", "gt_label": [0]}]}';
    for (const consumer of ["mmpretrain", "generic"]) {
      const r = await check(text, { consumer });
      expect(r.problems.map((p) => [p.rule, p.severity, p.line, p.column])).toEqual([
        ["invalid-annotation", "error", 3, 2],
        ["invalid-annotation", "warn", 4, 2],
      ]);
      expect(r.problems[0]!.message).toMatch(/^data_list is written again \(first at 2:2, with 2 entries\): .*keeps? the last data_list/);
      expect(r.problems[1]!.message).toMatch(/^data_list\[0\]\.gt_label is written again in the same object \(first at 3:38\): .*keeps? the last value/);
      expect(r.rows).toBe(2);
    }
  });

  it("finds a bare float gt_label by its text (JSON.parse makes 2.0 the integer 2), the last of repeated keys, not a float inside a list or elsewhere", () => {
    const text = '{"data_list": [{"img_path": "a.jpg", "gt_label": 2.0}, {"gt_label": 1e0, "gt_label": 1},\n {"gt_label": 1, "gt_label": -0.0},'
      + ' {"gt_label": [2.0], "x": 3.5}, {"gt\\u005flabel": 2E1}, {"o": {"gt_label": 1.5}}], "metainfo": {"a": {"gt_label": 1.0}}}';
    expect(JSON.parse(text)).toBeTruthy();
    expect([...annotationLayout(text).floatLabels]).toEqual([[0, "2.0"], [2, "-0.0"], [4, "2E1"]]);
  });

  it("finds NaN, Infinity and -Infinity outside strings, not inside them", () => {
    const text = '{"a": NaN, "b": [-Infinity, Infinity], "c": "NaN Infinity"}';
    expect(annotationLayout(text).nonFinite).toEqual([6, 17, 28]);
  });

  it("reads NaN, Infinity and -Infinity where the consumer never looks, as Python's json does", async () => {
    const r = await check('{"metainfo": {"x": NaN}, "data_list": [{"img_path": "a.jpg", "gt_label": [0], "w": -Infinity}, {"img_path": "b.jpg", "gt_label": [1], "w": Infinity}]}');
    expect(r.problems).toEqual([]);
    expect(r.rows).toBe(2);
  });

  it("tells an index NaN or Infinity from a truncated one, and keeps a syntax error's place after a NaN", async () => {
    const nan = await check('{"metainfo": {}, "data_list": [{"img_path": "a.jpg", "gt_label": [0, NaN]}, {"img_path": "b.jpg", "gt_label": [1]}]}', { numClasses: 2 });
    expect(nan.problems.map((p) => p.rule)).toEqual(["invalid-index"]);
    expect(nan.problems[0]!.message).toContain("'NaN' is not a class index");
    expect(nan.problems[0]!.message).toContain("an arbitrary integer");
    const broken = await check('{"metainfo": {"x": NaN},\n "data_list": [\n  {"img_path": "a.jpg", "gt_label": [0]},\n ]}');
    expect(broken.problems.map((p) => [p.rule, p.line, p.column])).toEqual([["invalid-annotation", 4, 2]]);
    expect(broken.problems[0]!.message).toMatch(/^not valid JSON: Unexpected token '\]':/);
  });

  it("refuses a bare float gt_label: format_label takes an int or a list, and Python's json makes 2.0 a float", async () => {
    const r = await check('{"metainfo": {},\n "data_list": [{"img_path": "a.jpg", "gt_label": [1, 2.0]},\n {"img_path": "b.jpg", "gt_label": 2.0}]}', { numClasses: 3 });
    expect(r.problems.map((p) => [p.rule, p.line, p.row])).toEqual([["invalid-annotation", 3, 1]]);
    expect(r.problems[0]!.message).toContain("data_list[1].gt_label is 2.0, a float");
    expect(r.rows).toBe(2);
  });

  it("reports bytes that are not UTF-8: on the entry they are in (left out), else once for the file", async () => {
    const inEntry = Buffer.from('{"metainfo": {},\n "data_list": [{"img_path": "a.jpg", "gt_label": [0]},\n {"img_path": "b\u00e9.jpg", "gt_label": [1]}]}', "latin1");
    const entry = await check(inEntry, { numClasses: 2 });
    expect(entry.problems.map((p) => [p.rule, p.line, p.severity])).toEqual([["invalid-encoding", 3, "error"]]);
    expect(entry.problems[0]!.message).toContain("record is not valid UTF-8");
    expect(entry.rows).toBe(2);
    expect(entry.stats.validRows).toBe(1);
    const inName = Buffer.from('{"metainfo": {"classes": ["sky", "tr\u00e9e"]},\n "data_list": [{"img_path": "a.jpg", "gt_label": [0, 1]}]}', "latin1");
    const name = await check(inName);
    expect(name.problems.map((p) => [p.rule, p.line, p.column])).toEqual([["invalid-encoding", 1, 37]]);
    expect(name.problems[0]!.message).toContain("byte 0xE9");
    expect(name.problems[0]!.message).toContain("UnicodeDecodeError");
  });

  it("leaves out an entry whose img_path starts with whitespace: mmpretrain opens it as written, a label list's line strips it", async () => {
    const r = await check('{"metainfo": {}, "data_list": [{"img_path": " a.jpg", "gt_label": [0]}, {"img_path": "\\u3000b.jpg", "gt_label": [1]}, {"img_path": "c.jpg ", "gt_label": [1]}]}', { numClasses: 2 });
    // Whitespace after the path is kept in the name: path-whitespace warns of it.
    expect(r.problems.map((p) => [p.rule, p.row, p.severity])).toEqual([["malformed-record", 0, "error"], ["malformed-record", 1, "error"], ["path-whitespace", 2, "warn"]]);
    expect(r.problems[0]!.message).toContain("the image path ' a.jpg' starts with whitespace");
    expect(r.problems[1]!.message).toContain("the image path '\\u3000b.jpg' starts with whitespace");
    expect(r.stats.validRows).toBe(1);
  });

  it("leaves out an entry whose img_path starts with U+FEFF: mmpretrain opens it as written; as a row's line, it read as the file's byte-order mark", async () => {
    // It was reported as a BOM at the start of the file (json.load reads this file) and the image looked up without it.
    const r = await check('{"metainfo": {}, "data_list": [{"img_path": "\\ufeffa.jpg", "gt_label": [0]}, {"img_path": "b.jpg", "gt_label": [1]}]}', { numClasses: 2 });
    expect(r.problems.filter((p) => p.severity === "error").map((p) => [p.rule, p.row])).toEqual([["malformed-record", 0]]);
    expect(r.problems[0]!.message).toContain("starts with U+FEFF (a byte-order mark): it is part of the file name here");
    expect(r.problems.some((p) => p.rule === "bom")).toBe(false);
    expect(r.stats.validRows).toBe(1);
  });

  it("says what mmpretrain does with a TAB or a line break in img_path, and does not send a json file to --format paddleclas", async () => {
    const r = await check('{"metainfo": {}, "data_list": [{"img_path": "a\\tb.jpg", "gt_label": [0]}, {"img_path": "c\\nd.jpg", "gt_label": [1]}, {"img_path": "e.jpg", "gt_label": [1]}]}', { numClasses: 2 });
    expect(r.problems.filter((p) => p.severity === "error").map((p) => [p.rule, p.row])).toEqual([["malformed-record", 0], ["malformed-record", 1]]);
    const [tab, lineBreak] = r.problems;
    expect(tab!.message).toContain("holds a TAB, which no TAB-separated list can carry: mmpretrain opens the path as written (os.path.join keeps the TAB)");
    expect(tab!.message).not.toContain("--format");
    expect(lineBreak!.message).toContain("holds a line break: no line-based label list can carry it: mmpretrain opens the path as written (os.path.join keeps the line break)");
  });

  it("warns of metainfo.classes that is not a list of names, and does not use it (mmpretrain loads the file)", async () => {
    for (const classes of [null, ["a", 1], "ab"]) {
      const r = await check(JSON.stringify({ metainfo: { classes }, data_list: [{ img_path: "a.jpg", gt_label: [0, 1] }] }), { numClasses: 2 });
      expect(r.problems.map((p) => [p.rule, p.severity]), JSON.stringify(classes)).toEqual([["invalid-annotation", "warn"]]);
      expect(r.problems[0]!.message).toContain("so the class names are not taken from it");
      expect(r.classNames).toBeUndefined();
    }
  });

  it("reads the class names from metainfo.categories, in id order, when there are no classes", async () => {
    const r = await check(JSON.stringify({ metainfo: { categories: [{ id: 2, category_name: "water" }, { id: 0, category_name: "sky" }, { id: 1, category_name: "tree" }] }, data_list: [{ img_path: "a.jpg", gt_label: [0, 2] }] }));
    expect(r.problems).toEqual([]);
    expect([r.numClasses, r.classNames]).toEqual([3, ["sky", "tree", "water"]]);
  });

  it("reports categories mmpretrain cannot make classes of, and ignores them beside classes", async () => {
    const data_list = [{ img_path: "a.jpg", gt_label: [0, 1] }];
    const bad = async (categories: unknown) => (await check(JSON.stringify({ metainfo: { categories }, data_list }), { numClasses: 2 })).problems.map((p) => p.message.split(" (mmpretrain annotation")[0]);
    expect(await bad([{ id: 0, category_name: "a" }, { id: 1, name: "b" }])).toEqual(["metainfo.categories[1] needs 'category_name'"]);
    expect(await bad([{ category_name: "a" }])).toEqual(["metainfo.categories[0] needs 'id'"]);
    expect((await bad([{ id: 0, category_name: "a" }, { id: "1", category_name: "b" }]))[0]).toContain("cannot be sorted together");
    expect((await bad({ id: 0 }))[0]).toContain("metainfo.categories must be a list");
    expect(await bad(["sky"])).toEqual(["metainfo.categories[0] must be an object with 'id' and 'category_name'"]);
    const beside = await check(JSON.stringify({ metainfo: { classes: ["a", "b"], categories: 7 }, data_list }));
    expect(beside.problems).toEqual([]);
  });

  it("reports gt_score on some entries only, and gt_score that is not the multi-hot of gt_label", async () => {
    const entries = [{ img_path: "a.jpg", gt_label: [0], gt_score: [1, 0] }, { img_path: "b.jpg", gt_label: [1], gt_score: [0, 1] }, { img_path: "c.jpg", gt_label: [0, 1] }];
    const mixed = await check(JSON.stringify({ metainfo: {}, data_list: entries }, null, 1), { numClasses: 2 });
    expect(mixed.problems.map((p) => [p.rule, p.line, p.severity])).toEqual([["invalid-annotation", 24, "error"]]);
    expect(mixed.problems[0]!.message).toContain("2 of 3 entries have gt_score and the others do not (data_list[2] has none)");
    const every = entries.map((e, i) => ({ ...e, gt_score: i === 2 ? [1, 0.5] : e.gt_score }));
    const differs = await check(JSON.stringify({ metainfo: {}, data_list: every }, null, 1), { numClasses: 2 });
    expect(differs.problems.map((p) => [p.rule, p.row])).toEqual([["invalid-annotation", 2]]);
    expect(differs.problems[0]!.message).toContain("gt_score holds 0.5 for class 1, where gt_label makes it 1");
    const same = await check(JSON.stringify({ metainfo: {}, data_list: every.map((e, i) => (i === 2 ? { ...e, gt_score: [1, 1] } : e)) }), { numClasses: 2 });
    expect(same.problems).toEqual([]);
    // A reader that is not mmpretrain reads gt_label only, as the formats labellint writes hold it: a warning.
    expect((await check(JSON.stringify({ metainfo: {}, data_list: entries }), { numClasses: 2, consumer: "generic" })).problems.map((p) => p.severity)).toEqual(["warn"]);
  });

  it("reports an annotation file mmengine would not load by its name: not *.json (case-sensitive)", async () => {
    const text = JSON.stringify({ metainfo: {}, data_list: [{ img_path: "a.jpg", gt_label: [0] }] });
    for (const name of ["ann.txt", "ann.JSON", "data.v2/ann"]) {
      const r = await lintText(text, { format: "json", rules: OFF }, name);
      expect(r.problems.map((p) => [p.rule, p.line, p.severity]), name).toEqual([["invalid-annotation", 1, "error"]]);
      expect(r.problems[0]!.message).toContain(`(${name.split("/").at(-1)!}) does not end in .json`);
    }
    for (const name of ["ann.json", "a.b/ann.json", "<stdin>", "<text>", "ann.yaml"]) expect((await lintText(text, { format: "json", rules: OFF }, name)).problems, name).toEqual([]);
  });

  it("finds nesting past the limit where jsonDepthExceeded does, on any text", () => {
    const next = seededRandom(5);
    const alphabet = ['[', ']', '{', '}', '"', '\\', ',', ':', '\n', 'a', '1', ' '];
    for (let n = 0; n < 2000; n++) {
      let text = "";
      const length = Math.floor(next() * 60);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * (next() < 0.5 ? 4 : alphabet.length))];
      for (const max of [0, 1, 3, 8]) expect(annotationLayout(text, max).deep, JSON.stringify(text)).toBe(jsonDepthExceeded(text, max));
    }
  });

  it("writes JSON pointers as paths", () => {
    expect(jsonPath("")).toBe("(root)");
    expect(jsonPath("/data_list/3/gt_label/0")).toBe("data_list[3].gt_label[0]");
    expect(jsonPath("/metainfo/classes")).toBe("metainfo.classes");
  });

  it("reads metainfo.classes as C and the class names", async () => {
    const r = await check('{"metainfo": {"classes": ["sky", "lake", "sun"]}, "data_list": [{"img_path": "a.jpg", "gt_label": [0, 2]}, {"img_path": "b.jpg", "gt_label": 1}]}');
    expect(r).toMatchObject({ numClasses: 3, numClassesSource: "header", numClassesReason: "3 classes in metainfo.classes", classNames: ["sky", "lake", "sun"], rows: 2 });
    expect(r.stats.positives).toEqual([1, 1, 1]);
  });

  it("infers C from the largest index without metainfo, and says so", async () => {
    const r = await check('{"data_list": [{"img_path": "a.jpg", "gt_label": [4]}, {"img_path": "b.jpg", "gt_label": []}]}');
    expect(r.numClasses).toBe(5);
    expect(r.numClassesReason).toBe("inferred: at least 5, from the largest class index (4, data_list[0]); give --num-classes");
  });

  it("places every entry of a one-line file on line 1, told apart by row", async () => {
    const r = await check('{"metainfo": {}, "data_list": [{"img_path": "a.jpg", "gt_label": [0]}, {"img_path": "a.jpg", "gt_label": [0]}, {"img_path": "c.jpg", "gt_label": [9]}]}', { numClasses: 2 });
    const found = r.problems.map((p) => [p.line, p.row, p.rule]).sort((a, b) => Number(a[1]) - Number(b[1]));
    expect(found).toEqual([
      [1, 1, "duplicate-path"],
      [1, 2, "invalid-index"],
    ]);
    // The line is quoted, with the column where the entry starts (a long line as a window around it).
    const text = '{"metainfo": {}, "data_list": [{"img_path": "a.jpg", "gt_label": [0]}, {"img_path": "a.jpg", "gt_label": [0]}, {"img_path": "c.jpg", "gt_label": [9]}]}';
    const dup = r.problems.find((p) => p.rule === "duplicate-path")!;
    expect(dup.column).toBe(text.indexOf("{", 32) + 1);
    expect(text.includes(dup.source!.replace(/^…|…$/g, ""))).toBe(true);
    expect(dup.source!.replace(/^…/, "").slice(dup.column! - 1 - (dup.sourceStart ?? 0))).toMatch(/^\{"img_path": "a\.jpg"/);
  });

  it("quotes no window of a one-line file longer than is read (the entry would be past the cut)", async () => {
    const entries = Array.from({ length: 40 }, (_, i) => `{"img_path": "i${i}.jpg", "gt_label": [${i === 30 ? 9 : 0}]}`);
    const text = `{"metainfo": {}, "data_list": [${entries.join(", ")}]}`;
    const r = await check(text, { numClasses: 2, maxLineBytes: 512 });
    const bad = r.problems.find((p) => p.rule === "invalid-index")!;
    expect(bad.column).toBe(text.indexOf(entries[30]!) + 1);
    expect(bad.source).toBeUndefined();
  });

  it("reports a path with a TAB as a malformed record", async () => {
    const r = await check('{"metainfo": {},\n"data_list": [\n{"img_path": "a\\tb.jpg", "gt_label": [0]}\n]}', { numClasses: 1 });
    expect(r.problems.map((p) => [p.line, p.rule])).toEqual([[3, "malformed-record"]]);
  });

  it("tells a file that is not JSON by its line and column, not by a crash", async () => {
    const r = await check("a.jpg\t0,1\n");
    expect(r.problems.map((p) => [p.line, p.column, p.rule])).toEqual([[1, 1, "invalid-annotation"]]);
    expect(r.rows).toBe(0);
  });
});

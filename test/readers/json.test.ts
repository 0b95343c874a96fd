import { describe, expect, it } from "vitest";
import { lintText } from "../../src/engine/lint.js";
import { annotationLayout, jsonPath } from "../../src/readers/json.js";
import { jsonDepthExceeded } from "../../src/io/limits.js";
import { seededRandom } from "../shared.js";

const OFF = { "rare-class": "off", "class-without-positives": "off", "class-always-positive": "off" } as const;
const check = (text: string, options = {}) => lintText(text, { format: "json", rules: OFF, ...options }, "train.json");

describe("the json reader", () => {
  it("finds the line each data_list entry starts on, skipping strings, nested lists and other keys", () => {
    const text = '{"other": [{"a": 1}],\n"data_list": [\n {"img_path": "a[1],{x}.jpg",\n "gt_label": [1, 2]}, {"img_path": "b\\"].jpg"},\n\n 7 ], "z": [0]}';
    expect(annotationLayout(text)).toEqual({ deep: -1, lines: [3, 4, 6] });
  });

  it("follows the last data_list when the key is repeated, as JSON.parse does", () => {
    expect(annotationLayout('{"data_list": [1], "data_list": [2,\n 3]}').lines).toEqual([1, 2]);
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
    // No line of the input is the row's text: nothing is quoted.
    expect(r.problems.find((p) => p.rule === "duplicate-path")!.source).toBeUndefined();
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

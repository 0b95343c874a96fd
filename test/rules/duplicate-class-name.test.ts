import { describe, expect, it } from "vitest";
import { repeatedNames } from "../../src/readers/class-names.js";
import { paddleRows, runRuleTests } from "../rule-tester.js";

const OFF = { "rare-class": "off", "class-without-positives": "off", "class-always-positive": "off" } as const;
const csvRows = (n: number) => paddleRows(n, 3).replace(/\t/g, ",");

runRuleTests("duplicate-class-name", {
  valid: [
    { name: "a CSV header with distinct names", text: "path,cat,dog,sky\n" + csvRows(20), options: { format: "csv" } },
    { name: "names that differ only in case are different names", text: "path,Cat,cat,sky\n" + csvRows(20), options: { format: "csv" } },
    { name: "no names at all", text: paddleRows(20, 3) },
    {
      name: "metainfo.classes with distinct names",
      text: '{"metainfo": {"classes": ["a", "b"]}, "data_list": [{"img_path": "x.jpg", "gt_label": [0, 1]}]}',
      options: { format: "json", rules: OFF },
    },
  ],
  invalid: [
    {
      name: "a CSV header naming two classes alike",
      text: "path,cat,dog,cat\n" + csvRows(20),
      options: { format: "csv", rules: OFF },
      errors: [[null, "LL310"]],
      only: true,
      message: ["classes 0 and 2 are both named 'cat'", "labellint diff and convert"],
      check: (_result, [p]) => {
        expect(p?.severity).toBe("warn");
        expect(p?.classIndex).toBe(2);
      },
    },
    {
      name: "mmpretrain metainfo.classes with a name three times and another twice",
      text: '{"metainfo": {"classes": ["a", "b", "a", "b", "a"]}, "data_list": [{"img_path": "x.jpg", "gt_label": [0, 1]}]}',
      options: { format: "json", rules: OFF },
      errors: [[null, "LL310"], [null, "LL310"]],
      message: ["classes 0, 2 and 4 are all named 'a'"],
    },
    {
      name: "a header row naming the classes in a PaddleClas list",
      text: "path\tcat,cat,sky\n" + paddleRows(20, 3),
      errors: [[null, "LL310"]],
      message: ["classes 0 and 1 are both named 'cat'"],
    },
  ],
});

describe("repeatedNames", () => {
  it("lists each repeated name once, with every index, in order of first appearance", () => {
    expect(repeatedNames(["x", "y", "x", "z", "y", "x"])).toEqual([
      { name: "x", indices: [0, 2, 5] },
      { name: "y", indices: [1, 4] },
    ]);
    expect(repeatedNames([])).toEqual([]);
  });
});

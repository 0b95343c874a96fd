import { expect } from "vitest";
import type { Problem } from "../../src/types.js";
import { paddleRows, runRuleTests, spacedRows } from "../rule-tester.js";

const bg = paddleRows(40, 3);
const multiHot = (c: number, ...on: number[]): string =>
  Array.from({ length: c }, (_, i) => (on.includes(i) ? 1 : 0)).join(",");
const newText = (p: Problem | undefined): string | undefined => {
  const edit = p?.fix?.edits[0];
  return edit?.kind === "set-values" ? edit.change?.newText : undefined;
};

runRuleTests("index-labels", {
  valid: [
    { name: "an empty file", text: "" },
    { name: "a clean file", text: bg },
    { name: "a lone 1 is a short multi-hot row, not an index", text: bg + "x.jpg\t1\n" },
    { name: "an index at or above C is not a class index", text: bg + "x.jpg\t5\n" },
    { name: "a 2 in a row of C values is a non-binary value", text: bg + "x.jpg\t0,2,0\n" },
    { name: "a non-integer among short values", text: bg + "x.jpg\t0.5,2\n" },
  ],
  invalid: [
    {
      name: "indices 3,17 with C=33 are only index-labels (not label-count, not non-binary-value)",
      text: "path\t3,17\n",
      // Index lists alone are read as the indices format under auto: given as paddleclas, they are findings.
      options: { numClasses: 33, format: "paddleclas" },
      errors: [[1, "LL107"]],
      only: true,
      fix: "unsafe",
      message: ["class indices (3, 17)", "33 0/1 values"],
      check: (_r, [p]) => {
        expect(p?.fix?.edits).toEqual([{ kind: "set-values", line: 1, values: multiHot(33, 3, 17).split(",").map(Number), change: { start: 5, end: 9, oldText: "3,17", newText: multiHot(33, 3, 17) } }]);
      },
    },
    {
      name: "a single index converts to a multi-hot row",
      text: bg + "x.jpg\t2\n",
      errors: [[41, "LL107"]],
      only: true,
      fix: "unsafe",
      check: (_r, [p]) => expect(newText(p)).toBe("0,0,1"),
    },
    {
      name: "indices including 0 and 1",
      text: bg + "x.jpg\t0,2\n",
      errors: [[41, "LL107"]],
      only: true,
      check: (_r, [p]) => expect(newText(p)).toBe("1,0,1"),
    },
    {
      name: "indices out of order",
      text: "p.jpg\t17,3,1\n",
      options: { numClasses: 33, format: "paddleclas" },
      errors: [[1, "LL107"]],
      only: true,
      check: (_r, [p]) => expect(newText(p)).toBe(multiHot(33, 1, 3, 17)),
    },
    {
      name: "a repeated index sets one bit",
      text: bg + "x.jpg\t2,2\n",
      errors: [[41, "LL107"]],
      check: (_r, [p]) => expect(newText(p)).toBe("0,0,1"),
    },
    {
      name: "indices with a trailing comma",
      text: bg + "x.jpg\t2,\n",
      errors: [[41, "LL107"]],
      only: true,
      check: (_r, [p]) => expect(p?.fix?.edits[0]).toMatchObject({ change: { oldText: "2,", newText: "0,0,1" } }),
    },
    {
      name: "indices in a spaced file convert with spaces",
      text: spacedRows(40, 3) + "x.jpg 2\n",
      errors: [[41, "LL107"]],
      only: true,
      check: (_r, [p]) => expect(newText(p)).toBe("0 0 1"),
    },
    {
      name: "a file of index rows, given the class count",
      text: "a.jpg\t3,17\nb.jpg\t5\nc.jpg\t0,32\n",
      options: { numClasses: 33, format: "paddleclas" },
      errors: [
        [1, "LL107"],
        [2, "LL107"],
        [3, "LL107"],
      ],
      only: true,
      check: (result, problems) => {
        expect(newText(problems[2])).toBe(multiHot(33, 0, 32));
        expect(result.shape.ok).toBe(false);
      },
    },
    {
      name: "indices in a CRLF file",
      text: (bg + "x.jpg\t2\n").replace(/\n/g, "\r\n"),
      errors: [[41, "LL107"]],
      check: (_r, [p]) => expect(p?.fix?.edits[0]).toMatchObject({ change: { oldText: "2", newText: "0,0,1" } }),
    },
    {
      name: "indices on a last line without a final newline",
      text: bg + "x.jpg\t1,2",
      errors: [[41, "LL107"]],
      check: (result, [p]) => {
        expect(newText(p)).toBe("0,1,1");
        expect(result.problems.map((q) => q.code).sort()).toEqual(["LL003", "LL107"]);
      },
    },
  ],
});

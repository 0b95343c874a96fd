import { expect } from "vitest";
import { paddleRows, runRuleTests, spacedRows } from "../rule-tester.js";

const bg = paddleRows(40, 3);
const sp = spacedRows(40, 3);

/**
 * `cat a.txt b.txt` where a.txt has no final newline: a.txt's last row and
 * b.txt's first share a line, the seam a value that is not a number. PaddleClas
 * stops on it with ValueError (multilabel_dataset.py: `np.int64(i)` of each of
 * `l[1].split(",")`); ImageList too (`int(x)` of each field after the path).
 */
runRuleTests("joined-rows", {
  valid: [
    { name: "a clean file", text: bg },
    { name: "a word among the values is a value, not a seam", text: bg + "x.jpg\t0,cat,0\n" },
    { name: "a value with letters whose rest is not a row of C values", text: bg + "x.jpg\t0,1,0c.jpg\t0,1\n" },
    { name: "a first half of another width", text: bg + "x.jpg\t0,0c.jpg\t0,1,0\n" },
    { name: "a second half whose values are not 0/1", text: bg + "x.jpg\t0,1,0c.jpg\t0,2,0\n" },
    { name: "an index list's rows are not cut", text: "a.jpg\t0,12\nb.jpg\t5\nc.jpg\t3,7\nd.jpg\t1,2c.jpg\t3\n", options: { format: "indices", numClasses: 20 } },
  ],
  invalid: [
    {
      name: "paddleclas: the last value runs into the next row's path, with a safe fix that puts the line break back",
      text: bg + "x.jpg\t0,1,0y.jpg\t1,0,0\n",
      errors: [[41, "LL114"]],
      only: true,
      fix: "safe",
      message: ["two rows on one line", "the line break before 'y.jpg' is missing", "np.int64('0y.jpg') is not a number"],
      check: (result, [p]) => {
        expect(p?.severity).toBe("error");
        expect(p?.column).toBe(11);
        expect(p?.fix?.edits).toEqual([{ kind: "split-row", line: 41, change: { start: 11, end: 11, oldText: "", newText: "\n" } }]);
        expect(result.shape.reasons).toContain("1 line holds two rows (the line break between them is missing)");
      },
    },
    {
      name: "spaced: the same seam among whitespace-separated values, in ImageList's words",
      text: sp + "x.jpg 0 1 1y.jpg 1 0 0\n",
      errors: [[41, "LL114"]],
      only: true,
      fix: "safe",
      message: ["the line break before 'y.jpg' is missing", "int('1y.jpg') is not a number"],
    },
    {
      name: "a path that starts with digits is cut after the one value that leaves two rows (01 is no 0/1 value)",
      text: bg + "x.jpg\t0,1,0123.jpg\t1,0,0\n",
      errors: [[41, "LL114"]],
      only: true,
      message: ["before '123.jpg'", "'0123.jpg'"],
    },
    {
      name: "the second file's byte-order mark between the rows goes with the line break",
      text: bg + "x.jpg\t0,1,0\ufeffy.jpg\t1,0,0\n",
      errors: [[41, "LL114"]],
      only: true,
      message: ["the line break before 'y.jpg' is missing"],
      check: (_r, [p]) => expect(p?.fix?.edits).toEqual([{ kind: "split-row", line: 41, change: { start: 11, end: 12, oldText: "\ufeff", newText: "\n" } }]),
    },
    {
      name: "a signed file's -1 may end the first row",
      text: paddleRows(40, 3).replace(/\b0\b/g, "-1") + "x.jpg\t1,1,-1y.jpg\t1,-1,1\n",
      errors: [[41, "LL114"]],
      message: ["before 'y.jpg'"],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL114", "LL203"]),
    },
  ],
});

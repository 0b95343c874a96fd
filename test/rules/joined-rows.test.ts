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
    { name: "rows run together whose last is not a clean row are not cut (a guess never cuts a line)", text: bg + "x.jpg\t0,1,0y.jpg\t1,0,0z.jpg\t0,0\n" },
    { name: "rows run together with a middle row of another width are not cut", text: bg + "x.jpg\t0,1,0y.jpg\t1,0z.jpg\t0,0,1\n" },
    { name: "spaced: a second run whose 'path' is a number is not cut (01 and 12 are values to int())", text: sp + "x.jpg 0 1 0 12 1 0 0\n" },
    { name: "spaced: nor one int() reads with an underscore or in another script's digits", text: sp + "x.jpg 0 1 0 1_2 1 0 0\ny.jpg 0 1 0 \u0661\u0662 1 0 0\n" },
    { name: "spaced: runs of another width are not cut", text: sp + "x.jpg 0 1 0 y.jpg 1 0\n" },
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
        expect(result.shape.reasons).toContain("1 line holds more than one row (a line break is missing)");
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
      name: "spaced: rows written with a space between them, not a line break: the whitespace before each later path becomes one",
      text: sp + "x.jpg 0 1 1 y.jpg 1 0 0\tz.jpg 0 0 1\n",
      errors: [[41, "LL114"]],
      only: true,
      fix: "safe",
      message: ["3 rows on one line: the line breaks before 'y.jpg' and 'z.jpg' are missing", "int('y.jpg') is not a number"],
      check: (result, [p]) => {
        expect(p?.column).toBe(13);
        expect(p?.fix?.edits).toEqual([{ kind: "split-row", line: 41, change: { start: 11, end: 24, oldText: " y.jpg 1 0 0\t", newText: "\ny.jpg 1 0 0\n" } }]);
        expect(result.shape.reasons).toContain("1 line holds more than one row (a line break is missing)");
      },
    },
    {
      name: "three rows on one line (two line breaks lost): one finding naming both paths, one fix that puts both line breaks back",
      text: bg + "x.jpg\t0,1,0y.jpg\t1,0,0z.jpg\t0,0,1\n",
      errors: [[41, "LL114"]],
      only: true,
      fix: "safe",
      message: ["3 rows on one line: the line breaks before 'y.jpg' and 'z.jpg' are missing", "np.int64('0y.jpg') is not a number"],
      check: (_r, [p]) => {
        expect(p?.fix?.description).toBe("put the line breaks back: each row on its own line");
        expect(p?.fix?.edits).toEqual([{ kind: "split-row", line: 41, change: { start: 11, end: 22, oldText: "y.jpg\t1,0,0", newText: "\ny.jpg\t1,0,0\n" } }]);
      },
    },
    {
      name: "spaced, five rows, a byte-order mark at one seam (every file of a cat without final newlines): the paths named, two and a count",
      text: sp + "a.jpg 0 1 1b.jpg 1 0 0\ufeffc.jpg 0 0 1d.jpg 1 1 0e.jpg 0 1 0\n",
      errors: [[41, "LL114"]],
      only: true,
      fix: "safe",
      message: ["5 rows on one line: the line breaks before 'b.jpg', 'c.jpg' and 2 more are missing"],
      check: (_r, [p]) => expect((p?.fix?.edits[0] as { change: { newText: string } }).change.newText).toBe("\nb.jpg 1 0 0\nc.jpg 0 0 1\nd.jpg 1 1 0\n"),
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

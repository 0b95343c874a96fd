import { expect } from "vitest";
import { paddleRows, runRuleTests, spacedRows } from "../rule-tester.js";

const bg = paddleRows(40, 3);

runRuleTests("label-count", {
  valid: [
    { name: "an empty file", text: "" },
    { name: "a clean file", text: bg },
    { name: "a trailing comma does not add a value (empty-value)", text: bg + "x.jpg\t0,1,0,\n" },
    { name: "a doubled comma between C values (empty-value)", text: bg + "x.jpg\t0,,1,0\n" },
    { name: "class indices (index-labels)", text: bg + "x.jpg\t2\n" },
    { name: "a non-binary value in a row of C values (non-binary-value)", text: bg + "x.jpg\t0,2,0\n" },
    { name: "a row of C values written as a list (nested-labels)", text: bg + "x.jpg\t[0,1,0]\n" },
    { name: "the class count given matches the rows", text: bg, options: { numClasses: 3 } },
    { name: "a CRLF file", text: bg.replace(/\n/g, "\r\n") },
  ],
  invalid: [
    {
      // HashNet data_list.py:17-20: a first line of path + one value makes the whole list single-label.
      name: "a spaced list whose first row has one value: what HashNet then does; the same row later is a short row",
      text: "x.jpg 1\n" + spacedRows(40, 3) + "y.jpg 1\n",
      options: { numClasses: 3 },
      errors: [[1, "LL102"], [42, "LL102"]],
      message: ["the first row has 1 label value, expected 3", "HashNet decides from the first line that the list is single-label"],
      check: (_r, problems) => expect(problems[1]!.message).toMatch(/^row has 1 label value, expected 3: ImageList reads it/),
    },
    {
      // PaddleClas: strip().split("\t")[1] is '' on every row, and np.int64('') raises (multilabel_dataset.py:37, 40-41).
      name: "no row has a label value (two TABs on every row): C = 0 is no matrix, each row is one",
      text: "a.jpg\t\t1,0,1\nb.jpg\t\t0,1,1\n",
      errors: [[1, "LL102"], [2, "LL102"]],
      message: ["no label values, and no row of the file has any", "np.int64('') is not a number"],
      check: (result) => {
        expect(result.numClasses).toBe(0);
        expect(result.shape.ok).toBe(false);
        expect(result.shape.reasons).toContain("no class: 2 rows have no label value");
      },
    },
    {
      name: "a row with too few values is the only diagnosis",
      text: bg + "x.jpg\t0,1\n",
      errors: [[41, "LL102"]],
      only: true,
      fix: null,
      message: ["2 label values", "expected 3", "fails when the batch is stacked"],
      check: (result, [p]) => {
        expect(p?.column).toBe(7);
        expect(result.stats.validRows).toBe(40);
      },
    },
    {
      name: "a row with too many values",
      text: bg + "x.jpg\t0,1,0,1\n",
      errors: [[41, "LL102"]],
      only: true,
      message: ["4 label values"],
    },
    {
      name: "an empty label field",
      text: bg + "x.jpg\t\n",
      errors: [[41, "LL102"]],
      only: true,
      message: ["no label values", "expected 3"],
    },
    {
      name: "a lone 1 is too short, not a class index",
      text: bg + "x.jpg\t1\n",
      errors: [[41, "LL102"]],
      only: true,
    },
    {
      name: "an index at or above C is not a class index",
      text: bg + "x.jpg\t0,5\n",
      errors: [[41, "LL102"]],
      only: true,
    },
    {
      name: "values separated by semicolons read as one value",
      text: bg + "x.jpg\t0;1;0\n",
      errors: [[41, "LL102"]],
      only: true,
      message: ["row has 1 label value, expected"],
    },
    {
      name: "a short row in brackets is a count problem first",
      text: bg + "x.jpg\t[0,1]\n",
      errors: [[41, "LL102"]],
      only: true,
    },
    {
      name: "a short row in a spaced file",
      text: spacedRows(40, 3) + "x.jpg 0 1\n",
      errors: [[41, "LL102"]],
      only: true,
    },
    {
      name: "rows narrower than the class count given (a file whose every row is so is class-count-mismatch's)",
      text: "a.jpg\t0,1,0\nb.jpg\t1,0,0\nc.jpg\t1,0,0,1\n",
      options: { numClasses: 4 },
      errors: [
        [1, "LL102"],
        [2, "LL102"],
      ],
            message: ["3 label values", "expected 4"],
    },
    {
      name: "C is inferred as the most common width and the minority rows are flagged",
      text: paddleRows(30, 3) + "a.jpg\t0,1,0,0\nb.jpg\t1,0,0,0\n",
      errors: [
        [31, "LL102"],
        [32, "LL102"],
      ],
      check: (result) => {
        expect(result.numClasses).toBe(3);
        expect(result.numClassesSource).toBe("inferred");
      },
    },
    {
      name: "a short row on a CRLF line without a final newline",
      text: bg.replace(/\n/g, "\r\n") + "x.jpg\t0,1",
      errors: [[41, "LL102"]],
      check: (result) => expect(result.problems.map((p) => p.code).sort()).toEqual(["LL003", "LL003", "LL102"]),
    },
  ],
});

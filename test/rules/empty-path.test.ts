import { expect } from "vitest";
import { paddleRows, runRuleTests, spacedRows } from "../rule-tester.js";

const bg = paddleRows(40, 3);

runRuleTests("empty-path", {
  valid: [
    { name: "an empty file", text: "" },
    { name: "every row has a path", text: bg },
    { name: "a one-character path", text: bg + "a\t0,1,0\n" },
    { name: "a blank line (blank-line)", text: bg + "\t\n" },
  ],
  invalid: [
    {
      // PaddleClas strips the line before it splits it on TABs (multilabel_dataset.py:37): the row reads as intended.
      name: "a TAB before path<TAB>labels is a warning for PaddleClas, with a safe fix that removes it",
      text: bg + "\tx.jpg\t0,1,0\n",
      errors: [[41, "LL501"]],
      only: true,
      fix: "safe",
      message: ["a TAB comes before the image path 'x.jpg'", "reads the row as intended"],
      check: (result, [p]) => {
        expect(p?.severity).toBe("warn");
        expect(p?.column).toBe(1);
        expect(p?.length).toBe(1);
        // The row is a row of the matrix, its path the one after the TAB.
        expect(result.stats.validRows).toBe(41);
      },
    },
    {
      name: "a TAB before path<TAB>labels is an error for a reader that splits on TABs first",
      text: bg + " \t\tx.jpg\t0,1,0\n",
      options: { consumer: "generic" },
      errors: [[41, "LL501"]],
      only: true,
      message: ["a TAB comes before the image path 'x.jpg'", "reads an empty path"],
      check: (_result, [p]) => {
        expect(p?.severity).toBe("error");
        expect(p?.length).toBe(3);
      },
    },
    {
      name: "labels without a path are only an empty-path",
      text: bg + "\t0,1,0\n",
      errors: [[41, "LL501"]],
      only: true,
      fix: null,
      message: ["no image path", "IndexError"],
      check: (result, [p]) => {
        expect(p?.column).toBe(1);
        expect(p?.row).toBe(40);
        expect(result.stats.validRows).toBe(40);
      },
    },
    {
      name: "a list without a path is not also a nested-labels",
      text: bg + "\t[0,1,0]\n",
      errors: [[41, "LL501"]],
      only: true,
    },
    {
      name: "a short row without a path is not also a label-count",
      text: bg + "\t0,1\n",
      errors: [[41, "LL501"]],
      only: true,
    },
    {
      name: "a missing path on the first line",
      text: "\t0,1,0\n" + bg,
      errors: [[1, "LL501"]],
      only: true,
    },
    {
      name: "a missing path in a spaced file",
      text: spacedRows(40, 3) + " 0 1 0\n",
      errors: [[41, "LL501"]],
      only: true,
    },
    {
      name: "a missing path in a CRLF file",
      text: (bg + "\t0,1,0\n").replace(/\n/g, "\r\n"),
      errors: [[41, "LL501"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL003", "LL501"]),
    },
    {
      name: "a missing path after a byte-order mark",
      text: "\uFEFF\t0,1,0\n" + bg,
      errors: [[1, "LL501"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL002", "LL501"]),
    },
  ],
});

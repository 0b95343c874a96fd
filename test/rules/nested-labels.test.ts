import { expect } from "vitest";
import type { Problem } from "../../src/types.js";
import { flatEdit, paddleRows, runRuleTests, spacedRows } from "../rule-tester.js";

const bg = paddleRows(40, 3);
const newTexts = (p: Problem | undefined): string[] =>
  (p?.fix?.edits ?? []).map((e) => (e.kind === "respell-values" && e.change !== undefined ? e.change.newText : `<${e.kind}>`));

runRuleTests("nested-labels", {
  valid: [
    { name: "an empty file", text: "" },
    { name: "a clean file", text: bg },
    { name: "brackets in the path", text: bg + "img[1].jpg\t0,1,0\n" },
    { name: "an unclosed bracket is a bad value, not a list", text: bg + "x.jpg\t[0,1,0\n" },
    { name: "a bracketed row of the wrong length is a count problem", text: bg + "x.jpg\t[0,1]\n" },
  ],
  invalid: [
    {
      name: "a Python list is flattened by a safe fix to 0,1,0",
      text: bg + "x.jpg\t[0,1,0]\n",
      errors: [[41, "LL103"]],
      only: true,
      fix: "safe",
      message: ["wrapped in […]", "ValueError"],
      check: (result, [p]) => {
        expect(p?.fix?.edits).toEqual([{ kind: "respell-values", line: 41, change: { start: 6, end: 13, oldText: "[0,1,0]", newText: "0,1,0" } }]);
        expect(p?.column).toBe(7);
        // Its values are binary and well-shaped: the row counts.
        expect(result.stats.validRows).toBe(41);
      },
    },
    {
      name: "a doubly nested list",
      text: bg + "x.jpg\t[[0,1,0]]\n",
      errors: [[41, "LL103"]],
      only: true,
      message: ["[[…]]", "np.int64('[[0') is not a number"],
      check: (_r, [p]) => expect(newTexts(p)).toEqual(["0,1,0"]),
    },
    {
      name: "a Python repr with ', ' is one finding, not a separator finding too",
      text: bg + "x.jpg\t[0, 1, 0]\n",
      errors: [[41, "LL103"]],
      only: true,
      check: (_r, [p]) => expect(newTexts(p)).toEqual(["0,1,0"]),
    },
    {
      name: "a Python list with a trailing comma is one finding, not an empty-value too",
      text: bg + "x.jpg\t[0,1,0,]\n",
      errors: [[41, "LL103"]],
      only: true,
      check: (_r, [p]) => expect(newTexts(p)).toEqual(["0,1,0"]),
    },
    {
      name: "a numpy repr with spaces inside double brackets",
      text: bg + "x.jpg\t[[0 1 0]]\n",
      errors: [[41, "LL103"]],
      only: true,
      check: (_r, [p]) => expect(newTexts(p)).toEqual(["0,1,0"]),
    },
    {
      name: "the flattening fix canonicalises values",
      text: bg + "x.jpg\t[0,1.0,0]\n",
      errors: [[41, "LL103"]],
      check: (result, [p]) => {
        expect(newTexts(p)).toEqual(["0,1,0"]);
        expect(result.problems.map((q) => q.code).sort()).toEqual(["LL103", "LL202"]);
      },
    },
    {
      name: "with a non-binary value only the brackets are removed",
      text: bg + "x.jpg\t[0,2,0]\n",
      errors: [[41, "LL103"]],
      fix: "safe",
      check: (result, [p]) => {
        expect(p?.fix?.edits).toEqual([
          { kind: "respell-values", line: 41, change: { start: 6, end: 7, oldText: "[", newText: "" } },
          { kind: "respell-values", line: 41, change: { start: 12, end: 13, oldText: "]", newText: "" } },
        ]);
        expect(result.problems.map((q) => q.code).sort()).toEqual(["LL103", "LL201"]);
      },
    },
    {
      name: "a list in a spaced file is flattened with spaces",
      text: spacedRows(40, 3) + "x.jpg [0 1 0]\n",
      errors: [[41, "LL103"]],
      only: true,
      check: (_r, [p]) => expect(newTexts(p)).toEqual(["0 1 0"]),
    },
    {
      name: "a list followed by an extra field",
      text: bg + "x.jpg\t[0,1,0]\tcat\n",
      errors: [[41, "LL103"]],
      check: (result, [p]) => {
        expect(flatEdit(p?.fix?.edits?.[0])).toMatchObject({ oldText: "[0,1,0]", newText: "0,1,0" });
        expect(result.problems.map((q) => q.code).sort()).toEqual(["LL103", "LL105"]);
      },
    },
    {
      name: "a list in a CRLF file",
      text: (bg + "x.jpg\t[0,1,0]\n").replace(/\n/g, "\r\n"),
      errors: [[41, "LL103"]],
      check: (_r, [p]) => expect(flatEdit(p?.fix?.edits?.[0])).toMatchObject({ oldText: "[0,1,0]", newText: "0,1,0" }),
    },
    {
      name: "every row of a file written from Python lists",
      text: "a.jpg\t[1, 0, 0]\nb.jpg\t[0, 1, 0]\nc.jpg\t[0, 0, 1]\n",
      options: { rules: { "rare-class": "off" } },
      errors: [
        [1, "LL103"],
        [2, "LL103"],
        [3, "LL103"],
      ],
      only: true,
    },
  ],
});

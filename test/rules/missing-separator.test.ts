import { expect } from "vitest";
import type { FixEdit } from "../../src/types.js";
import { paddleRows, runRuleTests, spacedRows } from "../rule-tester.js";

const bg = paddleRows(40, 3);
const sg = spacedRows(40, 3);
/** The one split-path edit, flattened with its text change (line, start, end, oldText, newText). */
const replaceEdit = (edits: FixEdit[] | undefined): { line: number; start: number; end: number; oldText: string; newText: string } => {
  const edit = edits?.[0];
  if (edit?.kind !== "split-path" || edit.change === undefined || edits?.length !== 1) throw new Error(`expected one split-path edit, got ${JSON.stringify(edits)}`);
  return { line: edit.line, ...edit.change };
};

runRuleTests("missing-separator", {
  valid: [
    { name: "an empty file", text: "" },
    { name: "a clean file", text: bg },
    { name: "a path with spaces before the TAB", text: bg + "my holiday/img 1.jpg\t0,1,0\n" },
    { name: "a space after the TAB (a separator problem, not a missing one)", text: bg + "x.jpg\t 0,1,0\n" },
    { name: "a spaced file, where a space is the separator", text: sg },
    { name: "a TAB between path and values in a spaced file", text: sg + "x.jpg\t0 1 0\n" },
    { name: "a line with a TAB and no labels (a label-count problem)", text: bg + "x.jpg\t\n" },
  ],
  invalid: [
    {
      name: "a space instead of the TAB, with a safe fix that puts the TAB back",
      text: bg + "x.jpg 0,1,0\n",
      errors: [[41, "LL101"]],
      only: true,
      fix: "safe",
      message: ["no TAB", "found a space", "IndexError"],
      check: (result, [p]) => {
        const edit = replaceEdit(p?.fix?.edits);
        expect(edit.newText.startsWith("\t")).toBe(true);
        expect(edit).toMatchObject({ line: 41, start: 5, end: 11, oldText: " 0,1,0", newText: "\t0,1,0" });
        expect(p?.column).toBe(6);
        expect(result.stats.validRows).toBe(40);
      },
    },
    {
      name: "a path with spaces is split at the last space",
      text: bg + "my img.jpg 0,1,0\n",
      errors: [[41, "LL101"]],
      only: true,
      fix: "safe",
      check: (_r, [p]) => expect(replaceEdit(p?.fix?.edits)).toMatchObject({ start: 10, oldText: " 0,1,0", newText: "\t0,1,0" }),
    },
    {
      name: "several spaces are replaced by one TAB",
      text: bg + "x.jpg  0,1,0\n",
      errors: [[41, "LL101"]],
      fix: "safe",
      check: (_r, [p]) => expect(replaceEdit(p?.fix?.edits)).toMatchObject({ start: 5, oldText: "  0,1,0", newText: "\t0,1,0" }),
    },
    {
      name: "a comma instead of the TAB",
      text: bg + "x.jpg,0,1,0\n",
      errors: [[41, "LL101"]],
      only: true,
      fix: "safe",
      message: ["found a comma"],
      check: (_r, [p]) => expect(replaceEdit(p?.fix?.edits)).toMatchObject({ oldText: ",0,1,0", newText: "\t0,1,0" }),
    },
    {
      name: "the fix writes the values canonically",
      text: bg + "x.jpg 0,1.0,0\n",
      errors: [[41, "LL101"]],
      fix: "safe",
      check: (_r, [p]) => expect(replaceEdit(p?.fix?.edits).newText).toBe("\t0,1,0"),
    },
    {
      name: "no fix when the rest is not C values (the split is ambiguous)",
      text: bg + "x.jpg 0,1\n",
      errors: [[41, "LL101"]],
      only: true,
      fix: null,
    },
    {
      name: "no fix when the rest is not binary",
      text: bg + "x.jpg 0,2,0\n",
      errors: [[41, "LL101"]],
      fix: null,
    },
    {
      name: "a path with no labels at all",
      text: bg + "x.jpg\n",
      errors: [[41, "LL101"]],
      only: true,
      fix: null,
      message: ["no labels", "no TAB after the path"],
    },
    {
      name: "a spaced row in a PaddleClas file",
      text: bg + "x.jpg 0 1 0\n",
      errors: [[41, "LL101"]],
      only: true,
      message: ["no TAB"],
    },
    {
      name: "a comma instead of whitespace in a spaced file",
      text: sg + "x.jpg,0,1,0\n",
      errors: [[41, "LL101"]],
      only: true,
      fix: "safe",
      message: ["no whitespace", "found a comma"],
      check: (_r, [p]) => expect(replaceEdit(p?.fix?.edits)).toMatchObject({ oldText: ",0,1,0", newText: " 0 1 0" }),
    },
    {
      name: "a path alone in a spaced file",
      text: sg + "x.jpg\n",
      errors: [[41, "LL101"]],
      only: true,
      fix: null,
      message: ["no space after the path"],
    },
    {
      name: "a space instead of the TAB in a CRLF file: the fix carries no CR",
      text: (bg + "x.jpg 0,1,0\n").replace(/\n/g, "\r\n"),
      errors: [[41, "LL101"]],
      fix: "safe",
      check: (_r, [p]) => expect(replaceEdit(p?.fix?.edits)).toMatchObject({ oldText: " 0,1,0", newText: "\t0,1,0" }),
    },
    {
      name: "a space instead of the TAB on a last line without a final newline",
      text: bg + "x.jpg 0,1,0",
      errors: [[41, "LL101"]],
      fix: "safe",
    },
    {
      name: "a space instead of the TAB on every row, with the class count given",
      text: "a.jpg 0,1,0\nb.jpg 1,0,0\n",
      options: { numClasses: 3 },
      errors: [
        [1, "LL101"],
        [2, "LL101"],
      ],
      only: true,
      fix: "safe",
    },
  ],
});

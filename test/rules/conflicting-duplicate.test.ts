import { expect } from "vitest";
import { flatEdit, paddleRows, runRuleTests, spacedRows } from "../rule-tester.js";

const bg = paddleRows(40, 3);

runRuleTests("conflicting-duplicate", {
  valid: [
    { name: "an empty file", text: "" },
    { name: "distinct paths", text: bg },
    { name: "the same path with the same labels (duplicate-path)", text: bg + "img/00001.jpg\t0,1,0\n" },
    { name: "the same labels spelled differently (duplicate-path)", text: bg + "img/00001.jpg\t0,1.0,0\n" },
    { name: "different paths with different labels", text: bg + "img/99999.jpg\t1,0,0\n" },
  ],
  invalid: [
    {
      name: "two clean rows: an unsafe fix merges by OR into the first and drops the later copy",
      text: bg + "img/00001.jpg\t1,0,0\n",
      errors: [[41, "LL304"]],
      only: true,
      fix: "unsafe",
      message: ["'img/00001.jpg'", "line 2", "different labels"],
      check: (_r, [p]) => {
        expect(p?.severity).toBe("error");
        expect(p?.row).toBe(40);
        expect(p?.fix?.edits).toEqual([
          { kind: "set-values", line: 2, row: 1, values: [1, 1, 0], change: { start: 14, end: 19, oldText: "0,1,0", newText: "1,1,0" } },
          { kind: "drop-line", line: 41, row: 40, reason: "merged into line 2", notARow: false },
        ]);
      },
    },
    {
      name: "the first copy's spelling is rewritten canonically by the merge",
      text: "img/a.jpg\t0,1.0,0\n" + bg + "img/a.jpg\t0,0,1\n",
      errors: [[42, "LL304"]],
      check: (_r, [p]) => expect(flatEdit(p?.fix?.edits[0])).toMatchObject({ line: 1, oldText: "0,1.0,0", newText: "0,1,1" }),
    },
    {
      name: "the merge leaves an extra field of the first copy alone",
      text: "img/a.jpg\t0,1,0\tnote\n" + bg + "img/a.jpg\t1,0,0\n",
      errors: [[42, "LL304"]],
      check: (_r, [p]) => expect(flatEdit(p?.fix?.edits[0])).toMatchObject({ start: 10, end: 15, oldText: "0,1,0", newText: "1,1,0" }),
    },
    {
      name: "a ./ prefix and backslashes do not hide a conflict",
      text: bg + ".\\img\\00001.jpg\t0,0,1\n",
      errors: [[41, "LL304"]],
      message: ["'img/00001.jpg'"],
    },
    {
      name: "a malformed copy conflicts but has no merge",
      text: bg + "img/00001.jpg\t1,0\n",
      errors: [[41, "LL304"]],
      fix: null,
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL102", "LL304"]),
    },
    {
      name: "each conflicting copy is reported against the first",
      text: bg + "img/00001.jpg\t1,0,0\nimg/00001.jpg\t0,0,1\n",
      errors: [
        [41, "LL304"],
        [42, "LL304"],
      ],
      only: true,
      fix: "unsafe",
      check: (_r, problems) => {
        for (const p of problems) expect(p.message).toContain("line 2");
        expect(problems[1]?.fix?.edits[1]).toEqual({ kind: "drop-line", line: 42, row: 41, reason: "merged into line 2", notARow: false });
      },
    },
    {
      name: "a merge in a spaced file uses spaces",
      text: spacedRows(40, 3) + "img/00001.jpg 1 0 0\n",
      errors: [[41, "LL304"]],
      only: true,
      check: (_r, [p]) => expect(flatEdit(p?.fix?.edits[0])).toMatchObject({ oldText: "0 1 0", newText: "1 1 0" }),
    },
    {
      name: "a conflict in a CRLF file: the merge does not touch the CR",
      text: (bg + "img/00001.jpg\t1,0,0\n").replace(/\n/g, "\r\n"),
      errors: [[41, "LL304"]],
      check: (_r, [p]) => expect(flatEdit(p?.fix?.edits[0])).toMatchObject({ line: 2, start: 14, end: 19, oldText: "0,1,0", newText: "1,1,0" }),
    },
    {
      name: "a conflict with the first line of a file with a byte-order mark",
      text: "\uFEFF" + bg + "img/00000.jpg\t0,1,0\n",
      errors: [[41, "LL304"]],
      check: (_r, [p]) => expect(flatEdit(p?.fix?.edits[0])).toMatchObject({ line: 1, start: 14, end: 19, oldText: "1,0,0", newText: "1,1,0" }),
    },
    {
      name: "a conflict on a last line without a final newline",
      text: bg + "img/00001.jpg\t1,0,0",
      errors: [[41, "LL304"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL003", "LL304"]),
    },
  ],
});

import { expect } from "vitest";
import { paddleRows, runRuleTests, spacedRows } from "../rule-tester.js";

const bg = paddleRows(40, 3);

runRuleTests("duplicate-path", {
  valid: [
    { name: "an empty file", text: "" },
    { name: "distinct paths", text: bg },
    { name: "the same file name in different folders", text: bg + "a/img/00001.jpg\t0,1,0\n" },
    { name: "paths that differ only in case (distinct on Linux)", text: bg + "IMG/00001.jpg\t0,1,0\n" },
    { name: "the same path with different labels (conflicting-duplicate)", text: bg + "img/00001.jpg\t1,0,0\n" },
    { name: "a blank line is not a duplicate of another", text: paddleRows(20, 3) + "\n\n" + paddleRows(20, 3, 20) },
  ],
  invalid: [
    {
      // Lists joined with cat: a byte-order mark starts a later line; fix removes it (bom), so it names the same image.
      name: "a path with a byte-order mark before it is the path without one",
      text: "img/a.jpg\t0,1,0\n" + paddleRows(40, 3, 10) + "\ufeffimg/a.jpg\t0,1,0\n",
      errors: [[42, "LL303"]],
      message: ["is already listed on line 1"],
    },
    {
      name: "the same file spelled differently (./a, a//b, a/x/../b), and the message says how",
      text: "./img/a.jpg\t0,1,0\nimg//a.jpg\t0,1,0\nimg/x/../a.jpg\t0,1,0\n" + paddleRows(40, 3, 10),
      errors: [
        [2, "LL303"],
        [3, "LL303"],
      ],
      only: true,
      message: ["'img//a.jpg' is already listed on line 1 as './img/a.jpg' (the same file, spelled differently)"],
    },
    {
      name: "a later copy with the same labels is dropped by a safe fix",
      text: bg + "img/00001.jpg\t0,1,0\n",
      errors: [[41, "LL303"]],
      only: true,
      fix: "safe",
      message: ["'img/00001.jpg'", "line 2", "same labels"],
      check: (_r, [p]) => {
        expect(p?.fix?.edits).toEqual([{ kind: "drop-line", line: 41, row: 40, reason: "duplicate of line 2", notARow: false, of: { line: 2, row: 1 } }]);
        expect(p?.row).toBe(40);
        expect(p?.column).toBe(1);
        expect(p?.source).toBe("img/00001.jpg\t0,1,0");
      },
    },
    {
      name: "labels compared by value, not spelling",
      text: bg + "img/00001.jpg\t0,1.0,0\n",
      errors: [[41, "LL303"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL202", "LL303"]),
    },
    {
      name: "a leading ./ names the same image",
      text: bg + "./img/00001.jpg\t0,1,0\n",
      errors: [[41, "LL303"]],
      only: true,
      message: ["'img/00001.jpg'"],
    },
    {
      name: "backslashes name the same image",
      text: bg + "img\\00001.jpg\t0,1,0\n",
      errors: [[41, "LL303"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL303", "LL503"]),
    },
    {
      name: "every later copy points at the first",
      text: bg + "img/00001.jpg\t0,1,0\nimg/00001.jpg\t0,1,0\n",
      errors: [
        [41, "LL303"],
        [42, "LL303"],
      ],
      only: true,
      check: (_r, problems) => {
        for (const p of problems) expect(p.message).toContain("line 2");
        expect(problems.map((p) => p.fix?.edits)).toEqual([
          [{ kind: "drop-line", line: 41, row: 40, reason: "duplicate of line 2", notARow: false, of: { line: 2, row: 1 } }],
          [{ kind: "drop-line", line: 42, row: 41, reason: "duplicate of line 2", notARow: false, of: { line: 2, row: 1 } }],
        ]);
      },
    },
    {
      name: "identical copies of a malformed row",
      text: bg + "z.jpg\t0,1\nz.jpg\t0,1\n",
      errors: [[42, "LL303"]],
      message: ["line 41"],
      check: (result) => expect(result.problems.map((q) => [q.line, q.code])).toEqual([
        [41, "LL102"],
        [42, "LL303"],
        [42, "LL102"],
      ]),
    },
    {
      name: "the row index skips blank lines",
      text: bg + "\nimg/00001.jpg\t0,1,0\n",
      errors: [[42, "LL303"]],
      check: (_r, [p]) => expect(p?.row).toBe(40),
    },
    {
      name: "a copy of the first line of a file with a byte-order mark",
      text: "\uFEFF" + bg + "img/00000.jpg\t1,0,0\n",
      errors: [[41, "LL303"]],
      message: ["'img/00000.jpg'", "line 1"],
    },
    {
      name: "a copy in a CRLF file",
      text: (bg + "img/00001.jpg\t0,1,0\n").replace(/\n/g, "\r\n"),
      errors: [[41, "LL303"]],
      check: (_r, [p]) => expect(p?.source).toBe("img/00001.jpg\t0,1,0"),
    },
    {
      name: "a copy on a last line without a final newline",
      text: bg + "img/00001.jpg\t0,1,0",
      errors: [[41, "LL303"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL003", "LL303"]),
    },
    {
      name: "a copy in a spaced file",
      text: spacedRows(40, 3) + "img/00001.jpg 0 1 0\n",
      errors: [[41, "LL303"]],
      only: true,
    },
  ],
});

import { expect } from "vitest";
import type { Problem } from "../../src/types.js";
import { flatEdit, paddleRows, runRuleTests, spacedRows } from "../rule-tester.js";

const bg = paddleRows(40, 3);
const pathFix = (p: Problem | undefined): unknown => p?.fix?.edits;

runRuleTests("backslash-path", {
  valid: [
    { name: "an empty file", text: "" },
    { name: "forward slashes", text: bg },
    { name: "a file name with no folder", text: bg + "x.jpg\t0,1,0\n" },
    { name: "a backslash in a line that is not data (missing-separator)", text: bg + "a\\x.jpg 0,1\n" },
  ],
  invalid: [
    {
      name: "a NUS-WIDE style path is fixed safely to forward slashes",
      text: bg + "actor\\0001_2124494179.jpg\t0,1,0\n",
      errors: [[41, "LL503"]],
      only: true,
      fix: "safe",
      message: ["'actor\\0001_2124494179.jpg'", "'\\' separators"],
      check: (_r, [p]) => {
        expect(pathFix(p)).toEqual([
          { kind: "normalise-path", line: 41, how: "slashes", change: { start: 0, end: 25, oldText: "actor\\0001_2124494179.jpg", newText: "actor/0001_2124494179.jpg" } },
        ]);
      },
    },
    {
      name: "every backslash is replaced",
      text: bg + "a\\b\\c.jpg\t0,1,0\n",
      errors: [[41, "LL503"]],
      only: true,
      check: (_r, [p]) => expect(flatEdit(p?.fix?.edits[0])).toMatchObject({ oldText: "a\\b\\c.jpg", newText: "a/b/c.jpg" }),
    },
    {
      name: "offsets count UTF-16 units in a non-ASCII path",
      text: bg + "图片\\猫.jpg\t0,1,0\n",
      errors: [[41, "LL503"]],
      only: true,
      check: (_r, [p]) => expect(flatEdit(p?.fix?.edits[0])).toMatchObject({ start: 0, end: 8, newText: "图片/猫.jpg" }),
    },
    {
      name: "on a row of the wrong length",
      text: bg + "a\\x.jpg\t0,1\n",
      errors: [[41, "LL503"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL102", "LL503"]),
    },
    {
      name: "on a row of class indices",
      text: bg + "a\\x.jpg\t2\n",
      errors: [[41, "LL503"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL107", "LL503"]),
    },
    {
      name: "a backslashed copy of a forward-slash path is also a duplicate",
      text: bg + "img\\00001.jpg\t0,1,0\n",
      errors: [[41, "LL503"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL303", "LL503"]),
    },
    {
      name: "in a spaced file",
      text: spacedRows(40, 3) + "a\\x.jpg 0 1 0\n",
      errors: [[41, "LL503"]],
      only: true,
    },
    {
      name: "on the first line after a byte-order mark",
      text: "\uFEFFa\\x.jpg\t0,1,0\n" + bg,
      errors: [[1, "LL503"]],
      check: (_r, [p]) => expect(flatEdit(p?.fix?.edits[0])).toMatchObject({ start: 0, end: 7, oldText: "a\\x.jpg", newText: "a/x.jpg" }),
    },
    {
      name: "a whole Windows list in a CRLF file, one finding per row",
      text: "a\\1.jpg\t1,0,0\r\nb\\2.jpg\t0,1,0\r\nc\\3.jpg\t0,0,1\r\n",
      options: { rules: { "rare-class": "off" } },
      errors: [
        [1, "LL503"],
        [2, "LL503"],
        [3, "LL503"],
      ],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL003", "LL503", "LL503", "LL503"]),
    },
  ],
});

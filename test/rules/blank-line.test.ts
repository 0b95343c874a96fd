import { expect } from "vitest";
import { paddleRows, runRuleTests, spacedRows } from "../rule-tester.js";

const bg = paddleRows(40, 3);
const half = paddleRows(20, 3);
const rest = paddleRows(20, 3, 20);

runRuleTests("blank-line", {
  valid: [
    { name: "an empty file", text: "" },
    { name: "the final newline does not make a blank line", text: bg },
    { name: "a file without a final newline", text: bg.slice(0, -1) },
    { name: "a CRLF file", text: bg.replace(/\n/g, "\r\n") },
    { name: "a path with spaces", text: bg + "my holiday/img 1.jpg\t0,1,0\n" },
    { name: "a spaced file", text: spacedRows(40, 3) },
    { name: "a line with a path and an empty label field (a label-count problem)", text: bg + "x.jpg\t\n" },
  ],
  invalid: [
    {
      name: "a blank line at the end is the only diagnosis",
      text: bg + "\n",
      errors: [[41, "LL004"]],
      only: true,
      fix: "safe",
      message: ["blank line", "IndexError"],
      check: (result, [p]) => {
        expect(p?.fix?.edits).toEqual([{ kind: "drop-line", line: 41, reason: "blank line", notARow: true }]);
        expect(p?.row).toBeUndefined();
        expect(result.rows).toBe(40);
      },
    },
    {
      name: "a whitespace-only line in the middle",
      text: half + "   \n" + rest,
      errors: [[21, "LL004"]],
      only: true,
      message: ["only whitespace"],
    },
    {
      name: "a line of whitespace Python strips but ASCII does not name (NBSP, U+3000, FS): strip() leaves nothing all the same",
      text: half + "\u00a0\u3000\x1c \n" + rest,
      errors: [[21, "LL004"]],
      only: true,
      message: ["only whitespace"],
      check: (_result, [p]) => expect(p?.fix?.edits).toEqual([expect.objectContaining({ kind: "drop-line", line: 21 })]),
    },
    {
      name: "a TAB-only line (a path and labels both missing)",
      text: half + "\t\n" + rest,
      errors: [[21, "LL004"]],
      only: true,
      message: ["only whitespace"],
    },
    {
      name: "a blank first line does not shift the rows after it",
      text: "\n" + bg,
      errors: [[1, "LL004"]],
      only: true,
      check: (result) => {
        expect(result.rows).toBe(40);
        expect(result.stats.validRows).toBe(40);
      },
    },
    {
      name: "each of several blank lines",
      text: half + "\n\n" + rest + "\n",
      errors: [
        [21, "LL004"],
        [22, "LL004"],
        [43, "LL004"],
      ],
      only: true,
    },
    {
      name: "a blank CRLF line is empty, not whitespace (the CR is the line ending)",
      text: (half + "\n" + rest).replace(/\n/g, "\r\n"),
      errors: [[21, "LL004"]],
      message: ["blank line"],
      check: (result) => expect(result.problems.map((p) => p.code).sort()).toEqual(["LL003", "LL004"]),
    },
    {
      name: "a file that is only a newline (and so has no rows)",
      text: "\n",
      errors: [[1, "LL004"]],
      check: (result) => expect(result.problems.map((p) => p.rule).sort()).toEqual(["blank-line", "no-rows"]),
    },
    {
      name: "a whitespace line at the end of a file without a final newline",
      text: bg + "  ",
      errors: [[41, "LL004"]],
      check: (result) => expect(result.problems.map((p) => [p.line, p.code])).toEqual([
        [41, "LL003"],
        [41, "LL004"],
      ]),
    },
    {
      name: "a blank line after a byte-order mark",
      text: "\uFEFF\n" + bg,
      errors: [[1, "LL004"]],
      check: (result) => expect(result.problems.map((p) => p.code).sort()).toEqual(["LL002", "LL004"]),
    },
  ],
});

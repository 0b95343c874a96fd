import { expect } from "vitest";
import type { Problem } from "../../src/types.js";
import { paddleRows, runRuleTests, spacedRows } from "../rule-tester.js";

const bg = paddleRows(40, 3);
const replacements = (p: Problem | undefined): [string, string][] =>
  (p?.fix?.edits ?? []).map((e) => (e.kind === "respell-values" && e.change !== undefined ? [e.change.oldText, e.change.newText] : [e.kind, ""]));

runRuleTests("non-canonical-value", {
  valid: [
    { name: "an empty file", text: "" },
    { name: "a clean file", text: bg },
    { name: "', ' separators (inconsistent-separator)", text: bg + "x.jpg\t0, 1, 0\n" },
    { name: "a 0.5 is not binary in meaning (non-binary-value)", text: bg + "x.jpg\t0,0.5,0\n" },
    { name: "a 2 (non-binary-value)", text: bg + "x.jpg\t0,2,0\n" },
    { name: "a 1.0 on a row of the wrong length (label-count first)", text: bg + "x.jpg\t0,1.0\n" },
  ],
  invalid: [
    {
      name: "1.0 is only a non-canonical value, and the row still counts",
      text: bg + "x.jpg\t0,1.0,0\n",
      errors: [[41, "LL202"]],
      only: true,
      fix: "safe",
      message: ["'1.0' stands for 1", "write '1'"],
      check: (result, [p]) => {
        expect(p?.fix?.edits).toEqual([{ kind: "respell-values", line: 41, change: { start: 8, end: 11, oldText: "1.0", newText: "1" } }]);
        expect(p?.classIndex).toBe(1);
        expect(result.stats.validRows).toBe(41);
      },
    },
    {
      name: "+1",
      text: bg + "x.jpg\t0,+1,0\n",
      errors: [[41, "LL202"]],
      only: true,
      check: (_r, [p]) => expect(replacements(p)).toEqual([["+1", "1"]]),
    },
    {
      name: "a leading zero",
      text: bg + "x.jpg\t0,01,0\n",
      errors: [[41, "LL202"]],
      only: true,
      check: (_r, [p]) => expect(replacements(p)).toEqual([["01", "1"]]),
    },
    {
      name: "0.0 and -0 mean 0",
      text: bg + "x.jpg\t0.0,1,-0\n",
      errors: [[41, "LL202"]],
      only: true,
      message: ["'0.0' stands for 0", "2 such values"],
      check: (_r, [p]) => expect(replacements(p)).toEqual([
        ["0.0", "0"],
        ["-0", "0"],
      ]),
    },
    {
      name: "exponent notation",
      text: bg + "x.jpg\t0,1e0,0\n",
      errors: [[41, "LL202"]],
      only: true,
      check: (_r, [p]) => expect(replacements(p)).toEqual([["1e0", "1"]]),
    },
    {
      name: "booleans in any case, one fix for the whole line",
      text: bg + "x.jpg\tFalse,TRUE,0\n",
      errors: [[41, "LL202"]],
      only: true,
      fix: "safe",
      message: ["'False' stands for 0"],
      check: (_r, [p]) => expect(replacements(p)).toEqual([
        ["False", "0"],
        ["TRUE", "1"],
      ]),
    },
    {
      name: "floats in a spaced file",
      text: spacedRows(40, 3) + "x.jpg 0.0 1.0 0.0\n",
      errors: [[41, "LL202"]],
      only: true,
      message: ["3 such values"],
    },
    {
      name: "a file written as floats has one finding per row",
      text: bg.replace(/\b([01])\b/g, "$1.0"),
      errors: Array.from({ length: 40 }, (_, i): [number, string] => [i + 1, "LL202"]),
      only: true,
      fix: "safe",
      check: (result) => expect(result.stats.validRows).toBe(40),
    },
    {
      name: "a last value 1.0 in a CRLF file",
      text: (bg + "x.jpg\t0,0,1.0\n").replace(/\n/g, "\r\n"),
      errors: [[41, "LL202"]],
      check: (_r, [p]) => expect(replacements(p)).toEqual([["1.0", "1"]]),
    },
    {
      name: "a 1.0 on a last line without a final newline",
      text: bg + "x.jpg\t0,0,1.0",
      errors: [[41, "LL202"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL003", "LL202"]),
    },
  ],
});

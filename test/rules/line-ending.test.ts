import { expect } from "vitest";
import { paddleRows, runRuleTests } from "../rule-tester.js";

const bg = paddleRows(40, 3);
const crlf = (s: string): string => s.replace(/\n/g, "\r\n");

runRuleTests("line-ending", {
  valid: [
    { name: "an empty file", text: "" },
    { name: "an LF file with a final newline", text: bg },
    { name: "a single LF line", text: "a.jpg\t0,1,0\n" },
    { name: "a byte-order mark and LF endings", text: "\uFEFF" + bg },
    { name: "a file that is only a newline", text: "\n" },
  ],
  invalid: [
    {
      name: "CRLF endings are one file finding, and the CR does not reach the labels",
      text: crlf(bg),
      errors: [[1, "LL003"]],
      only: true,
      fix: "safe",
      message: ["CRLF", "40 lines"],
      check: (result, [p]) => {
        expect(p?.fix?.edits).toEqual([{ kind: "file", action: "normalise-line-endings" }]);
        expect(result.stats.validRows).toBe(40);
      },
    },
    {
      name: "mixed endings name the first CRLF line",
      text: paddleRows(20, 3) + crlf(paddleRows(20, 3, 20)),
      errors: [[21, "LL003"]],
      only: true,
      fix: "safe",
      message: ["mixed", "20 CRLF", "20 LF", "line 21"],
    },
    {
      name: "mixed endings count lines grouped by thousands, as every text output does",
      text: paddleRows(1200, 3) + crlf(paddleRows(2, 3, 1200)),
      errors: [[1201, "LL003"]],
      only: true,
      fix: "safe",
      message: ["2 CRLF and 1,200 LF lines"],
    },
    {
      name: "no newline at the end of the file",
      text: bg.slice(0, -1),
      errors: [[40, "LL003"]],
      only: true,
      fix: "safe",
      message: ["no newline at the end"],
      check: (result, [p]) => {
        expect(p?.fix?.edits).toEqual([{ kind: "file", action: "add-final-newline" }]);
        expect(result.stats.validRows).toBe(40);
      },
    },
    {
      name: "CRLF endings and no final newline are two findings",
      text: crlf(bg).slice(0, -2),
      errors: [
        [1, "LL003"],
        [40, "LL003"],
      ],
      only: true,
      message: ["CRLF", "39 lines"],
      check: (_r, problems) => expect(problems[1]?.message).toContain("no newline"),
    },
    {
      name: "a one-line file without a final newline",
      text: "a.jpg\t0,1,0",
      errors: [[1, "LL003"]],
      options: { rules: { "rare-class": "off", "class-without-positives": "off" } },
      only: true,
    },
    {
      name: "a CRLF file with an over-long line is still CRLF, not mixed",
      text: crlf(bg + "x.jpg\t" + "0,".repeat(100) + "0\n"),
      options: { maxLineBytes: 64 },
      errors: [[1, "LL003"]],
      message: ["CRLF", "41 lines"],
      check: (result) => expect(result.problems.map((p) => [p.line, p.code])).toEqual([
        [1, "LL003"],
        [41, "LL005"],
      ]),
    },
    {
      name: "a byte-order mark and CRLF endings",
      text: "\uFEFF" + crlf(bg),
      errors: [[1, "LL003"]],
      check: (result) => expect(result.problems.map((p) => p.code).sort()).toEqual(["LL002", "LL003"]),
    },
  ],
});

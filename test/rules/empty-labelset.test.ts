import { expect } from "vitest";
import { paddleRows, runRuleTests, spacedRows } from "../rule-tester.js";

const bg = paddleRows(40, 3);

runRuleTests("empty-labelset", {
  valid: [
    { name: "an empty file", text: "" },
    { name: "a file where every row has a positive", text: bg },
    { name: "all zeros on a row of the wrong length (label-count)", text: bg + "x.jpg\t0,0\n" },
    { name: "zeros and a bad value (non-binary-value)", text: bg + "x.jpg\t0,0,x\n" },
    { name: "zeros and an empty value (empty-value)", text: bg + "x.jpg\t0,,0,0\n" },
    { name: "the rule turned off", text: bg + "x.jpg\t0,0,0\n", options: { rules: { "empty-labelset": "off" } } },
  ],
  invalid: [
    {
      name: "an all-zero row is a warning without a fix",
      text: bg + "x.jpg\t0,0,0\n",
      errors: [[41, "LL301"]],
      only: true,
      fix: null,
      message: ["no positive label", "none of the 3 classes is 1"],
      check: (result, [p]) => {
        expect(p?.severity).toBe("warn");
        expect(p?.column).toBe(7);
        expect(result.stats.emptyRows).toBe(1);
      },
    },
    {
      name: "zeros spelled as floats",
      text: bg + "x.jpg\t0.0,0,0\n",
      errors: [[41, "LL301"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL202", "LL301"]),
    },
    {
      name: "zeros in a list",
      text: bg + "x.jpg\t[0,0,0]\n",
      errors: [[41, "LL301"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL103", "LL301"]),
    },
    {
      name: "all -1 in a signed file",
      text: paddleRows(40, 3).replace(/\b0\b/g, "-1") + "x.jpg\t-1,-1,-1\n",
      errors: [[41, "LL301"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL203", "LL301"]),
    },
    {
      name: "an all-zero row in a spaced file",
      text: spacedRows(40, 3) + "x.jpg 0 0 0\n",
      errors: [[41, "LL301"]],
      only: true,
    },
    {
      name: "raised to an error by configuration",
      text: bg + "x.jpg\t0,0,0\n",
      options: { rules: { "empty-labelset": "error" } },
      errors: [[41, "LL301"]],
      check: (_r, [p]) => expect(p?.severity).toBe("error"),
    },
    {
      name: "an all-zero row in a CRLF file without a final newline",
      text: (bg + "x.jpg\t0,0,0").replace(/\n/g, "\r\n"),
      errors: [[41, "LL301"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL003", "LL003", "LL301"]),
    },
  ],
});

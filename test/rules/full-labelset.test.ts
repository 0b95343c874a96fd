import { expect } from "vitest";
import { paddleRows, runRuleTests, spacedRows } from "../rule-tester.js";

const bg = paddleRows(40, 3);

runRuleTests("full-labelset", {
  valid: [
    { name: "an empty file", text: "" },
    { name: "a clean file", text: bg },
    { name: "two of three positive", text: bg + "x.jpg\t1,1,0\n" },
    { name: "a single-class file (C=1) with positive rows", text: "a.jpg\t1\nb.jpg\t0\n" },
    { name: "all ones on a short row (label-count)", text: bg + "x.jpg\t1,1\n" },
    { name: "all ones on a long row (label-count)", text: bg + "x.jpg\t1,1,1,1\n" },
    { name: "ones and a bad value (non-binary-value)", text: bg + "x.jpg\t1,1,2\n" },
    { name: "the rule turned off", text: bg + "x.jpg\t1,1,1\n", options: { rules: { "full-labelset": "off" } } },
  ],
  invalid: [
    {
      name: "an all-one row is a warning without a fix",
      text: bg + "x.jpg\t1,1,1\n",
      errors: [[41, "LL302"]],
      only: true,
      fix: null,
      message: ["all 3 labels positive"],
      check: (result, [p]) => {
        expect(p?.severity).toBe("warn");
        expect(result.stats.fullRows).toBe(1);
      },
    },
    {
      name: "ones spelled other ways",
      text: bg + "x.jpg\t1.0,true,+1\n",
      errors: [[41, "LL302"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL202", "LL302"]),
    },
    {
      name: "all ones in a signed file",
      text: paddleRows(40, 3).replace(/\b0\b/g, "-1") + "x.jpg\t1,1,1\n",
      errors: [[41, "LL302"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL203", "LL302"]),
    },
    {
      name: "an all-one row in a spaced file",
      text: spacedRows(40, 3) + "x.jpg 1 1 1\n",
      errors: [[41, "LL302"]],
      only: true,
    },
    {
      name: "an all-one row in a CRLF file",
      text: (bg + "x.jpg\t1,1,1\n").replace(/\n/g, "\r\n"),
      errors: [[41, "LL302"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL003", "LL302"]),
    },
    {
      name: "configured by its code, one finding per row",
      text: bg + "x.jpg\t1,1,1\nx2.jpg\t1,1,1\n",
      options: { rules: { "LL302": "warn" } },
      errors: [
        [41, "LL302"],
        [42, "LL302"],
      ],
      only: true,
    },
  ],
});

import { expect } from "vitest";
import { paddleRows, runRuleTests } from "../rule-tester.js";

const bg = paddleRows(40, 3);
/** 40 rows of C=3 where class 2 is positive in every row. */
const alwaysThird = paddleRows(40, 2).replace(/\n/g, ",1\n");

runRuleTests("class-always-positive", {
  valid: [
    { name: "an empty file", text: "" },
    { name: "no class is always positive", text: bg },
    { name: "a single row says nothing about always", text: "a.jpg\t1,1,1\n" },
    { name: "positive in all rows but one", text: alwaysThird + "x.jpg\t1,0,0\n" },
    { name: "the rule turned off", text: alwaysThird, options: { rules: { "class-always-positive": "off" } } },
  ],
  invalid: [
    {
      name: "a class positive in every row is a warning",
      text: alwaysThird,
      errors: [[null, "LL306"]],
      only: true,
      fix: null,
      message: ["class 2", "all 40 rows", "pos_weight is 0"],
      check: (_r, [p]) => {
        expect(p?.severity).toBe("warn");
        expect(p?.classIndex).toBe(2);
      },
    },
    {
      name: "class names in the message",
      text: alwaysThird,
      options: { classNames: ["cat", "dog", "sky"] },
      errors: [[null, "LL306"]],
      message: ["class 2 'sky'"],
    },
    {
      name: "one finding per always-positive class",
      text: paddleRows(40, 2).replace(/\n/g, ",1,1\n"),
      errors: [
        [null, "LL306"],
        [null, "LL306"],
      ],
      check: (_r, problems) => expect(problems.map((p) => p.classIndex)).toEqual([2, 3]),
    },
    {
      name: "a malformed row where the class is 0 does not count",
      text: alwaysThird + "x.jpg\t1,0\n",
      errors: [[null, "LL306"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL102", "LL306"]),
    },
    {
      name: "always 1 in a signed file",
      text: alwaysThird.replace(/\b0\b/g, "-1"),
      errors: [[null, "LL306"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL203", "LL306"]),
    },
    {
      name: "always positive in a CRLF file without a final newline",
      text: alwaysThird.replace(/\n/g, "\r\n").slice(0, -2),
      errors: [[null, "LL306"]],
      message: ["all 40 rows"],
    },
  ],
});

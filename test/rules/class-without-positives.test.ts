import { expect } from "vitest";
import { paddleRows, runRuleTests } from "../rule-tester.js";

const bg = paddleRows(40, 3);
/** 40 rows of C=3 where class 2 is never positive (classes 0 and 1 have 20 each). */
const noThird = paddleRows(40, 2).replace(/\n/g, ",0\n");

runRuleTests("class-without-positives", {
  valid: [
    { name: "an empty file", text: "" },
    { name: "every class has positives", text: bg },
    { name: "every class has positives, in an eval split", text: bg, options: { split: "eval" } },
    { name: "a class with a single positive is rare, not absent", text: noThird + "x.jpg\t0,0,1\n" },
    { name: "a file with no well-formed row has no class statistics", text: "a.jpg\t0,1\nb.jpg\t1,0\n", options: { numClasses: 3 } },
    { name: "the rule turned off", text: noThird, options: { rules: { "class-without-positives": "off" } } },
    // An empty train list fails through no-rows, once, not once per class.
    { name: "an empty train list with a given class count (no-rows' finding)", text: "", options: { numClasses: 3 } },
  ],
  invalid: [
    {
      name: "a class never positive in a train split is an error",
      text: noThird,
      errors: [[null, "LL305"]],
      only: true,
      fix: null,
      message: ["class 2", "no positive in 40 rows", "pos_weight is undefined"],
      check: (_r, [p]) => {
        expect(p?.severity).toBe("error");
        expect(p?.classIndex).toBe(2);
        expect(p?.line).toBeUndefined();
      },
    },
    {
      name: "in an eval split it is a warning",
      text: noThird,
      options: { split: "eval" },
      errors: [[null, "LL305"]],
      only: true,
      message: ["class 2", "40 eval rows", "AP"],
      check: (result, [p]) => {
        expect(p?.severity).toBe("warn");
        expect(result.errorCount).toBe(0);
      },
    },
    {
      name: "configured as a warning it stays one in a train split",
      text: noThird,
      options: { rules: { "class-without-positives": "warn" } },
      errors: [[null, "LL305"]],
      check: (_r, [p]) => expect(p?.severity).toBe("warn"),
    },
    {
      name: "class names in the message",
      text: noThird,
      options: { classNames: ["cat", "dog", "sky"] },
      errors: [[null, "LL305"]],
      message: ["class 2 'sky'"],
    },
    {
      name: "one finding per class without positives",
      text: paddleRows(40, 1).replace(/\n/g, ",0,0\n"),
      errors: [
        [null, "LL305"],
        [null, "LL305"],
      ],
      check: (_r, problems) => expect(problems.map((p) => p.classIndex)).toEqual([1, 2]),
    },
    {
      name: "a positive on a malformed row does not count",
      text: noThird + "x.jpg\t0,0,1,0\n",
      errors: [[null, "LL305"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL102", "LL305"]),
    },
    {
      name: "a class without positives in a CRLF file",
      text: noThird.replace(/\n/g, "\r\n"),
      errors: [[null, "LL305"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL003", "LL305"]),
    },
    {
      name: "a class without positives in a file with a byte-order mark and no final newline",
      text: "\uFEFF" + noThird.slice(0, -1),
      errors: [[null, "LL305"]],
      message: ["no positive in 40 rows"],
    },
  ],
});

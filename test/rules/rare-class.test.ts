import { describe, expect, it } from "vitest";
import { lintText } from "../../src/engine/lint.js";
import { paddleRows, runRuleTests } from "../rule-tester.js";

const bg = paddleRows(40, 3); // 14, 13, 13 positives
const twenty = paddleRows(20, 3); // 7, 7, 6 positives

runRuleTests("rare-class", {
  valid: [
    { name: "an empty file", text: "" },
    { name: "every class has at least 10 positives", text: bg },
    { name: "exactly 10 positives is enough", text: paddleRows(30, 3) },
    { name: "a class with no positive at all (class-without-positives)", text: paddleRows(40, 2).replace(/\n/g, ",0\n") },
    { name: "a lower threshold", text: twenty, options: { rules: { "rare-class": ["warn", { minPositives: 5 }] } } },
    { name: "the rule turned off", text: twenty, options: { rules: { "rare-class": "off" } } },
  ],
  invalid: [
    {
      name: "every class under 10 positives",
      text: twenty,
      errors: [
        [null, "LL307"],
        [null, "LL307"],
        [null, "LL307"],
      ],
      only: true,
      fix: null,
      message: ["class 0", "only 7 positives in 20 rows", "fewer than 10"],
      check: (_r, problems) => {
        expect(problems.map((p) => p.classIndex)).toEqual([0, 1, 2]);
        expect(problems.map((p) => p.severity)).toEqual(["warn", "warn", "warn"]);
        expect(problems[2]?.message).toContain("only 6 positives");
      },
    },
    {
      name: "one positive is singular",
      text: paddleRows(40, 2).replace(/\n/g, ",0\n") + "x.jpg\t0,0,1\n",
      errors: [[null, "LL307"]],
      only: true,
      message: ["class 2", "only 1 positive in 41 rows"],
    },
    {
      name: "minPositives: 20 as configured",
      text: bg,
      options: { rules: { "rare-class": ["warn", { minPositives: 20 }] } },
      errors: [
        [null, "LL307"],
        [null, "LL307"],
        [null, "LL307"],
      ],
      only: true,
      message: ["only 14 positives in 40 rows", "fewer than 20"],
    },
    {
      name: "raised to an error with options",
      text: twenty,
      options: { rules: { "rare-class": ["error", { minPositives: 7 }] } },
      errors: [[null, "LL307"]],
      message: ["class 2", "fewer than 7"],
      check: (_r, [p]) => expect(p?.severity).toBe("error"),
    },
    {
      name: "class names in the message",
      text: twenty,
      options: { classNames: ["cat", "dog", "sky"] },
      errors: [
        [null, "LL307"],
        [null, "LL307"],
        [null, "LL307"],
      ],
      message: ["class 0 'cat'"],
    },
    {
      name: "positives on malformed rows do not count",
      text: paddleRows(30, 3) + "x.jpg\t1,0\n",
      options: { rules: { "rare-class": ["warn", { minPositives: 11 }] } },
      errors: [
        [null, "LL307"],
        [null, "LL307"],
        [null, "LL307"],
      ],
      message: ["only 10 positives in 30 rows"],
    },
    {
      name: "rare classes in a CRLF file with a byte-order mark",
      text: "\uFEFF" + twenty.replace(/\n/g, "\r\n"),
      errors: [
        [null, "LL307"],
        [null, "LL307"],
        [null, "LL307"],
      ],
    },
  ],
});

describe("LL307 rare-class options", () => {
  it("rejects a minPositives below 1", async () => {
    await expect(lintText(bg, { rules: { "rare-class": ["warn", { minPositives: 0 }] } })).rejects.toMatchObject({ code: "LL_INVALID_OPTION" });
  });

  it("rejects an unknown option", async () => {
    await expect(lintText(bg, { rules: { "rare-class": ["warn", { min: 5 }] } })).rejects.toMatchObject({ code: "LL_INVALID_OPTION" });
  });
});

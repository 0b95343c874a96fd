import { expect } from "vitest";
import { paddleRows, runRuleTests } from "../rule-tester.js";

const train = paddleRows(30, 3); // a third of the rows positive per class
/** 20 eval rows, class 0 positive in `k` of them, the rest class 1; class 2 in all but the last two. */
const evalRows = (k: number) => Array.from({ length: 20 }, (_, i) => `e/${i}.jpg\t${i < k ? "1,0" : "0,1"},${i < 18 ? 1 : 0}`).join("\n") + "\n";

runRuleTests("label-distribution-shift", {
  valid: [
    { name: "the same prevalence", text: paddleRows(30, 3, 100), train },
    { name: "a shift within the default 0.1", text: paddleRows(33, 3, 100), train },
    { name: "a larger threshold", text: evalRows(10), train, options: { rules: { "label-distribution-shift": ["warn", { maxLinf: 0.8 }] } } },
  ],
  invalid: [
    {
      name: "class 2 in every eval row but a third of train rows",
      text: evalRows(10),
      train,
      errors: [[null, "LL403"]],
      only: true,
      fix: null,
      message: ["class 2 is positive in 33.3% of train rows but 90.0% of eval rows: the L∞ prevalence distance 0.567 exceeds 0.1 (3 classes over it)"],
      check: (_r, problems) => expect(problems[0]?.classIndex).toBe(2),
    },
  ],
});

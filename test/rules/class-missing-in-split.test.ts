import { expect } from "vitest";
import { paddleRows, runRuleTests } from "../rule-tester.js";

const train = paddleRows(30, 3);
const noClass2 = paddleRows(20, 2, 100).replace(/\n/g, ",0\n");

runRuleTests("class-missing-in-split", {
  valid: [
    { name: "every class in both splits", text: paddleRows(30, 3, 100), train },
    { name: "a class absent from both splits is class-without-positives", text: noClass2, train: paddleRows(30, 2).replace(/\n/g, ",0\n") },
    { name: "one file alone", text: noClass2 },
    { name: "different class counts are not compared", text: paddleRows(20, 4, 100), train },
  ],
  invalid: [
    {
      name: "a class positive in train, never in eval",
      text: noClass2,
      train,
      errors: [[null, "LL402"]],
      fix: null,
      message: ["class 2 has 10 positives in train (train_list.txt) but none in these 20 eval rows"],
      check: (_r, problems) => {
        expect(problems[0]?.classIndex).toBe(2);
        expect(problems[0]?.severity).toBe("warn");
      },
    },
    {
      name: "a class positive in eval, never in train",
      text: paddleRows(30, 3, 100),
      train: noClass2,
      errors: [[null, "LL402"]],
      message: ["class 2 has 10 positives in eval but none in train (train_list.txt): the model never learns it"],
    },
  ],
});

import { expect } from "vitest";
import { paddleRows, runRuleTests } from "../rule-tester.js";

runRuleTests("no-rows", {
  valid: [
    { name: "a file with rows", text: paddleRows(20, 3) },
    { name: "a file whose only row is broken still has a row (its own finding says what is wrong)", text: "a.jpg\t0,2,1\n", options: { numClasses: 3 } },
  ],
  invalid: [
    {
      name: "an empty file",
      text: "",
      options: { numClasses: 3 },
      errors: [[null, "LL008"]],
      only: true,
      message: ["the file is empty", "PaddleClas builds a dataset of 0 samples"],
      check: (result, [p]) => expect(p?.severity).toBe("error"),
    },
    {
      name: "an empty HashNet list names ImageList's failure",
      text: "",
      options: { format: "spaced", numClasses: 3 },
      errors: [[null, "LL008"]],
      only: true,
      message: ["IndexError on image_list[0]"],
    },
    {
      name: "only a header",
      text: "path\tcat,dog,sky\n",
      errors: [[null, "LL008"]],
      message: ["1 line but no data row"],
    },
    {
      name: "only blank lines and a comment",
      text: "\n# nothing here yet\n\n",
      options: { numClasses: 3 },
      errors: [[null, "LL008"]],
      message: ["3 lines but no data row"],
    },
    {
      name: "an empty spaced list read by the generic reader",
      text: "",
      options: { format: "spaced", consumer: "generic", numClasses: 3 },
      errors: [[null, "LL008"]],
      only: true,
      check: (_r, [p]) => expect(p?.message).toBe("the file is empty: there is no row to train or evaluate on"),
    },
  ],
});

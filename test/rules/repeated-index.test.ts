import { expect } from "vitest";
import { runRuleTests } from "../rule-tester.js";

const OFF = { "rare-class": "off", "class-without-positives": "off", "class-always-positive": "off" } as const;
const indices = { format: "indices", numClasses: 6, rules: OFF } as const;

runRuleTests("repeated-index", {
  valid: [
    { name: "an empty file", text: "", options: indices },
    { name: "each index once", text: "a.jpg\t0,5\nb.jpg\t3,1\n", options: indices },
    { name: "an empty list", text: "a.jpg\t\n", options: indices },
  ],
  invalid: [
    {
      name: "an index listed twice: reported at the repeat, the row kept with the class set once",
      text: "a.jpg\t0,4\nb.jpg\t2,4,2\n",
      options: indices,
      errors: [[2, "LL110"]],
      only: true,
      fix: null,
      message: ["class index 2 is listed more than once"],
      check: (result, [p]) => {
        expect(p).toMatchObject({ column: 11, row: 1, classIndex: 2, severity: "warn" });
        expect(result.stats.validRows).toBe(2);
        expect(result.stats.positives).toEqual([1, 0, 1, 0, 2, 0]);
      },
    },
    {
      name: "three times in a space-separated list",
      text: "a.jpg 4 4 4\n",
      options: indices,
      errors: [
        [1, "LL110"],
        [1, "LL110"],
      ],
    },
    {
      name: "in a json gt_label",
      text: '{"data_list": [\n{"img_path": "a.jpg", "gt_label": [2, 2]}\n]}\n',
      options: { format: "json", numClasses: 3, rules: OFF },
      errors: [[2, "LL110"]],
    },
  ],
});

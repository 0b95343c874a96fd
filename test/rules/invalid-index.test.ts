import { expect } from "vitest";
import { runRuleTests } from "../rule-tester.js";

const OFF = { "rare-class": "off", "class-without-positives": "off", "class-always-positive": "off" } as const;
const indices = { format: "indices", numClasses: 6, rules: OFF } as const;
const json = (entries: string[]) => `{"metainfo": {"classes": ["a", "b", "c"]}, "data_list": [\n${entries.join(",\n")}\n]}\n`;

runRuleTests("invalid-index", {
  valid: [
    { name: "an empty file", text: "", options: indices },
    { name: "indices within 0…C-1", text: "a.jpg\t0,5\nb.jpg\t3\nc.jpg\t\n", options: indices },
    { name: "space-separated indices", text: "a.jpg 0 5\nb.jpg 3\n", options: indices },
    { name: "C inferred from the largest index: nothing is out of range", text: "a.jpg\t0,17\nb.jpg\t3\n", options: { format: "indices", rules: OFF } },
    { name: "a repeated index is repeated-index, not this", text: "a.jpg\t2,2\n", options: indices },
    { name: "json labels within range", text: json(['{"img_path": "a.jpg", "gt_label": [0, 2]}', '{"img_path": "b.jpg", "gt_label": 1}']), options: { format: "json", rules: OFF } },
  ],
  invalid: [
    {
      name: "a 0/1 vector as an mmpretrain gt_label: the advice is about gt_label, not a line format",
      text: json(['{"img_path": "a.jpg", "gt_label": [0, 1, 0]}', '{"img_path": "b.jpg", "gt_label": [1]}']),
      options: { format: "json", rules: OFF },
      errors: [[2, "LL109"]],
      message: ["it is a 0/1 vector, not class indices", "gt_label holds the indices of the positive classes", "mmpretrain reads every value as a class index"],
      check: (_result, [p]) => expect(p?.message).not.toContain("--format paddleclas"),
    },
    {
      name: "an index equal to C",
      text: "a.jpg\t0,4\nb.jpg\t2,6\n",
      options: indices,
      errors: [[2, "LL109"]],
      only: true,
      fix: null,
      message: ["class index 6", "6 classes (0…5)"],
      check: (result, [p]) => {
        expect(p).toMatchObject({ column: 9, length: 1, row: 1, classIndex: 6, source: "b.jpg\t2,6" });
        // The row is left out of the matrix: one valid row, two rows in all.
        expect(result.rows).toBe(2);
        expect(result.stats.validRows).toBe(1);
        expect(result.shape.ok).toBe(false);
      },
    },
    {
      name: "a token that is not an index (a letter, a negative, a decimal)",
      text: "a.jpg\t1,x\nb.jpg -1\nc.jpg\t1.5\n",
      options: indices,
      errors: [
        [1, "LL109"],
        [2, "LL109"],
        [3, "LL109"],
      ],
      message: ["'x' is not a class index"],
    },
    {
      name: "a multi-hot row read as indices says which format to use",
      text: "a.jpg\t0,1,0,0,1,0\n",
      options: indices,
      errors: [[1, "LL109"]],
      only: true,
      message: ["all 0 or 1", "--format paddleclas"],
    },
    {
      name: "a json label out of range, at the entry's line and index",
      text: json(['{"img_path": "a.jpg", "gt_label": [0]}', '{"img_path": "b.jpg", "gt_label": [1, 3]}']),
      options: { format: "json", rules: OFF },
      errors: [[3, "LL109"]],
      check: (_result, [p]) => expect(p?.row).toBe(1),
    },
    {
      name: "a negative json label",
      text: json(['{"img_path": "a.jpg", "gt_label": [-1]}']),
      options: { format: "json", rules: OFF },
      errors: [[2, "LL109"]],
      message: ["class index -1 is out of range", "F.one_hot raises"],
    },
    {
      name: "CRLF lines keep their line numbers",
      text: "a.jpg\t0\r\nb.jpg\t9\r\n",
      options: indices,
      errors: [[2, "LL109"]],
    },
  ],
});

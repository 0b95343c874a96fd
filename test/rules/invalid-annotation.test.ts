import { expect } from "vitest";
import { runRuleTests } from "../rule-tester.js";

const OFF = { "rare-class": "off", "class-without-positives": "off", "class-always-positive": "off" } as const;
const json = { format: "json", rules: OFF } as const;

runRuleTests("invalid-annotation", {
  valid: [
    { name: "an empty data_list (an empty list is no-rows' finding)", text: '{"metainfo": {}, "data_list": []}', options: json },
    {
      name: "a pretty-printed file with class names",
      text: '{\n  "metainfo": {"classes": ["a", "b"]},\n  "data_list": [\n    {"img_path": "x.jpg", "gt_label": [0, 1]},\n    {"img_path": "y.jpg", "gt_label": []}\n  ]\n}\n',
      options: json,
    },
    { name: "a single index as gt_label, and extra keys", text: '{"metainfo": {}, "data_list": [{"img_path": "x.jpg", "gt_label": 0, "width": 640}], "extra": 1}', options: json },
    { name: "a byte-order mark before the object", text: '\uFEFF{"metainfo": {}, "data_list": [{"img_path": "x.jpg", "gt_label": [0]}]}', options: json },
  ],
  invalid: [
    {
      name: "a syntax error, at its line and column",
      text: '{\n  "data_list": [\n    {"img_path": "x.jpg", "gt_label": [0]}\n    {"img_path": "y.jpg", "gt_label": [1]}\n  ]\n}\n',
      options: json,
      errors: [[4, "LL111"]],
      only: true,
      fix: null,
      message: ["not valid JSON"],
      check: (result, [p]) => {
        expect(p?.column).toBe(5);
        expect(result.rows).toBe(0);
      },
    },
    {
      name: "an empty file is not JSON",
      text: "",
      options: json,
      errors: [[1, "LL111"]],
    },
    {
      name: "no data_list",
      text: '{"metainfo": {"classes": ["a"]}}',
      options: json,
      errors: [[1, "LL111"]],
      message: ["(root) needs 'data_list'"],
    },
    {
      name: "entries without gt_label or with a string label, by JSON path and entry line",
      text: '{"metainfo": {}, "data_list": [\n{"img_path": "x.jpg", "gt_label": [0]},\n{"img_path": "y.jpg"},\n{"img_path": 7, "gt_label": ["sky"]}\n]}\n',
      options: { ...json, numClasses: 2 },
      errors: [
        [3, "LL111"],
        [4, "LL111"],
        [4, "LL111"],
      ],
      message: ["data_list[1] needs 'gt_label'"],
      check: (result, problems) => {
        expect(problems.map((p) => p.row)).toEqual([1, 2, 2]);
        expect(problems.map((p) => p.message.split(" (")[0])).toEqual(["data_list[1] needs 'gt_label'", "data_list[2].img_path must be a string", "data_list[2].gt_label[0] must be a number or boolean"]);
        // The broken entries are left out; the good one is a row.
        expect(result.rows).toBe(3);
        expect(result.stats.validRows).toBe(1);
      },
    },
  ],
});

import { defineRule } from "./helpers.js";

/** Reported by the `json` reader (src/readers/json.ts), against schemas/mmpretrain-annotation.schema.json. */
export default defineRule({
  meta: {
    code: "LL111",
    name: "invalid-annotation",
    defaultSeverity: "error",
    scope: "line",
    description: "An mmpretrain annotation file that is not valid JSON, does not have the annotation file's structure, or writes a key twice in one object (JSON readers keep the last).",
    messages: {
      syntax: "not valid JSON: {{detail}}",
      pythonLimit: "valid JSON that Python's json reader cannot read: {{detail}}",
      schema: "{{path}} {{problem}} (mmpretrain annotation: data_list[].img_path is a string, data_list[].gt_label a list of class indices)",
      extension: "the annotation file's name ({{name}}) does not end in .json",
      classes: "{{path}} {{problem}}, so the class names are not taken from it",
      gtScoreMixed: "{{scored}} of {{entries}} entries have gt_score and the others do not (data_list[{{index}}] {{has}})",
      gtScore: "gt_score {{problem}}",
      duplicateKey: "{{path}} is written again in the same object (first at {{first}})",
      duplicateDataList: "data_list is written again (first at {{first}}, with {{entries}})",
    },
    fix: { availability: "none", applicability: "none" },
    formats: ["json"],
  },
  create() {
    return {};
  },
});

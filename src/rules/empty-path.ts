import { Verdict } from "../readers/row.js";
import { defineRule } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL501",
    name: "empty-path",
    defaultSeverity: "error",
    scope: "line",
    description: "A row with labels but no image path.",
    messages: {
      empty: "row has labels but no image path",
    },
    fix: { availability: "none", applicability: "none" },
  },
  create(ctx) {
    return {
      rowVerdicts: [Verdict.EmptyPath],
      row(row) {
        ctx.reportLine(row, { messageId: "empty", span: [row.start, row.start + 1] });
      },
    };
  },
});

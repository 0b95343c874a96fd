import { Verdict } from "../readers/row.js";
import { defineRule, excerpt, fix } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL007",
    name: "comment-line",
    defaultSeverity: "error",
    scope: "line",
    description: "A `#` comment line in a label list, a format with no comments.",
    messages: {
      comment: "line is a comment ('{{text}}'), not a row",
    },
    fix: { availability: "always", applicability: "safe" },
  },
  create(ctx) {
    return {
      rowVerdicts: [Verdict.Comment],
      row(row) {
        ctx.reportLine(row, {
          messageId: "comment",
          data: { text: excerpt(row, row.start, row.end) },
          span: [row.start, row.end],
          fix: fix("safe", "drop the comment line", [{ kind: "drop-line", line: row.line, reason: "comment line", notARow: true }]),
        });
      },
    };
  },
});

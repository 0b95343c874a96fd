import { Verdict } from "../readers/row.js";
import { defineRule, fix } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL004",
    name: "blank-line",
    defaultSeverity: "error",
    scope: "line",
    description: "An empty or whitespace-only line.",
    messages: {
      empty: "blank line",
      whitespace: "line holds only whitespace",
    },
    fix: { availability: "always", applicability: "safe", fixer: "rewriter" },
  },
  create(ctx) {
    return {
      rowVerdicts: [Verdict.Blank],
      row(row) {
        ctx.reportLine(row, {
          messageId: row.end === row.start ? "empty" : "whitespace",
          fix: fix("safe", "drop the blank line", [{ kind: "drop-line", line: row.line, reason: "blank line", notARow: true }]),
        });
      },
    };
  },
});

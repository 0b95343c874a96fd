import { RowFeature, Verdict } from "../readers/row.js";
import { defineRule, fix } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL501",
    name: "empty-path",
    defaultSeverity: "error",
    scope: "line",
    description: "A row with labels but no image path (or a TAB before its path, which leaves the first field empty).",
    messages: {
      empty: "row has labels but no image path",
      leadingTab: "a TAB comes before the image path '{{path}}': split on TABs, the line's first field (the path) is empty",
    },
    fix: { availability: "sometimes", applicability: "safe" },
  },
  create(ctx) {
    return {
      rowVerdicts: [Verdict.EmptyPath, Verdict.Ok, Verdict.LabelCount, Verdict.IndexLabels],
      rowFeatures: RowFeature.Path,
      row(row) {
        if (row.verdict === Verdict.EmptyPath) ctx.reportLine(row, { messageId: "empty", span: [row.start, row.start + 1] });
        else if (row.leadingTab) {
          // What PaddleClas reads (strip() first), written so that every reader reads it.
          ctx.reportLine(row, {
            messageId: "leadingTab",
            data: { path: row.buf.toString("utf8", row.pathStart, row.pathEnd) },
            span: [row.start, row.pathStart],
            fix: fix("safe", "remove the whitespace before the path", [{ kind: "normalise-path", line: row.line, how: "drop-leading-space", change: ctx.change(row, row.start, row.pathStart, "") }]),
          });
        }
      },
    };
  },
});

import { RowFeature, Verdict } from "../readers/row.js";
import { defineRule } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL301",
    name: "empty-labelset",
    defaultSeverity: "warn",
    scope: "line",
    description: "A row with no positive label (all zeros).",
    messages: {
      empty: "row has no positive label (none of the {{C}} classes is 1): a true negative, or an annotation that was lost",
    },
    fix: { availability: "none", applicability: "none", fixer: "keepsRow" },
  },
  create(ctx) {
    return {
      rowVerdicts: [Verdict.Ok],
      rowFeatures: RowFeature.NoPositive,
      row(row) {
        if (!row.valid || row.numOnes !== 0) return;
        ctx.reportLine(row, { messageId: "empty", data: { C: ctx.facts.numClasses }, span: [row.labelsStart, row.labelsEnd] });
      },
    };
  },
});

import { RowFeature, Verdict } from "../readers/row.js";
import { defineRule } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL302",
    name: "full-labelset",
    defaultSeverity: "warn",
    scope: "line",
    description: "A row with every label positive (all ones).",
    messages: {
      full: "row has all {{C}} labels positive: usually a filler or export bug, not a real annotation",
    },
    fix: { availability: "none", applicability: "none", fixer: "keepsRow" },
  },
  create(ctx) {
    const C = ctx.facts.numClasses;
    return {
      rowVerdicts: [Verdict.Ok],
      rowFeatures: RowFeature.AllPositive,
      row(row) {
        if (!row.valid || C < 2 || row.numOnes !== C) return;
        ctx.reportLine(row, { messageId: "full", data: { C }, span: [row.labelsStart, row.labelsEnd] });
      },
    };
  },
});

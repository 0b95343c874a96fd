import { Verdict } from "../readers/row.js";
import { defineRule } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL102",
    name: "label-count",
    defaultSeverity: "error",
    scope: "line",
    description: "A row with k ≠ C label values: the labels do not form an [N, C] matrix.",
    messages: {
      count: "row has {{k}} label value{{s}}, expected {{C}}",
      none: "row has no label values, expected {{C}}",
    },
    fix: { availability: "none", applicability: "none" },
  },
  create(ctx) {
    return {
      rowVerdicts: [Verdict.LabelCount],
      row(row) {
        if (row.verdict !== Verdict.LabelCount) return;
        // A file whose rows are all another width is one class-count-mismatch finding, not one per row.
        if (row.k === ctx.facts.dataWidth?.width) return;
        const C = ctx.facts.numClasses;
        ctx.reportLine(row, {
          messageId: row.k === 0 ? "none" : "count",
          data: { k: row.k, C, s: row.k === 1 ? "" : "s" },
          span: [row.labelsStart, Math.max(row.labelsEnd, row.labelsStart + 1)],
        });
      },
    };
  },
});

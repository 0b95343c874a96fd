import { RowFeature, Verdict } from "../readers/row.js";
import { defineRule, excerpt, fix } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL105",
    name: "extra-field",
    defaultSeverity: "warn",
    scope: "line",
    description: "Fields after the label field (PaddleClas ignores them silently).",
    messages: {
      extra: "text after the labels ('{{extra}}')",
    },
    fix: { availability: "always", applicability: "unsafe" },
  },
  create(ctx) {
    return {
      rowVerdicts: [Verdict.Ok, Verdict.LabelCount, Verdict.IndexLabels],
      rowFeatures: RowFeature.Values,
      row(row) {
        if (row.extraStart < 0) return;
        ctx.reportLine(row, {
          messageId: "extra",
          data: { extra: excerpt(row, row.extraStart + 1, row.end) },
          span: [row.extraStart, row.end],
          fix: fix("unsafe", "drop the fields after the labels", [{ kind: "drop-extra-fields", line: row.line, change: ctx.change(row, row.extraStart, row.end, "") }]),
        });
      },
    };
  },
});

import { RowFeature, Verdict } from "../readers/row.js";
import { defineRule, fix } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL503",
    name: "backslash-path",
    defaultSeverity: "warn",
    scope: "line",
    description: "An image path with Windows `\\` separators (as in NUS-WIDE's ImageList).",
    messages: {
      backslash: "image path '{{path}}' uses '\\' separators",
    },
    fix: { availability: "always", applicability: "safe" },
  },
  create(ctx) {
    return {
      rowVerdicts: [Verdict.Ok, Verdict.LabelCount, Verdict.IndexLabels],
      rowFeatures: RowFeature.Path,
      row(row) {
        if (!row.pathBackslash) return;
        const path = row.buf.toString("utf8", row.pathStart, row.pathEnd);
        ctx.reportLine(row, {
          messageId: "backslash",
          data: { path },
          span: [row.pathStart, row.pathEnd],
          fix: fix("safe", "use '/' in the path", [{ kind: "normalise-path", line: row.line, how: "slashes", change: ctx.change(row, row.pathStart, row.pathEnd, path.replace(/\\/g, "/")) }]),
        });
      },
    };
  },
});

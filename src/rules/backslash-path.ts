import { RowFeature, Verdict } from "../readers/row.js";
import { defineRule, fix } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL503",
    name: "backslash-path",
    defaultSeverity: "warn",
    scope: "line",
    description:
      "An image path with Windows `\\` separators (as in NUS-WIDE's ImageList). With --check-images, a path naming a file whose name holds the `\\` (a Windows archive unpacked on Linux) is what the consumer opens: a warning, without a fix.",
    messages: {
      backslash: "image path '{{path}}' uses '\\' separators",
      asWritten: "image path '{{path}}' uses '\\' separators, and a file of that very name, '\\' in it, exists under the image root",
    },
    fix: { availability: "sometimes", applicability: "safe" },
  },
  create(ctx) {
    return {
      rowVerdicts: [Verdict.Ok, Verdict.LabelCount, Verdict.IndexLabels],
      rowFeatures: RowFeature.Path,
      row(row) {
        if (!row.pathBackslash) return;
        const path = row.buf.toString("utf8", row.pathStart, row.pathEnd);
        if (row.pathAsWritten) {
          // That file is the image; '/' would name another (or none): no fix.
          ctx.reportLine(row, { messageId: "asWritten", data: { path }, span: [row.pathStart, row.pathEnd] });
          return;
        }
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

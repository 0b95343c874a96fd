import { RowFeature, TokenKind, Verdict } from "../readers/row.js";
import { defineRule, fix } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL104",
    name: "empty-value",
    defaultSeverity: "error",
    scope: "line",
    description: "An empty label value (`0,,1`) or a trailing separator (`0,1,`).",
    messages: {
      empty: "empty label value at position {{position}}{{more}}",
      trailing: "trailing '{{separator}}' after the last label value",
      unknown: "empty label value at position {{position}}{{more}}, declared unknown (labels.unknown)",
    },
    fix: { availability: "sometimes", applicability: "safe" },
  },
  create(ctx) {
    return {
      rowVerdicts: [Verdict.Ok],
      rowFeatures: RowFeature.Values,
      row(row) {
        const empties = row.count(TokenKind.Empty);
        if (empties > 0) {
          const at = row.firstStart[TokenKind.Empty]!;
          ctx.reportLine(row, {
            messageId: ctx.facts.unknown?.empty ? "unknown" : "empty",
            data: { position: row.firstOfKind[TokenKind.Empty]! + 1, more: empties > 1 ? ` (${empties} empty values on this line)` : "" },
            span: [at, at + 1],
            classIndex: row.firstOfKind[TokenKind.Empty]!,
          });
          return;
        }
        // `[0,1,0,]` is a Python list with a trailing comma: nested-labels' flattening fix covers it.
        if (row.trailingSepStart >= 0 && row.nested === 0) {
          const separator = row.buf.toString("utf8", row.trailingSepStart, row.labelsEnd);
          ctx.reportLine(row, {
            messageId: "trailing",
            data: { separator: separator.trim() === "" ? " " : separator.trim() },
            span: [row.trailingSepStart, row.labelsEnd],
            fix: fix("safe", "remove the trailing separator", [{ kind: "respell-values", line: row.line, change: ctx.change(row, row.trailingSepStart, row.labelsEnd, "") }]),
          });
        }
      },
    };
  },
});

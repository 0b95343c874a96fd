import { RowFeature, Verdict } from "../readers/row.js";
import type { FixEdit } from "../types.js";
import { canonicalLabels, defineRule, fix } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL103",
    name: "nested-labels",
    defaultSeverity: "error",
    scope: "line",
    description: "Labels wrapped as [...] or [[...]] (a Python list written as text).",
    messages: {
      nested: "labels are wrapped in […] (a Python list written as text); write the values flat",
      doubly: "labels are wrapped in [[…]] (a nested Python list written as text); write the values flat",
    },
    fix: { availability: "always", applicability: "safe" },
  },
  create(ctx) {
    return {
      rowVerdicts: [Verdict.Ok],
      rowFeatures: RowFeature.Values,
      row(row) {
        if (row.nested === 0) return;
        const edits = (): FixEdit[] => {
          const flat = canonicalLabels(row, ctx.facts);
          // With a value that is not 0/1 only the brackets go (the value is another rule's finding).
          const changes =
            flat !== undefined
              ? [ctx.change(row, row.labelsStart, row.labelsEnd, flat)]
              : [ctx.change(row, row.labelsStart, row.labelsStart + row.nested, ""), ctx.change(row, endOfValues(row), row.labelsEnd, "")];
          return changes.map((change) => ({ kind: "respell-values", line: row.line, change }));
        };
        ctx.reportLine(row, {
          messageId: row.nested === 2 ? "doubly" : "nested",
          span: [row.labelsStart, row.labelsStart + row.nested],
          fix: () => fix("safe", "remove the brackets", edits()),
        });
      },
    };
  },
});


/** Offset just after the last value, before the closing brackets. */
function endOfValues(row: { buf: Buffer; labelsEnd: number; labelsStart: number }): number {
  let p = row.labelsEnd;
  while (p > row.labelsStart && (row.buf[p - 1] === 32 || row.buf[p - 1] === 9 || row.buf[p - 1] === 93)) p--;
  return p;
}

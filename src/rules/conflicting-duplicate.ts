import type { FixEdit } from "../types.js";
import { defineRule, fix } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL304",
    name: "conflicting-duplicate",
    defaultSeverity: "error",
    scope: "line",
    description: "The same image listed again with different labels.",
    messages: {
      conflict: "'{{path}}' is also on line {{first}}{{as}} with different labels",
    },
    fix: { availability: "sometimes", applicability: "unsafe" },
  },
  create(ctx) {
    return {
      end() {
        for (const d of ctx.dataset.duplicates) {
          if (d.sameLabels) continue;
          let merge;
          const first = ctx.placeOf(d.firstLine);
          if (d.mergedLabels !== undefined) {
            const [start, end] = d.firstLabels;
            const edits: FixEdit[] = [
              {
                kind: "set-values",
                line: d.firstLine,
                row: d.firstRow,
                values: d.mergedLabels.split(/[ ,]/).map(Number),
                change: { start, end, oldText: d.firstSource.slice(start, end), newText: d.mergedLabels },
              },
              { kind: "drop-line", line: d.line, row: d.row, reason: `merged into line ${first}`, notARow: false },
            ];
            merge = fix("unsafe", `merge the labels into line ${first} (OR) and drop this copy`, edits);
          }
          ctx.report({
            messageId: "conflict",
            data: { path: d.path, first, as: d.firstPath !== undefined ? ` as '${d.firstPath}' (the same file, spelled differently)` : "" },
            line: d.line,
            row: d.row,
            column: 1,
            source: d.source,
            ...(merge !== undefined ? { fix: merge } : {}),
          });
        }
      },
    };
  },
});

import { defineRule, fix } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL303",
    name: "duplicate-path",
    defaultSeverity: "warn",
    scope: "line",
    description: "The same image listed again with the same labels.",
    messages: {
      duplicate: "'{{path}}' is already listed on line {{first}}{{as}} with the same labels: it counts twice in training",
    },
    fix: { availability: "always", applicability: "safe" },
  },
  create(ctx) {
    return {
      end() {
        for (const d of ctx.dataset.duplicates) {
          if (!d.sameLabels) continue;
          const first = ctx.placeOf(d.firstLine);
          ctx.report({
            messageId: "duplicate",
            data: { path: d.path, first, as: d.firstPath !== undefined ? ` as '${d.firstPath}' (the same file, spelled differently)` : "" },
            line: d.line,
            row: d.row,
            column: 1,
            source: d.source,
            fix: fix("safe", `drop the copy of line ${first}`, [{ kind: "drop-line", line: d.line, row: d.row, reason: `duplicate of line ${first}`, notARow: false, of: { line: d.firstLine, row: d.firstRow } }]),
          });
        }
      },
    };
  },
});

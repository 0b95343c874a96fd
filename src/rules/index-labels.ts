import { FirstAndCount } from "../engine/api.js";
import { Verdict } from "../readers/row.js";
import { defineRule, fix, joinValues, tokensOf } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL107",
    name: "index-labels",
    defaultSeverity: "error",
    scope: "line/file",
    description: "Class indices where a multi-hot vector is expected.",
    messages: {
      file: "rows list class indices, not {{C}} 0/1 values ({{rows}} of {{total}} rows, first on line {{first}})",
      indices: "row lists class indices ({{indices}}) instead of {{C}} 0/1 values",
    },
    fix: { availability: "always", applicability: "unsafe" },
  },
  create(ctx) {
    // A file of index lists is one finding (like signed-encoding), not an error per line.
    const seen = new FirstAndCount();
    return {
      partial: seen,
      end() {
        const { count: rows, first } = seen;
        if (!ctx.facts.indexFile || rows === 0) return;
        ctx.report({
          messageId: "file",
          data: { C: ctx.facts.numClasses, rows, total: ctx.dataset.rows, first: ctx.lineOf(first) },
          line: first,
          fix: fix("unsafe", `convert every index list to a ${ctx.facts.numClasses}-value multi-hot vector`, [
            { kind: "file", action: "indices-to-multi-hot" },
          ]),
        });
      },
      rowVerdicts: [Verdict.IndexLabels],
      row(row) {
        if (ctx.facts.indexFile) {
          seen.add(row.line);
          return;
        }
        const C = ctx.facts.numClasses;
        const indices = tokensOf(row, ctx.facts).map((t) => t.value);
        ctx.reportLine(row, {
          messageId: "indices",
          data: () => ({ indices: indices.length > 8 ? `${indices.slice(0, 8).join(", ")}, …` : indices.join(", "), C }),
          span: [row.labelsStart, row.labelsEnd],
          fix: () => {
            const hot = new Array<number>(C).fill(0);
            for (const i of indices) hot[i] = 1;
            return fix("unsafe", `convert the indices to a ${C}-value multi-hot vector`, [
              { kind: "set-values", line: row.line, values: hot, change: ctx.change(row, row.labelsStart, row.labelsEnd, joinValues(hot, ctx.facts)) },
            ]);
          },
        });
      },
    };
  },
});

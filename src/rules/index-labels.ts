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
      indices: "row lists class indices ({{indices}}) instead of {{C}} 0/1 values: read as multi-hot it has the wrong length and non-binary values",
    },
    fix: { availability: "always", applicability: "unsafe" },
  },
  create(ctx) {
    return {
      row(row) {
        if (row.verdict !== Verdict.IndexLabels) return;
        const C = ctx.facts.numClasses;
        const indices = tokensOf(row, ctx.facts).map((t) => t.value);
        const hot = new Array<number>(C).fill(0);
        for (const i of indices) hot[i] = 1;
        const shown = indices.length > 8 ? `${indices.slice(0, 8).join(", ")}, …` : indices.join(", ");
        ctx.reportLine(row, {
          messageId: "indices",
          data: { indices: shown, C },
          span: [row.labelsStart, row.labelsEnd],
          fix: fix("unsafe", `convert the indices to a ${C}-value multi-hot vector`, [
            ctx.replace(row, row.labelsStart, row.labelsEnd, joinValues(hot, ctx.facts)),
          ]),
        });
      },
    };
  },
});

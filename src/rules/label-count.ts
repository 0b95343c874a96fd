import { Verdict } from "../readers/row.js";
import { pythonInt } from "../text/python.js";
import { TokenKind } from "../readers/row.js";
import { defineRule, excerpt, tokensOf } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL102",
    name: "label-count",
    defaultSeverity: "error",
    scope: "line",
    description: "A row with k ≠ C label values: the labels do not form an [N, C] matrix.",
    messages: {
      count: "row has {{k}} label value{{s}}, expected {{C}}",
      first: "the first row has 1 label value, expected {{C}}",
      unreadable: "row has {{k}} label value{{s}}, expected {{C}}, and '{{value}}' is not an integer",
      none: "row has no label values, expected {{C}}",
      noClasses: "row has no label values, and no row of the file has any: there is no class to learn (give --num-classes if the file should have some)",
    },
    fix: { availability: "none", applicability: "none" },
  },
  create(ctx) {
    return {
      rowVerdicts: [Verdict.LabelCount],
      row(row) {
        // A file whose rows are all another width is one class-count-mismatch finding, not one per row.
        if (row.k === ctx.facts.dataWidth?.width) return;
        const C = ctx.facts.numClasses;
        // A value that is not an integer (two rows run together, a word) fails a reader before any width does.
        const unreadable = row.k === 0 ? undefined : tokensOf(row, ctx.facts).find((t) => t.kind !== TokenKind.Zero && t.kind !== TokenKind.One && pythonInt(row.buf.toString("utf8", t.start, t.end)) === undefined);
        ctx.reportLine(row, {
          // A spaced list's first row with one value: HashNet then reads the whole list as single-label.
          messageId: row.k === 0 ? (C === 0 ? "noClasses" : "none") : unreadable !== undefined ? "unreadable" : row.first && row.k === 1 && C > 1 && ctx.facts.format === "spaced" ? "first" : "count",
          data: { k: row.k, C, s: row.k === 1 ? "" : "s", value: unreadable !== undefined ? excerpt(row, unreadable.start, unreadable.end, 20) : "" },
          span: [row.labelsStart, Math.max(row.labelsEnd, row.labelsStart + 1)],
        });
      },
    };
  },
});

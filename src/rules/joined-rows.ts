import { gluedRows } from "../readers/joined.js";
import { Row, TokenKind, Verdict } from "../readers/row.js";
import { joinShapeOf } from "../engine/classify.js";
import { defineRule, excerpt, fix, formatOf } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL114",
    name: "joined-rows",
    defaultSeverity: "error",
    scope: "line",
    description: "Two rows on one line, the line break between them missing (a list without its final newline joined to the next by cat): the seam reads as one value that is not a number.",
    messages: {
      glued: "two rows on one line: the line break before '{{path}}' is missing",
    },
    fix: { availability: "always", applicability: "safe" },
  },
  create(ctx) {
    const format = formatOf(ctx.facts);
    const second = new Row();
    return {
      rowVerdicts: [Verdict.JoinedRows],
      row(row) {
        const join = gluedRows(row, joinShapeOf(ctx.facts, format));
        if (join === undefined) return;
        const valueStart = row.firstStart[TokenKind.Invalid]!;
        const valueEnd = row.firstEnd[TokenKind.Invalid]!;
        // The second row's path, as the format reads it.
        second.reset(row.buf, join.secondStart, row.end, row.line);
        format.parse(second);
        ctx.reportLine(row, {
          messageId: "glued",
          data: { path: excerpt(row, second.pathStart, second.pathEnd, 60), value: excerpt(row, valueStart, valueEnd, 30) },
          span: [valueStart, valueEnd],
          fix: fix("safe", "put the line break back: each row on its own line", [{ kind: "split-row", line: row.line, change: ctx.change(row, join.firstEnd, join.secondStart, "\n") }]),
        });
      },
    };
  },
});

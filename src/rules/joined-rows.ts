import { gluedRows } from "../readers/joined.js";
import { TokenKind, Verdict } from "../readers/row.js";
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
    return {
      rowVerdicts: [Verdict.JoinedRows],
      row(row) {
        const join = gluedRows(row, joinShapeOf(ctx.facts, formatOf(ctx.facts)));
        if (join === undefined) return;
        const valueStart = row.firstStart[TokenKind.Invalid]!;
        const valueEnd = row.firstEnd[TokenKind.Invalid]!;
        // The second row's path: up to its separator (a TAB, or the whitespace of a spaced list).
        let pathEnd = join.secondStart;
        const sep = formatOf(ctx.facts).pathSeparator === "\t" ? (b: number) => b === 9 : (b: number) => b === 32 || b === 9 || (b >= 11 && b <= 13) || (b >= 0x1c && b <= 0x1f);
        while (pathEnd < row.end && !sep(row.buf[pathEnd]!)) pathEnd++;
        ctx.reportLine(row, {
          messageId: "glued",
          data: { path: excerpt(row, join.secondStart, pathEnd, 60), value: excerpt(row, valueStart, valueEnd, 30) },
          span: [valueStart, valueEnd],
          fix: fix("safe", "put the line break back: each row on its own line", [{ kind: "split-row", line: row.line, change: ctx.change(row, join.firstEnd, join.secondStart, "\n") }]),
        });
      },
    };
  },
});

import { gluedRows, joinedRows } from "../readers/joined.js";
import { Row, TokenKind, Verdict } from "../readers/row.js";
import { joinShapeOf } from "../engine/classify.js";
import { defineRule, excerpt, fix, formatOf } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL114",
    name: "joined-rows",
    defaultSeverity: "error",
    scope: "line",
    description: "Two or more rows on one line, the line breaks between them missing (a list without its final newline joined to the next by cat): each seam reads as one value that is not a number.",
    messages: {
      glued: "two rows on one line: the line break before '{{path}}' is missing",
      gluedMany: "{{n}} rows on one line: the line breaks before {{paths}} are missing",
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
        // Each later row's path, as the format reads it.
        const paths = joinedRows(join, row.start, row.end)
          .slice(1)
          .map(([start, end]) => {
            second.reset(row.buf, start, end, row.line);
            format.parse(second);
            return excerpt(row, second.pathStart, second.pathEnd, 60);
          });
        // One change from the first seam to the last: the text between them, each seam a line break.
        const from = join.seams[0]!.end;
        const to = join.seams[join.seams.length - 1]!.start;
        const between = joinedRows(join, from, to)
          .map(([a, b]) => row.buf.toString("utf8", a, b))
          .join("\n");
        const value = excerpt(row, valueStart, valueEnd, 30);
        const quoted = paths.map((p) => `'${p}'`);
        const named = quoted.length <= 3 ? `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}` : `${quoted.slice(0, 2).join(", ")} and ${quoted.length - 2} more`;
        ctx.reportLine(row, {
          ...(paths.length === 1 ? { messageId: "glued", data: { path: paths[0]!, value } } : { messageId: "gluedMany", data: { n: paths.length + 1, paths: named, value } }),
          span: [valueStart, valueEnd],
          fix: fix("safe", `put the line break${join.seams.length > 1 ? "s" : ""} back: each row on its own line`, [{ kind: "split-row", line: row.line, change: ctx.change(row, from, to, between) }]),
        });
      },
    };
  },
});

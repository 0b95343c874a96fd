import { Verdict } from "../readers/row.js";
import type { Row } from "../readers/row.js";
import { defineRule, excerpt, fix } from "./helpers.js";

/** The header's first label field, as a reader that expects a number meets it. */
function firstValue(row: Row): string {
  const labels = row.hasSeparator ? row.buf.toString("utf8", row.labelsStart, row.labelsEnd) : row.buf.toString("utf8", row.start, row.end).replace(/^\S+\s*/, "");
  const first = labels.split(/[,\s]+/).find((t) => t !== "") ?? labels;
  return first.length > 20 ? `${first.slice(0, 19)}…` : first;
}

export default defineRule({
  meta: {
    code: "LL006",
    name: "header-row",
    defaultSeverity: "warn",
    scope: "file",
    description: "The first line is a header in a format that has none.",
    messages: {
      header: "first line is a header ('{{text}}'), not data",
      headerNames: "first line is a header naming {{count}} classes, not data; drop it (the names are kept as class names)",
    },
    fix: { availability: "always", applicability: "safe" },
  },
  create(ctx) {
    return {
      rowVerdicts: [Verdict.Header],
      row(row) {
        const names = row.k === ctx.facts.numClasses && row.k > 1;
        ctx.reportLine(row, {
          messageId: names ? "headerNames" : "header",
          data: { text: excerpt(row, row.start, row.end), count: row.k, first: firstValue(row) },
          fix: fix("safe", "drop the header line", [{ kind: "drop-line", line: row.line, reason: "header row", notARow: true }]),
        });
      },
    };
  },
});

import { Verdict } from "../readers/row.js";
import { defineRule, excerpt, fix } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL006",
    name: "header-row",
    defaultSeverity: "warn",
    scope: "file",
    description: "The first line is a header in a format that has none.",
    messages: {
      header: "first line is a header ('{{text}}'), not data: PaddleClas would read it as an image with labels",
      headerNames: "first line is a header naming {{count}} classes, not data; drop it (the names are kept as class names)",
    },
    fix: { availability: "always", applicability: "safe" },
  },
  create(ctx) {
    return {
      rowVerdicts: [Verdict.Header],
      row(row) {
        if (row.verdict !== Verdict.Header) return;
        const names = row.k === ctx.facts.numClasses && row.k > 1;
        ctx.reportLine(row, {
          messageId: names ? "headerNames" : "header",
          data: { text: excerpt(row, row.start, row.end), count: row.k },
          fix: fix("safe", "drop the header line", [{ kind: "drop-line", line: row.line, reason: "header row" }]),
        });
      },
    };
  },
});

import { Verdict } from "../readers/row.js";
import { defineRule, fix, formatOf, tokensOf } from "./helpers.js";

function show(text: string): string {
  return text.replace(/\t/g, "\\t");
}

export default defineRule({
  meta: {
    code: "LL106",
    name: "inconsistent-separator",
    defaultSeverity: "warn",
    scope: "line",
    description: "Value separators that differ from the file's (`0, 1`, mixed commas and spaces, trailing whitespace).",
    messages: {
      separator: "values separated by '{{found}}' instead of '{{expected}}'{{more}}",
      spaces: "values separated by '{{found}}' instead of ','{{more}}: PaddleClas reads '0 1' as one value and fails with ValueError",
      leading: "whitespace before the first label value{{more}}",
      trailing: "trailing '{{found}}' after the last label value{{more}}",
    },
    fix: { availability: "always", applicability: "safe" },
  },
  create(ctx) {
    const format = formatOf(ctx.facts);
    return {
      rowVerdicts: [Verdict.Ok],
      row(row) {
        if (row.verdict !== Verdict.Ok || row.nested > 0 || row.oddSeparators === 0) return;
        const tokens = tokensOf(row, ctx.facts);
        const text = tokens.map((t) => row.buf.toString("utf8", t.start, t.end)).join(format.valueSeparator);
        const end = row.trailingSepStart >= 0 ? row.trailingSepStart : row.labelsEnd;
        // An odd run at either end of the values separates nothing: it trails or leads them.
        const found = row.buf.toString("utf8", row.firstOddSepStart, row.firstOddSepEnd);
        const messageId =
          row.firstOddSepEnd === row.labelsEnd
            ? "trailing"
            : row.firstOddSepStart === row.labelsStart
              ? "leading"
              : format.id === "paddleclas" && !found.includes(",")
                ? "spaces"
                : "separator";
        ctx.reportLine(row, {
          messageId,
          data: {
            found: show(found),
            expected: show(format.valueSeparator),
            more: row.oddSeparators > 1 ? ` (${row.oddSeparators} places on this line)` : "",
          },
          span: [row.firstOddSepStart, row.firstOddSepEnd],
          fix: fix("safe", `separate values with '${show(format.valueSeparator)}'`, [ctx.replace(row, row.labelsStart, end, text)]),
        });
      },
    };
  },
});

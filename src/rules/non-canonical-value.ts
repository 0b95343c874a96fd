import { TokenKind, Verdict } from "../readers/row.js";
import { defineRule, excerpt, fix, tokensOf } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL202",
    name: "non-canonical-value",
    defaultSeverity: "warn",
    scope: "line",
    description: "A 0/1 value spelled another way: `1.0`, `+1`, `01`, `true`.",
    messages: {
      value: "value '{{value}}' stands for {{canonical}}; write '{{canonical}}'{{more}}",
      raises: "value '{{value}}' stands for {{canonical}}; write '{{canonical}}'{{more}}: PaddleClas's np.int64('{{value}}') raises ValueError",
    },
    fix: { availability: "always", applicability: "safe" },
  },
  create(ctx) {
    return {
      row(row) {
        if (row.verdict !== Verdict.Ok) return;
        const n = row.count(TokenKind.NonCanonical);
        if (n === 0) return;
        const index = row.firstOfKind[TokenKind.NonCanonical]!;
        const start = row.firstStart[TokenKind.NonCanonical]!;
        const end = row.firstEnd[TokenKind.NonCanonical]!;
        const edits = tokensOf(row, ctx.facts)
          .filter((t) => t.kind === TokenKind.NonCanonical)
          .map((t) => ctx.replace(row, t.start, t.end, String(t.value)));
        ctx.reportLine(row, {
          // np.int64 parses '+1' and '01' but not '1.0' or 'true'.
          messageId: /^\s*[+-]?\d+\s*$/.test(excerpt(row, start, end, 20)) ? "value" : "raises",
          data: { value: excerpt(row, start, end, 20), canonical: row.bits[index]!, more: n > 1 ? ` (${n} such values on this line)` : "" },
          span: [start, end],
          classIndex: index,
          fix: fix("safe", "write the values as 0 and 1", edits),
        });
      },
    };
  },
});

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
      rowVerdicts: [Verdict.Ok],
      row(row) {
        if (row.verdict !== Verdict.Ok) return;
        const n = row.count(TokenKind.NonCanonical);
        if (n === 0) return;
        const index = row.firstOfKind[TokenKind.NonCanonical]!;
        const start = row.firstStart[TokenKind.NonCanonical]!;
        const end = row.firstEnd[TokenKind.NonCanonical]!;
        const odd = tokensOf(row, ctx.facts).filter((t) => t.kind === TokenKind.NonCanonical);
        const edits = odd.map((t) => ctx.replace(row, t.start, t.end, String(t.value)));
        // np.int64 parses '+1' and '01' but not '1.0' or 'true': warn of the raise if any value on the line would.
        const raises = odd.some((t) => !/^\s*[+-]?\d+\s*$/.test(row.buf.toString("latin1", t.start, t.end)));
        ctx.reportLine(row, {
          messageId: raises ? "raises" : "value",
          data: { value: excerpt(row, start, end, 20), canonical: row.bits[index]!, more: n > 1 ? ` (${n} such values on this line)` : "" },
          span: [start, end],
          classIndex: index,
          fix: fix("safe", "write the values as 0 and 1", edits),
        });
      },
    };
  },
});

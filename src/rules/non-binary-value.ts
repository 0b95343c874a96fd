import { TokenKind, Verdict } from "../readers/row.js";
import { className, defineRule, excerpt } from "./helpers.js";

const BAD: readonly TokenKind[] = [TokenKind.Integer, TokenKind.NonBinary, TokenKind.Invalid, TokenKind.MinusOne];

export default defineRule({
  meta: {
    code: "LL201",
    name: "non-binary-value",
    defaultSeverity: "error",
    scope: "line",
    description: "A label value that is not 0/1 (`2`, `0.5`, `x`; `-1` outside a signed file).",
    messages: {
      value: "value '{{value}}' for class {{index}}{{name}} is not 0 or 1{{more}}",
      minusOne: "value '-1' for class {{index}}{{name}} in a file of 0/1 labels{{more}}: BCE with a -1 target is unbounded",
    },
    fix: { availability: "none", applicability: "none" },
  },
  create(ctx) {
    const signed = ctx.facts.signed;
    return {
      rowVerdicts: [Verdict.Ok],
      row(row) {
        if (row.verdict !== Verdict.Ok) return;
        let count = 0;
        let first = -1;
        let kind: TokenKind = TokenKind.Invalid;
        for (const k of BAD) {
          if (k === TokenKind.MinusOne && signed) continue;
          const n = row.count(k);
          if (n === 0) continue;
          count += n;
          const at = row.firstOfKind[k]!;
          if (first === -1 || at < first) {
            first = at;
            kind = k;
          }
        }
        if (count === 0) return;
        const start = row.firstStart[kind]!;
        const end = row.firstEnd[kind]!;
        ctx.reportLine(row, {
          messageId: kind === TokenKind.MinusOne ? "minusOne" : "value",
          data: {
            value: excerpt(row, start, end, 20),
            index: first,
            name: className(ctx.facts, first),
            more: count > 1 ? ` (${count} such values on this line)` : "",
          },
          span: [start, end],
          classIndex: first,
        });
      },
    };
  },
});

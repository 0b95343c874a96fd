import { RowFeature, TokenKind, Verdict, type Row, type Token } from "../readers/row.js";
import type { FixEdit } from "../types.js";
import { defineRule, excerpt, fix, tokensOf } from "./helpers.js";

/**
 * How a 0/1 value is spelled, strictest first: a reader that rejects one
 * spelling rejects those before it too, so a line is reported by its strictest.
 */
const SPELLINGS = [
  ["word", /^(?:true|false)$/i],
  ["decimal", /[.eE]/],
  ["padded", /[\s\x1c-\x1f]/],
  ["unicode", /[^\x00-\x7f]/],
  ["underscore", /_/],
  ["sign", /^[+-]/],
  ["zeros", /^0\d/],
] as const;

type Spelling = (typeof SPELLINGS)[number][0];

function spelling(text: string): Spelling {
  for (const [name, pattern] of SPELLINGS) if (pattern.test(text)) return name;
  return "zeros";
}

const rank = (s: Spelling) => SPELLINGS.findIndex(([name]) => name === s);

/** The strictest spelling among the line's odd tokens, and the first token spelled so. */
function strictest(row: Row, odd: readonly Token[]): { token: Token; spelling: Spelling } {
  let best = { token: odd[0]!, spelling: spelling(row.buf.toString("utf8", odd[0]!.start, odd[0]!.end)) };
  for (const t of odd.slice(1)) {
    const s = spelling(row.buf.toString("utf8", t.start, t.end));
    if (rank(s) < rank(best.spelling)) best = { token: t, spelling: s };
  }
  return best;
}

const VALUE = "value '{{value}}' stands for {{canonical}}; write '{{canonical}}'{{more}}";

export default defineRule({
  meta: {
    code: "LL202",
    name: "non-canonical-value",
    defaultSeverity: "warn",
    scope: "line",
    description: "A 0/1 value spelled another way: `1.0`, `+1`, `01`, `true`, `１`.",
    // One message per spelling: readers differ in which they accept (Python's int() takes `+1`, `01` and `１`, not `1.0`).
    messages: { word: VALUE, decimal: VALUE, unicode: VALUE, underscore: VALUE, padded: VALUE, sign: VALUE, zeros: VALUE },
    fix: { availability: "always", applicability: "safe" },
  },
  create(ctx) {
    return {
      rowVerdicts: [Verdict.Ok],
      rowFeatures: RowFeature.Values,
      row(row) {
        const n = row.count(TokenKind.NonCanonical);
        if (n === 0) return;
        const tokens = tokensOf(row, ctx.facts);
        const odd = tokens.filter((t) => t.kind === TokenKind.NonCanonical);
        const edits: FixEdit[] = odd.map((t) => ({ kind: "respell-values", line: row.line, change: ctx.change(row, t.start, t.end, String(t.value)) }));
        const { token, spelling } = strictest(row, odd);
        const index = tokens.indexOf(token);
        ctx.reportLine(row, {
          messageId: spelling,
          data: { value: excerpt(row, token.start, token.end, 20), canonical: token.value, more: n > 1 ? ` (${n} such values on this line)` : "" },
          span: [token.start, token.end],
          classIndex: index,
          fix: fix("safe", "write the values as 0 and 1", edits),
        });
      },
    };
  },
});

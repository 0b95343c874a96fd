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

/** The token's spelling, from its bytes when they say it (`1.0`: a decimal, as no word starts with a digit), else from its text. */
function spellingOf(row: Row, t: Token): Spelling {
  const buf = row.buf;
  const first = buf[t.start]!;
  // `true` and `false` (any case) are words, the strictest spelling; anything else with . e or E is a decimal.
  if (first !== 0x74 && first !== 0x54 && first !== 0x66 && first !== 0x46) {
    for (let i = t.start; i < t.end; i++) {
      const b = buf[i]!;
      if (b === 0x2e || b === 0x65 || b === 0x45) return "decimal";
    }
  }
  return spelling(buf.toString("utf8", t.start, t.end));
}

/** The strictest spelling among the line's odd tokens, and the first token spelled so. */
function strictest(row: Row, odd: readonly Token[]): { token: Token; spelling: Spelling } {
  let best = { token: odd[0]!, spelling: spellingOf(row, odd[0]!) };
  for (let k = 1; k < odd.length && best.spelling !== "word"; k++) {
    const t = odd[k]!;
    // Past a decimal only a word is stricter, and a word starts with t or f (any case).
    if (best.spelling === "decimal" && (row.buf[t.start]! | 0x20) !== 0x74 && (row.buf[t.start]! | 0x20) !== 0x66) continue;
    const s = spellingOf(row, t);
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
        const edits = (): FixEdit[] => odd.map((t) => ({ kind: "respell-values", line: row.line, change: ctx.change(row, t.start, t.end, String(t.value)) }));
        const { token, spelling } = strictest(row, odd);
        const index = tokens.indexOf(token);
        ctx.reportLine(row, {
          messageId: spelling,
          data: () => ({ value: excerpt(row, token.start, token.end, 20), canonical: token.value, more: n > 1 ? ` (${n} such values on this line)` : "" }),
          span: [token.start, token.end],
          classIndex: index,
          fix: () => fix("safe", "write the values as 0 and 1", edits()),
        });
      },
    };
  },
});

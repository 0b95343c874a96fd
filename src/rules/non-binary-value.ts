import { fitsInt64, pythonBigInt, tooManyDigits } from "../text/python.js";
import { RowFeature, TokenKind, Verdict, type Row, type Token } from "../readers/row.js";
import { className, defineRule, excerpt, tokensOf } from "./helpers.js";
import { formatCount } from "../text/numbers.js";

/** What a value that is not 0/1 is, in the order a reader meets the trouble: not a number, not an integer, then a wrong integer. */
/** `overflow`: a whole number past the int64 range (np.int64 raises OverflowError on it; no integer tensor holds it). */
/** `digits`: a whole number of more than 4300 digits, which Python's int() refuses (ValueError) for its length alone. */
type Kind = "word" | "digits" | "number" | "overflow" | "integer" | "minusOne" | "masked" | "unknown";
const ORDER: readonly Kind[] = ["word", "digits", "number", "overflow", "integer", "minusOne", "unknown", "masked"];

/** `masked`: the training config's loss ignores targets ≤ −1 (MultiLabelLoss with weight_ratio: `weight * (target > -1)`). */
function kindOf(row: Row, token: Token, signed: boolean, masked: boolean, unknown: ReadonlySet<number> | undefined): Kind | undefined {
  // A value declared unknown: masked by the loss (nothing to say), or one the consumer may take as a target.
  if (unknown !== undefined && (token.kind === TokenKind.MinusOne || token.kind === TokenKind.Integer || token.kind === TokenKind.NonBinary) && unknown.has(token.value)) {
    if (token.kind === TokenKind.MinusOne && signed) return undefined;
    return masked && token.value <= -1 ? undefined : "unknown";
  }
  switch (token.kind) {
    case TokenKind.Invalid:
      return token.end - token.start > 4300 && tooManyDigits(row.buf.toString("utf8", token.start, token.end)) !== undefined ? "digits" : "word";
    case TokenKind.Integer:
      return "integer";
    case TokenKind.MinusOne:
      return signed ? undefined : masked ? "masked" : "minusOne";
    case TokenKind.NonBinary: {
      // `-2` is a whole number to Python's int(); `0.5` and `1e3` are not.
      const value = pythonBigInt(row.buf.toString("utf8", token.start, token.end));
      if (value === undefined) return "number";
      // Past int64 np.int64(text) raises OverflowError while the list loads: no loss gets to mask it.
      if (!fitsInt64(value)) return "overflow";
      return masked && value <= -1n ? "masked" : "integer";
    }
    default:
      return undefined;
  }
}

/** Token kinds that may hold a value that is not 0/1, and whether every token of the kind is judged alike (`kindOf` reads only its kind). */
const BAD_KINDS: readonly [TokenKind, boolean][] = [
  [TokenKind.Invalid, false],
  [TokenKind.Integer, true],
  [TokenKind.NonBinary, false],
  [TokenKind.MinusOne, true],
];

/**
 * The value to report, from the row's first token of each kind (no token
 * list): the lowest in {@link ORDER}, the earliest of equals — what judging
 * every token finds, when each kind judged token by token holds one token.
 * `null` when one holds more (then every token is judged); undefined when
 * no value is reported.
 */
function firstOfKinds(row: Row, signed: boolean, masked: boolean): { index: number; token: Token; kind: Kind } | undefined | null {
  let first: { index: number; token: Token; kind: Kind } | undefined;
  for (const [tokenKind, alike] of BAD_KINDS) {
    const count = row.kindCounts[tokenKind]!;
    if (count === 0) continue;
    if (count > 1 && !alike) return null;
    const index = row.firstOfKind[tokenKind]!;
    const token: Token = { start: row.firstStart[tokenKind]!, end: row.firstEnd[tokenKind]!, kind: tokenKind, value: tokenKind === TokenKind.MinusOne ? -1 : Number.NaN };
    const kind = kindOf(row, token, signed, masked, undefined);
    if (kind === undefined) continue;
    const order = ORDER.indexOf(kind);
    if (first === undefined || order < ORDER.indexOf(first.kind) || (order === ORDER.indexOf(first.kind) && index < first.index)) first = { index, token, kind };
  }
  return first;
}

const VALUE = "value '{{value}}' for class {{index}}{{name}} is not 0 or 1{{more}}";

export default defineRule({
  meta: {
    code: "LL201",
    name: "non-binary-value",
    defaultSeverity: "error",
    scope: "line",
    description: "A label value that is not 0/1 (`2`, `0.5`, `x`; `-1` outside a signed file).",
    messages: {
      word: VALUE,
      digits: "value '{{value}}' for class {{index}}{{name}} is a whole number of {{digits}} digits{{more}}",
      number: VALUE,
      integer: VALUE,
      overflow: VALUE,
      minusOne: "value '-1' for class {{index}}{{name}} in a file of 0/1 labels{{more}}",
      unknown: "value '{{value}}' for class {{index}}{{name}} is declared unknown (labels.unknown){{more}}",
      masked: "value '{{value}}' for class {{index}}{{name}} is below 0{{more}}: {{mask}} masks targets of -1 and below, so this class is left out of the row's loss (read as 'not annotated')",
    },
    fix: { availability: "none", applicability: "none" },
  },
  create(ctx) {
    const signed = ctx.facts.signed;
    const mask = ctx.facts.minusOneMasked;
    return {
      rowVerdicts: [Verdict.Ok],
      rowFeatures: RowFeature.Values,
      row(row) {
        const c = row.kindCounts;
        const bad = c[TokenKind.Integer]! + c[TokenKind.NonBinary]! + c[TokenKind.Invalid]! + (signed ? 0 : c[TokenKind.MinusOne]!);
        if (bad === 0) return;
        const unknown = ctx.facts.unknown?.values;
        const fast = unknown === undefined && !row.sparse ? firstOfKinds(row, signed, mask !== undefined) : null;
        let first: { index: number; token: Token; kind: Kind } | undefined;
        if (fast !== null) first = fast;
        else {
          // Each token judged (a kind that holds several values of several sorts, declared unknown values).
          const tokens = tokensOf(row, ctx.facts);
          tokens.forEach((token, index) => {
            const kind = kindOf(row, token, signed, mask !== undefined, unknown);
            if (kind !== undefined && (first === undefined || ORDER.indexOf(kind) < ORDER.indexOf(first.kind))) first = { index, token, kind };
          });
        }
        if (first === undefined) return;
        const { index, token, kind } = first;
        ctx.reportLine(row, {
          messageId: kind,
          data: () => ({
            value: excerpt(row, token.start, token.end, 20),
            // What Python's int() makes of it (`1_0` is 10), for the consequence.
            number: kind === "digits" ? "" : String(pythonBigInt(row.buf.toString("utf8", token.start, token.end)) ?? ""),
            digits: kind === "digits" ? formatCount(tooManyDigits(row.buf.toString("utf8", token.start, token.end))!) : "",
            index,
            name: className(ctx.facts, index),
            more: bad > 1 ? ` (${bad} such values on this line)` : "",
            mask: mask ?? "",
          }),
          span: [token.start, token.end],
          classIndex: index,
          // The loss ignores it: a likely mistake, not a wrong target — unless the user chose the severity.
          ...(kind === "masked" && !ctx.severityExplicit ? { severity: "warn" as const } : {}),
        });
      },
    };
  },
});

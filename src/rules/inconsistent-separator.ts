import { RowFeature, TokenKind, Verdict, type Row, type Token } from "../readers/row.js";
import { describeLookalikes } from "../readers/lookalike.js";
import { defineRule, fix, formatOf, tokensOf } from "./helpers.js";
import { shortText } from "../text/bytes.js";

function show(text: string): string {
  // Control characters (VT, FF, FS–US separate values for split()) are shown as escapes, not printed.
  return text.replace(/[\x00-\x1f]/g, (c) => (c === "\t" ? "\\t" : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`));
}

/**
 * What a separator run between label values is, strictest first (a reader
 * that fails on one kind fails on the line, so a line is reported by its
 * strictest run): in a comma format, whitespace alone where a comma belongs
 * (`0 1`) or a comma with whitespace (`0, 1`); in a space format, a comma
 * (`0,1`) or other whitespace (a TAB, several spaces); then runs before the
 * first value and after the last.
 */
const ORDER = ["lookalikeComma", "spaces", "comma", "lookalikeSpace", "commaSpace", "whitespace", "leading", "trailing"] as const;
type RunKind = (typeof ORDER)[number];

export interface Run {
  start: number;
  end: number;
  kind: RunKind;
  /** A run before the first value or after the last, where it separates nothing. */
  edge?: "leading" | "trailing";
}

const COMMA_LIKE = /[\uff0c\u3001]/;
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * A run with a look-alike character where the file's separator belongs: a
 * comma look-alike (U+FF0C) anywhere, or a Unicode space that stands alone
 * between values (next to an ASCII comma in a comma list it is only padding).
 */
function lookalikeKind(text: string, comma: boolean): RunKind | undefined {
  if (!NON_ASCII.test(text)) return undefined;
  if (COMMA_LIKE.test(text)) return "lookalikeComma";
  if (comma && text.includes(",")) return undefined;
  if (!comma && text.includes(",")) return "comma";
  return "lookalikeSpace";
}

/** The message of a kind that is named for what it separates, when the run is at either end and separates nothing. */
const AT_END = { comma: "commaAtEnd", lookalikeComma: "lookalikeCommaAtEnd", lookalikeSpace: "lookalikeSpaceAtEnd" } as const;

const RANK: Record<RunKind, number> = Object.fromEntries(ORDER.map((kind, i) => [kind, i])) as Record<RunKind, number>;

/** The odd separator runs of a row: how many, and the first of the strictest kind (a line is reported by it). */
export interface Runs {
  count: number;
  worst: Run | undefined;
  /** Every run between two values is the one separator byte (only the ends are odd); unknown when taken from the scan. */
  plainBetween?: boolean;
}

/** What a run before the first value or after the last is. */
function edgeKind(buf: Buffer, start: number, end: number, comma: boolean, kind: "leading" | "trailing"): RunKind {
  const text = shortText(buf, start, end);
  // At either end of a comma list, Unicode spaces are stripped like ASCII ones; a comma look-alike is not.
  const lookalike = comma && !COMMA_LIKE.test(text) ? undefined : lookalikeKind(text, comma);
  // A comma at either end of a space-separated list sticks to a value: `int('0,')` fails like `0,1`.
  return lookalike ?? (!comma && text.includes(",") ? "comma" : kind);
}

/**
 * The row's one odd run when the scan recorded one and it ends the values
 * (trailing whitespace, the usual case): the run {@link runsOf} finds there,
 * taken from the scan without reading the row into tokens.
 */
export function trailingOnly(row: Row, sep: string): Runs | undefined {
  const to = row.trailingSepStart >= 0 ? row.trailingSepStart : row.labelsEnd;
  if (row.oddSeparators !== 1 || row.k === 0 || row.firstOddSepEnd !== to || row.firstOddSepStart <= row.labelsStart) return undefined;
  const start = row.firstOddSepStart;
  // The last value's own byte before it: else the scan may have taken a separator with the value (`1,` before U+00A0), and the run starts there.
  const before = row.buf[start - 1]!;
  if (before >= 0x80 || before <= 0x20 || before === 0x2c) return undefined;
  return { count: 1, worst: { start, end: to, kind: edgeKind(row.buf, start, to, sep === ",", "trailing"), edge: "trailing" } };
}

export function runsOf(row: Row, tokens: readonly Token[], sep: string): Runs {
  const buf = row.buf;
  const runs: Runs = { count: 0, worst: undefined, plainBetween: true };
  const add = (start: number, end: number, kind: RunKind, edge?: "leading" | "trailing") => {
    runs.count++;
    const worst = runs.worst;
    // Of runs of one kind, one between values names it better than one at an end (a look-alike space everywhere).
    if (worst === undefined || RANK[kind] < RANK[worst.kind] || (RANK[kind] === RANK[worst.kind] && worst.edge !== undefined && edge === undefined)) {
      runs.worst = edge === undefined ? { start, end, kind } : { start, end, kind, edge };
    }
  };
  const from = row.labelsStart + row.nested;
  let to = row.trailingSepStart >= 0 ? row.trailingSepStart : row.labelsEnd;
  if (row.nested > 0) while (to > from && (buf[to - 1] === 93 || buf[to - 1] === 32 || buf[to - 1] === 9)) to--;
  const comma = sep === ",";
  const edge = (start: number, end: number, kind: "leading" | "trailing") => {
    if (end > start) add(start, end, edgeKind(buf, start, end, comma, kind), kind);
  };
  if (tokens.length === 0) return runs;
  edge(from, tokens[0]!.start, "leading");
  const sepByte = sep.charCodeAt(0);
  for (let i = 1; i < tokens.length; i++) {
    const start = tokens[i - 1]!.end;
    const end = tokens[i]!.start;
    if (end <= start) {
      runs.plainBetween = false;
      continue;
    }
    // The file's own separator between two values, the usual case: no text made.
    if (end - start === 1 && buf[start] === sepByte) continue;
    runs.plainBetween = false;
    // An ASCII run (`, `, two spaces, a TAB) is judged from its bytes; one with another character from its text.
    let ascii = true;
    let hasComma = false;
    let onlyCommas = true;
    for (let p = start; p < end; p++) {
      const b = buf[p]!;
      if (b >= 0x80) {
        ascii = false;
        break;
      }
      if (b === 44) hasComma = true;
      else onlyCommas = false;
    }
    if (ascii) {
      // `,,` in a comma list is empty values (another rule's finding), not an odd separator.
      if (comma && onlyCommas) continue;
    } else {
      const text = shortText(buf, start, end);
      const lookalike = lookalikeKind(text, comma);
      if (lookalike !== undefined) {
        add(start, end, lookalike);
        continue;
      }
      hasComma = text.includes(",");
    }
    add(start, end, comma ? (hasComma ? "commaSpace" : "spaces") : hasComma ? "comma" : "whitespace");
  }
  edge(tokens[tokens.length - 1]!.end, to, "trailing");
  return runs;
}

/** The value as the consumer's own split would see it around `run`: `0 1` between commas, `0,1` between spaces. */
function tokenAround(row: Row, run: Run, sep: string): string {
  const buf = row.buf;
  const isSep = sep === "," ? (b: number) => b === 44 : (b: number) => b === 32 || b === 9;
  // The split splits inside the run too (`0 , 0` in a space list is '0', ',' and '0'): the value is the
  // one holding the run's first byte that is not the separator; a run of separators alone joins the values around it.
  let at = run.start;
  while (at < run.end && isSep(buf[at]!)) at++;
  let start = at < run.end ? at : run.start;
  let end = at < run.end ? at + 1 : run.end;
  while (start > row.labelsStart && !isSep(buf[start - 1]!)) start--;
  while (end < row.labelsEnd && !isSep(buf[end]!)) end++;
  const text = buf.toString("utf8", start, end);
  return text.length > 20 ? `${text.slice(0, 19)}…` : text;
}

export default defineRule({
  meta: {
    code: "LL106",
    name: "inconsistent-separator",
    defaultSeverity: "warn",
    scope: "line",
    description: "Value separators that differ from the file's (`0, 1`, `0 1` in a comma list, `0,1` in a space list, look-alikes such as `０，１` or U+3000, trailing whitespace).",
    messages: {
      spaces: "values separated by '{{found}}' instead of '{{expected}}'{{more}}",
      commaSpace: "values separated by '{{found}}' instead of '{{expected}}'{{more}}",
      comma: "values separated by '{{found}}' instead of '{{expected}}'{{more}}",
      whitespace: "values separated by '{{found}}' instead of '{{expected}}'{{more}}",
      lookalikeComma: "values separated by '{{found}}' ({{names}}), which looks like ',' but is not{{more}}",
      lookalikeSpace: "values separated by '{{found}}' ({{names}}), which looks like a space but is not{{more}}",
      commaAtEnd: "'{{found}}' {{place}} label value, where values are separated by '{{expected}}'{{more}}",
      lookalikeCommaAtEnd: "'{{found}}' ({{names}}) {{place}} label value, which looks like ',' but is not{{more}}",
      lookalikeSpaceAtEnd: "'{{found}}' ({{names}}) {{place}} label value, which looks like a space but is not{{more}}",
      leading: "whitespace before the first label value{{more}}",
      trailing: "trailing '{{found}}' after the last label value{{more}}",
    },
    fix: { availability: "always", applicability: "safe" },
  },
  create(ctx) {
    const format = formatOf(ctx.facts);
    const sep = format.valueSeparator;
    const description = `separate values with '${show(sep)}'`;
    return {
      rowVerdicts: [Verdict.Ok],
      rowFeatures: RowFeature.Values,
      row(row) {
        if (row.oddSeparators === 0 || row.nested > 0) return;
        // One run after the last value needs no tokens but for a listed finding's fix.
        const shortcut = trailingOnly(row, sep);
        const tokens = shortcut === undefined ? tokensOf(row, ctx.facts) : undefined;
        const runs = shortcut ?? runsOf(row, tokens!, sep);
        const worst = runs.worst;
        if (worst === undefined) return;
        // The values joined by the separator: as written from the first to the last when only the ends are odd (trailing whitespace).
        const text = () => {
          const all = tokens ?? tokensOf(row, ctx.facts);
          const plainBetween = runs.plainBetween ?? runsOf(row, all, sep).plainBetween;
          return plainBetween
            ? row.buf.toString("utf8", all[0]!.start, all[all.length - 1]!.end)
            : all.map((t) => (t.kind === TokenKind.Zero ? "0" : t.kind === TokenKind.One ? "1" : row.buf.toString("utf8", t.start, t.end))).join(sep);
        };
        const end = row.trailingSepStart >= 0 ? row.trailingSepStart : row.labelsEnd;
        ctx.reportLine(row, {
          messageId: worst.edge !== undefined && worst.kind in AT_END ? AT_END[worst.kind as keyof typeof AT_END] : worst.kind,
          data: () => ({
            place: worst.edge === "leading" ? "before the first" : "after the last",
            found: show(row.buf.toString("utf8", worst.start, worst.end)),
            expected: show(sep),
            token: show(tokenAround(row, worst, sep)),
            names: describeLookalikes(row.buf.toString("utf8", worst.start, worst.end)),
            more: runs.count > 1 ? ` (${runs.count} places on this line)` : "",
          }),
          span: [worst.start, worst.end],
          fix: () => fix("safe", description, [{ kind: "respell-values", line: row.line, change: ctx.change(row, row.labelsStart, end, text()) }]),
        });
      },
    };
  },
});

/**
 * Characters that look like a separator but are not an ASCII one. CJK input
 * methods, spreadsheets and word processors put them between values and
 * paths: U+FF0C FULLWIDTH COMMA and U+3001 IDEOGRAPHIC COMMA look like ',';
 * U+3000 IDEOGRAPHIC SPACE, U+00A0 NO-BREAK SPACE and the other Unicode
 * spaces look like ' ' (and Python's split() splits on them).
 */

/** Bytes of the Unicode whitespace character (a `str.isspace()` one) at `p`, or 0. */
export function unicodeSpace(buf: Buffer, p: number, end: number): number {
  const b0 = buf[p]!;
  const b1 = p + 1 < end ? buf[p + 1]! : -1;
  const b2 = p + 2 < end ? buf[p + 2]! : -1;
  if (b0 === 0xc2 && (b1 === 0xa0 || b1 === 0x85)) return 2;
  if (b0 === 0xe3 && b1 === 0x80 && b2 === 0x80) return 3;
  if (b0 === 0xe1 && b1 === 0x9a && b2 === 0x80) return 3;
  if (b0 === 0xe2 && b1 === 0x80 && ((b2 >= 0x80 && b2 <= 0x8a) || b2 === 0xa8 || b2 === 0xa9 || b2 === 0xaf)) return 3;
  if (b0 === 0xe2 && b1 === 0x81 && b2 === 0x9f) return 3;
  return 0;
}

/** Bytes of a comma look-alike (U+FF0C, U+3001) at `p`, or 0. */
export function commaLike(buf: Buffer, p: number, end: number): number {
  if (p + 2 >= end) return 0;
  const b0 = buf[p]!;
  const b1 = buf[p + 1]!;
  const b2 = buf[p + 2]!;
  if (b0 === 0xef && b1 === 0xbc && b2 === 0x8c) return 3;
  if (b0 === 0xe3 && b1 === 0x80 && b2 === 0x81) return 3;
  return 0;
}

/**
 * Bytes of a Unicode space people type between values (U+00A0, U+3000 and the
 * typographic spaces) at `p`, or 0 — not NEL or the line and paragraph
 * separators, which end up between values only when two lines run together.
 */
function valueSpace(buf: Buffer, p: number, end: number): number {
  const n = unicodeSpace(buf, p, end);
  if (n === 0) return 0;
  const b0 = buf[p]!;
  const b1 = buf[p + 1];
  const b2 = buf[p + 2];
  if (b0 === 0xc2 && b1 === 0x85) return 0;
  if (b0 === 0xe1) return 0;
  if (b0 === 0xe2 && b1 === 0x80 && (b2 === 0xa8 || b2 === 0xa9)) return 0;
  return n;
}

/**
 * Bytes of a look-alike separator at `p`, or 0: a comma look-alike, or a
 * Unicode space — any of them when the format splits on whitespace as
 * Python's `split()` does (`splitsOnSpace`), else only those typed between values.
 */
export function lookalikeAt(buf: Buffer, p: number, end: number, splitsOnSpace = true): number {
  if (buf[p]! < 0xc2) return 0;
  return commaLike(buf, p, end) || (splitsOnSpace ? unicodeSpace(buf, p, end) : valueSpace(buf, p, end));
}

const NAMES: Record<number, string> = {
  0xa0: "NO-BREAK SPACE",
  0x85: "NEXT LINE",
  0x1680: "OGHAM SPACE MARK",
  0x2028: "LINE SEPARATOR",
  0x2029: "PARAGRAPH SEPARATOR",
  0x202f: "NARROW NO-BREAK SPACE",
  0x205f: "MEDIUM MATHEMATICAL SPACE",
  0x3000: "IDEOGRAPHIC SPACE",
  0x3001: "IDEOGRAPHIC COMMA",
  0xff0c: "FULLWIDTH COMMA",
};

/** "U+3000 IDEOGRAPHIC SPACE" for each distinct non-ASCII character of `text`, for messages. */
export function describeLookalikes(text: string): string {
  const seen = new Set<number>();
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp >= 0x80) seen.add(cp);
  }
  return [...seen].map((cp) => `U+${cp.toString(16).toUpperCase().padStart(4, "0")}${NAMES[cp] !== undefined ? ` ${NAMES[cp]}` : cp >= 0x2000 && cp <= 0x200a ? " (a typographic space)" : ""}`).join(", ");
}

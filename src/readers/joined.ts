import type { LineFormat } from "./format.js";
import { Row, TokenKind } from "./row.js";

/**
 * Two rows on one line: where the first ends and the second starts
 * (absolute offsets into the row's buffer). `glued`: nothing between them
 * (`…,0,0c.jpg<TAB>0,0,1`: a list without its final newline joined to the
 * next by `cat`); `tab`: a TAB where the line break was (paddleclas).
 */
export interface Join {
  kind: "glued" | "tab";
  firstEnd: number;
  secondStart: number;
}

/** What a half must be to be called a row: the format's separator, a path, exactly C canonical values, nothing else. */
export interface JoinShape {
  format: LineFormat;
  numClasses: number;
  /** The file encodes labels as -1/1: a -1 is a value. */
  signed: boolean;
}

const half = new Row();

/** Bytes `[start, end)` of `buf` are one clean row of `shape`. */
function isRow(buf: Buffer, start: number, end: number, line: number, shape: JoinShape): boolean {
  if (end <= start) return false;
  half.reset(buf, start, end, line);
  shape.format.parse(half);
  if (!half.hasSeparator || half.pathEnd === half.pathStart || half.pathStart !== start || half.k !== shape.numClasses) return false;
  if (half.extraStart >= 0 || half.nested !== 0 || half.trailingSepStart >= 0 || half.oddSeparators !== 0) return false;
  const c = half.kindCounts;
  return c[TokenKind.Zero]! + c[TokenKind.One]! + (shape.signed ? c[TokenKind.MinusOne]! : 0) === half.k;
}

/**
 * A line holding two rows with no line break between them: a value that is
 * not one (`0c.jpg`) starts with the first row's last value and goes on with
 * the second row's path, and the line reads as two clean rows of C values when
 * cut after that value (a byte-order mark after the cut, the second file's,
 * goes with the missing line break). A clean value is one character (two for
 * `-1`), so there is one place to cut: the work is two parses of the line.
 * Undefined for anything else (a row of another width, a word among the
 * values, an index list), so a guess never cuts a line. Only rows with a value
 * that is not a number are looked at (the row's first such token).
 */
export function gluedRows(row: Row, shape: JoinShape): Join | undefined {
  if (shape.numClasses === 0 || shape.format.sparse === true || row.kindCounts[TokenKind.Invalid] === 0 || !row.hasSeparator) return undefined;
  const buf = row.buf;
  const tokenStart = row.firstStart[TokenKind.Invalid]!;
  const tokenEnd = row.firstEnd[TokenKind.Invalid]!;
  // The first row's last value is `0` or `1` (or `-1` in a −1/1 file): the cut is right after it, so
  // one place to try whatever the token holds (`0123.jpg` is `0` and `123.jpg`; `01` is no clean value).
  const b = buf[tokenStart];
  const cut = b === 48 || b === 49 ? tokenStart + 1 : shape.signed && b === 45 && buf[tokenStart + 1] === 49 ? tokenStart + 2 : -1;
  if (cut < 0 || cut >= tokenEnd) return undefined;
  // The second file's byte-order mark, when it had one, sits between them: it goes with the line break.
  const second = buf[cut] === 0xef && buf[cut + 1] === 0xbb && buf[cut + 2] === 0xbf ? cut + 3 : cut;
  if (!isRow(buf, row.start, cut, row.line, shape) || !isRow(buf, second, row.end, row.line, shape)) return undefined;
  return { kind: "glued", firstEnd: cut, secondStart: second };
}

/**
 * A paddleclas line whose fields after the labels are a whole row
 * (`a.jpg<TAB>0,1,0<TAB>b.jpg<TAB>1,0,0`): both halves clean rows of C values.
 */
export function tabJoinedRows(row: Row, shape: JoinShape): Join | undefined {
  if (shape.numClasses === 0 || shape.format.sparse === true || row.extraStart < 0 || shape.format.pathSeparator !== "\t") return undefined;
  const { buf, start, end, extraStart } = row;
  if (!isRow(buf, start, extraStart, row.line, shape) || !isRow(buf, extraStart + 1, end, row.line, shape)) return undefined;
  return { kind: "tab", firstEnd: extraStart, secondStart: extraStart + 1 };
}

/** Either kind of {@link Join} on the line in `bytes` (parsed afresh), for the fixer. */
export function joinOf(bytes: Buffer, line: number, shape: JoinShape): Join | undefined {
  const row = new Row();
  row.reset(bytes, 0, bytes.length, line);
  shape.format.parse(row);
  return gluedRows(row, shape) ?? tabJoinedRows(row, shape);
}

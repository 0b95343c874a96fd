import type { LineFormat } from "./format.js";
import { Row, TokenKind } from "./row.js";
import { bomAt } from "../text/bytes.js";
import { pythonInt, tooManyDigits } from "../text/python.js";

/**
 * Two rows on one line: where the first ends and the second starts
 * (absolute offsets into the row's buffer). `glued`: nothing between them
 * (`…,0,0c.jpg<TAB>0,0,1`: a list without its final newline joined to the
 * next by `cat`); `tab`: a TAB where the line break was (paddleclas);
 * `space`: whitespace where the line break was (spaced: `a.jpg 0 1 b.jpg 1 0`).
 */
export interface Join {
  kind: "glued" | "tab" | "space";
  /** Where each row but the last ends and the next starts: one seam for two rows, more when several line breaks are missing. */
  seams: { end: number; start: number }[];
}

/** The rows of a line a {@link Join} cuts: `[start, end)` of each, in order. */
export function joinedRows(join: Join, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let from = start;
  for (const seam of join.seams) {
    out.push([from, seam.end]);
    from = seam.start;
  }
  out.push([from, end]);
  return out;
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
 * Where the row that starts at `start` would end if it were a clean row of
 * `shape`: its path up to the format's path separator, then C values of one
 * character (`-1`: two) with the value separator between them. -1 when the
 * bytes are not shaped so. Linear in the row's length: each row of a line is
 * looked at once, however many there are.
 */
function rowEnd(buf: Buffer, start: number, end: number, shape: JoinShape): number {
  const pathSep = shape.format.pathSeparator.charCodeAt(0);
  const valueSep = shape.format.valueSeparator.charCodeAt(0);
  let p = start;
  while (p < end && buf[p] !== pathSep) p++;
  if (p === start || p >= end) return -1;
  p++;
  for (let v = 0; v < shape.numClasses; v++) {
    if (v > 0) {
      if (buf[p] !== valueSep) return -1;
      p++;
    }
    const b = buf[p];
    if (b === 48 || b === 49) p++;
    else if (shape.signed && b === 45 && buf[p + 1] === 49) p += 2;
    else return -1;
  }
  return p <= end ? p : -1;
}

/**
 * A line holding two or more rows with no line break between them: a value
 * that is not one (`0c.jpg`) starts with a row's last value and goes on with
 * the next row's path, and the line reads as clean rows of C values when cut
 * after each such value (a byte-order mark after a cut, the next file's, goes
 * with the missing line break). A clean value is one character (two for
 * `-1`), so each row has one place to end: the rows are found one after
 * another, each parsed once. Undefined for anything else (a row of another
 * width, a word among the values, an index list), so a guess never cuts a
 * line. Only rows with a value that is not a number are looked at.
 */
export function gluedRows(row: Row, shape: JoinShape): Join | undefined {
  if (shape.numClasses === 0 || shape.format.sparse === true || row.kindCounts[TokenKind.Invalid] === 0 || !row.hasSeparator) return undefined;
  const buf = row.buf;
  // The first row's last value is the start of the first value that is not a number (`0123.jpg` is `0` and `123.jpg`).
  const tokenStart = row.firstStart[TokenKind.Invalid]!;
  const tokenEnd = row.firstEnd[TokenKind.Invalid]!;
  const b = buf[tokenStart];
  const cut = b === 48 || b === 49 ? tokenStart + 1 : shape.signed && b === 45 && buf[tokenStart + 1] === 49 ? tokenStart + 2 : -1;
  if (cut < 0 && shape.format.id === "spaced") return spacedRows(row, shape);
  if (cut < 0 || cut >= tokenEnd || !isRow(buf, row.start, cut, row.line, shape)) return undefined;
  const seams: Join["seams"] = [];
  let end = cut;
  for (;;) {
    // A byte-order mark here is the next file's, when files were joined: it goes with the missing line break.
    const next = end + bomAt(buf, end);
    seams.push({ end, start: next });
    // The next row ends where its C values do; when that is before the line's end, another row follows, clean on its own.
    end = rowEnd(buf, next, row.end, shape);
    if (end < 0 || end >= row.end) return isRow(buf, next, row.end, row.line, shape) ? { kind: "glued", seams } : undefined;
    if (!isRow(buf, next, end, row.line, shape)) return undefined;
  }
}

const isSpace = (b: number | undefined): boolean => b === 32 || b === 9;

/**
 * A spaced line holding k rows one after another, whitespace where each line
 * break was (`a.jpg 0 1 b.jpg 1 0`: rows written with a space, not a newline,
 * between them): its fields are k runs of a path and C values, each run a
 * clean row, each path one that is not a value. ImageList's int() stops on the
 * second path; split at the whitespace before each path, every row is read.
 */
function spacedRows(row: Row, shape: JoinShape): Join | undefined {
  const { buf, start, end } = row;
  const width = shape.numClasses + 1;
  // The fields as split() cuts them (SPACE and TAB; a line with other whitespace is not cut).
  const fields: [number, number][] = [];
  for (let p = start; p < end; ) {
    while (p < end && isSpace(buf[p])) p++;
    if (p >= end) break;
    const from = p;
    while (p < end && !isSpace(buf[p])) p++;
    fields.push([from, p]);
    if (fields.length > width * 4096) return undefined;
  }
  if (fields.length < 2 * width || fields.length % width !== 0) return undefined;
  const seams: Join["seams"] = [];
  for (let r = 0; r < fields.length; r += width) {
    const [pathStart] = fields[r]!;
    const rowEnd = fields[r + width - 1]![1];
    // A "path" int() reads (`12`, `0_1`, `١`) is a value: the line is a row of another width, not rows run together.
    const path = buf.toString("utf8", pathStart, fields[r]![1]);
    if (pythonInt(path) !== undefined || tooManyDigits(path) !== undefined) return undefined;
    if (!isRow(buf, pathStart, rowEnd, row.line, shape)) return undefined;
    if (r > 0) seams.push({ end: fields[r - 1]![1], start: pathStart });
  }
  return { kind: "space", seams };
}

/**
 * A paddleclas line whose fields after the labels are a whole row
 * (`a.jpg<TAB>0,1,0<TAB>b.jpg<TAB>1,0,0`): both halves clean rows of C values.
 */
export function tabJoinedRows(row: Row, shape: JoinShape): Join | undefined {
  if (shape.numClasses === 0 || shape.format.sparse === true || row.extraStart < 0 || shape.format.pathSeparator !== "\t") return undefined;
  const { buf, start, end, extraStart } = row;
  if (!isRow(buf, start, extraStart, row.line, shape) || !isRow(buf, extraStart + 1, end, row.line, shape)) return undefined;
  return { kind: "tab", seams: [{ end: extraStart, start: extraStart + 1 }] };
}

/** The line {@link joinOf} parses (a Row is costly to build; the returned Join holds offsets, not the Row). */
const whole = new Row();

/** Either kind of {@link Join} on the line in `bytes` (parsed afresh), for the fixer. */
export function joinOf(bytes: Buffer, line: number, shape: JoinShape): Join | undefined {
  const row = whole;
  row.reset(bytes, 0, bytes.length, line);
  shape.format.parse(row);
  return gluedRows(row, shape) ?? tabJoinedRows(row, shape);
}

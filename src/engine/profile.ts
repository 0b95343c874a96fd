import { isUtf8 } from "node:buffer";
import type { LineFormat } from "../readers/format.js";
import { isBlankLine as isBlank, bomAt } from "../text/bytes.js";
import { lineAt } from "../io/line-splitter.js";
import { Row, TokenKind } from "../readers/row.js";
import { readUnseparated } from "../readers/unseparated.js";

/** What the head of a file says about the whole of it. */
export interface Profile {
  sampledRows: number;
  /** The most common number of label values, and how many rows had it. */
  modeWidth: number;
  modeCount: number;
  rowsWithMinusOne: number;
  zeroTokens: number;
  /** Bytes per line in the sample, for sizing the duplicate index. */
  meanLineBytes: number;
  /** Rows that read as class-index lists (integers only, one of them ≥ 2), and the largest index. */
  indexRows: number;
  maxIndex: number;
  /** Non-blank lines sampled, and those of them that are not UTF-8 text (invalid bytes or a NUL), with the first one. */
  contentLines: number;
  encodingLines: number;
  firstEncodingLine: number;
  /** The bytes of the first line sampled when the head holds no whole line (it is longer than the head), else 0. */
  cutLine: number;
}

/**
 * Parses the complete lines of `head` with `format` and summarises them. An
 * index at or past `maxClasses` does not count toward the largest index (C
 * is never sized by it; its row is reported instead).
 */
export function profileHead(head: Buffer, format: LineFormat, wholeInput: boolean, maxClasses = Number.POSITIVE_INFINITY): Profile {
  // A head without one line break is the start of a first line longer than the head (over the
  // line length limit): that start is all there is to say how wide rows are, so it is sampled
  // as a line (up to its last whole character) rather than leaving C at 0 for every other row.
  if (!wholeInput && head.length > 0 && head.indexOf(10) === -1 && head.indexOf(13) === -1) {
    let cut = head.length;
    while (cut > 0 && head.length - cut < 3 && (head[cut - 1]! & 0xc0) === 0x80) cut--;
    if (cut > 0 && head[cut - 1]! >= 0xc0) cut--;
    return { ...profileHead(head.subarray(0, cut), format, true, maxClasses), cutLine: cut };
  }
  const row = new Row();
  const scratch = new Row();
  const widths = new Map<number, number>();
  let sampledRows = 0;
  let rowsWithMinusOne = 0;
  let zeroTokens = 0;
  let indexRows = 0;
  let maxIndex = -1;
  let lines = 0;
  let contentLines = 0;
  let encodingLines = 0;
  let firstEncodingLine = 0;
  let p = bomAt(head);
  let firstContent = true;
  // Text throughout (no NUL, valid UTF-8) up to the last line break (LF or CR): so is each line
  // before it (lines end at ASCII bytes, never inside a character), and none is checked alone.
  const textUpTo = wholeInput ? head.length : Math.max(head.lastIndexOf(10), head.lastIndexOf(13)) + 1;
  const nul = head.indexOf(0);
  const allText = (nul === -1 || nul >= textUpTo) && isUtf8(head.subarray(0, textUpTo));
  for (let at = lineAt(head, p, wholeInput); at !== undefined; at = lineAt(head, p, wholeInput)) {
    lines++;
    row.reset(head, p, at.end, lines);
    p = at.next;
    if (isBlank(head, row.start, row.end)) continue;
    contentLines++;
    if (!allText && !isTextLine(head.subarray(row.start, row.end))) {
      if (encodingLines++ === 0) firstEncodingLine = lines;
      continue;
    }
    if (isCommentLine(head, row.start, row.end)) continue;
    format.parse(row);
    const words = (r: Row) => r.k > 0 && r.count(TokenKind.Invalid) === r.k;
    const header = firstContent && (row.hasSeparator ? words(row) : readUnseparated(row, scratch) !== undefined && words(scratch));
    firstContent = false;
    if (header) continue;
    // A line missing its separator (`path 0,1,0`) still says how wide rows are.
    const width = row.hasSeparator ? row.k : readUnseparated(row, scratch) !== undefined ? scratch.k : 0;
    if (width === 0) continue;
    sampledRows++;
    widths.set(width, (widths.get(width) ?? 0) + 1);
    if (row.count(TokenKind.MinusOne) > 0) rowsWithMinusOne++;
    zeroTokens += row.count(TokenKind.Zero);
    const integers = row.count(TokenKind.Integer);
    // An index list names an index at least as large as its own length (`3,17`); a multi-hot row
    // with a stray 2 does not, so it never makes a file look like index lists.
    if (row.hasSeparator && integers > 0 && integers + row.count(TokenKind.Zero) + row.count(TokenKind.One) === row.k && row.maxInteger >= row.k) {
      indexRows++;
      if (row.maxInteger > maxIndex && row.maxInteger < maxClasses) maxIndex = row.maxInteger;
    }
  }
  let modeWidth = 0;
  let modeCount = 0;
  for (const [width, count] of widths) {
    if (count > modeCount) {
      modeWidth = width;
      modeCount = count;
    }
  }
  return {
    sampledRows,
    modeWidth,
    modeCount,
    rowsWithMinusOne,
    zeroTokens,
    meanLineBytes: lines > 0 ? Math.max(1, p / lines) : 64,
    indexRows,
    maxIndex,
    contentLines,
    encodingLines,
    firstEncodingLine,
    cutLine: 0,
  };
}

/** A line of UTF-8 text: no NUL and no invalid byte. */
function isTextLine(text: Buffer): boolean {
  return !text.includes(0) && isUtf8(text);
}

/** The line's first non-blank byte is '#' (a comment, to the head's sample). */
function isCommentLine(buf: Buffer, start: number, end: number): boolean {
  let p = start;
  while (p < end && (buf[p] === 32 || buf[p] === 9)) p++;
  return p < end && buf[p] === 35;
}

/** Most sampled rows (and at least 10) list class indices: the file is an index list, not multi-hot. */
export function looksLikeIndices(profile: Profile): boolean {
  return profile.indexRows >= 10 && profile.indexRows >= 0.5 * profile.sampledRows;
}

/**
 * A -1/1 (or -1/0/1) file: -1 is in a quarter or more of the rows of the head (it encodes "absent"
 * in every row with any negative), or it stands where 0s would. A stray -1 in
 * a 0/1 file stays a per-line non-binary value.
 */
export function looksSigned(profile: Profile): boolean {
  if (profile.rowsWithMinusOne === 0) return false;
  return profile.rowsWithMinusOne >= 0.25 * profile.sampledRows || profile.zeroTokens === 0;
}

export { isBlank };

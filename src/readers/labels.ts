import { INT_MAX_STR_DIGITS, pythonInt, stripWhere } from "../text/python.js";
import { lookalikeAt } from "./lookalike.js";
import { type Row, type Token, TokenKind } from "./row.js";

const COMMA = 44;
const SPACE = 32;
const TAB = 9;
const ZERO = 48;
const MINUS = 45;
const DOT = 46;
const ONE = 49;
/** The label separators of the line formats: paddleclas's comma, spaced's space. */
export type LabelSeparator = typeof COMMA | typeof SPACE;
const OPEN = 91;
const CLOSE = 93;

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const PLAIN_INTEGER = /^\+?\d+$/;

/** Numeric value of the last token classified by {@link classifyToken}. */
let lastValue = Number.NaN;

/**
 * Classifies one token that the fast path could not (anything but a bare `0`/`1`).
 * Slow path: it may allocate.
 */
export function classifyToken(row: Row, start: number, end: number): TokenKind {
  lastValue = Number.NaN;
  if (start === end) return TokenKind.Empty;
  const buf = row.buf;
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    if (b === 0) row.nul = true;
    else if (b >= 0x80) row.nonAscii = true;
  }
  // A short whole number, with or without a minus (`-1`, `2`, `01`): read from the bytes, as below but no string.
  const digitsFrom = buf[start] === MINUS ? start + 1 : start;
  if (end - digitsFrom >= 1 && end - digitsFrom <= 15) {
    let value = 0;
    let i = digitsFrom;
    for (; i < end; i++) {
      const d = buf[i]! - ZERO;
      if (d < 0 || d > 9) break;
      value = value * 10 + d;
    }
    if (i === end) {
      lastValue = digitsFrom === start ? value : -value;
      if (lastValue === 0 || lastValue === 1) return end - start === 1 ? (lastValue as TokenKind) : TokenKind.NonCanonical;
      if (lastValue === -1) return TokenKind.MinusOne;
      return lastValue >= 2 ? TokenKind.Integer : TokenKind.NonBinary;
    }
    // A whole number written as a decimal (`1.0`, `0.00`, `-1.`, as numpy's savetxt writes them): its value is exact.
    if (buf[i] === DOT && i > digitsFrom) {
      let j = i + 1;
      while (j < end && buf[j] === ZERO) j++;
      if (j === end) {
        lastValue = digitsFrom === start ? value : -value;
        if (lastValue === 0 || lastValue === 1) return TokenKind.NonCanonical;
        return lastValue === -1 ? TokenKind.MinusOne : TokenKind.NonBinary;
      }
    }
  }
  const text = buf.toString("latin1", start, end);
  if (text === "0" || text === "1") {
    lastValue = text === "1" ? 1 : 0;
    return lastValue as TokenKind;
  }
  if (!NUMBER.test(text)) {
    const lower = text.toLowerCase();
    if (lower === "true" || lower === "false") {
      lastValue = lower === "true" ? 1 : 0;
      return TokenKind.NonCanonical;
    }
    // Digits of another script (`１`), underscores (`0_1`), padding Python strips (NBSP, 0x1C): its int() reads them.
    let raw = row.nonAscii ? buf.toString("utf8", start, end) : text;
    // The reader strips the whole line first: ASCII separators 0x1C-0x1F at its very end are gone before int() sees them.
    if (end === row.end) raw = stripWhere(raw, (c) => c >= 0x1c && c <= 0x1f, "end");
    const value = pythonInt(raw);
    if (value === undefined) return TokenKind.Invalid;
    lastValue = value;
    if (value === 0 || value === 1) return TokenKind.NonCanonical;
    if (value === -1) return TokenKind.MinusOne;
    return value >= 2 && Number.isSafeInteger(value) ? TokenKind.Integer : TokenKind.NonBinary;
  }
  // int() refuses a whole number of more than 4300 digits (leading zeros count): ValueError, as for a word.
  if (end - start > INT_MAX_STR_DIGITS && /^[+-]?\d+$/.test(text) && text.length - (text.charCodeAt(0) < ZERO ? 1 : 0) > INT_MAX_STR_DIGITS) return TokenKind.Invalid;
  const value = Number(text);
  lastValue = value;
  if (value === 0 || value === 1) return TokenKind.NonCanonical;
  if (value === -1) return TokenKind.MinusOne;
  if (value >= 2 && PLAIN_INTEGER.test(text) && Number.isSafeInteger(value)) return TokenKind.Integer;
  return TokenKind.NonBinary;
}

function isSeparatorByte(b: number, sep: number): boolean {
  // In a space format, the ASCII whitespace Python's split() splits on separates values too (VT, FF, FS–US).
  return b === COMMA || b === SPACE || (sep === SPACE && (b === TAB || isControlSpace(b)));
}

/** VT, FF and the ASCII separators FS, GS, RS, US: whitespace to `str.split()` and `str.strip()`. */
export function isControlSpace(b: number): boolean {
  return b === 0x0b || b === 0x0c || (b >= 0x1c && b <= 0x1f);
}

function isSeparatorAt(buf: Buffer, p: number, e: number, sep: number): boolean {
  const b = buf[p]!;
  return isSeparatorByte(b, sep) || (b >= 0xc2 && lookalikeAt(buf, p, e, sep === SPACE) > 0);
}

function recordToken(row: Row, kind: TokenKind, start: number, end: number, tokens: Token[] | null): void {
  const k = row.k;
  if (k >= row.bits.length) row.grow(k);
  const counts = row.kindCounts;
  counts[kind]!++;
  if (row.firstOfKind[kind] === -1) {
    row.firstOfKind[kind] = k;
    row.firstStart[kind] = start;
    row.firstEnd[kind] = end;
  }
  let bit = 0;
  if (kind === TokenKind.One) bit = 1;
  else if (kind === TokenKind.NonCanonical) bit = lastValue === 1 ? 1 : 0;
  else if (kind === TokenKind.Integer && lastValue > row.maxInteger) row.maxInteger = lastValue;
  row.bits[k] = bit;
  if (bit === 1) row.ones[row.numOnes++] = k;
  if (tokens !== null) {
    tokens.push({ start, end, kind, value: kind === TokenKind.Zero ? 0 : kind === TokenKind.One ? 1 : lastValue });
  }
  row.k = k + 1;
}

/** True when `[p, e)` holds only spaces and TABs. */
function onlyBlanks(buf: Buffer, p: number, e: number): boolean {
  for (let i = p; i < e; i++) if (buf[i] !== SPACE && buf[i] !== TAB) return false;
  return true;
}

function endField(row: Row, at: number): number {
  row.extraStart = at;
  row.labelsEnd = at;
  return at;
}

function recordOddSeparator(row: Row, start: number, end: number): void {
  if (row.oddSeparators++ === 0) {
    row.firstOddSepStart = start;
    row.firstOddSepEnd = end;
  }
}

/**
 * Scans the label field `[start, end)` of `row.buf` into `row`.
 *
 * `sep` is the format's canonical value separator (`,` or space). Commas,
 * spaces (and, in a space-separated format, TABs) all separate values; a run
 * that is not exactly the canonical separator is counted as odd. In a
 * TAB-delimited format a TAB ends the label field: what follows is an extra
 * field. Pass `tokens` to receive every token (slow path, for fixes).
 */
export function scanLabels(row: Row, start: number, end: number, sep: LabelSeparator, tokens: Token[] | null = null): void {
  const buf = row.buf;
  row.resetLabels(start);
  let e = end;
  let p = start;
  row.labelsEnd = e;

  // Python-list style `[0, 1]` / `[[0, 1]]`.
  if (p < e && buf[p] === OPEN) {
    if (sep === COMMA) {
      const tab = buf.subarray(p, e).indexOf(TAB);
      if (tab !== -1 && !onlyBlanks(buf, p + tab, e)) e = endField(row, p + tab);
    }
    const depth = buf[p + 1] === OPEN ? 2 : 1;
    let q = e;
    while (q > p && (buf[q - 1] === SPACE || buf[q - 1] === TAB)) q--;
    let closes = 0;
    while (closes < depth && q > p + depth && buf[q - 1] === CLOSE) {
      q--;
      closes++;
    }
    if (closes === depth) {
      row.nested = depth;
      p += depth;
      e = q;
    }
  }

  while (p < e) {
    p = scanBareValues(row, p, e, sep, tokens);
    if (p >= e) break;
    const b = buf[p]!;
    if (b === TAB && sep === COMMA) {
      // A TAB ends a TAB-delimited format's label field: what follows is an extra
      // field, unless it is only whitespace (a trailing TAB separates nothing).
      if (onlyBlanks(buf, p, e)) recordOddSeparator(row, p, e);
      else e = endField(row, p);
      break;
    }
    if (isSeparatorAt(buf, p, e, sep)) {
      p = scanSeparatorRun(row, p, e, sep, tokens);
      continue;
    }
    // Slow path: a token that is not a bare 0/1.
    let q = p + 1;
    while (q < e && !isSeparatorAt(buf, q, e, sep) && buf[q] !== TAB) q++;
    recordToken(row, classifyToken(row, p, q), p, q, tokens);
    p = q;
    if (p < e) {
      // At a separator: take the canonical single one here, hand odd runs to the loop.
      if (buf[p] === sep && p + 1 < e && !isSeparatorAt(buf, p + 1, e, sep) && buf[p + 1] !== TAB) p++;
    }
  }
}

/**
 * `0<sep>0<sep>0<sep>0<sep>` read as a little-endian float64. Comparing two
 * float64s that are not NaN compares their eight bytes exactly (these bytes
 * are a normal number, never ±0), so a run of four zeros is one load and one
 * comparison; bytes that happen to read as NaN are simply not a match.
 */
function zeroRun(sep: LabelSeparator): number {
  const bytes = new DataView(new ArrayBuffer(8));
  for (let i = 0; i < 4; i++) {
    bytes.setUint8(2 * i, ZERO);
    bytes.setUint8(2 * i + 1, sep);
  }
  return bytes.getFloat64(0, true);
}
const ZEROS_COMMA = zeroRun(COMMA);
const ZEROS_SPACE = zeroRun(SPACE);

/**
 * The memory of the last label buffer seen and a DataView over all of it: rows of
 * one chunk share a buffer, and re-read lines (each its own small Buffer) share
 * Node's pool, so a view is not made per line.
 */
let viewed: ArrayBufferLike | undefined;
let view: DataView = new DataView(new ArrayBuffer(0));
/** The last label buffer seen, and where it starts in the view's memory: `viewBase + p` is its byte p. */
let viewedBuf: Uint8Array | undefined;
let viewBase = 0;

/**
 * The fast path: consumes consecutive bare `0`/`1` values, each followed by
 * the canonical separator or the end, keeping counters in locals. Returns
 * where it stopped; anything else is left to the slow path.
 */
function scanBareValues(row: Row, p: number, e: number, sep: LabelSeparator, tokens: Token[] | null): number {
  if (tokens !== null) return scanBareTokens(row, p, e, sep, tokens);
  const buf = row.buf;
  // Not a value and its separator (`1.0`, `-1`, `x`): the slow path's, with nothing to set up.
  if (p + 1 < e && buf[p + 1] !== sep) return p;
  if (buf !== viewedBuf) {
    viewedBuf = buf;
    viewBase = buf.byteOffset;
    if (buf.buffer !== viewed) {
      viewed = buf.buffer;
      view = new DataView(buf.buffer);
    }
  }
  const base = viewBase;
  const start = row.k;
  let k = start;
  let bits = row.bits;
  let ones = row.ones;
  // Room for one more value after the loop (the last one, with no separator after it).
  let limit = bits.length - 1;
  let numOnes = row.numOnes;
  const before = numOnes;
  // "d<sep>" read as one 16-bit number: the digit's low bit is the value, the
  // rest must be '0' and the separator. The byte after must start a value (a
  // second separator or a TAB there is the slow path's: an empty value, an odd run).
  const pair = ZERO | (sep << 8);
  // Four zeros with their separators as one 8-byte load: most of a wide row.
  const zeros = sep === COMMA ? ZEROS_COMMA : ZEROS_SPACE;
  while (p + 2 < e) {
    if (k + 8 > limit) {
      row.grow(k + 9);
      bits = row.bits;
      ones = row.ones;
      limit = bits.length - 1;
    }
    // Eight zeros, or four; the byte after them must start a value too (see below): a digit or more.
    if (p + 8 < e && view.getFloat64(base + p, true) === zeros) {
      if (p + 16 < e && view.getFloat64(base + p + 8, true) === zeros && buf[p + 16]! >= ZERO) {
        // More zeros, four at a time (most of a wide row). The value after the
        // last four must start right after their separator: when a separator
        // follows instead (an empty value), those four are left to the pair steps.
        let q = p + 16;
        while (q + 8 < e && view.getFloat64(base + q, true) === zeros) q += 8;
        if (buf[q]! < ZERO) q -= 8;
        k += (q - p) >> 1;
        p = q;
        if (k + 8 > limit) {
          row.grow(k + 9);
          bits = row.bits;
          ones = row.ones;
          limit = bits.length - 1;
        }
        continue;
      }
      if (buf[p + 8]! >= ZERO) {
        k += 4;
        p += 8;
        continue;
      }
    }
    const v = view.getUint16(base + p, true);
    if ((v & 0xfffe) !== pair) break;
    const c = buf[p + 2]!;
    if (c < ZERO && (c === COMMA || c === SPACE || c === TAB)) break;
    const bit = v & 1;
    bits[k] = bit;
    ones[numOnes] = k;
    numOnes += bit;
    k++;
    p += 2;
  }
  // The last value, with no separator after it.
  if (p + 1 === e) {
    const b = buf[p]!;
    if (b === ZERO || b === ONE) {
      const bit = b - ZERO;
      bits[k] = bit;
      ones[numOnes] = k;
      numOnes += bit;
      k++;
      p++;
    }
  }
  row.k = k;
  row.numOnes = numOnes;
  const oneCount = numOnes - before;
  row.kindCounts[TokenKind.Zero]! += k - start - oneCount;
  row.kindCounts[TokenKind.One]! += oneCount;
  return p;
}

/** {@link scanBareValues} when every token is wanted (fixes): one value at a time. */
function scanBareTokens(row: Row, p: number, e: number, sep: number, tokens: Token[]): number {
  const buf = row.buf;
  while (p < e) {
    const b = buf[p];
    if (b !== ZERO && b !== ONE) break;
    const n = p + 1;
    let next = n;
    if (n !== e) {
      if (buf[n] !== sep || n + 1 === e) break;
      const c = buf[n + 1];
      // A separator then a TAB: in a comma format the TAB ends the field, so the separator trails.
      if (c === COMMA || c === SPACE || c === TAB) break;
      next = n + 1;
    }
    if (row.k >= row.bits.length) row.grow(row.k);
    if (b === ONE) {
      row.bits[row.k] = 1;
      row.ones[row.numOnes++] = row.k;
      row.kindCounts[TokenKind.One]!++;
    } else {
      row.bits[row.k] = 0;
      row.kindCounts[TokenKind.Zero]!++;
    }
    tokens.push({ start: p, end: n, kind: b === ONE ? TokenKind.One : TokenKind.Zero, value: b - ZERO });
    row.k++;
    p = next;
  }
  return p;
}

/**
 * Consumes a run of separator bytes starting at `p`. Leading and middle runs
 * with several commas stand for empty values; a trailing run is a trailing
 * separator; anything but the canonical separator is an odd separator.
 */
function scanSeparatorRun(row: Row, p: number, e: number, sep: number, tokens: Token[] | null): number {
  const buf = row.buf;
  const runStart = p;
  const leading = row.k === 0 && p === row.labelsStart + row.nested;
  let commas = 0;
  let whitespace = 0;
  while (p < e) {
    const b = buf[p]!;
    if (b === COMMA) commas++;
    else if (isSeparatorByte(b, sep)) whitespace++;
    else {
      const n = b >= 0xc2 ? lookalikeAt(buf, p, e, sep === SPACE) : 0;
      if (n === 0) break;
      // A look-alike is never the file's separator: always an odd one.
      whitespace++;
      p += n;
      continue;
    }
    p++;
  }
  // A TAB ends a TAB-delimited format's label field, so a run before it trails
  // the values; blanks after it up to the end start no extra field.
  const atTab = p < e && sep === COMMA && buf[p] === TAB;
  if (atTab && onlyBlanks(buf, p, e)) p = e;
  if (p === e || atTab) {
    // Trailing run: `0,1,` is a trailing separator; trailing whitespace (or a
    // comma in a space format) is a separator the file does not use.
    if (commas > 0 && sep === COMMA) row.trailingSepStart = runStart;
    else recordOddSeparator(row, runStart, p);
    return p;
  }
  const empties = leading ? commas : Math.max(0, commas - 1);
  for (let i = 0; i < empties; i++) recordToken(row, TokenKind.Empty, runStart + i, runStart + i, tokens);
  // Commas only are fine in a comma format (empty values aside); whitespace, or
  // commas in a space format, is a separator other than the file's.
  if (whitespace > 0 || (sep === SPACE && commas > 0)) recordOddSeparator(row, runStart, p);
  return p;
}

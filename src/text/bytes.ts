import { unicodeSpace } from "../readers/lookalike.js";

/** The UTF-8 byte-order mark's length at `at` of `buf` (3), or 0. */
export function bomAt(buf: Uint8Array, at = 0): number {
  return buf[at] === 0xef && buf[at + 1] === 0xbb && buf[at + 2] === 0xbf ? 3 : 0;
}

/**
 * True when `[start, end)` of `buf` holds only whitespace (or nothing), as
 * Python's `str.strip()` sees it: the line the consumers strip to nothing
 * (ASCII space, TAB, CR, VT, FF, the separators FS–US, and Unicode spaces
 * such as U+00A0 and U+3000). U+FEFF is not whitespace to Python.
 */
export function isBlankLine(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; ) {
    const b = buf[i]!;
    if (b === 32 || b === 9 || b === 13 || b === 11 || b === 12 || (b >= 0x1c && b <= 0x1f)) i++;
    else {
      // A Unicode space, read in place (most lines end here, at the first byte of their path).
      const n = b >= 0xc2 ? unicodeSpace(buf, i, end) : 0;
      if (n === 0) return false;
      i += n;
    }
  }
  return true;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(buf: Buffer, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const b = buf[i]!;
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= end) return i;
    let cp = b & (0x3f >> need);
    for (let j = 1; j <= need; j++) {
      const c = buf[i + j];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Short ASCII texts made once and shared (a list of `1.0` values makes a fix edit for every value, `0, 1` a separator run between every two). */
const shortTexts = new Map<number, string>();
const SHORT_TEXTS = 4096;

/** The UTF-8 text of `[start, end)`: a text of up to 4 ASCII bytes is the one string made for those bytes. */
export function shortText(buf: Buffer, start: number, end: number): string {
  const n = end - start;
  if (n > 4 || n === 0) return buf.toString("utf8", start, end);
  let key = n;
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    if (b >= 0x80) return buf.toString("utf8", start, end);
    key = key * 128 + b;
  }
  let text = shortTexts.get(key);
  if (text === undefined) {
    text = buf.toString("latin1", start, end);
    if (shortTexts.size < SHORT_TEXTS) shortTexts.set(key, text);
  }
  return text;
}

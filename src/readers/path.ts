import type { Row } from "./row.js";

const TAB = 9;
const SPACE = 32;
const DOT = 46;
const SLASH = 47;
const BACKSLASH = 92;

/**
 * Scans the image path from `row.start` up to the first byte for which
 * `isEnd` holds, hashing it (two 32-bit FNV-1a variants) as a normalised key:
 * a leading `./` is skipped and `\` counts as `/`, so `./a\b.jpg` and
 * `a/b.jpg` are the same image. Returns the offset where the path ends.
 */
export function scanPath(row: Row, stopAtSpace: boolean, end = row.end): number {
  const buf = row.buf;
  let p = row.start;
  let hi = 0x811c9dc5 | 0;
  let lo = 0x01000193 ^ 0x9e3779b9;
  let q = p;
  let prev = 0;
  // `.\` too: the key counts `\` as `/` (see normalisePathKey).
  while (q + 1 < end && buf[q] === DOT && (buf[q + 1] === SLASH || buf[q + 1] === BACKSLASH)) q += 2;
  for (; p < end; p++) {
    let b = buf[p]!;
    if (b === TAB || (stopAtSpace && b === SPACE)) break;
    if (b === 0) row.nul = true;
    else if (b >= 0x80) row.nonAscii = true;
    else if (b === DOT && prev === DOT) row.pathDotDot = true;
    else if (b === BACKSLASH) {
      row.pathBackslash = true;
      b = SLASH;
    }
    prev = b;
    if (p >= q) {
      hi = Math.imul(hi ^ b, 0x01000193);
      lo = Math.imul(lo ^ b, 0x5bd1e995);
      lo ^= lo >>> 15;
    }
  }
  row.pathStart = row.start;
  row.pathEnd = p;
  // Final avalanche so short paths spread over the table.
  hi ^= hi >>> 16;
  hi = Math.imul(hi, 0x85ebca6b);
  hi ^= hi >>> 13;
  row.hashHi = hi >>> 0;
  row.hashLo = (lo ^ (lo >>> 16)) >>> 0;
  return p;
}

/** The normalised key of a path string, matching what {@link scanPath} hashes. */
export function normalisePathKey(path: string): string {
  let key = path.replace(/\\/g, "/");
  while (key.startsWith("./")) key = key.slice(2);
  return key;
}

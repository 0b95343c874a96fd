import { isControlSpace } from "./labels.js";
import { unicodeSpace } from "./lookalike.js";
import type { Row } from "./row.js";
import { isPythonSpace } from "../text/python.js";

const TAB = 9;
const SPACE = 32;
const DOT = 46;
const SLASH = 47;
const BACKSLASH = 92;

/** Printable ASCII but `.`, `/` and `\`: a byte that ends no path, marks nothing and cannot make the key odd. */
const ORDINARY = new Uint8Array(256);
for (let b = 0x21; b < 0x7f; b++) if (b !== DOT && b !== SLASH && b !== BACKSLASH) ORDINARY[b] = 1;

/**
 * Scans the image path from `row.start` up to the first byte for which
 * `isEnd` holds, hashing it (two 32-bit FNV-1a variants) as a normalised key:
 * a leading `./` is skipped and `\` counts as `/`, so `./a\b.jpg` and
 * `a/b.jpg` are the same image. Returns the offset where the path ends.
 */
export function scanPath(row: Row, stopAtSpace: boolean, end = row.end): number {
  const buf = row.buf;
  // Python strips the line before splitting it, so whitespace before the path is not part of it.
  let p = leadingSpace(buf, row.start, end, stopAtSpace);
  // `<TAB>path<TAB>labels`: PaddleClas strips the line (leading TABs too) before it splits it on TABs, so the
  // row reads as intended; with no TAB after the path (`<TAB>0,1`) the labels would be the path, and the path stays empty.
  if (!stopAtSpace && p < end && buf[p] === TAB) {
    const q = leadingSpace(buf, p, end, true);
    let t = q;
    while (t < end && buf[t] !== TAB) t++;
    if (q < t && t < end) {
      row.leadingTab = true;
      p = q;
    }
  }
  const pathStart = p;
  let hi = 0x811c9dc5 | 0;
  let lo = 0x01000193 ^ 0x9e3779b9;
  let q = p;
  let prev = 0;
  // `a//b`, `a/./b`, `a/../b`, `a/`: the key is built as a string (rare: a slow path).
  let odd = false;
  // A byte-order mark before the path (files joined with cat) is not part of the name: fix removes it.
  if (q + 2 < end && buf[q] === 0xef && buf[q + 1] === 0xbb && buf[q + 2] === 0xbf) q += 3;
  // `.\` too: the key counts `\` as `/` (see normalisePathKey).
  while (q + 1 < end && buf[q] === DOT && (buf[q + 1] === SLASH || buf[q + 1] === BACKSLASH)) q += 2;
  for (; p < end; p++) {
    let b = buf[p]!;
    // Most bytes of a path are printable ASCII other than `.`, `/` and `\`: nothing to note but the hash.
    if (ORDINARY[b] === 1) {
      prev = b;
      if (p >= q) {
        hi = Math.imul(hi ^ b, 0x01000193);
        lo = Math.imul(lo ^ b, 0x5bd1e995);
        lo ^= lo >>> 15;
      }
      continue;
    }
    if (b === TAB || (stopAtSpace && (b === SPACE || (b < SPACE && isControlSpace(b)) || (b >= 0xc2 && unicodeSpace(buf, p, end) > 0)))) break;
    if (b === 0) row.nul = true;
    else if (b >= 0x80) row.nonAscii = true;
    else if (b === DOT && prev === DOT) row.pathDotDot = true;
    else if (b === BACKSLASH) {
      row.pathBackslash = true;
      b = SLASH;
    }
    if (prev === SLASH && (b === SLASH || b === DOT)) odd = true;
    prev = b;
    if (p >= q) {
      hi = Math.imul(hi ^ b, 0x01000193);
      lo = Math.imul(lo ^ b, 0x5bd1e995);
      lo ^= lo >>> 15;
    }
  }
  row.pathStart = pathStart;
  row.pathEnd = p;
  if (odd || prev === SLASH || row.pathDotDot) {
    const key = Buffer.from(normalisePathKey(buf.toString("utf8", pathStart, p)), "utf8");
    hi = 0x811c9dc5 | 0;
    lo = 0x01000193 ^ 0x9e3779b9;
    for (let i = 0; i < key.length; i++) {
      const b = key[i]!;
      hi = Math.imul(hi ^ b, 0x01000193);
      lo = Math.imul(lo ^ b, 0x5bd1e995);
      lo ^= lo >>> 15;
    }
  }
  // Final avalanche so short paths spread over the table.
  hi ^= hi >>> 16;
  hi = Math.imul(hi, 0x85ebca6b);
  hi ^= hi >>> 13;
  row.hashHi = hi >>> 0;
  row.hashLo = (lo ^ (lo >>> 16)) >>> 0;
  return p;
}

/**
 * Where the text starts after the whitespace Python's `str.strip()` removes
 * (ASCII and Unicode spaces; TABs too when the format splits on any
 * whitespace — in a TAB-separated line a leading TAB means an empty path).
 */
export function leadingSpace(buf: Buffer, start: number, end: number, tabs: boolean): number {
  let p = start;
  while (p < end) {
    const b = buf[p]!;
    if (b === SPACE || isControlSpace(b) || (tabs && b === TAB)) p++;
    else if (b >= 0xc2) {
      const n = unicodeSpace(buf, p, end);
      if (n === 0) break;
      p += n;
    } else break;
  }
  return p;
}

/**
 * The normalised key of a path string, matching what {@link scanPath} hashes:
 * a leading byte-order mark is dropped, `\` counts as `/`, and `./a`, `a//b`, `a/./b`, `a/x/../b` and `a/b/` name
 * the files `a`, `a/b`, `a/b`, `a/b` and `a/b` as the operating system
 * resolves them (a `..` that would climb above the start is kept).
 */
export function normalisePathKey(path: string): string {
  const slashed = (path.charCodeAt(0) === 0xfeff ? path.slice(1) : path).replace(/\\/g, "/");
  if (!/\/\/|(^|\/)\.\.?(\/|$)|\/$/.test(slashed)) return slashed;
  const absolute = slashed.startsWith("/");
  const parts: string[] = [];
  for (const part of slashed.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
    else if (part === ".." && absolute) continue;
    else parts.push(part);
  }
  return (absolute ? "/" : "") + parts.join("/");
}

/**
 * Why an image path read from a record (a json entry's `img_path`) cannot be
 * its canonical line's path, by malformed-record's message id: a TAB or a
 * line break would break the line, whitespace or U+FEFF in front would be
 * stripped (or read as the file's byte-order mark on line 1). Undefined when it can.
 */
export function canonicalPathProblem(path: string): "pathTab" | "pathBreak" | "pathBom" | "pathSpace" | undefined {
  if (path.includes("\t")) return "pathTab";
  if (/[\r\n]/.test(path)) return "pathBreak";
  if (path.startsWith("\uFEFF")) return "pathBom";
  if (isPythonSpace(path.codePointAt(0) ?? 0)) return "pathSpace";
  return undefined;
}

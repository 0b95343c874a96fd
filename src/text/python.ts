/**
 * How Python reads text, for the consumers written in Python (PaddleClas,
 * HashNet, DeepHash-pytorch, mmpretrain): `str.strip()`/`str.split()`
 * whitespace and `int(text)` — which `np.int64(text)` calls for a string.
 * Tables from Python 3.11's Unicode database (Unicode 14).
 */
import { escapeChar } from "./visible.js";

/** Code points `str.isspace()` is true for: what `strip()` removes and `split()` splits on. */
const WHITESPACE = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007,
  0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

/** The digit 0 of every run of ten decimal digits (Unicode category Nd); `int()` reads any of them. */
const DIGIT_ZEROS = [
  0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0,
  0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0,
  0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0,
  0x16a60, 0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

export function isPythonSpace(codePoint: number): boolean {
  return WHITESPACE.has(codePoint);
}

const ESCAPES: Record<number, string> = { 0x09: "\\t", 0x0a: "\\n", 0x0d: "\\r" };

/**
 * `text` with every whitespace character but the space written as an escape
 * (`\t`, `\n`, `\x0b`, `\u00a0`, as {@link escapeChar} writes the others): a
 * message about whitespace in a path shows which it is (a no-break space
 * printed as it is reads as a space).
 */
export function spacesShown(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out += code === 0x20 || !WHITESPACE.has(code) ? ch : (ESCAPES[code] ?? escapeChar(ch));
  }
  return out;
}

/**
 * A path as a message quotes it: JSON's escapes for control characters,
 * quotes and backslashes, then {@link spacesShown}'s for the whitespace JSON
 * leaves as it is (a no-break space, U+3000).
 */
export function pathShown(path: string): string {
  return spacesShown(JSON.stringify(path).slice(1, -1));
}

/** The value 0–9 of a decimal digit in any script, or -1. */
export function digitValue(codePoint: number): number {
  if (codePoint >= 0x30 && codePoint <= 0x39) return codePoint - 0x30;
  if (codePoint < 0x660) return -1;
  // Binary search for the last run starting at or below the code point.
  let lo = 0;
  let hi = DIGIT_ZEROS.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (DIGIT_ZEROS[mid]! <= codePoint) lo = mid;
    else hi = mid - 1;
  }
  const d = codePoint - DIGIT_ZEROS[lo]!;
  return d >= 0 && d <= 9 ? d : -1;
}

/**
 * `text` without the code units `drop` is true for at its start, its end or
 * both: a loop, where a regular expression such as `[…]+$` takes time
 * quadratic in a run that does not end the text (200 kB of spaces: 17 s).
 */
export function stripWhere(text: string, drop: (code: number) => boolean, ends: "both" | "start" | "end" = "both"): string {
  let start = 0;
  let end = text.length;
  if (ends !== "end") while (start < end && drop(text.charCodeAt(start))) start++;
  if (ends !== "start") while (end > start && drop(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

const isWhitespace = (code: number): boolean => WHITESPACE.has(code);

/** `text.strip()` (every whitespace character is in the BMP: one code unit each). */
export function pythonStrip(text: string): string {
  return stripWhere(text, isWhitespace);
}

/** `text.lstrip()`. */
export function pythonLstrip(text: string): string {
  return stripWhere(text, isWhitespace, "start");
}

/** `text.rstrip()`. */
export function pythonRstrip(text: string): string {
  return stripWhere(text, isWhitespace, "end");
}

/**
 * `int(text)` in base 10: surrounding whitespace, one sign, decimal digits of
 * any script, single underscores between digits. Undefined where Python
 * raises ValueError. Values beyond 2^53 lose precision (see {@link pythonBigInt}).
 */
export function pythonInt(text: string): number | undefined {
  const digits = pythonIntDigits(text);
  return digits === undefined ? undefined : Number(digits);
}

/** `int(text)` exactly, for the values past 2^53: whether np.int64 holds it. */
export function pythonBigInt(text: string): bigint | undefined {
  const digits = pythonIntDigits(text);
  return digits === undefined ? undefined : BigInt(digits);
}

/** Whether `value` fits np.int64 (what `np.int64(text)` raises OverflowError past). */
export function fitsInt64(value: bigint): boolean {
  return value >= -(2n ** 63n) && value < 2n ** 63n;
}

/** sys.int_info.default_max_str_digits: the most digits int(text) converts (PYTHONINTMAXSTRDIGITS can change it). */
export const INT_MAX_STR_DIGITS = 4300;

/** How many digits `text` has when it is a whole number int() refuses only for its length (more than 4300 digits); else undefined. */
export function tooManyDigits(text: string): number | undefined {
  const digits = pythonIntDigits(text, false);
  return digits !== undefined && digits.replace("-", "").length > INT_MAX_STR_DIGITS ? digits.replace("-", "").length : undefined;
}

/** What `int(text)` reads, as an optional `-` and ASCII digits; undefined where it raises ValueError (`limited`: as Python limits the digits). */
function pythonIntDigits(text: string, limited = true): string | undefined {
  // int() strips what isspace() calls whitespace, except the ASCII separators 0x1C-0x1F.
  if (/[\x1c-\x1f]/.test(text)) return undefined;
  const s = pythonStrip(text);
  let i = 0;
  let negative = false;
  if (s[0] === "+" || s[0] === "-") {
    negative = s[0] === "-";
    i = 1;
  }
  if (i >= s.length) return undefined;
  let digits = "";
  let underscore = false;
  for (const char of s.slice(i)) {
    if (char === "_") {
      if (digits.length === 0 || underscore) return undefined;
      underscore = true;
      continue;
    }
    const d = digitValue(char.codePointAt(0)!);
    if (d < 0) return undefined;
    digits += d;
    underscore = false;
  }
  // Python 3.11 (and 3.10.7, 3.9.14, 3.8.14) refuses more than 4300 digits, leading zeros counted: ValueError (Exceeds the limit).
  if (digits.length === 0 || underscore || (limited && digits.length > INT_MAX_STR_DIGITS)) return undefined;
  return negative && /[1-9]/.test(digits) ? `-${digits}` : digits;
}

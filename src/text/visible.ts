/**
 * Text from a label file or a path, made safe to show to a person. A label
 * file is untrusted input: an ESC in a path can recolour or rewrite the
 * terminal, a right-to-left override can make a line read as something else
 * (CVE-2021-42574, "Trojan Source"), a line break can forge a report line or
 * a CI annotation. Every human-facing reporter passes data through
 * {@link visible}; the machine formats (json, sarif) keep the text as read.
 */

// C0 controls but TAB, DEL, C1 controls; bidi embeddings, overrides, isolates and marks;
// line and paragraph separators; the invisible U+200B (zero width space), U+2060 (word
// joiner) and U+FEFF (a byte-order mark inside a line: `'\ufeffa.jpg'` and `'a.jpg'` must not
// read alike); noncharacters U+FFFE/U+FFFF; lone surrogates (which cannot be written as
// UTF-8, so an encoder would replace them silently).
const HOSTILE =
  /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u2028\u2029\u202A-\u202E\u2060\u2066-\u2069\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const hex = (code: number, digits: number): string => code.toString(16).padStart(digits, "0");

/** The escape shown for one hostile character: `\x1b` for a control character, `\u202e` above U+00FF. */
export function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
}

/**
 * `text` with every control character, bidi control, line separator, invisible
 * mark and lone surrogate written as a visible escape (`\x1b`, `\x0a`, `\u202e`,
 * `\ufeff`, `\ud800`).
 * TAB is left alone (reporters show it as they choose); so is everything else,
 * including backslashes and U+FFFD (what an invalid UTF-8 byte was decoded to).
 */
export const visible = (text: string): string => text.replace(HOSTILE, escapeChar);


/**
 * Seeded random damage to a clean line list, shared by the consumers'
 * mutation test and fix's: bytes inserted, deleted, lines repeated, joined
 * (a lost line break), cut short, a value replaced.
 */

/** What a mutation inserts: the bytes consumers and readers disagree about. */
export const PIECES = [
  "\0", "\r", "\r\n", "\n", "\t", ",", " ", '"', "-1", "2", "1.0", "\ufeff", "01", " 1", "[", "]", "#", "..", "/", "", "0,", ",,", "\t\t",
  "\u00a0", "１", "\u2028", "\x0b", "\x0c", "\x1c", "\x85", "99999999999999999999", "-0", "+1", "_1", "1_0", "٣", "\n\n", "\t ", "0 ", " 0",
  // Spaces str.split() takes (U+3000, U+2009, U+1680, U+202F, U+205F, U+001D–U+001F) and characters it does not
  // (U+200B, U+00AD, U+180E, U+2060, U+FFFE, DEL); line ends Python's readlines() does not see (U+2029, \x1e) or does (\r\r\n).
  "\u200b", "\u3000", "\u2009", "\u1680", "\x1f", "\x1d", "\x7f", "\u00ad", "\u202f", "\u205f", "\u180e", "\u2060", "\ufffe", "\u2029", "\x1e", "\r\r\n",
  // Digits int() reads (Nd: U+1D7CF, U+FF10, U+0660, U+07C1, U+0966) and look-alikes it refuses (No: ², ½, ¹, ①).
  "𝟏", "０", "\u0660", "߁", "\u0966", "²", "½", "\u00b9", "\u2460",
  // Literals of other kinds int() refuses, and values in odd places.
  "1e0", "True", "0x1", "0b1", "1j", "inf", "nan", "1.", ".1", "0e0", "\ufeff1", "\t0", "0\u00a0", "1 ", "\u000b1", "1\u001c",
  "'", "\\", "./", "//", "%", "\0\0",
];

export function mutate(text: string, next: () => number): string {
  const int = (n: number) => Math.floor(next() * n);
  let s = text;
  for (let k = 1 + int(3); k > 0; k--) {
    const at = int(s.length + 1);
    const op = int(8);
    if (op <= 2) s = s.slice(0, at) + PIECES[int(PIECES.length)]! + s.slice(at);
    else if (op === 7) {
      // Line breaks lost: a list without its final newline concatenated with the next (`cat a b`),
      // or one to three in a row (files of one row each, none with a final newline).
      const breaks = [...s.matchAll(/\n/g)].map((m) => m.index);
      if (breaks.length > 0) {
        const first = int(breaks.length);
        for (const k of breaks.slice(first, first + 1 + int(3)).reverse()) s = s.slice(0, k) + s.slice(k + 1);
      }
    }
    else if (op === 3) s = s.slice(0, at) + s.slice(at + 1 + int(3));
    else if (op === 4) {
      const lines = s.split("\n");
      lines.splice(int(lines.length), 0, lines[int(lines.length)]!);
      s = lines.join("\n");
    } else if (op === 5) s = s.slice(0, at);
    else {
      const lines = s.split("\n");
      const j = int(lines.length);
      lines[j] = lines[j]!.replace(/[01]/, () => PIECES[int(PIECES.length)]!);
      s = lines.join("\n");
    }
  }
  return s;
}

/**
 * Seeded random damage to a clean line list, shared by the consumers'
 * mutation test and fix's: bytes inserted, deleted, lines repeated, joined
 * (a lost line break), cut short, a value replaced.
 */

/** What a mutation inserts: the bytes consumers and readers disagree about. */
export const PIECES = ["\0", "\r", "\r\n", "\n", "\t", ",", " ", '"', "-1", "2", "1.0", "\ufeff", "01", " 1", "[", "]", "#", "..", "/", "", "0,", ",,", "\t\t", "\u00a0", "１", "\u2028", "\x0b", "\x0c", "\x1c", "\x85", "99999999999999999999", "-0", "+1", "_1", "1_0", "٣", "\n\n", "\t ", "0 ", " 0"];

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

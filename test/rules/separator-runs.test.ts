import { describe, expect, it } from "vitest";
import { type LabelSeparator, scanLabels } from "../../src/readers/labels.js";
import { Row, type Token } from "../../src/readers/row.js";
import { runsOf, trailingOnly } from "../../src/rules/inconsistent-separator.js";
import { seededRandom } from "../shared.js";

// inconsistent-separator takes a row's one odd run from the scan, without reading the row into
// tokens, when that run ends the values (trailing whitespace on every line is a common list).
// It must be the run the token read finds: same place, same kind, no other run.
const PIECES = [" ", "  ", "\t", ",", ",,", " ,", ", ", "\u00a0", "\u3000", "\uff0c", "\x0b", "\x1c", "", "\t "];
const VALUES = ["0", "1", "1.0", "-1", "x", "", "2", "[0", "1]", "０"];

function scanned(text: string, sep: LabelSeparator, tokens: Token[] | null): Row {
  const bytes = Buffer.from(text, "utf8");
  const row = new Row();
  row.reset(bytes, 0, bytes.length, 1);
  scanLabels(row, 0, bytes.length, sep, tokens);
  return row;
}

describe("a row's one trailing odd run, from the scan", () => {
  it("is the run the token read finds, on 20,000 random label fields of both separators", () => {
    const random = seededRandom(2026);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    let taken = 0;
    for (let i = 0; i < 20_000; i++) {
      const comma = random() < 0.5;
      const sep = comma ? "," : " ";
      let text = random() < 0.1 ? pick(PIECES) : "";
      const width = 1 + Math.floor(random() * 5);
      for (let k = 0; k < width; k++) {
        text += random() < 0.1 ? pick(VALUES) : pick(["0", "1"]);
        if (k < width - 1) text += random() < 0.1 ? pick(PIECES) : sep;
      }
      if (random() < 0.7) for (let n = 1 + Math.floor(random() * 3); n > 0; n--) text += pick(PIECES);
      if (comma && random() < 0.05) text += "\textra";
      const code = comma ? 44 : 32;
      const shortcut = trailingOnly(scanned(text, code, null), sep);
      if (shortcut === undefined) continue;
      taken++;
      const tokens: Token[] = [];
      const row = scanned(text, code, tokens);
      const { count, worst } = runsOf(row, tokens, sep);
      expect({ text, count, worst }).toEqual({ text, count: shortcut.count, worst: shortcut.worst });
    }
    // The shortcut is taken often enough for this to test it.
    expect(taken).toBeGreaterThan(3_000);
  });
});

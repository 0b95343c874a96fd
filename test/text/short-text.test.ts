/**
 * `shortText` shares one string for each short ASCII text (a fix edit per
 * value of a list of decimals, a separator run between every two values):
 * it must read every byte sequence exactly as Buffer#toString("utf8") does.
 */
import { describe, expect, it } from "vitest";
import { shortText } from "../../src/text/bytes.js";
import { seededRandom } from "../shared.js";

describe("shortText", () => {
  it("reads any bytes as UTF-8 text, as toString does (ASCII, non-ASCII, cut characters, NUL, lengths 0 to 6)", () => {
    const next = seededRandom(41);
    const pool = [0x00, 0x20, 0x2c, 0x2e, 0x30, 0x31, 0x7f, 0x80, 0xc3, 0xa9, 0xe3, 0x80, 0x80, 0xff];
    for (let i = 0; i < 20000; i++) {
      const length = Math.floor(next() * 7);
      const bytes = Buffer.from(Array.from({ length: length + 4 }, () => (next() < 0.5 ? pool[Math.floor(next() * pool.length)]! : Math.floor(next() * 256))));
      const start = Math.floor(next() * 3);
      const end = Math.min(bytes.length, start + length);
      expect(shortText(bytes, start, end)).toBe(bytes.toString("utf8", start, end));
    }
  });

  it("gives texts of the same bytes (and only those) the same string", () => {
    const a = Buffer.from("x1.0y, 1");
    expect(shortText(a, 1, 4)).toBe("1.0");
    expect(shortText(a, 5, 7)).toBe(", ");
    // Same first bytes, other length: another text.
    expect(shortText(a, 1, 3)).toBe("1.");
    expect(shortText(Buffer.from("\u00e9"), 0, 2)).toBe("\u00e9");
  });
});

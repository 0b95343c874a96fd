import { describe, expect, it } from "vitest";
import { type LabelSeparator, scanLabels } from "../../src/readers/labels.js";
import { Row, TokenKind, type Token } from "../../src/readers/row.js";
import { seededRandom } from "../shared.js";

/**
 * The label scanner reads runs of bare 0/1 values two bytes at a time when no
 * tokens are asked for, one value at a time when they are (fixes). Both must
 * leave the row in the same state on any label field.
 */
function state(text: string, sep: LabelSeparator, tokens: Token[] | null, offset = 0, after = "") {
  // Bytes after the field (`after`) are not the field's: a reused buffer holds anything there.
  const bytes = Buffer.from(`${"x".repeat(offset)}${text}${after}`, "latin1");
  const end = bytes.length - after.length;
  const row = new Row();
  row.reset(bytes, offset, end, 1);
  scanLabels(row, offset, end, sep, tokens);
  return {
    k: row.k,
    numOnes: row.numOnes,
    bits: [...row.bits.subarray(0, row.k)],
    ones: [...row.ones.subarray(0, row.numOnes)],
    kindCounts: [...row.kindCounts],
    firstOfKind: [...row.firstOfKind],
    labelsEnd: row.labelsEnd,
    extraStart: row.extraStart,
    nested: row.nested,
    trailingSepStart: row.trailingSepStart,
    oddSeparators: row.oddSeparators,
    firstOddSep: [row.firstOddSepStart, row.firstOddSepEnd],
  };
}

describe("label scanning: the two-byte fast path and the token path agree", () => {
  const COMMA = 44;
  const SPACE = 32;

  it.each<[string, LabelSeparator]>([
    ["0,1,0,1", COMMA],
    ["1", COMMA],
    ["0,", COMMA],
    ["0,,1", COMMA],
    ["0,1\t5", COMMA],
    ["0,\t", COMMA],
    ["0, 1,0", COMMA],
    ["0,-1,1", COMMA],
    ["1,2,0", COMMA],
    ["[0,1,1]", COMMA],
    ["0 1 0 1", SPACE],
    ["0  1", SPACE],
    ["0 1\t0", SPACE],
    ["0 1 ", SPACE],
    ["01 1", SPACE],
    ["0,0,0,0,0,0,0,0,1", COMMA],
    ["0,0,0,0,0,0,0,0", COMMA],
    ["0,0,0,0,,1", COMMA],
    ["0,0,0,0,\t1", COMMA],
    ["0,0,0,0,-1", COMMA],
    ["0,0,0,0, 1", COMMA],
    ["0,0,0,0,", COMMA],
    ["0,0,0,0,0,0,0,0,,1", COMMA],
    ["0,0,0,0,0,0,0,0,\t1", COMMA],
    ["0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1", COMMA],
    ["0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0", COMMA],
    ["0 0 0 0 0 0 0 0  1", SPACE],
    ["0 0 0 0\t0 0 0 0 1", SPACE],
  ])("%j (separator %i)", (text, sep) => {
    expect(state(text, sep, null)).toEqual(state(text, sep, []));
    expect(state(text, sep, null, 3)).toEqual(state(text, sep, [], 3));
  });

  it("on 20,000 random label fields of 0, 1, separators and stray bytes", () => {
    const next = seededRandom(0x1abe1);
    const alphabet = ["0", "1", "0", "1", "0", "1", ",", ",", " ", " ", "\t", "2", "-", "[", "]", "0.5", "0,0,0,0,", "0 0 0 0 ", "0,0,0,0,0,0,0,0,", "0,1,"];
    for (let i = 0; i < 20_000; i++) {
      const length = Math.floor(next() * 40);
      let text = "";
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(next() * alphabet.length)];
      const sep = next() < 0.5 ? COMMA : SPACE;
      expect(state(text, sep, null), JSON.stringify(text)).toEqual(state(text, sep, []));
    }
  });

  it("on 1,500 random wide fields: long runs of zeros broken by ones, stray bytes and odd separators", () => {
    // A run of zeros is read four values (one 8-byte load) at a time.
    const next = seededRandom(0x2e80);
    const breaks = ["1", "1", "1", "2", "-1", "", " ", "\t", "01", "0.0", "a", "１"];
    for (let i = 0; i < 1_500; i++) {
      const sep = next() < 0.5 ? COMMA : SPACE;
      const s = String.fromCharCode(sep);
      const values: string[] = [];
      const runs = 1 + Math.floor(next() * 4);
      for (let r = 0; r < runs; r++) {
        const zeros = Math.floor(next() * (next() < 0.2 ? 12_000 : 300));
        for (let z = 0; z < zeros; z++) values.push("0");
        if (next() < 0.9) values.push(breaks[Math.floor(next() * breaks.length)]!);
      }
      let text = values.join(s);
      if (next() < 0.1) text += s;
      const offset = Math.floor(next() * 3);
      const after = next() < 0.5 ? "" : "0,1";
      expect(state(text, sep, null, offset, after), `${text.length} bytes`).toEqual(state(text, sep, [], offset, after));
    }
  });

  it("a run of exactly the long-run length, and one byte either side of it", () => {
    for (let zeros = 28; zeros <= 40; zeros++) {
      for (const tail of ["", ",1", ",", ",,1", ",2"]) {
        const text = `${Array.from({ length: zeros }, () => "0").join(",")}${tail}`;
        expect(state(text, COMMA, null), text).toEqual(state(text, COMMA, []));
        expect(state(text, COMMA, null, 0, "1"), text).toEqual(state(text, COMMA, [], 0, "1"));
      }
    }
  });

  it("one row reused for 3,000 random lines holds each line's own values: 1 at its positives, 0 at every other class", () => {
    // The scanner writes only the 1s of a line; the row clears the last line's 1s when it is reset.
    const next = seededRandom(0x0b175);
    const row = new Row();
    const pieces = ["0", "0", "0", "1", "2", "-1", "", "1.0"];
    for (let i = 0; i < 3_000; i++) {
      const sep = next() < 0.5 ? COMMA : SPACE;
      const width = Math.floor(next() * (next() < 0.1 ? 3_000 : 60));
      const values = Array.from({ length: width }, () => (next() < 0.9 ? "0" : pieces[Math.floor(next() * pieces.length)]!));
      const bytes = Buffer.from(values.join(String.fromCharCode(sep)), "latin1");
      row.reset(bytes, 0, bytes.length, i + 1);
      scanLabels(row, 0, bytes.length, sep, next() < 0.2 ? [] : null);
      const expected = new Set(row.ones.subarray(0, row.numOnes));
      const fresh = state(bytes.toString("latin1"), sep, []);
      expect([...expected], values.join(",")).toEqual(fresh.ones);
      for (let c = 0; c < row.bits.length; c++) if ((row.bits[c] === 1) !== expected.has(c)) throw new Error(`line ${i + 1}: class ${c} is ${row.bits[c]}`);
    }
  });

  it("grows the row for a line of more values than it holds", () => {
    const text = Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? "1" : "0")).join(",");
    const fast = state(text, COMMA, null);
    expect(fast.k).toBe(5000);
    expect(fast.numOnes).toBe(715);
    expect(fast).toEqual(state(text, COMMA, []));
  });
});

/** The row and tokens of `0,TEXT,1` read with tokens, and the same row read by the fast scan (no tokens). */
function scanned(text: string): { token: Token; row: Row; fast: Row } {
  const bytes = Buffer.from(`0,${text},1`, "latin1");
  const tokens: Token[] = [];
  const row = new Row();
  row.reset(bytes, 0, bytes.length, 1);
  scanLabels(row, 0, bytes.length, 44, tokens);
  const fast = new Row();
  fast.reset(bytes, 0, bytes.length, 1);
  scanLabels(fast, 0, bytes.length, 44, null);
  return { token: tokens[1]!, row, fast };
}

/** Read with tokens and without, the value is classified alike, as `want` says. */
function expectClassified(text: string, want: { kind: number; value: number }): void {
  const { token, row, fast } = scanned(text);
  expect({ kind: token.kind, value: token.value }, text).toEqual(want);
  expect([...fast.kindCounts], text).toEqual([...row.kindCounts]);
  expect(fast.maxInteger, text).toBe(row.maxInteger);
}

describe("a short whole number (up to 15 digits, with or without a minus) is read from its bytes as its text reads", () => {
  /** The kind and value Python's int() and the reader's rules give the text: 0/1 as written, other spellings of 0 and 1, -1, a safe integer ≥ 2, the rest. */
  function expected(text: string): { kind: number; value: number } {
    const value = Number(text);
    if (text === "0" || text === "1") return { kind: value === 1 ? TokenKind.One : TokenKind.Zero, value };
    if (value === 0 || value === 1) return { kind: TokenKind.NonCanonical, value };
    if (value === -1) return { kind: TokenKind.MinusOne, value };
    return { kind: value >= 2 && Number.isSafeInteger(value) ? TokenKind.Integer : TokenKind.NonBinary, value };
  }

  it("for every length to 17 digits, leading zeros and a minus (the longer ones take the text path)", () => {
    const next = seededRandom(73);
    const texts = ["0", "1", "00", "01", "-0", "-00", "-1", "-01", "2", "-2", "007", "999999999999999", "-999999999999999", "9007199254740993", "0000000000000001", "00000000000000002"];
    for (let i = 0; i < 3000; i++) {
      const digits = Array.from({ length: 1 + Math.floor(next() * 17) }, () => (next() < 0.3 ? "0" : String(Math.floor(next() * 10)))).join("");
      texts.push(next() < 0.3 ? `-${digits}` : digits);
    }
    for (const text of texts) expectClassified(text, expected(text));
  });
});

describe("a whole number written as a decimal (`1.0`, `-1.`, `0.00`) is read from its bytes as its text reads", () => {
  it("kind and value as Number() and the reader's rules give them", () => {
    const texts = ["0.0", "1.0", "0.", "1.", "-1.0", "-0.0", "2.0", "00.0", "1.00", "10.0", "-2.0", "1.5", "1.01", ".0", "1.0e0", "999999999999999.0", "1.000000000000000000000"];
    for (const text of texts) {
      const value = Number(text);
      expectClassified(text, { kind: value === 0 || value === 1 ? TokenKind.NonCanonical : value === -1 ? TokenKind.MinusOne : TokenKind.NonBinary, value });
    }
  });
});

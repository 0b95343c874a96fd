import { describe, expect, it } from "vitest";
import { lintText } from "../../src/engine/lint.js";
import { paddleclas } from "../../src/readers/paddleclas.js";
import { Row, TokenKind, type Token } from "../../src/readers/row.js";
import { denseLabels, sparseCanonical } from "../../src/readers/sparse.js";

/** The row a format makes of one line, with its tokens when asked. */
function parsed(parse: (row: Row, tokens?: Token[] | null) => void, line: string, tokens: Token[] | null = null): Row {
  const row = new Row();
  const buf = Buffer.from(line);
  row.reset(buf, 0, buf.length, 1);
  parse(row, tokens);
  return row;
}

describe("sparse canonical lines", () => {
  const C = 7;
  const cases: [string, number[]][] = [
    ["a.jpg", [0, 3]],
    ["b.jpg", []],
    ["c.jpg", [0, 1, 2, 3, 4, 5, 6]],
    ["#d.jpg", [6]],
    ["", [2]],
  ];
  for (const [path, indices] of cases) {
    it(`reads '${path}\\t${indices.join(",")}' as the multi-hot line it stands for`, () => {
      const sparse = parsed(sparseCanonical(C).parse, `${path}\t${indices.join(",")}`);
      const dense = parsed(paddleclas.parse, `${path}\t${denseLabels(indices, C).join(",")}`);
      expect(sparse.sparse).toBe(true);
      for (const field of ["hasSeparator", "pathStart", "pathEnd", "hashHi", "hashLo", "labelsStart", "k", "numOnes", "maxInteger", "extraStart", "trailingSepStart", "oddSeparators"] as const) {
        expect(sparse[field], field).toBe(dense[field]);
      }
      expect(Array.from(sparse.kindCounts)).toEqual(Array.from(dense.kindCounts));
      expect(Array.from(sparse.firstOfKind)).toEqual(Array.from(dense.firstOfKind));
      expect(Array.from(sparse.ones.subarray(0, sparse.numOnes))).toEqual(indices);
      for (let c = 0; c < C; c++) expect(sparse.has(c), `class ${c}`).toBe(dense.has(c));
    });
  }

  it("gives every value as a token to a caller that asks for them", () => {
    const tokens: Token[] = [];
    parsed(sparseCanonical(4).parse, "a.jpg\t1,3", tokens);
    expect(tokens.map((t) => [t.kind, t.value])).toEqual([
      [TokenKind.Zero, 0],
      [TokenKind.One, 1],
      [TokenKind.Zero, 0],
      [TokenKind.One, 1],
    ]);
  });

  it("refuses a line no reader writes (out of order, past C), rather than read it wrong", () => {
    expect(() => parsed(sparseCanonical(4).parse, "a.jpg\t3,1")).toThrow(/malformed/);
    expect(() => parsed(sparseCanonical(4).parse, "a.jpg\t4")).toThrow(/malformed/);
    expect(() => parsed(sparseCanonical(4).parse, "a.jpg\t1,x")).toThrow(/malformed/);
  });
});

describe("index lists at an extreme class count", () => {
  const C = 670_091;
  it("checks and counts rows by their indices: clean rows, duplicates and conflicts found, no C-wide merge offered", async () => {
    const text = ["a.jpg\t6,24", "b.jpg\t670090", "c.jpg\t", "a.jpg\t24,6", "b.jpg\t0", "d.jpg\t670091", "e.jpg\t3,3"].join("\n") + "\n";
    const r = await lintText(text, { format: "indices", numClasses: C, statistics: false, rules: { "class-without-positives": "off", "rare-class": "off" } });
    expect(r.numClasses).toBe(C);
    expect(r.rows).toBe(7);
    expect(r.stats.validRows).toBe(6);
    expect(r.stats.positives[6]).toBe(2);
    expect(r.stats.positives[670090]).toBe(1);
    expect(r.stats.emptyRows).toBe(1);
    const found = r.problems.map((p) => [p.line, p.rule]);
    expect(found).toEqual(
      expect.arrayContaining([
        [3, "empty-labelset"],
        [4, "duplicate-path"],
        [5, "conflicting-duplicate"],
        [6, "invalid-index"],
        [7, "repeated-index"],
      ]),
    );
    expect(r.problems.find((p) => p.rule === "conflicting-duplicate")!.fix).toBeUndefined();
  });

  it("reads an index past any class count as a problem on its line, without sizing anything by it", async () => {
    const r = await lintText("a.jpg\t1\nb.jpg\t99999999999\n", { format: "indices", statistics: false });
    expect(r.numClasses).toBe(2);
    expect(r.problems.filter((p) => p.rule === "invalid-index").map((p) => p.line)).toEqual([2]);
  });
});

import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/split/evaluate.js";
import { LabelMatrix } from "../../src/split/matrix.js";
import { PairIndex } from "../../src/split/pairs.js";
import { SeededRandom } from "../../src/split/random.js";
import { randomSplit, splitSizes, stratify, type Placement } from "../../src/split/stratify.js";

/** A matrix from rows of positive class indices. */
function matrixOf(numClasses: number, rows: number[][]): LabelMatrix {
  const m = new LabelMatrix(numClasses);
  for (const r of rows) m.add(r, r.length);
  return m;
}

function placement(m: LabelMatrix, ratios: number[], seed = 0): Placement {
  return { matrix: m, units: Int32Array.from({ length: m.rows }, (_, i) => i), pairs: new PairIndex(m), ratios, seed };
}

/** A skewed multi-label matrix from a seeded generator: a few common classes, a long tail of rare ones. */
function synthetic(rows: number, numClasses: number, seed: number): LabelMatrix {
  const random = new SeededRandom(seed);
  const m = new LabelMatrix(numClasses);
  for (let r = 0; r < rows; r++) {
    const ones = new Set<number>();
    const k = Math.floor(random.next() * 4);
    for (let i = 0; i < k; i++) ones.add(Math.min(numClasses - 1, Math.floor(numClasses * random.next() ** 3)));
    const sorted = [...ones].sort((a, b) => a - b);
    m.add(sorted, sorted.length);
  }
  return m;
}

describe("LabelMatrix", () => {
  it("keeps each row's positive classes in one pool, growing past its first capacity", () => {
    const m = new LabelMatrix(5);
    for (let i = 0; i < 70_000; i++) m.add([i % 5, 4], i % 5 === 4 ? 1 : 2);
    expect(m.rows).toBe(70_000);
    expect(Array.from(m.values.subarray(m.start(3), m.end(3)))).toEqual([3, 4]);
    expect(Array.from(m.values.subarray(m.start(4), m.end(4)))).toEqual([4]);
    expect(Array.from(m.positives())).toEqual([14_000, 14_000, 14_000, 14_000, 70_000]);
  });
});

describe("PairIndex", () => {
  it("counts each co-occurring pair once per row, whichever order it is asked in", () => {
    const pairs = new PairIndex(matrixOf(4, [[0, 1, 2], [0, 1], [2, 3], []]));
    expect(pairs.length).toBe(4);
    expect(pairs.rows(pairs.id(1, 0))).toBe(2);
    expect(pairs.rows(pairs.id(2, 3))).toBe(1);
    expect(pairs.id(0, 3)).toBe(-1);
  });
});

describe("splitSizes", () => {
  it("rounds to sizes that sum to the row count, largest remainders first", () => {
    expect(splitSizes(10, [0.8, 0.2])).toEqual([8, 2]);
    expect(splitSizes(7, [0.5, 0.5])).toEqual([4, 3]);
    expect(splitSizes(10, [1 / 3, 1 / 3, 1 / 3])).toEqual([4, 3, 3]);
    expect(splitSizes(0, [0.8, 0.2])).toEqual([0, 0]);
  });
});

describe("stratify", () => {
  it("puts every row in exactly one split, for several ratios and seeds", () => {
    const m = synthetic(3000, 40, 7);
    for (const ratios of [[0.8, 0.2], [0.5, 0.5], [0.6, 0.2, 0.2], [0.1, 0.2, 0.3, 0.4]]) {
      for (const seed of [0, 1, 99]) {
        const a = stratify(placement(m, ratios, seed));
        expect(a.every((f) => f < ratios.length)).toBe(true);
        const sizes = ratios.map((_, f) => a.filter((x) => x === f).length);
        expect(sizes.reduce((x, y) => x + y, 0)).toBe(3000);
        // Row counts stay close to the ratios (negative evidence fills the gaps).
        ratios.forEach((r, f) => expect(Math.abs(sizes[f]! - r * 3000)).toBeLessThanOrEqual(0.02 * 3000));
      }
    }
  });

  it("gives the same assignment for the same seed, and another for another seed", () => {
    const m = synthetic(2000, 30, 3);
    const a = stratify(placement(m, [0.8, 0.2], 5));
    expect(stratify(placement(m, [0.8, 0.2], 5))).toEqual(a);
    expect(stratify(placement(m, [0.8, 0.2], 6))).not.toEqual(a);
  });

  it("puts a class with two positives in both splits at 0.8/0.2, where plain desired counts would put both in train", () => {
    // Class 1 has two positives; each of its rows also holds a class of one positive (2 and 3), placed first.
    const rows = [[0, 1, 2], [0, 1, 3], ...Array.from({ length: 18 }, () => [0])];
    const m = matrixOf(4, rows);
    for (const seed of [0, 1, 2, 3, 4]) {
      const [q] = evaluate(m, new PairIndex(m), 2, [stratify(placement(m, [0.8, 0.2], seed))]);
      expect(q!.positives[1]).toEqual([1, 1]);
    }
  });

  it("keeps more classes and label pairs in every split, and prevalence closer, than a random split", () => {
    const m = synthetic(4000, 60, 11);
    const p = placement(m, [0.8, 0.2], 0);
    const [s, r] = evaluate(m, p.pairs, 2, [stratify(p), randomSplit(p)]);
    expect(s!.classesMissingAvoidable).toBe(0);
    expect(s!.pairsMissingAny).toBeLessThan(r!.pairsMissingAny);
    expect(s!.linfBetween!).toBeLessThan(r!.linfBetween!);
  });

  it("keeps the ratio on a list of classes seen once or twice (extreme multi-label): no split fills up with them", () => {
    // 1,000 rows, each with three classes of their own (seen once), and 1,000 rows sharing classes two by two.
    const once = Array.from({ length: 1000 }, (_, r) => [3 * r, 3 * r + 1, 3 * r + 2]);
    const twice = Array.from({ length: 1000 }, (_, r) => [3000 + (r >> 1) * 2, 3000 + (r >> 1) * 2 + 1]);
    for (const rows of [once, twice, [...once, ...twice]]) {
      const m = matrixOf(4000, rows);
      const p = placement(m, [0.8, 0.2], 3);
      const a = stratify(p);
      const train = a.filter((f) => f === 0).length;
      // Plain preference sends every class seen once to train (all 1,000 rows); evidence at any cost sends half of the pairs to eval.
      expect(Math.abs(train / rows.length - 0.8), `${rows.length} rows: ${train} in train`).toBeLessThan(0.02);
      // Still better than chance at keeping classes in both splits.
      const [s, r] = evaluate(m, p.pairs, 2, [a, randomSplit(p)]);
      expect(s!.classesMissingAvoidable).toBeLessThanOrEqual(r!.classesMissingAvoidable);
    }
  });

  it("leaves rows that are not units alone, for the caller to place with their first copy", () => {
    const m = matrixOf(2, [[0], [1], [0], [1]]);
    const a = stratify({ ...placement(m, [0.5, 0.5]), units: Int32Array.from([0, 1, 3]) });
    expect(a[2]).toBe(255);
    expect([a[0], a[1], a[3]].every((f) => f === 0 || f === 1)).toBe(true);
  });
});

describe("randomSplit", () => {
  it("cuts a seeded shuffle at the ratios: exact sizes, same seed same rows", () => {
    const m = synthetic(1001, 10, 1);
    const a = randomSplit(placement(m, [0.8, 0.2], 42));
    expect([a.filter((f) => f === 0).length, a.filter((f) => f === 1).length]).toEqual([801, 200]);
    expect(randomSplit(placement(m, [0.8, 0.2], 42))).toEqual(a);
  });
});

describe("evaluate", () => {
  it("counts rows, positives, missing classes and pairs, and L∞ distances per split", () => {
    const m = matrixOf(3, [[0, 1], [0, 1], [0], [2]]);
    const pairs = new PairIndex(m);
    const [q] = evaluate(m, pairs, 2, [Uint8Array.from([0, 0, 1, 1])]);
    expect(q!.rows).toEqual([2, 2]);
    expect(q!.positives).toEqual([[2, 1], [2, 0], [0, 1]]);
    expect(q!.classesMissing).toEqual([[2], [1]]);
    expect(q!.classesMissingAnywhere).toBe(2);
    expect(q!.classesMissingAvoidable).toBe(1);
    // Pair (0,1) co-occurs in two rows, both in split 0.
    expect(q!.pairsMissing).toEqual([0, 1]);
    expect(q!.pairsMissingAny).toBe(1);
    // Class 1: 2/2 in split 0 against 2/4 overall.
    expect(q!.linf[0]).toBeCloseTo(0.5);
    expect(q!.linfClass[0]).toBe(1);
    expect(q!.linfBetween).toBeCloseTo(1);
  });
});

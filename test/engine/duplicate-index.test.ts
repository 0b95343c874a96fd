import { describe, expect, it } from "vitest";
import { DuplicateIndex, KeyJoin, partitionKeys } from "../../src/engine/duplicate-index.js";
import { KEY_DUPLICATE } from "../../src/engine/partial.js";
import { SeededRandom } from "../../src/split/random.js";
import { confirmDuplicates } from "../../src/engine/duplicates.js";
import { paddleclas } from "../../src/readers/paddleclas.js";

describe("duplicate index", () => {
  it("stays within 16 bytes per row when sized from an estimate", () => {
    const rows = 200_000;
    const index = new DuplicateIndex(rows);
    for (let line = 1; line <= rows; line++) index.add(Math.imul(line, 0x9e3779b1) >>> 0, Math.imul(line ^ (line >>> 7), 0x85ebca6b) >>> 0, line);
    expect(index.bytes / rows).toBeLessThanOrEqual(16);
    expect(index.candidates).toBe(0);
  });

  it("grows when the estimate was too low and still finds every repeat", () => {
    const index = new DuplicateIndex(10);
    for (let line = 1; line <= 5000; line++) index.add(line % 2500, 7, line);
    expect(index.candidates).toBe(2500);
    expect([...index.pairsInOrder()][0]).toEqual([2501, 1]);
  });

  it("reports nothing for a hash collision between different paths: candidates are confirmed on the bytes", async () => {
    const index = new DuplicateIndex(10);
    index.add(42, 42, 1);
    index.add(42, 42, 2); // same hash, different path below
    index.add(42, 42, 3); // same hash, same path as line 1
    const lines = new Map([
      [1, { bytes: Buffer.from("a.jpg\t0,1"), nonBlankBefore: 0 }],
      [2, { bytes: Buffer.from("b.jpg\t0,1"), nonBlankBefore: 1 }],
      [3, { bytes: Buffer.from("./a.jpg\t1,0"), nonBlankBefore: 2 }],
    ]);
    const findings = await confirmDuplicates(index, async () => lines, paddleclas, 2);
    expect(findings.map((f) => [f.line, f.firstLine, f.sameLabels])).toEqual([[3, 1, false]]);
    expect(findings[0]!.mergedLabels).toBe("1,1");
  });

  it("past what each rule can list, a copy is confirmed, merged and counted but holds no text", async () => {
    const index = new DuplicateIndex(10);
    const text = ["a.jpg\t0,1", "b.jpg\t1,0", "a.jpg\t0,1", "./b.jpg\t0,1", "a.jpg\t1,0", "b.jpg\t1,0", "b.jpg\t0,0"];
    text.forEach((t, i) => index.add(t.includes("a.jpg") ? 42 : 4242, 4242, i + 1));
    const lines = new Map(text.map((t, i) => [i + 1, { bytes: Buffer.from(t), nonBlankBefore: i }]));
    const all = await confirmDuplicates(index, async () => new Map(lines), paddleclas, 2);
    const some = await confirmDuplicates(index, async () => new Map(lines), paddleclas, 2, 0, undefined, { same: 1, conflict: 1 });
    const shape = (f: (typeof all)[number]) => [f.line, f.firstLine, f.sameLabels, f.mergedLabels];
    expect(some.map(shape)).toEqual(all.map(shape));
    expect(all.map(shape)).toEqual([
      [3, 1, true, undefined],
      [4, 2, false, "1,1"],
      [5, 1, false, "1,1"],
      [6, 2, true, undefined],
      [7, 2, false, "1,1"],
    ]);
    // The first of each kind as in a full run; the rest without their lines.
    expect(some[0]).toEqual(all[0]);
    expect(some[1]).toEqual(all[1]);
    expect(some[1]!.firstPath).toBe("b.jpg");
    expect(all[1]!.path).toBe("./b.jpg");
    for (const f of some.slice(2)) expect([f.path, f.source, f.firstSource, f.firstLabels]).toEqual(["", "", "", [0, 0]]);
  });
});

describe("key join (a file read in parts)", () => {
  /** Records (hi, lo, line, flags) for `lines` rows whose path hash is drawn from `distinct` values. */
  function records(rand: () => number, lines: number, distinct: number, everyHash: boolean): Uint32Array {
    const out = new Uint32Array(lines * 4);
    for (let i = 0; i < lines; i++) {
      const h = Math.floor(rand() * distinct);
      // Spread over the whole 32-bit range, high bits included (they pick the bucket).
      out[4 * i] = Math.imul(h + 1, 0x9e3779b1) >>> 0;
      out[4 * i + 1] = Math.imul(h ^ 0x5bd1e995, 0x85ebca6b) >>> 0;
      out[4 * i + 2] = i + 1;
      out[4 * i + 3] = everyHash || rand() < 0.9 ? KEY_DUPLICATE : 0;
    }
    return out;
  }

  function rowByRow(batches: readonly Uint32Array[]): number[][] {
    const index = new DuplicateIndex(16);
    let offset = 0;
    for (const batch of batches) {
      for (let i = 0; i < batch.length; i += 4) if ((batch[i + 3]! & KEY_DUPLICATE) !== 0) index.add(batch[i]!, batch[i + 1]!, batch[i + 2]! + offset);
      offset += batch.length / 4;
    }
    return [...index.pairsInOrder()];
  }

  function joined(batches: readonly Uint32Array[], expectedRows: number): number[][] {
    const join = new KeyJoin(expectedRows);
    let offset = 0;
    for (const batch of batches) {
      join.add(batch, offset, KEY_DUPLICATE);
      offset += batch.length / 4;
    }
    const flat = join.pairs();
    return Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i]!, flat[2 * i + 1]!]);
  }

  /** The same batches partitioned elsewhere with every bucket bit (as a part's worker does), then joined with the join's own. */
  function joinedPartitioned(batches: readonly Uint32Array[], expectedRows: number): number[][] {
    const join = new KeyJoin(expectedRows);
    let offset = 0;
    for (const [i, batch] of batches.entries()) {
      // Some batches partitioned here (the calling thread's own part), the others elsewhere.
      if (i % 2 === 0) join.addPartitioned(partitionKeys(batch, KEY_DUPLICATE), offset);
      else join.add(batch, offset, KEY_DUPLICATE);
      offset += batch.length / 4;
    }
    const flat = join.pairs();
    return Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i]!, flat[2 * i + 1]!]);
  }

  /** The same rows given one at a time, as one pass over a file gives them (partitioned a batch at a time). */
  function joinedRows(batches: readonly Uint32Array[], expectedRows: number): number[][] {
    const join = new KeyJoin(expectedRows);
    let offset = 0;
    for (const batch of batches) {
      for (let i = 0; i < batch.length; i += 4) if ((batch[i + 3]! & KEY_DUPLICATE) !== 0) join.addRow(batch[i]!, batch[i + 1]!, batch[i + 2]! + offset);
      offset += batch.length / 4;
    }
    const flat = join.pairs();
    return Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i]!, flat[2 * i + 1]!]);
  }

  // Few and many pairs (both sorts), one bucket and thousands, estimates too low and too high.
  const cases = [
    { seed: 1, parts: [50, 70], distinct: 40, expected: 10 },
    { seed: 2, parts: [30_000, 25_000, 20_000], distinct: 1e9, expected: 75_000 },
    { seed: 3, parts: [40_000, 40_000], distinct: 30_000, expected: 1000 },
    { seed: 4, parts: [100_000, 60_000], distinct: 150_000, expected: 10_000_000 },
    { seed: 5, parts: [0, 5000, 0, 5000], distinct: 3000, expected: 10_000 },
  ];
  for (const { seed, parts, distinct, expected } of cases) {
    it(`finds the pairs a row-by-row index finds, in its order (seed ${seed}: ${parts.join(" + ")} rows, ${distinct} paths)`, () => {
      const random = new SeededRandom(seed);
      const rand = () => random.next();
      const batches = parts.map((n) => records(rand, n, distinct, seed === 2));
      const want = rowByRow(batches);
      if (distinct < 1e9) expect(want.length).toBeGreaterThan(0);
      expect(joined(batches, expected)).toEqual(want);
      expect(joinedPartitioned(batches, expected)).toEqual(want);
      // Row by row: more rows than one batch holds (65,536, or 16 a bucket) in all but the small cases.
      expect(joinedRows(batches, expected)).toEqual(want);
    });
  }

  it("takes a batch partitioned with as many bucket bits or more, and refuses one with fewer", () => {
    const batch = Uint32Array.from([0xffffffff, 7, 1, KEY_DUPLICATE, 0x00010000, 7, 2, KEY_DUPLICATE, 0xffffffff, 7, 3, KEY_DUPLICATE]);
    for (const bits of [0, 1, 5, 16]) {
      const join = new KeyJoin(2048 * 2 ** 16);
      if (bits < 16) expect(() => join.addPartitioned(partitionKeys(batch, KEY_DUPLICATE, bits), 0)).toThrow(/cannot be joined/);
      else {
        join.addPartitioned(partitionKeys(batch, KEY_DUPLICATE, bits), 10);
        expect(Array.from(join.pairs())).toEqual([13, 11]);
      }
    }
  });

  it("keeps the first line of a hash across parts, and a hash that is only in one part", () => {
    const part = (rows: [number, number][]) => Uint32Array.from(rows.flatMap(([hash, line]) => [hash, 7, line, KEY_DUPLICATE]));
    // Lines are the part's own (from 1); the join moves them by the lines before.
    const got = joined([part([[0xffffffff, 1], [5, 2]]), part([[0xffffffff, 1], [9, 2], [0xffffffff, 3], [5, 4]])], 4);
    expect(got).toEqual([[3, 1], [5, 1], [6, 2]]);
  });
});

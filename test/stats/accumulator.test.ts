import { describe, expect, it } from "vitest";
import { MAX_LABELSETS, StatisticsAccumulator } from "../../src/stats/accumulator.js";
import { typedArraysAsLists } from "../../src/shards/partial-file.js";
import { computeStatistics } from "../../src/stats/compute.js";

/** Rows of 3–4 positives of C = 1000 (labelsets mostly distinct; every 7th row repeats one seen 3,000 rows before). */
function rowsOf(count: number, lengths: readonly number[] = [3, 4]): number[][] {
  let seed = 0x5eed;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % 1000;
  const rows: number[][] = [];
  for (let r = 0; r < count; r++) {
    if (r % 7 === 6 && r >= 3000) {
      rows.push(rows[r - 3000]!);
      continue;
    }
    const set = new Set<number>();
    const n = lengths[r % lengths.length]!;
    while (set.size < n) set.add(next());
    rows.push([...set].sort((a, b) => a - b));
  }
  return rows;
}

/** The labelsets kept, in order, with their rows: a count and an order-sensitive 32-bit digest of every number. */
function labelsets(acc: StatisticsAccumulator): [number, number] {
  let count = 0;
  let h = 0x811c9dc5;
  acc.forEachLabelset((indices, n, rows) => {
    count++;
    for (let i = 0; i < n; i++) h = Math.imul(h ^ indices[i]!, 0x01000193);
    h = Math.imul(h ^ (0x10000 + rows), 0x01000193);
  });
  return [count, h >>> 0];
}

describe("statistics accumulated in parts", () => {
  it("merged in file order, visit the labelsets in the order one pass first saw them: the same SCUMBLE to the last bit", () => {
    const rows = rowsOf(60_000);
    const one = new StatisticsAccumulator(1000);
    for (const r of rows) one.add(r, r.length);
    const expected = labelsets(one);
    const scumble = computeStatistics(one).scumble;
    for (const cuts of [[0.5], [0.1, 0.2, 0.7], [0.33, 0.34]]) {
      const edges = [0, ...cuts.map((c) => Math.floor(rows.length * c)), rows.length];
      const merged = new StatisticsAccumulator(1000);
      for (let p = 0; p + 1 < edges.length; p++) {
        const acc = new StatisticsAccumulator(1000);
        for (const r of rows.slice(edges[p], edges[p + 1])) acc.add(r, r.length);
        merged.merge(acc.save());
      }
      expect(labelsets(merged), `cut at ${cuts.join(", ")}`).toEqual(expected);
      expect(computeStatistics(merged).scumble).toBe(scumble);
    }
  });

  it("past the labelset cap, keep the labelsets one pass keeps, with the same counts", () => {
    // More distinct labelsets than are kept, so which are kept depends on the order they are admitted in.
    const rows = rowsOf(Math.ceil(MAX_LABELSETS * 1.4));
    const one = new StatisticsAccumulator(1000);
    for (const r of rows) one.add(r, r.length);
    expect(one.labelsetsTruncated).toBe(true);
    const expected = labelsets(one);
    const stats = computeStatistics(one);
    for (const cut of [0.3, 0.9]) {
      const at = Math.floor(rows.length * cut);
      const parts = [rows.slice(0, at), rows.slice(at)].map((part) => {
        const acc = new StatisticsAccumulator(1000);
        for (const r of part) acc.add(r, r.length);
        return acc.save();
      });
      const merged = new StatisticsAccumulator(1000);
      for (const part of parts) merged.merge(part);
      expect(merged.distinctLabelsets).toBe(one.distinctLabelsets);
      expect(merged.labelsetsTruncated).toBe(true);
      expect(labelsets(merged)).toEqual(expected);
      const a = computeStatistics(merged);
      expect([a.singleOccurrenceLabelsets, a.maxLabelsetFrequency, a.scumble]).toEqual([stats.singleOccurrenceLabelsets, stats.maxLabelsetFrequency, stats.scumble]);
    }
  });
});

describe("labelsets past the cap, some packed and some spelled out", () => {
  it("merged parts keep the labelsets one pass keeps: the part's packed and spelled ones are admitted in the order it first saw them", () => {
    // At C = 1000 a labelset of up to 5 classes packs into one number; 7 do not. Which labelsets are kept past
    // the cap depends on the order both kinds were first seen in (parts merged store by store kept others).
    const rows = rowsOf(Math.ceil(MAX_LABELSETS * 1.2), [4, 7]);
    const one = new StatisticsAccumulator(1000);
    for (const r of rows) one.add(r, r.length);
    expect(one.labelsetsTruncated).toBe(true);
    const expected = labelsets(one);
    const stats = computeStatistics(one);
    const at = Math.floor(rows.length * 0.6);
    const merged = new StatisticsAccumulator(1000);
    for (const part of [rows.slice(0, at), rows.slice(at)]) {
      const acc = new StatisticsAccumulator(1000);
      for (const r of part) acc.add(r, r.length);
      // As a shard writes it: JSON.
      merged.merge(JSON.parse(JSON.stringify(acc.save(), typedArraysAsLists)));
    }
    expect(labelsets(merged)).toEqual(expected);
    // As a worker thread hands it over: typed arrays, structured-cloned.
    const handed = new StatisticsAccumulator(1000);
    for (const part of [rows.slice(0, at), rows.slice(at)]) {
      const acc = new StatisticsAccumulator(1000);
      for (const r of part) acc.add(r, r.length);
      const saved = structuredClone(acc.save());
      expect(saved.spelledFlat).toBeInstanceOf(Float64Array);
      handed.merge(saved);
    }
    expect(labelsets(handed)).toEqual(expected);
    const a = computeStatistics(merged);
    expect([a.singleOccurrenceLabelsets, a.maxLabelsetFrequency, a.scumble]).toEqual([stats.singleOccurrenceLabelsets, stats.maxLabelsetFrequency, stats.scumble]);
  });
});

describe("partials written before the flat spelled labelsets", () => {
  it("are still merged: their labelsets spelled as text, after the packed ones", () => {
    const rows = rowsOf(20_000, [4, 7]);
    const one = new StatisticsAccumulator(1000);
    for (const r of rows) one.add(r, r.length);
    const merged = new StatisticsAccumulator(1000);
    for (const part of [rows.slice(0, 9_000), rows.slice(9_000)]) {
      const acc = new StatisticsAccumulator(1000);
      for (const r of part) acc.add(r, r.length);
      const { spelledFlat: flat, spelledAfter: _after, ...saved } = acc.save();
      const spelledFlat = Array.from(flat!);
      // The older shape: `3,17,42` with its rows, and no order between packed and spelled.
      const spelled: [string, number][] = [];
      for (let at = 0; at < spelledFlat.length; at += 2 + spelledFlat[at]!) spelled.push([spelledFlat.slice(at + 2, at + 2 + spelledFlat[at]!).join(","), spelledFlat[at + 1]!]);
      merged.merge({ ...saved, spelled });
    }
    expect(labelsets(merged)).toEqual(labelsets(one));
  });
});

describe("labelsets too long to pack in one number", () => {
  /** The labelsets an accumulator visits, spelled out, with their rows, in visit order. */
  const visited = (acc: StatisticsAccumulator): [string, number][] => {
    const out: [string, number][] = [];
    acc.forEachLabelset((indices, n, rows) => out.push([Array.from(indices.subarray(0, n)).join(","), rows]));
    return out;
  };

  for (const C of [1000, 670_091]) {
    it(`are counted exactly and visited in the order first seen (packed ones first) at C=${C}, in one pass and in merged parts`, () => {
      let seed = 7;
      const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
      const rows: number[][] = [];
      for (let r = 0; r < 40_000; r++) {
        // Often a labelset seen before (exactly, or one index off); lengths 0–14, so some pack and most do not at a large C.
        if (r > 100 && next() % 3 === 0) {
          const again = [...rows[next() % rows.length]!];
          if (again.length > 0 && next() % 2 === 0) again[again.length - 1] = Math.min(C - 1, again[again.length - 1]! + 1);
          rows.push([...new Set(again)].sort((a, b) => a - b));
          continue;
        }
        const set = new Set<number>();
        const n = next() % 15;
        while (set.size < n) set.add(next() % (next() % 2 === 0 ? 40 : C));
        rows.push([...set].sort((a, b) => a - b));
      }
      // The reference: packable labelsets, then the others, each in first-seen order.
      const packable = Math.floor(53 / Math.log2(C + 2));
      const packed = new Map<string, number>();
      const spelled = new Map<string, number>();
      for (const r of rows) {
        const map = r.length <= packable ? packed : spelled;
        map.set(r.join(","), (map.get(r.join(",")) ?? 0) + 1);
      }
      const expected = [...packed, ...spelled];
      expect(spelled.size).toBeGreaterThan(1000);
      const one = new StatisticsAccumulator(C);
      for (const r of rows) one.add(r, r.length);
      expect(visited(one)).toEqual(expected);
      expect(one.distinctLabelsets).toBe(expected.length);
      for (const cuts of [[0.5], [0.01, 0.6, 0.61]]) {
        const edges = [0, ...cuts.map((c) => Math.floor(rows.length * c)), rows.length];
        const merged = new StatisticsAccumulator(C);
        for (let p = 0; p + 1 < edges.length; p++) {
          const acc = new StatisticsAccumulator(C);
          for (const r of rows.slice(edges[p], edges[p + 1])) acc.add(r, r.length);
          merged.merge(JSON.parse(JSON.stringify(acc.save(), typedArraysAsLists)));
        }
        expect(visited(merged), `cut at ${cuts.join(", ")}`).toEqual(expected);
        expect(computeStatistics(merged).scumble).toBe(computeStatistics(one).scumble);
      }
    });
  }
});

describe("a part handed over on the thread that merges it", () => {
  const rows = rowsOf(30_000, [4, 7]);
  const at = 12_000;
  const partOf = (from: number, to: number) => {
    const acc = new StatisticsAccumulator(1000);
    for (const r of rows.slice(from, to)) acc.add(r, r.length);
    return acc;
  };
  const copied = new StatisticsAccumulator(1000);
  copied.merge(partOf(0, at).save());
  copied.merge(partOf(at, rows.length).save());

  it("is taken as it is when it comes first, and the merge is the one of copies", () => {
    const merged = new StatisticsAccumulator(1000);
    const lead = partOf(0, at);
    const handed = lead.handOver();
    expect(handed.packed).toHaveLength(0);
    merged.merge(handed);
    merged.merge(partOf(at, rows.length).save());
    expect(labelsets(merged)).toEqual(labelsets(copied));
    expect(computeStatistics(merged)).toEqual(computeStatistics(copied));
    // Handed over: it is the merge's now, not to be saved again.
    expect(() => lead.save()).toThrow(/handed over/);
  });

  it("is copied when the merge already holds rows", () => {
    const merged = new StatisticsAccumulator(1000);
    merged.merge(partOf(0, at).save());
    merged.merge(partOf(at, rows.length).handOver());
    expect(labelsets(merged)).toEqual(labelsets(copied));
    expect(computeStatistics(merged)).toEqual(computeStatistics(copied));
  });
});

/**
 * The per-class sums (positives, the cardinality histogram, co-occurrence) are summed from the kept
 * labelsets when read, and row by row only for the rows of labelsets past the cap: they must be the
 * row-by-row sums however the rows came (one pass, parts saved and merged, partials of older versions
 * whose sums held every row).
 */
describe("the per-class sums, summed from the labelsets", () => {
  /** Row-by-row sums, as the accumulator once kept them. */
  function rowByRow(rows: readonly number[][], C: number) {
    const positives = new Array<number>(C).fill(0);
    const cardinality: number[] = [];
    const cooccurrence = new Array<number>(C * C).fill(0);
    for (const r of rows) {
      for (const a of r) {
        positives[a]!++;
        for (const b of r) cooccurrence[a * C + b]!++;
      }
      cardinality[r.length] = (cardinality[r.length] ?? 0) + 1;
    }
    return { positives, cardinality: Array.from(cardinality, (x) => x ?? 0), cooccurrence };
  }
  const sumsOf = (acc: StatisticsAccumulator) => ({ positives: Array.from(acc.positives), cardinality: acc.cardinality, cooccurrence: Array.from(acc.cooccurrence ?? []) });
  /** An older partial: the same labelsets, sums over every row of the part, no `looseOnly`. */
  const olderPartial = (rows: readonly number[][], C: number) => {
    const acc = new StatisticsAccumulator(C);
    for (const r of rows) acc.add(r, r.length);
    const { looseOnly: _looseOnly, ...saved } = JSON.parse(JSON.stringify(acc.save(), typedArraysAsLists));
    return { ...saved, ...rowByRow(rows, C) };
  };

  it("match the row-by-row sums below the cap, with empty rows and labelsets too long to pack, in one pass and merged", () => {
    const C = 40;
    const rows = rowsOf(30_000, [0, 2, 3, 12, 1]).map((r) => r.map((i) => i % C)).map((r) => [...new Set(r)].sort((a, b) => a - b));
    const expected = rowByRow(rows, C);
    const one = new StatisticsAccumulator(C);
    for (const r of rows) one.add(r, r.length);
    expect(sumsOf(one)).toEqual(expected);
    for (const older of [false, true]) {
      const merged = new StatisticsAccumulator(C);
      for (const part of [rows.slice(0, 11_000), rows.slice(11_000)]) {
        if (older) merged.merge(olderPartial(part, C));
        else {
          const acc = new StatisticsAccumulator(C);
          for (const r of part) acc.add(r, r.length);
          merged.merge(JSON.parse(JSON.stringify(acc.save(), typedArraysAsLists)));
        }
      }
      expect(sumsOf(merged)).toEqual(expected);
    }
  });

  it("match the row-by-row sums past the cap: the rows of labelsets not kept are summed one by one, also when a merge admits fewer", () => {
    const C = 90;
    const rows = rowsOf(Math.ceil(MAX_LABELSETS * 1.5), [5, 6]).map((r) => [...new Set(r.map((i) => i % C))].sort((a, b) => a - b));
    const expected = rowByRow(rows, C);
    const one = new StatisticsAccumulator(C);
    for (const r of rows) one.add(r, r.length);
    expect(one.labelsetsTruncated).toBe(true);
    expect(sumsOf(one)).toEqual(expected);
    const at = Math.floor(rows.length * 0.7);
    for (const older of [false, true]) {
      const merged = new StatisticsAccumulator(C);
      for (const part of [rows.slice(0, at), rows.slice(at)]) {
        if (older) merged.merge(olderPartial(part, C));
        else {
          const acc = new StatisticsAccumulator(C);
          for (const r of part) acc.add(r, r.length);
          merged.merge(structuredClone(acc.save()));
        }
      }
      expect(merged.labelsetsTruncated).toBe(true);
      expect(sumsOf(merged)).toEqual(expected);
    }
  }, 120_000);
});

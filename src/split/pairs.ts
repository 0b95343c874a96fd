import type { LabelMatrix } from "./matrix.js";

/**
 * Label pairs are counted in rows with at most this many positives: a row
 * with k positives has k(k−1)/2 pairs, and a row with every class positive
 * would add C²/2 of them.
 */
export const MAX_PAIR_LABELS = 64;

/**
 * The label pairs (a < b) that co-occur in the matrix, each with a dense id
 * and its number of rows. Memory: one Map entry per distinct pair.
 */
export class PairIndex {
  private readonly ids = new Map<number, number>();
  private counts = new Int32Array(1024);
  private size = 0;
  private readonly numClasses: number;

  constructor(matrix: LabelMatrix) {
    this.numClasses = matrix.numClasses;
    const values = matrix.values;
    for (let r = 0; r < matrix.rows; r++) {
      const start = matrix.start(r);
      const end = matrix.end(r);
      if (end - start > MAX_PAIR_LABELS) continue;
      for (let i = start; i < end; i++) {
        for (let j = i + 1; j < end; j++) this.count(values[i]!, values[j]!);
      }
    }
  }

  private count(a: number, b: number): void {
    const key = a < b ? a * this.numClasses + b : b * this.numClasses + a;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.size++;
      this.ids.set(key, id);
      if (id >= this.counts.length) {
        const grown = new Int32Array(this.counts.length * 2);
        grown.set(this.counts);
        this.counts = grown;
      }
    }
    this.counts[id]!++;
  }

  /** Distinct pairs. */
  get length(): number {
    return this.size;
  }

  /** The id of the pair (a, b), or -1 when it never co-occurs. */
  id(a: number, b: number): number {
    return this.ids.get(a < b ? a * this.numClasses + b : b * this.numClasses + a) ?? -1;
  }

  /** Rows in which pair `id` co-occurs. */
  rows(id: number): number {
    return this.counts[id]!;
  }

  /** Every pair as `[a, b, rows]`, by id. */
  *entries(): Generator<[number, number, number]> {
    const C = this.numClasses;
    for (const [key, id] of this.ids) yield [Math.floor(key / C), key % C, this.counts[id]!];
  }
}

/** Calls `visit` with the id of each pair of row `row` (rows over {@link MAX_PAIR_LABELS} positives have none). */
export function forEachPair(matrix: LabelMatrix, pairs: PairIndex, row: number, visit: (id: number) => void): void {
  const values = matrix.values;
  const start = matrix.start(row);
  const end = matrix.end(row);
  if (end - start > MAX_PAIR_LABELS) return;
  for (let i = start; i < end; i++) {
    for (let j = i + 1; j < end; j++) visit(pairs.id(values[i]!, values[j]!));
  }
}

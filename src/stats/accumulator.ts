/**
 * Streaming accumulation of the dataset statistics (label cardinality, imbalance, co-occurrence), fed the
 * positive class indices of each clean row. Memory: C counters, a C×C
 * co-occurrence matrix when C ≤ 100, and a bounded map of distinct labelsets.
 */
export const COOCCURRENCE_MAX_CLASSES = 100;
/** Distinct labelsets kept exactly; past this, labelset figures are marked as lower bounds. */
export const MAX_LABELSETS = 1_000_000;

export class StatisticsAccumulator {
  readonly numClasses: number;
  rows = 0;
  readonly positives: Float64Array;
  readonly cardinality: number[] = [];
  readonly cooccurrence: Float64Array | undefined;
  /**
   * Distinct labelsets and their rows. A labelset of up to `packable` classes
   * is keyed by one exact number (its sorted indices + 1 as digits in base
   * C + 1, below 2^53) instead of a string built per row; longer ones are
   * spelled out.
   */
  private readonly packed = new Map<number, number>();
  private readonly spelled = new Map<string, number>();
  private readonly packable: number;
  labelsetsTruncated = false;

  constructor(numClasses: number) {
    this.numClasses = numClasses;
    this.packable = Math.floor(53 / Math.log2(numClasses + 2));
    this.positives = new Float64Array(numClasses);
    this.cooccurrence = numClasses <= COOCCURRENCE_MAX_CLASSES ? new Float64Array(numClasses * numClasses) : undefined;
  }

  /** Adds one clean row given the indices of its positive classes. */
  add(ones: ArrayLike<number>, count: number): void {
    this.rows++;
    const C = this.numClasses;
    for (let i = 0; i < count; i++) this.positives[ones[i]!]!++;
    this.cardinality[count] = (this.cardinality[count] ?? 0) + 1;
    const co = this.cooccurrence;
    if (co !== undefined) {
      for (let i = 0; i < count; i++) {
        const a = ones[i]!;
        for (let j = 0; j < count; j++) co[a * C + ones[j]!]!++;
      }
    }
    if (count <= this.packable) {
      let key = 0;
      for (let i = count - 1; i >= 0; i--) key = key * (C + 1) + ones[i]! + 1;
      const seen = this.packed.get(key);
      if (seen !== undefined) this.packed.set(key, seen + 1);
      else if (this.distinctLabelsets < MAX_LABELSETS) this.packed.set(key, 1);
      else this.labelsetsTruncated = true;
      return;
    }
    let key = "";
    for (let i = 0; i < count; i++) key += i === 0 ? String(ones[i]) : `,${ones[i]}`;
    const seen = this.spelled.get(key);
    if (seen !== undefined) this.spelled.set(key, seen + 1);
    else if (this.distinctLabelsets < MAX_LABELSETS) this.spelled.set(key, 1);
    else this.labelsetsTruncated = true;
  }

  /** Distinct labelsets kept. */
  get distinctLabelsets(): number {
    return this.packed.size + this.spelled.size;
  }

  /** Each distinct labelset (its class indices, ascending) with its row count. */
  *labelsets(): Generator<[indices: number[], rows: number]> {
    const base = this.numClasses + 1;
    for (const [key, rows] of this.packed) {
      const indices: number[] = [];
      for (let k = key; k > 0; ) {
        const digit = k % base;
        indices.push(digit - 1);
        k = (k - digit) / base;
      }
      yield [indices, rows];
    }
    for (const [key, rows] of this.spelled) yield [key.split(",").map(Number), rows];
  }
}

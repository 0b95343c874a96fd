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
  readonly labelsets = new Map<string, number>();
  labelsetsTruncated = false;

  constructor(numClasses: number) {
    this.numClasses = numClasses;
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
    let key = "";
    for (let i = 0; i < count; i++) key += i === 0 ? String(ones[i]) : `,${ones[i]}`;
    const seen = this.labelsets.get(key);
    if (seen !== undefined) this.labelsets.set(key, seen + 1);
    else if (this.labelsets.size < MAX_LABELSETS) this.labelsets.set(key, 1);
    else this.labelsetsTruncated = true;
  }
}

/** A typed array's values as a plain array: a loop, several times faster than `Array.from` on a C-long array. */
export function numbersOf(values: ArrayLike<number>): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]!;
  return out;
}

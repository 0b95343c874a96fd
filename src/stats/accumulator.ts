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
  private readonly packed = new PackedCounts();
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
      if (!this.packed.add(key, this.distinctLabelsets < MAX_LABELSETS)) this.labelsetsTruncated = true;
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

  /**
   * Visits each distinct labelset (its class indices, ascending, in a scratch
   * array valid during the call) with its row count, in key order: sums over
   * them (SCUMBLE) come out the same however the rows were counted — in one
   * pass or in parts merged.
   */
  forEachLabelset(visit: (indices: Uint32Array, length: number, rows: number) => void): void {
    const base = this.numClasses + 1;
    let indices = new Uint32Array(Math.max(this.packable, 1));
    const { keys, rows } = this.packed.sorted();
    for (let j = 0; j < keys.length; j++) {
      let n = 0;
      for (let k = keys[j]!; k > 0; ) {
        const digit = k % base;
        indices[n++] = digit - 1;
        k = (k - digit) / base;
      }
      visit(indices, n, rows[j]!);
    }
    for (const key of [...this.spelled.keys()].sort()) {
      const values = key.split(",").map(Number);
      if (values.length > indices.length) indices = new Uint32Array(values.length);
      indices.set(values);
      visit(indices, values.length, this.spelled.get(key)!);
    }
  }

  /**
   * What the accumulator holds, as plain data (a part of a file read in
   * parts). Labelsets are listed in the order the part first saw them, so
   * merging the parts in file order admits, past {@link MAX_LABELSETS},
   * the labelsets one pass over the file admits.
   */
  save(): SavedStatistics {
    const { keys, rows } = this.packed.firstSeen();
    const packed = new Array<number>(2 * keys.length);
    for (let j = 0; j < keys.length; j++) {
      packed[2 * j] = keys[j]!;
      packed[2 * j + 1] = rows[j]!;
    }
    return {
      rows: this.rows,
      positives: numbersOf(this.positives),
      cardinality: Array.from({ length: this.cardinality.length }, (_, k) => this.cardinality[k] ?? 0),
      ...(this.cooccurrence !== undefined ? { cooccurrence: numbersOf(this.cooccurrence) } : {}),
      packed,
      spelled: [...this.spelled.entries()],
      labelsetsTruncated: this.labelsetsTruncated,
    };
  }

  /** Adds a saved part's rows (see {@link save}). */
  merge(part: SavedStatistics): void {
    this.rows += part.rows;
    for (let i = 0; i < this.positives.length; i++) this.positives[i]! += part.positives[i] ?? 0;
    part.cardinality.forEach((rows, k) => {
      if (rows > 0) this.cardinality[k] = (this.cardinality[k] ?? 0) + rows;
    });
    if (this.cooccurrence !== undefined && part.cooccurrence !== undefined) {
      for (let i = 0; i < this.cooccurrence.length; i++) this.cooccurrence[i]! += part.cooccurrence[i] ?? 0;
    }
    // Room for the part's labelsets at once, not by doublings that each move every key again.
    this.packed.reserve(Math.min(part.packed.length / 2, MAX_LABELSETS));
    for (let i = 0; i < part.packed.length; i += 2) {
      if (!this.packed.add(part.packed[i]!, this.distinctLabelsets < MAX_LABELSETS, part.packed[i + 1]!)) this.labelsetsTruncated = true;
    }
    for (const [key, rows] of part.spelled) {
      const seen = this.spelled.get(key);
      if (seen !== undefined) this.spelled.set(key, seen + rows);
      else if (this.distinctLabelsets < MAX_LABELSETS) this.spelled.set(key, rows);
      else this.labelsetsTruncated = true;
    }
    if (part.labelsetsTruncated) this.labelsetsTruncated = true;
  }
}

/** A {@link StatisticsAccumulator}'s content as plain data. */
export interface SavedStatistics {
  rows: number;
  positives: number[];
  cardinality: number[];
  cooccurrence?: number[];
  /** Packed labelset keys and their rows, flat: key, rows, key, rows, … (in the order first seen; so are `spelled`) */
  packed: number[];
  spelled: [string, number][];
  labelsetsTruncated: boolean;
}

/**
 * Row counts by packed labelset key (an integer below 2^53), in typed arrays:
 * no boxed number or map entry per labelset, so a list with hundreds of
 * thousands of distinct labelsets costs no garbage per row.
 */
class PackedCounts {
  private hi = new Uint32Array(1024);
  private lo = new Uint32Array(1024);
  /** Rows per slot; 0 marks an empty slot. */
  private rows = new Uint32Array(1024);
  private mask = 1023;
  size = 0;
  /** The keys in the order they were first counted. */
  private order = new Float64Array(1024);

  /** Counts `count` rows (one by default) of `key`; a new key is taken only when `room`. Returns false when a new key had no room. */
  add(key: number, room: boolean, count = 1): boolean {
    const hi = Math.floor(key / 4294967296);
    const lo = key >>> 0;
    const mask = this.mask;
    let i = (Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> 7) & mask;
    for (;;) {
      const n = this.rows[i]!;
      if (n === 0) break;
      if (this.lo[i] === lo && this.hi[i] === hi) {
        this.rows[i] = n + count;
        return true;
      }
      i = (i + 1) & mask;
    }
    if (!room) return false;
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.rows[i] = count;
    if (this.size === this.order.length) {
      const order = new Float64Array(this.size * 2);
      order.set(this.order);
      this.order = order;
    }
    this.order[this.size] = key;
    if (++this.size * 2 > mask) this.grow();
    return true;
  }

  /** Keys in ascending order, with their rows (a typed-array sort: the order they were counted in depends on how the rows were read). */
  sorted(): { keys: Float64Array; rows: Uint32Array } {
    return this.withRows(this.order.slice(0, this.size).sort());
  }

  /** Keys in the order they were first counted, with their rows. */
  firstSeen(): { keys: Float64Array; rows: Uint32Array } {
    return this.withRows(this.order.slice(0, this.size));
  }

  private withRows(keys: Float64Array): { keys: Float64Array; rows: Uint32Array } {
    const rows = new Uint32Array(keys.length);
    for (let j = 0; j < keys.length; j++) rows[j] = this.rowsOf(keys[j]!);
    return { keys, rows };
  }

  private rowsOf(key: number): number {
    const hi = Math.floor(key / 4294967296);
    const lo = key >>> 0;
    let i = (Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> 7) & this.mask;
    for (;;) {
      const n = this.rows[i]!;
      if (n === 0) return 0;
      if (this.lo[i] === lo && this.hi[i] === hi) return n;
      i = (i + 1) & this.mask;
    }
  }

  /** Makes room for `more` new keys (the table then grows once, not key by key). */
  reserve(more: number): void {
    let capacity = this.rows.length;
    while ((this.size + more) * 2 > capacity - 1) capacity *= 2;
    if (capacity > this.rows.length) this.grow(capacity);
  }

  private grow(capacity = this.rows.length * 2): void {
    const { hi, lo, rows } = this;
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.rows = new Uint32Array(capacity);
    this.mask = capacity - 1;
    for (let s = 0; s < rows.length; s++) {
      if (rows[s] === 0) continue;
      let i = (Math.imul(lo[s]! ^ Math.imul(hi[s]!, 0x9e3779b1), 0x85ebca6b) >>> 7) & this.mask;
      while (this.rows[i] !== 0) i = (i + 1) & this.mask;
      this.hi[i] = hi[s]!;
      this.lo[i] = lo[s]!;
      this.rows[i] = rows[s]!;
    }
  }
}

/** A typed array's values as a plain array: a loop, several times faster than `Array.from` on a C-long array. */
export function numbersOf(values: ArrayLike<number>): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]!;
  return out;
}

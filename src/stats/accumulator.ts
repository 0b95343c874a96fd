/**
 * Streaming accumulation of the dataset statistics (label cardinality, imbalance, co-occurrence), fed the
 * positive class indices of each clean row. Memory: C counters, a C×C
 * co-occurrence matrix when C ≤ 100, and a bounded map of distinct labelsets.
 *
 * A row costs one count of its labelset: the per-class sums (positives, the cardinality histogram,
 * co-occurrence) are a function of the labelset, so they are summed once per distinct labelset when
 * read, not once per row. Only the rows of labelsets not kept (past {@link MAX_LABELSETS}) are
 * summed row by row.
 */
export const COOCCURRENCE_MAX_CLASSES = 100;
/** Distinct labelsets kept exactly; past this, labelset figures are marked as lower bounds. */
export const MAX_LABELSETS = 1_000_000;

/** Per-class sums over rows: positives, rows by number of positives (0…C), and the C×C co-occurrence when C ≤ 100. */
interface Sums {
  positives: Float64Array;
  cardinality: Float64Array;
  cooccurrence: Float64Array | undefined;
}

const newSums = (C: number): Sums => ({
  positives: new Float64Array(C),
  cardinality: new Float64Array(C + 1),
  cooccurrence: C <= COOCCURRENCE_MAX_CLASSES ? new Float64Array(C * C) : undefined,
});

/** Adds `rows` rows of the labelset `ones[0…n)` to `sums` (rows may be negative: taken back out). */
function addLabelset(sums: Sums, C: number, ones: ArrayLike<number>, n: number, rows: number): void {
  const positives = sums.positives;
  for (let i = 0; i < n; i++) positives[ones[i]!]! += rows;
  sums.cardinality[n]! += rows;
  const co = sums.cooccurrence;
  if (co === undefined) return;
  for (let i = 0; i < n; i++) {
    const a = ones[i]! * C;
    for (let j = 0; j < n; j++) co[a + ones[j]!]! += rows;
  }
}

/** A packed labelset key's class indices, ascending, into `out`; returns how many. */
function unpack(key: number, base: number, out: Uint32Array): number {
  let n = 0;
  for (let k = key; k > 0; ) {
    const digit = k % base;
    out[n++] = digit - 1;
    k = (k - digit) / base;
  }
  return n;
}

/** A histogram as a plain array up to its last non-zero entry (what a row-by-row count of seen sizes holds). */
function trimmed(histogram: ArrayLike<number>): number[] {
  let end = histogram.length;
  while (end > 0 && histogram[end - 1] === 0) end--;
  const out = new Array<number>(end);
  for (let k = 0; k < end; k++) out[k] = histogram[k]!;
  return out;
}

export class StatisticsAccumulator {
  readonly numClasses: number;
  rows = 0;
  /** The rows of labelsets not kept, summed row by row (a partial of an older version: all its rows, less its labelsets'). */
  private loose: Sums;
  /** {@link loose} with the kept labelsets' rows added: computed when read, dropped when a row or part is added. */
  private sums: Sums | undefined;
  /**
   * Distinct labelsets and their rows. A labelset of up to `packable` classes
   * is keyed by one exact number (its sorted indices + 1 as digits in base
   * C + 1, below 2^53) instead of a string built per row; longer ones are
   * spelled out.
   */
  private packed = new PackedCounts();
  private spelled = new SpelledCounts();
  /** Per spelled labelset (in its order): how many packed ones were first seen before it — the two orders as one. */
  private spelledAfter: number[] = [];
  private readonly packable: number;
  labelsetsTruncated = false;
  /**
   * Per class, the −1 values of the clean rows (a −1/1 list's negatives, or −1 declared unknown):
   * PaddleClas's label_ratio, the mean of each class's values, counts them as −1. Allocated at the first.
   */
  minusOnes: Float64Array | undefined;

  constructor(numClasses: number) {
    this.numClasses = numClasses;
    this.packable = Math.floor(53 / Math.log2(numClasses + 2));
    this.loose = newSums(numClasses);
  }

  /** Positives per class. */
  get positives(): Float64Array {
    return this.settled().positives;
  }

  /** Rows by their number of positives, up to the largest number a row has. */
  get cardinality(): number[] {
    return trimmed(this.settled().cardinality);
  }

  /** The C×C co-occurrence counts (row-major), when C ≤ 100. */
  get cooccurrence(): Float64Array | undefined {
    return this.settled().cooccurrence;
  }

  /** The sums over every row: the loose rows' and each kept labelset's rows. */
  private settled(): Sums {
    if (this.sums !== undefined) return this.sums;
    const C = this.numClasses;
    const sums: Sums = {
      positives: Float64Array.from(this.loose.positives),
      cardinality: Float64Array.from(this.loose.cardinality),
      cooccurrence: this.loose.cooccurrence === undefined ? undefined : Float64Array.from(this.loose.cooccurrence),
    };
    this.forEachLabelset((indices, length, rows) => addLabelset(sums, C, indices, length, rows));
    this.sums = sums;
    return sums;
  }

  /** Counts a −1 value of a clean row, in class `index`. */
  addMinusOne(index: number): void {
    if (index >= this.numClasses) return;
    this.minusOnes ??= new Float64Array(this.numClasses);
    this.minusOnes[index]!++;
  }

  /** Adds one clean row given the indices of its positive classes. */
  add(ones: ArrayLike<number>, count: number): void {
    this.rows++;
    this.sums = undefined;
    if (count <= this.packable) {
      const C = this.numClasses;
      let key = 0;
      for (let i = count - 1; i >= 0; i--) key = key * (C + 1) + ones[i]! + 1;
      if (this.packed.add(key, this.packed.size + this.spelled.size < MAX_LABELSETS)) return;
      this.labelsetsTruncated = true;
    } else if (this.addSpelled(ones, count, 1)) return;
    addLabelset(this.loose, this.numClasses, ones, count, 1);
  }

  /** Counts `rows` rows of a labelset too long to pack, noting where it falls among the packed ones when it is new; false when it had no room. */
  private addSpelled(ones: ArrayLike<number>, count: number, rows: number): boolean {
    const before = this.spelled.size;
    if (!this.spelled.add(ones, count, this.distinctLabelsets < MAX_LABELSETS, rows)) {
      this.labelsetsTruncated = true;
      return false;
    }
    if (this.spelled.size > before) this.spelledAfter.push(this.packed.size);
    return true;
  }

  /** Distinct labelsets kept. */
  get distinctLabelsets(): number {
    return this.packed.size + this.spelled.size;
  }

  /**
   * Visits each distinct labelset (its class indices, ascending, in a scratch
   * array valid during the call) with its row count, in the order the rows
   * first showed it: the order one pass sees and parts merged in file order
   * see alike (a labelset first seen in an earlier part comes first; within
   * a part, the part's order), so sums over them (SCUMBLE) come out the same
   * however the rows were counted.
   */
  forEachLabelset(visit: (indices: Uint32Array, length: number, rows: number) => void): void {
    const base = this.numClasses + 1;
    let indices = new Uint32Array(Math.max(this.packable, 1));
    const { keys, rows } = this.packed.firstSeen();
    for (let j = 0; j < keys.length; j++) visit(indices, unpack(keys[j]!, base, indices), rows[j]!);
    this.spelled.forEach((arena, start, length, rows) => {
      if (length > indices.length) indices = new Uint32Array(length);
      for (let k = 0; k < length; k++) indices[k] = arena[start + k]!;
      visit(indices, length, rows);
    });
  }

  /**
   * What the accumulator holds, as plain data (a part of a file read in
   * parts). Labelsets are listed in the order the part first saw them, so
   * merging the parts in file order admits, past {@link MAX_LABELSETS},
   * the labelsets one pass over the file admits.
   */
  save(): SavedStatistics {
    if (this.handedOver) throw new Error("a statistics accumulator handed over cannot be saved");
    const { keys, rows } = this.packed.firstSeen();
    const packed = new Float64Array(2 * keys.length);
    for (let j = 0; j < keys.length; j++) {
      packed[2 * j] = keys[j]!;
      packed[2 * j + 1] = rows[j]!;
    }
    const loose = this.loose;
    return {
      rows: this.rows,
      positives: numbersOf(loose.positives),
      cardinality: trimmed(loose.cardinality),
      ...(loose.cooccurrence !== undefined ? { cooccurrence: numbersOf(loose.cooccurrence) } : {}),
      ...(this.minusOnes !== undefined ? { minusOnes: numbersOf(this.minusOnes) } : {}),
      looseOnly: true,
      packed,
      spelledFlat: this.spelled.flat(),
      spelledAfter: Float64Array.from(this.spelledAfter),
      labelsetsTruncated: this.labelsetsTruncated,
    };
  }

  /**
   * The accumulator itself as a part, for a part scanned on the thread that
   * merges it (see {@link merge}): nothing is copied, and it must not be used
   * after.
   */
  handOver(): SavedStatistics {
    this.handedOver = true;
    return { rows: this.rows, positives: [], cardinality: [], packed: [], labelsetsTruncated: this.labelsetsTruncated, accumulator: this };
  }

  private handedOver = false;

  /** Nothing counted yet: merging a part into it gives the part's own state. */
  private get empty(): boolean {
    return this.rows === 0 && this.distinctLabelsets === 0 && !this.labelsetsTruncated;
  }

  /** Adds a saved part's rows (see {@link save}). */
  merge(part: SavedStatistics): void {
    const own = part.accumulator;
    if (own !== undefined) {
      // A part handed over on this thread: merged into nothing yet, its state is the merge's
      // (same labelsets in the same order, same truncation), so it is taken as it is.
      if (this.empty && own.numClasses === this.numClasses) {
        ({ rows: this.rows, loose: this.loose, sums: this.sums } = own);
        ({ packed: this.packed, spelled: this.spelled, spelledAfter: this.spelledAfter, labelsetsTruncated: this.labelsetsTruncated, minusOnes: this.minusOnes } = own);
        return;
      }
      own.handedOver = false;
      this.merge(own.save());
      return;
    }
    this.rows += part.rows;
    this.sums = undefined;
    const C = this.numClasses;
    if (part.minusOnes !== undefined) {
      this.minusOnes ??= new Float64Array(C);
      for (let i = 0; i < C; i++) this.minusOnes[i]! += part.minusOnes[i] ?? 0;
    }
    const loose = this.loose;
    for (let i = 0; i < C; i++) loose.positives[i]! += part.positives[i] ?? 0;
    part.cardinality.forEach((rows, k) => {
      if (k <= C) loose.cardinality[k]! += rows ?? 0;
    });
    if (loose.cooccurrence !== undefined && part.cooccurrence !== undefined) {
      for (let i = 0; i < loose.cooccurrence.length; i++) loose.cooccurrence[i]! += part.cooccurrence[i] ?? 0;
    }
    // A part's sums hold its loose rows only; a partial of an older version summed every row, so
    // the rows of its labelsets kept here are taken back out (they are summed from the labelsets).
    // A labelset not kept here (past MAX_LABELSETS) has its rows summed as loose rows instead.
    const summedAll = part.looseOnly !== true;
    const settle = (indices: ArrayLike<number>, length: number, rows: number, kept: boolean): void => {
      if (kept && summedAll) addLabelset(loose, C, indices, length, -rows);
      else if (!kept && !summedAll) addLabelset(loose, C, indices, length, rows);
    };
    // Room for the part's labelsets at once, not by doublings that each move every key again.
    this.packed.reserve(Math.min(part.packed.length / 2, MAX_LABELSETS));
    // The part's labelsets in the order it first saw them, packed and spelled interleaved: past
    // MAX_LABELSETS, which ones are kept depends on that order, as in one pass.
    // Older partials spelled the labelsets as text: read as the flat list.
    const flat =
      part.spelledFlat ??
      (part.spelled ?? []).flatMap(([key, rows]) => {
        const indices = key.split(",").map(Number);
        return [indices.length, rows, ...indices];
      });
    const after = part.spelledAfter;
    let scratch = new Uint32Array(64);
    const packedIndices = new Uint32Array(Math.max(this.packable, 1));
    let at = 0;
    let next = 0;
    /** Adds the spelled labelsets the part saw before its packed one number `packedSeen`. */
    const spelledBefore = (packedSeen: number): void => {
      for (; at < flat.length && (after === undefined || after[next]! <= packedSeen); next++) {
        const length = flat[at]!;
        if (length > scratch.length) scratch = new Uint32Array(length);
        for (let k = 0; k < length; k++) scratch[k] = flat[at + 2 + k]!;
        settle(scratch, length, flat[at + 1]!, this.addSpelled(scratch, length, flat[at + 1]!));
        at += 2 + length;
      }
    };
    for (let i = 0; i < part.packed.length; i += 2) {
      // (A partial written before `spelledAfter` kept no order between the two: its spelled ones come last.)
      if (after !== undefined) spelledBefore(i / 2);
      const kept = this.packed.add(part.packed[i]!, this.distinctLabelsets < MAX_LABELSETS, part.packed[i + 1]!);
      if (!kept) this.labelsetsTruncated = true;
      if (!kept || summedAll) settle(packedIndices, unpack(part.packed[i]!, C + 1, packedIndices), part.packed[i + 1]!, kept);
    }
    spelledBefore(Number.POSITIVE_INFINITY);
    if (part.labelsetsTruncated) this.labelsetsTruncated = true;
  }
}

/**
 * A {@link StatisticsAccumulator}'s content as data. The labelset lists are
 * typed arrays when saved (a part read on a worker thread hands them over
 * without a copy: a list with a million distinct labelsets is tens of MB)
 * and plain arrays when read back from a shard's partial (JSON).
 */
export interface SavedStatistics {
  rows: number;
  positives: number[];
  cardinality: number[];
  cooccurrence?: number[];
  /** Per class, the −1 values of the part's clean rows (absent when it has none). */
  minusOnes?: number[];
  /** Packed labelset keys and their rows, flat: key, rows, key, rows, … (in the order first seen; so are `spelled`) */
  packed: ArrayLike<number>;
  /** The labelsets too long to pack, flat: length, rows, the indices, … (in the order first seen). */
  spelledFlat?: ArrayLike<number>;
  /** The same as text (`3,17,42`) with their rows: partials written before `spelledFlat`. */
  spelled?: [string, number][];
  /** Per spelled labelset: how many `packed` keys the part saw before it (absent in partials written before it was kept). */
  spelledAfter?: ArrayLike<number>;
  /** The sums hold only the rows of labelsets the part did not keep (absent in partials written before: they summed every row). */
  looseOnly?: boolean;
  /** The part's accumulator itself, handed over on the thread that merges it (see `handOver`); the lists above are then empty. */
  accumulator?: StatisticsAccumulator;
  labelsetsTruncated: boolean;
}

/**
 * Row counts by packed labelset key (an integer below 2^53), in typed arrays:
 * no boxed number or map entry per labelset, so a list with hundreds of
 * thousands of distinct labelsets costs no garbage per row. The keys and
 * their rows are kept in the order first counted; the hash table holds only
 * each slot's place in that order (4 bytes a slot, so more of it stays in
 * the CPU's cache), and a rehash reads the keys in order.
 */
class PackedCounts {
  /** Per slot: 1 + the key's place in `keys`; 0 marks an empty slot. */
  private slots = new Uint32Array(1024);
  private mask = 1023;
  size = 0;
  /** The keys in the order they were first counted, and their rows. */
  private keys = new Float64Array(512);
  private rows = new Uint32Array(512);

  /** Counts `count` rows (one by default) of `key`; a new key is taken only when `room`. Returns false when a new key had no room. */
  add(key: number, room: boolean, count = 1): boolean {
    const { slots, keys, mask } = this;
    let i = slotOf(key) & mask;
    for (;;) {
      const at = slots[i]!;
      if (at === 0) break;
      if (keys[at - 1] === key) {
        this.rows[at - 1]! += count;
        return true;
      }
      i = (i + 1) & mask;
    }
    if (!room) return false;
    if (this.size === keys.length) this.growKeys();
    this.keys[this.size] = key;
    this.rows[this.size] = count;
    slots[i] = ++this.size;
    if (this.size * 2 > mask) this.rehash(slots.length * 2);
    return true;
  }

  /** Keys in the order they were first counted, with their rows (views, valid until the next `add`). */
  firstSeen(): { keys: Float64Array; rows: Uint32Array } {
    return { keys: this.keys.subarray(0, this.size), rows: this.rows.subarray(0, this.size) };
  }

  /** Makes room for `more` new keys (the table then grows once, not key by key). */
  reserve(more: number): void {
    let capacity = this.slots.length;
    while ((this.size + more) * 2 > capacity - 1) capacity *= 2;
    if (capacity > this.slots.length) this.rehash(capacity);
  }

  private growKeys(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
    const rows = new Uint32Array(this.rows.length * 2);
    rows.set(this.rows);
    this.rows = rows;
  }

  private rehash(capacity: number): void {
    const slots = new Uint32Array(capacity);
    const mask = capacity - 1;
    const keys = this.keys;
    for (let j = 0; j < this.size; j++) {
      let i = slotOf(keys[j]!) & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = j + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/**
 * Row counts by labelset for the labelsets too long to pack in one number:
 * each labelset's indices are kept once, in one growing array, in the order
 * first counted, and the hash table holds each one's place in that order —
 * no string built, split or held per row or per labelset.
 */
class SpelledCounts {
  /** Per slot: 1 + the labelset's place in `starts`; 0 marks an empty slot. */
  private slots = new Uint32Array(256);
  private mask = 255;
  size = 0;
  /** Per labelset, in the order first counted: where its indices start in `arena` (its length is the next one's start − this), its hash and its rows. */
  private starts = new Uint32Array(129);
  private hashes = new Uint32Array(128);
  private rows = new Float64Array(128);
  private arena = new Uint32Array(1024);

  /** Counts `count` rows (one by default) of the labelset `ones[0…length)`; a new one is taken only when `room`. Returns false when a new one had no room. */
  add(ones: ArrayLike<number>, length: number, room: boolean, count = 1): boolean {
    let hash = length;
    for (let i = 0; i < length; i++) hash = Math.imul(hash ^ ones[i]!, 0x9e3779b1) ^ (hash >>> 15);
    hash = Math.imul(hash ^ (hash >>> 13), 0x85ebca6b) >>> 0;
    const { slots, mask, starts, arena } = this;
    let i = hash & mask;
    for (;;) {
      const at = slots[i]!;
      if (at === 0) break;
      const j = at - 1;
      if (this.hashes[j] === hash && starts[j + 1]! - starts[j]! === length) {
        const start = starts[j]!;
        let k = 0;
        while (k < length && arena[start + k] === ones[k]) k++;
        if (k === length) {
          this.rows[j]! += count;
          return true;
        }
      }
      i = (i + 1) & mask;
    }
    if (!room) return false;
    const j = this.size;
    if (j + 1 === this.hashes.length) this.growEntries();
    const start = this.starts[j]!;
    if (start + length > this.arena.length) {
      const grown = new Uint32Array(Math.max(this.arena.length * 2, start + length));
      grown.set(this.arena);
      this.arena = grown;
    }
    for (let k = 0; k < length; k++) this.arena[start + k] = ones[k]!;
    this.starts[j + 1] = start + length;
    this.hashes[j] = hash;
    this.rows[j] = count;
    slots[i] = ++this.size;
    if (this.size * 2 > mask) this.rehash(slots.length * 2);
    return true;
  }

  /** Visits each labelset in the order first counted: its indices at `arena[start…start + length)` (valid during the call) and its rows. */
  forEach(visit: (arena: Uint32Array, start: number, length: number, rows: number) => void): void {
    for (let j = 0; j < this.size; j++) visit(this.arena, this.starts[j]!, this.starts[j + 1]! - this.starts[j]!, this.rows[j]!);
  }

  /** The labelsets flat, in the order first counted: length, rows, the indices, … (one typed array: a worker hands it over without a copy). */
  flat(): Float64Array {
    const { starts, arena, rows } = this;
    const out = new Float64Array(2 * this.size + starts[this.size]!);
    let at = 0;
    for (let j = 0; j < this.size; j++) {
      const start = starts[j]!;
      const end = starts[j + 1]!;
      out[at++] = end - start;
      out[at++] = rows[j]!;
      for (let k = start; k < end; k++) out[at++] = arena[k]!;
    }
    return out;
  }


  private growEntries(): void {
    const n = this.hashes.length * 2;
    const starts = new Uint32Array(n + 1);
    starts.set(this.starts);
    this.starts = starts;
    const hashes = new Uint32Array(n);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const rows = new Float64Array(n);
    rows.set(this.rows);
    this.rows = rows;
  }

  private rehash(capacity: number): void {
    const slots = new Uint32Array(capacity);
    const mask = capacity - 1;
    for (let j = 0; j < this.size; j++) {
      let i = this.hashes[j]! & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = j + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** A packed key's hash (its two 32-bit halves mixed), before masking to a table. */
function slotOf(key: number): number {
  const hi = Math.floor(key / 4294967296);
  const lo = key >>> 0;
  return Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> 7;
}

/** A typed array's values as a plain array: a loop, several times faster than `Array.from` on a C-long array. */
export function numbersOf(values: ArrayLike<number>): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]!;
  return out;
}

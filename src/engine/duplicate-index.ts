/**
 * Open-addressing hash table from a 64-bit path hash to the first line that
 * had it: 12 bytes per slot in one typed array, no strings, no per-row
 * objects. Sized from an estimate of the row count so the table stays near
 * 16 bytes per row (1.3 slots per estimated row); grows by half when 80% full. A hit is only a
 * candidate; the engine confirms it against the real bytes before reporting.
 * The full 64-bit hash is kept so that false candidates (which cost a re-read
 * of the file) practically never happen.
 */
export class DuplicateIndex {
  private slots: Uint32Array;
  private capacity: number;
  private size = 0;
  /** Candidate pairs `[laterLine, firstLine]`, flat. */
  private pairs: Uint32Array = new Uint32Array(64);
  private pairCount = 0;

  constructor(expectedRows = 1024) {
    // 1.3x the estimate, growing past 0.8 full: 15.6 bytes per row when the estimate holds.
    this.capacity = Math.max(1024, Math.ceil(expectedRows * 1.3));
    this.slots = new Uint32Array(this.capacity * 3);
  }

  get candidates(): number {
    return this.pairCount;
  }

  get bytes(): number {
    return this.slots.byteLength + this.pairs.byteLength;
  }

  /** Records `line` under (hi, lo); if an earlier line had the same hash, notes a candidate. */
  add(hi: number, lo: number, line: number): void {
    if (this.size * 5 >= this.capacity * 4) this.grow();
    const slots = this.slots;
    const capacity = this.capacity;
    // >>> 1 keeps the value a small integer, so % stays an integer modulo in V8.
    let i = ((lo ^ Math.imul(hi, 0x9e3779b1)) >>> 1) % capacity;
    for (;;) {
      const at = i * 3;
      const stored = slots[at + 2]!;
      if (stored === 0) {
        slots[at] = hi;
        slots[at + 1] = lo;
        slots[at + 2] = line;
        this.size++;
        return;
      }
      if (slots[at] === hi && slots[at + 1] === lo) {
        this.addPair(line, stored);
        return;
      }
      i = i + 1 === capacity ? 0 : i + 1;
    }
  }

  /**
   * An index holding only candidate pairs found elsewhere (`[later, first]`
   * flat, ordered by the later line): the merge of a file read in parts
   * joins the parts' path hashes itself, bucket by bucket.
   */
  static ofPairs(pairs: Uint32Array): DuplicateIndex {
    const index = new DuplicateIndex(0);
    index.slots = new Uint32Array(0);
    index.pairs = pairs;
    index.pairCount = pairs.length / 2;
    return index;
  }

  /** Forgets every path hash but keeps the pairs found: a {@link KeyJoin} indexes its buckets one after another in one table. */
  forgetHashes(): void {
    if (this.size > 0) this.slots.fill(0);
    this.size = 0;
  }

  /** Candidate pairs `[later, first]`, flat, in the order found. */
  flatPairs(): Uint32Array {
    return this.pairs.subarray(0, 2 * this.pairCount);
  }

  /** Candidate pairs, ordered by the later line. */
  *pairsInOrder(): Generator<[later: number, first: number]> {
    for (let i = 0; i < this.pairCount; i++) yield [this.pairs[2 * i]!, this.pairs[2 * i + 1]!];
  }

  private addPair(later: number, first: number): void {
    if (2 * this.pairCount + 2 > this.pairs.length) {
      const next = new Uint32Array(this.pairs.length * 2);
      next.set(this.pairs);
      this.pairs = next;
    }
    this.pairs[2 * this.pairCount] = later;
    this.pairs[2 * this.pairCount + 1] = first;
    this.pairCount++;
  }

  private grow(): void {
    const old = this.slots;
    const oldCapacity = this.capacity;
    this.capacity = Math.ceil(oldCapacity * 1.5);
    this.slots = new Uint32Array(this.capacity * 3);
    this.size = 0;
    for (let s = 0; s < oldCapacity; s++) {
      const at = s * 3;
      const line = old[at + 2]!;
      if (line !== 0) this.add(old[at]!, old[at + 1]!, line);
    }
  }
}

/** Key records partitioned by bucket: rows (hi, lo, line; three numbers each) bucket by bucket, and where each bucket starts (in rows; one more than the buckets). */
export interface KeyBatch {
  rows: Uint32Array;
  starts: Uint32Array;
}

/** The most bucket bits a join uses (65,536 buckets): a batch partitioned with them joins into any join. */
export const MAX_KEY_BITS = 16;

/**
 * Partitions key records (hi, lo, line, flags) whose flags have `flag` by
 * the top `bits` bits of their hash, keeping file order within each bucket
 * (a pure function: a part's worker runs it on its own records).
 */
export function partitionKeys(records: Uint32Array, flag: number, bits: number = MAX_KEY_BITS): KeyBatch {
  const buckets = 1 << bits;
  // The bucket is the hash's top `bits` bits (two shifts: a shift by 32 is no shift in JavaScript).
  const down = 16 - bits;
  const cursor = new Uint32Array(buckets + 1);
  let n = 0;
  for (let i = 0; i < records.length; i += 4) {
    if ((records[i + 3]! & flag) === 0) continue;
    cursor[((records[i]! >>> 16) >>> down) + 1]!++;
    n++;
  }
  for (let b = 0; b < buckets; b++) cursor[b + 1]! += cursor[b]!;
  const starts = cursor.slice();
  const rows = new Uint32Array(n * 3);
  for (let i = 0; i < records.length; i += 4) {
    if ((records[i + 3]! & flag) === 0) continue;
    const hi = records[i]!;
    const at = cursor[(hi >>> 16) >>> down]!++ * 3;
    rows[at] = hi;
    rows[at + 1] = records[i + 1]!;
    rows[at + 2] = records[i + 2]!;
  }
  return { rows, starts };
}

/** A bucket's share of the rows: its table (1.3 slots a row, 12 bytes a slot) stays near 32 KiB, in the CPU's cache. */
const BUCKET_ROWS = 2048;
/**
 * Rows {@link KeyJoin.addRow} holds before partitioning them (16 bytes each),
 * at least: 16 a bucket when there are more buckets (a batch's bucket starts
 * cost 4 bytes a bucket). A small buffer, reused, is in memory already; a
 * large one costs a page fault per 4 KiB on its first fill (a 16 MiB one
 * made one pass over 1M rows ~0.1 s slower here).
 */
const PENDING_ROWS = 1 << 16;
/** Below this many pairs, sorting them by index is cheaper than two radix passes. */
const RADIX_SORT_PAIRS = 4096;

/**
 * The duplicate index of a file read in parts, built from the parts' key
 * records at once instead of row by row. One table of a million rows misses
 * the cache on nearly every row; here the records are first partitioned by
 * their hash's high bits into buckets of a few thousand rows (as each part
 * arrives), then each bucket is indexed alone in a small table. Within a
 * bucket rows are taken in line order, so the first line of a path hash is
 * the one kept, as {@link DuplicateIndex.add} keeps it: the pairs are those
 * a row-by-row index finds, in the same order (by the later line).
 */
export class KeyJoin {
  private readonly bits: number;
  private readonly batches: { rows: Uint32Array; starts: Uint32Array; offset: number }[] = [];
  /** Rows given one at a time (see {@link addRow}) not yet partitioned: hi, lo, line, flag. */
  private pending = new Uint32Array(4 * 1024);
  private pendingRows = 0;

  constructor(expectedRows: number) {
    let bits = 0;
    while (bits < MAX_KEY_BITS && (1 << bits) * BUCKET_ROWS < expectedRows) bits++;
    this.bits = bits;
  }

  /**
   * Partitions the records (hi, lo, line, flags; four numbers each) whose
   * flags have `flag`, their lines moved by `lineOffset`. Batches come in file order.
   */
  add(records: Uint32Array, lineOffset: number, flag: number): void {
    this.addPartitioned(partitionKeys(records, flag, this.bits), lineOffset);
  }

  /**
   * Adds records partitioned elsewhere ({@link partitionKeys}, with as many
   * bucket bits as this join or more: a worker partitions a part with
   * {@link MAX_KEY_BITS}), their lines to be moved by `lineOffset`. With more
   * bits, each of this join's buckets is a run of the batch's: the rows of
   * one hash stay in line order, which is all a bucket's index needs.
   */
  addPartitioned(batch: KeyBatch, lineOffset: number): void {
    const buckets = 1 << this.bits;
    const given = batch.starts.length - 1;
    if (given < buckets || (given & (given - 1)) !== 0) throw new Error(`a key batch of ${given} buckets cannot be joined in ${buckets}`);
    let starts = batch.starts;
    if (given !== buckets) {
      const step = given / buckets;
      starts = new Uint32Array(buckets + 1);
      for (let b = 0; b <= buckets; b++) starts[b] = batch.starts[b * step]!;
    }
    this.batches.push({ rows: batch.rows, starts, offset: lineOffset });
  }

  /**
   * Adds one row (a file read in one pass, row by row, in line order): kept
   * and partitioned a batch at a time (see {@link PENDING_ROWS}), so a pass
   * costs the cache-friendly join instead of a probe of one large table per row.
   */
  addRow(hi: number, lo: number, line: number): void {
    let at = this.pendingRows * 4;
    if (at === this.pending.length) {
      if (this.pendingRows >= Math.max(PENDING_ROWS, 16 << this.bits)) {
        this.flush();
        at = 0;
      } else {
        const grown = new Uint32Array(this.pending.length * 2);
        grown.set(this.pending);
        this.pending = grown;
      }
    }
    const pending = this.pending;
    pending[at] = hi;
    pending[at + 1] = lo;
    pending[at + 2] = line;
    pending[at + 3] = 1;
    this.pendingRows++;
  }

  private flush(): void {
    if (this.pendingRows > 0) this.add(this.pending.subarray(0, this.pendingRows * 4), 0, 1);
    this.pendingRows = 0;
  }

  /** Candidate pairs `[later, first]`, flat, ordered by the later line. */
  pairs(): Uint32Array {
    this.flush();
    const buckets = 1 << this.bits;
    const sizes = new Uint32Array(buckets);
    for (const { starts } of this.batches) for (let b = 0; b < buckets; b++) sizes[b]! += starts[b + 1]! - starts[b]!;
    // One table, sized for the largest bucket, emptied of hashes (not of pairs) for each.
    let largest = 0;
    for (const size of sizes) largest = Math.max(largest, size);
    const table = new DuplicateIndex(largest);
    for (let b = 0; b < buckets; b++) {
      if (sizes[b]! < 2) continue;
      table.forgetHashes();
      for (const { rows, starts, offset } of this.batches) {
        for (let r = starts[b]! * 3, end = starts[b + 1]! * 3; r < end; r += 3) table.add(rows[r]!, rows[r + 1]!, rows[r + 2]! + offset);
      }
    }
    this.batches.length = 0;
    return sortPairs(table.flatPairs(), table.candidates);
  }
}

/** The first `count` pairs `[later, first]` of `flat`, ordered by the later line (each later line is in one pair). */
export function sortPairs(flat: Uint32Array, count: number): Uint32Array {
  if (count < RADIX_SORT_PAIRS) {
    const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => flat[2 * a]! - flat[2 * b]!);
    const sorted = new Uint32Array(2 * count);
    order.forEach((from, to) => {
      sorted[2 * to] = flat[2 * from]!;
      sorted[2 * to + 1] = flat[2 * from + 1]!;
    });
    return sorted;
  }
  // Two stable counting passes on the later line's low then high 16 bits.
  let from: Uint32Array = flat.subarray(0, 2 * count);
  let to: Uint32Array = new Uint32Array(2 * count);
  for (const shift of [0, 16]) {
    const cursor = new Uint32Array(65537);
    for (let i = 0; i < count; i++) cursor[((from[2 * i]! >>> shift) & 0xffff) + 1]!++;
    for (let k = 0; k < 65536; k++) cursor[k + 1]! += cursor[k]!;
    for (let i = 0; i < count; i++) {
      const at = cursor[(from[2 * i]! >>> shift) & 0xffff]!++ * 2;
      to[at] = from[2 * i]!;
      to[at + 1] = from[2 * i + 1]!;
    }
    [from, to] = [to, from];
  }
  return from;
}

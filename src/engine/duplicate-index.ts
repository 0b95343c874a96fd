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

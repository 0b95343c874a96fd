/**
 * The label matrix of a split, held compactly: per row the indices of its
 * positive classes in one Int32Array pool, and where each row's indices
 * start. Memory: 4 bytes per positive plus 4 bytes per row (no per-row
 * objects, no strings).
 */
export class LabelMatrix {
  readonly numClasses: number;
  private pool = new Int32Array(1 << 16);
  private poolSize = 0;
  private starts = new Uint32Array(1 << 12);
  private count = 0;

  constructor(numClasses: number) {
    this.numClasses = numClasses;
  }

  get rows(): number {
    return this.count;
  }

  /** Bytes the matrix holds (its arrays' capacity). */
  get bytes(): number {
    return this.pool.byteLength + this.starts.byteLength;
  }

  /** Appends a row given the indices of its positive classes (ascending). */
  add(ones: ArrayLike<number>, n: number): void {
    if (this.count + 2 > this.starts.length) {
      const grown = new Uint32Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    if (this.poolSize + n > this.pool.length) {
      let size = this.pool.length * 2;
      while (size < this.poolSize + n) size *= 2;
      const grown = new Int32Array(size);
      grown.set(this.pool.subarray(0, this.poolSize));
      this.pool = grown;
    }
    for (let i = 0; i < n; i++) this.pool[this.poolSize + i] = ones[i]!;
    this.poolSize += n;
    this.starts[++this.count] = this.poolSize;
  }

  /** Where row `row`'s class indices are in {@link LabelMatrix.values}: `[start, end)`. */
  start(row: number): number {
    return this.starts[row]!;
  }

  end(row: number): number {
    return this.starts[row + 1]!;
  }

  /** The pool of class indices (valid until the next {@link LabelMatrix.add}). */
  get values(): Int32Array {
    return this.pool;
  }

  /** Positives per class over the rows `include` accepts (all rows by default). */
  positives(include?: (row: number) => boolean): Float64Array {
    const counts = new Float64Array(this.numClasses);
    for (let r = 0; r < this.count; r++) {
      if (include !== undefined && !include(r)) continue;
      for (let p = this.starts[r]!, e = this.starts[r + 1]!; p < e; p++) counts[this.pool[p]!]!++;
    }
    return counts;
  }
}

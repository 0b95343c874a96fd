/** Positional reads of one image file, for the format checks that look past its first page. */

/** Reads `length` bytes at `position` (fewer at the end of the file). */
export type ReadAt = (position: number, length: number) => Promise<Buffer>;

/** Bytes read ahead at a time for a walk of a header (a few markers or chunks). */
const WINDOW = 4096;
/** Bytes read ahead at a time when searching compressed data for a byte. */
const SCAN_WINDOW = 1 << 18;

/**
 * A file's bytes through one window of it, read ahead as a walk moves on: a
 * header's markers and chunks cost one read a window, not one a field.
 */
export class FileBytes {
  private window: Buffer;
  private from = 0;
  constructor(
    private readonly readAt: ReadAt,
    readonly size: number,
    head: Buffer,
  ) {
    this.window = head;
  }

  /** The byte at `p` when it is in the window read, else undefined (then {@link at} reads it). */
  now(p: number): number | undefined {
    return p >= this.from && p < this.from + this.window.length ? this.window[p - this.from] : undefined;
  }

  /** The byte at `p`, or -1 past the end of the file. */
  async at(p: number): Promise<number> {
    if (p >= this.size || p < 0) return -1;
    if (p < this.from || p >= this.from + this.window.length) {
      this.from = p;
      this.window = await this.readAt(p, Math.min(WINDOW, this.size - p));
      if (this.window.length === 0) return -1;
    }
    return this.window[p - this.from]!;
  }

  /** `n` bytes from `p` (fewer at the end of the file). */
  async slice(p: number, n: number): Promise<Buffer> {
    if (p >= this.from && p + n <= this.from + this.window.length) return this.window.subarray(p - this.from, p - this.from + n);
    if (n > WINDOW) return this.readAt(p, n);
    this.from = p;
    this.window = await this.readAt(p, Math.min(WINDOW, this.size - p));
    return this.window.subarray(0, Math.min(n, this.window.length));
  }

  /** Where `byte` next occurs at or after `p`, or -1: the bytes between are searched natively, a large window at a time. */
  async indexOf(byte: number, p: number): Promise<number> {
    for (let q = Math.max(0, p); q < this.size; ) {
      if (q < this.from || q >= this.from + this.window.length) {
        this.from = q;
        this.window = await this.readAt(q, Math.min(SCAN_WINDOW, this.size - q));
        if (this.window.length === 0) return -1;
      }
      const found = this.window.indexOf(byte, q - this.from);
      if (found >= 0) return this.from + found;
      q = this.from + this.window.length;
    }
    return -1;
  }
}

/** Default number of images checked at once (chosen from `node bench/bench.mjs --images`). */
export const DEFAULT_CONCURRENCY = 16;

/** The lines whose image is checked (rows with a path), one bit each. */
export class ImageLines {
  private bits = new Uint8Array(1024);
  /** Lines marked. */
  count = 0;

  mark(line: number): void {
    let bits = this.bits;
    if (line >>> 3 >= bits.length) {
      const grown = new Uint8Array(Math.max(bits.length * 2, (line >>> 3) + 1));
      grown.set(bits);
      this.bits = bits = grown;
    }
    bits[line >>> 3]! |= 1 << (line & 7);
    this.count++;
  }

  has(line: number): boolean {
    const bits = this.bits;
    return line >>> 3 < bits.length && (bits[line >>> 3]! & (1 << (line & 7))) !== 0;
  }
}

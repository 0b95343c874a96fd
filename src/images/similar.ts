/**
 * Nearest-neighbour lookup of 64-bit perceptual hashes within a Hamming
 * distance `threshold`, without comparing every pair: the 64 bits are cut into
 * `threshold + 1` bands and each band indexed in a Map. Two hashes that differ
 * in at most `threshold` bits agree on at least one band (pigeonhole), so only
 * the entries sharing a band with the query are compared.
 */
export class SimilarIndex<T> {
  private readonly bands: { shift: bigint; mask: bigint; map: Map<bigint, number[]> }[] = [];
  private readonly hashes: bigint[] = [];
  private readonly values: T[] = [];

  constructor(readonly threshold: number) {
    if (!Number.isInteger(threshold) || threshold < 0 || threshold > 63) throw new RangeError(`threshold must be an integer from 0 to 63, got ${threshold}`);
    const count = threshold + 1;
    for (let b = 0, start = 0; b < count; b++) {
      // Bands as equal as 64 bits allow.
      const width = Math.floor(64 / count) + (b < 64 % count ? 1 : 0);
      this.bands.push({ shift: BigInt(start), mask: (1n << BigInt(width)) - 1n, map: new Map() });
      start += width;
    }
  }

  get size(): number {
    return this.hashes.length;
  }

  add(hash: bigint, value: T): void {
    const index = this.hashes.length;
    this.hashes.push(hash);
    this.values.push(value);
    for (const band of this.bands) {
      const key = (hash >> band.shift) & band.mask;
      const list = band.map.get(key);
      if (list === undefined) band.map.set(key, [index]);
      else list.push(index);
    }
  }

  forEach(visit: (value: T) => void): void {
    for (const value of this.values) visit(value);
  }

  /** The closest entry within the threshold (the first added on a tie), with its distance. */
  nearest(hash: bigint): { value: T; distance: number } | undefined {
    let best = -1;
    let bestDistance = this.threshold + 1;
    for (const band of this.bands) {
      const list = band.map.get((hash >> band.shift) & band.mask);
      if (list === undefined) continue;
      for (const index of list) {
        const distance = hammingDistance(hash, this.hashes[index]!);
        if (distance < bestDistance || (distance === bestDistance && index < best)) {
          best = index;
          bestDistance = distance;
        }
      }
    }
    return best === -1 ? undefined : { value: this.values[best]!, distance: bestDistance };
  }
}

/** Bits that differ between two 64-bit hashes. */
export function hammingDistance(a: bigint, b: bigint): number {
  let x = a ^ b;
  let count = 0;
  while (x !== 0n) {
    x &= x - 1n;
    count++;
  }
  return count;
}

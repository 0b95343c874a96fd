import type { FileHandle } from "node:fs/promises";

/** A shard's byte range of one file: `[start, end)`. */
export interface ByteRange {
  start: number;
  end: number;
}

const PROBE = 64 * 1024;

/**
 * Where the range that owns the line crossing byte `at` begins: right after
 * the first LF at or past `at - 1` (the Hadoop LineRecordReader rule: a range
 * that does not start at byte 0 skips its first, partial line, and the range
 * before it reads through that line), or the file's end.
 */
async function lineStartFrom(handle: FileHandle, at: number, size: number): Promise<number> {
  if (at <= 0) return 0;
  if (at >= size) return size;
  const buffer = Buffer.allocUnsafe(PROBE);
  for (let position = at - 1; position < size; position += PROBE) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(PROBE, size - position), position);
    if (bytesRead === 0) break;
    const lf = buffer.subarray(0, bytesRead).indexOf(10);
    if (lf !== -1) return position + lf + 1;
  }
  return size;
}

/**
 * Shard `index` of `count` of a file of `size` bytes: the file cut at
 * `size × i / count`, each cut moved to the next line start, so the ranges
 * tile the file and no line is in two (a range may be empty: a long line, or
 * more shards than lines). `lead` makes the first range larger by that
 * share of one (the thread that reads it starts first).
 */
export async function shardRange(handle: FileHandle, size: number, index: number, count: number, lead = 0): Promise<ByteRange> {
  // With `lead`, the first range is `1 + lead` shares and the others one each.
  const cut = (i: number) => (i === 0 ? 0 : Math.floor((size * (i + lead)) / (count + lead)));
  const start = await lineStartFrom(handle, cut(index), size);
  const end = index + 1 === count ? size : await lineStartFrom(handle, cut(index + 1), size);
  return { start, end: Math.max(start, end) };
}

/** A byte of a line that is not blank comes before `start` (so the range's first line cannot be a header); a byte-order mark is no content. */
export async function contentBefore(handle: FileHandle, start: number): Promise<boolean> {
  const buffer = Buffer.allocUnsafe(PROBE);
  for (let position = 0; position < start; position += PROBE) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(PROBE, start - position), position);
    if (bytesRead === 0) return false;
    const from = position === 0 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
    for (let i = from; i < bytesRead; i++) {
      const b = buffer[i]!;
      if (b !== 32 && b !== 9 && b !== 13 && b !== 10 && b !== 11 && b !== 12) return true;
    }
  }
  return false;
}

import type { FileHandle } from "node:fs/promises";
import { isBlankLine } from "../text/bytes.js";
import { LineSplitter } from "./line-splitter.js";

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

/**
 * A line that is content comes before `start` (so the range's first line
 * cannot be a header): a line the scan of the whole file does not take as
 * blank — one with a byte other than whitespace (a Unicode space such as
 * U+00A0 and the separators 0x1C–0x1F are blank there too), or one longer
 * than `maxLineBytes` (a line too long to read, however blank, is a finding
 * and no blank line). Lines are split as the scan splits them (LF, CRLF, a
 * lone CR; a byte-order mark is no content).
 */
export async function contentBefore(handle: FileHandle, start: number, maxLineBytes: number): Promise<boolean> {
  let content = false;
  const splitter = new LineSplitter((buf, from, to, _crlf, _terminated, byteLength) => {
    if (byteLength > to - from || (from < to && !isBlankLine(buf, from, to))) content = true;
  }, maxLineBytes);
  const buffer = Buffer.allocUnsafe(PROBE);
  for (let position = 0; position < start && !content; position += PROBE) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(PROBE, start - position), position);
    if (bytesRead === 0) break;
    splitter.push(buffer.subarray(0, bytesRead));
  }
  if (!content) splitter.end();
  return content;
}

/**
 * Where lines of a file start, noted while the file is scanned (about one
 * mark every {@link MARK_BYTES}), so that lines can be read again by number
 * without reading every line before them: confirming the duplicates of a
 * 10 GB list re-reads a few hundred KiB around each candidate instead of the
 * file up to the last one. Each mark is three numbers: the line's number, the
 * byte offset where it starts, and how many non-blank lines come before it.
 */
export class LineMarks {
  /** Flat: line, offset, non-blank lines before; in line order. */
  readonly data: number[];

  constructor(data: number[] = []) {
    this.data = data;
  }

  get count(): number {
    return this.data.length / 3;
  }

  add(line: number, offset: number, nonBlankBefore: number): void {
    this.data.push(line, offset, nonBlankBefore);
  }

  line(i: number): number {
    return this.data[3 * i]!;
  }

  offset(i: number): number {
    return this.data[3 * i + 1]!;
  }

  nonBlankBefore(i: number): number {
    return this.data[3 * i + 2]!;
  }

  /** The last mark at or before `line`, or -1 when none is. */
  before(line: number): number {
    let lo = 0;
    let hi = this.count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.line(mid) <= line) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
}

/** Bytes between marks: a line re-read by number costs a read of about this much (and the line). */
export const MARK_BYTES = 1 << 19;

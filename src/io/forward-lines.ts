import { closeSync, openSync, readSync } from "node:fs";
import { readError } from "./source.js";

const CHUNK_BYTES = 1 << 20;
const LF = 10;
const CR = 13;
const EMPTY = Buffer.alloc(0);

/** Bytes `[start, end)` of a file: one line, without its line break. */
export interface LineSpan {
  start: number;
  end: number;
}

/**
 * Lines of a file found by number, in increasing order, one pass at most:
 * where line n starts and ends (`\n` ends a line; a `\r` before it is not
 * part of it; nor is a UTF-8 byte-order mark at the start of line 1). With
 * `loneCr`, a `\r` not before a `\n` ends a line too, as the csv reader
 * (and Python's csv) count lines.
 * Synchronous, so a streaming pass can ask from inside its line callback;
 * it holds one chunk, however long the lines.
 */
export class ForwardLines {
  private fd: number | undefined;
  /** Allocated on the first read: a pass that rejects nothing opens and holds nothing. */
  private buf = EMPTY;
  /** File offset of `buf[0]`, and bytes of the file it holds. */
  private bufStart = 0;
  private bufLength = 0;
  /** Line `line` starts at byte `at`. */
  private line = 1;
  private at = 0;

  /** Where the buffer's next `\r` is, searched from `from` (offsets in the buffer; `at` is its length when there is none). */
  private cr = { from: 0, at: -1 };

  constructor(
    private readonly path: string,
    private readonly loneCr = false,
  ) {}

  /** Where line `n` is (`n` at least the last one asked for), or undefined past the file's last line. */
  span(n: number): LineSpan | undefined {
    if (n < this.line) throw new Error(`lines are read forward: line ${n} after line ${this.line}`);
    while (this.line < n) {
      const lineBreak = this.breakAt(this.at);
      if (lineBreak === -1) return undefined;
      this.at = this.after(lineBreak);
      this.line++;
    }
    const lineBreak = this.breakAt(this.at);
    const end = lineBreak === -1 ? this.fileEnd() : lineBreak;
    if (lineBreak === -1 && end <= this.at) return undefined;
    const start = this.at === 0 && end >= 3 && this.byteAt(0) === 0xef && this.byteAt(1) === 0xbb && this.byteAt(2) === 0xbf ? 3 : this.at;
    return { start, end: !this.loneCr && end > start && this.byteAt(end - 1) === CR ? end - 1 : end };
  }

  /** Offset of the line break at or after `from` (a `\n`, or with `loneCr` a `\r`), or -1 at the end of the file. */
  private breakAt(from: number): number {
    return this.loneCr ? this.find(from, true) : this.find(from);
  }

  /** The offset after the line break at `at`: a `\r` before a `\n` is one break with it. */
  private after(at: number): number {
    if (!this.loneCr || this.byteAt(at) !== CR) return at + 1;
    return this.byteAt(at + 1) === LF ? at + 2 : at + 1;
  }

  /** Bytes `[start, end)` of the file. */
  read(start: number, end: number): Buffer {
    const out = Buffer.allocUnsafe(end - start);
    let done = 0;
    while (done < out.length) {
      const n = this.readAt(out, done, out.length - done, start + done);
      if (n === 0) break;
      done += n;
    }
    return out.subarray(0, done);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** Offset of the first `\n` (or, with `cr`, `\r`: whichever comes first) at or after `from`, or -1 at the end of the file. */
  private find(from: number, cr = false): number {
    let at = from;
    for (;;) {
      if (at < this.bufStart || at >= this.bufStart + this.bufLength) {
        if (!this.load(at)) return -1;
      }
      const rel = at - this.bufStart;
      let found = this.buf.indexOf(LF, rel);
      if (found === -1 || found >= this.bufLength) found = this.bufLength;
      if (cr) {
        // The next CR is looked for again only once it is passed: a file without one is searched once a chunk.
        if (rel < this.cr.from || (this.cr.at !== -1 && rel > this.cr.at)) this.cr.at = -1;
        if (this.cr.at === -1) {
          const r = this.buf.indexOf(CR, rel);
          this.cr = { from: rel, at: r === -1 || r >= this.bufLength ? this.bufLength : r };
        }
        found = Math.min(found, this.cr.at);
      }
      if (found < this.bufLength) return this.bufStart + found;
      at = this.bufStart + this.bufLength;
    }
  }

  /** The byte at `offset`, or -1 past the end of the file. */
  private byteAt(offset: number): number {
    if (offset < this.bufStart || offset >= this.bufStart + this.bufLength) {
      if (!this.load(offset)) return -1;
    }
    return this.buf[offset - this.bufStart]!;
  }

  /** The file's size as read: the end of the last chunk. */
  private fileEnd(): number {
    while (this.load(this.bufStart + this.bufLength));
    return this.bufStart + this.bufLength;
  }

  /** Reads the chunk at `offset` into the buffer; false at the end of the file (the buffer then ends there). */
  private load(offset: number): boolean {
    if (this.buf.length === 0) this.buf = Buffer.allocUnsafe(CHUNK_BYTES);
    const n = this.readAt(this.buf, 0, CHUNK_BYTES, offset);
    if (n === 0) {
      // Keep what the buffer held: it ends where the file does.
      return false;
    }
    this.bufStart = offset;
    this.bufLength = n;
    this.cr = { from: 0, at: -1 };
    return true;
  }

  private readAt(into: Buffer, offset: number, length: number, position: number): number {
    try {
      this.fd ??= openSync(this.path, "r");
      return readSync(this.fd, into, offset, length, position);
    } catch (error) {
      throw readError(this.path, error);
    }
  }
}

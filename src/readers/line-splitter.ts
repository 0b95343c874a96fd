const LF = 10;
const CR = 13;

/**
 * Receives one physical line: bytes `[start, end)` of `buf`, without its line
 * terminator. `crlf` is true when the terminator was CRLF; `terminated` is
 * false only for a last line without a newline. A line longer than the limit
 * arrives truncated to the limit with `byteLength` set to its full length.
 */
export type LineSink = (buf: Buffer, start: number, end: number, crlf: boolean, terminated: boolean, byteLength: number) => void;

/**
 * Splits a byte stream into lines. Pure and synchronous: feed it chunks with
 * {@link LineSplitter.push}, then call {@link LineSplitter.end}. It strips a
 * UTF-8 byte-order mark at the very start (and records it), copies only the
 * tail of a chunk that ends mid-line, and never buffers more than
 * `maxLineBytes` of one line, so a file with no newline cannot exhaust memory.
 */
export class LineSplitter {
  bom = false;
  crlfLines = 0;
  lfLines = 0;
  finalNewline = true;
  bytes = 0;

  private carry: Buffer | null = null;
  private carryLength = 0;
  /** Bytes of the current over-long line seen so far, or -1. */
  private overflow = -1;
  /** The last byte added to the pending line is a CR: half of a CRLF split across chunks, perhaps. */
  private lastCR = false;
  private first = true;
  private readonly sink: LineSink;
  private readonly maxLineBytes: number;

  constructor(sink: LineSink, maxLineBytes: number) {
    this.sink = sink;
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * Feeds the next chunk. The byte-order mark is looked for in the first
   * non-empty chunk, so callers hand over at least 3 bytes first unless the
   * input is shorter (the engine always pushes its sniffed head first).
   */
  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    let p = 0;
    if (this.first && chunk.length > 0) {
      this.first = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        this.bom = true;
        p = 3;
      }
    }
    const n = chunk.length;
    while (p < n) {
      const nl = chunk.indexOf(LF, p);
      if (nl === -1) {
        this.appendCarry(chunk, p, n);
        return;
      }
      // A CR just before the LF is part of the terminator, not of the line.
      const cr = nl > p ? chunk[nl - 1] === CR : (this.overflow >= 0 || this.carryLength > 0) && this.lastCR;
      if (this.overflow >= 0) {
        this.finishOverflow(nl - p, cr);
      } else if (this.carryLength > 0) {
        this.appendCarry(chunk, p, nl);
        if (this.overflow >= 0) this.finishOverflow(0, cr);
        else {
          const carry = this.carry!;
          const length = this.carryLength;
          this.carryLength = 0;
          this.emit(carry, 0, length, true, length);
        }
      } else if (nl - p - (cr ? 1 : 0) > this.maxLineBytes) {
        this.overflow = nl - p;
        this.finishOverflow(0, cr, chunk, p);
      } else {
        this.emit(chunk, p, nl, true, nl - p);
      }
      p = nl + 1;
    }
  }

  end(): void {
    if (this.overflow >= 0) {
      this.finalNewline = false;
      this.finishOverflow(0, false, undefined, undefined, false);
    } else if (this.carryLength > this.maxLineBytes) {
      // Held one byte over the limit for a CR that turned out not to start a CRLF.
      this.finalNewline = false;
      this.overflow = this.carryLength;
      this.finishOverflow(0, false, undefined, undefined, false);
    } else if (this.carryLength > 0) {
      this.finalNewline = false;
      const carry = this.carry!;
      const length = this.carryLength;
      this.carryLength = 0;
      this.emit(carry, 0, length, false, length);
    }
  }

  private emit(buf: Buffer, start: number, end: number, terminated: boolean, byteLength: number): void {
    let crlf = false;
    // A CR before the end of the input (no LF after it) ends the line too.
    if (terminated || end === start + byteLength) {
      if (end > start && buf[end - 1] === CR) {
        crlf = true;
        end--;
        byteLength--;
        this.crlfLines++;
      } else if (terminated) {
        this.lfLines++;
      }
    }
    this.sink(buf, start, end, crlf, terminated, byteLength);
  }

  private appendCarry(chunk: Buffer, start: number, end: number): void {
    const length = end - start;
    if (length > 0) this.lastCR = chunk[end - 1] === CR;
    if (this.overflow >= 0) {
      this.overflow += length;
      return;
    }
    // A trailing CR may be the first half of a CRLF: it does not count toward the limit yet.
    if (this.carryLength + length - (this.lastCR ? 1 : 0) > this.maxLineBytes) {
      // Keep the first maxLineBytes for quoting; count the rest.
      const keep = Math.max(0, Math.min(length, this.maxLineBytes - this.carryLength));
      this.ensureCarry(this.maxLineBytes);
      chunk.copy(this.carry!, this.carryLength, start, start + keep);
      this.overflow = this.carryLength + length;
      this.carryLength = this.maxLineBytes;
      return;
    }
    this.ensureCarry(this.carryLength + length);
    chunk.copy(this.carry!, this.carryLength, start, end);
    this.carryLength += length;
  }

  private ensureCarry(size: number): void {
    if (this.carry !== null && this.carry.length >= size) return;
    const next = Buffer.allocUnsafe(Math.max(size, (this.carry?.length ?? 0) * 2, 4096));
    if (this.carry !== null) this.carry.copy(next, 0, 0, this.carryLength);
    this.carry = next;
  }

  /** Emits an over-long line: its first bytes for quoting, its full length for the message. */
  private finishOverflow(extra: number, crlf: boolean, chunk?: Buffer, start?: number, terminated = true): void {
    const total = this.overflow + extra - (crlf ? 1 : 0);
    this.overflow = -1;
    const keep = Math.min(256, this.maxLineBytes);
    let head: Buffer;
    if (chunk !== undefined && start !== undefined) head = chunk.subarray(start, start + keep);
    else head = this.carry!.subarray(0, Math.min(keep, this.carryLength));
    this.carryLength = 0;
    if (terminated) {
      if (crlf) this.crlfLines++;
      else this.lfLines++;
    }
    this.sink(head, 0, head.length, crlf, terminated, total);
  }
}

import { bomAt } from "../text/bytes.js";
const LF = 10;
const CR = 13;

/** How a line ended. */
const Ending = { None: 0, Lf: 1, CrLf: 2, Cr: 3 } as const;
type Ending = (typeof Ending)[keyof typeof Ending];

const EMPTY = Buffer.alloc(0);

/**
 * Receives one physical line: bytes `[start, end)` of `buf`, without its line
 * terminator. `crlf` is true when the terminator was CRLF and `cr` when it was
 * a lone CR; `terminated` is false only for a last line without a line break.
 * A line longer than the limit arrives truncated to the limit with
 * `byteLength` set to its full length.
 */
export type LineSink = (buf: Buffer, start: number, end: number, crlf: boolean, terminated: boolean, byteLength: number, cr: boolean) => void;

/**
 * Splits a byte stream into lines the way Python's text mode does (universal
 * newlines: LF, CRLF and a lone CR each end a line), which is how every
 * consumer labellint models reads a list. Pure and synchronous: feed it
 * chunks with {@link LineSplitter.push}, then call {@link LineSplitter.end}.
 * It strips a UTF-8 byte-order mark at the very start (and records it),
 * copies only the tail of a chunk that ends mid-line, and never buffers more
 * than `maxLineBytes` of one line, so a file with no line break cannot
 * exhaust memory.
 */
export class LineSplitter {
  bom = false;
  crlfLines = 0;
  lfLines = 0;
  /** Lines ended by a lone CR (old Mac style). */
  crLines = 0;
  finalNewline = true;
  bytes = 0;
  /**
   * Where the line being handed to the sink starts (counting every byte fed,
   * a byte-order mark too), or -1 when it began in an earlier chunk (it was
   * carried): a place to read that line again from (see `LineMarks`).
   */
  lineStart = -1;
  /** Bytes fed before the current chunk. */
  private base = 0;

  private carry: Buffer | null = null;
  private carryLength = 0;
  /** Bytes of the current over-long line seen so far, or -1. */
  private overflow = -1;
  /** The last chunk ended with a CR: the pending line ends there, with CRLF if the next byte is LF. */
  private pendingCR = false;
  private first = true;
  private readonly sink: LineSink;
  private readonly maxLineBytes: number;

  constructor(sink: LineSink, maxLineBytes: number) {
    this.sink = sink;
    this.maxLineBytes = maxLineBytes;
  }

  /** The bytes fed are not the start of the input (a part of a file): a byte-order mark there is content. */
  continuing(): void {
    this.first = false;
  }

  /**
   * Feeds the next chunk. The byte-order mark is looked for in the first
   * non-empty chunk, so callers hand over at least 3 bytes first unless the
   * input is shorter (the engine always pushes its sniffed head first).
   */
  push(chunk: Buffer): void {
    this.base = this.bytes;
    this.bytes += chunk.length;
    let p = 0;
    const n = chunk.length;
    if (this.first && n > 0) {
      this.first = false;
      if (bomAt(chunk) > 0) {
        this.bom = true;
        p = 3;
      }
    }
    if (this.pendingCR && p < n) {
      this.pendingCR = false;
      if (chunk[p] === LF) {
        this.finishCarried(Ending.CrLf);
        p++;
      } else this.finishCarried(Ending.Cr);
    }
    // Most files hold no CR at all: one scan says so, and the loop then looks for LF only.
    let cr = p < n ? chunk.indexOf(CR, p) : -1;
    while (p < n) {
      const nl = chunk.indexOf(LF, p);
      if (cr !== -1 && cr < p) cr = chunk.indexOf(CR, p);
      if (cr !== -1 && (nl === -1 || cr < nl - 1)) {
        if (cr === n - 1) {
          // The next chunk says whether this CR starts a CRLF.
          this.append(chunk, p, cr);
          this.pendingCR = true;
          return;
        }
        this.line(chunk, p, cr, Ending.Cr);
        p = cr + 1;
        continue;
      }
      if (nl === -1) {
        this.append(chunk, p, n);
        return;
      }
      const crlf = nl > p && chunk[nl - 1] === CR;
      this.line(chunk, p, crlf ? nl - 1 : nl, crlf ? Ending.CrLf : Ending.Lf);
      p = nl + 1;
    }
  }

  end(): void {
    if (this.pendingCR) {
      this.pendingCR = false;
      this.finishCarried(Ending.Cr);
      return;
    }
    if (this.overflow >= 0 || this.carryLength > 0) {
      this.finalNewline = false;
      this.finishCarried(Ending.None);
    }
  }

  /** A line whose last bytes are `[start, end)` of `chunk` (earlier ones carried), ended by `ending`. */
  private line(chunk: Buffer, start: number, end: number, ending: Ending): void {
    if (this.overflow < 0 && this.carryLength === 0) {
      this.lineStart = this.base + start;
      if (end - start > this.maxLineBytes) {
        this.overflow = end - start;
        this.finishOverflow(ending, chunk.subarray(start, start + Math.min(256, this.maxLineBytes)));
      } else this.emit(chunk, start, end, ending, end - start);
      return;
    }
    this.append(chunk, start, end);
    this.finishCarried(ending);
  }

  /** Ends the line held in the carry (or overflowing). */
  private finishCarried(ending: Ending): void {
    this.lineStart = -1;
    if (this.overflow >= 0) {
      this.finishOverflow(ending, (this.carry ?? EMPTY).subarray(0, Math.min(256, this.maxLineBytes, this.carryLength)));
      return;
    }
    const carry = this.carry ?? EMPTY;
    const length = this.carryLength;
    this.carryLength = 0;
    this.emit(carry, 0, length, ending, length);
  }

  private emit(buf: Buffer, start: number, end: number, ending: Ending, byteLength: number): void {
    this.count(ending);
    this.sink(buf, start, end, ending === Ending.CrLf, ending !== Ending.None, byteLength, ending === Ending.Cr);
  }

  private count(ending: Ending): void {
    if (ending === Ending.Lf) this.lfLines++;
    else if (ending === Ending.CrLf) this.crlfLines++;
    else if (ending === Ending.Cr) this.crLines++;
  }

  /** Adds bytes `[start, end)` of `chunk` to the pending line, switching to counting only past the limit. */
  private append(chunk: Buffer, start: number, end: number): void {
    const length = end - start;
    if (this.overflow >= 0) {
      this.overflow += length;
      return;
    }
    if (this.carryLength + length > this.maxLineBytes) {
      // Keep the first maxLineBytes for quoting; count the rest.
      const keep = Math.max(0, Math.min(length, this.maxLineBytes - this.carryLength));
      this.ensureCarry(this.maxLineBytes);
      chunk.copy(this.carry!, this.carryLength, start, start + keep);
      this.overflow = this.carryLength + length;
      this.carryLength = this.maxLineBytes;
      return;
    }
    if (length === 0) return;
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
  private finishOverflow(ending: Ending, head: Buffer): void {
    const total = this.overflow;
    this.overflow = -1;
    this.carryLength = 0;
    // The head may be a view of the carry: copy it, since the carry is reused by the next line.
    const quoted = Buffer.from(head);
    this.count(ending);
    this.sink(quoted, 0, quoted.length, ending === Ending.CrLf, ending !== Ending.None, total, ending === Ending.Cr);
  }
}

/** The first CR in `buf[from, to)`, or -1. */
function crIn(buf: Buffer, from: number, to: number): number {
  if (to - from > 256) {
    const at = buf.subarray(from, to).indexOf(CR);
    return at === -1 ? -1 : from + at;
  }
  for (let i = from; i < to; i++) if (buf[i] === CR) return i;
  return -1;
}

/**
 * The line starting at `p` of a buffer held whole (a sniffed head): its
 * content `[p, end)` and where the next line starts, with the same universal
 * newlines as {@link LineSplitter}. Undefined at the end of `buf`, and for a
 * last line without a line break unless `complete` (the buffer is the whole input).
 */
export function lineAt(buf: Buffer, p: number, complete: boolean): { end: number; next: number } | undefined {
  if (p >= buf.length) return undefined;
  const nl = buf.indexOf(LF, p);
  const limit = nl === -1 ? buf.length : nl;
  // A CR is looked for in this line only: searching the rest of the buffer on every line made a
  // head without CRs quadratic to read (a 1 MiB head of short lines took a third of a second).
  const cr = crIn(buf, p, limit);
  if (cr !== -1) {
    if (cr + 1 === nl) return { end: cr, next: nl + 1 };
    // A CR as the head's last byte may start a CRLF the head does not show.
    if (cr + 1 === buf.length && !complete) return undefined;
    return { end: cr, next: cr + 1 };
  }
  if (nl !== -1) return { end: nl, next: nl + 1 };
  return complete ? { end: buf.length, next: buf.length } : undefined;
}

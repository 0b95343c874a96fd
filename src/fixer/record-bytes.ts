import type { RejectedRecord } from "../readers/canonical.js";
import { ForwardLines } from "../io/forward-lines.js";
import type { FormatId } from "../types.js";
import type { AtomicFile } from "./atomic.js";
import { rejectsPrefix, recordRejectsRow, spansLinesReason } from "./lines.js";
import type { PlanReason } from "./plan.js";

/** The formats whose records are whole lines of the input, found again by their line numbers. */
const LINE_RECORDS: readonly FormatId[] = ["csv", "indices", "spaced"];

const BACKSLASH = 0x5c;
const LF = 10;
const CR = 13;
/** A record over several lines is escaped this much at a time. */
const PIECE_BYTES = 1 << 20;

/**
 * Writes the records a reader left out (see `RecordOrigin.rejected`) to a
 * rejects file as the input has them. A reader keeps a record as text, and
 * text is not always the record: bytes that are not UTF-8 decode as U+FFFD,
 * and a line over the length limit is kept as its head only. Such a record
 * of a format whose records are lines (csv, index lists) is copied from the
 * input's own bytes instead — found by its line numbers, in one forward pass,
 * and used only when they are the record the reader read (they decode to its
 * text, or to its head) — so the rejects file loses nothing the input held.
 * Other records (a JSON entry, a row of per-class files) are their text.
 */
export class RecordRejects {
  private readonly lines: ForwardLines | undefined;

  constructor(
    /** The input as its reader read it (a copy of standard input, a decompressed file). */
    private readonly source: string,
    format: FormatId,
  ) {
    // A lone CR ends a line, as the readers of these formats number them (the csv reader and the line splitter of index lists alike).
    this.lines = LINE_RECORDS.includes(format) ? new ForwardLines(source, true) : undefined;
  }

  /** Writes `record`'s rejects row (after `lead`, a file column) to `rejects`. Records must come in input order. */
  write(rejects: AtomicFile, lead: string, record: RejectedRecord, reasons: readonly PlanReason[]): void {
    const span = this.lossy(record) ? this.find(record) : undefined;
    if (span === undefined) {
      rejects.write(lead + recordRejectsRow(record.line, reasons, record.text));
      return;
    }
    if (span.lines > 1) {
      // A record over several lines is escaped onto one, as recordRejectsRow escapes its text.
      rejects.write(lead + rejectsPrefix(record.line, [...reasons, spansLinesReason(span.lines)]));
      for (let at = span.start; at < span.end; at += PIECE_BYTES) {
        const escaped = escapeBreaks(this.lines!.read(at, Math.min(span.end, at + PIECE_BYTES)));
        rejects.writeBytes(escaped, 0, escaped.length);
      }
    } else {
      rejects.write(lead + rejectsPrefix(record.line, reasons));
      rejects.copyFrom(this.source, span.start, span.end);
    }
    rejects.write("\n");
  }

  close(): void {
    this.lines?.close();
  }

  /** The record's text is not its bytes: replaced bytes, or only a part of them. */
  private lossy(record: RejectedRecord): boolean {
    return this.lines !== undefined && (record.whole !== undefined || record.text.includes("\uFFFD"));
  }

  /** Where the record is in the input, when the bytes there are the record the reader read. */
  private find(record: RejectedRecord): { start: number; end: number; lines: number } | undefined {
    const lines = this.lines!;
    const count = record.whole?.lines ?? record.text.split(/\r\n|\r|\n/).length;
    try {
      const first = lines.span(record.line);
      const last = count === 1 ? first : lines.span(record.line + count - 1);
      if (first === undefined || last === undefined) return undefined;
      const { start, end } = { start: first.start, end: last.end };
      if (record.whole !== undefined) {
        // Lines the reader measured: the same length here, else they are not the ones it read.
        return record.whole.bytes === undefined || end - start === record.whole.bytes ? { start, end, lines: count } : undefined;
      }
      return lines.read(start, end).toString("utf8") === record.text ? { start, end, lines: count } : undefined;
    } catch {
      // Lines asked out of order, or the input unreadable now: the text is what there is.
      return undefined;
    }
  }
}

function escapedLength(bytes: Buffer): number {
  let n = bytes.length;
  for (const b of bytes) if (b === BACKSLASH || b === LF || b === CR) n++;
  return n;
}

/** `bytes` with a backslash, a line feed and a carriage return written `\\`, `\n` and `\r`. */
function escapeBreaks(bytes: Buffer): Buffer {
  const out = Buffer.allocUnsafe(escapedLength(bytes));
  let at = 0;
  for (const b of bytes) {
    if (b === BACKSLASH || b === LF || b === CR) {
      out[at++] = BACKSLASH;
      out[at++] = b === LF ? 0x6e : b === CR ? 0x72 : BACKSLASH;
    } else out[at++] = b;
  }
  return out;
}

import { isUtf8 } from "node:buffer";
import { openForReading, readError } from "../io/source.js";
import { bomAt } from "../text/bytes.js";
import { leadingSpace } from "./path.js";
import type { ChunkTransform } from "../io/source.js";
import { isCsvHeader } from "./csv.js";

const LF = 0x0a;
const CR = 0x0d;
const TAB = 0x09;
const COMMA = 0x2c;
const QUOTE = 0x22;
const CHUNK_BYTES = 1 << 20;
/** Past this many lines that need more than a byte swapped (blank lines, lines without a comma), the csv reader is used. */
const MAX_EDITS = 100_000;

/**
 * An unquoted CSV file, read without csv-parse and without a canonical copy.
 *
 * When a CSV file has no quote, no TAB, no CR, no BOM, only valid UTF-8 and no
 * line longer than the line limit, csv-parse would split every line on its
 * commas, and the canonical line the csv reader writes for it
 * (`path<TAB>v1,…,vC`) is the line itself with its first comma turned into a
 * TAB — byte for byte, so every column stays where it is. The exceptions are
 * few and found here, in one pass of native byte searches: the header line
 * (left out), lines without a comma (a TAB appended, unless the line is blank)
 * and a missing final newline (added). {@link PlainCsvTransform} applies
 * them to the file's chunks as they are read, so the engine lints the input
 * itself; any other file goes through the csv reader.
 */
export interface PlainCsv {
  /** Physical lines and bytes of the input. */
  lines: number;
  bytes: number;
  /** The header line (1-based), when the first non-blank record names columns. */
  headerLine?: number;
  /** The header's class names (trimmed), when there is one. */
  header?: string[];
  /** Sorted edits: byte ranges to leave out, bytes to insert. */
  edits: readonly PlainEdit[];
  /** Original line numbers of blank lines, ascending (they hold no data row). */
  blankLines: readonly number[];
}

export interface PlainEdit {
  /** Byte offset in the input. */
  at: number;
  /** Bytes to leave out from `at` (the header line with its newline). */
  skip: number;
  /** Bytes to insert at `at`. */
  insert?: Buffer;
}

const TAB_BYTES = Buffer.from("\t");
const NEWLINE = Buffer.from("\n");
const TAB_NEWLINE = Buffer.from("\t\n");

/** Plans reading `path` as an unquoted CSV file, or returns undefined when it must go through the csv reader. */
export async function planPlainCsv(path: string, maxLineBytes: number, name = path): Promise<PlainCsv | undefined> {
  const handle = await openForReading(path, name);
  const edits: PlainEdit[] = [];
  const blankLines: number[] = [];
  let headerLine: number | undefined;
  let header: string[] | undefined;
  let sawContent = false;
  let line = 0;
  let offset = 0; // input bytes read so far
  // The current line's bytes from earlier chunks are moved to the front of the one read buffer, and
  // the next read lands after them (a fresh buffer per read, concatenated, cost ~0.2 s on 93 MB).
  let buf = Buffer.allocUnsafe(2 * CHUNK_BYTES);
  let carry = 0;
  try {
    for (;;) {
      if (buf.length - carry < CHUNK_BYTES) {
        const grown = Buffer.allocUnsafe(carry + CHUNK_BYTES);
        buf.copy(grown, 0, 0, carry);
        buf = grown;
      }
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buf, carry, CHUNK_BYTES, null));
      } catch (error) {
        throw readError(name, error);
      }
      const end = bytesRead === 0;
      const chunk = buf.subarray(0, carry + bytesRead);
      const base = offset - carry;
      if (offset === 0 && !end && bomAt(chunk) > 0) return undefined;
      if (!end && (chunk.indexOf(QUOTE, carry) !== -1 || chunk.indexOf(TAB, carry) !== -1 || chunk.indexOf(CR, carry) !== -1)) return undefined;
      if (!end) offset += bytesRead;
      // Whole lines of this chunk; the rest is carried into the next.
      let start = 0;
      for (;;) {
        let lf = chunk.indexOf(LF, start);
        if (lf === -1) {
          if (!end || start >= chunk.length) break;
          lf = chunk.length; // the last line, with no newline
        }
        if (lf - start > maxLineBytes) return undefined;
        line++;
        const comma = chunk.indexOf(COMMA, start);
        const hasComma = comma !== -1 && comma < lf;
        const terminated = lf < chunk.length;
        let blank = false;
        if (!hasComma) {
          const text = chunk.toString("utf8", start, lf);
          blank = text.trim() === "";
          if (blank) blankLines.push(line);
        }
        // A path that starts with whitespace: the csv reader reports it (a label list's line would lose it).
        if (!blank && lf > start && leadingSpace(chunk, start, lf, false) > start) return undefined;
        if (!blank && !sawContent) {
          sawContent = true;
          const fields = chunk.toString("utf8", start, lf).split(",");
          if (isCsvHeader(fields)) {
            headerLine = line;
            header = fields.slice(1).map((f) => f.trim());
            edits.push({ at: base + start, skip: lf - start + (terminated ? 1 : 0) });
          }
        }
        if (headerLine !== line) {
          if (!hasComma && !blank) edits.push({ at: base + lf, skip: 0, insert: terminated ? TAB_BYTES : TAB_NEWLINE });
          else if (!terminated) edits.push({ at: base + lf, skip: 0, insert: NEWLINE });
        }
        if (edits.length + blankLines.length > MAX_EDITS) return undefined;
        start = lf + 1;
      }
      if (end) break;
      if (chunk.length - start > maxLineBytes) return undefined;
      // Only whole UTF-8 sequences: the carried bytes are checked with their line.
      if (!isUtf8(chunk.subarray(0, start))) return undefined;
      buf.copyWithin(0, start, chunk.length);
      carry = chunk.length - start;
    }
    if (carry > 0 && !isUtf8(buf.subarray(0, carry))) return undefined;
  } finally {
    await handle.close();
  }
  if (offset === 0) return undefined;
  return {
    lines: line,
    bytes: offset,
    ...(headerLine !== undefined ? { headerLine, header: header! } : {}),
    edits,
    blankLines,
  };
}

/**
 * Turns the input's chunks, fed in order from its first byte, into the
 * canonical lines of {@link PlainCsv}: the first comma of every line becomes
 * a TAB in place, and the planned edits are applied. Call {@link end} after
 * the last chunk.
 */
export class PlainCsvTransform implements ChunkTransform {
  private offset = 0;
  private next = 0;
  /** The current line's first comma is behind us. */
  private commaDone = false;

  constructor(private readonly plan: PlainCsv) {}

  push(chunk: Buffer): Buffer[] {
    const base = this.offset;
    this.offset += chunk.length;
    // The first comma of each line: in place (the chunk is the reader's own buffer).
    let pos = 0;
    while (pos < chunk.length) {
      const lf = chunk.indexOf(LF, pos);
      const lineEnd = lf === -1 ? chunk.length : lf;
      if (!this.commaDone) {
        // The path is short: a byte loop finds its comma sooner than a native search per line.
        for (let i = pos; i < lineEnd; i++) {
          if (chunk[i] === COMMA) {
            chunk[i] = TAB;
            this.commaDone = true;
            break;
          }
        }
      }
      if (lf === -1) break;
      this.commaDone = false;
      pos = lf + 1;
    }
    const { edits } = this.plan;
    if (this.next >= edits.length || edits[this.next]!.at >= this.offset) return [chunk];
    const out: Buffer[] = [];
    let from = 0;
    while (this.next < edits.length) {
      const edit = edits[this.next]!;
      if (edit.at >= this.offset) break;
      const at = Math.max(edit.at - base, from);
      if (at > from) out.push(chunk.subarray(from, at));
      if (edit.insert !== undefined && edit.at >= base) out.push(edit.insert);
      const skipEnd = edit.at + edit.skip - base;
      from = Math.max(at, Math.min(skipEnd, chunk.length));
      // A skip that runs into the next chunk stays current.
      if (skipEnd > chunk.length) break;
      this.next++;
    }
    if (from < chunk.length) out.push(chunk.subarray(from));
    return out;
  }

  end(): Buffer[] {
    const out: Buffer[] = [];
    for (; this.next < this.plan.edits.length; this.next++) {
      const edit = this.plan.edits[this.next]!;
      if (edit.insert !== undefined) out.push(edit.insert);
    }
    return out;
  }
}

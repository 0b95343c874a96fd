import { fileChunks } from "../io/source.js";
import { isBlankLine } from "../text/bytes.js";
import { LineSplitter } from "../io/line-splitter.js";
import { Row, TokenKind } from "../readers/row.js";
import { BucketStore, RAW_LABELS, RECORD_HEADER } from "./buckets.js";
import type { DiffInput } from "./input.js";

const DOT = 46;
const SLASH = 47;
const BACKSLASH = 92;
const HASH = 35;

/** What one pass over a file counted besides its records. */
export interface SideScan {
  rows: number;
  validRows: number;
  skipped: { blank: number; header: number; comment: number };
  /** Positives per comparison class over the valid rows. */
  positives: Float64Array;
}

/** The line's first non-blank byte is `#`. */
function commentStart(row: Row): boolean {
  const buf = row.buf;
  let p = row.start;
  while (p < row.end && (buf[p] === 32 || buf[p] === 9)) p++;
  return p < row.end && buf[p] === HASH;
}

/**
 * Streams one input and writes each row as a record to its bucket (by path
 * hash): the normalised path, and the labels as comparison-class indices —
 * or as text when they do not read as C values of 0/1. Lines that are not
 * rows are counted and skipped as `check` skips them: blank lines, a header
 * line of class names, `#` comments. Memory: one read chunk.
 */
export async function scanSide(input: DiffInput, toClass: Int32Array, classes: number, store: BucketStore, maxLineBytes: number): Promise<SideScan> {
  const format = input.lineFormat;
  const C = input.numClasses;
  const buckets = store.buckets;
  const scan: SideScan = { rows: 0, validRows: 0, skipped: { blank: 0, header: 0, comment: 0 }, positives: new Float64Array(classes) };
  const row = new Row();
  const mapped = new Int32Array(Math.max(1, C));
  let line = 0;
  let sawContent = false;
  const splitter = new LineSplitter((buf, start, end) => {
    line++;
    if (isBlankLine(buf, start, end)) {
      scan.skipped.blank++;
      return;
    }
    row.reset(buf, start, end, line);
    format.parse(row);
    const counts = row.kindCounts;
    const k = row.k;
    if (!sawContent) {
      sawContent = true;
      // A first line whose every label is a word is a header of class names.
      if (row.hasSeparator && k > 0 && counts[TokenKind.Invalid] === k) {
        scan.skipped.header++;
        return;
      }
    }
    if (commentStart(row) && !(row.hasSeparator && k === C && counts[TokenKind.Invalid]! + counts[TokenKind.Empty]! === 0)) {
      scan.skipped.comment++;
      return;
    }
    const seq = scan.rows++;
    const valid = row.hasSeparator && k === C && counts[TokenKind.Zero]! + counts[TokenKind.One]! + counts[TokenKind.NonCanonical]! === k;

    // The normalised path key: a leading byte-order mark and `./` (or `.\`) dropped, `\` read as `/` — what the hash covers.
    let p = row.pathStart;
    const pathEnd = row.pathEnd;
    if (p + 2 < pathEnd && buf[p] === 0xef && buf[p + 1] === 0xbb && buf[p + 2] === 0xbf) p += 3;
    while (p + 1 < pathEnd && buf[p] === DOT && (buf[p + 1] === SLASH || buf[p + 1] === BACKSLASH)) p += 2;
    const keyLength = pathEnd - p;

    let labelsLength: number;
    let labelsStart = 0;
    let labelsEnd = 0;
    const n = row.numOnes;
    if (valid) {
      const ones = row.ones;
      for (let i = 0; i < n; i++) {
        // Insertion sort: a name-matched class order need not be ascending; rows hold few positives.
        const c = toClass[ones[i]!]!;
        let j = i;
        while (j > 0 && mapped[j - 1]! > c) {
          mapped[j] = mapped[j - 1]!;
          j--;
        }
        mapped[j] = c;
        scan.positives[c]!++;
      }
      scan.validRows++;
      labelsLength = 4 * n;
    } else {
      labelsStart = row.hasSeparator ? row.labelsStart : end;
      labelsEnd = end;
      while (labelsEnd > labelsStart && (buf[labelsEnd - 1] === 32 || buf[labelsEnd - 1] === 9 || buf[labelsEnd - 1] === 13)) labelsEnd--;
      labelsLength = labelsEnd - labelsStart;
    }

    const at = store.reserve(row.hashHi % buckets, RECORD_HEADER + keyLength + labelsLength);
    const buffer = store.target;
    buffer.writeUInt32LE(row.hashHi, at);
    buffer.writeUInt32LE(row.hashLo, at + 4);
    buffer.writeUInt32LE(line, at + 8);
    buffer.writeUInt32LE(seq, at + 12);
    buffer.writeUInt32LE(keyLength, at + 16);
    buffer.writeUInt32LE(valid ? labelsLength : (labelsLength | RAW_LABELS) >>> 0, at + 20);
    let q = at + RECORD_HEADER;
    for (let i = p; i < pathEnd; i++) {
      const b = buf[i]!;
      buffer[q++] = b === BACKSLASH ? SLASH : b;
    }
    if (valid) {
      for (let i = 0; i < n; i++, q += 4) buffer.writeUInt32LE(mapped[i]!, q);
    } else {
      buf.copy(buffer, q, labelsStart, labelsEnd);
    }
  }, maxLineBytes);
  const transform = input.transform?.();
  for await (const chunk of fileChunks(input.file, input.display)) {
    if (transform === undefined) splitter.push(chunk);
    else for (const piece of transform.push(chunk)) splitter.push(piece);
  }
  if (transform !== undefined) for (const piece of transform.end()) splitter.push(piece);
  splitter.end();
  store.finish();
  return scan;
}

import type { LineFormat } from "../readers/format.js";
import { normalisePathKey } from "../readers/path.js";
import { rowOfLine, type LineReader, type RereadLine } from "../io/source.js";
import type { LineMarks } from "../io/line-marks.js";
import { Row, TokenKind, tokenValues, type Token } from "../readers/row.js";
import { readUnseparated } from "../readers/unseparated.js";
import { heldOne } from "../io/limits.js";
import type { DuplicateFinding } from "../types.js";
import type { DuplicateIndex } from "./duplicate-index.js";

export type { LineReader, RereadLine } from "../io/source.js";

/** Duplicate pairs confirmed together, their lines re-read in one pass. */
const CONFIRM_BATCH = 1 << 17;

/** Past this many classes, conflicting copies of sparse rows are not offered a merge: its fix would spell out C values per copy. */
export const MAX_MERGE_CLASSES = 100_000;

/**
 * A re-read line as the confirmation compares it. Its text, its label field's
 * text and where that field is are read from `bytes` only when needed (a finding
 * listed, a row without clean values): most copies of a list written twice are
 * only counted.
 */
interface Parsed {
  key: string;
  /** The path as written on the line. */
  written: string;
  /** The row's values (-1 kept) when it is a clean C-value row, else null (a row of 0s and 1s is its bits, copied). */
  values: ArrayLike<number> | null;
  /** A sparse line's positive classes, ascending (its values are then null: they are not spelt out). */
  ones: Uint32Array | null;
  row: number;
  /** The line's bytes, and where its label field is in them. */
  bytes: Buffer;
  labelsStart: number;
  labelsEnd: number;
}

/** The label field's text, trimmed: rows without clean values are the same when it is. */
function labelsText(p: Parsed): string {
  return p.bytes.toString("utf8", p.labelsStart, p.labelsEnd).trim();
}

/** Where the label field is on the line, in characters (the byte offsets while the line is ASCII up to them). */
function labelsSpan(p: Parsed): [number, number] {
  const { bytes, labelsStart, labelsEnd } = p;
  let ascii = 0;
  while (ascii < labelsEnd && bytes[ascii]! < 0x80) ascii++;
  const chars = (at: number): number => (at <= ascii ? at : bytes.toString("utf8", 0, at).length);
  return [chars(labelsStart), chars(labelsEnd)];
}

/** The row every re-read line is parsed into: a Row holds 4 KB of buffers, too many to make per line when most lines are copies. */
const parseRow = new Row();
/** The row an unseparated line's labels are read into (`path 0,1,0`). */
const scratch = new Row();

function parseLine(format: LineFormat, line: number, data: RereadLine, numClasses: number, headerLine: number): Parsed {
  const row = parseRow;
  row.reset(data.bytes, 0, data.bytes.length, line);
  let tokens: Token[] = [];
  // Parsed without tokens first: a sparse line (an index list's) is compared by its positive classes, never
  // spelt out as C values, and a row of C canonical 0s and 1s is its bits. Any other row is parsed again with them.
  format.parse(row, null);
  const ones = row.sparse && row.k === numClasses ? row.ones.slice(0, row.numOnes) : null;
  let binary: Uint8Array | undefined;
  if (!row.sparse) {
    const counts = row.kindCounts;
    if (row.hasSeparator && row.k === numClasses && counts[TokenKind.Zero]! + counts[TokenKind.One]! === row.k) binary = row.bits.slice(0, row.k);
    else {
      row.reset(data.bytes, 0, data.bytes.length, line);
      format.parse(row, tokens);
    }
  }
  let pathEnd = row.pathEnd;
  let labelsStart = row.labelsStart;
  let labelsEnd = row.labelsEnd;
  let k = row.k;
  if (!row.hasSeparator) {
    // `path 0,1,0`: read the way missing-separator's fix will write it.
    const split = readUnseparated(row, scratch, (tokens = []));
    if (split !== undefined) {
      pathEnd = split.runStart;
      labelsStart = tokens[0]?.start ?? row.end;
      labelsEnd = row.end;
      k = scratch.k;
    }
  }
  const path = data.bytes.toString("utf8", row.pathStart, pathEnd);
  const values = k === numClasses && !row.sparse ? (binary ?? tokenValues(tokens)) : undefined;
  return {
    key: normalisePathKey(path),
    written: path,
    values: values ?? null,
    ones,
    row: rowOfLine(line, data, headerLine),
    bytes: data.bytes,
    labelsStart,
    labelsEnd,
  };
}

/** Both rows are clean: the same values, or (sparse rows) the same positive classes. */
function sameRow(a: Parsed, b: Parsed): boolean | undefined {
  if (a.values !== null && b.values !== null) return sameValues(a.values, b.values);
  if (a.ones !== null && b.ones !== null) return sameValues(a.ones, b.ones);
  return undefined;
}

function sameValues(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Bytes for {@link valuesText}: a merged row's text is written once, not joined from a string per value. */
let textBytes = Buffer.alloc(0);

/** 0/1 values joined by `separator`, as `Array.from(values).join(separator)` writes them. */
function valuesText(values: Uint8Array, separator: string): string {
  const sep = separator.charCodeAt(0);
  if (separator.length !== 1 || sep >= 0x80) return Array.from(values).join(separator);
  const length = 2 * values.length - 1;
  if (textBytes.length < length) textBytes = Buffer.alloc(Math.max(length, 2 * textBytes.length));
  for (let i = 0; i < values.length; i++) {
    if (i > 0) textBytes[2 * i - 1] = sep;
    const v = values[i]!;
    if (v > 1) return Array.from(values).join(separator);
    textBytes[2 * i] = 0x30 + v;
  }
  return values.length === 0 ? "" : textBytes.toString("latin1", 0, length);
}

function hasMinusOne(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] === -1) return true;
  return false;
}

/**
 * Gives every conflicting copy of one image the same merge: the OR of the
 * first copy and all conflicting copies, so the edits to the first line agree.
 * No merge when a copy is malformed or holds -1 (OR is not defined for it).
 * Built as the copies are compared, so a copy is not held until the end.
 */
class Merges {
  /** Per first line: its conflicting copies' findings and the OR so far (a sparse row's positives, or C values), null when there is none. */
  private readonly groups = new Map<number, { merged: Set<number> | Uint8Array | null; findings: DuplicateFinding[] }>();

  constructor(
    private readonly format: LineFormat,
    private readonly numClasses: number,
  ) {}

  /** A conflicting copy `later` of `first` (its finding). */
  add(finding: DuplicateFinding, first: Parsed, later: Parsed): void {
    let group = this.groups.get(finding.firstLine);
    if (group === undefined) {
      group = { merged: this.start(first), findings: [] };
      this.groups.set(finding.firstLine, group);
    }
    group.findings.push(finding);
    if (group.merged !== null && !this.or(group.merged, later)) group.merged = null;
  }

  /** The first copy as the start of its group's merge, or null when the group cannot have one. */
  private start(first: Parsed): Set<number> | Uint8Array | null {
    if (first.ones !== null) return this.numClasses > MAX_MERGE_CLASSES ? null : new Set(first.ones);
    if (first.values === null || hasMinusOne(first.values)) return null;
    return Uint8Array.from(first.values);
  }

  /** ORs `copy` into `merged`; false when it is not the same kind of clean row as the first copy. */
  private or(merged: Set<number> | Uint8Array, copy: Parsed): boolean {
    if (merged instanceof Set) {
      if (copy.ones === null) return false;
      for (const i of copy.ones) merged.add(i);
      return true;
    }
    const values = copy.values;
    if (values === null || hasMinusOne(values) || values.length !== merged.length) return false;
    for (let i = 0; i < values.length; i++) if (values[i] === 1) merged[i] = 1;
    return true;
  }

  /** Sets the merged labels on every finding of a group that has a merge. */
  finish(): void {
    for (const { merged, findings } of this.groups.values()) {
      if (merged === null) continue;
      let values = merged;
      if (values instanceof Set) {
        const dense = new Uint8Array(this.numClasses);
        for (const i of values) dense[i] = 1;
        values = dense;
      }
      const text = valuesText(values, this.format.valueSeparator);
      for (const f of findings) f.mergedLabels = text;
    }
  }
}

/** Where `line` is in the first `count` (ascending) of `lines`: it is there. */
function slotOf(lines: Uint32Array, count: number, line: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lines[mid]! < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many findings of each kind the rules can list (each rule's cap; 0 for a rule that is off). */
export interface ListableDuplicates {
  /** duplicate-path's: copies with the same labels. */
  same: number;
  /** conflicting-duplicate's: copies with other labels. */
  conflict: number;
}

const NO_SPAN: [number, number] = [0, 0];

/**
 * Turns hash candidates into findings by comparing the real lines: the same
 * normalised path, then the same labels (by value when both rows are clean
 * multi-hot rows, by text otherwise). A hash collision yields nothing.
 * Past `listable` of a kind, a finding is only counted by its rule, so it
 * holds no text (see {@link DuplicateFinding}): `--max-problems-per-rule`
 * then bounds what a list written twice holds, not only what it lists.
 */
export async function confirmDuplicates(
  index: DuplicateIndex,
  reader: LineReader,
  format: LineFormat,
  numClasses: number,
  headerLine = 0,
  marks?: LineMarks,
  listable: ListableDuplicates = { same: Number.POSITIVE_INFINITY, conflict: Number.POSITIVE_INFINITY },
): Promise<DuplicateFinding[]> {
  const findings: DuplicateFinding[] = [];
  let same = 0;
  let conflicts = 0;
  const merges = new Merges(format, numClasses);
  // The pairs are confirmed a batch at a time, each batch's lines re-read together: a list written twice has a
  // pair per row, and its lines all held at once would be the file again in memory, many times its size.
  const batch = new Uint32Array(2 * CONFIRM_BATCH);
  let size = 0;
  const confirmBatch = async (): Promise<void> => {
    // The batch's lines, each once and ascending (a typed array sorts by value), and how many of the batch's pairs
    // each is in: a parsed line is let go after its last.
    const ends = batch.subarray(0, 2 * size);
    const wanted = ends.slice().sort();
    let count = 0;
    for (let i = 0; i < wanted.length; i++) if (i === 0 || wanted[i] !== wanted[count - 1]) wanted[count++] = wanted[i]!;
    const slots = new Uint32Array(ends.length);
    const uses = new Uint32Array(count);
    for (let i = 0; i < ends.length; i++) {
      const slot = slotOf(wanted, count, ends[i]!);
      slots[i] = slot;
      uses[slot]!++;
    }
    const numbers = new Array<number>(count);
    for (let i = 0; i < count; i++) numbers[i] = wanted[i]!;
    const lines = await reader(numbers, marks);
    const parsed = new Array<Parsed | undefined>(count);
    const get = (slot: number): Parsed | undefined => {
      let p = parsed[slot];
      if (p === undefined) {
        const line = wanted[slot]!;
        const data = lines.get(line);
        if (data === undefined) return undefined;
        p = parseLine(format, line, data, numClasses, headerLine);
        parsed[slot] = p;
        lines.delete(line);
      }
      return p;
    };
    const release = (slot: number): void => {
      if (--uses[slot]! === 0) parsed[slot] = undefined;
    };
    for (let i = 0; i < size; i++) {
      const later = batch[2 * i]!;
      const first = batch[2 * i + 1]!;
      const a = get(slots[2 * i + 1]!);
      const b = get(slots[2 * i]!);
      release(slots[2 * i + 1]!);
      release(slots[2 * i]!);
      if (a === undefined || b === undefined || a.key !== b.key) continue;
      const sameLabels = sameRow(a, b) ?? labelsText(a) === labelsText(b);
      const listed = sameLabels ? same++ < listable.same : conflicts++ < listable.conflict;
      const finding: DuplicateFinding = listed
        ? {
            line: later,
            row: b.row,
            firstLine: first,
            firstRow: a.row,
            path: b.written,
            ...(a.written !== b.written ? { firstPath: a.written } : {}),
            sameLabels,
            source: b.bytes.toString("utf8"),
            firstSource: a.bytes.toString("utf8"),
            firstLabels: labelsSpan(a),
          }
        : { line: later, row: b.row, firstLine: first, firstRow: a.row, path: "", sameLabels, source: "", firstSource: "", firstLabels: NO_SPAN };
      findings.push(finding);
      heldOne();
      if (!sameLabels) merges.add(finding, a, b);
    }
    size = 0;
  };
  for (const [later, first] of index.pairsInOrder()) {
    batch[2 * size] = later;
    batch[2 * size + 1] = first;
    if (++size === CONFIRM_BATCH) await confirmBatch();
  }
  if (size > 0) await confirmBatch();
  merges.finish();
  return findings;
}

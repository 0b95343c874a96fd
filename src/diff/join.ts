import { RAW_LABELS, RECORD_HEADER } from "./buckets.js";
import type { DiffChange, DiffCounts, DiffDuplicate } from "./types.js";

/** Lines of the new file listed per duplicate introduced. */
const DUPLICATE_LINES = 5;

/** Keeps the first `max` items by key, however many are offered (memory: at most 2 × max). */
class FirstByLine<T> {
  private items: { key: number; item: T }[] = [];
  total = 0;

  constructor(private readonly max: number) {}

  offer(key: number, make: () => T): void {
    this.total++;
    if (this.max === 0) return;
    this.items.push({ key, item: make() });
    if (this.items.length >= 2 * this.max && Number.isFinite(this.max)) this.trim();
  }

  private trim(): void {
    this.items.sort((a, b) => a.key - b.key);
    if (this.items.length > this.max) this.items.length = this.max;
  }

  list(): T[] {
    this.trim();
    return this.items.map((i) => i.item);
  }
}

function offsetsOf(buf: Buffer): Int32Array {
  let count = 0;
  for (let at = 0; at < buf.length; count++) at += RECORD_HEADER + buf.readUInt32LE(at + 16) + ((buf.readUInt32LE(at + 20) & ~RAW_LABELS) >>> 0);
  const offsets = new Int32Array(count);
  for (let at = 0, i = 0; i < count; i++) {
    offsets[i] = at;
    at += RECORD_HEADER + buf.readUInt32LE(at + 16) + ((buf.readUInt32LE(at + 20) & ~RAW_LABELS) >>> 0);
  }
  return offsets;
}

/** A record of the bucket being joined: its buffer, where it starts, and how to map its line to the original input. */
interface Ref {
  buf: Buffer;
  at: number;
  lineOf: (line: number) => number;
}

/**
 * The join's running totals over all buckets: counts, per-class gains and
 * losses, duplicates introduced, and the first changed rows of each kind.
 */
export class DiffJoin {
  readonly counts: DiffCounts = { added: 0, removed: 0, relabelled: 0, unchanged: 0 };
  readonly gained: Float64Array;
  readonly lost: Float64Array;
  readonly inAdded: Float64Array;
  readonly inRemoved: Float64Array;
  readonly duplicates: FirstByLine<DiffDuplicate>;
  duplicateRows = 0;
  private readonly relabelled: FirstByLine<DiffChange>;
  private readonly added: FirstByLine<DiffChange>;
  private readonly removed: FirstByLine<DiffChange>;

  constructor(classes: number, maxRows: number) {
    this.gained = new Float64Array(classes);
    this.lost = new Float64Array(classes);
    this.inAdded = new Float64Array(classes);
    this.inRemoved = new Float64Array(classes);
    this.duplicates = new FirstByLine(maxRows);
    this.relabelled = new FirstByLine(maxRows);
    this.added = new FirstByLine(maxRows);
    this.removed = new FirstByLine(maxRows);
  }

  /** Changed rows listed: relabelled, added (by new line), removed (by old line). */
  changes(): DiffChange[] {
    return [...this.relabelled.list(), ...this.added.list(), ...this.removed.list()];
  }

  /**
   * Joins one bucket of each file. Records are grouped by the 64-bit hash of
   * their path; within a group the paths themselves are compared, so a hash
   * match alone never pairs two rows; {@link joinPath} pairs the rows of one path.
   * Memory: the two buckets and about 20 bytes per record.
   */
  joinBucket(oldBuf: Buffer, newBuf: Buffer, oldLineOf: (line: number) => number, newLineOf: (line: number) => number): void {
    const oldOffsets = offsetsOf(oldBuf);
    const newOffsets = offsetsOf(newBuf);
    const oldCount = oldOffsets.length;
    const total = oldCount + newOffsets.length;
    if (total === 0) return;
    const bufOf = (i: number): Buffer => (i < oldCount ? oldBuf : newBuf);
    const atOf = (i: number): number => (i < oldCount ? oldOffsets[i]! : newOffsets[i - oldCount]!);
    // Open addressing from (hi, lo) to a group; a group's records then listed in order, old before new.
    let capacity = 1;
    while (capacity < 2 * total) capacity <<= 1;
    const slots = new Int32Array(capacity).fill(-1);
    const groupHi = new Uint32Array(total);
    const groupLo = new Uint32Array(total);
    const groupOf = new Int32Array(total);
    let groups = 0;
    for (let i = 0; i < total; i++) {
      const buf = bufOf(i);
      const at = atOf(i);
      const hi = buf.readUInt32LE(at);
      const lo = buf.readUInt32LE(at + 4);
      let slot = (Math.imul(lo, 0x9e3779b1) >>> 0) & (capacity - 1);
      for (;;) {
        const g = slots[slot]!;
        if (g === -1) {
          slots[slot] = groups;
          groupHi[groups] = hi;
          groupLo[groups] = lo;
          groupOf[i] = groups++;
          break;
        }
        if (groupHi[g] === hi && groupLo[g] === lo) {
          groupOf[i] = g;
          break;
        }
        slot = (slot + 1) & (capacity - 1);
      }
    }
    const starts = new Int32Array(groups + 1);
    for (let i = 0; i < total; i++) starts[groupOf[i]! + 1]!++;
    for (let g = 0; g < groups; g++) starts[g + 1]! += starts[g]!;
    const members = new Int32Array(total);
    const fill = starts.slice(0, groups);
    for (let i = 0; i < total; i++) members[fill[groupOf[i]!]!++] = i;

    const ref = (i: number): Ref => ({ buf: bufOf(i), at: atOf(i), lineOf: i < oldCount ? oldLineOf : newLineOf });
    for (let g = 0; g < groups; g++) {
      const s = starts[g]!;
      const size = starts[g + 1]! - s;
      const first = members[s]!;
      // The common cases without allocating: a row in one file only, or one row in each with the same path.
      if (size === 1) {
        if (first < oldCount) this.removedRow(ref(first));
        else this.addedRow(ref(first));
        continue;
      }
      const second = members[s + 1]!;
      if (size === 2 && first < oldCount && second >= oldCount && sameKey(oldBuf, atOf(first), newBuf, atOf(second))) {
        if (sameLabels(oldBuf, atOf(first), newBuf, atOf(second))) this.counts.unchanged++;
        else this.relabelledRow(ref(first), ref(second));
        continue;
      }
      // Several rows: split by the paths themselves (a hash collision is two paths in one group).
      // Keyed by the path's bytes, so a path listed many times costs its copies, not their square.
      const byPath = new Map<string, number[]>();
      for (let k = s; k < s + size; k++) {
        const m = members[k]!;
        const buf = bufOf(m);
        const at = atOf(m);
        const key = buf.toString("latin1", at + RECORD_HEADER, at + RECORD_HEADER + buf.readUInt32LE(at + 16));
        const same = byPath.get(key);
        if (same === undefined) byPath.set(key, [m]);
        else same.push(m);
      }
      for (const same of byPath.values()) this.joinPath(same.filter((m) => m < oldCount).map(ref), same.filter((m) => m >= oldCount).map(ref));
    }
  }

  /**
   * The rows of one path in each file, in file order. A copy is first paired
   * with a copy of the same labels on the other side (the earliest not yet
   * paired), so a copy added with other labels before the old one is an added
   * row, not a relabelling and an added copy of the old labels; the copies left
   * then pair in file order, and the rest are added or removed.
   */
  private joinPath(olds: Ref[], news: Ref[]): void {
    const pairedOld = new Uint8Array(olds.length);
    const pairedNew = new Uint8Array(news.length);
    const byLabels = new Map<string, { rows: number[]; next: number }>();
    olds.forEach((o, i) => {
      const key = labelKey(o);
      const queue = byLabels.get(key);
      if (queue === undefined) byLabels.set(key, { rows: [i], next: 0 });
      else queue.rows.push(i);
    });
    news.forEach((n, j) => {
      const queue = byLabels.get(labelKey(n));
      if (queue === undefined || queue.next === queue.rows.length) return;
      pairedOld[queue.rows[queue.next++]!] = 1;
      pairedNew[j] = 1;
      this.counts.unchanged++;
    });
    const restOld = olds.filter((_, i) => pairedOld[i] === 0);
    const restNew = news.filter((_, j) => pairedNew[j] === 0);
    const pairs = Math.min(restOld.length, restNew.length);
    for (let i = 0; i < pairs; i++) this.relabelledRow(restOld[i]!, restNew[i]!);
    for (const n of restNew.slice(pairs)) this.addedRow(n);
    for (const o of restOld.slice(pairs)) this.removedRow(o);
    if (news.length >= 2 && olds.length <= 1) {
      this.duplicateRows += news.length - 1;
      const first = news[0]!;
      this.duplicates.offer(lineOf(first), () => ({
        path: keyOf(first.buf, first.at),
        newCount: news.length,
        oldCount: olds.length,
        newLines: news.slice(0, DUPLICATE_LINES).map(lineOf),
      }));
    }
  }

  private relabelledRow(o: Ref, n: Ref): void {
    this.counts.relabelled++;
    const before = classesOf(o.buf, o.at) ?? [];
    const after = classesOf(n.buf, n.at) ?? [];
    const gained = after.filter((c) => !before.includes(c));
    const lost = before.filter((c) => !after.includes(c));
    for (const c of gained) this.gained[c]!++;
    for (const c of lost) this.lost[c]!++;
    this.relabelled.offer(lineOf(n), () => ({ ...change("relabelled", o, n), gained, lost }));
  }

  private addedRow(n: Ref): void {
    this.counts.added++;
    for (const c of classesOf(n.buf, n.at) ?? []) this.inAdded[c]!++;
    this.added.offer(lineOf(n), () => change("added", undefined, n));
  }

  private removedRow(o: Ref): void {
    this.counts.removed++;
    for (const c of classesOf(o.buf, o.at) ?? []) this.inRemoved[c]!++;
    this.removed.offer(lineOf(o), () => change("removed", o, undefined));
  }
}

const lineOf = (m: Ref): number => m.lineOf(m.buf.readUInt32LE(m.at + 8));

function sameKey(a: Buffer, at: number, b: Buffer, bt: number): boolean {
  const length = a.readUInt32LE(at + 16);
  if (length !== b.readUInt32LE(bt + 16)) return false;
  return a.compare(b, bt + RECORD_HEADER, bt + RECORD_HEADER + length, at + RECORD_HEADER, at + RECORD_HEADER + length) === 0;
}

function sameLabels(a: Buffer, at: number, b: Buffer, bt: number): boolean {
  const word = a.readUInt32LE(at + 20);
  if (word !== b.readUInt32LE(bt + 20)) return false;
  const length = (word & ~RAW_LABELS) >>> 0;
  const aStart = at + RECORD_HEADER + a.readUInt32LE(at + 16);
  const bStart = bt + RECORD_HEADER + b.readUInt32LE(bt + 16);
  return a.compare(b, bStart, bStart + length, aStart, aStart + length) === 0;
}

function keyOf(buf: Buffer, at: number): string {
  return buf.toString("utf8", at + RECORD_HEADER, at + RECORD_HEADER + buf.readUInt32LE(at + 16));
}

/** The row's positive comparison classes, or undefined when its labels are text. */
function classesOf(buf: Buffer, at: number): number[] | undefined {
  const word = buf.readUInt32LE(at + 20);
  if ((word & RAW_LABELS) !== 0) return undefined;
  const start = at + RECORD_HEADER + buf.readUInt32LE(at + 16);
  const out: number[] = [];
  for (let p = start; p < start + word; p += 4) out.push(buf.readUInt32LE(p));
  return out;
}

/** A row's label bytes as a map key: equal exactly when {@link sameLabels} holds (the word carries the kind and length). */
function labelKey(r: Ref): string {
  const word = r.buf.readUInt32LE(r.at + 20);
  const start = r.at + RECORD_HEADER + r.buf.readUInt32LE(r.at + 16);
  return `${word}:${r.buf.toString("latin1", start, start + ((word & ~RAW_LABELS) >>> 0))}`;
}

function labelText(buf: Buffer, at: number): string {
  const word = buf.readUInt32LE(at + 20);
  const start = at + RECORD_HEADER + buf.readUInt32LE(at + 16);
  return buf.toString("utf8", start, start + ((word & ~RAW_LABELS) >>> 0));
}

function change(kind: DiffChange["kind"], o: Ref | undefined, n: Ref | undefined): DiffChange {
  const some = (n ?? o)!;
  const out: DiffChange = { kind, path: keyOf(some.buf, some.at) };
  if (o !== undefined) {
    out.oldLine = lineOf(o);
    const classes = classesOf(o.buf, o.at);
    if (classes !== undefined) out.old = classes;
    else out.oldText = labelText(o.buf, o.at);
  }
  if (n !== undefined) {
    out.newLine = lineOf(n);
    const classes = classesOf(n.buf, n.at);
    if (classes !== undefined) out.new = classes;
    else out.newText = labelText(n.buf, n.at);
  }
  return out;
}

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
   * match alone never pairs two rows. The i-th row of a path in the old file
   * pairs with its i-th row in the new one; the rest are added or removed.
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
      let list = Array.from(members.subarray(s, s + size));
      while (list.length > 0) {
        const a = list[0]!;
        const same = list.filter((m) => sameKey(bufOf(a), atOf(a), bufOf(m), atOf(m)));
        this.joinPath(same.filter((m) => m < oldCount).map(ref), same.filter((m) => m >= oldCount).map(ref));
        list = list.filter((m) => !same.includes(m));
      }
    }
  }

  /** The rows of one path in each file, in file order. */
  private joinPath(olds: Ref[], news: Ref[]): void {
    const pairs = Math.min(olds.length, news.length);
    for (let i = 0; i < pairs; i++) {
      const o = olds[i]!;
      const n = news[i]!;
      if (sameLabels(o.buf, o.at, n.buf, n.at)) this.counts.unchanged++;
      else this.relabelledRow(o, n);
    }
    for (const n of news.slice(pairs)) this.addedRow(n);
    for (const o of olds.slice(pairs)) this.removedRow(o);
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

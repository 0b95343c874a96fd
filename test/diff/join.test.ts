import { describe, expect, it } from "vitest";
import { RAW_LABELS, RECORD_HEADER } from "../../src/diff/buckets.js";
import { DiffJoin } from "../../src/diff/join.js";

/** A bucket's records built by hand, so two different paths can share a hash. */
function bucket(records: { hash: [number, number]; line: number; path: string; classes?: number[]; text?: string }[]): Buffer {
  const parts = records.map((r, seq) => {
    const key = Buffer.from(r.path);
    const labels = r.classes !== undefined ? Buffer.alloc(4 * r.classes.length) : Buffer.from(r.text ?? "");
    r.classes?.forEach((c, i) => labels.writeUInt32LE(c, 4 * i));
    const head = Buffer.alloc(RECORD_HEADER);
    head.writeUInt32LE(r.hash[0], 0);
    head.writeUInt32LE(r.hash[1], 4);
    head.writeUInt32LE(r.line, 8);
    head.writeUInt32LE(seq, 12);
    head.writeUInt32LE(key.length, 16);
    head.writeUInt32LE(r.classes !== undefined ? labels.length : (labels.length | RAW_LABELS) >>> 0, 20);
    return Buffer.concat([head, key, labels]);
  });
  return Buffer.concat(parts);
}

const same = (line: number): number => line;

describe("DiffJoin", () => {
  it("never pairs two rows on a hash match alone: different paths with one hash are a removal and an addition", () => {
    const join = new DiffJoin(2, Number.POSITIVE_INFINITY);
    join.joinBucket(bucket([{ hash: [7, 9], line: 1, path: "a.jpg", classes: [0] }]), bucket([{ hash: [7, 9], line: 1, path: "b.jpg", classes: [0] }]), same, same);
    expect(join.counts).toEqual({ added: 1, removed: 1, relabelled: 0, unchanged: 0 });
    expect(join.changes().map((c) => [c.kind, c.path])).toEqual([
      ["added", "b.jpg"],
      ["removed", "a.jpg"],
    ]);
  });

  it("sorts a collision group with repeats by path, pairing each path's copies in order", () => {
    const join = new DiffJoin(2, Number.POSITIVE_INFINITY);
    const before = bucket([
      { hash: [1, 1], line: 1, path: "a.jpg", classes: [0] },
      { hash: [1, 1], line: 2, path: "b.jpg", classes: [1] },
      { hash: [1, 1], line: 3, path: "a.jpg", classes: [0, 1] },
    ]);
    const after = bucket([
      { hash: [1, 1], line: 1, path: "b.jpg", classes: [1] },
      { hash: [1, 1], line: 2, path: "a.jpg", classes: [0] },
      { hash: [1, 1], line: 3, path: "a.jpg", classes: [1] },
    ]);
    join.joinBucket(before, after, same, same);
    expect(join.counts).toEqual({ added: 0, removed: 0, relabelled: 1, unchanged: 2 });
    expect(join.changes()).toEqual([{ kind: "relabelled", path: "a.jpg", oldLine: 3, newLine: 3, old: [0, 1], new: [1], gained: [], lost: [0] }]);
    expect(Array.from(join.lost)).toEqual([1, 0]);
  });

  it("compares text labels byte for byte, and a text label against classes is a relabel with no class counted", () => {
    const join = new DiffJoin(2, Number.POSITIVE_INFINITY);
    join.joinBucket(
      bucket([
        { hash: [1, 2], line: 1, path: "a.jpg", text: "1,2" },
        { hash: [3, 4], line: 2, path: "b.jpg", text: "x" },
      ]),
      bucket([
        { hash: [1, 2], line: 1, path: "a.jpg", text: "1,2" },
        { hash: [3, 4], line: 2, path: "b.jpg", classes: [1] },
      ]),
      same,
      same,
    );
    expect(join.counts).toEqual({ added: 0, removed: 0, relabelled: 1, unchanged: 1 });
    expect(join.changes()[0]).toMatchObject({ path: "b.jpg", oldText: "x", new: [1], gained: [1], lost: [] });
  });

  it("maps lines through each file's line map (a record format's canonical lines to its own)", () => {
    const join = new DiffJoin(1, Number.POSITIVE_INFINITY);
    join.joinBucket(Buffer.alloc(0), bucket([{ hash: [5, 5], line: 3, path: "c.jpg", classes: [] }]), same, (line) => line + 1);
    expect(join.changes()).toEqual([{ kind: "added", path: "c.jpg", newLine: 4, new: [] }]);
  });
});

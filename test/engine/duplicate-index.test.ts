import { describe, expect, it } from "vitest";
import { DuplicateIndex } from "../../src/engine/duplicate-index.js";
import { confirmDuplicates } from "../../src/engine/duplicates.js";
import { paddleclas } from "../../src/readers/paddleclas.js";

describe("duplicate index", () => {
  it("stays within 16 bytes per row when sized from an estimate", () => {
    const rows = 200_000;
    const index = new DuplicateIndex(rows);
    for (let line = 1; line <= rows; line++) index.add(Math.imul(line, 0x9e3779b1) >>> 0, Math.imul(line ^ (line >>> 7), 0x85ebca6b) >>> 0, line);
    expect(index.bytes / rows).toBeLessThanOrEqual(16);
    expect(index.candidates).toBe(0);
  });

  it("grows when the estimate was too low and still finds every repeat", () => {
    const index = new DuplicateIndex(10);
    for (let line = 1; line <= 5000; line++) index.add(line % 2500, 7, line);
    expect(index.candidates).toBe(2500);
    expect([...index.pairsInOrder()][0]).toEqual([2501, 1]);
  });

  it("reports nothing for a hash collision between different paths: candidates are confirmed on the bytes", async () => {
    const index = new DuplicateIndex(10);
    index.add(42, 42, 1);
    index.add(42, 42, 2); // same hash, different path below
    index.add(42, 42, 3); // same hash, same path as line 1
    const lines = new Map([
      [1, { bytes: Buffer.from("a.jpg\t0,1"), nonBlankBefore: 0 }],
      [2, { bytes: Buffer.from("b.jpg\t0,1"), nonBlankBefore: 1 }],
      [3, { bytes: Buffer.from("./a.jpg\t1,0"), nonBlankBefore: 2 }],
    ]);
    const findings = await confirmDuplicates(index, async () => lines, paddleclas, 2);
    expect(findings.map((f) => [f.line, f.firstLine, f.sameLabels])).toEqual([[3, 1, false]]);
    expect(findings[0]!.mergedLabels).toBe("1,1");
  });
});

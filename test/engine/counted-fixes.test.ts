import { describe, expect, it } from "vitest";
import { lintText } from "../../src/engine/lint.js";

// Row rules whose fix is made only for a finding that is listed (a function in the report):
// past the listing cap a finding is counted, and the fix it would have is counted by its
// rule's declared applicability. Listed findings, counts and fixable counts must be what a
// run that lists every finding gives.
const QUIET = { "rare-class": "off", "class-without-positives": "off", "class-always-positive": "off", "empty-labelset": "off", "full-labelset": "off" } as const;

const cases: { rule: string; line: (i: number) => string; options?: Record<string, unknown> }[] = [
  { rule: "non-canonical-value", line: (i) => `img/${i}.jpg\t${i % 2}.0,1.0,0.0` },
  { rule: "inconsistent-separator", line: (i) => `img/${i}.jpg\t${i % 2}, 1, 0` },
  { rule: "nested-labels", line: (i) => `img/${i}.jpg\t[${i % 2},1,0]` },
  { rule: "index-labels", line: (i) => (i % 3 === 0 ? `img/${i}.jpg\t0,2` : `img/${i}.jpg\t${i % 2},1,0`), options: { numClasses: 3 } },
  { rule: "missing-separator", line: (i) => (i % 3 === 0 ? `img/${i}.jpg ${i % 2},1,0` : `img/${i}.jpg\t${i % 2},1,0`) },
];

describe("fixes of findings past the listing cap", () => {
  for (const { rule, line, options = {} } of cases) {
    it(`${rule}: the listed findings and their fixes, and the counts, are those of a run that lists them all`, async () => {
      const text = `${Array.from({ length: 30 }, (_, i) => line(i)).join("\n")}\n`;
      const base = { format: "paddleclas" as const, numClasses: 3, rules: QUIET, ...options };
      const all = await lintText(text, base, "train.txt");
      const capped = await lintText(text, { ...base, maxProblemsPerRule: 2 }, "train.txt");
      const mine = (r: typeof all) => r.problems.filter((p) => p.rule === rule);
      expect(mine(all).length).toBeGreaterThan(2);
      expect(mine(all).every((p) => p.fix !== undefined && p.fix.edits.length > 0)).toBe(true);
      // The first two, fix and all, as listed when nothing is capped.
      expect(mine(capped)).toEqual(mine(all).slice(0, 2));
      expect(capped.counts).toEqual(all.counts);
      expect(capped.fixable).toEqual(all.fixable);
      expect(capped.fixable.safe + capped.fixable.unsafe).toBeGreaterThanOrEqual(mine(all).length);
    });
  }
});

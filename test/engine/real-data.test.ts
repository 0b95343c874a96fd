import { describe, expect, it } from "vitest";
import { lintFile } from "../../src/engine/lint.js";
import { HAS_SHARED, realFile, sharedTitle } from "../shared.js";

// Facts measured on the files themselves (see ../shared/data/real/SOURCES.md).
const FILES = [
  { name: "hashnet_nuswide81_test.txt", C: 81, rows: 5000, emptyRows: 1131, withoutPositives: [19, 36], ones: 9327 },
  { name: "deephash_nuswide21_test.txt", C: 21, rows: 2100, emptyRows: 0, withoutPositives: [], ones: 6962 },
  { name: "deephash_mirflickr25k_test.txt", C: 38, rows: 1000, emptyRows: 19, withoutPositives: [], ones: 4613 },
  { name: "deephash_voc2012_test.txt", C: 20, rows: 1000, emptyRows: 0, withoutPositives: [], ones: 1471 },
];

describe.skipIf(!HAS_SHARED)(sharedTitle("real label files"), () => {
  it.each(FILES)("$name: spaced, C=$C inferred, $rows rows, $emptyRows empty rows", async (f) => {
    const r = await lintFile(realFile(f.name));
    expect(r.format).toBe("spaced");
    expect(r.numClasses).toBe(f.C);
    expect(r.numClassesSource).toBe("inferred");
    expect(r.rows).toBe(f.rows);
    expect(r.shape).toMatchObject({ rows: f.rows, columns: f.C, binary: true, ok: true });
    expect(r.stats.emptyRows).toBe(f.emptyRows);
    expect(r.counts["empty-labelset"] ?? 0).toBe(f.emptyRows);
    expect(r.stats.positives.reduce((a, b) => a + b, 0)).toBe(f.ones);
    const missing = r.problems.filter((p) => p.rule === "class-without-positives").map((p) => p.classIndex);
    expect(missing).toEqual(f.withoutPositives);
    // Nothing structural is wrong with these files.
    for (const rule of ["label-count", "non-binary-value", "duplicate-path", "blank-line", "line-ending", "missing-separator"]) {
      expect(r.counts[rule], rule).toBeUndefined();
    }
  });

  it("checks the HashNet list as an eval split: classes without positives become warnings", async () => {
    const r = await lintFile(realFile("hashnet_nuswide81_test.txt"), { split: "eval" });
    expect(r.errorCount).toBe(0);
    expect(r.problems.filter((p) => p.rule === "class-without-positives").every((p) => p.severity === "warn")).toBe(true);
  });
});


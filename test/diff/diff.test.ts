import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { diff, joinPlan, type DiffOptions } from "../../src/diff/diff.js";
import type { DiffResult } from "../../src/diff/types.js";
import { formatDiffJson, formatDiffText } from "../../src/reporters/diff-text.js";
import { diffStepSummary } from "../../src/reporters/diff-github.js";
import { formatDiffHtml } from "../../src/reporters/diff-html.js";
import { fixture, HAS_SHARED, realFile, rejection, ROOT, sharedTitle } from "../shared.js";

const schema = JSON.parse(readFileSync(join(ROOT, "schemas", "diff-report.schema.json"), "utf8")) as object;
const validate = new Ajv({ allErrors: true }).compile(schema);

function expectValid(result: DiffResult): void {
  const ok = validate(JSON.parse(formatDiffJson(result)));
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(ok).toBe(true);
}

function folder(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "labellint-diff-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

async function diffTexts(before: string, after: string, options: DiffOptions = {}): Promise<DiffResult> {
  const dir = folder({ "old.txt": before, "new.txt": after });
  return diff(join(dir, "old.txt"), join(dir, "new.txt"), { displayPaths: ["old.txt", "new.txt"], ...options });
}

/** The tuples a diff's listing reduces to: `[kind, path, oldLine, newLine]`. */
const tuples = (r: DiffResult) => r.changes.map((c) => [c.kind, c.path, c.oldLine ?? null, c.newLine ?? null]);

/**
 * The bundled NUS-WIDE-SCENE train list and a copy with known edits: line 5
 * gains class 3, line 9 loses its first positive, line 20 is removed, two
 * rows are appended (one new image, one repeat of line 1).
 */
function editedSample(): { before: string; after: string; lines: string[]; edits: { gainedAt: string; lostAt: string; lostClass: number; removed: string; repeated: string } } {
  const before = readFileSync(fixture("nus-wide-scene", "train_list.txt"), "utf8");
  const lines = before.split("\n").slice(0, -1);
  const next = [...lines];
  const relabel = (i: number, edit: (values: string[]) => void): string => {
    const [path, labels] = next[i]!.split("\t");
    const values = labels!.split(",");
    edit(values);
    next[i] = `${path}\t${values.join(",")}`;
    return path!;
  };
  const gainedAt = relabel(4, (v) => (v[3] = "1"));
  expect(lines[4]!.split("\t")[1]!.split(",")[3]).toBe("0");
  let lostClass = -1;
  const lostAt = relabel(8, (v) => {
    lostClass = v.indexOf("1");
    v[lostClass] = "0";
  });
  const removed = next[19]!.split("\t")[0]!;
  next.splice(19, 1);
  next.push(`images/new/added_0001.jpg\t${new Array(33).fill(0).map((_, j) => (j === 7 ? 1 : 0)).join(",")}`);
  next.push(lines[0]!);
  return { before, after: `${next.join("\n")}\n`, lines, edits: { gainedAt, lostAt, lostClass, removed, repeated: lines[0]!.split("\t")[0]! } };
}

describe("diff", () => {
  it("reports exactly the edits made to a copy of a list: relabelled, added, removed, per-class gains and losses, a duplicate introduced", async () => {
    const { before, after, lines, edits } = editedSample();
    const r = await diffTexts(before, after);
    expect(r.counts).toEqual({ relabelled: 2, added: 2, removed: 1, unchanged: lines.length - 3 });
    expect(r.changed).toBe(true);
    expect(tuples(r)).toEqual([
      ["relabelled", edits.gainedAt, 5, 5],
      ["relabelled", edits.lostAt, 9, 9],
      ["added", "images/new/added_0001.jpg", null, lines.length],
      ["added", edits.repeated, null, lines.length + 1],
      ["removed", edits.removed, 20, null],
    ]);
    expect(r.changes[0]).toMatchObject({ gained: [3], lost: [] });
    expect(r.changes[1]).toMatchObject({ gained: [], lost: [edits.lostClass] });
    expect(r.duplicatesIntroduced).toEqual({ paths: 1, rows: 1, listed: [{ path: edits.repeated, newCount: 2, oldCount: 1, newLines: [1, lines.length + 1] }] });
    // Per class: the net change is exactly gains − losses + positives in added rows − positives in removed rows.
    for (const c of r.classes) expect(c.newPositives - c.oldPositives).toBe(c.gained - c.lost + c.inAddedRows - c.inRemovedRows);
    expect(r.classes[3]!.gained).toBe(1);
    expect(r.classes[edits.lostClass]!.lost).toBe(1);
    expect(r.classes.reduce((n, c) => n + c.gained, 0)).toBe(1);
    expect(r.classes.reduce((n, c) => n + c.lost, 0)).toBe(1);
    expect(r.classesAdded).toEqual([]);
    expect(r.classesRemoved).toEqual([]);
    expect(r.join.mode).toBe("memory");
    expectValid(r);
  });

  it("reports exactly the edits of the bundled example (scripts/make-diff-fixture.mjs), by class name", async () => {
    const r = await diff(fixture("nus-wide-scene", "eval_list.txt"), fixture("diff", "eval_list.v2.txt"), { classNames: readFileSync(fixture("nus-wide-scene", "label_list.txt"), "utf8").trim().split("\n").map((l) => l.split(" ")[1]!) });
    expect(r.counts).toEqual({ relabelled: 3, added: 3, removed: 3, unchanged: 294 });
    const name = (c: number) => r.classes[c]!.name;
    expect(r.changes.map((c) => [c.kind, c.oldLine ?? null, c.newLine ?? null, (c.gained ?? []).map(name), (c.lost ?? []).map(name)])).toEqual([
      ["relabelled", 1, 1, [], ["sky"]],
      ["relabelled", 12, 12, ["sunset"], []],
      ["relabelled", 77, 77, [], ["clouds"]],
      ["added", null, 298, [], []],
      ["added", null, 299, [], []],
      ["added", null, 300, [], []],
      ["removed", 150, null, [], []],
      ["removed", 151, null, [], []],
      ["removed", 152, null, [], []],
    ]);
    expect(r.duplicatesIntroduced).toMatchObject({ paths: 1, rows: 1, listed: [{ path: "images/2005_702294435.jpg", newLines: [5, 300] }] });
  });

  it("gives the same answer through the hash-partitioned files on disk as in memory", async () => {
    const { before, after } = editedSample();
    const inMemory = await diffTexts(before, after);
    const tmp = folder();
    const spilled = await diffTexts(before, after, { memoryLimit: 4096, tempDir: tmp });
    expect(spilled.join.mode).toBe("disk");
    expect(spilled.join.buckets).toBeGreaterThan(1);
    expect(spilled.join.spilledBytes).toBeGreaterThan(0);
    expect({ ...spilled, join: undefined }).toEqual({ ...inMemory, join: undefined });
    // The bucket files are gone afterwards.
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("finds no change between a file and itself, or a copy with CRLF, a BOM, ./ and \\ in paths, and no final newline", async () => {
    const before = "a.jpg\t1,0\nb/c.jpg\t0,1\nd.jpg\t1,1\n";
    const same = await diffTexts(before, before);
    expect(same.changed).toBe(false);
    expect(same.counts).toEqual({ relabelled: 0, added: 0, removed: 0, unchanged: 3 });
    expect(same.changes).toEqual([]);
    const respelled = await diffTexts(before, "\uFEFF./a.jpg\t1,0\r\nb\\c.jpg\t0,1\r\nd.jpg\t1,1", { numClasses: 2 });
    expect(respelled.changed).toBe(false);
    expect(respelled.counts.unchanged).toBe(3);
  });

  it("pairs a copy with one of the same labels first: a copy added with other labels before the old one is added, not a relabelling", async () => {
    const r = await diffTexts("x.jpg\t0,0,1\na.jpg\t1,0,0\n", "x.jpg\t0,0,1\na.jpg\t0,1,0\na.jpg\t1,0,0\n");
    expect(r.counts).toEqual({ relabelled: 0, added: 1, removed: 0, unchanged: 2 });
    expect(tuples(r)).toEqual([["added", "a.jpg", null, 2]]);
    expect(r.classes.map((c) => [c.gained, c.lost, c.inAddedRows])).toEqual([[0, 0, 0], [0, 0, 1], [0, 0, 0]]);
    // The copies left over pair in file order: two relabelled, whichever order they are in.
    const swapped = await diffTexts("a.jpg\t1,0,0\na.jpg\t0,1,0\na.jpg\t0,0,1\n", "a.jpg\t1,1,0\na.jpg\t0,0,1\na.jpg\t0,1,1\n");
    expect(swapped.counts).toEqual({ relabelled: 2, added: 0, removed: 0, unchanged: 1 });
    expect(tuples(swapped)).toEqual([
      ["relabelled", "a.jpg", 1, 1],
      ["relabelled", "a.jpg", 2, 3],
    ]);
  });

  it("pairs the i-th copy of a path with its i-th copy, and reports a duplicate only when it is new", async () => {
    const r = await diffTexts("a.jpg\t1,0\na.jpg\t1,0\nb.jpg\t0,1\n", "a.jpg\t1,0\na.jpg\t0,1\nb.jpg\t0,1\nb.jpg\t0,1\nb.jpg\t0,1\n");
    expect(r.counts).toEqual({ relabelled: 1, added: 2, removed: 0, unchanged: 2 });
    expect(tuples(r)).toEqual([
      ["relabelled", "a.jpg", 2, 2],
      ["added", "b.jpg", null, 4],
      ["added", "b.jpg", null, 5],
    ]);
    expect(r.duplicatesIntroduced.paths).toBe(1);
    expect(r.duplicatesIntroduced.listed[0]).toMatchObject({ path: "b.jpg", newCount: 3, oldCount: 1, newLines: [3, 4, 5] });
  });

  it("compares labels that do not read as C values of 0/1 as text, and leaves them out of the per-class counts", async () => {
    const r = await diffTexts("a.jpg\t1,0\nb.jpg\t1,2\nc.jpg\t0,1\n", "a.jpg\t1,0\nb.jpg\t1,3\nc.jpg\t0,1,1\n", { numClasses: 2 });
    expect(r.counts.relabelled).toBe(2);
    expect(r.changes.map((c) => [c.path, c.oldText ?? c.old, c.newText ?? c.new])).toEqual([
      ["b.jpg", "1,2", "1,3"],
      ["c.jpg", [1], "0,1,1"],
    ]);
    expect(r.old.validRows).toBe(2);
    expect(r.new.validRows).toBe(1);
    // c.jpg's class 1 counts as lost: its new labels are not a row of the matrix.
    expect(r.classes[1]).toMatchObject({ oldPositives: 1, newPositives: 0, lost: 1 });
  });

  it("skips and counts lines that are not rows: blank lines, a header of class names, # comments", async () => {
    const r = await diffTexts("a.jpg\t1,0\n\nb.jpg\t0,1\n", "path\tcat,dog\n# reviewed\na.jpg\t1,0\n\n\nb.jpg\t0,1\n");
    expect(r.changed).toBe(false);
    expect(r.old.skipped).toEqual({ blank: 1, header: 0, comment: 0 });
    expect(r.new.skipped).toEqual({ blank: 2, header: 1, comment: 1 });
  });

  it("matches classes by index when a file is wider, reporting the class added", async () => {
    const r = await diffTexts("a.jpg\t1,0\nb.jpg\t0,1\n", "a.jpg\t1,0,0\nb.jpg\t0,1,1\n");
    expect(r.classMatch).toBe("index");
    expect(r.classesAdded).toEqual([{ index: 2 }]);
    expect(r.classesRemoved).toEqual([]);
    expect(r.counts).toMatchObject({ relabelled: 1, unchanged: 1 });
    expect(r.changes[0]).toMatchObject({ path: "b.jpg", gained: [2], lost: [] });
    expect(r.classes[2]).toMatchObject({ oldIndex: null, newIndex: 2, oldPrevalence: null, prevalenceChange: null });
  });

  it("matches classes by name when both files name them: reordered columns are no change, a renamed class is one removed and one added", async () => {
    const before = "path,cat,dog,owl\na.jpg,1,0,0\nb.jpg,0,1,1\n";
    const reordered = await diffTexts(before, "path,owl,cat,dog\nb.jpg,1,0,1\na.jpg,0,1,0\n");
    expect(reordered.classMatch).toBe("names");
    expect(reordered.changed).toBe(false);
    const renamed = await diffTexts(before, "path,cat,dog,bird\na.jpg,1,0,0\nb.jpg,0,1,1\n");
    expect(renamed.classesRemoved).toEqual([{ index: 2, name: "owl" }]);
    expect(renamed.classesAdded).toEqual([{ index: 3, name: "bird" }]);
    expect(renamed.changes).toMatchObject([{ kind: "relabelled", path: "b.jpg", gained: [3], lost: [2] }]);
  });

  it("reads an unquoted CSV and plain index lines in place, with the result the readers give", async () => {
    const csvOld = "path,a,b,c\nimg/a.jpg,0,1,0\n\nimg/b.jpg,1,0,0\nimg/c.jpg,1,2,0\nimg/b.jpg,0,0,1\nimg/d.jpg\n";
    const csvNew = "path,a,b,c\nimg/a.jpg,0,1,1\nimg/c.jpg,1,0,0\nimg/e.jpg,0,0,1\nimg/b.jpg,1,0,0\n";
    const indOld = "img/a.jpg\t1\nimg/b.jpg\t0,2\n\nimg/c.jpg\t\n";
    const indNew = "img/a.jpg\t1,2\nimg/c.jpg\t\nimg/f.jpg\t0\n";
    const dir = folder({ "old.csv": csvOld, "new.csv": csvNew, "old.txt": indOld, "new.txt": indNew });
    for (const [a, b, options] of [
      ["old.csv", "new.csv", {}],
      ["old.txt", "new.txt", { format: "indices" as const, numClasses: 3 }],
    ] as const) {
      const files = [join(dir, a), join(dir, b)] as const;
      const inPlace = await diff(...files, { ...options, displayPaths: [a, b] });
      expect(formatDiffJson(inPlace), `${a} → ${b}`).toBe(formatDiffJson(await diff(...files, { ...options, generalLines: true, displayPaths: [a, b] })));
      expect(inPlace.counts.relabelled + inPlace.counts.added + inPlace.counts.removed, `${a} → ${b}`).toBeGreaterThan(0);
    }
  });

  it("reads any format: the same rows as csv, json, indices and spaced lists are no change", async () => {
    const paddle = fixture("formats", "sample.paddleclas.txt");
    for (const other of ["sample.csv", "sample.json", "sample.indices.txt", "sample.spaced.txt"]) {
      const r = await diff(paddle, fixture("formats", other), { numClasses: 5 });
      expect(r.changed, other).toBe(false);
      expect(r.counts.unchanged, other).toBe(16);
    }
    const named = await diff(fixture("formats", "sample.csv"), fixture("formats", "sample.json"));
    expect(named.classMatch).toBe("names");
    expect(named.changed).toBe(false);
    expectValid(named);
  });

  it("reports every row of a new file as added against an empty one", async () => {
    const r = await diffTexts("", "a.jpg\t1,0\nb.jpg\t0,1\n", { numClasses: 2 });
    expect(r.counts).toEqual({ relabelled: 0, added: 2, removed: 0, unchanged: 0 });
    expect(r.classes.map((c) => c.inAddedRows)).toEqual([1, 1]);
    expect(r.classes[0]!.oldPrevalence).toBeNull();
  });

  it("lists at most maxRows changed rows of each kind, first in file order, with exact counts", async () => {
    const before = Array.from({ length: 30 }, (_, i) => `r${i}.jpg\t1,0\n`).join("");
    const after = Array.from({ length: 30 }, (_, i) => `r${i}.jpg\t0,1\n`).join("") + Array.from({ length: 5 }, (_, i) => `n${i}.jpg\t1,1\n`).join("");
    const r = await diffTexts(before, after, { maxRows: 3 });
    expect(r.counts).toMatchObject({ relabelled: 30, added: 5 });
    expect(tuples(r)).toEqual([
      ["relabelled", "r0.jpg", 1, 1],
      ["relabelled", "r1.jpg", 2, 2],
      ["relabelled", "r2.jpg", 3, 3],
      ["added", "n0.jpg", null, 31],
      ["added", "n1.jpg", null, 32],
      ["added", "n2.jpg", null, 33],
    ]);
    expect(r.changesOmitted).toBe(29);
  });

  it("refuses standard input twice and a memory limit that is not positive", async () => {
    expect((await rejection(diff("-", "-"))).code).toBe("LL_USAGE");
    expect((await rejection(diff(fixture("formats", "sample.csv"), fixture("formats", "sample.csv"), { memoryLimit: 0 }))).message).toMatch(/memory limit/);
  });
});

describe("joinPlan", () => {
  it("joins in memory below the limit, and past it in buckets of about a quarter of the limit", () => {
    expect(joinPlan(10e6, 64 * 2 ** 20)).toMatchObject({ mode: "memory", buckets: 1 });
    const plan = joinPlan(184e6, 64 * 2 ** 20);
    expect(plan.mode).toBe("disk");
    expect(plan.buckets).toBe(Math.ceil(184e6 / (16 * 2 ** 20)));
    expect(plan.bufferBytes * plan.buckets * 2).toBeLessThanOrEqual((64 * 2 ** 20) / 4);
    expect(joinPlan(1e12, 1e6).buckets).toBe(256);
  });
});

describe.skipIf(!HAS_SHARED)(sharedTitle("diff on a real list (HashNet NUS-WIDE 81 test split)"), () => {
  it("reports exactly the edits made to a copy, in memory and spilled", async () => {
    const text = readFileSync(realFile("hashnet_nuswide81_test.txt"), "utf8");
    const lines = text.split("\n").slice(0, -1);
    const next = [...lines];
    // Flip class 0 of line 10, drop line 100, append a new image.
    const [path, ...values] = next[9]!.split(" ");
    values[0] = values[0] === "1" ? "0" : "1";
    next[9] = [path, ...values].join(" ");
    next.splice(99, 1);
    next.push(`./data/nuswide_81/images/new_1.jpg ${new Array(81).fill(0).join(" ")}`);
    const after = `${next.join("\n")}\n`;
    for (const options of [{}, { memoryLimit: 64 * 1024 }]) {
      const r = await diffTexts(text, after, options);
      expect(r.counts).toEqual({ relabelled: 1, added: 1, removed: 1, unchanged: 4998 });
      expect(tuples(r)).toEqual([
        ["relabelled", path!.replace(/^\.\//, ""), 10, 10],
        ["added", "data/nuswide_81/images/new_1.jpg", null, 5000],
        ["removed", lines[99]!.split(" ")[0]!.replace(/^\.\//, ""), 100, null],
      ]);
    }
  });
});

describe("classes left with no positive, at an extreme class count", () => {
  it("names the first 100 on their line in every report and counts the rest (json keeps each)", async () => {
    // 300 classes: every class has a positive in the old list, only the first 50 in the new one.
    const rows = (classes: number) => Array.from({ length: 300 }, (_, r) => `img/${r}.jpg\t${r < classes ? r : 0}`).join("\n") + "\n";
    const result = await diffTexts(rows(300), rows(50), { format: "indices", numClasses: 300 });
    const emptied = result.classes.filter((c) => c.oldPositives > 0 && c.newPositives === 0);
    expect(emptied).toHaveLength(250);
    const line = formatDiffText(result).split("\n").find((l) => l.startsWith("  classes left with no positive: "))!;
    expect(line.split(", ")).toHaveLength(100);
    expect(line).toMatch(/^  classes left with no positive: #50 \(had 1\), #51 \(had 1\), .*#149 \(had 1\) and 150 more$/);
    expect(diffStepSummary(result)).toMatch(/⚠️ left with no positive: `#50` \(had 1\), .*`#149` \(had 1\) and 150 more\n/);
    expect(formatDiffHtml(result)).toMatch(/Left with no positive: <code>#50<\/code> \(had 1\), .*<code>#149<\/code> \(had 1\) and 150 more<\/p>/);
  });
});

describe("classes added or removed, at an extreme class count", () => {
  it("names the first 100 in every report and counts the rest; the html table lists the 1,000 that changed most", async () => {
    // Old rows have 1,300 values (read by index), new ones 3: 1,297 classes removed.
    const old = Array.from({ length: 20 }, (_, r) => `img/${r}.jpg\t${Array.from({ length: 1300 }, (_, c) => (c === r * 7 ? 1 : 0)).join(",")}`).join("\n") + "\n";
    const now = Array.from({ length: 20 }, (_, r) => `img/${r}.jpg\t${[0, 1, 2].map((c) => (c === r % 3 ? 1 : 0)).join(",")}`).join("\n") + "\n";
    const result = await diffTexts(old, now);
    expect(result.classesRemoved).toHaveLength(1297);
    const line = formatDiffText(result).split("\n").find((l) => l.startsWith("  classes removed: "))!;
    expect(line).toMatch(/^  classes removed: #3, #4, .*, #102 and 1,197 more$/);
    expect(diffStepSummary(result)).toMatch(/➖ classes removed: `#3`, .*`#102` and 1,197 more\n/);
    const html = formatDiffHtml(result);
    expect(html).toMatch(/<p>Classes removed: <code>#3<\/code>, .*<code>#102<\/code> and 1,197 more<\/p>/);
    expect(html).toContain("Showing the 1,000 of 1,300 changed classes that changed most; <code>--reporter json</code> lists them all.");
    expect(html.match(/<tr><td>#\d+<\/td>/g)).toHaveLength(1000);
    // Reversed: the same classes added.
    const back = await diffTexts(now, old);
    expect(formatDiffText(back)).toMatch(/\n  classes added: #3, #4, .*, #102 and 1,197 more\n/);
  });
});

describe("an input that changes while the diff reads it", () => {
  it("is refused (LL_INPUT_CHANGED) once read, not compared as a mixture of versions", async () => {
    const { openDiffInput } = await import("../../src/diff/input.js");
    const { appendFileSync, utimesSync } = await import("node:fs");
    const dir = folder({ "a.txt": "img/a.jpg\t0,1\nimg/b.jpg\t1,0\n", "b.csv": "path,x,y\nimg/a.jpg,0,1\n" });
    for (const name of ["a.txt", "b.csv"]) {
      const file = join(dir, name);
      const input = await openDiffInput(file, name, {});
      try {
        await input.unchanged();
        appendFileSync(file, name.endsWith(".csv") ? "img/c.jpg,1,1\n" : "img/c.jpg\t1,1\n");
        utimesSync(file, new Date(2001, 0, 1), new Date(2001, 0, 1));
        const error = await rejection(input.unchanged());
        expect(error.code, name).toBe("LL_INPUT_CHANGED");
        expect(error.message, name).toMatch(new RegExp(`^${name.replace(".", "\\.")} changed while it was read \\(it grew from \\d+ to \\d+ bytes\\)`));
      } finally {
        await input.dispose();
      }
    }
  });
});

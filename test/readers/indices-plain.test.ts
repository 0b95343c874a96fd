/**
 * Index lists take a fast path for plain lines (`path<TAB>i1,i2,…`, indices
 * ascending, in range, written without leading zeros): such a line is its own
 * sparse canonical line, so it is copied as bytes instead of being split into
 * tokens. That must never change what the reader gives: every index-list
 * fixture, and lists built of every defect an index line can carry (over 1
 * MiB, so lines straddle the reader's chunks), give the same canonical file,
 * the same origins and the same json report with the fast path and without
 * (`generalLines`). So must the json reader's fast path for entries whose
 * `gt_label` is already ascending in-range indices.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lint } from "../../src/engine/lint.js";
import type { LintOptions } from "../../src/engine/options.js";
import { plainIndexLine } from "../../src/readers/indices.js";
import { openCanonical } from "../../src/readers/records.js";
import { formatters } from "../../src/reporters/index.js";
import { fixture, seededRandom } from "../shared.js";
import { scratchDir } from "../shards/lists.js";

const { write } = scratchDir("labellint-indices-plain-");

const plain = (line: string, C: number): number => {
  const buf = Buffer.from(line);
  return plainIndexLine(buf, 0, buf.length, C);
};

describe("a plain index line", () => {
  it("is a printable ASCII path, a TAB and ascending in-range indices without leading zeros: its largest index is returned", () => {
    expect(plain("a.jpg\t0,3,5", 6)).toBe(5);
    expect(plain("a.jpg\t0", 1)).toBe(0);
    expect(plain("a b/c.jpg\t2", 3)).toBe(2);
    expect(plain("a.jpg\t", 3)).toBe(-1); // an empty labelset
    expect(plain("a.jpg\t10,20", 21)).toBe(20);
  });

  const general: [string, string][] = [
    ["a.jpg\t0,3,6", "an index at C"],
    ["a.jpg\t3,1", "out of order"],
    ["a.jpg\t1,1", "repeated"],
    ["a.jpg\t01", "a leading zero (its canonical spelling differs)"],
    ["a.jpg\t00", "a zero written twice"],
    ["a.jpg\t1,", "a trailing comma"],
    ["a.jpg\t,1", "a leading comma"],
    ["a.jpg\t1,,2", "an empty token"],
    ["a.jpg\t1 2", "a space between indices"],
    ["a.jpg\t1, 2", "a space after a comma"],
    ["a.jpg\t1\t2", "a second TAB"],
    ["a.jpg\t-1", "a negative index"],
    ["a.jpg\t1.0", "a decimal"],
    ["a.jpg 1 2", "no TAB (space-separated)"],
    ["a.jpg", "no labels at all"],
    ["\t1", "an empty path"],
    [" \t", "spaces and a TAB (a blank line)"],
    ["  \t1", "a path of spaces"],
    [" a.jpg\t1", "a path starting with a space"],
    ["é.jpg\t1", "a non-ASCII path"],
    ["a\u0000.jpg\t1", "a NUL in the path"],
    ["a\r.jpg\t1", "a CR in the path"],
    ["a.jpg\t99999999999999999999999", "an index past every C"],
  ];
  for (const [line, why] of general) {
    it(`takes the general path: ${why}`, () => {
      expect(plain(line, 6)).toBe(-2);
    });
  }
});

/** An index list of `rows` lines at C, each plain or carrying one to three defects, ended in every way. */
function indexList(rows: number, C: number, seed: number, padding = 0): string {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const pad = "x".repeat(padding);
  const out: string[] = [];
  for (let i = 0; i < rows; i++) {
    let path = `img/${pad}${String(i).padStart(6, "0")}.jpg`;
    const set = new Set<number>();
    const n = Math.floor(next() * 6);
    while (set.size < Math.min(n, C)) set.add(Math.floor(next() * C));
    let indices: string[] = [...set].sort((a, b) => a - b).map(String);
    let sep = "\t";
    let join = ",";
    let ending = "\n";
    let before = "";
    const defects = next() < 0.6 ? 0 : 1 + Math.floor(next() * 3);
    for (let d = 0; d < defects; d++) {
      switch (Math.floor(next() * 16)) {
        case 0: indices.reverse(); break;
        case 1: indices.push(pick([String(C), String(C + 7), "-1", "x", "1.0", "01", "007", "", "99999999999999999999"])); break;
        case 2: if (indices.length > 0) indices.push(indices[0]!); break; // repeated
        case 3: sep = " "; join = pick([" ", ","]); break; // spaced
        case 4: join = pick([", ", " ,", ",,", ";"]); break;
        case 5: ending = pick(["\r\n", "\r", "\r\n"]); break;
        case 6: path = pick(["", " ", "img/é.jpg", "img/a b.jpg", "../a.jpg", "img\\a.jpg", `img/${String(Math.floor(next() * (i + 1))).padStart(6, "0")}.jpg`]); break;
        case 7: out.push(pick(["", "   ", "\t", "# comment"]) + "\n"); break;
        case 8: before = "\ufeff"; break;
        case 9: indices = pick([["0", "1", "0", "1"], ["1", "1", "1"], ["0", "0", "0", "1"]]); break; // multi-hot in the wrong format
        case 10: indices = indices.length > 0 ? [`${indices.join(",")},`] : indices; break; // trailing comma
        case 11: path = `${path}\u0000`; break;
        case 12: indices = []; break;
        case 13: indices.push(String(C - 1)); break;
        case 14: path = path + "\t"; break; // a TAB in the path: an empty first token
        default: ending = ""; out.push(`${before}${path}${sep}${indices.join(join)}\n`); before = ""; break;
      }
    }
    out.push(`${before}${path}${sep}${indices.join(join)}${ending}`);
  }
  // Some lists end without a line break.
  const text = out.join("");
  return next() < 0.5 ? text.replace(/(\r\n|\r|\n)$/, "") : text;
}

async function canonicalOf(path: string, options: LintOptions): Promise<unknown> {
  const canonical = await openCanonical(path, options, path, { sparse: true });
  try {
    const lines = readFileSync(canonical.path, "utf8").split("\n").length;
    const origins = Array.from({ length: lines + 1 }, (_, i) => [canonical.line(i + 1), canonical.row(i + 1), canonical.column(i + 1, 1, 10), canonical.column(i + 1, 12, 10)]);
    return {
      text: readFileSync(canonical.path, "utf8"),
      origins,
      numClasses: canonical.numClasses,
      classSource: canonical.classSource,
      findings: canonical.findings,
      rejected: canonical.rejected,
      lines: canonical.lines,
      bytes: canonical.bytes,
    };
  } finally {
    await canonical.dispose();
  }
}

async function expectSame(path: string, options: LintOptions, what: string, C = options.numClasses ?? 0): Promise<void> {
  const general = { ...options, generalLines: true };
  expect(await canonicalOf(path, options), `${what}: canonical lines`).toEqual(await canonicalOf(path, general));
  // Every finding listed, except at an extreme C (a finding per class never seen).
  const cap = C > 1000 ? {} : { maxProblemsPerRule: 1_000_000 };
  const json = async (o: LintOptions) => formatters["json"]!(await lint([path], { ...o, ...cap }));
  expect(await json(options), `${what}: json`).toBe(await json(general));
}

describe("the fast path for plain index lines changes nothing", () => {
  it("on every index-list fixture, with C given and inferred", async () => {
    const files = (readdirSync(fixture(""), { recursive: true, encoding: "utf8" }) as string[])
      .filter((f) => /\.indices\.txt$/.test(f))
      .map((f) => join(fixture(""), f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      await expectSame(file, { format: "indices" }, file);
      await expectSame(file, { format: "indices", numClasses: 40 }, `${file} at C=40`);
    }
  });

  it("on generated lists of every index-line defect, at C from 3 to 5,000, C given and inferred", async () => {
    for (let seed = 1; seed <= 24; seed++) {
      const C = [3, 7, 81, 1000, 5000][seed % 5]!;
      const file = write(`list-${seed}.txt`, indexList(40 + seed * 7, C, seed));
      await expectSame(file, { format: "indices", numClasses: C }, `seed ${seed}, C=${C}`);
      await expectSame(file, { format: "indices" }, `seed ${seed}, C inferred`, C);
      if (seed % 4 === 0) await expectSame(file, { format: "indices", numClasses: C, split: "eval" }, `seed ${seed}, eval`);
    }
  });

  it("on lists over a megabyte, whose lines straddle the reader's chunks", async () => {
    for (const seed of [101, 102]) {
      // ~2.3 MB: lines of 60–90 bytes, so chunk ends fall inside lines, after CRs and between CR and LF.
      const file = write(`big-${seed}.txt`, indexList(30_000, 81, seed, 50));
      expect(readFileSync(file).length).toBeGreaterThan(2 * 1024 * 1024);
      await expectSame(file, { format: "indices", numClasses: 81 }, `big list ${seed}`);
      await expectSame(file, { format: "indices" }, `big list ${seed}, C inferred`);
    }
  });
});

/** An mmpretrain annotation of `rows` entries at C, each plain or with a gt_label of another kind. */
function annotation(rows: number, C: number, seed: number): string {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const entries: string[] = [];
  for (let i = 0; i < rows; i++) {
    const set = new Set<number>();
    const n = Math.floor(next() * 6);
    while (set.size < Math.min(n, C)) set.add(Math.floor(next() * C));
    let labels: unknown = [...set].sort((a, b) => a - b);
    if (next() < 0.4) {
      const list = labels as unknown[];
      switch (Math.floor(next() * 8)) {
        case 0: list.reverse(); break;
        case 1: list.push(pick([C, -1, -0, 1.5, true, false, 2 ** 53, 1e300, "1", null])); break;
        case 2: if (list.length > 0) list.push(list[0]); break;
        case 3: labels = Math.floor(next() * (C + 2)); break; // a scalar
        case 4: labels = pick([[0, 1, 0, 1], [1, 1, 1], []]); break;
        case 5: labels = [C - 1]; break;
        case 6: labels = pick(["0,1", {}, null]); break;
        default: list.unshift(0); break;
      }
    }
    const path = next() < 0.05 ? pick(["a\tb.jpg", "", `img/${Math.floor(next() * (i + 1))}.jpg`]) : `img/${i}.jpg`;
    entries.push(`  {"img_path": ${JSON.stringify(path)}, "gt_label": ${JSON.stringify(labels)}}`);
  }
  const meta = next() < 0.5 ? `"metainfo": {"classes": ${JSON.stringify(Array.from({ length: C }, (_, i) => `c${i}`))}}, ` : "";
  return `{${meta}"data_list": [\n${entries.join(",\n")}\n]}\n`;
}

describe("the fast path for plain json entries changes nothing", () => {
  it("on generated annotations with every kind of gt_label, C given, declared and inferred", async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const C = [2, 5, 81, 1000][seed % 4]!;
      const file = write(`ann-${seed}.json`, annotation(60 + seed * 9, C, seed));
      await expectSame(file, { format: "json", numClasses: C }, `seed ${seed}, C=${C}`);
      await expectSame(file, { format: "json" }, `seed ${seed}, C declared or inferred`, C);
    }
  });
});

/** An index list of plain and blank lines only: what is read in place, without a copy. */
function plainList(rows: number, C: number, seed: number): string {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const crlf = next() < 0.3;
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    if (next() < 0.05) lines.push(pick(["", " ", "\t", " \t \u000b"]));
    const set = new Set<number>();
    const n = Math.floor(next() * 6);
    while (set.size < Math.min(n, C)) set.add(Math.floor(next() * C));
    const path = next() < 0.03 ? `img/${Math.floor(next() * (i + 1))}.jpg` : `img/${pick(["a", "b c", "d/e", "#f"])}${i}.jpg`;
    lines.push(`${path}\t${[...set].sort((a, b) => a - b).join(",")}`);
  }
  const eol = crlf ? "\r\n" : "\n";
  return `${next() < 0.3 ? "\ufeff" : ""}${lines.join(eol)}${next() < 0.7 ? eol : ""}`;
}

describe("an index list of plain lines is read in place", () => {
  it("when every line is plain or blank: same report as through the reader's copy, C given, from class names, and inferred", async () => {
    const { openPlainIndices } = await import("../../src/readers/records.js");
    for (let seed = 1; seed <= 16; seed++) {
      const C = [1, 4, 81, 1000][seed % 4]!;
      const file = write(`plain-${seed}.txt`, plainList(30 + seed * 11, C, seed));
      const inPlace = await openPlainIndices(file, { numClasses: C }, file, "given with --format");
      expect(inPlace, `seed ${seed}: read in place`).toBeDefined();
      expect(inPlace!.path).toBe(file);
      await expectSame(file, { format: "indices", numClasses: C }, `seed ${seed}, C=${C}`);
      await expectSame(file, { format: "indices" }, `seed ${seed}, C inferred`, C);
      await expectSame(file, { format: "indices", classNames: Array.from({ length: C }, (_, i) => `c${i}`) }, `seed ${seed}, class names`);
      if (seed % 4 === 0) await expectSame(file, { format: "indices", numClasses: C, split: "eval" }, `seed ${seed}, eval`);
    }
  });

  it("and the smallest lists alike: empty, blank, a byte-order mark alone or before a line, no final newline", async () => {
    for (const [name, text] of [["empty", ""], ["blank", "\n \n\t\n"], ["bom", "\ufeff"], ["bom-line", "\ufeffa.jpg\t1"], ["bom-blank", "\ufeff\n"], ["no-labels", "a.jpg\t"], ["crlf", "a.jpg\t1\r\nb.jpg\t0,2"]] as const) {
      const file = write(`small-${name}.txt`, text);
      await expectSame(file, { format: "indices", numClasses: 3 }, `${name}, C=3`);
      await expectSame(file, { format: "indices" }, `${name}, C inferred`, 3);
    }
  });

  it("and through the reader when a single line is not plain, wherever it is", async () => {
    const { openPlainIndices } = await import("../../src/readers/records.js");
    const base = plainList(400, 81, 99).replace(/^\ufeff/, "");
    for (const odd of ["img/x.jpg\t3,1", "img/x.jpg\t81", "img/x.jpg 1 2", "img/é.jpg\t1", "img/x.jpg\t01", "img/x.jpg\t1\rimg/y.jpg\t2", "\ufeffimg/x.jpg\t1"]) {
      // (A byte-order mark opening the file is the file's own, not a line's.)
      for (const where of odd.startsWith("\ufeff") ? ["end"] : ["start", "end"]) {
        const text = where === "start" ? `${odd}\n${base}` : `${base}${base.endsWith("\n") ? "" : "\n"}${odd}\n`;
        const file = write(`odd-${where}.txt`, text);
        expect(await openPlainIndices(file, { numClasses: 81 }, file, "given with --format"), `${JSON.stringify(odd)} at the ${where}`).toBeUndefined();
        await expectSame(file, { format: "indices", numClasses: 81 }, `${JSON.stringify(odd)} at the ${where}`);
      }
    }
  });
});

describe("an input read in place that changes before the lint ends", () => {
  it("is refused with LL_INPUT_CHANGED (index lists and unquoted CSV), not read as something it no longer is", async () => {
    const { appendFileSync, writeFileSync } = await import("node:fs");
    const { openPlainCsv, openPlainIndices } = await import("../../src/readers/records.js");
    const { lintCanonical } = await import("../../src/engine/lint.js");
    const { rejection } = await import("../shared.js");
    const list = "img/a.jpg\t0,3\nimg/b.jpg\t1\n\nimg/c.jpg\t2,4\n";
    const csv = "path,c0,c1,c2\nimg/a.jpg,0,1,0\nimg/b.jpg,1,0,0\n";
    const cases: [string, string, (file: string) => void, "indices" | "csv"][] = [
      ["a line no longer in order", list, (f) => writeFileSync(f, "img/a.jpg\t3,0\nimg/b.jpg\t1\n\nimg/c.jpg\t2,4\n"), "indices"],
      ["a plain line appended", list, (f) => appendFileSync(f, "img/d.jpg\t1\n"), "indices"],
      ["cut short", list, (f) => writeFileSync(f, "img/a.jpg\t0,3\n"), "indices"],
      ["a csv cut short", csv, (f) => writeFileSync(f, "path,c0,c1,c2\nimg/a.jpg,0,1"), "csv"],
      ["a csv row appended", csv, (f) => appendFileSync(f, "img/c.jpg,0,0,1\n"), "csv"],
    ];
    for (const [what, text, change, format] of cases) {
      const file = write(`changed-${format}.txt`, text);
      const options = format === "indices" ? { format, numClasses: 5 } : { format };
      const plain = format === "indices" ? await openPlainIndices(file, options, file, "given with --format") : await openPlainCsv(file, options, file, "given with --format");
      expect(plain, what).toBeDefined();
      change(file);
      const error = await rejection(lintCanonical(plain!, options, file));
      expect(error.code, what).toBe("LL_INPUT_CHANGED");
      expect(error.message, what).toMatch(/changed while it was read/);
    }
    // Unchanged, it is read as planned.
    const file = write("unchanged.txt", list);
    const plain = await openPlainIndices(file, { numClasses: 5 }, file, "given with --format");
    expect((await lintCanonical(plain!, { format: "indices", numClasses: 5 }, file)).rows).toBe(3);
  });
});

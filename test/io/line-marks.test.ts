/**
 * Line marks: where lines start, noted while a file is scanned, so the
 * duplicates' re-read starts at the mark before each wanted line instead of
 * reading the file from its start. A report must not depend on them: the
 * same json with a mark at every line, every few bytes, or none, on one
 * thread or several, on files with blank, whitespace-only and over-long
 * lines, CR, CRLF, a byte-order mark and no final newline.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lint } from "../../src/engine/lint.js";
import type { LintOptions } from "../../src/engine/options.js";
import { LineMarks } from "../../src/io/line-marks.js";
import { LineSplitter } from "../../src/io/line-splitter.js";
import { fileLineReader, type RereadLine } from "../../src/io/source.js";
import { formatters } from "../../src/reporters/index.js";
import { C, makeList, scratchDir } from "../shards/lists.js";
import { lcgRandom } from "../shared.js";

const { write } = scratchDir("labellint-marks-");

async function json(path: string, options: LintOptions): Promise<string> {
  return formatters["json"]!(await lint([path], options));
}

/** A list whose later rows repeat earlier paths, with lines of every awkward kind between them. */
function awkwardList(seed: number, rows: number, opts: { bom: boolean; finalNewline: boolean }): string {
  const next = lcgRandom(seed);
  const endings = ["\n", "\r\n", "\r"];
  const paths: string[] = [];
  let text = opts.bom ? "\ufeff" : "";
  for (let i = 0; i < rows; i++) {
    const r = next();
    let line: string;
    if (r < 0.08) line = "";
    else if (r < 0.12) line = " \t ";
    else if (r < 0.15) line = "x".repeat(300); // over the 200-byte line limit below
    else if (r < 0.17) line = " ".repeat(300); // over-long and blank in its first bytes
    else {
      const path = r < 0.4 && paths.length > 0 ? paths[Math.floor(next() * paths.length)]! : `img/${i}.jpg`;
      paths.push(path);
      line = `${path}\t${Array.from({ length: C }, () => (next() < 0.3 ? 1 : 0)).join(",")}`;
    }
    const last = i === rows - 1;
    text += line + (last && !opts.finalNewline ? "" : endings[Math.floor(next() * (r < 0.5 ? 1 : 3))]!);
  }
  return text;
}

describe("line marks do not change a report", () => {
  const cases: [string, string][] = [
    ["a list with duplicates and conflicts across the file", makeList("paddleclas", 1500, 11)],
    ["a list with a BOM, a header, CRLF and no final newline", makeList("paddleclas", 900, 13, { bom: true, header: true, crlf: true, finalNewline: false })],
    ["a space-separated list", makeList("spaced", 1200, 17)],
    ...[1, 2, 3].map((seed): [string, string] => [`awkward lines (seed ${seed})`, awkwardList(seed, 1200, { bom: seed === 2, finalNewline: seed !== 3 })]),
  ];
  for (const [name, text] of cases) {
    it(name, async () => {
      const path = write(`${name.replace(/\W+/g, "-")}.txt`, text);
      const base: LintOptions = { format: "auto", maxLineBytes: 200, maxProblemsPerRule: 100_000 };
      const none = await json(path, { ...base, jobs: 1 });
      // The file lists duplicates (with their rows, from the re-read): the marks have lines to find.
      expect(none).toMatch(/"rule": ?"(duplicate-path|conflicting-duplicate)"/);
      for (const markBytes of [1, 7, 4096]) {
        expect(await json(path, { ...base, jobs: 1, markBytes }), `one thread, a mark every ${markBytes} bytes`).toBe(none);
        for (const jobs of [2, 3]) expect(await json(path, { ...base, jobs, minPartBytes: 1, minPartRows: 1, markBytes }), `${jobs} threads, a mark every ${markBytes} bytes`).toBe(none);
      }
    });
  }
});

describe("line marks do not change split leakage", () => {
  it("train and eval files, leaks confirmed from the train file's marks", async () => {
    const train = write("train.txt", awkwardList(6, 1500, { bom: false, finalNewline: true }));
    const evalPath = write("eval.txt", awkwardList(7, 600, { bom: true, finalNewline: true }));
    const run = async (options: LintOptions) =>
      formatters["json"]!(await lint([{ path: train, options: { split: "train" } }, { path: evalPath, options: { split: "eval" } }], { maxLineBytes: 200, maxProblemsPerRule: 100_000, ...options }));
    const none = await run({ jobs: 1 });
    expect(none).toMatch(/"rule": ?"split-leakage"/);
    for (const markBytes of [1, 7, 4096]) {
      expect(await run({ jobs: 1, markBytes }), `one thread, a mark every ${markBytes} bytes`).toBe(none);
      expect(await run({ jobs: 2, minPartBytes: 1, minPartRows: 1, markBytes }), `2 threads, a mark every ${markBytes} bytes`).toBe(none);
    }
  });
});

describe("rows of lines read again", () => {
  it("an over-long line is a row, even when its first bytes are blank", async () => {
    // Line 2 is 300 spaces, over the 200-byte limit: the scan counts it a row (it reports it too long), so the duplicate on line 4 is row 3.
    const path = write("over-long-blank.txt", `a.jpg\t0,1\n${" ".repeat(300)}\nb.jpg\t1,0\na.jpg\t0,1\nc.jpg\t1,1,1\n`);
    for (const options of [{ jobs: 1 }, { jobs: 1, markBytes: 1 }, { jobs: 2, minPartBytes: 1, minPartRows: 1, markBytes: 1 }]) {
      const problems = (await lint([path], { maxLineBytes: 200, numClasses: 2, ...options })).files[0]!.problems;
      const row = (rule: string) => problems.find((p) => p.rule === rule)?.row;
      expect([row("line-too-long"), row("duplicate-path"), row("label-count")], JSON.stringify(options)).toEqual([1, 3, 4]);
    }
  });
});

describe("LineSplitter.lineStart", () => {
  it("is where the line starts in the bytes fed, or -1 for a line carried over from an earlier chunk, however the bytes are cut", () => {
    const text = Buffer.from(`\ufeff${awkwardList(5, 60, { bom: false, finalNewline: false })}\r\n\r\rlast`, "utf8");
    let known = 0;
    const next = lcgRandom(9);
    for (let trial = 0; trial < 200; trial++) {
      const starts: number[] = [];
      const texts: string[] = [];
      const splitter = new LineSplitter((buf, start, end) => {
        starts.push(splitter.lineStart);
        texts.push(buf.toString("latin1", start, end));
      }, 1 << 20);
      // Chunks of 1 byte to the whole text, cut at random.
      const most = trial < 20 ? trial + 1 : 1 + Math.floor(next() * text.length);
      for (let p = 0; p < text.length; ) {
        const n = Math.min(text.length - p, 1 + Math.floor(next() * most));
        splitter.push(text.subarray(p, p + n));
        p += n;
      }
      splitter.end();
      expect(texts.length).toBeGreaterThan(60);
      for (const [i, start] of starts.entries()) {
        if (start < 0) continue;
        known++;
        const line = texts[i]!;
        expect(text.toString("latin1", start, start + line.length), `line ${i + 1}, trial ${trial}`).toBe(line);
        // A line starts at the file's start (after its BOM) or after a line break.
        expect(start === 0 || start === 3 || text[start - 1] === 10 || text[start - 1] === 13, `line ${i + 1} starts after a break`).toBe(true);
      }
    }
    expect(known).toBeGreaterThan(1000);
  });
});

describe("fileLineReader with marks", () => {
  // Lines 1-6: a BOM, a blank line, a CRLF, a lone CR, a whitespace-only line, no final newline.
  const text = "\ufeffa\t1\n\nb\t0\r\nc\t1\rd\t0\n  \ne\t1";
  const starts = [3, 7, 8, 13, 17, 21, 24]; // where lines 1..7 start (line 1 after the 3-byte BOM)
  const nonBlankBefore = [0, 1, 1, 2, 3, 4, 4];

  function reference(wanted: number[]): Map<number, RereadLine> {
    const lines = text.slice(1).split(/\r\n|\r|\n/);
    const out = new Map<number, RereadLine>();
    for (const line of wanted) out.set(line, { bytes: Buffer.from(lines[line - 1]!, "utf8"), nonBlankBefore: nonBlankBefore[line - 1]! });
    return out;
  }

  it("reads the lines a plain re-read reads, from any set of marks", async () => {
    const path = write("marked.txt", text);
    const read = fileLineReader(path, 1 << 20);
    const all = [1, 2, 3, 4, 5, 6, 7];
    expect(await read(all)).toEqual(reference(all));
    // Every subset of marks at lines 2..7, every subset of wanted lines.
    for (let markSet = 0; markSet < 1 << 6; markSet++) {
      const marks = new LineMarks();
      for (let i = 1; i < 7; i++) if (markSet & (1 << (i - 1))) marks.add(i + 1, starts[i]!, nonBlankBefore[i]!);
      for (let wantSet = 1; wantSet < 1 << 7; wantSet += 5) {
        const wanted = all.filter((_, i) => wantSet & (1 << i));
        expect(await read(wanted, marks), `marks ${markSet.toString(2)}, lines ${wanted.join(",")}`).toEqual(reference(wanted));
      }
    }
  });

  /** 200,000 short rows (about 3.6 MB) and a mark at every line `i` with `i % every === phase` (but line 1). */
  function numberedList(name: string, every: number, phase: number): { path: string; rows: string[]; marks: LineMarks } {
    const rows = Array.from({ length: 200_000 }, (_, i) => `img/${i}.jpg\t${i % 2},${(i >> 1) % 2}`);
    const path = write(name, `${rows.join("\n")}\n`);
    const marks = new LineMarks();
    let offset = 0;
    for (let i = 0; i < rows.length; i++) {
      if (i % every === phase && i > 0) marks.add(i + 1, offset, i);
      offset += Buffer.byteLength(rows[i]!) + 1;
    }
    return { path, rows, marks };
  }

  async function expectLines(path: string, rows: string[], marks: LineMarks, wanted: number[]): Promise<void> {
    const found = await fileLineReader(path, 1 << 20)(wanted, marks);
    expect([...found.keys()]).toEqual(wanted);
    for (const line of wanted) expect(found.get(line)).toEqual({ bytes: Buffer.from(rows[line - 1]!), nonBlankBefore: line - 1 });
  }

  it("starts at the mark: bytes far from the wanted lines are not read", async () => {
    const { path, rows, marks } = numberedList("seek.txt", 500, 0);
    // Lines 20,001-140,000 (about 2 MB) overwritten with other bytes of the same length: a read through them would count other lines.
    const spoiled = Buffer.from(readFileSync(path));
    const from = Buffer.byteLength(rows.slice(0, 20_000).join("\n")) + 1;
    const to = Buffer.byteLength(rows.slice(0, 140_000).join("\n"));
    spoiled.fill("z".charCodeAt(0), from, to);
    writeFileSync(path, spoiled);
    await expectLines(path, rows, marks, [10, 1200, 150_000, 150_001, 199_000]);
  });

  it("reads lines close together in one pass and lines far apart from their marks", async () => {
    const { path, rows, marks } = numberedList("long.txt", 1000, 999);
    await expectLines(path, rows, marks, [1, 2, 999, 1000, 1001, 5000, 5001, 150_000, 199_999, 200_000]);
  });

  it("a wanted line past the end of the file is simply not found", async () => {
    const path = write("short.txt", "a\t1\nb\t0\n");
    const marks = new LineMarks([2, 4, 1]);
    const found = await fileLineReader(path, 1 << 20)([2, 5], marks);
    expect([...found.keys()]).toEqual([2]);
  });
});

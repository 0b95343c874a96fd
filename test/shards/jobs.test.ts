/**
 * `--jobs N`: a file read in N parts on worker threads and merged must give
 * the json report one thread gives, byte for byte, for every line format and
 * for train/eval runs, with duplicates, conflicts, leaks and defects on both
 * sides of every cut. `minPartBytes: 1, minPartRows: 1` make small files worth cutting.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { lint, type FileInput } from "../../src/engine/lint.js";
import type { LintOptions } from "../../src/engine/options.js";
import { meanLineBytes, partsFor, scanPart } from "../../src/engine/parts.js";
import { formatters } from "../../src/reporters/index.js";
import { fixture } from "../shared.js";
import { runCli } from "../cli-harness.js";
import { C, makeList, scratchDir } from "./lists.js";

const { dir, write } = scratchDir("labellint-jobs-");

async function json(inputs: (string | FileInput)[], options: LintOptions): Promise<string> {
  return formatters["json"]!(await lint(inputs, options));
}

async function expectSame(inputs: (string | FileInput)[], options: LintOptions): Promise<void> {
  const one = await json(inputs, { ...options, jobs: 1 });
  for (const jobs of [2, 3, 4]) expect(await json(inputs, { ...options, jobs, minPartBytes: 1, minPartRows: 1 }), `--jobs ${jobs}`).toBe(one);
}

describe("--jobs N gives the report one thread gives", () => {
  for (const style of ["paddleclas", "spaced"] as const) {
    it(`${style}`, async () => {
      await expectSame([write(`${style}.txt`, makeList(style, 900, 3))], { numClasses: C });
      await expectSame([write(`${style}-odd.txt`, makeList(style, 500, 5, { bom: true, header: true, crlf: true, finalNewline: false }))], {});
    });
    it(`${style}: train and eval, leaks across parts`, async () => {
      const train = write(`${style}-train.txt`, makeList(style, 800, 7));
      const evalPath = write(`${style}-eval.txt`, makeList(style, 300, 9));
      await expectSame([{ path: train, options: { split: "train" } }, { path: evalPath, options: { split: "eval" } }], { numClasses: C, maxProblemsPerRule: 4 });
    });
  }

  it("a header after lines the scan reads as blank (U+00A0, 0x1C) or as too long, where a part starts", async () => {
    // The first line is more than half the file: with 2 and 3 parts, the second part starts at the header.
    const rows = "path\tcat,dog,cow\na.jpg\t1,0,0\nb.jpg\t0,1,0\nc.jpg\t0,0,1\n";
    // Blank to the scan: the header is the first content, a header.
    for (const blank of ["\u00a0".repeat(300), "\u001c".repeat(600), " \u3000".repeat(150)]) {
      await expectSame([write("blank-first.txt", `${blank}\n${rows}`)], {});
      await expectSame([write("blank-first-cr.txt", `${blank}\r${rows}`)], {});
    }
    // A line past --max-line-bytes is a finding, not a blank line, however blank: the header is a data row.
    await expectSame([write("long-first.txt", `${" ".repeat(600)}\n${rows}`)], { maxLineBytes: 100 });
    // The header itself too long: no class names from it, in any part.
    const longHeader = `path\t${"cat".repeat(20)},${"dog".repeat(20)}\n${"a.jpg\t1,0\n".repeat(30)}b.jpg\t2,0\n${"c.jpg\t1,0\n".repeat(30)}`;
    await expectSame([write("long-header.txt", longHeader)], { maxLineBytes: 100 });
  });

  it("with --quiet: the warnings it leaves out are counted the same in parts", async () => {
    const train = write("quiet-train.txt", makeList("paddleclas", 800, 11));
    const evalPath = write("quiet-eval.txt", makeList("paddleclas", 300, 13));
    const inputs = [{ path: train, options: { split: "train" as const } }, { path: evalPath, options: { split: "eval" as const } }];
    const quiet = JSON.parse(await json(inputs, { numClasses: C, errorsOnly: true, jobs: 1 })) as { summary: { quietWarnings?: number } };
    expect(quiet.summary.quietWarnings).toBeGreaterThan(0);
    await expectSame(inputs, { numClasses: C, errorsOnly: true, maxProblemsPerRule: 4 });
  });

  it("with image checks", async () => {
    const sample = fixture("images-sample");
    const inputs = [{ path: join(sample, "train_list.txt"), options: { split: "train" as const } }, { path: join(sample, "eval_list.txt"), options: { split: "eval" as const } }];
    await expectSame(inputs, { numClasses: 33, imageRoot: sample, hashImages: true });
  });

  it("with image checks, a path with a '\\' naming a file of that very name (its key and orphans alike)", async () => {
    const root = join(dir, "backslashed");
    mkdirSync(join(root, "images"), { recursive: true });
    const image = readFileSync(fixture("images-sample", "images", "0001.jpg"));
    const lines: string[] = [];
    for (let i = 0; i < 40; i++) {
      // Every other image is named with its '\\'; the others are in the folder.
      const name = i % 2 === 0 ? `images\\${i}.jpg` : `images/${i}.jpg`;
      writeFileSync(join(root, name), image);
      lines.push(`${name.replace("/", "\\")}\t${i % 3 === 0 ? 1 : 0},${i % 3 === 1 ? 1 : 0},${i % 3 === 2 ? 1 : 0}`);
    }
    writeFileSync(join(root, "images\\unlisted.jpg"), image);
    writeFileSync(join(root, "list.txt"), `${lines.join("\n")}\n`);
    const one = await lint([join(root, "list.txt")], { numClasses: 3, imageRoot: root, checkImages: true, jobs: 1 });
    const problems = one.files[0]!.problems.map((p) => [p.line ?? null, p.rule, p.severity]);
    expect(problems.filter(([, rule]) => rule === "backslash-path")).toHaveLength(40);
    expect(problems.filter(([, rule, severity]) => rule === "backslash-path" && severity === "warn")).toHaveLength(20);
    expect(problems.filter(([, rule]) => rule === "missing-image")).toEqual([]);
    // Only the file no row names is an orphan: the rows found as written name theirs.
    expect(one.files[0]!.problems.filter((p) => p.rule === "orphan-image").map((p) => p.message)).toEqual([expect.stringContaining("1 image")]);
    await expectSame([join(root, "list.txt")], { numClasses: 3, imageRoot: root, checkImages: true });
  });

  it("from the command line: a 2,100,000-row list on 2 threads (the worker the build bundles)", async () => {
    const rows: string[] = [];
    for (let i = 0; i < 2_100_000; i++) {
      // One or two positives: no row is empty or full (a report of a few thousand findings).
      const v = [i % 2, 1 - (i % 2), (i * 5) % 13 === 0 ? 1 : 0];
      // Every 1,000th row repeats one 1,000,000 rows earlier: duplicates across the cut.
      rows.push(`img/${String(i % 1000 === 999 && i > 1_000_000 ? i - 1_000_000 : i).padStart(8, "0")}.jpg\t${v.join(",")}`);
    }
    const text = `${rows.join("\n")}\n`;
    const path = write("large.txt", text);
    // Worth two parts: over 2 × 16 MiB and 2 × 1,000,000 rows.
    expect(partsFor({ jobs: 2 }, Buffer.byteLength(text), meanLineBytes(Buffer.from(text.slice(0, 1 << 20))))).toBe(2);
    const one = await runCli(["check", path, "--reporter", "json", "--jobs", "1"], { cwd: dir });
    const two = await runCli(["check", path, "--reporter", "json", "--jobs", "2"], { cwd: dir });
    // The default: every core (two parts of this file on a 2-core machine).
    const auto = await runCli(["check", path, "--reporter", "json"], { cwd: dir });
    for (const run of [two, auto]) {
      expect(run.stderr).toBe("");
      expect(run.stdout).toBe(one.stdout);
      expect(run.code).toBe(one.code);
    }
    expect((JSON.parse(one.stdout) as { summary: { errorCount: number } }).summary.errorCount).toBeGreaterThan(100);
  }, 60_000);

  // Every label file the suite's fixtures hold (expected outputs aside), read as `check FILE` reads it:
  // line formats are cut, the others are read whole either way.
  const fixtureFiles = (readdirSync(fixture(""), { recursive: true, encoding: "utf8" }) as string[])
    .filter((f) => /\.(txt|csv|tsv|json)$/.test(f) && !/(^|\/)(expected[^/]*|case\.json)$/.test(f) && !f.includes("/expected/"))
    .sort();
  it(`every fixture file (${fixtureFiles.length})`, async () => {
    expect(fixtureFiles.length).toBeGreaterThan(50);
    for (const file of fixtureFiles) {
      const path = join(fixture(""), file);
      const one = await json([path], { jobs: 1 });
      for (const jobs of [2, 3, 4]) expect(await json([path], { jobs, minPartBytes: 1, minPartRows: 1 }), `${relative(fixture(""), path)} --jobs ${jobs}`).toBe(one);
    }
  }, 120_000);

  it("every train/eval pair in the fixtures", async () => {
    for (const pair of ["nus-wide-scene", "images-sample"]) {
      const inputs = [{ path: join(fixture(pair), "train_list.txt"), options: { split: "train" as const } }, { path: join(fixture(pair), "eval_list.txt"), options: { split: "eval" as const } }];
      await expectSame(inputs, {});
    }
  });

  it("cuts only what is worth a thread, and never a stream or an observed read", () => {
    expect(partsFor({ jobs: 4 }, 100 << 20)).toBe(4);
    expect(partsFor({ jobs: 4 }, 40 << 20)).toBe(2);
    expect(partsFor({ jobs: 4 }, 10 << 20)).toBe(1);
    expect(partsFor({}, 100 << 20)).toBe(1);
    expect(partsFor({ jobs: 4, transientInput: true }, 100 << 20)).toBe(1);
    expect(partsFor({ jobs: 4, onChunk: () => undefined }, 100 << 20)).toBe(1);
  });

  it("cuts a file into parts of enough rows: short lines into more, long lines into fewer", () => {
    // 1M rows of 93 bytes (C=33): one part; 2M: two; 200k rows of 2 KB (C=1000): one.
    expect(partsFor({ jobs: 4 }, 93_000_000, 93)).toBe(1);
    expect(partsFor({ jobs: 4 }, 186_000_000, 93)).toBe(2);
    expect(partsFor({ jobs: 4 }, 405_400_000, 2027)).toBe(1);
    expect(partsFor({ jobs: 4 }, 4_054_000_000, 2027)).toBe(2);
    expect(partsFor({ jobs: 4 }, 930_000_000, 93)).toBe(4);
    expect(partsFor({ jobs: 2, minPartRows: 1 }, 405_400_000, 2027)).toBe(2);
    // A head with no newline: one line as long as the head, at least.
    expect(meanLineBytes(Buffer.from("a\t0,1\nb\t1,0\n"))).toBe(6);
    expect(meanLineBytes(Buffer.alloc(1 << 20, 0x30))).toBe(1 << 20);
    expect(meanLineBytes(Buffer.alloc(0))).toBe(1);
  });

  it("a part's scan stops when told to (another part failed): it reads no further", async () => {
    const path = write("stopped.txt", makeList("paddleclas", 3000, 11));
    const stop = new AbortController();
    stop.abort();
    await expect(scanPart(path, "stopped.txt", { numClasses: C }, 0, 2, { signal: stop.signal })).rejects.toThrow(/abort/i);
    // Told while it reads (after its first mebibytes): the rest of its range is not read.
    const rows = Array.from({ length: 150_000 }, (_, i) => `img/${i}.jpg\t${i % C === 0 ? "1" : "0"},0,1,0,0,1`);
    const large = write("stopped-large.txt", `${rows.join("\n")}\n`);
    const during = new AbortController();
    let read = 0;
    const options: LintOptions = { numClasses: C, onProgress: (bytes) => ((read = bytes), during.abort()) };
    await expect(scanPart(large, "stopped-large.txt", options, 0, 1, { signal: during.signal })).rejects.toThrow(/abort/i);
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(statSync(large).size);
  });
});

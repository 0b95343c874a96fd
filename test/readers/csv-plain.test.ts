import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lintCanonical, lintFile } from "../../src/engine/lint.js";
import type { LintOptions } from "../../src/engine/options.js";
import { planPlainCsv } from "../../src/readers/csv-plain.js";
import { openCanonical } from "../../src/readers/records.js";
import type { FileResult } from "../../src/types.js";

// An unquoted CSV is linted straight from its bytes (readers/csv-plain.ts); every other CSV goes
// through csv-parse and a canonical copy. The two must agree on everything a report says.
const dir = mkdtempSync(join(tmpdir(), "labellint-csv-plain-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, content);
  return path;
}

/** The csv reader's report: csv-parse, canonical copy, engine. */
async function throughCsvReader(path: string, options: LintOptions): Promise<FileResult> {
  const canonical = await openCanonical(path, options, path);
  try {
    return await lintCanonical(canonical, options, path, path);
  } finally {
    await canonical.dispose();
  }
}

async function bothWays(content: string | Buffer, options: LintOptions = {}): Promise<{ plain: FileResult; reader: FileResult; planned: boolean }> {
  const path = file(content);
  const opts: LintOptions = { format: "csv", formatReason: "given with --format", statistics: true, ...options };
  const planned = (await planPlainCsv(path, opts.maxLineBytes ?? 1 << 20)) !== undefined;
  return { plain: await lintFile(path, opts), reader: await throughCsvReader(path, opts), planned };
}

const HEADER = "path,airport,beach,bridge\n";
const CASES: Record<string, string> = {
  "header and clean rows": `${HEADER}a.jpg,0,1,0\nb.jpg,1,0,0\nc.jpg,0,0,1\n`,
  "no header": "a.jpg,0,1,0\nb.jpg,1,0,0\nc.jpg,0,0,1\n",
  "a header without a path heading": "file,airport,beach,bridge\na.jpg,0,1,0\nb.jpg,1,1,0\n",
  "blank lines before the header, between rows and at the end": `\n  \n${HEADER}a.jpg,0,1,0\n\nb.jpg,1,0,0\n   \n\n`,
  "a whitespace-only line of no-break spaces (blank to the csv reader)": `${HEADER}a.jpg,0,1,0\n\u00a0\u00a0\nb.jpg,1,0,0\n`,
  "no final newline after a row": `${HEADER}a.jpg,0,1,0\nb.jpg,1,0,0`,
  "no final newline after a path-only line": `${HEADER}a.jpg,0,1,0\nb.jpg`,
  "no final newline after a blank line": `${HEADER}a.jpg,0,1,0\n   `,
  "lines without a comma": `${HEADER}a.jpg,0,1,0\njust-a-path.jpg\nb.jpg,1,0,0\n`,
  "defects of every kind": `${HEADER}a.jpg,0,1,0\nb.jpg,1,0\nc.jpg,0,2,0\nd.jpg, 1,0,0\ne.jpg,1.0,0,0\nf.jpg,0,0,0\ng.jpg,1,1,1\nh.jpg,0,1,0,\n,0,1,0\ni.jpg,-1,0,1\nimages\\\\j.jpg,0,1,0\n# a comment,0,0,0\nk.jpg,,1,0\n`,
  "duplicates and conflicts": `${HEADER}a.jpg,0,1,0\nb.jpg,1,0,0\na.jpg,0,1,0\nb.jpg,0,0,1\n./a.jpg,0,1,0\n`,
  "non-ASCII paths": `${HEADER}画像/猫.jpg,0,1,0\nimágenes/b.jpg,1,0,0\n`,
  "a header only": HEADER,
  "a header row later in the file": `a.jpg,0,1,0\npath,airport,beach,bridge\nb.jpg,1,0,0\n`,
  "NUL bytes": `${HEADER}a\u0000.jpg,0,1,0\nb.jpg,1,0,0\n`,
  "one value per line": "a.jpg,1\nb.jpg,0\nc.jpg,1\n",
};

describe("an unquoted CSV read without csv-parse", () => {
  for (const [name, content] of Object.entries(CASES)) {
    it(`reports exactly what the csv reader reports: ${name}`, async () => {
      const { plain, reader, planned } = await bothWays(content);
      expect(planned).toBe(true);
      expect(plain).toEqual(reader);
      if (name === "defects of every kind") expect(Object.keys(plain.counts).length).toBeGreaterThan(8);
    });
  }

  it("agrees with C and class names given, and with a wrong C", async () => {
    const content = `${HEADER}a.jpg,0,1,0\nb.jpg,1,0,0\n`;
    for (const options of [{ numClasses: 3 }, { numClasses: 4 }, { classNames: ["x", "y", "z"] }]) {
      const { plain, reader } = await bothWays(content, options);
      expect(plain).toEqual(reader);
    }
  });

  it("agrees where lines and first commas straddle the 1 MiB read boundary", async () => {
    // Rows of varying length so that, somewhere past 1 MiB, a line is cut by the read before its
    // first comma, after it, and a path-only line is cut before its newline.
    const rows: string[] = [HEADER.trimEnd()];
    let bytes = HEADER.length;
    let i = 0;
    while (bytes < (1 << 20) + 4096) {
      const path = `images/${"x".repeat(i % 97)}_${i}.jpg`;
      const line = i % 501 === 7 ? path : `${path},${i % 2},${(i >> 1) % 2},${(i >> 2) % 2}`;
      rows.push(line);
      bytes += line.length + 1;
      i++;
    }
    for (const shift of [0, 13, 97]) {
      const content = `${"\n".repeat(shift)}${rows.join("\n")}\n`;
      const { plain, reader, planned } = await bothWays(content);
      expect(planned).toBe(true);
      expect(plain).toEqual(reader);
    }
  });

  it("agrees over several reads: a line longer than one read, UTF-8 cut by a read, no final newline", async () => {
    const rows: string[] = [HEADER.trimEnd()];
    for (let i = 0; i < 40_000; i++) rows.push(i % 3001 === 5 ? `imágenes/画像_${i}.jpg,0,1,0` : `images/${i}.jpg,${i % 2},${(i >> 1) % 2},0`);
    // A 2.5 MB line (the reads are 1 MiB): its row is carried through three reads.
    rows.splice(20_000, 0, `long.jpg,${"0,".repeat(1_250_000)}1`);
    for (const shift of [0, 1]) {
      const content = `${"é".repeat(shift)}x.jpg,0,0,1\n${rows.join("\n")}`;
      const { plain, reader, planned } = await bothWays(content, { maxLineBytes: 4 << 20 });
      expect(planned).toBe(true);
      expect(plain).toEqual(reader);
    }
    // Invalid UTF-8 two reads in: the plan gives up, the csv reader reads it.
    const bad = Buffer.concat([Buffer.from(rows.slice(0, 30_000).join("\n")), Buffer.from([0x0a, 0x61, 0xff, 0x2c, 0x31, 0x0a])]);
    expect((await bothWays(bad, { maxLineBytes: 4 << 20 })).planned).toBe(false);
  });

  it("leaves to the csv reader what it alone reads right: quotes, TABs, CRs, a BOM, invalid UTF-8, an empty file", async () => {
    for (const content of [
      `${HEADER}"a, b.jpg",0,1,0\n`,
      `${HEADER}a.jpg,0,1,0\r\nb.jpg,1,0,0\r\n`,
      `${HEADER}a\t.jpg,0,1,0\n`,
      `\uFEFF${HEADER}a.jpg,0,1,0\n`,
      Buffer.concat([Buffer.from(`${HEADER}a`), Buffer.from([0xff, 0xfe]), Buffer.from(".jpg,0,1,0\n")]),
      "",
    ]) {
      const { plain, reader, planned } = await bothWays(content);
      expect(planned).toBe(false);
      expect(plain).toEqual(reader);
    }
  });
});

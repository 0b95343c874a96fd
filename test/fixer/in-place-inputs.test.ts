/**
 * `fix` and `convert` read an unquoted CSV and an index list of plain lines
 * in place, as `check` does (no csv-parse, no canonical copy). That must
 * change nothing they write: the output, the rejects file (rows as the
 * input has them), the plan, the counts and a refusal are the same as
 * through the readers (`generalLines`), on every kind of defect.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { convert } from "../../src/convert/convert.js";
import { fix, type FixOptions } from "../../src/fixer/fix.js";
import { fixture, seededRandom } from "../shared.js";
import { scratchDir } from "../shards/lists.js";

const scratch = scratchDir("labellint-in-place-");
const tmp = scratch.dir;
let n = 0;
/** A new file each time (the same name over again stays apart). */
const write = (name: string, content: string): string => scratch.write(`${n++}-${name}`, content);
const readIf = (path: string): string | undefined => (existsSync(path) ? readFileSync(path, "latin1") : undefined);

/** What fix gives, written and returned, or the error it throws. */
async function fixed(input: string, options: FixOptions): Promise<unknown> {
  const out = join(tmp, `out-${n++}.txt`);
  try {
    const r = await fix(input, { ...options, out, plan: `${out}.plan.json` });
    return { counts: r.counts, plan: r.plan, refused: r.refused, output: readIf(out), rejects: readIf(`${out}.rejects.tsv`), after: r.after?.problems.map((p) => `${p.line}:${p.rule}`) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

async function converted(input: string, options: FixOptions): Promise<unknown> {
  const out = join(tmp, `conv-${n++}.txt`);
  try {
    const r = await convert([input], { ...options, to: "paddleclas", out, force: true });
    return { counts: r.counts, rejected: r.rejected, output: readIf(out), rejects: readIf(`${out}.rejects.tsv`) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

async function expectSame(input: string, options: FixOptions, what: string): Promise<void> {
  for (const unsafeFixes of [false, true]) {
    const inPlace = await fixed(input, { ...options, unsafeFixes });
    expect(inPlace, `${what}: fix${unsafeFixes ? " --unsafe-fixes" : ""}`).toEqual(await fixed(input, { ...options, unsafeFixes, generalLines: true }));
  }
  expect(await converted(input, options), `${what}: convert`).toEqual(await converted(input, { ...options, generalLines: true }));
}

const HEADER = "path,airport,beach,bridge\n";
const CSV: Record<string, string> = {
  "defects of every kind": `${HEADER}a.jpg,0,1,0\nb.jpg,1,0\nc.jpg,0,2,0\nd.jpg, 1,0,0\ne.jpg,1.0,0,0\nf.jpg,0,0,0\ng.jpg,1,1,1\nh.jpg,0,1,0,\n,0,1,0\ni.jpg,-1,0,1\nimages\\\\j.jpg,0,1,0\n# a comment,0,0,0\nk.jpg,,1,0\n/abs/l.jpg,1,0,0\n../m.jpg,0,0,1\n`,
  "duplicates and conflicts": `${HEADER}a.jpg,0,1,0\nb.jpg,1,0,0\na.jpg,0,1,0\nb.jpg,0,0,1\n./a.jpg,0,1,0\n`,
  "blank lines, no header, no final newline": "\na.jpg,0,1,0\n\nb.jpg,1,0,1\n   \nc.jpg,1,2,0",
  "a header row later in the file, lines without a comma": `a.jpg,0,1,0\npath,airport,beach,bridge\nb.jpg,1,0,0\njust-a-path.jpg\n`,
  "non-ASCII paths": `${HEADER}画像/猫.jpg,0,1,0\nimágenes/b.jpg,1,0,0\n画像/猫.jpg,1,1,0\n`,
  "every row rejected": `${HEADER}a.jpg,2,0,0\nb.jpg,0,3,0\n`,
};

describe("fix and convert read an unquoted CSV in place, and write what the csv reader's way writes", () => {
  for (const [name, content] of Object.entries(CSV)) {
    it(name, async () => {
      await expectSame(write("in.csv", content), { format: "csv" }, name);
    });
  }

  it("a list over a megabyte, with defects past the first read", async () => {
    const next = seededRandom(7);
    const rows = [HEADER.trimEnd()];
    for (let i = 0; i < 30_000; i++) {
      const values: number[] = [0, 1, 2].map(() => (next() < 0.3 ? 1 : 0));
      if (i % 4001 === 3) values[1] = 2;
      rows.push(`images/${"x".repeat(i % 37)}_${i % 29_000}.jpg,${values.join(",")}`);
    }
    const file = write("big.csv", `${rows.join("\n")}\n`);
    expect(readFileSync(file).length).toBeGreaterThan(1 << 20);
    await expectSame(file, { format: "csv" }, "big csv");
  });
});

describe("fix and convert read an index list of plain lines in place, and write what the index-list reader writes", () => {
  it("on every index-list fixture, C given and inferred", async () => {
    const files = (readdirSync(fixture(""), { recursive: true, encoding: "utf8" }) as string[]).filter((f) => /\.indices\.txt$/.test(f)).map((f) => join(fixture(""), f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      await expectSame(file, { format: "indices" }, file);
      await expectSame(file, { format: "indices", numClasses: 40 }, `${file} at C=40`);
    }
  });

  it("on plain lines with duplicates, conflicts and unsafe paths", async () => {
    const file = write("plain.txt", "a.jpg\t0,2\nb.jpg\t1\na.jpg\t0,2\nb.jpg\t2\n/abs/c.jpg\t0\nd.jpg\t\n\ne.jpg\t1,2\n");
    await expectSame(file, { format: "indices", numClasses: 3 }, "plain index lines");
  });
});

/**
 * Whitespace before the path of a line is not part of the path: PaddleClas
 * strip()s the line and HashNet/DeepHash split() it, so ` a.jpg 0 1 1` names
 * `a.jpg`, and check finds nothing wrong with it. fix, convert and split took
 * the path from the start of the line: a spaced list's row was rejected
 * ("the image path contains whitespace", exit 0 with a sample gone), a CSV or
 * index list named ` a.jpg`, and fix and apply of the same plan wrote
 * different bytes (apply already started at the path).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { convert } from "../../src/convert/convert.js";
import { applyPlan } from "../../src/fixer/apply.js";
import { fix } from "../../src/fixer/fix.js";
import { split } from "../../src/split/split.js";
import { scratchDir } from "../shards/lists.js";

const scratch = scratchDir("labellint-leading-space-");
let n = 0;

function staged(name: string, text: string): { dir: string; input: string } {
  const dir = join(scratch.dir, String(n++));
  mkdirSync(dir, { recursive: true });
  const input = join(dir, name);
  writeFileSync(input, text);
  return { dir, input };
}

const SPACED = " a.jpg 0 1 1\nc.jpg 1 0 1\nd.jpg 1 1 0\n";
const PADDLECLAS = "  a.jpg\t0,1,1\nc.jpg\t1,0,1\nd.jpg\t1,1,0\n";

describe("whitespace before the path", () => {
  it("fix keeps the row of a spaced list, written without it", async () => {
    const { dir, input } = staged("train.txt", SPACED);
    const out = join(dir, "fixed.txt");
    const result = await fix(input, { out });
    expect(result.counts).toMatchObject({ rowsOut: 3, rowsRejected: 0 });
    expect(readFileSync(out, "utf8")).toBe("a.jpg 0 1 1\nc.jpg 1 0 1\nd.jpg 1 1 0\n");
  });

  it("convert writes the path the reader reads, in every format", async () => {
    const { dir, input } = staged("train.txt", PADDLECLAS);
    const expected: Record<string, string> = {
      spaced: "a.jpg 0 1 1\nc.jpg 1 0 1\nd.jpg 1 1 0\n",
      csv: "path,0,1,2\na.jpg,0,1,1\nc.jpg,1,0,1\nd.jpg,1,1,0\n",
      indices: "a.jpg\t1,2\nc.jpg\t0,2\nd.jpg\t0,1\n",
    };
    for (const [to, text] of Object.entries(expected)) {
      const out = join(dir, `out.${to}`);
      const result = await convert(input, { to: to as "spaced", out });
      expect(result.counts, to).toMatchObject({ rowsOut: 3, rowsRejected: 0 });
      expect(readFileSync(out, "utf8"), to).toBe(text);
    }
  });

  it("split keeps the row", async () => {
    const { dir, input } = staged("all.txt", SPACED);
    const outDir = join(dir, "splits");
    await split(input, { ratios: [0.5, 0.5], outDir, names: ["train", "eval"] });
    const written = readFileSync(join(outDir, "train.txt"), "utf8") + readFileSync(join(outDir, "eval.txt"), "utf8");
    expect(written.split("\n").filter(Boolean).sort()).toEqual(["a.jpg 0 1 1", "c.jpg 1 0 1", "d.jpg 1 1 0"]);
  });

  it("fix and apply of its plan write the same bytes", async () => {
    const { dir, input } = staged("train.txt", SPACED);
    const plan = join(dir, "plan.json");
    await fix(input, { out: join(dir, "fixed.txt"), plan, to: "paddleclas" });
    await applyPlan(plan, { out: join(dir, "applied.txt") });
    expect(readFileSync(join(dir, "fixed.txt"), "utf8")).toBe("a.jpg\t0,1,1\nc.jpg\t1,0,1\nd.jpg\t1,1,0\n");
    expect(readFileSync(join(dir, "applied.txt"), "utf8")).toBe(readFileSync(join(dir, "fixed.txt"), "utf8"));
  });
});

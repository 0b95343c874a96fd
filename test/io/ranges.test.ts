import { mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shardRange, type ByteRange } from "../../src/io/ranges.js";

describe("shardRange: newline-aligned byte ranges of a file", () => {
  let dir: string;
  let file: string;
  let bytes: Buffer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "labellint-ranges-"));
    file = join(dir, "list.txt");
    // Lines of varied lengths, so cuts land inside lines.
    const lines = Array.from({ length: 5000 }, (_, i) => `img/${i}.jpg\t${"0,".repeat(i % 37)}1`);
    bytes = Buffer.from(`${lines.join("\n")}\n`);
    await writeFile(file, bytes);
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  async function ranges(count: number, lead = 0): Promise<ByteRange[]> {
    const handle = await open(file, "r");
    try {
      return await Promise.all(Array.from({ length: count }, (_, i) => shardRange(handle, bytes.length, i, count, lead)));
    } finally {
      await handle.close();
    }
  }

  it.each([
    [1, 0],
    [2, 0],
    [3, 0],
    [7, 0],
    [2, 0.25],
    [4, 0.25],
    [3, 2],
  ])("%i ranges (lead %d) tile the file and start at line starts", async (count, lead) => {
    const got = await ranges(count, lead);
    expect(got[0]!.start).toBe(0);
    expect(got.at(-1)!.end).toBe(bytes.length);
    for (let i = 1; i < got.length; i++) {
      expect(got[i]!.start).toBe(got[i - 1]!.end);
      expect(bytes[got[i]!.start - 1]).toBe(10);
    }
  });

  it("with a lead, the first range holds 1 + lead shares and the others one each", async () => {
    const [first, ...rest] = await ranges(3, 0.5);
    const share = bytes.length / 3.5;
    expect(first!.end - first!.start).toBeGreaterThan(1.5 * share - 200);
    expect(first!.end - first!.start).toBeLessThan(1.5 * share + 200);
    for (const r of rest) expect(Math.abs(r.end - r.start - share)).toBeLessThan(200);
  });
});

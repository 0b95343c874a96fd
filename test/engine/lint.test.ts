import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { describe, expect, it } from "vitest";
import { lintText } from "../../src/engine/lint.js";
import { createLintStream } from "../../src/engine/lint-stream.js";
import type { FileResult } from "../../src/types.js";
import { paddleRows } from "../rule-tester.js";

/** Tiny inputs make every class "rare"; these tests are about other things. */
const NO_RARE = { "rare-class": "off" } as const;

const tuples = (r: FileResult) => r.problems.map((p) => [p.line ?? null, p.rule]);

/** Feeds `bytes` through the stream API in chunks of `size` bytes. */
async function viaStream(bytes: Buffer, size: number, options = {}): Promise<FileResult> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  const stream = createLintStream(options);
  const results: FileResult[] = [];
  await pipeline(Readable.from(chunks), stream, async function* (source: AsyncIterable<FileResult>) {
    for await (const r of source) results.push(r);
  });
  expect(results).toHaveLength(1);
  return results[0]!;
}

describe("lintText", () => {
  it("handles an empty file without a crash: one finding, no rows", async () => {
    const r = await lintText("");
    expect(r).toMatchObject({ lines: 0, rows: 0 });
    expect(r.problems.map((p) => p.rule)).toEqual(["no-rows"]);
    expect(r.shape.ok).toBe(false);
    expect(r.shape.reasons).toContain("no data rows");
  });

  it("reads a last line without a final newline and says so", async () => {
    const r = await lintText("a.jpg\t0,1\nb.jpg\t1,0", { rules: NO_RARE });
    expect(r.rows).toBe(2);
    expect(tuples(r)).toEqual([[2, "line-ending"]]);
    expect(r.problems[0]!.message).toContain("no newline at the end");
  });

  it("strips a BOM and CR from values: CRLF file is one line-ending finding, values are clean", async () => {
    const r = await lintText("\uFEFFa.jpg\t0,1\r\nb.jpg\t1,0\r\nc.jpg\t1,1\r\n", { rules: NO_RARE });
    expect(tuples(r).sort()).toEqual([[1, "bom"], [1, "line-ending"], [3, "full-labelset"]].sort());
    expect(r.stats.positives).toEqual([2, 2]);
  });

  it("reports NUL bytes and invalid UTF-8 by line, and keeps going", async () => {
    const bytes = Buffer.concat([Buffer.from("a.jpg\t0,1\nb"), Buffer.from([0]), Buffer.from(".jpg\t1,0\nc\xff.jpg\t1,0\n", "latin1"), Buffer.from("d.jpg\t1,0\n")]);
    const r = await lintText(bytes, { numClasses: 2, rules: NO_RARE });
    expect(tuples(r)).toEqual([
      [2, "invalid-encoding"],
      [3, "invalid-encoding"],
    ]);
    expect(r.problems[1]!.message).toContain("0xFF");
    expect(r.rows).toBe(4);
  });

  it("bounds memory on a line longer than the limit and reports it", async () => {
    const long = `big.jpg\t${"0,".repeat(5000)}1\n`;
    const r = await lintText(`a.jpg\t0,1\n${long}b.jpg\t1,0\n`, { maxLineBytes: 1000, numClasses: 2, rules: NO_RARE });
    expect(tuples(r)).toEqual([[2, "line-too-long"]]);
    expect(r.problems[0]!.message).toContain(`${(long.length - 1).toLocaleString("en-US")} bytes`);
  });

  it("detects the format and says why", async () => {
    const spaced = await lintText("a.jpg 0 1 0\nb.jpg 1 0 0\n");
    expect(spaced.format).toBe("spaced");
    expect(spaced.formatReason).toMatch(/2 of 2 sampled lines are a path followed by whitespace-separated values/);
    const paddle = await lintText("a.jpg\t0,1,0\nb.jpg\t1,0,0\n");
    expect(paddle.format).toBe("paddleclas");
    expect(paddle.formatReason).toMatch(/2 of 2 sampled lines are path<TAB>comma-separated values/);
  });

  it("infers C as the most common width and labels it inferred", async () => {
    const r = await lintText("a.jpg\t0,1,0\nb.jpg\t1,0,0\nc.jpg\t1,0\n");
    expect(r.numClasses).toBe(3);
    expect(r.numClassesSource).toBe("inferred");
    expect(r.numClassesReason).toMatch(/2 of 3 sampled rows have 3 values/);
    expect(tuples(r)).toContainEqual([3, "label-count"]);
  });

  it("treats a file of -1/1 as one signed-encoding finding, not an error per line", async () => {
    const text = Array.from({ length: 30 }, (_, i) => `i${i}.jpg\t${i % 2 ? "1,-1" : "-1,1"}`).join("\n") + "\n";
    const r = await lintText(text);
    expect(r.counts).toEqual({ "signed-encoding": 1 });
    expect(r.shape.binary).toBe(false);
  });

  it("reports a stray -1 in a 0/1 file as non-binary on its line", async () => {
    const r = await lintText(`${paddleRows(40, 2)}x.jpg\t-1,1\n`);
    expect(r.counts["non-binary-value"]).toBe(1);
    expect(r.counts["signed-encoding"]).toBeUndefined();
  });

  it("confirms duplicates after path normalisation (./a and a, \\ and /)", async () => {
    const r = await lintText("./img/a.jpg\t0,1\nimg\\b.jpg\t1,0\nimg/a.jpg\t0,1\nimg/b.jpg\t1,1\n", { rules: { "backslash-path": "off", ...NO_RARE } });
    expect(tuples(r).filter(([, rule]) => rule !== "full-labelset")).toEqual([
      [3, "duplicate-path"],
      [4, "conflicting-duplicate"],
    ]);
    expect(r.problems.find((p) => p.rule === "duplicate-path")!.row).toBe(2);
  });

  it("gives logical row indices that skip blank lines", async () => {
    const r = await lintText("a.jpg\t0,1\n\nb.jpg\t1,0,1\n", { numClasses: 2 });
    const count = r.problems.find((p) => p.rule === "label-count")!;
    expect(count).toMatchObject({ line: 3, row: 1 });
  });

  it("gives the same result through the stream API whatever the chunk size", async () => {
    const text = `\uFEFF${paddleRows(50, 4)}\nbad.jpg\t0,2,0,1\r\ndup.jpg\t0,1,0,0\nimg/00003.jpg\t0,0,0,1\n`;
    const bytes = Buffer.from(text);
    const whole = await lintText(bytes, {}, "<stream>");
    for (const size of [1, 2, 3, 7, 64, 1 << 20]) {
      const streamed = await viaStream(bytes, size);
      expect(tuples(streamed), `chunk size ${size}`).toEqual(tuples(whole));
      expect(streamed.stats).toEqual(whole.stats);
    }
  });

  it("keeps exact counts when the listing is capped", async () => {
    const text = Array.from({ length: 20 }, (_, i) => `i${i}.jpg\t0,0`).join("\n") + "\nz.jpg\t1,1\n";
    const r = await lintText(text, { maxProblemsPerRule: 5 });
    expect(r.counts["empty-labelset"]).toBe(20);
    expect(r.problems.filter((p) => p.rule === "empty-labelset")).toHaveLength(5);
    expect(r.omitted).toBe(15);
  });

  it("rejects an unknown rule or bad options as LabellintError", async () => {
    await expect(lintText("a\t0\n", { rules: { nope: "off" } })).rejects.toMatchObject({ code: "LL_UNKNOWN_RULE" });
    await expect(lintText("a\t0\n", { rules: { "rare-class": ["warn", { minPositives: "x" }] } })).rejects.toMatchObject({
      code: "LL_INVALID_OPTION",
    });
  });
});

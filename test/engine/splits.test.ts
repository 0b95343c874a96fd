import { describe, expect, it } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lintFile, lintText } from "../../src/engine/lint.js";
import { SplitIndex } from "../../src/engine/splits.js";
import { lineFormats } from "../../src/readers/index.js";
import { paddleRows } from "../rule-tester.js";

describe("SplitIndex", () => {
  it("indexes a re-readable train file by path hash only, and confirms eval matches by re-reading", async () => {
    const splits = new SplitIndex();
    const train = "./imgs\\a.jpg\t1,0\nimgs/b.jpg\t0,1\n" + paddleRows(5000, 2, 100);
    await lintText(train, { split: "train", splits }, "train_list.txt");
    expect(splits.hasPathKeys).toBe(false);
    expect(splits.size).toBe(5002);
    const evaluation = await lintText("imgs/a.jpg\t1,0\nimgs/c.jpg\t0,1\nimg/04000.jpg\t1,0\n", { split: "eval", splits }, "eval_list.txt");
    const leaks = evaluation.problems.filter((p) => p.rule === "split-leakage");
    expect(leaks.map((p) => [p.line, p.message])).toEqual([
      [1, "'imgs/a.jpg' is also in the train split (line 1 of train_list.txt): the model is evaluated on an image it trained on"],
      [3, "'img/04000.jpg' is also in the train split (line 3903 of train_list.txt): the model is evaluated on an image it trained on"],
    ]);
    expect(leaks[0]).toMatchObject({ row: 0, column: 1, length: 10, source: "imgs/a.jpg\t1,0" });
    expect(leaks[0]?.fix?.edits).toEqual([{ kind: "drop-line", line: 1, reason: "also in train_list.txt line 1", notARow: false }]);
  });

  it("drops a candidate whose re-read train line has another path (a hash collision)", async () => {
    const splits = new SplitIndex();
    // The reader hands back a different line than the one indexed, as a colliding hash would.
    splits.beginTrainFile("train_list.txt", {
      reader: async (lines) => new Map(lines.map((line) => [line, { bytes: Buffer.from("other.jpg\t1,0"), nonBlankBefore: line - 1 }])),
      format: lineFormats.paddleclas,
    });
    splits.addTrainRow(0x12345678, 0x9abcdef0, 7, () => "a.jpg");
    const hit = splits.trainRowByHash(0x12345678, 0x9abcdef0);
    expect(hit).toEqual({ file: 0, line: 7 });
    splits.addCandidate({ file: "eval_list.txt", line: 1, row: 0, path: "a.jpg", key: "a.jpg", source: "a.jpg\t1,0", trainFile: hit!.file, trainLine: hit!.line });
    await splits.confirm();
    expect(splits.leaksOf("eval_list.txt")).toEqual([]);
  });

  it("keeps the first sighting, and grows past its first table size", () => {
    const splits = new SplitIndex();
    splits.beginTrainFile("t.txt", { reader: async () => new Map(), format: lineFormats.paddleclas });
    for (let i = 0; i < 20000; i++) splits.addTrainRow(i * 2654435761, i, i + 1, () => `p${i}`);
    splits.addTrainRow(0, 0, 99999, () => "p0");
    expect(splits.size).toBe(20000);
    expect(splits.trainRowByHash(0, 0)).toEqual({ file: 0, line: 1 });
    expect(splits.trainRowByHash((19999 * 2654435761) | 0, 19999)).toEqual({ file: 0, line: 20000 });
    expect(splits.trainRowByHash(1, 1)).toBeUndefined();
  });

  it("keeps keys as strings for a train file that is gone after linting, and still finds leaks exactly", async () => {
    const dir = await mkdtemp(join(tmpdir(), "labellint-splits-"));
    try {
      const train = join(dir, "train_list.txt");
      await writeFile(train, "./x\\y.jpg\t1,0\nb.jpg\t0,1\n");
      const splits = new SplitIndex();
      await lintFile(train, { split: "train", splits, transientInput: true }, "<stdin>");
      expect(splits.hasPathKeys).toBe(true);
      await rm(train);
      const evaluation = await lintText("x/y.jpg\t1,0\n", { split: "eval", splits }, "eval_list.txt");
      expect(evaluation.problems.filter((p) => p.rule === "split-leakage").map((p) => p.message)).toEqual([
        "'x/y.jpg' is also in the train split (line 1 of <stdin>): the model is evaluated on an image it trained on",
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

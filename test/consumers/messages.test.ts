import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintFile, lintText } from "../../src/engine/lint.js";
import type { FileResult } from "../../src/types.js";
import type { LintOptions } from "../../src/engine/options.js";
import { HAS_SHARED, SHARED, sharedTitle } from "../shared.js";

/** Every line of this file is something a reader trips over. */
const DEFECTS_SPACED = [
  "\uFEFFpath airport beach sky",
  "# a comment",
  "",
  "images/a.jpg 1 0 0",
  "images/b.jpg 1.0 0 0",
  "images/c.jpg 2 0 1",
  "images/d.jpg -1 0 1",
  "images/e.jpg 0 1",
  "images/f.jpg 0,1,0",
  "images\\g.jpg 0 0 1",
  "images/a.jpg 0 1 1",
  "images/h.jpg true 0 1\r",
  "images/i.jpg [0 1 0]",
].join("\n");

function messagesOf(result: FileResult): string[] {
  return result.problems.map((p) => `${p.rule}: ${p.message}`);
}

describe("messages name the consumer in play, never PaddleClas for a file PaddleClas does not read", () => {
  const cases: [string, string | Buffer, LintOptions][] = [
    ["a defective HashNet list (spaced)", DEFECTS_SPACED, { numClasses: 3 }],
    ["the same list as CSV", DEFECTS_SPACED.replace(/ /g, ","), { format: "csv" }],
    ["an index list", "images/a.jpg\t0,2\nimages/b.jpg\t5\nimages/b.jpg\t1\n\n# x\nimages/c.jpg\t1,1\n", { format: "indices", numClasses: 3 }],
    ["an mmpretrain annotation file", '\uFEFF{"data_list": [{"img_path": "a\\\\b.jpg", "gt_label": [0, 0, 7]}, {"img_path": "a\\\\b.jpg", "gt_label": [1]}]}', { format: "json", numClasses: 3 }],
    ["a PaddleClas list read by a custom loader (--consumer generic)", DEFECTS_SPACED.replace(/ /, "\t").replace(/(\S) (?=\S)/g, "$1,"), { consumer: "generic", numClasses: 3 }],
  ];
  for (const [name, text, options] of cases) {
    it(name, async () => {
      const result = await lintText(text, options, "list.txt");
      expect(result.problems.length).toBeGreaterThan(3);
      for (const message of messagesOf(result)) expect(message).not.toMatch(/PaddleClas|np\.int64|MultiLabelDataset/);
    });
  }

  it("and names it, with what it does, when PaddleClas reads the file", async () => {
    const result = await lintText(DEFECTS_SPACED, { consumer: "paddleclas", numClasses: 3 }, "list.txt");
    expect(result.consumer).toBe("paddleclas");
    expect(result.problems.some((p) => p.rule === "wrong-format" && /PaddleClas reads every line as path<TAB>/.test(p.message))).toBe(true);
  });

  it.skipIf(!HAS_SHARED)(sharedTitle("on every real list in ../shared/data/real, read as what it is"), async () => {
    const dir = join(SHARED, "data", "real");
    for (const name of readdirSync(dir).filter((n) => n.endsWith(".txt"))) {
      const result = await lintFile(join(dir, name), {});
      expect(result.consumer, name).toBe("imagelist");
      for (const message of messagesOf(result)) expect(message, name).not.toMatch(/PaddleClas/);
    }
  });
});

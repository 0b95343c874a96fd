import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { lint } from "../../src/engine/lint.js";
import { SimilarIndex, hammingDistance } from "../../src/images/similar.js";
import { cropped, picture, reencoded, resized } from "../images/generate.js";
import { runRuleTests } from "../rule-tester.js";

// Train pictures t1–t3; eval copies of t1 (re-encoded, resized, cropped), a picture of its own, a byte copy, a flat picture.
const root = mkdtempSync(join(tmpdir(), "labellint-similar-"));
mkdirSync(join(root, "images"));
const t1 = await picture(1);
const files: Record<string, Buffer> = {
  "t1.jpg": t1,
  "t2.jpg": await picture(2),
  "t3.png": await picture(3, "png"),
  "reencoded.jpg": await reencoded(t1, 40),
  "resized.jpg": await resized(t1, 0.5),
  "cropped.jpg": await cropped(t1, 0.1),
  "other.jpg": await picture(7),
  "copy.jpg": t1,
  "flat-a.png": await sharp({ create: { width: 32, height: 32, channels: 3, background: "#808080" } }).png().toBuffer(),
  "flat-b.png": await sharp({ create: { width: 16, height: 16, channels: 3, background: "#202020" } }).png().toBuffer(),
};
for (const [name, bytes] of Object.entries(files)) writeFileSync(join(root, "images", name), bytes);

const train = "images/t1.jpg\t1,0\nimages/t2.jpg\t0,1\nimages/t3.png\t1,1\nimages/flat-a.png\t1,0\n";
const similar = { similarImages: true, imageRoot: root, numClasses: 2 };

runRuleTests("near-duplicate-leakage", {
  valid: [
    { name: "pictures of their own", train, text: "images/other.jpg\t1,0\nimages/t2-missing.jpg\t0,1\n", options: similar },
    { name: "not looked for without --similar-images", train, text: "images/reencoded.jpg\t1,0\n", options: { decodeImages: true, imageRoot: root, numClasses: 2 } },
    { name: "the same path is split-leakage's finding", train, text: "images/t1.jpg\t1,0\n", options: similar },
    { name: "the same bytes under another name is split-leakage's finding (with --hash-images)", train, text: "images/copy.jpg\t1,0\n", options: { ...similar, hashImages: true } },
    { name: "flat pictures are not compared (their hash is 0)", train, text: "images/flat-b.png\t1,0\n", options: similar },
    { name: "a copy beyond a threshold of 0", train, text: "images/resized.jpg\t1,0\n", options: { ...similar, similarThreshold: 0 } },
  ],
  invalid: [
    {
      name: "re-encoded, resized and cropped copies of a train picture",
      train,
      text: "images/reencoded.jpg\t1,0\nimages/other.jpg\t0,1\nimages/resized.jpg\t1,0\nimages/cropped.jpg\t1,0\n",
      options: similar,
      errors: [
        [1, "LL404"],
        [3, "LL404"],
        [4, "LL404"],
      ],
      fix: null,
      message: ["'images/reencoded.jpg' looks like images/t1.jpg (line 1 of train_list.txt;", "bits differ): a re-encoded, resized or cropped copy of a train image inflates eval scores"],
      check: (_r, [p]) => expect(p?.severity).toBe("warn"),
    },
  ],
});

describe("LL404 near-duplicate-leakage in a run", () => {
  it("names the train line of the copy across files (--similar-images implies decoding)", async () => {
    writeFileSync(join(root, "train.txt"), train);
    writeFileSync(join(root, "eval.txt"), "images/other.jpg\t0,1\nimages/resized.jpg\t1,0\n");
    const result = await lint([{ path: join(root, "eval.txt"), options: { split: "eval" } }, { path: join(root, "train.txt"), options: { split: "train" } }], { similarImages: true, numClasses: 2 });
    const found = result.files[0]!.problems.filter((p) => p.rule === "near-duplicate-leakage").map((p) => [p.line, p.message.replace(/; \d+ of 64.*/, "")]);
    expect(found).toEqual([[2, `'images/resized.jpg' looks like images/t1.jpg (line 1 of ${join(root, "train.txt")}`]]);
    expect(result.files[0]!.images?.decoded).toBe(2);
  });
});

describe("SimilarIndex", () => {
  it("finds every stored hash within the threshold and none beyond, as a full scan does", () => {
    let seed = 7;
    const next = (): bigint => {
      seed = (Math.imul(seed, 1664525) + 1013904223) | 0;
      return BigInt(seed >>> 0);
    };
    const stored = Array.from({ length: 300 }, () => (next() << 32n) | next());
    for (const threshold of [0, 3, 11]) {
      const index = new SimilarIndex<number>(threshold);
      stored.forEach((h, i) => index.add(h, i));
      for (let q = 0; q < 300; q++) {
        // A stored hash with `flips` random bits flipped.
        const flips = q % (threshold + 3);
        let query = stored[q]!;
        for (let f = 0; f < flips; f++) query ^= 1n << (next() % 64n);
        const scan = stored.map((h) => hammingDistance(h, query)).reduce((best, d) => Math.min(best, d), 64);
        const found = index.nearest(query);
        if (scan <= threshold) expect(found?.distance).toBe(scan);
        else expect(found).toBeUndefined();
      }
    }
  });

  it("refuses a threshold outside 0–63", () => {
    expect(() => new SimilarIndex(64)).toThrow(RangeError);
    expect(() => new SimilarIndex(-1)).toThrow(RangeError);
  });
});

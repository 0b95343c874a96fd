import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { lintText } from "../../src/engine/lint.js";
import { bitFlipped, grayPng, picture, truncatedMidFile, truncatedWithEnd } from "./generate.js";

let root: string;
const NAMES = ["ok.jpg", "gray.png", "cut.jpg", "cut-closed.jpg", "flipped.jpg", "cut.png", "flipped.png"];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "labellint-decode-"));
  mkdirSync(join(root, "images"));
  const jpeg = await picture(1);
  const png = await picture(2, "png");
  const bodies = [jpeg, await grayPng(png), truncatedMidFile(jpeg), truncatedWithEnd(jpeg), bitFlipped(jpeg), Buffer.concat([truncatedMidFile(png), png.subarray(png.length - 12)]), bitFlipped(png, 8)];
  NAMES.forEach((name, i) => writeFileSync(join(root, "images", name), bodies[i]!));
}, 30_000);

const list = (): string => NAMES.map((n, i) => `images/${n}\t${["1,0,0", "0,1,0", "0,0,1"][i % 3]}\n`).join("");
const found = (problems: { line?: number; rule: string; severity: string; message: string }[]) =>
  problems.filter((p) => p.line !== undefined).map((p) => [p.line, p.rule, p.severity, p.message.replace(/ \(.*|:.*/, "")]);

describe("LL505 unreadable-image with --decode-images", () => {
  it("without decoding, finds only the cut-off file whose tail shows it", async () => {
    const result = await lintText(list(), { checkImages: true, imageRoot: root, numClasses: 3 });
    // A baseline JPEG cut in its compressed data: cv2 decodes the part that is there (PaddleClas trains on it), a warning.
    expect(found(result.problems)).toEqual([[3, "unreadable-image", "warn", "image 'images/cut.jpg' is cut off inside its compressed data"]]);
    expect(result.images).toBeUndefined();
  });

  it("decoding, finds damage in the middle: undecodable is an error, data the decoder reports damaged a warning", async () => {
    const result = await lintText(list(), { decodeImages: true, imageRoot: root, numClasses: 3 });
    expect(found(result.problems)).toEqual([
      [3, "unreadable-image", "warn", "image 'images/cut.jpg' is cut off inside its compressed data"],
      [4, "unreadable-image", "warn", "image 'images/cut-closed.jpg' decodes with damaged data"],
      [5, "unreadable-image", "warn", "image 'images/flipped.jpg' decodes with damaged data"],
      [6, "unreadable-image", "error", "image 'images/cut.png' cannot be decoded"],
      [7, "unreadable-image", "error", "image 'images/flipped.png' cannot be decoded"],
    ]);
    expect(result.problems.find((p) => p.line === 4)?.message).toMatch(/decodes with damaged data \(.+\): part of the picture is garbage: cv2.imdecode warns and returns the damaged picture/);
  });

  it("reports the sizes and modes of the images that decoded", async () => {
    const result = await lintText(list(), { decodeImages: true, imageRoot: root, numClasses: 3 });
    expect(result.images).toEqual({ decoded: 2, minWidth: 128, maxWidth: 128, minHeight: 96, maxHeight: 96, grayscale: 1 });
  });

  it("keeps a chosen severity for damaged data", async () => {
    const result = await lintText(list(), { decodeImages: true, imageRoot: root, numClasses: 3, rules: { "unreadable-image": "error" } });
    // Chosen for the whole rule, it turns on what PaddleClas leaves off too: flipped.jpg's stray marker (FF 04), on which PIL fails (Pillow 9.4.0: "broken data stream").
    expect(result.problems.filter((p) => p.rule === "unreadable-image").map((p) => p.severity)).toEqual(["error", "error", "error", "error", "error", "error"]);
    expect(result.problems.find((p) => p.line === 5 && /PIL cannot decode/.test(p.message))?.message).toMatch(/^image 'images\/flipped\.jpg' is a JPEG with marker FF 04 after its image data/);
  });
});

describe("formats the decoder does not read", () => {
  it("a BMP keeps the 16-byte checks: no finding, not counted as decoded", async () => {
    const { bmp } = await import("../../scripts/make-image-fixtures.mjs");
    writeFileSync(join(root, "images", "ok.bmp"), bmp());
    const result = await lintText("images/ok.bmp\t1,0,0\nimages/ok.jpg\t0,1,0\n", { decodeImages: true, imageRoot: root, numClasses: 3 });
    expect(result.problems.filter((p) => p.rule === "unreadable-image")).toEqual([]);
    expect(result.images?.decoded).toBe(1);
  });
});

describe("decoding and system failures", () => {
  it("an I/O error while reading a whole image is one fatal error, never a finding on the row", async () => {
    const { nodeImageFs } = await import("../../src/images/fs.js");
    let reads = 0;
    const fs = {
      ...nodeImageFs,
      open: async (path: string) => {
        const handle = await nodeImageFs.open(path);
        return {
          // The head and tail reads pass; the whole-file read of the decoder fails.
          read: (b: Buffer, o: number, l: number, p: number) => (++reads > 2 ? Promise.reject(Object.assign(new Error("EIO"), { code: "EIO" })) : handle.read(b, o, l, p)),
          close: () => handle.close(),
        };
      },
    };
    await expect(lintText("images/ok.jpg\t1,0,0\n", { decodeImages: true, imageRoot: root, numClasses: 3, imageFs: fs })).rejects.toMatchObject({
      code: "LL_READ_FAILED",
      message: expect.stringMatching(/cannot check image 'images\/ok\.jpg': input\/output error \(EIO\)/),
    });
  });
});

describe("a failed decode's reason is the image's own, however many decode at once", () => {
  // libvips keeps one error text per process: beside other decodes it used to read "Unknown error" at times.
  it("two damaged images of the sample give their own decoder's text every time, among 40 good images decoded beside them", async () => {
    const { loadDecoder } = await import("../../src/images/decode.js");
    const { readFileSync } = await import("node:fs");
    const { fixture } = await import("../shared.js");
    const decode = await loadDecoder();
    const read = (name: string) => readFileSync(fixture(`images-sample/images/${name}`));
    const good = ["0001.jpg", "0002.jpg", "0003.png", "0009.jpg", "e001.jpg"].map(read);
    const damaged = [
      [read("e004.png"), "pngload_buffer: libspng read error"],
      [read("0005.jpg"), "VipsJpeg: premature end of JPEG image"],
    ] as const;
    for (let round = 0; round < 5; round++) {
      const jobs = Array.from({ length: 40 }, (_, i) => decode(good[i % good.length]!));
      const failing = Array.from({ length: 6 }, (_, i) => decode(damaged[i % 2]![0]));
      const results = await Promise.all([...jobs, ...failing]);
      expect(results.slice(0, 40).map((r) => r.kind)).toEqual(Array.from({ length: 40 }, () => "decoded"));
      expect(results.slice(40)).toEqual(Array.from({ length: 6 }, (_, i) => ({ kind: "undecodable", reason: damaged[i % 2]![1] })));
    }
  }, 60_000);
});

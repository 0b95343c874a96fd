import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { symlinkSync, writeFileSync } from "node:fs";
import { animatedWebp } from "../../scripts/make-image-fixtures.mjs";
import { checkImage, cv2Unsupported, formatOfExtension, isInside, sniffFormat, truncation } from "../../src/images/check.js";
import { nodeImageFs } from "../../src/images/fs.js";
import { loadDecoder } from "../../src/images/decode.js";
import { bmp, gif, jpeg, makeTree, png, recordingFs, tiff, truncatedJpeg, truncatedPng, webp, type Tree } from "./tree.js";

let tree: Tree;
beforeAll(() => {
  tree = makeTree();
});

const check = (relative: string, hash = false) => checkImage(nodeImageFs, tree.root, relative, { hash });

describe("sniffFormat and truncation", () => {
  it("knows each format by its magic bytes", () => {
    expect(sniffFormat(jpeg())).toBe("jpeg");
    expect(sniffFormat(png())).toBe("png");
    expect(sniffFormat(gif())).toBe("gif");
    expect(sniffFormat(bmp())).toBe("bmp");
    expect(sniffFormat(webp())).toBe("webp");
    expect(sniffFormat(tiff())).toBe("tiff");
    expect(sniffFormat(Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]))).toBe("tiff");
    expect(sniffFormat(Buffer.from("<html><body>404</body></html>"))).toBeUndefined();
    expect(sniffFormat(Buffer.from("RIFF\0\0\0\0WAVEfmt "))).toBeUndefined();
    expect(sniffFormat(Buffer.alloc(0))).toBeUndefined();
  });

  it("finds a JPEG without FF D9 and a PNG without IEND", () => {
    expect(truncation("jpeg", jpeg().subarray(-16))).toBeUndefined();
    expect(truncation("jpeg", truncatedJpeg().subarray(-16))).toMatch(/FF D9/);
    expect(truncation("png", png().subarray(-16))).toBeUndefined();
    expect(truncation("png", truncatedPng().subarray(-16))).toMatch(/IEND/);
    expect(truncation("gif", Buffer.from("x"))).toBeUndefined();
  });

  // Run with OpenCV 4.6.0 (PaddleClas requires opencv-python<=4.6.0.66) and Pillow 9.4.0:
  // cv2.imdecode(np.frombuffer(data, "uint8"), 1) is None for every GIF and for an animated WebP,
  // which Image.open(f).convert("RGB") decodes; a still WebP, VP8X chunk or not, decodes in both.
  it("knows the images cv2.imdecode cannot decode: a GIF, an animated WebP", () => {
    expect(cv2Unsupported("gif", gif())).toBe("gif");
    expect(sniffFormat(animatedWebp())).toBe("webp");
    expect(cv2Unsupported("webp", animatedWebp().subarray(0, 32))).toBe("animated-webp");
    expect(cv2Unsupported("webp", webp())).toBeUndefined();
    const still = Buffer.from(animatedWebp().subarray(0, 32));
    still[20] = 0x08; // VP8X with only the EXIF flag
    expect(cv2Unsupported("webp", still)).toBeUndefined();
    expect(cv2Unsupported("jpeg", jpeg())).toBeUndefined();
    expect(cv2Unsupported("png", png())).toBeUndefined();
  });

  it("maps extensions case-insensitively", () => {
    expect(formatOfExtension("a/B.JPG")).toBe("jpeg");
    expect(formatOfExtension("a/b.tiff")).toBe("tiff");
    expect(formatOfExtension("a/b.raw")).toBeUndefined();
    expect(formatOfExtension("a/b")).toBeUndefined();
  });

  it("isInside does not take a sibling with the root as prefix for inside", () => {
    expect(isInside("/data/root", "/data/root/a.jpg")).toBe(true);
    expect(isInside("/data/root", "/data/root")).toBe(true);
    expect(isInside("/data/root", "/data/rootkit/a.jpg")).toBe(false);
    expect(isInside("/", "/a.jpg")).toBe(true);
  });
});

describe("checkImage on a tree", () => {
  it.each([
    ["images/ok.jpg", "jpeg"],
    ["images/ok.jpeg", "jpeg"],
    ["images/UPPER.JPG", "jpeg"],
    ["images/ok.png", "png"],
    ["images/ok.gif", "gif"],
    ["images/ok.bmp", "bmp"],
    ["images/ok.webp", "webp"],
    ["images/ok.tif", "tiff"],
    ["images/padded.jpg", "jpeg"],
    ["images/alias.jpg", "jpeg"],
  ])("%s is a valid %s", async (path, format) => {
    // A GIF is one cv2.imdecode (OpenCV 4.6) cannot decode: said besides its format.
    expect(await check(path)).toEqual({ kind: "ok", format, ...(format === "gif" ? { noCv2: "gif" } : {}) });
  });

  it("reports each bad file for what it is", async () => {
    expect(await check("images/missing.jpg")).toEqual({ kind: "missing" });
    expect(await check("images/dangling.jpg")).toEqual({ kind: "missing" });
    expect(await check("nowhere/at/all.jpg")).toEqual({ kind: "missing" });
    expect(await check("images/empty.jpg")).toEqual({ kind: "empty" });
    expect(await check("images/text.jpg")).toEqual({ kind: "not-image" });
    expect(await check("images/cut.jpg")).toMatchObject({ kind: "truncated", format: "jpeg" });
    expect(await check("images/cut.png")).toMatchObject({ kind: "truncated", format: "png" });
    expect(await check("images/tiny.jpg")).toMatchObject({ kind: "truncated", format: "jpeg" });
    expect(await check("images/png.jpg")).toEqual({ kind: "mismatch", format: "png", extension: ".jpg" });
    expect(await check("images/dir.jpg")).toEqual({ kind: "not-file" });
  });

  // Run with OpenCV 4.6.0 and Pillow 9.4.0: cv2.imdecode returns None for both, PIL raises ("image file is
  // truncated"; "Truncated File Read"). libvips has no BMP reader, so decoding does not tell: the header does.
  // os.path.exists is False for a loop of symbolic links (Python 3.11, OSError ELOOP from os.stat): PaddleClas's
  // MultiLabelDataset asserts while loading the list, as for a missing image — not a decode failure in __getitem__.
  it("a loop of symbolic links is missing, as os.path.exists sees it", async () => {
    symlinkSync("loop-b.jpg", join(tree.root, "images", "loop-a.jpg"));
    symlinkSync("loop-a.jpg", join(tree.root, "images", "loop-b.jpg"));
    expect(await check("images/loop-a.jpg")).toEqual({ kind: "missing", loop: true });
  });

  // A 1×1 GIF of 42 bytes: header (13) and a 2-colour table (6), a graphic-control extension (8), the image
  // descriptor (10), the LZW code size, one 1-byte sub-block, its terminator, the trailer. Pillow 9.4.0 on every cut of
  // it: 20–37 "cannot identify image file", 38–39 "image file is truncated", 40 and 41 read.
  it("a GIF that ends inside its header, before or inside its first picture is truncated; one without its trailer is not", async () => {
    const whole = gif();
    const cases: [number, string | undefined][] = [
      [41, undefined],
      // Only the sub-blocks' terminator is missing: the picture's data is whole (PIL reads it).
      [40, undefined],
      [39, "it ends at byte 39, inside its first picture's data (which runs to byte 40 at least)"],
      [38, "it ends at byte 38, inside its first picture's data (which runs to byte 39 at least)"],
      [37, "it ends at byte 37, inside its first picture's data (which runs to byte 38 at least)"],
      [30, "it ends at byte 30, inside its first picture's data (which runs to byte 37 at least)"],
      [27, "it ends at byte 27, before its first picture"],
      [22, "it ends at byte 22, inside an extension block before its first picture"],
      [16, "it ends at byte 16, inside its colour table"],
      [10, "it ends at byte 10, inside its 13-byte header"],
    ];
    for (const [length, detail] of cases) {
      writeFileSync(join(tree.root, "images", `cut${length}.gif`), whole.subarray(0, length));
      expect(await check(`images/cut${length}.gif`), String(length)).toEqual(detail === undefined ? { kind: "ok", format: "gif", noCv2: "gif" } : { kind: "truncated", format: "gif", detail });
    }
  });

  it("a BMP cut short is truncated, and text that starts with 'BM' is no BMP", async () => {
    writeFileSync(join(tree.root, "images", "cut.bmp"), bmp().subarray(0, 56));
    expect(await check("images/cut.bmp")).toEqual({ kind: "truncated", format: "bmp", detail: "56 bytes where its pixel rows end at byte 58" });
    writeFileSync(join(tree.root, "images", "whole.bmp"), bmp());
    expect(await check("images/whole.bmp")).toEqual({ kind: "ok", format: "bmp" });
    writeFileSync(join(tree.root, "images", "bm.jpg"), "BMW owners list, one per line\n");
    expect(await check("images/bm.jpg")).toEqual({ kind: "not-image" });
  });

  // Run with OpenCV 4.6.0 and Pillow 9.4.0 over info-header sizes 12–1,000 (fields past 40 zero): PIL's BmpImagePlugin
  // takes 12, 40, 64, 108, 124 ("Unsupported BMP header type" for others); OpenCV's readHeader 12 and any from 36 on.
  it("a BMP's info-header size says which decoder reads it", async () => {
    const withInfo = (size: number): Buffer => {
      const header = Buffer.alloc(14 + size);
      bmp().copy(header, 0, 0, Math.min(54, 14 + size));
      header.writeUInt32LE(14 + size, 10);
      header.writeUInt32LE(size, 14);
      return Buffer.concat([header, bmp().subarray(54)]);
    };
    for (const [size, status] of [
      [16, { kind: "undecodable", format: "bmp", reason: "its info header is 16 bytes, a size no BMP reader takes (cv2.imdecode returns None, PIL raises)" }],
      [32, { kind: "undecodable", format: "bmp", reason: "its info header is 32 bytes, a size no BMP reader takes (cv2.imdecode returns None, PIL raises)" }],
      [36, { kind: "ok", format: "bmp", noPil: "bmp-header", infoSize: 36 }],
      [52, { kind: "ok", format: "bmp", noPil: "bmp-header", infoSize: 52 }],
      [64, { kind: "ok", format: "bmp" }],
      [124, { kind: "ok", format: "bmp" }],
      [1000, { kind: "ok", format: "bmp", noPil: "bmp-header", infoSize: 1000 }],
    ] as const) {
      writeFileSync(join(tree.root, "images", `info${size}.bmp`), withInfo(size));
      expect(await check(`images/info${size}.bmp`), String(size)).toEqual(status);
    }
  });

  it("says an animated WebP is one cv2 cannot decode, read from its first 32 bytes", async () => {
    writeFileSync(join(tree.root, "images", "anim.webp"), animatedWebp());
    expect(await check("images/anim.webp")).toEqual({ kind: "ok", format: "webp", noCv2: "animated-webp" });
    expect(await checkImage(nodeImageFs, tree.root, "images/anim.webp", { hash: false, decode: await loadDecoder() })).toMatchObject({ kind: "ok", format: "webp", noCv2: "animated-webp" });
  });

  // Run with OpenCV 4.6.0 and Pillow 9.4.0: a JPEG followed by 64 zero bytes or by text, a PNG followed by
  // a newline, decode whole in cv2.imdecode and Image.open(f).convert("RGB"); a JPEG without its
  // last 2 bytes (FF D9) fails in PIL ("image file is truncated"), a PNG without its IEND chunk in cv2 (None).
  it("an image with bytes after its end is whole, found by walking to its end; one cut off is still truncated", async () => {
    const decode = await loadDecoder();
    const trailed = { "jpeg-zeros.jpg": Buffer.concat([jpeg(), Buffer.alloc(64)]), "jpeg-text.jpg": Buffer.concat([jpeg(), Buffer.from("a trailer a camera or a tool appended, longer than 16 bytes")]), "png-newline.png": Buffer.concat([png(), Buffer.from("\n")]) };
    const cut = { "cut-eoi.jpg": jpeg().subarray(0, -2), "cut-mid.jpg": truncatedJpeg(), "cut-iend.png": png().subarray(0, -12), "cut-mid.png": truncatedPng() };
    for (const [name, bytes] of Object.entries({ ...trailed, ...cut })) writeFileSync(join(tree.root, "images", name), bytes);
    for (const name of Object.keys(trailed)) {
      // The last 16 bytes are not the end: the JPEG's data is searched for FF D9, the PNG's chunks walked to IEND.
      expect(await check(`images/${name}`), name).toEqual({ kind: "ok", format: name.endsWith(".png") ? "png" : "jpeg" });
      expect(await checkImage(nodeImageFs, tree.root, `images/${name}`, { hash: false, decode }), name).toMatchObject({ kind: "ok" });
    }
    for (const name of Object.keys(cut)) {
      expect(await check(`images/${name}`), name).toMatchObject({ kind: "truncated" });
      expect(await checkImage(nodeImageFs, tree.root, `images/${name}`, { hash: false, decode }), name).toMatchObject({ kind: "truncated" });
    }
    // A cut JPEG followed by other bytes: the first marker among them ends the data, where PIL fails and cv2 reads.
    const cutThenText = Buffer.concat([jpeg().subarray(0, -2), Buffer.from([0xff, 0x3a]), Buffer.from("bytes a second download appended")]);
    writeFileSync(join(tree.root, "images", "cut-text.jpg"), cutThenText);
    expect(await check("images/cut-text.jpg")).toEqual({ kind: "ok", format: "jpeg", noPil: "jpeg-marker", marker: { offset: jpeg().length - 2, marker: 0x3a } });
    // A PNG's IEND with a wrong CRC, bytes after it: libpng refuses it, as at the very end.
    const badEnd = Buffer.concat([png().subarray(0, -1), Buffer.from([png().at(-1)! ^ 1]), Buffer.from("trailer of more than sixteen bytes")]);
    writeFileSync(join(tree.root, "images", "bad-end.png"), badEnd);
    expect(await check("images/bad-end.png")).toEqual({ kind: "ok", format: "png", noCv2: "png-end-crc" });
  });

  it("finds symlinks that lead outside the root, and never opens their target", async () => {
    const fs = recordingFs();
    expect(await checkImage(fs, tree.root, "images/escape.jpg", { hash: true })).toEqual({ kind: "outside", target: join(tree.outside, "secret.jpg") });
    expect(await checkImage(fs, tree.root, "linked-out/secret.jpg", { hash: true })).toMatchObject({ kind: "outside" });
    expect(fs.calls.filter((c) => c.op !== "realpath")).toEqual([]);
  });

  it("reads only the first and last 16 bytes without hashing, the whole file with it", async () => {
    const fs = recordingFs();
    expect(await checkImage(fs, tree.root, "images/ok.jpg", { hash: false })).toEqual({ kind: "ok", format: "jpeg" });
    expect(fs.calls.map((c) => c.op)).toEqual(["realpath", "stat", "open", "read", "read"]);
    const hashed = await checkImage(fs, tree.root, "images/ok.jpg", { hash: true });
    const copy = await checkImage(fs, tree.root, "images/copy.jpg", { hash: true });
    const other = await checkImage(fs, tree.root, "images/ok.jpeg", { hash: true });
    expect(hashed).toMatchObject({ kind: "ok", hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((copy as { hash: string }).hash).toBe((hashed as { hash: string }).hash);
    expect((other as { hash: string }).hash).not.toBe((hashed as { hash: string }).hash);
  });

  it("turns a failing read into a status, never a throw", async () => {
    const failing = { ...nodeImageFs, open: () => Promise.reject(Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" })) };
    expect(await checkImage(failing, tree.root, "images/ok.jpg", { hash: false })).toEqual({ kind: "unreadable", reason: "permission denied" });
  });
});

import { mkdtempSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { bmpUnknownCompression, checkImage, webpTruncation } from "../../src/images/check.js";
import { jpegHeader, pilJpegFinishError } from "../../src/images/jpeg.js";
import { pngChunkCrcFailure, pngEndCrcFails, pngHeaderDamage, withIdatCrcsMended } from "../../src/images/png.js";
import type { ReadAt } from "../../src/images/read-at.js";
import { tiffDecoders, tiffLayout } from "../../src/images/tiff.js";
import { loadDecoder } from "../../src/images/decode.js";
import { nodeImageFs } from "../../src/images/fs.js";
import { runCli } from "../cli-harness.js";
import { tiffOf } from "./tiff.js";
import { bmp } from "./tree.js";

/**
 * Images one of the consumers' two decoders reads and the other does not,
 * each case run with OpenCV 4.6.0 (`cv2.imdecode(np.frombuffer(data,
 * "uint8"), 1)`, what PaddleClas's DecodeImage calls; its requirements allow
 * no newer: opencv-python<=4.6.0.66) and Pillow 9.4.0
 * (`Image.open(f).convert("RGB")`, HashNet/DeepHash's pil_loader). The bytes
 * are built here; neither library is needed to run the tests.
 */

const readerOf = (bytes: Buffer): ReadAt => async (position, length) => bytes.subarray(position, position + length);
const layoutOf = (bytes: Buffer) => tiffLayout(readerOf(bytes), bytes.subarray(0, 34), bytes.length);

describe("a TIFF's sample layout decides which decoder reads it", () => {
  it("reads the first directory, little- and big-endian, values in the entry or at an offset", async () => {
    expect(await layoutOf(tiffOf(32, 1, 3))).toEqual({ bits: 32, samples: 1, sampleFormat: 3, photometric: 1 });
    expect(await layoutOf(tiffOf(32, 1, 3, { bigEndian: true }))).toEqual({ bits: 32, samples: 1, sampleFormat: 3, photometric: 1, bigEndian: true });
    // Three 16-bit values do not fit in an entry: BitsPerSample and SampleFormat are read where the entry points.
    expect(await layoutOf(tiffOf(16, 3, 1, { bigEndian: true }))).toEqual({ bits: 16, samples: 3, sampleFormat: 1, photometric: 2, bigEndian: true });
    expect(await layoutOf(tiffOf(8, 4, 2))).toEqual({ bits: 8, samples: 4, sampleFormat: 2, photometric: 2 });
  });

  // cv2.imdecode returns None and PIL raises on each of these (OpenCV 4.6.0, Pillow 9.4.0: TIFFs cut at every byte).
  it("calls a directory past the end, one cut off, or image data past the end a cut; claims nothing about one with no entries", async () => {
    const bytes = tiffOf(32, 1, 3);
    const pointingAway = Buffer.from(bytes);
    pointingAway.writeUInt32LE(bytes.length + 100, 4);
    expect((await layoutOf(pointingAway))?.cut).toBe(`its first directory is at byte ${bytes.length + 100}, past the file's ${bytes.length} bytes`);
    expect((await layoutOf(bytes.subarray(0, 20)))?.cut).toMatch(/^its first directory \(byte 8, \d+ entries\) runs past the file's 20 bytes$/);
    const dataCut = await layoutOf(bytes.subarray(0, bytes.length - 1));
    expect(dataCut?.cut).toBe(`its image data (one strip) ends at byte ${bytes.length}, past the file's ${bytes.length - 1} bytes`);
    expect((await layoutOf(bytes))?.cut).toBeUndefined();
    // Uncompressed data is read for the bytes its rows need: a byte count that says more (a flipped bit), with every
    // row there, decodes in both (run); compressed data is read for its byte counts.
    const overCounted = Buffer.from(bytes);
    const countAt = 10 + 12 * 8 + 8; // entry 8 of tiffOf's directory is StripByteCounts (279)
    expect(overCounted.readUInt16LE(10 + 12 * 8)).toBe(279);
    overCounted.writeUInt32LE(overCounted.readUInt32LE(countAt) + 100, countAt);
    expect((await layoutOf(overCounted))?.cut).toBeUndefined();
    const compressed = Buffer.from(overCounted);
    compressed.writeUInt16LE(5, 10 + 12 * 3 + 8); // Compression (259): LZW
    expect(compressed.readUInt16LE(10 + 12 * 3)).toBe(259);
    expect((await layoutOf(compressed))?.cut).toBe(`its image data (one strip) ends at byte ${bytes.length + 100}, past the file's ${bytes.length} bytes`);
    const noEntries = Buffer.from(bytes);
    noEntries.writeUInt16LE(0, 8);
    expect(await layoutOf(noEntries)).toBeUndefined();
  });

  // Each row: bits, samples, SampleFormat (1 unsigned, 2 signed, 3 float), then whether cv2.imdecode and PIL read it (measured).
  const measured: [number, number, number, boolean, boolean][] = [
    [8, 1, 1, true, true], [8, 3, 1, true, true], [8, 4, 1, true, true], [16, 1, 1, true, true], [16, 3, 1, true, true], [1, 1, 1, true, true],
    [16, 1, 2, true, true],
    [32, 1, 3, false, true], // a float depth map or scientific picture: PIL reads it (mode F), cv2 returns None
    [32, 1, 1, false, true], [32, 1, 2, false, true], // mode I
    [32, 3, 3, false, false], [32, 4, 3, false, false], [32, 3, 1, false, false],
    [64, 1, 3, false, false], [64, 1, 1, false, false], [24, 3, 1, false, false], [24, 1, 1, false, false],
    [16, 1, 3, false, false], [8, 1, 3, false, false],
    [8, 1, 2, true, false], [8, 3, 2, true, false], [16, 3, 2, true, false], [12, 3, 1, false, false], [4, 3, 1, false, false],
    [12, 1, 1, false, true], [2, 1, 1, false, true], [4, 1, 1, false, true],
  ];
  it.each(measured)("%i-bit, %i samples, SampleFormat %i: cv2 %s, PIL %s", (bits, samples, sampleFormat, cv2, pil) => {
    const photometric = samples < 3 ? 1 : 2;
    const verdict = tiffDecoders({ bits, samples, sampleFormat, photometric });
    expect(verdict.cv2).toBe(cv2);
    // PIL's table is claimed only where it is missing a mode (it grows between releases): a layout it reads is never called unreadable.
    if (pil) expect(verdict.pil).toBe(true);
    if (!verdict.pil) expect(pil).toBe(false);
  });

  it("one big-endian unsigned 32-bit sample has no PIL mode; its little-endian twin and the signed one do", () => {
    expect(tiffDecoders({ bits: 32, samples: 1, sampleFormat: 1, photometric: 1, bigEndian: true })).toEqual({ cv2: false, pil: false });
    expect(tiffDecoders({ bits: 32, samples: 1, sampleFormat: 1, photometric: 1 })).toEqual({ cv2: false, pil: true });
    expect(tiffDecoders({ bits: 32, samples: 1, sampleFormat: 2, photometric: 1, bigEndian: true })).toEqual({ cv2: false, pil: true });
  });

  it("reads what cv2 writes for 3-channel floats (LogLuv) with cv2 only", () => {
    expect(tiffDecoders({ bits: 16, samples: 3, sampleFormat: 1, photometric: 32845 })).toEqual({ cv2: true, pil: false });
  });
});

describe("a BMP whose header names a compression no reader knows", () => {
  it("is undecodable from its header", async () => {
    const good = bmp();
    expect(bmpUnknownCompression(good)).toBeUndefined();
    const flipped = Buffer.from(good);
    flipped.writeUInt32LE(4096, 30);
    expect(bmpUnknownCompression(flipped)).toBe(4096);
    const rle8 = Buffer.from(good);
    rle8.writeUInt32LE(1, 30);
    expect(bmpUnknownCompression(rle8)).toBeUndefined();
    const dir = realpathSync(mkdtempSync(join(tmpdir(), "labellint-bmp-")));
    writeFileSync(join(dir, "x.bmp"), flipped);
    expect(await checkImage(nodeImageFs, dir, "x.bmp", { hash: false })).toEqual({ kind: "undecodable", format: "bmp", reason: "its header names compression 4096, which no BMP reader knows (cv2.imdecode returns None, PIL raises)" });
  });
});

describe("a PNG whose header chunk is damaged", () => {
  it("is undecodable from its first 33 bytes: length, type or CRC", async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 1, g: 2, b: 3 } } }).png().toBuffer();
    expect(pngHeaderDamage(png.subarray(0, 34))).toBeUndefined();
    const flipped = (at: number) => {
      const copy = Buffer.from(png.subarray(0, 34));
      copy[at] = copy[at]! ^ 0x10;
      return pngHeaderDamage(copy);
    };
    expect(flipped(11)).toMatch(/^its first chunk is not a whole IHDR header/);
    expect(flipped(13)).toMatch(/^its first chunk is not a whole IHDR header/);
    expect(flipped(20)).toMatch(/^its IHDR header fails its checksum \(CRC\)/);
    expect(flipped(30)).toMatch(/^its IHDR header fails its checksum/);
    expect(pngHeaderDamage(png.subarray(0, 20))).toBeUndefined();
  });
});

describe("a PNG chunk's checksum, which one decoder checks and the other does not", () => {
  it("before the image data: PIL checks every one, libpng only the critical ones; the end chunk's: libpng only", async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 1, g: 2, b: 3 } } }).png({ palette: true }).toBuffer();
    expect(pngChunkCrcFailure(png)).toBeUndefined();
    const plte = png.indexOf(Buffer.from("PLTE"));
    const badPalette = Buffer.from(png);
    const at = plte + 4 + png.readUInt32BE(plte - 4);
    badPalette[at] = badPalette[at]! ^ 1;
    expect(pngChunkCrcFailure(badPalette)).toEqual({ chunk: "PLTE", critical: true });
    const text = Buffer.concat([Buffer.from([0, 0, 0, 5]), Buffer.from("tEXtA\0bcd", "latin1"), Buffer.from([1, 2, 3, 4])]);
    expect(pngChunkCrcFailure(Buffer.concat([png.subarray(0, 33), text, png.subarray(33)]))).toEqual({ chunk: "tEXt", critical: false });
    expect(pngEndCrcFails(png.subarray(-16))).toBe(false);
    const end = Buffer.from(png.subarray(-16));
    end[15] = end[15]! ^ 1;
    expect(pngEndCrcFails(end)).toBe(true);
    const dir = realpathSync(mkdtempSync(join(tmpdir(), "labellint-pngcrc-")));
    writeFileSync(join(dir, "p.png"), badPalette);
    writeFileSync(join(dir, "t.png"), Buffer.concat([png.subarray(0, 33), text, png.subarray(33)]));
    writeFileSync(join(dir, "e.png"), Buffer.concat([png.subarray(0, -16), end]));
    expect(await checkImage(nodeImageFs, dir, "p.png", { hash: false })).toMatchObject({ kind: "undecodable", reason: expect.stringMatching(/^its PLTE chunk fails its checksum/) });
    expect(await checkImage(nodeImageFs, dir, "t.png", { hash: false })).toEqual({ kind: "ok", format: "png", noPil: "png-chunk-crc", chunk: "tEXt" });
    expect(await checkImage(nodeImageFs, dir, "e.png", { hash: false })).toEqual({ kind: "ok", format: "png", noCv2: "png-end-crc" });
  });
});

describe("a WebP shorter than its RIFF size", () => {
  it("is truncated, from the header alone", async () => {
    const webp = await sharp({ create: { width: 32, height: 24, channels: 3, background: { r: 9, g: 99, b: 199 } } }).webp({ quality: 80 }).toBuffer();
    expect(webpTruncation(webp.subarray(0, 34), webp.length)).toBeUndefined();
    expect(webpTruncation(webp.subarray(0, 34), webp.length + 10)).toBeUndefined();
    expect(webpTruncation(webp.subarray(0, 34), webp.length - 1)).toBe(`${(webp.length - 1).toLocaleString("en-US")} bytes where its RIFF header says ${webp.length.toLocaleString("en-US")}`);
    const dir = realpathSync(mkdtempSync(join(tmpdir(), "labellint-webp-")));
    writeFileSync(join(dir, "cut.webp"), webp.subarray(0, webp.length >> 1));
    expect(await checkImage(nodeImageFs, dir, "cut.webp", { hash: false })).toMatchObject({ kind: "truncated", format: "webp" });
    expect(await checkImage(nodeImageFs, dir, "cut.webp", { hash: false, decode: await loadDecoder() })).toMatchObject({ kind: "truncated", format: "webp" });
  });
});

describe("a JPEG cut off inside its compressed data", () => {
  let baseline: Buffer;
  let progressive: Buffer;
  beforeAll(async () => {
    const picture = sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 40, b: 90 } } }).composite([{ input: Buffer.from('<svg width="64" height="48"><circle cx="30" cy="20" r="14" fill="#1a6"/></svg>') }]);
    baseline = await picture.clone().jpeg({ quality: 90 }).toBuffer();
    progressive = await picture.clone().jpeg({ quality: 90, progressive: true }).toBuffer();
  });
  const sos = (bytes: Buffer) => bytes.indexOf(Buffer.from([0xff, 0xda]));

  it("is partly decodable by cv2 when sequential and cut after its scan header, never when progressive or cut before", async () => {
    const cutAt = async (bytes: Buffer, end: number) => (await jpegHeader(readerOf(bytes.subarray(0, end)), bytes.subarray(0, 34), end, true)).cutInScan === true;
    expect(await cutAt(baseline, Math.floor(baseline.length * 0.6))).toBe(true);
    const header = baseline.readUInt16BE(sos(baseline) + 2);
    expect(await cutAt(baseline, sos(baseline) + 2 + header)).toBe(true);
    expect(await cutAt(baseline, sos(baseline) + 2 + header - 1)).toBe(false);
    expect(await cutAt(baseline, sos(baseline) - 10)).toBe(false);
    expect(await cutAt(progressive, Math.floor(progressive.length * 0.95))).toBe(false);
  });

  it("is a warning for PaddleClas (it trains on the part that is there) and an error for ImageList (PIL raises)", async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), "labellint-cut-")));
    mkdirSync(join(dir, "img"));
    writeFileSync(join(dir, "img", "cut.jpg"), baseline.subarray(0, Math.floor(baseline.length * 0.6)));
    writeFileSync(join(dir, "img", "cutp.jpg"), progressive.subarray(0, Math.floor(progressive.length * 0.95)));
    writeFileSync(join(dir, "list.txt"), "img/cut.jpg\t1,0\nimg/cutp.jpg\t0,1\n");
    writeFileSync(join(dir, "list.spaced.txt"), "img/cut.jpg 1 0\nimg/cutp.jpg 0 1\n");
    const paddle = await runCli(["check", join(dir, "list.txt"), "--check-images", "--rule", "rare-class:off"]);
    expect(paddle.stdout).toMatch(/list\.txt:1:1 +warn +image 'img\/cut\.jpg' is cut off inside its compressed data \(no JPEG end-of-image marker \(FF D9\)\): cv2\.imdecode returns the part that is there with the rest grey, and PaddleClas trains on that picture with this line's labels +unreadable-image/);
    expect(paddle.stdout).toMatch(/list\.txt:2:1 +error +image 'img\/cutp\.jpg' is truncated/);
    const imagelist = await runCli(["check", join(dir, "list.spaced.txt"), "--check-images", "--rule", "rare-class:off"]);
    expect(imagelist.stdout).toMatch(/list\.spaced\.txt:1:1 +error +image 'img\/cut\.jpg' is cut off inside its compressed data .*PIL raises OSError \(image file is truncated\)/);
  });
});

describe("checkImage and the decoders' differences", () => {
  let dir: string;
  beforeAll(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), "labellint-decoders-")));
  });
  const put = (name: string, bytes: Buffer | string) => writeFileSync(join(dir, name), bytes);

  it("a float greyscale TIFF is an image cv2 does not read; float RGB one neither reads; 16-bit RGB both read", async () => {
    put("depth.tif", tiffOf(32, 1, 3));
    put("rgbf.tif", tiffOf(32, 3, 3));
    put("rgb16.tif", tiffOf(16, 3, 1, { bigEndian: true }));
    put("s8.tif", tiffOf(8, 3, 2));
    const check = (name: string) => checkImage(nodeImageFs, dir, name, { hash: false });
    expect(await check("depth.tif")).toEqual({ kind: "ok", format: "tiff", noCv2: "tiff", samples: "32-bit floating-point samples (1 a pixel)" });
    expect(await check("rgbf.tif")).toEqual({ kind: "undecodable", format: "tiff", reason: expect.stringMatching(/^a TIFF of 32-bit floating-point samples \(3 a pixel\), which neither OpenCV's cv2\.imdecode \(None\) nor PIL/) });
    expect(await check("rgb16.tif")).toEqual({ kind: "ok", format: "tiff" });
    expect(await check("s8.tif")).toEqual({ kind: "ok", format: "tiff", noPil: "tiff", samples: "8-bit signed integer samples (3 a pixel)" });
  });

  it("the severities follow the consumer: PaddleClas errs on a float TIFF, ImageList on signed samples", async () => {
    put("list.txt", "depth.tif\t1,0\ns8.tif\t0,1\n");
    put("list.spaced.txt", "depth.tif 1 0\ns8.tif 0 1\n");
    const paddle = await runCli(["check", join(dir, "list.txt"), "--check-images", "--rule", "rare-class:off", "--reporter", "json"]);
    const imagelist = await runCli(["check", join(dir, "list.spaced.txt"), "--check-images", "--rule", "rare-class:off", "--reporter", "json"]);
    const found = (stdout: string) => (JSON.parse(stdout) as { files: { problems: { rule: string; line?: number; severity: string; message: string }[] }[] }).files[0]!.problems.filter((p) => p.rule === "unreadable-image").map((p) => [p.line, p.severity]);
    expect(found(paddle.stdout)).toEqual([[1, "error"]]);
    expect(paddle.stdout).toMatch(/is a TIFF of 32-bit floating-point samples \(1 a pixel\), which OpenCV's cv2\.imdecode cannot decode \(it returns None; PIL reads it\): PaddleClas's DecodeImage gets None/);
    expect(found(imagelist.stdout)).toEqual([[2, "error"]]);
    expect(imagelist.stdout).toMatch(/is a TIFF of 8-bit signed integer samples \(3 a pixel\), which PIL cannot decode \(Image.open raises; OpenCV reads it\)/);
  });

  // libvips decodes this one (one IDAT chunk: it does not check its CRC); libpng, in cv2, does not.
  it("a PNG whose image data fails its CRC is read by PIL only (--decode-images)", async () => {
    const good = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 10, g: 120, b: 200 } } }).png().toBuffer();
    expect(withIdatCrcsMended(good)).toBeUndefined();
    const bad = Buffer.from(good);
    const idat = bad.indexOf(Buffer.from("IDAT"));
    const crcAt = idat + 4 + bad.readUInt32BE(idat - 4);
    bad[crcAt] = bad[crcAt]! ^ 0xff;
    expect(withIdatCrcsMended(bad)).toEqual(good);
    put("crc.png", bad);
    expect(await checkImage(nodeImageFs, dir, "crc.png", { hash: false, decode: await loadDecoder() })).toMatchObject({ kind: "ok", format: "png", noCv2: "png-crc" });
    // Damaged data (not only its CRC) stays undecodable.
    const damaged = Buffer.from(good);
    damaged.fill(0x33, idat + 6, idat + 14);
    put("damaged.png", damaged);
    expect(await checkImage(nodeImageFs, dir, "damaged.png", { hash: false, decode: await loadDecoder() })).toMatchObject({ kind: "undecodable" });
  });
});

describe("a JPEG header libjpeg gives up on", () => {
  let jpeg: Buffer;
  let progressive: Buffer;
  beforeAll(async () => {
    const picture = sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 90, g: 20, b: 200 } } });
    jpeg = await picture.clone().jpeg({ quality: 80 }).toBuffer();
    progressive = await picture.clone().jpeg({ quality: 80, progressive: true }).toBuffer();
  });
  const damage = async (bytes: Buffer, cut = false) => (await jpegHeader(readerOf(bytes), bytes.subarray(0, 34), bytes.length, cut)).damage;
  /** The offset of the first segment with `marker`. */
  const segment = (bytes: Buffer, marker: number): number => bytes.indexOf(Buffer.from([0xff, marker]));
  const edited = (bytes: Buffer, at: number, value: number) => {
    const copy = Buffer.from(bytes);
    copy[at] = value;
    return copy;
  };

  it("passes whole JPEGs, baseline and progressive", async () => {
    expect(await damage(jpeg)).toBeUndefined();
    expect(await damage(progressive)).toBeUndefined();
  });

  it("names what libjpeg rejects: frame, tables, scan", async () => {
    const sof = segment(jpeg, 0xc0);
    expect(await damage(edited(jpeg, sof + 4, 12))).toMatch(/^a precision of 12 bits where libjpeg decodes 8 \(marker FF C0 at byte \d+\)$/);
    expect(await damage(edited(jpeg, sof + 11, 0x51))).toMatch(/^a component sampled 5×1/);
    expect(await damage(edited(edited(jpeg, sof + 5, 0), sof + 6, 0))).toMatch(/^a frame of 40×0 pixels/);
    const dqt = segment(jpeg, 0xdb);
    expect(await damage(edited(jpeg, dqt + 4, 0x07))).toMatch(/^a quantization table numbered 7 of 4 \(marker FF DB at byte \d+\)$/);
    const dht = segment(jpeg, 0xc4);
    expect(await damage(edited(jpeg, dht + 5, 0xff))).toMatch(/^a Huffman table of \d+ codes in \d+ bytes/);
    const sos = segment(jpeg, 0xda);
    expect(await damage(edited(jpeg, sos + 5, 9))).toMatch(/^a scan of component 9, which the frame does not have/);
    expect(await damage(edited(jpeg, sof + 1, 0xc3))).toMatch(/^a lossless or hierarchical frame/);
    expect(await damage(edited(jpeg, dqt + 1, 0x20))).toMatch(/^an unknown marker FF 20/);
    // A quantization table the scan uses and no segment defines (its marker lost): JERR_NO_QUANT_TABLE.
    expect(await damage(edited(jpeg, sof + 9 + 3 * 2, 3))).toMatch(/^component \d+'s quantization table 3, which the header does not define$/);
  });

  it("a length that runs past the end is damage in a whole file, the cut in a cut one", async () => {
    const dqt = segment(jpeg, 0xdb);
    const long = edited(jpeg, dqt + 2, 0x70);
    expect(await damage(long)).toMatch(/^a segment of 28,\d{3} bytes \(marker FF DB at byte \d+\) that runs past the end of the file$/);
    expect(await damage(long, true)).toBeUndefined();
  });

  it("claims nothing it cannot be sure of: arithmetic coding, a lost DHT marker (default tables)", async () => {
    expect(await damage(edited(jpeg, segment(jpeg, 0xc0) + 1, 0xc9))).toBeUndefined();
    expect(await damage(edited(jpeg, segment(jpeg, 0xc4) + 1, 0xcc))).toBeUndefined();
  });
});

describe("a PaddleClas config whose DecodeImage decodes with PIL (backend: pil)", () => {
  it("gives that split's images PIL's verdicts and the other split cv2's", async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), "labellint-pil-backend-")));
    mkdirSync(join(dir, "img"));
    const noise = Buffer.alloc(48 * 64 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
    const picture = sharp(noise, { raw: { width: 64, height: 48, channels: 3 } });
    const jpeg = await picture.clone().jpeg({ quality: 90 }).toBuffer();
    // Cut well inside its compressed data (after the scan header).
    writeFileSync(join(dir, "img", "cut.jpg"), jpeg.subarray(0, jpeg.length - 200));
    writeFileSync(join(dir, "img", "still.gif"), await picture.clone().gif().toBuffer());
    const row = (path: string, i: number) => `${path}\t${Array.from({ length: 33 }, (_, c) => (c % 2 === i % 2 ? 1 : 0)).join(",")}\n`;
    writeFileSync(join(dir, "train.txt"), row("cut.jpg", 0) + row("still.gif", 1));
    writeFileSync(join(dir, "eval.txt"), row("cut.jpg", 0) + row("still.gif", 1));
    // The bundled sample's config, its lists here, the Train split decoding with PIL (the MultiLabelCOCO ML-Decoder configs do).
    let config = readFileSync("fixtures/nus-wide-scene/ppcls_config.yaml", "utf8").replaceAll("./fixtures/nus-wide-scene/", `${dir}/img/`);
    config = config.replace(`cls_label_path: ${dir}/img/train_list.txt`, `cls_label_path: ${dir}/train.txt`).replace(`cls_label_path: ${dir}/img/eval_list.txt`, `cls_label_path: ${dir}/eval.txt`);
    config = config.replace("            channel_first: False\n", "            channel_first: False\n            backend: PIL\n");
    expect(config).toContain("backend: PIL");
    writeFileSync(join(dir, "config.yaml"), config);
    const run = await runCli(["check", "--ppcls-config", join(dir, "config.yaml"), "--check-images", "--reporter", "json"]);
    const report = JSON.parse(run.stdout) as { files: { path: string; problems: { rule: string; line?: number; severity: string; message: string }[] }[] };
    const images = (name: string) => report.files.find((f) => f.path.endsWith(name))!.problems.filter((p) => p.rule === "unreadable-image").map((p) => [p.line, p.severity]);
    // Train (PIL): the cut JPEG stops PIL, so __getitem__ swaps in another sample; PIL reads the GIF.
    expect(images("train.txt")).toEqual([[1, "error"]]);
    expect(report.files.find((f) => f.path.endsWith("train.txt"))!.problems.find((p) => p.rule === "unreadable-image")!.message).toMatch(/DecodeImage \(backend: pil\) raises OSError \(image file is truncated\), and PaddleClas's __getitem__ trains on a random other sample in its place$/);
    // Eval (cv2): the cut JPEG decodes with its rest grey (a warning); cv2 has no GIF reader.
    expect(images("eval.txt")).toEqual([[1, "warn"], [2, "error"]]);
  });
});

describe("a JPEG whose compressed data holds a marker", () => {
  let baseline: Buffer;
  let progressive: Buffer;
  beforeAll(async () => {
    const noise = Buffer.alloc(96 * 128 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919 + (i >> 5) * 104729) % 251;
    const picture = sharp(noise, { raw: { width: 128, height: 96, channels: 3 } });
    baseline = await picture.clone().jpeg({ quality: 90 }).toBuffer();
    progressive = await picture.clone().jpeg({ quality: 90, progressive: true }).toBuffer();
  });
  /** The JPEG with FF `marker` (and `after`) written over its compressed data at about `fraction` of it. */
  const withMarker = (jpeg: Buffer, marker: number, fraction = 0.6, after: number[] = []): { bytes: Buffer; at: number } => {
    const bytes = Buffer.from(jpeg);
    let at = Math.floor(jpeg.length * fraction);
    while (bytes[at - 1] === 0xff || bytes[at] === 0xff) at++;
    Buffer.from([0xff, marker, ...after]).copy(bytes, at);
    return { bytes, at };
  };

  it("finds the marker libjpeg stops on when PIL finishes the decode, and none where it does not", async () => {
    expect(await pilJpegFinishError(baseline)).toBeUndefined();
    const unknown = withMarker(baseline, 0x20);
    expect(await pilJpegFinishError(unknown.bytes)).toEqual({ offset: unknown.at, marker: 0x20 });
    const sof = withMarker(baseline, 0xc0);
    expect(await pilJpegFinishError(sof.bytes)).toEqual({ offset: sof.at, marker: 0xc0 });
    // An early end of image, a restart marker, a comment skipped by its length: libjpeg goes on to the end without an error.
    expect(await pilJpegFinishError(withMarker(baseline, 0xd9).bytes)).toBeUndefined();
    expect(await pilJpegFinishError(withMarker(baseline, 0xd3).bytes)).toBeUndefined();
    expect(await pilJpegFinishError(withMarker(baseline, 0xfe, 0.6, [0x00, 0x04, 0x41, 0x42]).bytes)).toBeUndefined();
    // A table (DHT, DQT) is parsed: not claimed. A progressive JPEG reads its markers while decoding, as libvips does.
    expect(await pilJpegFinishError(withMarker(baseline, 0xc4).bytes)).toBeUndefined();
    expect(await pilJpegFinishError(withMarker(progressive, 0x20).bytes)).toBeUndefined();
  });

  it("is an error for ImageList (PIL) and not for PaddleClas (cv2 returns the picture) with --decode-images", async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), "labellint-marker-")));
    const { bytes, at } = withMarker(baseline, 0x20);
    writeFileSync(join(dir, "m.jpg"), bytes);
    const decoded = await checkImage(nodeImageFs, dir, "m.jpg", { hash: false, decode: await loadDecoder() });
    expect(decoded).toMatchObject({ noPil: "jpeg-marker", marker: { offset: at, marker: 0x20 } });
    writeFileSync(join(dir, "list.txt"), "m.jpg\t1,0\n");
    writeFileSync(join(dir, "list.spaced.txt"), "m.jpg 1 0\n");
    const paddle = await runCli(["check", join(dir, "list.txt"), "--decode-images", "--rule", "rare-class:off", "--rule", "class-without-positives:off", "--rule", "class-always-positive:off"]);
    expect(paddle.stdout).not.toMatch(/error +image 'm\.jpg'/);
    const imagelist = await runCli(["check", join(dir, "list.spaced.txt"), "--decode-images", "--rule", "rare-class:off", "--rule", "class-without-positives:off", "--rule", "class-always-positive:off"]);
    expect(imagelist.stdout).toMatch(new RegExp(`error +image 'm\\.jpg' is a JPEG with marker FF 20 after its image data \\(byte ${at.toLocaleString("en-US")}\\), which PIL cannot decode \\(libjpeg stops on it when the decode finishes: OSError, broken data stream; OpenCV reads it\\): PIL raises in __getitem__`));
  });
});

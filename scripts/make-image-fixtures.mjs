// Regenerates the image fixtures (deterministic): the bundled sample
// fixtures/images-sample/ (a PaddleClas list of 10 rows, 33 NUS-WIDE-SCENE
// classes, tiny real images — one missing, one truncated, one empty, one not
// an image, one PNG named .jpg) and the image trees of the fix triples
// fixtures/fix/rejects-missing-image/ and fixtures/fix/rejects-unreadable-image/.
// Run: node scripts/make-image-fixtures.mjs
// The byte builders are exported for the tests (test/images/).
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { deflateSync } from "node:zlib";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid 1×1 RGB PNG (signature, IHDR, IDAT, IEND) of the given colour. */
export function png([r, g, b] = [135, 206, 235]) {
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", deflateSync(Buffer.from([0, r, g, b]))),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * A valid black 1-bit greyscale PNG of `width`×`height`: a picture of many
 * pixels in a few kilobytes (its rows of zeros compress to almost nothing).
 */
export function largePng(width, height) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.alloc((1 + Math.ceil(width / 8)) * height);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", deflateSync(rows, { level: 9 })),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * A valid, decodable 1×1 greyscale baseline JPEG: SOI, JFIF, a flat
 * quantisation table, SOF0, one-code DC and AC Huffman tables, one block
 * (DC difference `dc` in category ≤ 1 varies the content), EOI.
 */
export function jpeg(variant = 0) {
  const dht = (tableClass) => [0xff, 0xc4, 0x00, 0x14, tableClass, 1, ...new Array(15).fill(0), variant & 1 ? 1 : 0];
  return Buffer.from([
    0xff, 0xd8,
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
    0xff, 0xdb, 0x00, 0x43, 0x00, ...new Array(64).fill(1 + (variant >> 1)),
    0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00,
    ...dht(0x00),
    ...dht(0x10).slice(0, -1), 0x00,
    0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00,
    variant & 1 ? 0x9f : 0x3f,
    0xff, 0xd9,
  ]);
}

/** A 1×1 GIF89a (ends with the 0x3B trailer). */
export function gif() {
  return Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
}

/** A 1×1 24-bit BMP. */
export function bmp() {
  const b = Buffer.alloc(58);
  b.write("BM", 0, "latin1");
  b.writeUInt32LE(58, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(1, 18);
  b.writeInt32LE(1, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  b.writeUInt32LE(4, 34);
  b.set([235, 206, 135, 0], 54);
  return b;
}

/** A 1×1 lossless WebP (RIFF … WEBP VP8L). */
export function webp() {
  return Buffer.from("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==", "base64");
}

/**
 * An animated WebP of two 1×1 frames (VP8X with the animation flag, ANIM, two ANMF around
 * {@link webp}'s VP8L chunk). OpenCV 4.6.0's cv2.imdecode returns None for it; Pillow 9.4.0
 * reads its 2 frames, libvips its 2 pages.
 */
export function animatedWebp() {
  const u24 = (n) => Buffer.from([n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff]);
  const chunk = (type, data) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, "latin1");
    head.writeUInt32LE(data.length, 4);
    return Buffer.concat([head, data, Buffer.alloc(data.length % 2)]);
  };
  const frame = chunk("ANMF", Buffer.concat([u24(0), u24(0), u24(0), u24(0), u24(100), Buffer.from([0]), webp().subarray(12)]));
  const body = Buffer.concat([Buffer.from("WEBP"), chunk("VP8X", Buffer.concat([Buffer.from([0x02, 0, 0, 0]), u24(0), u24(0)])), chunk("ANIM", Buffer.alloc(6)), frame, frame]);
  const riff = Buffer.alloc(8);
  riff.write("RIFF", 0, "latin1");
  riff.writeUInt32LE(body.length, 4);
  return Buffer.concat([riff, body]);
}

/** A little-endian TIFF header with an empty first IFD. */
export function tiff() {
  return Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
}

/** A JPEG cut off mid-stream, as an interrupted download leaves it (no FF D9). */
export function truncatedJpeg() {
  const full = jpeg();
  return full.subarray(0, full.length - 40);
}

/** A PNG without its IEND chunk. */
export function truncatedPng() {
  const full = png();
  return full.subarray(0, full.length - 12);
}

// The 33 NUS-WIDE-SCENE concepts, in PaddleClas's class-id order (fixtures/nus-wide-scene/label_list.txt).
const NUM_CLASSES = 33;

/** A multi-hot row of 33 values with the given classes positive. */
function labels(...positive) {
  const v = new Array(NUM_CLASSES).fill(0);
  for (const i of positive) v[i] = 1;
  return v.join(",");
}

function write(path, bytes) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}

// Made once with sharp (32x24 shapes as JPEG q80; the same resized to 24x18 at q60; a 16x12 PNG with
// 4 bytes inverted mid-file) and kept as bytes, so this script needs no image library.
const PICTURE = Buffer.from("/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAYACADASIAAhEBAxEB/8QAGQAAAgMBAAAAAAAAAAAAAAAAAAYDBQcI/8QAJxAAAgEEAQMEAgMAAAAAAAAAAQIDAAQFESEGEmETIjFRQXEyQpH/xAAWAQEBAQAAAAAAAAAAAAAAAAAFBgP/xAApEQACAAQEAwkAAAAAAAAAAAABAgADBBEGEhMxBXGBFBUhJUFCUaGx/9oADAMBAAIRAxEAPwCoy2bubPISwRJCUTWiwO+QD9+aMTm7m8yEUEqQhH3sqDvgE/fijLYS5vMhLPE8IR9aDE74AH14qG2xN1jJGvXaFxDG79qkkn2nxQKIHIVdzDPkfdnt1dPrmy/t4Yp7q3gYCeeKMn4DuF3/ALUqsGUFSCDyCPzWTTzSTzPLM5eRjssfzTR0Jdymae0ZiYgnqKD/AFOwOP3uq/imEDQ0ZqVmZiu4t4dOX3EBGn9DX9ti+qbK8vpPSt4+/uftLa2jAcAE/JFPfXfVmCy3Sl9ZWd6Jp5QgWMwuO7TqTyVA+AaKKkZdQ0tCg9Y3SoZEMsbGOdb7pCQzk2U8YiJ2Fk2CvjgHdXmAw0eJhf3+pPJ/J9aH6FFFJVeIK+skdmnPdeQubfJjCP/Z", "base64");
const PICTURE_RESIZED = Buffer.from("/9j/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAASABgDASIAAhEBAxEB/8QAGAABAQEBAQAAAAAAAAAAAAAAAAUDAQT/xAAlEAACAgIBBAAHAAAAAAAAAAABAgADBBEFEhMhMQYUIkFhcYH/xAAZAQACAwEAAAAAAAAAAAAAAAACAwABBAX/xAAbEQACAgMBAAAAAAAAAAAAAAABAgADBBEhMv/aAAwDAQACEQMRAD8A8OTmX15FiIwCq2h9Im1WaqYgtyX8liBoeT/JW4vg6OVyLQ5CMoDE9JO/P7kr4n4g8dlpTSTZWi7JC60T+IrDoS6wK50DLybqHx1CJo87NcbLpyd9pjsewRoxJnD0W/M94qVRVI2R7iTPoSi4pWdicuWTY9fmt2Un30nUB3cdTszNvWydmImYeRDPmd+0REWIE//Z", "base64");
const DAMAGED_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAABAAAAAMCAYAAABr5z2BAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAiUlEQVR4nGOIWhXwnxLMgE2wt9T8/zVN4f/f2ZnB+KqWyP/uMnPiDNjkr/r/PwMDVrzer/JAAb2l5jg1w3B3uQVuA65pChM04Iq2CG4DvrMzEzTgGwcLZQZ85cRjwFUtEcq80F1GOBC78AUiCIOiCpfmdUEEohHuknILsFNhCQnERrcZrwGkJGUA3VykNuR8PkwAAAAASUVORK5CYII=", "base64");

export function makeSample(dir) {
  rmSync(dir, { recursive: true, force: true });
  const img = (name) => join(dir, "images", name);
  write(img("0001.jpg"), jpeg(0));
  write(img("0002.jpg"), PICTURE); // a real picture: e005.jpg is a smaller re-encode of it (with --similar-images)
  write(img("0003.png"), png([30, 90, 160]));
  // 0004.jpg is missing on purpose.
  write(img("0005.jpg"), truncatedJpeg());
  write(img("0006.jpg"), Buffer.alloc(0));
  write(img("0007.gif"), gif());
  write(img("0008.jpg"), Buffer.from("not an image: a note saved with the wrong name\n"));
  write(img("0009.jpg"), png([240, 200, 60]));
  write(img("0010.jpg"), jpeg(0)); // the same bytes as 0001.jpg (duplicate-image with --hash-images)
  write(img("e001.jpg"), jpeg(2));
  write(img("e003.png"), png([30, 90, 160])); // the same bytes as 0003.png (split-leakage with --hash-images)
  write(img("e004.png"), DAMAGED_PNG); // head and tail intact: only --decode-images finds it
  write(img("e005.jpg"), PICTURE_RESIZED);
  write(img("unlisted.png"), png([200, 10, 10])); // in no list (orphan-image)
  copyFileSync(join(dir, "..", "nus-wide-scene", "label_list.txt"), join(dir, "label_list.txt"));
  // Row i has classes i, i+10, i+20 (and i+30): every one of the 33 classes has a positive.
  const rowLabels = (i) => labels(...[i, i + 10, i + 20, i + 30].filter((c) => c < NUM_CLASSES));
  const names = ["0001.jpg", "0002.jpg", "0003.png", "0004.jpg", "0005.jpg", "0006.jpg", "0007.gif", "0008.jpg", "0009.jpg", "0010.jpg"];
  const train = names.map((name, i) => [`images/${name}`, rowLabels(i)]);
  const evalRows = [
    ["images/e001.jpg", labels(0, 23)],
    ["./images/0002.jpg", rowLabels(1)],
    ["images/e003.png", rowLabels(2)],
    ["images/e004.png", rowLabels(3)],
    ["images/e005.jpg", rowLabels(4)],
  ];
  const list = (rows) => rows.map(([p, l]) => `${p}\t${l}\n`).join("");
  writeFileSync(join(dir, "train_list.txt"), list(train));
  writeFileSync(join(dir, "eval_list.txt"), list(evalRows));
}

/** The image trees of the two fix triples (their input.txt, case.json and expected files are committed beside). */
export function makeFixTrees(fixDir) {
  const missing = join(fixDir, "rejects-missing-image", "images");
  rmSync(missing, { recursive: true, force: true });
  write(join(missing, "a.jpg"), jpeg(0));
  write(join(missing, "c.png"), png());
  const unreadable = join(fixDir, "rejects-unreadable-image", "images");
  rmSync(unreadable, { recursive: true, force: true });
  write(join(unreadable, "a.jpg"), jpeg(0));
  write(join(unreadable, "empty.jpg"), Buffer.alloc(0));
  write(join(unreadable, "cut.jpg"), truncatedJpeg());
  write(join(unreadable, "cut.png"), truncatedPng());
  write(join(unreadable, "text.jpg"), Buffer.from("hello\n"));
  write(join(unreadable, "named-wrong.jpg"), png());
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const fixtures = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures");
  makeSample(join(fixtures, "images-sample"));
  makeFixTrees(join(fixtures, "fix"));
  console.log("wrote fixtures/images-sample and the image trees of fixtures/fix/rejects-{missing,unreadable}-image");
}

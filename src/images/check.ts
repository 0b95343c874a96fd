import { extname, isAbsolute, sep } from "node:path";
import type { DecodedImage, Decoder } from "./decode.js";
import type { ImageFs } from "./fs.js";
import { jpegHeaderDamage } from "./jpeg-header.js";

export type ImageFormat = "jpeg" | "png" | "gif" | "bmp" | "webp" | "tiff";

/** What one image check found. */
export type ImageStatus = {
  /** Found by its path as written, `\\` and all (a path with a `\\`; see the image phase): its key keeps the `\\`. */
  asWritten?: true;
} & (
  | ({ kind: "ok"; format: ImageFormat; hash?: string; image?: DecodedImage } & OneDecoder)
  /** The content is a valid image of another format than the extension says. */
  | ({ kind: "mismatch"; format: ImageFormat; extension: string; hash?: string; image?: DecodedImage } & OneDecoder)
  /** Decoding (only when asked) failed: the decoder gives up on it. */
  | { kind: "undecodable"; format: ImageFormat; reason: string }
  /** Decoding (only when asked) reported damaged data but produced a picture. */
  | ({ kind: "corrupt"; format: ImageFormat; reason: string } & OneDecoder)
  | {
      kind: "missing";
      /** An absolute path looked for both as written and appended to the root (`written-or-appended`). */
      bothPlaces?: true;
      /** A loop of symbolic links (ELOOP): `os.path.exists` is False for it, as for a path that is not there. */
      loop?: true;
    }
  /** A symlink (somewhere on the path) resolves outside the image root: never opened. */
  | { kind: "outside"; target: string }
  | { kind: "empty" }
  | { kind: "not-image" }
  /**
   * `inScan`: a sequential JPEG cut inside its compressed data, after its
   * first scan header: OpenCV decodes the part that is there, PIL refuses it.
   */
  | { kind: "truncated"; format: "jpeg" | "png" | "bmp" | "webp"; detail: string; inScan?: true }
  | { kind: "not-file" }
  | { kind: "unreadable"; reason: string }
  /**
   * The system could not check it (too many open files, an I/O error, a
   * folder that cannot be searched): says nothing about the image. Never a
   * finding; the caller retries or stops.
   */
  | { kind: "system"; code: string; reason: string }
);

const EXTENSIONS: Record<string, ImageFormat> = {
  ".jpg": "jpeg",
  ".jpeg": "jpeg",
  ".jpe": "jpeg",
  ".jfif": "jpeg",
  ".png": "png",
  ".gif": "gif",
  ".bmp": "bmp",
  ".dib": "bmp",
  ".webp": "webp",
  ".tif": "tiff",
  ".tiff": "tiff",
};

/** The format an extension names (case-insensitive), or undefined for an unknown one. */
export function formatOfExtension(path: string): ImageFormat | undefined {
  return EXTENSIONS[extname(path).toLowerCase()];
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(head: Buffer, bytes: readonly number[], at = 0): boolean {
  if (head.length < at + bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (head[at + i] !== bytes[i]) return false;
  return true;
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** The image format of the first bytes of a file (16 are enough), by magic number. */
/**
 * The sizes a BMP's info header has (core 12, OS/2 16 and 64, info 40 and its
 * versions 52, 56, 108, 124): a file that only starts with "BM" is no BMP to
 * cv2.imdecode (None) or PIL (OSError), run with OpenCV 4.6.0 and Pillow 9.4.0.
 */
const BMP_INFO_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124]);

export function sniffFormat(head: Buffer): ImageFormat | undefined {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(head, PNG_SIGNATURE)) return "png";
  if (startsWith(head, ascii("GIF87a")) || startsWith(head, ascii("GIF89a"))) return "gif";
  if (startsWith(head, ascii("BM")) && head.length >= 18 && BMP_INFO_SIZES.has(head.readUInt32LE(14))) return "bmp";
  if (startsWith(head, ascii("RIFF")) && startsWith(head, ascii("WEBP"), 8)) return "webp";
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return "tiff";
  return undefined;
}

/**
 * Why the last bytes of a JPEG or PNG show a cut-off file, or undefined.
 * JPEG: the end-of-image marker FF D9 within the last 16 bytes (a few padding
 * bytes after it are tolerated; in entropy-coded data FF is never followed by
 * D9). PNG: the IEND chunk type just before the final 4-byte CRC.
 */
export function truncation(format: ImageFormat, tail: Buffer): string | undefined {
  if (format === "jpeg") {
    for (let i = tail.length - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return undefined;
    return "no JPEG end-of-image marker (FF D9)";
  }
  if (format === "png") {
    return tail.length >= 8 && tail.toString("latin1", tail.length - 8, tail.length - 4) === "IEND" ? undefined : "no PNG IEND chunk";
  }
  return undefined;
}

export const EDGE_BYTES = 16;

/**
 * Why a BMP of `size` bytes whose first bytes are `head` is cut off, or
 * undefined: its uncompressed pixel rows (BI_RGB, BI_BITFIELDS) end past the
 * file's end. libvips has no BMP reader, so decoding cannot tell; cv2.imdecode
 * returns None and PIL raises "image file is truncated" (OpenCV 4.6.0, Pillow
 * 9.4.0). The header's own file size is not trusted: writers leave it 0.
 */
/**
 * The compression a BMP's info header names when no reader knows it (the
 * defined values are 0–6 and 11–13; a flipped bit makes 4096), or undefined.
 * cv2.imdecode returns None and PIL raises "Unsupported BMP compression"
 * (OpenCV 4.6.0, Pillow 9.4.0, run); libvips has no BMP reader to ask.
 */
export function bmpUnknownCompression(head: Buffer): number | undefined {
  if (head.length < 34 || head.readUInt32LE(14) === 12) return undefined;
  const compression = head.readUInt32LE(30);
  return compression > 13 ? compression : undefined;
}

export function bmpTruncation(head: Buffer, size: number): string | undefined {
  if (head.length < 30) return undefined;
  const info = head.readUInt32LE(14);
  const core = info === 12;
  if (!core && head.length < 34) return undefined;
  const width = core ? head.readUInt16LE(18) : head.readInt32LE(18);
  const height = core ? head.readUInt16LE(20) : head.readInt32LE(22);
  const bits = core ? head.readUInt16LE(24) : head.readUInt16LE(28);
  const compression = core ? 0 : head.readUInt32LE(30);
  if (compression !== 0 && compression !== 3) return undefined;
  const stride = Math.floor((bits * Math.abs(width) + 31) / 32) * 4;
  const end = head.readUInt32LE(10) + stride * Math.abs(height);
  return size < end ? `${size.toLocaleString("en-US")} bytes where its pixel rows end at byte ${end.toLocaleString("en-US")}` : undefined;
}

/**
 * Why a WebP of `size` bytes whose first bytes are `head` is cut off, or
 * undefined: its RIFF header gives the length of the rest (a size writers
 * must set), and the file is shorter. cv2.imdecode returns None and PIL
 * raises for every such cut (OpenCV 4.6.0, Pillow 9.4.0, run).
 */
export function webpTruncation(head: Buffer, size: number): string | undefined {
  if (head.length < 8) return undefined;
  const end = head.readUInt32LE(4) + 8;
  return size < end ? `${size.toLocaleString("en-US")} bytes where its RIFF header says ${end.toLocaleString("en-US")}` : undefined;
}

/**
 * PNG's IEND chunk whole: length 0, type, and its CRC (always AE 42 60 82).
 * Found before the last bytes (decoding, which reads the whole file), the file
 * is complete with data after it: OpenCV 4.6.0's cv2.imdecode and Pillow 9.4.0
 * decode a PNG or a JPEG followed by other bytes, and stop at its end.
 */
const PNG_IEND_CHUNK = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
/** Bytes the format checks need at the start of a file: the signature, a WebP's VP8X flags (byte 20), a BMP's pixel layout (to byte 34). */
export const HEAD_BYTES = 34;
/**
 * Bytes read at the start of a file: a page, for the cost of the 34 the
 * format needs, so that a JPEG's header (the markers up to its first scan)
 * is mostly there without a second read.
 */
const HEAD_READ = 4096;

/** An image that PIL reads but OpenCV's cv2.imdecode does not (see {@link cv2Unsupported} and {@link tiffDecoders}). */
export type Cv2Unsupported = "gif" | "animated-webp" | "tiff" | "png-crc" | "png-end-crc";

/** What one of the two decoders the consumers use cannot read, of an image the other reads. */
export interface OneDecoder {
  /** cv2.imdecode returns None for it. */
  noCv2?: Cv2Unsupported;
  /** PIL's Image.open(...).convert("RGB") raises on it: a TIFF's samples, or a JPEG's marker after its image data (see {@link pilJpegFinishError}). */
  noPil?: "tiff" | "jpeg-marker" | "png-chunk-crc";
  /** The PNG chunk before the image data whose CRC fails (PIL checks them; libpng lets an ancillary one pass). */
  chunk?: string;
  /** The JPEG marker PIL's decoder fails on, and its byte offset. */
  marker?: { offset: number; marker: number };
  /** A TIFF's samples as its first directory gives them, when one decoder cannot read them: "32-bit floating-point samples (1 a pixel)". */
  samples?: string;
}

/**
 * Why `cv2.imdecode` returns None for a file of `format` whose first bytes
 * are `head`, or undefined when OpenCV reads it. Run with OpenCV 4.6.0 (the
 * newest PaddleClas allows: opencv-python<=4.6.0.66), Pillow 9.4.0:
 * `cv2.imdecode(np.frombuffer(data, "uint8"), 1)` is None for every GIF (4.6
 * has no GIF reader) and for an animated WebP (VP8X chunk with the animation
 * flag, 0x02 of byte 20: the WebP reader refuses animation), which
 * `Image.open(f).convert("RGB")` and libvips both decode; a still WebP with a
 * VP8X chunk (EXIF, ICC) decodes in both.
 */
export function cv2Unsupported(format: ImageFormat, head: Buffer): Cv2Unsupported | undefined {
  if (format === "gif") return "gif";
  if (format === "webp" && startsWith(head, ascii("VP8X"), 12) && head.length > 20 && (head[20]! & 0x02) !== 0) return "animated-webp";
  return undefined;
}

/** Reads `length` bytes at `position` (fewer at the end of the file). */
export type ReadAt = (position: number, length: number) => Promise<Buffer>;

/** The first directory of a TIFF: what decides which decoder reads its pixels. */
export interface TiffLayout {
  /** BitsPerSample (258), its first value; 1 when absent. */
  bits: number;
  /** SamplesPerPixel (277); 1 when absent. */
  samples: number;
  /** SampleFormat (339), its first value: 1 unsigned, 2 signed, 3 floating point; 1 when absent. */
  sampleFormat: number;
  /** PhotometricInterpretation (262); -1 when absent. */
  photometric: number;
  /** The file is big-endian (`MM`). */
  bigEndian?: boolean;
}

/** Directory entries read at most: real files have a few dozen. */
const TIFF_MAX_ENTRIES = 4096;
const TIFF_TYPE_SIZES: Record<number, number> = { 1: 1, 3: 2, 4: 4, 6: 1, 8: 2, 9: 4, 16: 8 };

/**
 * The sample layout of a TIFF's first directory (the page cv2.imdecode and
 * PIL decode), or undefined when the file does not hold one that can be read
 * (then nothing is claimed about it). `head` is the file's first bytes.
 */
export async function tiffLayout(readAt: ReadAt, head: Buffer, size: number): Promise<TiffLayout | undefined> {
  if (head.length < 8) return undefined;
  const little = head[0] === 0x49;
  const u16 = (b: Buffer, at: number): number => (little ? b.readUInt16LE(at) : b.readUInt16BE(at));
  const u32 = (b: Buffer, at: number): number => (little ? b.readUInt32LE(at) : b.readUInt32BE(at));
  const ifd = u32(head, 4);
  if (ifd < 8 || ifd + 2 > size) return undefined;
  const countBytes = await readAt(ifd, 2);
  if (countBytes.length < 2) return undefined;
  const count = u16(countBytes, 0);
  if (count === 0 || count > TIFF_MAX_ENTRIES) return undefined;
  const entries = await readAt(ifd + 2, count * 12);
  if (entries.length < count * 12) return undefined;
  const layout: TiffLayout = { bits: 1, samples: 1, sampleFormat: 1, photometric: -1, ...(little ? {} : { bigEndian: true }) };
  for (let i = 0; i < count; i++) {
    const at = i * 12;
    const tag = u16(entries, at);
    if (tag !== 258 && tag !== 262 && tag !== 277 && tag !== 339) continue;
    const type = u16(entries, at + 2);
    const n = u32(entries, at + 4);
    const width = TIFF_TYPE_SIZES[type];
    if (width === undefined || n === 0) return undefined;
    // The first value: in the entry when all fit in 4 bytes, else at the offset it holds.
    let source = entries;
    let from = at + 8;
    if (width * n > 4) {
      const offset = u32(entries, at + 8);
      source = await readAt(offset, width);
      if (source.length < width) return undefined;
      from = 0;
    }
    const value = width === 1 ? source[from]! : width === 2 ? u16(source, from) : width === 4 ? u32(source, from) : Number.NaN;
    if (!Number.isInteger(value)) return undefined;
    if (tag === 258) layout.bits = value;
    else if (tag === 262) layout.photometric = value;
    else if (tag === 277) layout.samples = value;
    else layout.sampleFormat = value;
  }
  return layout;
}

/** PhotometricInterpretation LogLuv: cv2 reads a 3-sample one as a float picture. */
const PHOTOMETRIC_LOGLUV = 32845;
const PHOTOMETRIC_PALETTE = 3;

/**
 * Whether `cv2.imdecode(buf, 1)` (OpenCV 4.6.0, the newest PaddleClas's
 * requirements allow) and `Image.open(f).convert("RGB")` (Pillow 9.4.0) read
 * a TIFF of `layout`, as measured on uncompressed TIFFs of every layout (bits
 * 1–64, 1–4 samples, unsigned, signed and float). OpenCV decodes 8- and
 * 16-bit integer samples, 1-bit grey and 4-bit palette ones into 8-bit colour; for
 * 32-bit and 64-bit samples, floats of any width, and other widths (2, 4
 * without a palette, 10, 12, 24) it returns None. PIL has a mode for the
 * one-sample 32-bit ones (I, F) but none for 24- or 64-bit samples, several
 * samples of other than 8 or 16 bits, several floating-point samples, floats
 * other than 32-bit, signed 8-bit ones or several signed ones: Image.open raises. Only these are claimed; the rest of PIL's
 * table changes between releases.
 */
export function tiffDecoders(layout: TiffLayout): { cv2: boolean; pil: boolean } {
  const { bits, samples, sampleFormat, photometric } = layout;
  // cv2 reads a LogLuv picture (what it writes for 3-channel floats) as floats; PIL has no reader for its SGILOG compression.
  if (photometric === PHOTOMETRIC_LOGLUV && samples === 3) return { cv2: true, pil: false };
  const float = sampleFormat === 3;
  const cv2 = !float && ((bits === 1 && samples === 1) || bits === 8 || bits === 16 || (bits === 4 && photometric === PHOTOMETRIC_PALETTE));
  // Pillow 9.4.0 has no mode for one big-endian unsigned 32-bit sample (its little-endian twin is mode I).
  const bigEndianU32 = layout.bigEndian === true && bits === 32 && samples === 1 && sampleFormat === 1;
  const pil = !(bigEndianU32 || bits === 24 || bits === 64 || (samples > 1 && bits !== 8 && bits !== 16) || (float && (samples > 1 || bits !== 32)) || (sampleFormat === 2 && (bits === 8 || samples > 1)));
  return { cv2, pil };
}

/** "32-bit floating-point samples (1 a pixel)". */
export function describeTiffSamples(layout: TiffLayout): string {
  const kind = layout.sampleFormat === 3 ? "floating-point" : layout.sampleFormat === 2 ? "signed integer" : "unsigned integer";
  if (layout.photometric === PHOTOMETRIC_LOGLUV) return `LogLuv-encoded samples (${layout.samples} a pixel)`;
  return `${layout.bits}-bit ${kind} samples (${layout.samples} a pixel)`;
}

/**
 * Whether a JPEG cut off before its end was cut inside its compressed data:
 * its frame is sequential (SOF0, SOF1) and its first scan header (SOS) is
 * whole. cv2.imdecode then returns the picture, the part that is missing
 * grey (libjpeg warns "Premature end of JPEG file"); cut before, or in a
 * progressive JPEG however far along, it returns None; PIL raises OSError
 * ("image file is truncated") for all (OpenCV 4.6.0, Pillow 9.4.0).
 */
export async function jpegCutInScan(readAt: ReadAt, size: number): Promise<boolean> {
  let sequential = false;
  let p = 2;
  // Markers are walked by their lengths: a few dozen reads of 4 bytes at most.
  for (let steps = 0; steps < 1024 && p + 2 <= size; steps++) {
    const h = await readAt(p, 4);
    if (h.length < 2 || h[0] !== 0xff) return false;
    const marker = h[1]!;
    if (marker === 0xff) {
      p++;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      p += 2;
      continue;
    }
    if (marker === 0xd9 || h.length < 4) return false;
    const length = h.readUInt16BE(2);
    if (length < 2) return false;
    if (marker === 0xc0 || marker === 0xc1) sequential = true;
    // Progressive, lossless or arithmetic-coded frames: no partial picture from cv2.
    else if (marker >= 0xc2 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return false;
    if (marker === 0xda) return sequential && p + 2 + length <= size;
    p += 2 + length;
  }
  return false;
}

/** Markers libjpeg's read_markers skips by their length (APPn, COM, DNL): after them it looks for the next marker. */
const isSkippedSegment = (m: number): boolean => (m >= 0xe0 && m <= 0xef) || m === 0xfe || m === 0xdc;
/** Markers whose segment libjpeg parses (DHT, DAC, DQT, DRI): with garbage in them the outcome is not claimed. */
const isParsedTable = (m: number): boolean => m === 0xc4 || m === 0xcc || m === 0xdb || m === 0xdd;

/**
 * Where PIL's JPEG decoder fails after the image data of a complete-looking
 * sequential JPEG, or undefined. A byte pair FF xx inside the compressed data
 * (a flipped bit makes one) ends the scan there: libjpeg warns ("premature
 * end of data segment") and fills the rest with grey, and cv2.imdecode
 * returns that picture. Pillow then calls jpeg_finish_decompress, which reads
 * the markers that follow up to the end-of-image marker; a marker it does not
 * know (FF 02–BF, C8, DE, DF, F0–FD), a second start of image or frame, or
 * another scan in a single-scan image is an error (Pillow's JpegDecode.c
 * error handler: OSError "broken data stream when reading image file"), while
 * libvips and cv2 never get there. Measured with Pillow 9.4.0 over 540
 * damaged JPEGs: this is every one PIL failed on that libvips decoded.
 */
export function pilJpegFinishError(jpeg: Buffer): { offset: number; marker: number } | undefined {
  let p = 2;
  let components = -1;
  // The header: walked by lengths up to the first scan, whose components must be the frame's all (a single scan).
  for (;;) {
    if (p + 4 > jpeg.length || jpeg[p] !== 0xff) return undefined;
    const marker = jpeg[p + 1]!;
    if (marker === 0xff) {
      p++;
      continue;
    }
    const length = jpeg.readUInt16BE(p + 2);
    if (length < 2) return undefined;
    if (marker === 0xc0 || marker === 0xc1) components = jpeg[p + 2 + 2 + 5] ?? -1;
    else if (marker >= 0xc2 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return undefined;
    if (marker === 0xda) {
      if (components < 1 || jpeg[p + 4] !== components) return undefined;
      p += 2 + length;
      break;
    }
    p += 2 + length;
  }
  // The compressed data, then the markers jpeg_finish_decompress reads (next_marker skips other bytes, FF fill bytes and FF 00).
  for (;;) {
    // The compressed data is most of the file: the next FF is found natively.
    p = jpeg.indexOf(0xff, p);
    if (p < 0) return undefined;
    let q = p + 1;
    while (q < jpeg.length && jpeg[q] === 0xff) q++;
    // No end-of-image marker: Pillow's source suspends, and with every line read it ends without an error.
    if (q >= jpeg.length) return undefined;
    const marker = jpeg[q]!;
    const at = q - 1;
    p = q + 1;
    if (marker === 0x00 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (marker === 0xd9) return undefined;
    if (isParsedTable(marker)) return undefined;
    if (isSkippedSegment(marker)) {
      if (p + 2 > jpeg.length) return undefined;
      p += Math.max(2, jpeg.readUInt16BE(p));
      continue;
    }
    // SOI, SOF, a second SOS in a single-scan image, or a marker libjpeg does not know: error_exit.
    return { offset: at, marker };
  }
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-32 (PNG's) of `bytes[start, end)`. */
function crc32(bytes: Buffer, start: number, end: number): number {
  let c = -1;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/**
 * Why a PNG's header chunk (IHDR, the first 33 bytes with the signature) is
 * not whole, or undefined: its length is not 13, its type not IHDR, or its
 * CRC does not match. libpng (cv2.imdecode: None) and Pillow (Image.open
 * raises) both refuse such a file — every one of the 75 single-bit flips in
 * those bytes, run with OpenCV 4.6.0 and Pillow 9.4.0 — and the first bytes
 * are all it takes to see it.
 */
export function pngHeaderDamage(head: Buffer): string | undefined {
  if (head.length < 33) return undefined;
  if (head.readUInt32BE(8) !== 13 || head.toString("latin1", 12, 16) !== "IHDR") return "its first chunk is not a whole IHDR header, which cv2.imdecode (None) and PIL (it raises) both refuse";
  if (crc32(head, 12, 29) !== head.readUInt32BE(29)) return "its IHDR header fails its checksum (CRC), which cv2.imdecode (None) and PIL (it raises) both refuse";
  return undefined;
}

/**
 * The first chunk before a PNG's image data (IDAT) whose CRC does not match,
 * among those within `head`, or undefined. Pillow checks the CRC of every
 * chunk before the image data while opening (PngImagePlugin's ChunkStream.crc:
 * "broken PNG file"); libpng refuses a critical chunk's (PLTE) and passes an
 * ancillary one's (tEXt, iCCP, …) with a warning, so cv2.imdecode reads the
 * picture (OpenCV 4.6.0, Pillow 9.4.0, run).
 */
export function pngChunkCrcFailure(head: Buffer): { chunk: string; critical: boolean } | undefined {
  // IHDR (bytes 8–32) is pngHeaderDamage's.
  for (let p = 33; p + 12 <= head.length; ) {
    const length = head.readUInt32BE(p);
    const type = head.toString("latin1", p + 4, p + 8);
    if (type === "IDAT" || type === "IEND" || !/^[A-Za-z]{4}$/.test(type)) return undefined;
    const end = p + 8 + length;
    if (length > 0x7fffffff || end + 4 > head.length) return undefined;
    if (crc32(head, p + 4, end) !== head.readUInt32BE(end)) return { chunk: type, critical: (head[p + 4]! & 0x20) === 0 };
    p = end + 4;
  }
  return undefined;
}

/**
 * A PNG whose last bytes are its IEND chunk with a CRC other than IEND's
 * (always AE 42 60 82): libpng refuses it, so cv2.imdecode returns None;
 * Pillow never reads that CRC (OpenCV 4.6.0, Pillow 9.4.0, run).
 */
export function pngEndCrcFails(tail: Buffer): boolean {
  if (tail.length < 8 || tail.toString("latin1", tail.length - 8, tail.length - 4) !== "IEND") return false;
  return tail.readUInt32BE(tail.length - 4) !== 0xae426082;
}

/**
 * A copy of a PNG with the CRCs of its IDAT chunks set right, or undefined
 * when none was wrong (or the chunks cannot be walked). Pillow reads the
 * image data without checking its CRCs (PngImagePlugin's load_read skips
 * them) and decodes such a file; libpng refuses it ("IDAT: CRC error"), so
 * cv2.imdecode returns None (Pillow 9.4.0, OpenCV 4.6.0); libvips refuses
 * it only when the data is in more than one IDAT chunk.
 */
export function withIdatCrcsMended(png: Buffer): Buffer | undefined {
  let copy: Buffer | undefined;
  for (let p = 8; p + 12 <= png.length; ) {
    const length = png.readUInt32BE(p);
    const end = p + 8 + length;
    if (length > 0x7fffffff || end + 4 > png.length) return undefined;
    if (png.toString("latin1", p + 4, p + 8) === "IDAT") {
      const crc = crc32(png, p + 4, end);
      if (png.readUInt32BE(end) !== crc) (copy ??= Buffer.from(png)).writeUInt32BE(crc, end);
    } else if (png.toString("latin1", p + 4, p + 8) === "IEND") break;
    p = end + 4;
  }
  return copy;
}

/**
 * The formats `decode` is given. libvips has no BMP reader: a BMP, which PIL
 * and cv2 read, keeps the 16-byte checks only rather than being called undecodable.
 */
const DECODED_FORMATS: ReadonlySet<ImageFormat> = new Set(["jpeg", "png", "gif", "webp", "tiff"]);
const HASH_CHUNK = 1 << 16;

export interface CheckOptions {
  /** Also hash the whole content (sha256, hex). */
  hash: boolean;
  /** Also decode the whole content (reads the whole file into memory). */
  decode?: Decoder | undefined;
  /** Real paths of folders outside the root whose images may be opened too (`--allow-images-in`). */
  allowed?: readonly string[] | undefined;
}

/** Below `root` (itself a real path), or the root itself. */
export function isInside(root: string, real: string): boolean {
  return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * `os.path.join(root, path)` as Python writes it, for the kernel to resolve:
 * an absolute path replaces the root, and nothing is normalised — `nodir/..`
 * needs `nodir` to exist, `a.jpg/.` is ENOTDIR, and `link/..` is the parent of
 * where `link` points — as the consumer's open or os.path.exists meets them.
 */
export function joinedAsWritten(root: string, path: string): string {
  if (isAbsolute(path)) return path;
  return root.endsWith(sep) ? root + path : root + sep + path;
}

/**
 * Checks one image. `relative` must already be a safe relative path (no
 * absolute path, no escaping `..`: unsafe-path reports those and they get
 * here only resolved, absolute, when folders are allowed); `realRoot` is the
 * image root after realpath. Symlinks are resolved first; a file resolving
 * outside the root and the allowed folders is never opened. Only
 * the first page and last {@link EDGE_BYTES} bytes are read (a JPEG's header further when it is longer), unless hashing or decoding.
 * Never throws: every failure is a status (`system` when the failure says
 * nothing about the image).
 */
export async function checkImage(fs: ImageFs, realRoot: string, relative: string, options: CheckOptions): Promise<ImageStatus> {
  let real: string;
  try {
    real = await fs.realpath(joinedAsWritten(realRoot, relative));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { kind: "missing" };
    // os.path.exists is False on a symlink loop: PaddleClas's loader asserts while loading the list, as for a missing file.
    if (code === "ELOOP") return { kind: "missing", loop: true };
    // A folder on the way that cannot be searched hides the image; it does not make it bad.
    if (code === "EACCES" || code === "EPERM" || SYSTEM_CODES.has(code ?? "")) return systemStatus(error);
    return { kind: "unreadable", reason: reasonOf(error) };
  }
  if (!isInside(realRoot, real) && options.allowed?.some((dir) => isInside(dir, real)) !== true) return { kind: "outside", target: real };
  try {
    const info = await fs.stat(real);
    if (!info.isFile()) return { kind: "not-file" };
    const size = info.size;
    if (size === 0) return { kind: "empty" };
    const handle = await fs.open(real);
    try {
      const head = Buffer.alloc(Math.min(HEAD_READ, size));
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      const format = sniffFormat(head.subarray(0, bytesRead));
      if (format === undefined) return { kind: "not-image" };
      const tailLength = Math.min(EDGE_BYTES, size);
      const tail = Buffer.alloc(tailLength);
      const t = await handle.read(tail, 0, tailLength, size - tailLength);
      const pngHeader = format === "png" ? pngHeaderDamage(head.subarray(0, bytesRead)) : undefined;
      if (pngHeader !== undefined) return { kind: "undecodable", format, reason: pngHeader };
      // A chunk before the image data failing its CRC: PIL refuses any such; libpng a critical one (PLTE) only.
      const chunkCrc = format === "png" ? pngChunkCrcFailure(head.subarray(0, bytesRead)) : undefined;
      if (chunkCrc?.critical === true) return { kind: "undecodable", format, reason: `its ${chunkCrc.chunk} chunk fails its checksum (CRC), which cv2.imdecode (None) and PIL (it raises) both refuse` };
      const ancillaryCrc = chunkCrc?.chunk;
      const unknownCompression = format === "bmp" ? bmpUnknownCompression(head.subarray(0, bytesRead)) : undefined;
      if (unknownCompression !== undefined) return { kind: "undecodable", format, reason: `its header names compression ${unknownCompression}, which no BMP reader knows (cv2.imdecode returns None, PIL raises)` };
      const cut =
        format === "bmp" ? bmpTruncation(head.subarray(0, bytesRead), size) : format === "webp" ? webpTruncation(head.subarray(0, bytesRead), size) : truncation(format, tail.subarray(0, t.bytesRead));
      const readAt: ReadAt = async (position, length) => {
        const bytes = Buffer.alloc(Math.max(0, Math.min(length, size - position)));
        const { bytesRead: n } = await handle.read(bytes, 0, bytes.length, position);
        return bytes.subarray(0, n);
      };
      // A header libjpeg gives up on: cv2 and PIL both fail, whatever follows it.
      const headerDamage = format === "jpeg" ? await jpegHeaderDamage(readAt, head.subarray(0, bytesRead), size, cut !== undefined) : undefined;
      if (headerDamage !== undefined) return { kind: "undecodable", format, reason: `its header is damaged: ${headerDamage} (libjpeg stops: cv2.imdecode returns None, PIL raises)` };
      const inScan = cut !== undefined && format === "jpeg" && (await jpegCutInScan(readAt, size));
      const truncated = { kind: "truncated", format: format as "jpeg" | "png" | "bmp" | "webp", detail: cut!, ...(inScan ? { inScan: true as const } : {}) } as const;
      // A TIFF's samples decide which decoder reads it: one neither reads is undecodable, decoded or not.
      const layout = format === "tiff" ? await tiffLayout(readAt, head.subarray(0, bytesRead), size) : undefined;
      const decoders = layout !== undefined ? tiffDecoders(layout) : undefined;
      if (layout !== undefined && decoders !== undefined && !decoders.cv2 && !decoders.pil) {
        return { kind: "undecodable", format, reason: `a TIFF of ${describeTiffSamples(layout)}, which neither OpenCV's cv2.imdecode (None) nor PIL (Image.open raises) decodes` };
      }
      const decoding = options.decode !== undefined && DECODED_FORMATS.has(format);
      // A WebP shorter than its RIFF size: cv2 and PIL both refuse it, whatever libvips makes of it.
      if (cut !== undefined && (!decoding || format === "webp")) return truncated;
      let hash: string | undefined;
      let image: DecodedImage | undefined;
      let badIdatCrc = false;
      let pilMarker: { offset: number; marker: number } | undefined;
      /** What one of the two decoders refuses of an image the other reads, from everything read of it. */
      const oneDecoder = (): OneDecoder => {
        const endCrc = format === "png" && pngEndCrcFails(tail.subarray(0, t.bytesRead));
        const noCv2 = decoders?.cv2 === false ? "tiff" : badIdatCrc ? "png-crc" : endCrc ? "png-end-crc" : cv2Unsupported(format, head.subarray(0, bytesRead));
        return {
          ...(noCv2 !== undefined ? { noCv2 } : {}),
          ...(decoders?.pil === false ? { noPil: "tiff" as const } : {}),
          ...(pilMarker !== undefined ? { noPil: "jpeg-marker" as const, marker: pilMarker } : {}),
          ...(ancillaryCrc !== undefined ? { noPil: "png-chunk-crc" as const, chunk: ancillaryCrc } : {}),
          ...(layout !== undefined && decoders !== undefined && (!decoders.cv2 || !decoders.pil) ? { samples: describeTiffSamples(layout) } : {}),
        };
      };
      if (decoding) {
        const bytes = await readHandle(handle, size);
        // Bytes after the end (a camera's or a tool's trailer, zero padding): decoders stop at the end and read it whole.
        if (cut !== undefined && format === "png" && bytes.lastIndexOf(PNG_IEND_CHUNK) < 0) return truncated;
        if (options.hash) hash = await hashBytes(bytes);
        // A PNG's image data that fails its CRCs: libpng (cv2) refuses it, PIL does not check them, and libvips checks
        // them only when there are several IDAT chunks — so the CRCs are checked here, and the data decoded with them mended.
        const mended = format === "png" ? withIdatCrcsMended(bytes) : undefined;
        badIdatCrc = mended !== undefined;
        const decoded = await options.decode!(mended ?? bytes);
        // A JPEG decodes strictly only when its end-of-image marker is there: if it does not, it is cut off.
        if (cut !== undefined && decoded.kind !== "decoded") return truncated;
        // What PIL meets after the picture, which neither libvips nor cv2 reads.
        const marker = format === "jpeg" && decoded.kind !== "undecodable" ? pilJpegFinishError(bytes) : undefined;
        if (marker !== undefined) pilMarker = marker;
        // Damaged data still turns into a picture; what one decoder refuses besides is said as well.
        if (decoded.kind === "corrupt") return { kind: "corrupt", format, reason: decoded.reason, ...oneDecoder() };
        if (decoded.kind !== "decoded") return { kind: decoded.kind, format, reason: decoded.reason };
        image = decoded.image;
      } else if (options.hash) {
        hash = await hashHandle(handle, size);
      }
      const named = formatOfExtension(relative);
      const extra = { ...(hash !== undefined ? { hash } : {}), ...(image !== undefined ? { image } : {}), ...oneDecoder() };
      if (named !== undefined && named !== format) return { kind: "mismatch", format, extension: extname(relative), ...extra };
      return { kind: "ok", format, ...extra };
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (SYSTEM_CODES.has((error as NodeJS.ErrnoException).code ?? "")) return systemStatus(error);
    return { kind: "unreadable", reason: reasonOf(error) };
  }
}

/**
 * Failures of the system, not of the image: out of file descriptors or
 * memory, an I/O error, a stale network mount. Reporting the image as
 * unreadable for these would let `fix` reject good rows.
 */
const SYSTEM_CODES: ReadonlySet<string> = new Set(["EMFILE", "ENFILE", "EIO", "ENOMEM", "EAGAIN", "ENOBUFS", "ESTALE", "ETIMEDOUT", "EINTR"]);

function systemStatus(error: unknown): ImageStatus {
  return { kind: "system", code: (error as NodeJS.ErrnoException).code ?? "", reason: reasonOf(error) };
}

async function hashHandle(handle: { read(b: Buffer, o: number, l: number, p: number): Promise<{ bytesRead: number }> }, size: number): Promise<string> {
  // Loaded on first use: only --hash-images needs it.
  const { createHash } = await import("node:crypto");
  const hash = createHash("sha256");
  const buffer = Buffer.allocUnsafe(Math.min(HASH_CHUNK, size));
  for (let position = 0; position < size; ) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - position), position);
    if (bytesRead === 0) break;
    hash.update(buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
  return hash.digest("hex");
}

/** The whole file (decoding needs it in one piece); a file that shrank meanwhile yields what is left. */
async function readHandle(handle: { read(b: Buffer, o: number, l: number, p: number): Promise<{ bytesRead: number }> }, size: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(size);
  let position = 0;
  while (position < size) {
    const { bytesRead } = await handle.read(buffer, position, size - position, position);
    if (bytesRead === 0) break;
    position += bytesRead;
  }
  return buffer.subarray(0, position);
}

async function hashBytes(bytes: Buffer): Promise<string> {
  const { createHash } = await import("node:crypto");
  return createHash("sha256").update(bytes).digest("hex");
}

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EISDIR: "it is a directory",
  ELOOP: "too many levels of symbolic links",
  EIO: "input/output error",
  EMFILE: "too many open files",
  ENFILE: "too many open files in the system",
  ENOMEM: "out of memory",
};

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return (code !== undefined && REASONS[code]) || (error instanceof Error ? error.message : String(error));
}

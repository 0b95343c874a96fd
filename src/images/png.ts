/**
 * A PNG's chunks and their checksums, which libpng (cv2, libvips) and Pillow
 * check differently: what each decoder refuses.
 */
import type { FileBytes } from "./read-at.js";

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/**
 * CRC-32 (PNG's) of `bytes[start, end)`. Node's zlib.crc32 exists only from
 * 20.15 (the package takes any Node 20); the chunks checked without decoding
 * are a page at most, and the image data only when decoding reads it whole.
 */
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
 * PNG's IEND chunk whole: length 0, type, and its CRC (always AE 42 60 82).
 * Found before the last bytes (decoding, which reads the whole file), the file
 * is complete with data after it: OpenCV 4.6.0's cv2.imdecode and Pillow 9.4.0
 * decode a PNG or a JPEG followed by other bytes, and stop at its end.
 */
export const PNG_IEND_CHUNK = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/** Chunks walked at most looking for a PNG's end: a real PNG has a few, or a few thousand IDAT chunks. */
const MAX_CHUNKS = 1 << 20;

/**
 * Where a PNG's IEND chunk is, walking its chunks by their lengths as libpng
 * and Pillow read them, when its last bytes are not that chunk: other bytes
 * follow the image (a tool's trailer, padding), which neither decoder reads.
 * `crcFails`: IEND's CRC is not AE 42 60 82 (libpng refuses it, see
 * {@link pngEndCrcFails}). Undefined when a chunk runs past the end of the
 * file — the file is cut off — or the walk cannot tell.
 */
export async function pngEnd(bytes: FileBytes): Promise<{ end: number; crcFails: boolean } | undefined> {
  for (let p = 8, chunks = 0; chunks < MAX_CHUNKS; chunks++) {
    const header = await bytes.slice(p, 12);
    if (header.length < 12) return undefined;
    const length = header.readUInt32BE(0);
    if (header.subarray(0, 8).equals(PNG_IEND_CHUNK.subarray(0, 8))) return { end: p, crcFails: !header.subarray(8).equals(PNG_IEND_CHUNK.subarray(8)) };
    if (length > 0x7fffffff || !/^[A-Za-z]{4}$/.test(header.toString("latin1", 4, 8))) return undefined;
    p += 12 + length;
  }
  return undefined;
}

/**
 * A PNG whose last bytes are its IEND chunk with a CRC other than IEND's
 * ({@link PNG_IEND_CHUNK}): libpng refuses it, so cv2.imdecode returns None;
 * Pillow never reads that CRC (OpenCV 4.6.0, Pillow 9.4.0, run).
 */
export function pngEndCrcFails(tail: Buffer): boolean {
  if (tail.length < 12 || !tail.subarray(-12, -4).equals(PNG_IEND_CHUNK.subarray(0, 8))) return false;
  return !tail.subarray(-4).equals(PNG_IEND_CHUNK.subarray(8));
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

/**
 * A TIFF's sample layout, from its first directory: which of the consumers'
 * two decoders (cv2.imdecode, PIL) turns it into a picture.
 */
import type { ReadAt } from "./read-at.js";

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
  /**
   * Why the first directory's image data is not all in the file, or
   * undefined: a strip or tile (StripOffsets 273 and StripByteCounts 279, or
   * TileOffsets 324 and TileByteCounts 325) that ends past the file's end.
   */
  cut?: string;
}

/** Strips or tiles read at most to find where the image data ends: a big TIFF has thousands. */
const TIFF_MAX_STRIPS = 1 << 20;

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
  if (ifd < 8) return undefined;
  const layout: TiffLayout = { bits: 1, samples: 1, sampleFormat: 1, photometric: -1, ...(little ? {} : { bigEndian: true }) };
  // A file cut before its first directory, or inside it (a writer that puts the directory last): neither decoder finds a picture.
  const bytes = size.toLocaleString("en-US");
  if (ifd + 2 > size) return { ...layout, cut: `its first directory is at byte ${ifd.toLocaleString("en-US")}, past the file's ${bytes} bytes` };
  const countBytes = await readAt(ifd, 2);
  if (countBytes.length < 2) return undefined;
  const count = u16(countBytes, 0);
  if (count === 0 || count > TIFF_MAX_ENTRIES) return undefined;
  if (ifd + 2 + count * 12 > size) return { ...layout, cut: `its first directory (byte ${ifd.toLocaleString("en-US")}, ${count} entries) runs past the file's ${bytes} bytes` };
  const entries = await readAt(ifd + 2, count * 12);
  const directoryEnd = ifd + 2 + count * 12 + 4;
  if (entries.length < count * 12) return undefined;
  /** A tag's values (SHORT or LONG), read where they are; "past" when they lie past the file's end, undefined when they cannot be read. */
  const values = async (at: number): Promise<number[] | "past" | undefined> => {
    const type = u16(entries, at + 2);
    const n = u32(entries, at + 4);
    const width = type === 3 ? 2 : type === 4 ? 4 : undefined;
    if (width === undefined || n === 0 || n > TIFF_MAX_STRIPS) return undefined;
    if (width * n > 4 && u32(entries, at + 8) + width * n > size) return "past";
    const source = width * n <= 4 ? entries.subarray(at + 8, at + 12) : await readAt(u32(entries, at + 8), width * n);
    if (source.length < width * n) return undefined;
    return Array.from({ length: n }, (_, k) => (width === 2 ? u16(source, k * 2) : u32(source, k * 4)));
  };
  const extents: Partial<Record<number, number>> = {};
  for (let i = 0; i < count; i++) {
    const at = i * 12;
    const tag = u16(entries, at);
    if (tag === 273 || tag === 279 || tag === 324 || tag === 325 || tag === 256 || tag === 257 || tag === 259 || tag === 278 || tag === 284 || tag === 322 || tag === 323) extents[tag] = at;
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
      // The values a directory keeps right after itself (a writer that puts it last), cut off with the file: libtiff and
      // PIL read them and fail. Values elsewhere past the end are a damaged offset, of which nothing is claimed.
      if (offset + width * n > size && offset >= directoryEnd && offset <= directoryEnd + 256) return { ...layout, cut: `the values of its directory entry ${tag} (byte ${offset.toLocaleString("en-US")}) run past the file's ${bytes} bytes` };
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
  /** A tag's first value, `fallback` when absent; undefined when it cannot be read. */
  const first = async (tag: number, fallback: number): Promise<number | undefined> => {
    if (extents[tag] === undefined) return fallback;
    const read = await values(extents[tag]!);
    return Array.isArray(read) ? read[0] : undefined;
  };
  /**
   * For uncompressed data (Compression 259 absent or 1), the bytes strip or tile `k` of `n` needs; undefined for
   * compressed data; null when the geometry cannot be read (then nothing is claimed).
   */
  const uncompressedNeeds = async (what: "strip" | "tile", n: number): Promise<((k: number) => number) | undefined | null> => {
    const compression = await first(259, 1);
    if (compression !== 1) return compression === undefined ? null : undefined;
    const [width, height, planar] = [await first(256, -1), await first(257, -1), await first(284, 1)];
    if (width === undefined || height === undefined || planar === undefined || width <= 0 || height <= 0) return null;
    const perPixel = planar === 2 ? 1 : layout.samples;
    if (what === "tile") {
      const [tileWidth, tileLength] = [await first(322, -1), await first(323, -1)];
      if (tileWidth === undefined || tileLength === undefined || tileWidth <= 0 || tileLength <= 0) return null;
      const tileBytes = tileLength * Math.ceil((tileWidth * perPixel * layout.bits) / 8);
      return () => tileBytes;
    }
    const rowsPerStrip = Math.min(height, (await first(278, height)) ?? 0);
    if (rowsPerStrip <= 0) return null;
    const stride = Math.ceil((width * perPixel * layout.bits) / 8);
    const perPlane = Math.ceil(height / rowsPerStrip);
    if (n !== perPlane * (planar === 2 ? layout.samples : 1)) return null;
    return (k) => Math.min(rowsPerStrip, height - (k % perPlane) * rowsPerStrip) * stride;
  };
  // Where the image data ends: libtiff reads each strip's or tile's bytes where its offset says ("Read error on strip",
  // cv2.imdecode None) and PIL raises "image file is truncated" (OpenCV 4.6.0, Pillow 9.4.0, run on cut files).
  for (const [offsetsTag, countsTag, what] of [[273, 279, "strip"], [324, 325, "tile"]] as const) {
    if (extents[offsetsTag] === undefined || extents[countsTag] === undefined) continue;
    const offsets = await values(extents[offsetsTag]!);
    const counts = await values(extents[countsTag]!);
    // Offsets or counts said to lie past the end are a damaged entry as often as a cut (libtiff then works out the
    // counts itself): nothing is claimed.
    if (offsets === undefined || counts === undefined || offsets === "past" || counts === "past" || offsets.length !== counts.length) break;
    // Uncompressed data is read for the bytes its rows need, not for a byte count that says more (a damaged count
    // with the data all there decodes in both); compressed data for its byte counts.
    const needs = await uncompressedNeeds(what, offsets.length);
    if (needs === null) break;
    let end = 0;
    for (let k = 0; k < offsets.length; k++) end = Math.max(end, offsets[k]! + (needs === undefined ? counts[k]! : Math.min(counts[k]!, needs(k))));
    if (end > size) layout.cut = `its image data (${offsets.length === 1 ? `one ${what}` : `${offsets.length.toLocaleString("en-US")} ${what}s`}) ends at byte ${end.toLocaleString("en-US")}, past the file's ${bytes} bytes`;
    break;
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

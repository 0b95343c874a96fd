import { extname, isAbsolute, sep } from "node:path";
import { readFailure } from "../errors.js";
import type { DecodedImage, Decoder } from "./decode.js";
import type { ImageFs } from "./fs.js";
import { jpegHeader, pilJpegFinishError } from "./jpeg.js";
import { PNG_IEND_CHUNK, pngChunkCrcFailure, pngEnd, pngEndCrcFails, pngHeaderDamage, withIdatCrcsMended } from "./png.js";
import { FileBytes, type ReadAt } from "./read-at.js";
import { describeTiffSamples, tiffDecoders, tiffLayout } from "./tiff.js";

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
      /** An absolute path found in one of those two places only: the ImageList that looks in the other stops on it. */
      stops?: "hashnet" | "deephash";
      /** An absolute path looked for appended to the root (DeepHash-pytorch's `data_path + path`). */
      appended?: true;
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
  | { kind: "truncated"; format: ImageFormat; detail: string; inScan?: true }
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

/**
 * The sizes of a BMP's info header that PIL reads (BmpImagePlugin: OS/2 1.x's
 * 12, and 40, 64, 108, 124); cv2.imdecode reads 12 and every size from 36 on
 * (grfmt_bmp.cpp readHeader), and neither reads another. Run with OpenCV
 * 4.6.0 and Pillow 9.4.0 over sizes 12–1,000.
 */
const PIL_BMP_INFO_SIZES: ReadonlySet<number> = new Set([12, 40, 64, 108, 124]);

/**
 * The largest info header taken for a BMP's: text that starts with "BM" (a
 * list of BMW owners) has letters there, a size of a billion bytes.
 */
const MAX_BMP_INFO_SIZE = 4096;

/** Which decoders read a BMP whose first bytes are `head`, by the size of its info header; undefined when it is no BMP's. */
export function bmpInfoSize(head: Buffer): { size: number; cv2: boolean; pil: boolean } | undefined {
  if (head.length < 18 || !startsWith(head, ascii("BM"))) return undefined;
  const size = head.readUInt32LE(14);
  if (size < 12 || size > MAX_BMP_INFO_SIZE) return undefined;
  return { size, cv2: size === 12 || size >= 36, pil: PIL_BMP_INFO_SIZES.has(size) };
}

/** The image format of the first bytes of a file (18 are enough for a BMP), by magic number. */
export function sniffFormat(head: Buffer): ImageFormat | undefined {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(head, PNG_SIGNATURE)) return "png";
  if (startsWith(head, ascii("GIF87a")) || startsWith(head, ascii("GIF89a"))) return "gif";
  // cv2 and PIL both take "BM" for a BMP; the size of its info header then decides which reads it.
  if (bmpInfoSize(head) !== undefined) return "bmp";
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

/**
 * Why a BMP of `size` bytes whose first bytes are `head` is cut off, or
 * undefined: its uncompressed pixel rows (BI_RGB, BI_BITFIELDS) end past the
 * file's end. libvips has no BMP reader, so decoding cannot tell; cv2.imdecode
 * returns None and PIL raises "image file is truncated" (OpenCV 4.6.0, Pillow
 * 9.4.0). The header's own file size is not trusted: writers leave it 0.
 */
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

/** Blocks walked at most looking for the end of a GIF's first picture: extensions before it are a few. */
const GIF_MAX_BLOCKS = 1 << 16;

/**
 * Why a GIF is cut off inside its first picture, or undefined. PIL decodes
 * the first frame (`convert("RGB")` never seeks further) and raises "image
 * file is truncated" when the file ends before that frame's data sub-blocks
 * do; a missing trailer (3B) or a later frame cut short does not stop it
 * (Pillow 9.4.0, run on a GIF cut at every byte). cv2.imdecode reads no GIF.
 * Blocks are walked by their lengths: the colour tables, extensions
 * (21 label, sub-blocks) up to the image descriptor (2C), its local table and
 * LZW code size, then the picture's sub-blocks to their terminator (00).
 */
export async function gifTruncation(bytes: FileBytes): Promise<string | undefined> {
  const size = bytes.size;
  const past = (p: number): string => `it ends at byte ${size.toLocaleString("en-US")}, inside its first picture's data (which runs to byte ${p.toLocaleString("en-US")} at least)`;
  const packed = await bytes.at(12) < 0 ? -1 : await bytes.at(10);
  if (packed < 0) return `it ends at byte ${size.toLocaleString("en-US")}, inside its 13-byte header`;
  let p = 13 + ((packed & 0x80) !== 0 ? 3 << ((packed & 7) + 1) : 0);
  /**
   * Sub-blocks from `from` to their terminator: where they end, or where the file ends first (`cut`) with the length
   * of the last whole sub-block before it (-1: none); undefined past the walk's bound.
   */
  const subBlocks = async (from: number): Promise<{ end: number } | { cut: number; last: number } | undefined> => {
    let q = from;
    let last = -1;
    for (let k = 0; k < GIF_MAX_BLOCKS * 256; k++) {
      const length = await bytes.at(q);
      if (length === 0) return { end: q + 1 };
      if (length < 0) return { cut: q, last };
      last = length;
      q += 1 + length;
    }
    return undefined;
  };
  for (let blocks = 0; blocks < GIF_MAX_BLOCKS; blocks++) {
    const block = await bytes.at(p);
    // The file ends before a picture starts: PIL finds no frame ("cannot identify image file").
    if (block < 0) return `it ends at byte ${size.toLocaleString("en-US")}, ${p > size ? "inside its colour table" : "before its first picture"}`;
    if (block === 0x21) {
      const extension = await subBlocks(p + 2);
      if (extension === undefined) return undefined;
      // A file cut inside an extension before any picture: PIL finds no frame.
      if ("cut" in extension) return `it ends at byte ${size.toLocaleString("en-US")}, inside an extension block before its first picture`;
      p = extension.end;
      continue;
    }
    if (block !== 0x2c) return undefined;
    const local = await bytes.at(p + 9);
    if (local < 0) return past(p + 10);
    const dataStart = p + 10 + ((local & 0x80) !== 0 ? 3 << ((local & 7) + 1) : 0) + 1;
    if (dataStart > size) return past(dataStart);
    // The picture's sub-blocks: a file ending inside one is cut; one ending after a short (last) sub-block, with only its
    // terminator missing, holds the whole picture, which PIL decodes (an encoder fills every sub-block but the last).
    const picture = await subBlocks(dataStart);
    if (picture === undefined || "end" in picture) return undefined;
    return picture.cut === size && picture.last > 0 && picture.last < 255 ? undefined : past(Math.max(picture.cut, size + 1));
  }
  return undefined;
}

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
  /** PIL's Image.open(...).convert("RGB") raises on it: a TIFF's samples, a JPEG's marker after its image data (see {@link pilJpegFinishError}), a chunk's CRC, a BMP's info-header size. */
  noPil?: "tiff" | "jpeg-marker" | "png-chunk-crc" | "bmp-header";
  /** A BMP's info-header size, when one decoder does not take it. */
  infoSize?: number;
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
 * the first page and last {@link EDGE_BYTES} bytes are read (a JPEG's header further when it is longer, and a JPEG's
 * data or a PNG's chunks up to its end when its last bytes are not that end), unless hashing or decoding.
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
    return { kind: "unreadable", reason: readFailure(error) };
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
      const bmpInfo = format === "bmp" ? bmpInfoSize(head.subarray(0, bytesRead)) : undefined;
      if (bmpInfo !== undefined && !bmpInfo.cv2 && !bmpInfo.pil) return { kind: "undecodable", format, reason: `its info header is ${bmpInfo.size.toLocaleString("en-US")} bytes, a size no BMP reader takes (cv2.imdecode returns None, PIL raises)` };
      const unknownCompression = format === "bmp" ? bmpUnknownCompression(head.subarray(0, bytesRead)) : undefined;
      if (unknownCompression !== undefined) return { kind: "undecodable", format, reason: `its header names compression ${unknownCompression}, which no BMP reader knows (cv2.imdecode returns None, PIL raises)` };
      const endsAt =
        format === "bmp" ? bmpTruncation(head.subarray(0, bytesRead), size) : format === "webp" ? webpTruncation(head.subarray(0, bytesRead), size) : truncation(format, tail.subarray(0, t.bytesRead));
      const readAt: ReadAt = async (position, length) => {
        const bytes = Buffer.alloc(Math.max(0, Math.min(length, size - position)));
        const { bytesRead: n } = await handle.read(bytes, 0, bytes.length, position);
        return bytes.subarray(0, n);
      };
      // A header libjpeg gives up on: cv2 and PIL both fail, whatever follows it.
      const header = format === "jpeg" ? await jpegHeader(readAt, head.subarray(0, bytesRead), size, endsAt !== undefined) : undefined;
      if (header?.damage !== undefined) return { kind: "undecodable", format, reason: `its header is damaged, ${header.damage}, which libjpeg gives up on (cv2.imdecode returns None, PIL raises)` };
      // A PNG not ending with its IEND chunk: its chunks walked to find it, before bytes after the image's end.
      const pngEnding = format === "png" && endsAt !== undefined ? await pngEnd(new FileBytes(readAt, size, head.subarray(0, bytesRead))) : undefined;
      // Bytes after the image's end (a phone's video, a tool's trailer, padding): the decoders stop at the end and read it whole.
      // A marker after a JPEG's data ends its scan there as well: cv2 reads the picture, PIL fails on the marker (noPil).
      const cut = header?.end !== undefined || header?.marker !== undefined || pngEnding !== undefined ? undefined : endsAt;
      const inScan = header?.cutInScan === true;
      const truncated = { kind: "truncated", format, detail: cut!, ...(inScan ? { inScan: true as const } : {}) } as const;
      // A TIFF's samples decide which decoder reads it: one neither reads is undecodable, decoded or not.
      const layout = format === "tiff" ? await tiffLayout(readAt, head.subarray(0, bytesRead), size) : undefined;
      // A TIFF whose first page's data (or directory) runs past the file's end, a GIF cut inside its first picture: both decoders that read the format fail.
      if (layout?.cut !== undefined) return { kind: "truncated", format, detail: layout.cut };
      const gifCut = format === "gif" ? await gifTruncation(new FileBytes(readAt, size, head.subarray(0, bytesRead))) : undefined;
      if (gifCut !== undefined) return { kind: "truncated", format, detail: gifCut };
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
      // Found looking for the end of a JPEG that does not end with it; with decoding, looked for again in the whole.
      let pilMarker: { offset: number; marker: number } | undefined = header?.marker;
      /** What one of the two decoders refuses of an image the other reads, from everything read of it. */
      const oneDecoder = (): OneDecoder => {
        const endCrc = format === "png" && (pngEnding?.crcFails ?? pngEndCrcFails(tail.subarray(0, t.bytesRead)));
        const noCv2 = decoders?.cv2 === false ? "tiff" : badIdatCrc ? "png-crc" : endCrc ? "png-end-crc" : cv2Unsupported(format, head.subarray(0, bytesRead));
        return {
          ...(noCv2 !== undefined ? { noCv2 } : {}),
          ...(decoders?.pil === false ? { noPil: "tiff" as const } : {}),
          ...(pilMarker !== undefined ? { noPil: "jpeg-marker" as const, marker: pilMarker } : {}),
          ...(ancillaryCrc !== undefined ? { noPil: "png-chunk-crc" as const, chunk: ancillaryCrc } : {}),
          ...(bmpInfo !== undefined && !bmpInfo.pil ? { noPil: "bmp-header" as const, infoSize: bmpInfo.size } : {}),
          ...(layout !== undefined && decoders !== undefined && (!decoders.cv2 || !decoders.pil) ? { samples: describeTiffSamples(layout) } : {}),
        };
      };
      if (decoding) {
        const bytes = await readHandle(handle, size);
        // A PNG whose chunks could not be walked to its IEND chunk: decoding decides when that chunk is there.
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
        const marker = format === "jpeg" && decoded.kind !== "undecodable" ? await pilJpegFinishError(bytes) : undefined;
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
    return { kind: "unreadable", reason: readFailure(error) };
  }
}

/**
 * Failures of the system, not of the image: out of file descriptors or
 * memory, an I/O error, a stale network mount. Reporting the image as
 * unreadable for these would let `fix` reject good rows.
 */
const SYSTEM_CODES: ReadonlySet<string> = new Set(["EMFILE", "ENFILE", "EIO", "ENOMEM", "EAGAIN", "ENOBUFS", "ESTALE", "ETIMEDOUT", "EINTR"]);

function systemStatus(error: unknown): ImageStatus {
  return { kind: "system", code: (error as NodeJS.ErrnoException).code ?? "", reason: readFailure(error) };
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


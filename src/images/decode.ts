/**
 * Full decoding of one image with sharp (libvips), loaded on first use: only
 * `--decode-images` and `--similar-images` pay for it.
 */
import { importPackage } from "../deps.js";

/** What decoding an image showed about it. */
export interface DecodedImage {
  width: number;
  height: number;
  /** One channel (plus alpha at most): a grayscale picture. */
  grayscale: boolean;
  /** 64-bit difference hash (see {@link differenceHash}). */
  dhash: bigint;
}

export type DecodeResult =
  | { kind: "decoded"; image: DecodedImage }
  /** The decoder read to the end but reported damaged data on the way (pixels of the damaged part are garbage). */
  | { kind: "corrupt"; reason: string }
  /** The decoder gave up (truncated, garbled header, unknown format). */
  | { kind: "undecodable"; reason: string };

export type Decoder = (bytes: Buffer) => Promise<DecodeResult>;

type Sharp = typeof import("sharp");

let loading: Promise<Sharp> | undefined;

async function loadSharp(): Promise<Sharp> {
  const { default: sharp } = await importPackage<{ default: typeof import("sharp") }>("sharp");
  // Many small images at once: no cache to fill, one libvips thread per image (the phase runs several).
  sharp.cache(false);
  sharp.concurrency(1);
  return sharp;
}

/** The decoder, with sharp loaded once. */
export async function loadDecoder(): Promise<Decoder> {
  const sharp = await (loading ??= loadSharp());
  return (bytes) => decodeWith(sharp, bytes);
}

/**
 * Decodes every byte of the compressed data (JPEG shrink-on-load still
 * entropy-decodes every block) down to a 9×8 grayscale thumbnail, so memory
 * stays small whatever the picture's size. Strict first (`failOn: "warning"`:
 * libjpeg's "Corrupt JPEG data" stops it); only an image that fails is decoded
 * again leniently, to tell damaged-but-decodable from undecodable. libvips's
 * default would pass a truncated JPEG as a picture with a grey bottom.
 */
async function decodeWith(sharp: Sharp, bytes: Buffer): Promise<DecodeResult> {
  try {
    return { kind: "decoded", image: await gate.shared(() => thumbnail(sharp, bytes, "warning")) };
  } catch {
    // libvips keeps one error text for the whole process: while other images decode, a failure's
    // text can be another decode's, or lost ("Unknown error"). A failed image is decoded again
    // alone, so the reason a report gives is this image's, the same in every run.
    return gate.alone(() => judgeFailed(sharp, bytes));
  }
}

async function judgeFailed(sharp: Sharp, bytes: Buffer): Promise<DecodeResult> {
  try {
    // Alone it may decode after all (the first failure was another image's): then it is fine.
    return { kind: "decoded", image: await thumbnail(sharp, bytes, "warning") };
  } catch (strict) {
    const reason = firstLine(strict);
    try {
      await thumbnail(sharp, bytes, "error");
      return { kind: "corrupt", reason };
    } catch (lenient) {
      return { kind: "undecodable", reason: firstLine(lenient) };
    }
  }
}

/**
 * Decodes run side by side (`shared`) except one that must run with no other
 * in flight (`alone`): it waits for those running to end, and holds new ones
 * back until it is done.
 */
class DecodeGate {
  private running = 0;
  private idle: (() => void)[] = [];
  private exclusive: Promise<unknown> | undefined;

  async shared<T>(run: () => Promise<T>): Promise<T> {
    while (this.exclusive !== undefined) await this.exclusive.catch(() => undefined);
    this.running++;
    try {
      return await run();
    } finally {
      if (--this.running === 0) for (const wake of this.idle.splice(0)) wake();
    }
  }

  async alone<T>(run: () => Promise<T>): Promise<T> {
    while (this.exclusive !== undefined) await this.exclusive.catch(() => undefined);
    const turn = (async () => {
      if (this.running > 0) await new Promise<void>((wake) => this.idle.push(wake));
      return run();
    })();
    this.exclusive = turn;
    try {
      return await turn;
    } finally {
      this.exclusive = undefined;
    }
  }
}

const gate = new DecodeGate();

/**
 * The most pixels decoded: OpenCV's own limit (CV_IO_MAX_IMAGE_PIXELS, 2^30),
 * past which cv2.imdecode refuses an image, not sharp's default (268,402,689):
 * a 17000×17000 picture decodes in OpenCV 4.6.0 and was "undecodable" here.
 * Memory stays small: the picture is shrunk while it is read.
 */
export const MAX_DECODED_PIXELS = 2 ** 30;

/**
 * PIL's decompression-bomb limit: Image.open raises DecompressionBombError
 * for an image of more than twice `Image.MAX_IMAGE_PIXELS` (89,478,485) pixels
 * (run with Pillow 9.4.0: a 15000×12000 PNG raises, 100 M pixels only warns).
 */
export const PIL_MAX_PIXELS = 2 * 89_478_485;

async function thumbnail(sharp: Sharp, bytes: Buffer, failOn: "warning" | "error"): Promise<DecodedImage> {
  const image = sharp(bytes, { failOn, limitInputPixels: MAX_DECODED_PIXELS });
  const meta = await image.metadata();
  const { data } = await image.greyscale().resize(9, 8, { fit: "fill" }).raw().toBuffer({ resolveWithObject: true });
  const channels = meta.channels ?? 3;
  return {
    width: meta.autoOrient?.width ?? meta.width ?? 0,
    height: meta.autoOrient?.height ?? meta.height ?? 0,
    grayscale: channels - (meta.hasAlpha ? 1 : 0) === 1,
    dhash: differenceHash(data),
  };
}

/**
 * dHash of a 9×8 grayscale thumbnail (row-major, one byte per pixel): bit
 * 8·y + x is set when pixel (x, y) is brighter than its right neighbour.
 * Re-encoding and resizing move few bits; different pictures differ in about half.
 */
export function differenceHash(pixels: Uint8Array): bigint {
  let hash = 0n;
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) {
      hash <<= 1n;
      if (pixels[y * 9 + x]! > pixels[y * 9 + x + 1]!) hash |= 1n;
    }
  }
  return hash;
}

/** The decoder's own words: the first line that is not sharp's note about `failOn`, without sharp's prefix. */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split("\n").map((l) => l.trim()).find((l) => l !== "" && !/treated as error due to failOn/.test(l));
  // sharp gives no more than its note for some of libvips's warnings.
  if (line === undefined) return "the decoder warned of damaged data";
  return line.replace(/^Input (buffer|Buffer|file) (has corrupt header: |contains |is )?/, "").trim() || text;
}

import sharp from "sharp";

/** A 128×96 picture with a few shapes, seeded so pictures differ (JPEG unless `png`). */
export async function picture(seed: number, format: "jpeg" | "png" = "jpeg"): Promise<Buffer> {
  const x = 20 + ((seed * 37) % 70);
  const y = 15 + ((seed * 53) % 50);
  const svg = `<svg width="128" height="96"><rect x="${(seed * 29) % 90}" y="${(seed * 17) % 60}" width="40" height="30" fill="rgb(${(seed * 71) % 255},40,${(seed * 13) % 255})"/><circle cx="${x}" cy="${y}" r="${10 + (seed % 20)}" fill="rgb(240,${(seed * 91) % 255},20)"/></svg>`;
  const base = sharp({ create: { width: 128, height: 96, channels: 3, background: { r: (seed * 41) % 255, g: (seed * 97) % 255, b: 128 } } }).composite([{ input: Buffer.from(svg) }]);
  return format === "png" ? base.png().toBuffer() : base.jpeg({ quality: 90 }).toBuffer();
}

/** The same picture, re-encoded at another JPEG quality. */
export const reencoded = (bytes: Buffer, quality = 60): Promise<Buffer> => sharp(bytes).jpeg({ quality }).toBuffer();
/** The same picture at `scale` of its size. */
export const resized = async (bytes: Buffer, scale = 0.5): Promise<Buffer> => {
  const { width, height } = await sharp(bytes).metadata();
  return sharp(bytes).resize(Math.round(width * scale), Math.round(height * scale)).jpeg({ quality: 85 }).toBuffer();
};
/** The same picture with `fraction` cut off (half on each side). */
export const cropped = async (bytes: Buffer, fraction = 0.1): Promise<Buffer> => {
  const { width, height } = await sharp(bytes).metadata();
  const dx = Math.round((width * fraction) / 2);
  const dy = Math.round((height * fraction) / 2);
  return sharp(bytes).extract({ left: dx, top: dy, width: width - 2 * dx, height: height - 2 * dy }).jpeg({ quality: 85 }).toBuffer();
};
/** A grayscale PNG. */
export const grayPng = (bytes: Buffer): Promise<Buffer> => sharp(bytes).greyscale().toColourspace("b-w").png().toBuffer();
/** The first half of the file: a cut-off download. */
export const truncatedMidFile = (bytes: Buffer): Buffer => bytes.subarray(0, bytes.length >> 1);
/** The first half of a JPEG closed with an end-of-image marker: the tail looks whole, the data is not. */
export const truncatedWithEnd = (bytes: Buffer): Buffer => Buffer.concat([bytes.subarray(0, bytes.length >> 1), Buffer.from([0xff, 0xd9])]);
/** `count` bytes inverted in the middle of the file. */
export function bitFlipped(bytes: Buffer, count = 16): Buffer {
  const out = Buffer.from(bytes);
  for (let i = 0; i < count; i++) out[(out.length >> 1) + i]! ^= 0xff;
  return out;
}

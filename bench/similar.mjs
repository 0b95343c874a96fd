// How well a 64-bit dHash (what --similar-images compares) tells copies from
// other pictures, on generated images: N pictures of a few random shapes on a
// smooth random field, each
// re-encoded at JPEG quality 50, resized to half and cropped by 10%. Prints,
// per Hamming threshold, the recall over (picture, copy) pairs and the false
// positive rate over pairs of different pictures. Run after `npm run build`:
//   node bench/similar.mjs [N]
import sharp from "sharp";
import { loadDecoder } from "../dist/images/decode.js";
import { hammingDistance } from "../dist/images/similar.js";

const count = Number(process.argv[2] ?? 300);
// mulberry32: a seeded generator, so every run measures the same pictures.
let seed = 12345;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
}
const int = (n) => Math.floor(random() * n);
const colour = () => `rgb(${int(256)},${int(256)},${int(256)})`;

async function picture() {
  const w = 160 + int(160);
  const h = 120 + int(120);
  // A smooth random field (a 12×9 grid of random colours, upscaled) like a photo's large-scale light, then shapes.
  const grid = Buffer.alloc(12 * 9 * 3);
  for (let k = 0; k < grid.length; k++) grid[k] = int(256);
  const field = await sharp(grid, { raw: { width: 12, height: 9, channels: 3 } }).resize(w, h, { kernel: "cubic" }).png().toBuffer();
  const shapes = [];
  for (let i = 0, n = 3 + int(6); i < n; i++) {
    shapes.push(
      random() < 0.5
        ? `<rect x="${int(w)}" y="${int(h)}" width="${10 + int(w / 3)}" height="${10 + int(h / 3)}" fill="${colour()}"/>`
        : `<circle cx="${int(w)}" cy="${int(h)}" r="${5 + int(h / 5)}" fill="${colour()}"/>`,
    );
  }
  const svg = `<svg width="${w}" height="${h}">${shapes.join("")}</svg>`;
  return sharp(field).composite([{ input: Buffer.from(svg) }]).jpeg({ quality: 90 }).toBuffer();
}

const variants = {
  "re-encoded q50": (b) => sharp(b).jpeg({ quality: 50 }).toBuffer(),
  "resized 50%": async (b) => {
    const { width, height } = await sharp(b).metadata();
    return sharp(b).resize(Math.round(width / 2), Math.round(height / 2)).jpeg({ quality: 85 }).toBuffer();
  },
  "cropped 10%": async (b) => {
    const { width, height } = await sharp(b).metadata();
    const dx = Math.round(width * 0.05);
    const dy = Math.round(height * 0.05);
    return sharp(b).extract({ left: dx, top: dy, width: width - 2 * dx, height: height - 2 * dy }).jpeg({ quality: 85 }).toBuffer();
  },
};

const decode = await loadDecoder();
const hashOf = async (bytes) => {
  const r = await decode(bytes);
  if (r.kind !== "decoded") throw new Error(r.reason);
  return r.image.dhash;
};

const originals = [];
const copies = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let i = 0; i < count; i++) {
  const bytes = await picture();
  originals.push(await hashOf(bytes));
  for (const [name, make] of Object.entries(variants)) copies[name].push(await hashOf(await make(bytes)));
}

const maxT = 16;
const within = (distances, t) => distances.filter((d) => d <= t).length / distances.length;
const same = Object.fromEntries(Object.entries(copies).map(([name, hashes]) => [name, hashes.map((h, i) => hammingDistance(h, originals[i]))]));
// Different pictures: every original against every other picture's copies and originals.
const different = [];
for (let i = 0; i < count; i++) {
  for (let j = 0; j < count; j++) {
    if (i === j) continue;
    if (j > i) different.push(hammingDistance(originals[i], originals[j]));
    for (const hashes of Object.values(copies)) different.push(hammingDistance(originals[i], hashes[j]));
  }
}
// What a run sees: an eval copy wrongly matched when any *other* train picture is within the threshold.
const nearestOther = [];
for (const hashes of Object.values(copies)) {
  for (let j = 0; j < count; j++) {
    let best = 64;
    for (let i = 0; i < count; i++) if (i !== j) best = Math.min(best, hammingDistance(originals[i], hashes[j]));
    nearestOther.push(best);
  }
}
console.log(`${count} pictures, ${different.length.toLocaleString("en-US")} pairs of different pictures`);
console.log(["threshold", ...Object.keys(variants).map((n) => `recall ${n}`), "false positive pairs", `eval copies matched to another of ${count - 1} train pictures`].join(" | "));
for (let t = 0; t <= maxT; t++) {
  console.log([t, ...Object.values(same).map((d) => `${(100 * within(d, t)).toFixed(1)}%`), `${(100 * within(different, t)).toFixed(3)}%`, `${(100 * within(nearestOther, t)).toFixed(1)}%`].join(" | "));
}

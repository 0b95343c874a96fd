// Image-check throughput (labellint check --check-images): 100k tiny images
// generated deterministically under .bench/images/, checked in fresh child
// processes at several concurrencies; prints files/s per concurrency.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { jpeg, png, truncatedJpeg } from "../scripts/make-image-fixtures.mjs";

const runner = fileURLToPath(new URL("./run-images.mjs", import.meta.url));

/** `count` images in folders of 1000, a label list (C=33) naming them, a few planted defects. */
export function ensureImages(dir, count) {
  const marker = join(dir, ".complete");
  if (existsSync(marker) && readFileSync(marker, "utf8") === String(count)) return { list: join(dir, "train_list.txt"), generated: false, seconds: 0 };
  const start = performance.now();
  rmSync(dir, { recursive: true, force: true });
  const bodies = [jpeg(0), jpeg(1), jpeg(2), png()];
  const lines = [];
  for (let i = 0; i < count; i++) {
    const folder = String(Math.floor(i / 1000)).padStart(3, "0");
    if (i % 1000 === 0) mkdirSync(join(dir, "images", folder), { recursive: true });
    const isPng = i % 4 === 3;
    const name = `images/${folder}/${String(i).padStart(6, "0")}.${isPng ? "png" : "jpg"}`;
    // One in 10,000 is truncated and one in 10,000 missing: the check has something to find.
    if (i % 10_000 !== 5_000) writeFileSync(join(dir, name), i % 10_000 === 7_000 ? truncatedJpeg() : bodies[i % 4]);
    const labels = new Array(33).fill(0);
    labels[i % 33] = 1;
    labels[(i * 7) % 33] = 1;
    lines.push(`${name}\t${labels.join(",")}\n`);
  }
  writeFileSync(join(dir, "train_list.txt"), lines.join(""));
  writeFileSync(marker, String(count));
  return { list: join(dir, "train_list.txt"), generated: true, seconds: (performance.now() - start) / 1000 };
}

function measureOnce(list, concurrency, mode = "check") {
  const child = spawnSync(process.execPath, [runner, list, String(concurrency), mode], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (child.status !== 0) throw new Error(`run-images at concurrency ${concurrency} exited with ${child.status ?? child.signal}`);
  return JSON.parse(child.stdout);
}

export function benchImages({ dataDir, quick, runs, log }) {
  const count = quick ? 20_000 : 100_000;
  const data = ensureImages(join(dataDir, "images"), count);
  log(data.generated ? `images: generated ${count.toLocaleString("en-US")} files in ${data.seconds.toFixed(1)} s` : `images: reusing ${data.list}`);
  // One untimed pass warms the page cache, so every concurrency sees the same (warm) disk.
  measureOnce(data.list, 16);
  const rows = [];
  for (const concurrency of [1, 4, 16, 64]) {
    const all = [];
    for (let r = 0; r < runs; r++) {
      const m = measureOnce(data.list, concurrency);
      log(`  concurrency ${String(concurrency).padStart(2)} run ${r + 1}/${runs}: ${m.seconds.toFixed(2)} s`);
      all.push(m);
    }
    all.sort((a, b) => a.seconds - b.seconds);
    const m = all[(all.length - 1) >> 1];
    rows.push({ concurrency, files: m.checked, seconds: m.seconds, filesPerSecond: m.checked / m.seconds, peakRssMB: m.peakRssMB, found: m.found });
  }
  return { count, rows };
}

/**
 * `count` photo-sized JPEGs (320×240, a smooth random colour field, ~10 KB each) under
 * `dir`, generated once with sharp, and a list naming them.
 */
export async function ensurePhotos(dir, count) {
  const marker = join(dir, ".complete");
  const list = join(dir, "train_list.txt");
  if (existsSync(marker) && readFileSync(marker, "utf8") === String(count)) return { list, generated: false };
  const { default: sharp } = await import("sharp");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "images"), { recursive: true });
  let seed = 1;
  const byte = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) | 0) >>> 24);
  const lines = [];
  for (let i = 0; i < count; i++) {
    const grid = Buffer.alloc(16 * 12 * 3);
    for (let k = 0; k < grid.length; k++) grid[k] = byte();
    const name = `images/${String(i).padStart(5, "0")}.jpg`;
    writeFileSync(join(dir, name), await sharp(grid, { raw: { width: 16, height: 12, channels: 3 } }).resize(320, 240, { kernel: "cubic" }).jpeg({ quality: 85 }).toBuffer());
    const labels = new Array(33).fill(0);
    labels[i % 33] = 1;
    lines.push(`${name}\t${labels.join(",")}\n`);
  }
  writeFileSync(list, lines.join(""));
  writeFileSync(marker, String(count));
  return { list, generated: true };
}

/** Files/s of --check-images and --decode-images over the same photo-sized files, at concurrency 16. */
export async function benchDecode({ dataDir, quick, runs, log }) {
  const count = quick ? 2_000 : 10_000;
  const data = await ensurePhotos(join(dataDir, "photos"), count);
  log(data.generated ? `photos: generated ${count.toLocaleString("en-US")} files` : `photos: reusing ${data.list}`);
  measureOnce(data.list, 16);
  const rows = [];
  for (const mode of ["check", "decode"]) {
    const all = [];
    for (let r = 0; r < runs; r++) {
      const m = measureOnce(data.list, 16, mode);
      log(`  ${mode} run ${r + 1}/${runs}: ${m.seconds.toFixed(2)} s`);
      all.push(m);
    }
    all.sort((a, b) => a.seconds - b.seconds);
    const m = all[(all.length - 1) >> 1];
    rows.push({ mode, concurrency: 16, files: m.checked, seconds: m.seconds, filesPerSecond: m.checked / m.seconds, peakRssMB: m.peakRssMB });
  }
  return { count, rows };
}

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

function measureOnce(list, concurrency) {
  const child = spawnSync(process.execPath, [runner, list, String(concurrency)], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
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

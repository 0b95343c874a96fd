// split and diff at scale: peak RSS and time of `labellint diff` on a 1M-row list
// against a copy with known edits (and that the diff reports exactly those), and of
// `labellint split` on the same list. Data is generated deterministically into .bench/.
//
//   node bench/split-diff.mjs            1M rows (C=33, paddleclas), median of 3 runs
//   node bench/split-diff.mjs --quick    100k rows
//   node bench/split-diff.mjs --runs 1
//
// MB is 1e6 bytes; each measurement runs the command line in a fresh process
// (start-up included), so peak RSS belongs to that run alone.
import { spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ensureData, mulberry32 } from "./data.mjs";

const { values: args } = parseArgs({ options: { quick: { type: "boolean", default: false }, runs: { type: "string", default: "3" } } });
const runs = Number(args.runs);
const rows = args.quick ? 100_000 : 1_000_000;
const dataDir = fileURLToPath(new URL("../.bench/", import.meta.url));
const runner = fileURLToPath(new URL("./run-command.mjs", import.meta.url));
const log = (message) => process.stderr.write(`${message}\n`);
if (!existsSync(new URL("../dist/cli/index.js", import.meta.url))) {
  console.error("dist/ is missing: run `npm run build` first");
  process.exit(2);
}

/** Bump when the edits change, so a stale copy is rebuilt. */
const EDITS_VERSION = 1;
const EDIT_SEED = 0xd1ff;

/**
 * The new list: the old one with known edits, one in ~1,000 rows each — a label
 * flipped, a row removed, a row added after it — on rows whose path is listed
 * once and whose labels are well formed, so each edit is one change of its kind.
 */
async function makeEditedCopy(oldFile, numClasses, target) {
  const metaFile = `${target}.json`;
  const key = JSON.stringify({ EDITS_VERSION, EDIT_SEED, oldSize: statSync(oldFile).size });
  if (existsSync(target) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, "utf8"));
    if (meta.key === key) return meta.planted;
  }
  const seen = new Map();
  for await (const line of createInterface({ input: createReadStream(oldFile), crlfDelay: Infinity })) {
    const path = line.split("\t")[0];
    seen.set(path, (seen.get(path) ?? 0) + 1);
  }
  const rand = mulberry32(EDIT_SEED);
  const planted = { relabelled: 0, removed: 0, added: 0 };
  const out = createWriteStream(`${target}.tmp`);
  let batch = [];
  const flush = async () => {
    if (!out.write(batch.join(""))) await once(out, "drain");
    batch = [];
  };
  let i = 0;
  for await (const line of createInterface({ input: createReadStream(oldFile), crlfDelay: Infinity })) {
    i++;
    const [path, labels] = line.split("\t");
    const editable = labels !== undefined && seen.get(path) === 1 && labels.split(",").length === numClasses;
    const x = rand();
    if (editable && x < 0.001) {
      const values = labels.split(",");
      const j = Math.floor(rand() * numClasses);
      values[j] = values[j] === "1" ? "0" : "1";
      batch.push(`${path}\t${values.join(",")}\n`);
      planted.relabelled++;
    } else if (editable && x < 0.002) {
      planted.removed++;
    } else {
      batch.push(`${line}\n`);
    }
    if (editable && x >= 0.002 && x < 0.003) {
      batch.push(`images/added/${i}.jpg\t${labels}\n`);
      planted.added++;
    }
    if (batch.length >= 4096) await flush();
  }
  await flush();
  out.end();
  await once(out, "finish");
  rmSync(target, { force: true });
  (await import("node:fs")).renameSync(`${target}.tmp`, target);
  writeFileSync(metaFile, JSON.stringify({ key, planted }));
  return planted;
}

function measure(argv) {
  const all = [];
  for (let r = 0; r < runs; r++) {
    const child = spawnSync(process.execPath, [runner, ...argv], { encoding: "utf8", maxBuffer: 256 << 20, stdio: ["ignore", "pipe", "inherit"] });
    if (child.status !== 0 && child.status !== 1) throw new Error(`${argv.join(" ")} exited with ${child.status ?? child.signal}`);
    const m = JSON.parse(child.stdout.trim().split("\n").pop());
    log(`  ${argv[0]} run ${r + 1}/${runs}: ${m.seconds.toFixed(2)} s, ${m.peakRssMB.toFixed(0)} MB RSS`);
    all.push(m);
  }
  all.sort((a, b) => a.seconds - b.seconds);
  return all[(all.length - 1) >> 1];
}

const fmt = (n, digits = 1) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

const spec = { name: "paddleclas C=33", format: "paddleclas", numClasses: 33, rows, seed: 0x5ce7e33 };
log(`data: ${rows.toLocaleString("en-US")} rows, C=33`);
const data = await ensureData(spec, dataDir);
const newFile = join(dataDir, `paddleclas-c33-${rows}.edited.txt`);
const planted = await makeEditedCopy(data.file, 33, newFile);
const oldBytes = statSync(data.file).size;
const newBytes = statSync(newFile).size;

log("diff (default memory limit, 64 MiB: the join spills to disk)");
const d = measure(["diff", data.file, newFile, "--reporter", "json", "--max-rows", "20"]);
log("split 0.8/0.2");
const outDir = join(dataDir, "split-out");
const s = measure(["split", data.file, "--ratio", "0.8,0.2", "--out-dir", outDir, "--force", "--reporter", "json"]);
rmSync(outDir, { recursive: true, force: true });

const diffRows = d.result.old.rows + d.result.new.rows;
console.log(`labellint split and diff — ${args.quick ? "QUICK" : "full"}, median of ${runs} run(s), each a fresh process (start-up included), node ${process.version}`);
console.log(`\ndiff ${fmt((oldBytes + newBytes) / 1e6)} MB (${d.result.old.rows.toLocaleString("en-US")} + ${d.result.new.rows.toLocaleString("en-US")} rows): ${fmt(d.seconds, 2)} s, ${fmt(diffRows / d.seconds, 0)} rows/s, peak RSS ${fmt(d.peakRssMB, 0)} MB; join ${d.result.join.mode}, ${d.result.join.buckets} buckets, ${fmt(d.result.join.spilledBytes / 1e6)} MB spilled`);
const got = d.result.counts;
const exact = got.relabelled === planted.relabelled && got.removed === planted.removed && got.added === planted.added;
console.log(`  planted ${planted.relabelled} relabelled, ${planted.removed} removed, ${planted.added} added; reported ${got.relabelled}, ${got.removed}, ${got.added}: ${exact ? "exact" : "MISMATCH"}`);
console.log(`split ${fmt(oldBytes / 1e6)} MB (${rows.toLocaleString("en-US")} rows) at 0.8/0.2: ${fmt(s.seconds, 2)} s, ${fmt(rows / s.seconds, 0)} rows/s, peak RSS ${fmt(s.peakRssMB, 0)} MB; held matrix ${fmt(s.result.memory.bytesPerRow)} bytes/row`);
console.log(`  L∞ train vs eval: stratified ${s.result.stratified.linfBetween.toFixed(5)}, random ${s.result.random.linfBetween.toFixed(5)}; label pairs missing from a split: stratified ${s.result.stratified.pairsMissingAny} of ${s.result.pairsConsidered}, random ${s.result.random.pairsMissingAny}`);
if (!exact) process.exitCode = 1;

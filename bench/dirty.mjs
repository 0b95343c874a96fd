// Lists with a finding on many rows, against the same list clean: a dense
// C=33 list of N rows; that list written twice (every path twice: one
// duplicate finding per row of the second half, each confirmed by re-reading
// both lines); every path listed twice with other labels the second time
// (conflicting duplicates, each with a merge); and the clean list as train
// with its first 30% as eval (`--split train,eval`: a split-leakage finding
// per eval row). Each is checked by `labellint check` in fresh processes, the
// text report to /dev/null as a user's terminal would take it. A finding costs
// more than a clean row (it is re-read, confirmed and reported); what this
// watches is that the cost stays in proportion to the findings: a step that
// grew with their square once took over ten minutes on the leak case.
//
//   node bench/dirty.mjs                  500k rows, 3 runs each
//   node bench/dirty.mjs --rows 100000 --runs 1
//
// Prints the median wall time and peak RSS of each case, and its time per
// row against the clean list's.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    rows: { type: "string", default: "500000" },
    runs: { type: "string", default: "3" },
  },
});
const rows = Number(args.rows);
const runs = Number(args.runs);
if (![rows, runs].every((n) => Number.isInteger(n) && n > 0)) {
  console.error("--rows and --runs take positive integers");
  process.exit(2);
}
const bin = fileURLToPath(new URL(`../${JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).bin.labellint}`, import.meta.url));
if (!existsSync(bin)) {
  console.error(`${bin} is missing: run \`npm run build\` first`);
  process.exit(2);
}
const timeBin = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

/** mulberry32: the same rows on every machine. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const C = 33;
/** Dense rows: 1–4 positives of 33, many distinct labelsets. */
function labels(next) {
  const v = new Array(C).fill(0);
  for (let k = 1 + Math.floor(next() * 4); k > 0; k--) v[Math.floor(next() * C)] = 1;
  return v;
}
const next = random(33);
const paths = Array.from({ length: rows }, (_, r) => `images/${String(r).padStart(8, "0")}.jpg`);
const sets = paths.map(() => labels(next));
const line = (path, v) => `${path}\t${v.join(",")}\n`;
const clean = paths.map((p, r) => line(p, sets[r])).join("");
// The second copy's labels: one value flipped, so every copy conflicts.
const flipped = paths.map((p, r) => line(p, sets[r].map((x, c) => (c === r % C ? 1 - x : x)))).join("");

// Without /usr/bin/time: run the CLI in a child of a wrapper that prints the child's peak RSS.
const wrapper = `
import { spawnSync } from "node:child_process";
const r = spawnSync(process.execPath, process.argv.slice(1), { stdio: ["ignore", "ignore", "inherit"] });
process.stderr.write("maxrss " + process.resourceUsage().maxRSS + "\\n");
process.exit(r.status ?? 2);`;

/** One fresh process: wall seconds and peak RSS in MB. */
function runOnce(cli) {
  const start = performance.now();
  const child =
    timeBin !== undefined
      ? spawnSync(timeBin, ["-v", process.execPath, bin, ...cli], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" })
      : spawnSync(process.execPath, ["--input-type=module", "-e", wrapper, bin, ...cli], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const seconds = (performance.now() - start) / 1000;
  if (child.status === 2 || child.status === null) throw new Error(`labellint failed (${child.status}): ${child.stderr.slice(-2000)}`);
  const kib = timeBin !== undefined ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr)?.[1]) : Number(/^maxrss (\d+)$/m.exec(child.stderr)?.[1]);
  return { seconds, peakRssMB: (kib * 1024) / 1e6 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dir = mkdtempSync(join(tmpdir(), "labellint-dirty-"));
try {
  const file = (name, text) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const train = file("train_list.txt", clean);
  const cases = [
    { name: "clean", rows, findings: 0, cli: ["check", train] },
    { name: "written twice (duplicates)", rows: 2 * rows, findings: rows, cli: ["check", file("twice.txt", clean + clean)] },
    { name: "twice, other labels (conflicts)", rows: 2 * rows, findings: rows, cli: ["check", file("conflicts.txt", clean + flipped)] },
    { name: "30% of it as eval (leaks)", rows: rows + Math.floor(rows * 0.3), findings: Math.floor(rows * 0.3), cli: ["check", train, file("val_list.txt", clean.split("\n").slice(0, Math.floor(rows * 0.3)).join("\n") + "\n"), "--split", "train,eval"] },
  ];
  // Runs interleave so a busy machine slows every case alike.
  const measured = cases.map(() => []);
  for (let i = 0; i < runs; i++) cases.forEach((c, k) => measured[k].push(runOnce(c.cli)));
  const perRow = (k) => median(measured[k].map((x) => x.seconds)) / cases[k].rows;
  cases.forEach((c, k) => {
    const m = measured[k];
    const times = m.map((x) => x.seconds.toFixed(2)).join(", ");
    const versus = k === 0 ? "" : `, ${(perRow(k) / perRow(0)).toFixed(1)}x the clean list's time per row`;
    console.log(`${c.name}: ${c.rows.toLocaleString("en-US")} rows, ${c.findings.toLocaleString("en-US")} findings of the case, median ${median(m.map((x) => x.seconds)).toFixed(2)} s of ${runs} (${times}), peak RSS ${Math.max(...m.map((x) => x.peakRssMB)).toFixed(0)} MB${versus}`);
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

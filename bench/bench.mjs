// labellint benchmark, measured as users run it: every measurement is a fresh
// process started from here (start-up, module loading and report writing
// included), timed from spawn to exit, side by side in one run with peers on
// the same files:
//   - csv-parse + split: csv-parse splits off the path at the TAB, String#split
//     the values, same checks (the strongest honest Node reader);
//   - csv-parse (all values): csv-parse tokenises every value (for csv, a plain
//     csv-parse reader of the CSV);
//   - PaddleClas loop: PaddleClas's own label-reading loop in Python (readlines,
//     split, np.int64 per value), when python3 with numpy is present.
// Runs are interleaved (tool A, B, C, A, B, C, …) so machine noise falls on
// all tools alike; the median is kept. Peak RSS comes from /usr/bin/time when
// it is installed.
//
//   npm run bench                   full sizes (1M rows at C=33 and 81; 200k rows at C=1000)
//   node bench/bench.mjs --quick    50k / 10k rows and fewer runs: under a minute
//   node bench/bench.mjs --runs 5   repetitions per measurement
//   node bench/bench.mjs --images   only the image checks (files/s of --check-images)
//   node bench/bench.mjs --lists-only   start-up and label lists only (full mode also runs images, split, diff)
//   node bench/bench.mjs --decode   --check-images against --decode-images on photo-sized JPEGs
//   node bench/split-diff.mjs       split and diff on a 1M-row list (also run in full mode)
//
// MB is 1e6 bytes throughout, peak RSS included.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ensureData } from "./data.mjs";
import { benchDecode, benchImages } from "./images.mjs";
import { median } from "./process.mjs";

const { values: args } = parseArgs({
  options: { quick: { type: "boolean", default: false }, runs: { type: "string" }, images: { type: "boolean", default: false }, decode: { type: "boolean", default: false }, "lists-only": { type: "boolean", default: false } },
});
const quick = args.quick;
const runs = Number(args.runs ?? (quick ? 3 : 5));
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs expects a positive integer, got '${args.runs}'`);
  process.exit(2);
}

const dataDir = fileURLToPath(new URL("../.bench/", import.meta.url));
// The command users run: the package's bin (what \`labellint\` on the PATH starts).
const bin = fileURLToPath(new URL(`../${JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).bin.labellint}`, import.meta.url));
const runner = fileURLToPath(new URL("./run-one.mjs", import.meta.url));
const pythonPeer = fileURLToPath(new URL("./paddleclas-peer.py", import.meta.url));
if (!existsSync(bin)) {
  console.error(`${bin} is missing: run \`npm run build\` first`);
  process.exit(2);
}
mkdirSync(dataDir, { recursive: true });
const log = (message) => process.stderr.write(`${message}\n`);
const fmt = (n, digits = 1) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

const TIME = "/usr/bin/time";
const haveTime = existsSync(TIME) && spawnSync(TIME, ["-f", "%M", "true"]).status === 0;
const havePython = spawnSync("python3", ["-c", "import numpy"], { stdio: "ignore" }).status === 0;
const rssFile = join(dataDir, "rss.txt");

/** Runs one command as a fresh process: wall seconds from spawn to exit, peak RSS (MB, when measurable), stdout. */
function timeProcess(command, argv) {
  const full = haveTime ? [TIME, ["-f", "%M", "-o", rssFile, command, ...argv]] : [command, argv];
  const start = performance.now();
  const child = spawnSync(full[0], full[1], { encoding: "utf8", maxBuffer: 256 << 20, stdio: ["ignore", "pipe", "pipe"] });
  const seconds = (performance.now() - start) / 1000;
  if (child.error) throw child.error;
  if (child.status !== 0 && child.status !== 1) throw new Error(`${command} ${argv.join(" ")} exited with ${child.status ?? child.signal}: ${child.stderr}`);
  const peakRssMB = haveTime ? (Number(readFileSync(rssFile, "utf8").trim().split("\n").pop()) * 1024) / 1e6 : NaN;
  return { seconds, peakRssMB, stdout: child.stdout };
}

function table(rows, left = 2) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c < left ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ")).join("\n");
}

const cpu = cpus();
const machine = `node ${process.version}, ${cpu[0]?.model.trim() ?? "unknown CPU"}, ${cpu.length} cores, ${fmt(totalmem() / 1e9)} GB RAM, ${process.platform}/${process.arch}`;

function printImages(report) {
  console.log(`\nimage checks — labellint --check-images over ${report.count.toLocaleString("en-US")} tiny files (warm page cache), median of ${runs} run(s)`);
  const lines = [["concurrency", "files", "seconds", "files/s", "peak RSS MB", "found"]];
  for (const r of report.rows) {
    lines.push([String(r.concurrency), r.files.toLocaleString("en-US"), r.seconds.toFixed(2), Math.round(r.filesPerSecond).toLocaleString("en-US"), r.peakRssMB.toFixed(0), `${r.found["missing-image"]} missing, ${r.found["unreadable-image"]} unreadable`]);
  }
  console.log(table(lines, 0));
  const best = report.rows.reduce((a, b) => (b.filesPerSecond > a.filesPerSecond ? b : a));
  console.log(`\nfastest: concurrency ${best.concurrency} (${Math.round(best.filesPerSecond).toLocaleString("en-US")} files/s); the default is 16`);
}

if (args.decode) {
  console.log(machine);
  const report = await benchDecode({ dataDir, quick, runs, log });
  console.log(`\nimage decoding — ${report.count.toLocaleString("en-US")} JPEGs of 320×240 (warm page cache), concurrency 16, median of ${runs} run(s)`);
  const lines = [["mode", "files", "seconds", "files/s", "peak RSS MB"]];
  for (const r of report.rows) lines.push([`--${r.mode}-images`, r.files.toLocaleString("en-US"), r.seconds.toFixed(2), Math.round(r.filesPerSecond).toLocaleString("en-US"), r.peakRssMB.toFixed(0)]);
  console.log(table(lines, 0));
  process.exit(0);
}

if (args.images) {
  console.log(machine);
  printImages(benchImages({ dataDir, quick, runs, log }));
  process.exit(0);
}

// ---------------------------------------------------------------- start-up
const oneLine = join(dataDir, "one-line.txt");
writeFileSync(oneLine, "images/0001.jpg\t0,1,0,0,1\n");
const STARTUP = [
  { id: "node", label: "node -e 0", command: process.execPath, argv: ["-e", "0"] },
  { id: "version", label: "labellint --version", command: process.execPath, argv: [bin, "--version"] },
  { id: "check", label: "labellint check (one-line file)", command: process.execPath, argv: [bin, "check", oneLine, "--rule", "class-without-positives:off", "--rule", "rare-class:off"] },
];
const startupRuns = quick ? 11 : 31;
log(`start-up: ${startupRuns} interleaved runs of each`);
const startupTimes = Object.fromEntries(STARTUP.map((s) => [s.id, []]));
for (let r = 0; r < startupRuns; r++) for (const s of STARTUP) startupTimes[s.id].push(timeProcess(s.command, s.argv).seconds);
const startup = Object.fromEntries(STARTUP.map((s) => [s.id, median(startupTimes[s.id])]));

// ---------------------------------------------------------------- throughput
const CASES = [
  { name: "NUS-like C=33", format: "paddleclas", shape: "nus", numClasses: 33, rows: quick ? 50_000 : 1_000_000, seed: 0x5ce7e33, target: 9 },
  { name: "dense C=33", format: "paddleclas", shape: "dense", numClasses: 33, rows: quick ? 50_000 : 1_000_000, seed: 0xde5e33, target: 9 },
  { name: "NUS-like C=81 (spaced)", format: "spaced", shape: "nus", numClasses: 81, rows: quick ? 50_000 : 1_000_000, seed: 0x5ce7e81 },
  { name: "dense C=81", format: "paddleclas", shape: "dense", numClasses: 81, rows: quick ? 50_000 : 1_000_000, seed: 0xde5e81 },
  { name: "dense C=1000", format: "paddleclas", shape: "dense", numClasses: 1000, rows: quick ? 10_000 : 200_000, seed: 0xde5e1000, target: 15 },
  { name: "csv C=33", format: "csv", shape: "dense", numClasses: 33, rows: quick ? 50_000 : 1_000_000, seed: 0xc5e33, target: 5, peer: "csv-parse-all" },
];
const TOOLS = [
  {
    id: "labellint",
    label: "labellint check",
    argv: (spec, file) => [process.execPath, [bin, "check", file, "--format", spec.format, "--num-classes", String(spec.numClasses), "--reporter", "json", "--max-problems-per-rule", "100"]],
  },
  { id: "csv-parse", label: "csv-parse + split", formats: ["paddleclas"], argv: (spec, file) => [process.execPath, [runner, "csv-parse", file, spec.format, String(spec.numClasses)]] },
  { id: "csv-parse-all", label: "csv-parse (all values)", argv: (spec, file) => [process.execPath, [runner, "csv-parse-all", file, spec.format, String(spec.numClasses)]] },
  // Slow (one np.int64 per value): one run, and only where C is small.
  { id: "python", label: "PaddleClas loop (python)", formats: ["paddleclas"], when: havePython, once: true, maxClasses: 81, argv: (_spec, file) => ["python3", [pythonPeer, file]] },
];
const toolsFor = (spec) => TOOLS.filter((t) => (t.formats === undefined || t.formats.includes(spec.format)) && t.when !== false && spec.numClasses <= (t.maxClasses ?? Infinity));

/** labellint's json report, reduced to what the peers also count. */
function labellintTallies(stdout) {
  const file = JSON.parse(stdout).files[0];
  return {
    rows: file.rows,
    validRows: file.stats.validRows,
    positives: file.stats.positives,
    duplicates: (file.counts["duplicate-path"] ?? 0) + (file.counts["conflicting-duplicate"] ?? 0),
    counts: file.counts,
  };
}

const results = [];
const warnings = [];
for (const spec of CASES) {
  log(`${spec.name}: ${spec.rows.toLocaleString("en-US")} rows`);
  const data = await ensureData(spec, dataDir);
  log(data.generated ? `  generated ${fmt(data.bytes / 1e6)} MB in ${fmt(data.seconds, 2)} s` : `  reusing ${data.file}`);
  const tools = toolsFor(spec);
  const samples = Object.fromEntries(tools.map((t) => [t.id, []]));
  let tallies;
  for (let r = 0; r < runs; r++) {
    for (const tool of tools) {
      if (tool.once && r > 0) continue;
      const [command, argv] = tool.argv(spec, data.file);
      const m = timeProcess(command, argv);
      if (tool.id === "labellint" && tallies === undefined) tallies = labellintTallies(m.stdout);
      if (tool.id === "csv-parse-all" && r === 0) {
        const peer = JSON.parse(m.stdout);
        if (peer.validRows !== tallies.validRows || peer.positives.some((p, j) => p !== tallies.positives[j])) {
          warnings.push(`${spec.name}: labellint and csv-parse disagree (clean rows ${tallies.validRows} vs ${peer.validRows})`);
        }
      }
      samples[tool.id].push(m);
      log(`  ${tool.id.padEnd(13)} run ${r + 1}/${runs}: ${m.seconds.toFixed(2)} s, ${fmt(m.peakRssMB, 0)} MB`);
    }
  }
  if (tallies.rows !== spec.rows) warnings.push(`${spec.name}: generated ${spec.rows} rows, labellint counted ${tallies.rows}`);
  if (tallies.duplicates !== data.duplicates) warnings.push(`${spec.name}: planted ${data.duplicates} duplicates, labellint found ${tallies.duplicates}`);
  const byTool = Object.fromEntries(tools.map((t) => [t.id, { seconds: median(samples[t.id].map((m) => m.seconds)), peakRssMB: Math.max(...samples[t.id].map((m) => m.peakRssMB)) }]));
  results.push({ spec, data, tools, byTool, tallies });
}

// ---------------------------------------------------------------- report
console.log(`labellint bench — ${quick ? "QUICK (reduced sizes)" : "full"}; whole processes, median of ${runs} interleaved run(s)`);
console.log(`${machine}\n`);
console.log(`start-up (median of ${startupRuns})`);
console.log(
  table(
    [["command", "ms", "× node -e 0"], ...STARTUP.map((s) => [s.label, fmt(startup[s.id] * 1000, 0), fmt(startup[s.id] / startup.node, 2)])],
    1,
  ),
);

const lines = [["case", "tool", "MB", "rows", "seconds", "MB/s", "rows/s", "peak RSS MB", "labellint is"]];
for (const { spec, data, tools, byTool } of results) {
  for (const tool of tools) {
    const m = byTool[tool.id];
    lines.push([
      spec.name,
      tool.label,
      fmt(data.bytes / 1e6),
      spec.rows.toLocaleString("en-US"),
      fmt(m.seconds, 2),
      fmt(data.bytes / 1e6 / m.seconds),
      fmt(spec.rows / m.seconds, 0),
      Number.isNaN(m.peakRssMB) ? "n/a" : fmt(m.peakRssMB, 0),
      tool.id === "labellint" ? "" : `${fmt(m.seconds / byTool.labellint.seconds)}× faster`,
    ]);
  }
}
console.log(`\nthroughput: \`labellint check FILE --reporter json\` vs peers on the same file`);
console.log(table(lines));

const targets = [
  [`check on a one-line file ≤ 1.5× node -e 0`, startup.check / startup.node <= 1.5, `${fmt(startup.check / startup.node, 2)}×`],
  [`--version ≤ 1.3× node -e 0`, startup.version / startup.node <= 1.3, `${fmt(startup.version / startup.node, 2)}×`],
];
for (const r of results) {
  if (r.spec.target === undefined) continue;
  const peer = r.spec.peer ?? "csv-parse";
  const ratio = r.byTool[peer].seconds / r.byTool.labellint.seconds;
  targets.push([`${r.spec.name}: ≥ ${r.spec.target}× the ${peer === "csv-parse" ? "csv-parse + split" : "csv-parse"} reader`, ratio >= r.spec.target, `${fmt(ratio)}×`]);
}
const dense33 = results.find((r) => r.spec.name === "dense C=33");
targets.push([`peak RSS ≤ 200 MB (dense C=33)`, dense33.byTool.labellint.peakRssMB <= 200, `${fmt(dense33.byTool.labellint.peakRssMB, 0)} MB`]);
console.log(`\ntargets${quick ? " (quick mode: the sizes are below what the targets assume; indicative only)" : ""}`);
for (const [what, pass, got] of targets) console.log(`  ${pass ? "PASS" : "FAIL"}  ${what.padEnd(52)} ${got}`);

console.log("\nlabellint findings (exact counts per rule)");
for (const { spec, tallies } of results) {
  const counts = Object.entries(tallies.counts).map(([rule, n]) => `${rule} ${n.toLocaleString("en-US")}`);
  console.log(`  ${spec.name.padEnd(24)} ${counts.join(", ")}`);
}
console.log(
  warnings.length === 0
    ? "\ncheck: labellint and csv-parse agree on clean rows and per-class positives; every planted duplicate was found"
    : `\nWARNING: the tools did not do the same work:\n${warnings.map((w) => `  ${w}`).join("\n")}`,
);
rmSync(rssFile, { force: true });

// Full mode measures the image checks too (node bench/bench.mjs --images runs them alone).
if (!quick && !args["lists-only"]) printImages(benchImages({ dataDir, quick, runs, log }));
// Full mode measures split and diff at 1M rows too (node bench/split-diff.mjs runs them alone).
if (!quick && !args["lists-only"]) spawnSync(process.execPath, [fileURLToPath(new URL("./split-diff.mjs", import.meta.url)), "--runs", String(runs)], { stdio: "inherit" });

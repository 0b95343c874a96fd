// Index lists at a small and an extreme class count: the same number of rows
// and indices per row at C=81 and at C=670,091 (Amazon-670K), each checked
// by `labellint check FILE --format indices --num-classes C --reporter json`
// in fresh processes. The cost of an index list should follow the indices it
// holds, not C.
//
//   node bench/sparse.mjs                 100k rows, 3 runs each
//   node bench/sparse.mjs --rows 2000 --runs 1
//   node bench/sparse.mjs --args="--max-problems-per-rule 100"
//
// Prints the median wall time per C, the ratio, peak RSS and the report's
// size (MB = 1e6 bytes). The report goes to a file; a C-long report (a count
// and a finding per class) is part of what the user waits for.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { mulberry32 } from "./data.mjs";
import { labellintBin, median, timeProcess } from "./process.mjs";

const { values: args } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    runs: { type: "string", default: "3" },
    classes: { type: "string", default: "81,670091" },
    // More options for every run, e.g. "--max-problems-per-rule 100" (a json report lists every class finding).
    args: { type: "string", default: "" },
  },
});
const rows = Number(args.rows);
const runs = Number(args.runs);
const classCounts = args.classes.split(",").map(Number);
if (![rows, runs, ...classCounts].every((n) => Number.isInteger(n) && n > 0)) {
  console.error("--rows, --runs and --classes take positive integers");
  process.exit(2);
}
// The command users run: the package's bin (what \`labellint\` on the PATH starts).
const bin = labellintBin();

/** `rows` lines of 1–9 distinct sorted indices below C (5 on average). */
function indexList(C) {
  const next = mulberry32(670091);
  const lines = [];
  for (let r = 0; r < rows; r++) {
    const n = Math.min(C, 1 + Math.floor(next() * 9));
    const set = new Set();
    while (set.size < n) set.add(Math.floor(next() * C));
    lines.push(`images/${String(r).padStart(8, "0")}.jpg\t${[...set].sort((a, b) => a - b).join(",")}\n`);
  }
  return lines.join("");
}

/** One fresh process, its report written to a file as a user would: wall seconds and peak RSS in MB. */
function runOnce(file, C) {
  const cli = [bin, "check", file, "--format", "indices", "--num-classes", String(C), "--reporter", "json", ...args.args.split(" ").filter((a) => a !== "")];
  const out = openSync(join(dir, "report.json"), "w");
  const { seconds, peakRssMB } = timeProcess(cli, out);
  closeSync(out);
  // The report of C=670,091 is hundreds of MB: find the count without parsing it all.
  const report = readFileSync(join(dir, "report.json"));
  const at = report.indexOf('"validRows": ');
  const validRows = at === -1 ? Number.NaN : Number(/^\d+/.exec(report.toString("latin1", at + 13, at + 40))?.[0]);
  return { seconds, peakRssMB, validRows, reportMB: report.length / 1e6 };
}

const dir = mkdtempSync(join(tmpdir(), "labellint-sparse-"));
try {
  const files = classCounts.map((C) => {
    const file = join(dir, `indices-C${C}.txt`);
    writeFileSync(file, indexList(C));
    return file;
  });
  // Runs interleave (C=81, C=670,091, C=81, …) so a busy machine slows both alike.
  const measured = classCounts.map(() => []);
  for (let i = 0; i < runs; i++) classCounts.forEach((C, c) => measured[c].push(runOnce(files[c], C)));
  const results = classCounts.map((C, c) => {
    const m = measured[c];
    const result = { C, seconds: median(m.map((x) => x.seconds)), peakRssMB: Math.max(...m.map((x) => x.peakRssMB)), validRows: m[0].validRows, reportMB: m[0].reportMB };
    console.log(`C=${C.toLocaleString("en-US")}: ${rows.toLocaleString("en-US")} rows, median ${result.seconds.toFixed(2)} s of ${runs} (${m.map((x) => x.seconds.toFixed(2)).join(", ")}), peak RSS ${result.peakRssMB.toFixed(0)} MB, ${Number.isNaN(result.validRows) ? "valid rows not counted (not a json report)" : `${result.validRows.toLocaleString("en-US")} valid rows`}, report ${result.reportMB.toFixed(1)} MB`);
    return result;
  });
  if (results.length >= 2) {
    const [low, high] = [results[0], results[results.length - 1]];
    console.log(`ratio C=${high.C.toLocaleString("en-US")} / C=${low.C.toLocaleString("en-US")}: ${(high.seconds / low.seconds).toFixed(2)}x (target: at most 3x)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

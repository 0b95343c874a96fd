// Lists with a finding on many rows, against the same list clean: a dense
// C=33 list of N rows; that list written twice (every path twice: one
// duplicate finding per row of the second half, each confirmed by re-reading
// both lines); every path listed twice with other labels the second time
// (conflicting duplicates, each with a merge); and the clean list as train
// with its first 30% as eval (`--split train,eval`: a split-leakage finding
// per eval row); the list with a value that is not 0/1 (-1 or 2) on every
// row; the list with every value written as a decimal (`0.0,1.0`); and with
// `, ` between values (Python's str() of a list). Each is checked by `labellint check` in fresh processes, the
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
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { mulberry32 } from "./data.mjs";
import { labellintBin, median, timeProcess } from "./process.mjs";

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
const bin = labellintBin();

const C = 33;
/** Dense rows: 1–4 positives of 33, many distinct labelsets. */
function labels(next) {
  const v = new Array(C).fill(0);
  for (let k = 1 + Math.floor(next() * 4); k > 0; k--) v[Math.floor(next() * C)] = 1;
  return v;
}
const next = mulberry32(33);
const paths = Array.from({ length: rows }, (_, r) => `images/${String(r).padStart(8, "0")}.jpg`);
const sets = paths.map(() => labels(next));
const line = (path, v) => `${path}\t${v.join(",")}\n`;
const clean = paths.map((p, r) => line(p, sets[r])).join("");
// Every row with one value that is not 0/1 (-1 or 2 in turn, at a moving class): a finding per row, each read the slow way.
const badValues = paths.map((p, r) => line(p, sets[r].map((x, c) => (c === r % C ? (r % 2 === 0 ? 2 : -1) : x)))).join("");
// Every value written as a decimal (0.0, 1.0), as numpy's savetxt writes floats: 33 findings' worth of edits a row.
const decimals = paths.map((p, r) => line(p, sets[r].map((x) => `${x}.0`))).join("");
// Values separated by ", " (Python's str() of a list, less its brackets): an odd separator on every row.
const commaSpace = paths.map((p, r) => `${p}\t${sets[r].join(", ")}\n`).join("");
// The second copy's labels: one value flipped, so every copy conflicts.
const flipped = paths.map((p, r) => line(p, sets[r].map((x, c) => (c === r % C ? 1 - x : x)))).join("");

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
    { name: "a value not 0/1 on every row", rows, findings: rows, cli: ["check", file("bad_values.txt", badValues)] },
    { name: "every value a decimal (1.0)", rows, findings: rows, cli: ["check", file("decimals.txt", decimals)] },
    { name: "values separated by ', '", rows, findings: rows, cli: ["check", file("comma_space.txt", commaSpace)] },
    { name: "30% of it as eval (leaks)", rows: rows + Math.floor(rows * 0.3), findings: Math.floor(rows * 0.3), cli: ["check", train, file("val_list.txt", clean.split("\n").slice(0, Math.floor(rows * 0.3)).join("\n") + "\n"), "--split", "train,eval"] },
  ];
  // Runs interleave so a busy machine slows every case alike.
  const measured = cases.map(() => []);
  for (let i = 0; i < runs; i++) cases.forEach((c, k) => measured[k].push(timeProcess([bin, ...c.cli])));
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

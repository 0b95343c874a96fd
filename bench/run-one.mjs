// One measurement in a fresh process, so peak RSS belongs to this run alone.
// Usage: node bench/run-one.mjs labellint|csv-parse FILE FORMAT NUM_CLASSES
// Prints one JSON line: the tool's tallies, seconds and peak RSS.
const [tool, file, format, numClasses] = process.argv.slice(2);
const options = { format, numClasses: Number(numClasses), maxProblemsPerRule: 100 };

// Each tool's module is loaded only in its own runs, so neither pays for the other's code.
let run;
if (tool === "labellint") {
  const { lintFile } = await import("../dist/engine/lint.js");
  run = () => lintFile(file, options);
} else if (tool === "csv-parse" || tool === "csv-parse-all") {
  const { checkWithCsvParse } = await import("./csv-parse-peer.mjs");
  run = () => checkWithCsvParse(file, { ...options, splitAll: tool === "csv-parse-all" });
} else {
  throw new Error(`unknown tool '${tool}'`);
}

const start = performance.now();
const result = await run();
const seconds = (performance.now() - start) / 1000;
// maxRSS is in KiB; MB here is 1e6 bytes, as everywhere in the bench.
const peakRssMB = (process.resourceUsage().maxRSS * 1024) / 1e6;

const tallies =
  tool === "labellint"
    ? {
        rows: result.rows,
        validRows: result.stats.validRows,
        duplicates: (result.counts["duplicate-path"] ?? 0) + (result.counts["conflicting-duplicate"] ?? 0),
        positives: result.stats.positives,
        counts: result.counts,
      }
    : result;
process.stdout.write(`${JSON.stringify({ tool, seconds, peakRssMB, ...tallies })}\n`);

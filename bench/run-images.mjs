// One image-check measurement in a fresh process.
// Usage: node bench/run-images.mjs LIST CONCURRENCY [check|decode] — prints one JSON line.
const [list, concurrency, mode = "check"] = process.argv.slice(2);
const { lintFile } = await import("../dist/engine/lint.js");
let checked = 0;
const start = performance.now();
const result = await lintFile(list, {
  numClasses: 33,
  checkImages: true,
  ...(mode === "decode" ? { decodeImages: true } : {}),
  concurrency: Number(concurrency),
  maxProblemsPerRule: 100,
  onImageProgress: (done) => (checked = done),
});
const seconds = (performance.now() - start) / 1000;
const peakRssMB = (process.resourceUsage().maxRSS * 1024) / 1e6;
const found = { "missing-image": result.counts["missing-image"] ?? 0, "unreadable-image": result.counts["unreadable-image"] ?? 0 };
process.stdout.write(`${JSON.stringify({ mode, concurrency: Number(concurrency), seconds, checked, peakRssMB, found })}\n`);

// One labellint command line in a fresh process, run in-process so its peak RSS can be read.
// Usage: node bench/run-command.mjs COMMAND ARGS… (the command's json report is captured)
// Prints one JSON line: seconds since the process started, peak RSS, and the parsed report.
let out = "";
const { run } = await import("../dist/cli/index.js");
const code = await run(process.argv.slice(2), {
  stdout: { write: (s) => (out += s), isTTY: false },
  stderr: process.stderr,
  env: {},
  cwd: process.cwd(),
});
// performance.now() counts from the start of the process: start-up and module loading are included.
const seconds = performance.now() / 1000;
const peakRssMB = (process.resourceUsage().maxRSS * 1024) / 1e6;
process.stdout.write(`${JSON.stringify({ code, seconds, peakRssMB, result: JSON.parse(out) })}\n`);
process.exitCode = code;

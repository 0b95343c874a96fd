// Running the command line as a user does, for the benches that time it in
// fresh processes: the package's bin, and a run's wall time and peak RSS.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The package's bin (what `labellint` on the PATH starts); exits 2 with a message when it is not built. */
export function labellintBin() {
  const bin = fileURLToPath(new URL(`../${JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).bin.labellint}`, import.meta.url));
  if (!existsSync(bin)) {
    console.error(`${bin} is missing: run \`npm run build\` first`);
    process.exit(2);
  }
  return bin;
}

const timeBin = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

// Without /usr/bin/time: run the command in a child of a wrapper that prints the child's peak RSS.
const wrapper = `
import { spawnSync } from "node:child_process";
const r = spawnSync(process.execPath, process.argv.slice(1), { stdio: ["ignore", "inherit", "inherit"] });
process.stderr.write("maxrss " + process.resourceUsage().maxRSS + "\\n");
process.exit(r.status ?? 2);`;

/**
 * Runs `node ARGS…` in a fresh process, its standard output to `stdout`
 * ("ignore" or a file descriptor): wall seconds and peak RSS in MB. Exit
 * code 2 (or a signal) throws with the end of its standard error.
 */
export function timeProcess(args, stdout = "ignore") {
  const start = performance.now();
  const child =
    timeBin !== undefined
      ? spawnSync(timeBin, ["-v", process.execPath, ...args], { stdio: ["ignore", stdout, "pipe"], encoding: "utf8" })
      : spawnSync(process.execPath, ["--input-type=module", "-e", wrapper, ...args], { stdio: ["ignore", stdout, "pipe"], encoding: "utf8" });
  const seconds = (performance.now() - start) / 1000;
  if (child.status === 2 || child.status === null) throw new Error(`labellint failed (${child.status}): ${child.stderr.slice(-2000)}`);
  const kib = timeBin !== undefined ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr)?.[1]) : Number(/^maxrss (\d+)$/m.exec(child.stderr)?.[1]);
  return { seconds, peakRssMB: (kib * 1024) / 1e6 };
}

/** The median of a list of numbers. */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

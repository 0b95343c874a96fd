import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../shared.js";

const CLI = join(ROOT, "dist", "cli", "index.js");
/** The bound on peak memory for hostile inputs that are streamed. */
const MAX_RSS_MB = 300;

/**
 * Runs the command line in a fresh process (its output thrown away) and
 * returns its exit code and peak resident memory in MB.
 */
function measured(argv: string[], cwd: string): { code: number; rssMb: number; stderr: string } {
  const script = `
    import * as fs from "node:fs";
    import { run } from ${JSON.stringify(CLI)};
    const io = { stdout: { write: () => true }, stderr: process.stderr, env: {}, cwd: process.cwd() };
    const code = await run(${JSON.stringify(argv)}, io);
    // VmHWM is this program's own peak; ru_maxrss would include the parent's, inherited across fork and exec.
    const rss = Number(/VmHWM:\\s*(\\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"))[1]);
    process.stdout.write(JSON.stringify({ code, rss }));
  `;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd, encoding: "utf8", maxBuffer: 1 << 20 });
  const { code, rss } = JSON.parse(r.stdout) as { code: number; rss: number };
  return { code, rssMb: Math.round(rss / 1024), stderr: r.stderr };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "labellint-memory-"));
  writeFileSync(join(dir, "long-line.txt"), Buffer.concat([Buffer.from("a.jpg\t"), Buffer.alloc(100_000_000, "0,"), Buffer.from("1\nb.jpg\t0\n")]));
  const wide = Array.from({ length: 1_000_000 }, (_, i) => (i % 7 === 0 ? "1" : "0")).join(",");
  writeFileSync(join(dir, "wide.txt"), `a.jpg\t${wide}\nb.jpg\t${wide}\n`);
  writeFileSync(join(dir, "blank.txt"), `a.jpg\t0,1\n${"\n".repeat(1_000_000)}b.jpg\t1,0\n`);
  writeFileSync(join(dir, "problems.txt"), Array.from({ length: 200_000 }, (_, i) => `img/${i}.jpg\t0,1,2\n`).join(""));
  const classes = 300_000;
  writeFileSync(join(dir, "classes.txt"), [0, 1, 2].map((r) => `img/${r}.jpg\t${Array.from({ length: classes }, (_, c) => (c === r ? "1" : "0")).join(",")}\n`).join(""));
});

// The inputs are large (a 100 MB line): they do not outlive the tests.
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!existsSync(CLI) || !existsSync("/proc/self/status"))(`peak memory on hostile inputs stays under ${MAX_RSS_MB} MB`, () => {
  it.each([
    ["check, a 100 MB line", ["check", "long-line.txt"], 1],
    ["check, 1,000,000 columns", ["check", "wide.txt", "--max-line-bytes", "4194304"], 1],
    ["check, 1,000,000 blank lines", ["check", "blank.txt"], 1],
    ["fix, 1,000,000 blank lines", ["fix", "blank.txt", "--out", "blank-fixed.txt", "--force"], 0],
    ["convert, 1,000,000 blank lines", ["convert", "blank.txt", "--to", "csv", "--out", "blank.csv", "--force"], 0],
    ["check --reporter json, 200,000 problems", ["check", "problems.txt", "--num-classes", "3", "--reporter", "json"], 1],
    ["check --reporter sarif, 200,000 problems", ["check", "problems.txt", "--num-classes", "3", "--reporter", "sarif"], 1],
    ["check --reporter html, 200,000 problems", ["check", "problems.txt", "--num-classes", "3", "--reporter", "html"], 1],
    ["stats, 300,000 classes", ["stats", "classes.txt"], 1],
    ["check --reporter html, 300,000 classes", ["check", "classes.txt", "--reporter", "html"], 1],
  ] as const)("%s", (_name, argv, code) => {
    const r = measured([...argv], dir);
    if (process.env["LABELLINT_SHOW_RSS"] === "1") console.log(`${_name}: ${r.rssMb} MB`);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(code);
    expect(r.rssMb).toBeLessThanOrEqual(MAX_RSS_MB);
  });

  it.skipIf(!existsSync("/dev/zero"))("check, /dev/zero as input and as --class-names: exit 2, bounded", () => {
    for (const argv of [
      ["check", "/dev/zero", "--max-spool-bytes", "67108864"],
      ["check", "blank.txt", "--class-names", "/dev/zero"],
    ]) {
      const r = measured(argv, dir);
      expect(r.code).toBe(2);
      expect(r.rssMb).toBeLessThanOrEqual(MAX_RSS_MB);
    }
  });
});

describe.skipIf(!existsSync(join(ROOT, "dist", "cli", "bin.js")))("findings that do not fit in the heap", () => {
  it("a list written twice, checked in a 128 MiB heap: one clear error and exit 2, not V8's out-of-memory crash", () => {
    const half = Array.from({ length: 150_000 }, (_, i) => `images/${String(i).padStart(7, "0")}.jpg\t${i % 2},${(i >> 1) % 2},1,0,${(i >> 2) % 2}\n`).join("");
    writeFileSync(join(dir, "twice.txt"), half + half);
    const run = (...more: string[]) => spawnSync(process.execPath, ["--max-old-space-size=128", join(ROOT, "dist", "cli", "bin.js"), "check", "twice.txt", ...more], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 28 });
    // The text report lists 100 copies and holds no text for the rest: it fits, and is not stopped for garbage not yet collected.
    const text = run();
    expect(text.stderr).toBe("");
    expect(text.status).toBe(1);
    expect(text.stdout).toContain("150,000  duplicate-path");
    // A json report holds every copy's text: past the heap even after a full collection.
    const r = run("--reporter", "json");
    expect(r.stderr).not.toContain("FATAL ERROR");
    expect(r.stderr).toMatch(/^labellint: the findings held for the report \([\d,]+ so far\) leave too little of Node's [\d.]+ GiB heap to go on \(\d+% used\); give Node a larger heap \(NODE_OPTIONS=--max-old-space-size=8192, in MiB\), or list fewer with --max-problems-per-rule N \(the counts stay exact\)\n$/);
    expect(r.status).toBe(2);
  });

  it("the way out the error names works: --max-problems-per-rule bounds what duplicates hold, not only what is listed", () => {
    const half = Array.from({ length: 300_000 }, (_, i) => `images/${String(i).padStart(7, "0")}.jpg\t${i % 2},${(i >> 1) % 2},1,${(i >> 2) % 2}\n`).join("");
    writeFileSync(join(dir, "twice-300k.txt"), half + half);
    const check = (...more: string[]) =>
      spawnSync(process.execPath, ["--max-old-space-size=160", join(ROOT, "dist", "cli", "bin.js"), "check", "twice-300k.txt", "--reporter", "json", ...more], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 28 });
    // Every copy listed does not fit in this heap...
    const all = check();
    expect(all.stderr).toMatch(/^labellint: the findings held for the report/);
    expect(all.status).toBe(2);
    // ...ten of them do, with every copy counted: the copies past the cap hold no text.
    const capped = check("--max-problems-per-rule", "10");
    expect(capped.stderr).toBe("");
    expect(capped.status).toBe(0);
    const [file] = (JSON.parse(capped.stdout) as { files: { counts: Record<string, number>; fixable: { safe: number }; problems: { rule: string; line: number; source: string }[] }[] }).files;
    expect(file!.counts["duplicate-path"]).toBe(300_000);
    expect(file!.fixable.safe).toBe(300_000);
    const listed = file!.problems.filter((p) => p.rule === "duplicate-path");
    expect(listed.map((p) => p.line)).toEqual(Array.from({ length: 10 }, (_, i) => 300_001 + i));
    expect(listed[9]!.source).toBe(half.split("\n")[9]);
  });
});

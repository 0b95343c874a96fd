/**
 * Standard output as the process has it: a pipe, a socket or a file is
 * written through its descriptor (no stream code loaded), anything else
 * through process.stdout. Either way the report is the same bytes, a large
 * one arrives whole through a slow reader, and output that cannot be
 * written ends the run with one line and exit code 2.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixture, ROOT } from "../shared.js";
import { lint } from "../../src/engine/lint.js";
import { formatters } from "../../src/reporters/index.js";

const LAUNCHER = join(ROOT, "dist", "cli", "labellint.cjs");
const dir = mkdtempSync(join(tmpdir(), "labellint-stdout-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SAMPLE = fixture("nus-wide-scene", "train_list.txt");

/** A list with a problem on every line: its json report is several MB. */
function bigList(): string {
  const path = join(dir, "big.txt");
  if (!existsSync(path)) writeFileSync(path, Array.from({ length: 30_000 }, (_, i) => `img/${i}.jpg\t0,0,2\n`).join(""));
  return path;
}

describe.skipIf(!existsSync(LAUNCHER))("standard output", () => {
  it("a pipe, a file and a socket get the same report", () => {
    const args = [LAUNCHER, "check", SAMPLE, "--reporter", "json"];
    const piped = spawnSync(process.execPath, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect([0, 1]).toContain(piped.status);
    expect(JSON.parse(piped.stdout)).toHaveProperty("summary");
    const file = join(dir, "report.json");
    const fd = openSync(file, "w");
    const toFile = spawnSync(process.execPath, args, { stdio: ["ignore", fd, "pipe"] });
    closeSync(fd);
    expect(toFile.status).toBe(piped.status);
    expect(readFileSync(file, "utf8")).toBe(piped.stdout);
    // Through a shell pipe as well (a FIFO to the reader).
    const shell = spawnSync("sh", ["-c", `"${process.execPath}" "${LAUNCHER}" check "${SAMPLE}" --reporter json | cat`], { encoding: "utf8" });
    expect(shell.stdout).toBe(piped.stdout);
  });

  it("a large report of non-ASCII text is the same UTF-8 through a pipe, a file and --output, across every write", async () => {
    const path = join(dir, "unicode.txt");
    // Paths of 1-, 2-, 3- and 4-byte characters, so writes split text of every width.
    // (Mostly 3-byte text: a write of 64 Ki characters is near 3 bytes each.)
    writeFileSync(path, Array.from({ length: 4_000 }, (_, i) => `img/é${"中".repeat(1000 + (i % 7))}😀${i}.jpg\t0,0,2\n`).join(""));
    const args = [LAUNCHER, "check", path, "--format", "paddleclas", "--reporter", "json", "--max-problems-per-rule", "100000"];
    const piped = spawnSync(process.execPath, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 30 });
    expect(piped.stdout.length).toBeGreaterThan(2 << 20);
    // The very text the json reporter makes in this process (every non-ASCII character intact).
    expect(piped.stdout).toBe(formatters["json"]!(await lint([path], { format: "paddleclas", maxProblemsPerRule: 100_000 })));
    const file = join(dir, "unicode-report.json");
    const fd = openSync(file, "w");
    spawnSync(process.execPath, args, { stdio: ["ignore", fd, "pipe"] });
    closeSync(fd);
    expect(readFileSync(file, "utf8")).toBe(piped.stdout);
    const output = join(dir, "unicode-output.json");
    spawnSync(process.execPath, [...args, "--output", output], { stdio: "ignore" });
    expect(readFileSync(output, "utf8")).toBe(piped.stdout);
  }, 60_000);

  it("text near 3 bytes a character in whole writes (long class names) arrives whole", async () => {
    const path = join(dir, "named.txt");
    writeFileSync(path, "a.jpg\t0,1,0\nb.jpg\t1,0,1\n");
    const names = join(dir, "names.txt");
    const classNames = ["中", "é", "😀"].map((c, i) => `${i}${c.repeat(40_000)}`);
    writeFileSync(names, `${classNames.join("\n")}\n`);
    const args = [LAUNCHER, "check", path, "--class-names", names, "--reporter", "json"];
    const piped = spawnSync(process.execPath, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 30 });
    expect(piped.stdout).toBe(formatters["json"]!(await lint([path], { classNames })));
    const output = join(dir, "named-output.json");
    spawnSync(process.execPath, [...args, "--output", output], { stdio: "ignore" });
    expect(readFileSync(output, "utf8")).toBe(piped.stdout);
  });

  it("a large report reaches a slow reader whole", async () => {
    const path = bigList();
    const expected = spawnSync(process.execPath, [LAUNCHER, "check", path, "--reporter", "json", "--max-problems-per-rule", "100000"], { encoding: "utf8", maxBuffer: 1 << 30 });
    expect(expected.stdout.length).toBeGreaterThan(1 << 20);
    const child = spawn(process.execPath, [LAUNCHER, "check", path, "--reporter", "json", "--max-problems-per-rule", "100000"], { stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    // Read slowly: pause after each chunk, so the pipe fills and the writer waits.
    child.stdout.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 1);
    });
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(status).toBe(expected.status);
    expect(Buffer.concat(chunks).toString("utf8")).toBe(expected.stdout);
  }, 60_000);

  it.skipIf(spawnSync("python3", ["-c", "0"]).status !== 0)("a non-blocking pipe: the rest goes through the stream, which waits for the reader", () => {
    const path = bigList();
    const args = [LAUNCHER, "check", path, "--reporter", "json", "--max-problems-per-rule", "100000"];
    const expected = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 30 });
    // The pipe's write end is made non-blocking before the run inherits it; the reader is slow.
    const python = [
      "import os, subprocess, sys, time",
      "r, w = os.pipe()",
      "os.set_blocking(w, False)",
      "p = subprocess.Popen(sys.argv[1:], stdout=w, stderr=subprocess.DEVNULL)",
      "os.close(w)",
      "out = bytearray()",
      "while True:",
      "    b = os.read(r, 65536)",
      "    if not b: break",
      "    out += b",
      "    time.sleep(0.002)",
      "sys.stdout.buffer.write(out)",
      "sys.exit(p.wait())",
    ].join("\n");
    const r = spawnSync("python3", ["-c", python, process.execPath, ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
    expect(r.status).toBe(expected.status);
    expect(r.stdout).toBe(expected.stdout);
  }, 60_000);

  it("a reader that stops early: one line on standard error, exit code 2", () => {
    const path = bigList();
    const writer = `"${process.execPath}" "${LAUNCHER}" check "${path}" --reporter json --max-problems-per-rule 100000 2>"${dir}/err.txt"`;
    const r = spawnSync("bash", ["-c", `${writer} | head -c 100 > /dev/null; echo "status \${PIPESTATUS[0]}"`], { encoding: "utf8" });
    expect(r.stdout.trim()).toBe("status 2");
    expect(readFileSync(join(dir, "err.txt"), "utf8")).toBe("labellint: cannot write to standard output: the reader closed the pipe\n");
  });

  it.skipIf(!existsSync("/dev/full"))("a full disk: one line on standard error, exit code 2", () => {
    const fd = openSync("/dev/full", "w");
    const r = spawnSync(process.execPath, [LAUNCHER, "check", SAMPLE, "--reporter", "json"], { encoding: "utf8", stdio: ["ignore", fd, "pipe"] });
    closeSync(fd);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("labellint: cannot write to standard output: no space left on the device\n");
  });
});

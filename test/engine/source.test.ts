import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { lintFile } from "../../src/engine/lint.js";
import { makeTempDir, readSmallText, spoolToTempFile } from "../../src/io/source.js";
import { OWNER_TAG } from "../../src/io/temp-files.js";
import { runCli } from "../cli-harness.js";
import { rejection, ROOT } from "../shared.js";

const LIST = "a.jpg\t0,1,0\nb.jpg\t1,0,0\nc.jpg\t0,0,1\nc.jpg\t0,0,1\n";
const HAS_MKFIFO = spawnSync("sh", ["-c", "command -v mkfifo"]).status === 0;

/** A FIFO in a fresh folder, fed `content` by a background writer. */
function fifoOf(content: string): { dir: string; fifo: string } {
  const dir = mkdtempSync(join(tmpdir(), "labellint-fifo-"));
  const fifo = join(dir, "list.txt");
  execFileSync("mkfifo", [fifo]);
  const source = join(dir, "source.txt");
  writeFileSync(source, content);
  const writer = spawn("sh", ["-c", `cat "${source}" > "${fifo}"`], { stdio: "ignore" });
  writer.unref();
  writers.push(writer);
  return { dir, fifo };
}
/** The FIFOs' writers: one whose FIFO no test opened (fix refuses it unread) waits forever unless ended. */
const writers: ChildProcess[] = [];
afterAll(() => {
  for (const writer of writers) if (writer.exitCode === null) writer.kill();
});

/** A process id that was just in use and is no more. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe.skipIf(!HAS_MKFIFO)("a FIFO as input", () => {
  it("is read once, in order, like standard input: duplicates are still confirmed by re-reading", async () => {
    const { fifo } = fifoOf(LIST);
    const r = await lintFile(fifo, { numClasses: 3 });
    expect(r.rows).toBe(4);
    expect(r.problems.filter((p) => p.rule === "duplicate-path").map((p) => p.line)).toEqual([4]);
  });

  it("is checked and converted from the command line", async () => {
    const first = fifoOf(LIST);
    const check = await runCli(["check", "list.txt", "--num-classes", "3"], { cwd: first.dir });
    expect(check.stderr).toBe("");
    expect(check.stdout).toContain("shape [4, 3]");
    const second = fifoOf(LIST);
    const convert = await runCli(["convert", "list.txt", "--to", "spaced", "--out", "out.txt", "--num-classes", "3"], { cwd: second.dir });
    expect(convert.stderr).toBe("");
    expect(readFileSync(join(second.dir, "out.txt"), "utf8")).toBe(LIST.replace(/[\t,]/g, " "));
  });

  it("is refused by fix, which needs a file it can read twice, with exit 2 and nothing written", async () => {
    const { dir } = fifoOf(LIST);
    const before = readdirSync(dir).sort();
    const r = await runCli(["fix", "list.txt", "--out", "out.txt"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("labellint: 'list.txt' is not a regular file: it is read more than once, so save it to a file first\n");
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});

describe("streams copied aside", () => {
  it("stop at the spool limit with one clear error, leaving no copy behind", async () => {
    const error = await rejection(spoolToTempFile(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), { maxBytes: 1000, name: "<stdin>" }));
    expect(error.code).toBe("LL_LIMIT_EXCEEDED");
    expect(error.message).toMatch(/^'<stdin>' is a stream longer than 1,000 bytes/);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith(`labellint-${process.pid}-`))).toEqual([]);
  });

  it.skipIf(!existsSync("/dev/zero"))("end /dev/zero as input with exit 2 instead of reading forever", async () => {
    const started = Date.now();
    const r = await runCli(["check", "/dev/zero", "--max-spool-bytes", "4000000"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^labellint: '\/dev\/zero' is a stream longer than 4,000,000 bytes.*--max-spool-bytes\n$/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("are in folders a later run removes once their process is gone", async () => {
    const stale = join(tmpdir(), `labellint-${deadPid()}-${OWNER_TAG.split("-")[1]!}-stale`);
    mkdirSync(stale, { recursive: true });
    writeFileSync(join(stale, "input"), "left by a killed run\n");
    const mine = await makeTempDir();
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(mine.dir)).toBe(true);
    await mine.dispose();
    expect(existsSync(mine.dir)).toBe(false);
  });
});

describe("small text files", () => {
  it("are read whole up to their limit and refused past it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "labellint-small-"));
    writeFileSync(join(dir, "ten.txt"), "0123456789");
    expect(await readSmallText(join(dir, "ten.txt"), 10, "list")).toBe("0123456789");
    const error = await rejection(readSmallText(join(dir, "ten.txt"), 9, "list", "ten.txt"));
    expect(error.message).toBe("'ten.txt' is over 9 bytes, more than a list holds");
  });
});

describe.skipIf(!existsSync(join(ROOT, "dist", "cli", "bin.js")))("standard output that cannot be written", () => {
  const BIN = join(ROOT, "dist", "cli", "bin.js");
  const list = (): string => {
    const dir = mkdtempSync(join(tmpdir(), "labellint-stdout-"));
    writeFileSync(join(dir, "list.txt"), LIST.repeat(2000));
    return dir;
  };

  it.skipIf(!existsSync("/dev/full"))("on a full disk ends with one line and exit 2", () => {
    const r = spawnSync("sh", ["-c", `exec "${process.execPath}" "${BIN}" check list.txt --num-classes 3 > /dev/full`], { cwd: list(), encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("labellint: cannot write to standard output: no space left on the device\n");
  });

  it.skipIf(spawnSync("bash", ["-c", "true"]).status !== 0)("closed by its reader (| head) ends with one line and exit 2", () => {
    const r = spawnSync("bash", ["-c", `"${process.execPath}" "${BIN}" check list.txt --num-classes 3 --reporter json | head -c 10 > /dev/null; echo "exit \${PIPESTATUS[0]}" >&2`], {
      cwd: list(),
      encoding: "utf8",
    });
    expect(r.stderr).toBe("labellint: cannot write to standard output: the reader closed the pipe\nexit 2\n");
  });
});

describe("a file that changes while it is read", () => {
  const rows = (n: number, tag: string): string => Array.from({ length: n }, (_, i) => `img/${tag}${i}.jpg\t${i % 2},${(i + 1) % 2},0\n`).join("");
  const fileOf = (content: string): string => {
    const dir = mkdtempSync(join(tmpdir(), "labellint-changing-"));
    writeFileSync(join(dir, "list.txt"), content);
    return join(dir, "list.txt");
  };

  // A list still being written is not reported as a mixture of versions (a last row cut in the middle, duplicates
  // confirmed against lines that moved): the lint is refused, exit 2 through the CLI, and names what changed.
  const cases: [string, (file: string) => void, RegExp][] = [
    ["appended to", (f) => appendFileSync(f, rows(50, "late")), /it grew from \d+ to \d+ bytes/],
    ["cut short in the middle of a row", (f) => truncateSync(f, 1000), /it shrank from \d+ to 1000 bytes/],
    ["rewritten in place, same size", (f) => {
      writeFileSync(f, readFileSync(f, "utf8").replace("img/a0.jpg", "img/b0.jpg"));
      utimesSync(f, new Date(2001, 0, 1), new Date(2001, 0, 1));
    }, /it was rewritten/],
    ["removed", (f) => rmSync(f), /it is gone/],
  ];
  for (const [what, change, how] of cases) {
    it(`refuses a list ${what} after its first chunk (LL_INPUT_CHANGED)`, async () => {
      const file = fileOf(rows(20_000, "a"));
      let changed = false;
      const error = await rejection(lintFile(file, { numClasses: 3, onChunk: () => {
        if (!changed) change(file);
        changed = true;
      } }, "list.txt"));
      expect(error.code, what).toBe("LL_INPUT_CHANGED");
      expect(error.message, what).toMatch(/^list\.txt changed while it was read \(/);
      expect(error.message, what).toMatch(how);
    });
  }

  it("refuses a list read on several threads that changes before the parts are merged", async () => {
    const file = fileOf(rows(20_000, "a"));
    let changed = false;
    const error = await rejection(lintFile(file, { numClasses: 3, jobs: 2, minPartBytes: 1, minPartRows: 1, onProgress: () => {
      if (!changed) appendFileSync(file, rows(10, "late"));
      changed = true;
    } }, "list.txt"));
    expect(changed).toBe(true);
    expect(error.code).toBe("LL_INPUT_CHANGED");
    expect(error.message).toMatch(/^list\.txt changed while it was read/);
  });

  it("reads a list that only stays the same as before", async () => {
    const file = fileOf(rows(20_000, "a"));
    let chunks = 0;
    const r = await lintFile(file, { numClasses: 3, onChunk: () => void chunks++ });
    expect(chunks).toBeGreaterThan(0);
    expect(r.rows).toBe(20_000);
  });
});

describe.skipIf(!existsSync("/proc/self/status"))("a file whose size says 0 though it holds lines (/proc, some network file systems)", () => {
  it("is read as a stream is: its head is sniffed and its rows counted, not taken for an empty file", async () => {
    const lines = readFileSync("/proc/self/status", "utf8").split("\n").length - 1;
    const r = await lintFile("/proc/self/status", {});
    expect(r.formatReason).not.toContain("no data lines");
    expect(r.format).toBe("paddleclas");
    expect(r.lines).toBe(lines);
    expect(r.rows).toBeGreaterThan(lines / 2);
  });
});

describe("a list that cannot be opened says why in words", () => {
  it("a loop of symbolic links, a name too long, a socket", async () => {
    const dir = mkdtempSync(join(tmpdir(), "labellint-unreadable-"));
    try {
      symlinkSync(join(dir, "b"), join(dir, "a"));
      symlinkSync(join(dir, "a"), join(dir, "b"));
      expect((await rejection(lintFile(join(dir, "a"), {}))).message).toBe(`cannot read '${join(dir, "a")}': a loop of symbolic links`);
      const long = join(dir, "x".repeat(300));
      expect((await rejection(lintFile(long, {}))).message).toBe(`cannot read '${long}': the name is too long`);
      const socket = join(dir, "s");
      const server = createServer().listen(socket);
      await once(server, "listening");
      try {
        expect((await rejection(lintFile(socket, {}))).message).toMatch(/^cannot read '.*': no such device \(a socket/);
      } finally {
        server.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputLock, lockPathOf } from "../../src/fixer/lock.js";
import { runCli } from "../cli-harness.js";
import { fixture, rejection, ROOT } from "../shared.js";

const DEFECTS = fixture("defects", "train_list.txt");
const NAMES = fixture("defects", "label_list.txt");
const BIN = join(ROOT, "dist", "cli", "bin.js");

function staged(): string {
  const dir = mkdtempSync(join(tmpdir(), "labellint-lock-"));
  copyFileSync(DEFECTS, join(dir, "train_list.txt"));
  copyFileSync(NAMES, join(dir, "label_list.txt"));
  return dir;
}

describe("the lock fix --in-place holds", () => {
  it("makes a second run on the same file refuse with exit 2, saying who holds it, and write nothing", async () => {
    const dir = staged();
    const lock = await InputLock.acquire(join(dir, "train_list.txt"));
    const before = readdirSync(dir).sort();
    const r = await runCli(["fix", "train_list.txt", "--class-names", "label_list.txt", "--in-place"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`is being rewritten by another labellint run \\(process ${process.pid} on ${hostname()}, since .*\\); it holds '.*train_list\\.txt\\.labellint\\.lock'`));
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(readFileSync(join(dir, "train_list.txt"))).toEqual(readFileSync(DEFECTS));
    await lock.release();
    expect(existsSync(lockPathOf(join(dir, "train_list.txt")))).toBe(false);
  });

  it("is released when the run ends, whether it succeeded or failed", async () => {
    const dir = staged();
    expect((await runCli(["fix", "train_list.txt", "--class-names", "label_list.txt", "--in-place"], { cwd: dir })).code).toBe(0);
    expect(existsSync(join(dir, "train_list.txt.labellint.lock"))).toBe(false);
    // The .bak is in the way now: the second run fails, and leaves no lock either.
    expect((await runCli(["fix", "train_list.txt", "--class-names", "label_list.txt", "--in-place"], { cwd: dir })).code).toBe(2);
    expect(existsSync(join(dir, "train_list.txt.labellint.lock"))).toBe(false);
  });

  it("left by a run that was killed (its process is gone) is taken over", async () => {
    const dir = staged();
    const dead = Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout);
    writeFileSync(lockPathOf(join(dir, "train_list.txt")), `${JSON.stringify({ pid: dead, host: hostname(), since: "2020-01-01T00:00:00.000Z" })}\n`);
    const r = await runCli(["fix", "train_list.txt", "--class-names", "label_list.txt", "--in-place"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(existsSync(lockPathOf(join(dir, "train_list.txt")))).toBe(false);
  });

  it("left over, seen by several runs at once: exactly one takes it over, the others refuse (none removes the lock another has just made)", async () => {
    for (let trial = 0; trial < 20; trial++) {
      const dir = staged();
      const file = join(dir, "train_list.txt");
      writeFileSync(lockPathOf(file), `${JSON.stringify({ pid: 2147483646, host: hostname(), since: "2020-01-01T00:00:00.000Z" })}\n`);
      const runs = await Promise.allSettled(Array.from({ length: 4 }, () => InputLock.acquire(file)));
      const held = runs.filter((r): r is PromiseFulfilledResult<InputLock> => r.status === "fulfilled");
      expect(held).toHaveLength(1);
      for (const r of runs) if (r.status === "rejected") expect((r.reason as { code?: string }).code).toBe("LL_LOCKED");
      // The lock on disk is the holder's, and no break lock is left behind.
      expect(JSON.parse(readFileSync(lockPathOf(file), "utf8")).pid).toBe(process.pid);
      expect(existsSync(`${lockPathOf(file)}.break`)).toBe(false);
      await held[0]!.value.release();
    }
  });

  it("left over together with the break lock of a run killed while taking it over: both are stale, the lock is taken", async () => {
    const dir = staged();
    const file = join(dir, "train_list.txt");
    const dead = JSON.stringify({ pid: 2147483646, host: hostname(), since: "2020-01-01T00:00:00.000Z" });
    writeFileSync(lockPathOf(file), `${dead}\n`);
    writeFileSync(`${lockPathOf(file)}.break`, `${dead}\n`);
    const lock = await InputLock.acquire(file);
    expect(JSON.parse(readFileSync(lockPathOf(file), "utf8")).pid).toBe(process.pid);
    expect(existsSync(`${lockPathOf(file)}.break`)).toBe(false);
    await lock.release();
  });

  it("held by another machine's process is never taken over", async () => {
    const dir = staged();
    writeFileSync(lockPathOf(join(dir, "train_list.txt")), `${JSON.stringify({ pid: 1, host: "another-host", since: "2020-01-01T00:00:00.000Z" })}\n`);
    const error = await rejection(InputLock.acquire(join(dir, "train_list.txt")));
    expect(error.code).toBe("LL_LOCKED");
    expect(error.message).toMatch(/process 1 on another-host/);
  });

  it("holds apply --in-place too", async () => {
    const dir = staged();
    await runCli(["fix", "train_list.txt", "--class-names", "label_list.txt", "--out", "fixed.txt", "--plan", "plan.json"], { cwd: dir });
    const lock = await InputLock.acquire(join(dir, "train_list.txt"));
    const r = await runCli(["apply", "plan.json", "--in-place"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is being rewritten by another labellint run/);
    await lock.release();
  });
});

describe("a lock path held by something that is not a lock file", () => {
  const hourAgo = new Date(Date.now() - 3_600_000);
  it("a directory at the lock's name: one clear message and exit 2, not an internal error; the directory and the input left as they are", async () => {
    const dir = staged();
    const lock = lockPathOf(join(dir, "train_list.txt"));
    mkdirSync(lock);
    // Old enough to be taken for a lock a killed run left half-written.
    utimesSync(lock, hourAgo, hourAgo);
    const r = await runCli(["fix", "train_list.txt", "--class-names", "label_list.txt", "--in-place"], { cwd: dir });
    expect(r.stderr).toBe(`labellint: cannot write '${lock}': it is a directory, and labellint replaces only regular files\n`);
    expect(r.code).toBe(2);
    expect(statSync(lock).isDirectory()).toBe(true);
    expect(readFileSync(join(dir, "train_list.txt"))).toEqual(readFileSync(DEFECTS));
  });

  it("a directory at the break lock's name, beside a stale lock: the same", async () => {
    const dir = staged();
    const lock = lockPathOf(join(dir, "train_list.txt"));
    writeFileSync(lock, "");
    mkdirSync(`${lock}.break`);
    utimesSync(lock, hourAgo, hourAgo);
    utimesSync(`${lock}.break`, hourAgo, hourAgo);
    await expect(InputLock.acquire(join(dir, "train_list.txt"))).rejects.toMatchObject({ code: "LL_WRITE_FAILED", message: `cannot write '${lock}.break': it is a directory, and labellint replaces only regular files` });
    expect(statSync(`${lock}.break`).isDirectory()).toBe(true);
  });
});

describe.skipIf(!existsSync(BIN))("two fix --in-place runs on one file at once", () => {
  const run = (dir: string): Promise<{ code: number | null; stderr: string }> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, "fix", "big.txt", "--in-place", "--num-classes", "3"], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("close", (code) => resolve({ code, stderr }));
    });

  it("end with one fixed file and the original in .bak: never the fixed file backed up as the original", async () => {
    const dir = mkdtempSync(join(tmpdir(), "labellint-race-"));
    // Large enough that the two runs overlap; with a trailing comma on every row, so fixing changes every line.
    const rows = Array.from({ length: 30_000 }, (_, i) => `img/${i}.jpg\t${i % 2},${(i + 1) % 2},1,`);
    writeFileSync(join(dir, "big.txt"), `${rows.join("\n")}\n`);
    const original = readFileSync(join(dir, "big.txt"));
    const [a, b] = await Promise.all([run(dir), run(dir)]);
    const codes = [a.code, b.code].sort();
    expect(codes).toEqual([0, 2]);
    const loser = a.code === 2 ? a : b;
    // Refused by the lock while the other ran, or by the .bak it left behind.
    expect(loser.stderr).toMatch(/is being rewritten by another labellint run|train.*\.bak' exists|big\.txt\.bak' exists/);
    expect(readFileSync(join(dir, "big.txt.bak")).equals(original)).toBe(true);
    expect(readFileSync(join(dir, "big.txt"), "utf8") === `${rows.map((r) => r.slice(0, -1)).join("\n")}\n`).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(["big.txt", "big.txt.bak"]);
  });
});

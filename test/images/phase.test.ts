import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fix } from "../../src/fixer/fix.js";
import type { ImageFs } from "../../src/images/fs.js";
import { nodeImageFs } from "../../src/images/fs.js";
import { rejection, ROOT } from "../shared.js";
import { png } from "./tree.js";

const BIN = join(ROOT, "dist", "cli", "bin.js");

/** `count` valid PNGs under images/ and a list naming each, in a fresh folder. */
function dataset(count: number): { dir: string; list: string } {
  const dir = mkdtempSync(join(tmpdir(), "labellint-phase-"));
  mkdirSync(join(dir, "images"));
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    writeFileSync(join(dir, "images", `${i}.png`), png());
    lines.push(`images/${i}.png\t${i % 2},${(i + 1) % 2}`);
  }
  const list = join(dir, "list.txt");
  writeFileSync(list, `${lines.join("\n")}\n`);
  return { dir, list };
}

const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

/** The real file system, but `open` fails with `code` while `busy()` says so. */
function failingOpens(code: string, busy: (inFlight: number) => boolean): ImageFs & { maxInFlight: number; failures: number } {
  let inFlight = 0;
  const fs = {
    maxInFlight: 0,
    failures: 0,
    realpath: nodeImageFs.realpath,
    stat: nodeImageFs.stat,
    async open(path: string) {
      if (busy(inFlight)) {
        fs.failures++;
        throw errno(code);
      }
      inFlight++;
      fs.maxInFlight = Math.max(fs.maxInFlight, inFlight);
      const handle = await nodeImageFs.open(path);
      // Held a little, so checks overlap as they do on a slow disk.
      await new Promise((resolve) => setTimeout(resolve, 1));
      return {
        read: handle.read.bind(handle),
        close: async () => {
          inFlight--;
          await handle.close();
        },
      };
    },
  };
  return fs;
}

describe("image checks when the system, not the image, fails", () => {
  it("retries with fewer files open when out of file descriptors, and rejects no good row", async () => {
    const { dir, list } = dataset(200);
    // As if the process could hold only 4 image files open at once.
    const fs = failingOpens("EMFILE", (inFlight) => inFlight >= 4);
    const result = await fix(list, { checkImages: true, imageFs: fs, concurrency: 64, out: join(dir, "out.txt") });
    expect(fs.failures).toBeGreaterThan(0);
    expect(result.counts).toMatchObject({ linesIn: 200, rowsOut: 200, rowsRejected: 0 });
    expect(existsSync(join(dir, "out.txt.rejects.tsv"))).toBe(false);
    expect(readFileSync(join(dir, "out.txt"), "utf8")).toBe(readFileSync(list, "utf8"));
  });

  it.each([
    ["EMFILE even one file at a time", "EMFILE", /too many open files \(EMFILE\): raise the open-file limit/],
    ["an I/O error", "EIO", /input\/output error \(EIO\)/],
  ])("stops fix with one fatal error on %s, writing nothing", async (_name, code, message) => {
    const { dir, list } = dataset(20);
    const before = readdirSync(dir).sort();
    const fs = failingOpens(code, () => true);
    const error = await rejection(fix(list, { checkImages: true, imageFs: fs, out: join(dir, "out.txt"), plan: join(dir, "plan.json") }));
    expect(error.code).toBe("LL_READ_FAILED");
    expect(error.message).toMatch(message);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it("treats a folder it may not search (EACCES on the way) as fatal, not as an unreadable image", async () => {
    const { dir, list } = dataset(5);
    const before = readdirSync(dir).sort();
    const fs: ImageFs = {
      ...nodeImageFs,
      realpath: async (path) => {
        if (path.endsWith("3.png")) throw errno("EACCES");
        return nodeImageFs.realpath(path);
      },
    };
    const error = await rejection(fix(list, { checkImages: true, imageFs: fs, out: join(dir, "out.txt") }));
    expect(error.message).toMatch(/cannot check image 'images\/3\.png': permission denied \(EACCES\)/);
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});

describe.skipIf(!existsSync(BIN))("labellint fix --check-images under a low open-file limit", () => {
  it("writes every good row (none to the rejects file) with ulimit -n 200 and 400 checks at once", () => {
    const { dir } = dataset(3000);
    const r = spawnSync("sh", ["-c", `ulimit -n 200 && exec "${process.execPath}" "${BIN}" fix list.txt --check-images --concurrency 400 --out out.txt`], { cwd: dir, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/3,000 lines in = 3,000 rows out \+ 0 rejected \+ 0 dropped/);
    expect(existsSync(join(dir, "out.txt.rejects.tsv"))).toBe(false);
  });

  it("starts at the lowest limit Node itself starts at, and otherwise says in one line that it cannot", () => {
    // From the lowest limit Node reads its entry script at (19 here) up: the launcher opens only the
    // bundle and its code cache, so each run works; a run that cannot load ends with exactly one line,
    // never a stack trace.
    const outcomes: number[] = [];
    for (const limit of [20, 22, 24, 26, 30, 40]) {
      for (const args of ["--version", `check "${BIN}" --format paddleclas --num-classes 1`]) {
        const r = spawnSync("sh", ["-c", `ulimit -n ${limit} && exec "${process.execPath}" "${BIN}" ${args}`], { encoding: "utf8" });
        outcomes.push(r.status ?? -1);
        if (r.status === 2 && r.stderr.startsWith("labellint: cannot start")) expect(r.stderr).toMatch(/^labellint: cannot start: [^\n]+\n$/);
        else expect(r.stderr).not.toMatch(/\n\s+at /);
      }
    }
    expect(outcomes.slice(0, 2).every((status) => status === 0 || status === 1), String(outcomes)).toBe(true);
  });
});

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it, vi } from "vitest";

/** While set, the copies labellint makes in its temporary folder go to /dev/full: every write fails with ENOSPC. */
const full = vi.hoisted(() => ({ on: false }));
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const createWriteStream = ((path: string, options?: object) =>
    fs.createWriteStream(full.on && String(path).includes("/labellint-") ? "/dev/full" : path, options as never)) as typeof fs.createWriteStream;
  return { ...fs, default: { ...fs, createWriteStream }, createWriteStream };
});

const { fix } = await import("../../src/fixer/fix.js");

const ROWS = "a.jpg\t0,1,0\nb.jpg\t1,0,0\nc.jpg\t0,0,1\n";
const saved = process.env["TMPDIR"];
const dirs: string[] = [];
afterEach(() => {
  full.on = false;
  process.env["TMPDIR"] = saved;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function staged(): string {
  const dir = mkdtempSync(join(tmpdir(), "labellint-temp-folder-"));
  dirs.push(dir);
  writeFileSync(join(dir, "train.txt.gz"), gzipSync(ROWS));
  return dir;
}

describe("a temporary folder labellint cannot write in (a gzip input is decompressed there)", () => {
  it("TMPDIR naming no folder: one message naming it and the way out, not an internal error; nothing written", async () => {
    const dir = staged();
    const missing = join(dir, "no-such-folder");
    process.env["TMPDIR"] = missing;
    await expect(fix(join(dir, "train.txt.gz"), { out: join(dir, "out.txt"), displayPath: "train.txt.gz" })).rejects.toMatchObject({
      code: "LL_WRITE_FAILED",
      message: `cannot make a work folder in the temporary folder '${missing}': its folder does not exist; make room there, or set TMPDIR to another folder`,
    });
    expect(readdirSync(dir).sort()).toEqual(["train.txt.gz"]);
  });

  it.skipIf(!existsSync("/dev/full"))("full: said to be the temporary folder's fault, not a read of the input; no copy left there", async () => {
    const dir = staged();
    // A temporary folder of this test's own: other tests' work files come and go in the shared one.
    const temp = join(dir, "tmp");
    mkdirSync(temp);
    process.env["TMPDIR"] = temp;
    full.on = true;
    await expect(fix(join(dir, "train.txt.gz"), { out: join(dir, "out.txt"), displayPath: "train.txt.gz" })).rejects.toMatchObject({
      code: "LL_WRITE_FAILED",
      message: `cannot decompress 'train.txt.gz' in the temporary folder '${temp}': no space left on the device; make room there, or set TMPDIR to another folder`,
    });
    expect(readdirSync(dir).sort()).toEqual(["tmp", "train.txt.gz"]);
    expect(readdirSync(temp)).toEqual([]);
    expect(readFileSync(join(dir, "train.txt.gz"))).toEqual(gzipSync(ROWS));
  });
});

import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { split } from "../../src/split/split.js";
import { enospc, hookedFs, snapshot } from "../fixer/hooked-fs.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A CSV naming its classes in a header, with one row of two values: split writes a class list and a rejects file. */
function staged(): { input: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), "labellint-split-faults-"));
  dirs.push(dir);
  const rows = Array.from({ length: 20 }, (_, i) => `img${i}.jpg,${i % 2},${(i >> 1) % 2},1`);
  const input = join(dir, "in.csv");
  writeFileSync(input, ["path,cat,dog,bird", ...rows, "bad.jpg,1,1", ""].join("\n"));
  return { input, out: join(dir, "out") };
}

describe("split --force failing while its splits are written out", () => {
  it("leaves every earlier file as it was: the rejects file and class list too, not only the splits", async () => {
    const { input, out } = staged();
    await split(input, { ratios: [0.5, 0.5], outDir: out });
    // An earlier run's files, its rejects file the only copy of the lines it quarantined.
    writeFileSync(join(out, "rejects.tsv"), "line\trules\treasons\ttext\n7\tlabel-count\tearlier\tkept.jpg,1\n");
    writeFileSync(join(out, "classes.txt"), "0 earlier\n");
    const before = snapshot(out);
    // The disk fills while the first split is flushed to it.
    const fs = hookedFs((step) => {
      if (step.op === "sync" && step.path.includes("train")) throw enospc();
    });
    await expect(split(input, { ratios: [0.5, 0.5], outDir: out, force: true, writeFs: fs })).rejects.toMatchObject({ code: "LL_WRITE_FAILED", message: expect.stringMatching(/no space left/) });
    const after = snapshot(out);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, bytes] of before) expect(after.get(name), name).toEqual(bytes);
  });

  it("without an earlier run, leaves no file, nor the folder it made", async () => {
    const { input, out } = staged();
    const fs = hookedFs((step) => {
      if ((step.op === "rename" || step.op === "link") && step.path.endsWith("eval.txt")) throw enospc();
    });
    await expect(split(input, { ratios: [0.5, 0.5], outDir: out, writeFs: fs })).rejects.toMatchObject({ code: "LL_WRITE_FAILED" });
    expect(existsSync(out)).toBe(false);
  });

  it("killed at any write step, leaves each earlier file or its replacement, never neither", async () => {
    const { input, out } = staged();
    await split(input, { ratios: [0.5, 0.5], outDir: out });
    writeFileSync(join(out, "rejects.tsv"), "line\trules\treasons\ttext\n7\tlabel-count\tearlier\tkept.jpg,1\n");
    const before = snapshot(out);
    const seen: Map<string, Buffer>[] = [];
    await split(input, { ratios: [0.5, 0.5], outDir: out, force: true, writeFs: hookedFs(() => seen.push(snapshot(out))) });
    const final = snapshot(out);
    expect(seen.length).toBeGreaterThan(5);
    for (const [k, files] of seen.entries()) {
      for (const name of ["train.txt", "eval.txt", "rejects.tsv", "classes.txt"]) {
        const bytes = files.get(name);
        expect(bytes !== undefined && (bytes.equals(before.get(name)!) || bytes.equals(final.get(name)!)), `${name}, killed before step ${k}`).toBe(true);
      }
    }
  });

  it("without --force, a split file that appears while the splits are written is left as it is, and nothing is written", async () => {
    const { input, out } = staged();
    const theirs = Buffer.from("another run's split\n");
    let done = false;
    const fs = hookedFs((step) => {
      if (step.op === "sync" && step.path.startsWith(out) && step.path.includes("train") && !done) {
        done = true;
        writeFileSync(join(out, "eval.txt"), theirs);
      }
    });
    await expect(split(input, { ratios: [0.5, 0.5], outDir: out, writeFs: fs })).rejects.toMatchObject({ code: "LL_WRITE_FAILED", message: expect.stringMatching(/eval\.txt': a file of that name appeared while this run was writing/) });
    expect(done).toBe(true);
    expect(snapshot(out)).toEqual(new Map([["eval.txt", theirs]]));
  });
});


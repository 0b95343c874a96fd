import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { convert } from "../../src/convert/convert.js";
import { applyPlan } from "../../src/fixer/apply.js";
import { fix } from "../../src/fixer/fix.js";
import { InputGuard } from "../../src/fixer/input-guard.js";
import { readClassNames } from "../../src/readers/class-names.js";
import { fixture, rejection } from "../shared.js";
import { hookedFs } from "./hooked-fs.js";

const DEFECTS = fixture("defects", "train_list.txt");
const NAMES = await readClassNames(fixture("defects", "label_list.txt"));

function staged(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "labellint-guard-"));
  const file = join(dir, "train_list.txt");
  copyFileSync(DEFECTS, file);
  return { dir, file };
}

/**
 * Rewrites `file` when the run creates its first output (between the check
 * pass and the rewrite pass): lines swapped, so the size stays the same;
 * with `keepTimes`, the modification time is put back too.
 */
function rewriteBetweenPasses(file: string, keepTimes: boolean) {
  let done = false;
  return hookedFs((step) => {
    if (done || step.op !== "create" || step.path.endsWith(".labellint.lock")) return;
    done = true;
    const info = statSync(file);
    const lines = readFileSync(file, "utf8").split("\n");
    [lines[0], lines[60]] = [lines[60]!, lines[0]!];
    writeFileSync(file, lines.join("\n"));
    if (keepTimes) utimesSync(file, info.atime, info.mtime);
  });
}

describe("an input that changes between the passes", () => {
  it.each([
    ["a rewrite of the same size", false],
    ["a rewrite with its modification time put back", true],
  ])("is refused by fix (%s): exit 2, nothing written, no row rejected for another line's reasons", async (_name, keepTimes) => {
    const { dir, file } = staged();
    const error = await rejection(fix(file, { classNames: NAMES, out: join(dir, "out.txt"), plan: join(dir, "plan.json"), writeFs: rewriteBetweenPasses(file, keepTimes) }));
    expect(error.code).toBe("LL_INPUT_CHANGED");
    expect(error.message).toMatch(/changed while it was being read .*; nothing was written/);
    expect(readdirSync(dir)).toEqual(["train_list.txt"]);
  });

  it("is refused by fix --in-place, which leaves the (new) input and no backup", async () => {
    const { dir, file } = staged();
    const error = await rejection(fix(file, { classNames: NAMES, inPlace: true, writeFs: rewriteBetweenPasses(file, false) }));
    expect(error.code).toBe("LL_INPUT_CHANGED");
    expect(readdirSync(dir)).toEqual(["train_list.txt"]);
  });

  it("is refused by convert", async () => {
    const { dir, file } = staged();
    const error = await rejection(convert([file], { classNames: NAMES, to: "csv", out: join(dir, "out.csv"), force: true, writeFs: rewriteBetweenPasses(file, false) }));
    expect(error.code).toBe("LL_INPUT_CHANGED");
    expect(readdirSync(dir)).toEqual(["train_list.txt"]);
  });

  it("is refused by apply while it reads the input", async () => {
    const { dir, file } = staged();
    await fix(file, { classNames: NAMES, out: join(dir, "fixed.txt"), plan: join(dir, "plan.json") });
    const before = readdirSync(dir).sort();
    const error = await rejection(applyPlan(join(dir, "plan.json"), { input: file, out: join(dir, "applied.txt"), writeFs: rewriteBetweenPasses(file, true) }));
    expect(error.code).toBe("LL_INPUT_CHANGED");
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});

describe("InputGuard", () => {
  it("accepts a file read twice unchanged, and refuses one appended to", async () => {
    const { file } = staged();
    const guard = await InputGuard.open(file, "train_list.txt");
    guard.onChunk(readFileSync(file));
    await guard.verify({ sha256: (await guard.firstDigest()).sha256, bytes: statSync(file).size });
    writeFileSync(file, "x.jpg\t1\n", { flag: "a" });
    await expect(guard.verify(await guard.firstDigest())).rejects.toMatchObject({ code: "LL_INPUT_CHANGED" });
  });
});

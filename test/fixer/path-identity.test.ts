/**
 * Every file fix, apply, convert and split write is its own and none is an
 * input — compared by the file a path reaches, not by its spelling. Path
 * strings were compared, so `--out d/up/train.txt` (with `d/up → ..`), a
 * `--rejects` or `--plan` reaching the input the same way, or a split named
 * like an input reached through a symlink replaced the input, with no
 * backup. And `--backup .labellint.lock` named the lock an in-place run
 * holds: released at the end, it took the backup with it.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { convert } from "../../src/convert/convert.js";
import { applyPlan } from "../../src/fixer/apply.js";
import { fix } from "../../src/fixer/fix.js";
import { split } from "../../src/split/split.js";
import { scratchDir } from "../shards/lists.js";

const scratch = scratchDir("labellint-identity-");
const TEXT = "a.jpg\t0,1,0\nb.jpg\t1,0,2\nc.jpg\t1,0,0\n\nd.jpg\t0,0,1\n";
let n = 0;

/** A folder holding train.txt, and d/up linking back to the folder. */
function staged(): { dir: string; input: string; up: string } {
  const dir = join(scratch.dir, String(n++));
  mkdirSync(join(dir, "d"), { recursive: true });
  const input = join(dir, "train.txt");
  writeFileSync(input, TEXT);
  symlinkSync("..", join(dir, "d", "up"));
  return { dir, input, up: join(dir, "d", "up") };
}

const unchanged = (input: string) => expect(readFileSync(input, "utf8")).toBe(TEXT);

describe("a path that reaches the input by another way is the input", () => {
  it("fix refuses --out, --rejects, --plan and --class-names-out through a linked folder, --force or not", async () => {
    const { dir, input, up } = staged();
    const via = join(up, "train.txt");
    await expect(fix(input, { out: via, force: true })).rejects.toMatchObject({ code: "LL_USAGE", message: "--out is the input file; use --in-place to rewrite it (a backup is kept)" });
    await expect(fix(input, { out: join(dir, "o.txt"), rejects: via, force: true })).rejects.toMatchObject({ code: "LL_USAGE", message: `--rejects '${via}' is also the input` });
    await expect(fix(input, { out: join(dir, "o.txt"), plan: via, force: true })).rejects.toMatchObject({ code: "LL_USAGE", message: `--plan '${via}' is also the input` });
    await expect(fix(input, { out: join(dir, "o.txt"), classNamesOut: via, force: true })).rejects.toMatchObject({ code: "LL_USAGE" });
    // Two outputs spelled apart that are one file.
    await expect(fix(input, { out: join(dir, "o.txt"), rejects: join(up, "o.txt"), force: true })).rejects.toMatchObject({ code: "LL_USAGE", message: `--rejects '${join(up, "o.txt")}' is also --out` });
    unchanged(input);
    expect(existsSync(join(dir, "o.txt"))).toBe(false);
  });

  it("apply refuses --out reaching its input", async () => {
    const { dir, input, up } = staged();
    const plan = join(dir, "plan.json");
    await fix(input, { out: join(dir, "fixed.txt"), plan });
    await expect(applyPlan(plan, { out: join(up, "train.txt"), input, force: true })).rejects.toMatchObject({ code: "LL_USAGE" });
    await expect(applyPlan(plan, { out: join(dir, "again.txt"), rejects: join(up, "plan.json"), input, force: true })).rejects.toMatchObject({ code: "LL_USAGE", message: `--rejects '${join(up, "plan.json")}' is also the plan` });
    unchanged(input);
  });

  it("convert refuses --out or --rejects reaching an input", async () => {
    const { dir, input, up } = staged();
    await expect(convert(input, { to: "paddleclas", out: join(up, "train.txt"), force: true })).rejects.toMatchObject({ code: "LL_USAGE", message: `--out '${join(up, "train.txt")}' is the input '${input}'` });
    await expect(convert(input, { to: "paddleclas", out: join(dir, "o.txt"), rejects: join(up, "train.txt"), force: true })).rejects.toMatchObject({ code: "LL_USAGE" });
    unchanged(input);
  });

  it("split refuses a split that is an input reached through a symlink", async () => {
    const { dir, input } = staged();
    const link = join(dir, "link.txt");
    symlinkSync("train.txt", link);
    await expect(split(link, { ratios: [0.5, 0.5], outDir: dir, names: ["train", "eval"], force: true })).rejects.toMatchObject({ code: "LL_USAGE", message: `'${join(dir, "train.txt")}' is one of the inputs; choose another --out-dir or --names` });
    unchanged(input);
  });
});

describe("the per-class files of a columns input are inputs too", () => {
  it("fix, convert and split never write over one, --force or not", async () => {
    const dir = join(scratch.dir, String(n++));
    mkdirSync(dir, { recursive: true });
    const list = join(dir, "list.txt");
    writeFileSync(list, "a.jpg\nb.jpg\nc.jpg\n");
    const cat = join(dir, "L_cat.txt");
    const dog = join(dir, "L_dog.txt");
    writeFileSync(cat, "1\n0\n1\n");
    writeFileSync(dog, "0\n1\n1\n");
    const columns = { format: "columns" as const, columns: join(dir, "L_{class}.txt"), classNames: ["cat", "dog"] };
    await expect(fix(list, { ...columns, out: cat, force: true })).rejects.toMatchObject({ code: "LL_USAGE", message: `--out '${cat}' is also the file of class 'cat' (--columns)` });
    await expect(fix(list, { ...columns, out: join(dir, "o.txt"), rejects: dog, force: true })).rejects.toMatchObject({ code: "LL_USAGE", message: `--rejects '${dog}' is also the file of class 'dog' (--columns)` });
    await expect(convert(list, { ...columns, to: "paddleclas", out: dog, force: true })).rejects.toMatchObject({ code: "LL_USAGE", message: `--out '${dog}' is the file of class 'dog' (--columns)` });
    await expect(split(list, { ...columns, ratios: [0.5, 0.5], outDir: dir, names: ["L_cat", "x"], force: true })).rejects.toMatchObject({ code: "LL_USAGE", message: `'${cat}' is one of the inputs; choose another --out-dir or --names` });
    expect(readFileSync(cat, "utf8")).toBe("1\n0\n1\n");
    expect(readFileSync(dog, "utf8")).toBe("0\n1\n1\n");
  });
});

describe("the lock an in-place run holds", () => {
  it("is not a backup, rejects or plan path (fix and apply)", async () => {
    const { dir, input } = staged();
    await expect(fix(input, { inPlace: true, backup: ".labellint.lock" })).rejects.toMatchObject({ code: "LL_USAGE", message: `the backup '${input}.labellint.lock' is also the lock file` });
    await expect(fix(input, { inPlace: true, rejects: `${input}.labellint.lock` })).rejects.toMatchObject({ code: "LL_USAGE" });
    unchanged(input);
    const plan = join(dir, "plan.json");
    await fix(input, { out: join(dir, "fixed.txt"), plan });
    await expect(applyPlan(plan, { inPlace: true, input, backup: ".labellint.lock" })).rejects.toMatchObject({ code: "LL_USAGE", message: `the backup '${input}.labellint.lock' is also the lock file` });
    unchanged(input);
    // The default backup is kept, as before.
    await fix(input, { inPlace: true });
    expect(readFileSync(`${input}.bak`, "utf8")).toBe(TEXT);
  });
});

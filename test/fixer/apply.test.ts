import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyPlan } from "../../src/fixer/apply.js";
import { fix } from "../../src/fixer/fix.js";
import type { FixPlan } from "../../src/fixer/plan.js";
import { readClassNames } from "../../src/readers/class-names.js";
import { runCli } from "../cli-harness.js";
import { fixture, rejection } from "../shared.js";

const DEFECTS = fixture("defects", "train_list.txt");
const NAMES = await readClassNames(fixture("defects", "label_list.txt"));

/** The defects sample, fixed once with a plan (the plan names the input relative to the folder). */
async function planned(): Promise<{ dir: string; file: string; plan: FixPlan }> {
  const dir = mkdtempSync(join(tmpdir(), "labellint-apply-"));
  const file = join(dir, "train_list.txt");
  copyFileSync(DEFECTS, file);
  copyFileSync(fixture("defects", "label_list.txt"), join(dir, "label_list.txt"));
  const { plan } = await fix(file, { classNames: NAMES, out: join(dir, "fixed.txt"), plan: join(dir, "plan.json"), displayPath: "train_list.txt" });
  return { dir, file, plan };
}

/** Writes `plan` changed by `edit` as tampered.json and applies it: it must be refused, writing nothing. */
async function refusedWith(edit: (plan: FixPlan) => void, message: RegExp): Promise<void> {
  const { dir, file, plan } = await planned();
  edit(plan);
  writeFileSync(join(dir, "tampered.json"), JSON.stringify(plan, null, 2));
  const before = readdirSync(dir).sort();
  const error = await rejection(applyPlan(join(dir, "tampered.json"), { input: file, out: join(dir, "applied.txt") }));
  expect(error.code).toBe("LL_PLAN_INVALID");
  expect(error.message).toMatch(message);
  expect(readdirSync(dir).sort()).toEqual(before);
  const cli = await runCli(["apply", "tampered.json", "--out", "applied.txt"], { cwd: dir });
  expect(cli.code).toBe(2);
  expect(cli.stderr.split("\n")).toHaveLength(2);
  expect(readdirSync(dir).sort()).toEqual(before);
}

describe("apply verifies what it applies", () => {
  it("applies an untouched plan, with the counts it records", async () => {
    const { dir, file, plan } = await planned();
    const result = await applyPlan(join(dir, "plan.json"), { input: file, out: join(dir, "applied.txt") });
    expect(result.counts).toEqual(plan.counts);
    expect(readFileSync(join(dir, "applied.txt"))).toEqual(readFileSync(join(dir, "fixed.txt")));
  });

  it("writes the class names the input's header row gave beside its output, as fix does; none when fix was given them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "labellint-apply-"));
    const file = join(dir, "headed.txt");
    writeFileSync(file, "image\tsky,tree,water\na.jpg\t1,0,1\nb.jpg\t0,1,0\nc.jpg\t1.0,1,0\n");
    await fix(file, { out: join(dir, "fixed.txt"), plan: join(dir, "plan.json") });
    const applied = await applyPlan(join(dir, "plan.json"), { input: file, out: join(dir, "applied.txt") });
    expect(applied.written.classNames).toBe(join(dir, "applied.txt.classes.txt"));
    expect(readFileSync(join(dir, "applied.txt.classes.txt"), "utf8")).toBe(readFileSync(join(dir, "fixed.txt.classes.txt"), "utf8"));
    expect(readFileSync(join(dir, "applied.txt.classes.txt"), "utf8")).toBe("0 sky\n1 tree\n2 water\n");
    expect(readFileSync(join(dir, "applied.txt"), "utf8")).toBe(readFileSync(join(dir, "fixed.txt"), "utf8"));
    // An existing class list is kept unless --force; --class-names-out names another place.
    await expect(applyPlan(join(dir, "plan.json"), { input: file, out: join(dir, "again.txt"), classNamesOut: join(dir, "applied.txt.classes.txt") })).rejects.toMatchObject({ code: "LL_USAGE" });
    const cli = await runCli(["apply", "plan.json", "--input", "headed.txt", "--out", "cli.txt", "--class-names-out", "names.txt"], { cwd: dir });
    expect(cli.stdout).toContain("wrote the input's class names to names.txt");
    expect(readFileSync(join(dir, "names.txt"), "utf8")).toBe("0 sky\n1 tree\n2 water\n");
    // Names given to fix are not the input's: the plan does not say so, and apply writes no list.
    const { dir: given } = await planned();
    await applyPlan(join(given, "plan.json"), { input: join(given, "train_list.txt"), out: join(given, "applied.txt") });
    expect(readdirSync(given).filter((n) => n.endsWith(".classes.txt"))).toEqual([]);
  });

  it("refuses a new text with a -1 the line did not have (a 2 is refused as well)", async () => {
    await refusedWith((plan) => {
      plan.edits[0]!.newText = plan.edits[0]!.newText.replace(/,0$/, ",-1");
    }, /the new text of line 10 has a -1 the line did not have/);
  });

  it("checks what it wrote, as fix does: a plan whose reject was taken out by hand writes the bad row and exits 1", async () => {
    const { dir, plan } = await planned();
    const reject = plan.rejects.find((r) => /\t.*\b2\b/.test(r.text))!;
    plan.rejects = plan.rejects.filter((r) => r !== reject);
    plan.counts.rowsRejected--;
    plan.counts.rowsOut++;
    writeFileSync(join(dir, "kept.json"), JSON.stringify(plan, null, 2));
    const cli = await runCli(["apply", "kept.json", "--out", "applied.txt"], { cwd: dir });
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(/\n {2}check of the output: 1 error left \(non-binary-value\), \d+ warnings?\n$/);
    const untouched = await runCli(["apply", "plan.json", "--out", "again.txt"], { cwd: dir });
    expect(untouched.code).toBe(0);
    expect(untouched.stdout).toMatch(/\n {2}check of the output: 0 errors, \d+ warnings?; shape \[\d+, 33\] binary ✓\n$/);
  });

  it("checks what it wrote in the split role and for the consumer the plan records, as fix checked its own output", async () => {
    const dir = mkdtempSync(join(tmpdir(), "labellint-apply-"));
    const file = join(dir, "one.txt");
    // One value a row: HashNet's ImageList takes it for class indices (an error for it), a custom loader for C = 1.
    writeFileSync(file, Array.from({ length: 40 }, (_, i) => `im${i}.jpg ${i % 2}\n`).join(""));
    const fixed = await fix(file, { consumer: "generic", split: "train", out: join(dir, "fixed.txt"), plan: join(dir, "plan.json") });
    expect(fixed.plan).toMatchObject({ split: "train", consumer: "generic" });
    const applied = await applyPlan(join(dir, "plan.json"), { input: file, out: join(dir, "applied.txt") });
    expect(applied.after).toMatchObject({ split: "train", consumer: "generic", errorCount: 0 });
    expect(applied.after!.counts).toEqual(fixed.after!.counts);
    // A plan written before it recorded them: eval, for the output format's usual reader.
    const old = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8")) as FixPlan;
    delete old.split;
    delete old.consumer;
    writeFileSync(join(dir, "old-plan.json"), JSON.stringify(old));
    const again = await applyPlan(join(dir, "old-plan.json"), { input: file, out: join(dir, "again.txt") });
    expect(again.after).toMatchObject({ split: "eval", consumer: "imagelist" });
  });

  it("refuses a plan that sends every row to the rejects file, as fix writes nothing then", async () => {
    await refusedWith((plan) => {
      // Every edited line rejected instead, the rest dropped: no row left to write.
      for (const e of plan.edits) plan.rejects.push({ line: e.line, text: e.oldText, reasons: [{ code: "LL101", rule: "label-count", message: "by hand" }] });
      plan.edits = [];
      plan.counts.rowsRejected += plan.counts.rowsOut;
      plan.counts.rowsOut = 0;
      plan.counts.linesEdited = 0;
    }, /it sends every row to the rejects file \(\d+\) and writes none/);
  });

  it("writes a kept line that is not UTF-8 from its own bytes, as fix does (a Latin-1 path stays the file's name), in its format or converted", async () => {
    const dir = mkdtempSync(join(tmpdir(), "labellint-apply-"));
    const file = join(dir, "list.txt");
    writeFileSync(file, Buffer.from("caf\xe9.jpg 0 1 0\nb.jpg 1 0 0\nc.jpg  0 0 1\nd.jpg 1 1 0\n", "latin1"));
    for (const to of ["spaced", "paddleclas"] as const) {
      const out = join(dir, `fixed-${to}.txt`);
      const plan = join(dir, `plan-${to}.json`);
      await fix(file, { out, plan, to, rules: { "invalid-encoding": "off" } });
      const applied = await applyPlan(plan, { out: join(dir, `applied-${to}.txt`) });
      expect(applied.counts.rowsOut).toBe(4);
      expect(readFileSync(join(dir, `applied-${to}.txt`))).toEqual(readFileSync(out));
      expect(readFileSync(out).subarray(0, 8)).toEqual(Buffer.from("caf\xe9.jpg", "latin1"));
    }
  });

  it("refuses a class count no fix writes (too large, zero) before anything is written, in place or not", async () => {
    await refusedWith((plan) => {
      plan.numClasses = 1_000_000_000;
    }, /its class count 1000000000 is not one labellint fix writes \(1 to 1,000,000\)/);
    // In place: the input is untouched, no rejects file is written beside it.
    const { dir, file, plan } = await planned();
    plan.numClasses = 1e300;
    writeFileSync(join(dir, "tampered.json"), JSON.stringify(plan, null, 2));
    const input = readFileSync(file);
    const before = readdirSync(dir).sort();
    const r = await runCli(["apply", "tampered.json", "--in-place", "--backup", ""], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot be applied: its class count/);
    expect(readFileSync(file)).toEqual(input);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it("refuses a plan that writes no row at all (it would empty the output, or in place the input)", async () => {
    await refusedWith((plan) => {
      // Counts that balance with no row out and none rejected (checked before any line is).
      plan.counts.linesDropped += plan.counts.rowsOut + plan.counts.rowsRejected;
      plan.counts.rowsOut = 0;
      plan.counts.rowsRejected = 0;
    }, /it writes no row/);
  });

  it("refuses a new text holding a line break the counts do not record (it would add a row), or a CR", async () => {
    await refusedWith((plan) => {
      plan.edits[0]!.newText += "\nextra.jpg\t" + new Array(33).fill("0").join(",");
    }, /its edits write 1 row beyond one a line \(lines that held several rows\), but its counts say 0/);
    await refusedWith((plan) => {
      plan.edits[0]!.newText += "\rextra.jpg\t" + new Array(33).fill("0").join(",");
    }, /the new text of line 10 is not one paddleclas row of 33 labels \(it holds a line break\)/);
  });

  it("refuses a new text that is not a valid row for the format and C", async () => {
    await refusedWith((plan) => {
      plan.edits[0]!.newText = plan.edits[0]!.newText.replace(/,0$/, ",2");
    }, /line 10 is not one paddleclas row of 33 labels \(a value that is not 0 or 1\)/);
    await refusedWith((plan) => {
      plan.edits[0]!.newText = plan.edits[0]!.newText.replace(/,0$/, "");
    }, /\(32 label values\)/);
    await refusedWith((plan) => {
      plan.edits[0]!.newText = plan.edits[0]!.newText.replace("\t", " ");
    }, /\(no separator between the path and the labels\)/);
  });

  it("refuses a drop whose text is not the line it drops", async () => {
    await refusedWith((plan) => {
      // The duplicate's drop moved to a line with other labels: a good row would vanish.
      plan.drops.find((d) => d.rule === "duplicate-path")!.line = 62;
    }, /line 62 of .* is not the text the plan records for it/);
    await refusedWith((plan) => {
      plan.drops[0]!.text = "something else";
    }, /line 5 of .* is not the text the plan records for it/);
  });

  it("refuses a reject whose text is not the line, and an edit whose old text is not", async () => {
    await refusedWith((plan) => {
      plan.rejects[0]!.text = "x";
    }, /line 20 of .* is not the text the plan records/);
    await refusedWith((plan) => {
      plan.edits[1]!.oldText = "x";
    }, /line 15 of .* is not the text the plan records/);
  });

  it("refuses counts that are not what applying the plan gives, or that do not balance", async () => {
    await refusedWith((plan) => {
      plan.counts.rowsOut += 1;
      plan.counts.linesIn += 1;
    }, /applying it gives 122 lines in/);
    await refusedWith((plan) => {
      plan.counts.rowsRejected = 0;
    }, /its counts do not balance/);
    await refusedWith((plan) => {
      plan.drops.push({ line: 500, text: "", reason: "blank line", rule: "blank-line" });
    }, /it names line 500 of a 122-line input/);
  });
});

describe("apply and its input", () => {
  it("says that standard input (-) is no plan and no input, instead of looking for a file named '-'", async () => {
    const { dir } = await planned();
    const before = readdirSync(dir).sort();
    const plan = await runCli(["apply", "-", "--out", "applied.txt"], { cwd: dir });
    expect(plan.code).toBe(2);
    expect(plan.stderr).toBe("labellint: apply needs the plan as a file, not standard input (-): give the file labellint fix --plan wrote\n");
    const input = await runCli(["apply", "plan.json", "--input", "-", "--out", "applied.txt"], { cwd: dir });
    expect(input.code).toBe(2);
    expect(input.stderr).toBe("labellint: --input names the file the plan was made from, not standard input (-): apply checks its sha256 and rewrites it from the file\n");
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it("refuses --out INPUT even with --force, and keeps the input", async () => {
    const { dir } = await planned();
    const r = await runCli(["apply", "plan.json", "--out", "train_list.txt", "--force"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("labellint: --out is the plan's input; use --in-place to rewrite it (a backup is kept)\n");
    expect(readFileSync(join(dir, "train_list.txt"))).toEqual(readFileSync(DEFECTS));
  });

  it("--in-place rewrites the input and keeps the original as .bak", async () => {
    const { dir } = await planned();
    const r = await runCli(["apply", "plan.json", "--in-place"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/kept the original as train_list\.txt\.bak/);
    expect(readFileSync(join(dir, "train_list.txt"))).toEqual(readFileSync(join(dir, "fixed.txt")));
    expect(readFileSync(join(dir, "train_list.txt.bak"))).toEqual(readFileSync(DEFECTS));
    // Applied again, the plan no longer matches its input: refused, and the backup is left as it is.
    const again = await runCli(["apply", "plan.json", "--in-place", "--force"], { cwd: dir });
    expect(again.code).toBe(2);
    expect(readFileSync(join(dir, "train_list.txt.bak"))).toEqual(readFileSync(DEFECTS));
  });
  it("finds the input from the plan's folder, whatever the working directory (the plan records both places)", async () => {
    // fix run from the project root on data/list.txt, its plan saved in out/.
    const root = mkdtempSync(join(tmpdir(), "labellint-apply-"));
    mkdirSync(join(root, "data"));
    mkdirSync(join(root, "out"));
    copyFileSync(DEFECTS, join(root, "data", "list.txt"));
    const made = await runCli(["fix", "data/list.txt", "--class-names", fixture("defects", "label_list.txt"), "--out", "out/fixed.txt", "--plan", "out/plan.json"], { cwd: root });
    expect(made.stderr).toBe("");
    const plan = JSON.parse(readFileSync(join(root, "out", "plan.json"), "utf8")) as FixPlan;
    expect(plan.input).toMatchObject({ path: "data/list.txt", fromPlan: "../data/list.txt" });
    // Applied from the plan's own folder and from elsewhere: the same output both times.
    const inOut = await runCli(["apply", "plan.json", "--out", "again.txt"], { cwd: join(root, "out") });
    expect(inOut.stderr).toBe("");
    expect(readFileSync(join(root, "out", "again.txt"))).toEqual(readFileSync(join(root, "out", "fixed.txt")));
    const elsewhere = await runCli(["apply", join(root, "out", "plan.json"), "--out", join(root, "third.txt")], { cwd: tmpdir() });
    expect(elsewhere.stderr).toBe("");
    expect(readFileSync(join(root, "third.txt"))).toEqual(readFileSync(join(root, "out", "fixed.txt")));
  });

  it("reads an older plan's input from the working directory, and names both places when the input is in neither", async () => {
    const { dir, plan } = await planned();
    // A plan without fromPlan (as fix wrote before it recorded one) still applies from where fix ran.
    const { fromPlan: _, ...older } = plan.input;
    writeFileSync(join(dir, "older.json"), JSON.stringify({ ...plan, input: older }, null, 2));
    const r = await runCli(["apply", "older.json", "--out", "older.txt"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(readFileSync(join(dir, "older.txt"))).toEqual(readFileSync(join(dir, "fixed.txt")));
    // The input moved away: one clear fatal line naming where it was looked for and --input; nothing written.
    const away = mkdtempSync(join(tmpdir(), "labellint-apply-"));
    copyFileSync(join(dir, "plan.json"), join(away, "plan.json"));
    const missing = await runCli(["apply", "plan.json", "--out", "x.txt"], { cwd: away });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`labellint: the plan's input 'train_list.txt' is not at '${join(away, "train_list.txt")}'; pass --input FILE to name it\n`);
    expect(readdirSync(away)).toEqual(["plan.json"]);
  });
});

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli-harness.js";
import { COMMANDS, commandUsage, HELP } from "../../src/cli/usage.js";

const SAMPLE = ["fixtures/nus-wide-scene/train_list.txt", "fixtures/nus-wide-scene/eval_list.txt", "--class-names", "fixtures/nus-wide-scene/label_list.txt"];

function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "labellint-conventions-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** Two rows, one blank line (safe fix: dropped), a trailing comma (safe fix) and a space for the TAB (safe fix). */
const FIXABLE = "a.jpg\t0,1\n\nb.jpg 1,1\nc.jpg\t1,0,\n";

describe("--help on every command", () => {
  it.each(COMMANDS.map((c) => [c]))("labellint %s --help prints that command's usage and exits 0", async (command) => {
    for (const flag of ["--help", "-h"]) {
      const { code, stdout, stderr } = await runCli([command, flag]);
      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(stdout).toBe(commandUsage(command));
      expect(stdout.split("\n")[1]).toMatch(new RegExp(`^  labellint ${command} `));
    }
  });

  it("wins over other arguments, and `labellint help COMMAND` is the same", async () => {
    const withOthers = await runCli(["check", "no-such-file.txt", "--bogus", "--help"]);
    expect(withOthers.code).toBe(0);
    expect(withOthers.stdout).toBe(commandUsage("check"));
    expect((await runCli(["help", "fix"])).stdout).toBe(commandUsage("fix"));
  });

  it("shows each command the options it takes, and not the others'", () => {
    expect(commandUsage("check")).toContain("--max-warnings N");
    expect(commandUsage("check")).toContain("--fix ");
    expect(commandUsage("stats")).toContain("--quiet");
    expect(commandUsage("stats")).not.toContain("--max-warnings N");
    expect(commandUsage("init")).toContain("--force");
    expect(commandUsage("init")).not.toContain("--consumer");
    expect(commandUsage("fix")).toContain("--in-place");
    expect(commandUsage("apply")).not.toContain("--ratio");
    expect(HELP).toContain("labellint COMMAND --help");
  });
});

describe("did you mean", () => {
  it("suggests the nearest command for a typo", async () => {
    const { code, stderr, stdout } = await runCli(["chek"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe("labellint: unknown command 'chek'; did you mean 'check'? (commands: check, stats, fix, apply, convert, split, diff, merge, init, rules; labellint --help)\n");
  });

  it("guesses nothing for a command far from every one", async () => {
    const { code, stderr } = await runCli(["frobnicate", "--help"]);
    expect(code).toBe(2);
    expect(stderr).not.toContain("did you mean");
  });

  it.each([
    ["foo:off", "labellint: unknown rule 'foo' (labellint rules lists them)\n"],
    ["empty-labelst:off", "labellint: unknown rule 'empty-labelst'; did you mean 'empty-labelset'? (labellint rules lists them)\n"],
    ["LL3O1:off", "labellint: unknown rule 'LL3O1'; did you mean 'LL301'? (labellint rules lists them)\n"],
    ["LL999:off", "labellint: unknown rule 'LL999' (labellint rules lists them)\n"],
  ])("--rule %s", async (flag, message) => {
    const { code, stderr } = await runCli(["check", ...SAMPLE, "--rule", flag]);
    expect(code).toBe(2);
    expect(stderr).toBe(message);
  });

  it("accepts a rule by code and by name", async () => {
    expect((await runCli(["check", ...SAMPLE, "--rule", "LL307:off", "--rule", "full-labelset:off"])).code).toBe(0);
  });
});

describe("check --fix", () => {
  it("fixes in place as fix --in-place does, then reports what is left", async () => {
    const dir = tempDir({ "l.txt": FIXABLE });
    const { code, stdout, stderr } = await runCli(["check", "l.txt", "--fix"], { cwd: dir });
    expect(code).toBe(0);
    expect(readFileSync(join(dir, "l.txt"), "utf8")).toBe("a.jpg\t0,1\nb.jpg\t1,1\nc.jpg\t1,0\n");
    expect(readFileSync(join(dir, "l.txt.bak"), "utf8")).toBe(FIXABLE);
    expect(stderr).toContain("l.txt: 4 lines in = 3 rows out + 0 rejected + 1 dropped");
    expect(stderr).toContain("kept the original as l.txt.bak");
    // The report is of the fixed file: no fixable problem is left.
    expect(stdout).toContain("3 rows in 3 lines");
    expect(stdout).not.toContain("blank-line");
    expect(stdout).not.toContain("check --fix");
  });

  it("leaves a file with nothing to fix alone, so a second run works", async () => {
    const dir = tempDir({ "l.txt": FIXABLE });
    await runCli(["check", "l.txt", "--fix"], { cwd: dir });
    const again = await runCli(["check", "l.txt", "--fix"], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stderr).toBe("");
  });

  it("keeps a json report on stdout valid (the fix summary goes to stderr)", async () => {
    const dir = tempDir({ "l.txt": FIXABLE });
    const { stdout, stderr } = await runCli(["check", "l.txt", "--fix", "--reporter", "json"], { cwd: dir });
    expect(JSON.parse(stdout).summary.errorCount).toBe(0);
    expect(stderr).toContain("wrote l.txt");
  });

  it("applies unsafe fixes with --unsafe-fixes", async () => {
    const dir = tempDir({ "l.txt": "a.jpg\t0,1\nb.jpg\t1,0\nc.jpg\t1,1\tcat\n" });
    const safe = await runCli(["check", "l.txt"], { cwd: dir });
    expect(safe.stdout).toContain("1 has an unsafe fix that may change meaning: labellint check --fix --unsafe-fixes applies it");
    const { stdout } = await runCli(["check", "l.txt", "--fix", "--unsafe-fixes"], { cwd: dir });
    expect(readFileSync(join(dir, "l.txt"), "utf8")).toBe("a.jpg\t0,1\nb.jpg\t1,0\nc.jpg\t1,1\n");
    expect(stdout).not.toContain("extra-field");
    expect(stdout).toContain("(0 errors, 3 warnings)");
  });

  it("refuses --unsafe-fixes without --fix, naming the command that works", async () => {
    const { code, stderr } = await runCli(["check", ...SAMPLE, "--unsafe-fixes"]);
    expect(code).toBe(2);
    expect(stderr).toBe("labellint: --unsafe-fixes only goes with --fix (labellint check --fix --unsafe-fixes)\n");
  });

  it("names check --fix in the summary's hint", async () => {
    const dir = tempDir({ "l.txt": FIXABLE });
    const { stdout } = await runCli(["check", "l.txt"], { cwd: dir });
    expect(stdout).toContain("  3 have a safe fix: labellint check --fix applies them\n");
    expect(existsSync(join(dir, "l.txt.bak"))).toBe(false);
  });

  it("leaves a split-leakage fix to the whole run: check --fix does not rewrite the eval list for it, and the hint says why", async () => {
    const dir = tempDir({ "train.txt": "a.jpg\t1,0\nb.jpg\t0,1\nc.jpg\t1,1\n", "eval.txt": "a.jpg\t1,0\nd.jpg\t0,1\n" });
    const argv = ["check", "train.txt", "eval.txt", "--split", "train,eval", "--no-config", "--rule", "rare-class:off"];
    const fixed = await runCli([...argv, "--fix", "--unsafe-fixes"], { cwd: dir });
    expect(fixed.code).toBe(1);
    expect(existsSync(join(dir, "eval.txt.bak"))).toBe(false);
    expect(readFileSync(join(dir, "eval.txt"), "utf8")).toBe("a.jpg\t1,0\nd.jpg\t0,1\n");
    expect(fixed.stdout).toContain("  1 split-leakage finding has an unsafe fix that needs the train file: the json report lists its edits (fix reads one file)\n");
    expect(fixed.stdout).not.toContain("--unsafe-fixes applies");
    // A second run is not stopped by a backup the first one left.
    expect((await runCli([...argv, "--fix", "--unsafe-fixes"], { cwd: dir })).code).toBe(1);
  });

  it("names fix --out for a csv input, which check --fix cannot rewrite in place", async () => {
    const dir = tempDir({ "s.csv": "path,a,b\nx.jpg,1.0,0\ny.jpg,0,1\n" });
    const { stdout } = await runCli(["check", "s.csv", "--no-config"], { cwd: dir });
    expect(stdout).toContain("  1 has a safe fix: labellint fix FILE --out OUT applies it\n");
    const fixed = await runCli(["fix", "s.csv", "--out", "s.txt", "--no-config"], { cwd: dir });
    expect(fixed.code).toBe(0);
    expect(readFileSync(join(dir, "s.txt"), "utf8")).toBe("x.jpg\t1,0\ny.jpg\t0,1\n");
    // An mmpretrain file is fixed into one, which mmengine reads by its extension: the hint's name says so.
    writeFileSync(join(dir, "a.json"), '{"metainfo": {"classes": ["x", "y"]}, "data_list": [{"img_path": "p\\\\q.jpg", "gt_label": [1]}, {"img_path": "r.jpg", "gt_label": [0]}]}');
    const json = await runCli(["check", "a.json", "--no-config"], { cwd: dir });
    expect(json.stdout).toContain("  1 has a safe fix: labellint fix FILE --out FIXED.json applies it\n");
    expect((await runCli(["fix", "a.json", "--out", "FIXED.json", "--no-config"], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, "FIXED.json"), "utf8")).toContain('{"img_path": "p/q.jpg", "gt_label": [1]}');
  });
});

describe("--quiet", () => {
  it("reports and counts errors only", async () => {
    const loud = await runCli(["check", "fixtures/defects/train_list.txt", "--num-classes", "33"]);
    const quiet = await runCli(["check", "fixtures/defects/train_list.txt", "--num-classes", "33", "--quiet"]);
    const errors = /\((\d+) errors?, (\d+) warnings?\)/;
    const [, loudErrors, loudWarnings] = errors.exec(loud.stdout)!;
    expect(Number(loudWarnings)).toBeGreaterThan(0);
    expect(quiet.stdout).toContain(`(${loudErrors} errors, 0 warnings)`);
    expect(quiet.stdout).not.toMatch(/ warn  /);
    // Warning rules are not among the per-rule totals.
    expect(loud.stdout).toMatch(/^ +\d+ +rare-class/m);
    expect(quiet.stdout).not.toMatch(/^ +\d+ +rare-class/m);
  });

  it("with --max-warnings, counts the warnings it does not list, as ESLint does (a CI gate that never passes by not looking)", async () => {
    // The sample has warnings and no error.
    const gate = await runCli(["check", ...SAMPLE, "--quiet", "--max-warnings", "0"]);
    expect([gate.code, gate.stderr]).toEqual([1, ""]);
    expect(gate.stdout).not.toMatch(/ warn  /);
    expect(gate.stdout).toContain("✓ no errors in 2 files (--quiet: 10 warnings not reported)\n");
    expect(gate.stdout).toContain("too many warnings: 10 > --max-warnings 0");
    expect((await runCli(["check", ...SAMPLE, "--quiet", "--max-warnings", "10"])).code).toBe(0);
    // Without --quiet, the same limit on the same warnings: the same exit codes.
    expect((await runCli(["check", ...SAMPLE, "--max-warnings", "0"])).code).toBe(1);
    expect((await runCli(["check", ...SAMPLE, "--max-warnings", "10"])).code).toBe(0);
  });

  it("says how many warnings it left out, and the json report counts them apart", async () => {
    const { code, stdout } = await runCli(["check", ...SAMPLE, "--quiet"]);
    expect(code).toBe(0);
    expect(stdout).toContain("✓ no errors in 2 files (--quiet: 10 warnings not reported)");
    const json = JSON.parse((await runCli(["check", ...SAMPLE, "--quiet", "--reporter", "json"])).stdout) as { summary: Record<string, unknown>; files: { warningCount: number; quietWarnings?: number }[] };
    expect(json.summary).toMatchObject({ warningCount: 0, quietWarnings: 10 });
    expect(json.files.map((f) => f.warningCount)).toEqual([0, 0]);
    expect(json.files.reduce((n, f) => n + (f.quietWarnings ?? 0), 0)).toBe(10);
    // A file with errors and no warning: nothing was left out, and it says so.
    const dir = mkdtempSync(join(tmpdir(), "labellint-quiet-"));
    writeFileSync(join(dir, "l.txt"), "a.jpg\t1,0\nb.jpg\t0,2\n");
    const none = await runCli(["check", "l.txt", "--num-classes", "2", "--quiet", "--rule", "rare-class:off"], { cwd: dir });
    expect(none.stdout).toContain("✖ 2 problems (2 errors, 0 warnings) in 1 file (--quiet: no warning left out)\n");
  });

  it("is taken by stats too", async () => {
    const { code, stdout } = await runCli(["stats", ...SAMPLE, "--quiet"]);
    expect(code).toBe(0);
    expect(stdout).not.toContain("rare-class");
  });

  it("leaves a json report without warnings", async () => {
    const { stdout } = await runCli(["check", "fixtures/defects/train_list.txt", "--num-classes", "33", "--quiet", "--reporter", "json"]);
    const result = JSON.parse(stdout) as { summary: { warningCount: number }; files: { problems: { severity: string }[] }[] };
    expect(result.summary.warningCount).toBe(0);
    expect(result.files[0]!.problems.every((p) => p.severity === "error")).toBe(true);
  });
});

describe("colour", () => {
  const colored = (stdout: string) => stdout.includes("\u001b[");
  it.each([
    [{ FORCE_COLOR: "1" }, [], true],
    [{ FORCE_COLOR: "3" }, [], true],
    [{ FORCE_COLOR: "" }, [], true],
    [{ FORCE_COLOR: "0" }, [], false],
    [{ FORCE_COLOR: "1", NO_COLOR: "1" }, [], true],
    [{ NO_COLOR: "1" }, ["--color"], true],
    [{ FORCE_COLOR: "1" }, ["--no-color"], false],
    [{}, [], false],
  ])("env %j with %j: colour %s (output is not a terminal)", async (env, flags, expected) => {
    const { stdout } = await runCli(["check", ...SAMPLE, ...flags], { env });
    expect(colored(stdout)).toBe(expected);
    const stats = await runCli(["stats", ...SAMPLE, ...flags], { env });
    expect(colored(stats.stdout)).toBe(expected);
  });
});

describe("--split words", () => {
  it.each(["val", "validation", "test", "eval", "VAL"])("--split %s is the eval role", async (word) => {
    const { code, stdout } = await runCli(["check", "fixtures/nus-wide-scene/eval_list.txt", "--class-names", "fixtures/nus-wide-scene/label_list.txt", "--split", word]);
    expect(code).toBe(0);
    expect(stdout).toContain("split eval");
  });

  it("takes the words in a list too, and refuses others", async () => {
    expect((await runCli(["check", ...SAMPLE, "--split", "train,val"])).stdout).toMatch(/split train[\s\S]*split eval/);
    const bad = await runCli(["check", ...SAMPLE, "--split", "dev"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("labellint: --split must be train or eval (val, validation and test mean eval), got 'dev'\n");
  });
});

describe("init beside an existing config", () => {
  it("refuses to write a second config file in the folder, naming the first", async () => {
    const dir = tempDir({ "train.txt": "a.jpg\t0,1\nb.jpg\t1,0\n", "labellint.config.yaml": "datasets: []\n" });
    const { code, stderr } = await runCli(["init", "train.txt"], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toBe("labellint: labellint.config.yaml already exists: a folder holds one labellint config, two are an error for check (edit that one, or pass --force to write labellint.config.json beside it)\n");
    expect(existsSync(join(dir, "labellint.config.json"))).toBe(false);
  });

  it("writes it with --force", async () => {
    const dir = tempDir({ "train.txt": "a.jpg\t0,1\nb.jpg\t1,0\n", "labellint.config.yml": "datasets: []\n" });
    const { code } = await runCli(["init", "train.txt", "--force"], { cwd: dir });
    expect(code).toBe(0);
    expect(existsSync(join(dir, "labellint.config.json"))).toBe(true);
  });
});

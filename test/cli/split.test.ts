import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli-harness.js";
import { fixture } from "../shared.js";

const folder = (): string => mkdtempSync(join(tmpdir(), "labellint-split-cli-"));

describe("labellint split", () => {
  it("splits the bundled sample, prints the equation and stratified beside random, and exits 0", async () => {
    const out = folder();
    const r = await runCli(["split", fixture("nus-wide-scene", "train_list.txt"), "--class-names", fixture("nus-wide-scene", "label_list.txt"), "--ratio", "0.8,0.2", "--out-dir", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/into train 0\.8, eval 0\.2, seed 0\n/);
    expect(r.stdout).toMatch(/ {2}1,200 lines in = [\d,]+ train \+ [\d,]+ eval \+ 0 rejected \+ 0 dropped ✓\n/);
    expect(r.stdout).toMatch(/stratified +random \(seed 0\)/);
    expect(r.stdout).toMatch(/L∞ train vs eval +\d\.\d{4} +\d\.\d{4}/);
    expect(r.stdout).toMatch(/label pairs with no row \(of [\d,]+\)/);
    expect(r.stdout).toContain("per-class positives, the 15 rarest of 33 classes");
    expect(readdirSync(out).sort()).toEqual(["eval.txt", "rejects.tsv", "train.txt"]);
  });

  it("prints json with --reporter json, every class included", async () => {
    const r = await runCli(["split", fixture("nus-wide-scene", "eval_list.txt"), "--ratio", "0.5,0.5", "--names", "a,b", "--seed", "7", "--out-dir", folder(), "--reporter", "json"]);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout) as { names: string[]; seed: number; classes: unknown[]; counts: { perSplit: number[] } };
    expect(data.names).toEqual(["a", "b"]);
    expect(data.seed).toBe(7);
    expect(data.classes).toHaveLength(33);
  });

  it("writes the same files for the same --seed on the command line", async () => {
    const [a, b] = [folder(), folder()];
    for (const out of [a, b]) expect((await runCli(["split", "fixtures/nus-wide-scene/eval_list.txt", "--ratio", "0.8,0.2", "--seed", "12", "--out-dir", out])).code).toBe(0);
    expect(readFileSync(join(a, "eval.txt"))).toEqual(readFileSync(join(b, "eval.txt")));
  });

  it("--output never names a file split writes: the splits stay the splits", async () => {
    const out = folder();
    const sample = fixture("nus-wide-scene", "eval_list.txt");
    for (const name of ["train.txt", "eval.txt", "rejects.tsv"]) {
      const r = await runCli(["split", sample, "--ratio", "0.5,0.5", "--out-dir", out, "--output", join(out, name)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^labellint: --output '.*${name.replace(".", "\\.")}' is '.*${name.replace(".", "\\.")}', a file split writes: the report would overwrite it\n$`));
      // Refused before anything was written.
      expect(readdirSync(out)).toEqual([]);
    }
    const ok = await runCli(["split", sample, "--ratio", "0.5,0.5", "--out-dir", out, "--output", join(out, "report.txt")]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(readFileSync(join(out, "train.txt"), "utf8")).toMatch(/^[^\n]+\t[01,]+\n/);
    expect(readdirSync(out).sort()).toEqual(["eval.txt", "rejects.tsv", "report.txt", "train.txt"]);
  });

  it("never writes a split over the class list it reads, --force or not", async () => {
    const out = folder();
    const names = join(out, "names.txt");
    copyFileSync(fixture("nus-wide-scene", "label_list.txt"), names);
    const input = join(out, "list.txt");
    copyFileSync(fixture("nus-wide-scene", "eval_list.txt"), input);
    const r = await runCli(["split", "list.txt", "--ratio", "0.5,0.5", "--out-dir", ".", "--names", "names,other", "--class-names", "names.txt", "--force"], { cwd: out });
    expect(r.stderr).toBe("labellint: 'names.txt' is one of the inputs; choose another --out-dir or --names\n");
    expect(r.code).toBe(2);
    expect(readFileSync(names)).toEqual(readFileSync(fixture("nus-wide-scene", "label_list.txt")));
    expect(readdirSync(out).sort()).toEqual(["list.txt", "names.txt"]);
  });

  it("an empty --out-dir (an unset $OUT) is refused, not taken for the working directory", async () => {
    // Run in a folder of its own: a regression writes the splits there, not into the repository.
    const cwd = folder();
    const r = await runCli(["split", fixture("nus-wide-scene", "eval_list.txt"), "--ratio", "0.8,0.2", "--out-dir", "", "--force"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("labellint: --out-dir is empty: give the folder to write\n");
    expect(readdirSync(cwd)).toEqual([]);
  });

  it.skipIf(!existsSync("/proc/self"))("an --out-dir where no folder can be made (/proc) is one clear line and exit 2, not a run that never ends", async () => {
    for (const dir of ["/proc/labellint-x", "/proc/labellint-x/y/z"]) {
      const r = await runCli(["split", fixture("nus-wide-scene", "eval_list.txt"), "--ratio", "0.5,0.5", "--out-dir", dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`labellint: cannot write '${dir}': no folder can be made in '/proc' (a file system that takes no new folders there)\n`);
    }
  }, 20_000);

  it("exits 2 with one clear line on misuse", async () => {
    const cases: [string[], RegExp][] = [
      [["split", "fixtures/nus-wide-scene/eval_list.txt", "--out-dir", folder()], /needs --ratio/],
      [["split", "fixtures/nus-wide-scene/eval_list.txt", "--ratio", "0.8,0.2"], /needs --out-dir/],
      [["split", "--ratio", "0.8,0.2", "--out-dir", folder()], /needs one or more label files/],
      [["split", "fixtures/nus-wide-scene/eval_list.txt", "--ratio", "0.8,0.3", "--out-dir", folder()], /must sum to 1/],
      [["split", "fixtures/nus-wide-scene/eval_list.txt", "--ratio", "0.8,x", "--out-dir", folder()], /numbers separated by commas/],
      [["split", "fixtures/nus-wide-scene/eval_list.txt", "--ratio", "0.8,0.2", "--seed=-3", "--out-dir", folder()], /--seed must be an integer/],
      [["split", "fixtures/nus-wide-scene/eval_list.txt", "--ratio", "0.8,0.2", "--seed", "-3", "--out-dir", folder()], /--seed must be an integer/],
      [["split", "fixtures/nus-wide-scene/eval_list.txt", "--ratio", "0.8,0.2", "--names", "a", "--out-dir", folder()], /1 names for 2 ratios/],
      [["split", "fixtures/nus-wide-scene/eval_list.txt", "--ratio", "0.8,0.2", "--out-dir", folder(), "--output="], /^labellint: --output is empty: give the file to write\n$/],
      [["split", "fixtures/nus-wide-scene/eval_list.txt", "--ratio", "0.8,0.2", "--out-dir", "fixtures/nus-wide-scene/label_list.txt"], /--out-dir 'fixtures\/nus-wide-scene\/label_list\.txt' is a file, not a folder/],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli(argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stderr, argv.join(" ")).toMatch(message);
      expect(r.stderr.trim().split("\n"), argv.join(" ")).toHaveLength(1);
    }
  });
});

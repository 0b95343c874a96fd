import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli-harness.js";
import { fixture, ROOT } from "../shared.js";

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "labellint-convert-cli-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const cli = (cwd: string, ...argv: string[]) => runCli(["convert", ...argv], { cwd });

describe("labellint convert", () => {
  it("says which rows it wrote as they read despite a warning (a soft gt_score it leaves out, a path ending with a space), and none for a clean input", async () => {
    const dir = folder({
      "soft.json": JSON.stringify({ metainfo: {}, data_list: [{ img_path: "a.jpg", gt_label: [0], gt_score: [0.9, 0.1] }, { img_path: "b.jpg", gt_label: [1], gt_score: [0, 1] }] }),
      "tw.csv": "path,a,b\nb.jpg ,1,0\nc.jpg,0,1\nd.jpg,1,1\n",
      "clean.txt": "a.jpg\t1,0\nb.jpg\t0,1\n",
    });
    const soft = await cli(dir, "soft.json", "--num-classes", "2", "--to", "paddleclas", "--out", "soft.txt");
    expect(soft.code).toBe(0);
    expect(soft.stdout).toContain("  written as they read, with warnings: 1 invalid-annotation (labellint check lists them)\n");
    expect((await cli(dir, "tw.csv", "--to", "paddleclas", "--out", "tw.txt")).stdout).toContain("with warnings: 1 path-whitespace");
    expect((await cli(dir, "clean.txt", "--to", "csv", "--out", "clean.csv")).stdout).not.toContain("with warnings");
  });

  it("converts the bundled NUS-WIDE-SCENE sample to csv with its class names, exits 0, and prints the equation", async () => {
    const dir = folder({});
    const r = await runCli(["convert", fixture("nus-wide-scene", "train_list.txt"), "--class-names", fixture("nus-wide-scene", "label_list.txt"), "--to", "csv", "--out", join(dir, "train.csv")]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/→ .*train\.csv \(csv, 33 classes, header with the class names\)/);
    expect(r.stdout).toMatch(/train_list\.txt: 1,200 lines in = 1,200 rows out \+ 0 rejected \+ 0 dropped\n/);
    expect(r.stdout).toMatch(/check of the output: 0 errors, \d+ warnings; shape \[1,200, 33\] binary ✓/);
    const csv = readFileSync(join(dir, "train.csv"), "utf8").split("\n");
    expect(csv[0]).toBe(`path,${readFileSync(fixture("nus-wide-scene", "label_list.txt"), "utf8").trim().split("\n").map((l) => l.split(" ").slice(1).join(" ")).join(",")}`);
    expect(csv).toHaveLength(1 + 1200 + 1);
  });

  it("refuses a file with errors: exit 1, the counts by rule, where to look, and nothing written", async () => {
    const dir = folder({});
    const out = join(dir, "train.txt");
    const r = await runCli(["convert", "fixtures/defects/train_list.txt", "--class-names", "fixtures/defects/label_list.txt", "--to", "spaced", "--out", out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("not converted: the check found 8 error-severity problems; nothing was written");
    expect(r.stdout).toContain("fixtures/defects/train_list.txt: 1 blank-line, 1 conflicting-duplicate, 1 empty-value, 1 index-labels, 1 label-count, 1 missing-separator, 1 nested-labels, 1 non-binary-value");
    expect(r.stdout).toContain("labellint check fixtures/defects/train_list.txt");
    expect(r.stdout).toContain(`or pass --force: rows with an error go to ${out}.rejects.tsv`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("with --force converts the rest, quarantines the bad rows, and the output passes check", async () => {
    const dir = folder({});
    const r = await runCli(["convert", "fixtures/defects/train_list.txt", "--class-names", "fixtures/defects/label_list.txt", "--to", "paddleclas", "--out", join(dir, "t.txt"), "--force"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("fixtures/defects/train_list.txt: 122 lines in = 114 rows out + 7 rejected + 1 dropped\n");
    expect(r.stdout).toMatch(/wrote 7 rejected lines to .*t\.txt\.rejects\.tsv/);
    expect(r.stdout).toMatch(/ {4}1 label-count \(first at fixtures\/defects\/train_list\.txt:25\)/);
    expect(readFileSync(join(dir, "t.txt.rejects.tsv"), "utf8").split("\n")).toHaveLength(1 + 7 + 1);
    const check = await runCli(["check", join(dir, "t.txt"), "--class-names", "fixtures/defects/label_list.txt"]);
    expect(check.code).toBe(0);
  });

  it("refuses rows the format cannot hold with exit 1, naming the reason and the first line", async () => {
    const dir = folder({ "l.txt": "a.jpg\t1,0\nmy photos/b.jpg\t0,1\nc.jpg\t0,1\n" });
    const r = await cli(dir, "l.txt", "--to", "spaced", "--out", "s.txt");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("not converted: 1 row cannot be written as spaced; nothing was written\n  1 the image path contains whitespace, which the spaced format cannot hold (its reader's split() splits there) (first at l.txt:2)");
    expect(existsSync(join(dir, "s.txt"))).toBe(false);
    const forced = await cli(dir, "l.txt", "--to", "spaced", "--out", "s.txt", "--force");
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain("wrote 1 rejected line to s.txt.rejects.tsv");
    expect(readFileSync(join(dir, "s.txt"), "utf8")).toBe("a.jpg 1 0\nc.jpg 0 1\n");
  });

  it("exits 1 when errors are left in what it wrote (a dataset-wide error under --force)", async () => {
    const dir = folder({ "l.txt": "a.jpg\t1,0,0\nb.jpg\t0,1,0\n" });
    const r = await cli(dir, "l.txt", "--to", "spaced", "--out", "s.txt", "--force");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("check of the output: 1 error left (class-without-positives)");
  });

  it("concatenates several inputs and prints one equation per input and a total", async () => {
    const dir = folder({ "a.txt": "a.jpg\t1,0\nb.jpg\t0,1\n", "b.txt": "c.jpg 1 1\n" });
    const r = await cli(dir, "a.txt", "b.txt", "--to", "indices", "--out", "all.txt");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("convert a.txt + b.txt (paddleclas, spaced) → all.txt (indices, 2 classes)\n");
    expect(r.stdout).toContain("a.txt: 2 lines in = 2 rows out + 0 rejected + 0 dropped\nb.txt: 1 line in = 1 row out + 0 rejected + 0 dropped\ntotal: 3 lines in = 3 rows out + 0 rejected + 0 dropped\n");
    expect(readFileSync(join(dir, "all.txt"), "utf8")).toBe("a.jpg\t0\nb.jpg\t1\nc.jpg\t0,1\n");
  });

  it.each([
    [["l.txt", "--out", "o.txt"], /convert needs --to paddleclas\|spaced\|csv\|indices/],
    [["l.txt", "--to", "yaml", "--out", "o.txt"], /--to must be one of paddleclas, spaced, csv, indices, json, got 'yaml'/],
    [["l.txt", "--to", "csv"], /convert needs --out FILE/],
    [["--to", "csv", "--out", "o.csv"], /convert needs one or more label files/],
    [["l.txt", "l.txt", "--to", "csv", "--out", "o.csv", "--split", "train,eval"], /give --split one role/],
    [["l.txt", "--to", "csv", "--out", "o.csv", "--bogus"], /unknown option '--bogus'/],
    [["l.txt", "--to", "csv", "--out", "l.txt"], /--out '.*l\.txt' is the input 'l\.txt'/],
    [["l.txt", "--to", "csv", "--out", "", "--force"], /^labellint: --out is empty: give the file to write\n$/],
    [["l.txt", "--to", "csv", "--out", "o.csv", "--rejects", ""], /^labellint: --rejects is empty: give the file to write\n$/],
    [["l.txt", "--to", "csv", "--out", "out/"], /^labellint: --out 'out\/' names a folder: give the file to write\n$/],
    [["-", "-", "--to", "csv", "--out", "o.csv"], /standard input \(-\) can be read only once/],
    [["l.txt", "l.txt", "--columns", "Labels_{class}.txt", "--class-names", "l.txt", "--to", "csv", "--out", "o.csv"], /--columns names the per-class files of one image list, but 2 files were given/],
  ])("exits 2 with one clear line for %j", async (argv, message) => {
    const dir = folder({ "l.txt": "a.jpg\t1,0\nb.jpg\t0,1\n" });
    const r = await cli(dir, ...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(readdirSync(dir)).toEqual(["l.txt"]);
  });

  it("never writes over the class list or the config it reads, --force or not (convert and fix)", async () => {
    const names = "yes\nno\n";
    const config = JSON.stringify({ datasets: [], classGroups: [], rules: {} });
    const dir = folder({ "l.txt": "a.jpg\t1,0\nb.jpg\t0,1\n", "names.txt": names, "cfg.json": config });
    const cases: [string[], RegExp][] = [
      [["convert", "l.txt", "--class-names", "names.txt", "--to", "csv", "--out", "names.txt", "--force"], /--out 'names\.txt' is the input 'names\.txt': the output file would overwrite it/],
      [["convert", "l.txt", "--class-names", "names.txt", "--to", "csv", "--out", "o.csv", "--rejects", "./names.txt", "--force"], /--rejects '\.\/names\.txt' is the input 'names\.txt': the rejects file would overwrite it/],
      [["convert", "l.txt", "--config", "cfg.json", "--to", "paddleclas", "--out", "cfg.json", "--force"], /--out 'cfg\.json' is the input 'cfg\.json'/],
      [["fix", "l.txt", "--class-names", "names.txt", "--out", "names.txt", "--force"], /--out 'names\.txt' is the input 'names\.txt': the output file would overwrite it/],
      [["fix", "l.txt", "--class-names", "names.txt", "--out", "o.txt", "--plan", "names.txt", "--force"], /--plan 'names\.txt' is the input 'names\.txt': the plan file would overwrite it/],
      [["fix", "l.txt", "--config", "cfg.json", "--out", "cfg.json", "--force"], /--out 'cfg\.json' is the input 'cfg\.json'/],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli(argv, { cwd: dir });
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stderr, argv.join(" ")).toMatch(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
    expect(readFileSync(join(dir, "names.txt"), "utf8")).toBe(names);
    expect(readFileSync(join(dir, "cfg.json"), "utf8")).toBe(config);
    expect(readdirSync(dir).sort()).toEqual(["cfg.json", "l.txt", "names.txt"]);
  });

  it("does not overwrite an existing output without --force (exit 2)", async () => {
    const dir = folder({ "l.txt": "a.jpg\t1,0\nb.jpg\t0,1\n", "o.csv": "keep me\n" });
    const r = await cli(dir, "l.txt", "--to", "csv", "--out", "o.csv");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/o\.csv' exists; pass --force to overwrite it/);
    expect(readFileSync(join(dir, "o.csv"), "utf8")).toBe("keep me\n");
  });

  it("is listed in the help", async () => {
    const r = await runCli(["--help"]);
    expect(r.stdout).toContain("labellint convert FILE… --to paddleclas|spaced|csv|indices|json --out OUT");
  });
});

const BIN = join(ROOT, "dist", "cli", "bin.js");

describe.skipIf(!existsSync(BIN))("the built binary's convert", () => {
  it("reads standard input with - (spooled: it is read twice)", () => {
    const dir = folder({});
    const r = spawnSync(process.execPath, [BIN, "convert", "-", "--to", "csv", "--out", join(dir, "o.csv")], { input: "a.jpg\t1,0\nb.jpg\t0,1\n", encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("<stdin>: 2 lines in = 2 rows out + 0 rejected + 0 dropped");
    expect(readFileSync(join(dir, "o.csv"), "utf8")).toBe("path,0,1\na.jpg,1,0\nb.jpg,0,1\n");
  });

  it("refusing standard input with errors, says to check - (not a file named '<stdin>')", () => {
    const dir = folder({});
    const r = spawnSync(process.execPath, [BIN, "convert", "-", "--to", "csv", "--out", join(dir, "o.csv")], { input: "a.jpg\t1,0\nb.jpg\t2,1\n", encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("  list them: labellint check - (fed the same standard input, with the same input options)\n");
  });
});

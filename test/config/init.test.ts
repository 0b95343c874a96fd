import { readdir, readFile, rm, symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { roleFromName } from "../../src/cli/roles.js";
import { loadConfig } from "../../src/config/load.js";
import type { LintResult } from "../../src/types.js";
import { runCli } from "../cli-harness.js";
import { PA100K, paRow, paRows, project, removeProjects } from "./project.js";

afterAll(removeProjects);

const read = async (dir: string, name = "labellint.config.json"): Promise<unknown> => JSON.parse(await readFile(join(dir, name), "utf8"));

describe("labellint init", () => {
  it("writes a config inferred from the files that check then uses with no arguments", async () => {
    const dir = await project({
      "pa100k/train_list.txt": paRows(60),
      "pa100k/val_list.txt": paRows(30, "val") + paRow("train/000007.jpg", [3, 20, 23]),
    });
    const init = await runCli(["init", "pa100k/train_list.txt", "pa100k/val_list.txt"], { cwd: dir });
    expect(init.code).toBe(0);
    expect(init.stderr).toBe("");
    expect(await read(dir)).toEqual({
      datasets: [
        { path: "pa100k/train_list.txt", format: "paddleclas", split: "train" },
        { path: "pa100k/val_list.txt", format: "paddleclas", split: "eval" },
      ],
      classes: { count: 26 },
      classGroups: [],
      rules: {},
    });
    // What it inferred, and why.
    expect(init.stdout).toMatch(/^labellint init: wrote labellint\.config\.json\n/);
    expect(init.stdout).toMatch(/pa100k\/train_list\.txt {2}train \(from the file name\), paddleclas \(auto: .*\), 60 rows\n/);
    expect(init.stdout).toMatch(/pa100k\/val_list\.txt {4}eval \(from the file name\), paddleclas \(auto: .*\), 31 rows\n/);
    expect(init.stdout).toMatch(/classes: 26, the most common row width \(inferred; give --class-names to name the classes\)\n/);
    expect(init.stdout).toMatch(/Run labellint check to check the files with it\.\n$/);

    // The round trip: the roles applied (the shared image is split-leakage), C from the config.
    const check = await runCli(["check", "--reporter", "json"], { cwd: dir });
    expect(check.code).toBe(1);
    const report = JSON.parse(check.stdout) as LintResult;
    expect(report.files.map((f) => [f.path, f.split, f.numClassesSource])).toEqual([
      ["pa100k/train_list.txt", "train", "config"],
      ["pa100k/val_list.txt", "eval", "config"],
    ]);
    expect(report.files[1]!.problems.filter((p) => p.rule === "split-leakage").map((p) => p.line)).toEqual([31]);
  });

  it("records the class-name list relative to the config, and check names the classes", async () => {
    const dir = await project({ "data/train.txt": paRows(60), "data/label_list.txt": PA100K.map((n, i) => `${i} ${n}`).join("\n") });
    const init = await runCli(["init", "data/train.txt", "--class-names", "data/label_list.txt"], { cwd: dir });
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("classes: 26 names in data/label_list.txt (--class-names)");
    expect(await read(dir)).toMatchObject({ classes: { count: 26, namesFile: "data/label_list.txt" } });
    const config = await loadConfig(join(dir, "labellint.config.json"));
    expect(config.classes?.names).toEqual(PA100K);
    const check = await runCli(["check", "--reporter", "json", "--rule", "rare-class:off"], { cwd: dir });
    expect(check.code).toBe(0);
    expect((JSON.parse(check.stdout) as LintResult).files[0]!.classNames?.[21]).toBe("AgeLess18");
  });

  it("takes roles from --split before the names, and writes YAML to a .yaml output elsewhere", async () => {
    const dir = await project({ "a.txt": paRows(40), "b.txt": paRows(20).replace(/[\t,]/g, " "), "conf/.keep": "" });
    const init = await runCli(["init", "a.txt", "b.txt", "--split", "eval,train", "--output", "conf/labellint.config.yaml"], { cwd: dir });
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("a.txt  eval (given with --split), paddleclas");
    expect(init.stdout).toContain("b.txt  train (given with --split), spaced");
    expect(init.stdout).toContain("Run labellint check --config conf/labellint.config.yaml to check the files with it.");
    const text = await readFile(join(dir, "conf", "labellint.config.yaml"), "utf8");
    expect(parse(text)).toEqual({
      datasets: [
        { path: "../a.txt", format: "paddleclas", split: "eval" },
        { path: "../b.txt", format: "spaced", split: "train" },
      ],
      classes: { count: 26 },
      classGroups: [],
      rules: {},
    });
    const check = await runCli(["check", "--config", "conf/labellint.config.yaml", "--reporter", "json", "--rule", "rare-class:off"], { cwd: dir });
    const report = JSON.parse(check.stdout) as LintResult;
    expect(report.files.map((f) => [f.path, f.split, f.format])).toEqual([
      ["a.txt", "eval", "paddleclas"],
      ["b.txt", "train", "spaced"],
    ]);
  });

  it("refuses to overwrite a config without --force", async () => {
    const dir = await project({ "train.txt": paRows(40), "labellint.config.json": '{ "rules": { "bom": "off" } }\n' });
    const refused = await runCli(["init", "train.txt"], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe("labellint: labellint.config.json already exists: pass --force to overwrite it\n");
    expect(await read(dir)).toEqual({ rules: { bom: "off" } });
    const forced = await runCli(["init", "train.txt", "--force"], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(await read(dir)).toMatchObject({ datasets: [{ path: "train.txt", split: "train" }] });
  });

  it("says when the files disagree on the class count", async () => {
    const dir = await project({ "train.txt": paRows(40), "val.txt": "v/1.jpg\t1,0,0\nv/2.jpg\t0,1,1\n", "test.txt": paRows(10, "t") });
    const init = await runCli(["init", "train.txt", "val.txt", "test.txt"], { cwd: dir });
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("classes: 26, the most common row width (inferred; give --class-names to name the classes); other files have 3 values per row: check which is right");
    expect(await read(dir)).toMatchObject({ classes: { count: 26 } });
  });

  it("reads index lists in PaddleClas's syntax under PaddleClas's id-name class list as check does: a PaddleClas list, and an error to look at", async () => {
    const list = Array.from({ length: 30 }, (_, i) => `img${i}.jpg\t${i % 26},${(i * 7 + 3) % 26}\n`).join("");
    const names = Array.from({ length: 26 }, (_, i) => `${i} attr${i}\n`).join("");
    const dir = await project({ "train_list.txt": list, "label_list.txt": names });
    const init = await runCli(["init", "train_list.txt", "--class-names", "label_list.txt"], { cwd: dir });
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/train_list\.txt +train \(from the file name\), paddleclas \(auto: 30 of 30 sampled lines list class indices as path<TAB>i1,i2 .*; 1 error to look at/);
    expect(await read(dir)).toMatchObject({ datasets: [{ path: "train_list.txt", format: "paddleclas", split: "train" }] });
    const check = await runCli(["check"], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("index-labels");
  });

  it("says when a csv header's names disagree with another file's rows or header", async () => {
    const dir = await project({ "train.csv": "path,a,b,c\nx.jpg,0,1,1\ny.jpg,1,0,0\n", "val.txt": "z.jpg\t0,1,1,0,1\nw.jpg\t1,0,0,1,0\n", "test.csv": "path,a,x,c\nq.jpg,0,1,1\n" });
    const init = await runCli(["init", "train.csv", "val.txt", "test.csv"], { cwd: dir });
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("classes: 3 names in the header of train.csv; but val.txt has 5 values per row, test.csv's header names them otherwise: check which is right");
    expect(await read(dir)).toMatchObject({ classes: { names: ["a", "b", "c"] } });
    const agreed = await project({ "train.csv": "path,a,b,c\nx.jpg,0,1,1\n", "val.txt": "z.jpg\t0,1,1\n" });
    expect((await runCli(["init", "train.csv", "val.txt"], { cwd: agreed })).stdout).toContain("classes: 3 names in the header of train.csv\n");
  });

  it("reports a file's errors, and writes no classes when no file has a row", async () => {
    const dir = await project({ "empty_train.txt": "", "bad_val.txt": "x.jpg\t1,0\n\nz.jpg\t0,1\n" });
    const init = await runCli(["init", "empty_train.txt"], { cwd: dir });
    expect(init.stdout).toContain("classes: not written: no file has a data row to infer C from");
    expect(await read(dir)).toEqual({ datasets: [{ path: "empty_train.txt", format: "paddleclas", split: "train" }], classGroups: [], rules: {} });
    const second = await runCli(["init", "bad_val.txt", "--force"], { cwd: dir });
    expect(second.stdout).toMatch(/bad_val\.txt {2}eval \(from the file name\), paddleclas \(.*\), 2 rows; 1 error to look at/);
  });

  it.each<[string[], RegExp]>([
    [["init"], /^labellint: init needs the label files to describe/],
    [["init", "-"], /^labellint: init describes files on disk: standard input/],
    [["init", "missing.txt"], /^labellint: cannot read 'missing\.txt'/],
    [["init", "t.txt", "--split", "train,eval"], /^labellint: --split lists 2 roles for 1 file: give one role for every file, or one per file in their order/],
    [["init", "t.txt", "--split", "dev"], /^labellint: --split must be train or eval \(val, validation and test mean eval\), got 'dev'/],
    [["init", "t.txt", "--format", "spaced"], /^labellint: unknown option '--format'/],
  ])("refuses %j", async (argv, message) => {
    const dir = await project({ "t.txt": paRows(3) });
    const { code, stderr } = await runCli(argv, { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.split("\n")).toHaveLength(2);
  });

  it("refuses an output folder that does not exist", async () => {
    const dir = await project({ "t.txt": paRows(3) });
    const { code, stderr } = await runCli(["init", "t.txt", "--output", "nowhere/labellint.config.json"], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot write '.*nowhere\/labellint\.config\.json': its folder does not exist/);
    expect(await readdir(dir)).toEqual(["t.txt"]);
  });

  it("never writes the config over a file it reads, --force or not", async () => {
    const dir = await project({ "t.txt": paRows(3), "names.txt": "a\nb\n", "link.txt": "" });
    await rm(join(dir, "link.txt"));
    await symlink("t.txt", join(dir, "link.txt"));
    const list = await readFile(join(dir, "t.txt"), "utf8");
    for (const args of [
      ["t.txt", "--output", "t.txt", "--force"],
      ["t.txt", "--output", "./t.txt", "--force"],
      ["link.txt", "--output", "t.txt", "--force"],
      ["t.txt", "--class-names", "names.txt", "--output", "names.txt", "--force"],
    ]) {
      const { code, stderr } = await runCli(["init", ...args], { cwd: dir });
      expect(code).toBe(2);
      expect(stderr).toMatch(/^labellint: --output '.*' is the input '.*': the config would overwrite it\n$/);
    }
    expect(await readFile(join(dir, "t.txt"), "utf8")).toBe(list);
    expect(await readFile(join(dir, "names.txt"), "utf8")).toBe("a\nb\n");
  });

  it("says a class count read from index lists is only a lower bound, and takes the largest over the files", async () => {
    const rows = (n: number, top: number) => Array.from({ length: n }, (_, i) => `img/${i}.jpg\t${i % top},${top}\n`).join("");
    const dir = await project({ "train_list.txt": rows(40, 17), "val_list.txt": rows(20, 11) });
    const init = await runCli(["init", "train_list.txt", "val_list.txt"], { cwd: dir });
    expect(init.code).toBe(0);
    expect(await read(dir)).toMatchObject({ classes: { count: 18 } });
    expect(init.stdout).toContain("classes: 18, at least: the largest class index in the files plus one (an index list does not say how many classes there are; give --class-names");
    expect(init.stdout).not.toContain("row width");
  });

  it("writes no class count from a first line too long to read whole", async () => {
    const wide = Array.from({ length: 600_000 }, (_, i) => i % 2).join(",");
    const dir = await project({ "train_list.txt": `a.jpg\t${wide}\nb.jpg\t${wide}\n` });
    const init = await runCli(["init", "train_list.txt"], { cwd: dir });
    expect(init.code).toBe(0);
    expect(await read(dir)).not.toHaveProperty("classes");
    expect(init.stdout).toContain("classes: not written: line 1 of train_list.txt is too long to read whole (at least 524,285 values); give --class-names to set the classes"); // the first 1 MiB, `a.jpg\t` and 524,285 values
  });
});

describe("roleFromName", () => {
  it.each([
    ["train_list.txt", "train", "from the file name"],
    ["trainval.txt", "train", "from the file name"],
    ["pa100k/val_list.txt", "eval", "from the file name"],
    ["eval_list.txt", "eval", "from the file name"],
    ["nuswide_81/test.txt", "eval", "from the file name"],
    ["VOC2012/test/labels.txt", "eval", "from the folder name"],
    ["data/labels.txt", "train", "no role in the name: train, the stricter"],
    // In a folder of its own: a bare name takes the working directory's name, whatever that is.
    ["lists/interval.txt", "train", "no role in the name: train, the stricter"],
  ])("%s → %s", (path, role, why) => {
    expect(roleFromName(path)).toEqual({ role, why });
  });

  it("finds a folder's name from the directory given, not the process's", () => {
    expect(roleFromName("labels.txt", "/data/VOC2012/test")).toEqual({ role: "eval", why: "from the folder name" });
    expect(roleFromName("labels.txt", "/data/VOC2012/train")).toEqual({ role: "train", why: "from the folder name" });
  });
});

it("writes a config that loads and validates against the schema", async () => {
  const dir = await project({ "train.txt": paRows(40) });
  await runCli(["init", "train.txt"], { cwd: dir });
  await expect(loadConfig(join(dir, "labellint.config.json"))).resolves.toMatchObject({ datasets: [{ written: "train.txt", split: "train", format: "paddleclas" }] });
});

import { existsSync } from "node:fs";
import { copyFile, readFile, symlink, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { FileResult, LintResult, Problem } from "../../src/types.js";
import { runCli } from "../cli-harness.js";
import { fixture, SHARED } from "../shared.js";
import { json, PA100K, paRow, paRows, project, removeProjects } from "./project.js";

afterAll(removeProjects);

async function checkJson(argv: string[], cwd: string): Promise<{ code: number; report: LintResult; stderr: string }> {
  const { code, stdout, stderr } = await runCli([...argv, "--reporter", "json"], { cwd });
  if (code === 2) throw new Error(`fatal: ${stderr}`);
  return { code, report: JSON.parse(stdout) as LintResult, stderr };
}

const rules = (file: FileResult | undefined, name: string): Problem[] => (file?.problems ?? []).filter((p) => p.rule === name);

const AGE = { name: "age", classes: ["AgeOver60", "Age18-60", "AgeLess18"], exactly: 1 };
const ORIENTATION = { name: "orientation", classes: [23, 24, 25], exactly: 1 };
// In the small lists here the 19 cycled attributes have a few positives each: rare-class
// would report them, so the tests that are not about it turn it off.
const QUIET = { "rare-class": "off" };

describe("datasets in the config", () => {
  it("are checked with their roles when no file is given: a shared image is split-leakage", async () => {
    const dir = await project({
      "labellint.config.json": json({
        datasets: [
          { path: "pa100k/train_list.txt", split: "train" },
          { path: "pa100k/val_list.txt", split: "eval" },
        ],
        classes: { names: PA100K },
        rules: QUIET,
      }),
      "pa100k/train_list.txt": paRows(60),
      // The eval list repeats train/000007.jpg.
      "pa100k/val_list.txt": paRows(30, "val") + paRow("train/000007.jpg", [3, 20, 23]),
    });
    const { code, report } = await checkJson(["check"], dir);
    expect(code).toBe(1);
    expect(report.files.map((f) => [f.path, f.split])).toEqual([
      ["pa100k/train_list.txt", "train"],
      ["pa100k/val_list.txt", "eval"],
    ]);
    const leaks = rules(report.files[1], "split-leakage");
    expect(leaks.map((p) => p.line)).toEqual([31]);
    expect(leaks[0]!.message).toContain("train/000007.jpg");
    expect(report.files[0]!.numClassesSource).toBe("config");
  });

  it("resolve against the config's directory, found from a subdirectory", async () => {
    const dir = await project({
      "labellint.config.yaml": "datasets:\n  - path: lists/a.txt\nrules:\n  rare-class: 'off'\n",
      "lists/a.txt": paRows(60),
      "work/deep/.keep": "",
    });
    const { code, report } = await checkJson(["check"], join(dir, "work", "deep"));
    expect(code).toBe(0);
    // Shown relative to the working directory, as paths on the command line are.
    expect(report.files.map((f) => [f.path, f.rows])).toEqual([["../../lists/a.txt", 60]]);
  });

  it("give each file its format, with the config as the reason", async () => {
    const dir = await project({
      "labellint.config.json": json({ datasets: [{ path: "a.txt", format: "paddleclas" }, { path: "b.txt", format: "spaced", split: "eval" }], rules: QUIET }),
      "a.txt": paRows(40),
      "b.txt": paRows(20).replace(/[\t,]/g, " "),
    });
    const { report } = await checkJson(["check"], dir);
    expect(report.files.map((f) => [f.format, f.formatReason])).toEqual([
      ["paddleclas", "/datasets/0/format in labellint.config.json"],
      ["spaced", "/datasets/1/format in labellint.config.json"],
    ]);
  });

  it("take their image root from the config (with --check-images)", async () => {
    const list = "images/0001.jpg\t1,0\nimages/0002.jpg\t0,1\n";
    const dir = await project({
      "labellint.config.json": json({ datasets: [{ path: "a.txt", imageRoot: fixture("images-sample") }] }),
      "a.txt": list,
    });
    const { report } = await checkJson(["check", "--check-images"], dir);
    expect(rules(report.files[0], "missing-image")).toEqual([]);
    // Named on the command line, the file is still the config's dataset, with its root.
    const named = await checkJson(["check", "a.txt", "--check-images"], dir);
    expect(rules(named.report.files[0], "missing-image")).toEqual([]);
    // With --image-root the images are looked up there (beside the list), where there are none.
    const bare = await checkJson(["check", "a.txt", "--check-images", "--image-root", "."], dir);
    expect(rules(bare.report.files[0], "missing-image").map((p) => p.line)).toEqual([1, 2]);
  });

  it("name the ImageList that reads a spaced list (\"consumer\": \"hashnet\" or \"deephash\"), for where an absolute image path is looked for", async () => {
    // The image's folder is made with the project, then the image copied in.
    const files = { "images/a.jpg": "", "a.txt": "/images/a.jpg 1 0\nimages/a.jpg 0 1\n" };
    const lines = async (consumer: string, where: "top" | "dataset") => {
      const dataset = { path: "a.txt", imageRoot: ".", ...(where === "dataset" ? { consumer } : {}) };
      const dir = await project({ ...files, "labellint.config.json": json({ datasets: [dataset], ...(where === "top" ? { consumer } : {}) }) });
      await copyFile(fixture("images-sample", "images", "0001.jpg"), join(dir, "images", "a.jpg"));
      const { report } = await checkJson(["check", "--check-images"], dir);
      return [report.files[0]!.consumer, rules(report.files[0], "missing-image").map((p) => p.line)];
    };
    // '/images/a.jpg' is no file as written (HashNet stops) and images/a.jpg appended to the root (DeepHash-pytorch reads it).
    expect(await lines("hashnet", "top")).toEqual(["imagelist", [1]]);
    expect(await lines("deephash", "top")).toEqual(["imagelist", []]);
    expect(await lines("deephash", "dataset")).toEqual(["imagelist", []]);
    expect(await lines("imagelist", "dataset")).toEqual(["imagelist", [1]]);
  });

  it("open images in the folders a dataset's allowImagesIn names, with the command line's added", async () => {
    // A dataset whose image folder links to shared storage outside it (a cluster's NFS mount).
    const store = await project({ "nus/b.jpg": "" });
    await copyFile(fixture("images-sample", "images", "0001.jpg"), join(store, "nus", "a.jpg"));
    const other = await project({ "c.jpg": "" });
    const dir = await project({ "a.txt": "images/a.jpg\t1,0\nimages/b.jpg\t0,1\n" });
    await symlink(join(store, "nus"), join(dir, "images"));
    const config = (allowImagesIn?: string[]) => writeFile(join(dir, "labellint.config.json"), json({ datasets: [{ path: "a.txt", ...(allowImagesIn !== undefined ? { allowImagesIn } : {}) }], rules: QUIET }));

    await config();
    const closed = await checkJson(["check", "--check-images"], dir);
    expect(rules(closed.report.files[0], "unsafe-path").map((p) => p.line)).toEqual([1, 2]);
    expect(rules(closed.report.files[0], "unreadable-image")).toEqual([]);

    // Relative to the config's directory, like its other paths; the empty image behind the link is now seen.
    await config([relative(dir, store)]);
    const open = await checkJson(["check", "--check-images"], dir);
    expect(rules(open.report.files[0], "unsafe-path")).toEqual([]);
    expect(rules(open.report.files[0], "unreadable-image").map((p) => [p.line, p.severity])).toEqual([[2, "error"]]);
    expect(open.code).toBe(1);

    // --allow-images-in adds to the dataset's folders; a folder that is not there is named where it was written.
    await config(["no/such/dir"]);
    const missing = await runCli(["check", "--check-images", "--allow-images-in", other], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("labellint: /datasets/0/allowImagesIn/0 ('no/such/dir') in labellint.config.json: no such folder\n");
    await config([store]);
    const both = await runCli(["check", "--check-images", "--allow-images-in", join(other, "c.jpg")], { cwd: dir });
    expect(both.stderr).toBe(`labellint: --allow-images-in '${join(other, "c.jpg")}' is a file, not a folder\n`);
    expect(both.code).toBe(2);
  });

  it("are replaced by files given on the command line (a file they do not list has no role)", async () => {
    const dir = await project({
      "labellint.config.json": json({ datasets: [{ path: "a.txt" }, { path: "b.txt", split: "eval" }], rules: QUIET }),
      "a.txt": paRows(40),
      "b.txt": paRows(40),
      "c.txt": paRows(50),
    });
    const { report } = await checkJson(["check", "c.txt"], dir);
    expect(report.files.map((f) => [f.path, f.split, f.rows])).toEqual([["c.txt", "train", 50]]);
  });

  it("give a file named on the command line its dataset's settings (a hook passes the changed files), the path matched as a file, --split still first", async () => {
    const dir = await project({
      "labellint.config.json": json({ datasets: [{ path: "lists/a.txt", split: "train" }, { path: "lists/b.txt", split: "eval", format: "paddleclas" }], rules: QUIET }),
      "lists/a.txt": paRows(40),
      "lists/b.txt": paRows(40),
      "c.txt": paRows(50),
      "work/.keep": "",
    });
    await symlink(join(dir, "lists"), join(dir, "linked"));
    // Named from elsewhere and through a link: the same files; c.txt is in no dataset.
    const { report } = await checkJson(["check", "../linked/b.txt", "../c.txt", "../lists/a.txt"], join(dir, "work"));
    expect(report.files.map((f) => [f.path, f.split, f.formatReason])).toEqual([
      ["../linked/b.txt", "eval", "/datasets/1/format in ../labellint.config.json"],
      ["../c.txt", "train", expect.stringMatching(/^auto/)],
      ["../lists/a.txt", "train", expect.stringMatching(/^auto/)],
    ]);
    // b (eval) shares every image with a (train).
    expect(rules(report.files[0], "split-leakage")).toHaveLength(40);
    const given = await checkJson(["check", "lists/b.txt", "--split", "train"], dir);
    expect(given.report.files.map((f) => [f.path, f.split])).toEqual([["lists/b.txt", "train"]]);
  });

  it("yield to --split and --format", async () => {
    const dir = await project({
      "labellint.config.json": json({ datasets: [{ path: "a.txt", split: "train", format: "spaced" }, { path: "b.txt", split: "eval" }], rules: QUIET }),
      "a.txt": paRows(40),
      "b.txt": paRows(40),
    });
    const { report } = await checkJson(["check", "--split", "eval,train", "--format", "paddleclas"], dir);
    expect(report.files.map((f) => [f.path, f.split, f.format, f.formatReason])).toEqual([
      ["a.txt", "eval", "paddleclas", "given with --format"],
      ["b.txt", "train", "paddleclas", "given with --format"],
    ]);
    // The two lists share every image: leakage, now from b (train) into a (eval).
    expect(rules(report.files[0], "split-leakage")).toHaveLength(40);
  });

  it("leave check without input when the config lists none", async () => {
    const dir = await project({ "labellint.config.json": json({ rules: QUIET }) });
    const { code, stderr } = await runCli(["check"], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/no input files: .*or list them under datasets in labellint\.config\.json/);
  });

  it("are what stats reads, train against eval", async () => {
    const dir = await project({
      "labellint.config.json": json({ datasets: [{ path: "val.txt", split: "eval" }, { path: "train.txt", split: "train" }], classes: { names: PA100K }, rules: QUIET }),
      "train.txt": paRows(60),
      "val.txt": paRows(30, "val"),
    });
    const { code, stdout } = await runCli(["stats", "--reporter", "json"], { cwd: dir });
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as LintResult;
    expect(report.files.map((f) => [f.path, f.split, f.statistics?.classes[21]?.name])).toEqual([
      ["val.txt", "eval", "AgeLess18"],
      ["train.txt", "train", "AgeLess18"],
    ]);
  });
});

describe("precedence: the command line over the config", () => {
  const files = {
    "labellint.config.json": json({
      classes: { names: PA100K },
      rules: { "rare-class": ["warn", { minPositives: 3 }], "empty-labelset": "off", LL306: "off" },
    }),
    // Two rows per attribute class 0…18 (38 rows); class 0 gets one more.
    "a.txt": paRows(38) + paRow("x/extra.jpg", [0, 20, 23]) + paRow("x/empty.jpg", []),
  };

  it("uses the config's rules and their options", async () => {
    const dir = await project(files);
    const { report } = await checkJson(["check", "a.txt"], dir);
    const rare = rules(report.files[0], "rare-class");
    // minPositives 3: classes 1…18 have 2 positives; class 0 has 3.
    expect(rare.map((p) => p.classIndex)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(rare.every((p) => p.severity === "warn")).toBe(true);
    expect(rules(report.files[0], "empty-labelset")).toEqual([]);
  });

  it("--rule with a severity alone keeps the config's options (by name or code)", async () => {
    const dir = await project(files);
    for (const flag of ["rare-class:error", "LL307:error"]) {
      const { code, report } = await checkJson(["check", "a.txt", "--rule", flag], dir);
      const rare = rules(report.files[0], "rare-class");
      expect(rare).toHaveLength(18);
      expect(rare.every((p) => p.severity === "error")).toBe(true);
      expect(code).toBe(1);
    }
  });

  it("--rule turns a rule the config set back on, or off", async () => {
    const dir = await project(files);
    const on = await checkJson(["check", "a.txt", "--rule", "LL301:warn"], dir);
    expect(rules(on.report.files[0], "empty-labelset").map((p) => p.line)).toEqual([40]);
    const off = await checkJson(["check", "a.txt", "--rule", "rare-class:off"], dir);
    expect(rules(off.report.files[0], "rare-class")).toEqual([]);
  });

  it("classes: the config's names, unless --class-names or a disagreeing --num-classes", async () => {
    const dir = await project({ ...files, "other_names.txt": PA100K.map((n) => n.toUpperCase()).join("\n") });
    const fromConfig = (await checkJson(["check", "a.txt"], dir)).report.files[0]!;
    expect([fromConfig.numClasses, fromConfig.numClassesSource, fromConfig.numClassesReason, fromConfig.classNames?.[19]]).toEqual([26, "config", "26 names in classes.names of labellint.config.json", "AgeOver60"]);

    const agreeing = (await checkJson(["check", "a.txt", "--num-classes", "26"], dir)).report.files[0]!;
    expect([agreeing.numClassesSource, agreeing.classNames?.[19]]).toEqual(["option", "AgeOver60"]);

    const disagreeing = (await checkJson(["check", "a.txt", "--num-classes", "27"], dir)).report.files[0]!;
    expect([disagreeing.numClasses, disagreeing.numClassesSource, disagreeing.classNames]).toEqual([27, "option", undefined]);

    const named = (await checkJson(["check", "a.txt", "--class-names", "other_names.txt"], dir)).report.files[0]!;
    expect([named.numClassesSource, named.classNames?.[19]]).toEqual(["class-names", "AGEOVER60"]);

    const none = (await checkJson(["check", "a.txt", "--no-config"], dir)).report.files[0]!;
    expect([none.numClassesSource, none.classNames]).toEqual(["inferred", undefined]);
  });

  it("a class count from the config with a names file beside it", async () => {
    const dir = await project({
      "cfg/labellint.config.yml": "classes:\n  count: 26\n  namesFile: names/pa100k.txt\n",
      "cfg/names/pa100k.txt": PA100K.map((n, i) => `${i} ${n}`).join("\n"),
      "a.txt": paRows(40),
    });
    const file = (await checkJson(["check", "a.txt", "--config", "cfg/labellint.config.yml"], dir)).report.files[0]!;
    expect([file.numClasses, file.numClassesSource, file.numClassesReason]).toEqual([26, "config", "26 names in names/pa100k.txt (classes.namesFile of cfg/labellint.config.yml)"]);
  });
});

describe("class groups from the config (PA100k's age and orientation)", () => {
  const broken =
    paRows(60) +
    paRow("train/a.jpg", [19, 21, 23]) + // two ages
    paRow("train/b.jpg", [20]) + // no orientation
    paRow("train/c.jpg", [20, 23, 24, 25]); // all three orientations

  it("are checked by name and by index", async () => {
    const dir = await project({
      "labellint.config.json": json({ classes: { names: PA100K }, classGroups: [AGE, ORIENTATION], rules: QUIET }),
      "train_list.txt": broken,
    });
    const { code, report } = await checkJson(["check", "train_list.txt"], dir);
    expect(code).toBe(1);
    const found = rules(report.files[0], "exclusive-group");
    expect(found.map((p) => [p.line, p.severity, p.classIndex])).toEqual([
      [61, "error", 19],
      [62, "error", 23],
      [63, "error", 23],
    ]);
    expect(found.map((p) => p.message)).toEqual([
      "group 'age' must have exactly 1 positive among AgeOver60, Age18-60, AgeLess18; this row has 2: 19 'AgeOver60', 21 'AgeLess18'",
      "group 'orientation' must have exactly 1 positive among Front, Side, Back; this row has none: an annotation was lost",
      "group 'orientation' must have exactly 1 positive among Front, Side, Back; this row has 3: 23 'Front', 24 'Side', 25 'Back'",
    ]);
  });

  it("name classes through --class-names when the config has no names", async () => {
    const dir = await project({
      "labellint.config.json": json({ classGroups: [AGE], rules: QUIET }),
      "names.txt": PA100K.join("\n"),
      "train_list.txt": broken,
    });
    const { report } = await checkJson(["check", "train_list.txt", "--class-names", "names.txt"], dir);
    expect(rules(report.files[0], "exclusive-group").map((p) => p.line)).toEqual([61]);
    // Without any names the group cannot be resolved: a fatal error, not a guess.
    const { code, stderr } = await runCli(["check", "train_list.txt"], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^labellint: labellint\.config\.json: \/classGroups\/0\/classes\/0 is a class name \('AgeOver60'\), but no class names are known/);
  });

  it("check an index against --num-classes", async () => {
    const dir = await project({ "labellint.config.json": json({ classGroups: [{ name: "g", classes: [25, 26], atMost: 1 }] }), "a.txt": paRows(40) });
    const { code, stderr } = await runCli(["check", "a.txt", "--num-classes", "26"], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toBe("labellint: labellint.config.json: /classGroups/0/classes/1 is class 26, but there are only 26 classes (0…25)\n");
  });

  it("are applied by fix: a broken row goes to the rejects file", async () => {
    const dir = await project({
      "labellint.config.json": json({ classes: { names: PA100K }, classGroups: [AGE, ORIENTATION], rules: QUIET }),
      "train_list.txt": broken,
    });
    const { code, stdout } = await runCli(["fix", "train_list.txt", "--out", "fixed.txt"], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toMatch(/63/);
    const fixed = await readFile(join(dir, "fixed.txt"), "utf8");
    expect(fixed).toBe(paRows(60));
    const rejects = await readFile(join(dir, "fixed.txt.rejects.tsv"), "utf8");
    expect(rejects).toMatch(/^61\t.*exclusive-group/m);
    expect(rejects).toMatch(/^62\t.*exclusive-group/m);
    expect(rejects).toMatch(/^63\t.*exclusive-group/m);
    // Lowered to a warning on the command line, the rows stay.
    const kept = await runCli(["fix", "train_list.txt", "--out", "kept.txt", "--rule", "exclusive-group:warn"], { cwd: dir });
    expect(kept.code).toBe(0);
    expect(await readFile(join(dir, "kept.txt"), "utf8")).toBe(broken);
  });

  it("give fix, convert and diff the dataset's settings of the file they read (its format, its role)", async () => {
    // A HashNet-style list the config calls spaced: its name would be sniffed the same, so its format is given as paddleclas to be seen.
    const spacedRows = paRows(20).replace(/\t/g, " ").replace(/,/g, " ");
    const dir = await project({
      "labellint.config.json": json({ datasets: [{ path: "val.txt", split: "eval", format: "paddleclas" }, { path: "other.txt", format: "spaced" }], classes: { names: PA100K }, rules: QUIET }),
      "val.txt": spacedRows,
      "other.txt": spacedRows,
    });
    const fixed = await runCli(["fix", "val.txt", "--out", "fixed.txt", "--reporter", "json"], { cwd: dir });
    const { plan } = JSON.parse(fixed.stdout) as { plan: { split: string; format: string; counts: { rowsRejected: number } } };
    // Read as paddleclas, every spaced row is a row without a TAB: rejected, so nothing is written.
    expect([plan.split, plan.format, plan.counts.rowsRejected]).toEqual(["eval", "paddleclas", 20]);
    // Two datasets that disagree: neither's settings, as for a file no dataset names.
    const both = await runCli(["convert", "val.txt", "other.txt", "--to", "paddleclas", "--out", "both.txt"], { cwd: dir });
    expect(both.code).toBe(0);
    expect(await readFile(join(dir, "both.txt"), "utf8")).toBe(paRows(20) + paRows(20));
    // diff: the dataset's settings for both sides (an older copy of a list is rarely a dataset itself).
    await writeFile(join(dir, "old.txt"), spacedRows);
    const compared = await runCli(["diff", "old.txt", "val.txt"], { cwd: dir });
    expect(compared.stdout.split("\n")[0]).toMatch(/^diff old\.txt \(paddleclas, .*→ val\.txt \(paddleclas, /);
    const plain = await runCli(["diff", "old.txt", "val.txt", "--no-config"], { cwd: dir });
    expect(plain.stdout.split("\n")[0]).toMatch(/^diff old\.txt \(spaced, .*→ val\.txt \(spaced, /);
  });

  const pulc = join(SHARED, "data", "paddleclas", "PULC__person_attribute__PPLCNet_x1_0.yaml");
  it.skipIf(!existsSync(pulc))(`work beside PaddleClas's PULC person-attribute config (class_num from it)${existsSync(pulc) ? "" : ` — SKIPPED: ${pulc} not found`}`, async () => {
    expect((parse(await readFile(pulc, "utf8")) as { Arch: { class_num: number } }).Arch.class_num).toBe(PA100K.length);
    const dir = await project({
      "labellint.config.json": json({ classes: { names: PA100K }, classGroups: [AGE, ORIENTATION], rules: QUIET }),
      "dataset/pa100k/train_list.txt": broken,
      "dataset/pa100k/val_list.txt": paRows(30, "val"),
    });
    await copyFile(pulc, join(dir, "person_attribute.yaml"));
    const { report } = await checkJson(["check", "--ppcls-config", "person_attribute.yaml"], dir);
    const train = report.files.find((f) => f.split === "train")!;
    // C from Arch.class_num, the names from the labellint config, the groups checked.
    expect([train.numClasses, train.numClassesSource, train.classNames?.[25]]).toEqual([26, "ppcls-config", "Back"]);
    expect(rules(train, "exclusive-group").map((p) => p.line)).toEqual([61, 62, 63]);
  });
});

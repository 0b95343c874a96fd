import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findConfigFile, loadConfig } from "../../src/config/load.js";
import { runCli } from "../cli-harness.js";
import { json, PA100K, paRows, project, removeProjects } from "./project.js";

afterAll(removeProjects);

describe("config discovery", () => {
  it("finds labellint.config.json in the working directory", async () => {
    const dir = await project({ "labellint.config.json": "{}\n" });
    expect(await findConfigFile(dir)).toBe(join(dir, "labellint.config.json"));
  });

  it("finds the nearest config upward, stopping at the first directory that has one", async () => {
    const dir = await project({ "labellint.config.yaml": "rules: {}\n", "a/labellint.config.yml": "rules: {}\n" });
    await mkdir(join(dir, "a", "b", "c"), { recursive: true });
    expect(await findConfigFile(join(dir, "a", "b", "c"))).toBe(join(dir, "a", "labellint.config.yml"));
    await mkdir(join(dir, "d"), { recursive: true });
    expect(await findConfigFile(join(dir, "d"))).toBe(join(dir, "labellint.config.yaml"));
  });

  it("finds nothing when no directory up to the root has a config", async () => {
    const dir = await project({ "x/y/train_list.txt": paRows(3) });
    expect(await findConfigFile(join(dir, "x", "y"))).toBeUndefined();
  });

  it("refuses two config files in one directory", async () => {
    const dir = await project({ "labellint.config.json": "{}\n", "labellint.config.yaml": "{}\n" });
    await expect(findConfigFile(dir)).rejects.toMatchObject({ code: "LL_CONFIG_INVALID", message: expect.stringMatching(/labellint.config.json and labellint.config.yaml are both config files: keep one/) });
  });

  it("ignores a directory named like a config", async () => {
    const dir = await project({ "labellint.config.json/keep": "" });
    await expect(findConfigFile(dir)).resolves.toBeUndefined();
  });
});

const CONFIG = {
  datasets: [
    { path: "lists/train_list.txt", split: "train", format: "paddleclas", imageRoot: "images" },
    { path: "lists/val_list.txt", split: "eval" },
  ],
  classes: { namesFile: "label_list.txt", count: 26 },
  classGroups: [{ name: "age", classes: ["AgeOver60", "Age18-60", "AgeLess18"], exactly: 1 }],
  rules: { "empty-labelset": "off", "rare-class": ["warn", { minPositives: 20 }], LL002: 2, "class-always-positive": [0] },
};

const YAML = `# the same config as YAML
datasets:
  - path: lists/train_list.txt
    split: train
    format: paddleclas
    imageRoot: images
  - { path: lists/val_list.txt, split: eval }
classes:
  namesFile: label_list.txt
  count: 26
classGroups:
  - name: age
    classes: [AgeOver60, Age18-60, AgeLess18]
    exactly: 1
rules:
  empty-labelset: "off"
  rare-class: [warn, { minPositives: 20 }]
  LL002: 2
  class-always-positive: [0]
`;

describe("loadConfig", () => {
  it("reads JSON, resolving paths against the config's directory and reading the names file", async () => {
    const dir = await project({ "cfg/labellint.config.json": json(CONFIG), "cfg/label_list.txt": PA100K.map((n, i) => `${i} ${n}`).join("\n") });
    const config = await loadConfig(join(dir, "cfg", "labellint.config.json"), "cfg/labellint.config.json");
    expect(config.datasets).toEqual([
      { path: join(dir, "cfg", "lists", "train_list.txt"), written: "lists/train_list.txt", pointer: "/datasets/0", split: "train", format: "paddleclas", imageRoot: join(dir, "cfg", "images") },
      { path: join(dir, "cfg", "lists", "val_list.txt"), written: "lists/val_list.txt", pointer: "/datasets/1", split: "eval" },
    ]);
    expect(config.classes).toEqual({ count: 26, names: PA100K, form: "paddleclas", reason: "26 names in label_list.txt (classes.namesFile of cfg/labellint.config.json)" });
    expect(config.classGroups).toEqual(CONFIG.classGroups);
    // ESLint's numeric severities become names.
    expect(config.rules).toEqual({ "empty-labelset": "off", "rare-class": ["warn", { minPositives: 20 }], LL002: "error", "class-always-positive": ["off"] });
  });

  it("reads the same config from YAML", async () => {
    const names = PA100K.join("\n");
    const a = await project({ "labellint.config.json": json(CONFIG), "label_list.txt": names });
    const b = await project({ "labellint.config.yaml": YAML, "label_list.txt": names });
    const fromJson = await loadConfig(join(a, "labellint.config.json"));
    const fromYaml = await loadConfig(join(b, "labellint.config.yaml"));
    const strip = (c: typeof fromJson, dir: string) => JSON.parse(JSON.stringify({ ...c, path: undefined, display: undefined, classes: { ...c.classes, reason: undefined } }).split(dir).join("<dir>")) as unknown;
    expect(strip(fromYaml, b)).toEqual(strip(fromJson, a));
  });

  it("accepts a byte-order mark, an empty YAML file, and names given inline", async () => {
    const dir = await project({
      "a.json": "\uFEFF" + json({ classes: { names: ["cat", "dog"] } }),
      "b.yaml": "",
    });
    expect((await loadConfig(join(dir, "a.json"), "a.json")).classes).toEqual({ names: ["cat", "dog"], reason: "2 names in classes.names of a.json" });
    expect(await loadConfig(join(dir, "b.yaml"))).toMatchObject({ datasets: [], classGroups: [], rules: {} });
  });
});

/** Invalid configs: the file's content, and what the one line on stderr must contain. */
const INVALID: [string, string, string, (string | RegExp)[]][] = [
  ["a bad split role", "labellint.config.json", json({ datasets: [{ path: "t.txt", split: "validation" }] }), ["/datasets/0/split must be equal to one of the allowed values: train, eval (line 5)"]],
  ["a rule option out of range", "labellint.config.json", json({ rules: { "rare-class": ["warn", { minPositives: 0 }] } }), ["/rules/rare-class/1/minPositives must be >= 1 (line 6)"]],
  [
    "every problem at once, in file order",
    "labellint.config.json",
    json({ datasets: [{ path: "t.txt", split: "val" }, { split: "eval" }], rules: { "rare-class": ["warn", { minPositives: 0 }] } }),
    [/: \/datasets\/0\/split must be equal to one of the allowed values: train, eval \(line 5\); \/datasets\/1 must have required property 'path' \(line 7\); \/rules\/rare-class\/1\/minPositives must be >= 1 \(line 15\)$/],
  ],
  ["an unknown rule, with a did-you-mean", "labellint.config.json", json({ rules: { "empty-labelsets": "off" } }), ["/rules/empty-labelsets is not a rule; did you mean 'empty-labelset'? (labellint rules lists them)"]],
  [
    "a PaddleClas training config where labellint's goes: the option that takes it",
    "labellint.config.yaml",
    "Global:\n  epochs: 10\nArch:\n  name: MobileNetV1\n  class_num: 33\nDataLoader:\n  Train: {}\n",
    ["a PaddleClas training config (it has Global, Arch, DataLoader), not a labellint config: give it with --ppcls-config labellint.config.yaml"],
  ],
  ["an unknown rule with nothing close", "labellint.config.json", json({ rules: { "no-such-thing-at-all": "off" } }), ["/rules/no-such-thing-at-all is not a rule (labellint rules lists them)"]],
  ["an unknown top-level key", "labellint.config.json", json({ rule: {} }), ["/ has an unknown property 'rule' (known: datasets, consumer, labels, classes, classGroups, rules)"]],
  ["an unknown dataset key", "labellint.config.json", json({ datasets: [{ path: "t.txt", role: "eval" }] }), ["/datasets/0 has an unknown property 'role' (known: path, split, format, consumer, imageRoot, allowImagesIn, columns)"]],
  ["allowImagesIn not a list", "labellint.config.json", json({ datasets: [{ path: "t.txt", allowImagesIn: "/mnt/nfs" }] }), ["/datasets/0/allowImagesIn must be array"]],
  ["allowImagesIn with an empty folder name", "labellint.config.json", json({ datasets: [{ path: "t.txt", allowImagesIn: [""] }] }), ["/datasets/0/allowImagesIn/0 must NOT have fewer than 1 characters"]],
  ["a severity ESLint does not know", "labellint.config.json", json({ rules: { bom: "warning" } }), ["/rules/bom must be equal to one of the allowed values: off, warn, error, 0, 1, 2"]],
  ["a setting array too long", "labellint.config.json", json({ rules: { "rare-class": ["warn", {}, {}] } }), ["/rules/rare-class must NOT have more than 2 items"]],
  ["options for a rule that takes none", "labellint.config.json", json({ rules: { bom: ["warn", { strict: true }] } }), ["/rules/bom/1 must be empty: bom takes no options"]],
  ["an unknown rule option", "labellint.config.json", json({ rules: { "rare-class": ["warn", { min: 3 }] } }), ["/rules/rare-class/1 has an unknown property 'min' (known: minPositives)"]],
  ["one rule set twice, by name and by code", "labellint.config.json", json({ rules: { "rare-class": "warn", LL307: "off" } }), ["/rules/LL307 sets rare-class (LL307) again, as 'rare-class' does: keep one"]],
  ["a dataset listed twice", "labellint.config.json", json({ datasets: [{ path: "t.txt" }, { path: "./t.txt", split: "eval" }] }), ["/datasets/1/path is the file of /datasets/0 again: list each file once"]],
  ["no datasets in the list", "labellint.config.json", json({ datasets: [] }), ["/datasets must NOT have fewer than 1 items"]],
  ["a class count that is not a number", "labellint.config.json", json({ classes: { count: "26" } }), ["/classes/count must be integer"]],
  ["a class count that disagrees with the names", "labellint.config.json", json({ classes: { count: 3, names: ["a", "b"] } }), ["/classes/count is 3, but the class-name list has 2 names"]],
  ["names and a names file", "labellint.config.json", json({ classes: { names: ["a", "b"], namesFile: "l.txt" } }), ["/classes has both names and namesFile: give one"]],
  ["a names file that does not exist", "labellint.config.json", json({ classes: { namesFile: "missing.txt" } }), [/\/classes\/namesFile cannot be used: cannot read .missing\.txt.: /]],
  ["an empty classes section", "labellint.config.json", json({ classes: {} }), ["/classes must NOT have fewer than 1 properties"]],
  [
    "a group naming an unknown class",
    "labellint.config.json",
    json({ classes: { names: PA100K }, classGroups: [{ name: "age", classes: ["AgeOver60", "Age18_60", "AgeLess18"], exactly: 1 }] }),
    ["/classGroups/0/classes/1 'Age18_60' is not one of the 26 class names; did you mean 'Age18-60'?"],
  ],
  ["a group index beyond the class count", "labellint.config.json", json({ classes: { count: 26 }, classGroups: [{ name: "orientation", classes: [23, 24, 26], exactly: 1 }] }), ["/classGroups/0/classes/2 is class 26, but there are only 26 classes (0…25)"]],
  ["a group with exactly and atMost", "labellint.config.json", json({ classGroups: [{ name: "age", classes: [19, 20, 21], exactly: 1, atMost: 1 }] }), ["/classGroups/0 must set exactly one of 'exactly' and 'atMost'"]],
  ["a group of negative indices", "labellint.config.json", json({ classGroups: [{ name: "age", classes: [-1, 20], exactly: 1 }] }), ["/classGroups/0/classes/0 must be >= 0"]],
  ["a group with a fractional count", "labellint.config.json", json({ classGroups: [{ name: "age", classes: [19, 20, 21], atMost: 1.5 }] }), ["/classGroups/0/atMost must be integer"]],
  ["a config that is not an object", "labellint.config.json", "[1, 2]\n", ["/ must be object (line 1)"]],
  ["broken JSON", "labellint.config.json", '{\n  "rules": {\n    "bom": "off",\n  }\n}\n', [/labellint\.config\.json: not valid JSON: .*line 4 column 3/]],
  ["broken YAML", "labellint.config.yaml", "rules:\n  bom: [off\ndatasets: []\n", [/labellint\.config\.yaml: not valid YAML at line \d+, column \d+: /]],
  ["two YAML documents", "labellint.config.yaml", "rules: {}\n---\nrules: {}\n", ["not valid YAML at line 2, column 1: a second YAML document starts there (---): a labellint config is one document"]],
  ["duplicate YAML keys", "labellint.config.yaml", "rules: {}\nrules: {}\n", [/labellint\.config\.yaml: not valid YAML at line 2, column 1: Map keys must be unique/]],
  ["duplicate JSON keys (JSON.parse would keep the last)", "labellint.config.json", '{"rules": {"bom": "off"},\n "classes": {"count": 3, "count": 4}}\n', ['labellint.config.json: "count" is written again in the same object (line 2, column 26), and JSON readers keep only the last: write it once']],
  [
    "anchors whose aliases expand past the bound (a few lines standing for gigabytes)",
    "labellint.config.yaml",
    ["a: &a [x, x, x, x, x, x, x, x, x]", ...["b", "c", "d", "e", "f"].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcde"[i]}`).join(", ")}]`), "rules: {}"].join("\n") + "\n",
    ["cannot read the YAML: its aliases (*name) expand to more than 1,000 copies of their anchors' values"],
  ],
  ["a YAML problem with its line", "labellint.config.yaml", "# comment\ndatasets:\n  - path: t.txt\n    split: dev\n", ["/datasets/0/split must be equal to one of the allowed values: train, eval (line 4)"]],
];

describe("an invalid config is a fatal error naming the JSON path of every problem", () => {
  it.each(INVALID)("%s", async (_name, file, content, expected) => {
    const dir = await project({ [file]: content, "t.txt": paRows(3) });
    const { code, stdout, stderr } = await runCli(["check", "t.txt"], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.split("\n")).toHaveLength(2); // one line, then the final newline
    expect(stderr.startsWith(`labellint: ${file}: `)).toBe(true);
    for (const part of expected) {
      if (typeof part === "string") expect(stderr).toContain(part);
      else expect(stderr.trimEnd()).toMatch(part);
    }
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("names the config as found upward, relative to the working directory", async () => {
    const dir = await project({ "labellint.config.json": json({ rules: { bom: "loud" } }), "sub/t.txt": paRows(3) });
    const { code, stderr } = await runCli(["check", "t.txt"], { cwd: join(dir, "sub") });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^labellint: \.\.\/labellint\.config\.json: \/rules\/bom must be equal to one of the allowed values/);
  });

  it("is refused by every command that reads a config", async () => {
    const dir = await project({ "labellint.config.json": json({ rules: { bom: "loud" } }), "t.txt": paRows(3) });
    for (const argv of [["check", "t.txt"], ["stats", "t.txt"], ["fix", "t.txt", "--out", "o.txt"], ["convert", "t.txt", "--to", "spaced", "--out", "o.txt"]]) {
      const { code, stderr } = await runCli(argv, { cwd: dir });
      expect([argv[0], code]).toEqual([argv[0], 2]);
      expect(stderr).toMatch(/labellint\.config\.json: \/rules\/bom/);
    }
  });

  it("is skipped with --no-config", async () => {
    const dir = await project({ "labellint.config.json": json({ rules: { bom: "loud" } }), "t.txt": paRows(30) });
    const { code, stderr } = await runCli(["check", "t.txt", "--no-config", "--rule", "rare-class:off"], { cwd: dir });
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});

describe("--config", () => {
  it("reads the file given, wherever it is, and not the one found upward", async () => {
    const dir = await project({
      "labellint.config.json": json({ rules: { bom: "loud" } }),
      "configs/strict.yaml": "rules:\n  rare-class: [error, { minPositives: 5 }]\n",
      "t.txt": paRows(30),
    });
    const { code, stdout } = await runCli(["check", "t.txt", "--config", "configs/strict.yaml", "--reporter", "json"], { cwd: dir });
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { files: { counts: Record<string, number> }[] };
    // Thirty rows: the 19 attributes cycled by row have 1 or 2 positives each, all under 5.
    expect(report.files[0]!.counts["rare-class"]).toBe(19);
  });

  it("is a fatal error when the file cannot be read", async () => {
    const dir = await project({ "t.txt": paRows(3) });
    const { code, stderr } = await runCli(["check", "t.txt", "--config", "nope.json"], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^labellint: cannot read 'nope\.json': /);
  });

  it("contradicts --no-config", async () => {
    const dir = await project({ "t.txt": paRows(3), "c.json": "{}" });
    const { code, stderr } = await runCli(["check", "t.txt", "--config", "c.json", "--no-config"], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/--config and --no-config contradict each other/);
  });
});

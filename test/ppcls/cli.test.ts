import { rm, writeFile } from "node:fs/promises";
import sharp from "sharp";
import { join } from "node:path";
import { Ajv } from "ajv";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli-harness.js";
import { ROOT } from "../shared.js";
import { layOutPpcls } from "./layout.js";
import { lintPpclsConfig } from "../../src/ppcls/lint.js";
import { lineOf, ppclsConfig, TRANSFORMS } from "./configs.js";
import type { LintResult } from "../../src/types.js";

const SAMPLE = "fixtures/nus-wide-scene/ppcls_config.yaml";

describe("check --ppcls-config", () => {
  it("checks the bundled sample (npm start): config clean, both lists with their roles, exit 0", async () => {
    const out = await runCli(["check", "--ppcls-config", SAMPLE]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("config ✓ losses, metrics and loader agree");
    expect(out.stdout).toContain("train targets [B, 33] from ./fixtures/nus-wide-scene/train_list.txt");
    expect(out.stdout).toContain("classes 33 (Arch.class_num in fixtures/nus-wide-scene/ppcls_config.yaml)");
    expect(out.stdout).toMatch(/fixtures\/nus-wide-scene\/eval_list.txt\n {2}format paddleclas .*\n {2}read as PaddleClas MultiLabelDataset reads it .*\n {2}classes 33 .*split eval/);
    // The summary, then the reminder that images were not looked up (no --check-images).
    expect(out.stdout).toMatch(/in 3 files\n  images were not looked up: add --check-images[^\n]*\n$/);
  });

  it("a config finding fails the check (exit 1) and every reporter carries it", async () => {
    const yaml = ppclsConfig({ trainLoss: ["weight: 1.0", "weight_ratio: True"] });
    const line = lineOf(yaml, "weight_ratio");
    const dir = await layOutPpcls(yaml);
    try {
      const text = await runCli(["check", "--ppcls-config", "config.yaml"], { cwd: dir });
      expect(text.code).toBe(1);
      expect(text.stdout).toContain(`config.yaml:${line}:9  error  \`Loss.Train[0].MultiLabelLoss.weight_ratio: True\` needs 3-D targets`);
      expect(text.stdout).toContain("fix by hand: set `label_ratio: True` under DataLoader.Train.dataset");

      const json = await runCli(["check", "--ppcls-config", "config.yaml", "--reporter", "json"], { cwd: dir });
      const result = JSON.parse(json.stdout) as LintResult;
      const ajv = new Ajv({ allErrors: true, strict: false });
      const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, "schemas", "report.schema.json"), "utf8")) as object);
      expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
      expect(result.configs?.[0]?.problems.map((p) => p.code)).toEqual(["LL601"]);
      expect(result.summary.errorCount).toBe(1);

      const sarif = JSON.parse((await runCli(["check", "--ppcls-config", "config.yaml", "--reporter", "sarif"], { cwd: dir })).stdout) as {
        runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
      };
      const first = sarif.runs[0]!.results[0]!;
      expect(first.ruleId).toBe("LL601");
      expect(first.locations[0]!.physicalLocation.artifactLocation.uri).toBe("config.yaml");
      expect(first.locations[0]!.physicalLocation.region.startLine).toBe(line);

      const github = await runCli(["check", "--ppcls-config", "config.yaml", "--reporter", "github"], { cwd: dir });
      expect(github.stdout).toMatch(new RegExp(`^::error file=config.yaml,line=${line},col=9,title=LL601 target-rank-mismatch::`, "m"));

      const junit = await runCli(["check", "--ppcls-config", "config.yaml", "--reporter", "junit"], { cwd: dir });
      expect(junit.stdout).toMatch(/<testsuite name="config.yaml" tests="6" failures="1"/);

      const html = await runCli(["check", "--ppcls-config", "config.yaml", "--reporter", "html"], { cwd: dir });
      expect(html.stdout).toContain("Fix by hand: set `label_ratio: True`");
      expect(html.stdout).toContain('<tr><td><a href="#c0">config.yaml</a></td><td>config</td>');
      expect(html.stdout).toContain("in 3 files</p>");
      expect(github.stdout).toMatch(/labellint: 1 error, 0 warnings in 3 files\n$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("a list the config names that does not exist is one fatal line naming the YAML key (exit 2)", async () => {
    const dir = await layOutPpcls(ppclsConfig());
    try {
      await rm(join(dir, "dataset", "eval_list.txt"));
      const out = await runCli(["check", "--ppcls-config", "config.yaml"], { cwd: dir });
      expect(out.code).toBe(2);
      expect(out.stdout).toBe("");
      expect(out.stderr).toBe(
        "labellint: config.yaml: DataLoader.Eval.dataset.cls_label_path is './dataset/eval_list.txt', which resolves to 'dataset/eval_list.txt': no such file (paths resolve against the directory PaddleClas runs from; set it with --ppcls-root)\n",
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("a single-label config (every dataset ImageNetDataset, nothing multi-label) is one fatal line, not multi-label findings PaddleClas would not have (exit 2)", async () => {
    // ImageNetDataset reads `path<delimiter>id` (ppcls/data/dataloader/imagenet_dataset.py:68-73): its lists are not multi-label lists.
    const singleLabel = ppclsConfig({ loss: "CELoss", useMultilabel: null, trainMetrics: ["TopkAcc"], evalMetrics: ["TopkAcc"] }).replace(/MultiLabelDataset/g, "ImageNetDataset");
    const dir = await layOutPpcls(singleLabel, { lists: { train: "images/a.jpg 0\nimages/b.jpg 1\n", eval: "images/c.jpg 2\n" } });
    try {
      for (const command of ["check", "stats"]) {
        const out = await runCli([command, "--ppcls-config", "config.yaml"], { cwd: dir });
        expect(out.code, command).toBe(2);
        expect(out.stdout).toBe("");
        expect(out.stderr).toBe(
          "labellint: config.yaml trains a single-label model: DataLoader.Train.dataset.name and DataLoader.Eval.dataset.name name ImageNetDataset (ppcls/data/dataloader/imagenet_dataset.py:68-73), which reads one class id after each path, and nothing in it is multi-label (no `Global.use_multilabel: True`, no multi-label loss or metric). labellint checks multi-label lists as MultiLabelDataset reads them (path<TAB>comma-separated labels). If these lists are multi-label, read them with `name: MultiLabelDataset`, `MultiLabelLoss` and `Global.use_multilabel: True`, and run labellint again\n",
        );
      }
      // The library refuses it alike.
      await expect(lintPpclsConfig("config.yaml", { cwd: dir })).rejects.toMatchObject({ code: "LL_CONFIG_INVALID" });
      // --format (with a consumer that reads it) says how to read the lists: the user's call, and then they are linted.
      const given = await runCli(["check", "--ppcls-config", "config.yaml", "--format", "indices", "--consumer", "generic"], { cwd: dir });
      expect(given.code, given.stderr).not.toBe(2);
      // One multi-label part makes it the slip multilabel-not-enabled reports (at the dataset's name), not a single-label config.
      const slip = singleLabel.replace("  - TopkAcc:", "  - HammingDistance:");
      const slipped = await layOutPpcls(slip);
      try {
        const out = await runCli(["check", "--ppcls-config", "config.yaml"], { cwd: slipped });
        expect(out.code).toBe(1);
        expect(out.stdout).toContain("`DataLoader.Train.dataset.name: ImageNetDataset` reads one class id per line");
      } finally {
        await rm(slipped, { recursive: true, force: true });
      }
      // A split that reads with MultiLabelDataset keeps the config a multi-label one.
      const mixed = await layOutPpcls(singleLabel.replace("name: ImageNetDataset", "name: MultiLabelDataset"));
      try {
        const out = await runCli(["check", "--ppcls-config", "config.yaml"], { cwd: mixed });
        expect(out.code).toBe(1);
        expect(out.stderr).toBe("");
      } finally {
        await rm(mixed, { recursive: true, force: true });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("operators that leave each image at its own size: an error when the images decoded differ in size, nothing when they agree, a warning when none are decoded", async () => {
    // ResizeImage with resize_short keeps each image's aspect ratio; np.stack then refuses a batch of different shapes.
    const text = ppclsConfig().replace(`${TRANSFORMS}    sampler:`, `      transform_ops:\n        - DecodeImage:\n        - ResizeImage:\n            resize_short: 64\n        - NormalizeImage:\n            order: ''\n    sampler:`);
    expect(text).not.toBe(ppclsConfig());
    const rows = (names: string[]) => names.map((n, i) => `${n}\t${i % 2},${(i + 1) % 2},1,0\n`).join("");
    const dir = await layOutPpcls(text, { lists: { train: rows(["a.jpg", "b.jpg", "c.jpg", "d.jpg"]), eval: rows(["a.jpg", "b.jpg", "c.jpg", "d.jpg"]) } });
    try {
      const image = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: { r: 90, g: 120, b: 150 } } }).jpeg().toBuffer();
      const write = async (sizes: [number, number][]) => {
        for (const [i, [w, h]] of sizes.entries()) await writeFile(join(dir, "dataset", "images", `${"abcd"[i]}.jpg`), await image(w, h));
      };
      await write([[64, 48], [64, 48], [48, 64], [64, 48]]);
      const differ = await runCli(["check", "--ppcls-config", "config.yaml", "--decode-images", "--no-group"], { cwd: dir });
      expect(differ.stdout).toContain(
        "error  `DataLoader.Train.dataset.transform_ops` leaves each image at its own size (no operator resizes or crops to one size: ResizeImage with `size`, CropImage, RandCropImage, …), and DataLoader.Train stacks batches of 64 images with np.stack: the images decoded here are 48 to 64 pixels wide and 48 to 64 high, so PaddleClas raises ValueError (all input arrays must have the same shape) at the first batch  invalid-argument",
      );
      expect(differ.code).toBe(1);
      await write([[64, 48], [64, 48], [64, 48], [64, 48]]);
      const agree = await runCli(["check", "--ppcls-config", "config.yaml", "--decode-images"], { cwd: dir });
      expect(agree.stdout).not.toContain("leaves each image at its own size");
      const unchecked = await runCli(["check", "--ppcls-config", "config.yaml", "--no-group"], { cwd: dir });
      expect(unchecked.stdout).toContain("warn   `DataLoader.Train.dataset.transform_ops` leaves each image at its own size");
      expect(unchecked.stdout).toContain("unless every image of the list has the same size, PaddleClas raises ValueError (all input arrays must have the same shape) at the first batch — a warning while images are not decoded (--decode-images)");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("with `eval_during_train: False` a missing Eval list is a warning at its key, and the train list is checked (training builds no Eval loader: ppcls/engine/engine.py)", async () => {
    const yaml = ppclsConfig().replace("  eval_during_train: True\n", "  eval_during_train: False\n");
    const dir = await layOutPpcls(yaml);
    try {
      await rm(join(dir, "dataset", "eval_list.txt"));
      const out = await runCli(["check", "--ppcls-config", "config.yaml", "--reporter", "json"], { cwd: dir });
      expect(out.stderr).toBe("");
      expect(out.code).toBe(0);
      const report = JSON.parse(out.stdout) as LintResult;
      expect(report.files.map((f) => f.path)).toEqual(["dataset/train_list.txt"]);
      const config = report.configs![0]!.problems;
      expect(config.map((p) => [p.rule, p.severity, p.line])).toEqual([["ignored-option", "warn", lineOf(yaml, "cls_label_path: ./dataset/eval_list.txt")]]);
      expect(config[0]!.message).toContain("no such file: training does not read it (`Global.eval_during_train: False`), but evaluation (tools/eval.py) stops on it");
      // Where training does read it (True, or a list that is there), a missing list stays fatal.
      const strict = await layOutPpcls(yaml.replace("eval_during_train: False", "eval_during_train: True"));
      try {
        await rm(join(strict, "dataset", "eval_list.txt"));
        expect((await runCli(["check", "--ppcls-config", "config.yaml"], { cwd: strict })).code).toBe(2);
      } finally {
        await rm(strict, { recursive: true, force: true });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("resolves paths against --ppcls-root, and refuses --ppcls-root alone", async () => {
    const dir = await layOutPpcls(ppclsConfig());
    try {
      const out = await runCli(["check", "--ppcls-config", join(dir, "config.yaml"), "--ppcls-root", dir]);
      expect(out.stderr).toBe("");
      expect(out.code).toBe(0);
      const alone = await runCli(["check", "x.txt", "--ppcls-root", dir]);
      expect(alone.code).toBe(2);
      expect(alone.stderr).toContain("--ppcls-root only goes with --ppcls-config");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("invalid YAML, a missing config, a config with no DataLoader: one fatal line each", async () => {
    const dir = await layOutPpcls("Global:\n  use_multilabel: True\nArch: [1, 2\n");
    try {
      const bad = await runCli(["check", "--ppcls-config", "config.yaml"], { cwd: dir });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^labellint: config.yaml:\d+:\d+: not valid YAML: /);
      const missing = await runCli(["check", "--ppcls-config", "nope.yaml"], { cwd: dir });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain("nope.yaml");
      const empty = await layOutPpcls("Global:\n  use_multilabel: True\n");
      const none = await runCli(["check", "--ppcls-config", "config.yaml"], { cwd: empty });
      expect(none.code).toBe(2);
      expect(none.stderr).toContain("no DataLoader.Train or DataLoader.Eval section");
      await rm(empty, { recursive: true, force: true });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("command-line C and label files win over the config's", async () => {
    const dir = await layOutPpcls(ppclsConfig());
    try {
      const out = await runCli(["check", "--ppcls-config", "config.yaml", "dataset/train_list.txt", "--num-classes", "5", "--reporter", "json"], { cwd: dir });
      const result = JSON.parse(out.stdout) as LintResult;
      expect(result.files.map((f) => [f.path, f.numClasses, f.numClassesSource])).toEqual([["dataset/train_list.txt", 5, "option"]]);
      expect(result.configs).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("--check-images looks images up under each split's image_root", async () => {
    const dir = await layOutPpcls(ppclsConfig(), { rows: 12, files: { "dataset/images/images/train_00003.jpg": "not really a jpeg" } });
    try {
      const out = await runCli(["check", "--ppcls-config", "config.yaml", "--check-images", "--reporter", "json"], { cwd: dir });
      const result = JSON.parse(out.stdout) as LintResult;
      const [train, evaluation] = result.files;
      expect(train!.counts["missing-image"]).toBe(11);
      expect(train!.counts["unreadable-image"]).toBe(1);
      expect(evaluation!.counts["missing-image"]).toBe(12);
      expect(train!.problems.find((p) => p.rule === "unreadable-image")?.line).toBe(4);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("the training config's class_num comes before a labellint config's classes", async () => {
    const dir = await layOutPpcls(ppclsConfig(), { files: { "labellint.config.json": JSON.stringify({ classes: { names: ["a", "b", "c"] } }) } });
    try {
      const out = await runCli(["check", "--ppcls-config", "config.yaml", "--reporter", "json"], { cwd: dir });
      expect(out.stderr).toBe("");
      const result = JSON.parse(out.stdout) as LintResult;
      expect(result.files.map((f) => [f.numClasses, f.numClassesSource, f.classNames])).toEqual([
        [4, "ppcls-config", undefined],
        [4, "ppcls-config", undefined],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("stats reads the config's two lists as train and eval", async () => {
    const out = await runCli(["stats", "--ppcls-config", SAMPLE, "--reporter", "json"]);
    expect(out.code).toBe(0);
    const result = JSON.parse(out.stdout) as LintResult;
    expect(result.files.map((f) => f.split)).toEqual(["train", "eval"]);
    expect(result.comparison).toBeDefined();
  });
});

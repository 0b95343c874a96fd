import { describe, expect, it } from "vitest";
import type { LintResult } from "../../src/types.js";
import { generatedList, lintLaidOut } from "./layout.js";
import { lineOf, lossSource, realConfig, REAL_CONFIGS } from "./configs.js";
import { HAS_SHARED, sharedTitle } from "../shared.js";

const configRules = (run: LintResult) => (run.configs ?? []).flatMap((c) => c.problems);
const ll6 = (run: LintResult) => configRules(run).filter((p) => p.code.startsWith("LL6"));
const errors = (run: LintResult) => [...(run.configs ?? []), ...run.files].flatMap((f) => f.problems).filter((p) => p.severity === "error");

describe.skipIf(!HAS_SHARED)(sharedTitle("the real PaddleClas configs, laid out with generated lists where they point"), () => {
  it.each(Object.keys(REAL_CONFIGS) as (keyof typeof REAL_CONFIGS)[])("%s: no config finding, no error, both splits read with their roles", async (name) => {
    const run = await lintLaidOut(realConfig(name));
    // PaddleClas's StrongBaselineAttr gives Piecewise as many values as decay epochs: a warning (recent Paddle refuses it).
    expect(ll6(run).map((p) => `${p.severity} ${p.message.split(":")[0]}`)).toEqual(
      name === "strongBaseline" ? ["warn `Optimizer.lr.values` is [0.0001, 0.00001, 0.000001, 0.0000001], 4 rates for the 4 boundaries of decay_epochs [12, 18, 24, 28]"] : [],
    );
    expect(errors(run)).toEqual([]);
    expect(run.files.map((f) => f.split)).toEqual(["train", "eval"]);
    const config = run.configs![0]!;
    for (const file of run.files) {
      expect(file.numClasses).toBe(config.numClasses);
      expect(file.numClassesSource).toBe("ppcls-config");
      expect(file.format).toBe("paddleclas");
    }
  });

  it("the PULC configs yield 3-D targets, MobileNetV1 and ML-Decoder 2-D", async () => {
    const shapes = async (name: keyof typeof REAL_CONFIGS) => (await lintLaidOut(realConfig(name))).configs![0]!.targets.map((t) => t.shape);
    expect(await shapes("person")).toEqual(["[B, 2, 26]", "[B, 2, 26]"]);
    expect(await shapes("vehicle")).toEqual(["[B, 2, 19]", "[B, 2, 19]"]);
    expect(await shapes("mobilenet")).toEqual(["[B, 33]", "[B, 33]"]);
    expect(await shapes("mldecoder")).toEqual(["[B, 80]", "[B, 80]"]);
  });

  it("MobileNetV1 without class_num: built with 1000 outputs for 33-class lists, an error at Arch (the loss fails at the first batch)", async () => {
    const text = realConfig("mobilenet").replace(/\n  class_num: 33/, "");
    const run = await lintLaidOut(text, { lists: { train: generatedList(33, 80, "train"), eval: generatedList(33, 80, "eval") } });
    const found = configRules(run).filter((p) => p.rule === "class-count-mismatch");
    expect(found.map((p) => [p.severity, p.line])).toEqual([["error", lineOf(text, "Arch:")]]);
    expect(found[0]!.message).toBe(
      "`Arch.class_num` is not set: MobileNetV1 is built with its own default, 1000 outputs for the classification backbones PaddleClas ships (e.g. ppcls/arch/backbone/legendary_models/mobilenet_v1.py:114), while the lists have 33 classes: the model outputs [B, 1000] for targets [B, 33], and the loss fails at the first batch",
    );
    expect(found[0]!.suggestion).toBe("add `class_num: 33` under Arch");
    // 1000-class lists are what the default builds: nothing to say.
    const thousand = await lintLaidOut(text, { lists: { train: generatedList(1000, 80, "train"), eval: generatedList(1000, 80, "eval") } });
    expect(configRules(thousand).filter((p) => p.rule === "class-count-mismatch")).toEqual([]);
  });

  it.each([
    ["abc", "'abc'"],
    ["null", "None"],
    ["0", "0"],
    ["-1", "-1"],
    ['"033"', "'033'"],
    ["[33]", "[33]"],
  ])("MobileNetV1 with class_num: %s is an error where the model is built", async (written, shown) => {
    const text = realConfig("mobilenet").replace(/\n  class_num: 33/, `\n  class_num: ${written}`);
    const run = await lintLaidOut(text, { lists: { train: generatedList(33, 80, "train"), eval: generatedList(33, 80, "eval") } });
    const found = configRules(run).filter((p) => p.rule === "class-count-mismatch");
    expect(found.map((p) => [p.severity, p.line])).toEqual([["error", lineOf(text, "class_num:")]]);
    expect(found[0]!.message).toContain(`\`Arch.class_num\` is ${shown}: MobileNetV1 is built with class_num=${shown}`);
  });

  // PyYAML reads 33.0 (and 3.3e+1) as a float, and create_attr_dict's literal_eval makes "33.0" one: Paddle builds a
  // layer's weight only from int sizes (CastPyArg2VectorOfInt, paddle/fluid/pybind/eager_utils.cc). 0x21 is the int 33.
  it.each([
    ["33.0", "33.0"],
    ["'33.0'", "33.0"],
    ["3.3e+1", "3.3e+1"],
    ["33.", "33."],
  ])("MobileNetV1 with class_num: %s, a float to PaddleClas, is an error where the model is built", async (written, shown) => {
    const text = realConfig("mobilenet").replace(/\n  class_num: 33/, `\n  class_num: ${written}`);
    const run = await lintLaidOut(text, { lists: { train: generatedList(33, 80, "train"), eval: generatedList(33, 80, "eval") } });
    const found = configRules(run).filter((p) => p.rule === "class-count-mismatch");
    expect(found.map((p) => [p.severity, p.line])).toEqual([["error", lineOf(text, "class_num:")]]);
    expect(found[0]!.message).toContain(`\`Arch.class_num\` is ${shown}, a float to PaddleClas: MobileNetV1 is built with class_num=${shown}`);
    expect(found[0]!.message).toContain("must be list of int, but got float");
    expect(found[0]!.suggestion).toBe("write it as an int: `class_num: 33`");
  });

  it.each(["0x21", "'33'", "+33", "3_3"])("MobileNetV1 with class_num: %s, the int 33 to PaddleClas, passes", async (written) => {
    const text = realConfig("mobilenet").replace(/\n  class_num: 33/, `\n  class_num: ${written}`);
    const run = await lintLaidOut(text, { lists: { train: generatedList(33, 80, "train"), eval: generatedList(33, 80, "eval") } });
    expect(configRules(run).filter((p) => p.severity === "error")).toEqual([]);
  });

  it("MobileNetV1 takes its class names from the real class-id map", async () => {
    const run = await lintLaidOut(realConfig("mobilenet"));
    expect(run.files[0]!.classNames?.[0]).toBe("airport");
    expect(run.files[0]!.classNames).toHaveLength(33);
  });

  it("MobileNetV1 with weight_ratio: True added to the train loss: one LL601, with the reasoning and the edit", async () => {
    const text = realConfig("mobilenet").replace("  Train:\n    - MultiLabelLoss:\n        weight: 1.0\n", "  Train:\n    - MultiLabelLoss:\n        weight: 1.0\n        weight_ratio: True\n");
    const run = await lintLaidOut(text);
    const found = ll6(run);
    expect(found.map((p) => [p.code, p.line])).toEqual([["LL601", lineOf(text, "weight_ratio")]]);
    expect(found[0]!.message).toBe(
      "`Loss.Train[0].MultiLabelLoss.weight_ratio: True` needs 3-D targets, but `DataLoader.Train.dataset.label_ratio` is not set, so targets are `[B, 33]`: training fails with 'Too many indices (3) for tensor of dimension 2' (the loss reads target[:, 0, :] and target[:, 1, :])",
    );
    expect(found[0]!.suggestion).toBe("set `label_ratio: True` under DataLoader.Train.dataset (targets become [B, 2, 33]), or remove `weight_ratio`");
  });

  it("PULC person attribute without label_ratio: weight_ratio and ATTRMetric are reported", async () => {
    const text = realConfig("person").replace(/\n      label_ratio: True/g, "");
    const found = ll6(await lintLaidOut(text));
    expect(found.map((p) => [p.code, p.line])).toEqual([
      ["LL601", lineOf(text, "weight_ratio")],
      ["LL601", lineOf(text, "weight_ratio", lineOf(text, "weight_ratio"))],
      ["LL601", lineOf(text, "ATTRMetric")],
    ]);
    expect(found[2]!.message).toContain("`Metric.Eval[0].ATTRMetric` needs 3-D targets");
  });

  it("ML-Decoder with label_ratio on Eval: MultiLabelMAP and the asymmetric loss are reported", async () => {
    const text = realConfig("mldecoder").replace("      cls_label_path: dataset/coco_ml/val.txt", "      cls_label_path: dataset/coco_ml/val.txt\n      label_ratio: True");
    const found = ll6(await lintLaidOut(text));
    expect(found.map((p) => p.message.slice(0, p.message.indexOf("` needs")))).toEqual(["`Loss.Eval[0].MultiLabelAsymmetricLoss", "`Metric.Eval[0].MultiLabelMAP"]);
  });

  it("MobileNetV1 without use_multilabel: LL602", async () => {
    const text = realConfig("mobilenet").replace("  use_multilabel: True\n", "");
    expect(ll6(await lintLaidOut(text)).map((p) => p.code)).toEqual(["LL602"]);
  });

  it("MobileNetV1 with epsilon: 1.5: LL603", async () => {
    const text = realConfig("mobilenet").replace("  Train:\n    - MultiLabelLoss:\n        weight: 1.0\n", "  Train:\n    - MultiLabelLoss:\n        weight: 1.0\n        epsilon: 1.5\n");
    expect(ll6(await lintLaidOut(text)).map((p) => [p.code, p.line])).toEqual([["LL603", lineOf(text, "epsilon: 1.5")]]);
  });

  it("−1 labels: MobileNetV1 (no mask) is LL604 per loss, PULC (weight_ratio masks) is not, PULC with epsilon is", async () => {
    const quiet = { rules: { "signed-encoding": "off" as const } };
    const mobile = await lintLaidOut(realConfig("mobilenet"), { signed: true }, quiet);
    expect(ll6(mobile).map((p) => p.code)).toEqual(["LL604", "LL604"]);
    expect(ll6(await lintLaidOut(realConfig("person"), { signed: true }, quiet))).toEqual([]);
    const smoothed = realConfig("person").replace("        weight_ratio: True\n        size_sum: True\n  Eval", "        weight_ratio: True\n        size_sum: True\n        epsilon: 0.1\n  Eval");
    expect(ll6(await lintLaidOut(smoothed, { signed: true }, quiet)).map((p) => p.code)).toEqual(["LL604"]);
  });

  it("a list of fewer rows than one batch under drop_last: True yields no batch: an error on that list only (PULC person: Train drops its last batch of 64, Eval does not)", async () => {
    // paddle.io's DistributedBatchSampler: num_samples // batch_size batches with drop_last; 40 // 64 = 0.
    const run = await lintLaidOut(realConfig("person"), { rows: 40 });
    const found = run.files.map((f) => f.problems.filter((p) => p.rule === "no-rows").map((p) => [p.severity, p.message]));
    expect(found).toEqual([
      [["error", "the list has 40 rows, fewer than one batch of 64 (DataLoader.Train.sampler in config.yaml has drop_last: True): the sampler yields no batch, so training takes no step (the model stays as initialised): paddle.io's DistributedBatchSampler makes num_samples // batch_size batches with drop_last, 0 here, and nothing fails"]],
      [],
    ]);
    // One full batch is enough; MobileNetV1 keeps its last batch (drop_last: False), so 40 rows train.
    expect((await lintLaidOut(realConfig("person"), { rows: 64 })).files.flatMap((f) => f.problems.filter((p) => p.rule === "no-rows"))).toEqual([]);
    expect((await lintLaidOut(realConfig("mobilenet"), { rows: 40 })).files.flatMap((f) => f.problems.filter((p) => p.rule === "no-rows"))).toEqual([]);
    // The Eval sampler's own drop_last counts for the eval list.
    const evalDrops = realConfig("person").replace(/(  Eval:\n(?:.*\n)*?\s+drop_last: )False/, "$1True");
    const evalRun = await lintLaidOut(evalDrops, { rows: 40 });
    expect(evalRun.files[1]!.problems.find((p) => p.rule === "no-rows")?.message).toMatch(/^the list has 40 rows, fewer than one batch of 64 \(DataLoader\.Eval\.sampler in config\.yaml has drop_last: True\): the sampler yields no batch, so evaluation sees no sample/);
  });

  it("−1 labels under PULC's masking loss are a warning that says so, not an error", async () => {
    const run = await lintLaidOut(realConfig("person"), { signed: true });
    expect(errors(run)).toEqual([]);
    const found = run.files.flatMap((f) => f.problems.filter((p) => p.rule === "signed-encoding"));
    expect(found.map((p) => p.severity)).toEqual(["warn", "warn"]);
    expect(found[0]!.message).toContain("Loss.Train[0].MultiLabelLoss.weight_ratio in config.yaml masks -1 targets");
    // MobileNetV1's plain loss does not mask: an error in the list and in the config.
    const mobile = await lintLaidOut(realConfig("mobilenet"), { signed: true });
    expect(mobile.files[0]!.problems.find((p) => p.rule === "signed-encoding")?.severity).toBe("error");
  });

  it("with the checkout's PR #2973 loss: MobileNetV1 (2-D) is LL605, PULC (3-D) is not", async () => {
    const files = { "ppcls/loss/multilabelloss.py": lossSource(true) };
    expect(ll6(await lintLaidOut(realConfig("mobilenet"), { files })).map((p) => p.code)).toEqual(["LL605"]);
    expect(ll6(await lintLaidOut(realConfig("person"), { files }))).toEqual([]);
    expect(ll6(await lintLaidOut(realConfig("mobilenet"), { files: { "ppcls/loss/multilabelloss.py": lossSource(false) } }))).toEqual([]);
  });

  it("cross-checks the two lists: leakage, a class missing from eval, a distribution shift, the width against class_num", async () => {
    const C = 26;
    const train = generatedList(C, 60, "train");
    // eval: the first train image again, and class 5 never positive
    const evalRows = generatedList(C, 60, "eval").replace(/^(\S+\t)((?:[01],){5})1/gm, "$1$20");
    const leaked = `${train.split("\n")[0]}\n${evalRows}`;
    const run = await lintLaidOut(realConfig("person"), { lists: { train, eval: leaked } });
    const evalFile = run.files[1]!;
    expect(evalFile.counts["split-leakage"]).toBe(1);
    expect(evalFile.counts["class-missing-in-split"]).toBe(1);
    expect(evalFile.counts["label-distribution-shift"]).toBe(1);
    const wide = await lintLaidOut(realConfig("person"), { lists: { train: generatedList(27, 60, "train") } });
    expect(wide.files[0]!.counts["class-count-mismatch"]).toBe(1);
    expect(wide.files[0]!.counts["label-count"]).toBeUndefined();
  });
});

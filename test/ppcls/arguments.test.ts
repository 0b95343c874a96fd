import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { argumentProblems, fixesImageSize, globalProblems, optimizerSignatures, signatures, signaturesCommit, type ArgumentProblem, type Family } from "../../src/ppcls/arguments.js";
import { PpclsConfig } from "../../src/ppcls/config.js";
import { SHARED } from "../shared.js";

const FAMILIES: Family[] = ["dataset", "sampler", "loss", "metric"];

/**
 * The problems of a config made of `lines`, as `[kind, key path, exception?]`. Its datasets mostly give
 * no transform_ops (or start them with the operator under test), so the finding that no DecodeImage
 * comes first is left out here: "argumentProblems: decoding" tests it.
 */
function problems(...lines: string[]): [string, string, string?][] {
  const config = PpclsConfig.parse(`${lines.join("\n")}\n`, "/", "c.yaml");
  return withoutDecoding(argumentProblems(config)).map((p: ArgumentProblem) => [p.kind, p.at.join("."), ...("exception" in p ? [p.exception] : [])] as [string, string, string?]);
}

const withoutDecoding = (list: ArgumentProblem[]): ArgumentProblem[] => list.filter((p) => p.kind !== "undecoded");

const LOADER = ["    sampler:", "      batch_size: 8", "      drop_last: False", "      shuffle: True", "    loader:", "      num_workers: 0", "      use_shared_memory: False"];
const DATASET = ["    dataset:", "      name: MultiLabelDataset", "      image_root: ./", "      cls_label_path: ./train.txt"];

describe("PaddleClas signatures (schemas/ppcls)", () => {
  it("know MultiLabelDataset's arguments from CommonDataset.__init__, which it inherits", () => {
    expect(signatures("dataset").get("MultiLabelDataset")).toEqual({
      source: "ppcls/data/dataloader/common_dataset.py",
      line: 49,
      inherits: "CommonDataset",
      takes: ["image_root", "cls_label_path", "transform_ops", "label_ratio"],
      required: ["image_root", "cls_label_path"],
    });
    expect(signatures("dataset").get("ImageNetDataset")?.takes).toContain("delimiter");
    expect(signatures("dataset").get("MLClsDataset")).toMatchObject({ class: "MultiLabelDataset", inherits: "CommonDataset" });
  });

  it("leave out what PaddleClas passes a sampler itself", () => {
    expect(signatures("sampler").get("DistributedBatchSampler")).toMatchObject({
      repo: "PaddlePaddle/Paddle",
      takes: ["batch_size", "num_replicas", "rank", "shuffle", "drop_last"],
      required: ["batch_size"],
      passedByPaddleClas: ["dataset"],
    });
    expect(signatures("sampler").get("PKSampler")?.passedByPaddleClas).toEqual(["dataset", "total_epochs"]);
    expect(signatures("sampler").get("MultiScaleSampler")?.passedByPaddleClas).toEqual(["data_source"]);
  });

  it("make weight a loss's own requirement (CombinedLoss asserts it) and know the multi-label losses and metrics", () => {
    expect(signatures("loss").get("MultiLabelLoss")).toMatchObject({ source: "ppcls/loss/multilabelloss.py", takes: ["epsilon", "size_sum", "weight_ratio"], required: ["weight"] });
    expect(signatures("loss").get("MultiLabelAsymmetricLoss")?.takes).toEqual(["gamma_pos", "gamma_neg", "clip", "epsilon", "disable_focal_loss_grad", "reduction"]);
    expect(signatures("loss").get("MixCELoss")?.raises?.exception).toBe("DeprecationWarning");
    expect(signatures("metric").get("HammingDistance")?.takes).toEqual([]);
    expect(signatures("metric").get("MultiLabelMAP")?.takes).toEqual(["map_type"]);
    expect(signatures("metric").get("ATTRMetric")?.takes).toEqual(["threshold"]);
    // Defined in ppcls/metric/metrics.py but not imported where CombinedMetrics looks names up.
    expect(signatures("metric").has("MultiLabelMetric")).toBe(false);
  });

  it.each(FAMILIES)("cite a source line for every %s, and require only what it takes", (family) => {
    const all = [...signatures(family)];
    expect(all.length).toBeGreaterThan(0);
    for (const [name, s] of all) {
      expect(s.line, name).toBeGreaterThan(0);
      expect(s.source, name).toMatch(/\.py$/);
      for (const r of s.required) expect(s.takes.includes(r) || r === "weight" || s.anyKey, `${name} requires ${r}`).toBeTruthy();
    }
  });

  it("know each optimizer's, lr schedule's and regularizer's constructor, without what build_optimizer passes itself", () => {
    expect(optimizerSignatures("optimizers").get("Momentum")).toEqual({
      source: "ppcls/optimizer/optimizer.py",
      line: 88,
      takes: ["momentum", "weight_decay", "use_nesterov", "multi_precision", "no_weight_decay_name", "one_dim_param_no_weight_decay"],
      required: ["momentum"],
      passedByPaddleClas: ["learning_rate", "grad_clip"],
    });
    // RMSProp's learning_rate has no default, but build_optimizer always passes it.
    expect(optimizerSignatures("optimizers").get("RMSProp")?.required).toEqual([]);
    expect(optimizerSignatures("optimizers").get("AdamW")?.anyKey).toBe(true);
    expect(optimizerSignatures("schedules").get("Piecewise")).toMatchObject({ line: 397, required: ["decay_epochs", "values"], passedByPaddleClas: ["epochs", "step_each_epoch"], anyKey: true });
    expect(optimizerSignatures("schedules").get("Cyclic")).toMatchObject({ required: ["base_learning_rate", "max_learning_rate", "warmup_epoch", "warmup_start_lr", "step_size_up"] });
    expect(optimizerSignatures("schedules").get("Cyclic")?.anyKey).toBeUndefined();
    expect([...optimizerSignatures("regularizers").keys()]).toEqual(["L1Decay", "L2Decay"]);
    expect(optimizerSignatures("regularizers").get("L2Decay")).toMatchObject({ repo: "PaddlePaddle/Paddle", source: "python/paddle/regularizer.py", takes: ["coeff"], required: [] });
  });

  it.each(["optimizers", "schedules", "regularizers"] as const)("cite a source line for every one of the %s, and require only what it takes", (group) => {
    const all = [...optimizerSignatures(group)];
    expect(all.length).toBeGreaterThan(1);
    for (const [name, s] of all) {
      expect(s.line, name).toBeGreaterThan(0);
      expect(s.source, name).toMatch(/\.py$/);
      for (const r of s.required) expect(s.takes, `${name} requires ${r}`).toContain(r);
    }
  });

  it.skipIf(!existsSync(join(SHARED, "data", "paddleclas", "SOURCES.md")))("come from the PaddleClas commit of the real configs tested with", () => {
    expect(signaturesCommit()).toMatch(/^[0-9a-f]{40}$/);
    expect(readFileSync(join(SHARED, "data", "paddleclas", "SOURCES.md"), "utf8")).toContain(signaturesCommit());
  });
});

describe("argumentProblems", () => {
  it("finds nothing in a config PaddleClas builds", () => {
    expect(problems("DataLoader:", "  Train:", ...DATASET, ...LOADER, "Loss:", "  Train:", "    - MultiLabelLoss:", "        weight: 1.0", "Metric:", "  Eval:", "    - HammingDistance:")).toEqual([]);
  });

  it("names the exception build_dataloader raises on a section that is not a mapping", () => {
    const split = (part: string, value: string) => {
      const lines = ["DataLoader:", "  Train:", ...DATASET, ...LOADER];
      const start = lines.indexOf(`    ${part}:`);
      let end = start + 1;
      while (end < lines.length && lines[end]!.startsWith("      ")) end++;
      lines.splice(start, end - start, `    ${part}: ${value}`);
      return problems(...lines);
    };
    expect(split("dataset", "null")).toEqual([["not-a-mapping", "DataLoader.Train.dataset", "AttributeError"]]);
    expect(split("dataset", "[a]")).toEqual([["not-a-mapping", "DataLoader.Train.dataset", "TypeError"]]);
    expect(split("sampler", "null")).toEqual([["not-a-mapping", "DataLoader.Train.sampler", "AttributeError"]]);
    expect(split("sampler", "fast")).toEqual([["not-a-mapping", "DataLoader.Train.sampler", "TypeError"]]);
    expect(split("loader", "null")).toEqual([["not-a-mapping", "DataLoader.Train.loader", "TypeError"]]);
  });

  it("names the exception CombinedLoss and CombinedMetrics raise on an entry", () => {
    const loss = (...entry: string[]) => problems("Loss:", "  Train:", ...entry);
    expect(loss("    - MultiLabelLoss: [1]")).toEqual([["not-a-mapping", "Loss.Train.0.MultiLabelLoss", "AssertionError"]]);
    expect(loss("    - MultiLabelLoss: 1")).toEqual([["not-a-mapping", "Loss.Train.0.MultiLabelLoss", "TypeError"]]);
    expect(loss("    - MultiLabelLoss")).toEqual([["entry-shape", "Loss.Train.0"]]);
    expect(loss("    - CenterLoss:")).toEqual([
      ["missing-argument", "Loss.Train.0.CenterLoss", "TypeError"],
      ["missing-argument", "Loss.Train.0.CenterLoss", "TypeError"],
      ["missing-argument", "Loss.Train.0.CenterLoss", "TypeError"],
    ]);
    expect(problems("Metric:", "  Eval:", "    - TopkAcc: 5")).toEqual([["not-a-mapping", "Metric.Eval.0.TopkAcc", "TypeError"]]);
    // A null or empty Metric.Train builds nothing; a null Loss.Eval neither.
    expect(problems("Metric:", "  Train:", "Loss:", "  Eval:")).toEqual([]);
    expect(problems("Metric:", "  Train: []", "  Eval: []")).toEqual([]);
  });

  it("names what eval() raises for a class name it cannot find", () => {
    const named = (name: string) => problems("DataLoader:", "  Train:", "    dataset:", `      name: ${name}`, "      image_root: ./", "      cls_label_path: ./t.txt", ...LOADER);
    expect(named("Nope")).toEqual([["unknown-class", "DataLoader.Train.dataset.name", "NameError"]]);
    expect(named("Multi Label Dataset")).toEqual([["unknown-class", "DataLoader.Train.dataset.name", "SyntaxError"]]);
    expect(named("3")).toEqual([["unknown-class", "DataLoader.Train.dataset.name", "TypeError"]]);
    expect(problems("Loss:", "  Eval:", "    - multi label loss:", "        weight: 1.0")).toEqual([["unknown-class", "Loss.Eval.0.multi label loss", "SyntaxError"]]);
  });

  it("checks the arguments of each Optimizer item, its lr schedule and its regularizer, pointing at the key", () => {
    const optimizer = (...lines: string[]) =>
      // globalProblems reads the sections a run builds only once there is a Global section.
      globalProblems(PpclsConfig.parse(`Global: {}\n${lines.join("\n")}\n`, "/", "c.yaml"))
        .filter((p) => p.at[0] === "Optimizer")
        .map((p) => [p.kind, p.at.join("."), p.building, "argument" in p ? p.argument : "value" in p ? p.value : "", ...("didYouMean" in p ? [p.didYouMean] : [])]);
    const LR = ["    lr:", "      name: Cosine", "      learning_rate: 0.1"];
    expect(optimizer("Optimizer:", "  name: Momentum", "  momentum: 0.9", ...LR.map((l) => l.slice(2)))).toEqual([]);
    expect(
      optimizer(
        "Optimizer:",
        "  - Momentum:",
        "      scope: backbone",
        "      momentum: 0.9",
        "      name: Momentum",
        "      learning_rate: 0.1",
        "      regularizer: {name: L2, coef: 0.1}",
        "      lr: {name: Piecewise, values: [0.1, 0.01], decay_epoch: [30]}",
        "  - AdamW:",
        "      scope: head",
        "      whatever: 1",
        "      regularizer: null",
        "      lr: {name: OneCycleLR, max_learning_rate: 0.1, epochs: 3, step_each_epoch: 9}",
      ),
    ).toEqual([
      // Piecewise's **kwargs takes decay_epoch without a word: the missing decay_epochs is the TypeError.
      ["missing-argument", "Optimizer.0.Momentum.lr.name", "Optimizer[0].Momentum.lr", "decay_epochs", "decay_epoch"],
      ["unknown-argument", "Optimizer.0.Momentum.regularizer.coef", "Optimizer[0].Momentum.regularizer", "coef", "coeff"],
      ["bad-value", "Optimizer.0.Momentum.learning_rate", "Optimizer[0].Momentum", "0.1"],
      // Only the mapping form pops the name: in a list item it is passed on.
      ["unknown-argument", "Optimizer.0.Momentum.name", "Optimizer[0].Momentum", "name"],
      // AdamW takes **args, regularizer=None among them; OneCycleLR's epochs and step_each_epoch are replaced by PaddleClas's.
      // Without a weight_decay, PaddleClas's AdamW hands Paddle's None, which it refuses (a float only).
      ["missing-key", "Optimizer.1.AdamW", "Optimizer[1].AdamW", ""],
    ]);
    // A regularizer that is not a mapping, or named with something that is not text.
    const regularizer = (value: string) => optimizer("Optimizer:", "  name: Momentum", "  momentum: 0.9", "  lr: {name: Cosine, learning_rate: 0.1}", `  regularizer: ${value}`).map((p) => p.slice(0, 2));
    expect(regularizer("[L2]")).toEqual([["not-a-mapping", "Optimizer.regularizer"]]);
    expect(regularizer("0.0001")).toEqual([["not-a-mapping", "Optimizer.regularizer"]]);
    expect(regularizer("{name: 2}")).toEqual([["bad-value", "Optimizer.regularizer.name"]]);
    expect(regularizer("{name: L2, coeff: 0.1}")).toEqual([]);
  });

  it("leaves DataLoader alone with DALI, and DataLoader.Eval in retrieval mode", () => {
    const broken = ["DataLoader:", "  Train:", "    dataset:", "      name: Nope", "  Eval:", "    Gallery:", "      dataset: {}"];
    expect(problems("Global:", "  use_dali: True", ...broken)).toEqual([]);
    expect(problems("Global:", "  eval_mode: retrieval", ...broken).map((p) => p[1])).toEqual(["DataLoader.Train.dataset.name", "DataLoader.Train", "DataLoader.Train"]);
  });
});

describe("argumentProblems: transform_ops and batch_transform_ops operators", () => {
  /** The problems of a MultiLabelDataset whose dataset mapping holds `ops` (each line indented under the dataset). */
  // With a class_num: build_dataloader passes Arch's to the batch operators, which raise without one.
  const ops = (...ops: string[]) => problems("Arch:", "  class_num: 4", "DataLoader:", "  Train:", ...DATASET, ...ops.map((l) => `      ${l}`), ...LOADER);
  /** The full problems, for messages' facts (did-you-mean, signature). */
  const full = (...ops: string[]) =>
    withoutDecoding(argumentProblems(PpclsConfig.parse(`${["Arch:", "  class_num: 4", "DataLoader:", "  Train:", ...DATASET, ...ops.map((l) => `      ${l}`), ...LOADER].join("\n")}\n`, "/", "c.yaml")));

  it("knows the operators ppcls.data.preprocess binds, the wrappers' base arguments, and Paddle's classes by name only", () => {
    const t = signatures("transform");
    expect(t.get("RandFlipImage")).toEqual({ source: "ppcls/data/preprocess/ops/operators.py", line: 534, takes: ["flip_code"], required: [] });
    // AutoAugment(*args, **kwargs) passes them on to ImageNetPolicy(fillcolor=…).
    expect(t.get("AutoAugment")?.takes).toEqual(["fillcolor"]);
    expect(t.get("TimmAutoAugment")?.takes).toEqual(["prob", "config_str", "interpolation", "img_size", "mean"]);
    expect(t.get("Pad_paddle_vision")).toMatchObject({ external: "paddle.vision.transforms.Pad", anyKey: true });
    expect(t.get("ColorJitter")).toMatchObject({ external: "paddle.vision.transforms.ColorJitter", anyKey: true });
    expect(t.get("MixupOperator")).toMatchObject({ required: ["class_num"], classNum: true });
    // Defined in ppcls/data/preprocess/ops/operators.py, no longer imported where getattr looks.
    expect(t.has("BlurImage")).toBe(false);
  });

  it("finds nothing in the operators the real configs use", () => {
    expect(
      ops(
        "transform_ops:",
        "  - DecodeImage:",
        "      to_rgb: True",
        "      channel_first: False",
        "  - RandCropImage:",
        "      size: 224",
        "  - RandFlipImage:",
        "  - TimmAutoAugment:",
        "      prob: 0.0",
        "      config_str: rand-m9-mstd0.5-inc1",
        "  - Pad_paddle_vision:",
        "      padding: 4",
        "  - NormalizeImage:",
        "      scale: 1.0/255.0",
        "      order: ''",
        "batch_transform_ops:",
        "  - MixupOperator:",
        "      alpha: 0.2",
        "  - OpSampler:",
        "      MixupOperator:",
        "        alpha: 0.8",
        "        prob: 0.5",
      ),
    ).toEqual([]);
  });

  it("reports an operator getattr cannot find, with the nearest name", () => {
    expect(ops("transform_ops:", "  - ResizeImge:", "      size: 224")).toEqual([["unknown-class", "DataLoader.Train.dataset.transform_ops.0.ResizeImge", "AttributeError"]]);
    expect(full("transform_ops:", "  - ResizeImge:")[0]).toMatchObject({ family: "transform", didYouMean: "ResizeImage" });
    // A function or module the namespace binds is found, and the call raises TypeError.
    expect(ops("transform_ops:", "  - transform:")).toEqual([["unknown-class", "DataLoader.Train.dataset.transform_ops.0.transform", "TypeError"]]);
    expect(ops("batch_transform_ops:", "  - MixUpOperator:")).toEqual([["unknown-class", "DataLoader.Train.dataset.batch_transform_ops.0.MixUpOperator", "AttributeError"]]);
  });

  it("reports an argument the operator's __init__ does not take, and one it needs", () => {
    expect(ops("transform_ops:", "  - RandFlipImage:", "      flip_cod: 1")).toEqual([["unknown-argument", "DataLoader.Train.dataset.transform_ops.0.RandFlipImage.flip_cod"]]);
    const [typo] = full("transform_ops:", "  - RandFlipImage:", "      flip_cod: 1");
    expect(typo).toMatchObject({ className: "RandFlipImage", didYouMean: "flip_code", signature: { source: "ppcls/data/preprocess/ops/operators.py", line: 534 } });
    expect(ops("transform_ops:", "  - RandAugment:", "      num_layer: 2")).toEqual([["unknown-argument", "DataLoader.Train.dataset.transform_ops.0.RandAugment.num_layer"]]);
    expect(ops("transform_ops:", "  - CropImage:")).toEqual([["missing-argument", "DataLoader.Train.dataset.transform_ops.0.CropImage", "TypeError"]]);
    // Paddle's own classes: any argument (not read from Paddle).
    expect(ops("transform_ops:", "  - Resize:", "      anything: 1")).toEqual([]);
  });

  it("fills in class_num for batch operators only, as the batch create_operators does", () => {
    expect(ops("batch_transform_ops:", "  - CutmixOperator:", "      alpha: 0.2")).toEqual([]);
    expect(ops("batch_transform_ops:", "  - CutmixOperator:")).toEqual([]);
    expect(ops("batch_transform_ops:", "  - CutmixOperator:", "      alpah: 0.2")).toEqual([["unknown-argument", "DataLoader.Train.dataset.batch_transform_ops.0.CutmixOperator.alpah"]]);
    // param.update({"class_num": …}) on a list.
    expect(ops("batch_transform_ops:", "  - CutmixOperator: [0.2]")).toEqual([["not-a-mapping", "DataLoader.Train.dataset.batch_transform_ops.0.CutmixOperator", "AttributeError"]]);
    // common_dataset.create_operators passes no class_num.
    expect(ops("transform_ops:", "  - MixupOperator:", "      alpha: 0.2")).toEqual([["missing-argument", "DataLoader.Train.dataset.transform_ops.0.MixupOperator", "TypeError"]]);
  });

  it("asserts a list of one-key entries where PaddleClas does", () => {
    expect(ops("transform_ops: DecodeImage")).toEqual([["not-a-list", "DataLoader.Train.dataset.transform_ops"]]);
    expect(ops("transform_ops:", "  - DecodeImage:", "    to_rgb: True")).toEqual([["entry-shape", "DataLoader.Train.dataset.transform_ops.0"]]);
    expect(ops("transform_ops:", "  - RandomErasing: [0.5]")).toEqual([["not-a-mapping", "DataLoader.Train.dataset.transform_ops.0.RandomErasing", "TypeError"]]);
    // None builds no operators; a batch_transform_ops that is not a list is ignored (build_dataloader tests isinstance).
    expect(ops("transform_ops: null")).toEqual([]);
    expect(ops("batch_transform_ops: MixupOperator")).toEqual([]);
  });

  it("follows each dataset's own operator lists: Cifar10's weak and strong ones, an 'if transform_ops:' guard", () => {
    const dataset = (name: string, ...rest: string[]) => problems("DataLoader:", "  Train:", "    dataset:", `      name: ${name}`, ...rest.map((l) => `      ${l}`), ...LOADER);
    expect(dataset("Cifar10", "transform_ops_weak:", "  - Nope:")).toEqual([["unknown-class", "DataLoader.Train.dataset.transform_ops_weak.0.Nope", "AttributeError"]]);
    // Market1501 builds its ops under `if transform_ops:`: a false value is skipped, a true non-list asserts.
    const market = ["image_root: ./", "cls_label_path: ./t.txt"];
    expect(dataset("Market1501", ...market, "transform_ops: {}")).toEqual([]);
    expect(dataset("Market1501", ...market, "transform_ops: {DecodeImage: {}}")).toEqual([["not-a-list", "DataLoader.Train.dataset.transform_ops"]]);
    expect(dataset("MultiLabelDataset", ...market, "transform_ops: {}")).toEqual([["not-a-list", "DataLoader.Train.dataset.transform_ops"]]);
    // MultiScaleDataset builds (and rewrites) its ops per batch, in __getitem__: not checked.
    expect(dataset("MultiScaleDataset", ...market, "transform_ops:", "  - Nope:")).toEqual([]);
  });
});

describe("fixesImageSize: whether a dataset's operators give every image one size (batches are stacked with np.stack)", () => {
  const decode = { DecodeImage: null };
  it("a crop or a resize to one size does; the short side alone keeps each image's aspect ratio", () => {
    expect(fixesImageSize([decode, { ResizeImage: { resize_short: 256 } }, { CropImage: { size: 224 } }, { NormalizeImage: { order: "" } }])).toBe(true);
    expect(fixesImageSize([decode, { ResizeImage: { resize_short: 256 } }, { NormalizeImage: { order: "" } }])).toBe(false);
    // resize_short wins over size (ppcls/data/preprocess/ops/operators.py); after one size it keeps one size.
    expect(fixesImageSize([decode, { ResizeImage: { resize_short: 256, size: 224 } }])).toBe(false);
    expect(fixesImageSize([decode, { RandCropImage: { size: 224 } }, { ResizeImage: { resize_short: 256 } }])).toBe(true);
    expect(fixesImageSize([decode, { ResizeImage: { resize_short: 0, size: [224, 224] } }])).toBe(true);
    expect(fixesImageSize([decode, { Resize: { size: [224, 224] } }])).toBe(true);
    expect(fixesImageSize([decode, { Resize: { size: 224 } }])).toBe(false);
  });
  it("Padv2 pads to its size, or to a multiple of size_divisor when it has none", () => {
    expect(fixesImageSize([decode, { Padv2: { size: [212, 276], pad_mode: 1 } }])).toBe(true);
    expect(fixesImageSize([decode, { Padv2: { size: [] } }])).toBe(false);
  });
  it("an operator whose output size it does not know, or an entry of another shape, leaves the question open", () => {
    expect(fixesImageSize([decode, { MyResize: { size: 224 } }])).toBeUndefined();
    expect(fixesImageSize([decode, { RandomRotation: { degrees: 10, expand: true } }])).toBeUndefined();
    expect(fixesImageSize([decode, { ResizeImage: {} }])).toBeUndefined();
    expect(fixesImageSize([decode, { A: null, B: null }])).toBeUndefined();
    expect(fixesImageSize("DecodeImage")).toBeUndefined();
    expect(fixesImageSize([])).toBe(false);
  });
});

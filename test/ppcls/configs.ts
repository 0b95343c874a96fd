import { readFileSync } from "node:fs";
import { join } from "node:path";
import { HAS_SHARED, SHARED } from "../shared.js";

/** A small PaddleClas multi-label config, in the shape of the real ones; each part can be changed. */
export interface ConfigParts {
  classNum?: number;
  /** The value of Global.use_multilabel as written; null leaves the key out. */
  useMultilabel?: string | null;
  /** YAML lines of each loss list entry's options, under `- MultiLabelLoss:` (or `loss` to name another). */
  trainLoss?: string[];
  evalLoss?: string[];
  loss?: string;
  trainRatio?: boolean;
  evalRatio?: boolean;
  trainMetrics?: string[];
  evalMetrics?: string[];
  mapFile?: string;
}

/**
 * Each dataset's transform_ops in {@link ppclsConfig}: MultiLabelDataset hands its operators the image
 * file's bytes, so DecodeImage comes first (ppcls/data/dataloader/common_dataset.py:70-74). A test that
 * gives its own operators replaces this block.
 */
export const TRANSFORMS = [
  "      transform_ops:",
  "        - DecodeImage:",
  "            to_rgb: True",
  "            channel_first: False",
  "        - ResizeImage:",
  "            size: 224",
  "        - NormalizeImage:",
  "            order: ''",
].join("\n") + "\n";

/** YAML text of a config made of `parts` (MobileNetV1_multilabel-like by default: 2-D targets, AccuracyScore + HammingDistance). */
export function ppclsConfig(parts: ConfigParts = {}): string {
  const loss = parts.loss ?? "MultiLabelLoss";
  const lossBlock = (options: string[] = ["weight: 1.0"]) => [`    - ${loss}:`, ...options.map((o) => `        ${o}`)];
  const metrics = (names: string[]) => names.map((m) => `    - ${m}:`);
  // dataset, sampler and loader as PaddleClas's build_dataloader needs them (each section and key is read).
  const dataset = (split: string, ratio: boolean) => [
    "    dataset:",
    "      name: MultiLabelDataset",
    "      image_root: ./dataset/images/",
    `      cls_label_path: ./dataset/${split}_list.txt`,
    ...TRANSFORMS.trimEnd().split("\n"),
    ...(ratio ? ["      label_ratio: True"] : []),
    "    sampler:",
    "      name: DistributedBatchSampler",
    "      batch_size: 64",
    "      drop_last: False",
    `      shuffle: ${split === "train" ? "True" : "False"}`,
    "    loader:",
    "      num_workers: 4",
    "      use_shared_memory: True",
  ];
  const lines = [
    "Global:",
    // The keys a training run reads with config["Global"][key] (PaddleClas's Engine), as the real configs write them.
    "  checkpoints: null",
    "  pretrained_model: null",
    "  output_dir: ./output/",
    "  device: gpu",
    "  save_interval: 1",
    "  eval_during_train: True",
    "  eval_interval: 1",
    "  epochs: 10",
    "  print_batch_step: 10",
    "  use_visualdl: False",
    ...(parts.useMultilabel === null ? [] : [`  use_multilabel: ${parts.useMultilabel ?? "True"}`]),
    "Arch:",
    "  name: MobileNetV1",
    `  class_num: ${parts.classNum ?? 4}`,
    "Loss:",
    "  Train:",
    ...lossBlock(parts.trainLoss),
    "  Eval:",
    ...lossBlock(parts.evalLoss),
    // build_optimizer pops the name and the learning rate (ppcls/optimizer/__init__.py:52, 75).
    "Optimizer:",
    "  name: Momentum",
    "  momentum: 0.9",
    "  lr:",
    "    name: Cosine",
    "    learning_rate: 0.1",
    "DataLoader:",
    "  Train:",
    ...dataset("train", parts.trainRatio ?? false),
    "  Eval:",
    ...dataset("eval", parts.evalRatio ?? false),
    ...(parts.mapFile !== undefined ? ["Infer:", "  PostProcess:", "    name: MultiLabelThreshOutput", `    class_id_map_file: ${parts.mapFile}`] : []),
    "Metric:",
    "  Train:",
    ...metrics(parts.trainMetrics ?? ["AccuracyScore", "HammingDistance"]),
    "  Eval:",
    ...metrics(parts.evalMetrics ?? ["AccuracyScore", "HammingDistance"]),
  ];
  return `${lines.join("\n")}\n`;
}

/** 1-based line of the first line of `text` containing `needle`. */
export function lineOf(text: string, needle: string, from = 0): number {
  const lines = text.split("\n");
  const i = lines.findIndex((l, k) => k >= from && l.includes(needle));
  if (i < 0) throw new Error(`'${needle}' not in the config`);
  return i + 1;
}

/** The real PaddleClas configs (read from the shared data). */
export const REAL_CONFIGS = {
  mobilenet: "quick_start__professional__MobileNetV1_multilabel.yaml",
  person: "PULC__person_attribute__PPLCNet_x1_0.yaml",
  vehicle: "PULC__vehicle_attribute__PPLCNet_x1_0.yaml",
  mldecoder: "MultiLabelCOCO__MLDecoder__ResNet50_ml_decoder_448.yaml",
  strongBaseline: "Attr__StrongBaselineAttr.yaml",
} as const;

export function realConfig(name: keyof typeof REAL_CONFIGS): string {
  if (!HAS_SHARED) return "";
  return readFileSync(join(SHARED, "data", "paddleclas", REAL_CONFIGS[name]), "utf8");
}

/**
 * multilabelloss.py as in PaddleClas PR #2973 (`else:` takes target[:, 0, :]
 * unconditionally) and as fixed by PR #3226 (`elif target.ndim == 3:`) — the
 * lines that matter, in the shape of the real file.
 */
export function lossSource(buggy: boolean): string {
  return [
    "import paddle",
    "import paddle.nn as nn",
    "import paddle.nn.functional as F",
    "",
    "",
    "class MultiLabelLoss(nn.Layer):",
    "    def __init__(self, epsilon=None, size_sum=False, weight_ratio=False):",
    "        super().__init__()",
    "        if epsilon is not None and (epsilon <= 0 or epsilon >= 1):",
    "            epsilon = None",
    "        self.epsilon = epsilon",
    "        self.weight_ratio = weight_ratio",
    "        self.size_sum = size_sum",
    "",
    "    def _binary_crossentropy(self, input, target, class_num):",
    "        if self.weight_ratio:",
    "            target, label_ratio = target[:, 0, :], target[:, 1, :]",
    buggy ? "        else:" : "        elif target.ndim == 3:",
    "            target = target[:, 0, :]",
    "        if self.epsilon is not None:",
    "            target = self._labelsmoothing(target, class_num)",
    "        cost = F.binary_cross_entropy_with_logits(logit=input, label=target, reduction='none')",
    "        return cost",
    "",
  ].join("\n");
}

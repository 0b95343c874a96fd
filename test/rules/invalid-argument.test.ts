import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LintResult } from "../../src/types.js";
import { runRuleTests } from "../rule-tester.js";
import { lineOf, ppclsConfig, TRANSFORMS } from "../ppcls/configs.js";
import { lintLaidOut } from "../ppcls/layout.js";
import { SHARED } from "../shared.js";

/** `text` with `from` replaced by `to`; fails when `from` is not there, so a case cannot silently test the default config. */
function edit(text: string, from: string | RegExp, to: string): string {
  const out = text.replace(from, to);
  if (out === text) throw new Error(`'${String(from)}' not in the config`);
  return out;
}

const base = ppclsConfig();
const TRAIN_DATASET = "      cls_label_path: ./dataset/train_list.txt\n";
/** A last operator that gives every image one size, so batches stack. */
const SIZED = "        - RandCropImage:\n            size: 224\n";
const TRAIN_SAMPLER = "      name: DistributedBatchSampler\n      batch_size: 64\n      drop_last: False\n      shuffle: True\n";
const TRAIN_LOADER = "    loader:\n      num_workers: 4\n      use_shared_memory: True\n  Eval:";
const TRAIN_LOSS = "  Train:\n    - MultiLabelLoss:\n        weight: 1.0\n";
const EVAL_METRICS = "  Eval:\n    - AccuracyScore:\n    - HammingDistance:\n";

/** Every argument each class takes, spelled right (and PaddleClas's own keys: batch_transform_ops, total_epochs). */
const everyArgument = edit(
  edit(
    edit(
      edit(
        ppclsConfig({
          trainRatio: true,
          evalRatio: true,
          trainLoss: ["weight: 1.0", "epsilon: 0.1", "size_sum: True", "weight_ratio: True"],
          evalMetrics: ["ATTRMetric"],
          trainMetrics: [],
        }),
        `${TRAIN_DATASET}${TRANSFORMS}`,
        `${TRAIN_DATASET}      transform_ops:\n        - DecodeImage:\n${SIZED}      batch_transform_ops:\n        - OpSampler:\n`,
      ),
      TRAIN_SAMPLER,
      "      name: DistributedBatchSampler\n      batch_size: 64\n      num_replicas: 1\n      rank: 0\n      drop_last: False\n      shuffle: True\n",
    ),
    "  Eval:\n    - ATTRMetric:\n",
    "  Eval:\n    - ATTRMetric:\n        threshold: 0.5\n    - MultilabelMeanAccuracy:\n        start_threshold: 0.4\n        num_iterations: 10\n        end_threshold: 0.9\n",
  ),
  "  Eval:\n    - MultiLabelLoss:\n        weight: 1.0\n",
  // epsilon as PyYAML reads a float (1e-8 in a loss's list is text, which Paddle's clip refuses).
  "  Eval:\n    - MultiLabelLoss:\n        weight: 0.5\n    - MultiLabelAsymmetricLoss:\n        weight: 0.5\n        gamma_pos: 0\n        gamma_neg: 4\n        clip: 0.05\n        epsilon: 1.0e-8\n        disable_focal_loss_grad: True\n        reduction: sum\n",
);

const mlDecoderMetrics = edit(base, EVAL_METRICS, "  Eval:\n    - MultiLabelMAP:\n        map_type: integral\n    - AccuracyScore:\n        base: label\n").replace(
  "Metric:\n  Train:\n    - AccuracyScore:\n    - HammingDistance:\n",
  "Metric:\n  Train:\n",
);

const anchors = edit(
  edit(base, "    sampler:\n      name: DistributedBatchSampler\n      batch_size: 64", "    sampler: &sampler\n      name: DistributedBatchSampler\n      batch_size: 64"),
  "    sampler:\n      name: DistributedBatchSampler\n      batch_size: 64\n      drop_last: False\n      shuffle: False\n",
  "    sampler:\n      <<: *sampler\n      shuffle: False\n",
);

// OpSampler builds every operator it may draw when the DataLoader is built (batch_operators.py:209-225), drawn or not.
// Each finding below was checked by running PaddleClas d178931's OpSampler.__init__ (paddle stubbed: the constructor does not use it).
const opSampler = (ops: string) => edit(base, TRAIN_DATASET, `${TRAIN_DATASET}      batch_transform_ops:\n        - OpSampler:\n${ops}`);
// The batch operators' constructors (batch_operators.py:77-81, 113-117, 169, 200): alpha above 0, a class_num.
const mixers = (ops: string) => edit(base, TRAIN_DATASET, `${TRAIN_DATASET}      batch_transform_ops:\n${ops}`);
const mixerAlphas = mixers("        - MixupOperator:\n            alpha: 0\n        - CutmixOperator:\n            alpha: '1.0'\n        - OpSampler:\n            MixupOperator:\n              alpha: -0.2\n");
const mixerNoClassNum = edit(mixers("        - FmixOperator:\n        - OpSampler:\n            MixupOperator:\n              prob: 0.5\n"), "  class_num: 4\n", "");
const opSamplerTypo = opSampler("            MixupOperator:\n              alpah: 0.8\n");
const samplerName = opSampler("            Mixupp:\n              alpha: 0.8\n              prob: 0.5\n");
const samplerHybrid = opSampler("            MixupCutmixHybrid:\n              mixup_alpha: 0.8\n              prob: 0.5\n");
const samplerTotal = opSampler("            MixupOperator:\n              prob: 0.7\n            CutmixOperator:\n              prob: 0.5\n");
const samplerProbText = opSampler("            MixupOperator:\n              prob: '0.5'\n");
const samplerNull = opSampler("            MixupOperator:\n            CutmixOperator: cutmix\n");
// What OpSampler accepts: probs adding up to 1 exactly (as Python adds them), class_num (create_operators overwrites it), BatchOperator (takes anything).
const samplerFine = opSampler("            class_num: 4\n            MixupOperator:\n              alpha: 0.8\n              prob: 0.1\n            CutmixOperator:\n              prob: 0.2\n            FmixOperator:\n              prob: 0.7\n            BatchOperator:\n              anything: 1\n");

// Invalid configs: one kind of mistake each.
const delimiter = edit(base, TRAIN_DATASET, `${TRAIN_DATASET}      delimiter: " "\n`);
const labelRation = edit(base, TRAIN_DATASET, `${TRAIN_DATASET}      label_ration: True\n`);
const noImageRoot = edit(base, "      image_root: ./dataset/images/\n      cls_label_path: ./dataset/train_list.txt", "      cls_label_path: ./dataset/train_list.txt");
const imageRoots = edit(base, "      image_root: ./dataset/images/\n      cls_label_path: ./dataset/train_list.txt", "      image_roots: ./dataset/images/\n      cls_label_path: ./dataset/train_list.txt");
// MultiLabelDataset asserts os.path.exists(image_root) and joins it with each path: only a folder's name loads.
const imageRootAs = (value: string) => edit(base, "      image_root: ./dataset/images/\n      cls_label_path: ./dataset/train_list.txt", `      image_root: ${value}\n      cls_label_path: ./dataset/train_list.txt`);
const datasetTypo = edit(base, "      name: MultiLabelDataset\n      image_root: ./dataset/images/\n      cls_label_path: ./dataset/eval_list.txt", "      name: MultiLabelDataSet\n      image_root: ./dataset/images/\n      cls_label_path: ./dataset/eval_list.txt");
const batchsize = edit(base, TRAIN_SAMPLER, "      name: DistributedBatchSampler\n      batchsize: 64\n      drop_last: False\n      shuffle: True\n");
// paddle.io's batch samplers assert isinstance(batch_size, int) and > 0, isinstance(shuffle, bool), isinstance(drop_last, bool).
const samplerFloats = edit(base, TRAIN_SAMPLER, "      name: DistributedBatchSampler\n      batch_size: 64.0\n      drop_last: 0\n      shuffle: 1\n");
const pkFloats = edit(base, TRAIN_SAMPLER, "      name: PKSampler\n      batch_size: 64.0\n      sample_per_id: 2\n      shuffle: 1\n");
const namelessNone = edit(base, TRAIN_SAMPLER, "      batch_size: null\n      drop_last: False\n      shuffle: True\n");
const namelessText = edit(base, TRAIN_SAMPLER, "      batch_size: abc\n      drop_last: False\n      shuffle: no\n");
const samplerInts = edit(base, TRAIN_SAMPLER, "      name: DistributedBatchSampler\n      batch_size: '64'\n      drop_last: off\n      shuffle: yes\n");
const floatWorkers = edit(base, TRAIN_LOADER, "    loader:\n      num_workers: 4.0\n      use_shared_memory: True\n  Eval:");
const negativeWorkers = edit(base, TRAIN_LOADER, "    loader:\n      num_workers: -1\n      use_shared_memory: True\n  Eval:");
// The sizes of the resizing and cropping operators (ppcls/data/preprocess/ops/operators.py): an int or two ints.
// The operators under test between DecodeImage and a crop to one size (which batches need: see `unsized`).
const withOps = (ops: string) => edit(base, `${TRAIN_DATASET}${TRANSFORMS}`, `${TRAIN_DATASET}      transform_ops:\n        - DecodeImage:\n${ops}${SIZED}`);
const badSizes = withOps("        - ResizeImage:\n            size: 224.0\n        - RandCropImage:\n            size: [224.0, 224]\n        - CropImage:\n            size: [224, 224, 3]\n        - RandomCropImage:\n            size: [192.0, 256]\n");
// MultiLabelDataset transposes the image to C×H×W itself: the operators must leave it H×W×C.
const NORMALIZE = "        - NormalizeImage:\n            scale: 1.0/255.0\n            mean: [0.485, 0.456, 0.406]\n            std: [0.229, 0.224, 0.225]\n";
// MultiLabelDataset hands its operators the image file's bytes (common_dataset.py:70-74): DecodeImage first.
// Operators that leave each image at its own size (ResizeImage with resize_short only), batched by 64: np.stack refuses them.
const unsized = edit(base, `${TRAIN_DATASET}${TRANSFORMS}`, `${TRAIN_DATASET}      transform_ops:\n        - DecodeImage:\n        - ResizeImage:\n            resize_short: 256\n${NORMALIZE}            order: ''\n`);
const unsizedEvalOnly = edit(unsized.replace("  eval_during_train: True", "  eval_during_train: False"), "      name: DistributedBatchSampler\n      batch_size: 64\n      drop_last: False\n      shuffle: True\n", "      name: DistributedBatchSampler\n      batch_size: 1\n      drop_last: False\n      shuffle: True\n");
const noTransforms = edit(base, `${TRAIN_DATASET}${TRANSFORMS}`, TRAIN_DATASET);
const emptyTransforms = edit(base, `${TRAIN_DATASET}${TRANSFORMS}`, `${TRAIN_DATASET}      transform_ops: []\n`);
const resizeFirst = edit(base, `${TRAIN_DATASET}${TRANSFORMS}`, `${TRAIN_DATASET}      transform_ops:\n        - ResizeImage:\n            size: 224\n        - DecodeImage:\n${NORMALIZE}            order: ''\n`);

const defaultOrder = withOps(NORMALIZE);
const toChw = withOps(`${NORMALIZE}            order: ''\n        - ToCHWImage:\n`);
const channelFirst = edit(base, `${TRAIN_DATASET}${TRANSFORMS}`, `${TRAIN_DATASET}      transform_ops:\n        - DecodeImage:\n            to_rgb: True\n            channel_first: True\n${NORMALIZE}            order: ''\n${SIZED}`);
const hwcOrder = withOps(`${NORMALIZE}            order: hwc\n`);
// NormalizeImage's values (operators.py:568-620): channel_num in [3, 4], an eval'd text scale, 3 float values for mean and std.
const badNormalize = withOps("        - NormalizeImage:\n            scale: 1/two55\n            mean: [0.5]\n            std: [0.229, abc, 0.225]\n            channel_num: 1\n            order: ''\n");
const nanStd = withOps("        - NormalizeImage:\n            mean: [0.485, 0.456, 0.406]\n            std: [0.229, null, 0.225]\n            order: ''\n");
const zeroStd = withOps("        - NormalizeImage:\n            std: [0, 0.224, 0.225]\n            order: ''\n");
const goodNormalize = withOps("        - NormalizeImage:\n            scale: 0.00392156862745098\n            mean: ['0.485', '0.456', '0.406']\n            std: [[0.229, 0.224, 0.225]]\n            channel_num: 4\n            order: ''\n        - NormalizeImage:\n            scale: '1./255.'\n            channel_num: 3.0\n            order: hwc\n");
// RandomErasing (random_erasing.py): eval'd texts and 1 / r1 when built; range(attempt), the mode's pixels on each image it erases.
const badErasing = withOps("        - RandomErasing:\n            EPSILON: 0.4\n            sh: 1/3.0.\n            r1: 0\n            attempt: 10.0\n            mode: pixels\n");
const constMean = withOps("        - RandomErasing:\n            mean: [0.5]\n");
const goodErasing = withOps("        - RandomErasing:\n            EPSILON: 0.4\n            sl: 0.02\n            sh: 1.0/3.0\n            r1: 0.3\n            attempt: 10\n            use_log_aspect: True\n            mode: pixel\n        - RandomErasing:\n            EPSILON: 0\n            mode: none\n");
// Padv2 (operators.py:343-414): size an int or a list when built, `w, h = size` and int canvas sizes on every image; pad_mode; fill_value per channel.
const badPads = withOps("        - Padv2:\n            size: [276.0, 212]\n            pad_mode: 3\n        - Padv2:\n            size: (276, 212)\n            pad_mode: -1\n            fill_value: [0, 0]\n        - Padv2:\n            pad_mode: 1\n        - Padv2:\n            size: [276, 212]\n            fill_value: null\n");
const goodPads = withOps("        - Padv2:\n            size: [276, 212]\n            pad_mode: 1\n            fill_value: 0\n        - Padv2:\n            size: 288\n            pad_mode: -1\n            offsets: [0, 0]\n            fill_value: [[127.5, 127.5, 127.5]]\n");
// TimmAutoAugment (timm_autoaugment.py:846-875): config_str sections as each family reads them, img_size and mean numbers, prob.
const badTimm = withOps("        - TimmAutoAugment:\n            config_str: rand-m9.5-mstd0.5\n            img_size: '224'\n        - TimmAutoAugment:\n            config_str: auto-mstd0.5\n            prob: high\n        - TimmAutoAugment:\n            config_str: rand-m9-x2\n");
// As PaddleClas's own ppcls/configs/ImageNet/FasterNet/FasterNet_T0.yaml writes it (d178931): None.startswith raises when built.
const nullTimm = withOps("        - TimmAutoAugment:\n            config_str: null\n");
const goodTimm = withOps("        - TimmAutoAugment:\n            prob: 0.8\n            config_str: rand-m9-mstd0.5-inc1\n            interpolation: bicubic\n            img_size: [192, 256]\n        - TimmAutoAugment:\n            config_str: augmix-m5-w4-d2\n        - TimmAutoAugment:\n            config_str: rand--w0-n3\n");
// UnifiedResize under ResizeImage and RandCropImage (operators.py:55-110): backend.lower(), the backend's interpolation table; ResizeImage needs a size.
const badResizers = withOps("        - ResizeImage:\n            size: 224\n            interpolation: linear\n        - RandCropImage:\n            size: 224\n            interpolation: area\n            backend: pil\n        - ResizeImage:\n            size: 224\n            backend: null\n        - ResizeImage:\n            resize_short: 0\n");
const goodResizers = withOps("        - ResizeImage:\n            size: 224\n            interpolation: BICUBIC\n        - ResizeImage:\n            resize_short: 256\n            interpolation: box\n            backend: PIL\n        - RandCropImage:\n            size: 224\n            interpolation: random\n        - ResizeImage:\n            size: 224\n            interpolation: nope\n            backend: torch\n");
// Found by running the operators on random values: sizes and flags every image fails on, and values that only look wrong.
const operatorEdges = withOps("        - ResizeImage:\n        - ResizeImage:\n            size: [0, 224]\n        - ResizeImage:\n            size: 224\n            interpolation: 1.5\n        - ResizeImage:\n            resize_short: 0.5\n        - ResizeImage:\n            resize_short: True\n        - NormalizeImage:\n            scale: [224.0, 224]\n            order: ''\n        - Padv2:\n            size: 1\n        - RandomErasing:\n            sh: -1\n            mean: ['a', 1, 2]\n        - TimmAutoAugment:\n            mean: [0.5, 0.5]\n");
const operatorEdgesThatPass = withOps("        - ResizeImage:\n            size: [276, 212, 3]\n            interpolation: 2\n        - Padv2:\n            size: []\n        - RandomErasing:\n            attempt: 0\n            mode: pixels\n        - TimmAutoAugment:\n            prob: 0\n            mean: []\n");
// RandCropImage's scale and ratio (operators.py:464-489), on every image or on the draws below 0.
const cropShapes = withOps("        - RandCropImage:\n            size: 224\n            ratio: [0.75]\n            scale: [-0.1, 1.0]\n        - RandCropImage:\n            size: 224\n            ratio: [0, 2]\n            use_log_aspect: True\n            scale: 0.08\n");
const cropShapesThatPass = withOps("        - RandCropImage:\n            size: 224\n            ratio: [0, 1.33]\n            scale: [0.08, 1.0, 3]\n");
const flipCodes = withOps("        - RandFlipImage:\n            flip_code: 2\n        - RandFlipImage:\n            flip_code: 1.0\n        - RandFlipImage:\n            flip_code: -1\n");
// CropImage and RandomCropImage slice a width × height window: a side of 0 or below is an empty slice (numpy clamps; nothing raises).
const emptyCrops = withOps("        - CropImage:\n            size: 0\n        - RandomCropImage:\n            size: [224, -1]\n        - CropImage:\n            size: [1, 1]\n");
const goodSizes = withOps("        - RandomCropImage:\n            size: [192, 256]\n        - ResizeImage:\n            resize_short: 256.0\n        - ResizeImage:\n            size: [256, 256]\n        - RandCropImage:\n            size: 224\n        - CropImage:\n            size: [224, 224]\n");
// A float reached through a merge key (`<<: *sampler`) is as much a float as one written in place.
const anchoredFloat = edit(anchors, "    sampler: &sampler\n      name: DistributedBatchSampler\n      batch_size: 64\n", "    sampler: &sampler\n      name: DistributedBatchSampler\n      batch_size: 64.0\n");
const floatEpochs = edit(base, "  epochs: 10\n", "  epochs: 10.0\n");
const namelessSampler = edit(base, TRAIN_SAMPLER, "      batch_size: 64\n      drop_last: False\n");
const emptySampler = edit(base, `    sampler:\n${TRAIN_SAMPLER}`, "    sampler: {}\n");
const noSampler = edit(base, `    sampler:\n${TRAIN_SAMPLER}`, "");
const samplerTypo = edit(base, TRAIN_SAMPLER, "      name: DistributedBatchSampeler\n      batch_size: 64\n      drop_last: False\n      shuffle: True\n");
const numWorker = edit(base, TRAIN_LOADER, "    loader:\n      num_worker: 4\n      use_shared_memory: True\n  Eval:");
const nullLoader = edit(base, TRAIN_LOADER, "    loader:\n  Eval:");
const lossTypo = edit(base, TRAIN_LOSS, "  Train:\n    - MultiLabelLos:\n        weight: 1.0\n");
const noWeight = edit(base, TRAIN_LOSS, "  Train:\n    - MultiLabelLoss:\n        size_sum: True\n");
const bareLoss = edit(base, TRAIN_LOSS, "  Train:\n    - MultiLabelLoss:\n");
const weightRation = edit(base, TRAIN_LOSS, "  Train:\n    - MultiLabelLoss:\n        weight: 1.0\n        weight_ration: True\n");
const flatLoss = edit(base, TRAIN_LOSS, "  Train:\n    - MultiLabelLoss:\n      weight: 1.0\n");
const lossMapping = edit(base, TRAIN_LOSS, "  Train:\n    MultiLabelLoss:\n      weight: 1.0\n");
const hammingThreshold = edit(base, EVAL_METRICS, "  Eval:\n    - AccuracyScore:\n    - HammingDistance:\n        threshold: 0.5\n");
const meanAccuracy = ppclsConfig({ trainRatio: true, evalRatio: true, trainMetrics: [], evalMetrics: ["MultiLabelMeanAccuracy"] });
const distillationAcc = edit(base, EVAL_METRICS, "  Eval:\n    - DistillationTopkAcc:\n        topk: [1, 5]\n");
const nullEvalMetric = edit(base, EVAL_METRICS, "  Eval:\n");
const mixCe = edit(base, TRAIN_LOSS, "  Train:\n    - MixCELoss:\n        weight: 1.0\n");
const evalOnly = edit(base, "  Eval:\n    - MultiLabelLoss:\n        weight: 1.0\n", "  Eval:\n    - MultiLabelLoss:\n        weight: 1.0\n        label_smoothing: 0.1\n");
// Global keys a training run reads with config["Global"][key] (ppcls/engine/engine.py, PaddleClas d178931).
const START_KEYS = ["checkpoints", "pretrained_model", "output_dir", "device", "save_interval", "epochs", "print_batch_step", "use_visualdl"];
const withoutKeys = (keys: string[]) => keys.reduce((text, key) => edit(text, new RegExp(`  ${key}: .*\\n`), ""), base);
const noEvalInterval = withoutKeys(["eval_interval"]);
const evalIntervalZero = edit(base, "  eval_interval: 1\n", "  eval_interval: 0\n");
const minimalGlobal = withoutKeys([...START_KEYS, "eval_during_train", "eval_interval"]);
const outputDirTypo = edit(base, "  output_dir: ./output/\n", "  output_dri: ./output/\n");
const badGlobalValues = edit(edit(edit(edit(base, "  device: gpu\n", "  device: cuda\n"), "  epochs: 10\n", "  epochs: 2.5\n"), "  print_batch_step: 10\n", "  print_batch_step: 0\n"), "  save_interval: 1\n", "  save_interval: None\n");
const noEvalLoader = edit(base, /\n  Eval:\n    dataset:\n(      .*\n|    .*\n)*?(?=Metric:)/, "\n");
const METRICS = "Metric:\n  Train:\n    - AccuracyScore:\n    - HammingDistance:\n  Eval:\n    - AccuracyScore:\n    - HammingDistance:\n";
const noMetric = edit(base, METRICS, "");
const noEvalMetric = edit(base, METRICS, "Metric:\n  Train:\n    - AccuracyScore:\n");
const emptyEvalMetric = edit(base, METRICS, "Metric:\n  Train:\n    - AccuracyScore:\n  Eval: []\n");
const noGlobal = edit(minimalGlobal, /^Global:\n(  .*\n)*/, "");
// The sections a training run builds before its first step (ppcls/engine/engine.py, ppcls/optimizer/__init__.py).
const OPTIMIZER = "Optimizer:\n  name: Momentum\n  momentum: 0.9\n  lr:\n    name: Cosine\n    learning_rate: 0.1\n";
const LOSSES = "Loss:\n  Train:\n    - MultiLabelLoss:\n        weight: 1.0\n  Eval:\n    - MultiLabelLoss:\n        weight: 1.0\n";
const listOptimizer = edit(base, OPTIMIZER, "Optimizer:\n  - Momentum:\n      scope: all\n      momentum: 0.9\n      lr:\n        name: Cosine\n        learning_rate: 0.1\n");
const noOptimizer = edit(base, OPTIMIZER, "");
const optimizerTypo = edit(base, "  name: Momentum\n", "  name: Momentun\n");
const lrNumber = edit(base, "  lr:\n    name: Cosine\n    learning_rate: 0.1\n", "  lr: 0.1\n");
const lrTypo = edit(base, "    name: Cosine\n", "    name: cosine\n");
const lrNameless = edit(base, "    name: Cosine\n    learning_rate: 0.1\n", "    learnig_rate: 0.1\n");
const noScope = edit(listOptimizer, "      scope: all\n", "");
const noLr = edit(base, "  lr:\n    name: Cosine\n    learning_rate: 0.1\n", "");
// The Optimizer's arguments: build_optimizer calls getattr(optimizer, name)(learning_rate=lr, grad_clip=…, **rest).
const LR = "  lr:\n    name: Cosine\n    learning_rate: 0.1\n";
const everyOptimizerKey = edit(
  base,
  OPTIMIZER,
  "Optimizer:\n  name: Momentum\n  scope: all\n  momentum: 0.9\n  use_nesterov: True\n  multi_precision: True\n  no_weight_decay_name: norm\n  one_dim_param_no_weight_decay: True\n  weight_decay: 0.0001\n  clip_norm: 10\n  regularizer:\n    name: L2\n    coeff: 0.0001\n  lr:\n    name: Cosine\n    learning_rate: 0.1\n    eta_min: 0.0\n    warmup_epoch: 5\n    warmup_start_lr: 0.01\n    last_epoch: -1\n    by_epoch: False\n    epochs: 120\n    step_each_epoch: 100\n",
);
// As PaddleClas's ReID configs (reid/MetaBIN_ResNet50_cross_domain.yaml) write it: one optimizer per scope.
const scopedOptimizers = edit(
  base,
  OPTIMIZER,
  "Optimizer:\n  - Momentum:\n      scope: .*(conv|fc)\n      momentum: 0.9\n      lr:\n        name: MultiStepDecay\n        learning_rate: 0.01\n        milestones: [145, 261]\n        gamma: 0.1\n        verbose: False\n      regularizer:\n        name: L2\n        coeff: 0.0005\n  - SGD:\n      scope: backbone.*gate\n      lr:\n        name: Constant\n        learning_rate: 0.2\n        last_epoch: -1\n  - SGD:\n      scope: RecModel\n      lr:\n        name: Cyclic\n        base_learning_rate: 0.001\n        max_learning_rate: 0.1\n        warmup_epoch: 0\n        warmup_start_lr: 1\n        step_size_up: 1095\n",
);
const adamw = edit(base, OPTIMIZER, "Optimizer:\n  name: AdamW\n  beta1: 0.9\n  beta2: 0.999\n  epsilon: 1e-8\n  weight_decay: 0.05\n  clip_grad: 5.0\n  no_weight_decay_name: pos_embed cls_token .bias norm\n  one_dim_param_no_weight_decay: True\n  lr:\n    name: Piecewise\n    learning_rate: 0.1\n    decay_epochs: [30, 60, 90]\n    values: [0.1, 0.01, 0.001, 0.0001]\n    warmup_epoch: 5\n    total_steps: 1000\n");
const momentun = edit(base, "  momentum: 0.9\n", "  momentun: 0.9\n");
const optimizerLearningRate = edit(base, "  momentum: 0.9\n", "  momentum: 0.9\n  learning_rate: 0.1\n  grad_clip: 5\n");
const clipnorm = edit(base, "  momentum: 0.9\n", "  momentum: 0.9\n  clipnorm: 5\n");
// paddle.optimizer.lr.PiecewiseDecay takes one value per segment: one more than decay_epochs (Paddle PR #49987, and its later check).
const piecewise = (epochs: string, values: string, extra = "") => edit(base, LR, `  lr:\n    name: Piecewise\n    decay_epochs: ${epochs}\n    values: ${values}\n${extra}`);
const piecewiseShort = piecewise("[30, 60, 90]", "[0.1, 0.01]");
// PaddleClas's own Attr/StrongBaselineAttr.yaml writes as many values as decay epochs.
const piecewiseEqual = piecewise("[12, 18, 24, 28]", "[0.0001, 0.00001, 0.000001, 0.0000001]");
// After the last boundary PiecewiseDecay returns the last value: the ones between are never used.
const piecewiseLong = piecewise("[30, 60]", "[0.1, 0.01, 0.001, 0.0001]");
const piecewiseLonger = piecewise("[30]", "[0.1, 0.01, 0.001, 0.0001]");
// NormalizeImage keeps a scale of 0 (`scale if scale is not None`) and multiplies every image by it.
const zeroScales = withOps("        - NormalizeImage:\n            scale: 0\n            order: ''\n");
const zeroTextScale = withOps("        - NormalizeImage:\n            scale: 0/255.0\n            order: ''\n");
const piecewiseAlone = edit(base, LR, "  lr:\n    name: Piecewise\n    learning_rate: 0.1\n");
// The learning rates of a schedule (ppcls/optimizer/learning_rate.py, Paddle's python/paddle/optimizer/lr.py).
const lrWith = (lines: string) => edit(base, LR, `  lr:\n${lines}`);
const negativeRate = lrWith("    name: Cosine\n    learning_rate: -0.1\n");
const zeroRate = lrWith("    name: Cosine\n    learning_rate: 0\n");
// OneCycleLR's own values, as the MultiLabelCOCO ResNet101 ML-Decoder config writes them, checked by Paddle's OneCycleLR when built.
const oneCycle = (lines: string) => lrWith(`    name: OneCycleLR\n    max_learning_rate: 0.0001\n${lines}`);
const oneCycleFine = oneCycle("    divide_factor: 25.0\n    end_learning_rate: 0.0000000001\n    phase_pct: 0.2\n    anneal_strategy: cos\n    three_phase: False\n");
const oneCycleBad = oneCycle("    divide_factor: 0\n    end_learning_rate: -1.0e-10\n    phase_pct: 1\n    anneal_strategy: cosine\n");
const oneCycleThree = oneCycle("    phase_pct: 0.6\n    three_phase: True\n");
// Cyclic's own values, as Paddle's CyclicLR checks them when built (MetaBIN's config writes step_size_up: 1095).
const cyclic = (lines: string) => lrWith(`    name: Cyclic\n    base_learning_rate: 0.001\n    max_learning_rate: 0.1\n    warmup_epoch: 0\n    warmup_start_lr: 0.0\n${lines}`);
const cyclicBad = cyclic("    step_size_up: 1095.5\n    step_size_down: 0\n    mode: triangle\n    exp_gamma: 1\n    scale_mode: epoch\n");
// Step: int(step_size × the batches of an epoch); 80 generated rows in batches of 64 are 2 batches an epoch.
const stepHalf = lrWith("    name: Step\n    learning_rate: 0.1\n    step_size: 0.5\n    gamma: 0.1\n");
const stepAccumulated = edit(stepHalf, "  use_visualdl: False\n", "  use_visualdl: False\n  update_freq: 2\n");
const stepTiny = lrWith("    name: Step\n    learning_rate: 0.1\n    step_size: 0.4\n    gamma: 0.1\n");
// LRBase: warmup_epoch >= epochs is shortened to epochs with a logged warning (ppcls/optimizer/learning_rate.py:51-54).
const warmupFloat = lrWith("    name: Cosine\n    learning_rate: 0.1\n    warmup_epoch: 120.0\n");
const warmupAll = lrWith("    name: Cosine\n    learning_rate: 0.1\n    warmup_epoch: 10\n");
const warmupNegative = lrWith("    name: Cosine\n    learning_rate: 0.1\n    warmup_epoch: -3\n");
const warmupNegativeStep = lrWith("    name: Step\n    learning_rate: 0.1\n    step_size: 3\n    gamma: 0.1\n    warmup_epoch: -3\n");
const zeroRateWarmup = lrWith("    name: Cosine\n    learning_rate: 0.0\n    warmup_epoch: 5\n");
const belowWarmupStart = lrWith("    name: ConstLR\n    learning_rate: 0.01\n    warmup_epoch: 2\n    warmup_start_lr: 0.1\n");
const textRate = lrWith("    name: Cosine\n    learning_rate: fast\n");
const textWarmupEpoch = lrWith("    name: Cosine\n    learning_rate: 0.1\n    warmup_epoch: five\n");
// PyYAML reads 1e-3 as text; in a list PaddleClas leaves it text (create_attr_dict reads mappings only).
const exponentValues = lrWith("    name: Piecewise\n    decay_epochs: [30, 60]\n    values: [0.1, 1e-2, 1.0e-3]\n");
const exponentFirstWarmup = lrWith("    name: Piecewise\n    decay_epochs: [30, 60]\n    values: [1e-1, 0.01, 0.001]\n    warmup_epoch: 5\n");
const exponentListOptimizer = edit(base, OPTIMIZER, "Optimizer:\n  - Momentum:\n      scope: all\n      momentum: 0.9\n      lr:\n        name: Cosine\n        learning_rate: 1e-3\n");
// Cosine and Linear hand Paddle (epochs - warmup_epoch) × the batches of an epoch, which must be an int.
const floatWarmup = lrWith("    name: Cosine\n    learning_rate: 0.1\n    warmup_epoch: 5.0\n");
const floatWarmupLinear = lrWith("    name: Linear\n    learning_rate: 0.1\n    warmup_epoch: 0.5\n");
const textEtaMin = lrWith("    name: Cosine\n    learning_rate: 0.1\n    eta_min: zero\n");
const stepGamma = lrWith("    name: Step\n    learning_rate: 0.1\n    step_size: 30\n    gamma: 1.5\n");
const piecewiseNumber = lrWith("    name: Piecewise\n    decay_epochs: 30\n    values: [0.1, 0.01]\n");
const stepZero = lrWith("    name: Step\n    learning_rate: 0.1\n    step_size: 0\n    gamma: 0.1\n");
const stepFloatByEpoch = lrWith("    name: Step\n    learning_rate: 0.1\n    step_size: 2.5\n    gamma: 0.1\n    by_epoch: True\n");
// The training loop steps a schedule without by_epoch after each batch, with no argument; ReduceOnPlateau needs the metric.
const plateau = lrWith("    name: ReduceOnPlateau\n    learning_rate: 0.1\n    mode: max\n");
const plateauWarmup = lrWith("    name: ReduceOnPlateau\n    learning_rate: 0.1\n    by_epoch: True\n    warmup_epoch: 2\n");
const milestonesDown = lrWith("    name: MultiStepDecay\n    learning_rate: 0.1\n    milestones: [60, 30]\n");
const negativeValue = lrWith("    name: Piecewise\n    decay_epochs: [30]\n    values: [0.1, -0.01]\n");
// Paddle's PiecewiseDecay compares the step count with each boundary in turn (get_lr): a boundary that is text fails when the count reaches it.
const textBoundaryLate = lrWith("    name: Piecewise\n    decay_epochs: [30, 60, 9O]\n    values: [0.1, 0.01, 0.001, 0.0001]\n");
const textBoundaryFirst = lrWith("    name: Piecewise\n    decay_epochs: [3O, 60]\n    values: [0.1, 0.01, 0.001]\n");
const textBoundaryWarmup = lrWith("    name: Piecewise\n    decay_epochs: [30, 60, 9O]\n    values: [0.1, 0.01, 0.001, 0.0001]\n    warmup_epoch: 5\n");
const emptyBoundaries = lrWith("    name: Piecewise\n    decay_epochs: []\n    values: [0.1]\n");
const noneBoundary = lrWith("    name: Piecewise\n    decay_epochs: [30, null]\n    values: [0.1, 0.01, 0.001]\n");
const boundariesDown = lrWith("    name: Piecewise\n    decay_epochs: [30, 20, 90]\n    values: [0.1, 0.01, 0.001, 0.0001]\n");
const boundariesText = lrWith("    name: Piecewise\n    decay_epochs: 30 60 90\n    values: [0.1, 0.01, 0.001, 0.0001]\n");
const milestoneText = lrWith("    name: MultiStepDecay\n    learning_rate: 0.1\n    milestones: [30, 1e2, 90]\n");
const milestonesSpaced = lrWith("    name: MultiStepDecay\n    learning_rate: 0.1\n    milestones: 30 60 90\n");
const stepNegative = lrWith("    name: Step\n    learning_rate: 0.1\n    step_size: -30\n    gamma: 0.1\n");
const negativeWarmupStart = lrWith("    name: Cosine\n    learning_rate: 0.1\n    warmup_epoch: 5\n    warmup_start_lr: -1.0e-3\n");
// Without a warmup (warmup_epoch 0) warmup_start_lr is never used; eta_min and end_lr of 0 are the defaults.
const negativeStartNoWarmup = lrWith("    name: Cosine\n    learning_rate: 0.1\n    warmup_start_lr: -1.0e-3\n    eta_min: 0\n");
const negativeEtaMin = lrWith("    name: Cosine\n    learning_rate: 0.1\n    eta_min: -1.0e-5\n");
const negativeEndLr = lrWith("    name: Linear\n    learning_rate: 0.1\n    end_lr: -0.01\n");
const stepText = lrWith("    name: Step\n    learning_rate: 0.1\n    step_size: 3O\n    gamma: 0.1\n    by_epoch: True\n");
// In a list-form item nothing is literal_eval'd: `30, 60` stays text, which Piecewise iterates as its characters.
const listTupleText = edit(listOptimizer, "        name: Cosine\n        learning_rate: 0.1\n", "        name: Piecewise\n        decay_epochs: 30, 60\n        values: [0.1, 0.01, 0.001]\n");
const namelessLr = edit(listOptimizer, "        name: Cosine\n", "");
const emptyMomentum = edit(base, "  momentum: 0.9\n", "  momentum:\n");
// Paddle's Adam and AdamW check beta1, beta2 and epsilon when built; its AdamW takes weight_decay only as a float.
const optimizerWith = (lines: string) => edit(base, OPTIMIZER, `Optimizer:\n${lines}${LR}`);
// Paddle checks no sign of a weight decay, and no upper bound of a momentum.
const momentumOne = edit(base, "  momentum: 0.9\n", "  momentum: 1.0\n");
const momentumNegative = edit(base, "  momentum: 0.9\n", "  momentum: -0.9\n");
const negativeDecay = optimizerWith("  name: Momentum\n  momentum: 0.9\n  weight_decay: -0.0005\n");
const negativeCoeff = optimizerWith("  name: Momentum\n  momentum: 0.9\n  regularizer:\n    name: L2\n    coeff: -1.0e-4\n");
const adamwNoDecay = optimizerWith("  name: AdamW\n  beta1: 0.9\n");
const adamwIntDecay = optimizerWith("  name: AdamW\n  weight_decay: 0\n");
const adamwRegularizer = optimizerWith("  name: AdamW\n  regularizer:\n    name: L2\n    coeff: 0.0001\n");
const adamBetas = optimizerWith("  name: Adam\n  beta1: 1.0\n  beta2: abc\n  epsilon:\n");
const rmspropValues = optimizerWith("  name: RMSProp\n  momentum: -0.9\n  rho:\n");
// Paddle's Optimizer makes a float weight_decay an L2Decay and keeps anything else as the regularizer it calls.
const momentumDecay = (value: string) => edit(base, "  momentum: 0.9\n", `  momentum: 0.9\n  weight_decay: ${value}\n`);
const listMomentumDecay = edit(listOptimizer, "      momentum: 0.9\n", "      momentum: 0.9\n      weight_decay: 1e-4\n");
// Paddle's L1Decay and L2Decay assert coeff is not None and hand it to a weight-decay op that takes a float.
const listCoeff = edit(listOptimizer, "      momentum: 0.9\n", "      momentum: 0.9\n      regularizer:\n        name: L2\n        coeff: 5e-4\n");
const emptyCoeff = edit(base, "  momentum: 0.9\n", "  momentum: 0.9\n  regularizer:\n    name: L2\n    coeff:\n");
// A metric's arguments sit in a list: PyYAML's text stays text (threshold: 1e-1).
const evalMetrics = (lines: string) => edit(base, EVAL_METRICS, `  Eval:\n${lines}`);
// ATTRMetric and MultilabelMeanAccuracy read [B, 2, C] targets: the lists' label_ratio form.
const ratioMetric = (metric: string, lines: string) => edit(ppclsConfig({ trainRatio: true, evalRatio: true, trainMetrics: [], evalMetrics: [metric] }), `    - ${metric}:\n`, `    - ${metric}:\n${lines}`);
const attrThreshold = ratioMetric("ATTRMetric", "        threshold: 1e-1\n");
const accuracyBase = evalMetrics("    - AccuracyScore:\n        base: samples\n    - MultiLabelMAP:\n        map_type: 11-point\n");
const meanAccuracyText = ratioMetric("MultilabelMeanAccuracy", "        start_threshold: 4e-1\n        num_iterations: 10.0\n");
// build_optimizer builds paddle.nn.ClipGradByNorm(clip_norm), which keeps float(clip_norm).
const clipNorm = (value: string) => edit(base, "  momentum: 0.9\n", `  momentum: 0.9\n  clip_norm: ${value}\n`);
// In the list form the values stay as PyYAML made them: 1e-8 and 5e-2 are text there.
const listAdamw = edit(base, OPTIMIZER, "Optimizer:\n  - AdamW:\n      scope: all\n      epsilon: 1e-8\n      weight_decay: 5e-2\n      lr:\n        name: Cosine\n        learning_rate: 0.1\n");
const listAdamwFine = edit(base, OPTIMIZER, "Optimizer:\n  - AdamW:\n      scope: all\n      epsilon: 1.0e-8\n      weight_decay: 0.05\n      lr:\n        name: Cosine\n        learning_rate: 0.1\n");
// A loss's arguments sit in a list: PaddleClas hands them over as PyYAML made them (1e-1 is text).
const asl = (lines: string) => edit(base, LOSSES, `Loss:\n  Train:\n    - MultiLabelAsymmetricLoss:\n        weight: 1.0\n${lines}  Eval:\n    - MultiLabelLoss:\n        weight: 1.0\n`);
const aslText = asl("        gamma_pos: 0\n        gamma_neg: 4e0\n        clip: 5e-2\n");
const aslReduction = asl("        reduction: avg\n");
const aslEpsilon = asl("        epsilon: 1e-8\n");
// CombinedLoss multiplies each loss by its weight only when the list holds more than one (ppcls/loss/__init__.py:72-82).
const twoLosses = (first: string, second = "1.0", eval_ = "        weight: 1.0\n") =>
  edit(base, LOSSES, `Loss:\n  Train:\n    - MultiLabelLoss:\n        weight: ${first}\n    - MultiLabelAsymmetricLoss:\n        weight: ${second}\n  Eval:\n    - MultiLabelLoss:\n${eval_}`);
const weightText = twoLosses("1e-1");
const weightNegative = twoLosses("-1.0");
const weightZeroBoth = twoLosses("0", "0.0");
const weightZeroOne = twoLosses("1.0", "0");
const weightTextAlone = edit(base, LOSSES, "Loss:\n  Train:\n    - MultiLabelLoss:\n        weight: one\n  Eval:\n    - MultiLabelLoss:\n        weight: None\n");
// (1 - pt) ** gamma: a negative gamma is infinite where pt is exactly 1 (a clipped negative, a saturated positive), and the loss NaN.
const aslNegativeGamma = asl("        gamma_pos: 0\n        gamma_neg: -4\n");
// pt = (1 - p + clip).clip(max=1) for a negative: from a clip of 1 (True is 1) every negative's pt is 1 and its loss 0.
const aslClipOne = asl("        clip: 1.0\n");
const aslClipTrue = asl("        clip: True\n");
const aslClipHigh = asl("        clip: 0.99\n");
const aslFine = asl("        gamma_pos: 0\n        gamma_neg: 4.0e+0\n        clip: 0\n        reduction: mean\n        epsilon: 1.0e-8\n");
// Cutout since PaddleClas PR #2957 (d178931): self.fill_value exists only for 'none' or None.
const cutoutDefault = withOps("        - Cutout:\n            length: 112\n");
const cutoutValues = withOps("        - Cutout:\n            fill_value: [0, 0, 0]\n            n_holes: 1.0\n            length: half\n");
// A float length makes the hole's corners floats: cv2.rectangle refuses them (fill_value none); the default fill_value fails first.
const cutoutFloat = withOps("        - Cutout:\n            length: 112.0\n            fill_value: none\n        - Cutout:\n            length: 56.0\n");
const cutoutFine = withOps("        - Cutout:\n            length: 112\n            n_holes: 2\n            fill_value: none\n        - Cutout:\n            fill_value: null\n");
// Eval normalizing unlike Train: the base config's Eval NormalizeImage takes the defaults (scale 1/255, ImageNet's mean and std).
const EVAL_DATASET = "      cls_label_path: ./dataset/eval_list.txt\n";
const evalNormalize = (options: string) => edit(base, `${EVAL_DATASET}${TRANSFORMS}`, `${EVAL_DATASET}${TRANSFORMS.replace("        - NormalizeImage:\n", `        - NormalizeImage:\n${options}`)}`);
const evalMean = evalNormalize("            mean: [0.5, 0.5, 0.5]\n            std: [0.5, 0.5, 0.5]\n");
const evalScaleWritten = evalNormalize("            scale: 0.00392157\n            mean: ['0.485', 0.456, 0.406]\n");
const inferMean = `${base}Infer:\n  transforms:\n    - DecodeImage:\n    - ResizeImage:\n        size: 224\n    - NormalizeImage:\n        scale: 1.0\n    - ToCHWImage:\n`;
const textEpsilon = edit(base, LOSSES, "Loss:\n  Train:\n    - MultiLabelLoss:\n        weight: 1.0\n        epsilon: 1e-1\n");

const cyclicLearningRate = edit(base, LR, "  lr:\n    name: Cyclic\n    learning_rate: 0.1\n    base_learning_rate: 0.001\n    max_learning_rate: 0.1\n    warmup_epoch: 0\n    warmup_start_lr: 0.0\n    step_size_up: 100\n");
const REGULARIZER = "  regularizer:\n    name: L2\n    coeff: 0.0001\n";
const regularized = edit(base, LR, `${LR}${REGULARIZER}`);
const l3 = edit(regularized, "    name: L2\n", "    name: L3\n");
const l2Decay = edit(regularized, "    name: L2\n", "    name: L2Decay\n");
const coef = edit(regularized, "    coeff: 0.0001\n", "    coef: 0.0001\n");
const regularizerText = edit(base, LR, `${LR}  regularizer: L2\n`);
const namelessRegularizer = edit(regularized, "    name: L2\n", "");
const nullRegularizer = edit(base, LR, `${LR}  regularizer: null\n`);
const listMomentum = edit(scopedOptimizers, "  - SGD:\n      scope: backbone.*gate\n", "  - SGD:\n      scope: backbone.*gate\n      momentum: 0.9\n");
const listNamed = edit(scopedOptimizers, "      scope: .*(conv|fc)\n", "      scope: .*(conv|fc)\n      name: Momentum\n");
const noLoss = edit(base, LOSSES, "");
const evalLossOnly = edit(base, LOSSES, "Loss:\n  Eval:\n    - MultiLabelLoss:\n        weight: 1.0\n");
const nullTrainLoss = edit(base, LOSSES, "Loss:\n  Train:\n");
const emptyTrainLoss = edit(base, LOSSES, "Loss:\n  Train: []\n");
const noArch = edit(base, /Arch:\n(  .*\n)*/, "");
const namelessArch = edit(base, "  name: MobileNetV1\n", "");
// build_model: getattr(ppcls.arch, name) — the backbones' models (star-imported), its own (RecModel), and nothing else.
const archTypo = edit(base, "  name: MobileNetV1\n", "  name: ResNet_50\n");
const archNumber = edit(base, "  name: MobileNetV1\n", "  name: 50\n");
const archUnknown = edit(base, "  name: MobileNetV1\n", "  name: MyOwnNet\n");
const archKnown = ["ResNet50", "PPLCNet_x1_0", "SwinTransformer_tiny_patch4_window7_224", "RecModel", "CLIP_large_patch14_224_aesthetic"].map((name) => edit(base, "  name: MobileNetV1\n", `  name: ${name}\n`));
const nullMetric = edit(base, METRICS, "Metric:\n");
const listMetric = edit(base, METRICS, "Metric:\n  - AccuracyScore:\n");
const textMetric = edit(base, METRICS, "Metric: Train and Eval\n");

runRuleTests("invalid-argument", {
  valid: [
    { name: "Cyclic as MetaBIN's config writes it, with step_size_down: null, mode exp_range and exp_gamma 0.99", text: cyclic("    step_size_up: 1095\n    step_size_down: null\n    mode: exp_range\n    exp_gamma: 0.99\n    scale_mode: iterations\n"), ppcls: {} },
    { name: "Step with step_size 0.5 on a list of 2 batches an epoch: int(0.5 × 2) is 1 step", text: stepHalf, ppcls: {} },
    { name: "Step with step_size 0.4 and Global.iter_per_epoch 1000 (the Engine's iterations an epoch, whatever the list): int(0.4 × 1000) is 400", text: edit(lrWith("    name: Step\n    learning_rate: 0.1\n    step_size: 0.4\n    gamma: 0.1\n"), "  use_visualdl: False\n", "  use_visualdl: False\n  iter_per_epoch: 1000\n"), ppcls: {} },
    { name: "OneCycleLR as the MultiLabelCOCO ResNet101 ML-Decoder config writes it", text: oneCycleFine, ppcls: {} },
    { name: "OneCycleLR with phase_pct '0.2' (literal_eval makes text in a mapping a float) and 1.0", text: oneCycle("    phase_pct: '0.2'\n"), ppcls: {} },
    { name: "a loss alone is taken as it is: its weight is popped and never multiplied, text or None (ppcls/loss/__init__.py:72-75)", text: weightTextAlone, ppcls: {} },
    { name: "two losses weighted 0.5 and True (1), and an Eval pair weighted 0 and -1 (evaluation's loss is only logged)", text: twoLosses("0.5", "True", "        weight: 0\n    - MultiLabelAsymmetricLoss:\n        weight: -1\n"), ppcls: {} },
    { name: "Piecewise with one value per segment, or a learning_rate that replaces both lists", text: piecewise("[30, 60, 90]", "[0.1, 0.01, 0.001, 0.0001]"), ppcls: {} },
    { name: "Piecewise whose learning_rate replaces short lists (a decay every 30 epochs)", text: piecewise("[30, 60, 90]", "[0.1]", "    learning_rate: 0.1\n"), ppcls: {} },
    { name: "images left at their own size in batches of 1 stack (np.stack of one array)", text: unsizedEvalOnly, ppcls: {} },
    { name: "with DALI, PaddleClas builds and batches its own pipeline: the one-size check stands aside", text: edit(unsized, "  use_multilabel: True\n", "  use_multilabel: True\n  use_dali: True\n"), ppcls: {} },
    {
      name: "sizes fixed the way PaddleClas's configs fix them: resize_short then CropImage, RandCropImage, a ResizeImage size, Paddle's Resize to two numbers",
      text: edit(base, `${TRAIN_DATASET}${TRANSFORMS}`, `${TRAIN_DATASET}      transform_ops:\n        - DecodeImage:\n        - ResizeImage:\n            resize_short: 256\n        - CropImage:\n            size: 224\n        - RandCropImage:\n            size: 224\n        - Resize:\n            size: [224, 224]\n${NORMALIZE}            order: ''\n`),
      ppcls: {},
    },
    {
      name: "an operator whose sizes are not known leaves the question open (no finding)",
      text: edit(base, `${TRAIN_DATASET}${TRANSFORMS}`, `${TRAIN_DATASET}      transform_ops:\n        - DecodeImage:\n        - Pad_paddle_vision:\n            padding: 4\n${NORMALIZE}            order: ''\n`),
      ppcls: {},
    },
    { name: "OpSampler's operators as it builds them: probs adding up to 1, class_num, BatchOperator with any key", text: samplerFine, ppcls: {}, options: { rules: { "target-rank-mismatch": "off" } } },
    { name: "the default config: every section and key PaddleClas reads; metrics without a mapping are called without arguments", text: base, ppcls: {} },
    { name: "every argument of MultiLabelDataset, DistributedBatchSampler, both losses and two 3-D metrics", text: everyArgument, ppcls: {} },
    { name: "MultiLabelMAP and AccuracyScore with arguments, and an empty Metric.Train (ML-Decoder)", text: mlDecoderMetrics, ppcls: {} },
    { name: "a sampler without a name needs batch_size, drop_last and shuffle, and ignores the rest", text: edit(base, TRAIN_SAMPLER, "      batch_size: 64\n      drop_last: False\n      shuffle: True\n      seed: 7\n"), ppcls: {} },
    { name: "a sampler's batch_size '64' (literal_eval makes it the int 64), drop_last off and shuffle yes (YAML 1.1 bools)", text: samplerInts, ppcls: {} },
    { name: "a loader's num_workers 0.0 reads in one process (DataLoader tests num_workers == 0)", text: edit(base, TRAIN_LOADER, "    loader:\n      num_workers: 0.0\n      use_shared_memory: True\n  Eval:"), ppcls: {} },
    { name: "operator sizes as the real configs write them: resize_short 256.0 (any number), size 224, [256, 256]", text: goodSizes, ppcls: {} },
    { name: "NormalizeImage with order hwc (any order but 'chw' keeps the image H×W×C)", text: hwcOrder, ppcls: {} },
    { name: "the loader ignores keys it does not read", text: edit(base, TRAIN_LOADER, "    loader:\n      num_workers: 4\n      use_shared_memory: True\n      prefetch: 2\n  Eval:"), ppcls: {} },
    { name: "total_epochs is PKSampler's own, filled in by PaddleClas", text: edit(base, TRAIN_SAMPLER, "      name: PKSampler\n      batch_size: 64\n      sample_per_id: 2\n      total_epochs: 3\n"), ppcls: {} },
    { name: "**args takes any key (DistributedRandomIdentitySampler)", text: edit(base, TRAIN_SAMPLER, "      name: DistributedRandomIdentitySampler\n      batch_size: 64\n      num_instances: 4\n      drop_last: False\n      shuffle: True\n"), ppcls: {} },
    { name: "PaddleX's alias MLClsDataset", text: base.replace(/MultiLabelDataset/g, "MLClsDataset"), ppcls: {}, options: { rules: { "multilabel-not-enabled": "off" } } },
    { name: "a sampler merged in from an anchor", text: anchors, ppcls: {} },
    { name: "with Global.use_dali, DALI reads the DataLoader section its own way", text: edit(delimiter, "  use_multilabel: True\n", "  use_multilabel: True\n  use_dali: True\n"), ppcls: {} },
    { name: "an absent Loss.Eval and Metric.Train build nothing", text: edit(edit(base, "  Eval:\n    - MultiLabelLoss:\n        weight: 1.0\n", ""), "Metric:\n  Train:\n    - AccuracyScore:\n    - HammingDistance:\n", "Metric:\n"), ppcls: {} },
    { name: "the rule turned off", text: delimiter, ppcls: {}, options: { rules: { "invalid-argument": "off" } } },
    {
      name: "eval_interval is read only when training evaluates: eval_during_train False (or the string 'False', which literal_eval makes False) needs none",
      text: edit(noEvalInterval, "  eval_during_train: True\n", "  eval_during_train: 'False'\n"),
      ppcls: {},
      options: { rules: { "invalid-argument": "error" } },
    },
    { name: "no DataLoader.Eval is fine when training does not evaluate", text: edit(noEvalLoader, "  eval_during_train: True\n", "  eval_during_train: False\n"), ppcls: {} },
    { name: "no Metric section is fine when training does not evaluate", text: edit(noMetric, "  eval_during_train: True\n", "  eval_during_train: False\n"), ppcls: {} },
    { name: "a save_interval of 0 saves nothing and raises nothing (save_interval > 0)", text: edit(base, "  save_interval: 1\n", "  save_interval: 0\n"), ppcls: {} },
    { name: "an Optimizer written as a list of scoped items", text: listOptimizer, ppcls: {} },
    { name: "Cutout as PaddleClas's ML-Decoder configs write it (fill_value: none), and with fill_value null", text: cutoutFine, ppcls: {} },
    { name: "Eval normalizing as training does, written otherwise: 0.00392157 for 1.0/255.0, a mean value as text", text: evalScaleWritten, ppcls: {} },
    { name: "MultiLabelAsymmetricLoss with numbers PyYAML reads as floats, clip 0 (no clipping) and a reduction it knows", text: aslFine, ppcls: {} },
    { name: "MultiLabelAsymmetricLoss with a clip just below 1: negatives predicted below it are ignored, as designed", text: aslClipHigh, ppcls: {} },
    { name: "a list-form AdamW with epsilon and weight_decay PyYAML reads as floats", text: listAdamwFine, ppcls: {} },
    { name: "clip_norm: 5.0", text: clipNorm("5.0"), ppcls: {} },
    { name: "Step with step_size 2.5 without by_epoch: int(2.5 × the batches of an epoch) is an int", text: lrWith("    name: Step\n    learning_rate: 0.1\n    step_size: 2.5\n    gamma: 0.1\n"), ppcls: {} },
    { name: "ReduceOnPlateau with by_epoch: True, as PaddleClas's metric_learning/xbm_resnet50.yaml writes it", text: lrWith("    name: ReduceOnPlateau\n    learning_rate: 0.0001\n    mode: max\n    by_epoch: True\n"), ppcls: {} },
    { name: "MultiStepDecay with increasing milestones and a gamma below 1", text: lrWith("    name: MultiStepDecay\n    learning_rate: 0.1\n    milestones: [30, 60]\n    gamma: 0.5\n"), ppcls: {} },
    { name: "Piecewise and MultiStepDecay with `30, 60` in a mapping: literal_eval makes it a tuple", text: lrWith("    name: Piecewise\n    decay_epochs: 30, 60\n    values: (0.1, 0.01, 0.001)\n"), ppcls: {} },
    { name: "MultiStepDecay with milestones `[30, 60]` quoted in a mapping: literal_eval makes it a list", text: lrWith("    name: MultiStepDecay\n    learning_rate: 0.1\n    milestones: '[30, 60]'\n"), ppcls: {} },
    { name: "Momentum with momentum 0.99, weight_decay 0.0 and a regularizer coeff of 0: no decay, trained with", text: optimizerWith("  name: Momentum\n  momentum: 0.99\n  regularizer:\n    name: L2\n    coeff: 0\n"), ppcls: {} },
    { name: "Piecewise with float boundaries and True (1): numbers Python compares", text: lrWith("    name: Piecewise\n    decay_epochs: [True, 30.5, 60]\n    values: [0.1, 0.01, 0.001, 0.0001]\n"), ppcls: {} },
    { name: "a regularizer's coeff written 1e-4 in a mapping: a float after literal_eval", text: edit(emptyCoeff, "    coeff:\n", "    coeff: 1e-4\n"), ppcls: {} },
    { name: "Momentum with weight_decay 1e-4 in a mapping: literal_eval makes it a float", text: momentumDecay("1e-4"), ppcls: {} },
    { name: "Momentum with an int weight_decay that a regularizer replaces (build_optimizer sets weight_decay to the regularizer)", text: momentumDecay("0\n  regularizer: {name: L2, coeff: 0.0001}"), ppcls: {} },
    { name: "clip_norm written 1e1: text to PyYAML, which float() reads", text: edit(listOptimizer, "      momentum: 0.9\n", "      momentum: 0.9\n      clip_norm: 1e1\n"), ppcls: {} },
    { name: "AdamW with weight_decay 1e-4 in a mapping (literal_eval makes it a float), beta1 0 and a regularizer: null", text: optimizerWith("  name: AdamW\n  weight_decay: 1e-4\n  beta1: 0\n  regularizer: null\n"), ppcls: {} },
    { name: "RMSProp with its defaults, and Adam without weight_decay (Paddle's Adam takes None)", text: optimizerWith("  name: RMSProp\n  rho: 0.9\n  epsilon: 1.0e-6\n"), ppcls: {} },
    {
      name: "learning rates PaddleClas trains with: 1e-3 in a mapping (literal_eval makes it a number), a warmup from a lower rate",
      text: lrWith("    name: Cosine\n    learning_rate: 1e-3\n    eta_min: 0\n    warmup_epoch: 5\n    warmup_start_lr: 1.0e-4\n"),
      ppcls: {},
    },
    { name: "Piecewise with 1.0e-3 (a float to PyYAML) and a last segment at 0", text: lrWith("    name: Piecewise\n    decay_epochs: [30, 60]\n    values: [1.0e-2, 1.0e-3, 0.0]\n"), ppcls: {} },
    { name: "a negative warmup_start_lr without a warmup is never used", text: negativeStartNoWarmup, ppcls: {} },
    { name: "a negative warmup_epoch under Step: no warmup, and Step's schedule does not use it", text: warmupNegativeStep, ppcls: {} },
    { name: "Cosine from 0 that eta_min moves on from", text: lrWith("    name: Cosine\n    learning_rate: 0\n    eta_min: 0.001\n"), ppcls: {} },
    { name: "Cyclic from a base rate of 0", text: lrWith("    name: Cyclic\n    base_learning_rate: 0\n    max_learning_rate: 0.1\n    warmup_epoch: 0\n    warmup_start_lr: 0.0\n    step_size_up: 100\n"), ppcls: {} },
    // ConstLR: Cosine and Linear refuse a float warmup_epoch (their span becomes a float).
    { name: "a warmup shorter than an epoch is left alone (its step count depends on the list)", text: lrWith("    name: ConstLR\n    learning_rate: 0.1\n    warmup_epoch: 0.5\n    warmup_start_lr: 0.2\n"), ppcls: {} },
    { name: "a list Metric is never subscripted when training does not evaluate", text: edit(listMetric, "  eval_during_train: True\n", "  eval_during_train: False\n"), ppcls: {} },
    { name: "every key Momentum takes, PaddleClas's own (scope, clip_norm, a regularizer) and a schedule's epochs and step_each_epoch, which build_lr_scheduler replaces", text: everyOptimizerKey, ppcls: {} },
    { name: "a list of scoped optimizers, as the ReID configs write them: each item's arguments, schedule (Cyclic without a learning_rate) and regularizer", text: scopedOptimizers, ppcls: {} },
    { name: "AdamW and Piecewise take **kwargs: keys they do not name are accepted (clip_grad, total_steps)", text: adamw, ppcls: {} },
    { name: "NormalizeImage values numpy reads: text numbers, a nested triple, channel_num 4 or 3.0, a text scale eval() reads", text: goodNormalize, ppcls: {} },
    { name: "RandomErasing as PULC's attribute configs write it (sh: 1.0/3.0, use_log_aspect, mode pixel), and one that never erases (EPSILON 0)", text: goodErasing, ppcls: {} },
    { name: "Padv2 as PULC's attribute configs write it, and with an int size, offsets and a nested fill_value", text: goodPads, ppcls: {} },
    { name: "TimmAutoAugment as PULC's attribute configs write it, an AugMix text, and empty sections (skipped)", text: goodTimm, ppcls: {} },
    { name: "interpolations matched after lower(), pil's own names, random, and a backend UnifiedResize only warns about (it then uses cv2.resize)", text: goodResizers, ppcls: {} },
    { name: "operator values that look wrong and work: a 3-value ResizeImage size (read as size[0], size[1]), an int flag, an empty Padv2 size (pads to size_divisor), RandomErasing with no attempt, TimmAutoAugment that never runs", text: operatorEdgesThatPass, ppcls: {} },
    { name: "RandCropImage with a ratio of 0 (a draw of exactly 0 never comes) and a 3-value scale (scale[0] and scale[1] are read)", text: cropShapesThatPass, ppcls: {} },
    { name: "an L1 regularizer", text: edit(regularized, "    name: L2\n", "    name: L1\n"), ppcls: {} },
  ],
  invalid: [
    {
      name: "a loss weight written 1e-1 beside another loss: text to PyYAML in a list, and CombinedLoss multiplies the loss by it (ValueError)",
      text: weightText,
      ppcls: {},
      errors: [[lineOf(weightText, "weight: 1e-1"), "LL606"]],
      only: true,
      message: ["`Loss.Train[0].MultiLabelLoss.weight` is '1e-1': PaddleClas raises ValueError at the first batch: CombinedLoss multiplies each loss of a list of several by its weight", "write 1.0e-1"],
    },
    { name: "a negative loss weight: the optimizer climbs that loss (silently)", text: weightNegative, ppcls: {}, errors: [[lineOf(weightNegative, "weight: -1.0"), "LL606"]], only: true, message: ["`Loss.Train[0].MultiLabelLoss.weight` is -1.0: PaddleClas raises nothing, but CombinedLoss multiplies", "a negative weight turns MultiLabelLoss upside down"] },
    {
      name: "every label loss weighted 0: the labels never reach training (errors)",
      text: weightZeroBoth,
      ppcls: {},
      errors: [
        [lineOf(weightZeroBoth, "weight: 0"), "LL606"],
        [lineOf(weightZeroBoth, "weight: 0.0"), "LL606"],
      ],
      only: true,
      message: ["a weight of 0 leaves MultiLabelLoss out, and no other loss of Loss.Train trains on the labels, so the labels never reach training"],
    },
    {
      name: "OneCycleLR with divide_factor 0, a negative end_learning_rate, phase_pct 1 (an int) and anneal_strategy 'cosine': Paddle's OneCycleLR raises on each as it is built",
      text: oneCycleBad,
      ppcls: {},
      errors: [
        [lineOf(oneCycleBad, "divide_factor:"), "LL606"],
        [lineOf(oneCycleBad, "end_learning_rate:"), "LL606"],
        [lineOf(oneCycleBad, "phase_pct:"), "LL606"],
        [lineOf(oneCycleBad, "anneal_strategy:"), "LL606"],
      ],
      only: true,
      checkRun: (_run, problems) =>
        expect(problems.map((p) => p.message.slice(0, p.message.indexOf(" when training starts")))).toEqual([
          "`Optimizer.lr.divide_factor` is 0: PaddleClas raises ZeroDivisionError",
          "`Optimizer.lr.end_learning_rate` is -1.0e-10: PaddleClas raises ValueError",
          "`Optimizer.lr.phase_pct` is 1: PaddleClas raises TypeError",
          "`Optimizer.lr.anneal_strategy` is 'cosine': PaddleClas raises ValueError",
        ]),
    },
    {
      name: "Cyclic with a float step_size_up, step_size_down 0, mode 'triangle', exp_gamma 1 (an int) and scale_mode 'epoch': Paddle's CyclicLR raises on each as it is built",
      text: cyclicBad,
      ppcls: {},
      errors: ["step_size_up:", "step_size_down:", "mode: triangle", "exp_gamma:", "scale_mode:"].map((needle) => [lineOf(cyclicBad, needle), "LL606"] as [number, string]),
      only: true,
      checkRun: (_run, problems) =>
        expect(problems.map((p) => p.message.slice(0, p.message.indexOf(" when training starts")))).toEqual([
          "`Optimizer.lr.step_size_up` is 1095.5: PaddleClas raises TypeError",
          "`Optimizer.lr.step_size_down` is 0: PaddleClas raises ValueError",
          "`Optimizer.lr.mode` is 'triangle': PaddleClas raises ValueError",
          "`Optimizer.lr.exp_gamma` is 1: PaddleClas raises TypeError",
          "`Optimizer.lr.scale_mode` is 'epoch': PaddleClas raises ValueError",
        ]),
    },
    {
      name: "Step with step_size 0.4 on a list of 2 batches an epoch: int(0.4 × 2) is 0, a ZeroDivisionError when the schedule is built",
      text: stepTiny,
      ppcls: {},
      errors: [[lineOf(stepTiny, "step_size: 0.4"), "LL606"]],
      only: true,
      message: ["`Optimizer.lr.step_size` is 0.4: PaddleClas raises ZeroDivisionError when training starts: Step computes int(step_size × the steps of an epoch) (ppcls/optimizer/learning_rate.py:364), and the train list's 80 rows make 2 batches of 64 on one GPU (fewer on more), so int(0.4 × 2) is 0"],
    },
    {
      name: "Step with step_size 0.5 and Global.update_freq 2: 2 batches are 1 step an epoch, int(0.5 × 1) is 0",
      text: stepAccumulated,
      ppcls: {},
      errors: [[lineOf(stepAccumulated, "step_size: 0.5"), "LL606"]],
      only: true,
      message: ["and the train list's 80 rows make 2 batches of 64 on one GPU (fewer on more), stepped every 2 (Global.update_freq): 1 step, so int(0.5 × 1) is 0"],
    },
    { name: "OneCycleLR with three_phase and phase_pct 0.6: ValueError (below 0.5 with three phases)", text: oneCycleThree, ppcls: {}, errors: [[lineOf(oneCycleThree, "phase_pct:"), "LL606"]], only: true, message: ["PaddleClas raises ValueError when training starts (with three_phase, phase_pct must be below 0.5"] },
    {
      name: "a float warmup_epoch as long as training: PaddleClas builds a Constant rate, not Paddle's Cosine (no TypeError), and the run is all warmup (a warning)",
      text: warmupFloat,
      ppcls: {},
      errors: [[lineOf(warmupFloat, "warmup_epoch: 120.0"), "LL606"]],
      only: true,
      message: ["`Optimizer.lr.warmup_epoch` is 120.0: PaddleClas raises nothing, but Global.epochs is 10, so PaddleClas shortens the warmup to 10 epochs"],
      checkRun: (_run, [problem]) => expect(problem!.severity).toBe("warn"),
    },
    {
      name: "a warmup as long as training (warmup_epoch 10 of 10 epochs): PaddleClas warns and the schedule never runs (a warning)",
      text: warmupAll,
      ppcls: {},
      errors: [[lineOf(warmupAll, "warmup_epoch: 10"), "LL606"]],
      only: true,
      message: ["`Optimizer.lr.warmup_epoch` is 10: PaddleClas raises nothing, but Global.epochs is 10, so PaddleClas shortens the warmup to 10 epochs with a logged warning (ppcls/optimizer/learning_rate.py:51-54): every step is warmup, the rate only climbs from warmup_start_lr toward learning_rate, and Cosine's own schedule never runs"],
      checkRun: (_run, [problem]) => expect(problem!.severity).toBe("warn"),
    },
    {
      name: "a negative warmup_epoch under Cosine: no warmup, and a decay 3 epochs longer than training (a warning)",
      text: warmupNegative,
      ppcls: {},
      errors: [[lineOf(warmupNegative, "warmup_epoch: -3"), "LL606"]],
      only: true,
      message: ["`Optimizer.lr.warmup_epoch` is -3: PaddleClas raises nothing, but a warmup is built only when it gives more than 0 steps, so there is none, and Cosine decays over (epochs - warmup_epoch) × the batches of an epoch (13 epochs' steps in a 10-epoch run) (ppcls/optimizer/learning_rate.py:236, 249): training ends before the rate falls to eta_min"],
      checkRun: (_run, [problem]) => expect(problem!.severity).toBe("warn"),
    },
    { name: "one of two losses weighted 0: left out (a warning)", text: weightZeroOne, ppcls: {}, errors: [[lineOf(weightZeroOne, "weight: 0"), "LL606"]], only: true, checkRun: (_run, [problem]) => expect(problem!.severity).toBe("warn") },
    {
      name: "NormalizeImage with scale 0 (or a text that evaluates to 0): every image one constant picture, without an error",
      text: zeroScales,
      ppcls: {},
      errors: [[lineOf(zeroScales, "scale: 0"), "LL606"]],
      only: true,
      message: ["`DataLoader.Train.dataset.transform_ops[1].NormalizeImage.scale` is 0: PaddleClas raises nothing, but NormalizeImage multiplies every image by it, so every image becomes the same constant picture"],
      checkRun: (_run, [problem]) => expect(problem!.severity).toBe("error"),
    },
    { name: "NormalizeImage with a text scale that evaluates to 0", text: zeroTextScale, ppcls: {}, errors: [[lineOf(zeroTextScale, "scale: 0/255.0"), "LL606"]], only: true },
    {
      name: "a negative learning rate: recent Paddle's scheduler refuses it when training starts, earlier ones train up the loss",
      text: negativeRate,
      ppcls: {},
      errors: [[lineOf(negativeRate, "learning_rate: -0.1"), "LL606"]],
      only: true,
      message: ["`Optimizer.lr.learning_rate` is -0.1: PaddleClas raises ValueError when training starts on recent Paddle (its scheduler refuses a rate below 0: Invalid learning rate); earlier versions train with it, each step moving the weights up the loss, not down"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("write a positive learning rate (`0.1`)"),
    },
    {
      name: "a learning rate of 0 without a warmup trains nothing, silently",
      text: zeroRate,
      ppcls: {},
      errors: [[lineOf(zeroRate, "learning_rate: 0"), "LL606"]],
      only: true,
      message: ["`Optimizer.lr.learning_rate` is 0: PaddleClas raises nothing, but Cosine keeps the learning rate at 0, so no step changes a weight and training ends with the model it started from"],
    },
    {
      name: "with a warmup, Paddle's LinearWarmup asserts the rate is above warmup_start_lr: 0, or a rate under the start",
      text: zeroRateWarmup,
      ppcls: {},
      errors: [[lineOf(zeroRateWarmup, "learning_rate: 0.0"), "LL606"]],
      only: true,
      message: ["`Optimizer.lr.learning_rate` is 0.0: PaddleClas raises AssertionError when training starts: Paddle's LinearWarmup asserts that the rate its warmup climbs to is above warmup_start_lr (0) (ppcls/optimizer/learning_rate.py:86-92)"],
    },
    {
      name: "a ConstLR rate under its warmup_start_lr: AssertionError when training starts",
      text: belowWarmupStart,
      ppcls: {},
      errors: [[lineOf(belowWarmupStart, "learning_rate: 0.01"), "LL606"]],
      only: true,
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("write a learning rate above 0.1, or lower `warmup_start_lr`"),
    },
    {
      name: "a text learning rate: Paddle's scheduler takes an int or a float (TypeError when training starts); a text warmup_epoch fails LRBase's comparison with the epochs",
      text: textRate,
      ppcls: {},
      errors: [[lineOf(textRate, "learning_rate: fast"), "LL606"]],
      only: true,
      message: ["`Optimizer.lr.learning_rate` is 'fast': PaddleClas raises TypeError when training starts (Paddle's scheduler takes an int or a float): a learning rate is a number"],
    },
    { name: "a text warmup_epoch: TypeError when training starts (LRBase compares it with Global.epochs)", text: textWarmupEpoch, ppcls: {}, errors: [[lineOf(textWarmupEpoch, "warmup_epoch: five"), "LL606"]], only: true },
    {
      name: "Piecewise values written 1e-2 are text to PyYAML and stay text in a list: the rate fails when its segment starts, in the middle of training",
      text: exponentValues,
      ppcls: {},
      errors: [[lineOf(exponentValues, "values:"), "LL606"]],
      only: true,
      message: ["`Optimizer.lr.values[1]` is '1e-2': PaddleClas raises ValueError in the middle of training, when its segment starts at epoch 30, where PaddleClas logs the rate as a number ({:.8f}: ppcls/engine/train/utils.py:41-45): a learning rate is a number (PyYAML reads 1e-2 as text, and PaddleClas makes text a number only outside lists; write 1.0e-2, with a dot and a signed exponent, or a decimal)"],
      checkRun: (_run, [problem]) => expect(problem!.column).toBe(exponentValues.split("\n")[lineOf(exponentValues, "values:") - 1]!.indexOf("1e-2") + 1),
    },
    { name: "Piecewise's first value as text under a warmup: LinearWarmup compares it when training starts", text: exponentFirstWarmup, ppcls: {}, errors: [[lineOf(exponentFirstWarmup, "values:"), "LL606"]], only: true, message: ["`Optimizer.lr.values[0]` is '1e-1': PaddleClas raises TypeError when training starts (Paddle's LinearWarmup compares it with warmup_start_lr"] },
    { name: "learning_rate: 1e-3 in a list-form optimizer stays text (TypeError from Paddle's scheduler)", text: exponentListOptimizer, ppcls: {}, errors: [[lineOf(exponentListOptimizer, "learning_rate: 1e-3"), "LL606"]], only: true },
    {
      name: "Cosine with warmup_epoch 5.0: a float T_max, which Paddle's CosineAnnealingDecay refuses when training starts (TypeError)",
      text: floatWarmup,
      ppcls: {},
      errors: [[lineOf(floatWarmup, "warmup_epoch: 5.0"), "LL606"]],
      only: true,
      message: ["`Optimizer.lr.warmup_epoch` is 5.0: PaddleClas raises TypeError when training starts (Cosine decays over (epochs - warmup_epoch) × the batches of an epoch, Paddle's CosineAnnealingDecay's T_max, which must be an int: a float warmup_epoch makes it a float)"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("write `warmup_epoch: 5` (a whole number of epochs)"),
    },
    { name: "Linear with warmup_epoch 0.5: PolynomialDecay asserts an int decay_steps (AssertionError)", text: floatWarmupLinear, ppcls: {}, errors: [[lineOf(floatWarmupLinear, "warmup_epoch: 0.5"), "LL606"]], only: true, message: ["PaddleClas raises AssertionError when training starts (Linear decays over"] },
    { name: "Cosine's eta_min as text: CosineAnnealingDecay takes an int or a float (TypeError)", text: textEtaMin, ppcls: {}, errors: [[lineOf(textEtaMin, "eta_min: zero"), "LL606"]], only: true },
    { name: "Step with gamma 1.5: Paddle's StepDecay raises ValueError (gamma should be < 1.0)", text: stepGamma, ppcls: {}, errors: [[lineOf(stepGamma, "gamma: 1.5"), "LL606"]], only: true, message: ["`Optimizer.lr.gamma` is 1.5: PaddleClas raises ValueError when training starts (Paddle's StepDecay: gamma should be < 1.0)"] },
    { name: "Piecewise with decay_epochs: 30, a number it iterates when built (TypeError)", text: piecewiseNumber, ppcls: {}, errors: [[lineOf(piecewiseNumber, "decay_epochs: 30"), "LL606"]], only: true, message: ["`Optimizer.lr.decay_epochs` is 30: PaddleClas raises TypeError when training starts (Piecewise multiplies each of decay_epochs by the batches of an epoch"] },
    { name: "Step with step_size 0: Paddle's StepDecay divides by it as it is built (ZeroDivisionError)", text: stepZero, ppcls: {}, errors: [[lineOf(stepZero, "step_size: 0"), "LL606"]], only: true, message: ["`Optimizer.lr.step_size` is 0: PaddleClas raises ZeroDivisionError when training starts"] },
    { name: "Step with by_epoch and step_size 2.5: handed to StepDecay as written, which takes an int (TypeError)", text: stepFloatByEpoch, ppcls: {}, errors: [[lineOf(stepFloatByEpoch, "step_size: 2.5"), "LL606"]], only: true },
    {
      name: "ReduceOnPlateau without by_epoch: the training loop steps it after the first batch with no metric (TypeError)",
      text: plateau,
      ppcls: {},
      errors: [[lineOf(plateau, "name: ReduceOnPlateau"), "LL606"]],
      only: true,
      message: ["`Optimizer.lr.name` is 'ReduceOnPlateau': PaddleClas raises TypeError at the first batch (without a true by_epoch the training loop steps every schedule after each batch with no argument, and Paddle's ReduceOnPlateau.step needs the metric: ppcls/engine/train/train.py:72-74)"],
    },
    { name: "ReduceOnPlateau with a warmup: LinearWarmup steps it with its step count for a metric, and the Engine never hands it the Eval metric (silently)", text: plateauWarmup, ppcls: {}, errors: [[lineOf(plateauWarmup, "warmup_epoch: 2"), "LL606"]], only: true, message: ["PaddleClas raises nothing, but Paddle's LinearWarmup wraps ReduceOnPlateau"] },
    { name: "MultiStepDecay with milestones [60, 30]: they must increase (ValueError)", text: milestonesDown, ppcls: {}, errors: [[lineOf(milestonesDown, "milestones: [60, 30]"), "LL606"]], only: true },
    {
      name: "Piecewise with text as its third boundary: TypeError in the middle of training, when the step count passes the second",
      text: textBoundaryLate,
      ppcls: {},
      errors: [[lineOf(textBoundaryLate, "decay_epochs:"), "LL606"]],
      only: true,
      message: ["`Optimizer.lr.decay_epochs[2]` is '9O': PaddleClas raises TypeError in the middle of training, at epoch 60, when the step count passes decay_epochs[1]"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("write decay_epochs[2] as a number of epochs (`90`)"),
    },
    {
      name: "Piecewise under a warmup: the boundary is reached that many epochs later (LinearWarmup steps the schedule with the step count less the warmup)",
      text: textBoundaryWarmup,
      ppcls: {},
      errors: [[lineOf(textBoundaryWarmup, "decay_epochs:"), "LL606"]],
      only: true,
      message: ["PaddleClas raises TypeError in the middle of training, at epoch 65 (60 after a warmup of 5 epochs), when the step count passes decay_epochs[1]"],
    },
    {
      name: "Piecewise with decay_epochs: []: recent Paddle refuses empty boundaries, earlier versions train at the last value (a warning)",
      text: emptyBoundaries,
      ppcls: {},
      errors: [[lineOf(emptyBoundaries, "decay_epochs:"), "LL606"]],
      only: true,
      message: ["`Optimizer.lr.decay_epochs` is an empty list: PaddleClas raises ValueError when training starts on recent Paddle (paddle.optimizer.lr.PiecewiseDecay: The boundaries cannot be empty)"],
      checkRun: (_run, [problem]) => expect(problem!.severity).toBe("warn"),
    },
    { name: "Piecewise with text as its first boundary: compared as the scheduler is built (TypeError)", text: textBoundaryFirst, ppcls: {}, errors: [[lineOf(textBoundaryFirst, "decay_epochs:"), "LL606"]], only: true, message: ["`Optimizer.lr.decay_epochs[0]` is '3O': PaddleClas raises TypeError when training starts (Paddle's PiecewiseDecay compares the step count with decay_epochs[0] as it is built)"] },
    { name: "Piecewise with a None boundary: multiplied by the batches of an epoch when built (TypeError)", text: noneBoundary, ppcls: {}, errors: [[lineOf(noneBoundary, "decay_epochs:"), "LL606"]], only: true, message: ["`Optimizer.lr.decay_epochs[1]` is None: PaddleClas raises TypeError when training starts (Piecewise multiplies each of decay_epochs by the batches of an epoch"] },
    { name: "Piecewise with decay_epochs [30, 20, 90]: values[1] is never used (silently)", text: boundariesDown, ppcls: {}, errors: [[lineOf(boundariesDown, "decay_epochs:"), "LL606"]], only: true, message: ["`Optimizer.lr.decay_epochs` is [30, 20, 90]: PaddleClas raises nothing, but Paddle's PiecewiseDecay takes the rate of the first boundary the step count is still below, so with boundaries that do not increase values[1] is never used"] },
    { name: "Piecewise with decay_epochs `30 60 90` (text literal_eval cannot read): iterated as 8 characters, more than the values (ValueError)", text: boundariesText, ppcls: {}, errors: [[lineOf(boundariesText, "decay_epochs:"), "LL606"]], only: true, message: ["`Optimizer.lr.decay_epochs` is '30 60 90': PaddleClas raises ValueError when training starts (Piecewise iterates text as its 8 characters"] },
    { name: "a list-form item's Piecewise with decay_epochs `30, 60`: text there, iterated as its characters", text: listTupleText, ppcls: {}, errors: [[lineOf(listTupleText, "decay_epochs:"), "LL606"]], only: true, message: ["decay_epochs` is '30, 60': PaddleClas raises ValueError when training starts (Piecewise iterates text as its 6 characters"] },
    { name: "MultiStepDecay with a milestone written 1e2 (text to PyYAML, kept in a list): TypeError as it is built", text: milestoneText, ppcls: {}, errors: [[lineOf(milestoneText, "milestones:"), "LL606"]], only: true, message: ["`Optimizer.lr.milestones[1]` is '1e2': PaddleClas raises TypeError when training starts", "write 1.0e+2"] },
    { name: "MultiStepDecay with milestones `30 60 90`: iterated as characters that do not increase (ValueError)", text: milestonesSpaced, ppcls: {}, errors: [[lineOf(milestonesSpaced, "milestones:"), "LL606"]], only: true, message: ["`Optimizer.lr.milestones` is '30 60 90': PaddleClas raises ValueError when training starts (PaddleClas iterates text as its 8 characters, which Paddle's MultiStepDecay finds not increasing)"] },
    {
      name: "MultiLabelAsymmetricLoss with a negative gamma_neg: 0 ** gamma is infinite once a negative falls to clip, and the loss NaN (silently)",
      text: aslNegativeGamma,
      ppcls: {},
      errors: [[lineOf(aslNegativeGamma, "gamma_neg: -4"), "LL606"]],
      only: true,
      message: ["`Loss.Train[0].MultiLabelAsymmetricLoss.gamma_neg` is -4: PaddleClas raises nothing, but MultiLabelAsymmetricLoss weighs each class by (1 - pt) ** gamma_neg, and once a negative class's probability falls to clip (the clip then makes its pt exactly 1), 0 ** -4 is infinite and the loss NaN, in the middle of training"],
    },
    { name: "MultiLabelAsymmetricLoss with a clip of 1 or True: every negative's loss is 0 (silently)", text: aslClipOne, ppcls: {}, errors: [[lineOf(aslClipOne, "clip: 1.0"), "LL606"]], only: true, message: ["`Loss.Train[0].MultiLabelAsymmetricLoss.clip` is 1.0: PaddleClas raises nothing, but MultiLabelAsymmetricLoss shifts a negative class's probability by clip and caps it at 1 (pt = (1 - p + clip).clip(max=1)), so with a clip of 1 or more every negative's pt is exactly 1 and its loss 0"] },
    { name: "MultiLabelAsymmetricLoss with clip: True (1 in the sum)", text: aslClipTrue, ppcls: {}, errors: [[lineOf(aslClipTrue, "clip: True"), "LL606"]], only: true, message: ["`Loss.Train[0].MultiLabelAsymmetricLoss.clip` is True: PaddleClas raises nothing"] },
    { name: "Momentum with a negative momentum: the update swings instead of building up (silently; Paddle's Momentum checks no sign)", text: momentumNegative, ppcls: {}, errors: [[lineOf(momentumNegative, "momentum: -0.9"), "LL606"]], only: true, message: ["`Optimizer.momentum` is -0.9: PaddleClas raises nothing, but Paddle's Momentum keeps velocity = momentum × velocity + the new step, so a negative momentum turns the past steps against the new one"] },
    { name: "Momentum with momentum 1.0: past gradients never fade (silently)", text: momentumOne, ppcls: {}, errors: [[lineOf(momentumOne, "momentum: 1.0"), "LL606"]], only: true, message: ["`Optimizer.momentum` is 1.0: PaddleClas raises nothing, but Paddle's Momentum keeps velocity = momentum × velocity + the new step"], checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("write `momentum: 0.9` (below 1)") },
    { name: "a negative float weight_decay: the weights grow (silently)", text: negativeDecay, ppcls: {}, errors: [[lineOf(negativeDecay, "weight_decay: -0.0005"), "LL606"]], only: true, message: ["`Optimizer.weight_decay` is -0.0005: PaddleClas raises nothing, but a negative weight decay pushes each weight away from 0"], checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("write `weight_decay: 0.0005`") },
    { name: "an L2 regularizer with a negative coeff: the weights grow (silently)", text: negativeCoeff, ppcls: {}, errors: [[lineOf(negativeCoeff, "coeff: -1.0e-4"), "LL606"]], only: true, message: ["`Optimizer.regularizer.coeff` is -0.0001: PaddleClas raises nothing, but a negative weight decay"] },
    { name: "Step with a negative step_size: the exponent of gamma is negative, so the rate grows (silently)", text: stepNegative, ppcls: {}, errors: [[lineOf(stepNegative, "step_size:"), "LL606"]], only: true, message: ["`Optimizer.lr.step_size` is -30: PaddleClas raises nothing, but Paddle's StepDecay sets the rate to learning_rate × gamma ** (step // step_size)", "the rate grows 10 times at every step_size"] },
    { name: "Step with a text step_size and by_epoch: int() of the repeated text runs first (ValueError)", text: stepText, ppcls: {}, errors: [[lineOf(stepText, "step_size:"), "LL606"]], only: true, message: ["`Optimizer.lr.step_size` is '3O': PaddleClas raises ValueError when training starts (Step computes int(step_size × the batches of an epoch), with by_epoch too"] },
    { name: "a negative warmup_start_lr: the warmup's first steps run at a negative rate, up the loss (Paddle checks only that the rate is above it)", text: negativeWarmupStart, ppcls: {}, errors: [[lineOf(negativeWarmupStart, "warmup_start_lr:"), "LL606"]], only: true, message: ["`Optimizer.lr.warmup_start_lr` is -1.0e-3: PaddleClas raises nothing, but Paddle's LinearWarmup raises the rate from it in a straight line (ppcls/optimizer/learning_rate.py:86-92), so the warmup's steps until the rate passes 0 each move the weights up the loss, not down"] },
    { name: "Cosine's negative eta_min: the rate ends below 0, the last steps up the loss", text: negativeEtaMin, ppcls: {}, errors: [[lineOf(negativeEtaMin, "eta_min:"), "LL606"]], only: true, message: ["`Optimizer.lr.eta_min` is -1.0e-5: PaddleClas raises nothing, but Paddle's CosineAnnealingDecay lowers the rate to eta_min by the end of training, so once the rate passes below 0 each step moves the weights up the loss, not down"] },
    { name: "Linear's negative end_lr: the same with PolynomialDecay", text: negativeEndLr, ppcls: {}, errors: [[lineOf(negativeEndLr, "end_lr:"), "LL606"]], only: true, message: ["`Optimizer.lr.end_lr` is -0.01: PaddleClas raises nothing, but Paddle's PolynomialDecay lowers the rate to end_lr by the end of training"] },
    { name: "a negative Piecewise value: trained with, each step up the loss", text: negativeValue, ppcls: {}, errors: [[lineOf(negativeValue, "values:"), "LL606"]], only: true, message: ["`Optimizer.lr.values[1]` is -0.01: PaddleClas raises nothing, but a negative learning rate makes each step move the weights up the loss, not down"] },
    {
      name: "Momentum with its momentum left empty: Paddle's Momentum raises ValueError (momentum is not set) when training starts",
      text: emptyMomentum,
      ppcls: {},
      errors: [[lineOf(emptyMomentum, "  momentum:"), "LL606"]],
      only: true,
      message: ["`Optimizer.momentum` is None: PaddleClas raises ValueError when training starts (paddle.optimizer.Momentum: momentum is not set)"],
    },
    {
      name: "AdamW without weight_decay: PaddleClas hands Paddle's AdamW None, which it refuses (TypeError when training starts)",
      text: adamwNoDecay,
      ppcls: {},
      errors: [[lineOf(adamwNoDecay, "Optimizer:"), "LL606"]],
      only: true,
      message: ["Optimizer needs 'weight_decay': PaddleClas raises TypeError when training starts (PaddleClas's AdamW hands Paddle's AdamW weight_decay=None when the config gives none, and Paddle's AdamW takes weight_decay only as a float: weight_decay should be float or Tensor)"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("add `weight_decay: 0.05` under Optimizer (`0.0` for none)"),
    },
    {
      name: "AdamW with weight_decay: 0, an int to PyYAML: TypeError when training starts, with the float to write",
      text: adamwIntDecay,
      ppcls: {},
      errors: [[lineOf(adamwIntDecay, "weight_decay: 0"), "LL606"]],
      only: true,
      message: ["`Optimizer.weight_decay` is 0: PaddleClas raises TypeError when training starts (Paddle's AdamW takes weight_decay only as a float: weight_decay should be float or Tensor, and 0 is an int)"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("write `weight_decay: 0.0`"),
    },
    {
      name: "AdamW with a regularizer: build_optimizer hands it the L2Decay as its weight_decay (TypeError when training starts)",
      text: adamwRegularizer,
      ppcls: {},
      errors: [[lineOf(adamwRegularizer, "  regularizer:"), "LL606"]],
      only: true,
      message: ["`Optimizer.regularizer` is set: PaddleClas raises TypeError when training starts (build_optimizer hands AdamW the regularizer it builds (L2Decay) as its weight_decay, ppcls/optimizer/__init__.py:87"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("remove `regularizer:` and write `weight_decay: 0.0001` (AdamW's decoupled weight decay)"),
    },
    {
      name: "Adam with beta1 1.0, a text beta2 and an empty epsilon: Paddle's Adam raises ValueError, TypeError and AssertionError when it is built",
      text: adamBetas,
      ppcls: {},
      errors: [
        [lineOf(adamBetas, "beta1: 1.0"), "LL606"],
        [lineOf(adamBetas, "beta2: abc"), "LL606"],
        [lineOf(adamBetas, "  epsilon:"), "LL606"],
      ],
      only: true,
      checkRun: (_run, problems) =>
        expect(problems.map((p) => p.message)).toEqual([
          "`Optimizer.beta1` is 1.0: PaddleClas raises ValueError when training starts (Paddle's Adam: beta1 must be in [0, 1))",
          "`Optimizer.beta2` is 'abc': PaddleClas raises TypeError when training starts (Paddle's Adam compares beta2 with numbers: it must be in [0, 1))",
          "`Optimizer.epsilon` is None: PaddleClas raises AssertionError when training starts (Paddle's Adam: assert epsilon is not None)",
        ]),
    },
    {
      name: "RMSProp with a negative momentum and an empty rho: Paddle's RMSProp raises ValueError when it is built",
      text: rmspropValues,
      ppcls: {},
      errors: [
        [lineOf(rmspropValues, "momentum: -0.9"), "LL606"],
        [lineOf(rmspropValues, "  rho:"), "LL606"],
      ],
      only: true,
      checkRun: (_run, problems) =>
        expect(problems.map((p) => p.message)).toEqual(["`Optimizer.momentum` is -0.9: PaddleClas raises ValueError when training starts (Paddle's RMSProp: momentum must be 0 or more)", "`Optimizer.rho` is None: PaddleClas raises ValueError when training starts (Paddle's RMSProp: rho is not set)"]),
    },
    {
      name: "Momentum with weight_decay: 0, an int: Paddle keeps it as the regularizer and calls it at the first batch (TypeError)",
      text: momentumDecay("0"),
      ppcls: {},
      errors: [[lineOf(momentumDecay("0"), "weight_decay: 0"), "LL606"]],
      only: true,
      message: ["`Optimizer.weight_decay` is 0: PaddleClas raises TypeError at the first batch (Paddle's Momentum makes only a float weight_decay an L2 decay, and keeps anything else as the regularizer it calls on each gradient: 'int' object is not callable)"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("write `weight_decay: 0.0`, or remove it for no weight decay"),
    },
    {
      name: "a list-form Momentum with weight_decay 1e-4: text there, called as the regularizer at the first batch",
      text: listMomentumDecay,
      ppcls: {},
      errors: [[lineOf(listMomentumDecay, "weight_decay: 1e-4"), "LL606"]],
      only: true,
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("write `weight_decay: 1.0e-4`"),
    },
    {
      name: "a list-form regularizer's coeff 5e-4: text there, handed to the weight-decay op at the first batch (ValueError)",
      text: listCoeff,
      ppcls: {},
      errors: [[lineOf(listCoeff, "coeff: 5e-4"), "LL606"]],
      only: true,
      message: ["`Optimizer[0].Momentum.regularizer.coeff` is '5e-4': PaddleClas raises ValueError at the first batch (Paddle's L2Decay keeps coeff and hands it to the weight-decay op, whose argument must be a float)"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("write `coeff: 5.0e-4`"),
    },
    { name: "a Momentum momentum written O.9 (a letter O): text, handed to the momentum op at the first batch (ValueError)", text: edit(base, "  momentum: 0.9\n", "  momentum: O.9\n"), ppcls: {}, errors: [[lineOf(edit(base, "  momentum: 0.9\n", "  momentum: O.9\n"), "momentum: O.9"), "LL606"]], only: true, message: ["`Optimizer.momentum` is 'O.9': PaddleClas raises ValueError at the first batch (Paddle's Momentum hands momentum to its momentum op, whose argument must be a float)"] },
    { name: "a regularizer's coeff left empty: Paddle's L2Decay asserts it is not None when training starts", text: emptyCoeff, ppcls: {}, errors: [[lineOf(emptyCoeff, "    coeff:"), "LL606"]], only: true, message: ["`Optimizer.regularizer.coeff` is None: PaddleClas raises AssertionError when training starts (Paddle's L2Decay: assert coeff is not None)"] },
    {
      name: "an empty image_root: None to MultiLabelDataset, whose os.path.exists(image_root) raises TypeError while the list loads, with or without images",
      text: imageRootAs(""),
      ppcls: {},
      errors: [[lineOf(imageRootAs(""), "image_root:"), "LL606"]],
      only: true,
      message: ["`DataLoader.Train.dataset.image_root` is None: PaddleClas raises TypeError while loading the list, when training starts (MultiLabelDataset asserts os.path.exists(image_root), which takes a path: ppcls/data/dataloader/multilabel_dataset.py:30)"],
      checkRun: (_run, [problem]) => expect(problem!.severity).toBe("error"),
    },
    { name: "image_root: '' fails MultiLabelDataset's assert (AssertionError)", text: imageRootAs("''"), ppcls: {}, errors: [[lineOf(imageRootAs("''"), "image_root: ''"), "LL606"]], only: true, message: ["is '': PaddleClas raises AssertionError while loading the list"] },
    { name: "image_root: True passes os.path.exists as a file descriptor, then os.path.join raises TypeError", text: imageRootAs("True"), ppcls: {}, errors: [[lineOf(imageRootAs("True"), "image_root: True"), "LL606"]], only: true, message: ["os.path.exists takes True for a file descriptor, then os.path.join(image_root, path) refuses it"] },
    {
      name: "ATTRMetric's threshold written 1e-1: text in a metric's list, compared with the scores at the first evaluation (TypeError)",
      text: attrThreshold,
      ppcls: {},
      errors: [[lineOf(attrThreshold, "threshold: 1e-1"), "LL606"]],
      only: true,
      message: ["`Metric.Eval[0].ATTRMetric.threshold` is '1e-1': PaddleClas raises TypeError at the first evaluation (ATTRMetric compares each score with threshold: ppcls/metric/metrics.py:466)"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("write `threshold: 1.0e-1`"),
    },
    {
      name: "AccuracyScore's base and MultiLabelMAP's map_type they do not know: AssertionError when the metrics are built",
      text: accuracyBase,
      ppcls: {},
      errors: [
        [lineOf(accuracyBase, "base: samples"), "LL606"],
        [lineOf(accuracyBase, "map_type: 11-point"), "LL606"],
      ],
      only: true,
      message: ["`Metric.Eval[0].AccuracyScore.base` is 'samples': PaddleClas raises AssertionError when training starts (AccuracyScore asserts base in [\"sample\", \"label\"] when it is built: ppcls/metric/metrics.py:434)"],
    },
    {
      name: "MultilabelMeanAccuracy's start_threshold as text and num_iterations 10.0: TypeError when the first evaluation reports",
      text: meanAccuracyText,
      ppcls: {},
      errors: [
        [lineOf(meanAccuracyText, "start_threshold: 4e-1"), "LL606"],
        [lineOf(meanAccuracyText, "num_iterations: 10.0"), "LL606"],
      ],
      only: true,
    },
    {
      name: "clip_norm: 0 clips every gradient to nothing: no weight changes, and nothing says so",
      text: clipNorm("0"),
      ppcls: {},
      errors: [[lineOf(clipNorm("0"), "clip_norm: 0"), "LL606"]],
      only: true,
      message: ["`Optimizer.clip_norm` is 0: PaddleClas raises nothing, but every gradient is clipped to a norm of 0, so no step changes a weight"],
    },
    {
      name: "a clip_norm float() cannot read: ValueError when training starts (text), TypeError (empty)",
      text: clipNorm("five"),
      ppcls: {},
      errors: [[lineOf(clipNorm("five"), "clip_norm: five"), "LL606"]],
      only: true,
      message: ["`Optimizer.clip_norm` is 'five': PaddleClas raises ValueError when training starts (Paddle's ClipGradByNorm keeps float(clip_norm): ppcls/optimizer/__init__.py:92)"],
    },
    { name: "an empty clip_norm is None to float(): TypeError when training starts", text: clipNorm(""), ppcls: {}, errors: [[lineOf(clipNorm(""), "clip_norm:"), "LL606"]], only: true },
    { name: "a negative clip_norm scales every gradient to a negative norm: each step up the loss", text: clipNorm("-1.0"), ppcls: {}, errors: [[lineOf(clipNorm("-1.0"), "clip_norm: -1.0"), "LL606"]], only: true },
    {
      name: "a list-form AdamW with epsilon 1e-8 and weight_decay 5e-2: text there, TypeError when training starts, with the float form",
      text: listAdamw,
      ppcls: {},
      errors: [
        [lineOf(listAdamw, "epsilon: 1e-8"), "LL606"],
        [lineOf(listAdamw, "weight_decay: 5e-2"), "LL606"],
      ],
      only: true,
      message: ["`Optimizer[0].AdamW.epsilon` is '1e-8': PaddleClas raises TypeError when training starts (Paddle's AdamW compares epsilon with numbers: it must be 0 or more) (PyYAML reads 1e-8 as text"],
      checkRun: (_run, problems) => expect(problems.map((p) => p.suggestion)).toEqual(["write `epsilon: 1.0e-8`", "write `weight_decay: 5.0e-2`"]),
    },
    {
      name: "MultiLabelAsymmetricLoss with gamma_neg and clip written 4e0 and 5e-2: text to PyYAML, TypeError at the first batch, with the float form in the message",
      text: aslText,
      ppcls: {},
      errors: [
        [lineOf(aslText, "gamma_neg: 4e0"), "LL606"],
        [lineOf(aslText, "clip: 5e-2"), "LL606"],
      ],
      only: true,
      message: ["`Loss.Train[0].MultiLabelAsymmetricLoss.gamma_neg` is '4e0': PaddleClas raises TypeError at the first batch (MultiLabelAsymmetricLoss multiplies the targets by it: ppcls/loss/multilabelloss.py:107-109) (PyYAML reads 4e0 as text, and PaddleClas makes text a number only outside lists; write 4.0e+0, with a dot and a signed exponent, or a decimal)"],
      checkRun: (_run, [, clip]) => expect(clip!.message).toContain("`Loss.Train[0].MultiLabelAsymmetricLoss.clip` is '5e-2': PaddleClas raises TypeError at the first batch (MultiLabelAsymmetricLoss compares clip with 0"),
    },
    { name: "MultiLabelAsymmetricLoss with a reduction it does not know: AssertionError when the loss is built", text: aslReduction, ppcls: {}, errors: [[lineOf(aslReduction, "reduction: avg"), "LL606"]], only: true },
    {
      name: "MultiLabelAsymmetricLoss with epsilon written 1e-8: text in a loss's list, handed to Paddle's clip at the first batch (ValueError)",
      text: aslEpsilon,
      ppcls: {},
      errors: [[lineOf(aslEpsilon, "epsilon: 1e-8"), "LL606"]],
      only: true,
      message: ["`Loss.Train[0].MultiLabelAsymmetricLoss.epsilon` is '1e-8': PaddleClas raises ValueError at the first batch (MultiLabelAsymmetricLoss clips the probabilities at epsilon before the log, and Paddle's clip takes a number: ppcls/loss/multilabelloss.py:113)"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("write `epsilon: 1.0e-8`"),
    },
    { name: "MultiLabelLoss with epsilon written 1e-1: text, which it compares with 0 when it is built (TypeError)", text: textEpsilon, ppcls: {}, errors: [[lineOf(textEpsilon, "epsilon: 1e-1"), "LL606"]], only: true },
    {
      name: "Eval normalizing with another mean and std than training: a warning at Eval's NormalizeImage (its metrics are of pictures the model was not trained on)",
      text: evalMean,
      ppcls: {},
      errors: [[lineOf(evalMean, "- NormalizeImage:", lineOf(evalMean, "eval_list.txt")), "LL606"]],
      only: true,
      message: ["`DataLoader.Eval.dataset.transform_ops[2].NormalizeImage` normalizes images with scale 0.00392157, mean [0.5, 0.5, 0.5], std [0.5, 0.5, 0.5], and training with scale 0.00392157, mean [0.485, 0.456, 0.406], std [0.229, 0.224, 0.225]: PaddleClas raises nothing, but the Eval metrics, and the best model PaddleClas keeps by them, are of pictures the model was not trained on"],
      checkRun: (_run, [problem]) => {
        expect(problem!.severity).toBe("warn");
        expect(problem!.suggestion).toBe("normalize as training does: NormalizeImage with scale: 0.00392157, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225]");
      },
    },
    { name: "Infer normalizing with a scale of 1 where training divides by 255: tools/infer.py predicts on other pictures (a warning)", text: inferMean, ppcls: {}, errors: [[lineOf(inferMean, "    - NormalizeImage:", lineOf(inferMean, "Infer:")), "LL606"]], only: true, checkRun: (_run, [problem]) => expect(problem!.message).toContain("tools/infer.py predicts on pictures the model was not trained on") },
    {
      name: "Cutout without fill_value: none fails on every image in PaddleClas d178931 (AttributeError), and fills zeros in tagged releases: a warning at the operator",
      text: cutoutDefault,
      ppcls: {},
      errors: [[lineOf(cutoutDefault, "- Cutout:"), "LL606"]],
      only: true,
      message: ["`DataLoader.Train.dataset.transform_ops[1].Cutout` is a Cutout without fill_value (its default is (0, 0, 0)): PaddleClas raises AttributeError at the first batch: Cutout sets its fill_value only for 'none' or None"],
      checkRun: (_run, [problem]) => {
        expect(problem!.severity).toBe("warn");
        expect(problem!.suggestion).toBe("write `fill_value: none` (a random colour for each hole), as PaddleClas's ML-Decoder configs do");
      },
    },
    {
      name: "Cutout's fill_value [0, 0, 0] (a warning), a float n_holes and a text length (errors: range() and // on every image)",
      text: cutoutValues,
      ppcls: {},
      errors: [
        [lineOf(cutoutValues, "fill_value: [0, 0, 0]"), "LL606"],
        [lineOf(cutoutValues, "n_holes: 1.0"), "LL606"],
        [lineOf(cutoutValues, "length: half"), "LL606"],
      ],
      only: true,
      checkRun: (_run, problems) => expect(problems.map((p) => p.severity)).toEqual(["warn", "error", "error"]),
    },
    {
      name: "Cutout with a float length and fill_value none: cv2.rectangle refuses float corners on every image; with the default fill_value, the AttributeError comes first",
      text: cutoutFloat,
      ppcls: {},
      errors: [
        [lineOf(cutoutFloat, "length: 112.0"), "LL606"],
        [lineOf(cutoutFloat, "- Cutout:", lineOf(cutoutFloat, "length: 112.0")), "LL606"],
      ],
      only: true,
      checkRun: (_run, problems) => {
        expect(problems[0]!.message).toContain("`DataLoader.Train.dataset.transform_ops[1].Cutout.length` is 112.0: PaddleClas raises cv2.error at the first batch: Cutout's hole corners are np.clip(y - length // 2, 0, h) and the like, floats for a float length, and cv2.rectangle takes int points only");
        expect(problems[0]!.suggestion).toBe("write `length: 112` (an int)");
        expect(problems[1]!.message).toContain("Cutout sets its fill_value only for 'none' or None");
      },
    },
    {
      name: "an lr with a learning_rate and no schedule name: the optimizer gets the number, which the training loop steps as a schedule (AttributeError at the first batch)",
      text: namelessLr,
      ppcls: {},
      errors: [[lineOf(namelessLr, "      lr:"), "LL606"]],
      only: true,
      message: ["`Optimizer[0].Momentum.lr` is a learning_rate without a schedule's `name`: PaddleClas raises AttributeError at the first batch"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("add `name: ConstLR` under Optimizer[0].Momentum.lr (a constant rate), or another schedule"),
    },
    {
      name: "Piecewise with fewer values than decay epochs: ValueError when training starts (IndexError mid-training before Paddle 2.5)",
      text: piecewiseShort,
      ppcls: {},
      errors: [[lineOf(piecewiseShort, "values:"), "LL606"]],
      only: true,
      message: ["`Optimizer.lr.values` is [0.1, 0.01], 2 rates for the 3 boundaries of decay_epochs [30, 60, 90]: PaddleClas raises ValueError when training starts"],
      checkRun: (_run, [problem]) => {
        expect(problem!.severity).toBe("error");
        expect(problem!.suggestion).toBe("give `values` 4 learning rates, one for each segment before, between and after the 3 decay epochs");
      },
    },
    {
      name: "Piecewise with as many values as decay epochs (PaddleClas's StrongBaselineAttr): ValueError on recent Paddle, one rate for two segments before; a warning",
      text: piecewiseEqual,
      ppcls: {},
      errors: [[lineOf(piecewiseEqual, "values:"), "LL606"]],
      only: true,
      message: ["`Optimizer.lr.values` is [0.0001, 0.00001, 0.000001, 0.0000001], 4 rates for the 4 boundaries of decay_epochs [12, 18, 24, 28]: PaddleClas raises ValueError when training starts on recent Paddle"],
      checkRun: (_run, [problem]) => expect(problem!.severity).toBe("warn"),
    },
    {
      name: "Piecewise with more values than decay epochs and one: the values between the last boundary's and the last are never used (silently)",
      text: piecewiseLong,
      ppcls: {},
      errors: [[lineOf(piecewiseLong, "values:"), "LL606"]],
      only: true,
      message: ["`Optimizer.lr.values` is 4 rates for the 2 boundaries of decay_epochs: PaddleClas raises nothing, but Paddle's PiecewiseDecay takes values[k] before boundary k and the last value after the last boundary, so values[2] is never used and training runs another schedule than the one written"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("give `values` 3 learning rates, one for each segment the decay epochs make, or add the epochs the other rates start at to decay_epochs"),
    },
    { name: "Piecewise with 4 values for 1 boundary: values[1] and values[2] never used", text: piecewiseLonger, ppcls: {}, errors: [[lineOf(piecewiseLonger, "values:"), "LL606"]], only: true, message: ["`Optimizer.lr.values` is 4 rates for the 1 boundary of decay_epochs: PaddleClas raises nothing", "so values[1] and values[2] are never used"] },
    {
      name: "MixupOperator and CutmixOperator raise on an alpha not above 0 (Exception) or not a number (TypeError), drawn by OpSampler or not",
      text: mixerAlphas,
      ppcls: {},
      errors: [
        [lineOf(mixerAlphas, "alpha: 0"), "LL606"],
        [lineOf(mixerAlphas, "alpha: '1.0'"), "LL606"],
        [lineOf(mixerAlphas, "alpha: -0.2"), "LL606"],
      ],
      only: true,
      options: { rules: { "target-rank-mismatch": "off" } },
      message: ["`DataLoader.Train.dataset.batch_transform_ops[0].MixupOperator.alpha` is 0: PaddleClas raises Exception while building DataLoader.Train, before training starts: MixupOperator raises 'Parameter \"alpha\" … should be greater than 0' (ppcls/data/preprocess/batch_ops/batch_operators.py:77)"],
      checkRun: (_run, [, text]) => expect(text!.message).toContain("is '1.0': PaddleClas raises TypeError"),
    },
    {
      name: "without any class_num, build_dataloader passes None, and FmixOperator and OpSampler raise (once: OpSampler before its operators)",
      text: mixerNoClassNum,
      ppcls: {},
      errors: [
        [lineOf(mixerNoClassNum, "- FmixOperator"), "LL606"],
        [lineOf(mixerNoClassNum, "- OpSampler"), "LL606"],
      ],
      only: true,
      options: { rules: { "target-rank-mismatch": "off", "class-count-mismatch": "off" } },
      message: ["`DataLoader.Train.dataset.batch_transform_ops[0].FmixOperator` is built without a class_num: PaddleClas raises Exception while building DataLoader.Train, before training starts: the config has no `Arch.class_num`, so build_dataloader passes None"],
    },
    {
      name: "operators that leave each image at its own size, batched by 64: a warning while images are not decoded (np.stack refuses different shapes)",
      text: unsized,
      ppcls: {},
      errors: [[lineOf(unsized, "transform_ops:"), "LL606"]],
      only: true,
      message: [
        "`DataLoader.Train.dataset.transform_ops` leaves each image at its own size (no operator resizes or crops to one size: ResizeImage with `size`, CropImage, RandCropImage, …), and DataLoader.Train stacks batches of 64 images with np.stack: unless every image of the list has the same size, PaddleClas raises ValueError (all input arrays must have the same shape) at the first batch — a warning while images are not decoded (--decode-images)",
      ],
      checkRun: (_run, [problem]) => expect(problem!.severity).toBe("warn"),
    },
    {
      name: "a MultiLabelDataset without transform_ops: its bytes reach img.transpose on every image (AttributeError, retried until RecursionError)",
      text: noTransforms,
      ppcls: {},
      errors: [[lineOf(noTransforms, "name: MultiLabelDataset"), "LL606"]],
      only: true,
      message: [
        "`DataLoader.Train.dataset.name` is MultiLabelDataset without transform_ops: PaddleClas raises RecursionError at the first batch: with no operators, MultiLabelDataset hands the image file's bytes (`f.read()`) to its own `img.transpose((2, 0, 1))` (ppcls/data/dataloader/multilabel_dataset.py:54), and bytes have no transpose (AttributeError)",
      ],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("give the dataset `transform_ops:` that start with `- DecodeImage: {to_rgb: True, channel_first: False}`, as PaddleClas's configs do"),
    },
    {
      name: "an empty transform_ops is no operators too (`if self._transform_ops:` skips it)",
      text: emptyTransforms,
      ppcls: {},
      errors: [[lineOf(emptyTransforms, "transform_ops: []"), "LL606"]],
      only: true,
      message: ["`DataLoader.Train.dataset.transform_ops` is an empty list: PaddleClas raises RecursionError at the first batch"],
    },
    {
      name: "an operator before DecodeImage gets the image file's bytes, on every image",
      text: resizeFirst,
      ppcls: {},
      errors: [[lineOf(resizeFirst, "- ResizeImage:"), "LL606"]],
      only: true,
      message: ["`DataLoader.Train.dataset.transform_ops[0].ResizeImage` is the first operator: PaddleClas raises RecursionError at the first batch: MultiLabelDataset hands its operators the image file's bytes", "only DecodeImage decodes (ppcls/data/preprocess/ops/operators.py:184-198), and ResizeImage gets them undecoded"],
    },
    {
      name: "OpSampler: an operator's argument it does not take, though never drawn (no prob: 0), is a TypeError when the DataLoader is built",
      text: opSamplerTypo,
      ppcls: {},
      errors: [[lineOf(opSamplerTypo, "alpah"), "LL606"]],
      only: true,
      message: ["MixupOperator does not take 'alpah' (it takes class_num, alpha): PaddleClas raises TypeError while building DataLoader.Train; did you mean 'alpha'?"],
    },
    {
      name: "OpSampler: a name its module does not define is a NameError (eval(op_name))",
      text: samplerName,
      ppcls: {},
      errors: [[lineOf(samplerName, "Mixupp"), "LL606"]],
      only: true,
      message: ["unknown transform 'Mixupp': PaddleClas raises NameError while building DataLoader.Train"],
      options: { rules: { "target-rank-mismatch": "off" } },
    },
    {
      name: "OpSampler: MixupCutmixHybrid takes num_classes, so the class_num OpSampler passes is a TypeError",
      text: samplerHybrid,
      ppcls: {},
      errors: [[lineOf(samplerHybrid, "MixupCutmixHybrid"), "LL606"]],
      only: true,
      message: ["OpSampler passes `class_num` to every operator it draws (ppcls/data/preprocess/batch_ops/batch_operators.py:218), and MixupCutmixHybrid takes `num_classes`, not `class_num`", "__init__() got an unexpected keyword argument 'class_num'"],
      options: { rules: { "target-rank-mismatch": "off" } },
    },
    {
      name: "OpSampler: probs adding up to more than 1 raise Exception",
      text: samplerTotal,
      ppcls: {},
      errors: [[lineOf(samplerTotal, "OpSampler"), "LL606"]],
      only: true,
      message: ["`DataLoader.Train.dataset.batch_transform_ops[0].OpSampler` is MixupOperator prob 0.7 + CutmixOperator prob 0.5 = 1.2: PaddleClas raises Exception while building DataLoader.Train", 'should be less 1.'],
      options: { rules: { "target-rank-mismatch": "off" } },
    },
    {
      name: "OpSampler: a prob written as text fails `total_prob += prob` (TypeError)",
      text: samplerProbText,
      ppcls: {},
      errors: [[lineOf(samplerProbText, "prob:"), "LL606"]],
      only: true,
      message: ["`DataLoader.Train.dataset.batch_transform_ops[0].OpSampler.MixupOperator.prob` is '0.5': PaddleClas raises TypeError", "`total_prob += prob` needs a number"],
      options: { rules: { "target-rank-mismatch": "off" } },
    },
    {
      name: "OpSampler: an operator without a mapping fails `\"prob\" not in param` (None: TypeError) or `param.pop` (text: AttributeError)",
      text: samplerNull,
      ppcls: {},
      errors: [
        [lineOf(samplerNull, "MixupOperator:"), "LL606"],
        [lineOf(samplerNull, "CutmixOperator"), "LL606"],
      ],
      only: true,
      message: ["`DataLoader.Train.dataset.batch_transform_ops[0].OpSampler.MixupOperator` is None, not a mapping: PaddleClas raises TypeError"],
      checkRun: (_run, [, text]) => expect(text!.message).toContain("`DataLoader.Train.dataset.batch_transform_ops[0].OpSampler.CutmixOperator` is 'cutmix', not a mapping: PaddleClas raises AttributeError"),
    },
    {
      name: "Global without eval_interval: KeyError at the end of the first epoch, after the GPU time is spent",
      text: noEvalInterval,
      ppcls: {},
      errors: [[lineOf(noEvalInterval, "Global:"), "LL606"]],
      only: true,
      message: ["Global needs 'eval_interval': PaddleClas raises KeyError at the end of the first epoch (ppcls/engine/engine.py:349)"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("add `eval_interval: 1` under Global"),
    },
    {
      name: "eval_interval 0: ZeroDivisionError at the end of the first epoch (epoch_id % eval_interval)",
      text: evalIntervalZero,
      ppcls: {},
      errors: [[lineOf(evalIntervalZero, "eval_interval"), "LL606"]],
      only: true,
      message: ["`Global.eval_interval` is 0: PaddleClas raises ZeroDivisionError at the end of the first epoch (epoch_id % eval_interval: ppcls/engine/engine.py:349)"],
    },
    {
      name: "a Global with only epochs-free keys: one finding for the keys read while training starts, one for eval_interval",
      text: edit(minimalGlobal, "Global:\n", "Global:\n  eval_during_train: True\n"),
      ppcls: {},
      errors: [
        [1, "LL606"],
        [1, "LL606"],
      ],
      only: true,
      checkRun: (_run, problems) =>
        expect(problems.map((p) => p.message)).toEqual([
          "Global needs 8 keys it does not have (output_dir, use_visualdl, device, epochs, pretrained_model, print_batch_step, save_interval, checkpoints): PaddleClas raises KeyError on 'output_dir' when training starts (ppcls/engine/engine.py:78)",
          "Global needs 'eval_interval': PaddleClas raises KeyError at the end of the first epoch (ppcls/engine/engine.py:349)",
        ]),
    },
    {
      name: "a Global key misspelled, with a did-you-mean",
      text: outputDirTypo,
      ppcls: {},
      errors: [[1, "LL606"]],
      only: true,
      message: ["Global needs 'output_dir': PaddleClas raises KeyError when training starts (ppcls/engine/engine.py:78); did you misspell it as 'output_dri'?"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("rename `output_dri` to `output_dir`"),
    },
    {
      name: "Global values training cannot use: an unknown device, a float epochs, a zero print_batch_step, a None save_interval",
      text: badGlobalValues,
      ppcls: {},
      errors: [
        [lineOf(badGlobalValues, "device:"), "LL606"],
        [lineOf(badGlobalValues, "save_interval:"), "LL606"],
        [lineOf(badGlobalValues, "epochs:"), "LL606"],
        [lineOf(badGlobalValues, "print_batch_step:"), "LL606"],
      ],
      only: true,
      checkRun: (_run, problems) =>
        expect(problems.map((p) => p.message)).toEqual([
          "`Global.device` is 'cuda': PaddleClas raises AssertionError when training starts (the device must be one of cpu, gpu, xpu, npu, mlu, ascend, intel_gpu, mps: ppcls/engine/engine.py:107)",
          "`Global.save_interval` is None: PaddleClas raises TypeError at the end of the first epoch (save_interval > 0: ppcls/engine/engine.py:425)",
          "`Global.epochs` is 2.5: PaddleClas raises TypeError when training starts (range(…, epochs + 1): ppcls/engine/engine.py:331)",
          "`Global.print_batch_step` is 0: PaddleClas raises ZeroDivisionError at the first batch (iter_id % print_batch_step: ppcls/engine/train/train.py:85)",
        ]),
    },
    {
      name: "no DataLoader.Eval while Global.eval_during_train is true: build_dataloader asserts 'Eval config not in yaml' when training starts",
      text: noEvalLoader,
      ppcls: {},
      errors: [[lineOf(noEvalLoader, "DataLoader:"), "LL606"]],
      only: true,
      message: ["DataLoader needs 'Eval': PaddleClas raises AssertionError (Eval config not in yaml) when training starts, as Global.eval_during_train is true (ppcls/engine/engine.py:160, ppcls/data/__init__.py:94)"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("add the `Eval:` section under DataLoader (dataset, sampler, loader), or set Global.eval_during_train: False"),
    },
    {
      name: "no Metric section while training evaluates: the Engine builds no metric, then classification_eval reads config[\"Metric\"][\"Eval\"][0] at its first batch",
      text: noMetric,
      ppcls: {},
      errors: [[lineOf(noMetric, "eval_during_train"), "LL606"]],
      only: true,
      message: ["the config needs 'Metric': PaddleClas raises KeyError at the first evaluation, at the end of the first epoch, as Global.eval_during_train is true (ppcls/engine/evaluation/classification.py:134)"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("add `Metric.Eval` with the metrics to report (`- AccuracyScore:`, `- HammingDistance:`), or set Global.eval_during_train: False"),
    },
    {
      name: "a Metric section without Eval: KeyError at the first evaluation",
      text: noEvalMetric,
      ppcls: {},
      errors: [[lineOf(noEvalMetric, "Metric:"), "LL606"]],
      only: true,
      message: ["Metric needs 'Eval': PaddleClas raises KeyError at the first evaluation"],
    },
    {
      name: "an empty Metric.Eval list: IndexError at the first evaluation",
      text: emptyEvalMetric,
      ppcls: {},
      errors: [[lineOf(emptyEvalMetric, "Eval: []"), "LL606"]],
      only: true,
      message: ["`Metric.Eval` is an empty list: PaddleClas raises IndexError at the first evaluation"],
    },
    {
      name: "no Global section: tools/train.py stops on config[\"Global\"]",
      text: noGlobal,
      ppcls: {},
      errors: [[1, "LL606"]],
      options: { rules: { "multilabel-not-enabled": "off" } },
      only: true,
      message: ["the config needs 'Global': PaddleClas raises KeyError when training starts (tools/train.py:35)"],
    },
    {
      name: "no Optimizer: build_optimizer's KeyError when training starts",
      text: noOptimizer,
      ppcls: {},
      errors: [[1, "LL606"]],
      only: true,
      message: ["the config needs 'Optimizer': PaddleClas raises KeyError when training starts (ppcls/engine/engine.py:243)"],
    },
    {
      name: "an optimizer ppcls/optimizer/optimizer.py does not have, with the nearest name",
      text: optimizerTypo,
      ppcls: {},
      errors: [[lineOf(optimizerTypo, "Momentun"), "LL606"]],
      only: true,
      message: ["`Optimizer.name` is 'Momentun': PaddleClas raises AttributeError when training starts (ppcls/optimizer/__init__.py:130)"],
    },
    {
      name: "a learning rate given as a number: build_lr_scheduler calls lr.update",
      text: lrNumber,
      ppcls: {},
      errors: [[lineOf(lrNumber, "lr: 0.1"), "LL606"]],
      only: true,
      message: ["`Optimizer.lr` is 0.1: PaddleClas raises AttributeError when training starts (ppcls/optimizer/__init__.py:34)"],
    },
    {
      name: "a schedule name learning_rate.py does not have",
      text: lrTypo,
      ppcls: {},
      errors: [[lineOf(lrTypo, "name: cosine"), "LL606"]],
      only: true,
      message: ["`Optimizer.lr.name` is 'cosine': PaddleClas raises AttributeError"],
    },
    {
      name: "a schedule without a name and a misspelled learning_rate",
      text: lrNameless,
      ppcls: {},
      errors: [[lineOf(lrNameless, "  lr:"), "LL606"]],
      only: true,
      message: ["Optimizer.lr needs 'learning_rate': PaddleClas raises KeyError when training starts (ppcls/optimizer/__init__.py:43); did you misspell it as 'learnig_rate'?"],
    },
    {
      name: "a list item of the optimizer without its scope",
      text: noScope,
      ppcls: {},
      errors: [[lineOf(noScope, "- Momentum:"), "LL606"]],
      only: true,
      message: ["Optimizer[0].Momentum needs 'scope': PaddleClas raises KeyError when training starts (ppcls/optimizer/__init__.py:72)"],
    },
    {
      name: "an optimizer without lr",
      text: noLr,
      ppcls: {},
      errors: [[lineOf(noLr, "Optimizer:"), "LL606"]],
      only: true,
      message: ["Optimizer needs 'lr': PaddleClas raises KeyError when training starts (ppcls/optimizer/__init__.py:75)"],
    },
    {
      name: "a misspelled optimizer argument: Momentum's required momentum is missing and momentun unknown",
      text: momentun,
      ppcls: {},
      errors: [
        [lineOf(momentun, "name: Momentum"), "LL606"],
        [lineOf(momentun, "momentun"), "LL606"],
      ],
      only: true,
      checkRun: (_run, problems) => {
        expect(problems.map((p) => p.message)).toEqual([
          "Momentum needs 'momentum': PaddleClas raises TypeError while building Optimizer; did you misspell it as 'momentun'?",
          "Momentum does not take 'momentun' (it takes momentum, weight_decay, use_nesterov, multi_precision, no_weight_decay_name, one_dim_param_no_weight_decay): PaddleClas raises TypeError while building Optimizer; did you mean 'momentum'?",
        ]);
        expect(problems.map((p) => p.suggestion)).toEqual(["rename `momentun` to `momentum`", "rename `momentun` to `momentum` — Momentum.__init__ (ppcls/optimizer/optimizer.py:88, PaddleClas d178931)"]);
      },
    },
    {
      name: "Momentum without momentum: the constructor's required argument",
      text: edit(base, "  momentum: 0.9\n", ""),
      ppcls: {},
      errors: [[lineOf(base, "name: Momentum"), "LL606"]],
      only: true,
      message: ["Momentum needs 'momentum': PaddleClas raises TypeError while building Optimizer"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("add `momentum: …` under Optimizer — Momentum.__init__ (ppcls/optimizer/optimizer.py:88, PaddleClas d178931)"),
    },
    {
      name: "learning_rate and grad_clip given to the optimizer: build_optimizer passes both itself, a second value is a TypeError",
      text: optimizerLearningRate,
      ppcls: {},
      errors: [
        [lineOf(optimizerLearningRate, "  learning_rate: 0.1"), "LL606"],
        [lineOf(optimizerLearningRate, "grad_clip"), "LL606"],
      ],
      only: true,
      checkRun: (_run, problems) => {
        expect(problems.map((p) => p.message)).toEqual([
          "`Optimizer.learning_rate` is 0.1: PaddleClas raises TypeError when training starts (got multiple values for keyword argument 'learning_rate': build_optimizer passes Momentum the schedule it builds from `lr`, ppcls/optimizer/__init__.py:130)",
          "`Optimizer.grad_clip` is 5: PaddleClas raises TypeError when training starts (got multiple values for keyword argument 'grad_clip': build_optimizer passes Momentum what it builds from `clip_norm` (None without one), ppcls/optimizer/__init__.py:130)",
        ]);
        expect(problems.map((p) => p.suggestion)).toEqual(["remove `learning_rate` here: set it under `lr:` (`learning_rate: 0.1`)", "remove `grad_clip`: set `clip_norm:` for gradient clipping by norm"]);
      },
    },
    {
      name: "a misspelled clip_norm is passed on to the optimizer, which does not take it",
      text: clipnorm,
      ppcls: {},
      errors: [[lineOf(clipnorm, "clipnorm"), "LL606"]],
      only: true,
      message: ["Momentum does not take 'clipnorm'", "; did you mean 'clip_norm'?"],
    },
    {
      name: "Piecewise with a learning_rate only: decay_epochs and values are required all the same",
      text: piecewiseAlone,
      ppcls: {},
      errors: [
        [lineOf(piecewiseAlone, "name: Piecewise"), "LL606"],
        [lineOf(piecewiseAlone, "name: Piecewise"), "LL606"],
      ],
      only: true,
      checkRun: (_run, problems) => {
        expect(problems.map((p) => p.message)).toEqual([
          "Piecewise needs 'decay_epochs': PaddleClas raises TypeError while building Optimizer.lr",
          "Piecewise needs 'values': PaddleClas raises TypeError while building Optimizer.lr",
        ]);
        expect(problems[0]!.suggestion).toBe("add `decay_epochs: …` under Optimizer.lr — Piecewise.__init__ (ppcls/optimizer/learning_rate.py:397, PaddleClas d178931)");
      },
    },
    {
      name: "a schedule without **kwargs given a key it does not take (Cyclic's learning rates are base_ and max_learning_rate)",
      text: cyclicLearningRate,
      ppcls: {},
      errors: [[lineOf(cyclicLearningRate, "    learning_rate: 0.1"), "LL606"]],
      only: true,
      message: ["Cyclic does not take 'learning_rate' (it takes base_learning_rate, max_learning_rate, warmup_epoch, warmup_start_lr, step_size_up, step_size_down, mode, exp_gamma, scale_fn, scale_mode, by_epoch, last_epoch, verbose): PaddleClas raises TypeError while building Optimizer.lr"],
    },
    {
      name: "a regularizer paddle.regularizer does not have (it looks up the name + 'Decay')",
      text: l3,
      ppcls: {},
      errors: [[lineOf(l3, "name: L3"), "LL606"]],
      only: true,
      message: ["`Optimizer.regularizer.name` is 'L3': PaddleClas raises AttributeError when training starts (getattr(paddle.regularizer, 'L3Decay'): ppcls/optimizer/__init__.py:86): paddle.regularizer has L1Decay, L2Decay, named without 'Decay'"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("write `L1`"),
    },
    {
      name: "a regularizer named with its class name: 'L2DecayDecay' is not there",
      text: l2Decay,
      ppcls: {},
      errors: [[lineOf(l2Decay, "name: L2Decay"), "LL606"]],
      only: true,
      message: ["`Optimizer.regularizer.name` is 'L2Decay': PaddleClas raises AttributeError when training starts (getattr(paddle.regularizer, 'L2DecayDecay')"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("write `L2`"),
    },
    {
      name: "a regularizer argument Paddle's L2Decay does not take",
      text: coef,
      ppcls: {},
      errors: [[lineOf(coef, "coef:"), "LL606"]],
      only: true,
      message: ["L2Decay does not take 'coef' (it takes coeff): PaddleClas raises TypeError while building Optimizer.regularizer; did you mean 'coeff'?"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("rename `coef` to `coeff` — L2Decay.__init__ (python/paddle/regularizer.py:220, Paddle d40e2b2)"),
    },
    {
      name: "a regularizer written as its name only: reg_config.pop('name') on a string",
      text: regularizerText,
      ppcls: {},
      errors: [[lineOf(regularizerText, "regularizer: L2"), "LL606"]],
      only: true,
      message: ["`Optimizer.regularizer` is 'L2', not a mapping: PaddleClas raises AttributeError while building Optimizer.regularizer"],
    },
    {
      name: "a regularizer without a name",
      text: namelessRegularizer,
      ppcls: {},
      errors: [[lineOf(namelessRegularizer, "regularizer:"), "LL606"]],
      only: true,
      message: ["Optimizer.regularizer needs 'name': PaddleClas raises KeyError when training starts (ppcls/optimizer/__init__.py:85)"],
    },
    {
      name: "a null regularizer is not popped: the optimizer is given regularizer=None",
      text: nullRegularizer,
      ppcls: {},
      errors: [[lineOf(nullRegularizer, "regularizer: null"), "LL606"]],
      only: true,
      message: ["Momentum does not take 'regularizer'", "PaddleClas raises TypeError while building Optimizer"],
    },
    {
      name: "a list item's optimizer given an argument it does not take, pointing at the item's key",
      text: listMomentum,
      ppcls: {},
      errors: [[lineOf(listMomentum, "momentum: 0.9", lineOf(listMomentum, "- SGD:")), "LL606"]],
      only: true,
      message: ["SGD does not take 'momentum' (it takes weight_decay, multi_precision, name): PaddleClas raises TypeError while building Optimizer[1].SGD"],
    },
    {
      name: "a list item keeps its name key (only the mapping form pops it): Momentum does not take name",
      text: listNamed,
      ppcls: {},
      errors: [[lineOf(listNamed, "name: Momentum"), "LL606"]],
      only: true,
      message: ["Momentum does not take 'name'", "while building Optimizer[0].Momentum"],
    },
    {
      name: "a list item without its required argument points at the item",
      text: edit(scopedOptimizers, "      momentum: 0.9\n", ""),
      ppcls: {},
      errors: [[lineOf(scopedOptimizers, "- Momentum:"), "LL606"]],
      only: true,
      message: ["Momentum needs 'momentum': PaddleClas raises TypeError while building Optimizer[0].Momentum"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toMatch(/^add `momentum: …` under Optimizer\[0\]\.Momentum — /),
    },
    {
      name: "no Loss section: config[\"Loss\"][\"Train\"] when training starts",
      text: noLoss,
      ppcls: {},
      errors: [[1, "LL606"]],
      only: true,
      message: ["the config needs 'Loss': PaddleClas raises KeyError when training starts (ppcls/engine/engine.py:180)"],
    },
    {
      name: "a Loss section without Train",
      text: evalLossOnly,
      ppcls: {},
      errors: [[lineOf(evalLossOnly, "Loss:"), "LL606"]],
      only: true,
      message: ["Loss needs 'Train': PaddleClas raises KeyError when training starts (ppcls/engine/engine.py:180)"],
    },
    {
      name: "Loss.Train left empty (None): the optimizer asks the missing loss for its parameters",
      text: nullTrainLoss,
      ppcls: {},
      errors: [[lineOf(nullTrainLoss, "  Train:"), "LL606"]],
      only: true,
      message: ["`Loss.Train` is None: PaddleClas raises AttributeError when training starts (the optimizer reads the loss's parameters: ppcls/optimizer/__init__.py:107)"],
    },
    {
      name: "an empty Loss.Train list: paddle.add_n of no losses at the first batch",
      text: emptyTrainLoss,
      ppcls: {},
      errors: [[lineOf(emptyTrainLoss, "Train: []"), "LL606"]],
      only: true,
      message: ["`Loss.Train` is an empty list: PaddleClas raises ValueError at the first batch"],
    },
    {
      name: "no Arch section",
      text: noArch,
      ppcls: {},
      errors: [[1, "LL606"]],
      only: true,
      message: ["the config needs 'Arch': PaddleClas raises KeyError when training starts (ppcls/engine/engine.py:63)"],
    },
    {
      name: "an Arch without its name: build_model pops it",
      text: namelessArch,
      ppcls: {},
      errors: [[lineOf(namelessArch, "Arch:"), "LL606"]],
      only: true,
      message: ["Arch needs 'name': PaddleClas raises KeyError when training starts (ppcls/arch/__init__.py:36)"],
    },
    {
      name: "an Arch name ppcls.arch does not have, with the nearest model",
      text: archTypo,
      ppcls: {},
      errors: [[lineOf(archTypo, "ResNet_50"), "LL606"]],
      only: true,
      message: ["`Arch.name` is 'ResNet_50': PaddleClas raises AttributeError when training starts (build_model's getattr, ppcls/arch/__init__.py:40): ppcls.arch (its own models and the backbones it imports) has no model of that name"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("write `ResNet50`"),
    },
    {
      name: "an Arch name with no model near it",
      text: archUnknown,
      ppcls: {},
      errors: [[lineOf(archUnknown, "MyOwnNet"), "LL606"]],
      only: true,
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("write `ResNet50` or another model ppcls.arch has"),
    },
    {
      name: "an Arch name that is not a string: getattr raises TypeError",
      text: archNumber,
      ppcls: {},
      errors: [[lineOf(archNumber, "name: 50"), "LL606"]],
      only: true,
      message: ["`Arch.name` is 50: PaddleClas raises TypeError when training starts (build_model's getattr, ppcls/arch/__init__.py:40): a model's name must be a string"],
    },
    ...archKnown.map((text) => ({ name: `a model ppcls.arch has: ${/  name: (\S+)\n/.exec(text.slice(text.indexOf("Arch:")))![1]}`, text, ppcls: {}, errors: [] as [number, string][], only: true })),
    {
      name: "Metric: null: the Engine's `\"Train\" in config[\"Metric\"]` is a TypeError",
      text: nullMetric,
      ppcls: {},
      errors: [[lineOf(nullMetric, "Metric:"), "LL606"]],
      only: true,
      message: ["`Metric` is None, not a mapping: PaddleClas raises TypeError while building the training Engine"],
    },
    {
      name: "Metric written as text holding 'Train': subscripted by the Engine when training starts — one finding, not two",
      text: textMetric,
      ppcls: {},
      errors: [[lineOf(textMetric, "Metric:"), "LL606"]],
      only: true,
      message: ["`Metric` is 'Train and Eval', not a mapping: PaddleClas raises TypeError while building the training Engine"],
    },
    {
      name: "Metric written as a list while training evaluates: subscripted with 'Eval' at the first evaluation",
      text: listMetric,
      ppcls: {},
      errors: [[lineOf(listMetric, "Metric:"), "LL606"]],
      only: true,
      message: ["`Metric` is a list: PaddleClas raises TypeError at the first evaluation"],
    },
    {
      name: "delimiter under MultiLabelDataset (ImageNetDataset takes it; MultiLabelDataset does not)",
      text: delimiter,
      ppcls: {},
      errors: [[lineOf(delimiter, "delimiter"), "LL606"]],
      only: true,
      fix: null,
      message: ["MultiLabelDataset does not take 'delimiter' (it takes image_root, cls_label_path, transform_ops, label_ratio): PaddleClas raises TypeError while building DataLoader.Train"],
      checkRun: (_run, [problem]) => {
        expect(problem!.column).toBe(7);
        expect(problem!.source).toBe('      delimiter: " "');
        expect(problem!.suggestion).toBe("remove `delimiter` — MultiLabelDataset inherits CommonDataset.__init__ (ppcls/data/dataloader/common_dataset.py:49, PaddleClas d178931)");
      },
    },
    {
      name: "a misspelled argument, with a did-you-mean",
      text: labelRation,
      ppcls: {},
      errors: [[lineOf(labelRation, "label_ration"), "LL606"]],
      message: ["does not take 'label_ration'", "; did you mean 'label_ratio'?"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toMatch(/^rename `label_ration` to `label_ratio` — MultiLabelDataset inherits /),
    },
    {
      name: "a required dataset argument left out, reported at the class name",
      text: noImageRoot,
      ppcls: {},
      errors: [[lineOf(noImageRoot, "name: MultiLabelDataset"), "LL606"]],
      message: ["MultiLabelDataset needs 'image_root': PaddleClas raises TypeError while building DataLoader.Train"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toMatch(/^add `image_root: …` under DataLoader\.Train\.dataset — /),
    },
    {
      name: "a required argument misspelled: missing and unknown, each pointing at the other",
      text: imageRoots,
      ppcls: {},
      errors: [
        [lineOf(imageRoots, "name: MultiLabelDataset"), "LL606"],
        [lineOf(imageRoots, "image_roots"), "LL606"],
      ],
      message: ["MultiLabelDataset needs 'image_root': PaddleClas raises TypeError while building DataLoader.Train; did you misspell it as 'image_roots'?"],
      checkRun: (_run, problems) => expect(problems[1]!.message).toContain("does not take 'image_roots' (it takes image_root, cls_label_path, transform_ops, label_ratio): PaddleClas raises TypeError while building DataLoader.Train; did you mean 'image_root'?"),
    },
    {
      name: "an unknown dataset class",
      text: datasetTypo,
      ppcls: {},
      errors: [[lineOf(datasetTypo, "MultiLabelDataSet"), "LL606"]],
      message: ["unknown dataset 'MultiLabelDataSet': PaddleClas raises NameError while building DataLoader.Eval; did you mean 'MultiLabelDataset'?"],
    },
    {
      name: "a sampler argument misspelled",
      text: batchsize,
      ppcls: {},
      errors: [
        [lineOf(batchsize, "name: DistributedBatchSampler"), "LL606"],
        [lineOf(batchsize, "batchsize"), "LL606"],
      ],
      only: true,
      message: ["DistributedBatchSampler needs 'batch_size': PaddleClas raises TypeError while building DataLoader.Train; did you misspell it as 'batchsize'?"],
      checkRun: (_run, problems) => {
        // The dataset is PaddleClas's own argument: not among those the config gives.
        expect(problems[1]!.message).toBe(
          "DistributedBatchSampler does not take 'batchsize' (it takes batch_size, num_replicas, rank, shuffle, drop_last): PaddleClas raises TypeError while building DataLoader.Train; did you mean 'batch_size'?",
        );
        expect(problems[1]!.suggestion).toContain("DistributedBatchSampler.__init__ (python/paddle/io/dataloader/batch_sampler.py:254, Paddle 01fbd77)");
      },
    },
    {
      name: "a sampler's batch_size 64.0, drop_last 0 and shuffle 1: paddle.io's DistributedBatchSampler asserts an int and two bools",
      text: samplerFloats,
      ppcls: {},
      errors: [
        [lineOf(samplerFloats, "batch_size: 64.0"), "LL606"],
        [lineOf(samplerFloats, "drop_last: 0"), "LL606"],
        [lineOf(samplerFloats, "shuffle: 1"), "LL606"],
      ],
      only: true,
      checkRun: (_run, problems) => {
        expect(problems.map((p) => p.message)).toEqual([
          "`DataLoader.Train.sampler.batch_size` is 64.0: PaddleClas raises AssertionError when training starts: paddle.io.DistributedBatchSampler asserts batch_size is an int above 0 (python/paddle/io/dataloader/batch_sampler.py)",
          "`DataLoader.Train.sampler.drop_last` is 0: PaddleClas raises AssertionError when training starts: paddle.io.DistributedBatchSampler asserts drop_last is a bool (python/paddle/io/dataloader/batch_sampler.py)",
          "`DataLoader.Train.sampler.shuffle` is 1: PaddleClas raises AssertionError when training starts: paddle.io.DistributedBatchSampler asserts shuffle is a bool (python/paddle/io/dataloader/batch_sampler.py)",
        ]);
        expect(problems.map((p) => p.suggestion)).toEqual(["write `batch_size: 64`, an int above 0", "write `drop_last: False` (True or False)", "write `shuffle: True` (True or False)"]);
      },
    },
    {
      name: "PaddleClas's PKSampler hands batch_size and shuffle to paddle.io.DistributedBatchSampler: 64.0 and 1 fail its asserts",
      text: pkFloats,
      ppcls: {},
      // PKSampler under MultiLabelDataset is multilabel-not-enabled's finding (unhashable list labels); this case is about its values.
      options: { rules: { "multilabel-not-enabled": "off" } },
      errors: [
        [lineOf(pkFloats, "batch_size: 64.0"), "LL606"],
        [lineOf(pkFloats, "shuffle: 1"), "LL606"],
      ],
      only: true,
      checkRun: (_run, problems) =>
        expect(problems[0]!.message).toBe(
          "`DataLoader.Train.sampler.batch_size` is 64.0: PaddleClas raises AssertionError when training starts: PKSampler hands it to paddle.io.DistributedBatchSampler, which asserts batch_size is an int above 0 (python/paddle/io/dataloader/batch_sampler.py)",
        ),
    },
    {
      name: "a name-less sampler's batch_size None: paddle.io.DataLoader batches nothing, and the model gets 3-D images",
      text: namelessNone,
      ppcls: {},
      errors: [[lineOf(namelessNone, "batch_size: null"), "LL606"]],
      only: true,
      message: ["`DataLoader.Train.sampler.batch_size` is None: PaddleClas raises ValueError at the first batch: paddle.io.DataLoader given batch_size None batches nothing"],
    },
    {
      name: "a name-less sampler's batch_size 'abc': paddle.io.DataLoader's `batch_size > 0` fails first (TypeError)",
      text: namelessText,
      ppcls: {},
      errors: [[lineOf(namelessText, "batch_size: abc"), "LL606"]],
      only: true,
      message: ["`DataLoader.Train.sampler.batch_size` is 'abc': PaddleClas raises TypeError when training starts: the paddle.io.BatchSampler that paddle.io.DataLoader builds with it"],
    },
    {
      name: "a loader's num_workers 4.0: DataLoader's worker processes are counted with range() at the first batch",
      text: floatWorkers,
      ppcls: {},
      errors: [[lineOf(floatWorkers, "num_workers: 4.0"), "LL606"]],
      only: true,
      message: ["`DataLoader.Train.loader.num_workers` is 4.0: PaddleClas raises TypeError at the first batch: paddle.io.DataLoader's multi-process iterator starts its workers with range(num_workers)"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("write `num_workers: 4` (an int; 0 loads in the training process)"),
    },
    {
      name: "a loader's num_workers -1: DataLoader asserts num_workers >= 0",
      text: negativeWorkers,
      ppcls: {},
      errors: [[lineOf(negativeWorkers, "num_workers: -1"), "LL606"]],
      only: true,
      message: ["`DataLoader.Train.loader.num_workers` is -1: PaddleClas raises AssertionError when training starts"],
    },
    {
      name: "operator sizes that are not an int or two ints: ResizeImage fails when built, RandCropImage and CropImage on every image",
      text: badSizes,
      ppcls: {},
      errors: [
        [lineOf(badSizes, "size: 224.0"), "LL606"],
        [lineOf(badSizes, "size: [224.0, 224]"), "LL606"],
        [lineOf(badSizes, "size: [224, 224, 3]"), "LL606"],
        [lineOf(badSizes, "size: [192.0, 256]"), "LL606"],
      ],
      only: true,
      checkRun: (_run, problems) => {
        expect(problems.map((p) => p.message)).toEqual([
          "`DataLoader.Train.dataset.transform_ops[1].ResizeImage.size` is 224.0: PaddleClas raises TypeError when training starts: ResizeImage reads a size that is not an int as size[0] and size[1] (ppcls/data/preprocess/ops/operators.py)",
          "`DataLoader.Train.dataset.transform_ops[2].RandCropImage.size` is [224.0, 224]: PaddleClas raises cv2.error at the first batch: RandCropImage hands a size that is not an int to cv2.resize as it is, which takes two ints only; every image fails so, and the dataset's __getitem__ retries another image recursively until RecursionError (ppcls/data/dataloader/multilabel_dataset.py, common_dataset.py)",
          "`DataLoader.Train.dataset.transform_ops[3].CropImage.size` is [224, 224, 3]: PaddleClas raises ValueError at the first batch: CropImage unpacks a size that is not an int as `w, h` and slices the image with them; every image fails so, and the dataset's __getitem__ retries another image recursively until RecursionError (ppcls/data/dataloader/multilabel_dataset.py, common_dataset.py)",
          "`DataLoader.Train.dataset.transform_ops[4].RandomCropImage.size` is [192.0, 256]: PaddleClas raises TypeError at the first batch: RandomCropImage unpacks a size that is not an int as `w, h` and draws the crop's corner with random.randint and slices the image with them; every image fails so, and the dataset's __getitem__ retries another image recursively until RecursionError (ppcls/data/dataloader/multilabel_dataset.py, common_dataset.py)",
        ]);
        expect(problems[0]!.suggestion).toBe("write `size: 224` (an int) or `size: [224, 224]` (two ints)");
      },
    },
    {
      name: "CropImage and RandomCropImage with a side of 0 or below: every image an empty slice, nothing raised (a 1 × 1 crop is left alone)",
      text: emptyCrops,
      ppcls: {},
      errors: [
        [lineOf(emptyCrops, "size: 0"), "LL606"],
        [lineOf(emptyCrops, "size: [224, -1]"), "LL606"],
      ],
      only: true,
      checkRun: (_run, problems) => {
        expect(problems.map((p) => p.message)).toEqual([
          "`DataLoader.Train.dataset.transform_ops[1].CropImage.size` is 0: PaddleClas raises nothing, but CropImage cuts a window of 0 × 0 pixels (width × height) out of each image, and a side of 0 or below is an empty slice: every image it gives has no pixel, so the model is given none of the images (an empty batch Paddle may refuse at the first step, or train on) (ppcls/data/preprocess/ops/operators.py)",
          "`DataLoader.Train.dataset.transform_ops[2].RandomCropImage.size` is [224, -1]: PaddleClas raises nothing, but RandomCropImage cuts a window of 224 × -1 pixels (width × height) out of each image, and a side of 0 or below is an empty slice: nearly every image it gives has no pixel (a window whose corner is drawn at 0 keeps all but the last rows or columns instead, as Python reads a negative end from the far edge), so the model is given next to none of the images (an empty batch Paddle may refuse at the first step, or train on) (ppcls/data/preprocess/ops/operators.py)",
        ]);
        expect(problems[0]!.suggestion).toBe("write `size: 224` (an int above 0) or `size: [224, 224]` (width and height)");
      },
    },
    {
      name: "RandFlipImage's flip_code 2 fails its assert; 1.0 passes it (1.0 == 1), and cv2.flip refuses it on every image it flips",
      text: flipCodes,
      ppcls: {},
      errors: [
        [lineOf(flipCodes, "flip_code: 2"), "LL606"],
        [lineOf(flipCodes, "flip_code: 1.0"), "LL606"],
      ],
      only: true,
      checkRun: (_run, problems) => {
        expect(problems[0]!.message).toBe("`DataLoader.Train.dataset.transform_ops[1].RandFlipImage.flip_code` is 2: PaddleClas raises AssertionError when training starts: RandFlipImage asserts flip_code in [-1, 0, 1] (ppcls/data/preprocess/ops/operators.py)");
        expect(problems[1]!.message).toContain("is 1.0: PaddleClas raises cv2.error on every image it flips (half of them, from the first batch)");
        expect(problems[1]!.suggestion).toBe("write `flip_code: 1` (an int)");
      },
    },
    {
      name: "NormalizeImage: a scale eval() cannot read, one mean for three channels, a std that is not a number, channel_num 1",
      text: badNormalize,
      ppcls: {},
      errors: [
        [lineOf(badNormalize, "scale: 1/two55"), "LL606"],
        [lineOf(badNormalize, "mean: [0.5]"), "LL606"],
        [lineOf(badNormalize, "std: [0.229, abc"), "LL606"],
        [lineOf(badNormalize, "channel_num: 1"), "LL606"],
      ],
      only: true,
      checkRun: (_run, problems) => {
        const at = "`DataLoader.Train.dataset.transform_ops[1].NormalizeImage";
        expect(problems.map((p) => p.message)).toEqual([
          `${at}.scale\` is '1/two55': PaddleClas raises an error from eval when training starts: NormalizeImage evaluates a text scale with eval(), which cannot evaluate this (ppcls/data/preprocess/ops/operators.py)`,
          `${at}.mean\` is [0.5]: PaddleClas raises ValueError when training starts: NormalizeImage reshapes mean into 3 channel values with numpy, and one value cannot be reshaped so (ppcls/data/preprocess/ops/operators.py)`,
          `${at}.std\` is [0.229, abc, 0.225]: PaddleClas raises ValueError when training starts: NormalizeImage converts std to float32 with numpy, which cannot read 'abc' as a float (ppcls/data/preprocess/ops/operators.py)`,
          `${at}.channel_num\` is 1: PaddleClas raises AssertionError when training starts: NormalizeImage asserts channel_num in [3, 4] (ppcls/data/preprocess/ops/operators.py)`,
        ]);
        expect(problems[1]!.suggestion).toBe("write `mean: [0.485, 0.456, 0.406]` (one value per channel)");
      },
    },
    {
      name: "RandomErasing: a text sh eval() cannot read and r1 0 fail when built; attempt 10.0 and an unknown mode fail on every image it erases",
      text: badErasing,
      ppcls: {},
      errors: [
        [lineOf(badErasing, "sh: 1/3.0."), "LL606"],
        [lineOf(badErasing, "r1: 0"), "LL606"],
        [lineOf(badErasing, "attempt: 10.0"), "LL606"],
        [lineOf(badErasing, "mode: pixels"), "LL606"],
      ],
      only: true,
      checkRun: (_run, problems) => {
        const at = "`DataLoader.Train.dataset.transform_ops[1].RandomErasing";
        expect(problems[0]!.message).toBe(`${at}.sh\` is '1/3.0.': PaddleClas raises an error from eval when training starts: RandomErasing evaluates a text sh with eval(), which cannot evaluate this (ppcls/data/preprocess/ops/random_erasing.py)`);
        expect(problems[1]!.message).toBe(`${at}.r1\` is 0: PaddleClas raises ZeroDivisionError when training starts: RandomErasing takes 1 / r1 (ppcls/data/preprocess/ops/random_erasing.py)`);
        expect(problems[2]!.message).toBe(
          `${at}.attempt\` is 10.0: PaddleClas raises TypeError on every image it erases (40% of them, EPSILON 0.4, from the first batch): RandomErasing loops over range(attempt), which takes an int only; the dataset's __getitem__ replaces each such image with a random other one, so the epoch is not the list (ppcls/data/preprocess/ops/random_erasing.py)`,
        );
        expect(problems[2]!.suggestion).toBe("write `attempt: 10` (an int)");
        expect(problems[3]!.message).toContain(`${at}.mode\` is 'pixels': PaddleClas raises Exception on every image it erases`);
        expect(problems[3]!.suggestion).toBe("write `mode: pixel`");
      },
    },
    {
      name: "RandomErasing in mode const with one mean value: numpy cannot reshape it into 3 channels on each image it erases",
      text: constMean,
      ppcls: {},
      errors: [[lineOf(constMean, "mean: [0.5]"), "LL606"]],
      only: true,
    },
    {
      name: "Padv2: float sizes fail on every image, pad_mode 3 and -1 without offsets fail their asserts, a text size and a missing one raise TypeError, fill_value null pads with NaN",
      text: badPads,
      ppcls: {},
      errors: [
        [lineOf(badPads, "size: [276.0, 212]"), "LL606"],
        [lineOf(badPads, "pad_mode: 3"), "LL606"],
        [lineOf(badPads, "size: (276, 212)"), "LL606"],
        [lineOf(badPads, "pad_mode: -1"), "LL606"],
        [lineOf(badPads, "fill_value: [0, 0]"), "LL606"],
        [lineOf(badPads, "- Padv2:", lineOf(badPads, "fill_value: [0, 0]")), "LL606"],
        [lineOf(badPads, "fill_value: null"), "LL606"],
      ],
      only: true,
      checkRun: (_run, problems) => {
        expect(problems[0]!.message).toContain("`DataLoader.Train.dataset.transform_ops[1].Padv2.size` is [276.0, 212]: PaddleClas raises TypeError at the first batch: Padv2 builds its canvas with np.ones((h, w, 3)), which takes ints only");
        expect(problems[2]!.message).toBe("`DataLoader.Train.dataset.transform_ops[2].Padv2.size` is '(276, 212)': PaddleClas raises TypeError when training starts: Padv2 takes only an int or a list as size (ppcls/data/preprocess/ops/operators.py)");
        expect(problems[5]!.message).toBe("DataLoader.Train.dataset.transform_ops[3].Padv2 needs 'size': PaddleClas raises TypeError when training starts: Padv2 takes only an int or a list as size, and its default is None (ppcls/data/preprocess/ops/operators.py)");
        expect(problems[5]!.suggestion).toBe("add `size: [276, 212]` under DataLoader.Train.dataset.transform_ops[3].Padv2");
        expect(problems[6]!.message).toContain("is None: PaddleClas raises nothing, but numpy makes its None NaN, so the padding of every image it pads is NaN");
      },
    },
    {
      name: "TimmAutoAugment: an int section with a float, an auto… text (always an unknown policy), an unknown section, a text img_size, a text prob",
      text: badTimm,
      ppcls: {},
      errors: [
        [lineOf(badTimm, "config_str: rand-m9.5"), "LL606"],
        [lineOf(badTimm, "img_size: '224'"), "LL606"],
        [lineOf(badTimm, "config_str: auto-mstd0.5"), "LL606"],
        [lineOf(badTimm, "prob: high"), "LL606"],
        [lineOf(badTimm, "config_str: rand-m9-x2"), "LL606"],
      ],
      only: true,
      checkRun: (_run, problems) => {
        const at = "`DataLoader.Train.dataset.transform_ops";
        expect(problems[0]!.message).toBe(`${at}[1].TimmAutoAugment.config_str\` is 'rand-m9.5-mstd0.5': PaddleClas raises ValueError when training starts: TimmAutoAugment reads section 'm9.5' with int('9.5') (ppcls/data/preprocess/ops/timm_autoaugment.py)`);
        expect(problems[2]!.message).toContain("raises AssertionError when training starts: TimmAutoAugment reads the first section of an auto… text as an AutoAugment policy name (v0, v0r, original, originalr), which never starts with \"auto\": 'Unknown AA policy (auto)'");
        expect(problems[3]!.message).toContain("raises TypeError at the first batch: TimmAutoAugment compares random.random() < prob");
        expect(problems[4]!.message).toContain("reads section 'x2' as key 'x', which RandAugment does not know (it reads mstd, inc, m, n, w)");
        expect(problems[4]!.suggestion).toBe("write `config_str: rand-m9-mstd0.5-inc1` (PaddleClas's default)");
      },
    },
    {
      name: "TimmAutoAugment with config_str null, as PaddleClas's own FasterNet_T0 config has it: AttributeError when built",
      text: nullTimm,
      ppcls: {},
      errors: [[lineOf(nullTimm, "config_str: null"), "LL606"]],
      only: true,
      message: ["`DataLoader.Train.dataset.transform_ops[1].TimmAutoAugment.config_str` is None: PaddleClas raises AttributeError when training starts: TimmAutoAugment calls config_str.startswith(…), and it is not text (ppcls/data/preprocess/ops/timm_autoaugment.py)"],
    },
    {
      name: "ResizeImage and RandCropImage: an interpolation their backend lacks (KeyError), a backend that is not text, no size and no resize_short above 0",
      text: badResizers,
      ppcls: {},
      errors: [
        [lineOf(badResizers, "interpolation: linear"), "LL606"],
        [lineOf(badResizers, "interpolation: area"), "LL606"],
        [lineOf(badResizers, "backend: null"), "LL606"],
        [lineOf(badResizers, "- ResizeImage:", lineOf(badResizers, "backend: null")), "LL606"],
      ],
      only: true,
      checkRun: (_run, problems) => {
        expect(problems[0]!.message).toBe("`DataLoader.Train.dataset.transform_ops[1].ResizeImage.interpolation` is 'linear': PaddleClas raises KeyError when training starts: ResizeImage builds UnifiedResize, whose cv2 backend knows the interpolations nearest, bilinear, area, bicubic, lanczos, random (ppcls/data/preprocess/ops/operators.py)");
        expect(problems[0]!.suggestion).toBe("write `interpolation: bilinear`");
        expect(problems[1]!.message).toContain("whose pil backend knows the interpolations nearest, bilinear, bicubic, box, lanczos, hamming, random");
        expect(problems[3]!.message).toBe("DataLoader.Train.dataset.transform_ops[4].ResizeImage needs 'size': PaddleClas raises OperatorParamError when training starts: ResizeImage needs a size or a resize_short above 0 (\"invalid params for ReisizeImage\", ppcls/data/preprocess/ops/operators.py)");
      },
    },
    {
      name: "operator values found by running the operators: no size, a 0 size, a float flag, a 0- or 1-pixel short side, a 2-value scale, a 1-pixel pad target, a negative area, a word in mean, a 2-value fill colour",
      text: operatorEdges,
      ppcls: {},
      errors: [
        [lineOf(operatorEdges, "- ResizeImage:"), "LL606"],
        [lineOf(operatorEdges, "size: [0, 224]"), "LL606"],
        [lineOf(operatorEdges, "interpolation: 1.5"), "LL606"],
        [lineOf(operatorEdges, "resize_short: 0.5"), "LL606"],
        [lineOf(operatorEdges, "resize_short: True"), "LL606"],
        [lineOf(operatorEdges, "scale: [224.0, 224]"), "LL606"],
        [lineOf(operatorEdges, "size: 1"), "LL606"],
        [lineOf(operatorEdges, "sh: -1"), "LL606"],
        [lineOf(operatorEdges, "mean: ['a', 1, 2]"), "LL606"],
        [lineOf(operatorEdges, "mean: [0.5, 0.5]"), "LL606"],
      ],
      only: true,
      checkRun: (_run, problems) => {
        expect(problems[1]!.message).toContain("is [0, 224]: PaddleClas raises cv2.error at the first batch: ResizeImage resizes to 0 × 224 with cv2.resize, which needs sizes above 0");
        expect(problems[4]!.message).toContain("is True: PaddleClas raises nothing, but ResizeImage resizes each image's short side to resize_short pixels, so every image is 1 pixel on its short side");
        expect(problems[7]!.message).toContain("and sh is below 0 (math domain error)");
      },
    },
    {
      name: "RandCropImage: one ratio value and a scalar scale fail every image, a log of 0 too; a scale below 0 fails the draws below 0",
      text: cropShapes,
      ppcls: {},
      errors: [
        [lineOf(cropShapes, "ratio: [0.75]"), "LL606"],
        [lineOf(cropShapes, "scale: [-0.1, 1.0]"), "LL606"],
        [lineOf(cropShapes, "ratio: [0, 2]"), "LL606"],
        [lineOf(cropShapes, "scale: 0.08"), "LL606"],
      ],
      only: true,
      checkRun: (_run, problems) => {
        expect(problems[0]!.message).toContain("is [0.75]: PaddleClas raises TypeError at the first batch: RandCropImage draws the aspect ratio with random.uniform(*ratio), which takes two numbers");
        expect(problems[1]!.message).toContain("is [-0.1, 1.0]: PaddleClas raises ValueError on the images where the draw goes below 0 (a share of them, from the first batch)");
      },
    },
    {
      name: "NormalizeImage with a None or a 0 in std: no error, and every image is NaN or infinite",
      text: nanStd,
      ppcls: {},
      errors: [[lineOf(nanStd, "std: [0.229, null"), "LL606"]],
      only: true,
      message: ["`DataLoader.Train.dataset.transform_ops[1].NormalizeImage.std` is [0.229, null, 0.225]: PaddleClas raises nothing, but numpy makes its None NaN, so every image is NaN after NormalizeImage and the loss is NaN from the first step (ppcls/data/preprocess/ops/operators.py)"],
    },
    {
      name: "NormalizeImage dividing by a std of 0",
      text: zeroStd,
      ppcls: {},
      errors: [[lineOf(zeroStd, "std: [0, 0.224"), "LL606"]],
      only: true,
      checkRun: (_run, [problem]) => {
        expect(problem!.message).toContain("is [0, 0.224, 0.225]: PaddleClas raises nothing, but NormalizeImage divides by its 0, so every image is infinite or NaN");
        expect(problem!.suggestion).toBe("write `std: [0.229, 0.224, 0.225]` (no 0: each channel is divided by its std)");
      },
    },
    {
      name: "batch_size 64.0 in an anchored sampler: an error for each sampler that has it, both at the line that writes it (the one `<<: *sampler` merges in)",
      text: anchoredFloat,
      ppcls: {},
      errors: [
        [lineOf(anchoredFloat, "batch_size: 64.0"), "LL606"],
        [lineOf(anchoredFloat, "batch_size: 64.0"), "LL606"],
      ],
      only: true,
      checkRun: (_run, problems) => expect(problems.map((p) => p.message.split(":")[0])).toEqual(["`DataLoader.Train.sampler.batch_size` is 64.0", "`DataLoader.Eval.sampler.batch_size` is 64.0"]),
    },
    {
      name: "NormalizeImage without order: its default 'chw' does not broadcast over the H×W×3 image MultiLabelDataset's operators hold",
      text: defaultOrder,
      ppcls: {},
      errors: [[lineOf(defaultOrder, "- NormalizeImage:"), "LL606"]],
      only: true,
      message: [
        "`DataLoader.Train.dataset.transform_ops[1].NormalizeImage` is 'chw' (its default: the config gives no order): PaddleClas raises ValueError at the first batch: NormalizeImage with order 'chw' reshapes mean and std to (3, 1, 1)",
      ],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("write `order: ''` under NormalizeImage, as PaddleClas's configs do"),
    },
    {
      name: "ToCHWImage under MultiLabelDataset, which transposes the image itself: the model gets W×C×H images",
      text: toChw,
      ppcls: {},
      errors: [[lineOf(toChw, "- ToCHWImage:"), "LL606"]],
      only: true,
      message: ["`DataLoader.Train.dataset.transform_ops[2].ToCHWImage` is in the pipeline: PaddleClas raises ValueError at the first batch: MultiLabelDataset transposes the image to C×H×W itself (ppcls/data/dataloader/multilabel_dataset.py:54)"],
    },
    {
      name: "DecodeImage with channel_first under MultiLabelDataset: the image is C×H×W before the operators and the dataset's own transpose",
      text: channelFirst,
      ppcls: {},
      errors: [[lineOf(channelFirst, "channel_first: True"), "LL606"]],
      only: true,
      message: ["`DataLoader.Train.dataset.transform_ops[0].DecodeImage.channel_first` is True: PaddleClas raises ValueError at the first batch: DecodeImage then makes each image C×H×W"],
    },
    {
      name: "Global.epochs 10.0: range() takes no float",
      text: floatEpochs,
      ppcls: {},
      errors: [[lineOf(floatEpochs, "epochs:"), "LL606"]],
      only: true,
      message: ["`Global.epochs` is 10.0: PaddleClas raises TypeError when training starts (range(…, epochs + 1)"],
    },
    {
      name: "a sampler without a name and without shuffle",
      text: namelessSampler,
      ppcls: {},
      errors: [[lineOf(namelessSampler, "sampler:"), "LL606"]],
      message: ["DataLoader.Train.sampler needs 'shuffle': PaddleClas raises KeyError"],
    },
    {
      name: "an empty sampler goes on to pop its name",
      text: emptySampler,
      ppcls: {},
      errors: [[lineOf(emptySampler, "sampler: {}"), "LL606"]],
      message: ["DataLoader.Train.sampler needs 'name': PaddleClas raises KeyError"],
    },
    {
      name: "no sampler at all",
      text: noSampler,
      ppcls: {},
      errors: [[lineOf(noSampler, "  Train:", lineOf(noSampler, "DataLoader")), "LL606"]],
      message: ["DataLoader.Train needs 'sampler': PaddleClas raises KeyError"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("add `sampler:` under DataLoader.Train"),
    },
    {
      name: "an unknown sampler class",
      text: samplerTypo,
      ppcls: {},
      errors: [[lineOf(samplerTypo, "DistributedBatchSampeler"), "LL606"]],
      message: ["unknown sampler 'DistributedBatchSampeler': PaddleClas raises NameError while building DataLoader.Train; did you mean 'DistributedBatchSampler'?"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("write `DistributedBatchSampler`"),
    },
    {
      name: "a class name nothing is near: where PaddleClas looks it up",
      text: edit(base, TRAIN_LOSS, "  Train:\n    - FocalLoss:\n        weight: 1.0\n"),
      ppcls: {},
      errors: [[lineOf(base, "MultiLabelLoss"), "LL606"]],
      message: ["unknown loss 'FocalLoss': PaddleClas raises NameError while building Loss.Train"],
      checkRun: (_run, [problem]) => {
        expect(problem!.message).not.toContain("did you mean");
        expect(problem!.suggestion).toBe("use a loss class that ppcls/loss/__init__.py imports (PaddleClas looks the name up there), or import yours there");
      },
    },
    {
      name: "a loader key misspelled",
      text: numWorker,
      ppcls: {},
      errors: [[lineOf(numWorker, "loader:"), "LL606"]],
      message: ["DataLoader.Train.loader needs 'num_workers': PaddleClas raises KeyError; did you misspell it as 'num_worker'?"],
    },
    {
      name: "an empty loader",
      text: nullLoader,
      ppcls: {},
      errors: [[lineOf(nullLoader, "loader:"), "LL606"]],
      message: ["`DataLoader.Train.loader` is None, not a mapping: PaddleClas raises TypeError while building DataLoader.Train"],
    },
    {
      name: "an unknown loss class",
      text: lossTypo,
      ppcls: {},
      errors: [[lineOf(lossTypo, "MultiLabelLos:"), "LL606"]],
      only: true,
      message: ["unknown loss 'MultiLabelLos': PaddleClas raises NameError while building Loss.Train; did you mean 'MultiLabelLoss'?"],
      checkRun: (_run, [problem]) => expect(problem!.column).toBe(7),
    },
    {
      name: "a loss without weight: CombinedLoss asserts it",
      text: noWeight,
      ppcls: {},
      errors: [[lineOf(noWeight, "MultiLabelLoss"), "LL606"]],
      message: ["MultiLabelLoss needs 'weight': PaddleClas raises AssertionError while building Loss.Train"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("add `weight: 1.0` under Loss.Train[0].MultiLabelLoss — MultiLabelLoss.__init__ (ppcls/loss/multilabelloss.py:22, PaddleClas d178931)"),
    },
    {
      name: "a loss with no mapping at all: the `in` test fails",
      text: bareLoss,
      ppcls: {},
      errors: [[lineOf(bareLoss, "MultiLabelLoss"), "LL606"]],
      message: ["MultiLabelLoss needs 'weight': PaddleClas raises TypeError while building Loss.Train"],
    },
    {
      name: "a loss argument misspelled",
      text: weightRation,
      ppcls: {},
      errors: [[lineOf(weightRation, "weight_ration"), "LL606"]],
      message: ["MultiLabelLoss does not take 'weight_ration' (it takes epsilon, size_sum, weight_ratio): PaddleClas raises TypeError while building Loss.Train; did you mean 'weight_ratio'?"],
    },
    {
      name: "a loss whose arguments are not indented under it",
      text: flatLoss,
      ppcls: {},
      errors: [[lineOf(flatLoss, "MultiLabelLoss"), "LL606"]],
      only: true,
      message: ["`Loss.Train[0]` is 2 keys (MultiLabelLoss, weight), not one loss name with its arguments: PaddleClas raises AssertionError (yaml format error) while building Loss.Train"],
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toBe("indent the arguments under `- MultiLabelLoss:` (deeper than the name), or start each loss with `- `"),
    },
    {
      name: "losses as a mapping, not a list",
      text: lossMapping,
      ppcls: {},
      errors: [[lineOf(lossMapping, "  Train:"), "LL606"]],
      message: ["`Loss.Train` is a mapping, not a list of `- MultiLabelLoss: …` entries: PaddleClas raises AssertionError (operator config should be a list)"],
    },
    {
      name: "a metric argument its class does not take",
      text: hammingThreshold,
      ppcls: {},
      errors: [[lineOf(hammingThreshold, "threshold"), "LL606"]],
      message: ["HammingDistance does not take 'threshold' (it takes no arguments): PaddleClas raises TypeError while building Metric.Eval"],
    },
    {
      name: "MultiLabelMeanAccuracy: PaddleClas spells it MultilabelMeanAccuracy",
      text: meanAccuracy,
      ppcls: {},
      errors: [[lineOf(meanAccuracy, "MultiLabelMeanAccuracy"), "LL606"]],
      message: ["unknown metric 'MultiLabelMeanAccuracy': PaddleClas raises NameError while building Metric.Eval; did you mean 'MultilabelMeanAccuracy'?"],
    },
    {
      name: "a metric without a required argument",
      text: distillationAcc,
      ppcls: {},
      errors: [[lineOf(distillationAcc, "DistillationTopkAcc"), "LL606"]],
      message: ["DistillationTopkAcc needs 'model_key': PaddleClas raises TypeError while building Metric.Eval"],
    },
    {
      name: "an empty Metric.Eval still goes to CombinedMetrics",
      text: nullEvalMetric,
      ppcls: {},
      errors: [[lineOf(nullEvalMetric, "  Eval:", lineOf(nullEvalMetric, "Metric:")), "LL606"]],
      message: ["`Metric.Eval` is None, not a list of `- HammingDistance: …` entries: PaddleClas raises AssertionError (operator config should be a list)"],
    },
    {
      name: "a loss whose constructor always raises",
      text: mixCe,
      ppcls: {},
      errors: [[lineOf(mixCe, "MixCELoss"), "LL606"]],
      message: ['MixCELoss cannot be built: its constructor always raises DeprecationWarning ("MixCELos" is deprecated, please use "CELoss" instead.)'],
    },
    {
      name: "an Eval entry names its own list",
      text: evalOnly,
      ppcls: {},
      errors: [[lineOf(evalOnly, "label_smoothing"), "LL606"]],
      message: ["MultiLabelLoss does not take 'label_smoothing'", "while building Loss.Eval"],
    },
  ],
});

const PPCLS_DATA = join(SHARED, "data", "paddleclas");
const HAS_PPCLS_DATA = existsSync(PPCLS_DATA);
const realConfigs = HAS_PPCLS_DATA ? readdirSync(PPCLS_DATA).filter((f) => f.endsWith(".yaml")).sort() : [];
const mine = (run: LintResult) => (run.configs ?? []).flatMap((c) => c.problems).filter((p) => p.rule === "invalid-argument");

describe.skipIf(!HAS_PPCLS_DATA)(HAS_PPCLS_DATA ? "LL606 on the real PaddleClas configs" : `LL606 on the real PaddleClas configs — SKIPPED: ${PPCLS_DATA} not found`, () => {
  it("finds them all", () => expect(realConfigs.length).toBeGreaterThanOrEqual(5));

  it.each(realConfigs)("%s: every dataset, sampler, loader, loss and metric argument is one its class takes", async (file) => {
    // Its one finding: Piecewise with as many values as decay epochs, a warning (the Piecewise tests above).
    const expected = file === "Attr__StrongBaselineAttr.yaml" ? [["warn", "`Optimizer.lr.values` is [0.0001, 0.00001, 0.000001, 0.0000001], 4 rates for the 4 boundaries of decay_epochs [12, 18, 24, 28]"]] : [];
    expect(mine(await lintLaidOut(readFileSync(join(PPCLS_DATA, file), "utf8"))).map((p) => [p.severity, p.message.split(":")[0]])).toEqual(expected);
  });

  it("finds a delimiter added to the real MobileNetV1 config, at its line", async () => {
    const text = edit(
      readFileSync(join(PPCLS_DATA, "quick_start__professional__MobileNetV1_multilabel.yaml"), "utf8"),
      "      cls_label_path: ./dataset/NUS-WIDE-SCENE/NUS-SCENE-dataset/multilabel_train_list.txt\n",
      "      cls_label_path: ./dataset/NUS-WIDE-SCENE/NUS-SCENE-dataset/multilabel_train_list.txt\n      delimiter: \"\\t\"\n",
    );
    expect(mine(await lintLaidOut(text)).map((p) => [p.line, p.message.split(":")[0]])).toEqual([[lineOf(text, "delimiter"), "MultiLabelDataset does not take 'delimiter' (it takes image_root, cls_label_path, transform_ops, label_ratio)"]]);
  });
});

describe("LL606: an image_root MultiLabelDataset cannot load the list against", () => {
  const roots = (run: LintResult) => mine(run).filter((p) => p.message.includes("image_root"));

  it("a missing image_root: AssertionError (os.path.exists(image_root)) before training starts, one finding per split at its line — a warning while images are not looked up", async () => {
    const run = await lintLaidOut(base, { withoutImageRoot: true });
    const found = roots(run);
    expect(found.map((p) => [p.line, p.severity])).toEqual([
      [lineOf(base, "image_root"), "warn"],
      [lineOf(base, "image_root", lineOf(base, "image_root")), "warn"],
    ]);
    expect(found[0]!.message).toBe(
      "`DataLoader.Train.dataset.image_root` is './dataset/images/', which resolves to 'dataset/images', no such folder: PaddleClas raises AssertionError (os.path.exists(image_root)) while MultiLabelDataset loads the list, before training starts (ppcls/data/dataloader/multilabel_dataset.py:30) — a warning while images are not looked up (--check-images), as lists are often checked where their images are not",
    );
    expect(found[0]!.suggestion).toContain("point image_root at the folder the list's image paths are relative to");
    // The rule's severity set by the user holds (a training machine's own check); with --check-images a missing root stops the run.
    const strict = roots(await lintLaidOut(base, { withoutImageRoot: true }, { rules: { "invalid-argument": "error" } }));
    expect(strict.map((p) => p.severity)).toEqual(["error", "error"]);
    await expect(lintLaidOut(base, { withoutImageRoot: true }, { checkImages: true })).rejects.toThrow(/cannot read the image root/);
  });

  it("a file as the image_root: every joined image path is missing", async () => {
    const text = base.replace(/image_root: \.\/dataset\/images\//g, "image_root: ./dataset/train_list.txt");
    const found = roots(await lintLaidOut(text));
    expect(found).toHaveLength(2);
    expect(found[0]!.message).toContain("a file, not a folder: PaddleClas raises AssertionError (os.path.exists of the first image path under it)");
  });

  it("an Eval image_root that training never loads (eval_during_train: False) is not reported", async () => {
    const text = base.replace("  eval_during_train: True\n", "  eval_during_train: False\n");
    // Neither root is laid out: only Train's is reported.
    expect(roots(await lintLaidOut(text, { withoutImageRoot: true })).map((p) => p.message.split(" is ")[0])).toEqual(["`DataLoader.Train.dataset.image_root`"]);
  });

  it("an image_root that is there: nothing", async () => {
    expect(roots(await lintLaidOut(base))).toEqual([]);
  });
});

describe("LL606: weights a training run loads (Arch.pretrained, Global.pretrained_model, Global.checkpoints)", () => {
  const weights = (run: LintResult) => mine(run).filter((p) => /`Global\.(pretrained_model|checkpoints)`/.test(p.message));
  const withGlobal = (pretrained: string, checkpoints: string, extra = "") =>
    base.replace("  checkpoints: null\n", `  checkpoints: ${checkpoints}\n`).replace("  pretrained_model: null\n", `  pretrained_model: ${pretrained}\n`) + extra;

  it("weights that are not there: ValueError (load_dygraph_pretrain adds .pdparams, save_load.py:86) and the first checkpoint file missing, at their lines — warnings while images are not looked up", async () => {
    const text = withGlobal("./pretrained/ResNet50_vd_pretrained", "./output/ResNet50_vd/epoch_5");
    const found = weights(await lintLaidOut(text));
    expect(found.map((p) => [p.line, p.severity])).toEqual([
      [lineOf(text, "checkpoints"), "warn"],
      [lineOf(text, "pretrained_model"), "warn"],
    ]);
    expect(found[1]!.message).toBe(
      "`Global.pretrained_model` is './pretrained/ResNet50_vd_pretrained', so PaddleClas opens 'pretrained/ResNet50_vd_pretrained.pdparams', no such file: it raises ValueError (Model pretrain path … does not exists) when it builds the model, after loading the lists (ppcls/utils/save_load.py:86, called from ppcls/engine/engine.py:235) — a warning while images are not looked up (--check-images): a check without the images is taken to run where the weights are not either",
    );
    expect(found[0]!.message).toContain("so PaddleClas opens 'output/ResNet50_vd/epoch_5.pdparams', no such file: it raises AssertionError (Given dir ….pdparams not exist.) when training starts");
    expect(found[0]!.suggestion).toContain("`checkpoints: null`");
    // A run whose rule severity is set (the training machine's own check) gets errors.
    const strict = weights(await lintLaidOut(text, {}, { rules: { "invalid-argument": "error" } }));
    expect(strict.map((p) => p.severity)).toEqual(["error", "error"]);
  });

  it("weights that are there pass: a path with or without .pdparams, and a checkpoint with its .pdparams, .pdopt and .pdstates", async () => {
    const files = { "pretrained/a.pdparams": "w", "output/epoch_5.pdparams": "w", "output/epoch_5.pdopt": "o", "output/epoch_5.pdstates": "s" };
    expect(weights(await lintLaidOut(withGlobal("./pretrained/a", "./output/epoch_5"), { files }))).toEqual([]);
    expect(weights(await lintLaidOut(withGlobal("pretrained/a.pdparams", "null"), { files }))).toEqual([]);
    // Downloaded, not looked up here.
    expect(weights(await lintLaidOut(withGlobal("https://paddle-imagenet-models-name.bj.bcebos.com/dygraph/ResNet50_vd_pretrained.pdparams", "null")))).toEqual([]);
  });

  it("a checkpoint is judged by its first missing file: .pdstates (paddle.load), and .pdema only with an EMA section", async () => {
    const files = { "output/epoch_5.pdparams": "w", "output/epoch_5.pdopt": "o" };
    const [states] = weights(await lintLaidOut(withGlobal("null", "output/epoch_5"), { files }));
    expect(states!.message).toContain("opens 'output/epoch_5.pdstates', no such file: it raises ValueError (paddle.load: the path to load model not exists)");
    const all = { ...files, "output/epoch_5.pdstates": "s" };
    expect(weights(await lintLaidOut(withGlobal("null", "output/epoch_5"), { files: all }))).toEqual([]);
    const [ema] = weights(await lintLaidOut(withGlobal("null", "output/epoch_5", "EMA:\n  decay: 0.9999\n"), { files: all }));
    expect(ema!.message).toContain("opens 'output/epoch_5.pdema', no such file: it raises AssertionError (Given dir ….pdema not exist.)");
  });

  it("Arch.pretrained as a path, for the models whose _load_pretrained loads text with load_dygraph_pretrain (as recorded from PaddleClas's source in schemas/ppcls/arch.schema.json)", async () => {
    const pretrained = (value: string, name = "MobileNetV1") => base.replace("  name: MobileNetV1\n", `  name: ${name}\n  pretrained: ${value}\n`);
    const archWeights = (run: LintResult) => mine(run).filter((p) => p.message.startsWith("`Arch.pretrained`"));
    const text = pretrained("./pretrained/MobileNetV1_pretrained");
    const [missing] = archWeights(await lintLaidOut(text));
    expect(missing).toMatchObject({ line: lineOf(text, "  pretrained: "), severity: "warn" });
    expect(missing!.message).toContain("so PaddleClas opens 'pretrained/MobileNetV1_pretrained.pdparams', no such file: it raises ValueError (Model pretrain path … does not exists) when it builds the model, after loading the lists (ppcls/utils/save_load.py:86, called from the model's _load_pretrained)");
    expect(missing!.suggestion).toContain("`pretrained: True`");
    expect(archWeights(await lintLaidOut(text, { files: { "pretrained/MobileNetV1_pretrained.pdparams": "w" } }))).toEqual([]);
    // True downloads, False loads nothing; a model that does not load a text pretrained itself is not judged.
    for (const ok of [pretrained("True"), pretrained("False"), pretrained("./nowhere", "RecModel")]) expect(archWeights(await lintLaidOut(ok))).toEqual([]);
    // `pretrained is False` / `is True` / isinstance(str) / else RuntimeError: None and 1 fail whatever is on disk.
    for (const value of ["null", "1"]) {
      const bad = pretrained(value);
      const [typed] = archWeights(await lintLaidOut(bad));
      expect(typed).toMatchObject({ severity: "error", line: lineOf(bad, "  pretrained: ") });
      expect(typed!.message).toBe(`\`Arch.pretrained\` is ${value === "null" ? "None" : "1"}: PaddleClas raises RuntimeError when the model is built, before training starts (MobileNetV1's _load_pretrained takes True, False or a weights path: "pretrained type is not available")`);
    }
  });

  it("values PaddleClas cannot use whatever is on disk are errors: a pretrained_model that is not text (AttributeError on startswith), a true checkpoints that is not text (TypeError), and a false checkpoints beside a pretrained_model (init_model's path= keyword)", async () => {
    const text = withGlobal("True", "5");
    const found = weights(await lintLaidOut(text));
    expect(found.map((p) => [p.line, p.severity, p.message])).toEqual([
      [lineOf(text, "checkpoints"), "error", '`Global.checkpoints` is 5: PaddleClas raises TypeError when training starts (checkpoints + ".pdparams": ppcls/utils/save_load.py:130)'],
      [lineOf(text, "pretrained_model"), "error", "`Global.pretrained_model` is True: PaddleClas raises AttributeError when the model is built, before training starts (pretrained_path.startswith: ppcls/utils/save_load.py:72)"],
    ]);
    const falseCheckpoints = withGlobal("https://paddle-imagenet-models-name.bj.bcebos.com/dygraph/ResNet50_vd_pretrained.pdparams", "''");
    const [keyword] = weights(await lintLaidOut(falseCheckpoints));
    expect(keyword!.message).toContain("`Global.checkpoints` is '': PaddleClas raises TypeError when training starts, as Global.pretrained_model is set");
    expect(keyword!.severity).toBe("error");
    // False checkpoints with no pretrained_model: init_model loads nothing.
    expect(weights(await lintLaidOut(withGlobal("null", "False")))).toEqual([]);
  });
});

describe("LL606: the ML-Decoder head (Arch.use_ml_decoder, MLDecoder)", () => {
  const head = (run: LintResult) => mine(run).filter((p) => p.message.includes("ML-Decoder head"));
  const withHead = (section: string, use = "True") => base.replace("  name: MobileNetV1\n", `  name: MobileNetV1\n  use_ml_decoder: ${use}\n`) + section;

  it("a key MLDecoder does not take (num_classes for class_num) is a TypeError while the model is built, at the key", async () => {
    const text = withHead("MLDecoder:\n  query_num: 4\n  num_classes: 4\n  in_channels: 1024\n");
    const found = head(await lintLaidOut(text));
    expect(found.map((p) => [p.line, p.severity])).toEqual([[lineOf(text, "num_classes"), "error"]]);
    expect(found[0]!.message).toBe(
      "MLDecoder does not take 'num_classes' (it takes class_num, in_channels, query_num, embed_dim, depth, num_heads, mlp_hidden_dim, dropout, activation, freeze_query_embed, remove_self_attn): PaddleClas raises TypeError while building the model's ML-Decoder head",
    );
    expect(found[0]!.suggestion).toContain("MLDecoder.__init__ (ppcls/arch/gears/ml_decoder.py:36, PaddleClas d178931)");
  });

  it("a query_num or class_num that is not a number: min(max(query_num, 1), class_num) is a TypeError while the head is built; a negative query_num is raised to 1", async () => {
    const text = withHead("MLDecoder:\n  query_num: eighty\n  class_num: 4\n  in_channels: 1024\n");
    const found = head(await lintLaidOut(text));
    expect(found.map((p) => [p.line, p.message])).toEqual([
      [lineOf(text, "query_num"), "`MLDecoder.query_num` is 'eighty': PaddleClas raises TypeError while building the model's ML-Decoder head (MLDecoder computes min(max(query_num, 1), class_num), which compares numbers: ppcls/arch/gears/ml_decoder.py:53, PaddleClas d178931)"],
    ]);
    expect(found[0]!.suggestion).toBe("write `query_num: 80` (a number)");
    const none = withHead("MLDecoder:\n  query_num: 4\n  class_num: null\n  in_channels: 1024\n");
    expect(head(await lintLaidOut(none)).map((p) => p.line)).toEqual([lineOf(none, "class_num: null")]);
    expect(head(await lintLaidOut(withHead("MLDecoder:\n  query_num: -1\n  class_num: 4\n  in_channels: 1024\n")))).toEqual([]);
  });

  it("remove_layers and replace_layer looked up with hasattr(model, name): None, a number, a non-string name or text (iterated as characters) fail while the head is built; [] removes nothing", async () => {
    const text = withHead("MLDecoder:\n  class_num: 4\n  remove_layers: avg_pool\n  replace_layer: 5\n");
    expect(head(await lintLaidOut(text)).map((p) => [p.line, p.message])).toEqual([
      [lineOf(text, "remove_layers"), "`MLDecoder.remove_layers` is 'avg_pool': PaddleClas raises AttributeError while building the model's ML-Decoder head (add_ml_decoder_head iterates text as its characters and removes a layer named 'a', which the backbone does not have: ppcls/arch/gears/__init__.py:56-62)"],
      [lineOf(text, "replace_layer"), "`MLDecoder.replace_layer` is 5: PaddleClas raises TypeError while building the model's ML-Decoder head (hasattr(model, replace_layer) takes a string name: ppcls/arch/gears/__init__.py:69)"],
    ]);
    const none = withHead("MLDecoder:\n  class_num: 4\n  remove_layers:\n  replace_layer: null\n");
    expect(head(await lintLaidOut(none)).map((p) => [p.line, p.message.slice(0, 62)])).toEqual([
      [lineOf(none, "remove_layers"), "`MLDecoder.remove_layers` is None: PaddleClas raises TypeError"],
      [lineOf(none, "replace_layer"), "`MLDecoder.replace_layer` is None: PaddleClas raises TypeError"],
    ]);
    const listed = withHead("MLDecoder:\n  class_num: 4\n  remove_layers: [avg_pool, 3]\n");
    expect(head(await lintLaidOut(listed)).map((p) => p.message.slice(0, 62))).toEqual(["`MLDecoder.remove_layers[1]` is 3: PaddleClas raises TypeError"]);
    expect(head(await lintLaidOut(withHead("MLDecoder:\n  class_num: 4\n  remove_layers: []\n  replace_layer: head\n")))).toEqual([]);
  });

  it("MLDecoder: null is a TypeError ('class_num' not in None); the COCO configs' keys and add_ml_decoder_head's own pass", async () => {
    const text = withHead("MLDecoder:\n");
    expect(head(await lintLaidOut(text)).map((p) => [p.line, p.message])).toEqual([[lineOf(text, "MLDecoder"), "`MLDecoder` is None, not a mapping: PaddleClas raises TypeError while building the model's ML-Decoder head"]]);
    const coco = withHead("MLDecoder:\n  query_num: 80\n  class_num: 4\n  in_channels: 1024\n  remove_layers: ['avg_pool', 'flatten']\n  replace_layer: fc\n");
    expect(head(await lintLaidOut(coco))).toEqual([]);
    // No section: config.get("MLDecoder", {}); no use_ml_decoder: the section is never read.
    expect(head(await lintLaidOut(withHead("")))).toEqual([]);
    expect(head(await lintLaidOut(withHead("MLDecoder:\n  num_classes: 4\n", "False")))).toEqual([]);
  });
});

describe("LL606: the model's arguments (Arch's keys, build_model's getattr(ppcls.arch, name)(**rest))", () => {
  const model = (run: LintResult) => mine(run).filter((p) => p.message.includes("while building the model"));
  const withArch = (lines: string, name = "MobileNetV1") => base.replace("  name: MobileNetV1\n", `  name: ${name}\n${lines}`);

  it("a key a model with a fixed set of arguments does not take is a TypeError when the model is built, at the key, citing the function and the class it hands the rest to", async () => {
    // MobileNetV1(pretrained, use_ssld, **kwargs) hands kwargs to MobileNet(stages_pattern, scale, class_num, return_patterns, return_stages),
    // having passed scale and stages_pattern itself (ppcls/arch/backbone/legendary_models/mobilenet_v1.py:111, 244).
    const text = withArch("  dropout: 0.2\n  class_nun: 4\n");
    const found = model(await lintLaidOut(text));
    expect(found.map((p) => [p.line, p.severity])).toEqual([
      [lineOf(text, "dropout"), "error"],
      [lineOf(text, "class_nun"), "error"],
    ]);
    expect(found[0]!.message).toBe("MobileNetV1 does not take 'dropout' (it takes pretrained, use_ssld, class_num, return_patterns, return_stages): PaddleClas raises TypeError while building the model");
    expect(found[0]!.suggestion).toBe(
      "remove `dropout` — MobileNetV1 (ppcls/arch/backbone/legendary_models/mobilenet_v1.py:244, which hands its other keywords to MobileNet.__init__ (ppcls/arch/backbone/legendary_models/mobilenet_v1.py:111), PaddleClas d178931)",
    );
    // class_num is already given, so the typo is not offered it: nothing near is free.
    expect(found[1]!.message).toContain("MobileNetV1 does not take 'class_nun'");
  });

  it("a keyword the function passes itself is a TypeError too (multiple values), and a required argument left out", async () => {
    const scale = withArch("  scale: 0.5\n");
    expect(model(await lintLaidOut(scale)).map((p) => [p.line, p.message.split(" (")[0]])).toEqual([[lineOf(scale, "scale"), "MobileNetV1 does not take 'scale'"]]);
    // WideResNet(depth, widen_factor, dropout, num_classes, …) has no defaults for its first four, and no class_num.
    const wide = withArch("  depth: 28\n  widen_factor: 10\n  dropout: 0.0\n", "WideResNet").replace("  class_num: 4\n", "  num_classes: 4\n");
    expect(model(await lintLaidOut(wide))).toEqual([]);
    const short = withArch("  depth: 28\n  class_num: 4\n", "WideResNet").replace(/  class_num: 4\n(?![\s\S]*class_num)/, "");
    const found = model(await lintLaidOut(short)).map((p) => p.message);
    expect(found).toContain("WideResNet needs 'widen_factor': PaddleClas raises TypeError while building the model");
    expect(found.some((m) => m.startsWith("WideResNet does not take 'class_num'"))).toBe(true);
  });

  it("models that take any key (a **kwargs anywhere in the chain: ResNet50, PPLCNet) and the keys build_model pops pass", async () => {
    for (const name of ["ResNet50", "PPLCNet_x1_0", "RecModel"]) expect(model(await lintLaidOut(withArch("  anything_at_all: 1\n", name)))).toEqual([]);
    expect(model(await lintLaidOut(withArch("  use_sync_bn: False\n  pretrained: False\n")))).toEqual([]);
  });

  it("a deprecated Global.class_num is copied into an Arch without class_num (ppcls/engine/engine.py:119-120): a model that takes none fails on it", async () => {
    const text = withArch("", "AdaFace_IR_18").replace("  class_num: 4\n", "").replace("Global:\n", "Global:\n  class_num: 4\n");
    const found = model(await lintLaidOut(text));
    expect(found.map((p) => [p.line, p.message.split(" (")[0]])).toEqual([[lineOf(text, "class_num"), "AdaFace_IR_18 does not take 'class_num'"]]);
  });
});

describe("LL606: Global.epochs of 0 or less", () => {
  it("trains nothing without an error (range(1, epochs + 1) is empty): an error at the key; a positive count passes", async () => {
    for (const value of ["0", "-3", "False"]) {
      const text = base.replace("  epochs: 10\n", `  epochs: ${value}\n`);
      const found = mine(await lintLaidOut(text)).filter((p) => p.message.startsWith("`Global.epochs`"));
      expect(found.map((p) => [p.line, p.severity])).toEqual([[lineOf(text, "epochs"), "error"]]);
      expect(found[0]!.message).toBe(`\`Global.epochs\` is ${value}: PaddleClas raises nothing, but the Engine trains for epoch_id in range(1, epochs + 1) (ppcls/engine/engine.py:331), which is empty: the run ends at once, with nothing trained`);
    }
    const one = base.replace("  epochs: 10\n", "  epochs: 1\n");
    expect(mine(await lintLaidOut(one)).filter((p) => p.message.startsWith("`Global.epochs`"))).toEqual([]);
  });
});

describe("LL606: Global.output_dir", () => {
  it("is joined with the log file's name as the Engine starts: null (an empty `output_dir:`) or a number is a TypeError; text passes", async () => {
    const line = base.split("\n").find((l) => l.startsWith("  output_dir:"))!;
    for (const value of ["", " null", " 7"]) {
      const text = base.replace(`${line}\n`, `  output_dir:${value}\n`);
      const found = mine(await lintLaidOut(text)).filter((p) => p.message.startsWith("`Global.output_dir`"));
      expect(found.map((p) => [p.line, p.severity])).toEqual([[lineOf(text, "output_dir"), "error"]]);
      expect(found[0]!.message).toContain('PaddleClas raises TypeError when training starts (os.path.join(output_dir, "train.log") for the log: ppcls/engine/engine.py:79)');
    }
    expect(mine(await lintLaidOut(base)).filter((p) => p.message.startsWith("`Global.output_dir`"))).toEqual([]);
  });
});

describe("LL606: Global keys read with a default (seed, start_eval_epoch, eval_mode, train_mode)", () => {
  const globalFinding = (run: LintResult, key: string) => mine(run).filter((p) => p.message.startsWith(`\`Global.${key}\``));
  it("a seed that is not an int is the Engine's assert when training starts; start_eval_epoch that is not a number fails after the first epoch", async () => {
    const text = base.replace("  epochs: 10\n", "  epochs: 10\n  seed: 42.0\n  start_eval_epoch: first\n");
    const [seed] = globalFinding(await lintLaidOut(text), "seed");
    expect(seed).toMatchObject({ line: lineOf(text, "seed"), severity: "error" });
    expect(seed!.message).toBe("`Global.seed` is 42.0: PaddleClas raises AssertionError when training starts (\"The 'seed' must be a integer!\": ppcls/engine/engine.py:72)");
    const [start] = globalFinding(await lintLaidOut(text), "start_eval_epoch");
    expect(start!.message).toBe("`Global.start_eval_epoch` is 'first': PaddleClas raises TypeError at the end of the first epoch (start_eval_epoch - 1: ppcls/engine/engine.py:346)");
  });

  it("accepts what the Engine takes: an int seed, a null one (no seeding), a number for start_eval_epoch, or neither key", async () => {
    for (const extra of ["  seed: 42\n  start_eval_epoch: 1\n", "  seed: null\n  start_eval_epoch: 2.5\n", "  seed: 0\n", ""]) {
      const text = base.replace("  epochs: 10\n", `  epochs: 10\n${extra}`);
      const run = await lintLaidOut(text);
      expect([...globalFinding(run, "seed"), ...globalFinding(run, "start_eval_epoch")]).toEqual([]);
    }
  });

  // The Engine asserts eval_mode and looks up "train_epoch_" + train_mode as it starts (ppcls/engine/engine.py:60-93).
  it("an eval_mode the Engine does not know is its assert, a train_mode it has no loop for an AttributeError, when training starts", async () => {
    const text = base.replace("  epochs: 10\n", "  epochs: 10\n  eval_mode: classfication\n  train_mode: fixmach\n");
    const run = await lintLaidOut(text);
    expect(globalFinding(run, "eval_mode").map((p) => [p.line, p.message])).toEqual([[lineOf(text, "eval_mode"), "`Global.eval_mode` is 'classfication': PaddleClas raises AssertionError when training starts (Invalid eval mode: the Engine asserts one of classification, retrieval, adaface: ppcls/engine/engine.py:85-87)"]]);
    expect(globalFinding(run, "train_mode").map((p) => [p.message.split(" (")[0], p.suggestion])).toEqual([["`Global.train_mode` is 'fixmach': PaddleClas raises AttributeError when training starts", "write `train_mode: fixmatch`"]]);
    const [number] = globalFinding(await lintLaidOut(base.replace("  epochs: 10\n", "  epochs: 10\n  train_mode: 1\n")), "train_mode");
    expect(number!.message).toMatch(/^`Global.train_mode` is 1: PaddleClas raises TypeError when training starts/);
  });

  it("accepts the eval and train modes PaddleClas has, a null train_mode, or neither key", async () => {
    for (const extra of ["  eval_mode: classification\n  train_mode: null\n", "  eval_mode: retrieval\n  train_mode: fixmatch_ccssl\n", "  train_mode: progressive\n", ""]) {
      const run = await lintLaidOut(base.replace("  epochs: 10\n", `  epochs: 10\n${extra}`));
      expect([...globalFinding(run, "eval_mode"), ...globalFinding(run, "train_mode")]).toEqual([]);
    }
  });
});

// The Engine takes the first Eval metric as the evaluation's result, larger for better: it saves best_model on it and steps a
// by_epoch ReduceOnPlateau with it (ppcls/engine/engine.py:349-361, 389; ppcls/engine/evaluation/classification.py:150-175).
describe("LL606: the first Eval metric, best_model and ReduceOnPlateau", () => {
  const plateau = (config: string, lines: string) => edit(config, LR, `  lr:\n    name: ReduceOnPlateau\n    learning_rate: 0.1\n    by_epoch: True\n${lines}`);
  const hammingFirst = ppclsConfig({ evalMetrics: ["HammingDistance", "AccuracyScore"] });
  const findings = async (text: string) => mine(await lintLaidOut(text)).map((p) => [p.severity, p.line, p.message] as const);
  it("HammingDistance first under Metric.Eval: best_model is the worst evaluated epoch (a warning)", async () => {
    expect(await findings(hammingFirst)).toEqual([
      ["warn", lineOf(hammingFirst, "HammingDistance", lineOf(hammingFirst, "  Eval:", lineOf(hammingFirst, "Metric:"))), expect.stringMatching(/^`Metric.Eval\[0\].HammingDistance` is the first Eval metric: PaddleClas raises nothing, but the Engine saves best_model at each evaluation whose first Eval metric is at least the largest so far .*best_model is the worst evaluated epoch$/)],
    ]);
    // Training does not evaluate: nothing is saved as best.
    expect(await findings(edit(hammingFirst, "  eval_during_train: True\n", "  eval_during_train: False\n"))).toEqual([]);
  });
  it("ReduceOnPlateau whose mode takes the metric the wrong way: the rate drops while the model improves (an error)", async () => {
    const byDefault = plateau(base, "");
    expect(await findings(byDefault)).toEqual([["error", lineOf(byDefault, "name: ReduceOnPlateau"), expect.stringContaining("`Optimizer.lr.name` is ReduceOnPlateau, whose mode is 'min' by default: PaddleClas raises nothing, but the Engine steps ReduceOnPlateau with AccuracyScore (the first Eval metric) after each evaluation, which grows as the model improves")]]);
    const maxOnHamming = plateau(hammingFirst, "    mode: MAX\n");
    const [mode] = (await findings(maxOnHamming)).filter(([severity]) => severity === "error");
    expect(mode).toEqual(["error", lineOf(maxOnHamming, "mode: MAX"), expect.stringContaining("with HammingDistance (the first Eval metric) after each evaluation, which falls as the model improves, while mode 'max' takes a larger value for better")]);
  });
  it("a by_epoch ReduceOnPlateau in a run that does not evaluate is never stepped (a warning)", async () => {
    const text = edit(plateau(base, "    mode: max\n"), "  eval_during_train: True\n", "  eval_during_train: False\n");
    expect(await findings(text)).toEqual([["warn", lineOf(text, "name: ReduceOnPlateau"), expect.stringContaining("the Engine steps a by_epoch ReduceOnPlateau only after an evaluation, with its metric, and Global.eval_during_train is False: the rate stays at learning_rate for the whole run")]]);
    // Never stepped, so step()'s values are never read: only the warning.
    const unread = edit(plateau(base, "    mode: max\n    patience: ten\n"), "  eval_during_train: True\n", "  eval_during_train: False\n");
    expect((await findings(unread)).map(([severity]) => severity)).toEqual(["warn"]);
  });
  it("ReduceOnPlateau's own values: mode, threshold_mode and factor when built, the others when step reads them", async () => {
    const text = plateau(base, "    mode: maximum\n    factor: 1.5\n    threshold_mode: 2\n    patience: ten\n    min_lr: null\n    cooldown: x\n");
    expect((await findings(text)).map(([severity, line, message]) => [severity, line, message.split(" (")[0]])).toEqual([
      ["error", lineOf(text, "mode: maximum"), "`Optimizer.lr.mode` is 'maximum': PaddleClas raises ValueError when training starts"],
      ["error", lineOf(text, "factor: 1.5"), "`Optimizer.lr.factor` is 1.5: PaddleClas raises ValueError when training starts"],
      ["error", lineOf(text, "threshold_mode: 2"), "`Optimizer.lr.threshold_mode` is 2: PaddleClas raises AttributeError when training starts"],
      ["error", lineOf(text, "patience: ten"), "`Optimizer.lr.patience` is 'ten': PaddleClas raises TypeError after the first evaluation"],
      ["error", lineOf(text, "min_lr: null"), "`Optimizer.lr.min_lr` is None: PaddleClas raises TypeError in the middle of training, when the metric has not improved for patience evaluations"],
      ["error", lineOf(text, "cooldown: x"), "`Optimizer.lr.cooldown` is 'x': PaddleClas raises TypeError in the middle of training, at the evaluation after ReduceOnPlateau first lowers the rate"],
    ]);
  });
  it("accepts mode max on a metric that grows, min on HammingDistance, and upper-case modes Paddle lowers", async () => {
    expect(await findings(plateau(base, "    mode: Max\n    factor: 0.5\n    threshold_mode: ABS\n    patience: 2\n    cooldown: 1\n    min_lr: 1.0e-6\n"))).toEqual([]);
    expect((await findings(plateau(hammingFirst, "    mode: min\n"))).filter(([severity]) => severity === "error")).toEqual([]);
  });
});

// The Engine reads AMP with amp_config.get("use_amp", True) and hands scale_loss to paddle.amp.GradScaler, whose
// AmpScaler makes np.array([scale_loss]).astype(np.float32) of it (ppcls/engine/engine.py:605-649, ppcls/utils/amp.py:58-60).
describe("LL606: the AMP section", () => {
  const ampFindings = async (section: string) => mine(await lintLaidOut(base + section)).filter((p) => p.message.startsWith("`AMP"));
  it("an AMP value that is true but not a mapping fails when the Engine starts; scale_loss empty or text float() cannot read fails on a GPU", async () => {
    const [notMapping] = await ampFindings("AMP: True\n");
    expect(notMapping!.message).toBe("`AMP` is True, not a mapping: PaddleClas raises AttributeError while building the Engine's AMP settings (amp_config.get: ppcls/engine/engine.py:605-607)");
    const [empty] = await ampFindings("AMP:\n  scale_loss:\n  use_dynamic_loss_scaling: True\n");
    expect(empty!.message).toBe("`AMP.scale_loss` is None: PaddleClas raises TypeError when training starts on a GPU (Paddle's AmpScaler makes np.array([scale_loss]).astype(np.float32) of it; ppcls/utils/amp.py:58-60)");
    const [text] = await ampFindings("AMP:\n  scale_loss: 128.O\n");
    expect(text!.message).toMatch(/^`AMP.scale_loss` is '128.O': PaddleClas raises ValueError when training starts on a GPU/);
  });
  it("AMP: False is AMP off since 2023 but an AttributeError on every release up to 2.5.2 (a warning)", async () => {
    for (const value of ["False", "0", "''"]) {
      const [off] = await ampFindings(`AMP: ${value}\n`);
      expect([off!.severity, off!.message.split(" (")[0]]).toEqual(["warn", `\`AMP\` is ${value === "''" ? "''" : value}: PaddleClas raises AttributeError when training starts on PaddleClas 2.5.2 and earlier, which turn AMP on for any AMP value that is not None and call ${value === "''" ? "''" : value}.get`]);
    }
  });
  it("a scale_loss of 0 or NaN skips every step: an error, though nothing is raised", async () => {
    for (const value of ["0", "0.0", ".nan", "nan"]) {
      const [zero] = await ampFindings(`AMP:\n  scale_loss: ${value}\n  use_dynamic_loss_scaling: True\n`);
      expect(zero!.severity).toBe("error");
      expect(zero!.message).toContain("PaddleClas raises nothing, but each step multiplies the loss by the scale and divides the gradients by it");
    }
  });
  it("accepts the scales PaddleClas's configs write, AMP switched off, an empty or false section, and no section", async () => {
    for (const section of ["AMP:\n  scale_loss: 128.0\n  use_dynamic_loss_scaling: True\n  level: O1\n", "AMP:\n  scale_loss: 65536\n", "AMP:\n  scale_loss: 1_000\n", "AMP:\n  use_amp: False\n  scale_loss: 0\n", "AMP:\n", "AMP:\n  level: O2\n", ""]) {
      expect(await ampFindings(section)).toEqual([]);
    }
  });
});

describe("LL606: the EMA section", () => {
  const emaFindings = async (section: string) => mine(await lintLaidOut(base + section)).filter((p) => p.message.startsWith("`EMA"));
  it("a decay that is not a number fails at the first batch; a section that is not a mapping when the Engine starts", async () => {
    const [decay] = await emaFindings("EMA:\n  decay: high\n");
    expect(decay!.message).toBe("`EMA.decay` is 'high': PaddleClas raises TypeError at the first batch (decay * e + (1. - decay) * m: ppcls/utils/ema.py:42)");
    const [none] = await emaFindings("EMA:\n");
    expect(none!.message).toBe("`EMA` is None, not a mapping: PaddleClas raises AttributeError while building the model's EMA");
  });
  it("accepts a number, no decay (0.9999), and no section", async () => {
    // '0.9997' too: create_attr_dict's literal_eval makes it the number.
    for (const section of ["EMA:\n  decay: 0.9997\n", "EMA:\n  decay: '0.9997'\n", "EMA:\n  other: 1\n", ""]) expect(await emaFindings(section)).toEqual([]);
  });
});

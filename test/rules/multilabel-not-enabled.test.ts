import { expect } from "vitest";
import { runRuleTests } from "../rule-tester.js";
import { lineOf, ppclsConfig } from "../ppcls/configs.js";

const missing = ppclsConfig({ useMultilabel: null });
const off = ppclsConfig({ useMultilabel: "False" });
// An ImageNet config's loss kept under MultiLabelDataset (ppcls/loss/celoss.py:47-67).
const celoss = ppclsConfig({ loss: "CELoss", trainLoss: ["weight: 1.0"], evalLoss: ["weight: 1.0", "epsilon: 0.1"] });
// Distillation losses that read each target as a class id (ppcls/loss/dkdloss.py, wslloss.py, skdloss.py); DKD with use_target_as_gt reads none.
const classIdLosses = ppclsConfig().replace(
  "  Train:\n    - MultiLabelLoss:\n        weight: 1.0\n",
  "  Train:\n    - MultiLabelLoss:\n        weight: 1.0\n    - DistillationDKDLoss:\n        weight: 1.0\n        model_name_pairs: [[Student, Teacher]]\n    - DistillationWSLLoss:\n        weight: 1.0\n        model_name_pairs: [[Student, Teacher]]\n    - DistillationSKDLoss:\n        weight: 1.0\n        model_name_pairs: [[Student, Teacher]]\n        use_target_as_gt: True\n",
);
// A distillation config's ground-truth loss kept (ppcls/loss/distillationloss.py:63-88: CELoss on each model's output).
const gtce = ppclsConfig({ loss: "DistillationGTCELoss", trainLoss: ["weight: 1.0", "model_names: [Student]"], evalLoss: ["weight: 1.0", "model_names: [Student]"] });
const celossRatio = ppclsConfig({ loss: "CELoss", trainRatio: true, trainMetrics: [] });
// An ImageNet config's metric kept (ppcls/metric/metrics.py:49-67).
const dali = ppclsConfig().replace("  use_multilabel: True\n", "  use_multilabel: True\n  use_dali: True\n");
const topk = ppclsConfig({ trainMetrics: ["TopkAcc"], evalMetrics: ["TopkAcc", "HammingDistance"] });

// The slip: a config made multi-label everywhere but in the dataset's name (ImageNetDataset, ppcls/data/dataloader/imagenet_dataset.py:68-73).
const imagenet = ppclsConfig().replace(/MultiLabelDataset/g, "ImageNetDataset");
const tabbed = imagenet.replace(/name: ImageNetDataset\n/g, "name: ImageNetDataset\n      delimiter: \"\\t\"\n").replace("  use_multilabel: True\n", "");
const paddlex = missing.replace(/MultiLabelDataset/g, "MLClsDataset");
// Train read with MultiLabelDataset, Eval left with ImageNetDataset, nothing else multi-label: the Train split says what the lists are.
const mixedSplits = ppclsConfig({ loss: "CELoss", useMultilabel: null, trainMetrics: ["TopkAcc"], evalMetrics: ["TopkAcc"] }).replace(
  "      name: MultiLabelDataset\n      image_root: ./dataset/images/\n      cls_label_path: ./dataset/eval_list.txt",
  "      name: ImageNetDataset\n      image_root: ./dataset/images/\n      cls_label_path: ./dataset/eval_list.txt",
);

// A sampler for identity datasets kept under MultiLabelDataset (Train: PKSampler; Eval: MultiScaleSampler).
const samplers = ppclsConfig()
  .replace("      name: DistributedBatchSampler\n      batch_size: 64\n      drop_last: False\n      shuffle: True\n", "      name: PKSampler\n      batch_size: 64\n      sample_per_id: 2\n")
  .replace("      name: DistributedBatchSampler\n      batch_size: 64\n      drop_last: False\n      shuffle: False\n", "      name: MultiScaleSampler\n      scales: [[224, 224]]\n      first_bs: 64\n");

// PKSampler on the Eval split of a run that does not evaluate: only tools/eval.py builds that loader.
const evalOnlyPk = ppclsConfig()
  .replace("  eval_during_train: True", "  eval_during_train: False")
  .replace("      name: DistributedBatchSampler\n      batch_size: 64\n      drop_last: False\n      shuffle: False\n", "      name: PKSampler\n      batch_size: 64\n      sample_per_id: 2\n");

runRuleTests("multilabel-not-enabled", {
  valid: [
    { name: "use_multilabel: True", text: ppclsConfig(), ppcls: {} },
    { name: "use_multilabel: true (any YAML true)", text: ppclsConfig({ useMultilabel: "yes" }), ppcls: {} },
    // A single-label config through and through (no use_multilabel, no multi-label loss or metric) is refused before any rule runs: test/ppcls/cli.test.ts.
    { name: "Global.use_dali: False", text: dali.replace("use_dali: True", "use_dali: False"), ppcls: {} },
    { name: "a dataset name that is an Object member is no known dataset", text: imagenet.replace(/name: ImageNetDataset/g, "name: constructor"), ppcls: {}, options: { rules: { "invalid-argument": "off" } } },
    { name: "PaddleX's MLClsDataset (MultiLabelDataset) with use_multilabel", text: ppclsConfig().replace(/MultiLabelDataset/g, "MLClsDataset"), ppcls: {} },
    { name: "a one-class config's list reads as `path<TAB>0` under ImageNetDataset with a TAB delimiter too", text: imagenet.replace("class_num: 4", "class_num: 1"), ppcls: {}, options: { rules: { "invalid-argument": "off", "class-count-mismatch": "off" } } },
  ],
  invalid: [
    {
      name: "a split read with MultiLabelDataset makes the other split's ImageNetDataset the slip, though nothing else is multi-label",
      text: mixedSplits,
      ppcls: {},
      // The Train split's own findings (CELoss, use_multilabel not set, TopkAcc), and the Eval dataset's.
      errors: [
        [lineOf(mixedSplits, "- CELoss"), "LL602"],
        [lineOf(mixedSplits, "name: MultiLabelDataset"), "LL602"],
        [lineOf(mixedSplits, "name: ImageNetDataset"), "LL602"],
        [lineOf(mixedSplits, "- TopkAcc"), "LL602"],
      ],
      checkRun: (_run, problems) =>
        expect(problems.find((p) => p.message.startsWith("`DataLoader.Eval.dataset.name: ImageNetDataset`"))?.message).toContain(
          "but this config trains a multi-label model (`DataLoader.Train.dataset.name: MultiLabelDataset`)",
        ),
      message: ["`Loss.Train[0].CELoss` is a single-label loss"],
      options: { rules: { "invalid-argument": "off" } },
    },
    {
      name: "DistillationDKDLoss and DistillationWSLLoss read each target as a class id: MultiLabelDataset's multi-hot vectors fail the first batch; SKD with use_target_as_gt reads none",
      text: classIdLosses,
      ppcls: {},
      errors: [
        [lineOf(classIdLosses, "- DistillationDKDLoss"), "LL602"],
        [lineOf(classIdLosses, "- DistillationWSLLoss"), "LL602"],
      ],
      only: true,
      options: { rules: { "invalid-argument": "off" } },
      checkRun: (_run, [dkd, wsl]) => {
        expect(dkd!.suggestion).toBe(
          "use the multi-label distillation losses of PaddleClas's PULC attribute configs: `- DistillationMultiLabelLoss:` and `- DistillationDMLLoss:`, or set `use_target_as_gt: True` (the teacher's top class as the target)",
        );
        expect(wsl!.message).toContain("DistillationWSLLoss one-hots each target as a class id (`F.one_hot(target.reshape([-1]), …)`) (ppcls/loss/wslloss.py:32-43)");
      },
      message: [
        "`Loss.Train[1].DistillationDKDLoss` is a single-label loss, but MultiLabelDataset yields multi-hot targets `[B, 4]`: DistillationDKDLoss scatters a 1 at each target's class id (`_get_gt_mask`: `target.reshape([-1])` into `paddle.scatter_nd_add`) (ppcls/loss/dkdloss.py:24-27, 47-52), which MultiLabelDataset's float multi-hot vectors are not, so training fails at the first batch",
      ],
    },
    {
      name: "DistillationGTCELoss, CELoss on each model's output, under MultiLabelDataset: a softmax over multi-hot targets, without an error",
      text: gtce,
      ppcls: {},
      errors: [
        [lineOf(gtce, "- DistillationGTCELoss"), "LL602"],
        [lineOf(gtce, "- DistillationGTCELoss", lineOf(gtce, "- DistillationGTCELoss")), "LL602"],
      ],
      only: true,
      options: { rules: { "invalid-argument": "off" } },
      checkRun: (_run, [problem]) => expect(problem!.suggestion).toContain("use `- DistillationMultiLabelLoss:`"),
      message: ["`Loss.Train[0].DistillationGTCELoss` is a single-label loss, but MultiLabelDataset yields multi-hot targets `[B, 4]`: DistillationGTCELoss (CELoss on each model's output, ppcls/loss/distillationloss.py:63-88) turns each into a distribution over the classes"],
    },
    {
      name: "PKSampler on an Eval split training does not build (eval_during_train: False): the failure is evaluation's",
      text: evalOnlyPk,
      ppcls: {},
      errors: [[lineOf(evalOnlyPk, "name: PKSampler"), "LL602"]],
      only: true,
      message: ["TypeError (unhashable type: 'list') when the DataLoader is built (by evaluation, tools/eval.py)"],
    },
    {
      name: "PKSampler and MultiScaleSampler under MultiLabelDataset: an unhashable list label while the DataLoader is built, a tuple index at the first batch",
      text: samplers,
      ppcls: {},
      errors: [
        [lineOf(samplers, "name: PKSampler"), "LL602"],
        [lineOf(samplers, "name: MultiScaleSampler"), "LL602"],
      ],
      only: true,
      message: [
        "`DataLoader.Train.sampler.name: PKSampler` is a sampler for single-label (identity) datasets: it groups the samples by label, each label a dict key (`self.label_dict[label]`, pk_sampler.py:64-65), but MultiLabelDataset holds each row's labels as a list: TypeError (unhashable type: 'list') when the DataLoader is built, before training starts",
      ],
      checkRun: (_run, problems) => {
        expect(problems[1]?.message).toContain("TypeError (list indices must be integers or slices, not tuple) at the first batch");
        expect(problems[0]?.suggestion).toContain("`name: DistributedBatchSampler`");
      },
    },
    {
      name: "ImageNetDataset in a multi-label config: `path<TAB>0,1,…` has no ' ' to split on, an IndexError while the lists load (Train and Eval)",
      text: imagenet,
      ppcls: {},
      errors: [
        [lineOf(imagenet, "name: ImageNetDataset"), "LL602"],
        [lineOf(imagenet, "name: ImageNetDataset", lineOf(imagenet, "name: ImageNetDataset")), "LL602"],
      ],
      only: true,
      message: [
        "`DataLoader.Train.dataset.name: ImageNetDataset` reads one class id per line (`l.strip().split(' ')`, then `np.int64(l[1])`: ppcls/data/dataloader/imagenet_dataset.py:68-73), but this config trains a multi-label model (`Global.use_multilabel: True`): a multi-label line `path<TAB>0,1,…` has no ' ' to split on (unless its path has one), so `l[1]` raises IndexError, while the list is loaded, before training starts",
      ],
      checkRun: (run, problems) => {
        expect(problems[0]?.suggestion).toContain("`name: MultiLabelDataset`");
        // The lists are still linted as multi-label ones, and say why.
        expect(run.files[0]?.formatReason).toContain("linted as MultiLabelDataset reads a list");
      },
    },
    {
      name: "ImageNetDataset with delimiter '\\t': np.int64('0,1,…') raises ValueError; the loss alone says the config is multi-label",
      text: tabbed,
      ppcls: {},
      errors: [
        [lineOf(tabbed, "name: ImageNetDataset"), "LL602"],
        [lineOf(tabbed, "name: ImageNetDataset", lineOf(tabbed, "name: ImageNetDataset")), "LL602"],
      ],
      only: true,
      message: ["`l.strip().split('\\t')`", "(`Loss.Train[0].MultiLabelLoss`)", "splits into the path and `0,1,…`, and np.int64('0,1,…') raises ValueError"],
    },
    {
      name: "PaddleX's MLClsDataset is MultiLabelDataset (ppcls/data/__init__.py:197): without use_multilabel, the same finding",
      text: paddlex,
      ppcls: {},
      errors: [[lineOf(paddlex, "MLClsDataset"), "LL602"]],
      only: true,
      message: ["`DataLoader.Train.dataset.name: MLClsDataset` needs `Global.use_multilabel: True`, but it is not set"],
    },
    {
      name: "CELoss under MultiLabelDataset: a softmax over the classes trained on softmaxed multi-hot targets, silently (Train and Eval, at each entry)",
      text: celoss,
      ppcls: {},
      errors: [
        [lineOf(celoss, "- CELoss"), "LL602"],
        [lineOf(celoss, "- CELoss", lineOf(celoss, "- CELoss")), "LL602"],
      ],
      only: true,
      message: ["`Loss.Train[0].CELoss` is a single-label loss, but MultiLabelDataset yields multi-hot targets `[B, 4]`: CELoss turns each into a distribution over the classes (F.softmax(label), ppcls/loss/celoss.py:58-60"],
      checkRun: (_run, problems) => expect(problems[0]?.suggestion).toContain("`- MultiLabelLoss:`"),
    },
    {
      name: "TopkAcc under MultiLabelDataset: AccuracyOp takes [B, 1] class ids; Metric.Train fails at the first batch, Metric.Eval at the first evaluation",
      text: topk,
      ppcls: {},
      errors: [
        [lineOf(topk, "- TopkAcc"), "LL602"],
        [lineOf(topk, "- TopkAcc", lineOf(topk, "- TopkAcc")), "LL602"],
      ],
      only: true,
      message: ["`Metric.Train[0].TopkAcc` is a single-label metric, but MultiLabelDataset yields multi-hot targets `[B, 4]`: it hands them to paddle.metric.accuracy (ppcls/metric/metrics.py:64)", "training fails at its first batch"],
      checkRun: (_run, problems) => {
        expect(problems[1]?.message).toContain("the first evaluation fails, at the end of the first epoch, after its GPU time is spent");
        expect(problems[0]?.suggestion).toBe("measure multi-label targets with `- AccuracyScore:`, `- MultiLabelMAP:` or `- HammingDistance:` (with label_ratio, `- ATTRMetric:`), one that grows as the model improves first: best_model is chosen by the first Eval metric");
      },
    },
    {
      name: "Global.use_dali: True: DALI's File reader takes one class id after each path, and stops on a multi-label list",
      text: dali,
      ppcls: {},
      errors: [[lineOf(dali, "use_dali"), "LL602"]],
      only: true,
      message: ["`Global.use_dali: True` reads `DataLoader.Train.dataset.cls_label_path` with DALI's File reader instead of MultiLabelDataset", "Incorrect format of the list file"],
      checkRun: (_run, problems) => expect(problems[0]?.suggestion).toContain("`use_dali: False`"),
    },
    {
      name: "CELoss over 3-D targets (label_ratio): the first batch fails",
      text: celossRatio,
      ppcls: {},
      errors: [
        [lineOf(celossRatio, "- CELoss"), "LL602"],
        [lineOf(celossRatio, "- CELoss", lineOf(celossRatio, "- CELoss")), "LL602"],
      ],
      only: true,
      message: ["multi-hot targets `[B, 2, 4]`: F.cross_entropy cannot pair them with [B, 4] logits, so training fails at the first batch"],
    },
    {
      name: "the key left out",
      text: missing,
      ppcls: {},
      errors: [[lineOf(missing, "name: MultiLabelDataset"), "LL602"]],
      only: true,
      fix: null,
      message: ["`DataLoader.Train.dataset.name: MultiLabelDataset` needs `Global.use_multilabel: True`, but it is not set", "single-label class ids"],
      checkRun: (_run, problems) => expect(problems[0]?.suggestion).toBe("add `use_multilabel: True` under Global"),
    },
    {
      name: "use_multilabel: False points at the key",
      text: off,
      ppcls: {},
      errors: [[lineOf(off, "use_multilabel"), "LL602"]],
      message: ["but it is False"],
    },
  ],
});

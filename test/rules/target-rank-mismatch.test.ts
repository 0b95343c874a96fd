import { expect } from "vitest";
import { runRuleTests } from "../rule-tester.js";
import { lineOf, ppclsConfig } from "../ppcls/configs.js";

const weightRatio = ppclsConfig({ trainLoss: ["weight: 1.0", "weight_ratio: True"] });
const attrWithout = ppclsConfig({ evalMetrics: ["ATTRMetric"] });
const meanAccWithout = ppclsConfig({ evalMetrics: ["MultilabelMeanAccuracy"] });
const ratioWith2d = ppclsConfig({ trainRatio: true, evalRatio: true, trainLoss: ["weight: 1.0", "weight_ratio: True"], evalLoss: ["weight: 1.0", "weight_ratio: True"], evalMetrics: ["MultiLabelMAP"] });
const asymmetric = ppclsConfig({ loss: "MultiLabelAsymmetricLoss", trainLoss: ["weight: 1.0", "gamma_pos: 0"], evalLoss: ["weight: 1.0"], trainRatio: true, trainMetrics: [] });
// Batch operators under the Train dataset (ppcls/data/__init__.py:111-152: collated by mix_collate_fn at every batch).
const withBatchOps = (ops: string, ratio = false) =>
  ppclsConfig({ trainRatio: ratio, trainMetrics: [] }).replace("cls_label_path: ./dataset/train_list.txt", `cls_label_path: ./dataset/train_list.txt\n      batch_transform_ops:\n${ops}`);
// PULC's distillation losses with label_ratio left out: both read target[:, 0, :] and target[:, 1, :] with weight_ratio.
const distilled = ppclsConfig({ trainMetrics: [] }).replace(
  "  Train:\n    - MultiLabelLoss:\n        weight: 1.0\n",
  "  Train:\n    - DistillationDMLLoss:\n        weight: 1.0\n        weight_ratio: True\n        model_name_pairs: [[Student, Teacher]]\n    - DistillationMultiLabelLoss:\n        weight: 1.0\n        weight_ratio: True\n        model_names: [Student]\n",
);
const mixup = withBatchOps("        - MixupOperator:\n            alpha: 0.2\n");
const sampled = withBatchOps("        - OpSampler:\n            MixupOperator:\n              alpha: 0.8\n              prob: 0.5\n            CutmixOperator:\n              alpha: 1.0\n              prob: 0.5\n", true);
// CAE's finetune configs' MixupCutmixHybrid (ppcls/configs/CAE/cae_base_patch16_224_finetune.yaml:75), kept under MultiLabelDataset.
const hybrid = withBatchOps("        - MixupCutmixHybrid:\n            mixup_alpha: 0.8\n            cutmix_alpha: 1.0\n            switch_prob: 0.5\n            num_classes: 4\n");
const hybridDefault = withBatchOps("        - MixupCutmixHybrid:\n            mixup_alpha: 0.8\n", true);
const ratioFalse = ppclsConfig({ evalLoss: ["weight: 1.0", "weight_ratio: True"] }).replace("cls_label_path: ./dataset/eval_list.txt", "cls_label_path: ./dataset/eval_list.txt\n      label_ratio: False");

runRuleTests("target-rank-mismatch", {
  valid: [
    { name: "2-D targets with AccuracyScore and HammingDistance (MobileNetV1_multilabel)", text: ppclsConfig(), ppcls: {} },
    {
      name: "3-D targets with weight_ratio and ATTRMetric (the PULC attribute configs)",
      text: ppclsConfig({ trainRatio: true, evalRatio: true, trainLoss: ["weight: 1.0", "weight_ratio: True", "size_sum: True"], evalLoss: ["weight: 1.0", "weight_ratio: True"], trainMetrics: [], evalMetrics: ["ATTRMetric"] }),
      ppcls: {},
    },
    { name: "plain MultiLabelLoss takes either rank (fixed PaddleClas)", text: ppclsConfig({ trainRatio: true, trainMetrics: [] }), ppcls: {} },
    { name: "weight_ratio: False needs nothing", text: ppclsConfig({ trainLoss: ["weight: 1.0", "weight_ratio: False"] }), ppcls: {} },
    {
      name: "a dataset PaddleClas does not build as multi-label is not reasoned about",
      text: ppclsConfig({ trainLoss: ["weight: 1.0", "weight_ratio: True"] }).replace(/MultiLabelDataset/g, "MyDataset"),
      ppcls: {},
      options: { rules: { "multilabel-not-enabled": "off" } },
    },
    { name: "the rule turned off", text: weightRatio, ppcls: {}, options: { rules: { "target-rank-mismatch": "off" } } },
    {
      name: "an OpSampler mixer without a prob (0: never drawn, batch_operators.py:211-217)",
      text: withBatchOps("        - OpSampler:\n            MixupOperator:\n              alpha: 0.8\n"),
      ppcls: {},
    },
  ],
  invalid: [
    {
      name: "PULC's distillation losses with weight_ratio over 2-D targets: DistillationDMLLoss and DistillationMultiLabelLoss both read target[:, 1, :]",
      text: distilled,
      ppcls: {},
      errors: [
        [lineOf(distilled, "weight_ratio: True"), "LL601"],
        [lineOf(distilled, "weight_ratio: True", lineOf(distilled, "weight_ratio: True")), "LL601"],
      ],
      options: { rules: { "invalid-argument": "off" } },
      message: ["`Loss.Train[0].DistillationDMLLoss.weight_ratio: True` needs 3-D targets, but `DataLoader.Train.dataset.label_ratio` is not set", "gt_label[:, 0, :]"],
    },
    {
      name: "MixupOperator under MultiLabelDataset: np.eye(class_num)[targets] of multi-hot float targets, an IndexError at the first batch",
      text: mixup,
      ppcls: {},
      errors: [[lineOf(mixup, "MixupOperator"), "LL601"]],
      only: true,
      message: [
        "`DataLoader.Train.dataset.batch_transform_ops[0].MixupOperator` one-hots class-index targets (`np.eye(class_num)[targets]`, ppcls/data/preprocess/batch_ops/batch_operators.py:50-56), but MultiLabelDataset yields multi-hot float vectors `[B, 4]`: numpy raises IndexError (arrays used as indices must be of integer (or boolean) type) in the DataLoader's collate, at the first batch",
      ],
      checkRun: (_run, problems) => expect(problems[0]?.suggestion).toContain("remove MixupOperator from DataLoader.Train.dataset.batch_transform_ops"),
    },
    {
      // F.one_hot appends a num_classes axis: [B, C] multi-hot becomes [B, C, N], which paddle.where cannot
      // broadcast against paddle.full([B, N]) (the same rule as numpy: shapes (8,33,33) and (8,33) do not broadcast).
      name: "MixupCutmixHybrid under MultiLabelDataset: F.one_hot of multi-hot targets, which paddle.where cannot broadcast, at the first batch",
      text: hybrid,
      ppcls: {},
      errors: [[lineOf(hybrid, "MixupCutmixHybrid"), "LL601"]],
      only: true,
      message: [
        "`DataLoader.Train.dataset.batch_transform_ops[0].MixupCutmixHybrid` one-hots class-index targets (`F.one_hot` of the targets cast to int64, ppcls/data/preprocess/batch_ops/batch_operators.py:276-281), but MultiLabelDataset yields multi-hot vectors `[B, 4]`, whose one-hot is `[B, 4, 4]`: `paddle.where` cannot broadcast its `[B, 4]` values against it (unless the batch size is 4, and then the loss gets 3-D targets), at the first batch",
      ],
      checkRun: (_run, problems) => expect(problems[0]?.suggestion).toContain("remove MixupCutmixHybrid from DataLoader.Train.dataset.batch_transform_ops"),
    },
    {
      name: "MixupCutmixHybrid without num_classes one-hots to its default width, 4 (batch_operators.py:258)",
      text: hybridDefault,
      ppcls: {},
      errors: [[lineOf(hybridDefault, "MixupCutmixHybrid"), "LL601"]],
      only: true,
      message: ["multi-hot vectors `[B, 2, 4]`, whose one-hot is `[B, 2, 4, 4]`: `paddle.where` cannot broadcast its `[B, 4]` values against it, at the first batch"],
    },
    {
      name: "Mixup and Cutmix OpSampler may draw, over 3-D targets (label_ratio): each at its line",
      text: sampled,
      ppcls: {},
      errors: [
        [lineOf(sampled, "MixupOperator"), "LL601"],
        [lineOf(sampled, "CutmixOperator"), "LL601"],
      ],
      only: true,
      message: ["multi-hot float vectors `[B, 2, 4]`", "at the first batch OpSampler draws it for (prob 0.5)"],
    },
    {
      name: "weight_ratio without label_ratio (the issue #3222 failure)",
      text: weightRatio,
      ppcls: {},
      errors: [[lineOf(weightRatio, "weight_ratio"), "LL601"]],
      only: true,
      fix: null,
      message: [
        "`Loss.Train[0].MultiLabelLoss.weight_ratio: True` needs 3-D targets, but `DataLoader.Train.dataset.label_ratio` is not set, so targets are `[B, 4]`",
        "training fails with 'Too many indices (3) for tensor of dimension 2'",
      ],
      checkRun: (run, problems) => {
        expect(problems[0]?.suggestion).toContain("label_ratio: True");
        expect(problems[0]?.column).toBe(9);
        expect(problems[0]?.source).toBe("        weight_ratio: True");
        expect(run.configs?.[0]?.targets).toEqual([
          { split: "train", shape: "[B, 4]", labelList: "./dataset/train_list.txt" },
          { split: "eval", shape: "[B, 4]", labelList: "./dataset/eval_list.txt" },
        ]);
        expect(run.summary.errorCount).toBe(1);
      },
    },
    {
      name: "label_ratio: False says so",
      text: ratioFalse,
      ppcls: {},
      errors: [[lineOf(ratioFalse, "weight_ratio"), "LL601"]],
      message: ["`DataLoader.Eval.dataset.label_ratio` is False", "evaluation fails"],
    },
    {
      name: "ATTRMetric without label_ratio",
      text: attrWithout,
      ppcls: {},
      errors: [[lineOf(attrWithout, "ATTRMetric"), "LL601"]],
      only: true,
      message: ["`Metric.Eval[0].ATTRMetric` needs 3-D targets", "evaluation fails with 'Too many indices (3)"],
      checkRun: (_run, problems) => expect(problems[0]?.suggestion).toContain("HammingDistance"),
    },
    {
      name: "MultilabelMeanAccuracy without label_ratio",
      text: meanAccWithout,
      ppcls: {},
      errors: [[lineOf(meanAccWithout, "MultilabelMeanAccuracy"), "LL601"]],
      message: ["`Metric.Eval[0].MultilabelMeanAccuracy` needs 3-D targets"],
    },
    {
      name: "label_ratio with AccuracyScore, HammingDistance and MultiLabelMAP",
      text: ratioWith2d,
      ppcls: {},
      errors: [
        [lineOf(ratioWith2d, "AccuracyScore"), "LL601"],
        [lineOf(ratioWith2d, "HammingDistance"), "LL601"],
        [lineOf(ratioWith2d, "MultiLabelMAP"), "LL601"],
      ],
      only: true,
      message: ["`Metric.Train[0].AccuracyScore` needs 2-D targets `[B, 4]`, but `DataLoader.Train.dataset.label_ratio: True` makes them `[B, 2, 4]`"],
    },
    {
      name: "MultiLabelAsymmetricLoss with label_ratio",
      text: asymmetric,
      ppcls: {},
      errors: [[lineOf(asymmetric, "MultiLabelAsymmetricLoss"), "LL601"]],
      message: ["`Loss.Train[0].MultiLabelAsymmetricLoss` needs 2-D targets", "cannot broadcast"],
    },
  ],
});

import { keyText, truthy } from "../ppcls/config.js";
import { targetRank, targetShape } from "../ppcls/run.js";
import { defineRule } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL602",
    name: "multilabel-not-enabled",
    defaultSeverity: "error",
    scope: "config",
    description: "A PaddleClas MultiLabelDataset without Global.use_multilabel: True, or trained or evaluated with CELoss, a single-label softmax loss.",
    messages: {
      singleLabelLoss:
        "`{{where}}` is a single-label loss, but MultiLabelDataset yields multi-hot targets `{{shape}}`: {{failure}}",
      off: "`DataLoader.{{split}}.dataset.name: MultiLabelDataset` needs `Global.use_multilabel: True`, but it {{state}}: PaddleClas then treats the multi-hot targets as single-label class ids (evaluation reshapes them to [B·{{C}}, 1] int64), so the loss and metrics fail or measure nothing",
    },
    fix: { availability: "none", applicability: "none" },
  },
  config(ctx, run) {
    const { config } = run;
    // CELoss (ppcls/loss/celoss.py:47-67): targets as wide as the logits become F.softmax(label), a soft label for
    // softmax cross-entropy; with label smoothing they are smoothed as they are. Either way one softmax over the classes
    // trains on multi-hot targets, without an error. 3-D targets cannot pair with [B, C] logits: the first batch fails.
    for (const setup of run.splits) {
      const rank = targetRank(setup);
      if (rank === undefined) continue;
      for (const loss of setup.losses) {
        if (loss.name !== "CELoss") continue;
        ctx.report({
          messageId: "singleLabelLoss",
          data: {
            where: keyText(loss.at),
            shape: targetShape(rank, run.classNum),
            failure:
              rank === 3
                ? `F.cross_entropy cannot pair them with [B, ${run.classNum ?? "C"}] logits, so ${setup.role === "train" ? "training" : "evaluation"} fails at the first batch`
                : "CELoss turns each into a distribution over the classes (F.softmax(label), ppcls/loss/celoss.py:58-60, or label smoothing as it is) and trains one softmax over all classes on it, without an error: the model learns to share one unit of probability among the positives, not a sigmoid per class, and the multi-label metrics threshold its sigmoid outputs",
          },
          ...config.locate(loss.at),
          suggestion: "use `- MultiLabelLoss:` (a sigmoid and binary cross-entropy per class, as PaddleClas's multi-label configs do) with `weight: 1.0`",
        });
      }
    }
    const path = ["Global", "use_multilabel"];
    if (truthy(config.get(path))) return;
    // One finding: the first split that builds a MultiLabelDataset.
    const setup = run.splits.find((s) => s.datasetName === "MultiLabelDataset");
    if (setup === undefined) return;
    const location = config.locate(config.has(path) ? path : ["DataLoader", setup.key, "dataset", "name"]);
    ctx.report({
      messageId: "off",
      data: { split: setup.key, state: config.has(path) ? `is ${config.written(path)}` : "is not set", C: run.classNum ?? "C" },
      ...location,
      suggestion: config.has(path) ? "set `use_multilabel: True` under Global" : "add `use_multilabel: True` under Global",
    });
  },
});

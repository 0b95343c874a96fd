import type { ConfigContext } from "../engine/api.js";
import { keyText, truthy } from "../ppcls/config.js";
import { CLASS_ID_LOSSES, multiLabelEvidence, readsClassIds, singleLabelReader, targetRank, targetShape, type ConfigRun } from "../ppcls/run.js";
import { defineRule } from "./helpers.js";

/** Softmax cross-entropy losses against the targets, as the messages name what they do: CELoss, and the distillation loss that applies it to each model's output. */
const SOFTMAX_LOSSES: Readonly<Record<string, string>> = {
  CELoss: "CELoss",
  DistillationGTCELoss: "DistillationGTCELoss (CELoss on each model's output, ppcls/loss/distillationloss.py:63-88)",
};

export default defineRule({
  meta: {
    code: "LL602",
    name: "multilabel-not-enabled",
    defaultSeverity: "error",
    scope: "config",
    description: "A multi-label PaddleClas config whose dataset reads one class id per line (ImageNetDataset and the like), a MultiLabelDataset drawn by a sampler for single-label datasets (PKSampler and the like), a MultiLabelDataset without Global.use_multilabel: True, or trained or evaluated with CELoss (or DistillationGTCELoss), a single-label softmax loss, or a distillation loss that reads each target as a class id (DistillationDKDLoss, DistillationWSLLoss, DistillationSKDLoss), or measured with TopkAcc, a single-label metric, or read by DALI (Global.use_dali), which has no multi-label reader.",
    messages: {
      singleLabelSampler:
        "`DataLoader.{{split}}.sampler.name: {{sampler}}` is a sampler for single-label (identity) datasets: it {{does}}, but MultiLabelDataset {{has}}: {{failure}}{{when}}",
      singleLabelDataset:
        "`DataLoader.{{split}}.dataset.name: {{dataset}}` reads one class id per line ({{reads}}), but this config trains a multi-label model ({{why}}): a multi-label line `path<TAB>0,1,…` {{failure}}, while the list is loaded{{when}}",
      dali:
        "`Global.use_dali: {{value}}` reads `DataLoader.{{split}}.dataset.cls_label_path` with DALI's File reader instead of MultiLabelDataset (on a CUDA build: ppcls/data/__init__.py:97-106, ppcls/data/dataloader/dali.py:624), which takes one integer class id after each path: a multi-label list stops it while the pipeline is built (\"Incorrect format of the list file … expected file name followed by a label\", DALI's dali/operators/reader/loader/file_label_loader.h)",
      singleLabelMetric:
        "`{{where}}` is a single-label metric, but MultiLabelDataset yields multi-hot targets `{{shape}}`: it hands them to paddle.metric.accuracy (ppcls/metric/metrics.py:64), whose AccuracyOp takes class ids of shape [B, 1] (\"label's second dimension of AccuracyOp must be 1\"), so {{when}}",
      singleLabelLoss:
        "`{{where}}` is a single-label loss, but MultiLabelDataset yields multi-hot targets `{{shape}}`: {{failure}}",
      off: "`DataLoader.{{split}}.dataset.name: {{dataset}}` needs `Global.use_multilabel: True`, but it {{state}}: PaddleClas then treats the multi-hot targets as single-label class ids (evaluation reshapes them to [B·{{C}}, 1] int64), so the loss and metrics fail or measure nothing",
    },
    fix: { availability: "none", applicability: "none" },
  },
  config(ctx, run) {
    const { config } = run;
    reportSingleLabelDatasets(ctx, run);
    reportSingleLabelSamplers(ctx, run);
    // CELoss (ppcls/loss/celoss.py:47-67): targets as wide as the logits become F.softmax(label), a soft label for
    // softmax cross-entropy; with label smoothing they are smoothed as they are. Either way one softmax over the classes
    // trains on multi-hot targets, without an error. 3-D targets cannot pair with [B, C] logits: the first batch fails.
    // TopkAcc (ppcls/metric/metrics.py:49-67): paddle.metric.accuracy's AccuracyOp enforces [B, 1] class ids.
    // Metric.Train runs at every training batch (ppcls/engine/train/utils.py:24-25), Metric.Eval at each evaluation.
    const evaluates = config.evaluatesInTraining();
    for (const setup of run.splits) {
      const rank = targetRank(setup);
      if (rank === undefined) continue;
      const shape = targetShape(rank, run.classNum);
      const singleLabel = [
        ...setup.losses.filter((c) => Object.hasOwn(SOFTMAX_LOSSES, c.name) || readsClassIds(c)).map((c) => ({ c, messageId: "singleLabelLoss" as const })),
        ...(rank === 2 && run.classNum === 1 ? [] : setup.metrics.filter((c) => c.name === "TopkAcc").map((c) => ({ c, messageId: "singleLabelMetric" as const }))),
      ];
      for (const { c, messageId } of singleLabel) {
        const loss = messageId === "singleLabelLoss";
        const when =
          setup.role === "train"
            ? "training fails at its first batch"
            : evaluates
              ? "the first evaluation fails, at the end of the first epoch, after its GPU time is spent"
              : "evaluation (tools/eval.py) fails at its first batch";
        const classIds = Object.hasOwn(CLASS_ID_LOSSES, c.name) ? CLASS_ID_LOSSES[c.name]! : undefined;
        const failure = classIds !== undefined
          ? `${c.name} ${classIds.does} (${classIds.source}), which MultiLabelDataset's float multi-hot vectors are not, so ${setup.role === "train" ? "training" : "evaluation"} fails at the first batch`
          : rank === 3
            ? `F.cross_entropy cannot pair them with [B, ${run.classNum ?? "C"}] logits, so ${setup.role === "train" ? "training" : "evaluation"} fails at the first batch`
            : `${SOFTMAX_LOSSES[c.name]} turns each into a distribution over the classes (F.softmax(label), ppcls/loss/celoss.py:58-60, or label smoothing as it is) and trains one softmax over all classes on it, without an error: the model learns to share one unit of probability among the positives, not a sigmoid per class, and the multi-label metrics threshold its sigmoid outputs`;
        ctx.report({
          messageId,
          data: { where: keyText(c.at), shape, ...(loss ? { failure } : { when }) },
          ...config.locate(c.at),
          suggestion: loss
            ? classIds !== undefined
              ? `use the multi-label distillation losses of PaddleClas's PULC attribute configs: \`- DistillationMultiLabelLoss:\` and \`- DistillationDMLLoss:\`${classIds.option !== undefined ? `, or set \`${classIds.option}: True\` (the teacher's top class as the target)` : ""}`
              : c.name === "DistillationGTCELoss"
              ? "use `- DistillationMultiLabelLoss:` (a sigmoid and binary cross-entropy per class for each model, as PaddleClas's multi-label distillation configs do) with the same `weight` and `model_names`"
              : "use `- MultiLabelLoss:` (a sigmoid and binary cross-entropy per class, as PaddleClas's multi-label configs do) with `weight: 1.0`"
            : "measure multi-label targets with `- AccuracyScore:`, `- MultiLabelMAP:` or `- HammingDistance:` (with label_ratio, `- ATTRMetric:`), one that grows as the model improves first: best_model is chosen by the first Eval metric",
        });
      }
    }
    // Global.use_dali: build_dataloader hands the split to DALI, whose File reader parses `path label` lines backwards
    // (one run of digits after whitespace); `path<TAB>0,1,…` fails its format check. One class (`path<TAB>1`) reads.
    const daliSplit = truthy(config.get(["Global", "use_dali"])) && run.classNum !== 1 ? run.splits.find((s) => targetRank(s) !== undefined && (s.role === "train" || evaluates)) : undefined;
    if (daliSplit !== undefined) {
      ctx.report({
        messageId: "dali",
        data: { value: config.written(["Global", "use_dali"]), split: daliSplit.key },
        ...config.locate(["Global", "use_dali"]),
        suggestion: "set `use_dali: False`: PaddleClas's DALI pipeline reads single-label lists only",
      });
    }
    const path = ["Global", "use_multilabel"];
    if (truthy(config.get(path))) return;
    // One finding: the first split that builds a MultiLabelDataset.
    const setup = run.splits.find((s) => targetRank(s) !== undefined);
    if (setup === undefined) return;
    const location = config.locate(config.has(path) ? path : ["DataLoader", setup.key, "dataset", "name"]);
    ctx.report({
      messageId: "off",
      data: { split: setup.key, dataset: setup.datasetName ?? "MultiLabelDataset", state: config.has(path) ? `is ${config.written(path)}` : "is not set", C: run.classNum ?? "C" },
      ...location,
      suggestion: config.has(path) ? "set `use_multilabel: True` under Global" : "add `use_multilabel: True` under Global",
    });
  },
});

/** What str.split(delimiter) and np.int64(l[1]) make of `path<TAB>0,1,…` (a path without the delimiter in it). */
function splitFailure(delimiter: unknown): string {
  if (delimiter === "\t") return "splits into the path and `0,1,…`, and np.int64('0,1,…') raises ValueError";
  if (delimiter === ",") return "splits after the first label: the image path becomes `path<TAB>0`, which does not exist (AssertionError)";
  if (delimiter === " ") return "has no ' ' to split on (unless its path has one), so `l[1]` raises IndexError";
  if (delimiter === "") return "cannot be split on '' (ValueError: empty separator)";
  if (typeof delimiter !== "string") return "cannot be split on a delimiter that is not text (TypeError)";
  return `does not split on '${delimiter}' into a path and one class id, so PaddleClas stops`;
}

/**
 * A split whose dataset reads one class id per line, in a config that trains a multi-label model
 * (`Global.use_multilabel`, or a multi-label loss or metric): the usual slip of an ImageNet config
 * made multi-label everywhere but in the dataset's name. Its multi-label lists stop the loader.
 */
function reportSingleLabelDatasets(ctx: ConfigContext, run: ConfigRun): void {
  const { config } = run;
  if (run.classNum === 1) return;
  const why = multiLabelEvidence(run);
  if (why === undefined) return;
  const evaluates = config.evaluatesInTraining();
  for (const setup of run.splits) {
    const reader = singleLabelReader(setup);
    if (reader === undefined) continue;
    const delimiterAt = ["DataLoader", setup.key, "dataset", "delimiter"];
    const delimiter = reader.delimiter === "\t" ? "\t" : config.has(delimiterAt) && config.get(delimiterAt) !== null ? config.get(delimiterAt) : " ";
    const shown = delimiter === "\t" ? "'\\t'" : typeof delimiter === "string" ? `'${delimiter}'` : String(delimiter);
    ctx.report({
      messageId: "singleLabelDataset",
      data: {
        split: setup.key,
        dataset: setup.datasetName!,
        reads: `\`l.strip().split(${shown})\`, then \`np.int64(l[1])\`: ${reader.source}`,
        why,
        failure: splitFailure(delimiter),
        when: setup.role === "train" || evaluates ? ", before training starts" : " by evaluation (tools/eval.py)",
      },
      ...config.locate(["DataLoader", setup.key, "dataset", "name"]),
      suggestion: "write `name: MultiLabelDataset` (it reads `path<TAB>comma-separated labels`, with `image_root` and `cls_label_path`)",
    });
  }
}

/**
 * PaddleClas samplers built for single-label (identity) datasets, which a MultiLabelDataset breaks
 * (PaddleClas d178931, ppcls/data/dataloader/; build_dataloader builds the sampler by name with the
 * dataset, ppcls/data/__init__.py:128-133).
 */
const SINGLE_LABEL_SAMPLERS: Readonly<Record<string, { does: string; has: string; failure: string; atBuild: boolean }>> = {
  PKSampler: {
    does: "groups the samples by label, each label a dict key (`self.label_dict[label]`, pk_sampler.py:64-65)",
    has: "holds each row's labels as a list",
    failure: "TypeError (unhashable type: 'list') when the DataLoader is built",
    atBuild: true,
  },
  DistributedRandomIdentitySampler: {
    does: "groups the samples by label, each label a dict key (`self.index_dic[pid]`, DistributedRandomIdentitySampler.py:53-54)",
    has: "holds each row's labels as a list",
    failure: "TypeError (unhashable type: 'list') when the DataLoader is built",
    atBuild: true,
  },
  DomainShuffleBatchSampler: {
    does: "reads each sample's camera (`dataset.cameras`, metabin_sampler.py:50)",
    has: "has no cameras",
    failure: "AttributeError when the DataLoader is built",
    atBuild: true,
  },
  NaiveIdentityBatchSampler: {
    does: "reads each sample's camera (`dataset.cameras`, metabin_sampler.py:205)",
    has: "has no cameras",
    failure: "AttributeError when the DataLoader is built",
    atBuild: true,
  },
  MultiScaleSampler: {
    does: "yields `(w, h, index)` tuples for MultiScaleDataset (multi_scale_sampler.py:125-127)",
    has: "indexes its image list with that (`self.images[idx]`, multilabel_dataset.py:50, and again in its retry, :63)",
    failure: "TypeError (list indices must be integers or slices, not tuple) at the first batch",
    atBuild: false,
  },
};

/** A MultiLabelDataset split drawn by one of those samplers. */
function reportSingleLabelSamplers(ctx: ConfigContext, run: ConfigRun): void {
  const { config } = run;
  const evaluates = config.evaluatesInTraining();
  for (const setup of run.splits) {
    if (targetRank(setup) === undefined) continue;
    const at = ["DataLoader", setup.key, "sampler", "name"];
    const name = config.get(at);
    if (typeof name !== "string" || !Object.hasOwn(SINGLE_LABEL_SAMPLERS, name)) continue;
    const sampler = SINGLE_LABEL_SAMPLERS[name]!;
    ctx.report({
      messageId: "singleLabelSampler",
      // Training builds the Train loader, and the Eval one when it evaluates, before its first step; else tools/eval.py builds the Eval one.
      data: { split: setup.key, sampler: name, does: sampler.does, has: sampler.has, failure: sampler.failure, when: !sampler.atBuild ? "" : setup.role === "train" || evaluates ? ", before training starts" : " (by evaluation, tools/eval.py)" },
      ...config.locate(at),
      suggestion: "use `name: DistributedBatchSampler` (with batch_size, drop_last and shuffle), as PaddleClas's multi-label configs do",
    });
  }
}


import { keyText, type KeyPath, type PpclsConfig } from "../ppcls/config.js";
import { optionPath, rankNeed, targetRank, targetShape } from "../ppcls/run.js";
import { defineRule } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL601",
    name: "target-rank-mismatch",
    defaultSeverity: "error",
    scope: "config",
    description:
      "A PaddleClas loss or metric needs 2-D [B, C] targets where the loader yields 3-D [B, 2, C] ones (label_ratio), or the reverse; or a batch operator (Mixup, Cutmix, Fmix, MixupCutmixHybrid, directly or drawn by OpSampler) one-hots class-index targets where MultiLabelDataset yields multi-hot vectors.",
    messages: {
      needsIndices:
        "`{{where}}` one-hots class-index targets (`np.eye(class_num)[targets]`, ppcls/data/preprocess/batch_ops/batch_operators.py:50-56), but MultiLabelDataset yields multi-hot float vectors `{{shape}}`: numpy raises IndexError (arrays used as indices must be of integer (or boolean) type) in the DataLoader's collate, {{when}}",
      oneHotsMultiHot:
        "`{{where}}` one-hots class-index targets (`F.one_hot` of the targets cast to int64, ppcls/data/preprocess/batch_ops/batch_operators.py:276-281), but MultiLabelDataset yields multi-hot vectors `{{shape}}`, whose one-hot is `{{oneHot}}`: `paddle.where` cannot broadcast its `[B, {{N}}]` values against it{{unless}}, {{when}}",
      needs3d: "`{{where}}` needs 3-D targets, but `{{ratioKey}}` {{ratioState}}, so targets are `{{shape}}`: {{failure}}",
      needs2d: "`{{where}}` needs 2-D targets `[B, {{C}}]`, but `{{ratioKey}}: True` makes them `{{shape}}`: {{failure}}",
    },
    fix: { availability: "none", applicability: "none" },
  },
  config(ctx, run) {
    const { config } = run;
    for (const setup of run.splits) {
      const rank = targetRank(setup);
      if (rank === undefined) continue;
      for (const mixer of indexMixers(config, ["DataLoader", setup.key, "dataset", "batch_transform_ops"])) {
        const shape = targetShape(rank, run.classNum);
        const when = mixer.prob === undefined ? "at the first batch" : `at the first batch OpSampler draws it for (prob ${mixer.prob})`;
        ctx.report({
          ...(mixer.name === HYBRID
            ? { messageId: "oneHotsMultiHot", data: { where: keyText(mixer.at), shape, ...hybridOneHot(config, mixer.at, shape, rank, run.classNum), when } }
            : { messageId: "needsIndices", data: { where: keyText(mixer.at), shape, when } }),
          ...config.locate(mixer.at),
          suggestion: `remove ${mixer.name} from DataLoader.${setup.key}.dataset.batch_transform_ops: PaddleClas's Mixup, Cutmix, Fmix and MixupCutmixHybrid mix single-label class indices, not multi-hot targets`,
        });
      }
      const phase = setup.role === "train" ? "training" : "evaluation";
      const ratioPath = ["DataLoader", setup.key, "dataset", "label_ratio"];
      const ratioKey = keyText(ratioPath);
      for (const [kind, list] of [["loss", setup.losses], ["metric", setup.metrics]] as const) {
        for (const component of list) {
          const need = rankNeed(component, kind, phase);
          if (need === undefined || need.rank === rank) continue;
          const at = need.option !== undefined ? optionPath(component, need.option) : component.at;
          const where = need.option !== undefined ? `${keyText(at)}: ${config.written(at)}` : keyText(at);
          const location = config.locate(at);
          const shape = targetShape(rank, run.classNum);
          const suggestion =
            need.rank === 3
              ? `set \`label_ratio: True\` under DataLoader.${setup.key}.dataset (targets become ${targetShape(3, run.classNum)}), or ${need.option !== undefined ? `remove \`${need.option}\`` : `replace ${component.name} with a metric for [B, C] targets (HammingDistance, AccuracyScore, MultiLabelMAP)`}`
              : `remove \`label_ratio\` from DataLoader.${setup.key}.dataset (targets become ${targetShape(2, run.classNum)}), or ${kind === "metric" ? "use ATTRMetric, which reads target[:, 0, :]" : `use MultiLabelLoss with weight_ratio: True`}`;
          ctx.report({
            messageId: need.rank === 3 ? "needs3d" : "needs2d",
            data: {
              where,
              ratioKey,
              ratioState: config.has(ratioPath) ? `is ${config.written(ratioPath)}` : "is not set",
              shape,
              C: run.classNum ?? "C",
              failure: need.failure,
            },
            ...location,
            suggestion,
          });
        }
      }
    }
  },
});

/**
 * The batch operators that one-hot class-index targets: the three whose `_mix_target` does it with
 * `np.eye(class_num)[targets]` (BatchOperator._one_hot), and MixupCutmixHybrid, whose `_mixup_target`
 * does it with `F.one_hot(paddle.cast(x, "int64"), num_classes)` for every batch, mixed or not.
 */
const HYBRID = "MixupCutmixHybrid";
const INDEX_MIXERS: ReadonlySet<string> = new Set(["MixupOperator", "CutmixOperator", "FmixOperator", HYBRID]);

/**
 * What MixupCutmixHybrid makes of multi-hot targets: F.one_hot appends an axis of its `num_classes`
 * (4 when not given: batch_operators.py:258), which paddle.where broadcasts against `[B, N]` values
 * only when the targets' second axis is the batch size (2-D targets, batch size C).
 */
function hybridOneHot(config: PpclsConfig, at: KeyPath, shape: string, rank: 2 | 3, classNum: number | undefined): { N: string; oneHot: string; unless: string } {
  const N = config.has([...at, "num_classes"]) ? config.written([...at, "num_classes"]) : "4";
  const unless = rank === 2 ? ` (unless the batch size is ${classNum ?? "C"}, and then the loss gets 3-D targets)` : "";
  return { N, oneHot: `${shape.slice(0, -1)}, ${N}]`, unless };
}

/**
 * The batch_transform_ops entries that one-hot class-index targets: a mixer
 * itself, or one OpSampler may draw (a `prob` above 0; without one it is 0,
 * never drawn: batch_operators.py:211-217).
 */
function indexMixers(config: PpclsConfig, at: KeyPath): { at: KeyPath; name: string; prob?: string }[] {
  const ops = config.get(at);
  if (!Array.isArray(ops)) return [];
  const out: { at: KeyPath; name: string; prob?: string }[] = [];
  ops.forEach((entry: unknown, i) => {
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) return;
    const keys = Object.keys(entry);
    if (keys.length !== 1) return;
    const name = keys[0]!;
    if (INDEX_MIXERS.has(name)) out.push({ at: [...at, i, name], name });
    if (name !== "OpSampler") return;
    const drawn = (entry as Record<string, unknown>)[name];
    if (drawn === null || typeof drawn !== "object" || Array.isArray(drawn)) return;
    for (const [op, params] of Object.entries(drawn)) {
      const prob = params !== null && typeof params === "object" ? (params as Record<string, unknown>)["prob"] : undefined;
      if (INDEX_MIXERS.has(op) && typeof prob === "number" && prob > 0) out.push({ at: [...at, i, name, op], name: op, prob: config.written([...at, i, name, op, "prob"]) });
    }
  });
  return out;
}

import { keyText } from "../ppcls/config.js";
import { optionPath, rankNeed, targetRank, targetShape } from "../ppcls/run.js";
import { defineRule } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL601",
    name: "target-rank-mismatch",
    defaultSeverity: "error",
    scope: "config",
    description: "A PaddleClas loss or metric needs 2-D [B, C] targets where the loader yields 3-D [B, 2, C] ones (label_ratio), or the reverse.",
    messages: {
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

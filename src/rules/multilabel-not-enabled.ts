import { truthy } from "../ppcls/config.js";
import { defineRule } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL602",
    name: "multilabel-not-enabled",
    defaultSeverity: "error",
    scope: "config",
    description: "A PaddleClas MultiLabelDataset without Global.use_multilabel: True.",
    messages: {
      off: "`DataLoader.{{split}}.dataset.name: MultiLabelDataset` needs `Global.use_multilabel: True`, but it {{state}}: PaddleClas then treats the multi-hot targets as single-label class ids (evaluation reshapes them to [B·{{C}}, 1] int64), so the loss and metrics fail or measure nothing",
    },
    fix: { availability: "none", applicability: "none" },
  },
  config(ctx, run) {
    const { config } = run;
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

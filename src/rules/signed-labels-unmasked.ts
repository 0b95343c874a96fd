import { keyText } from "../ppcls/config.js";
import { isMultiLabelLoss, smoothingOf, unmaskedBecause } from "../ppcls/run.js";
import { defineRule } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL604",
    name: "signed-labels-unmasked",
    defaultSeverity: "error",
    scope: "config",
    description: "−1 labels in the data while the PaddleClas loss does not mask them (weight_ratio off, or epsilon on).",
    messages: {
      unmasked: "{{file}} has −1 labels, but `{{where}}` does not mask them ({{why}}): binary_cross_entropy_with_logits takes −1 as a target and the loss is unbounded below",
    },
    fix: { availability: "none", applicability: "none" },
  },
  config(ctx, run) {
    const { config } = run;
    for (const setup of run.splits) {
      const signed = run.files.find((f) => f.role === setup.role && f.result.signed);
      if (signed === undefined) continue;
      for (const component of setup.losses) {
        const why = unmaskedBecause(component);
        if (typeof why !== "string") continue;
        const smoothing = smoothingOf(component) !== undefined;
        const location = config.locate(component.at);
        ctx.report({
          messageId: "unmasked",
          data: { file: signed.result.path, where: keyText(component.at), why },
          ...location,
          suggestion:
            isMultiLabelLoss(component.name)
              ? `set \`weight_ratio: True\` (with \`label_ratio: True\` under DataLoader.${setup.key}.dataset)${smoothing ? " and remove `epsilon`" : ""} to ignore −1 labels, or turn −1 into 0 with \`labellint fix --unsafe-fixes\``
              : "turn −1 into 0 with `labellint fix --unsafe-fixes`, or use MultiLabelLoss with weight_ratio: True",
        });
      }
    }
  },
});

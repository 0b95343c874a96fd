import { className, defineRule } from "./helpers.js";

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

export default defineRule({
  meta: {
    code: "LL403",
    name: "label-distribution-shift",
    defaultSeverity: "warn",
    scope: "dataset",
    description: "Per-class prevalence differs between the train and eval splits by more than maxLinf (L∞ distance, default 0.1).",
    messages: {
      shift: "class {{index}}{{name}} is positive in {{train}} of train rows but {{eval}} of eval rows: the L∞ prevalence distance {{linf}} exceeds {{max}} ({{classes}} over it), so eval metrics measure a different label distribution than the model was trained on",
    },
    fix: { availability: "none", applicability: "none" },
    optionsSchema: {
      type: "object",
      properties: { maxLinf: { type: "number", exclusiveMinimum: 0, maximum: 1 } },
      additionalProperties: false,
    },
    defaultOptions: { maxLinf: 0.1 },
  },
  create(ctx) {
    if (ctx.facts.split !== "eval") return {};
    const max = ctx.options["maxLinf"] as number;
    return {
      end() {
        const train = ctx.facts.splits?.trainCounts;
        const { positives, validRows } = ctx.dataset.stats;
        if (train === undefined || train.numClasses !== positives.length || train.rows === 0 || validRows === 0) return;
        let worst = -1;
        let linf = 0;
        let over = 0;
        positives.forEach((h, index) => {
          const d = Math.abs(train.positives[index]! / train.rows - h / validRows);
          if (d > max) over++;
          if (d > linf) {
            linf = d;
            worst = index;
          }
        });
        if (worst < 0 || linf <= max) return;
        ctx.report({
          messageId: "shift",
          data: {
            index: worst,
            name: className(ctx.facts, worst),
            train: percent(train.positives[worst]! / train.rows),
            eval: percent(positives[worst]! / validRows),
            linf: linf.toFixed(3),
            max,
            classes: over === 1 ? "1 class" : `${over} classes`,
          },
          classIndex: worst,
        });
      },
    };
  },
});

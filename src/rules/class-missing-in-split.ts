import { className, defineRule } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL402",
    name: "class-missing-in-split",
    defaultSeverity: "warn",
    scope: "dataset",
    description: "A class with positives in the train split and none in the eval split, or the reverse.",
    messages: {
      notInEval: "class {{index}}{{name}} has {{train}} positives in train ({{trainFiles}}) but none in these {{rows}} eval row{{rs}}: its eval AP and recall are undefined, and mAP averages over one class fewer",
      notInTrain: "class {{index}}{{name}} has {{eval}} positives in eval but none in train ({{trainFiles}}): the model never learns it, yet is scored on it",
    },
    fix: { availability: "none", applicability: "none" },
  },
  create(ctx) {
    if (ctx.facts.split !== "eval") return {};
    return {
      end() {
        const train = ctx.facts.splits?.trainCounts;
        const { positives, validRows } = ctx.dataset.stats;
        if (train === undefined || train.numClasses !== positives.length || train.rows === 0 || validRows === 0) return;
        const trainFiles = train.files.join(", ");
        positives.forEach((h, index) => {
          const t = train.positives[index]!;
          if ((t > 0) === (h > 0)) return;
          ctx.report({
            messageId: t > 0 ? "notInEval" : "notInTrain",
            data: { index, name: className(ctx.facts, index), train: t, eval: h, rows: validRows, rs: validRows === 1 ? "" : "s", trainFiles },
            classIndex: index,
          });
        });
      },
    };
  },
});

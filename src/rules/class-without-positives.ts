import { className, defineRule } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL305",
    name: "class-without-positives",
    defaultSeverity: "error",
    scope: "dataset",
    description: "A class with no positive example (an error in a train split, a warning in eval).",
    messages: {
      train: "class {{index}}{{name}} has no positive in {{rows}} row{{rs}}: the model cannot learn it and its BCE pos_weight is undefined",
      eval: "class {{index}}{{name}} has no positive in {{rows}} eval row{{rs}}: its AP and recall are undefined",
    },
    fix: { availability: "none", applicability: "none" },
  },
  create(ctx) {
    return {
      end() {
        const { positives, validRows } = ctx.dataset.stats;
        // A list with no valid row: its rows' own findings, or no-rows for a list with none, say what is wrong.
        if (validRows === 0) return;
        const evalSplit = ctx.facts.split === "eval";
        // In eval, a class the train split has positives for is class-missing-in-split's finding.
        const train = evalSplit ? ctx.facts.splits?.trainCounts : undefined;
        const trainHas = (index: number) => train !== undefined && train.numClasses === positives.length && train.positives[index]! > 0;
        // Softer in eval, unless the user set the severity themselves.
        const softer = evalSplit && !ctx.severityExplicit && ctx.severity === "error";
        const messageId = evalSplit ? "eval" : "train";
        // One finding per class without positives, and C may be 670k: no spread per class.
        for (let index = 0; index < positives.length; index++) {
          if (positives[index]! > 0 || trainHas(index)) continue;
          const data = { index, name: className(ctx.facts, index), rows: validRows, rs: validRows === 1 ? "" : "s" };
          ctx.report(softer ? { messageId, data, classIndex: index, severity: "warn" } : { messageId, data, classIndex: index });
        }
      },
    };
  },
});

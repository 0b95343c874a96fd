import { className, defineRule } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL307",
    name: "rare-class",
    defaultSeverity: "warn",
    scope: "dataset",
    description: "A class with fewer than `minPositives` (default 10) positives.",
    messages: {
      rare: "class {{index}}{{name}} has only {{count}} positive{{s}} in {{rows}} row{{rs}} (fewer than {{min}}): its metrics will be noise",
    },
    fix: { availability: "none", applicability: "none" },
    optionsSchema: {
      type: "object",
      properties: { minPositives: { type: "integer", minimum: 1 } },
      additionalProperties: false,
    },
    defaultOptions: { minPositives: 10 },
  },
  create(ctx) {
    const min = ctx.options["minPositives"] as number;
    return {
      end() {
        const { positives, validRows } = ctx.dataset.stats;
        positives.forEach((count, index) => {
          if (count === 0 || count >= min) return;
          ctx.report({
            messageId: "rare",
            data: { index, name: className(ctx.facts, index), count, s: count === 1 ? "" : "s", rows: validRows, rs: validRows === 1 ? "" : "s", min },
            classIndex: index,
          });
        });
      },
    };
  },
});

import { className, defineRule } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL306",
    name: "class-always-positive",
    defaultSeverity: "warn",
    scope: "dataset",
    description: "A class that is positive in every row.",
    messages: {
      always: "class {{index}}{{name}} is positive in all {{rows}} row{{rs}}: it carries no information and its pos_weight is 0",
    },
    fix: { availability: "none", applicability: "none" },
  },
  create(ctx) {
    return {
      end() {
        const { positives, validRows } = ctx.dataset.stats;
        if (validRows < 2) return;
        positives.forEach((count, index) => {
          if (count === validRows) {
            ctx.report({ messageId: "always", data: { index, name: className(ctx.facts, index), rows: validRows, rs: validRows === 1 ? "" : "s" }, classIndex: index });
          }
        });
      },
    };
  },
});

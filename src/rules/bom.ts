import { defineRule, fix } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL002",
    name: "bom",
    defaultSeverity: "warn",
    scope: "file",
    description: "The file starts with a UTF-8 byte-order mark.",
    messages: {
      bom: "file starts with a UTF-8 byte-order mark",
    },
    fix: { availability: "always", applicability: "safe" },
  },
  create(ctx) {
    return {
      end() {
        if (!ctx.dataset.file.bom) return;
        ctx.report({
          messageId: "bom",
          line: 1,
          column: 1,
          fix: fix("safe", "remove the byte-order mark", [{ kind: "file", action: "remove-bom" }]),
        });
      },
    };
  },
});

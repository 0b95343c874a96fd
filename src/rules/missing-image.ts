import { defineRule } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL504",
    name: "missing-image",
    defaultSeverity: "error",
    scope: "line",
    description: "The listed image does not exist under the image root (only with --check-images).",
    messages: {
      missing: "image '{{path}}' does not exist under the image root",
    },
    fix: { availability: "none", applicability: "none" },
  },
  create(ctx) {
    return {
      image(check) {
        if (check.status.kind !== "missing") return;
        ctx.report({ messageId: "missing", data: { path: check.path }, line: check.line, row: check.row, column: 1, length: Math.max(1, check.path.length), source: check.source });
      },
    };
  },
});

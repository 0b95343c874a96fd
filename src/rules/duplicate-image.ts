import { defineRule } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL506",
    name: "duplicate-image",
    defaultSeverity: "warn",
    scope: "line",
    description: "The same image content listed under two paths in one file (only with --hash-images).",
    messages: {
      duplicate: "image '{{path}}' has the same bytes as '{{first}}' on line {{firstLine}}: the same picture counts twice under two names",
    },
    fix: { availability: "none", applicability: "none" },
  },
  create(ctx) {
    const seen = new Map<string, { line: number; key: string; path: string }>();
    return {
      image(check) {
        const s = check.status;
        if ((s.kind !== "ok" && s.kind !== "mismatch") || s.hash === undefined) return;
        const first = seen.get(s.hash);
        if (first === undefined) {
          seen.set(s.hash, { line: check.line, key: check.key, path: check.path });
          return;
        }
        // The same path again is duplicate-path's (or conflicting-duplicate's) finding.
        if (first.key === check.key) return;
        ctx.report({
          messageId: "duplicate",
          data: { path: check.path, first: first.path, firstLine: first.line },
          line: check.line,
          row: check.row,
          column: 1,
          length: Math.max(1, check.path.length),
          source: check.source,
        });
      },
    };
  },
});

import { FirstAndCount } from "../engine/api.js";
import { RowFeature, TokenKind, Verdict } from "../readers/row.js";
import { defineRule, fix } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL203",
    name: "signed-encoding",
    defaultSeverity: "error",
    scope: "file",
    description: "Labels encoded as -1/1 (or -1/0/1) instead of 0/1.",
    messages: {
      signed:
        "labels are encoded as -1/1 or -1/0/1 ({{rows}} of {{total}} rows have -1, first on line {{first}})",
      masked:
        "labels are encoded as -1/1 or -1/0/1 ({{rows}} of {{total}} rows have -1, first on line {{first}}); {{mask}} masks -1 targets, so here -1 means 'not annotated', but any other loss or tool reading this list takes -1 as a target",
    },
    fix: { availability: "always", applicability: "unsafe" },
  },
  create(ctx) {
    // Decided from the head: a 0/1 file needs no look at its rows.
    if (!ctx.facts.signed) return {};
    const seen = new FirstAndCount();
    return {
      partial: seen,
      rowVerdicts: [Verdict.Ok],
      rowFeatures: RowFeature.Values,
      row(row) {
        if (!ctx.facts.signed || row.count(TokenKind.MinusOne) === 0) return;
        seen.add(row.line);
      },
      end() {
        const { count: rows, first } = seen;
        if (!ctx.facts.signed || rows === 0) return;
        const mask = ctx.facts.minusOneMasked;
        ctx.report({
          messageId: mask !== undefined ? "masked" : "signed",
          data: { rows, total: ctx.dataset.rows, first: ctx.lineOf(first), ...(mask !== undefined ? { mask } : {}) },
          line: first,
          // The training config handles -1 on purpose: a warning, unless the user set the severity.
          ...(mask !== undefined && !ctx.severityExplicit ? { severity: "warn" as const } : {}),
          fix: fix("unsafe", "map -1 to 0 on every row", [{ kind: "file", action: "minus-one-to-zero" }]),
        });
      },
    };
  },
});

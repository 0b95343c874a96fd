import { TokenKind, Verdict } from "../readers/row.js";
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
        "labels are encoded as -1/1 or -1/0/1 ({{rows}} of {{total}} rows have -1, first on line {{first}}): BCE expects 0/1 and is unbounded for -1 targets unless PaddleClas's weight_ratio masks them",
    },
    fix: { availability: "always", applicability: "unsafe" },
  },
  create(ctx) {
    let rows = 0;
    let first = 0;
    return {
      row(row) {
        if (!ctx.facts.signed || row.verdict !== Verdict.Ok || row.count(TokenKind.MinusOne) === 0) return;
        if (rows++ === 0) first = row.line;
      },
      end() {
        if (!ctx.facts.signed || rows === 0) return;
        ctx.report({
          messageId: "signed",
          data: { rows, total: ctx.dataset.rows, first },
          line: first,
          fix: fix("unsafe", "map -1 to 0 on every row", [{ kind: "file", action: "minus-one-to-zero" }]),
        });
      },
    };
  },
});

import { defineRule, fix } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL003",
    name: "line-ending",
    defaultSeverity: "warn",
    scope: "file",
    description: "CRLF or mixed line endings, or no newline at the end of the file.",
    messages: {
      crlf: "file uses CRLF line endings ({{crlf}} lines): a loader that splits on '\\n' keeps '\\r' in the last label",
      mixed: "mixed line endings: {{crlf}} CRLF and {{lf}} LF lines (first CRLF on line {{first}})",
      noFinalNewline: "no newline at the end of the file: tools that count or append lines miss the last row",
    },
    fix: { availability: "always", applicability: "safe" },
  },
  create(ctx) {
    let firstCrlf = 0;
    return {
      row(row) {
        if (row.crlf && firstCrlf === 0) firstCrlf = row.line;
      },
      end() {
        const { crlfLines, lfLines, finalNewline, lines } = ctx.dataset.file;
        if (crlfLines > 0) {
          ctx.report({
            messageId: lfLines > 0 ? "mixed" : "crlf",
            data: { crlf: crlfLines, lf: lfLines, first: firstCrlf },
            line: firstCrlf,
            fix: fix("safe", "write LF line endings", [{ kind: "file", action: "normalise-line-endings" }]),
          });
        }
        if (!finalNewline && lines > 0) {
          ctx.report({
            messageId: "noFinalNewline",
            line: lines,
            fix: fix("safe", "end the file with a newline", [{ kind: "file", action: "add-final-newline" }]),
          });
        }
      },
    };
  },
});

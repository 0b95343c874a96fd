import { RowFeature } from "../readers/row.js";
import { defineRule, fix } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL002",
    name: "bom",
    defaultSeverity: "warn",
    scope: "file",
    description: "The file starts with a UTF-8 byte-order mark, or a later line does (files concatenated with their marks).",
    messages: {
      bom: "file starts with a UTF-8 byte-order mark",
      inline: "line starts with a UTF-8 byte-order mark (U+FEFF), as where files with marks were concatenated",
    },
    fix: { availability: "always", applicability: "safe" },
  },
  create(ctx) {
    return {
      rowFeatures: RowFeature.Bom,
      row(row) {
        const buf = row.buf;
        const at = row.start;
        if (buf[at] !== 0xef || buf[at + 1] !== 0xbb || buf[at + 2] !== 0xbf || row.end - at < 3) return;
        ctx.reportLine(row, {
          messageId: "inline",
          span: [at, at + 3],
          fix: fix("safe", "remove the byte-order mark", [{ kind: "normalise-path", line: row.line, how: "drop-bom", change: ctx.change(row, at, at + 3, "") }]),
        });
      },
      end() {
        if (!ctx.dataset.file.bom) return;
        ctx.report({
          messageId: "bom",
          line: 1,
          column: 1,
          fileStart: true,
          fix: fix("safe", "remove the byte-order mark", [{ kind: "file", action: "remove-bom" }]),
        });
      },
    };
  },
});

import { mayEndInSpace, RowFeature, Verdict } from "../readers/row.js";
import { pathShown, pythonRstrip } from "../text/python.js";
import { defineRule, fix } from "./helpers.js";

/**
 * An image path that ends with whitespace: in a TAB-separated line it comes
 * before the TAB, and the consumers split on the TAB after stripping the
 * line's ends only, so the file they open has the whitespace in its name
 * (PaddleClas `l.strip().split("\t")[0]`, an mmpretrain `img_path`, a CSV
 * field). Such a file is rarely there.
 */
export default defineRule({
  meta: {
    code: "LL508",
    name: "path-whitespace",
    defaultSeverity: "warn",
    scope: "line",
    description: "An image path that ends with whitespace (before the TAB): the consumer opens a file whose name ends with it, which is rarely there.",
    messages: {
      trailing: "image path '{{path}}' ends with whitespace, which is part of the file name the consumer opens",
    },
    fix: { availability: "always", applicability: "unsafe" },
  },
  create(ctx) {
    return {
      rowVerdicts: [Verdict.Ok, Verdict.LabelCount, Verdict.IndexLabels],
      rowFeatures: RowFeature.Path,
      row(row) {
        if (row.pathEnd <= row.pathStart) return;
        // Most paths end with a letter: the text is decoded only when the last byte may end whitespace.
        if (!mayEndInSpace(row.buf[row.pathEnd - 1]!)) return;
        const path = row.buf.toString("utf8", row.pathStart, row.pathEnd);
        // What the fix keeps: the path as Python's rstrip() leaves it.
        const kept = pythonRstrip(path);
        if (kept.length === path.length || kept === "") return;
        ctx.reportLine(row, {
          messageId: "trailing",
          data: { path: pathShown(path) },
          span: [row.pathStart + Buffer.byteLength(kept), row.pathEnd],
          fix: fix("unsafe", "remove the whitespace at the end of the path", [{ kind: "normalise-path", line: row.line, how: "drop-trailing-space", change: ctx.change(row, row.pathStart, row.pathEnd, kept) }]),
        });
      },
    };
  },
});

import { RowFeature, Verdict } from "../readers/row.js";
import { tabJoinedRows } from "../readers/joined.js";
import { joinShapeOf } from "../engine/classify.js";
import { defineRule, excerpt, fix, formatOf } from "./helpers.js";

/**
 * The path of the row that the text after the labels is (`path<TAB>v1,…,vk`,
 * as many integers as the row has values): two lines joined by a TAB, whose
 * second row a reader of the first two fields never sees. Undefined when it
 * is anything else.
 */
export function gluedRow(extra: string, k: number): string | undefined {
  const fields = extra.split("\t");
  if (fields.length < 2) return undefined;
  const path = fields[0]!.trim();
  // A path that starts with values (`1,0,0c.jpg`) is rows run together, not one row after the labels.
  if (path === "" || /^[-+\d.,\s]*$/.test(path) || /^[-+]?\d+\s*,/.test(path)) return undefined;
  const values = fields[1]!.split(",");
  return values.length === k && values.every((v) => /^\s*[-+]?\d+\s*$/.test(v)) ? path : undefined;
}

export default defineRule({
  meta: {
    code: "LL105",
    name: "extra-field",
    defaultSeverity: "warn",
    scope: "line",
    description: "Fields after the label field (PaddleClas ignores them silently), or a whole row after it (two lines joined by a TAB).",
    messages: {
      extra: "text after the labels ('{{extra}}')",
      row: "text after the labels is another row ('{{extra}}'): the line break before {{path}} is missing",
    },
    fix: { availability: "always", applicability: "unsafe" },
  },
  create(ctx) {
    return {
      rowVerdicts: [Verdict.Ok, Verdict.LabelCount, Verdict.IndexLabels],
      rowFeatures: RowFeature.Values,
      row(row) {
        if (row.extraStart < 0) return;
        const path = gluedRow(row.buf.toString("utf8", row.extraStart + 1, row.end), row.k);
        if (path !== undefined) {
          // Dropping the fields would drop that row. When both halves are clean rows of C values the TAB
          // goes back to being a line break; otherwise no fix (the line goes to the rejects, whole).
          const join = tabJoinedRows(row, joinShapeOf(ctx.facts, formatOf(ctx.facts)));
          ctx.reportLine(row, {
            messageId: "row",
            data: { extra: excerpt(row, row.extraStart + 1, row.end), path },
            span: [row.extraStart, row.end],
            ...(join !== undefined ? { fix: fix("unsafe", "put the line break back: each row on its own line", [{ kind: "split-row", line: row.line, change: ctx.change(row, join.seams[0]!.end, join.seams[0]!.start, "\n") }]) } : {}),
          });
          return;
        }
        ctx.reportLine(row, {
          messageId: "extra",
          data: { extra: excerpt(row, row.extraStart + 1, row.end) },
          span: [row.extraStart, row.end],
          fix: fix("unsafe", "drop the fields after the labels", [{ kind: "drop-extra-fields", line: row.line, change: ctx.change(row, row.extraStart, row.end, "") }]),
        });
      },
    };
  },
});

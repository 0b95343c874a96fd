import { FirstAndCount } from "../engine/api.js";
import { Verdict } from "../readers/row.js";
import { defineRule } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL008",
    name: "no-rows",
    defaultSeverity: "error",
    scope: "file",
    description: "The file has no data rows: it is empty, or holds only blank lines, a header or comments.",
    messages: {
      empty: "the file is empty: there is no row to train or evaluate on",
      noRows: "the file has {{lines}} line{{s}} but no data row (only blank lines, a header or comments): there is no row to train or evaluate on",
    },
    fix: { availability: "none", applicability: "none" },
  },
  create(ctx) {
    // Comment lines take a row index (so row numbers stay those of the lines), but hold no data.
    const seen = new FirstAndCount();
    return {
      rowVerdicts: [Verdict.Comment],
      row(row) {
        seen.add(row.line);
      },
      partial: seen,
      end() {
        const comments = seen.count;
        // Records a reader could not read are rows with findings of their own (a record format's broken entries).
        if (ctx.dataset.rows - comments + (ctx.facts.unreadRecords ?? 0) > 0) return;
        const lines = ctx.dataset.file.lines;
        ctx.report(lines === 0 ? { messageId: "empty" } : { messageId: "noRows", data: { lines, s: lines === 1 ? "" : "s" } });
      },
    };
  },
});

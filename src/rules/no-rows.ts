import { FirstAndCount } from "../engine/api.js";
import { Verdict } from "../readers/row.js";
import { defineRule } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL008",
    name: "no-rows",
    defaultSeverity: "error",
    scope: "file",
    description:
      "The file has no data rows: it is empty, or holds only blank lines, a header or comments; or, under a training config whose sampler drops the last incomplete batch, fewer rows than one batch.",
    messages: {
      empty: "the file is empty: there is no row to train or evaluate on",
      noRows: "the file has {{lines}} line{{s}} but no data row (only blank lines, a header or comments): there is no row to train or evaluate on",
      noBatch: "the list has {{rows}} row{{s}}, fewer than one batch of {{size}} ({{where}} has drop_last: True): the sampler yields no batch, so {{what}}",
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
        const rows = ctx.dataset.rows - comments + (ctx.facts.unreadRecords ?? 0);
        const batch = ctx.facts.dropLastBatch;
        if (rows > 0 && batch !== undefined && rows < batch.size) {
          const what = ctx.facts.split === "eval" ? "evaluation sees no sample (its metrics stay at their initial values)" : "training takes no step (the model stays as initialised)";
          ctx.report({ messageId: "noBatch", data: { rows, s: rows === 1 ? "" : "s", size: batch.size, where: batch.where, what } });
          return;
        }
        if (rows > 0) return;
        const lines = ctx.dataset.file.lines;
        ctx.report(lines === 0 ? { messageId: "empty" } : { messageId: "noRows", data: { lines, s: lines === 1 ? "" : "s" } });
      },
    };
  },
});

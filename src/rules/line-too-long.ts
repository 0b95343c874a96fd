import { Verdict } from "../readers/row.js";
import { formatCount } from "../text/numbers.js";
import { defineRule } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL005",
    name: "line-too-long",
    defaultSeverity: "error",
    scope: "line",
    description: "A line longer than --max-line-bytes (default 1 MiB); it is not parsed.",
    messages: {
      tooLong: "line is {{bytes}} bytes, over the {{limit}}-byte limit (--max-line-bytes); it was not parsed",
    },
    fix: { availability: "none", applicability: "none" },
  },
  create(ctx) {
    return {
      rowVerdicts: [Verdict.TooLong],
      row(row) {
        ctx.reportLine(row, { messageId: "tooLong", data: { bytes: formatCount(row.byteLength), limit: formatCount(ctx.facts.maxLineBytes) } });
      },
    };
  },
});

import { Verdict } from "../readers/row.js";
import { firstInvalidUtf8 } from "../text/bytes.js";
import { defineRule } from "./helpers.js";


export default defineRule({
  meta: {
    code: "LL001",
    name: "invalid-encoding",
    defaultSeverity: "error",
    scope: "line",
    description: "A line that is not valid UTF-8 or contains a NUL byte.",
    messages: {
      nul: "line contains a NUL byte: the file is binary or corrupted here",
      utf8: "line is not valid UTF-8 (byte 0x{{byte}}); re-encode the file as UTF-8",
      replaced: "record is not valid UTF-8 (its invalid bytes decode as U+FFFD); re-encode the file as UTF-8",
    },
    fix: { availability: "none", applicability: "none" },
  },
  create(ctx) {
    return {
      rowVerdicts: [Verdict.InvalidEncoding],
      row(row) {
        if (row.nul) {
          const at = row.buf.subarray(row.start, row.end).indexOf(0) + row.start;
          ctx.reportLine(row, { messageId: "nul", span: [at, at + 1] });
          return;
        }
        const at = firstInvalidUtf8(row.buf, row.start, row.end);
        const where = at === -1 ? row.start : at;
        ctx.reportLine(row, {
          messageId: "utf8",
          data: { byte: (row.buf[where] ?? 0).toString(16).toUpperCase().padStart(2, "0") },
          span: [where, where + 1],
        });
      },
    };
  },
});

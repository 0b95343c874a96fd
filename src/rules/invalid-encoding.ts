import { Verdict } from "../readers/row.js";
import { defineRule } from "./helpers.js";

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(buf: Buffer, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const b = buf[i]!;
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= end) return i;
    let cp = b & (0x3f >> need);
    for (let j = 1; j <= need; j++) {
      const c = buf[i + j];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

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
        if (row.verdict !== Verdict.InvalidEncoding) return;
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

import type { LineFormat } from "./format.js";
import { scanLabels } from "./labels.js";
import { scanPath } from "./path.js";
import type { Row, Token } from "./row.js";

const COMMA = 44;

/** PaddleClas `MultiLabelDataset`: `path<TAB>v1,v2,…,vC`. */
export const paddleclas: LineFormat = {
  id: "paddleclas",
  shape: "path<TAB>v1,v2,…,vC",
  valueSeparator: ",",
  pathSeparator: "\t",
  parse(row: Row, tokens: Token[] | null = null): void {
    const p = scanPath(row, false);
    if (p === row.end) {
      row.hasSeparator = false;
      row.resetLabels(row.end);
      return;
    }
    row.hasSeparator = true;
    scanLabels(row, p + 1, row.end, COMMA, tokens);
    if (row.extraStart >= 0) markEncoding(row, row.extraStart, row.end);
  },
};

/** Flags NUL and non-ASCII bytes in fields the label scanner skips, so the encoding check sees the whole line. */
function markEncoding(row: Row, start: number, end: number): void {
  const buf = row.buf;
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    if (b === 0) row.nul = true;
    else if (b >= 0x80) row.nonAscii = true;
  }
}

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

/**
 * Flags non-ASCII bytes in the fields after the labels, which the label scanner
 * skips, so the UTF-8 check sees the whole line (Python decodes the whole file).
 * A NUL there is not flagged: MultiLabelDataset never reads past `l[1]`, and the
 * extra field is extra-field's finding.
 */
function markEncoding(row: Row, start: number, end: number): void {
  const buf = row.buf;
  for (let i = start; i < end; i++) if (buf[i]! >= 0x80) row.nonAscii = true;
}

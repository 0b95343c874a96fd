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
  },
};

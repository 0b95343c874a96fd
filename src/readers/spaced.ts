import type { LineFormat } from "./format.js";
import { scanLabels } from "./labels.js";
import { scanPath } from "./path.js";
import type { Row, Token } from "./row.js";

const SPACE = 32;
const TAB = 9;

/** HashNet / DeepHash lists: `path v1 v2 … vC`, whitespace-separated. */
export const spaced: LineFormat = {
  id: "spaced",
  shape: "path v1 v2 … vC",
  valueSeparator: " ",
  pathSeparator: " ",
  parse(row: Row, tokens: Token[] | null = null): void {
    let p = scanPath(row, true);
    const end = row.end;
    if (p === end) {
      row.hasSeparator = false;
      row.resetLabels(end);
      return;
    }
    row.hasSeparator = true;
    const buf = row.buf;
    while (p < end && (buf[p] === SPACE || buf[p] === TAB)) p++;
    scanLabels(row, p, end, SPACE, tokens);
  },
};

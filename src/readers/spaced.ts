import type { LineFormat } from "./format.js";
import { isControlSpace, scanLabels } from "./labels.js";
import { lookalikeAt } from "./lookalike.js";
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
    // split() takes any whitespace run after the path; one holding a look-alike space starts the labels (it is reported).
    let first = -1;
    for (;;) {
      if (p < end && (buf[p] === SPACE || buf[p] === TAB)) p++;
      else {
        // VT, FF, FS–US: whitespace to split(), but a separator few other tools know (reported, as a look-alike is).
        const n = p < end && buf[p]! >= 0xc2 ? lookalikeAt(buf, p, end) : p < end && isControlSpace(buf[p]!) ? 1 : 0;
        if (n === 0) break;
        if (first === -1) first = p;
        p += n;
      }
    }
    scanLabels(row, first === -1 ? p : first, end, SPACE, tokens);
  },
};

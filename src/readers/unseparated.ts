import { scanLabels } from "./labels.js";
import type { Row, Token } from "./row.js";

const SPACE = 32;
const COMMA = 44;

export interface Unseparated {
  /** Absolute offset of the byte taken as the separator. */
  at: number;
  /** Start of the separator run (spaces before `at` included). */
  runStart: number;
  found: "a space" | "a comma";
}

/**
 * Reads a line that lacks its format's path separator (`path 0,1,0` where a
 * TAB belongs, `path,0,1,0`): the path probably ends at the last space (paths
 * may hold spaces, label lists do not), else at the first comma. The rest is
 * scanned into `scratch` as label values. Undefined when nothing splits.
 */
export function readUnseparated(row: Row, scratch: Row, tokens: Token[] | null = null): Unseparated | undefined {
  const line = row.buf.subarray(row.start, row.end);
  let at = line.lastIndexOf(SPACE);
  let found: Unseparated["found"] = "a space";
  // `path 0 1 0`: values separated by spaces, not commas; the path ends at the first space.
  if (at > 0 && line.indexOf(COMMA, at) === -1 && line.indexOf(SPACE) < at) at = line.indexOf(SPACE);
  if (at <= 0) {
    at = line.indexOf(COMMA);
    found = "a comma";
  }
  if (at <= 0) return undefined;
  const abs = row.start + at;
  let from = abs + 1;
  while (from < row.end && row.buf[from] === SPACE) from++;
  let runStart = abs;
  while (runStart > row.start && row.buf[runStart - 1] === SPACE) runStart--;
  scratch.reset(row.buf, row.start, row.end, row.line);
  scanLabels(scratch, from, row.end, COMMA, tokens);
  return { at: abs, runStart, found };
}

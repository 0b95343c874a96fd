import type { LineFormat } from "../readers/format.js";
import { Row, type Token } from "../readers/row.js";
import type { PlanReason } from "./plan.js";

/**
 * The rejects file is TSV with this header. `text`, the last column, is the
 * line verbatim (TABs included): split each row on its first three TABs.
 */
export const REJECTS_HEADER = "line\trules\treasons\ttext\n";

function tsvField(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\r/g, "\\r").replace(/\n/g, "\\n");
}

/** The `text` of a record that spans lines (a CSV field with a line break): each line break written as `\n`, as fix writes it. */
export function oneLine(text: string): string {
  return text.replace(/\r?\n/g, "\\n");
}

/** A rejects row up to its `text` column; the line's own bytes follow it, then a newline. */
export function rejectsPrefix(line: number, reasons: readonly PlanReason[]): string {
  const rules = reasons.map((r) => r.rule).filter(Boolean).join(",");
  return `${line}\t${rules}\t${tsvField(reasons.map((r) => r.message).join("; "))}\t`;
}

export function rejectsRow(line: number, reasons: readonly PlanReason[], text: string): string {
  return `${rejectsPrefix(line, reasons)}${text}\n`;
}

const row = new Row();

/**
 * A line carried into another format with nothing fixed: its path and value
 * texts re-joined with the target's separators (or the line itself when the
 * formats are the same).
 */
export function convertLine(bytes: Buffer, text: string, from: LineFormat, to: LineFormat): string {
  if (from.id === to.id) return text;
  const tokens: Token[] = [];
  row.reset(bytes, 0, bytes.length, 0);
  from.parse(row, tokens);
  const path = bytes.toString("utf8", row.pathStart, row.pathEnd);
  return `${path}${to.pathSeparator}${tokens.map((t) => bytes.toString("utf8", t.start, t.end)).join(to.valueSeparator)}`;
}

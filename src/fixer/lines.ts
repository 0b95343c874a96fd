import type { LineFormat } from "../readers/format.js";
import { Row, TokenKind, type Token } from "../readers/row.js";
import { denseLabels } from "../readers/sparse.js";
import type { PlanReason } from "./plan.js";

/**
 * The rejects file is TSV with this header. `text`, the last column, is the
 * line verbatim (TABs included): split each row on its first three TABs.
 */
export const REJECTS_HEADER = "line\trules\treasons\ttext\n";

/** A TSV field: backslash, TAB and line breaks escaped (`\\`, `\t`, `\r`, `\n`). */
export function tsvField(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\r/g, "\\r").replace(/\n/g, "\\n");
}

/** A rejects row up to its `text` column; the line's own bytes follow it, then a newline. */
export function rejectsPrefix(line: number, reasons: readonly PlanReason[]): string {
  const rules = reasons.map((r) => r.rule).filter(Boolean).join(",");
  return `${line}\t${rules}\t${tsvField(reasons.map((r) => r.message).join("; "))}\t`;
}

export function rejectsRow(line: number, reasons: readonly PlanReason[], text: string): string {
  return `${rejectsPrefix(line, reasons)}${text}\n`;
}

/**
 * The rejects row of a record (csv, json). A record on one line is written as it is, like a line.
 * One that spans lines (a CSV field holding a line break) cannot be: its text is escaped as a TSV
 * field is (a backslash, a line feed and a carriage return as `\\`, `\n`, `\r`; TABs stay, the text
 * is the last column), and its reasons say so, so that it is restored exactly — a literal `\n` in a
 * path and a line break no longer read alike.
 */
export function recordRejectsRow(line: number, reasons: readonly PlanReason[], text: string): string {
  if (!/[\r\n]/.test(text)) return rejectsRow(line, reasons, text);
  const escaped = text.replace(/\\/g, "\\\\").replace(/\r/g, "\\r").replace(/\n/g, "\\n");
  return rejectsRow(line, [...reasons, spansLinesReason(text.split(/\r\n|\r|\n/).length)], escaped);
}

/** The reason a rejects row adds for a record over `lines` lines, written escaped onto one. */
export function spansLinesReason(lines: number): PlanReason {
  return { code: "", rule: "", message: `the record spans ${lines} lines: its text is escaped onto this one (backslash-n is a line feed, backslash-r a carriage return, two backslashes one)` };
}

const row = new Row();

/**
 * A line carried into another format with nothing fixed: its path and value
 * texts re-joined with the target's separators (or the line itself when the
 * formats are the same).
 */
export function convertLine(bytes: Buffer, text: string, from: LineFormat, to: LineFormat): string {
  return from.id === to.id && from.sparse !== true ? text : convertLineBytes(bytes, from, to).toString("utf8");
}

/** {@link convertLine} as bytes: the path and value bytes as they are (a line that is not UTF-8 keeps its bytes). */
export function convertLineBytes(bytes: Buffer, from: LineFormat, to: LineFormat): Buffer {
  if (from.id === to.id && from.sparse !== true) return bytes;
  const tokens: Token[] = [];
  row.reset(bytes, 0, bytes.length, 0);
  from.parse(row, from.sparse === true ? null : tokens);
  const path = bytes.subarray(row.pathStart, row.pathEnd);
  if (row.sparse) {
    // A sparse line stands for its multi-hot line: that is the line carried over.
    return Buffer.concat([path, Buffer.from(`${to.pathSeparator}${denseLabels(row.ones, row.k, row.numOnes).join(to.valueSeparator)}`)]);
  }
  if (from.sparse === true) {
    row.reset(bytes, 0, bytes.length, 0);
    from.parse(row, tokens);
  }
  const valueSeparator = Buffer.from(to.valueSeparator);
  const parts: Buffer[] = [path, Buffer.from(to.pathSeparator)];
  tokens.forEach((t, i) => {
    if (i > 0) parts.push(valueSeparator);
    parts.push(bytes.subarray(t.start, t.end));
  });
  return Buffer.concat(parts);
}

const checked = new Row();

/** The -1 values of `text` read as one line of `format`. */
export function minusOnes(text: string, format: LineFormat): number {
  const bytes = Buffer.from(text, "utf8");
  checked.reset(bytes, 0, bytes.length, 1);
  format.parse(checked);
  return checked.kindCounts[TokenKind.MinusOne]!;
}

/**
 * Why `text` is not one row `fix` could have written in `format` with
 * `numClasses` values, or undefined when it is: apply refuses a plan whose
 * new text would add a line, or a row the next reader chokes on.
 */
export function rowProblem(text: string, format: LineFormat, numClasses: number): string | undefined {
  if (/[\r\n]/.test(text)) return "it holds a line break";
  const bytes = Buffer.from(text, "utf8");
  if (bytes.includes(0)) return "it holds a NUL byte";
  checked.reset(bytes, 0, bytes.length, 1);
  format.parse(checked);
  if (!checked.hasSeparator) return "no separator between the path and the labels";
  if (checked.pathEnd === checked.pathStart) return "no image path";
  if (checked.k !== numClasses) return `${checked.k} label values`;
  const c = checked.kindCounts;
  if (c[TokenKind.Zero]! + c[TokenKind.One]! + c[TokenKind.MinusOne]! !== checked.k) return "a value that is not 0 or 1";
  if (checked.nested > 0 || checked.trailingSepStart >= 0 || checked.oddSeparators > 0) return "values not written canonically";
  return undefined;
}

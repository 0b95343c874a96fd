import type { FormatId } from "../types.js";
import type { ReaderFinding, RejectedRecord } from "./canonical.js";

/**
 * Where the rows of a record format (csv, indices, columns, json) come from:
 * the reader writes each record as a canonical `path<TAB>v1,…,vC` line and
 * remembers, per canonical line, the input's own line, data row and columns.
 * The engine reads the canonical lines, and every finding it makes is told
 * at the input's own place from the start.
 */
export interface RowOrigin {
  /** The input as read (its lines are re-read to quote them). */
  source: string;
  /** The input's lines can be quoted under a finding (not for JSON, whose entries span lines). */
  quotes: boolean;
  /** The input's line of canonical line `line`. */
  line(line: number): number;
  /** The input's data row that canonical line `line` holds (records the reader left out count), undefined for a line that holds none. */
  row(line: number): number | undefined;
  /**
   * The input's 1-based column of a 1-based column of canonical line `line`,
   * or undefined when it does not carry over. `labelsColumn` is the 1-based
   * column where the canonical line's labels start.
   */
  column(line: number, column: number, labelsColumn: number): number | undefined;
  /**
   * Where canonical line `line`'s record starts on its input line, when its
   * findings point there rather than at a column of their own (a JSON entry,
   * whose line holds other entries too).
   */
  entryColumn?(line: number): number | undefined;
  /** The file and line holding class `classIndex`'s value of canonical line `line`, when that is another file (a per-class file of the columns format). */
  value(line: number, classIndex: number): { file: string; line: number } | undefined;
}

/**
 * A record input as the engine lints it: the origin of its canonical rows,
 * what the reader found on its own (told at the input's places), the records
 * that became no row, and the input's own format and size.
 */
export interface RecordOrigin extends RowOrigin {
  format: FormatId;
  formatReason: string;
  /** The reader's own findings (malformed records, bad indices, schema errors …), at the input's places. */
  findings: readonly ReaderFinding[];
  /** Records that became no canonical line, in input order; their findings are in `findings` too. */
  rejected: readonly RejectedRecord[];
  /** The input as a whole could not be read as records (a JSON syntax error …): the findings explain whatever rows are missing. */
  unreadable: boolean;
  /** The reader stopped at this line, short of the input's end: rows after it were not read (a JSON syntax error, a CSV quote never closed). */
  stoppedAt?: number;
  /** Why rows from `stoppedAt` on would be in no output, when the reader did not stop there (see CanonicalWriter.cutShort). */
  stoppedWhy?: string;
  /** Physical lines and bytes of the input. */
  lines: number;
  bytes: number;
}

import { writeSync } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { makeTempDir, tempFolderError } from "../io/source.js";
import { denseLabels, sparseLabels } from "./sparse.js";

/**
 * A finding of a record reader: the rule (by name) and message that say what
 * it saw, at the input's own place. The engine applies the rule's settings and
 * the consumer's model to it, as to any rule's report.
 */
export interface ReaderFinding {
  /** Rule name (`invalid-index`). */
  rule: string;
  messageId: string;
  data?: Record<string, string | number>;
  /** 1-based physical line in `file` (default: the input). */
  line?: number;
  /** The file the finding is in, when it is not the input (a per-class file). */
  file?: string;
  /** 0-based data row of the input. */
  row?: number;
  column?: number;
  classIndex?: number;
  /** The offending text, quoted as the line. */
  source?: string;
  length?: number;
}

/** An input record that cannot be a canonical row (a bad index, a TAB in a path …): it is left out, with the findings that say why. */
export interface RejectedRecord {
  /** 1-based physical line where the record starts (JSON: where its entry starts). */
  line: number;
  /** 0-based data row it would have been. */
  row: number;
  /** The record as written (a CSV record's raw text, an index line, a JSON entry), decoded as UTF-8. */
  text: string;
  findings: ReaderFinding[];
  /**
   * Set when the record is exactly the input's `lines` lines from `line` (lines
   * as its reader numbers them: a csv line ends at LF, CR or CRLF, an index
   * line at a line feed), `bytes` long when given (from the first line's start
   * to the last one's end), though `text` is not all of it: a line over the
   * length limit, kept as its head.
   */
  whole?: { lines: number; bytes?: number };
}

/** malformed-record's `pathTab` hint where a TAB in a path most likely means a TAB-separated file read as records. */
export const TSV_HINT = " (a TAB-separated file? read it with --format paddleclas)";

/** Where the columns of a canonical line sit in the original line: how to move a reported column back. */
export const Alignment = {
  /** The canonical line is the original with its first separator changed to a TAB: columns carry over. */
  Exact: 0,
  /** Only the path is at the same place (an index list, a columns image list): label columns do not carry over. */
  PathOnly: 1,
  /** The path is quoted (`"a,b.jpg",0,1`): path columns move by one, label columns by the stored shift. */
  Quoted: 2,
  /** No column carries over (JSON, a CSV row with quoted values). */
  None: 3,
} as const;
export type Alignment = (typeof Alignment)[keyof typeof Alignment];

const FLUSH_BYTES = 1 << 20;

/**
 * A step function over canonical lines, stored as its steps: most inputs map
 * line n to line n + d with d changing only at a header, a multi-line record
 * or a rejected one, so memory stays small however many rows there are.
 */
/** The row shift of a canonical line that holds no row (a blank line). */
const NO_ROW = -(2 ** 31);

class Steps {
  private keys = new Int32Array(64);
  private values = new Int32Array(64);
  private size = 0;

  /** From canonical line `line` on (lines are set in increasing order), the value is `value`. */
  set(line: number, value: number): void {
    if (this.size > 0 && this.values[this.size - 1] === value) return;
    if (this.size > 0 && this.keys[this.size - 1] === line) {
      this.values[this.size - 1] = value;
      return;
    }
    if (this.size === this.keys.length) {
      const keys = new Int32Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const values = new Int32Array(this.size * 2);
      values.set(this.values);
      this.values = values;
    }
    this.keys[this.size] = line;
    this.values[this.size++] = value;
  }

  get(line: number, fallback: number): number {
    let lo = 0;
    let hi = this.size - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid]! <= line) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found === -1 ? fallback : this.values[found]!;
  }
}

/** A temporary file written through a buffer: readers call in from synchronous parser callbacks. */
class BufferedFile {
  private pending: string[] = [];
  pendingBytes = 0;

  constructor(private handle: FileHandle | undefined) {}

  push(text: string): void {
    if (this.handle === undefined) return;
    this.pending.push(text);
    this.pendingBytes += text.length;
    // Past twice the flush size, write now, so a chunk of short index lists
    // that expands to wide rows cannot pile up in memory.
    if (this.pendingBytes >= 2 * FLUSH_BYTES) this.flushSync();
  }

  private take(): string {
    const text = this.pending.join("");
    this.pending = [];
    this.pendingBytes = 0;
    return text;
  }

  flushSync(): void {
    if (this.pending.length === 0 || this.handle === undefined) return;
    try {
      writeSync(this.handle.fd, this.take());
    } catch (error) {
      throw tempFolderError("write a work file", error);
    }
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0 || this.handle === undefined) return;
    try {
      await this.handle.write(this.take());
    } catch (error) {
      throw tempFolderError("write a work file", error);
    }
  }

  async close(): Promise<void> {
    await this.flush();
    await this.handle?.close();
    this.handle = undefined;
  }

  async dispose(): Promise<void> {
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
  }
}

/**
 * Writes canonical paddleclas lines (`path<TAB>v1,…,vC`, values as written)
 * to a temporary file, remembering for each the original line, data row and
 * column alignment, and collects the reader's own findings. Memory: a few
 * bytes per row, and the findings.
 *
 * With `keepRecords`, a second temporary file holds, line for line, each
 * canonical line's record as the input has it (`records.txt`: line n is
 * the text of canonical line n's record, without its line break), so that
 * a row rejected after the check goes to the rejects file as written. A
 * row given no record text (a CSV record that is its canonical line with
 * a comma for the TAB) has an empty line there: most rows cost one byte.
 * Only readers whose rows are one input line each give it (csv, indices),
 * and json, whose entries are kept as their one-line JSON text.
 */
export class CanonicalWriter {
  readonly path: string;
  /** The record texts, line for line (see `keepRecords`), when kept. */
  readonly recordsPath: string | undefined;
  private readonly file: BufferedFile;
  private readonly records: BufferedFile | undefined;
  /** Canonical lines written. */
  private written = 0;
  /** Original line − canonical line. */
  private readonly lineShift = new Steps();
  /** Original data row − canonical data row. */
  private readonly rowShift = new Steps();
  /** Alignment × 2^24 + label-column shift (for `Alignment.Quoted`). */
  private readonly columns = new Steps();
  readonly findings: ReaderFinding[] = [];
  readonly rejected: RejectedRecord[] = [];
  /** Data rows seen (written or rejected): the next row's index. */
  rows = 0;
  /**
   * Where the record being written starts on its line (a JSON entry, which
   * shares its line with others): set before its row, kept per canonical line
   * ({@link entryColumnOf}) so findings about the row point at it.
   */
  entryColumn: number | undefined;
  private entryColumns: number[] | undefined;
  /** Bytes `[runStart, runEnd)` of `runBuf`: rows given by {@link rawRow} not yet copied to the files. */
  private runBuf: Buffer | undefined;
  private runStart = 0;
  private runEnd = 0;

  private constructor(
    dir: string,
    handle: FileHandle | undefined,
    private readonly removeDir: () => Promise<void> = async () => undefined,
    /** Index rows are written as their index lists (see `readers/sparse.ts`), not as C values. */
    readonly sparse = false,
    records?: FileHandle,
  ) {
    this.path = dir === "" ? "" : join(dir, "canonical.txt");
    this.file = new BufferedFile(handle);
    this.recordsPath = records !== undefined ? join(dir, "records.txt") : undefined;
    this.records = records !== undefined ? new BufferedFile(records) : undefined;
  }

  /**
   * `sparse`: index rows ({@link indexRow}) are written as their index lists, for the engine alone to read.
   * `keepRecords`: each line's record text is kept beside it (see the class).
   */
  static async create(sparse = false, keepRecords = false): Promise<CanonicalWriter> {
    const temp = await makeTempDir();
    let handle: FileHandle | undefined;
    try {
      handle = await open(join(temp.dir, "canonical.txt"), "w");
      const records = keepRecords ? await open(join(temp.dir, "records.txt"), "w") : undefined;
      return new CanonicalWriter(temp.dir, handle, temp.dispose, sparse, records);
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await temp.dispose();
      throw tempFolderError("create a work file", error);
    }
  }

  /** A writer that keeps nothing, for a reader's first pass over the input. */
  async scratch(): Promise<CanonicalWriter> {
    return new CanonicalWriter("", undefined);
  }

  /** Canonical lines written so far. */
  get lines(): number {
    return this.written;
  }

  /** Starts the canonical file with a byte-order mark, so `bom` reports the input's. */
  bom(): void {
    this.endChunk();
    this.file.push("\uFEFF");
  }

  /**
   * One data row: `values` are the label texts as written. They must hold no
   * comma, TAB or line break, and `path` no TAB or line break (the reader
   * rejects such records instead). `eol` carries the input's line ending so
   * `line-ending` sees it. `record`: the row as the input has it (one
   * line), when it is not the canonical line with a comma for its TAB.
   */
  row(line: number, path: string, values: readonly string[], alignment: Alignment, eol = "\n", shift = 0, record?: string): void {
    this.record(line, this.rows++, alignment, shift);
    this.append(`${path}\t${values.join(",")}`, eol, record ?? "");
  }

  /**
   * One data row given as its positive class indices (ascending, each once,
   * all below `numClasses`): the multi-hot line, or in a sparse writer the
   * index list that stands for it, so the row costs its indices, not C.
   */
  indexRow(line: number, path: string, indices: readonly number[], numClasses: number, alignment: Alignment, eol = "\n", record?: string): void {
    if (!this.sparse) {
      this.row(line, path, denseLabels(indices, numClasses), alignment, eol, 0, record);
      return;
    }
    this.record(line, this.rows++, alignment, 0);
    this.append(`${path}\t${sparseLabels(indices)}`, eol, record ?? "");
  }

  /**
   * One row of a sparse writer whose canonical line is the input's own bytes
   * `[start, end)` of `buf`, line break included, as they are: printable ASCII
   * the reader has checked is exactly the line {@link indexRow} would write.
   * Rows that follow one another in `buf` are kept as one byte range and
   * decoded once; {@link endChunk} must be called before `buf` changes.
   */
  rawRow(line: number, buf: Buffer, start: number, end: number, alignment: Alignment): void {
    this.record(line, this.rows++, alignment, 0);
    if (this.path === "") return;
    if (this.runBuf === buf && this.runEnd === start) {
      this.runEnd = end;
      return;
    }
    this.endChunk();
    this.runBuf = buf;
    this.runStart = start;
    this.runEnd = end;
  }

  /** The bytes {@link rawRow} was given are about to change: copies the range it keeps. */
  endChunk(): void {
    const buf = this.runBuf;
    if (buf === undefined) return;
    this.runBuf = undefined;
    const text = buf.toString("latin1", this.runStart, this.runEnd);
    this.file.push(text);
    // The record is the line itself: the same bytes (a CRLF ending is read as a line break there too).
    this.records?.push(text);
  }

  /** A blank (or whitespace-only) line of the input, carried over so `blank-line` reports it. */
  blank(line: number, text: string, eol = "\n"): void {
    this.record(line, -1, Alignment.Exact, 0);
    this.append(text, eol, text);
  }

  /** A record left out of the canonical file; its findings must be reported too (with {@link report}). */
  reject(line: number, text: string, findings: readonly ReaderFinding[], whole?: RejectedRecord["whole"]): void {
    this.rejected.push({ line, row: this.rows++, text, findings: [...findings], ...(whole !== undefined ? { whole } : {}) });
  }

  /** A reader finding, at the input's own place. */
  report(finding: ReaderFinding): void {
    this.findings.push(finding);
  }

  /** The input as a whole is not what its format says (a JSON syntax error, a missing `data_list`): its findings explain whatever rows are missing. */
  unreadable = false;

  /** A finding about the whole input that may leave it without rows. */
  reportUnreadable(finding: ReaderFinding): void {
    this.unreadable = true;
    this.report(finding);
  }

  /** The line the reader stopped at, when it could not read the input to its end (see {@link stop}). */
  stoppedAt: number | undefined;

  /** Which rows an output written from the input would leave out, when it is not a stop at {@link stoppedAt} (a JSON `data_list` written twice, the first of which no reader reads): a clause each writer ends with its own consequence. */
  stoppedWhy: string | undefined;

  /**
   * The input reads to its end, but rows from `line` on are not all in what
   * its reader gives (`why` says which): an output written from it would
   * hold them in neither the output nor the rejects file, so none is written.
   */
  cutShort(line: number, why: string): void {
    this.stoppedAt ??= line;
    this.stoppedWhy ??= why;
  }

  /** The reader reads no further than `finding`'s line: rows after it (or all of them) may be missing. */
  stop(finding: ReaderFinding & { line: number }): void {
    this.stoppedAt ??= finding.line;
    this.reportUnreadable(finding);
  }

  /** Reports each finding and leaves the record out. */
  rejectWith(line: number, text: string, findings: readonly ReaderFinding[], whole?: RejectedRecord["whole"]): void {
    const row = this.rows;
    const located = findings.map((f) => ({ row, ...f }));
    for (const f of located) this.report(f);
    this.reject(line, text, located, whole);
  }

  private record(line: number, row: number, alignment: Alignment, shift: number): void {
    const at = ++this.written;
    this.lineShift.set(at, line - at);
    this.rowShift.set(at, row >= 0 ? row - at : NO_ROW);
    this.columns.set(at, alignment * 2 ** 24 + shift);
    if (this.entryColumn !== undefined) (this.entryColumns ??= [])[at] = this.entryColumn;
  }

  /** One canonical line (`text` + `eol`) and, when kept, its record on the same line of the records file. */
  private append(text: string, eol: string, record: string): void {
    if (this.path === "") return;
    this.endChunk();
    this.file.push(text + eol);
    if (this.records === undefined) return;
    // A record that is not one line cannot be kept line for line: its canonical line stands in for it.
    if (record === "" || /[\r\n]/.test(record)) this.records.push("\n");
    else this.records.push(`${record}\n`);
  }

  /** Writes what is buffered once it is large; call between records. */
  async maybeFlush(): Promise<void> {
    if (this.file.pendingBytes >= FLUSH_BYTES || (this.records?.pendingBytes ?? 0) >= FLUSH_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    this.endChunk();
    await this.file.flush();
    await this.records?.flush();
  }

  /** Flushes and closes the canonical file (and the records file). */
  async close(): Promise<void> {
    this.endChunk();
    await this.file.close();
    await this.records?.close();
  }

  /** Original line of canonical line `line` (1-based). */
  originOf(line: number): number {
    return line + this.lineShift.get(line, 0);
  }

  /** The input's data row that canonical line `line` holds (undefined for a blank line). */
  originRow(line: number): number | undefined {
    const shift = this.rowShift.get(line, NO_ROW);
    return shift === NO_ROW ? undefined : line + shift;
  }

  /** Where canonical line `line`'s record starts on its input line, when it shares the line with others (see {@link entryColumn}). */
  entryColumnOf(line: number): number | undefined {
    return this.entryColumns?.[line];
  }

  alignmentOf(line: number): Alignment {
    return Math.floor(this.columns.get(line, Alignment.None * 2 ** 24) / 2 ** 24) as Alignment;
  }

  /** How far the label columns of a `Quoted` line moved. */
  shiftOf(line: number): number {
    return this.columns.get(line, 0) % 2 ** 24;
  }

  async dispose(): Promise<void> {
    await this.file.dispose();
    await this.records?.dispose();
    await this.removeDir();
  }
}

/** What a record reader learnt about the input besides its rows. */
/**
 * What a json input holds around its entries, as the file writes it (on one
 * line): a json output keeps it.
 */
export interface AnnotationFrame {
  /** The `metainfo` object. */
  metainfo?: string | undefined;
  /** The other top-level members but `data_list` (`"key": value, …`), which mmpretrain does not read. */
  members?: string | undefined;
}

export interface ReaderOutcome {
  /** C as the input declares it (a CSV header, `metainfo.classes`), or as inferred from index lists. */
  numClasses?: number;
  classNames?: string[];
  /** Where `numClasses` came from, in words, and its kind. */
  classSource?: { source: "header" | "inferred"; reason: string };
  /** Physical lines of the input. */
  lines: number;
  /** Bytes of the input. */
  bytes: number;
  /** The per-class files (columns format), by class index, as named in messages. */
  valueFiles?: string[];
  /** A json input's `metainfo` and other top-level members, as the file writes them (kept with its records, for a json output). */
  frame?: AnnotationFrame;
}

/** What every record reader receives. */
export interface ReaderInput {
  /** The file to read. */
  path: string;
  /** Its name in messages. */
  displayPath: string;
  writer: CanonicalWriter;
  /** C and names given from outside the input (options, a config), when they are. */
  numClasses?: number | undefined;
  classNames?: readonly string[] | undefined;
  maxLineBytes: number;
  /** Largest class count accepted: an index at or past it is reported on its row, never used to size C. */
  maxClasses: number;
  /** No fast path for plain lines (see `ReadOptions.generalLines`). @internal */
  generalLines?: boolean;
}

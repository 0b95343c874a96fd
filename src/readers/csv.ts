import { formatCount } from "../text/numbers.js";
import { createReadStream } from "node:fs";
import { bomAt } from "../text/bytes.js";
import { isPythonSpace, spacesShown } from "../text/python.js";
import { Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { CsvError, InfoRecord, Options } from "csv-parse";
import { readError } from "../io/source.js";
import { Alignment, TSV_HINT, type ReaderFinding, type ReaderInput, type ReaderOutcome } from "./canonical.js";
import { importPackage } from "../deps.js";

const NUMBER = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const PATH_HEADER = /^(?:path|paths|image|images|img|file|filename|file_name|filepath|file_path|image_path|img_path|image_name|name|image_id|id)$/i;
const LF = 10;

/**
 * A first record that names columns: a known path heading, or no value that
 * reads as a label. A known heading followed by nothing but `0`s and `1`s is
 * a row (an image named `image` or `id`), not a header — unless they are the
 * column numbers `0,1` a data frame names two classes with.
 */
export function isCsvHeader(fields: readonly string[]): boolean {
  if (fields.length < 2) return false;
  if (PATH_HEADER.test(fields[0]!.trim())) {
    const values = fields.slice(1).map((f) => f.trim());
    const labels = values.every((v) => v === "0" || v === "1");
    return !labels || values.every((v, i) => v === String(i));
  }
  return fields.slice(1).every((f) => {
    const t = f.trim().toLowerCase();
    return t !== "" && !NUMBER.test(t) && t !== "true" && t !== "false";
  });
}

function stripTerminator(raw: string): string {
  return raw.replace(/\r?\n$|\r$/, "");
}

/**
 * The line breaks inside a record's text (its terminator stripped): CRLF,
 * LF and CR count one each. csv-parse's own line count takes a CRLF inside a
 * quoted field for two, which put every later record a line further down.
 */
function breaksIn(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  return n;
}

/** Whether `raw` starts with `path` quoted as RFC 4180 writes it, followed by a comma or nothing. */
function quotedAlone(raw: string, path: string): boolean {
  const quoted = `"${path.replace(/"/g, '""')}"`;
  return raw.startsWith(quoted) && (raw.length === quoted.length || raw.charCodeAt(quoted.length) === 44);
}

const shown = (text: string, max = 40): string => {
  const flat = spacesShown(text);
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** A physical line over the length limit, cut out of what csv-parse reads (see {@link LongLines}). */
interface CutLine {
  line: number;
  /** Its length in bytes, line break aside. */
  bytes: number;
  /** Its first bytes (at most the limit), decoded, to show. */
  head: string;
}

const CR = 13;
const QUOTE = 34;
const COMMA = 44;
const STAND_IN_QUOTE = Buffer.from('"');
const STAND_IN = Buffer.from("-");
/** A record over several lines may be this many times the line limit before it is taken to run on (see `runaway`). */
const RUNAWAY_FACTOR = 16;

/**
 * Lines over the length limit taken out of a CSV stream before csv-parse
 * reads it: each is replaced by a stand-in of one byte — a quote when the line
 * opens or closes a quoted field (it starts outside quotes and ends inside, or
 * the reverse), else a plain byte — so quoting around it reads the same, and
 * listed with its number and length ({@link CutLine}). Whether a line starts
 * and ends inside quotes is tracked as csv-parse (quotes relaxed) and
 * Python's csv read quotes: a quote opens a field only at its start, and a
 * quote inside one closes it unless another follows — a quote's parity says
 * nothing of it (`5"disk.jpg` or `""x.jpg"` hold an odd number and open
 * nothing). csv-parse's own record limit stops a parse in the middle of the
 * bytes it was given and drops the rest of them (every record after a long
 * line was lost), so no line it sees may be over the limit; a record over
 * many lines still can be (see `runaway`). Lines end at LF, CR or CRLF, as
 * the reader counts them. Holds at most one partial line of at most the
 * limit between chunks.
 */
class LongLines {
  readonly cut: CutLine[] = [];
  private line = 1;
  /** Bytes of the current line held back (at most the limit), while it may still end in time. */
  private held: Buffer | undefined;
  /** The current line is over the limit: its bytes are counted and dropped until it ends. */
  private skipping: { bytes: number; inside: boolean; head: Buffer } | undefined;
  private afterCr = false;
  /** Inside a quoted field, at the end of what was scanned. */
  private inside = false;
  /** The last byte scanned was a quote inside a quoted field: the next byte says whether it closed it. */
  private quoteLast = false;
  /** The byte before what is scanned next (a line break at the start: a quote there opens a field). */
  private before = LF;
  /** Bytes of a byte-order mark still to pass over at the start (csv-parse drops it: a quote after it opens a field). */
  private bom = -1;

  constructor(private readonly limit: number) {}

  /** `chunk` as csv-parse is to read it. */
  push(chunk: Buffer): Buffer {
    const out: Buffer[] = [];
    let data = chunk;
    let i = 0;
    if (this.bom === -1 && chunk.length > 0) this.bom = bomAt(chunk);
    if (this.afterCr) {
      this.afterCr = false;
      // The LF of a CRLF split between chunks: the line already ended.
      if (data.length > 0 && data[0] === LF) {
        out.push(data.subarray(0, 1));
        i = 1;
      }
    }
    if (this.held !== undefined && this.skipping === undefined) {
      data = Buffer.concat([this.held, data.subarray(i)]);
      i = 0;
      this.held = undefined;
    }
    let lineStart = i;
    const n = data.length;
    for (; i < n; i++) {
      const b = data[i]!;
      if (b !== LF && b !== CR) continue;
      let end = i + 1;
      if (b === CR) {
        if (end < n && data[end] === LF) end++;
        else if (end === n) this.afterCr = true;
      }
      this.endLine(data, lineStart, i, end, out);
      i = end - 1;
      lineStart = end;
      this.line++;
    }
    // The line still open at the chunk's end: held back, or counted while it is over the limit.
    if (this.skipping !== undefined) this.skip(data, lineStart, n);
    else if (n - lineStart > this.limit) {
      this.skipping = { bytes: 0, inside: this.inside, head: Buffer.from(data.subarray(lineStart, lineStart + this.limit)) };
      this.skip(data, lineStart, n);
    } else if (n > lineStart) this.held = Buffer.from(data.subarray(lineStart, n));
    return out.length === 1 ? out[0]! : Buffer.concat(out);
  }

  /** What is left at the end of the input. */
  end(): Buffer {
    const out: Buffer[] = [];
    // A quote at the very end closes quoting.
    if (this.quoteLast) {
      this.quoteLast = false;
      this.inside = false;
    }
    if (this.skipping !== undefined) this.standIn(out);
    else if (this.held !== undefined) out.push(this.held);
    this.held = undefined;
    return Buffer.concat(out);
  }

  /** The lines of `cut` in `[from, to]`, each given once: those up to `to` are dropped. */
  take(from: number, to: number): CutLine[] {
    // Records come in line order: the cuts up to `to` are done with (a file of many long lines
    // was quadratic, and kept every line's head).
    let n = 0;
    while (n < this.cut.length && this.cut[n]!.line <= to) n++;
    return this.cut.splice(0, n).filter((c) => c.line >= from);
  }

  private endLine(data: Buffer, start: number, breakAt: number, end: number, out: Buffer[]): void {
    if (this.skipping === undefined && breakAt - start <= this.limit) {
      this.scan(data, start, end);
      out.push(data.subarray(start, end));
      return;
    }
    this.skipping ??= { bytes: 0, inside: this.inside, head: Buffer.from(data.subarray(start, start + this.limit)) };
    this.skip(data, start, breakAt);
    // The line break settles a quote the line ended with.
    this.scan(data, breakAt, end);
    this.standIn(out);
    out.push(data.subarray(breakAt, end));
  }

  private skip(data: Buffer, start: number, end: number): void {
    this.skipping!.bytes += end - start;
    this.scan(data, start, end);
  }

  /** Follows quoting through `data[start, end)`, as csv-parse reads it (quotes relaxed) and Python's csv does. */
  private scan(data: Buffer, start: number, end: number): void {
    let i = start;
    if (this.bom > 0) {
      const skipped = Math.min(this.bom, end - i);
      this.bom -= skipped;
      i += skipped;
      if (this.bom > 0) return;
      this.before = LF;
    }
    if (i >= end) return;
    const from = i;
    if (this.quoteLast) {
      this.quoteLast = false;
      // Two quotes are one quote in the field; one followed by anything else ends the quoting.
      if (data[i] === QUOTE) i++;
      else this.inside = false;
    }
    for (let q = data.indexOf(QUOTE, i); q !== -1 && q < end; q = data.indexOf(QUOTE, i)) {
      if (this.inside) {
        if (q + 1 === end) this.quoteLast = true;
        else if (data[q + 1] === QUOTE) {
          i = q + 2;
          continue;
        } else this.inside = false;
      } else {
        // A quote opens a field only at its start; elsewhere it is a character of the field.
        const b = q > from ? data[q - 1]! : this.before;
        if (b === COMMA || b === LF || b === CR) this.inside = true;
      }
      i = q + 1;
    }
    this.before = data[end - 1]!;
  }

  private standIn(out: Buffer[]): void {
    const s = this.skipping!;
    this.skipping = undefined;
    // A byte-order mark is not part of line 1.
    const bom = this.line === 1 ? bomAt(s.head) : 0;
    this.cut.push({ line: this.line, bytes: s.bytes - bom, head: s.head.toString("utf8", bom) });
    // A quote when the line opens or closes quoting; never nothing: an empty line between a lone CR and
    // a line feed would make them one CRLF to csv-parse, and every later record a line too high.
    out.push(s.inside !== this.inside ? STAND_IN_QUOTE : STAND_IN);
  }
}

/**
 * Reads a CSV label file (`path,v1,…,vC`, with or without a header naming
 * the classes) with csv-parse, streamed: quoting, embedded commas and line
 * breaks, CRLF, mixed line endings and a BOM are handled by the parser, and
 * every record becomes a canonical line with its values as written — or, when
 * it cannot (a TAB or line break in a path, a comma in a value, broken
 * quoting), a malformed-record finding at its line.
 */
export async function readCsv(input: ReaderInput): Promise<ReaderOutcome> {
  const { writer, path, displayPath } = input;
  let lines = 0;
  let bytes = 0;
  let lastByte = LF;
  let bomChecked = false;
  /** The line the previous record ended on: the next record starts on the line after. */
  let lastEnd = 0;
  let sawContent = false;
  let header: string[] | undefined;
  let headerLine = 0;

  const long = new LongLines(input.maxLineBytes);
  /** A record ran on past the limit over many lines: nothing after it is read (see `runaway`). */
  let stopped = false;
  const tooLarge = (line: number): ReaderFinding => ({ rule: "malformed-record", messageId: "tooLarge", line, data: { limit: formatCount(input.maxLineBytes) } });
  /** Rejects the record on lines `[start, end]` when it holds a line over the limit (cut from what csv-parse read); true if it did. */
  const rejectCut = (start: number, end: number, raw: string): boolean => {
    const cuts = long.take(start, end);
    if (cuts.length === 0) return false;
    sawContent = true;
    const single = start === end;
    const text = single ? cuts[0]!.head : raw;
    // Its bytes are copied from the input to the rejects file (its lines numbered as here): the reader kept only a head.
    const whole = { lines: end - start + 1, ...(single ? { bytes: cuts[0]!.bytes } : {}) };
    writer.rejectWith(start, text, [{ ...tooLarge(start), source: cuts[0]!.head }], whole);
    return true;
  };

  const onRecord = (fields: string[], info: InfoRecord): number => {
    if (stopped) return 1;
    const start = lastEnd + 1;
    const raw = stripTerminator(info.raw ?? "");
    lastEnd = info.raw !== undefined ? start + breaksIn(raw) : info.lines;
    if (rejectCut(start, lastEnd, raw)) return 1;
    if (fields.length === 1 && fields[0]!.trim() === "" && !raw.includes('"')) {
      writer.blank(start, fields[0]!);
      return 1;
    }
    if (!sawContent) {
      sawContent = true;
      if (isCsvHeader(fields)) {
        header = fields.slice(1).map((f) => f.trim());
        headerLine = start;
        return 1;
      }
    }
    const path = fields[0]!;
    const values = fields.slice(1);
    const findings: ReaderFinding[] = [];
    // A quoted path with text after its closing quote (`"a.jpg"x,…`): csv-parse (quotes relaxed) keeps the field
    // as written, quotes and all, where Python's csv and pandas read `a.jpgx` — no reader agrees on the path.
    if (raw.startsWith('"') && !quotedAlone(raw, path)) {
      findings.push({ rule: "malformed-record", messageId: "quoting", line: start, data: { detail: `text after the closing quote of the path (${shown(path)}): readers disagree on what the path is` } });
    } else if (/[\r\n]/.test(path)) {
      findings.push({ rule: "malformed-record", messageId: "pathBreak", line: start, data: { path: shown(path) } });
    } else if (path.includes("\t")) {
      // A TAB in an unquoted path is a TAB-separated file read as CSV; in a quoted one, a name that holds a TAB.
      const hint = raw.startsWith('"') ? "" : TSV_HINT;
      findings.push({ rule: "malformed-record", messageId: "pathTab", line: start, data: { path: shown(path), hint } });
    } else if (isPythonSpace(path.codePointAt(0) ?? 0)) {
      // Python's csv and pandas keep it in the name; a label list's line is stripped.
      findings.push({ rule: "malformed-record", messageId: "pathSpace", line: start, data: { path: shown(path) } });
    }
    // csv-parse decodes as UTF-8 and replaces bytes that are not with U+FFFD: the record was not UTF-8 text.
    if (raw.includes("\uFFFD")) findings.push({ rule: "invalid-encoding", messageId: "replaced", line: start });
    const bad = values.findIndex((v) => /[,\t\r\n]/.test(v));
    if (bad !== -1) {
      findings.push({ rule: "malformed-record", messageId: "valueSeparator", line: start, classIndex: bad, data: { index: bad, value: shown(values[bad]!) } });
    }
    if (findings.length > 0) {
      const first = raw.split(/\r?\n/)[0]!;
      writer.rejectWith(start, raw, findings.map((f) => ({ ...f, source: first })));
      return 1;
    }
    // Where the canonical line's columns are in the original line.
    let alignment: Alignment = Alignment.None;
    let shift = 0;
    const joined = values.join(",");
    if (raw === (values.length > 0 ? `${path},${joined}` : path)) alignment = Alignment.Exact;
    else if (raw.startsWith('"') && (values.length === 0 || raw.endsWith(`,${joined}`))) {
      shift = raw.length - joined.length - (path.length + 1);
      if (shift > 0 && raw === `"${path.replace(/"/g, '""')}"${values.length > 0 ? `,${joined}` : ""}`) alignment = Alignment.Quoted;
    }
    writer.row(start, path, values, alignment, "\n", alignment === Alignment.Quoted ? shift : 0, alignment === Alignment.Exact && values.length > 0 ? undefined : raw);
    return 1;
  };

  const onSkip = (error: CsvError | undefined, raw: string | undefined): undefined => {
    if (stopped) return undefined;
    const start = lastEnd + 1;
    const text = stripTerminator(raw ?? "");
    const end = raw !== undefined ? start + breaksIn(text) : typeof error?.lines === "number" ? error.lines : start;
    lastEnd = Math.max(end, start);
    sawContent = true;
    const code = error?.code;
    if (code === "CSV_MAX_RECORD_SIZE") {
      // Every line csv-parse reads is within the limit, so this record runs on over many of them (an
      // unclosed quote, most often). csv-parse drops the rest of what it was given once it stops on one:
      // nothing after it is read, and the input is said to be unreadable from here, not short of rows.
      stopped = true;
      writer.stop({ rule: "malformed-record", messageId: "runaway", line: start, data: { limit: formatCount(RUNAWAY_FACTOR * input.maxLineBytes), to: formatCount(end) }, source: text.split(/\r?\n/)[0]! });
      return undefined;
    }
    if (rejectCut(start, lastEnd, text)) return undefined;
    const finding: ReaderFinding =
      code === "CSV_QUOTE_NOT_CLOSED"
        ? { rule: "malformed-record", messageId: "unclosedQuote", line: start, data: { from: start } }
        : { rule: "malformed-record", messageId: "quoting", line: start, data: { detail: (error?.message ?? "unreadable record").replace(/^Invalid Closing Quote: /, "") } };
    writer.rejectWith(start, text, [{ ...finding, source: text.split(/\r?\n/)[0]! }]);
    return undefined;
  };

  const options: Options<number, { record: string[] }> = {
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    // Both, CRLF first: csv-parse otherwise fixes the line ending from the first record.
    record_delimiter: ["\r\n", "\n", "\r"],
    skip_empty_lines: false,
    skip_records_with_error: true,
    // No line it reads is over the limit (LongLines cuts them out); a record over many lines may be this long.
    max_record_size: RUNAWAY_FACTOR * input.maxLineBytes,
    // With `raw`, csv-parse hands on_record `{record, raw}`; the context has the line numbers.
    raw: true,
    on_record: (record: { record: string[] }, context: InfoRecord) => onRecord(record.record, context),
    on_skip: onSkip,
  };
  // Loaded here, not at start-up: only csv inputs need it.
  const { CsvError, parse } = await importPackage<typeof import("csv-parse")>("csv-parse");
  const parser = parse(options as unknown as Options);
  // Records are handled as they are parsed; the sink only paces reading to writing.
  const sink = new Writable({
    objectMode: true,
    write(_chunk: unknown, _encoding: BufferEncoding, callback: (error?: Error | null) => void) {
      writer.maybeFlush().then(() => callback(), callback);
    },
  });
  const source = createReadStream(path, { highWaterMark: 1 << 20 });
  source.on("data", (chunk: Buffer | string) => {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    if (!bomChecked && buf.length > 0) {
      bomChecked = true;
      if (bomAt(buf) > 0) writer.bom();
    }
    bytes += buf.length;
    let p = buf.indexOf(LF);
    while (p !== -1) {
      lines++;
      p = buf.indexOf(LF, p + 1);
    }
    if (buf.length > 0) lastByte = buf[buf.length - 1]!;
  });
  // csv-parse builds an Error for every record of another length even with relax_column_count (it
  // keeps it on its state): its stack cost ~13 µs a record, 10 s for 400,000 blank lines. No stack
  // is shown for them (but with LABELLINT_DEBUG, which shows stacks).
  const stackTraceLimit = Error.stackTraceLimit;
  if (process.env["LABELLINT_DEBUG"] === undefined) Error.stackTraceLimit = 0;
  try {
    const cutter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        callback(null, long.push(chunk));
      },
      flush(callback) {
        callback(null, long.end());
      },
    });
    await pipeline(source, cutter, parser, sink);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== undefined && !(error instanceof CsvError)) throw readError(displayPath, error);
    throw error;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  if (lastByte !== LF && bytes > 0) lines++;
  await writer.flush();
  return { lines, bytes, ...(header !== undefined ? headerClasses(header, headerLine, input) : {}) };
}

/** What a CSV header says about the classes: C and their names when nothing was given, the names when C was given and matches. */
export function headerClasses(names: string[], headerLine: number, given: Pick<ReaderInput, "numClasses" | "classNames">): Pick<ReaderOutcome, "numClasses" | "classNames" | "classSource"> {
  // `path,0,1,…`: the columns are numbered, not named (a data frame's default, and what `convert --to csv` writes without names).
  if (names.every((name, i) => name === String(i))) {
    if (given.numClasses !== undefined || given.classNames !== undefined) return {};
    return { numClasses: names.length, classSource: { source: "header", reason: `${names.length} numbered columns in the CSV header (line ${headerLine} of the file)` } };
  }
  if (given.numClasses === undefined && given.classNames === undefined) {
    return { numClasses: names.length, classNames: names, classSource: { source: "header", reason: `${names.length} class names in the CSV header (line ${headerLine} of the file)` } };
  }
  if ((given.classNames?.length ?? given.numClasses) === names.length && given.classNames === undefined) return { classNames: names };
  return {};
}

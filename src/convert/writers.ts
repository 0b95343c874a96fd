import { basename } from "node:path";
import type { AnnotationFrame } from "../readers/canonical.js";
import type { LineFormat } from "../readers/format.js";
import { lineFormats } from "../readers/index.js";
import { canonicalPathProblem } from "../readers/path.js";
import { denseLabels } from "../readers/sparse.js";
import { memberValues } from "../text/json-members.js";
import { isPythonSpace } from "../text/python.js";

/** Formats `convert` (and `fix`'s rewrite) can write. */
export type OutputFormatId = "paddleclas" | "spaced" | "csv" | "indices" | "json";
export const OUTPUT_FORMAT_IDS: readonly OutputFormatId[] = ["paddleclas", "spaced", "csv", "indices", "json"];

/** Where a writer puts its bytes ({@link AtomicFile} is one). */
export interface OutputSink {
  write(text: string): void;
  /** Bytes `[start, end)` of `source`, with every `from` byte replaced by `to` when `from` is not -1. */
  writeBytes(source: Buffer, start: number, end: number, from?: number, to?: number): void;
  /** One byte (a separator, a newline) without a string. */
  writeByte(byte: number): void;
}

/**
 * A line with nothing to fix, as bytes: the path is `[0, pathEnd)`, the
 * values `[labelsStart, labelsEnd)` are bare `0`/`1` with exactly one
 * `separator` byte between two of them.
 */
export interface CleanSpan {
  pathEnd: number;
  labelsStart: number;
  labelsEnd: number;
  /** The input format's value separator byte. */
  separator: number;
}

/**
 * Writes rows in one output format. A row is a path and its label values
 * (0/1, or -1 in a signed file); class order is never changed. A writer
 * never writes a line its format cannot read back as the same row: it names
 * why instead ({@link RowWriter.pathProblem}, {@link RowWriter.valuesProblem}).
 */
export interface RowWriter {
  readonly id: OutputFormatId;
  /** The line format of the same name, when the output is one (paddleclas, spaced). */
  readonly lineFormat?: LineFormat;
  /**
   * The first line of the output, when the format has one (csv: the class
   * names, else the column numbers; json: the file's opening with its
   * `metainfo`, the input's own when it had one).
   */
  header(classNames: readonly string[] | undefined, numClasses: number, input?: AnnotationFrame): string | undefined;
  /** The file holds the class names itself (csv's header, json's metainfo): no class list is written beside it. */
  readonly holdsClassNames?: boolean;
  /** The last line of the output, when the format has one (json: the end of `data_list` and of the file). */
  readonly footer?: string;
  /**
   * Written between two rows, before the line break that ends the first
   * (json: the comma between two entries of `data_list`). Write rows through
   * {@link SeparatedRows} then.
   */
  readonly rowSeparator?: string;
  /**
   * The row `row` (a line this writer made, without its line break) written
   * over the input's own `record` of it, which is in this format too: what
   * the row does not say is kept as the record has it (a json entry's other
   * keys); the record as it is where the row says the same.
   */
  fromRecord?(record: string, row: string): string;
  /** Why a file of this format cannot be read under the name `path` by its reader; undefined when it can. */
  nameProblem?(path: string): string | undefined;
  /** Why `path` cannot be written in this format; undefined when it can. */
  pathProblem(path: string): string | undefined;
  /** Why `values` cannot be written in this format; undefined when they can. */
  valuesProblem(values: readonly number[]): string | undefined;
  /** The row as one line, without its newline. */
  format(path: string, values: readonly number[]): string;
  /**
   * The row of `numClasses` 0/1 values whose 1s are at the first `count`
   * (ascending) entries of `ones`, as one line without its newline: a sparse
   * row written without building its C values where the format does not need them.
   */
  formatOnes(path: string, ones: Uint32Array, count: number, numClasses: number): string;
  /** True when the path bytes `[0, end)` can be copied as they are (the fast path for clean lines). */
  plainPath(bytes: Buffer, end: number): boolean;
  /** Writes a clean line (path plain), newline included, without decoding it. */
  writeClean(out: OutputSink, bytes: Buffer, span: CleanSpan): void;
}

const TAB = 9;
const LF = 10;
const CR = 13;
const COMMA = 44;
const QUOTE = 34;
const ONE = 49;

const LINE_BREAK = "the image path contains a line break, which a line format cannot hold";

function hasByte(bytes: Buffer, end: number, a: number, b: number, c = -1, d = -1): boolean {
  for (let i = 0; i < end; i++) {
    const x = bytes[i];
    if (x === a || x === b || x === c || x === d) return true;
  }
  return false;
}

/** `path<sep>v1<sep>…`: the two line formats, which differ only in their separators. */
function lineWriter(format: LineFormat, pathProblem: (path: string) => string | undefined, plainPath: (bytes: Buffer, end: number) => boolean): RowWriter {
  const pathSeparator = format.pathSeparator;
  const valueSeparator = format.valueSeparator;
  const sepByte = valueSeparator.charCodeAt(0);
  const pathSepByte = pathSeparator.charCodeAt(0);
  return {
    id: format.id,
    lineFormat: format,
    header: () => undefined,
    pathProblem,
    valuesProblem: () => undefined,
    format: (path, values) => `${path}${pathSeparator}${values.join(valueSeparator)}`,
    formatOnes: (path, ones, count, numClasses) => `${path}${pathSeparator}${denseLabels(ones, numClasses, count).join(valueSeparator)}`,
    plainPath,
    writeClean(out, bytes, span) {
      if (span.labelsStart === span.pathEnd + 1 && bytes[span.pathEnd] === pathSepByte && span.separator === sepByte) {
        // Already this format's line (a fix, or a conversion to the same format): one copy.
        out.writeBytes(bytes, 0, span.labelsEnd);
      } else {
        out.writeBytes(bytes, 0, span.pathEnd);
        out.writeByte(pathSepByte);
        out.writeBytes(bytes, span.labelsStart, span.labelsEnd, span.separator === sepByte ? -1 : span.separator, sepByte);
      }
      out.writeByte(LF);
    },
  };
}

/** PaddleClas lists: `path<TAB>v1,…,vC`. A TAB ends the path; only a line break is beyond it. */
const paddleclasWriter = lineWriter(
  lineFormats.paddleclas,
  (path) => (path.includes("\t") ? "the image path contains a TAB, which the paddleclas format cannot hold" : path.includes("\n") ? LINE_BREAK : undefined),
  (bytes, end) => !hasByte(bytes, end, TAB, LF),
);

/** Whether `text` holds a character Python's `str.split()` splits on (\x1c–\x1f and U+0085 too; not U+FEFF). */
function hasPythonSpace(text: string): boolean {
  for (const ch of text) if (isPythonSpace(ch.codePointAt(0)!)) return true;
  return false;
}

/**
 * HashNet / DeepHash lists: `path v1 … vC`, read with Python's `split()`:
 * any character it splits on in a path would split it — its whitespace, not
 * JavaScript's (which leaves out \x1c–\x1f and U+0085, and counts U+FEFF).
 */
const spacedWriter = lineWriter(
  lineFormats.spaced,
  (path) => (hasPythonSpace(path) ? "the image path contains whitespace, which the spaced format cannot hold (its reader's split() splits there)" : undefined),
  (bytes, end) => {
    for (let i = 0; i < end; i++) {
      const b = bytes[i]!;
      // ASCII whitespace, or any non-ASCII byte (a multi-byte character may be a Unicode space): decide on the text.
      if (b === 32 || (b >= 9 && b <= 13) || (b >= 0x1c && b <= 0x1f) || b >= 0x80) return !hasPythonSpace(bytes.toString("utf8", 0, end));
    }
    return true;
  },
);

/** A CSV field, quoted (RFC 4180) only when it holds a comma, a quote or a line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV: `path,v1,…,vC` under a header, `path,<class names…>` when the names are
 * known, else `path,0,1,…,C-1` (the column numbers a data frame names its
 * columns with; read back, they give C and no names). Always a header: without
 * one, a first row such as `id,0,1` (an image named `id`) reads back as one.
 */
const csvWriter: RowWriter = {
  id: "csv",
  holdsClassNames: true,
  header: (classNames, numClasses) => ["path", ...(classNames ?? Array.from({ length: numClasses }, (_, i) => String(i)))].map(csvField).join(","),
  pathProblem: () => undefined,
  valuesProblem: () => undefined,
  format: (path, values) => `${csvField(path)},${values.join(",")}`,
  formatOnes: (path, ones, count, numClasses) => `${csvField(path)},${denseLabels(ones, numClasses, count).join(",")}`,
  plainPath: (bytes, end) => !hasByte(bytes, end, COMMA, QUOTE, CR, LF),
  writeClean(out, bytes, span) {
    out.writeBytes(bytes, 0, span.pathEnd);
    out.writeByte(COMMA);
    out.writeBytes(bytes, span.labelsStart, span.labelsEnd, span.separator === COMMA ? -1 : span.separator, COMMA);
    out.writeByte(LF);
  },
};

/**
 * The positions of the 1s among a clean line's bare 0/1 values, `separator`
 * between two (value i is the byte at labelsStart + 2i): its index list.
 */
function cleanOnes(bytes: Buffer, span: CleanSpan, separator: string): string {
  let text = "";
  let first = true;
  for (let p = span.labelsStart, i = 0; p < span.labelsEnd; p += 2, i++) {
    if (bytes[p] !== ONE) continue;
    text += first ? `${i}` : `${separator}${i}`;
    first = false;
  }
  return text;
}

/**
 * Class-index lists: `path<TAB>i1,i2,…`, the 0-based indices of the positive
 * classes in ascending order; an all-zero row is `path<TAB>` (an empty list).
 * The class count is not in the file: reading it back needs `--num-classes`
 * or `--class-names`.
 */
const indicesWriter: RowWriter = {
  id: "indices",
  header: () => undefined,
  pathProblem: paddleclasWriter.pathProblem,
  valuesProblem: (values) => (values.includes(-1) ? "value -1 has no class-index form (an index list holds positives only)" : undefined),
  format(path, values) {
    const ones: number[] = [];
    for (let i = 0; i < values.length; i++) if (values[i] === 1) ones.push(i);
    return `${path}\t${ones.join(",")}`;
  },
  // Costs the row's positives, not C.
  formatOnes: (path, ones, count) => `${path}\t${ones.subarray(0, count).join(",")}`,
  plainPath: paddleclasWriter.plainPath,
  writeClean(out, bytes, span) {
    out.writeBytes(bytes, 0, span.pathEnd);
    out.write(`\t${cleanOnes(bytes, span, ",")}\n`);
  },
};


/** Why a json entry's path would not be read back as written: the json reader's own refusals ({@link canonicalPathProblem}). */
function jsonPathProblem(path: string): string | undefined {
  const problem = canonicalPathProblem(path);
  if (problem === undefined) return undefined;
  if (problem === "pathBreak") return LINE_BREAK;
  const what = problem === "pathTab" ? "contains a TAB" : "starts with whitespace or U+FEFF";
  return `the image path ${what}, which labellint's json reader refuses (it reads each entry as a line of a list)`;
}

/**
 * mmpretrain annotation files (`{"metainfo": {"classes": […]}, "data_list":
 * [{"img_path": …, "gt_label": [i1, i2]}, …]}`), one entry a line between
 * an opening line and a closing one, spaced as Python's `json.dump` spaces
 * them. An entry read from a json input keeps its other keys as written
 * ({@link RowWriter.fromRecord}); the input's `metainfo` is kept too, its
 * `classes` the names the rows were checked with.
 */
const jsonWriter: RowWriter = {
  id: "json",
  holdsClassNames: true,
  header: (classNames, _numClasses, input) => `{"metainfo": ${metainfoText(classNames, input?.metainfo)}, ${input?.members !== undefined ? `${input.members}, ` : ""}"data_list": [`,
  footer: "]}",
  rowSeparator: ",",
  pathProblem: jsonPathProblem,
  valuesProblem: (values) => (values.includes(-1) ? "value -1 has no place in gt_label, which lists the positive classes only" : undefined),
  format(path, values) {
    const ones: number[] = [];
    for (let i = 0; i < values.length; i++) if (values[i] === 1) ones.push(i);
    return `{"img_path": ${JSON.stringify(path)}, "gt_label": [${ones.join(", ")}]}`;
  },
  // Costs the row's positives, not C.
  formatOnes: (path, ones, count) => `{"img_path": ${JSON.stringify(path)}, "gt_label": [${ones.subarray(0, count).join(", ")}]}`,
  // Printable ASCII but a quote and a backslash: the path's bytes are its JSON string's.
  plainPath(bytes, end) {
    for (let i = 0; i < end; i++) {
      const b = bytes[i]!;
      if (b < 0x20 || b > 0x7e || b === QUOTE || b === 0x5c) return false;
    }
    return true;
  },
  writeClean(out, bytes, span) {
    out.write('{"img_path": "');
    out.writeBytes(bytes, 0, span.pathEnd);
    out.write(`", "gt_label": [${cleanOnes(bytes, span, ", ")}]}\n`);
  },
  fromRecord: (record, row) => editedEntry(record, row),
  // mmengine's load() picks its reader by the name's extension, case-sensitively (json, yaml, yml).
  nameProblem: (path) => (/\.(json|ya?ml)$/.test(path) ? undefined : `mmpretrain reads an annotation file by its extension (mmengine's load: .json, .yaml or .yml), and '${basename(path)}' has none of them: name the output *.json, or write a list with --to paddleclas`),
};

/** `values` as Python's `json.dumps` spaces them (`", "`, `": "`). */
function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(", ")}]`;
  if (value !== null && typeof value === "object") return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${pythonJson(v)}`).join(", ")}}`;
  return JSON.stringify(value);
}

/**
 * The `metainfo` of a json output: the input's own (`metainfo`, an object as
 * its file writes it, on one line) with `classes` set to `classNames`; just
 * the names without one. Names the input gives in `categories` (and no
 * `classes`) stay there.
 */
function metainfoText(classNames: readonly string[] | undefined, metainfo: string | undefined): string {
  const names = classNames !== undefined ? pythonJson(classNames) : undefined;
  if (metainfo === undefined) return names !== undefined ? `{"classes": ${names}}` : "{}";
  if (names === undefined) return metainfo;
  // Read by its members' spans, not parsed whole: Python's json takes NaN and Infinity, JSON.parse does not.
  const members = memberValues(metainfo);
  const at = members.get("classes");
  if (at === undefined && members.has("categories")) return metainfo;
  if (at !== undefined) return parsedOr(metainfo.slice(at[0], at[1])) === JSON.stringify(classNames) ? metainfo : metainfo.slice(0, at[0]) + names + metainfo.slice(at[1]);
  const open = metainfo.indexOf("{") + 1;
  return `{"classes": ${names}${members.size > 0 ? ", " : ""}${metainfo.slice(open).trimStart()}`;
}

/** The JSON value `text` written back by JSON.stringify (one spelling for equal values), or undefined when JSON.parse cannot read it. */
function parsedOr(text: string): string | undefined {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/**
 * `record` (a json entry as its file writes it) with the `img_path` and
 * `gt_label` of `row` (an entry this writer made), where they differ; the
 * rest of the entry, as written. The record is read by its members' spans,
 * not parsed whole: another key may hold what only Python's json reads (NaN).
 */
function editedEntry(record: string, row: string): string {
  const want = JSON.parse(row) as { img_path: string; gt_label: number[] };
  const spans = memberValues(record);
  const path = spans.get("img_path");
  const label = spans.get("gt_label");
  // Both keys are there (the reader needs them); without a place to edit, the row stands in.
  if (path === undefined || label === undefined) return row;
  const edits: [number, number, string][] = [];
  if (parsedOr(record.slice(path[0], path[1])) !== JSON.stringify(want.img_path)) edits.push([path[0], path[1], JSON.stringify(want.img_path)]);
  const written = parsedOr(record.slice(label[0], label[1]));
  if (written === undefined || !sameIndices(JSON.parse(written), want.gt_label)) edits.push([label[0], label[1], pythonJson(want.gt_label)]);
  let text = record;
  for (const [start, end, value] of edits.sort((a, b) => b[0] - a[0])) text = text.slice(0, start) + value + text.slice(end);
  return text;
}

/**
 * Whether `written` (an entry's gt_label as the file has it) is `indices` for
 * mmpretrain: the same classes, each once, in any order; a bare index is a list of one.
 */
function sameIndices(written: unknown, indices: readonly number[]): boolean {
  const list = Array.isArray(written) ? written : [written];
  if (list.length !== indices.length || !list.every((v) => Number.isSafeInteger(v))) return false;
  const sorted = (list as number[]).slice().sort((x, y) => x - y);
  return sorted.every((v, i) => v === indices[i]);
}

/**
 * An output whose rows are separated ({@link RowWriter.rowSeparator}): each
 * row's line break is held back until the next row starts, so the separator
 * goes between two rows and never after the last ({@link end}).
 */
export class SeparatedRows implements OutputSink {
  private held = false;
  private readonly separator: string;

  constructor(
    private readonly out: OutputSink & { drain(): Promise<void> },
    separator: string,
  ) {
    this.separator = `${separator}\n`;
  }

  private startRow(): void {
    if (!this.held) return;
    this.out.write(this.separator);
    this.held = false;
  }

  write(text: string): void {
    for (let at = 0; at < text.length; ) {
      const nl = text.indexOf("\n", at);
      const end = nl < 0 ? text.length : nl;
      if (end > at) {
        this.startRow();
        this.out.write(text.slice(at, end));
      }
      if (nl < 0) break;
      this.held = true;
      at = nl + 1;
    }
  }

  writeBytes(source: Buffer, start: number, end: number, from = -1, to = -1): void {
    for (let at = start; at < end; ) {
      const nl = source.indexOf(LF, at);
      const stop = nl < 0 || nl >= end ? end : nl;
      if (stop > at) {
        this.startRow();
        this.out.writeBytes(source, at, stop, from, to);
      }
      if (stop === end) break;
      this.held = true;
      at = stop + 1;
    }
  }

  writeByte(byte: number): void {
    if (byte === LF) this.held = true;
    else {
      this.startRow();
      this.out.writeByte(byte);
    }
  }

  drain(): Promise<void> {
    return this.out.drain();
  }

  /** Ends the last row (its line break, without a separator). */
  end(): void {
    if (this.held) this.out.write("\n");
    this.held = false;
  }
}

export const writers: Record<OutputFormatId, RowWriter> = { paddleclas: paddleclasWriter, spaced: spacedWriter, csv: csvWriter, indices: indicesWriter, json: jsonWriter };

/**
 * Why `writer` cannot write rows of `numClasses` classes that labellint reads
 * back: a format that writes every class's value (all but indices) needs at
 * least 2 bytes a class a line, and lines over `maxLineBytes` are not read.
 * Undefined when it can. (An index list of C=670,091 classes written as
 * paddleclas is 1.3 MB a line: that is said up front, not after writing it.)
 */
export function wideRowsProblem(writer: RowWriter, numClasses: number, maxLineBytes: number): string | undefined {
  if (writer.id === "indices" || writer.id === "json" || 2 * numClasses <= maxLineBytes) return undefined;
  const megabytes = ((2 * numClasses) / 1e6).toFixed(1);
  return `${numClasses.toLocaleString("en-US")} classes written as ${writer.id} make lines of over ${megabytes} MB, longer than labellint reads (--max-line-bytes ${maxLineBytes}): write --to indices (the positive classes only), or raise --max-line-bytes`;
}

/**
 * The class names as a PaddleClas class list: `id name` lines (the form of its
 * `class_id_map_file`, which `--class-names` reads back). Written beside an
 * output whose format has no place for names (all but csv and json) when the names
 * came from the input — a CSV header, mmpretrain `metainfo`, a header row —
 * so converting never loses which column is which class.
 */
function classListText(names: readonly string[]): string {
  return names.map((name, id) => `${id} ${name}\n`).join("");
}

const LINE_BREAKS = /[\r\n\u2028\u2029\x85\v\f]/;

/** Why `names` cannot be written as a class list that reads back the same; undefined when they can. */
function classListProblem(names: readonly string[]): string | undefined {
  const i = names.findIndex((name) => name.trim() !== name || name === "" || LINE_BREAKS.test(name));
  if (i === -1) return undefined;
  const name = names[i]!;
  const why = name.trim() === "" ? "is blank" : LINE_BREAKS.test(name) ? "holds a line break" : "starts or ends with a space";
  return `class ${i}'s name ${JSON.stringify(name)} ${why}, which a class list cannot hold`;
}

/**
 * The class list to write at `path` for the input's own `names` (none when
 * either is undefined), or why it cannot be written: what convert and fix
 * both put beside an output with no place for names.
 */
export function classListFor(path: string | undefined, names: readonly string[] | undefined): { file?: { path: string; text: string }; problem?: string } {
  if (path === undefined || names === undefined) return {};
  const problem = classListProblem(names);
  return problem !== undefined ? { problem } : { file: { path, text: classListText(names) } };
}

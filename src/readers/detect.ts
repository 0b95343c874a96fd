import { pythonStrip, stripWhere } from "../text/python.js";
import type { FormatId } from "../types.js";
import { bomAt } from "../text/bytes.js";
import { formatCount } from "../text/numbers.js";
import type { ClassListForm } from "./class-names.js";

export interface Detection {
  format: FormatId;
  reason: string;
  /** Sampled lines, and how many of them read as `format` (absent when no line was sampled). */
  sampled?: number;
  agree?: number;
}

const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const INDEX = /^\d+$/;
/** A digit 2-9, or two digits in a row: a value of 2 or more may be there. */
const MORE_THAN_ONE = /[2-9]|\d\d/;
const MAX_SAMPLE_LINES = 1000;

/** The first lines of `head` as strings (without BOM and line terminators; LF, CRLF and a lone CR end a line), blank and `#` lines skipped. */
export function sampleLines(head: Buffer, max = MAX_SAMPLE_LINES): string[] {
  let text = head.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines: string[] = [];
  const breaks = /\r\n|\r|\n/g;
  let p = 0;
  while (p < text.length && lines.length < max) {
    breaks.lastIndex = p;
    const m = breaks.exec(text);
    const end = m === null ? text.length : m.index;
    const line = text.slice(p, end);
    if (line.trim() !== "" && !line.trimStart().startsWith("#")) lines.push(line);
    p = m === null ? text.length : end + m[0].length;
  }
  return lines;
}

/** A line's fields as Python's str.split() splits it: on spaces, VT, FF and the separators FS–US too. */
function pythonSplit(line: string): string[] {
  // Split, then drop the empty ends: a regular expression that trims the line first takes quadratic time on a long run of spaces.
  return line.split(/[ \x0b\x0c\x1c-\x1f]+/).filter((t) => t !== "");
}

/** `field` without the `[` that open it and the `]` that close it. */
function unbracketed(field: string): string {
  return stripWhere(stripWhere(field, (c) => c === 0x5b, "start"), (c) => c === 0x5d, "end");
}

/** A path followed by numbers, as split() reads a spaced row. */
function isSpacedRow(parts: readonly string[]): boolean {
  return parts.length >= 2 && parts.slice(1).every((t) => NUMERIC.test(t));
}

function isNumericList(field: string, separator: RegExp): boolean {
  const tokens = unbracketed(field.trim()).split(separator).filter((t) => t !== "");
  return tokens.length > 0 && tokens.every((t) => NUMERIC.test(t.trim()));
}

/**
 * A list of class indices rather than a multi-hot vector: plain non-negative
 * integers, one of them at least as large as the list is long (`3,17`, `0 5`).
 * A multi-hot row with a stray `2` (`0,1,2`) does not qualify.
 */
function isIndexList(field: string, numClasses: number | undefined): boolean {
  // Single digits 0 and 1 only (a multi-hot row): nothing reaches 2. One native scan instead of a split of C values.
  if (!MORE_THAN_ONE.test(field)) return false;
  const tokens = field.trim().split(/[ ,]+/).filter((t) => t !== "");
  // Exactly C values is a multi-hot row with a bad value (`0,2` with C = 2), not every class listed.
  if (tokens.length === 0 || tokens.length === numClasses) return false;
  let max = 0;
  for (const t of tokens) {
    if (!INDEX.test(t)) return false;
    max = Math.max(max, Number(t));
  }
  return max >= 2 && max >= tokens.length;
}

/** Options that decide the format before any byte is read. */
export interface DetectOptions {
  columns?: string | undefined;
  numClasses?: number | undefined;
  classNames?: readonly string[] | undefined;
  /** How the class-name list is written: PaddleClas's `id name` form makes an index list in PaddleClas's syntax a paddleclas file. */
  classNamesForm?: ClassListForm | undefined;
}

const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

/**
 * Sniffs the format from the first lines. `--columns` means the columns
 * format; a `.json` name or a leading `{` means an annotation file; otherwise
 * each sampled line votes for the format it reads as, the majority wins and
 * the reason says how many lines agreed. Lines that disagree are reported
 * line by line later, never silently re-read in another format.
 */
export function detectFormat(head: Buffer, path: string, options: DetectOptions = {}): Detection {
  if (options.columns !== undefined) return { format: "columns", reason: "--columns names one label file per class; the file is the image list" };
  if (/\.json$/i.test(path)) return { format: "json", reason: "the file name ends in .json (mmpretrain annotation file)" };
  const start = head.subarray(bomAt(head)).toString("latin1", 0, 256).trimStart();
  if (start.startsWith("{")) return { format: "json", reason: "the file starts with '{' (mmpretrain annotation file)" };
  const lines = sampleLines(head);
  const C = options.numClasses ?? options.classNames?.length;
  if (lines.length === 0) {
    return { format: "paddleclas", reason: "the file has no data lines; read as paddleclas (path<TAB>v1,…,vC)" };
  }
  let paddle = 0;
  let paddleNoTab = 0;
  let spaced = 0;
  let csv = 0;
  let quoted = 0;
  let indices = 0;
  // What the index lines read as when they are not the majority: their votes then go there.
  let indicesAsPaddle = 0;
  let indicesAsSpaced = 0;
  for (const sampled of lines) {
    // Both readers drop a line's surrounding whitespace first: PaddleClas's strip(), ImageList's split().
    // A TAB before the path (`\t\ta.jpg 0 1 0`) is not the TAB of path<TAB>labels.
    const line = pythonStrip(sampled);
    const tab = line.indexOf("\t");
    if (tab !== -1) {
      const rest = line.slice(tab + 1);
      const asSpaced = !rest.includes(",") && !isNumericList(rest, /,/) && isNumericList(rest, /[ \t]+/);
      if (isIndexList(rest, C)) {
        indices++;
        if (asSpaced) indicesAsSpaced++;
        else indicesAsPaddle++;
      } else if (asSpaced) spaced++;
      else paddle++;
      continue;
    }
    // A quote makes a CSV record only beside a comma: `a"b.jpg 0 1` is a path with a quote in it, which split() keeps.
    if (line.includes('"') && line.includes(",")) {
      csv++;
      quoted++;
      continue;
    }
    const comma = line.indexOf(",");
    if (comma !== -1) {
      // `a.jpg 0,1,0` is a paddleclas line with a space where the TAB belongs;
      // `my photo.jpg,0,1` is CSV whose path holds a space.
      const first = line.slice(0, comma).trim();
      const space = first.lastIndexOf(" ");
      if (space !== -1 && NUMERIC.test(first.slice(space + 1))) paddleNoTab++;
      // `images,/a.jpg 0 1 0`: a comma in the path of a spaced row (no number follows it), which split() reads as the path.
      else if (!isNumericList(line.slice(comma + 1), /,/) && isSpacedRow(pythonSplit(line))) spaced++;
      else csv++;
      continue;
    }
    const parts = pythonSplit(line);
    if (parts.length >= 2) {
      const rest = parts.slice(1).join(" ");
      if (isIndexList(rest, C)) {
        indices++;
        indicesAsSpaced++;
      } else spaced++;
    }
  }
  const total = lines.length;
  const of = `${formatCount(total)} sampled ${plural(total, "line", "lines")}`;
  if (csv * 2 > total) {
    const why = [`${formatCount(csv)} of ${of} ${plural(csv, "is", "are")} comma-separated with no TAB (path,v1,…,vC)`];
    if (quoted > 0) why.push(`${quoted} ${plural(quoted, "has", "have")} quoted fields`);
    return { format: "csv", reason: why.join("; "), sampled: total, agree: csv };
  }
  if (indices * 2 > total && options.classNamesForm === "paddleclas" && indicesAsPaddle * 2 > indices) {
    // PaddleClas's syntax under PaddleClas's class list: PaddleClas is the reader, and it takes each index for a 0/1 value.
    return {
      format: "paddleclas",
      reason: `${formatCount(indices)} of ${of} list class indices as path<TAB>i1,i2 and the class-name list is in PaddleClas's "id name" form: read as PaddleClas reads it (--format indices if your loader reads indices)`,
      sampled: total,
      agree: indicesAsPaddle,
    };
  }
  if (indices * 2 > total) {
    return {
      format: "indices",
      reason: `${formatCount(indices)} of ${of} list class indices (path<TAB>i1,i2 or path i1 i2 …: integers, the largest at least the list's length), not 0/1 vectors`,
      sampled: total,
      agree: indices,
    };
  }
  paddle += indicesAsPaddle;
  spaced += indicesAsSpaced;
  if (paddle + paddleNoTab >= spaced && paddle + paddleNoTab > 0) {
    const parts: string[] = [];
    if (paddle > 0) parts.push(`${formatCount(paddle)} of ${of} ${paddle === 1 ? "is" : "are"} path<TAB>comma-separated values`);
    if (paddleNoTab > 0) {
      const verb = paddleNoTab === 1 ? "has" : "have";
      parts.push(paddle > 0 ? `${formatCount(paddleNoTab)} more ${verb} comma-separated values after a space instead of a TAB` : `${formatCount(paddleNoTab)} of ${of} ${verb} comma-separated values after a space, where PaddleClas expects a TAB`);
    }
    return { format: "paddleclas", reason: parts.join("; "), sampled: total, agree: paddle + paddleNoTab };
  }
  if (spaced > 0) {
    return { format: "spaced", reason: `${formatCount(spaced)} of ${of} ${spaced === 1 ? "is" : "are"} a path followed by whitespace-separated values`, sampled: total, agree: spaced };
  }
  if (csv > 0) return { format: "csv", reason: `${formatCount(csv)} of ${of} ${plural(csv, "is", "are")} comma-separated and no line reads as another format`, sampled: total, agree: csv };
  return { format: "paddleclas", reason: `no sampled line reads as labels in any format; read as paddleclas (path<TAB>v1,…,vC)` };
}

import { Alignment, type CanonicalWriter, type ReaderFinding, type ReaderInput, type ReaderOutcome } from "./canonical.js";
import { readRecordLines } from "./record-lines.js";
import { LineSplitter } from "../io/line-splitter.js";
import { fileChunks } from "../io/source.js";
import { isBlankLine } from "../text/bytes.js";

const INDEX = /^\d+$/;
const TAB = 9;
const COMMA = 44;
const ZERO = 48;
const NINE = 57;
/** {@link plainIndexLine}: the line is not plain. */
const NOT_PLAIN = -2;

/**
 * The fast path's test of an index line `[start, end)` of `buf`: a path of
 * printable ASCII not starting with a space, a TAB, then class indices below `numClasses` written
 * without leading zeros, strictly ascending, separated by single commas (or
 * none at all). Such a line needs no finding, and its canonical line is the
 * line itself: {@link splitIndexLine} and {@link indexRow} would give its path
 * and the same indices, and the sparse canonical line spells them as written.
 * Returns the largest index (-1 when there is none), or `NOT_PLAIN` for any
 * other line, which then takes the general path.
 */
export function plainIndexLine(buf: Uint8Array, start: number, end: number, numClasses: number): number {
  // A path that starts with a space takes the general path: spaces and a TAB alone are a blank line there.
  if (start === end || buf[start]! === 0x20) return NOT_PLAIN;
  let p = start;
  for (; p < end; p++) {
    const b = buf[p]!;
    if (b === TAB) break;
    if (b < 0x20 || b > 0x7e) return NOT_PLAIN;
  }
  if (p === start || p === end) return NOT_PLAIN;
  p++;
  if (p === end) return -1;
  let previous = -1;
  for (;;) {
    let b = buf[p++]!;
    if (b < ZERO || b > NINE) return NOT_PLAIN;
    let value = b - ZERO;
    // "0" alone is an index; "07" is written differently from its canonical "7".
    if (value !== 0) {
      while (p < end && (b = buf[p]!) >= ZERO && b <= NINE) {
        value = value * 10 + (b - ZERO);
        if (value >= numClasses) return NOT_PLAIN;
        p++;
      }
    }
    if (value >= numClasses || value <= previous) return NOT_PLAIN;
    if (p === end) return value;
    if (buf[p++] !== COMMA || p === end) return NOT_PLAIN;
    previous = value;
  }
}

/** One token of an index list, with its 1-based column in the line. */
interface IndexToken {
  text: string;
  column: number;
}

/** Splits `path<TAB>i1,i2` or `path i1 i2 …` into the path and the index tokens. */
export function splitIndexLine(text: string): { path: string; tokens: IndexToken[] } {
  const tab = text.indexOf("\t");
  let cut = tab;
  if (cut === -1) {
    const space = text.search(/ /);
    cut = space === -1 ? text.length : space;
  }
  const path = text.slice(0, cut);
  const tokens: IndexToken[] = [];
  const re = /[^\s,]+/g;
  re.lastIndex = cut;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) tokens.push({ text: m[0], column: m.index + 1 });
  return { path, tokens };
}

/**
 * Checks an index list against C and returns the row's positive classes, in
 * ascending order, each once: findings for tokens that are not indices in
 * 0…C-1 (the row is then rejected) and for indices listed twice (a warning;
 * the class is set once). Nothing here is sized by C.
 */
export function indexRow(
  tokens: readonly { text: string; column?: number }[],
  numClasses: number,
  at: { line: number; source?: string; /** What to do about a 0/1 vector given as indices (default: read the file as a 0/1 format). */ multiHotAdvice?: string },
): { indices: number[]; errors: ReaderFinding[]; warnings: ReaderFinding[] } {
  const errors: ReaderFinding[] = [];
  const warnings: ReaderFinding[] = [];
  const loc = (t: { text: string; column?: number }) => ({
    line: at.line,
    ...(t.column !== undefined ? { column: t.column, length: t.text.length } : {}),
    ...(at.source !== undefined ? { source: at.source } : {}),
  });
  // A row of 0s and 1s with repeats is a multi-hot vector read in the wrong format.
  if (tokens.length >= 3 && tokens.every((t) => t.text === "0" || t.text === "1") && new Set(tokens.map((t) => t.text)).size < tokens.length) {
    errors.push({ rule: "invalid-index", messageId: "multiHot", data: { count: tokens.length, advice: at.multiHotAdvice ?? "read the file with --format paddleclas or spaced" }, ...loc(tokens[0]!) });
    return { indices: [], errors, warnings };
  }
  const seen = new Set<number>();
  for (const t of tokens) {
    // A negative index is a whole number, but no class: out of range, like one past C.
    if (/^-\d+$/.test(t.text) && Number.isSafeInteger(Number(t.text))) {
      errors.push({ rule: "invalid-index", messageId: "outOfRange", data: { index: Number(t.text), C: numClasses, max: numClasses - 1 }, ...loc(t) });
      continue;
    }
    if (!INDEX.test(t.text) || !Number.isSafeInteger(Number(t.text))) {
      errors.push({ rule: "invalid-index", messageId: "notIndex", data: { value: t.text.length > 20 ? `${t.text.slice(0, 19)}…` : t.text }, ...loc(t) });
      continue;
    }
    const index = Number(t.text);
    if (index >= numClasses) {
      errors.push({ rule: "invalid-index", messageId: "outOfRange", data: { index, C: numClasses, max: numClasses - 1 }, classIndex: index, ...loc(t) });
      continue;
    }
    if (seen.has(index)) {
      warnings.push({ rule: "repeated-index", messageId: "repeated", data: { index }, classIndex: index, ...loc(t) });
      continue;
    }
    seen.add(index);
  }
  return { indices: [...seen].sort((a, b) => a - b), errors, warnings };
}

/** An index list whose every line is plain or blank (see {@link planPlainIndices}). */
export interface PlainIndexList {
  /** Physical lines and bytes of the input. */
  lines: number;
  bytes: number;
  /** Original line numbers of blank lines, ascending (they hold no data row). */
  blankLines: number[];
  /** The largest class index and the first line it is on (-1 and 0 when there is none). */
  max: number;
  maxLine: number;
}

/**
 * Plans reading an index list in place: when every line is a plain index
 * line ({@link plainIndexLine}, below `numClasses` when it is given, else
 * below `maxClasses`) or blank (ASCII whitespace only), and no line ends with
 * a lone CR or is over the line limit, the canonical file {@link readIndices}
 * would write is the input itself, byte for byte (a byte-order mark at the
 * start included): the engine can read the input as it is, with no copy.
 * Returns undefined at the first line that is neither; one pass of byte
 * checks, no string per line.
 */
export async function planPlainIndices(path: string, name: string, numClasses: number | undefined, maxLineBytes: number, maxClasses: number): Promise<PlainIndexList | undefined> {
  const limit = numClasses ?? maxClasses;
  const plan: PlainIndexList = { lines: 0, bytes: 0, blankLines: [], max: -1, maxLine: 0 };
  let plain = true;
  const splitter = new LineSplitter((buf, start, end, _crlf, _terminated, byteLength, cr) => {
    const line = ++plan.lines;
    if (!plain) return;
    if (cr || byteLength > end - start) {
      plain = false;
      return;
    }
    const largest = plainIndexLine(buf, start, end, limit);
    if (largest !== NOT_PLAIN) {
      if (largest > plan.max) {
        plan.max = largest;
        plan.maxLine = line;
      }
    } else if (isBlankLine(buf, start, end)) plan.blankLines.push(line);
    else plain = false;
  }, maxLineBytes);
  for await (const chunk of fileChunks(path, name)) {
    plan.bytes += chunk.length;
    splitter.push(chunk);
    if (!plain) return undefined;
  }
  splitter.end();
  // A byte-order mark with no line after it: the reader writes no canonical line for it, so neither may the input be one.
  if (splitter.bom && plan.lines === 0) return undefined;
  return plain ? plan : undefined;
}

/** Where C comes from when an index list does not say: the largest index it holds, in words. */
export function inferredClassSource(max: number, where: string): { source: "inferred"; reason: string } {
  return {
    source: "inferred",
    reason: max < 0 ? "no class index in the file" : `inferred: at least ${max + 1}, from the largest class index (${max}, ${where}); give --num-classes`,
  };
}

/** The largest plain index in the file and its line: the lower bound of C when nothing gives it. */
async function largestIndex(input: ReaderInput, scratch: CanonicalWriter): Promise<{ max: number; line: number }> {
  let max = -1;
  let line = 0;
  const note = (value: number, at: number): void => {
    // An index past the class limit is reported on its row (invalid-index), not taken for C.
    if (Number.isSafeInteger(value) && value > max && value < input.maxClasses) {
      max = value;
      line = at;
    }
  };
  await readRecordLines(
    input.path,
    input.displayPath,
    scratch,
    input.maxLineBytes,
    (l) => {
      if (l.blank) return;
      for (const t of splitIndexLine(l.text).tokens) if (INDEX.test(t.text)) note(Number(t.text), l.line);
    },
    undefined,
    input.generalLines === true ? undefined : (buf, start, end, at) => {
      const largest = plainIndexLine(buf, start, end, input.maxClasses);
      if (largest === NOT_PLAIN) return false;
      note(largest, at);
      return true;
    },
  );
  return { max, line };
}

/**
 * Reads an index-list file: `path<TAB>i1,i2` or `path i1 i2 …` with 0-based
 * class indices; an empty list is an empty labelset. Each line becomes its
 * canonical row (multi-hot, or its index list in a sparse writer). Without C from outside, C is the largest index + 1
 * (found in a first pass).
 */
export async function readIndices(input: ReaderInput): Promise<ReaderOutcome> {
  const { writer } = input;
  let numClasses = input.numClasses ?? input.classNames?.length;
  let inferred: ReaderOutcome["classSource"];
  if (numClasses === undefined) {
    const probe = await writer.scratch();
    try {
      const { max, line } = await largestIndex(input, probe);
      numClasses = max + 1;
      inferred = inferredClassSource(max, `line ${line}`);
    } finally {
      await probe.dispose();
    }
  }
  const C = numClasses;
  const { lines, bytes } = await readRecordLines(
    input.path,
    input.displayPath,
    writer,
    input.maxLineBytes,
    (l) => {
      if (l.blank) {
        writer.blank(l.line, l.text, l.eol);
        return;
      }
      const { path, tokens } = splitIndexLine(l.text);
      const { indices, errors, warnings } = indexRow(tokens, C, { line: l.line, source: l.text });
      if (errors.length > 0) {
        writer.rejectWith(l.line, l.text, [...errors, ...warnings]);
        return;
      }
      for (const w of warnings) writer.report({ row: writer.rows, ...w });
      writer.indexRow(l.line, path, indices, C, Alignment.PathOnly, l.eol, l.text);
    },
    undefined,
    // A plain line (most of them) is its own sparse canonical line: no string, token or set per row.
    writer.sparse && input.generalLines !== true
      ? (buf, start, end, line, _eol, rawEnd) => {
          // (A line carried over a chunk boundary, or ended by a lone CR, takes the general path.)
          if (rawEnd === -1 || plainIndexLine(buf, start, end, C) === NOT_PLAIN) return false;
          writer.rawRow(line, buf, start, rawEnd, Alignment.PathOnly);
          return true;
        }
      : undefined,
  );
  return { lines, bytes, ...(inferred !== undefined ? { numClasses: C, classSource: inferred } : {}) };
}

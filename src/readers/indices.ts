import { Alignment, type CanonicalWriter, type ReaderFinding, type ReaderInput, type ReaderOutcome } from "./canonical.js";
import { readRecordLines } from "./record-lines.js";

const INDEX = /^\d+$/;

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
  at: { line: number; source?: string },
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
    errors.push({ rule: "invalid-index", messageId: "multiHot", data: { count: tokens.length }, ...loc(tokens[0]!) });
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

/** The largest plain index in the file and its line: the lower bound of C when nothing gives it. */
async function largestIndex(input: ReaderInput, scratch: CanonicalWriter): Promise<{ max: number; line: number }> {
  let max = -1;
  let line = 0;
  await readRecordLines(input.path, input.displayPath, scratch, input.maxLineBytes, (l) => {
    if (l.blank) return;
    for (const t of splitIndexLine(l.text).tokens) {
      if (!INDEX.test(t.text)) continue;
      const value = Number(t.text);
      // An index past the class limit is reported on its row (invalid-index), not taken for C.
      if (Number.isSafeInteger(value) && value > max && value < input.maxClasses) {
        max = value;
        line = l.line;
      }
    }
  });
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
      inferred = {
        source: "inferred",
        reason: max < 0 ? "no class index in the file" : `inferred: at least ${numClasses}, from the largest class index (${max}, line ${line}); give --num-classes`,
      };
    } finally {
      await probe.dispose();
    }
  }
  const C = numClasses;
  const { lines, bytes } = await readRecordLines(input.path, input.displayPath, writer, input.maxLineBytes, (l) => {
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
    writer.indexRow(l.line, path, indices, C, Alignment.PathOnly, l.eol);
  });
  return { lines, bytes, ...(inferred !== undefined ? { numClasses: C, classSource: inferred } : {}) };
}

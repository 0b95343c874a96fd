import type { LineFormat } from "../readers/format.js";
import { normalisePathKey } from "../readers/path.js";
import { rowOfLine, type LineReader, type RereadLine } from "../io/source.js";
import type { LineMarks } from "../io/line-marks.js";

export type { LineReader, RereadLine } from "../io/source.js";
import { Row, tokenValues, type Token } from "../readers/row.js";
import { readUnseparated } from "../readers/unseparated.js";

const scratch = new Row();
import type { DuplicateFinding } from "../types.js";
import type { DuplicateIndex } from "./duplicate-index.js";


/** Past this many classes, conflicting copies of sparse rows are not offered a merge: its fix would spell out C values per copy. */
export const MAX_MERGE_CLASSES = 100_000;

interface Parsed {
  key: string;
  /** The path as written on the line. */
  written: string;
  labels: string;
  /** The row's values (-1 kept) when it is a clean C-value row, else null. */
  values: number[] | null;
  /** A sparse line's positive classes, ascending (its values are then null: they are not spelt out). */
  ones: number[] | null;
  text: string;
  row: number;
  labelsSpan: [number, number];
}

function parseLine(format: LineFormat, line: number, data: RereadLine, numClasses: number, headerLine: number): Parsed {
  const row = new Row();
  row.reset(data.bytes, 0, data.bytes.length, line);
  let tokens: Token[] = [];
  format.parse(row);
  // A sparse line (an index list's) is compared by its positive classes: its C values are never spelt out here.
  const ones = row.sparse && row.k === numClasses ? Array.from(row.ones.subarray(0, row.numOnes)) : null;
  if (!row.sparse) {
    row.reset(data.bytes, 0, data.bytes.length, line);
    format.parse(row, tokens);
  }
  let pathEnd = row.pathEnd;
  let labelsStart = row.labelsStart;
  let labelsEnd = row.labelsEnd;
  let k = row.k;
  if (!row.hasSeparator) {
    // `path 0,1,0`: read the way missing-separator's fix will write it.
    const split = readUnseparated(row, scratch, (tokens = []));
    if (split !== undefined) {
      pathEnd = split.runStart;
      labelsStart = tokens[0]?.start ?? row.end;
      labelsEnd = row.end;
      k = scratch.k;
    }
  }
  const path = data.bytes.toString("utf8", row.pathStart, pathEnd);
  const values = k === numClasses && !row.sparse ? tokenValues(tokens) : undefined;
  return {
    key: normalisePathKey(path),
    written: path,
    labels: data.bytes.toString("utf8", labelsStart, labelsEnd).trim(),
    values: values ?? null,
    ones,
    text: data.bytes.toString("utf8"),
    row: rowOfLine(line, data, headerLine),
    labelsSpan: [data.bytes.toString("utf8", 0, labelsStart).length, data.bytes.toString("utf8", 0, labelsEnd).length],
  };
}

/** Both rows are clean: the same values, or (sparse rows) the same positive classes. */
function sameRow(a: Parsed, b: Parsed): boolean | undefined {
  if (a.values !== null && b.values !== null) return sameValues(a.values, b.values);
  if (a.ones !== null && b.ones !== null) return sameValues(a.ones, b.ones);
  return undefined;
}

function sameValues(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Gives every conflicting copy of one image the same merge: the OR of the
 * first copy and all conflicting copies, so the edits to the first line agree.
 * No merge when a copy is malformed or holds -1 (OR is not defined for it).
 */
function addMerges(findings: DuplicateFinding[], get: (line: number) => Parsed | undefined, format: LineFormat, numClasses: number): void {
  const groups = new Map<number, DuplicateFinding[]>();
  for (const f of findings) {
    if (f.sameLabels) continue;
    const group = groups.get(f.firstLine) ?? [];
    group.push(f);
    groups.set(f.firstLine, group);
  }
  for (const [firstLine, group] of groups) {
    const copies = [get(firstLine), ...group.map((f) => get(f.line))];
    let merged: number[];
    if (copies.every((c) => c?.ones != null)) {
      if (numClasses > MAX_MERGE_CLASSES) continue;
      merged = new Array<number>(numClasses).fill(0);
      for (const c of copies) for (const i of c!.ones!) merged[i] = 1;
    } else {
      if (copies.some((c) => c?.values == null || c.values.includes(-1))) continue;
      merged = copies[0]!.values!.map((_, i) => (copies.some((c) => c!.values![i] === 1) ? 1 : 0));
    }
    const text = merged.join(format.valueSeparator);
    for (const f of group) f.mergedLabels = text;
  }
}

/**
 * Turns hash candidates into findings by comparing the real lines: the same
 * normalised path, then the same labels (by value when both rows are clean
 * multi-hot rows, by text otherwise). A hash collision yields nothing.
 */
export async function confirmDuplicates(
  index: DuplicateIndex,
  reader: LineReader,
  format: LineFormat,
  numClasses: number,
  headerLine = 0,
  marks?: LineMarks,
): Promise<DuplicateFinding[]> {
  const wanted = new Set<number>();
  for (const [later, first] of index.pairsInOrder()) {
    wanted.add(later);
    wanted.add(first);
  }
  const lines = await reader([...wanted].sort((a, b) => a - b), marks);
  const parsed = new Map<number, Parsed>();
  const get = (line: number): Parsed | undefined => {
    let p = parsed.get(line);
    if (p === undefined) {
      const data = lines.get(line);
      if (data === undefined) return undefined;
      p = parseLine(format, line, data, numClasses, headerLine);
      parsed.set(line, p);
    }
    return p;
  };
  const findings: DuplicateFinding[] = [];
  for (const [later, first] of index.pairsInOrder()) {
    const a = get(first);
    const b = get(later);
    if (a === undefined || b === undefined || a.key !== b.key) continue;
    const sameLabels = sameRow(a, b) ?? a.labels === b.labels;
    const finding: DuplicateFinding = {
      line: later,
      row: b.row,
      firstLine: first,
      firstRow: a.row,
      path: b.written,
      ...(a.written !== b.written ? { firstPath: a.written } : {}),
      sameLabels,
      source: b.text,
      firstSource: a.text,
      firstLabels: a.labelsSpan,
    };
    findings.push(finding);
  }
  addMerges(findings, get, format, numClasses);
  return findings;
}

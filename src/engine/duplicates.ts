import type { LineFormat } from "../readers/format.js";
import { normalisePathKey } from "../readers/path.js";
import { Row } from "../readers/row.js";
import type { DuplicateFinding } from "../types.js";
import type { DuplicateIndex } from "./duplicate-index.js";

export interface RereadLine {
  /** The line's bytes without its terminator (and without a BOM on line 1). */
  bytes: Buffer;
  /** Non-blank lines before this one. */
  nonBlankBefore: number;
}

/** Re-reads the given physical lines (sorted ascending) of the input. */
export type LineReader = (lines: readonly number[]) => Promise<Map<number, RereadLine>>;

interface Parsed {
  key: string;
  labels: string;
  bits: Uint8Array | null;
  text: string;
  row: number;
  labelsSpan: [number, number];
}

function parseLine(format: LineFormat, line: number, data: RereadLine, numClasses: number, headerLine: number): Parsed {
  const row = new Row();
  row.reset(data.bytes, 0, data.bytes.length, line);
  format.parse(row);
  const path = data.bytes.toString("utf8", row.pathStart, row.pathEnd);
  const clean = row.k === numClasses && row.binaryInMeaning;
  return {
    key: normalisePathKey(path),
    labels: data.bytes.toString("utf8", row.labelsStart, row.labelsEnd).trim(),
    bits: clean ? row.bits.slice(0, row.k) : null,
    text: data.bytes.toString("utf8"),
    row: data.nonBlankBefore - (headerLine > 0 && headerLine < line ? 1 : 0),
    labelsSpan: [data.bytes.toString("utf8", 0, row.labelsStart).length, data.bytes.toString("utf8", 0, row.labelsEnd).length],
  };
}

function sameBits(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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
): Promise<DuplicateFinding[]> {
  const wanted = new Set<number>();
  for (const [later, first] of index.pairsInOrder()) {
    wanted.add(later);
    wanted.add(first);
  }
  const lines = await reader([...wanted].sort((a, b) => a - b));
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
    const sameLabels = a.bits !== null && b.bits !== null ? sameBits(a.bits, b.bits) : a.labels === b.labels;
    const finding: DuplicateFinding = {
      line: later,
      row: b.row,
      firstLine: first,
      firstRow: a.row,
      path: a.key,
      sameLabels,
      source: b.text,
      firstSource: a.text,
      firstLabels: a.labelsSpan,
    };
    if (!sameLabels && a.bits !== null && b.bits !== null) {
      const merged = Array.from(a.bits, (bit, i) => bit | b.bits![i]!);
      finding.mergedLabels = merged.join(format.valueSeparator);
    }
    findings.push(finding);
  }
  return findings;
}

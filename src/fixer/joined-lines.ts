import { lintText } from "../engine/lint.js";
import type { LintOptions } from "../engine/options.js";
import { fileChunks, type ChunkTransform } from "../io/source.js";
import { LineSplitter } from "../io/line-splitter.js";
import type { LineFormat } from "../readers/format.js";
import { joinedRows, joinOf, type JoinShape } from "../readers/joined.js";
import { normalisePathKey } from "../readers/path.js";
import { Row } from "../readers/row.js";
import type { LineFormatId, Problem } from "../types.js";
import type { PlanReason } from "./plan.js";
import { placeKey, type Place } from "./repair.js";
import { pushTo } from "../collections.js";

/**
 * A line holding several rows is written one row a line only when each row
 * stands on its own in the output. The check of the input read the line as
 * one row that is not valid: it looked up no image of it and compared none
 * of its paths with the other rows'. So before the rewrite, the joined lines'
 * rows are read again. A line is rejected whole (both rows kept, verbatim,
 * in the rejects file) when a row's path is on another row of the file (or
 * of the line): split, the output would list the image twice, with the same
 * labels or with others, and which copy is right is not for the fix to guess.
 * And each row is decided as a line of its own, with the findings the check
 * makes about it there (a path's `\` normalised, a missing image rejected).
 */
export interface JoinedLinesCheck {
  /** The file the rewrite reads (the input, or a record input's canonical lines) and its transform. */
  path: string;
  transform?: (() => ChunkTransform) | undefined;
  /** The input's line (and row) of a line of `path`. */
  placeOf?: ((line: number) => Place) | undefined;
  maxLineBytes: number;
  format: LineFormat;
  formatId: LineFormatId;
  shape: JoinShape;
  /** Whether the line at `place` is to be split (an enabled fix says so). */
  splits(place: Place): boolean;
  /** How the output's check reads a row (its reader, its rules, its image checks): each row of a joined line is checked so. */
  rowOptions: LintOptions;
}

interface JoinedRow {
  place: Place;
  /** 0-based row of the line. */
  index: number;
  rows: number;
  path: string;
  key: string;
  text: string;
}

/** Past this many paths, every line is parsed for its path rather than searched for each file name. */
const MAX_NAMES_SOUGHT = 16;

/** `row 2`: a row of a joined line, as the other reasons about such a line name it. */
function whichRow(index: number): string {
  return `row ${index + 1}`;
}

function holds(rows: number): string {
  return `the line holds ${rows === 2 ? "two" : rows} rows`;
}

/** What the rewrite needs to know of the lines it splits, by {@link placeKey}. */
export interface JoinedLines {
  /** Lines that cannot be split, with why: rejected whole. */
  rejects: Map<string, PlanReason>;
  /** Each row's own findings, as the check makes them about a line of its own (the row's edits too). */
  rows: Map<string, Problem[][]>;
}

/** What the rewrite needs to know of the lines it splits. Reads the file twice: call it only when the check found a line to split. */
export async function joinedLines(o: JoinedLinesCheck): Promise<JoinedLines> {
  const out = new Map<string, PlanReason>();
  const findings = new Map<string, Problem[][]>();
  const joined = await readJoinedRows(o);
  if (joined.length === 0) return { rejects: out, rows: findings };
  const reject = (row: JoinedRow, reason: PlanReason): void => {
    const key = placeKey(row.place);
    if (!out.has(key)) out.set(key, reason);
  };

  // Paths shared with another row: every row of the file is read again for its key.
  const byKey = new Map<string, JoinedRow[]>();
  for (const row of joined) pushTo(byKey, row.key, row);
  for (const sharing of byKey.values()) {
    if (sharing.length < 2) continue;
    // Two rows of joined lines share the path: each such line is rejected, naming the other.
    for (const row of sharing) {
      const other = sharing.find((r) => r !== row)!;
      reject(row, sharedPath(row, other.place.line === row.place.line ? `the path of ${whichRow(other.index)} too` : `on line ${other.place.line} too`));
    }
  }
  const parsed = new Row();
  // Any spelling of a path (`./a.jpg`, `img\a.jpg`) holds its last part: a line holding none of the joined rows' is not parsed.
  const names = byKey.size > MAX_NAMES_SOUGHT ? [] : [...new Set([...byKey.keys()].map((key) => key.slice(key.lastIndexOf("/") + 1)))].filter((name) => name !== "").map((name) => Buffer.from(name));
  // Each name's next place in the buffer the lines are cut from, found again only once a line passes it: one search of the file per name.
  // (A buffer read into again, or a carried line's, starts its lines from a lower place: searched afresh.)
  let searched: Buffer | undefined;
  let from = 0;
  const next = names.map(() => -1);
  const mayHold = (buf: Buffer, start: number, end: number): boolean => {
    if (byKey.size > MAX_NAMES_SOUGHT) return true;
    if (buf !== searched || start < from) {
      searched = buf;
      next.fill(-2);
    }
    from = start;
    return names.some((name, k) => {
      if (next[k] === -1) return false;
      if (next[k]! < start) next[k] = buf.indexOf(name, start);
      return next[k]! >= 0 && next[k]! + name.length <= end;
    });
  };
  await eachLine(o, (line, buf, start, end) => {
    if (end === start || !mayHold(buf, start, end)) return;
    const place = o.placeOf?.(line) ?? { line };
    if (o.splits(place)) return;
    parsed.reset(buf, start, end, line);
    o.format.parse(parsed);
    if (parsed.pathEnd <= parsed.pathStart) return;
    const sharing = byKey.get(normalisePathKey(buf.toString("utf8", parsed.pathStart, parsed.pathEnd)));
    if (sharing !== undefined) for (const row of sharing) reject(row, sharedPath(row, `on line ${place.line} too`));
  });

  // Each row as a line of its own: the findings the check makes about a row (its image too, when
  // images are checked), told at the joined line, for the rewrite to decide the row with. A finding
  // about several rows (a copy, a merge) is left out: rows sharing a path were rejected above.
  const text = `${joined.map((r) => r.text).join("\n")}\n`;
  const result = await lintText(text, { ...o.rowOptions, format: o.formatId, numClasses: o.shape.numClasses, maxProblemsPerRule: Number.POSITIVE_INFINITY }, "<joined rows>");
  for (const p of result.problems) {
    if (p.line === undefined) continue;
    const row = joined[p.line - 1];
    if (row === undefined || out.has(placeKey(row.place))) continue;
    if (p.fix?.edits.some((e) => e.kind === "drop-line" || (e.kind !== "file" && e.line !== p.line)) === true) continue;
    const key = placeKey(row.place);
    let problems = findings.get(key);
    if (problems === undefined) findings.set(key, (problems = Array.from({ length: row.rows }, () => [])));
    problems[row.index]!.push(toldAt(p, row.place));
  }
  return { rejects: out, rows: findings };
}

/** A row's finding in the text of joined rows, told at its joined line (its fix's edits too). */
function toldAt(p: Problem, place: Place): Problem {
  const { row: _row, ...rest } = p;
  const at = { line: place.line, ...(place.row !== undefined ? { row: place.row } : {}) };
  if (p.fix === undefined) return { ...rest, ...at };
  return { ...rest, ...at, fix: { ...p.fix, edits: p.fix.edits.map((e) => (e.kind === "file" ? e : { ...e, ...at })) } };
}

function sharedPath(row: JoinedRow, where: string): PlanReason {
  return {
    code: "",
    rule: "",
    message: `${holds(row.rows)}, and the path of ${whichRow(row.index)}, '${row.path}', is ${where}: written one a line, the output would list that image twice, and which row is right is not for fix to guess`,
  };
}

/** The rows of every line the rewrite will split, in file order. */
async function readJoinedRows(o: JoinedLinesCheck): Promise<JoinedRow[]> {
  const out: JoinedRow[] = [];
  const parsed = new Row();
  await eachLine(o, (line, buf, start, end) => {
    const place = o.placeOf?.(line) ?? { line };
    if (!o.splits(place)) return;
    const bytes = buf.subarray(start, end);
    const join = joinOf(bytes, line, o.shape);
    // Not rows run together after all: the rewrite rejects the line itself.
    if (join === undefined) return;
    const ranges = joinedRows(join, 0, bytes.length);
    for (const [index, [from, to]] of ranges.entries()) {
      parsed.reset(bytes, from, to, line);
      o.format.parse(parsed);
      const path = bytes.toString("utf8", parsed.pathStart, parsed.pathEnd);
      out.push({ place, index, rows: ranges.length, path, key: normalisePathKey(path), text: bytes.toString("utf8", from, to) });
    }
  });
  return out;
}

/** Each line of the file the rewrite reads, as the rewrite numbers them, without copying it (bytes `[start, end)` of `buf`, valid during the call). */
async function eachLine(o: JoinedLinesCheck, visit: (line: number, buf: Buffer, start: number, end: number) => void): Promise<void> {
  let line = 0;
  const splitter = new LineSplitter((buf, start, end) => visit(++line, buf, start, end), o.maxLineBytes);
  const transform = o.transform?.();
  for await (const chunk of fileChunks(o.path)) {
    if (transform === undefined) splitter.push(chunk);
    else for (const piece of transform.push(chunk)) splitter.push(piece);
  }
  if (transform !== undefined) for (const piece of transform.end()) splitter.push(piece);
  splitter.end();
}

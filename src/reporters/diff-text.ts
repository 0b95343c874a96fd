import type { DiffChange, DiffClass, DiffResult } from "../diff/types.js";
import { formatCount, formatPercent, plural } from "../text/numbers.js";
import { visible } from "../text/visible.js";
import { writeJsonValue } from "./json.js";
import { joinPieces } from "./types.js";

/** Classes listed in the text report's per-class table. */
export const DIFF_TEXT_CLASSES = 20;

const n = formatCount;
const signed = (value: number): string => (value > 0 ? `+${n(value)}` : value < 0 ? `−${n(-value)}` : "0");
const percent = (value: number | null): string => (value === null ? "—" : formatPercent(value));

/** The class had positives in the old file and has none in the new one (where it still is). */
export const leftWithoutPositives = (c: DiffClass): boolean => c.oldPositives > 0 && c.newPositives === 0 && c.newIndex !== null;

/** Classes named on one line (left with no positive) before the rest are counted: the json report has each. */
export const DIFF_NAMED_CLASSES = 100;

/**
 * The classes the new file leaves with no positive (the old one had some),
 * each as `name` spells it, joined: the first {@link DIFF_NAMED_CLASSES}
 * and "and N more" (an extreme class count empties hundreds of thousands).
 * Undefined when there are none.
 */
export function emptiedClasses(result: DiffResult, name: (c: DiffClass) => string): string | undefined {
  const emptied = result.classes.filter(leftWithoutPositives);
  return emptied.length === 0 ? undefined : namedClasses(emptied, name);
}

/**
 * Classes (added, removed, emptied) joined on one line: the first
 * {@link DIFF_NAMED_CLASSES} as `name` spells them, then "and N more" — a
 * list read as 524,285 classes against 3 removes 524,282.
 */
export function namedClasses<T>(classes: readonly T[], name: (c: T) => string): string {
  const named = classes.slice(0, DIFF_NAMED_CLASSES).map(name).join(", ");
  return classes.length > DIFF_NAMED_CLASSES ? `${named} and ${n(classes.length - DIFF_NAMED_CLASSES)} more` : named;
}

/**
 * One sentence per input with records its reader could not make rows (a
 * record format's rejected records): they are not compared, so the path of
 * one may show as removed or added.
 */
export function unreadNotes(result: DiffResult): { file: string; note: string }[] {
  return [result.old, result.new]
    .filter((file) => file.unread > 0)
    .map((file) => ({
      file: file.path,
      note: `${plural(file.unread, "record")} of ${file.path} could not be read as ${file.unread === 1 ? "a row and is" : "rows and are"} not compared (${file.unread === 1 ? "its path" : "their paths"} may show as removed or added); labellint check ${file.path} says why`,
    }));
}

/** A class as people name it: its name when known, else its index. */
export function diffClassName(result: DiffResult, index: number): string {
  return result.classes[index]?.name ?? `#${index}`;
}

/** The counts line: `1 relabelled, 2 added, 1 removed, 4,998 unchanged`. */
export function diffHeadline(result: DiffResult): string {
  const c = result.counts;
  return `${n(c.relabelled)} relabelled, ${n(c.added)} added, ${n(c.removed)} removed, ${n(c.unchanged)} unchanged`;
}

/** Change in prevalence in percentage points, signed. */
export function prevalenceChange(c: DiffClass): string {
  if (c.prevalenceChange === null) return "—";
  const pp = 100 * c.prevalenceChange;
  // Enough digits that a change is never shown as ±0.00.
  const digits = pp === 0 || Math.abs(pp) >= 0.01 ? 2 : Math.min(6, 1 - Math.floor(Math.log10(Math.abs(pp))));
  return `${pp > 0 ? "+" : pp < 0 ? "−" : "±"}${Math.abs(pp).toFixed(digits)} pp`;
}

/** Classes whose positives changed, the largest change first (by |net|, then by gains and losses). */
export function changedClasses(result: DiffResult): DiffClass[] {
  const moved = (c: DiffClass) => c.gained + c.lost + c.inAddedRows + c.inRemovedRows;
  return result.classes
    .filter((c) => moved(c) > 0 || c.oldIndex === null || c.newIndex === null)
    .sort((a, b) => Math.abs(b.newPositives - b.oldPositives) - Math.abs(a.newPositives - a.oldPositives) || moved(b) - moved(a) || a.index - b.index);
}

/** A row's labels in words: class names (or indices), or the text when they are not C values of 0/1. */
export function labelsOf(result: DiffResult, classes: number[] | undefined, text: string | undefined): string {
  if (classes === undefined) return `'${text ?? ""}' (not ${n(result.new.numClasses)} values of 0/1)`;
  return classes.length === 0 ? "no label" : classes.map((c) => diffClassName(result, c)).join(", ");
}

/** What changed in a row, in words: `+beach −sky`, or the labels of an added or removed row. */
export function changeText(result: DiffResult, change: DiffChange): string {
  if (change.kind === "relabelled") {
    if (change.new === undefined || change.old === undefined) return `${labelsOf(result, change.old, change.oldText)} → ${labelsOf(result, change.new, change.newText)}`;
    return [...(change.gained ?? []).map((c) => `+${diffClassName(result, c)}`), ...(change.lost ?? []).map((c) => `−${diffClassName(result, c)}`)].join(" ");
  }
  return change.kind === "added" ? labelsOf(result, change.new, change.newText) : labelsOf(result, change.old, change.oldText);
}

function table(rows: string[][], rightFrom: number, rightTo = Number.POSITIVE_INFINITY): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => `  ${r.map((cell, c) => (c >= rightFrom && c <= rightTo ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join("  ")}`.trimEnd());
}

function side(file: DiffResult["old"]): string {
  const skipped = file.skipped.blank + file.skipped.header + file.skipped.comment;
  return `${file.path} (${file.format}, ${plural(file.rows, "row")}${skipped > 0 ? `, ${plural(skipped, "other line")}` : ""})`;
}

/**
 * What changed, as text: the counts, classes added or removed, duplicates
 * introduced, per-class positives of the classes that changed, and the
 * changed rows listed (as many as the result holds; counts are exact).
 */
export function formatDiffText(result: DiffResult): string {
  const out: string[] = [];
  const classes = result.old.numClasses === result.new.numClasses ? plural(result.old.numClasses, "class", "classes") : `${n(result.old.numClasses)} → ${plural(result.new.numClasses, "class", "classes")}`;
  out.push(`diff ${side(result.old)} → ${side(result.new)}, ${classes} matched by ${result.classMatch === "names" ? "name" : "index"}`);
  for (const { note } of unreadNotes(result)) out.push(`  ${note}`);
  if (!result.changed) {
    out.push(`  no changes: the same ${plural(result.counts.unchanged, "row")} by path, with the same labels`);
    return `${out.map(visible).join("\n")}\n`;
  }
  out.push(`  ${diffHeadline(result)} (rows matched by path)`);
  const ref = (c: { index: number; name?: string }) => c.name ?? `#${c.index}`;
  if (result.classesAdded.length > 0) out.push(`  classes added: ${namedClasses(result.classesAdded, ref)}`);
  if (result.classesRemoved.length > 0) out.push(`  classes removed: ${namedClasses(result.classesRemoved, ref)}`);
  const emptied = emptiedClasses(result, (c) => `${diffClassName(result, c.index)} (had ${n(c.oldPositives)})`);
  if (emptied !== undefined) out.push(`  classes left with no positive: ${emptied}`);
  const d = result.duplicatesIntroduced;
  if (d.paths > 0) {
    out.push(`  duplicates introduced: ${plural(d.paths, "path")} listed more than once in ${result.new.path} (${plural(d.rows, "extra row")}) and at most once in ${result.old.path}`);
    for (const dup of d.listed) out.push(`    ${dup.path}: ${n(dup.newCount)}× (lines ${dup.newLines.join(", ")}${dup.newCount > dup.newLines.length ? ", …" : ""}), ${n(dup.oldCount)}× before`);
    if (d.paths > d.listed.length) out.push(`    and ${plural(d.paths - d.listed.length, "more path")}`);
  }

  const changed = changedClasses(result);
  if (changed.length > 0) {
    const shown = changed.slice(0, DIFF_TEXT_CLASSES);
    const rows: string[][] = [["class", "old", "new", "net", "gained", "lost", "in added", "in removed", "prevalence"]];
    for (const c of shown) {
      rows.push([
        diffClassName(result, c.index),
        c.oldIndex === null ? "—" : n(c.oldPositives),
        c.newIndex === null ? "—" : n(c.newPositives),
        signed(c.newPositives - c.oldPositives),
        n(c.gained),
        n(c.lost),
        n(c.inAddedRows),
        n(c.inRemovedRows),
        `${percent(c.oldPrevalence)} → ${percent(c.newPrevalence)} (${prevalenceChange(c)})`,
      ]);
    }
    const title = changed.length > shown.length ? `positives per class, the ${n(shown.length)} that changed most of ${n(changed.length)} (all in --reporter json):` : "positives per class that changed:";
    out.push("", `  ${title}`, ...table(rows, 1, 7));
  }

  if (result.changes.length > 0) {
    const listed = result.changes.length;
    const total = listed + result.changesOmitted;
    out.push("", `  changed rows${total > listed ? ` (${n(listed)} of ${n(total)}; --max-rows lists more, --reporter json all)` : ""}:`);
    const rows: string[][] = [];
    for (const change of result.changes) {
      const where = change.kind === "removed" ? `${result.old.path}:${change.oldLine}` : `${result.new.path}:${change.newLine}`;
      const was = change.kind === "relabelled" && change.oldLine !== change.newLine ? ` (was line ${change.oldLine})` : "";
      rows.push([change.kind, `${where}${was}`, change.path, changeText(result, change)]);
    }
    out.push(...table([["", "", "", ""], ...rows], 99).slice(1));
  }
  return `${out.map(visible).join("\n")}\n`;
}

/** The whole result as JSON (schemas/diff-report.schema.json). */
export function formatDiffJson(result: DiffResult): string {
  return joinPieces(writeDiffJson(result));
}

/** {@link formatDiffJson} in pieces (a report of an extreme class count runs to hundreds of MB). */
export function writeDiffJson(result: DiffResult): Generator<string> {
  return writeJsonValue(result);
}

import type { SplitQuality, SplitResult } from "../split/types.js";
import { formatCount, plural } from "../text/numbers.js";
import { visible } from "../text/visible.js";
import { compareText } from "../text/compare.js";
import { writeJsonValue } from "./json.js";
import { joinPieces } from "./types.js";

/** Classes listed in the text report's per-class table (all of them are in the json report). */
export const SPLIT_TEXT_CLASSES = 15;

const n = formatCount;
const fixed = (value: number | null): string => (value === null ? "—" : value.toFixed(4));

function className(result: SplitResult, index: number): string {
  const name = result.classes[index]?.name;
  return name !== undefined ? `${index} ${name}` : `class ${index}`;
}

function table(rows: string[][], rightFrom: number): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => `  ${r.map((cell, c) => (c >= rightFrom ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join("   ")}`.trimEnd());
}

/** The side-by-side comparison: one row per figure and split, stratified beside random. */
function comparison(result: SplitResult): string[] {
  const { names, stratified: s, random: r } = result;
  const rows: string[][] = [["", "", "stratified", `random (seed ${result.seed})`]];
  const perSplit = (label: string, cell: (q: SplitQuality, f: number) => string) => {
    names.forEach((name, f) => rows.push([f === 0 ? label : "", name, cell(s, f), cell(r, f)]));
  };
  perSplit("rows", (q, f) => n(q.rows[f]!));
  perSplit("L∞ prevalence vs all rows", (q, f) => fixed(q.linf[f]!));
  rows.push([names.length === 2 ? `L∞ ${names[0]} vs ${names[1]}` : "L∞ between two splits (max)", "", fixed(s.linfBetween), fixed(r.linfBetween)]);
  perSplit("classes with no positive", (q, f) => n(q.classesMissing[f]!.length));
  rows.push(["  that could have had one", "", n(s.classesMissingAvoidable), n(r.classesMissingAvoidable)]);
  perSplit(`label pairs with no row (of ${n(result.pairsConsidered)})`, (q, f) => n(q.pairsMissing[f]!));
  rows.push(["  missing from some split", "", n(s.pairsMissingAny), n(r.pairsMissingAny)]);
  return table(rows, 2);
}

function classTable(result: SplitResult): string[] {
  const present = result.classes.filter((c) => c.positives > 0);
  const shown = [...present].sort((a, b) => a.positives - b.positives || a.index - b.index).slice(0, SPLIT_TEXT_CLASSES);
  if (shown.length === 0) return [];
  const split = result.names.join("/");
  const rows: string[][] = [["class", "positives", `stratified ${split}`, `random ${split}`]];
  for (const c of shown) rows.push([className(result, c.index), n(c.positives), c.stratified.map(n).join("/"), c.random.map(n).join("/")]);
  const title = present.length > shown.length ? `per-class positives, the ${n(shown.length)} rarest of ${n(present.length)} classes with positives (all in --reporter json):` : "per-class positives:";
  return ["", `  ${title}`, ...table(rows, 1)];
}

/**
 * What `split` did, as text: the inputs and what became of their lines (the
 * conservation equation), the files written, stratified beside random, and
 * the rarest classes per split.
 */
export function formatSplitText(result: SplitResult): string {
  const out: string[] = [];
  const ratios = result.names.map((name, f) => `${name} ${result.ratios[f]}`).join(", ");
  const from = [...new Set(result.inputs.map((i) => i.format))].join(", ");
  out.push(`split ${result.inputs.map((i) => i.path).join(" + ")} (${from}, ${plural(result.numClasses, "class", "classes")}) into ${ratios}, seed ${result.seed}`);
  const c = result.counts;
  const unit = result.inputs.every((i) => i.records) ? "records" : result.inputs.some((i) => i.records) ? "lines and records" : "lines";
  const splits = result.names.map((name, f) => `${n(c.perSplit[f]!)} ${name}`).join(" + ");
  out.push(`  ${n(c.linesIn)} ${unit} in = ${splits} + ${n(c.rowsRejected)} rejected + ${n(c.linesDropped)} dropped${result.conserved ? " ✓" : "  (MISMATCH)"}`);
  for (const input of result.inputs) {
    const errors = Object.entries(input.errors).sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]));
    if (errors.length > 0) out.push(`  check of ${input.path}: ${errors.map(([rule, count]) => `${n(count)} ${rule}`).join(", ")} (errors; a row with one is rejected, the rest concern no single row)`);
  }
  const dropped = Object.entries(result.dropped);
  if (dropped.length > 0) out.push(`  dropped: ${dropped.map(([reason, count]) => `${n(count)} ${reason}`).join(", ")}`);
  for (const g of result.rejected) out.push(`  rejected: ${n(g.rows)} ${g.reason} (first at ${g.first})`);
  if (result.duplicatesPlaced > 0) out.push(`  ${plural(result.duplicatesPlaced, "row repeats an image", "rows repeat an image")} listed earlier: placed in the split of the first copy (no image in two splits)`);
  out.push(`  wrote ${result.written.files.join(", ")} (${result.format}, ${result.formatReason}) and ${result.written.rejects}`);
  if (result.written.classNames !== undefined) out.push(`  wrote the inputs' ${result.numClasses === 1 ? "class name" : `${result.numClasses} class names`} to ${result.written.classNames} (${result.format} has no place for them; --class-names reads them back)`);
  out.push("", ...comparison(result));
  const missing = result.names.flatMap((name, f) => result.stratified.classesMissing[f]!.map((index) => `${className(result, index)} in ${name} (${plural(result.classes[index]!.positives, "positive")} in all)`));
  if (missing.length > 0) out.push("", `  stratified, classes with no positive in a split: ${missing.slice(0, 10).join("; ")}${missing.length > 10 ? `; and ${n(missing.length - 10)} more` : ""}`);
  const absent = result.classes.filter((cls) => cls.positives === 0).length;
  if (absent > 0) out.push(`  ${plural(absent, "class has", "classes have")} no positive in any row, so in no split`);
  out.push(...classTable(result));
  // Paths and class names are data: shown with control and bidi characters escaped.
  return `${out.map(visible).join("\n")}\n`;
}

/** The whole result as JSON (schemas/split-report.schema.json). */
export function formatSplitJson(result: SplitResult): string {
  return joinPieces(writeSplitJson(result));
}

/** {@link formatSplitJson} in pieces. */
export function writeSplitJson(result: SplitResult): Generator<string> {
  return writeJsonValue(result);
}

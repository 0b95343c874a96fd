import { filesChecked, joinPieces } from "./types.js";
import { jsonPieces } from "./json-stream.js";
import { maxOf } from "./measure.js";
import { painter, type Paint } from "./paint.js";
import { allRules } from "../rules/index.js";
import type { DatasetStatistics, FileResult, LintResult, PrevalenceComparison, Problem } from "../types.js";
import { formatCount, formatPercent, plural } from "../text/numbers.js";
import { visible } from "../text/visible.js";
import { compareText } from "../text/compare.js";

export interface StatsFormatOptions {
  /** ANSI colours. */
  color?: boolean;
}

const DASH = "—";
const WITHOUT_POSITIVES = "class-without-positives";

const int = formatCount;
const fixed = (value: number | null, digits: number): string => (value === null || !Number.isFinite(value) ? DASH : value.toFixed(digits));
const percent = formatPercent;
const codeOf = new Map(allRules.map((r) => [r.meta.name, r.meta.code]));
/** Classes without positives named on their line beyond those listed as problems. */
const NAMED_WITHOUT_POSITIVES = 100;


/**
 * Right-aligns every column but those listed in `left`; the header is
 * aligned like its column. Lines one at a time; `rows` is called twice (once
 * for the widths), so a table of 300,000 classes is never held whole.
 */
function* table(header: string[], rows: () => Iterable<string[]>, left: ReadonlySet<number>): Generator<string> {
  const widths = header.map((h) => h.length);
  for (const row of rows()) row.forEach((cell, i) => (widths[i] = Math.max(widths[i]!, cell.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (left.has(i) ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  yield line(header);
  for (const row of rows()) yield line(row);
}

function className(file: FileResult, index: number, stats?: DatasetStatistics): string | undefined {
  return stats?.classes[index]?.name ?? file.classNames?.[index];
}

function summaryBlock(file: FileResult, stats: DatasetStatistics, paint: Paint): string[] {
  const { shape } = file;
  const atLeast = stats.labelsetsTruncated ? "≥ " : "";
  const verdict = shape.ok
    ? `[${int(shape.rows)}, ${shape.columns}] binary ${paint.green("✓")}`
    : `[${int(shape.rows)}, ${shape.columns}] ${paint.red("✗")} ${visible(shape.reasons.join("; "))}`;
  const left = stats.rows !== file.rows ? ` (clean rows; ${int(file.rows - stats.rows)} of ${int(file.rows)} data rows are not in the matrix)` : "";
  const entries: [string, string][] = [
    ["N (rows)", `${int(stats.rows)}${left}`],
    ["C (classes)", `${int(stats.numClasses)} (${file.numClassesReason})`],
    ["shape", verdict],
    ["label cardinality", fixed(stats.cardinality, 4)],
    ["label density", fixed(stats.density, 4)],
    ["distinct labelsets", `${atLeast}${int(stats.distinctLabelsets)}`],
    ["single-occurrence labelsets", `${atLeast}${int(stats.singleOccurrenceLabelsets)}`],
    ["max labelset frequency", `${atLeast}${int(stats.maxLabelsetFrequency)}`],
    ["MaxIR", fixed(stats.maxIR, 3)],
    ["MeanIR", fixed(stats.meanIR, 3)],
    ["CVIR", fixed(stats.cvIR, 4)],
    ["SCUMBLE", stats.scumble === null && stats.labelsetsTruncated ? `${DASH} (too many distinct labelsets to keep)` : fixed(stats.scumble, 4)],
  ];
  const width = maxOf(entries, ([k]) => k.length);
  const out = entries.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`);
  if (stats.labelsetsTruncated) out.push(paint.dim("  ≥: more distinct labelsets than are kept; labelset figures are lower bounds"));
  if (stats.maxIR !== null && stats.classes.some((c) => c.irlbl === null)) {
    out.push(paint.dim("  MaxIR, MeanIR and CVIR are over the classes with at least one positive"));
  }
  return out;
}

function* classTable(file: FileResult, stats: DatasetStatistics): Generator<string> {
  const named = stats.classes.some((c) => c.name !== undefined);
  const header = ["class", ...(named ? ["name"] : []), "positives", "prevalence", "IRLbl", "pos_weight", "label_ratio"];
  const rows = function* (): Generator<string[]> {
    for (const c of stats.classes) {
      const undefinedMark = c.positives === 0 ? `${DASH}*` : DASH;
      yield [
        String(c.index),
        ...(named ? [visible(className(file, c.index, stats) ?? "")] : []),
        int(c.positives),
        percent(c.prevalence),
        c.irlbl === null ? undefinedMark : c.irlbl.toFixed(3),
        c.posWeight === null ? undefinedMark : c.posWeight.toFixed(3),
        c.labelRatio.toFixed(6),
      ];
    }
  };
  for (const l of table(header, rows, new Set(named ? [1] : []))) yield `  ${l}`;
  if (stats.classes.some((c) => c.positives === 0)) yield `  ${DASH}* no positives: undefined (${WITHOUT_POSITIVES})`;
}

function problemBlock(file: FileResult, stats: DatasetStatistics | undefined, paint: Paint): string[] {
  const out: string[] = [];
  const entries = Object.entries(file.counts).sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]));
  if (entries.length === 0) out.push(`  ${paint.green("✓")} no problems`);
  else {
    const parts = [plural(file.errorCount, "error"), plural(file.warningCount, "warning")];
    out.push(`  problems: ${parts.join(", ")} (labellint check lists them with line numbers)`);
    const width = maxOf(entries, ([, c]) => int(c).length);
    for (const [rule, count] of entries) {
      const code = codeOf.get(rule);
      out.push(`    ${int(count).padStart(width)}  ${rule}${code !== undefined ? paint.dim(` (${code})`) : ""}`);
    }
  }
  // Classes without positives, explicitly: they are why a value above is undefined.
  const reported = file.problems.filter((p: Problem) => p.rule === WITHOUT_POSITIVES);
  for (const p of reported) {
    const severity = p.severity === "error" ? paint.red("error") : paint.yellow("warn ");
    out.push(`  ${severity}  ${visible(p.message)}  ${paint.dim(visible(p.rule))}`);
  }
  const listed = new Set(reported.map((p) => p.classIndex));
  const rest = (stats?.classes ?? []).filter((c) => c.positives === 0 && !listed.has(c.index));
  if (rest.length > 0) {
    // Named up to a screenful: an extreme class count leaves hundreds of thousands (the per-class table and json have each).
    const names = rest.slice(0, NAMED_WITHOUT_POSITIVES).map((c) => `${c.index}${c.name !== undefined ? ` ${c.name}` : ""}`);
    const more = rest.length > names.length ? ` and ${int(rest.length - names.length)} more` : "";
    out.push(`  classes without positives: ${names.join(", ")}${more}${(file.counts[WITHOUT_POSITIVES] ?? 0) === 0 ? ` (${WITHOUT_POSITIVES} is off)` : ""}`);
  }
  return out;
}

function* formatFile(file: FileResult, paint: Paint): Generator<string> {
  yield* [paint.bold(visible(file.path)), paint.dim(visible(`  format ${file.format} (${file.formatReason}); split ${file.split}`)), ""];
  const stats = file.statistics;
  if (stats === undefined) yield "  no statistics computed";
  else {
    yield* summaryBlock(file, stats, paint);
    if (stats.numClasses > 0) {
      yield "";
      yield* classTable(file, stats);
    }
  }
  yield "";
  yield* problemBlock(file, stats, paint);
}

function formatComparison(comparison: PrevalenceComparison, paint: Paint): string[] {
  const name = (n: string | undefined) => (n !== undefined ? ` ${visible(n)}` : "");
  const out = [
    paint.bold(visible(`train vs eval prevalence: ${comparison.train} vs ${comparison.eval}`)),
    `  L∞ distance ${comparison.linf.toFixed(4)} (${(comparison.linf * 100).toFixed(2)} percentage points), at class ${comparison.classIndex}${name(comparison.className)}`,
  ];
  if (comparison.top.length > 0) {
    out.push("", `  largest differences (eval − train):`);
    const named = comparison.top.some((d) => d.name !== undefined);
    const header = ["class", ...(named ? ["name"] : []), "train", "eval", "difference"];
    const rows = comparison.top.map((d) => [
      String(d.index),
      ...(named ? [visible(d.name ?? "")] : []),
      percent(d.train),
      percent(d.eval),
      `${d.difference > 0 ? "+" : d.difference < 0 ? "−" : " "}${Math.abs(d.difference * 100).toFixed(2)} pp`,
    ]);
    for (const l of table(header, () => rows, new Set(named ? [1] : []))) out.push(`    ${l}`);
  }
  return out;
}

/**
 * `labellint stats` as text: per file a summary block (N, C, shape, label
 * cardinality and density, labelsets, MaxIR, MeanIR, CVIR, SCUMBLE), a
 * per-class table, the problems by rule with the classes that have no
 * positive, and, for two files, the train-vs-eval prevalence comparison.
 * Undefined values (a class without positives) show as "—", never Infinity.
 */
export function formatStatsText(result: LintResult, options: StatsFormatOptions = {}): string {
  return joinPieces(writeStatsText(result, options));
}

/** {@link formatStatsText} in pieces, one line each. */
export function* writeStatsText(result: LintResult, options: StatsFormatOptions = {}): Generator<string> {
  for (const line of statsLines(result, options)) yield `${line}\n`;
}

function* statsLines(result: LintResult, options: StatsFormatOptions): Generator<string> {
  const paint = painter(options.color ?? false);
  for (const file of result.files) {
    yield* formatFile(file, paint);
    yield "";
  }
  if (result.comparison !== undefined) {
    yield* formatComparison(result.comparison, paint);
    yield "";
  } else if (result.files.length === 2) {
    const [a, b] = result.files as [FileResult, FileResult];
    const why = a.numClasses !== b.numClasses ? `${a.path} has ${int(a.numClasses)} classes, ${b.path} has ${int(b.numClasses)}` : "no classes";
    yield paint.dim(`train vs eval prevalence: not compared (${why})`);
    yield "";
  }
  const { errorCount, warningCount } = result.summary;
  if (errorCount + warningCount === 0) yield paint.green(`✓ no problems in ${plural(filesChecked(result), "file")}`);
  else {
    const mark = errorCount > 0 ? paint.red("✖") : paint.yellow("⚠");
    yield `${mark} ${plural(errorCount + warningCount, "problem")} (${plural(errorCount, "error")}, ${plural(warningCount, "warning")}) in ${plural(filesChecked(result), "file")}`;
  }
}

/** `labellint stats --reporter json`: the LintResult (files carry `statistics`; `comparison` for two files). */
export function formatStatsJson(result: LintResult): string {
  return joinPieces(writeStatsJson(result));
}

/** {@link formatStatsJson} in pieces. */
export function* writeStatsJson(result: LintResult): Generator<string> {
  yield* jsonPieces(result);
  yield "\n";
}

import { dirname, resolve } from "node:path";
import type { CanonicalInput } from "../readers/records.js";
import type { FileResult, FixEdit, Problem } from "../types.js";
import type { LintOptions } from "./options.js";
import { byPosition, quoteInto } from "./rule-context.js";
import { fileLineReader } from "../io/source.js";
import { chooseConsumer } from "./facts.js";

/** `line N` in a message or fix text → the original line; not a line of another file (`line N of F`, `in F line N`). */
function relocateText(text: string, locate: (line: number) => number): string {
  return text.replace(/(?<!\bin \S+ )\bline (\d+)\b(?! of )/g, (_, n: string) => `line ${locate(Number(n))}`);
}

function relocateEdit(edit: FixEdit, locate: (line: number) => number): FixEdit {
  if (edit.kind === "replace") return { ...edit, line: locate(edit.line) };
  if (edit.kind === "drop-line") return { ...edit, line: locate(edit.line), reason: relocateText(edit.reason, locate) };
  return edit;
}

/**
 * A canonical problem with the line numbers in its texts (message, fix
 * description, drop reasons) told as the original input's, its own `line`
 * fields left canonical: what the fixer works from on a record input.
 */
export function relocateTexts(problem: Problem, lineOf: (line: number) => number): Problem {
  const p: Problem = { ...problem, message: relocateText(problem.message, lineOf) };
  if (problem.fix !== undefined) {
    p.fix = {
      ...problem.fix,
      description: relocateText(problem.fix.description, lineOf),
      edits: problem.fix.edits.map((e) => (e.kind === "drop-line" ? { ...e, reason: relocateText(e.reason, lineOf) } : e)),
    };
  }
  return p;
}

/** Groups `wanted` (file → lines) and re-reads those lines. */
async function rereadLines(wanted: Map<string, Set<number>>, maxLineBytes: number): Promise<Map<string, Map<number, string>>> {
  const out = new Map<string, Map<number, string>>();
  for (const [file, lines] of wanted) {
    const sorted = [...lines].sort((a, b) => a - b);
    const found = await fileLineReader(file, maxLineBytes)(sorted).catch(() => new Map());
    const texts = new Map<number, string>();
    for (const [line, value] of found as Map<number, { bytes: Buffer }>) texts.set(line, value.bytes.toString("utf8").replace(/\r$/, ""));
    out.set(file, texts);
  }
  return out;
}

/**
 * The result of linting a canonical file, told in terms of the original
 * input: lines, rows and columns mapped back (class values of a `columns`
 * input to their per-class file), quoted lines re-read from the original,
 * the reader's own problems merged in line order with exact counts, and the
 * records the reader rejected counted as rows that are not in the matrix.
 */
export async function relocateResult(inner: FileResult, canonical: CanonicalInput, options: LintOptions, originalPath: string): Promise<FileResult> {
  const lineOf = (line: number) => canonical.locate(line).line;
  const keepsColumns = canonical.format !== "json";
  /** Lines to re-read for quoting: file (as read) → lines; and which problems want them. */
  const wanted = new Map<string, Set<number>>();
  const quotes: { problem: Problem; file: string; line: number }[] = [];
  const want = (problem: Problem, file: string, line: number) => {
    let set = wanted.get(file);
    if (set === undefined) wanted.set(file, (set = new Set()));
    set.add(line);
    quotes.push({ problem, file, line });
  };

  const problems: Problem[] = [];
  for (const original of inner.problems) {
    const p: Problem = { ...original };
    p.message = relocateText(p.message, lineOf);
    if (p.fix !== undefined) p.fix = { ...p.fix, description: relocateText(p.fix.description, lineOf), edits: p.fix.edits.map((e) => relocateEdit(e, lineOf)) };
    if (p.rule === "bom") {
      // The mark is at the start of the input, whatever its first canonical line is.
      p.line = 1;
      delete p.source;
    } else if (p.line !== undefined) {
      const line = p.line;
      if (p.row !== undefined) p.row = canonical.originRow(line, p.row);
      const value = p.classIndex !== undefined && p.source !== undefined ? canonical.locateValue(line, p.classIndex) : undefined;
      if (value !== undefined) {
        // A bad value of a `columns` input: its own file and line.
        p.file = value.file;
        p.line = value.line;
        delete p.column;
        delete p.length;
        delete p.source;
        delete p.sourceStart;
        want(p, value.file, value.line);
      } else {
        p.line = lineOf(line);
        if (p.source !== undefined && keepsColumns) {
          const tab = p.sourceStart === undefined ? p.source.indexOf("\t") : -1;
          const column = p.column !== undefined ? canonical.originColumn(line, p.column, tab === -1 ? 0 : tab + 2) : undefined;
          if (column !== undefined) p.column = column;
          else {
            delete p.column;
            delete p.length;
          }
          delete p.source;
          want(p, originalPath, p.line);
        } else {
          delete p.source;
          delete p.sourceStart;
          delete p.column;
          delete p.length;
        }
      }
    }
    problems.push(p);
  }
  const texts = await rereadLines(wanted, options.maxLineBytes ?? 1 << 20);
  for (const { problem, file, line } of quotes) {
    const text = texts.get(file)?.get(line);
    if (text === undefined) continue;
    if (problem.file !== undefined && problem.column === undefined) {
      problem.column = 1;
      problem.length = Math.max(1, text.length);
    }
    quoteInto(problem, text);
  }

  // The reader's problems, capped per rule like the engine's; counts stay exact.
  const cap = options.maxProblemsPerRule ?? Number.POSITIVE_INFINITY;
  const listed = new Map<string, number>();
  for (const p of problems) listed.set(p.rule, (listed.get(p.rule) ?? 0) + 1);
  const counts = { ...inner.counts };
  let { errorCount, warningCount, omitted } = inner;
  for (const p of canonical.problems) {
    counts[p.rule] = (counts[p.rule] ?? 0) + 1;
    if (p.severity === "error") errorCount++;
    else warningCount++;
    const n = listed.get(p.rule) ?? 0;
    if (n >= cap) {
      omitted++;
      continue;
    }
    listed.set(p.rule, n + 1);
    problems.push(p);
  }
  problems.sort(byPosition);

  const rejected = canonical.rejected.length;
  const shape = { ...inner.shape, rows: inner.shape.rows + rejected, reasons: [...inner.shape.reasons] };
  if (rejected > 0) {
    shape.ok = false;
    shape.reasons.unshift(`${rejected} ${rejected === 1 ? "record" : "records"} could not be read as a row of ${inner.numClasses} values`);
    const none = shape.reasons.indexOf("no data rows");
    if (none !== -1) shape.reasons.splice(none, 1);
  }
  return {
    ...inner,
    format: canonical.format,
    formatReason: canonical.formatReason,
    lines: canonical.lines,
    rows: inner.rows + rejected,
    shape,
    problems,
    counts,
    omitted,
    errorCount,
    warningCount,
    bytes: canonical.bytes,
  };
}

/** The lint options for a canonical file: paddleclas, C and names as the input declares them, images relative to the original. */
export function canonicalOptions(canonical: CanonicalInput, options: LintOptions, originalPath: string): LintOptions {
  const { columns: _columns, ...rest } = options;
  const { consumer, reason } = chooseConsumer(canonical.format, options);
  return {
    ...rest,
    // The canonical lines are read by the program that reads the original.
    consumer: consumer.id,
    consumerReason: reason,
    canonicalOf: canonical.format,
    unreadRecords: canonical.rejected.length + (canonical.rejected.length === 0 && canonical.problems.some((p) => p.severity === "error") ? 1 : 0),
    format: "paddleclas",
    // A copy unless the input is itself a paddleclas file (then it is linted in place).
    ...(canonical.path !== originalPath ? { transientInput: true } : {}),
    formatReason: canonical.formatReason,
    ...(canonical.numClasses !== undefined ? { numClasses: canonical.numClasses } : {}),
    ...(canonical.classNames !== undefined ? { classNames: canonical.classNames } : {}),
    ...(canonical.classSource !== undefined ? { classSource: canonical.classSource } : {}),
    ...(options.checkImages || options.hashImages ? { imageRoot: resolve(options.imageRoot ?? dirname(resolve(originalPath))) } : {}),
  };
}

/**
 * Lints a canonical file: the result as the engine sees the canonical lines
 * (`canonical`, what the fixer and converter work from) and as told about the
 * original input (`result`, what reports show).
 */
export async function lintCanonical(
  canonical: CanonicalInput,
  options: LintOptions,
  originalPath: string,
  displayPath: string,
): Promise<{ canonical: FileResult; result: FileResult }> {
  const { lintFile } = await import("./lint.js");
  const inner = await lintFile(canonical.path, canonicalOptions(canonical, options, originalPath), displayPath);
  // Eval files name where a leaked image is in this train file: its own line, not the canonical one.
  if (inner.split === "train" && canonical.path !== originalPath) options.splits?.relocate(displayPath, (line) => canonical.locate(line).line);
  return { canonical: inner, result: await relocateResult(inner, canonical, options, originalPath) };
}

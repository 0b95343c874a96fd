import type { Row } from "../readers/row.js";
import type { ConsumerId, ReportedSeverity, Fix, FixEdit, Problem, TextChange } from "../types.js";
import type { RowOrigin } from "../readers/origin.js";
import type { ConfigContext, DatasetView, FileFacts, LineReportDescriptor, ReportDescriptor, RuleContext } from "./api.js";
import type { ResolvedRule } from "./settings.js";
import { findingResolver } from "./findings.js";
import { fileLineReader } from "../io/source.js";
import { compareText } from "../text/compare.js";
import { heldOne } from "../io/limits.js";
import { shortText } from "../text/bytes.js";

export { formatMessage } from "./findings.js";

export type { FileInfo } from "../types.js";

/** Where reports go: the listing (capped per rule) and exact totals. */
export interface ProblemSink {
  problems: Problem[];
  counts: Record<string, number>;
  /** Of `counts`, the errors per rule; undefined when a part merged in did not say (a partial of an earlier labellint). */
  errorCounts: Record<string, number> | undefined;
  omitted: number;
  /** Of `omitted`: line findings a file-level finding explains (not listed whatever the cap). */
  explained: number;
  errorCount: number;
  warningCount: number;
  fixable: { safe: number; unsafe: number };
  cap: number;
  /** Cap for a rule's findings about one class with no line (C may be 670k: one per class); at most `cap`. */
  classCap: number;
  /** Rules listed up to another cap than `cap` (0: counted, never listed). */
  caps?: ReadonlyMap<string, number>;
  /** Warnings are neither listed nor counted as warnings (`--quiet`); `quietWarnings` counts them. */
  errorsOnly?: boolean;
  /** Warnings `errorsOnly` left out: what `--max-warnings` still counts, as ESLint does. */
  quietWarnings: number;
  /** Problems listed so far, by rule (the cap applies to these). */
  listed: Record<string, number>;
}

/** Problems in reading order: by line, then column, then code. */
export function byPosition(a: Problem, b: Problem): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || compareText(a.code, b.code);
}

/** What a sink holds, as a result reports it: the problems in reading order and the exact totals. */
export function sinkTotals(sink: ProblemSink): Pick<ProblemSink, "problems" | "counts" | "omitted" | "errorCount" | "warningCount" | "fixable"> & { errorCounts?: Record<string, number>; explained?: number; quietWarnings?: number } {
  return {
    problems: sink.problems.sort(byPosition),
    counts: sink.counts,
    ...(sink.errorCounts !== undefined ? { errorCounts: sink.errorCounts } : {}),
    omitted: sink.omitted,
    ...(sink.explained > 0 ? { explained: sink.explained } : {}),
    errorCount: sink.errorCount,
    warningCount: sink.warningCount,
    ...(sink.quietWarnings > 0 ? { quietWarnings: sink.quietWarnings } : {}),
    fixable: sink.fixable,
  };
}

/** What a part's sink holds (a file read in parts): its problems in the order reported, at the part's own lines and rows. */
export type SavedSink = Pick<ProblemSink, "problems" | "counts" | "omitted" | "explained" | "errorCount" | "warningCount" | "fixable"> & { errorCounts?: Record<string, number>; quietWarnings?: number };

export function saveSink(sink: ProblemSink): SavedSink {
  const { problems, counts, errorCounts, omitted, explained, errorCount, warningCount, quietWarnings, fixable } = sink;
  return { problems, counts, ...(errorCounts !== undefined ? { errorCounts } : {}), omitted, explained, errorCount, warningCount, quietWarnings, fixable };
}

/**
 * Adds the parts' sinks (in file order) to `sink`: totals summed, problems
 * moved to the file's lines and rows and listed up to each rule's cap in file
 * order — the problems one pass would have listed, since every part lists its
 * first ones.
 */
export function mergeSinks(sink: ProblemSink, parts: readonly { sink: SavedSink; lineOffset: number; rowOffset: number }[]): void {
  for (const { sink: part, lineOffset, rowOffset } of parts) {
    for (const [rule, n] of Object.entries(part.counts)) sink.counts[rule] = (sink.counts[rule] ?? 0) + n;
    if (part.errorCounts === undefined) sink.errorCounts = undefined;
    else if (sink.errorCounts !== undefined) for (const [rule, n] of Object.entries(part.errorCounts)) sink.errorCounts[rule] = (sink.errorCounts[rule] ?? 0) + n;
    sink.omitted += part.omitted;
    sink.explained += part.explained;
    sink.errorCount += part.errorCount;
    sink.warningCount += part.warningCount;
    // (A partial report written before it was counted has none.)
    sink.quietWarnings += part.quietWarnings ?? 0;
    sink.fixable.safe += part.fixable.safe;
    sink.fixable.unsafe += part.fixable.unsafe;
    for (const problem of part.problems) {
      const listed = sink.listed[problem.rule] ?? 0;
      if (listed >= (sink.caps?.get(problem.rule) ?? sink.cap)) {
        sink.omitted++;
        continue;
      }
      sink.listed[problem.rule] = listed + 1;
      sink.problems.push(moved(problem, lineOffset, rowOffset));
    }
  }
}

/** A part's problem at the file's lines and rows. */
function moved(problem: Problem, lineOffset: number, rowOffset: number): Problem {
  if (problem.line !== undefined) problem.line += lineOffset;
  if (problem.row !== undefined) problem.row += rowOffset;
  if (problem.fix !== undefined) {
    const at = <T extends { line: number; row?: number }>(e: T): T => ({ ...e, line: e.line + lineOffset, ...(e.row !== undefined ? { row: e.row + rowOffset } : {}) });
    problem.fix.edits = problem.fix.edits.map((e) => (e.kind === "file" ? e : e.kind === "drop-line" && e.of !== undefined ? { ...at(e), of: at(e.of) } : at(e)));
  }
  return problem;
}

/**
 * An empty sink listing at most `cap` problems per rule (all when undefined),
 * and none of the `unlisted` rules' (still counted); with `errorsOnly`, warnings are dropped.
 */
export function newSink(cap: number | undefined, unlisted: readonly string[] = [], errorsOnly = false, classCap?: number): ProblemSink {
  const all = cap ?? Number.POSITIVE_INFINITY;
  const sink: ProblemSink = { problems: [], counts: {}, errorCounts: {}, omitted: 0, explained: 0, errorCount: 0, warningCount: 0, quietWarnings: 0, fixable: { safe: 0, unsafe: 0 }, cap: all, classCap: Math.min(all, classCap ?? all), listed: {} };
  if (errorsOnly) sink.errorsOnly = true;
  if (unlisted.length > 0) sink.caps = new Map(unlisted.map((name) => [name, 0]));
  return sink;
}

const SOURCE_LIMIT = 240;


/** Column (0-based, UTF-16 units) of absolute byte offset `at` in the row's line. */
function offsetOf(row: Row, at: number): number {
  return row.nonAscii ? row.buf.toString("utf8", row.start, at).length : at - row.start;
}

/**
 * Sets `source` to the line, or for a long line to a window of at most
 * {@link SOURCE_LIMIT} characters around the reported column, marked with `…`;
 * `sourceStart` then says where in the line the window begins.
 */
export function quoteInto(problem: Problem, text: string): void {
  delete problem.sourceStart;
  if (text.length <= SOURCE_LIMIT) {
    problem.source = text;
    return;
  }
  const column = (problem.column ?? 1) - 1;
  const from = Math.max(0, Math.min(column - 80, text.length - SOURCE_LIMIT));
  const to = from + SOURCE_LIMIT;
  problem.source = `${from > 0 ? "…" : ""}${text.slice(from, to)}${to < text.length ? "…" : ""}`;
  if (from > 0) problem.sourceStart = from;
}

export function lineText(row: Row): string {
  return row.buf.toString("utf8", row.start, row.end);
}

/** A listed problem whose line is quoted from the input once the scan is over (a record format's own line). */
export interface PendingQuote {
  problem: Problem;
  file: string;
  line: number;
}

/** Quotes each pending problem's line, re-read from its file (a record input, or a per-class file for a `columns` value). */
export async function quotePending(quotes: readonly PendingQuote[], maxLineBytes: number): Promise<void> {
  const wanted = new Map<string, Set<number>>();
  for (const q of quotes) {
    let set = wanted.get(q.file);
    if (set === undefined) wanted.set(q.file, (set = new Set()));
    set.add(q.line);
  }
  const texts = new Map<string, Map<number, string>>();
  for (const [file, lines] of wanted) {
    const found = await fileLineReader(file, maxLineBytes)([...lines].sort((a, b) => a - b)).catch(() => new Map<number, { bytes: Buffer }>());
    const byLine = new Map<number, string>();
    for (const [line, value] of found) byLine.set(line, value.bytes.toString("utf8").replace(/\r$/, ""));
    texts.set(file, byLine);
  }
  for (const { problem, file, line } of quotes) {
    const text = texts.get(file)?.get(line);
    // A line longer than is read (a one-line JSON annotation of many megabytes) is not quoted where it was cut.
    if (text === undefined || (problem.column !== undefined && problem.column > text.length + 1)) continue;
    if (problem.file !== undefined && problem.length === undefined) problem.length = Math.max(1, text.length);
    quoteInto(problem, text);
  }
}

/**
 * The context handed to one rule's `create`. It checks every report against
 * the rule's declared messages and fix applicability — a rule cannot report
 * a message or a fix it did not declare — and turns what the rule saw into a
 * finding for the file's consumer: the consumer model decides, case by case
 * (message id), whether it is an error or a warning and what follows from it,
 * unless the user set the rule's severity. With `countOnlyLines`, findings
 * about lines are counted but not listed (a file-level finding explains them).
 *
 * With an `origin` (a record format read as canonical lines), every problem
 * is stamped with the input's own file, line, row and column when it is made;
 * its line is quoted from the input after the scan (`quotes`).
 */
export function createRuleContext(
  resolved: ResolvedRule,
  facts: FileFacts,
  dataset: DatasetView,
  sink: ProblemSink,
  options_: { countOnlyLines?: boolean; origin?: RowOrigin; quotes?: PendingQuote[] } = {},
): RuleContext {
  const { rule, severity, options } = resolved;
  const { meta } = rule;
  const { countOnlyLines = false, origin, quotes } = options_;
  const finding = findingResolver(resolved, facts.consumer, facts.imageDecoder ?? facts.imagelistReader);
  const cap = sink.caps?.get(meta.name) ?? sink.cap;
  const { listed } = sink;
  const name = meta.name;

  /**
   * Checks a reported fix against what the rule declares and returns its
   * applicability; a fix still to be made (a function) has the declared one.
   */
  function checkFix(fix: Fix | (() => Fix) | undefined): Fix["applicability"] | undefined {
    if (fix === undefined) return undefined;
    if (meta.fix.availability === "none" || meta.fix.applicability === "none") {
      throw new Error(`rule ${meta.name} reported a fix but declares none`);
    }
    if (typeof fix === "function") return meta.fix.applicability;
    if (fix.applicability !== meta.fix.applicability) {
      throw new Error(`rule ${meta.name} reported a ${fix.applicability} fix but declares ${meta.fix.applicability}`);
    }
    return fix.applicability;
  }

  /** Counts a problem past the listing cap without building it: counts stay exact, work stays small. */
  function countOnly(d: { fix?: Fix | (() => Fix) | undefined; classIndex?: number | undefined; line?: number | undefined }, level: ReportedSeverity, line: boolean): boolean {
    // `--quiet`: a warning is not a finding of this run, only a number `--max-warnings` may count.
    if (sink.errorsOnly && level !== "error") {
      checkFix(d.fix);
      sink.quietWarnings++;
      return true;
    }
    const about = !line && d.classIndex !== undefined && d.line === undefined ? Math.min(cap, sink.classCap) : cap;
    if ((listed[name] ?? 0) < about && !(line && countOnlyLines)) return false;
    const applicability = checkFix(d.fix);
    countOne(level);
    if (applicability !== undefined) sink.fixable[applicability]++;
    sink.omitted++;
    if (line && countOnlyLines) sink.explained++;
    return true;
  }

  /** The exact totals a finding adds, listed or not: its rule's count, and the errors or warnings. */
  function countOne(level: Problem["severity"]): void {
    sink.counts[meta.name] = (sink.counts[meta.name] ?? 0) + 1;
    if (level === "error") {
      sink.errorCount++;
      if (sink.errorCounts !== undefined) sink.errorCounts[meta.name] = (sink.errorCounts[meta.name] ?? 0) + 1;
    } else sink.warningCount++;
  }

  function add(problem: Problem): void {
    countOne(problem.severity);
    if (problem.fix !== undefined) sink.fixable[problem.fix.applicability]++;
    listed[name] = (listed[name] ?? 0) + 1;
    sink.problems.push(problem);
    heldOne();
  }

  /** A fix whose line edits name the input's own lines and rows (the rule saw canonical ones). */
  function located(fix: Fix | undefined): Fix | undefined {
    if (fix === undefined || origin === undefined) return fix;
    return {
      ...fix,
      edits: fix.edits.map((e) => {
        if (e.kind === "file") return e;
        const row = origin.row(e.line);
        const { change: _change, ...rest } = e as typeof e & { change?: unknown };
        // The copy a drop repeats, at the input's line and row too.
        if (e.kind === "drop-line" && e.of !== undefined) {
          const ofRow = origin.row(e.of.line);
          (rest as { of?: { line: number; row?: number } }).of = { line: origin.line(e.of.line), ...(ofRow !== undefined ? { row: ofRow } : {}) };
        }
        // A change's columns are the canonical line's: not the input's text.
        return { ...rest, line: origin.line(e.line), ...(row !== undefined ? { row } : {}) } as FixEdit;
      }),
    };
  }

  function base(messageId: string, data: Record<string, string | number> | (() => Record<string, string | number>) | undefined, fix: Fix | undefined, level: ReportedSeverity): Problem {
    checkFix(fix);
    return { code: meta.code, rule: meta.name, severity: level, message: finding.message(messageId, typeof data === "function" ? data() : data) };
  }

  function quoteLater(problem: Problem, file: string, line: number): void {
    if (quotes !== undefined) quotes.push({ problem, file, line });
  }

  /** A finding about a JSON entry (canonical line `line`): at the column where the entry starts, quoted from there (a long line as a window around it). */
  function atEntry(problem: Problem, line: number): void {
    const start = origin?.entryColumn?.(line);
    if (start === undefined) return;
    problem.column = start;
    quoteLater(problem, origin!.source, problem.line!);
  }

  return {
    facts,
    options,
    severity,
    severityExplicit: resolved.explicit,
    dataset,
    report(d: ReportDescriptor): void {
      const level = finding.severity(d.messageId, d.severity);
      if (level === null || countOnly(d, level, false)) return;
      const problem = base(d.messageId, d.data, d.fix, level);
      if (d.classIndex !== undefined) problem.classIndex = d.classIndex;
      if (d.suggestion !== undefined) problem.suggestion = d.suggestion;
      if (d.length !== undefined) problem.length = d.length;
      if (origin === undefined || d.located !== undefined) {
        // The input's own places: a line format, or a record reader's finding.
        if (d.line !== undefined) problem.line = d.line;
        if (d.row !== undefined && d.row >= 0) problem.row = d.row;
        if (d.column !== undefined) problem.column = d.column;
        if (d.located?.file !== undefined) problem.file = d.located.file;
        if (d.source !== undefined) quoteInto(problem, d.source);
        // A JSON reader's finding at an entry (line and column): quoted from the entry's start, as the engine's are.
        else if (origin !== undefined && !origin.quotes && d.line !== undefined && d.column !== undefined && d.located?.file === undefined) quoteLater(problem, origin.source, d.line);
        if (d.fix !== undefined) problem.fix = d.fix;
      } else if (d.fileStart) {
        problem.line = 1;
        if (d.column !== undefined) problem.column = d.column;
        const fix = located(d.fix);
        if (fix !== undefined) problem.fix = fix;
      } else {
        if (d.line !== undefined) {
          problem.line = origin.line(d.line);
          const row = d.row !== undefined && d.row >= 0 ? origin.row(d.line) : undefined;
          if (row !== undefined) problem.row = row;
          // The path starts a record's line in every format that quotes one.
          if (d.source !== undefined && origin.quotes) {
            if (d.column === 1) problem.column = 1;
            quoteLater(problem, origin.source, problem.line);
          } else if (!origin.quotes) atEntry(problem, d.line);
        }
        const fix = located(d.fix);
        if (fix !== undefined) problem.fix = fix;
      }
      add(problem);
    },
    reportLine(row: Row, d: LineReportDescriptor): void {
      const level = finding.severity(d.messageId, d.severity);
      if (level === null || countOnly(d, level, true)) return;
      // Listed: a fix made on demand is made now, while the row is the one visited.
      const fix = typeof d.fix === "function" ? d.fix() : d.fix;
      const problem = base(d.messageId, d.data, fix, level);
      let column: number | undefined;
      let length: number | undefined;
      if (d.span !== undefined) {
        const at = offsetOf(row, d.span[0]);
        column = at + 1;
        length = Math.max(1, offsetOf(row, d.span[1]) - at);
      }
      if (d.classIndex !== undefined) problem.classIndex = d.classIndex;
      if (origin === undefined) {
        problem.line = row.line;
        if (row.row >= 0) problem.row = row.row;
        if (column !== undefined) {
          problem.column = column;
          problem.length = length!;
        }
        quoteInto(problem, lineText(row));
        if (fix !== undefined) problem.fix = fix;
        add(problem);
        return;
      }
      problem.line = origin.line(row.line);
      const inputRow = row.row >= 0 ? origin.row(row.line) : undefined;
      if (inputRow !== undefined) problem.row = inputRow;
      const value = d.classIndex !== undefined ? origin.value(row.line, d.classIndex) : undefined;
      if (value !== undefined) {
        // A bad value of a `columns` input: its own file and line.
        problem.file = value.file;
        problem.line = value.line;
        problem.column = 1;
        quoteLater(problem, value.file, value.line);
      } else if (origin.quotes) {
        const mapped = column !== undefined ? origin.column(row.line, column, offsetOf(row, row.labelsStart) + 1) : undefined;
        if (mapped !== undefined) {
          problem.column = mapped;
          problem.length = length!;
        }
        quoteLater(problem, origin.source, problem.line);
      } else atEntry(problem, row.line);
      const inInput = located(fix);
      if (inInput !== undefined) problem.fix = inInput;
      add(problem);
    },
    lineText,
    change(row: Row, start: number, end: number, newText: string): TextChange {
      return { start: offsetOf(row, start), end: offsetOf(row, end), oldText: shortText(row.buf, start, end), newText };
    },
    lineOf(line: number): number {
      return origin === undefined ? line : origin.line(line);
    },
    placeOf(line: number): string {
      if (origin === undefined) return String(line);
      const start = origin.entryColumn?.(line);
      return start === undefined ? String(origin.line(line)) : `${origin.line(line)}, column ${start}`;
    },
  };
}

/**
 * The context of a rule's config check: findings about a training config,
 * judged for the consumer that reads the config's files. It has no file
 * facts, rows or dataset.
 */
export function createConfigContext(resolved: ResolvedRule, sink: ProblemSink, consumer: ConsumerId): ConfigContext {
  const facts = { consumer } as FileFacts;
  const { options, severity, severityExplicit, report } = createRuleContext(resolved, facts, {} as DatasetView, sink);
  return {
    options,
    severity,
    severityExplicit,
    report(d: ReportDescriptor): void {
      // A value a --ppcls-override set (the located source is the override): the edit goes there, not into the file,
      // unless the suggestion already writes the override.
      const override = d.source?.startsWith("--ppcls-override ") === true && d.suggestion?.includes("--ppcls-override") !== true ? d.source.slice("--ppcls-override ".length) : undefined;
      report(override !== undefined && d.suggestion !== undefined ? { ...d, suggestion: `the value comes from --ppcls-override ${override}; change the override accordingly: ${d.suggestion}` } : d);
    },
  };
}

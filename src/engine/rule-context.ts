import type { Row } from "../readers/row.js";
import type { ReportedSeverity, Fix, FixEdit, Problem } from "../types.js";
import type { DatasetView, FileFacts, LineReportDescriptor, ReportDescriptor, RuleContext } from "./api.js";
import type { ResolvedRule } from "./settings.js";
import { findingResolver } from "./findings.js";

export { formatMessage } from "./findings.js";

export type { FileInfo } from "../types.js";

/** Where reports go: the listing (capped per rule) and exact totals. */
export interface ProblemSink {
  problems: Problem[];
  counts: Record<string, number>;
  omitted: number;
  /** Of `omitted`: line findings a file-level finding explains (not listed whatever the cap). */
  explained: number;
  errorCount: number;
  warningCount: number;
  fixable: { safe: number; unsafe: number };
  cap: number;
  /** Rules listed up to another cap than `cap` (0: counted, never listed). */
  caps?: ReadonlyMap<string, number>;
}

/** Problems in reading order: by line, then column, then code. */
export function byPosition(a: Problem, b: Problem): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.code.localeCompare(b.code);
}

/** What a sink holds, as a result reports it: the problems in reading order and the exact totals. */
export function sinkTotals(sink: ProblemSink): Pick<ProblemSink, "problems" | "counts" | "omitted" | "errorCount" | "warningCount" | "fixable"> & { explained?: number } {
  return {
    problems: sink.problems.sort(byPosition),
    counts: sink.counts,
    omitted: sink.omitted,
    ...(sink.explained > 0 ? { explained: sink.explained } : {}),
    errorCount: sink.errorCount,
    warningCount: sink.warningCount,
    fixable: sink.fixable,
  };
}

/** An empty sink listing at most `cap` problems per rule (all when undefined), and none of the `unlisted` rules' (still counted). */
export function newSink(cap: number | undefined, unlisted: readonly string[] = []): ProblemSink {
  const sink: ProblemSink = { problems: [], counts: {}, omitted: 0, explained: 0, errorCount: 0, warningCount: 0, fixable: { safe: 0, unsafe: 0 }, cap: cap ?? Number.POSITIVE_INFINITY };
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

/**
 * The context handed to one rule's `create`. It checks every report against
 * the rule's declared messages and fix applicability — a rule cannot report
 * a message or a fix it did not declare — and turns what the rule saw into a
 * finding for the file's consumer: the consumer model decides, case by case
 * (message id), whether it is an error or a warning and what follows from it,
 * unless the user set the rule's severity. With `countOnlyLines`, findings
 * about lines are counted but not listed (a file-level finding explains them).
 */
export function createRuleContext(resolved: ResolvedRule, facts: FileFacts, dataset: DatasetView, sink: ProblemSink, _row: Row, countOnlyLines = false): RuleContext {
  const { rule, severity, options } = resolved;
  const { meta } = rule;
  const finding = findingResolver(resolved, facts.consumer);
  const cap = sink.caps?.get(meta.name) ?? sink.cap;
  let listed = 0;

  function checkFix(fix: Fix | undefined): void {
    if (fix === undefined) return;
    if (meta.fix.availability === "none" || meta.fix.applicability === "none") {
      throw new Error(`rule ${meta.name} reported a fix but declares none`);
    }
    if (fix.applicability !== meta.fix.applicability) {
      throw new Error(`rule ${meta.name} reported a ${fix.applicability} fix but declares ${meta.fix.applicability}`);
    }
  }

  /** Counts a problem past the listing cap without building it: counts stay exact, work stays small. */
  function countOnly(d: { fix?: Fix | undefined }, level: ReportedSeverity, line: boolean): boolean {
    if (listed < cap && !(line && countOnlyLines)) return false;
    checkFix(d.fix);
    sink.counts[meta.name] = (sink.counts[meta.name] ?? 0) + 1;
    if (level === "error") sink.errorCount++;
    else sink.warningCount++;
    if (d.fix !== undefined) sink.fixable[d.fix.applicability]++;
    sink.omitted++;
    if (line && countOnlyLines) sink.explained++;
    return true;
  }

  function add(problem: Problem): void {
    sink.counts[meta.name] = (sink.counts[meta.name] ?? 0) + 1;
    if (problem.severity === "error") sink.errorCount++;
    else sink.warningCount++;
    if (problem.fix !== undefined) sink.fixable[problem.fix.applicability]++;
    listed++;
    sink.problems.push(problem);
  }

  function base(messageId: string, data: Record<string, string | number> | undefined, fix: Fix | undefined, level: ReportedSeverity): Problem {
    checkFix(fix);
    return { code: meta.code, rule: meta.name, severity: level, message: finding.message(messageId, data) };
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
      if (d.line !== undefined) problem.line = d.line;
      if (d.row !== undefined && d.row >= 0) problem.row = d.row;
      if (d.column !== undefined) problem.column = d.column;
      if (d.classIndex !== undefined) problem.classIndex = d.classIndex;
      if (d.source !== undefined) quoteInto(problem, d.source);
      if (d.length !== undefined) problem.length = d.length;
      if (d.fix !== undefined) problem.fix = d.fix;
      if (d.suggestion !== undefined) problem.suggestion = d.suggestion;
      add(problem);
    },
    reportLine(row: Row, d: LineReportDescriptor): void {
      const level = finding.severity(d.messageId, d.severity);
      if (level === null || countOnly(d, level, true)) return;
      const problem = base(d.messageId, d.data, d.fix, level);
      problem.line = row.line;
      if (row.row >= 0) problem.row = row.row;
      if (d.span !== undefined) {
        const column = offsetOf(row, d.span[0]);
        problem.column = column + 1;
        problem.length = Math.max(1, offsetOf(row, d.span[1]) - column);
      }
      if (d.classIndex !== undefined) problem.classIndex = d.classIndex;
      quoteInto(problem, lineText(row));
      if (d.fix !== undefined) problem.fix = d.fix;
      add(problem);
    },
    lineText,
    replace(row: Row, start: number, end: number, newText: string): FixEdit {
      const from = offsetOf(row, start);
      const to = offsetOf(row, end);
      return { kind: "replace", line: row.line, start: from, end: to, oldText: row.buf.toString("utf8", start, end), newText };
    },
  };
}

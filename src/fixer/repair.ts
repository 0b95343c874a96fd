import { isUtf8 } from "node:buffer";
import type { CleanSpan, RowWriter } from "../convert/writers.js";
import type { LineFormat } from "../readers/format.js";
import { isBlankLine } from "../text/bytes.js";
import { Row, tokenValues, TokenKind, type Token } from "../readers/row.js";
import { readUnseparated } from "../readers/unseparated.js";
import type { FixEdit, Problem } from "../types.js";
import type { Rule } from "../engine/api.js";
import type { EnabledApplicability, PlanReason } from "./plan.js";

/** What the fixer knows about the file from the check pass. */
export interface RepairContext {
  format: LineFormat;
  to: RowWriter;
  numClasses: number;
  signed: boolean;
  indexFile: boolean;
  unsafe: boolean;
  /**
   * `fix` (the default) applies every enabled fix. `convert` changes the
   * format and keeps every row: values and separators are written
   * canonically (that is what writing them means), `\` in a path becomes `/`
   * (backslash-path's fix), a line with an error is rejected, duplicates
   * stay, and only what is not a row (a blank line, a header) is dropped.
   */
  mode?: "fix" | "convert";
}

/**
 * Rules whose lines {@link decide} drops by itself (a blank line is blank
 * whatever the check said): the check pass counts their problems without
 * listing them, so a million blank lines cost no memory.
 */
export const DROPPED_BY_REWRITE: readonly string[] = ["blank-line"];

/** The only drops `convert` makes: lines that are not rows. */
const CONVERT_DROPS: ReadonlySet<string> = new Set(["blank-line", "header-row"]);
/** The fixes `convert` applies: canonical spellings, which writing a format implies, and `/` in paths. None adds, drops or merges a row. */
const CONVERT_NORMALISATIONS: ReadonlySet<string> = new Set(["non-canonical-value", "inconsistent-separator", "backslash-path"]);

export type Decision =
  | { kind: "drop"; reason: string; rule: string }
  | { kind: "reject"; reasons: PlanReason[] }
  | { kind: "keep"; text: string; rules: string[]; applicability: EnabledApplicability }
  /** A line with no problem: written from its own bytes by {@link RowWriter.writeClean}. */
  | ({ kind: "clean" } & CleanSpan);

interface Merge {
  newText: string;
  rule: string;
}

/** Problems of the check pass arranged by the line they concern. */
export class ProblemIndex {
  private readonly byLine = new Map<number, Problem[]>();
  private readonly merges = new Map<number, Merge>();
  /** Merge targets already decided and not written (rejected or dropped): nothing can be merged into them. */
  private readonly unwritten = new Set<number>();
  private readonly lineRules: ReadonlySet<string>;

  constructor(problems: readonly Problem[], rules: readonly Rule[]) {
    this.lineRules = new Set(rules.filter((r) => r.meta.scope === "line" || r.meta.scope === "line/file" || r.meta.name === "header-row").map((r) => r.meta.name));
    for (const p of problems) {
      // A file-scoped rule's finding about one line with an edit to it (a byte-order mark inside the file) is a line's too.
      if (p.line === undefined || (!this.lineRules.has(p.rule) && !(p.fix?.edits.some((e) => e.kind !== "file") ?? false))) continue;
      // A file-wide fix reported at its first line (index lists, -1/1) concerns the file, not that line.
      if (p.fix !== undefined && p.fix.edits.every((e) => e.kind === "file")) continue;
      const list = this.byLine.get(p.line) ?? [];
      list.push(p);
      this.byLine.set(p.line, list);
    }
  }

  /** Replace edits aimed at another line (the OR merge into a first copy), once unsafe fixes are on. */
  addMerges(problems: readonly Problem[]): void {
    for (const p of problems) {
      for (const e of p.fix?.edits ?? []) {
        if (e.kind === "replace" && e.line !== p.line) this.merges.set(e.line, { newText: e.newText, rule: p.rule });
      }
    }
  }

  at(line: number): readonly Problem[] {
    return this.byLine.get(line) ?? [];
  }

  mergeInto(line: number): Merge | undefined {
    return this.merges.get(line);
  }

  /** Notes what became of `line`, if other lines are to be merged into it. */
  decided(line: number, decision: Decision): void {
    if (decision.kind !== "keep" && decision.kind !== "clean" && this.merges.has(line)) this.unwritten.add(line);
  }

  /** The line a merge fix of `p` (on line `line`) merges into, when that line was not written. */
  strandedMerge(p: Problem, line: number): boolean {
    const into = p.fix?.edits.find((e): e is Extract<FixEdit, { kind: "replace" }> => e.kind === "replace" && e.line !== line)?.line;
    return into !== undefined && this.unwritten.has(into);
  }
}

function enabled(applicability: EnabledApplicability, unsafe: boolean): boolean {
  return applicability === "safe" || unsafe;
}

/** A reason that is not a rule's finding (what the output format cannot hold, …). */
const why = (message: string): PlanReason => ({ code: "", rule: "", message });
const reasonOf = (p: Problem): PlanReason => ({ code: p.code, rule: p.rule, message: p.message });

const NOT_UTF8: PlanReason = { code: "LL001", rule: "invalid-encoding", message: "line is not valid UTF-8 or has a NUL byte: rewriting it would change its bytes" };
const NO_SEPARATOR: PlanReason = why("no separator between the path and the labels, so where the path ends is a guess");
const MINUS_ONE: PlanReason = { code: "LL201", rule: "non-binary-value", message: "value '-1' in a file of 0/1 labels" };

const scratch = new Row();
const unseparated = new Row();

/**
 * Decides what happens to one physical line: dropped (blank, header,
 * duplicate), rejected (an error no enabled fix repairs), or kept and written
 * in canonical form. Canonical form is rebuilt from the parsed values, so the
 * safe fixes (separators, spellings, brackets, trailing separators, `\`)
 * apply together without overlapping edits.
 */
export function decide(line: number, bytes: Buffer, index: ProblemIndex, ctx: RepairContext): Decision {
  const decision = decideLine(line, bytes, index, ctx);
  index.decided(line, decision);
  return decision;
}

function decideLine(line: number, bytes: Buffer, index: ProblemIndex, ctx: RepairContext): Decision {
  const problems = index.at(line);
  const converting = ctx.mode === "convert";
  for (const p of problems) {
    if (converting && !CONVERT_DROPS.has(p.rule)) continue;
    const drop = p.fix?.edits.find((e): e is Extract<FixEdit, { kind: "drop-line" }> => e.kind === "drop-line" && e.line === line);
    // A copy merged into a line that was itself rejected would be lost: it is judged on its own instead.
    if (drop !== undefined && enabled(p.fix!.applicability, ctx.unsafe) && !index.strandedMerge(p, line)) return { kind: "drop", reason: drop.reason, rule: p.rule };
  }
  if (isBlankLine(bytes, 0, bytes.length)) return { kind: "drop", reason: "blank line", rule: "blank-line" };
  if (problems.length === 0) {
    const clean = cleanLine(line, bytes, index, ctx);
    if (clean !== undefined) return clean;
  }
  const blocking = problems.filter((p) => p.severity === "error" && (converting || p.fix === undefined || !enabled(p.fix.applicability, ctx.unsafe) || index.strandedMerge(p, line)));
  if (blocking.length > 0) return { kind: "reject", reasons: problems.filter((p) => p.severity === "error").map(reasonOf) };

  const used = new Set<string>();
  let applicability: EnabledApplicability = "safe";
  const use = (p: Problem) => {
    used.add(p.rule);
    if (p.fix?.applicability === "unsafe") applicability = "unsafe";
  };
  for (const p of problems) if (p.fix !== undefined && enabled(p.fix.applicability, ctx.unsafe) && (!converting || CONVERT_NORMALISATIONS.has(p.rule))) use(p);

  // Rebuilding the line as text would replace bytes that are not UTF-8: never change a path silently.
  if (!isUtf8(bytes) || bytes.includes(0)) {
    return { kind: "reject", reasons: [...problems.filter((p) => p.severity === "error").map(reasonOf), NOT_UTF8] };
  }
  const row = scratch;
  row.reset(bytes, 0, bytes.length, line);
  const tokens: Token[] = [];
  ctx.format.parse(row, tokens);
  let labelTokens = tokens;
  // Where the path ends is a guess on such a line: a repair, not a conversion.
  if (!row.hasSeparator && converting) return { kind: "reject", reasons: [...problems.map(reasonOf), NO_SEPARATOR] };
  if (!row.hasSeparator) {
    labelTokens = [];
    if (readUnseparated(row, unseparated, labelTokens) === undefined) {
      return { kind: "reject", reasons: [...problems.map(reasonOf), { code: "", rule: "", message: "no labels to read" }] };
    }
  }
  const pathEnd = row.hasSeparator ? row.pathEnd : unseparatedPathEnd(bytes, labelTokens);
  // convert keeps the path's spaces exactly as they are.
  let path = bytes.toString("utf8", 0, pathEnd);
  if (!converting) path = path.trimEnd();
  // `\` becomes `/` only by backslash-path's fix: with the rule off, a name that really holds `\` is kept.
  if (path.includes("\\") && problems.some((p) => p.rule === "backslash-path")) path = path.replace(/\\/g, "/");
  // A byte-order mark inside the file (concatenated files) goes only by bom's fix.
  if (path.startsWith("\uFEFF") && problems.some((p) => p.rule === "bom")) path = path.slice(1);
  const pathProblem = ctx.to.pathProblem(path);
  if (pathProblem !== undefined) return { kind: "reject", reasons: [...problems.filter((p) => p.severity === "error").map(reasonOf), why(pathProblem)] };

  let values: number[] | undefined;
  const merge = index.mergeInto(line);
  // In an index file, as the engine reads it: fewer than C values, or a value of 2 or more.
  const isIndexRow =
    problems.some((p) => p.rule === "index-labels") ||
    (ctx.indexFile && (labelTokens.length < ctx.numClasses || labelTokens.some((t) => t.kind === TokenKind.Integer)));
  if (merge !== undefined && ctx.unsafe) {
    values = merge.newText.split(/[ ,]/).map(Number);
    used.add(merge.rule);
    applicability = "unsafe";
  } else if (isIndexRow && labelTokens.every((t) => t.kind === TokenKind.Zero || t.kind === TokenKind.One || t.kind === TokenKind.Integer)) {
    if (!ctx.unsafe) {
      const how = converting ? "read the file with --format indices, or convert them with labellint fix --unsafe-fixes" : "convert them with --unsafe-fixes";
      return { kind: "reject", reasons: [{ code: "LL107", rule: "index-labels", message: `row lists class indices; ${how}` }] };
    }
    values = new Array<number>(ctx.numClasses).fill(0);
    for (const t of labelTokens) values[t.value] = 1;
    used.add("index-labels");
    applicability = "unsafe";
  } else {
    values = tokenValues(labelTokens);
  }
  if (values === undefined || values.length !== ctx.numClasses) {
    return { kind: "reject", reasons: [...problems.map(reasonOf), { code: "", rule: "", message: `values do not read as ${ctx.numClasses} labels of 0/1` }] };
  }
  // A -1 in a 0/1 file (found only now on a line that lacked its separator) is not a label value.
  if (!ctx.signed && values.includes(-1)) {
    return { kind: "reject", reasons: [...problems.filter((p) => p.severity === "error").map(reasonOf), MINUS_ONE] };
  }
  if (ctx.signed && ctx.unsafe && values.includes(-1)) {
    values = values.map((v) => (v === -1 ? 0 : v));
    used.add("signed-encoding");
    applicability = "unsafe";
  }
  const valuesProblem = ctx.to.valuesProblem(values);
  if (valuesProblem !== undefined) return { kind: "reject", reasons: [...problems.filter((p) => p.severity === "error").map(reasonOf), why(valuesProblem)] };
  let text = ctx.to.format(path, values);
  // Fields after the labels: dropped only by the unsafe extra-field fix (so not when that rule is off).
  if (row.extraStart >= 0 && !(ctx.unsafe && problems.some((p) => p.rule === "extra-field"))) {
    if (converting || ctx.to.lineFormat === undefined) {
      const how = converting ? "labellint fix --unsafe-fixes drops them" : "--unsafe-fixes drops them";
      return { kind: "reject", reasons: [...problems.filter((p) => p.severity === "error" || p.rule === "extra-field").map(reasonOf), why(`fields after the labels, which ${converting ? "convert does not carry" : `the ${ctx.to.id} format cannot hold`}; ${how}`)] };
    }
    text += bytes.toString("utf8", row.extraStart, row.end);
  }
  return { kind: "keep", text, rules: [...used].sort(), applicability };
}

/**
 * The fast path for a line with no problem: already canonical 0/1 values, so
 * the output is the line's own bytes (separators swapped for the target
 * format's). Undefined when the slow path is needed.
 */
function cleanLine(line: number, bytes: Buffer, index: ProblemIndex, ctx: RepairContext): Decision | undefined {
  if (ctx.signed || ctx.indexFile || index.mergeInto(line) !== undefined) return undefined;
  const row = scratch;
  row.reset(bytes, 0, bytes.length, line);
  ctx.format.parse(row, null);
  const c = row.kindCounts;
  if (!row.hasSeparator || row.k !== ctx.numClasses || c[TokenKind.Zero]! + c[TokenKind.One]! !== row.k) return undefined;
  if (row.oddSeparators > 0 || row.extraStart >= 0 || row.nested > 0 || row.trailingSepStart >= 0 || row.pathBackslash) return undefined;
  if (row.pathEnd + 1 !== row.labelsStart || row.labelsEnd - row.labelsStart !== 2 * row.k - 1) return undefined;
  if (!ctx.to.plainPath(bytes, row.pathEnd)) return undefined;
  return { kind: "clean", pathEnd: row.pathEnd, labelsStart: row.labelsStart, labelsEnd: row.labelsEnd, separator: ctx.format.valueSeparator.charCodeAt(0) };
}

/** Where the path ends in a line without its separator: before the run that precedes the first label token. */
function unseparatedPathEnd(bytes: Buffer, tokens: readonly Token[]): number {
  const first = tokens[0];
  let end = first === undefined ? bytes.length : first.start - 1;
  while (end > 0 && (bytes[end] === 32 || bytes[end] === 44 || bytes[end] === 9)) end--;
  return end + 1;
}

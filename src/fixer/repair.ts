import { isUtf8 } from "node:buffer";
import type { CleanSpan, RowWriter } from "../convert/writers.js";
import type { LineFormat } from "../readers/format.js";
import { isBlankLine } from "../text/bytes.js";
import { pythonLstrip, pythonRstrip } from "../text/python.js";
import { Row, tokenValues, TokenKind, type Token } from "../readers/row.js";
import { readUnseparated } from "../readers/unseparated.js";
import { joinedRows, joinOf } from "../readers/joined.js";
import { joinShapeOf } from "../engine/classify.js";
import { findRule } from "../engine/settings.js";
import { allRules } from "../rules/index.js";
import { unsafeReason } from "../rules/unsafe-path.js";
import type { FixEdit, Problem, RuleSetting } from "../types.js";
import type { Rule } from "../engine/api.js";
import type { EnabledApplicability, PlanReason } from "./plan.js";
import type { JoinedLines } from "./joined-lines.js";
import { pushTo } from "../collections.js";

/**
 * The fixer executes the edits the rules propose without knowing which rule
 * proposed them: each edit says what it means (drop the line, write its
 * values canonically, set them, normalise the path, split the path from the
 * values, drop the fields after them), and the rewriter applies a line's
 * edits in one fixed order to the parsed line, then writes the line again
 * from its parts — so edits never overlap.
 */

/** Whether a -1 in a 0/1 file is a value the file's reader takes (see {@link RepairContext.keepMinusOne}). */
export function keepsMinusOne(options: { minusOneMasked?: string | undefined; unknownLabels?: readonly (number | "")[] | undefined }): boolean {
  return options.minusOneMasked !== undefined || options.unknownLabels?.includes(-1) === true;
}

/** What the fixer knows about the file from the check pass. */
export interface RepairContext {
  format: LineFormat;
  to: RowWriter;
  numClasses: number;
  /** The file encodes labels as -1/1 (a -1 is a label value, not a defect). */
  signedFile: boolean;
  /** The finding that says the file is -1/1, when its rule is on: its fix maps -1 to 0 (unsafe). */
  signed?: PlanReason | undefined;
  /** Most rows list class indices: the finding that says so (its fix makes them multi-hot, unsafe). */
  indexFile?: PlanReason | undefined;
  /**
   * A -1 in this 0/1 file is a value its reader takes: the training config masks it
   * (`label_ratio` with MultiLabelLoss's `weight_ratio`), or `--unknown-label -1` says
   * it means "unknown". Rows holding one are written as they are, not rejected.
   */
  keepMinusOne?: boolean;
  unsafe: boolean;
  /**
   * `fix` (the default) applies every enabled fix. `convert` changes the
   * format and keeps every row: it applies only the edits that respell what
   * is there (values written canonically, a path normalised), drops only
   * lines that are not rows, and rejects a line with an error.
   */
  mode?: "fix" | "convert";
  /** The lines holding several rows, read again as rows (see fixer/joined-lines.ts): those that cannot be split, and each row's own findings. */
  joined?: JoinedLines;
}

/** Where a line of the rewrite pass is in the input: its line, and its data row when several rows share a line (a record format). */
export interface Place {
  line: number;
  row?: number | undefined;
}

/** A place as one text: the key of {@link RepairContext.joined}'s maps. */
export function placeKey(place: Place): string {
  return place.row === undefined ? `${place.line}` : `${place.line}/${place.row}`;
}

/** The rules whose lines the rewriter drops by itself (a blank line is blank whatever the check said). */
const REWRITER_RULES: readonly Rule[] = allRules.filter((r) => r.meta.fix.fixer === "rewriter");

/**
 * Rules whose lines {@link decide} drops by itself: the check pass counts
 * their problems without listing them, so a million blank lines cost no memory.
 */
export const DROPPED_BY_REWRITE: readonly string[] = REWRITER_RULES.map((r) => r.meta.name);

/**
 * What the check pass of `fix` and `convert` counts without listing: the
 * rules above, and whole-dataset findings without a fix (a class without
 * positives, a rare class), which no line's rewrite acts on. At C = 670,091
 * a list of 100,000 rows has some 300,000 classes without a positive:
 * listed, they took most of the pass's time and memory.
 */
export const UNLISTED_BY_REWRITE: readonly string[] = [
  ...DROPPED_BY_REWRITE,
  ...allRules.filter((r) => r.meta.scope === "dataset" && r.meta.fix.availability === "none").map((r) => r.meta.name),
];

/**
 * The rule settings of the fixer's (and converter's) check: rules whose
 * findings keep a row as it is (an empty or full label set) are off unless
 * the user set them — by name or by code — since they would only hold memory.
 */
export function fixerRules(settings: Readonly<Record<string, RuleSetting>> = {}): Record<string, RuleSetting> {
  const set = new Set(Object.keys(settings).map((key) => findRule(allRules, key)));
  const rules: Record<string, RuleSetting> = { ...settings };
  for (const rule of allRules) if (rule.meta.fix.fixer === "keepsRow" && !set.has(rule)) rules[rule.meta.name] = "off";
  return rules;
}

/** The edit kinds `convert` applies: they respell what is there; none adds, drops or merges a row. */
const CONVERT_KINDS: ReadonlySet<FixEdit["kind"]> = new Set(["respell-values", "normalise-path"]);

export type Decision =
  | { kind: "drop"; reason: string; rule: string }
  | { kind: "reject"; reasons: PlanReason[] }
  /** `edited` says whether the line counts as edited when the decider knows (apply); else the rewriter compares texts. */
  /** `bytes`: what is written instead of `text` — a line kept as it is whose bytes are not UTF-8 (its text has U+FFFD for them). */
  | { kind: "keep"; text: string; rules: string[]; applicability: EnabledApplicability; edited?: boolean; rows?: number; bytes?: Buffer }
  /** A line with no problem: written from its own bytes by {@link RowWriter.writeClean}. */
  | ({ kind: "clean" } & CleanSpan);

type LineEdit = Exclude<FixEdit, { kind: "file" }>;

/** The edit concerns the line at `place` (an edit without a row concerns every row of its line). */
function concerns(edit: FixEdit, place: Place): boolean {
  return edit.kind !== "file" && edit.line === place.line && (edit.row === undefined || place.row === undefined || edit.row === place.row);
}

/** The problem's own place (a problem without a row concerns its whole line). */
function placeOf(p: Problem): Place {
  return { line: p.line!, row: p.row };
}

interface Merge {
  values: number[];
  rule: string;
}

/**
 * Problems of the check pass arranged by the line they concern. On a record
 * format several rows may share a line (a one-line JSON file): problems with
 * a row are found by their row, the others by their line.
 */
export class ProblemIndex {
  private readonly byLine = new Map<number, Problem[]>();
  private readonly byRow = new Map<number, Problem[]>();
  private readonly merges = new Map<string, Merge>();
  /** Merge targets already decided and not written (rejected or dropped): nothing can be merged into them. */
  private readonly unwritten = new Set<string>();
  /** A dropped copy's place → the place of the copy it repeats (kept in its place). */
  private readonly copyOf = new Map<string, string>();
  /** Copies repeated by later ones, and those of them decided and not written. */
  private readonly repeated = new Set<string>();
  private readonly unwrittenRepeated = new Set<string>();
  /** A repeated copy not written → the later copy written in its place. */
  private readonly standIn = new Map<string, Place>();
  private readonly lineRules: ReadonlySet<string>;

  /** `byRow`: the rewrite pass knows each line's data row (a record format's canonical lines). */
  constructor(
    problems: readonly Problem[],
    rules: readonly Rule[],
    private readonly rowKeyed = false,
  ) {
    this.lineRules = new Set(rules.filter((r) => r.meta.scope === "line" || r.meta.scope === "line/file").map((r) => r.meta.name));
    for (const p of problems) {
      const edits = p.fix?.edits ?? [];
      // A finding about one line: a line rule's, or one with an edit to a line (a duplicate, a header, a mark inside the file).
      if (p.line === undefined || (!this.lineRules.has(p.rule) && !edits.some((e) => e.kind !== "file"))) continue;
      // A file-wide fix reported at its first line (index lists, -1/1) concerns the file, not that line.
      if (edits.length > 0 && edits.every((e) => e.kind === "file")) continue;
      if (rowKeyed && p.row !== undefined) pushTo(this.byRow, p.row, p);
      // A value in another file (a per-class file of the columns format) is found by its row only.
      else if (p.file === undefined) pushTo(this.byLine, p.line, p);
      for (const e of edits) {
        if (e.kind !== "drop-line" || e.of === undefined) continue;
        this.copyOf.set(this.key(e), this.key(e.of));
        this.repeated.add(this.key(e.of));
      }
    }
  }

  /**
   * What becomes of a copy whose drop repeats `of`: dropped (undefined) while
   * `of` is written; when it was not (rejected), the first later copy is
   * judged on its own (null) and the others are dropped as its copies (its place).
   */
  keptCopy(of: Place): Place | null | undefined {
    const target = this.key(of);
    if (!this.unwrittenRepeated.has(target)) return undefined;
    return this.standIn.get(target) ?? null;
  }

  private key(place: Place): string {
    return this.rowKeyed && place.row !== undefined ? `r${place.row}` : `l${place.line}`;
  }

  /** Set-values edits aimed at another line than their problem's (the OR merge into a first copy), once unsafe fixes are on. */
  addMerges(problems: readonly Problem[]): void {
    for (const p of problems) {
      if (p.line === undefined) continue;
      for (const e of p.fix?.edits ?? []) {
        if (e.kind === "set-values" && !concerns(e, placeOf(p))) this.merges.set(this.key(e), { values: e.values, rule: p.rule });
      }
    }
  }

  at(place: Place): readonly Problem[] {
    if (!this.rowKeyed || place.row === undefined) return this.byLine.get(place.line) ?? [];
    const own = this.byRow.get(place.row) ?? [];
    const line = this.byLine.get(place.line);
    return line === undefined ? own : [...own, ...line];
  }

  mergeInto(place: Place): Merge | undefined {
    return this.merges.size === 0 ? undefined : this.merges.get(this.key(place));
  }

  /** Notes what became of the line at `place`, if other lines are to be merged into it. */
  decided(place: Place, decision: Decision): void {
    const written = decision.kind === "keep" || decision.kind === "clean";
    if (!written && this.merges.size > 0) {
      const key = this.key(place);
      if (this.merges.has(key)) this.unwritten.add(key);
    }
    if (this.repeated.size === 0) return;
    const key = this.key(place);
    if (!written && this.repeated.has(key)) this.unwrittenRepeated.add(key);
    const target = this.copyOf.get(key);
    if (written && target !== undefined && this.unwrittenRepeated.has(target) && !this.standIn.has(target)) this.standIn.set(target, place);
  }

  /** `p` merges the line at `place` into another line that was not written: the copy must stay. */
  strandedMerge(p: Problem, place: Place): boolean {
    if (this.unwritten.size === 0) return false;
    const into = p.fix?.edits.find((e): e is Extract<FixEdit, { kind: "set-values" }> => e.kind === "set-values" && !concerns(e, place));
    return into !== undefined && this.unwritten.has(this.key(into));
  }
}

function enabled(applicability: EnabledApplicability, unsafe: boolean): boolean {
  return applicability === "safe" || unsafe;
}

/** A reason that is no finding of a rule (what the output format cannot hold, …). */
const why = (message: string): PlanReason => ({ code: "", rule: "", message });
const reasonOf = (p: Problem): PlanReason => ({ code: p.code, rule: p.rule, message: p.message });
const errorsOf = (problems: readonly Problem[]): PlanReason[] => problems.filter((p) => p.severity === "error").map(reasonOf);

const NOT_UTF8 = why("line is not valid UTF-8 or has a NUL byte: rewriting it would change its bytes");

const NO_SEPARATOR = why("no separator between the path and the labels, so where the path ends is a guess");
const MINUS_ONE = why("value '-1' in a file of 0/1 labels");

const scratch = new Row();
const unseparated = new Row();
/** A later row of a line holding several, parsed for its path. */
const laterRow = new Row();

/**
 * Decides what happens to one physical line: dropped (blank, header,
 * duplicate), rejected (an error no enabled fix repairs), or kept and written
 * in canonical form. Canonical form is rebuilt from the parsed values, so the
 * edits apply together without overlapping.
 */
export function decide(place: Place, bytes: Buffer, index: ProblemIndex, ctx: RepairContext): Decision {
  const decision = decideLine(place, bytes, index, ctx);
  index.decided(place, decision);
  return decision;
}

function decideLine(place: Place, bytes: Buffer, index: ProblemIndex, ctx: RepairContext): Decision {
  const problems = index.at(place);
  // Two rows on one line: each written on its own line, whatever else is said about the line (a copy's drop would drop both).
  const joiner = joinerOf(problems, place, ctx);
  if (joiner !== undefined) return splitLine(place, bytes, joiner, problems, index, ctx);
  return decideRow(place, bytes, problems, index, ctx, true);
}

/** The finding whose enabled fix splits the line at `place` into its rows, if any (never when converting). */
function joinerOf(problems: readonly Problem[], place: Place, ctx: Pick<RepairContext, "mode" | "unsafe">): Problem | undefined {
  return ctx.mode === "convert" ? undefined : problems.find((p) => p.fix !== undefined && enabled(p.fix.applicability, ctx.unsafe) && p.fix.edits.some((e) => e.kind === "split-row" && concerns(e, place)));
}

/** Whether the rewrite splits the line at `place` into its rows. */
export function splitsLine(place: Place, index: ProblemIndex, ctx: Pick<RepairContext, "mode" | "unsafe">): boolean {
  return joinerOf(index.at(place), place, ctx) !== undefined;
}

/**
 * A line holding two or more rows (see readers/joined.ts): the first decided
 * with the line's other problems, each other as a line of its own, and written
 * one a line when all are kept; otherwise the whole line is rejected, so no
 * row is lost.
 */
function splitLine(place: Place, bytes: Buffer, joiner: Problem, problems: readonly Problem[], index: ProblemIndex, ctx: RepairContext): Decision {
  const rejected = (reason: PlanReason): Decision => ({ kind: "reject", reasons: [...errorsOf(problems), reason] });
  if (!isUtf8(bytes) || bytes.includes(0)) return rejected(NOT_UTF8);
  if (index.mergeInto(place) !== undefined) return rejected(why("a copy of the line's first row is to be merged into it, and the line holds several rows"));
  const join = joinOf(bytes, place.line, joinShapeOf({ numClasses: ctx.numClasses, signed: ctx.signedFile }, ctx.format));
  if (join === undefined) return rejected(why("the line does not read as rows of 0/1 labels run together"));
  const others = problems.filter((p) => p !== joiner);
  const ranges = joinedRows(join, 0, bytes.length);
  // The line's findings are about its first row's path; a later row's absolute or escaping path is
  // unsafe-path's error (no fix) as on a line of its own: the line stays whole in the rejects.
  for (let i = 1; i < ranges.length; i++) {
    const [start, end] = ranges[i]!;
    const later = laterRow;
    later.reset(bytes, start, end, place.line);
    ctx.format.parse(later);
    const path = bytes.toString("utf8", later.pathStart, later.pathEnd);
    const unsafe = unsafeReason(path);
    if (unsafe !== undefined) {
      const what = unsafe === "escapes" ? "climbs out of the image root with '..'" : unsafe === "drive" ? "names a Windows drive" : "is absolute";
      return rejected(why(`the line holds ${ranges.length === 2 ? "two" : ranges.length} rows, and the path of row ${i + 1}, '${path}', ${what} (unsafe-path)`));
    }
  }
  // A row that would not stand on its own in the output (see fixer/joined-lines.ts).
  const key = placeKey(place);
  const alone = ctx.joined?.rejects.get(key);
  if (alone !== undefined) return rejected(alone);
  // Each row decided as a line of its own, with what the check finds about it there.
  const own = ctx.joined?.rows.get(key);
  const parts = ranges.map(([start, end], i) => decideRow(place, bytes.subarray(start, end), [...(i === 0 ? others : []), ...(own?.[i] ?? [])], index, ctx, false));
  const stuck = parts.findIndex((d) => d.kind !== "keep");
  if (stuck >= 0) {
    const part = parts[stuck]!;
    const detail = part.kind === "reject" ? part.reasons.map((r) => r.message).join("; ") : part.kind === "drop" ? part.reason : "";
    const which = parts.length === 2 ? (stuck === 0 ? "first" : "second") : `row ${stuck + 1}`;
    // The rule that kept the row out, when one did (a missing image): the rejects file names it.
    const by = part.kind === "reject" ? part.reasons.find((r) => r.rule !== "" && r.rule !== joiner.rule) : undefined;
    return rejected({ code: by?.code ?? "", rule: by?.rule ?? "", message: `the line holds ${parts.length === 2 ? "two" : parts.length} rows, and its ${which} cannot be written as it is (${detail})` });
  }
  const kept = parts as Extract<Decision, { kind: "keep" }>[];
  const unsafe = joiner.fix!.applicability === "unsafe" || kept.some((d) => d.applicability === "unsafe");
  return {
    kind: "keep",
    text: kept.map((d) => d.text).join("\n"),
    rules: [...new Set([joiner.rule, ...kept.flatMap((d) => d.rules)])].sort(),
    applicability: unsafe ? "unsafe" : "safe",
    rows: kept.length,
  };
}

/** What becomes of one row's bytes: a whole line (`whole`), or a half of a line holding two rows (never written from its own bytes, never merged into). */
function decideRow(place: Place, bytes: Buffer, problems: readonly Problem[], index: ProblemIndex, ctx: RepairContext, whole: boolean): Decision {
  const converting = ctx.mode === "convert";
  const fixes = (p: Problem): boolean => p.fix !== undefined && enabled(p.fix.applicability, ctx.unsafe);

  // 1. The line leaves: not a row (blank, header, comment), or a copy.
  for (const p of problems) {
    if (!fixes(p)) continue;
    const drop = p.fix!.edits.find((e): e is Extract<FixEdit, { kind: "drop-line" }> => e.kind === "drop-line" && concerns(e, place));
    if (drop === undefined || (converting && !drop.notARow)) continue;
    // A copy of a line that was itself rejected would be lost: the first such copy is judged on its own instead.
    if (drop.of !== undefined) {
      const kept = index.keptCopy(drop.of);
      if (kept === null) continue;
      if (kept !== undefined) return { kind: "drop", reason: `duplicate of line ${kept.line}`, rule: p.rule };
    }
    // A copy merged into a line that was itself rejected would be lost: it is judged on its own instead.
    if (!index.strandedMerge(p, place)) return { kind: "drop", reason: drop.reason, rule: p.rule };
  }
  if (isBlankLine(bytes, 0, bytes.length)) return { kind: "drop", reason: "blank line", rule: REWRITER_RULES[0]?.meta.name ?? "" };
  if (problems.length === 0 && whole) {
    const clean = cleanLine(place, bytes, index, ctx);
    if (clean !== undefined) return clean;
  }

  // 2. An error no enabled edit repairs keeps the line out.
  const blocking = problems.filter((p) => p.severity === "error" && (converting || !fixes(p) || index.strandedMerge(p, place)));
  if (blocking.length > 0) return { kind: "reject", reasons: errorsOf(problems) };

  // 3. The edits to make, from the problems whose fixes are enabled (convert: those that respell).
  const edits: LineEdit[] = [];
  const used = new Set<string>();
  let applicability: EnabledApplicability = "safe";
  for (const p of problems) {
    if (!fixes(p)) continue;
    // A drop still to make was made in step 1: one left here is a copy kept on its own (what it repeated was not written).
    const mine = p.fix!.edits.filter((e): e is LineEdit => concerns(e, place) && e.kind !== "drop-line");
    if (mine.length === 0 || (converting && !mine.every((e) => CONVERT_KINDS.has(e.kind)))) continue;
    edits.push(...mine);
    used.add(p.rule);
    if (p.fix!.applicability === "unsafe") applicability = "unsafe";
  }
  const has = (kind: LineEdit["kind"]): boolean => edits.some((e) => e.kind === kind);

  // Rebuilding the line as text would replace bytes that are not UTF-8: never change a path silently.
  if (!isUtf8(bytes) || bytes.includes(0)) return { kind: "reject", reasons: [...errorsOf(problems), NOT_UTF8] };
  const row = scratch;
  row.reset(bytes, 0, bytes.length, place.line);
  const tokens: Token[] = [];
  // A sparse line's tokens would be its C values: its `ones` say the same at the cost of its positives.
  ctx.format.parse(row, ctx.format.sparse === true ? null : tokens);
  if (ctx.format.sparse === true && !row.sparse) {
    row.reset(bytes, 0, bytes.length, place.line);
    ctx.format.parse(row, tokens);
  }
  let labelTokens = tokens;
  if (!row.hasSeparator) {
    // Where the path ends is a guess on such a line: only split-path's edit makes it.
    if (!has("split-path")) return { kind: "reject", reasons: [...problems.map(reasonOf), NO_SEPARATOR] };
    labelTokens = [];
    if (readUnseparated(row, unseparated, labelTokens) === undefined) return { kind: "reject", reasons: [...problems.map(reasonOf), why("no labels to read")] };
  }

  // 4. The path: as written (convert keeps its spaces exactly), normalised by the path edits. Whitespace
  // before it is not part of it: PaddleClas strip()s the line and ImageList split()s it, so ` a.jpg 0 1`
  // names `a.jpg`; kept, the space would make a spaced row unwritable and name another file in a CSV or index list.
  const pathEnd = row.hasSeparator ? row.pathEnd : unseparatedPathEnd(bytes, labelTokens);
  let path = bytes.toString("utf8", Math.min(row.pathStart, pathEnd), pathEnd);
  // Whitespace before the TAB is part of the name PaddleClas opens: kept (a path-whitespace edit removes it).
  // Only a path guessed from a line without its separator ends where its whitespace starts.
  if (!converting && !row.hasSeparator) path = path.trimEnd();
  for (const e of edits) {
    if (e.kind !== "normalise-path") continue;
    if (e.how === "slashes") path = path.replace(/\\/g, "/");
    // What Python's `str.strip()` removes (`str.isspace()`), TABs included.
    else if (e.how === "drop-leading-space") path = pythonLstrip(path);
    else if (e.how === "drop-trailing-space") path = pythonRstrip(path);
    else if (path.startsWith("\uFEFF")) path = path.slice(1);
  }
  const pathProblem = ctx.to.pathProblem(path);
  if (pathProblem !== undefined) return { kind: "reject", reasons: [...errorsOf(problems), why(pathProblem)] };

  // 5. The values: a merge into this row, values set by an edit, index lists made multi-hot, or the values as they read.
  let values: number[] | undefined;
  const merge = ctx.unsafe && whole ? index.mergeInto(place) : undefined;
  const set = edits.find((e): e is Extract<LineEdit, { kind: "set-values" }> => e.kind === "set-values");
  // In an index file, as the engine reads it: fewer than C values, or a value of 2 or more.
  const indexRow = ctx.indexFile !== undefined && !row.sparse && (labelTokens.length < ctx.numClasses || labelTokens.some((t) => t.kind === TokenKind.Integer));
  if (merge !== undefined) {
    values = merge.values;
    used.add(merge.rule);
    applicability = "unsafe";
  } else if (set !== undefined) {
    values = set.values;
  } else if (row.sparse && row.k === ctx.numClasses) {
    // The row's 0/1 values, as its positives: written without building C values where the output needs none.
    return { kind: "keep", text: ctx.to.formatOnes(path, row.ones, row.numOnes, ctx.numClasses), rules: [...used].sort(), applicability };
  } else if (indexRow && labelTokens.every((t) => t.kind === TokenKind.Zero || t.kind === TokenKind.One || t.kind === TokenKind.Integer)) {
    const file = ctx.indexFile!;
    if (!ctx.unsafe) {
      const how = converting ? "read the file with --format indices, or convert them with labellint fix --unsafe-fixes" : "convert them with --unsafe-fixes";
      return { kind: "reject", reasons: [{ code: file.code, rule: file.rule, message: `row lists class indices; ${how}` }] };
    }
    values = new Array<number>(ctx.numClasses).fill(0);
    for (const t of labelTokens) values[t.value] = 1;
    used.add(file.rule);
    applicability = "unsafe";
  } else {
    values = tokenValues(labelTokens);
  }
  if (values === undefined || values.length !== ctx.numClasses) {
    return { kind: "reject", reasons: [...problems.map(reasonOf), why(`values do not read as ${ctx.numClasses} labels of 0/1`)] };
  }
  // A -1 in a 0/1 file (found only now on a line that lacked its separator) is not a label value.
  if (!ctx.signedFile && ctx.keepMinusOne !== true && values.includes(-1)) return { kind: "reject", reasons: [...errorsOf(problems), MINUS_ONE] };
  if (ctx.signed !== undefined && ctx.unsafe && values.includes(-1)) {
    values = values.map((v) => (v === -1 ? 0 : v));
    used.add(ctx.signed.rule);
    applicability = "unsafe";
  }
  const valuesProblem = ctx.to.valuesProblem(values);
  if (valuesProblem !== undefined) return { kind: "reject", reasons: [...errorsOf(problems), why(valuesProblem)] };
  let text = ctx.to.format(path, values);

  // 6. Fields after the labels: dropped only by an edit that drops them.
  if (row.extraStart >= 0 && !has("drop-extra-fields")) {
    if (converting || ctx.to.lineFormat === undefined) {
      const how = converting ? "labellint fix --unsafe-fixes drops them" : "--unsafe-fixes drops them";
      const about = problems.filter((p) => p.severity === "error" || p.fix?.edits.some((e) => e.kind === "drop-extra-fields"));
      return { kind: "reject", reasons: [...about.map(reasonOf), why(`fields after the labels, which ${converting ? "convert does not carry" : `the ${ctx.to.id} format cannot hold`}; ${how}`)] };
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
function cleanLine(place: Place, bytes: Buffer, index: ProblemIndex, ctx: RepairContext): Decision | undefined {
  // A sparse line's bytes are its positives' indices, not its values (`0,1,2` may be C=3 positives): never clean.
  if (ctx.indexFile !== undefined || ctx.format.sparse === true || index.mergeInto(place) !== undefined) return undefined;
  const row = scratch;
  row.reset(bytes, 0, bytes.length, place.line);
  ctx.format.parse(row, null);
  const c = row.kindCounts;
  if (!row.hasSeparator || row.k !== ctx.numClasses || c[TokenKind.Zero]! + c[TokenKind.One]! !== row.k) return undefined;
  if (row.oddSeparators > 0 || row.extraStart >= 0 || row.nested > 0 || row.trailingSepStart >= 0 || row.pathBackslash) return undefined;
  if (row.pathEnd + 1 !== row.labelsStart || row.labelsEnd - row.labelsStart !== 2 * row.k - 1) return undefined;
  // Whitespace before the path is written only where the reader strips it again: in the line's own format.
  if (row.pathStart !== 0 && ctx.to.id !== ctx.format.id) return undefined;
  // Kept in its own format, a clean line is written as it is: one whose path ends at another byte than the
  // format's separator (a TAB in a spaced list, which split() reads) changes when written — an edit, not clean.
  if (ctx.to.id === ctx.format.id && bytes[row.pathEnd] !== ctx.format.pathSeparator.charCodeAt(0)) return undefined;
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

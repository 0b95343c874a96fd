import type { Applicability, ConsumerId, FileAction, FixEdit, FormatId, SplitRole } from "../types.js";

/** The whole-file normalisations, in words: one table for the plan and the reports. */
export const FILE_ACTIONS: Readonly<Record<FileAction, string>> = {
  "remove-bom": "remove the byte-order mark",
  "normalise-line-endings": "write LF line endings",
  "add-final-newline": "end the file with a newline",
  "minus-one-to-zero": "map -1 to 0",
  "indices-to-multi-hot": "convert class-index lists to multi-hot vectors",
};

export type EnabledApplicability = Exclude<Applicability, "none">;

/** What line edits of each kind change, in words (a summary of normalised rows). */
const EDIT_WORDS: Readonly<Record<string, string>> = {
  "respell-values": "values written canonically",
  "set-values": "values set",
  "normalise-path/slashes": "\\ → / in paths",
  "normalise-path/drop-bom": "byte-order marks removed from paths",
  "normalise-path/drop-leading-space": "whitespace before paths removed",
  "normalise-path/drop-trailing-space": "whitespace after paths removed",
  "split-path": "path and labels separated",
  "drop-extra-fields": "fields after the labels dropped",
  "split-row": "two rows on one line written on two lines",
};

/** The words for what a fix's line edits change, or undefined when they change no text of a kept line. */
export function describeEdits(edits: readonly FixEdit[]): string | undefined {
  const words = new Set<string>();
  for (const e of edits) {
    if (e.kind === "file" || e.kind === "drop-line") continue;
    const text = EDIT_WORDS[e.kind === "normalise-path" ? `${e.kind}/${e.how}` : e.kind];
    if (text !== undefined) words.add(text);
  }
  return words.size === 0 ? undefined : [...words].join(", ");
}

/** One rewritten line: what it was, what it became, and which rules' fixes did it. */
export interface PlanEdit {
  line: number;
  oldText: string;
  newText: string;
  rules: string[];
  applicability: EnabledApplicability;
}

/** A line left out of the output on purpose: blank, header, duplicate. */
export interface PlanDrop {
  line: number;
  text: string;
  reason: string;
  rule: string;
}

export interface PlanReason {
  code: string;
  rule: string;
  message: string;
}

/** A line no enabled fix can repair: it goes, verbatim, to the rejects file. */
export interface PlanReject {
  line: number;
  text: string;
  reasons: PlanReason[];
}

/** A whole-file normalisation the writer performs (BOM, line endings, -1 → 0 …). */
export interface PlanFileAction {
  action: FileAction | "convert-format";
  rule?: string;
  applicability: EnabledApplicability;
  description: string;
}

/** Every line is accounted for: `linesIn + linesSplit = rowsOut + rowsRejected + linesDropped`. */
export interface FixCounts {
  linesIn: number;
  /** Rows more than lines written from lines that held several rows (a line of 3 rows adds 2; absent when none). */
  linesSplit?: number;
  rowsOut: number;
  rowsRejected: number;
  linesDropped: number;
  linesEdited: number;
}

/** A reviewable, re-appliable description of everything `fix` does to one file. */
export interface FixPlan {
  version: 1;
  tool: string;
  /**
   * The input as `fix` was given it (`path`, from where fix ran) and, when the
   * plan was saved to a file, from that file's folder (`fromPlan`, `/`-separated):
   * `apply` looks there first, so it finds the input from any working directory.
   */
  input: { path: string; fromPlan?: string; sha256: string; bytes: number };
  format: FormatId;
  numClasses: number;
  classNames?: string[];
  /** `input` when the input named its classes (a header row): `apply` writes them beside its output, as fix does (absent: given, or none). */
  classNamesFrom?: "input";
  output: { format: FormatId };
  /** The input's split role: the check of what `apply` writes reads it in that role (absent in older plans: eval). */
  split?: SplitRole;
  /** The program given with `--consumer`, which the check of what `apply` writes judges for (absent: the output format's usual reader). */
  consumer?: ConsumerId;
  /** Why the reader masks a -1 (a training config's `label_ratio`): rows holding one were kept, and the check of what `apply` writes reads them so. */
  minusOneMasked?: string;
  /** The label values declared unknown (`--unknown-label`): with -1 among them, rows holding one were kept. */
  unknownLabels?: (number | "")[];
  unsafeFixes: boolean;
  fileActions: PlanFileAction[];
  edits: PlanEdit[];
  drops: PlanDrop[];
  rejects: PlanReject[];
  counts: FixCounts;
}

/** Whether the counts account for every line: each line in is a row out (two for a split line), a reject or a drop. */
export function balanced(c: FixCounts): boolean {
  return c.linesIn + (c.linesSplit ?? 0) === c.rowsOut + c.rowsRejected + c.linesDropped;
}

/** `1 row split off` for the summaries' equation (the rows lines holding several wrote beyond one each), or "" when no line was split. */
export function splitWords(c: FixCounts, n: (x: number) => string): string {
  const split = c.linesSplit ?? 0;
  return split === 0 ? "" : ` + ${n(split)} ${split === 1 ? "row" : "rows"} split off`;
}

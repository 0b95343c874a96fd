import type { Applicability, FormatId } from "../types.js";

export type EnabledApplicability = Exclude<Applicability, "none">;

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
  action: "remove-bom" | "normalise-line-endings" | "add-final-newline" | "minus-one-to-zero" | "indices-to-multi-hot" | "convert-format";
  rule?: string;
  applicability: EnabledApplicability;
  description: string;
}

export interface FixCounts {
  linesIn: number;
  rowsOut: number;
  rowsRejected: number;
  linesDropped: number;
  linesEdited: number;
}

/** A reviewable, re-appliable description of everything `fix` does to one file. */
export interface FixPlan {
  version: 1;
  tool: string;
  input: { path: string; sha256: string; bytes: number };
  format: FormatId;
  numClasses: number;
  classNames?: string[];
  output: { format: FormatId };
  unsafeFixes: boolean;
  fileActions: PlanFileAction[];
  edits: PlanEdit[];
  drops: PlanDrop[];
  rejects: PlanReject[];
  counts: FixCounts;
}

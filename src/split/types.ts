import type { RejectGroup } from "../convert/convert.js";
import type { FixCounts } from "../fixer/plan.js";
import type { LineFormatId } from "../types.js";

/** The formats split writes: the inputs' own when they share a line format or are index lists, else paddleclas. */
export type SplitFormatId = LineFormatId | "indices" | "json";

/** How one assignment of rows to splits keeps the classes and label pairs of the whole list. */
export interface SplitQuality {
  /** Rows per split. */
  rows: number[];
  /** Per split: the L∞ distance between its per-class prevalence and the whole list's (null for a split with no rows). */
  linf: (number | null)[];
  /** Per split: the class where that distance occurs. */
  linfClass: (number | null)[];
  /** The largest L∞ prevalence distance between two splits (what label-distribution-shift compares); null with fewer than two non-empty splits. */
  linfBetween: number | null;
  /** Per split: classes with a positive in the list and none in the split. */
  classesMissing: number[][];
  /** Classes with a positive in the list that some split has none of. */
  classesMissingAnywhere: number;
  /** Of those, classes with at least as many positives as there are splits: they could have been in every split. */
  classesMissingAvoidable: number;
  /** Per split: label pairs co-occurring in at least two rows of the list that co-occur in no row of the split. */
  pairsMissing: number[];
  /** Label pairs (at least two rows) missing from at least one split. */
  pairsMissingAny: number;
  /** Positives per class per split: `positives[class][split]`. */
  positives: number[][];
}

/** One class of the list, with its positives in each split under both assignments. */
export interface SplitClass {
  index: number;
  name?: string;
  positives: number;
  stratified: number[];
  random: number[];
}

/** One input of a split: how it was read and what became of its lines. */
export interface SplitInput {
  path: string;
  format: string;
  formatReason: string;
  /** Counts are of records (csv, indices, json, columns), not lines. */
  records: boolean;
  /** Error-severity problems of its check, by rule (their rows are rejected). */
  errors: Record<string, number>;
  warningCount: number;
  counts: FixCounts;
}

/** What `split` did. */
export interface SplitResult {
  inputs: SplitInput[];
  /** The format the split files are in, and why. */
  format: SplitFormatId;
  formatReason: string;
  numClasses: number;
  classNames?: string[];
  seed: number;
  names: string[];
  ratios: number[];
  /**
   * Every input line is accounted for: `linesIn = Σ rows per split + rowsRejected + linesDropped`
   * (`rowsOut` is the sum of `perSplit`).
   */
  counts: FixCounts & { perSplit: number[] };
  /** True when the equation holds (it is checked before anything is renamed into place). */
  conserved: boolean;
  /** Rows rejected (verbatim in the rejects file), grouped by reason. */
  rejected: RejectGroup[];
  /** Lines dropped, by reason (blank line, header row). */
  dropped: Record<string, number>;
  /** Rows repeating an earlier row's image: placed in the split of the first copy, so no image is in two splits. */
  duplicatesPlaced: number;
  /** Label pairs co-occurring in at least two rows (the pairs the figures count). */
  pairsConsidered: number;
  stratified: SplitQuality;
  random: SplitQuality;
  classes: SplitClass[];
  /** What the held label matrix takes, in bytes (its arrays), and per row. */
  memory: { matrixBytes: number; bytesPerRow: number };
  written: { files: string[]; rejects: string; classNames?: string };
}

import type { ConfigRun } from "../ppcls/run.js";
import type { Row, Verdict } from "../readers/row.js";
import type { ImageStatus } from "../images/check.js";
import type { OrphanImages } from "../images/orphans.js";
import type { SplitIndex } from "./splits.js";
import type { LintOptions } from "./options.js";
import type { Applicability, ConsumerId, DuplicateFinding, FileDiagnosis, FileInfo, FileResult, FileStats, Fix, TextChange, FormatId, LineFormatId, ReportedSeverity, ResolvedClassGroup, RuleScope, Severity, SplitRole } from "../types.js";

/**
 * The rule API: what a rule declares (meta) and the context it reports
 * through. Rules implement it; the engine drives it.
 */

export interface ReportDescriptor {
  messageId: string;
  /** Overrides the rule's severity for this report (e.g. a softer finding in an eval split). */
  severity?: ReportedSeverity;
  data?: Record<string, string | number>;
  /** The line the finding is about, as the rule saw it ({@link RuleContext.lineOf} maps it for a record format). */
  line?: number;
  row?: number;
  column?: number;
  classIndex?: number;
  length?: number;
  source?: string;
  fix?: Fix;
  /** A change a person makes by hand (see {@link Problem.suggestion}). */
  suggestion?: string;
  /** The finding is about the start of the file (a byte-order mark): line 1 of the input, whatever the rule saw. */
  fileStart?: boolean;
  /**
   * `line`, `row` and `column` are already the input's own (a record reader's
   * finding), and `file` names another file when the finding is in one.
   */
  located?: { file?: string };
}

export interface FileFacts {
  /**
   * Images under the run's image roots that no checked list names; set on the
   * last file of a run with image checks, just before `end`.
   */
  orphans?: OrphanImages[];
  format: LineFormatId;
  /** The program that reads the file; the engine turns its model into severities and consequences. */
  consumer: ConsumerId;
  /**
   * Most sampled lines fail the same way for this file's format (a spaced list
   * read as paddleclas, a UTF-16 file): one file-level finding says so, and the
   * per-line findings of that kind are counted, not listed.
   */
  diagnosis?: FileDiagnosis;
  numClasses: number;
  split: SplitRole;
  classNames?: string[];
  /** The file encodes labels as -1/1 (or -1/0/1); decided from the sampled head. */
  signed: boolean;
  /** Rows with a -1 in the sample and sample size, for messages. */
  signedEvidence: { rowsWithMinusOne: number; sampledRows: number };
  /** Most rows list class indices (decided from the head): index-labels reports the file once. */
  indexFile: boolean;
  path: string;
  maxLineBytes: number;
  /** Train files' images, when files are linted together (split-leakage). */
  splits?: SplitIndex;
  /** Image contents are hashed in this run (`hashImages`). */
  hashImages: boolean;
  /** The file is gzip-compressed: what was read is its decompressed text. */
  compressed?: "gzip";
  /** With `similarImages`: the largest Hamming distance between perceptual hashes that counts as the same picture. */
  similarThreshold?: number;
  /** See {@link LintOptions.minusOneMasked}. */
  minusOneMasked?: string;
  /** See {@link LintOptions.imageDecoder}. */
  imageDecoder?: "pil";
  /** See {@link LintOptions.imagelistReader}; set only when the consumer is imagelist. */
  imagelistReader?: "hashnet" | "deephash";
  /** See {@link LintOptions.dropLastBatch}. */
  dropLastBatch?: LintOptions["dropLastBatch"];
  /** Where C came from, in words ("Arch.class_num in config.yaml"), and its kind. */
  numClassesReason: string;
  numClassesSource: FileResult["numClassesSource"];
  /**
   * Most sampled rows have this many values while C, given from outside the
   * data, differs: class-count-mismatch reports the file once, and label-count
   * leaves those rows to it.
   */
  dataWidth?: { width: number; rows: number; sampledRows: number };
  /** The exclusive class groups, as indices below C. */
  classGroups?: ResolvedClassGroup[];
  /** A record format's records that became no row (their own findings say why). */
  unreadRecords?: number;
  /** Declared unknown label values (see {@link LintOptions.unknownLabels}). */
  unknown?: { values: ReadonlySet<number>; empty: boolean; text: string };
}

/** A report about the line `row` is on; line, row index and quoted source are filled in. */
export interface LineReportDescriptor {
  messageId: string;
  /** Overrides the consumer's and the rule's severity for this report (a value the training config masks). */
  severity?: ReportedSeverity;
  /** The message's values; a function is called only for a finding that is listed (past `--max-problems-per-rule` it is counted, and its text never made). */
  data?: Record<string, string | number> | (() => Record<string, string | number>);
  /** Absolute byte offsets into `row.buf` of the offending text. */
  span?: [start: number, end: number];
  classIndex?: number;
  /** The fix; a function is called only for a finding that is listed (a counted one needs only the rule's declared applicability). */
  fix?: Fix | (() => Fix);
}

export interface RuleContext {
  readonly facts: FileFacts;
  readonly options: Readonly<Record<string, unknown>>;
  readonly severity: ReportedSeverity;
  /** The user chose `severity`; a rule should not soften it. */
  readonly severityExplicit: boolean;
  /** Reports a file or dataset finding, or one about a line seen earlier. */
  report(descriptor: ReportDescriptor): void;
  /** Reports a finding about the row being visited. */
  reportLine(row: Row, descriptor: LineReportDescriptor): void;
  /** Decoded text of the row being visited (only valid inside `row`). */
  lineText(row: Row): string;
  /** What replacing bytes `[start, end)` of the row being visited with `newText` changes, as text (an edit's `change`). */
  change(row: Row, start: number, end: number, newText: string): TextChange;
  /**
   * The line of the input a line the rule saw is on, for a number a message
   * or a fix names (a record format's rows come from its own lines).
   */
  lineOf(line: number): number;
  /**
   * {@link lineOf} as a message names it: the line, with the column where
   * its record starts when the line holds others too (a one-line JSON
   * annotation's entries: `1, column 88`).
   */
  placeOf(line: number): string;
  /** Results the engine computes across the file (available in `end`). */
  readonly dataset: DatasetView;
}

export interface DatasetView {
  readonly file: FileInfo;
  readonly stats: FileStats;
  readonly duplicates: readonly DuplicateFinding[];
  readonly rows: number;
}

/** The result of checking one row's image, handed to rules in file order (after the scan, before `end`). */
export interface ImageCheck {
  line: number;
  row: number;
  /** The path as written in the line. */
  path: string;
  /** The normalised path (`./` dropped, `\` as `/`), relative to the image root. */
  key: string;
  /** The line, decoded. */
  source: string;
  status: ImageStatus;
}

export interface RuleHooks {
  start?(): void;
  row?(row: Row): void;
  /**
   * The verdicts of the rows `row` is for (all rows when absent). The session
   * calls `row` for those rows only, so a rule about blank lines costs nothing
   * on the million clean rows of a file.
   */
  rowVerdicts?: readonly Verdict[];
  /**
   * The `RowFeature`s (bits) without which `row` does nothing: it is called
   * only for rows with at least one of them. Without it, for every row of
   * its verdicts. Declare only what the hook's own first test implies (a
   * rule about `-1` values: `RowFeature.Values`), so no row it would report
   * goes uncalled.
   */
  rowFeatures?: number;
  /** With image checks on: one call per checked image, in file order, after every `row` and before `end`. */
  image?(check: ImageCheck): void;
  end?(): void;
  /**
   * The state `row` keeps for `end`, for a file read in parts (shards): each
   * part's scan ends with `save()` (plain JSON data; lines are the part's own,
   * counted from 1), and before `end` the parts are given to `merge` in file
   * order with the number of lines before each. A rule whose `end` needs
   * nothing from its `row` calls has none.
   */
  partial?: PartialState;
}

/** See {@link RuleHooks.partial}. */
export interface PartialState {
  save(): unknown;
  merge(parts: readonly { state: unknown; lineOffset: number }[]): void;
}

/**
 * A row count and the first line counted: the usual state a rule keeps
 * between `row` and `end`, merged across parts by sum and first.
 */
export class FirstAndCount implements PartialState {
  count = 0;
  first = 0;

  add(line: number): void {
    if (this.count++ === 0) this.first = line;
  }

  save(): { count: number; first: number } {
    return { count: this.count, first: this.first };
  }

  merge(parts: readonly { state: unknown; lineOffset: number }[]): void {
    for (const { state, lineOffset } of parts) {
      const part = state as { count: number; first: number };
      if (part.count > 0 && this.count === 0) this.first = part.first + lineOffset;
      this.count += part.count;
    }
  }
}

/**
 * The context of a rule's config check: it reports findings about a training
 * config (at the config's own lines) and has no file, rows or dataset.
 */
export interface ConfigContext {
  readonly options: Readonly<Record<string, unknown>>;
  readonly severity: ReportedSeverity;
  readonly severityExplicit: boolean;
  report(descriptor: ReportDescriptor): void;
}

export interface RuleFixMeta {
  /** `always`: every report carries a fix; `sometimes`: some do; `none`: never. */
  availability: "always" | "sometimes" | "none";
  applicability: Applicability;
  /**
   * How the fixer treats the findings beyond their edits. `rewriter`: the
   * rewriter makes the fix on every line it concerns by itself (a blank line
   * is never a row), so the fixer's check counts the findings without listing
   * them. `keepsRow`: a row with the finding is valid data (an empty or a full
   * label set); the fixer neither fixes nor rejects it unless the user set the
   * rule's severity.
   */
  fixer?: "rewriter" | "keepsRow";
}

export interface RuleMeta {
  code: string;
  name: string;
  defaultSeverity: Severity;
  scope: RuleScope | "line/file";
  description: string;
  messages: Record<string, string>;
  fix: RuleFixMeta;
  /** The input formats the rule's findings can come from, when not all (a record reader's rules). */
  formats?: readonly FormatId[];
  /** JSON schema of the rule's options object. */
  optionsSchema?: Record<string, unknown>;
  defaultOptions?: Record<string, unknown>;
}

export interface Rule {
  meta: RuleMeta;
  /** The rule's hooks over one label file (absent for a rule that checks configs only). */
  create?(context: RuleContext): RuleHooks;
  /** Checks one training config, once its label files are linted: the config, its files and their results. */
  config?(context: ConfigContext, run: ConfigRun): void;
}

import type { Row, Verdict } from "./readers/row.js";
import type { ImageStatus } from "./images/check.js";
import type { ImageFs } from "./images/fs.js";
import type { SplitIndex } from "./engine/splits.js";
import type { ConfigRun } from "./ppcls/run.js";

export type Severity = "error" | "warn" | "off";
export type ReportedSeverity = Exclude<Severity, "off">;
export type RuleScope = "line" | "file" | "dataset" | "config";
export type Applicability = "safe" | "unsafe" | "none";
/** Formats scanned line by line as bytes (SPEC §2.1). */
export type LineFormatId = "paddleclas" | "spaced";
/** Every input format (SPEC §2.1): the line formats, and those read as records and rewritten to canonical paddleclas lines. */
export type FormatId = LineFormatId | "csv" | "indices" | "columns" | "json";
export type SplitRole = "train" | "eval";
/** The programs whose reading of a label file labellint models (docs/consumers.md). */
export type ConsumerId = "paddleclas" | "imagelist" | "mmpretrain" | "generic";

/**
 * One change the fixer can make. `replace` rewrites a span of one physical line
 * (offsets are UTF-16 code units into the decoded line, end exclusive);
 * `drop-line` removes the line; `file` is a whole-file normalisation
 * (byte-order mark, line endings) that the writer performs.
 */
export type FixEdit =
  | { kind: "replace"; line: number; start: number; end: number; oldText: string; newText: string }
  | { kind: "drop-line"; line: number; reason: string }
  | { kind: "file"; action: "remove-bom" | "normalise-line-endings" | "add-final-newline" | "minus-one-to-zero" | "indices-to-multi-hot" };

export interface Fix {
  applicability: Exclude<Applicability, "none">;
  description: string;
  edits: FixEdit[];
}

/** A finding: plain data, JSON-serialisable, the same object every reporter sees. */
export interface Problem {
  code: string;
  rule: string;
  severity: ReportedSeverity;
  message: string;
  /** 1-based physical line; absent for file and dataset findings without a line. */
  line?: number;
  /** 0-based logical row (data lines, not counting blank lines or a header). */
  row?: number;
  /** 1-based column (UTF-16 code units) of the offending text. */
  column?: number;
  /** 0-based class index the finding is about. */
  classIndex?: number;
  /** The offending line, decoded — for quoting. A line over 240 characters is cut to a window around `column`, marked with `…`. */
  source?: string;
  /** Where in the line a windowed `source` begins (0-based offset; present only when it is not the start, so ≥ 1). */
  sourceStart?: number;
  /** Length of the offending span in `source`, for the caret underline. */
  length?: number;
  fix?: Fix;
  /** A change a person makes by hand (a config edit, a one-line patch), for findings no `fix` can apply. */
  suggestion?: string;
  /** The file the finding points at, when not the result's file (a per-class file of the `columns` format). */
  file?: string;
}

export interface ClassStat {
  index: number;
  name?: string;
  positives: number;
}

export interface FileStats {
  /** Rows that form the matrix (k = C, binary after canonicalisation; declared unknown values allowed). */
  validRows: number;
  positives: number[];
  /** Per class, the rows where it holds a declared unknown value (only when unknown values are declared). */
  unknowns?: number[];
  emptyRows: number;
  fullRows: number;
  /** Mean number of positive labels per valid row. */
  cardinality: number;
  /** cardinality / C. */
  density: number;
  maxLabelsPerRow: number;
}

export interface ClassStatistics {
  index: number;
  name?: string;
  positives: number;
  prevalence: number;
  /** max_j h_j / h_i; null when the class has no positive. */
  irlbl: number | null;
  /** BCE pos_weight (N - h) / h; null when the class has no positive. */
  posWeight: number | null;
  /** PaddleClas's label_ratio for the class (its prevalence). */
  labelRatio: number;
  /** Rows where the class holds a declared unknown value (only when unknown values are declared). */
  unknowns?: number;
}

/** SPEC §7 statistics over the clean rows of one file. */
export interface DatasetStatistics {
  rows: number;
  numClasses: number;
  cardinality: number;
  density: number;
  distinctLabelsets: number;
  singleOccurrenceLabelsets: number;
  maxLabelsetFrequency: number;
  /** More distinct labelsets than are kept: labelset figures are lower bounds and SCUMBLE is null. */
  labelsetsTruncated: boolean;
  /** Rows by number of positive labels (index = label count). */
  cardinalityHistogram: number[];
  classes: ClassStatistics[];
  maxIR: number | null;
  meanIR: number | null;
  cvIR: number | null;
  scumble: number | null;
  /** C×C counts of rows where both classes are positive (diagonal: positives); only for C ≤ 100. */
  cooccurrence?: number[][];
}

export interface ShapeVerdict {
  rows: number;
  columns: number;
  binary: boolean;
  ok: boolean;
  /** Why the file is not a clean [N, C] binary matrix, when it is not. */
  reasons: string[];
}

export interface FileResult {
  path: string;
  format: FormatId;
  formatReason: string;
  split: SplitRole;
  /** Physical lines read. */
  lines: number;
  /** Data rows (non-blank, non-header lines). */
  rows: number;
  numClasses: number;
  numClassesSource: "option" | "class-names" | "ppcls-config" | "config" | "header" | "inferred";
  numClassesReason: string;
  /** Labels are −1/1 (or −1/0/1), decided from the head (signed-encoding). */
  signed: boolean;
  /** The program whose reading decides the severities (`--consumer`, else the format's usual reader). */
  consumer: ConsumerId;
  /** Why that consumer: "the usual reader of paddleclas lists", "given with --consumer". */
  consumerReason: string;
  classNames?: string[];
  shape: ShapeVerdict;
  problems: Problem[];
  /** Exact count per rule name, even when the listing is capped. */
  counts: Record<string, number>;
  /** Problems left out of `problems`: past `maxProblemsPerRule`, or explained by a file-level finding. */
  omitted: number;
  /** Of `omitted`: line findings a file-level finding (wrong-format) explains; absent when none. */
  explained?: number;
  errorCount: number;
  warningCount: number;
  /** Problems a `fix` would resolve, by applicability. */
  fixable: { safe: number; unsafe: number };
  stats: FileStats;
  /** Full statistics, when asked for (`statistics: true`). */
  statistics?: DatasetStatistics;
  bytes: number;
}

/** What every reporter needs of a checked file, label file or training config alike. */
export type ProblemList = Pick<FileResult, "path" | "problems" | "counts" | "omitted" | "explained" | "errorCount" | "warningCount" | "fixable">;

/** The findings of one training config (`--ppcls-config`), reported beside the label files it names. */
export interface ConfigResult {
  path: string;
  kind: "ppcls";
  /** `Arch.class_num`, when set. */
  numClasses?: number;
  /** The target tensor each split's loader yields: `[B, C]`, or `[B, 2, C]` with `label_ratio`. */
  targets: { split: SplitRole; shape: string; labelList?: string }[];
  problems: Problem[];
  counts: Record<string, number>;
  omitted: number;
  errorCount: number;
  warningCount: number;
  fixable: { safe: number; unsafe: number };
}

export interface LintSummary {
  files: number;
  errorCount: number;
  warningCount: number;
  fixable: { safe: number; unsafe: number };
}

/** One class's prevalence in two splits (`difference` = eval − train). */
export interface PrevalenceDifference {
  index: number;
  name?: string;
  train: number;
  eval: number;
  difference: number;
}

/** Train-vs-eval prevalence comparison (`labellint stats` with two files). */
export interface PrevalenceComparison {
  /** Path of the file taken as train (the first). */
  train: string;
  /** Path of the file taken as eval (the second). */
  eval: string;
  /** L∞ distance: the largest |prevalence_train − prevalence_eval| over the classes. */
  linf: number;
  /** The class where the L∞ distance occurs. */
  classIndex: number;
  className?: string;
  /** The classes with the largest absolute difference, largest first. */
  top: PrevalenceDifference[];
}

export interface LintResult {
  version: string;
  /** Training configs checked with the files (`--ppcls-config`); absent when none. */
  configs?: ConfigResult[];
  files: FileResult[];
  summary: LintSummary;
  /** Present in `labellint stats` output when two files with the same C are compared. */
  comparison?: PrevalenceComparison;
}

/** A rule setting in ESLint's shape: `"warn"` or `["warn", { minPositives: 20 }]`. */
export type RuleSetting = Severity | [Severity] | [Severity, Record<string, unknown>];

/**
 * Classes of which exactly (or at most) `n` may be positive in one row — PA100k's
 * age group `AgeOver60, Age18-60, AgeLess18`, VeRi's colours. Give `exactly` or `atMost`.
 */
export interface ClassGroup {
  name: string;
  /** 0-based class indices, or class names when the names are known. */
  classes: (number | string)[];
  exactly?: number;
  atMost?: number;
}

/** A {@link ClassGroup} with its classes as indices, checked against C. */
export interface ResolvedClassGroup {
  name: string;
  classes: number[];
  exactly?: number;
  atMost?: number;
}

export interface LintOptions {
  format?: FormatId | "auto";
  /**
   * The program that will read the files (default: the format's usual reader —
   * PaddleClas for paddleclas, HashNet/DeepHash ImageList for spaced, mmpretrain
   * for json, a generic reader otherwise). Severities follow what it does.
   */
  consumer?: ConsumerId;
  /** Why `consumer` was chosen, when a config chose it (default: "given with --consumer"). */
  consumerReason?: string;
  /**
   * The input is the canonical copy of a record format (`consumer` reads the original): its format is not the consumer's.
   * @internal
   */
  canonicalOf?: FormatId;
  /**
   * Records of the original the reader could not make rows (a file-wide syntax error counts as one).
   * @internal
   */
  unreadRecords?: number;
  numClasses?: number;
  /** Class names; their count fixes C when `numClasses` is not given. */
  classNames?: string[];
  split?: SplitRole;
  /** Keyed by rule name or code. */
  rules?: Record<string, RuleSetting>;
  maxLineBytes?: number;
  /** Cap on listed problems per rule per file; counts stay exact. */
  maxProblemsPerRule?: number;
  /** Compute the full SPEC §7 statistics (labelsets, IR measures, co-occurrence) into `statistics`. */
  statistics?: boolean;
  /** Called as bytes are consumed, for progress display. */
  onProgress?: (bytesRead: number, rows: number) => void;
  /** Check every listed image under `imageRoot` (missing-image, unreadable-image; SPEC §10). */
  checkImages?: boolean;
  /** Directory image paths are relative to (default: the label file's directory; the working directory for text and streams). */
  imageRoot?: string;
  /** Images checked at once (default 16). */
  concurrency?: number;
  /** Hash every image's content (reads whole files): duplicate-image, and split-leakage by content. Implies `checkImages`. */
  hashImages?: boolean;
  /** The file-system calls image checks make (tests inject a recorder). */
  imageFs?: ImageFs;
  /** Called as images are checked: results delivered so far, and the number of rows to check. */
  onImageProgress?: (checked: number, total: number) => void;
  /** The training config's loss masks −1 targets for this file's split (what does it, in words): −1 then means "not annotated". */
  minusOneMasked?: string;
  /** Why `format` was chosen, when a config chose it (default: "given with --format"). */
  formatReason?: string;
  /** Where `numClasses`/`classNames` came from when a config supplied them (default: "option" / "class-names"). */
  classSource?: { source: FileResult["numClassesSource"]; reason: string };
  /**
   * The input is a temporary copy that is gone after this call (standard input's spool, a record
   * format's canonical lines): cross-file state keeps what it needs of it in memory.
   * @internal
   */
  transientInput?: boolean;
  /**
   * List every line's findings, even those a file-level finding explains (a
   * file in another format): the fixer works from them.
   * @internal
   */
  listEveryLine?: boolean;
  /** Cross-file state for split-leakage; `lint()` and the CLI share one across the files of a run. */
  splits?: SplitIndex;
  /**
   * The `columns` format: the per-class files, with `{class}` standing for each
   * class name in `classNames` order (e.g. `Groundtruth/Labels_{class}_Train.txt`);
   * the label file is then the image list. Relative paths resolve against the working directory.
   */
  columns?: string;
  /** Mutually exclusive class groups (exclusive-group); names resolve against `classNames`. */
  classGroups?: ClassGroup[];
  /**
   * Label values that mean "unknown / not annotated" on purpose (CheXpert's
   * uncertain labels, VOC's difficult): integers such as -1, or "" for an empty
   * value. They are counted per class, not reported as bad values — unless the
   * consumer trains on them as targets.
   */
  unknownLabels?: (number | "")[];
  /**
   * Largest class count accepted, given or inferred (default 1,000,000): a
   * larger one is a fatal error before anything is allocated for it.
   */
  maxClasses?: number;
  /** Largest standard input, FIFO or character device accepted (it is spooled to a temporary file; default 1 GiB). */
  maxSpoolBytes?: number;
  /**
   * Sees every chunk of the first read of the input (the fixer hashes it, to
   * know the input did not change before its second pass).
   * @internal
   */
  onChunk?: (chunk: Buffer) => void;
  /**
   * Rules whose problems are counted (exactly) but never listed: the fixer
   * drops blank lines itself and does not hold a million of blank-line's problems.
   * @internal
   */
  unlistedRules?: readonly string[];
}

export interface ReportDescriptor {
  messageId: string;
  /** Overrides the rule's severity for this report (e.g. a softer finding in an eval split). */
  severity?: ReportedSeverity;
  data?: Record<string, string | number>;
  line?: number;
  row?: number;
  column?: number;
  classIndex?: number;
  length?: number;
  source?: string;
  fix?: Fix;
  /** A change a person makes by hand (see {@link Problem.suggestion}). */
  suggestion?: string;
}

export interface FileFacts {
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
  /** See {@link LintOptions.minusOneMasked}. */
  minusOneMasked?: string;
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

/** A whole-file failure found in the head (see {@link FileFacts.diagnosis}). */
export interface FileDiagnosis {
  kind: "otherFormat" | "encoding";
  /** Sampled non-blank lines, and how many of them fail this way. */
  sampled: number;
  failing: number;
  /** The first failing line. */
  firstLine: number;
  /** otherFormat: what the file reads as, and why. */
  actualFormat?: FormatId;
  actualReason?: string;
  /** encoding: what the bytes look like ("UTF-16", "gzip-compressed", "binary"). */
  looksLike?: string;
}

/** A report about the line `row` is on; line, row index and quoted source are filled in. */
export interface LineReportDescriptor {
  messageId: string;
  /** Overrides the consumer's and the rule's severity for this report (a value the training config masks). */
  severity?: ReportedSeverity;
  data?: Record<string, string | number>;
  /** Absolute byte offsets into `row.buf` of the offending text. */
  span?: [start: number, end: number];
  classIndex?: number;
  fix?: Fix;
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
  /** An edit replacing bytes `[start, end)` of the row being visited. */
  replace(row: Row, start: number, end: number, newText: string): FixEdit;
  /** Results the engine computes across the file (available in `end`). */
  readonly dataset: DatasetView;
}

export interface DuplicateFinding {
  line: number;
  row: number;
  firstLine: number;
  firstRow: number;
  /** The later copy's path as written. */
  path: string;
  /** The first copy's path as written, when it is spelled differently (`./a/b.jpg` and `a//b.jpg` name one file). */
  firstPath?: string;
  sameLabels: boolean;
  source: string;
  /** Labels of the later copy merged into the first by OR, in canonical text. */
  mergedLabels?: string;
  firstSource: string;
  /** Offsets (UTF-16 units) of the first copy's label field in `firstSource`. */
  firstLabels: [start: number, end: number];
}

/** Facts about the bytes of a file, known when it has been read. */
export interface FileInfo {
  bom: boolean;
  crlfLines: number;
  lfLines: number;
  /** Lines ended by a lone CR (a line break to Python's universal newlines). */
  crLines: number;
  finalNewline: boolean;
  lines: number;
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
  /** With image checks on: one call per checked image, in file order, after every `row` and before `end`. */
  image?(check: ImageCheck): void;
  end?(): void;
  /** Config rules: called once per training config, after its label files are linted. */
  config?(run: ConfigRun): void;
}

export interface RuleFixMeta {
  /** `always`: every report carries a fix; `sometimes`: some do; `none`: never. */
  availability: "always" | "sometimes" | "none";
  applicability: Applicability;
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
  create(context: RuleContext): RuleHooks;
}

/**
 * The data every layer shares: results, problems, fixes, statistics and settings
 * as plain, JSON-serialisable types. Imports nothing: implementation modules
 * import it, never the reverse.
 */

export type Severity = "error" | "warn" | "off";

export type ReportedSeverity = Exclude<Severity, "off">;

export type RuleScope = "line" | "file" | "dataset" | "config";

export type Applicability = "safe" | "unsafe" | "none";

/** Formats scanned line by line as bytes. */
export type LineFormatId = "paddleclas" | "spaced";

/** Every input format: the line formats, and those read as records and rewritten to canonical paddleclas lines. */
export type FormatId = LineFormatId | "csv" | "indices" | "columns" | "json";

export type SplitRole = "train" | "eval";

/** The programs whose reading of a label file labellint models (docs/consumers.md). */
export type ConsumerId = "paddleclas" | "imagelist" | "mmpretrain" | "generic";

/** What an edit changes in a line, as text (for display: SARIF fixes, reports). Offsets are UTF-16 code units into the line, end exclusive. */
export interface TextChange {
  start: number;
  end: number;
  oldText: string;
  newText: string;
}

/** A whole-file normalisation the writer performs. */
export type FileAction = "remove-bom" | "normalise-line-endings" | "add-final-newline" | "minus-one-to-zero" | "indices-to-multi-hot";

/**
 * One change the fixer can make, typed by what it means — the fixer executes
 * it without knowing which rule proposed it. `line` is the 1-based line of the
 * input, and `row` the data row where several rows share a line (entries of a
 * one-line JSON file). Values are the row's C label values (0, 1, or -1 in a
 * signed file).
 */
export type FixEdit =
  /** The line leaves the output: a line that is not a row (`notARow`: blank, header, comment) or a redundant copy. */
  | {
      kind: "drop-line";
      line: number;
      row?: number;
      reason: string;
      notARow: boolean;
      /** The copy this line repeats, kept in its place; should that one not be written (rejected), the first later copy is kept instead. */
      of?: { line: number; row?: number };
    }
  /** The line's values written canonically, as they read: `1.0` as `1`, one separator, no brackets, no trailing separator. */
  | { kind: "respell-values"; line: number; row?: number; change?: TextChange }
  /** Other values: the merge of a row's copies, class indices made multi-hot. */
  | { kind: "set-values"; line: number; row?: number; values: number[]; change?: TextChange }
  /** The same image named canonically: `slashes` writes `\` as `/`, `drop-bom` removes a byte-order mark before it, `drop-leading-space` the whitespace (TABs too) Python's strip() removes before it, `drop-trailing-space` the whitespace after it (before the TAB). */
  | { kind: "normalise-path"; line: number; row?: number; how: "slashes" | "drop-bom" | "drop-leading-space" | "drop-trailing-space"; change?: TextChange }
  /** A line without its path separator, split where the path most likely ends (before the values). */
  | { kind: "split-path"; line: number; row?: number; change?: TextChange }
  /** The fields after the labels removed. */
  | { kind: "drop-extra-fields"; line: number; row?: number; change?: TextChange }
  /** Two rows on one line written as two lines (the line break between them put back). */
  | { kind: "split-row"; line: number; row?: number; change?: TextChange }
  | { kind: "file"; action: FileAction };

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

/** Sizes and modes of the images a file lists, over those that decoded. */
export interface ImageStatistics {
  /** Images decoded to a picture (a line listing the same image twice counts twice). */
  decoded: number;
  /** Null when none decoded. */
  minWidth: number | null;
  maxWidth: number | null;
  minHeight: number | null;
  maxHeight: number | null;
  /** Decoded images with one color channel (alpha aside). */
  grayscale: number;
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
  /** PaddleClas's label_ratio for the class: the mean of its values, each −1 counted as −1 (its prevalence in a 0/1 list). */
  labelRatio: number;
  /** Rows where the class holds a declared unknown value (only when unknown values are declared). */
  unknowns?: number;
}

/** Statistics over the clean rows of one file. */
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
  /** The rare-class rule's `minPositives` (a class with fewer positives is rare), when that rule is on. */
  rareClassMinPositives?: number;
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
  /** With consumer imagelist: the one ImageList named (`--consumer hashnet` or `deephash`); absent, both. */
  imagelistReader?: "hashnet" | "deephash";
  /** With images checked: the directory image paths were looked up under (absolute). */
  imageRoot?: string;
  classNames?: string[];
  shape: ShapeVerdict;
  problems: Problem[];
  /** Exact count per rule name, even when the listing is capped. */
  counts: Record<string, number>;
  /** Of `counts`, the errors per rule (a rule may report at two severities); a rule with none is left out. */
  errorCounts?: Record<string, number>;
  /** Problems left out of `problems`: past `maxProblemsPerRule`, or explained by a file-level finding. */
  omitted: number;
  /** Of `omitted`: line findings a file-level finding (wrong-format) explains; absent when none. */
  explained?: number;
  errorCount: number;
  warningCount: number;
  /** Warnings `--quiet` (`errorsOnly`) left out of the listing and of `warningCount`; absent when none. `--max-warnings` counts them. */
  quietWarnings?: number;
  /** Problems a `fix` would resolve, by applicability. */
  fixable: { safe: number; unsafe: number };
  stats: FileStats;
  /** Full statistics, when asked for (`statistics: true`). */
  statistics?: DatasetStatistics;
  /** What decoding the listed images showed (only with `decodeImages`). */
  images?: ImageStatistics;
  bytes: number;
}

/** What every reporter needs of a checked file, label file or training config alike. */
export type ProblemList = Pick<FileResult, "path" | "problems" | "counts" | "errorCounts" | "omitted" | "explained" | "errorCount" | "warningCount" | "quietWarnings" | "fixable">;

/** The findings of one training config (`--ppcls-config`), reported beside the label files it names. */
export interface ConfigResult {
  path: string;
  kind: "ppcls";
  /** `Arch.class_num`, when set. */
  numClasses?: number;
  /** The class_num the config sets, as written, when it is not a class count PaddleClas can build with (`33.0`, `abc`). */
  classNumWritten?: string;
  /** The target tensor each split's loader yields: `[B, C]`, or `[B, 2, C]` with `label_ratio`. */
  targets: { split: SplitRole; shape: string; labelList?: string }[];
  problems: Problem[];
  counts: Record<string, number>;
  errorCounts?: Record<string, number>;
  omitted: number;
  errorCount: number;
  warningCount: number;
  /** Warnings `--quiet` left out (see `FileResult.quietWarnings`). */
  quietWarnings?: number;
  fixable: { safe: number; unsafe: number };
}

export interface LintSummary {
  files: number;
  errorCount: number;
  warningCount: number;
  /** Warnings `--quiet` left out, in all files; absent when none. `--max-warnings` counts them. */
  quietWarnings?: number;
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
  /**
   * otherFormat, read as paddleclas: the sampled lines hold the label values
   * in TAB-separated columns (`path<TAB>0<TAB>1<TAB>0`), this many on the first.
   */
  tabColumns?: number;
}

/**
 * A confirmed copy of an earlier line. One its rule can only count (past the rule's listing cap, or
 * the cap is 0) holds no text: `path`, `source` and `firstSource` are empty and `firstLabels` is [0, 0].
 */
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

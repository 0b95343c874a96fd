import type { FileResult, FormatId } from "../types.js";

/** One side of a diff, as read. */
export interface DiffFile {
  path: string;
  format: FormatId;
  formatReason: string;
  numClasses: number;
  numClassesSource: FileResult["numClassesSource"];
  classNames?: string[];
  /** Data rows (lines that are not blank, a header or a `#` comment). */
  rows: number;
  /** Rows whose labels read as C values of 0/1 (the rows per-class figures count). */
  validRows: number;
  /** Lines that are not rows, by kind. */
  skipped: { blank: number; header: number; comment: number };
  /** Records of a record format (csv, indices, json, columns) that could not be read as rows: not compared (`check` says why). */
  unread: number;
}

export type DiffChangeKind = "relabelled" | "added" | "removed";

/**
 * One changed row. Classes are indices into {@link DiffResult.classes}.
 * Labels that do not read as C values of 0/1 are given as text instead.
 */
export interface DiffChange {
  kind: DiffChangeKind;
  /** The normalised path (a leading `./` dropped, `\` as `/`): the key rows are joined on. */
  path: string;
  /** 1-based line in the old file (relabelled, removed). */
  oldLine?: number;
  /** 1-based line in the new file (relabelled, added). */
  newLine?: number;
  /** Positive classes in the old and new row. */
  old?: number[];
  new?: number[];
  /** The label text of a row whose labels do not read as C values of 0/1. */
  oldText?: string;
  newText?: string;
  /** Classes positive in the new row and not in the old one, and the reverse (relabelled). */
  gained?: number[];
  lost?: number[];
}

/** A class of the comparison: the old file's classes, then classes only the new file has. */
export interface DiffClass {
  index: number;
  name?: string;
  /** Its index in each file, or null when the file does not have it. */
  oldIndex: number | null;
  newIndex: number | null;
  oldPositives: number;
  newPositives: number;
  /** Rows present in both files whose label for the class went 0 → 1, and 1 → 0. */
  gained: number;
  lost: number;
  /** Positives in rows only the new file has, and in rows only the old file has. */
  inAddedRows: number;
  inRemovedRows: number;
  oldPrevalence: number | null;
  newPrevalence: number | null;
  /** New − old prevalence (null when a file lacks the class or has no valid row). */
  prevalenceChange: number | null;
}

/** A path that appears more than once in the new file but at most once in the old one. */
export interface DiffDuplicate {
  path: string;
  newCount: number;
  oldCount: number;
  /** Lines of the new file that hold it (the first few). */
  newLines: number[];
}

export interface DiffCounts {
  /** Rows only in the new file. */
  added: number;
  /** Rows only in the old file. */
  removed: number;
  /** Rows in both whose labels differ. */
  relabelled: number;
  unchanged: number;
}

/** What changed between two label files, rows joined by normalised path. */
export interface DiffResult {
  old: DiffFile;
  new: DiffFile;
  /** How classes were matched: by name (both files have names), else by index. */
  classMatch: "names" | "index";
  counts: DiffCounts;
  /** True when anything changed: rows, classes, or duplicates introduced. */
  changed: boolean;
  classes: DiffClass[];
  /** Classes only the new file has, and only the old file has. */
  classesAdded: { index: number; name?: string }[];
  classesRemoved: { index: number; name?: string }[];
  duplicatesIntroduced: {
    /** Paths repeated in the new file and not in the old. */
    paths: number;
    /** Extra copies of them in the new file. */
    rows: number;
    listed: DiffDuplicate[];
  };
  /** Changed rows listed (relabelled, then added, then removed; each in file order), at most `maxRows` per kind. */
  changes: DiffChange[];
  /** Changed rows left out of `changes` (counts stay exact). */
  changesOmitted: number;
  /** How the join ran: in memory, or through hash-partitioned files on disk past the memory limit. */
  join: { mode: "memory" | "disk"; buckets: number; memoryLimit: number; spilledBytes: number };
}

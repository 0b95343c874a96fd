import type { ConfigResult, LintResult } from "../types.js";

export interface FormatOptions {
  /** ANSI colours. */
  color?: boolean;
  /** List only error-severity problems (counts stay exact). */
  quiet?: boolean;
  /** Warnings allowed before the run fails, to explain a failure caused by them. */
  maxWarnings?: number;
  /**
   * Show a rule's repeated line findings in a file as one group (default true)
   * in the human reporters; false lists each (`--no-group`). Machine formats list each always.
   */
  group?: boolean;
  /**
   * The run did not look up the listed images (no `--check-images`): the
   * text reporter says so, since a clean report then says nothing about them.
   */
  imagesUnchecked?: boolean;
  /**
   * Files were checked as train lists for want of a role though a name says
   * eval: the text reporter says which `--split` checks them as named.
   */
  splitHint?: string;
  /** The directory the run's relative paths are relative to (the gitlab reporter resolves them against it). */
  cwd?: string;
  /**
   * The repository's root ($CI_PROJECT_DIR in GitLab CI): the gitlab reporter
   * names files relative to it, as GitLab matches them against the merge request's files.
   */
  projectDir?: string;
}

/** A reporter: a pure function from results to text. */
export type Formatter = (result: LintResult, options?: FormatOptions) => string;

/** Files a result covers: its label files and the training configs checked with them. */
export function filesChecked(result: LintResult): number {
  return result.files.length + (result.configs?.length ?? 0);
}

/** Every warning of the run, those `--quiet` left out too: what `--max-warnings` counts. */
export function allWarnings(result: LintResult): number {
  return result.summary.warningCount + (result.summary.quietWarnings ?? 0);
}

/**
 * A reporter that writes its text in pieces, so a report of any size is
 * streamed to its destination instead of being built as one string.
 */
export type ReportWriter = (result: LintResult, options?: FormatOptions) => Iterable<string>;

/** All pieces as one string (for callers that want the whole report at once). */
export function joinPieces(pieces: Iterable<string>): string {
  let text = "";
  for (const piece of pieces) text += piece;
  return text;
}

/** The string form of a {@link ReportWriter}. */
export const asFormatter =
  (write: ReportWriter): Formatter =>
  (result, options) =>
    joinPieces(write(result, options));

/** A config's class_num for a report's header: the count, the value as written when PaddleClas cannot build with it, or "not set". */
export function classNumShown(config: Pick<ConfigResult, "numClasses" | "classNumWritten">, count: (n: number) => string): string {
  if (config.numClasses !== undefined) return count(config.numClasses);
  if (config.classNumWritten !== undefined) return `${config.classNumWritten} (not a class count PaddleClas can build with)`;
  return "not set";
}

/**
 * GitHub code scanning rejects an upload with more results than this in a run
 * (and shows the first 5,000 by severity): a sarif report writes no more.
 */
export const SARIF_MAX_RESULTS = 25_000;

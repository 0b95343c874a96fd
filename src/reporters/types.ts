import type { LintResult } from "../types.js";

export interface FormatOptions {
  /** ANSI colours. */
  color?: boolean;
  /** List only error-severity problems (counts stay exact). */
  quiet?: boolean;
  /** Warnings allowed before the run fails, to explain a failure caused by them. */
  maxWarnings?: number;
}

/** A reporter: a pure function from results to text. */
export type Formatter = (result: LintResult, options?: FormatOptions) => string;

/** Files a result covers: its label files and the training configs checked with them. */
export function filesChecked(result: LintResult): number {
  return result.files.length + (result.configs?.length ?? 0);
}

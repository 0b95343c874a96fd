import { lintFile } from "../engine/lint.js";
import { canonicalOptions, relocateResult } from "../engine/records.js";
import { spoolToTempFile } from "../engine/source.js";
import { LabellintError } from "../errors.js";
import { isLineFormat } from "../readers/index.js";
import { chooseFormat, isRecordFormat, openCanonical, type RejectedRecord } from "../readers/records.js";
import type { FileResult, LineFormatId, LintOptions, Problem } from "../types.js";

/**
 * One input of `convert`, ready for the rewrite pass: a file of lines in a
 * line format — the input itself, a spool of standard input, or for a record
 * format (csv, indices, json, columns) the canonical paddleclas lines its
 * reader wrote — and its check.
 */
export interface ConvertSource {
  /** The input as named in messages. */
  display: string;
  /** The line file the rewrite pass reads. */
  file: string;
  /** The line format of `file`. */
  lineFormat: LineFormatId;
  /** The check of the input as `check` reports it (lines of the original input), every problem listed. */
  check: FileResult;
  /** The problems of `file` by its own lines, for deciding each line. */
  lineProblems: Problem[];
  /** Records the reader could not turn into a line of `file` (record formats), in input order. */
  rejectedRecords: RejectedRecord[];
  /** The line of the original input a line of `file` comes from (record formats). */
  lineOf?: (line: number) => number;
  dispose(): Promise<void>;
}

/**
 * Opens and checks one input with the engine `check` uses. `-` is standard
 * input, spooled to a temporary file (it is read twice).
 */
export async function openSource(path: string, display: string, options: LintOptions): Promise<ConvertSource> {
  let file = path;
  const disposers: (() => Promise<void>)[] = [];
  const dispose = async (): Promise<void> => {
    for (const d of disposers.reverse()) await d();
  };
  try {
    let fileOptions = options;
    if (path === "-") {
      const spool = await spoolToTempFile(process.stdin);
      disposers.push(spool.dispose);
      file = spool.path;
      // Image paths read from standard input are relative to the working directory, not the spool's.
      if (options.checkImages || options.hashImages) fileOptions = { ...options, imageRoot: options.imageRoot ?? process.cwd() };
    }
    const chosen = await chooseFormat(file, fileOptions, display);
    if (isRecordFormat(chosen.format)) {
      const canonical = await openCanonical(file, { ...fileOptions, format: chosen.format, formatReason: chosen.reason }, display);
      disposers.push(() => canonical.dispose());
      const inner = await lintFile(canonical.path, canonicalOptions(canonical, fileOptions, file), display);
      const check = await relocateResult(inner, canonical, fileOptions, file);
      return {
        display,
        file: canonical.path,
        lineFormat: "paddleclas",
        check,
        lineProblems: inner.problems,
        rejectedRecords: canonical.rejected,
        lineOf: (line) => canonical.locate(line).line,
        dispose,
      };
    }
    const check = await lintFile(file, fileOptions, display);
    if (!isLineFormat(check.format)) throw new LabellintError("LL_UNKNOWN_FORMAT", `'${display}' read as ${check.format}, which convert cannot stream`);
    return { display, file, lineFormat: check.format, check, lineProblems: check.problems, rejectedRecords: [], dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

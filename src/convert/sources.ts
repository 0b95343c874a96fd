import { lintCanonical, lintFile, withImageRoot } from "../engine/lint.js";
import { openTextInput } from "../io/text-input.js";
import type { ChunkTransform } from "../io/source.js";
import { digestFile, InputGuard, type Digest } from "../fixer/input-guard.js";
import { LabellintError } from "../errors.js";
import { isLineFormat } from "../readers/index.js";
import type { AnnotationFrame } from "../readers/canonical.js";
import { chooseFormat, isRecordFormat, openCanonical, openInPlace, type RecordTexts, type RejectedRecord } from "../readers/records.js";
import type { FileResult, LineFormatId } from "../types.js";
import type { Place } from "../fixer/repair.js";
import type { LineFormat } from "../readers/format.js";
import { sparseCanonical } from "../readers/sparse.js";
import type { LintOptions } from "../engine/options.js";

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
  /** What each line of `file` is as the input has it (csv, indices): what a rejected row is written as. */
  records?: RecordTexts;
  /** A json input's members around its entries, as written (a json output keeps the first input's). */
  frame?: AnnotationFrame;
  /** `file`'s bytes are its lines through this transform (an unquoted CSV read in place). */
  transform?: () => ChunkTransform;
  /** The line format of `file`. */
  lineFormat: LineFormatId;
  /** How to read `file` when not as `lineFormat` reads it: sparse canonical lines of an index list. */
  format?: LineFormat;
  /** The check of the input as `check` reports it (at the input's own lines and rows), every problem listed. */
  check: FileResult;
  /** Records the reader could not turn into a line of `file` (record formats), in input order. */
  rejectedRecords: readonly RejectedRecord[];
  /** The file those records are in, as the reader read it (record formats). */
  recordSource?: string;
  /** The line its reader stopped at, short of its end (a JSON syntax error, a CSV quote never closed). */
  stoppedAt?: number;
  /** Why rows would be in no output, when the reader did not stop at `stoppedAt`. */
  stoppedWhy?: string;
  /** Where a line of `file` is in the input: its line and data row (record formats). */
  placeOf?: (line: number) => Place;
  /** The input's permission bits, for what is written from it (a file; not a stream). */
  mode?: number;
  /** Throws unless the input is the one the check read, given the rewrite pass's digest of `file`. */
  verify(rewritten: Digest): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Opens and checks one input with the engine `check` uses. `-` is standard
 * input, spooled to a temporary file (it is read twice), as is a FIFO or a
 * device; a file is watched so the rewrite pass refuses if it changed.
 */
export async function openSource(path: string, display: string, options: LintOptions): Promise<ConvertSource> {
  let file = path;
  const disposers: (() => Promise<void>)[] = [];
  const dispose = async (): Promise<void> => {
    for (const d of disposers.reverse()) await d();
  };
  try {
    let fileOptions = options;
    // Standard input, a FIFO or a device is read once, into a copy: it is read twice; gzip is decompressed into one.
    const spool = await openTextInput(path, display, options.maxSpoolBytes);
    let guard: InputGuard | undefined;
    if (spool !== undefined) {
      disposers.push(spool.dispose);
      file = spool.path;
      // Image paths read from standard input are relative to the working directory (a FIFO's, to its folder), not the spool's.
      fileOptions = withImageRoot(options, path);
    } else {
      // A file is read twice too: both passes must see the same one.
      guard = await InputGuard.open(path, display);
    }
    const chosen = await chooseFormat(file, fileOptions, display);
    if (isRecordFormat(chosen.format)) {
      const opened = { ...fileOptions, format: chosen.format, formatReason: chosen.reason };
      // An unquoted CSV or an index list of plain lines is read in place; other index lists (indices, json)
      // stay sparse: a row costs its indices, not C (read back with `sparseCanonical`).
      const canonical = (await openInPlace(file, opened, display)) ?? (await openCanonical(file, opened, display, { sparse: true, keepRecords: true }));
      disposers.push(() => canonical.dispose());
      await guard?.firstDigest();
      const check = await lintCanonical(canonical, fileOptions, file, display);
      return {
        display,
        file: canonical.path,
        ...(canonical.records !== undefined ? { records: canonical.records } : {}),
        ...(canonical.frame !== undefined ? { frame: canonical.frame } : {}),
        ...(canonical.transform !== undefined ? { transform: canonical.transform } : {}),
        lineFormat: "paddleclas",
        ...(canonical.sparse ? { format: sparseCanonical(check.numClasses) } : {}),
        check,
        rejectedRecords: canonical.rejected,
        recordSource: canonical.source,
        ...(canonical.stoppedAt !== undefined ? { stoppedAt: canonical.stoppedAt } : {}),
        ...(canonical.stoppedWhy !== undefined ? { stoppedWhy: canonical.stoppedWhy } : {}),
        placeOf: (line) => ({ line: canonical.line(line), row: canonical.row(line) }),
        ...(guard !== undefined ? { mode: guard.mode } : {}),
        // The rewrite pass reads the canonical copy: the input itself is digested again.
        verify: async () => {
          if (guard !== undefined) await guard.verify(await digestFile(path, display));
        },
        dispose,
      };
    }
    const check = await lintFile(file, { ...fileOptions, ...(guard !== undefined ? { onChunk: guard.onChunk } : {}) }, display);
    if (!isLineFormat(check.format)) throw new LabellintError("LL_UNKNOWN_FORMAT", `'${display}' read as ${check.format}, which convert cannot stream`);
    return {
      display,
      file,
      lineFormat: check.format,
      check,
      rejectedRecords: [],
      ...(guard !== undefined ? { mode: guard.mode } : {}),
      verify: async (digest) => {
        await guard?.verify(digest);
      },
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

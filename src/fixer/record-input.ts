import { LabellintError } from "../errors.js";
import { isLineFormat } from "../readers/index.js";
import { chooseFormat, isRecordFormat, openCanonical, openInPlace, type CanonicalInput } from "../readers/records.js";
import type { LintOptions } from "../engine/options.js";
import type { AtomicFile } from "./atomic.js";
import { RecordRejects } from "./record-bytes.js";
import { describeReaderFindings } from "../engine/findings.js";
import type { ConsumerId } from "../types.js";
import type { FixCounts, PlanReason, PlanReject } from "./plan.js";

/** A record-format input (csv, indices, columns, json) being fixed through its canonical paddleclas lines. */
export interface RecordInput {
  canonical: CanonicalInput;
}

/**
 * Opens `input` as canonical lines when it is in a record format; undefined
 * for a line format, which the fixer reads directly. `--in-place` is refused:
 * it would overwrite a CSV file with paddleclas lines, or a JSON file in another layout.
 */
export async function openRecordInput(input: string, options: LintOptions & { inPlace?: boolean }, displayPath: string): Promise<RecordInput | undefined> {
  if (input === "-" || (options.format !== undefined && isLineFormat(options.format) && options.columns === undefined)) return undefined;
  const chosen = await chooseFormat(input, options, displayPath);
  if (!isRecordFormat(chosen.format)) return undefined;
  if (options.inPlace) {
    const what = chosen.format === "json" ? "rewrite the json file in another layout (one entry a line)" : `replace ${chosen.format} input with paddleclas lines`;
    throw new LabellintError("LL_USAGE", `--in-place would ${what}; write the output with --out instead`);
  }
  const opened = { ...options, format: chosen.format, formatReason: chosen.reason };
  // An unquoted CSV, or an index list of plain lines, is read in place: no reader, no copy.
  const inPlace = await openInPlace(input, opened, displayPath);
  if (inPlace !== undefined) return { canonical: inPlace };
  // Index lists (indices, json) stay sparse: a row costs its indices, not C, in the copy and in both passes.
  // Each csv record and index line is kept as written, for the rejects file.
  return { canonical: await openCanonical(input, opened, displayPath, { sparse: true, keepRecords: true }) };
}

/**
 * The records the reader could not turn into lines: rejected like any line,
 * with their original text (a CSV record, an index line, a JSON entry) and
 * the reader's reasons, in line order among the lines the rewrite pass
 * rejects: `before(line)` writes those before the input's line `line`.
 * A record whose text is not its bytes is copied from the input (see
 * {@link RecordRejects}).
 */
export function recordRejecter(
  records: RecordInput,
  consumer: ConsumerId,
  counts: FixCounts,
  rejects: AtomicFile | undefined,
  log: { rejects: PlanReject[] } | undefined,
  onReject?: (reasons: readonly PlanReason[]) => void,
): (line: number) => void {
  const rejected = records.canonical.rejected;
  const writer = rejects !== undefined && rejected.length > 0 ? new RecordRejects(records.canonical.source, records.canonical.format) : undefined;
  let next = 0;
  return (line) => {
    for (; next < rejected.length && rejected[next]!.line < line; next++) {
      const r = rejected[next]!;
      const reasons = describeReaderFindings(r.findings, consumer);
      counts.linesIn++;
      counts.rowsRejected++;
      log?.rejects.push({ line: r.line, text: r.text, reasons });
      onReject?.(reasons);
      if (rejects !== undefined) writer!.write(rejects, "", r, reasons);
    }
    if (next === rejected.length) writer?.close();
  };
}

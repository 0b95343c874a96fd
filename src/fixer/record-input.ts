import { LabellintError } from "../errors.js";
import { isLineFormat } from "../readers/index.js";
import { chooseFormat, isRecordFormat, openCanonical, type CanonicalInput } from "../readers/records.js";
import type { LintOptions } from "../engine/options.js";
import type { AtomicFile } from "./atomic.js";
import { rejectsRow } from "./lines.js";
import type { FixCounts, PlanReject } from "./plan.js";

/** A record-format input (csv, indices, columns, json) being fixed through its canonical paddleclas lines. */
export interface RecordInput {
  canonical: CanonicalInput;
}

/**
 * Opens `input` as canonical lines when it is in a record format; undefined
 * for a line format, which the fixer reads directly. `--in-place` is refused:
 * it would overwrite a CSV or JSON file with paddleclas lines.
 */
export async function openRecordInput(input: string, options: LintOptions & { inPlace?: boolean }, displayPath: string): Promise<RecordInput | undefined> {
  if (input === "-" || (options.format !== undefined && isLineFormat(options.format) && options.columns === undefined)) return undefined;
  const chosen = await chooseFormat(input, options, displayPath);
  if (!isRecordFormat(chosen.format)) return undefined;
  if (options.inPlace) {
    throw new LabellintError("LL_USAGE", `--in-place would replace ${chosen.format} input with paddleclas lines; write them with --out instead`);
  }
  return { canonical: await openCanonical(input, { ...options, format: chosen.format, formatReason: chosen.reason }, displayPath) };
}

/**
 * The records the reader could not turn into lines: rejected like any line,
 * with their original text (a CSV record, an index line, a JSON entry) and
 * the reader's reasons.
 */
export function rejectRecords(records: RecordInput, counts: FixCounts, rejects: AtomicFile | undefined, log: { rejects: PlanReject[] } | undefined): void {
  for (const r of records.canonical.rejected) {
    counts.linesIn++;
    counts.rowsRejected++;
    log?.rejects.push({ line: r.line, text: r.text, reasons: r.reasons });
    rejects?.write(rejectsRow(r.line, r.reasons, r.text.replace(/\r?\n/g, "\\n")));
  }
}

import { Verdict } from "../readers/row.js";
import type { ShapeVerdict } from "../types.js";
import { formatCount } from "../text/numbers.js";

interface ShapeInput {
  rows: number;
  numClasses: number;
  verdictCounts: Int32Array;
  rowsWithBadValues: number;
  signed: boolean;
  validRows: number;
}

/** [verdict, singular, plural]; `{C}` is the class count. */
const REASONS: [Verdict, string, string][] = [
  [Verdict.LabelCount, "1 row does not have {C} values", "{n} rows do not have {C} values"],
  [Verdict.IndexLabels, "1 row holds class indices, not a multi-hot vector", "{n} rows hold class indices, not a multi-hot vector"],
  [Verdict.MissingSeparator, "1 row has no separator between path and labels", "{n} rows have no separator between path and labels"],
  [Verdict.JoinedRows, "1 line holds more than one row (a line break is missing)", "{n} lines hold more than one row each (line breaks are missing)"],
  [Verdict.EmptyPath, "1 row has no image path", "{n} rows have no image path"],
  [Verdict.InvalidEncoding, "1 row is not valid UTF-8 or has a NUL byte", "{n} rows are not valid UTF-8 or have NUL bytes"],
  [Verdict.TooLong, "1 line is too long to read", "{n} lines are too long to read"],
  [Verdict.Blank, "1 blank line", "{n} blank lines"],
  [Verdict.Comment, "1 comment line", "{n} comment lines"],
];

/** Whether the file is a clean `[N, C]` multi-hot matrix, and why not. */
export function buildShape(input: ShapeInput): ShapeVerdict {
  const reasons: string[] = [];
  for (const [verdict, one, many] of REASONS) {
    const n = input.verdictCounts[verdict] ?? 0;
    // With no class at all, a row's lack of values is not a width to compare.
    if (n > 0 && verdict === Verdict.LabelCount && input.numClasses === 0) reasons.push(`no class: ${n === 1 ? "the row has" : `${formatCount(n)} rows have`} no label value`);
    else if (n > 0) reasons.push((n === 1 ? one : many).replace("{n}", formatCount(n)).replace("{C}", formatCount(input.numClasses)));
  }
  if (input.rowsWithBadValues > 0) reasons.push(`${formatCount(input.rowsWithBadValues)} ${input.rowsWithBadValues === 1 ? "row has" : "rows have"} values other than 0/1`);
  if (input.signed) reasons.push("labels are encoded as -1/1, not 0/1");
  const binary = input.rowsWithBadValues === 0 && !input.signed;
  const ok = reasons.length === 0 && input.rows > 0 && input.numClasses > 0;
  if (input.rows === 0) reasons.push("no data rows");
  return { rows: input.rows, columns: input.numClasses, binary, ok, reasons };
}

import { LabellintError } from "../errors.js";
import type { FormatId } from "../types.js";

export interface Detection {
  format: FormatId;
  reason: string;
}

const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;
const MAX_SAMPLE_LINES = 1000;

/** The first lines of `head` as strings (without BOM and line terminators), blank lines skipped. */
export function sampleLines(head: Buffer, max = MAX_SAMPLE_LINES): string[] {
  let text = head.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines: string[] = [];
  let p = 0;
  while (p < text.length && lines.length < max) {
    let nl = text.indexOf("\n", p);
    // Ignore a last partial line unless the head is the whole input.
    if (nl === -1) nl = text.length;
    const line = text.slice(p, nl).replace(/\r$/, "");
    if (line.trim() !== "") lines.push(line);
    p = nl + 1;
  }
  return lines;
}

function isNumericList(field: string, separator: RegExp): boolean {
  const tokens = field.trim().replace(/^\[+|\]+$/g, "").split(separator).filter((t) => t !== "");
  return tokens.length > 0 && tokens.every((t) => NUMERIC.test(t.trim()));
}

/**
 * Sniffs the line format from the first lines. Each sampled line votes for
 * the format it reads as; the majority wins and the reason says how many
 * lines agreed. Lines that disagree are reported line by line later, never
 * silently re-read in another format.
 */
export function detectFormat(head: Buffer, path: string): Detection {
  const lines = sampleLines(head);
  if (lines.length === 0) {
    return { format: "paddleclas", reason: "the file has no data lines; read as paddleclas (path<TAB>v1,…,vC)" };
  }
  let paddle = 0;
  let paddleNoTab = 0;
  let spaced = 0;
  let csvLike = 0;
  for (const line of lines) {
    const tab = line.indexOf("\t");
    if (tab !== -1) {
      const rest = line.slice(tab + 1);
      if (rest.includes(",") || isNumericList(rest, /,/)) paddle++;
      else if (isNumericList(rest, /[ \t]+/)) spaced++;
      else paddle++;
      continue;
    }
    const parts = line.trim().split(/ +/);
    if (parts.length >= 2) {
      const rest = parts.slice(1);
      if (rest.length === 1 && rest[0]!.includes(",") && isNumericList(rest[0]!, /,/)) paddleNoTab++;
      else if (isNumericList(rest.join(" "), / +/)) spaced++;
      else if (rest.some((t) => t.includes(","))) paddleNoTab++;
      else spaced++;
      continue;
    }
    if (line.includes(",")) csvLike++;
  }
  const total = lines.length;
  const of = `${total} sampled line${total === 1 ? "" : "s"}`;
  if (csvLike > total / 2) {
    throw new LabellintError(
      "LL_FORMAT_UNDETECTED",
      `${path}: cannot detect the format: ${csvLike} of ${of} look like CSV (path,v1,…), which this version does not read; pass --format paddleclas or --format spaced if that is what it is`,
    );
  }
  if (paddle + paddleNoTab >= spaced && paddle + paddleNoTab > 0) {
    const parts: string[] = [];
    if (paddle > 0) parts.push(`${paddle} of ${of} ${paddle === 1 ? "is" : "are"} path<TAB>comma-separated values`);
    if (paddleNoTab > 0) {
      const verb = paddleNoTab === 1 ? "has" : "have";
      parts.push(paddle > 0 ? `${paddleNoTab} more ${verb} comma-separated values after a space instead of a TAB` : `${paddleNoTab} of ${of} ${verb} comma-separated values after a space, where PaddleClas expects a TAB`);
    }
    return { format: "paddleclas", reason: parts.join("; ") };
  }
  if (spaced > 0) {
    return { format: "spaced", reason: `${spaced} of ${of} ${spaced === 1 ? "is" : "are"} a path followed by whitespace-separated values` };
  }
  return { format: "paddleclas", reason: `no sampled line reads as labels in any format; read as paddleclas (path<TAB>v1,…,vC)` };
}

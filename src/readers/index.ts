import type { FormatId, LineFormatId } from "../types.js";
import type { LineFormat } from "./format.js";
import { paddleclas } from "./paddleclas.js";
import { spaced } from "./spaced.js";

export const lineFormats: Record<LineFormatId, LineFormat> = { paddleclas, spaced };
/** Every input format: the line formats first, then those read as records (src/readers/records.ts). */
export const FORMAT_IDS: readonly FormatId[] = ["paddleclas", "spaced", "csv", "indices", "columns", "json"];

/** True for the formats the byte scanners read line by line. */
export function isLineFormat(format: string): format is LineFormatId {
  return Object.hasOwn(lineFormats, format);
}

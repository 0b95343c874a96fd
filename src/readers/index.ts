import type { FormatId } from "../types.js";
import type { LineFormat } from "./format.js";
import { paddleclas } from "./paddleclas.js";
import { spaced } from "./spaced.js";

export const lineFormats: Record<FormatId, LineFormat> = { paddleclas, spaced };
export const FORMAT_IDS = Object.keys(lineFormats) as FormatId[];

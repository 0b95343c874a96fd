import type { Formatter } from "./types.js";

/** The whole result as JSON; valid against `schemas/report.schema.json`. */
export const formatJson: Formatter = (result) => `${JSON.stringify(result, null, 2)}\n`;

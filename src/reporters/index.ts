import { formatJson } from "./json.js";
import { formatText } from "./text.js";
import type { Formatter } from "./types.js";

export type { Formatter, FormatOptions } from "./types.js";

/** Reporters by name, as `--reporter` takes them. */
export const formatters: Readonly<Record<string, Formatter>> = {
  text: formatText,
  json: formatJson,
};

/** Reporters the spec names that this version does not provide yet. */
export const plannedFormatters: readonly string[] = ["sarif", "github", "junit", "html"];

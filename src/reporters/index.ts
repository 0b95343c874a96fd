import { formatGithub } from "./github.js";
import { formatHtml } from "./html.js";
import { formatJson } from "./json.js";
import { formatJunit } from "./junit.js";
import { formatSarif } from "./sarif.js";
import { formatText } from "./text.js";
import type { Formatter } from "./types.js";

export type { Formatter, FormatOptions } from "./types.js";

/** Reporters by name, as `--reporter` takes them. */
export const formatters: Readonly<Record<string, Formatter>> = {
  text: formatText,
  json: formatJson,
  html: formatHtml,
  sarif: formatSarif,
  github: formatGithub,
  junit: formatJunit,
};

/** Reporters the spec names that this version does not provide yet. */
export const plannedFormatters: readonly string[] = [];

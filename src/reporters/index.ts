import { formatGithub, writeGithub } from "./github.js";
import { formatGitlab, writeGitlab } from "./gitlab.js";
import { formatHtml, writeHtml } from "./html.js";
import { formatJson, writeJson } from "./json.js";
import { formatJunit, writeJunit } from "./junit.js";
import { formatSarif, writeSarif } from "./sarif.js";
import { formatText, writeText } from "./text.js";
import type { Formatter, ReportWriter } from "./types.js";

export type { Formatter, FormatOptions, ReportWriter } from "./types.js";
export { joinPieces } from "./types.js";

/** Reporters by name, as `--reporter` takes them, writing their text in pieces (a report of any size streams). */
export const reportWriters: Readonly<Record<string, ReportWriter>> = {
  text: writeText,
  json: writeJson,
  html: writeHtml,
  sarif: writeSarif,
  github: writeGithub,
  junit: writeJunit,
  gitlab: writeGitlab,
};

/** Reporters by name, as `--reporter` takes them: each returns the whole report as one string. */
export const formatters: Readonly<Record<string, Formatter>> = {
  text: formatText,
  json: formatJson,
  html: formatHtml,
  sarif: formatSarif,
  github: formatGithub,
  junit: formatJunit,
  gitlab: formatGitlab,
};


import { appendFile } from "node:fs/promises";
import { resolve } from "node:path";
import { diff } from "../diff/diff.js";
import { LabellintError, writeFailure } from "../errors.js";
import { diffStepSummary, formatDiffGithub } from "../reporters/diff-github.js";
import { formatDiffHtml } from "../reporters/diff-html.js";
import { formatDiffText, writeDiffJson } from "../reporters/diff-text.js";
import { assertNotAnInput, emitReport, INPUT_OPTIONS, inputOptions, integer, oneOf, parseCommand, parseSize, impliedForDiff, withImplied } from "./args.js";
import type { CliIo } from "./io.js";

const OPTIONS = {
  ...INPUT_OPTIONS,
  reporter: { type: "string" },
  output: { type: "string", short: "o" },
  "max-rows": { type: "string" },
  "memory-limit": { type: "string" },
  "fail-on-change": { type: "boolean" },
} as const;

const REPORTERS = ["text", "json", "github", "html"] as const;
/** Changed rows listed by default, per kind; json lists them all. */
const DEFAULT_ROWS: Record<(typeof REPORTERS)[number], number> = { text: 20, github: 50, html: 500, json: Number.POSITIVE_INFINITY };

/**
 * `labellint diff OLD NEW [input options] [--reporter text|json|github|html]`:
 * exit 0 (also when rows changed: a diff reports, it does not judge), or 1
 * with --fail-on-change when anything changed; 2 on fatal errors.
 */
export async function runDiff(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, OPTIONS);
  if (positionals.length !== 2) throw new LabellintError("LL_USAGE", `diff compares two label files, OLD and NEW; got ${positionals.length}`);
  const reporter = oneOf("reporter", values.reporter, REPORTERS) ?? "text";
  const maxRows = integer("max-rows", values["max-rows"], 0) ?? DEFAULT_ROWS[reporter];
  const memoryLimit = values["memory-limit"] !== undefined ? parseSize("memory-limit", values["memory-limit"]) : undefined;
  await assertNotAnInput(values.output, [...positionals, values["class-names"], values["ppcls-config"], values.config], io);
  const implied = await impliedForDiff(values, positionals, io);
  const at = (p: string): string => (p === "-" ? p : resolve(io.cwd, p));
  const shown = positionals.map((p) => (p === "-" ? "<stdin>" : p));
  const result = await diff(at(positionals[0]!), at(positionals[1]!), {
    ...withImplied(await inputOptions(values, io), implied),
    maxRows,
    ...(memoryLimit !== undefined ? { memoryLimit } : {}),
    displayPaths: [shown[0]!, shown[1]!],
  });
  // The json report is streamed (hundreds of MB for an extreme class count).
  const text = reporter === "json" ? writeDiffJson(result) : reporter === "github" ? formatDiffGithub(result) : reporter === "html" ? formatDiffHtml(result) : formatDiffText(result);
  await emitReport(text, values.output, io);
  const summaryFile = io.env["GITHUB_STEP_SUMMARY"];
  if (reporter === "github" && summaryFile) {
    await appendFile(resolve(io.cwd, summaryFile), diffStepSummary(result)).catch((error: unknown) => {
      io.stderr.write(`labellint: warning: cannot append the step summary to '${summaryFile}' ($GITHUB_STEP_SUMMARY): ${writeFailure(error)}; the report above is complete\n`);
    });
  }
  return values["fail-on-change"] && result.changed ? 1 : 0;
}

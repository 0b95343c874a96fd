import { appendFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { LabellintError, writeFailure } from "../errors.js";
import { loadReportWriter, REPORTER_NAMES } from "../reporters/load.js";
import { allWarnings, SARIF_MAX_RESULTS } from "../reporters/types.js";
import type { LintResult } from "../types.js";
import { emitReport, integer } from "./args.js";
import { wantsColor, type CliIo } from "./io.js";

/** The options of a command that prints a lint report (check, merge). */
export const REPORT_OPTIONS = {
  reporter: { type: "string" },
  output: { type: "string", short: "o" },
  "max-problems-per-rule": { type: "string" },
  "max-warnings": { type: "string" },
  color: { type: "boolean" },
  "no-color": { type: "boolean" },
  "no-group": { type: "boolean" },
} as const;

export interface ReportFlags {
  reporter?: string | undefined;
  output?: string | undefined;
  "max-problems-per-rule"?: string | undefined;
  "max-warnings"?: string | undefined;
  color?: boolean | undefined;
  "no-color"?: boolean | undefined;
  "no-group"?: boolean | undefined;
  quiet?: boolean | undefined;
}

/** How the report is printed: the reporter (loaded), the listing cap (100 in text), the warning limit, whether statistics are in it. */
export interface ReportPlan {
  name: string;
  writer: NonNullable<Awaited<ReturnType<typeof loadReportWriter>>>;
  maxProblems: number | undefined;
  /** Listed findings about single classes per rule, when `maxProblems` was not given: 1,000 in machine reports. */
  maxClassProblems: number | undefined;
  maxWarnings: number | undefined;
  /** The statistics are in every json and html report (the html charts draw them). */
  statistics: boolean;
}

/** Findings about single classes listed per rule in json, html, sarif, junit and ungrouped gitlab reports unless --max-problems-per-rule says otherwise. */
export const MACHINE_CLASS_PROBLEMS = 1000;

export async function reportPlan(flags: ReportFlags): Promise<ReportPlan> {
  const given = integer("max-problems-per-rule", flags["max-problems-per-rule"], 0);
  const name = flags.reporter ?? "text";
  const writer = await loadReportWriter(name);
  const hundred = name === "text" || name === "github" || (name === "gitlab" && flags["no-group"] !== true);
  if (writer === undefined) throw new LabellintError("LL_USAGE", `--reporter must be one of ${REPORTER_NAMES.join(", ")}, got '${name}'`);
  return {
    name,
    writer,
    // People read text, github and a grouped gitlab report: ten annotations of each kind, a group naming ten lines with its
    // exact count (the errors per rule place the unlisted ones), so 100 listed make the report all would. Code scanning
    // takes 25,000 results in a run: a sarif report lists no more of one rule.
    maxProblems: given ?? (hundred ? 100 : name === "sarif" ? SARIF_MAX_RESULTS : undefined),
    // One finding per class, and C may be 670,000: machine reports list every line finding, not every class.
    maxClassProblems: given === undefined && !hundred ? MACHINE_CLASS_PROBLEMS : undefined,
    maxWarnings: integer("max-warnings", flags["max-warnings"], -1),
    statistics: name === "json" || name === "html",
  };
}

/**
 * Prints the report (and, with the github reporter, appends the step summary
 * to $GITHUB_STEP_SUMMARY) and returns the exit code: 1 for errors or more
 * warnings than --max-warnings, else 0.
 */
export async function printReport(result: LintResult, plan: ReportPlan, flags: ReportFlags, quiet: boolean, io: CliIo, hints: { imagesUnchecked?: boolean; splitHint?: string } = {}): Promise<number> {
  const group = flags["no-group"] !== true;
  const { maxWarnings } = plan;
  // GitLab CI names the repository's root: the gitlab reporter names files relative to it.
  const projectDir = io.env["CI_PROJECT_DIR"];
  const where = { cwd: io.cwd, ...(projectDir !== undefined && isAbsolute(projectDir) ? { projectDir } : {}) };
  await emitReport(plan.writer(result, { color: wantsColor(flags, io), quiet, group, ...(maxWarnings !== undefined ? { maxWarnings } : {}), ...hints, ...where }), flags.output, io);
  const summaryFile = io.env["GITHUB_STEP_SUMMARY"];
  if (plan.name === "github" && summaryFile) {
    const { githubStepSummary } = await import("../reporters/github.js");
    // The annotations are out already: a summary that cannot be written is worth a warning, not a failed run.
    await appendFile(resolve(io.cwd, summaryFile), githubStepSummary(result, { group })).catch((error: unknown) => {
      io.stderr.write(`labellint: warning: cannot append the step summary to '${summaryFile}' ($GITHUB_STEP_SUMMARY): ${writeFailure(error)}; the report above is complete\n`);
    });
  }
  const { errorCount } = result.summary;
  if (errorCount > 0) return 1;
  // With --quiet too, the warnings it left out still count (as in ESLint): they are not listed.
  if (maxWarnings !== undefined && maxWarnings >= 0 && allWarnings(result) > maxWarnings) return 1;
  return 0;
}

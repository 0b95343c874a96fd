import { isAbsolute, relative, resolve, sep } from "node:path";
import type { LintResult, Problem, ProblemList, Severity } from "../types.js";
import { visible } from "../text/visible.js";
import { jsonPieces, LazyArray } from "./json-stream.js";
import { groupCount, groupProblems, groupWhere, type ProblemGroup } from "./group.js";
import { fingerprintsOf } from "./sarif.js";
import { asFormatter, type Formatter, type FormatOptions, type ReportWriter } from "./types.js";

/**
 * GitLab's severities run info, minor, major, critical, blocker: an error
 * (training stops or trains on something else) is major, a warning minor.
 */
const SEVERITIES: Record<Severity, "info" | "minor" | "major"> = { error: "major", warn: "minor", off: "info" };

/** One finding as a GitLab Code Quality issue. */
export interface GitlabIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: "info" | "minor" | "major";
  location: { path: string; lines: { begin: number } } | { path: string; positions: { begin: { line: number; column: number } } };
}

/**
 * A file as GitLab names it: relative to the project's root (`/`-separated)
 * when the root is known, else relative to the working directory when that
 * is given; as the run named it when it is outside that folder (or neither is known).
 */
export function projectPath(path: string, options: Pick<FormatOptions, "cwd" | "projectDir">): string {
  const base = options.projectDir ?? options.cwd;
  let named = path;
  if (base !== undefined && (isAbsolute(path) || options.projectDir !== undefined)) {
    const inside = relative(base, resolve(options.cwd ?? base, path));
    if (inside !== ".." && !inside.startsWith(`..${sep}`) && !isAbsolute(inside)) named = inside;
  }
  return sep === "\\" ? named.replace(/\\/g, "/") : named;
}

function issue(problem: Problem, path: string, fingerprint: string, group?: ProblemGroup): GitlabIssue {
  // GitLab shows the description alone (not check_name): it leads with the rule. Text from the
  // label file is made visible, as in every report a person reads (a bidi control, a line break).
  const lead = group === undefined ? `${problem.code} ${problem.rule}` : `${problem.code} ${problem.rule} on ${groupCount(group)} (${groupWhere(group)}); the first`;
  const parts = [`${lead}: ${visible(problem.message)}`];
  if (problem.suggestion !== undefined) parts.push(`Fix by hand: ${visible(problem.suggestion)}`);
  // A finding about the whole file or a class sits on line 1, as GitLab needs a line.
  const line = problem.line ?? 1;
  return {
    description: parts.join(". "),
    check_name: problem.code,
    fingerprint,
    severity: SEVERITIES[problem.severity],
    location: problem.line !== undefined && problem.column !== undefined ? { path, positions: { begin: { line, column: problem.column } } } : { path, lines: { begin: line } },
  };
}

/**
 * Each file's findings as issues: a rule's repeated line (class) findings as
 * one issue on the first, as the other reports for people show them, unless
 * `group` is false (`--no-group`). An issue keeps its finding's fingerprint.
 */
function* issues(result: LintResult, options: FormatOptions): Generator<GitlabIssue> {
  for (const file of [...(result.configs ?? []), ...result.files] as ProblemList[]) {
    const prints = fingerprintsOf(file);
    const path = projectPath(file.path, options);
    // The items come in the findings' order (a group at its first finding): the fingerprints are walked alongside.
    let at = 0;
    for (const item of groupProblems(file, { group: options.group ?? true }).items()) {
      const problem = item.group?.first ?? item.problem!;
      let print = prints.next().value as string;
      while (file.problems[at] !== problem) {
        at++;
        print = prints.next().value as string;
      }
      at++;
      yield issue(problem, problem.file !== undefined ? projectPath(problem.file, options) : path, print, item.group);
    }
  }
}

/**
 * A GitLab Code Quality report (`artifacts: reports: codequality`), in
 * pieces: a JSON array with one issue per finding or group of a rule's
 * repeated findings (description, check_name, fingerprint, severity,
 * location), the subset of the Code Climate format GitLab reads; the
 * fingerprints are SARIF's, stable when lines move.
 */
export const writeGitlab: ReportWriter = function* (result, options = {}) {
  yield* jsonPieces(new LazyArray(() => issues(result, options)));
  yield "\n";
};

/** A GitLab Code Quality report: a JSON array with one issue per finding. */
export const formatGitlab: Formatter = asFormatter(writeGitlab);

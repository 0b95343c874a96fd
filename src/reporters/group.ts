import type { Problem, ProblemList } from "../types.js";
import { formatCount } from "../text/numbers.js";

/**
 * A rule with more than this many line findings (or class findings) in one
 * file is shown as one group by the human reporters (text, github, gitlab, html): a
 * thousand empty rows, or fifty classes without a positive, are one fact about
 * the file, not a thousand. `--no-group` lists each finding.
 */
export const GROUP_THRESHOLD = 3;
/** Line numbers (class indices) a group names before "and N more". */
export const GROUP_LINES_SHOWN = 10;

export interface GroupOptions {
  /** Group repeated line findings (default true); false lists every finding. */
  group?: boolean;
  /** Errors only. */
  quiet?: boolean;
}

/** One rule's line findings (or class findings) in one file and one severity, shown together. */
export interface ProblemGroup {
  rule: string;
  code: string;
  severity: Problem["severity"];
  /** What the findings are about: lines of the file, or classes. */
  unit: "line" | "class";
  /** The first listed finding: its message and quoted line stand for the group. */
  first: Problem;
  /** Line numbers (class indices) of the first {@link GROUP_LINES_SHOWN} listed findings, in listing order. */
  lines: number[];
  /** Findings the group stands for; exact, with those `--max-problems-per-rule` left unlisted. */
  count: number;
  /** Of `count`, the findings listed (the rest were left out by `--max-problems-per-rule`). */
  listed: number;
  /**
   * The rule has unlisted findings this group may hold some of: its findings
   * fall in more than one group (two severities), so `count` is a lower bound.
   */
  atLeast?: boolean;
}

export type ListItem = { problem: Problem; group?: undefined } | { group: ProblemGroup; problem?: undefined };

export interface Grouping {
  /** Unlisted findings (left out by `--max-problems-per-rule`) that a group's count includes. */
  absorbed: number;
  /** The findings to show, a group in place of its first member, in listing order. */
  items(): Generator<ListItem>;
}

/** A finding's group: by rule, severity and file, line findings apart from class findings; none for a finding about the file. */
function keyOf(p: Problem): string | undefined {
  const unit = p.line !== undefined ? "line" : p.classIndex !== undefined ? "class" : undefined;
  return unit === undefined ? undefined : `${p.rule}\u0000${p.severity}\u0000${p.file ?? ""}\u0000${unit}`;
}

/** Where a finding is, in its group's unit. */
const positionOf = (p: Problem): number => p.line ?? p.classIndex!;

interface Tally {
  group: ProblemGroup;
  listed: number;
}

/**
 * Groups a file's listed findings. Two passes over the list, the first keeping
 * only a counter and up to {@link GROUP_LINES_SHOWN} line numbers per rule, so a
 * listing of any length costs a few small entries.
 */
export function groupProblems(list: ProblemList, options: GroupOptions = {}): Grouping {
  const shown = (p: Problem) => !options.quiet || p.severity === "error";
  if (options.group === false) {
    return {
      absorbed: 0,
      *items() {
        for (const problem of list.problems) if (shown(problem)) yield { problem };
      },
    };
  }
  const tallies = new Map<string, Tally>();
  // Rules whose listed findings are not all in one group: their unlisted rest cannot be placed.
  const split = new Set<string>();
  const keyOfRule = new Map<string, string | undefined>();
  // The same, by rule and severity: with the errors per rule known, a severity's unlisted findings have one place when its listed ones do.
  const keyOfLevel = new Map<string, string | undefined>();
  const listedOf = new Map<string, number>();
  for (const p of list.problems) {
    const level = `${p.rule}\u0000${p.severity}`;
    listedOf.set(p.rule, (listedOf.get(p.rule) ?? 0) + 1);
    listedOf.set(level, (listedOf.get(level) ?? 0) + 1);
    if (!shown(p)) continue;
    const key = keyOf(p);
    const before = keyOfRule.get(p.rule);
    if (keyOfRule.has(p.rule) && before !== key) split.add(p.rule);
    keyOfRule.set(p.rule, key);
    if (keyOfLevel.has(level) && keyOfLevel.get(level) !== key) split.add(level);
    keyOfLevel.set(level, key);
    if (key === undefined) continue;
    const tally = tallies.get(key);
    if (tally === undefined) {
      const unit = p.line !== undefined ? "line" : "class";
      tallies.set(key, { group: { rule: p.rule, code: p.code, severity: p.severity, unit, first: p, lines: [positionOf(p)], count: 0, listed: 0 }, listed: 1 });
    } else {
      tally.listed++;
      if (tally.group.lines.length < GROUP_LINES_SHOWN) tally.group.lines.push(positionOf(p));
    }
  }
  let absorbed = 0;
  for (const tally of tallies.values()) {
    const { rule, severity } = tally.group;
    const level = `${rule}\u0000${severity}`;
    // Unlisted findings (past --max-problems-per-rule) go to the group that holds every listed finding of their rule (and severity, when
    // the errors per rule are known); where they may be in more than one, the group says "at least".
    let unlisted: number;
    let placed: boolean;
    if (list.errorCounts !== undefined) {
      const errors = list.errorCounts[rule] ?? 0;
      const ofLevel = severity === "error" ? errors : (list.counts[rule] ?? 0) - errors;
      unlisted = Math.max(0, ofLevel - (listedOf.get(level) ?? 0));
      placed = !split.has(level);
    } else {
      unlisted = Math.max(0, (list.counts[rule] ?? 0) - (listedOf.get(rule) ?? 0));
      placed = !split.has(rule);
    }
    const total = tally.listed + (placed ? unlisted : 0);
    tally.group.count = total;
    tally.group.listed = tally.listed;
    if (!placed && unlisted > 0) tally.group.atLeast = true;
    if (total > GROUP_THRESHOLD) absorbed += total - tally.listed;
  }
  return {
    absorbed,
    *items() {
      for (const problem of list.problems) {
        if (!shown(problem)) continue;
        const key = keyOf(problem);
        const tally = key === undefined ? undefined : tallies.get(key);
        if (tally === undefined || tally.group.count <= GROUP_THRESHOLD) yield { problem };
        else if (tally.group.first === problem) yield { group: tally.group };
      }
    },
  };
}

const n = formatCount;

/** "7, 12, 22 and 1,121 more" — the lines (classes) a group names, and how many it does not. */
export function groupLines(group: ProblemGroup): string {
  const more = group.count - group.lines.length;
  const named = group.lines.map(n).join(", ");
  const atLeast = group.atLeast === true ? "at least " : "";
  return more > 0 ? `${named} and ${atLeast}${n(more)} more` : group.atLeast === true ? `${named} and maybe more` : named;
}

/** "3 lines", "48 classes": how many findings a group stands for, in its unit. */
export function groupCount(group: ProblemGroup): string {
  return `${group.atLeast === true ? "at least " : ""}${n(group.count)} ${group.unit === "line" ? (group.count === 1 ? "line" : "lines") : group.count === 1 ? "class" : "classes"}`;
}

/** "lines 7, 12 and 3 more", "classes 0, 3 and 46 more". */
export function groupWhere(group: ProblemGroup): string {
  return `${group.unit === "line" ? "lines" : "classes"} ${groupLines(group)}`;
}

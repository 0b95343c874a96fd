import type { DiffResult } from "../diff/types.js";
import { changedClasses, changeText, diffClassName, diffHeadline, emptiedClasses, leftWithoutPositives, namedClasses, prevalenceChange, unreadNotes } from "./diff-text.js";
import { ANNOTATIONS_PER_KIND, code, escapeData, escapeProperty, md } from "./github.js";
import { formatCount, plural } from "../text/numbers.js";
import { visible } from "../text/visible.js";

/** Classes and changed rows shown in the step summary. */
const SUMMARY_CLASSES = 20;
const SUMMARY_ROWS = 50;

const n = formatCount;
/** A code span in a table cell: GitHub ends a cell at a `|` even inside a code span, unless it is escaped (md() escapes it already). */
const cell = (markdown: string): string => markdown.replace(/\|/g, "\\|");

function command(kind: "notice" | "warning", props: [string, string | number][], message: string): string {
  return `::${kind} ${props.map(([k, v]) => `${k}=${escapeProperty(visible(String(v)))}`).join(",")}::${escapeData(visible(message))}`;
}

/**
 * GitHub Actions workflow commands for a diff: a `::warning` for each class
 * left with no positive and each duplicate introduced, a `::notice` on the
 * new file's line of each relabelled or added row (at most ten of each kind,
 * then one notice for the rest), and a closing line with the counts.
 */
export function formatDiffGithub(result: DiffResult): string {
  const file = result.new.path;
  const warnings: string[] = [];
  for (const c of result.classes) {
    if (leftWithoutPositives(c)) {
      warnings.push(command("warning", [["file", file], ["title", "labellint diff: class left without positives"]], `class ${diffClassName(result, c.index)} has no positive left (it had ${n(c.oldPositives)} in ${result.old.path})`));
    }
  }
  for (const d of result.duplicatesIntroduced.listed) {
    warnings.push(
      command("warning", [["file", file], ["line", d.newLines[1] ?? d.newLines[0]!], ["title", "labellint diff: duplicate introduced"]], `${d.path} is listed ${d.newCount} times (lines ${d.newLines.join(", ")}); ${result.old.path} had it ${d.oldCount === 0 ? "not at all" : "once"}`),
    );
  }
  const notices = result.changes
    .filter((c) => c.kind !== "removed")
    .map((c) => command("notice", [["file", file], ["line", c.newLine!], ["title", `labellint diff: ${c.kind}`]], `${c.path}: ${changeText(result, c)}`));
  const out = [...warnings.slice(0, ANNOTATIONS_PER_KIND), ...notices.slice(0, ANNOTATIONS_PER_KIND)];
  const moreWarnings = warnings.length - Math.min(warnings.length, ANNOTATIONS_PER_KIND) + (result.duplicatesIntroduced.paths - result.duplicatesIntroduced.listed.length);
  const moreNotices = result.counts.relabelled + result.counts.added - Math.min(notices.length, ANNOTATIONS_PER_KIND);
  if (moreWarnings > 0 || moreNotices > 0) {
    const parts = [moreWarnings > 0 ? plural(moreWarnings, "more warning") : "", moreNotices > 0 ? plural(moreNotices, "more changed row") : ""].filter(Boolean);
    out.push(command("notice", [["title", "labellint diff"]], `${parts.join(" and ")} not annotated: GitHub shows ${ANNOTATIONS_PER_KIND} annotations of each kind per step. See the job summary, or run labellint diff with --reporter json.`));
  }
  for (const { file, note } of unreadNotes(result)) out.push(command("warning", [["file", file], ["title", "labellint diff: records not read"]], note));
  out.push(result.changed ? `labellint diff: ${diffHeadline(result)}` : `labellint diff: no changes in ${plural(result.counts.unchanged, "row")}`);
  return `${out.join("\n")}\n`;
}

/** A Markdown summary of a diff for `$GITHUB_STEP_SUMMARY`: what a reviewer of the pull request asks first. */
export function diffStepSummary(result: DiffResult): string {
  const out = ["## labellint diff", ""];
  const pair = `${code(result.old.path)} → ${code(result.new.path)}`;
  for (const { note } of unreadNotes(result)) out.push(`⚠️ ${note}`, "");
  if (!result.changed) {
    out.push(`✅ ${pair}: no changes (${plural(result.counts.unchanged, "row")}, the same labels)`, "");
    return `${out.join("\n")}\n`;
  }
  const c = result.counts;
  out.push(`${pair}: **${n(c.relabelled)} relabelled, ${n(c.added)} added, ${n(c.removed)} removed**, ${n(c.unchanged)} unchanged (rows matched by path)`, "");
  out.push("| | old | new |", "| --- | ---: | ---: |");
  out.push(`| rows | ${n(result.old.rows)} | ${n(result.new.rows)} |`);
  out.push(`| classes | ${n(result.old.numClasses)} | ${n(result.new.numClasses)} |`);
  out.push(`| format | ${result.old.format} | ${result.new.format} |`, "");
  const ref = (x: { index: number; name?: string }) => code(x.name ?? `#${x.index}`);
  if (result.classesAdded.length > 0) out.push(`➕ classes added: ${namedClasses(result.classesAdded, ref)}`, "");
  if (result.classesRemoved.length > 0) out.push(`➖ classes removed: ${namedClasses(result.classesRemoved, ref)}`, "");
  const emptied = emptiedClasses(result, (x) => `${code(diffClassName(result, x.index))} (had ${n(x.oldPositives)})`);
  if (emptied !== undefined) out.push(`⚠️ left with no positive: ${emptied}`, "");
  const d = result.duplicatesIntroduced;
  if (d.paths > 0) {
    out.push(`⚠️ ${plural(d.paths, "duplicate")} introduced (${plural(d.rows, "extra row")}):`, "");
    for (const dup of d.listed.slice(0, SUMMARY_CLASSES)) out.push(`- ${code(dup.path)}: ${n(dup.newCount)}× (lines ${dup.newLines.join(", ")}), ${n(dup.oldCount)}× before`);
    if (d.paths > Math.min(d.listed.length, SUMMARY_CLASSES)) out.push(`- and ${plural(d.paths - Math.min(d.listed.length, SUMMARY_CLASSES), "more")}`);
    out.push("");
  }

  const changed = changedClasses(result);
  if (changed.length > 0) {
    out.push("### Positives per class", "");
    out.push("| Class | Old | New | Gained | Lost | In added rows | In removed rows | Prevalence |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    for (const x of changed.slice(0, SUMMARY_CLASSES)) {
      out.push(
        `| ${md(diffClassName(result, x.index))} | ${x.oldIndex === null ? "—" : n(x.oldPositives)} | ${x.newIndex === null ? "—" : n(x.newPositives)} | ${n(x.gained)} | ${n(x.lost)} | ${n(x.inAddedRows)} | ${n(x.inRemovedRows)} | ${md(prevalenceChange(x))} |`,
      );
    }
    if (changed.length > SUMMARY_CLASSES) out.push("", `${plural(changed.length - SUMMARY_CLASSES, "more class", "more classes")} changed (all in --reporter json).`);
    out.push("");
  }

  if (result.changes.length > 0) {
    const shown = result.changes.slice(0, SUMMARY_ROWS);
    const total = result.changes.length + result.changesOmitted;
    out.push(`<details><summary>Changed rows (${shown.length < total ? `${n(shown.length)} of ${n(total)}` : n(total)})</summary>`, "");
    out.push("| Change | Path | Old line | New line | Labels |", "| --- | --- | ---: | ---: | --- |");
    for (const x of shown) out.push(`| ${x.kind} | ${cell(code(x.path))} | ${x.oldLine ?? ""} | ${x.newLine ?? ""} | ${md(changeText(result, x))} |`);
    out.push("", "</details>", "");
  }
  return `${out.join("\n")}\n`;
}

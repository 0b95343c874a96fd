import type { FixResult } from "./fix.js";
import { balanced, splitWords, type FixPlan } from "./plan.js";
import type { FileResult } from "../types.js";
import { formatCount, plural } from "../text/numbers.js";

const n = formatCount;
const show = (text: string): string => text.replace(/\t/g, "→");

/**
 * The edits of a plan as a unified-diff-like listing: `-` old line, `+` new
 * line, with the line number and the rules behind each change; drops and
 * rejects with their reasons.
 */
export function formatPlanDiff(plan: FixPlan): string {
  let text = "";
  for (const piece of writePlanDiff(plan)) text += piece;
  return text;
}

/** In line order: the indices of `items` sorted by line, stably (a record input's rejects come after its other lines). */
function byLine(items: readonly { line: number }[]): number[] {
  const order = items.map((_, i) => i);
  let sorted = true;
  for (let i = 1; i < items.length && sorted; i++) sorted = items[i - 1]!.line <= items[i]!.line;
  return sorted ? order : order.sort((a, b) => items[a]!.line - items[b]!.line);
}

/** {@link formatPlanDiff} in pieces, one line each: a plan of a million drops is never one string. */
export function* writePlanDiff(plan: FixPlan): Generator<string> {
  yield `--- ${plan.input.path}\n`;
  yield `+++ ${plan.input.path} (fixed, ${plan.output.format})\n`;
  for (const a of plan.fileActions) yield `@@ file: ${a.description}${a.rule ? ` (${a.rule}, ${a.applicability})` : ""} @@\n`;
  // Edits, drops and rejects merged by line; on one line, in that order.
  const lists = [byLine(plan.edits), byLine(plan.drops), byLine(plan.rejects)];
  const items: readonly (readonly { line: number }[])[] = [plan.edits, plan.drops, plan.rejects];
  const next = [0, 0, 0];
  for (;;) {
    let pick = -1;
    for (let k = 0; k < 3; k++) {
      if (next[k]! >= lists[k]!.length) continue;
      if (pick === -1 || items[k]![lists[k]![next[k]!]!]!.line < items[pick]![lists[pick]![next[pick]!]!]!.line) pick = k;
    }
    if (pick === -1) return;
    const i = lists[pick]![next[pick]!++]!;
    if (pick === 0) {
      const e = plan.edits[i]!;
      const why = e.rules.length > 0 ? `${e.rules.join(", ")} (${e.applicability})` : "canonical form";
      yield `@@ line ${e.line}: ${why} @@\n-${show(e.oldText)}\n+${show(e.newText)}\n`;
    } else if (pick === 1) {
      const d = plan.drops[i]!;
      yield `@@ line ${d.line}: dropped, ${d.reason} (${d.rule}) @@\n-${show(d.text)}\n`;
    } else {
      const r = plan.rejects[i]!;
      yield `@@ line ${r.line}: rejected, ${r.reasons.map((x) => (x.rule ? `${x.rule}: ${x.message}` : x.message)).join("; ")} @@\n-${show(r.text)}\n`;
    }
  }
}

/** The closing summary of `fix`: the conservation equation with its numbers, and what was written. */
export function formatFixSummary(result: FixResult, dryRun: boolean): string {
  const { counts, written, after, plan } = result;
  const out: string[] = [];
  // Refused before any line was read for writing (an input its reader cannot read to the end, or one with no line at all): no equation of zeros.
  if (result.refused !== undefined && counts.linesIn === 0) return `${plan.input.path}: nothing was fixed\n  ${result.refused}\n`;
  out.push(
    `${plan.input.path}: ${n(counts.linesIn)} ${counts.linesIn === 1 ? "line" : "lines"} in${splitWords(counts, n)} = ${n(counts.rowsOut)} ${counts.rowsOut === 1 ? "row" : "rows"} out + ${n(counts.rowsRejected)} rejected + ${n(counts.linesDropped)} dropped` +
      `${balanced(counts) ? "" : "  (MISMATCH)"}`,
  );
  out.push(`  ${n(counts.linesEdited)} ${counts.linesEdited === 1 ? "line" : "lines"} edited${plan.fileActions.length > 0 ? `; file: ${plan.fileActions.map((a) => a.description).join(", ")}` : ""}`);
  const dropReasons = new Map<string, number>();
  for (const d of plan.drops) dropReasons.set(d.reason.replace(/ of line \d+$/, ""), (dropReasons.get(d.reason.replace(/ of line \d+$/, "")) ?? 0) + 1);
  if (dropReasons.size > 0) out.push(`  dropped: ${[...dropReasons].map(([r, c]) => `${n(c)} ${r}`).join(", ")}`);
  if (result.refused !== undefined) {
    out.push(`  ${result.refused}`);
  } else if (dryRun) {
    out.push("  dry run: nothing was written");
  } else {
    if (written.output) out.push(`  wrote ${written.output}`);
    if (written.backup) out.push(`  kept the original as ${written.backup}`);
    if (written.output && result.otherLinks !== undefined) out.push(otherLinksLine(written.output, result.otherLinks));
    if (written.rejects) out.push(`  wrote ${n(counts.rowsRejected)} rejected ${counts.rowsRejected === 1 ? "line" : "lines"} to ${written.rejects}`);
    if (written.plan) out.push(`  wrote the plan to ${written.plan}`);
    if (written.classNames) out.push(`  wrote the input's ${n(plan.numClasses)} class ${plan.numClasses === 1 ? "name" : "names"} to ${written.classNames} (${plan.output.format} has no place for them; --class-names reads them back)`);
    if (result.classNamesNotWritten !== undefined && written.output) out.push(`  the input's class names were not written: ${result.classNamesNotWritten}`);
  }
  if (!plan.unsafeFixes) {
    const unsafe = result.before.fixable.unsafe;
    if (unsafe > 0) {
      const rules = [...new Set(result.before.problems.filter((p) => p.fix?.applicability === "unsafe").map((p) => p.rule))];
      out.push(`  ${n(unsafe)} ${unsafe === 1 ? "problem has" : "problems have"} an unsafe fix not applied${rules.length > 0 ? ` (${rules.join(", ")})` : ""}: --unsafe-fixes applies ${unsafe === 1 ? "it" : "them"}`);
    }
  }
  if (after !== undefined) out.push(outputCheckLine(after));
  if (result.afterError !== undefined) out.push(uncheckedLine(result.afterError));
  return out.join("\n") + "\n";
}

/** The note of an in-place rewrite of a file with other hard links (fix, apply): the rewrite is a new file under this name only. */
export function otherLinksLine(path: string, others: number): string {
  return `  note: ${path} had ${others} other hard ${others === 1 ? "link" : "links"}: the fixed file is new and took this name only, so the file's other ${others === 1 ? "name" : "names"} still ${others === 1 ? "holds" : "hold"} the original`;
}

/** The summary line when the written file could not be checked again (fix, apply): it was written. */
export function uncheckedLine(why: string): string {
  return `  check of the output: not done (${why}); the file was written`;
}

/** The summary line of the check of a written file (fix, apply). */
export function outputCheckLine(after: FileResult): string {
  return after.errorCount === 0
    ? `  check of the output: 0 errors, ${plural(after.warningCount, "warning")}; shape [${n(after.shape.rows)}, ${after.shape.columns}]${after.shape.ok ? " binary ✓" : ` ✗ ${after.shape.reasons.join("; ")}`}`
    : `  check of the output: ${plural(after.errorCount, "error")} left (${[...new Set(after.problems.filter((p) => p.severity === "error").map((p) => p.rule))].join(", ")}), ${plural(after.warningCount, "warning")}`;
}

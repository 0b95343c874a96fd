import type { FixResult } from "./fix.js";
import type { FixPlan } from "./plan.js";

const n = (value: number): string => value.toLocaleString("en-US");
const show = (text: string): string => text.replace(/\t/g, "→");

/**
 * The edits of a plan as a unified-diff-like listing: `-` old line, `+` new
 * line, with the line number and the rules behind each change; drops and
 * rejects with their reasons.
 */
export function formatPlanDiff(plan: FixPlan): string {
  type Entry = { line: number; lines: string[] };
  const entries: Entry[] = [];
  for (const e of plan.edits) {
    const why = e.rules.length > 0 ? `${e.rules.join(", ")} (${e.applicability})` : "canonical form";
    entries.push({ line: e.line, lines: [`@@ line ${e.line}: ${why} @@`, `-${show(e.oldText)}`, `+${show(e.newText)}`] });
  }
  for (const d of plan.drops) entries.push({ line: d.line, lines: [`@@ line ${d.line}: dropped, ${d.reason} (${d.rule}) @@`, `-${show(d.text)}`] });
  for (const r of plan.rejects) {
    entries.push({ line: r.line, lines: [`@@ line ${r.line}: rejected, ${r.reasons.map((x) => (x.rule ? `${x.rule}: ${x.message}` : x.message)).join("; ")} @@`, `-${show(r.text)}`] });
  }
  entries.sort((a, b) => a.line - b.line);
  const head = [`--- ${plan.input.path}`, `+++ ${plan.input.path} (fixed, ${plan.output.format})`];
  for (const a of plan.fileActions) head.push(`@@ file: ${a.description}${a.rule ? ` (${a.rule}, ${a.applicability})` : ""} @@`);
  return [...head, ...entries.flatMap((e) => e.lines)].join("\n") + "\n";
}

/** The closing summary of `fix`: the conservation equation with its numbers, and what was written. */
export function formatFixSummary(result: FixResult, dryRun: boolean): string {
  const { counts, written, after, plan } = result;
  const out: string[] = [];
  out.push(
    `${plan.input.path}: ${n(counts.linesIn)} lines in = ${n(counts.rowsOut)} rows out + ${n(counts.rowsRejected)} rejected + ${n(counts.linesDropped)} dropped` +
      `${counts.linesIn === counts.rowsOut + counts.rowsRejected + counts.linesDropped ? "" : "  (MISMATCH)"}`,
  );
  out.push(`  ${n(counts.linesEdited)} ${counts.linesEdited === 1 ? "line" : "lines"} edited${plan.fileActions.length > 0 ? `; file: ${plan.fileActions.map((a) => a.description).join(", ")}` : ""}`);
  const dropReasons = new Map<string, number>();
  for (const d of plan.drops) dropReasons.set(d.reason.replace(/ of line \d+$/, ""), (dropReasons.get(d.reason.replace(/ of line \d+$/, "")) ?? 0) + 1);
  if (dropReasons.size > 0) out.push(`  dropped: ${[...dropReasons].map(([r, c]) => `${n(c)} ${r}`).join(", ")}`);
  if (dryRun) {
    out.push("  dry run: nothing was written");
  } else {
    if (written.output) out.push(`  wrote ${written.output}`);
    if (written.backup) out.push(`  kept the original as ${written.backup}`);
    if (written.rejects) out.push(`  wrote ${n(counts.rowsRejected)} rejected ${counts.rowsRejected === 1 ? "line" : "lines"} to ${written.rejects}`);
    if (written.plan) out.push(`  wrote the plan to ${written.plan}`);
  }
  if (!plan.unsafeFixes) {
    const unsafe = result.before.fixable.unsafe;
    if (unsafe > 0) out.push(`  ${n(unsafe)} ${unsafe === 1 ? "problem has" : "problems have"} an unsafe fix not applied (--unsafe-fixes)`);
  }
  if (after !== undefined) {
    out.push(
      after.errorCount === 0
        ? `  check of the output: ${after.errorCount} errors, ${n(after.warningCount)} warnings; shape [${n(after.shape.rows)}, ${after.shape.columns}]${after.shape.ok ? " binary ✓" : ` ✗ ${after.shape.reasons.join("; ")}`}`
        : `  check of the output: ${n(after.errorCount)} ${after.errorCount === 1 ? "error" : "errors"} left (${[...new Set(after.problems.filter((p) => p.severity === "error").map((p) => p.rule))].join(", ")}), ${n(after.warningCount)} warnings`,
    );
  }
  return out.join("\n") + "\n";
}

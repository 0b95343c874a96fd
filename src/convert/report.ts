import { balanced, type FixCounts } from "../fixer/plan.js";
import type { ConvertResult, RejectGroup } from "./convert.js";
import { formatCount, plural } from "../text/numbers.js";
import { compareText } from "../text/compare.js";

const n = formatCount;

function equation(name: string, c: FixCounts, unit: string): string {
  // One line or record: the unit in the singular ("1 record in"); "lines and records" stays as it is.
  const units = c.linesIn === 1 && unit !== "lines and records" ? unit.slice(0, -1) : unit;
  return `${name}: ${n(c.linesIn)} ${units} in = ${plural(c.rowsOut, "row")} out + ${n(c.rowsRejected)} rejected + ${n(c.linesDropped)} dropped${balanced(c) ? "" : "  (MISMATCH)"}`;
}

const groupText = (g: RejectGroup): string => `${n(g.rows)} ${g.reason} (first at ${g.first})`;

const quoteArg = (arg: string): string => (/^[\w./@%+=:,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`);
/** The inputs as a command line gives them again, and how to run it: standard input (shown `<stdin>`) is `-`, fed the same text. */
const checkAgain = (inputs: readonly { path: string }[]): string => {
  const stdin = inputs.some((i) => i.path === "<stdin>");
  return `labellint check ${inputs.map((i) => (i.path === "<stdin>" ? "-" : quoteArg(i.path))).join(" ")} (${stdin ? "fed the same standard input, " : ""}with the same input options)`;
};

/** Where the rejects would go, as the user named the output. */
export interface ConvertNames {
  out: string;
  rejects: string;
  /** The class-name list beside the output, as the user named it. */
  classNames?: string;
}

/**
 * What `convert` did: the conversion, the conservation equation per input
 * (and in total), drops and rejects by reason, what was written, and the
 * check of the output — or, when it refused, why and what to do.
 */
export function formatConvertSummary(result: ConvertResult, names: ConvertNames): string {
  const out: string[] = [];
  const from = [...new Set(result.inputs.map((i) => i.format))].join(", ");
  const header =
    result.to === "json"
      ? result.classNames !== undefined
        ? ", the class names in metainfo.classes"
        : ", no class names (give --class-names to put them in metainfo.classes)"
      : !result.header
        ? ""
        : result.classNames !== undefined
          ? ", header with the class names"
          : ", header with the column numbers";
  const classes = `${plural(result.numClasses, "class", "classes")}${header}`;
  out.push(`convert ${result.inputs.map((i) => i.path).join(" + ")} (${from}) → ${names.out} (${result.to}, ${classes})`);
  const refused = result.refused;
  if (refused?.reason === "errors") {
    out.push(`not converted: the check found ${plural(refused.errorCount, "error-severity problem")}; nothing was written`);
    for (const input of result.inputs) {
      const rules = Object.entries(input.errors).sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]));
      if (rules.length > 0) out.push(`  ${input.path}: ${rules.map(([rule, count]) => `${n(count)} ${rule}`).join(", ")}`);
    }
    out.push(`  list them: ${checkAgain(result.inputs)}`);
    out.push("  repair what can be repaired: labellint fix, then convert its output");
    out.push(`  or pass --force: rows with an error go to ${names.rejects}, the rest is converted`);
    return out.join("\n") + "\n";
  }
  if (refused?.reason === "unread") {
    for (const s of refused.stopped ?? []) {
      if (s.why !== undefined) out.push(`not converted: ${s.path}: ${s.why}, and neither the output nor the rejects file would hold them; nothing was written, even with --force`);
      else out.push(`not converted: ${s.path} cannot be read past line ${n(s.line)} (its error is reported there); nothing was written, even with --force: the rows after it would be in neither the output nor the rejects file`);
    }
    out.push(`  see it: ${checkAgain(result.inputs)}`);
    return out.join("\n") + "\n";
  }
  if (refused?.reason === "unwritable") {
    const rows = result.rejected.reduce((sum, g) => sum + g.rows, 0);
    out.push(`not converted: ${plural(rows, "row")} cannot be written as ${result.to}; nothing was written`);
    for (const g of result.rejected) out.push(`  ${groupText(g)}`);
    out.push(`  pass --force to convert the other rows and put these in ${names.rejects}`);
    return out.join("\n") + "\n";
  }

  // A record format counts records (a CSV header is not one, a quoted field may span lines).
  const unitOf = (records: boolean) => (records ? "records" : "lines");
  const unit = result.inputs.every((i) => !i.records) ? "lines" : result.inputs.every((i) => i.records) ? "records" : "lines and records";
  if (result.inputs.length > 1) for (const input of result.inputs) out.push(equation(input.path, input.counts, unitOf(input.records)));
  out.push(equation(result.inputs.length > 1 ? "total" : result.inputs[0]!.path, result.counts, unit));
  const c = result.counts;
  const normalised = Object.entries(result.normalised);
  if (normalised.length > 0) out.push(`  normalised ${plural(c.linesEdited, "row")}: ${normalised.map(([rule, count]) => `${n(count)} ${rule}${result.normalisedHow[rule] ? ` (${result.normalisedHow[rule]})` : ""}`).join(", ")}`);
  const dropped = Object.entries(result.dropped);
  if (dropped.length > 0) out.push(`  dropped: ${dropped.map(([reason, count]) => `${n(count)} ${reason}`).join(", ")}`);
  if (result.rejected.length === 1) out.push(`  rejected: ${groupText(result.rejected[0]!)}`);
  else if (result.rejected.length > 1) out.push("  rejected:", ...result.rejected.map((g) => `    ${groupText(g)}`));
  // Row findings that are warnings leave the row as it reads: say so, or a conversion looks clean when the input was not.
  const warned = new Map<string, number>();
  for (const input of result.inputs) for (const p of input.check.problems) if (p.severity === "warn" && p.line !== undefined) warned.set(p.rule, (warned.get(p.rule) ?? 0) + 1);
  if (warned.size > 0) out.push(`  written as they read, with warnings: ${[...warned].map(([rule, count]) => `${n(count)} ${rule}`).join(", ")} (labellint check lists them)`);
  if (result.written.output !== undefined) out.push(`  wrote ${names.out}`);
  if (result.written.rejects !== undefined) out.push(`  wrote ${plural(c.rowsRejected, "rejected line")} to ${names.rejects}`);
  if (result.written.classNames !== undefined) out.push(`  wrote the input's ${plural(result.numClasses, "class name")} to ${names.classNames ?? result.written.classNames} (${result.to} has no place for them; --class-names reads them back)`);
  if (result.classNamesNotWritten !== undefined && result.written.output !== undefined) out.push(`  the input's class names were not written: ${result.classNamesNotWritten}`);
  const after = result.after;
  if (after !== undefined) {
    out.push(
      after.errorCount === 0
        ? `  check of the output: 0 errors, ${plural(after.warningCount, "warning")}; shape [${n(after.shape.rows)}, ${after.shape.columns}]${after.shape.ok ? " binary ✓" : ` ✗ ${after.shape.reasons.join("; ")}`}`
        : `  check of the output: ${plural(after.errorCount, "error")} left (${[...new Set(after.problems.filter((p) => p.severity === "error").map((p) => p.rule))].join(", ")}), ${plural(after.warningCount, "warning")}`,
    );
  }
  return out.join("\n") + "\n";
}

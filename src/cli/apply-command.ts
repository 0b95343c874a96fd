import { resolve } from "node:path";
import { LabellintError } from "../errors.js";
import { applyPlan } from "../fixer/apply.js";
import { splitWords } from "../fixer/plan.js";
import { otherLinksLine, outputCheckLine, uncheckedLine } from "../fixer/report.js";
import { parseCommand, refuseDash } from "./args.js";
import type { CliIo } from "./io.js";
import { formatCount } from "../text/numbers.js";

/**
 * `labellint apply PLAN --out OUT` (or `--in-place`): re-applies a reviewed
 * plan; refuses (exit 2, nothing written) when the input changed or the plan
 * does not match it.
 */
const OPTIONS = {
  out: { type: "string", short: "o" },
  input: { type: "string" },
  rejects: { type: "string" },
  "class-names-out": { type: "string" },
  force: { type: "boolean" },
  "in-place": { type: "boolean" },
  backup: { type: "string" },
} as const;

export async function runApply(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, OPTIONS);
  refuseDash(values, ["out", "rejects", "class-names-out"]);
  if (positionals.length !== 1) throw new LabellintError("LL_USAGE", "apply takes one plan file (written by labellint fix --plan)");
  // '-' is standard input to every other command: here it would be read as a file named '-' ("no such file").
  if (positionals[0] === "-") throw new LabellintError("LL_USAGE", "apply needs the plan as a file, not standard input (-): give the file labellint fix --plan wrote");
  if (values.input === "-") throw new LabellintError("LL_USAGE", "--input names the file the plan was made from, not standard input (-): apply checks its sha256 and rewrites it from the file");
  const inPlace = values["in-place"] ?? false;
  if (values.out === undefined && !inPlace) throw new LabellintError("LL_USAGE", "apply needs --out FILE (or --in-place, which keeps a backup)");
  if (values.backup !== undefined && !inPlace) throw new LabellintError("LL_USAGE", "--backup only goes with --in-place");
  const at = (p: string) => resolve(io.cwd, p);
  const result = await applyPlan(at(positionals[0]!), {
    ...(values.out !== undefined ? { out: at(values.out) } : {}),
    inPlace,
    ...(values.backup !== undefined ? { backup: values.backup } : {}),
    ...(values.input !== undefined ? { input: at(values.input) } : {}),
    ...(values.rejects !== undefined ? { rejects: at(values.rejects) } : {}),
    ...(values["class-names-out"] !== undefined ? { classNamesOut: at(values["class-names-out"]) } : {}),
    force: values.force ?? false,
    cwd: io.cwd,
  });
  const c = result.counts;
  const n = formatCount;
  const shown = (path: string) => (path.startsWith(`${io.cwd}/`) ? path.slice(io.cwd.length + 1) : path);
  const { output, rejects, backup, classNames } = result.written;
  io.stdout.write(
    `${n(c.linesIn)} ${c.linesIn === 1 ? "line" : "lines"} in${splitWords(c, n)} = ${n(c.rowsOut)} ${c.rowsOut === 1 ? "row" : "rows"} out + ${n(c.rowsRejected)} rejected + ${n(c.linesDropped)} dropped; ${n(c.linesEdited)} ${c.linesEdited === 1 ? "line" : "lines"} edited\n` +
      `  wrote ${values.out ?? shown(output)}${rejects !== undefined ? ` and ${n(c.rowsRejected)} rejected ${c.rowsRejected === 1 ? "line" : "lines"} to ${values.rejects ?? shown(rejects)}` : ""}\n` +
      (classNames !== undefined ? `  wrote the input's class names to ${values["class-names-out"] ?? shown(classNames)} (--class-names reads them back)\n` : "") +
      (result.classNamesNotWritten !== undefined ? `  the input's class names were not written: ${result.classNamesNotWritten}\n` : "") +
      (backup !== undefined ? `  kept the original as ${shown(backup)}\n` : "") +
      (result.otherLinks !== undefined ? `${otherLinksLine(values.out ?? shown(output), result.otherLinks)}\n` : "") +
      `${result.after !== undefined ? outputCheckLine(result.after) : uncheckedLine(result.afterError ?? "no check")}\n`,
  );
  return result.after === undefined || result.after.errorCount > 0 ? 1 : 0;
}

import { resolve } from "node:path";
import { LabellintError } from "../errors.js";
import { fix, type FixOptions } from "../fixer/fix.js";
import { formatFixSummary, writePlanDiff } from "../fixer/report.js";
import { assertWritesNoInput, INPUT_OPTIONS, inputOptions, oneOf, parseCommand, refuseDash, impliedForFiles, withImplied } from "./args.js";
import { writeJsonValue } from "../reporters/json.js";
import { writePieces, type CliIo } from "./io.js";

const OPTIONS = {
  ...INPUT_OPTIONS,
  out: { type: "string", short: "o" },
  rejects: { type: "string" },
  plan: { type: "string" },
  "class-names-out": { type: "string" },
  "unsafe-fixes": { type: "boolean" },
  "dry-run": { type: "boolean" },
  "in-place": { type: "boolean" },
  backup: { type: "string" },
  force: { type: "boolean" },
  to: { type: "string" },
  reporter: { type: "string" },
} as const;

/**
 * `labellint fix FILE --out OUT`: exit 0 when what was written has no
 * error-severity problem left (rejected lines are quarantined, not left),
 * 1 otherwise, 2 on fatal errors. With --dry-run: 1 when fix would change
 * anything, 0 when the file is already clean.
 */
export async function runFix(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, OPTIONS);
  refuseDash(values, ["out", "rejects", "plan", "class-names-out"]);
  if (positionals.length !== 1) throw new LabellintError("LL_USAGE", `fix takes exactly one label file, got ${positionals.length}`);
  if (values.backup !== undefined && !values["in-place"]) throw new LabellintError("LL_USAGE", "--backup only goes with --in-place");
  // What fix writes is text (a gzip input is read, not written back compressed): a name that says gzip would mislead.
  if (values.out !== undefined && /\.gz$/i.test(values.out)) throw new LabellintError("LL_USAGE", `fix writes uncompressed text: name the output without .gz (and gzip it after), not '${values.out}'`);
  const reporter = oneOf("reporter", values.reporter, ["text", "json"] as const) ?? "text";
  const to = oneOf("to", values.to, ["paddleclas", "spaced", "indices", "json"] as const);
  const at = (path: string | undefined) => (path === undefined ? undefined : resolve(io.cwd, path));
  const file = positionals[0]!;
  const dryRun = values["dry-run"] ?? false;
  if (!dryRun) await assertWritesNoInput(values, ["out", "rejects", "plan", "class-names-out"], io);
  // With --ppcls-config, C, the class names and the format come from the training config.
  const shared = await impliedForFiles(values, positionals, io);
  return fixAndReport(
    file,
    {
      ...withImplied(await inputOptions(values, io, true), shared),
      ...(values.out !== undefined ? { out: at(values.out)! } : {}),
      ...(values.rejects !== undefined ? { rejects: at(values.rejects)! } : {}),
      ...(values.plan !== undefined ? { plan: at(values.plan)! } : {}),
      ...(values["class-names-out"] !== undefined ? { classNamesOut: at(values["class-names-out"])! } : {}),
      ...(to !== undefined ? { to } : {}),
      unsafeFixes: values["unsafe-fixes"] ?? false,
      dryRun,
      inPlace: values["in-place"] ?? false,
      ...(values.backup !== undefined ? { backup: values.backup } : {}),
      force: values.force ?? false,
      // The plan is kept in memory only when it is shown or saved.
      recordPlan: dryRun || values.plan !== undefined || reporter === "json",
    },
    reporter,
    io,
    io.stdout,
  );
}

/**
 * Fixes one file (`fix`, and `check --fix` for each of its files) and writes
 * the summary, or the json report, to `out`; returns fix's exit code.
 * `-` (standard input) is passed on as it is, for fix to refuse clearly.
 */
export async function fixAndReport(file: string, options: Omit<FixOptions, "displayPath">, reporter: "text" | "json", io: CliIo, out: CliIo["stdout"]): Promise<number> {
  const dryRun = options.dryRun ?? false;
  const result = await fix(file === "-" ? file : resolve(io.cwd, file), { ...options, displayPath: file });
  // Report paths as the user wrote them.
  const shown = { ...result, written: relabel(result.written, io.cwd) };
  if (reporter === "json") await writePieces(writeJsonValue({ plan: result.plan, written: shown.written, after: result.after ?? null, ...(result.afterError !== undefined ? { afterError: result.afterError } : {}), ...(result.refused !== undefined ? { refused: result.refused } : {}) }), out);
  else {
    if (dryRun) await writePieces(writePlanDiff(result.plan), out);
    out.write(formatFixSummary(shown, dryRun));
  }
  if (dryRun) {
    // Like a formatter's --check: 1 when fix would change anything.
    const c = result.counts;
    return c.linesEdited + c.linesDropped + c.rowsRejected + result.plan.fileActions.length > 0 ? 1 : 0;
  }
  // Errors left in what was written fail the run; so does writing no row at all from a file that had some.
  const emptied = result.counts.rowsOut === 0 && result.counts.linesIn > result.counts.linesDropped;
  return (result.after !== undefined && result.after.errorCount > 0) || result.afterError !== undefined || result.refused !== undefined || emptied ? 1 : 0;
}

function relabel(written: Record<string, string | undefined>, cwd: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(written)) if (v !== undefined) out[k] = v.startsWith(`${cwd}/`) ? v.slice(cwd.length + 1) : v;
  return out;
}

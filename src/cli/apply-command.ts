import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { LabellintError } from "../errors.js";
import { applyPlan } from "../fixer/apply.js";
import { parsedOrUsage } from "./check.js";
import type { CliIo } from "./io.js";

/** `labellint apply PLAN --out OUT`: re-applies a reviewed plan; refuses (exit 2) when the input changed. */
export async function runApply(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parsedOrUsage(() =>
    parseArgs({
        args,
        options: { out: { type: "string", short: "o" }, input: { type: "string" }, rejects: { type: "string" }, force: { type: "boolean" } },
        allowPositionals: true,
        strict: true,
      }),
  );
  if (positionals.length !== 1) throw new LabellintError("LL_USAGE", "apply takes one plan file (written by labellint fix --plan)");
  if (values.out === undefined) throw new LabellintError("LL_USAGE", "apply needs --out FILE");
  const at = (p: string) => resolve(io.cwd, p);
  const result = await applyPlan(at(positionals[0]!), {
    out: at(values.out),
    ...(values.input !== undefined ? { input: at(values.input) } : {}),
    ...(values.rejects !== undefined ? { rejects: at(values.rejects) } : {}),
    force: values.force ?? false,
    cwd: io.cwd,
  });
  const c = result.counts;
  io.stdout.write(
    `${c.linesIn} lines in = ${c.rowsOut} rows out + ${c.rowsRejected} rejected + ${c.linesDropped} dropped; ${c.linesEdited} lines edited\n` +
      `  wrote ${values.out}${result.written.rejects !== undefined ? ` and ${c.rowsRejected} rejected lines to ${values.rejects ?? `${values.out}.rejects.tsv`}` : ""}\n`,
  );
  return 0;
}

import { resolve } from "node:path";
import { LabellintError } from "../errors.js";
import { checksImages, type LintOptions } from "../engine/options.js";
import type { CliIo } from "./io.js";
import { assertNotAnInput, parseCommand, parseSize } from "./args.js";
import { printReport, REPORT_OPTIONS, reportPlan } from "./lint-report.js";
import { splitHint } from "./roles.js";

const OPTIONS = {
  ...REPORT_OPTIONS,
  "memory-limit": { type: "string" },
} as const;

/** `labellint merge PARTIAL…`: the report of a sharded check; the exit code check would give. */
export async function runMerge(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, OPTIONS);
  if (positionals.length === 0) throw new LabellintError("LL_USAGE", "merge needs the partials of every shard: labellint merge PARTIAL… (written by labellint check --shard I/N --partial OUT)");
  const plan = await reportPlan(values);
  const memoryLimit = values["memory-limit"] !== undefined ? parseSize("memory-limit", values["memory-limit"]) : undefined;
  const { readPartial } = await import("../shards/partial-file.js");
  const { mergePartials } = await import("../shards/merge.js");
  const read = [];
  for (const path of positionals) read.push(await readPartial(resolve(io.cwd, path), path));
  // The partials (and their key records) may be a cluster's hours of work: the report never replaces one.
  await assertNotAnInput(values.output, [...positionals, ...read.map((r) => r.keysPath)], io);
  const result = await mergePartials(read, { maxProblemsPerRule: plan.maxProblems, maxClassProblemsPerRule: plan.maxClassProblems, statistics: plan.statistics, memoryLimit });
  // The shards ran with --quiet or not: warnings were counted, or not, there.
  const quiet = read[0]!.partial.settings.files.some((f) => f.options["errorsOnly"] === true);
  // As check says it: the shards looked the images up, or none did.
  const imagesUnchecked = !read[0]!.partial.settings.files.some((f) => checksImages(f.options as LintOptions));
  // As check says it: the shards' files were given roles, or a name says eval.
  const files = read[0]!.partial.settings.files;
  const hint = splitHint(
    files.map((f) => f.display),
    files.map((f) => (f.options["split"] === "train" || f.options["split"] === "eval" ? f.options["split"] : undefined)),
    io.cwd,
  );
  return printReport(result, plan, values, quiet, io, { imagesUnchecked, ...(hint !== undefined ? { splitHint: hint } : {}) });
}

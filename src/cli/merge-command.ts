import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { LabellintError } from "../errors.js";
import { loadReportWriter, REPORTER_NAMES } from "../reporters/load.js";
import { wantsColor, type CliIo } from "./io.js";
import { emitReport, integer, parsedOrUsage, parseSize } from "./args.js";

const OPTIONS = {
  reporter: { type: "string" },
  output: { type: "string", short: "o" },
  "max-problems-per-rule": { type: "string" },
  "max-warnings": { type: "string" },
  color: { type: "boolean" },
  "no-color": { type: "boolean" },
  "no-group": { type: "boolean" },
  "memory-limit": { type: "string" },
} as const;

/** `labellint merge PARTIAL…`: the report of a sharded check; the exit code check would give. */
export async function runMerge(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parsedOrUsage(() => parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true }));
  if (positionals.length === 0) throw new LabellintError("LL_USAGE", "merge needs the partials of every shard: labellint merge PARTIAL… (written by labellint check --shard I/N --partial OUT)");
  const reporterName = values.reporter ?? "text";
  const writer = await loadReportWriter(reporterName);
  if (writer === undefined) throw new LabellintError("LL_USAGE", `--reporter must be one of ${REPORTER_NAMES.join(", ")}, got '${reporterName}'`);
  const maxProblems = integer("max-problems-per-rule", values["max-problems-per-rule"], 0) ?? (reporterName === "text" ? 100 : undefined);
  const maxWarnings = integer("max-warnings", values["max-warnings"], -1);
  const memoryLimit = values["memory-limit"] !== undefined ? parseSize("memory-limit", values["memory-limit"]) : undefined;
  const { readPartial } = await import("../shards/partial-file.js");
  const { mergePartials } = await import("../shards/merge.js");
  const read = [];
  for (const path of positionals) read.push(await readPartial(resolve(io.cwd, path), path));
  const result = await mergePartials(read, { maxProblemsPerRule: maxProblems, statistics: reporterName === "json" || reporterName === "html", memoryLimit });
  const quiet = read[0]!.partial.settings.files.some((f) => f.options["errorsOnly"] === true);
  await emitReport(writer(result, { color: wantsColor(values, io), quiet, group: values["no-group"] !== true, ...(maxWarnings !== undefined ? { maxWarnings } : {}) }), values.output, io);
  const { errorCount, warningCount } = result.summary;
  if (errorCount > 0) return 1;
  if (maxWarnings !== undefined && maxWarnings >= 0 && warningCount > maxWarnings) return 1;
  return 0;
}

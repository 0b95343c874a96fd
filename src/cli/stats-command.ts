import { summarise } from "../engine/lint.js";
import { writeStatsJson, writeStatsText } from "../reporters/stats-text.js";
import { prevalenceDistance } from "../stats/compute.js";
import type { FileResult, LintResult, PrevalenceComparison } from "../types.js";
import type { LintOptions } from "../engine/options.js";
import { emitReport, INPUT_OPTIONS, inputOptions, oneOf, parseCommand, resolveInputs, withImplied } from "./args.js";
import { lintFiles } from "./check-command.js";
import { wantsColor, type CliIo } from "./io.js";

const OPTIONS = {
  ...INPUT_OPTIONS,
  reporter: { type: "string" },
  output: { type: "string", short: "o" },
  quiet: { type: "boolean" },
  color: { type: "boolean" },
  "no-color": { type: "boolean" },
} as const;

/** Problems listed per rule and file: `stats` shows counts, `check` the full listing. Counts stay exact. */
const MAX_PROBLEMS_PER_RULE = 100;
/** Classes shown in the comparison's "largest differences" table. */
const TOP_DIFFERENCES = 5;

/**
 * The train-vs-eval prevalence comparison of two files' statistics: the L∞
 * distance, the class where it occurs, and the classes that differ most.
 * Undefined (null) when either file has no statistics or the class counts differ.
 */
export function comparePrevalence(train: FileResult, evalFile: FileResult, top = TOP_DIFFERENCES): PrevalenceComparison | undefined {
  const a = train.statistics;
  const b = evalFile.statistics;
  if (a === undefined || b === undefined) return undefined;
  const distance = prevalenceDistance(a, b);
  if (distance === null) return undefined;
  const name = (index: number) => a.classes[index]?.name ?? b.classes[index]?.name;
  const differences = a.classes.map((c, index) => {
    const n = name(index);
    const evalPrevalence = b.classes[index]!.prevalence;
    return { index, ...(n !== undefined ? { name: n } : {}), train: c.prevalence, eval: evalPrevalence, difference: evalPrevalence - c.prevalence };
  });
  const largest = differences
    .filter((d) => d.difference !== 0)
    .sort((x, y) => Math.abs(y.difference) - Math.abs(x.difference) || x.index - y.index)
    .slice(0, top);
  const className = name(distance.classIndex);
  return {
    train: train.path,
    eval: evalFile.path,
    linf: distance.linf,
    classIndex: distance.classIndex,
    ...(className !== undefined ? { className } : {}),
    top: largest,
  };
}

/**
 * `labellint stats FILE… [input options] [--reporter text|json] [--output FILE]`:
 * The statistics per file, streamed (memory does not grow with N). With
 * two files and no --split, the first is the train split and the second the
 * eval split, and their prevalences are compared. Exit 0, or 1 when an
 * error-severity problem was found (as check), 2 on fatal errors.
 */
export async function runStats(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, OPTIONS);
  const inputs = await resolveInputs(values, positionals, io);
  const reporter = oneOf("reporter", values.reporter, ["text", "json"] as const) ?? "text";

  const options: LintOptions = withImplied(
    {
      ...(await inputOptions(values, io)),
      maxProblemsPerRule: MAX_PROBLEMS_PER_RULE,
      statistics: true,
      ...(values.quiet ? { errorsOnly: true } : {}),
    },
    inputs.shared,
  );
  // Two files without --split: train, then eval.
  const roles = positionals.length === 2 && values.split === undefined ? (["train", "eval"] as const) : inputs.roles;
  const files = await lintFiles(inputs.paths, roles, options, io, inputs.fileOptions);
  const comparison = files.length === 2 ? comparePrevalence(files[0]!, files[1]!) : undefined;
  const result: LintResult = { ...summarise(files), ...(comparison !== undefined ? { comparison } : {}) };

  const color = wantsColor(values, io);
  await emitReport(reporter === "json" ? writeStatsJson(result) : writeStatsText(result, { color }), values.output, io);
  return result.summary.errorCount > 0 ? 1 : 0;
}

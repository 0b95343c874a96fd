import { stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { lint, summarise } from "../engine/lint.js";
import { LabellintError } from "../errors.js";
import type { FileResult, SplitRole } from "../types.js";
import { checksImages, type LintOptions } from "../engine/options.js";
import type { CliIo } from "./io.js";
import { printReport, REPORT_OPTIONS, reportPlan } from "./lint-report.js";
import { Progress } from "./progress.js";
import { splitHint } from "./roles.js";
import { formatCount } from "../text/numbers.js";
import { assertNotAnInput, filesRead, INPUT_OPTIONS, inputOptions, integer, parseCommand, refuseDash, resolveInputs, withImplied, type RunInputs } from "./args.js";

const OPTIONS = {
  ...INPUT_OPTIONS,
  ...REPORT_OPTIONS,
  quiet: { type: "boolean" },
  fix: { type: "boolean" },
  "unsafe-fixes": { type: "boolean" },
  shard: { type: "string" },
  partial: { type: "string" },
  jobs: { type: "string", short: "j" },
} as const;

export function parseCliArgs(args: string[]) {
  return parseCommand(args, OPTIONS);
}

/**
 * Lints each file with its role through {@link lint} (train files first, so
 * eval files are checked against them for split-leakage; results in argument
 * order), with a progress bar for large files and for image checks on a terminal.
 */
export async function lintFiles(
  paths: readonly string[],
  roles: readonly (SplitRole | undefined)[],
  options: LintOptions,
  io: CliIo,
  perFile: readonly Partial<LintOptions>[] = [],
): Promise<FileResult[]> {
  const bars = new Map<number, Progress[]>();
  const result = await lint(
    paths.map((path, i) => ({
      path: path === "-" ? "-" : resolve(io.cwd, path),
      displayPath: path === "-" ? "<stdin>" : path,
      options: {
        ...perFile[i],
        ...(roles[i] !== undefined ? { split: roles[i] } : {}),
        // Image paths read from standard input are relative to the working directory.
        ...(path === "-" && checksImages(options) && options.imageRoot === undefined ? { imageRoot: io.cwd } : {}),
      },
    })),
    // The text reporter needs no statistics: only json and html ask for them.
    { ...options, statistics: options.statistics ?? false },
    {
      async fileStarting(i) {
        const path = paths[i]!;
        const shown: Progress[] = [];
        bars.set(i, shown);
        let progress: Progress | undefined;
        if (path !== "-") {
          const size = await stat(resolve(io.cwd, path)).then((s) => s.size, () => 0);
          if (size > 8 * 1024 * 1024) progress = Progress.create(io, path, size);
          if (progress !== undefined) shown.push(progress);
        }
        return {
          ...(progress ? { onProgress: (b: number, r: number) => progress!.update(b, r) } : {}),
          ...(checksImages(options)
            ? {
                onImageProgress: (checked: number, total: number) => {
                  if (checked === 0) {
                    progress?.done();
                    const images = Progress.create(io, `${path} images`, total);
                    if (images !== undefined) shown.push(images);
                  } else shown.at(-1)?.updateCount(checked, total);
                },
              }
            : {}),
        };
      },
      fileEnded(i) {
        for (const bar of bars.get(i) ?? []) bar.done();
        bars.delete(i);
      },
    },
  );
  return result.files;
}

/** `labellint check`: returns the exit code. */
export async function runCheck(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs(args);
  const inputs = await resolveInputs(values, positionals, io);

  const plan = await reportPlan(values);
  if (values["unsafe-fixes"] && !values.fix) throw new LabellintError("LL_USAGE", "--unsafe-fixes only goes with --fix (labellint check --fix --unsafe-fixes)");
  const given = await inputOptions(values, io, true);
  if (values.shard !== undefined || values.partial !== undefined) return checkShardCommand(values, inputs, given, io);
  if (values.fix) {
    await reportNotFixOutput(values.output, inputs.paths, io);
    await fixInPlace(inputs, withImplied(given, inputs.shared), values["unsafe-fixes"] ?? false, io);
  }
  const options: LintOptions = {
    ...given,
    ...(plan.maxProblems !== undefined ? { maxProblemsPerRule: plan.maxProblems } : {}),
    ...(plan.maxClassProblems !== undefined ? { maxClassProblemsPerRule: plan.maxClassProblems } : {}),
    ...(plan.statistics ? { statistics: true } : {}),
    ...(values.quiet ? { errorsOnly: true } : {}),
    // Every core unless asked (a file under 16 MiB or ~1,000,000 rows a thread is read on one all the same).
    jobs: values.jobs === undefined || values.jobs.trim() === "auto" ? availableParallelism() : integer("jobs", values.jobs, 1)!,
  };

  const merged = withImplied(options, inputs.shared);
  const files = await lintFiles(inputs.paths, inputs.roles, merged, io, inputs.fileOptions);
  const lintConfig = inputs.ppcls !== undefined ? (await import("../ppcls/lint.js")).lintConfig : undefined;
  const configs = inputs.ppcls !== undefined && lintConfig !== undefined ? [lintConfig({ ...inputs.ppcls.run, files: files.map((result, i) => ({ role: inputs.roles[i] ?? "train", result })) }, merged)] : [];
  const result = summarise(files, configs);
  const imagesUnchecked = !checksImages(merged) && inputs.fileOptions.every((o) => o === undefined || !checksImages(o));
  // Roles come from --split, a training config or labellint.config.json; a file without one is checked as train.
  const hint = splitHint(inputs.paths, inputs.roles, io.cwd);
  return printReport(result, plan, values, values.quiet ?? false, io, { imagesUnchecked, ...(hint !== undefined ? { splitHint: hint } : {}) });
}

/**
 * `check --fix`: each file fixed in place exactly as `labellint fix FILE
 * --in-place` fixes it (backup, rejects file, lock), its summary on standard
 * error so the report on standard output stays what the reporter writes.
 */
async function fixInPlace(inputs: RunInputs, options: LintOptions, unsafeFixes: boolean, io: CliIo): Promise<void> {
  // fix's code is loaded only when --fix asks for it.
  const { fixAndReport } = await import("./fix-command.js");
  // A file with nothing to fix is left alone: no backup, no rewrite (a second run does not trip over the first one's backup).
  // Each file is looked at alone, as fix sees it: a fix that needs another file (split-leakage's) is not one fix applies.
  for (const [i, path] of inputs.paths.entries()) {
    const [found] = await lintFiles([path], [inputs.roles[i]], { ...options, maxProblemsPerRule: 0 }, io, [inputs.fileOptions[i] ?? {}]);
    const { fixable } = found!;
    if (fixable.safe === 0 && (!unsafeFixes || fixable.unsafe === 0)) continue;
    const role = inputs.roles[i];
    await fixAndReport(path, { ...options, ...inputs.fileOptions[i], ...(role !== undefined ? { split: role } : {}), inPlace: true, unsafeFixes, recordPlan: false }, "text", io, io.stderr);
  }
}

/**
 * `check --fix --output FILE`: the report, written after the fixes, must not
 * replace a file --fix wrote beside a list (its backup, the only copy of the
 * original; its rejects file). Refused before anything is fixed.
 */
async function reportNotFixOutput(output: string | undefined, paths: readonly string[], io: CliIo): Promise<void> {
  if (output === undefined || output === "-") return;
  const { fileIdentity } = await import("../fixer/atomic.js");
  const { inPlaceWrites } = await import("../fixer/fix.js");
  const report = await fileIdentity(resolve(io.cwd, output));
  for (const path of paths) {
    if (path === "-") continue;
    for (const [what, written] of inPlaceWrites(resolve(io.cwd, path))) {
      if ((await fileIdentity(written)) === report) throw new LabellintError("LL_USAGE", `--output '${output}' is ${what} --fix writes for '${path}': the report would overwrite it`);
    }
  }
}

/** `check --shard I/N --partial OUT`: this shard's byte ranges checked, the partial written for `labellint merge`. */
async function checkShardCommand(values: ReturnType<typeof parseCliArgs>["values"], inputs: RunInputs, given: LintOptions, io: CliIo): Promise<number> {
  if (values.shard === undefined || values.partial === undefined) throw new LabellintError("LL_USAGE", "--shard and --partial go together: labellint check FILES… --shard I/N --partial OUT");
  if (values.fix) throw new LabellintError("LL_USAGE", "--fix does not go with --shard: merge the shards' partials, then fix the files");
  refuseDash(values, ["partial"]);
  // The partial and its key records replace what is at their names: never a file this run reads.
  const read = filesRead(values, inputs);
  await assertNotAnInput(values.partial, read, io, "--partial", "the partial");
  await assertNotAnInput(`${values.partial}.keys`, read, io, "--partial's key records file", "the partial");
  if (inputs.ppcls !== undefined) throw new LabellintError("LL_USAGE", "--ppcls-config does not go with --shard yet: give the lists with --format paddleclas --num-classes N (and --class-names)");
  const { checkShard, parseShard } = await import("../shards/shard.js");
  const spec = parseShard(values.shard, io.env);
  const maxProblems = integer("max-problems-per-rule", values["max-problems-per-rule"], 0);
  const options: LintOptions = {
    ...withImplied(given, inputs.shared),
    ...(maxProblems !== undefined ? { maxProblemsPerRule: maxProblems } : {}),
    ...(values.quiet ? { errorsOnly: true } : {}),
  };
  const shardInputs = inputs.paths.map((path, i) => ({
    path: path === "-" ? "-" : resolve(io.cwd, path),
    display: path,
    role: inputs.roles[i],
    options: { ...options, ...inputs.fileOptions[i] },
  }));
  const out = resolve(io.cwd, values.partial);
  const done = await checkShard(shardInputs, spec, out);
  io.stderr.write(`labellint: shard ${spec.index} of ${spec.count}: ${formatCount(done.lines)} lines (${formatCount(done.bytes)} bytes) of ${done.files} ${done.files === 1 ? "file" : "files"} checked; wrote ${values.partial}; labellint merge turns every shard's partial into the report\n`);
  return 0;
}

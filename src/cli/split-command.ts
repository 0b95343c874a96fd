import { resolve } from "node:path";
import { LabellintError } from "../errors.js";
import { formatSplitText, writeSplitJson } from "../reporters/split-text.js";
import { split } from "../split/split.js";
import { assertNotAnInput, emitReport, filesRead, INPUT_OPTIONS, inputOptions, integer, oneOf, parseCommand, refuseDash, impliedForFiles, withImplied } from "./args.js";
import type { CliIo } from "./io.js";

const OPTIONS = {
  ...INPUT_OPTIONS,
  ratio: { type: "string" },
  names: { type: "string" },
  seed: { type: "string" },
  "out-dir": { type: "string" },
  force: { type: "boolean" },
  reporter: { type: "string" },
  output: { type: "string", short: "o" },
} as const;

/** `--ratio 0.8,0.2` as numbers; a token that is not a plain decimal is a usage error. */
export function parseRatios(value: string): number[] {
  return value.split(",").map((token) => {
    const t = token.trim();
    if (!/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(t)) throw new LabellintError("LL_USAGE", `--ratio takes numbers separated by commas (e.g. 0.8,0.2), got '${value}'`);
    return Number(t);
  });
}

/**
 * `labellint split FILE… --ratio 0.8,0.2 [--names train,eval] [--seed N] --out-dir DIR`:
 * exit 0 when the splits were written (rows with errors are quarantined in
 * DIR/rejects.tsv, not a failure), 2 on fatal errors (bad usage, unreadable
 * input, an existing output without --force).
 */
export async function runSplit(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, OPTIONS);
  refuseDash(values, ["out-dir"]);
  if (positionals.length === 0) throw new LabellintError("LL_USAGE", "split needs one or more label files (several, such as a train and an eval list, are pooled and split again)");
  if (values.ratio === undefined) throw new LabellintError("LL_USAGE", "split needs --ratio, e.g. --ratio 0.8,0.2");
  if (values["out-dir"] === undefined) throw new LabellintError("LL_USAGE", "split needs --out-dir DIR");
  if (values.split?.includes(",")) throw new LabellintError("LL_USAGE", "split checks its inputs in one role: give --split train or eval, not a list");
  const reporter = oneOf("reporter", values.reporter, ["text", "json"] as const) ?? "text";
  const seed = integer("seed", values.seed, 0);
  if (seed !== undefined && seed > 0xffffffff) throw new LabellintError("LL_USAGE", `--seed must be at most 4294967295, got '${values.seed}'`);
  await assertNotAnInput(values.output, [...positionals, values["class-names"], values["ppcls-config"], values.config], io);
  const implied = await impliedForFiles(values, positionals, io);
  const result = await split(
    positionals.map((p) => (p === "-" ? p : resolve(io.cwd, p))),
    {
      ...withImplied(await inputOptions(values, io), implied),
      ratios: parseRatios(values.ratio),
      ...(values.names !== undefined ? { names: values.names.split(",").map((s) => s.trim()) } : {}),
      ...(seed !== undefined ? { seed } : {}),
      outDir: resolve(io.cwd, values["out-dir"]),
      displayOutDir: values["out-dir"],
      force: values.force ?? false,
      displayPaths: positionals.map((p) => (p === "-" ? "<stdin>" : p)),
      alsoRead: filesRead(values, { paths: [] })
        .filter((p): p is string => p !== undefined)
        .map((p) => resolve(io.cwd, p)),
      ...(values.output !== undefined && values.output !== "-" ? { reportOutput: { path: resolve(io.cwd, values.output), shown: values.output } } : {}),
    },
  );
  await emitReport(reporter === "json" ? writeSplitJson(result) : formatSplitText(result), values.output, io);
  return 0;
}

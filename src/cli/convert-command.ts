import { resolve } from "node:path";
import { convert } from "../convert/convert.js";
import { formatConvertSummary } from "../convert/report.js";
import { OUTPUT_FORMAT_IDS } from "../convert/writers.js";
import { LabellintError } from "../errors.js";
import { assertWritesNoInput, INPUT_OPTIONS, inputOptions, oneOf, parseCommand, refuseDash, impliedForFiles, withImplied } from "./args.js";
import type { CliIo } from "./io.js";

const OPTIONS = {
  ...INPUT_OPTIONS,
  to: { type: "string" },
  out: { type: "string", short: "o" },
  rejects: { type: "string" },
  "class-names-out": { type: "string" },
  force: { type: "boolean" },
} as const;

/**
 * `labellint convert FILE… --to FORMAT --out OUT`: exit 0 when the output
 * was written and its check finds no error, 1 when convert refused (errors
 * in the input, or rows the format cannot hold, without --force) or errors
 * are left in the output, 2 on fatal errors.
 */
export async function runConvert(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, OPTIONS);
  refuseDash(values, ["out", "rejects", "class-names-out"]);
  if (positionals.length === 0) throw new LabellintError("LL_USAGE", "convert needs one or more label files (several are concatenated into one output)");
  const to = oneOf("to", values.to, OUTPUT_FORMAT_IDS);
  if (to === undefined) throw new LabellintError("LL_USAGE", `convert needs --to ${OUTPUT_FORMAT_IDS.join("|")}`);
  if (values.out === undefined) throw new LabellintError("LL_USAGE", "convert needs --out FILE");
  // What convert writes is text (a gzip input is read, not written compressed): a name that says gzip would mislead.
  if (/\.gz$/i.test(values.out)) throw new LabellintError("LL_USAGE", `convert writes uncompressed text: name the output without .gz (and gzip it after), not '${values.out}'`);
  // One output holds one split: a role per input would say nothing about it.
  if (values.split?.includes(",")) throw new LabellintError("LL_USAGE", "convert writes one file: give --split one role (train or eval), not a list");
  await assertWritesNoInput(values, ["out", "rejects", "class-names-out"], io);
  const at = (path: string): string => resolve(io.cwd, path);
  const rejects = values.rejects ?? `${values.out}.rejects.tsv`;
  const classNamesOut = values["class-names-out"] ?? `${values.out}.classes.txt`;
  // With --ppcls-config, C, the class names and the format come from the training config.
  const implied = await impliedForFiles(values, positionals, io);
  const result = await convert(
    positionals.map((p) => (p === "-" ? p : at(p))),
    {
      ...withImplied(await inputOptions(values, io), implied),
      to,
      out: at(values.out),
      rejects: at(rejects),
      classNamesOut: at(classNamesOut),
      force: values.force ?? false,
      displayPaths: positionals.map((p) => (p === "-" ? "<stdin>" : p)),
    },
  );
  io.stdout.write(formatConvertSummary(result, { out: values.out, rejects, classNames: classNamesOut }));
  if (result.refused !== undefined) return 1;
  // Errors left in what was written fail the run; so does writing no row at all from inputs that had some.
  const c = result.counts;
  const emptied = c.rowsOut === 0 && c.linesIn > c.linesDropped;
  return (result.after !== undefined && result.after.errorCount > 0) || emptied ? 1 : 0;
}

import { exists } from "../io/source.js";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { CONFIG_FILE_NAMES } from "../config/load.js";
import { lowerBoundOf } from "../engine/facts.js";
import { lintFile } from "../engine/lint.js";
import { LabellintError } from "../errors.js";
import { AtomicFile } from "../fixer/atomic.js";
import { readClassList } from "../readers/class-names.js";
import type { FileResult } from "../types.js";
import { assertNotAnInput, parseCommand, refuseDash, splitRoles } from "./args.js";
import { roleFromName, type Role } from "./roles.js";
import type { CliIo } from "./io.js";
import { formatCount } from "../text/numbers.js";
import { yaml as yamlPackage } from "../deps.js";

const OPTIONS = {
  "class-names": { type: "string" },
  split: { type: "string" },
  force: { type: "boolean" },
  output: { type: "string", short: "o" },
} as const;

const DEFAULT_OUTPUT = "labellint.config.json";

/** The written config's classes and the sentence saying where they come from. */
function inferClasses(results: readonly FileResult[], namesFile: { written: string; names: string[] } | undefined): { classes?: Record<string, unknown>; why: string } {
  if (namesFile !== undefined) {
    return { classes: { count: namesFile.names.length, namesFile: namesFile.written }, why: `${formatCount(namesFile.names.length)} names in ${namesFile.written} (--class-names)` };
  }
  const named = results.find((r) => r.classNames !== undefined);
  if (named !== undefined) {
    const names = named.classNames!;
    // The other files are read without these names: one with rows of another width, or another header, disagrees.
    const disagree = results
      .filter((r) => r !== named && r.rows > 0)
      .flatMap((r) => {
        if (r.numClasses !== names.length) return [`${r.path} has ${formatCount(r.numClasses)} values per row`];
        if (r.classNames !== undefined && r.classNames.some((n, i) => n !== names[i])) return [`${r.path}'s header names them otherwise`];
        return [];
      });
    const but = disagree.length > 0 ? `; but ${disagree.join(", ")}: check which is right` : "";
    return { classes: { names }, why: `${formatCount(names.length)} names in the header of ${named.path}${but}` };
  }
  const read = results.filter((r) => r.rows > 0);
  if (read.length === 0) return { why: "not written: no file has a data row to infer C from" };
  // A count that is only a lower bound is said so: a first line longer than the head is not written at all.
  const cut = read.find((r) => lowerBoundOf(r.numClassesReason) === "cutLine");
  if (cut !== undefined) {
    return { why: `not written: line 1 of ${cut.path} is too long to read whole (at least ${formatCount(cut.numClasses)} values); give --class-names to set the classes` };
  }
  if (read.every((r) => lowerBoundOf(r.numClassesReason) === "indices")) {
    const count = Math.max(...read.map((r) => r.numClasses));
    const where = read.length === 1 ? read[0]!.path : "the files";
    return { classes: { count }, why: `${formatCount(count)}, at least: the largest class index in ${where} plus one (an index list does not say how many classes there are; give --class-names if some class past it has no row)` };
  }
  const widths = read.map((r) => r.numClasses);
  const tally = new Map<number, number>();
  for (const w of widths) tally.set(w, (tally.get(w) ?? 0) + 1);
  const [count] = [...tally.entries()].sort((a, b) => b[1] - a[1] || widths.indexOf(a[0]) - widths.indexOf(b[0]))[0]!;
  const others = [...tally.keys()].filter((w) => w !== count);
  const disagree = others.length > 0 ? `; other files have ${others.join(", ")} values per row: check which is right` : "";
  return { classes: { count }, why: `${formatCount(count)}, the most common row width (inferred; give --class-names to name the classes)${disagree}` };
}

/**
 * Refuses to write a config where one is already: the output itself, or
 * another of {@link CONFIG_FILE_NAMES} in the same folder (two config files
 * in one folder are an error for `labellint check`: which one counts would be a guess).
 */
async function refuseSecondConfig(output: string, outputName: string, cwd: string): Promise<void> {
  if (await exists(output)) throw new LabellintError("LL_USAGE", `${outputName} already exists: pass --force to overwrite it`);
  for (const name of CONFIG_FILE_NAMES) {
    const other = join(dirname(output), name);
    if (!(await exists(other))) continue;
    const shown = relative(cwd, other) || name;
    throw new LabellintError("LL_USAGE", `${shown} already exists: a folder holds one labellint config, two are an error for check (edit that one, or pass --force to write ${outputName} beside it)`);
  }
}

/** A path as the config writes it: relative to the config's folder, with `/`. */
function written(path: string, configDir: string): string {
  const rel = relative(configDir, path);
  return (rel === "" || isAbsolute(rel) ? path : rel).split(sep).join("/");
}

/**
 * `labellint init FILE… [--class-names FILE] [--split ROLES] [--force] [--output FILE]`:
 * lints the files to infer their format, the class count and names, and
 * their split roles, and writes a labellint config (JSON, or YAML for a
 * `.yaml`/`.yml` output) that `labellint check` then picks up with no
 * arguments. Exit 0 when written, 2 on fatal errors.
 */
export async function runInit(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, OPTIONS);
  refuseDash(values, ["output"]);
  if (positionals.length === 0) throw new LabellintError("LL_USAGE", "init needs the label files to describe (e.g. labellint init train_list.txt val_list.txt)");
  if (positionals.includes("-")) throw new LabellintError("LL_USAGE", "init describes files on disk: standard input (-) cannot be listed in a config");
  const outputName = values.output ?? DEFAULT_OUTPUT;
  const output = resolve(io.cwd, outputName);
  const configDir = dirname(output);
  // --force replaces an existing config, never a file init reads (a label list, the class list).
  await assertNotAnInput(outputName, [...positionals, values["class-names"]], io, "--output", "the config");
  if (!(values.force ?? false)) await refuseSecondConfig(output, outputName, io.cwd);
  const given = splitRoles(values.split, positionals.length);
  const namesPath = values["class-names"] !== undefined ? resolve(io.cwd, values["class-names"]) : undefined;
  // The form matters as check sees it: index lists in PaddleClas's syntax under PaddleClas's `id name` list are a PaddleClas list.
  const list = namesPath !== undefined ? await readClassList(namesPath) : undefined;
  const names = list?.names;

  const results: FileResult[] = [];
  const roles: Role[] = [];
  for (const [i, file] of positionals.entries()) {
    const role: Role = given[i] !== undefined ? { role: given[i]!, why: "given with --split" } : roleFromName(file, io.cwd);
    roles.push(role);
    results.push(await lintFile(resolve(io.cwd, file), { ...(list !== undefined ? { classNames: list.names, classNamesForm: list.form } : {}), split: role.role, maxProblemsPerRule: 0 }, file));
  }
  const { classes, why } = inferClasses(results, namesPath !== undefined ? { written: written(namesPath, configDir), names: names! } : undefined);
  const config = {
    datasets: results.map((r, i) => ({ path: written(resolve(io.cwd, positionals[i]!), configDir), format: r.format, split: roles[i]!.role })),
    ...(classes !== undefined ? { classes } : {}),
    classGroups: [],
    rules: {},
  };
  const yaml = /\.ya?ml$/i.test(output);
  const text = yaml ? yamlPackage().stringify(config) : `${JSON.stringify(config, null, 2)}\n`;
  const file = await AtomicFile.create(output);
  file.write(text);
  await file.commit();

  const lines = [`labellint init: wrote ${outputName}`];
  const width = Math.max(...positionals.map((p) => p.length));
  results.forEach((r, i) => {
    const errors = r.errorCount > 0 ? `; ${formatCount(r.errorCount)} error${r.errorCount === 1 ? "" : "s"} to look at` : "";
    lines.push(`  ${positionals[i]!.padEnd(width)}  ${roles[i]!.role} (${roles[i]!.why}), ${r.format} (${r.formatReason}), ${formatCount(r.rows)} rows${errors}`);
  });
  lines.push(`  classes: ${why}`);
  lines.push("Mutually exclusive classes (an age or a colour group) go under classGroups; rule settings under rules.");
  lines.push(`Run labellint check${dirname(output) === resolve(io.cwd) ? "" : ` --config ${outputName}`} to check the files with it.`);
  io.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}



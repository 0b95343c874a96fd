import { realpath } from "node:fs/promises";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { resolve } from "node:path";
import { parseRuleFlag } from "../engine/settings.js";
import { LabellintError } from "../errors.js";
import { checkClassCount } from "../io/limits.js";
import { readClassList } from "../readers/class-names.js";
import { FORMAT_IDS } from "../readers/index.js";
import type { FormatId, RuleSetting, SplitRole } from "../types.js";
import { closestName } from "../text/closest.js";
import type { LintOptions } from "../engine/options.js";
import { writePieces, writePiecesToFile, type CliIo } from "./io.js";
import { impliedOptions, listOptions, openPpclsConfig, type ConfigInputs } from "../ppcls/run.js";
import { configFiles, configFor, configOptions, type ConfigFiles } from "../config/options.js";
import type { LabellintConfig } from "../config/load.js";
import { findConsumer, imagelistReaderOf } from "../consumers/index.js";

/**
 * The command line shared by every command that reads label files: the input
 * options, how they become {@link LintOptions} (over a labellint config and a
 * training config), which files are read in which roles, and small parsers.
 */

/** Options every command that reads label files takes. */
export const INPUT_OPTIONS = {
  format: { type: "string" },
  consumer: { type: "string" },
  "unknown-label": { type: "string", multiple: true },
  "num-classes": { type: "string" },
  "class-names": { type: "string" },
  split: { type: "string" },
  "max-line-bytes": { type: "string" },
  "max-classes": { type: "string" },
  "max-spool-bytes": { type: "string" },
  rule: { type: "string", multiple: true },
  "check-images": { type: "boolean" },
  "image-root": { type: "string" },
  "allow-images-in": { type: "string", multiple: true },
  concurrency: { type: "string" },
  "hash-images": { type: "boolean" },
  "decode-images": { type: "boolean" },
  "similar-images": { type: "boolean" },
  "similar-threshold": { type: "string" },
  columns: { type: "string" },
  "ppcls-config": { type: "string" },
  "ppcls-root": { type: "string" },
  "ppcls-override": { type: "string", multiple: true },
  config: { type: "string" },
  "no-config": { type: "boolean" },
} as const;

export function integer(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim()) || Number(value) < min) {
    throw new LabellintError("LL_USAGE", `--${flag} must be an integer ≥ ${min}, got '${value}'`);
  }
  return Number(value);
}

export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new LabellintError("LL_USAGE", `--${flag} must be one of ${allowed.join(", ")}, got '${value}'`);
  return value as T;
}

/**
 * Refuses `-` for the flags naming files a command writes whole (an output
 * list, its rejects, a plan, a class list, a folder): they are written beside
 * their target and renamed into place, so `-` would make a file named '-'
 * where a user means standard output.
 */
export function refuseDash(values: Readonly<Record<string, unknown>>, flags: readonly string[]): void {
  for (const flag of flags) {
    if (values[flag] === "-") throw new LabellintError("LL_USAGE", `--${flag} names a ${flag === "out-dir" ? "folder" : "file"} to write, not standard output (it is written whole and renamed into place): give a name instead of '-'`);
  }
}

/**
 * A parseArgs failure as a one-line usage error; an unknown option names the
 * nearest one the command takes (`--formt`: did you mean --format?).
 */
export function usageError(error: unknown, known?: Readonly<Record<string, unknown>>): LabellintError {
  let message = error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, "") : String(error);
  const unknown = /^Unknown option '--([^'=]+)'/.exec(message)?.[1];
  // The nearest spelling, else the one option the word starts (`--unsafe`: --unsafe-fixes).
  const starting = unknown !== undefined && known !== undefined ? Object.keys(known).filter((k) => k.startsWith(`${unknown}-`)) : [];
  const near = unknown !== undefined && known !== undefined ? (closestName(Object.keys(known), unknown) ?? (starting.length === 1 ? starting[0] : undefined)) : undefined;
  if (near !== undefined) message += `; did you mean --${near}?`;
  // One style for every error line: parseArgs capitalises its own.
  message = message.replace(/^Unknown option/, "unknown option").replace(/^Option '/, "option '");
  return new LabellintError("LL_USAGE", `${message} (labellint --help lists the options)`);
}

/** Runs an argument parse, turning its failure into a one-line usage error (`known`: the options it takes, for a suggestion). */
export function parsedOrUsage<T>(parse: () => T, known?: Readonly<Record<string, unknown>>): T {
  try {
    return parse();
  } catch (error) {
    throw usageError(error, known);
  }
}

type CommandOptions = NonNullable<ParseArgsConfig["options"]>;
type Parsed<T extends CommandOptions> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;

/**
 * A command's arguments parsed against its `options` (strict, with
 * positionals; a negative number as a string option's value, see
 * {@link joinNegativeValues}), a failure as one usage line naming the
 * nearest option.
 */
export function parseCommand<T extends CommandOptions>(args: string[], options: T): Parsed<T> {
  const parsed = parsedOrUsage(() => parseArgs({ args: joinNegativeValues(args, options), options, allowPositionals: true, strict: true }), options);
  refuseEmptyPaths(parsed.values as Readonly<Record<string, unknown>>);
  return parsed;
}

/** `Section.key=value` (`Arch.class_num=33`, `DataLoader.Train.sampler.batch_size=64`): how PaddleClas's `-o` overrides are written. */
const OVERRIDE_LIKE = /^[A-Za-z_]\w*(\.\w+)+=/;

/** Options naming a file or folder to write: an empty value (an unset `$OUT`) would resolve to the working directory. */
const WRITTEN_PATHS = ["out", "out-dir", "output", "rejects", "plan", "partial", "class-names-out"];

/**
 * `--out-dir ""` is the working directory and `--out ""` a folder: an unset
 * shell variable would write the splits (with --force, over what is there)
 * beside the user's own lists, or fail with a message naming a folder
 * nobody gave. Refused as what it is.
 */
function refuseEmptyPaths(values: Readonly<Record<string, unknown>>): void {
  for (const flag of WRITTEN_PATHS) {
    const value = values[flag];
    if (value === "") throw new LabellintError("LL_USAGE", `--${flag} is empty: give the ${flag === "out-dir" ? "folder" : "file"} to write`);
    // `--output reports/` meant a folder: resolved, the slash is dropped and a file named `reports` was written.
    if (flag !== "out-dir" && typeof value === "string" && /[\\/]$/.test(value)) throw new LabellintError("LL_USAGE", `--${flag} '${value}' names a folder: give the file to write`);
    // PaddleClas's `-o Arch.class_num=33` is an override; labellint's `-o` names the file to write, and would
    // write the report into a file of that name, printing nothing.
    if ((flag === "output" || flag === "out") && typeof value === "string" && OVERRIDE_LIKE.test(value)) {
      throw new LabellintError("LL_USAGE", `-o/--${flag} '${value}' looks like a PaddleClas override (tools/train.py -o KEY=VALUE), but it names the file to write: give the override with --ppcls-override ${value}, or write --${flag} ./${value} for a file of that name`);
    }
  }
}

/**
 * `--unknown-label -1` as `--unknown-label=-1`: a string option's value may be
 * a negative number, which the argument parser would take for an option.
 */
export function joinNegativeValues(args: readonly string[], options: Readonly<Record<string, { type: string }>>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    if (arg.startsWith("--") && !arg.includes("=") && options[arg.slice(2)]?.type === "string" && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

export interface InputValues {
  format?: string | undefined;
  consumer?: string | undefined;
  "unknown-label"?: string[] | undefined;
  "num-classes"?: string | undefined;
  "class-names"?: string | undefined;
  split?: string | undefined;
  "max-line-bytes"?: string | undefined;
  "max-classes"?: string | undefined;
  "max-spool-bytes"?: string | undefined;
  rule?: string[] | undefined;
  "check-images"?: boolean | undefined;
  "image-root"?: string | undefined;
  "allow-images-in"?: string[] | undefined;
  concurrency?: string | undefined;
  "hash-images"?: boolean | undefined;
  "decode-images"?: boolean | undefined;
  "similar-images"?: boolean | undefined;
  "similar-threshold"?: string | undefined;
  columns?: string | undefined;
  config?: string | undefined;
  "no-config"?: boolean | undefined;
  "ppcls-config"?: string | undefined;
  /** The report's file (`--output`), which must not be one of the inputs. */
  output?: string | undefined;
  "ppcls-root"?: string | undefined;
  "ppcls-override"?: string[] | undefined;
}

/**
 * Turns the input options shared by check, fix and the rest into {@link LintOptions},
 * over the labellint config's rules, classes and class groups (the command line wins).
 */
export async function inputOptions(values: InputValues, io: CliIo, judged = false): Promise<LintOptions> {
  const rules: Record<string, RuleSetting> = {};
  for (const flag of values.rule ?? []) {
    const [name, severity] = parseRuleFlag(flag);
    rules[name] = severity;
  }
  const maxClasses = integer("max-classes", values["max-classes"], 1);
  const maxSpoolBytes = integer("max-spool-bytes", values["max-spool-bytes"], 0);
  const numClasses = integer("num-classes", values["num-classes"], 1);
  // A class count is checked before anything is sized by it.
  if (numClasses !== undefined) checkClassCount(numClasses, "--num-classes", maxClasses);
  const classList = values["class-names"] !== undefined ? await readClassList(resolve(io.cwd, values["class-names"]), maxClasses) : undefined;
  const classNames = classList?.names;
  const maxLineBytes = integer("max-line-bytes", values["max-line-bytes"], 16);
  const format = oneOf<FormatId | "auto">("format", values.format, ["auto", ...FORMAT_IDS]);
  const consumer = values.consumer !== undefined ? findConsumer(values.consumer).id : undefined;
  const imagelistReader = values.consumer !== undefined ? imagelistReaderOf(values.consumer) : undefined;
  const unknownLabels = values["unknown-label"]?.map((v): number | "" => {
    const text = v.trim();
    if (text === "") return "";
    if (!/^[+-]?\d+$/.test(text)) throw new LabellintError("LL_USAGE", `--unknown-label takes an integer (e.g. -1) or '' for an empty value, got '${v}'`);
    return Number(text);
  });
  // A comma-separated list (`train,eval`) gives each file its role; see splitRoles.
  const split = values.split?.includes(",") ? undefined : splitRole(values.split);
  const hashImages = values["hash-images"] ?? false;
  const similarImages = values["similar-images"] ?? false;
  const decodeImages = (values["decode-images"] ?? false) || similarImages;
  const checkImages = (values["check-images"] ?? false) || hashImages || decodeImages;
  const similarThreshold = integer("similar-threshold", values["similar-threshold"], 0);
  if (similarThreshold !== undefined && (!similarImages || similarThreshold > 63)) {
    throw new LabellintError("LL_USAGE", similarImages ? `--similar-threshold must be at most 63 (bits of a 64-bit hash), got '${similarThreshold}'` : "--similar-threshold only goes with --similar-images");
  }
  const concurrency = integer("concurrency", values.concurrency, 1);
  if (!checkImages) {
    const imageFlag = values["image-root"] !== undefined ? "image-root" : values["allow-images-in"] !== undefined ? "allow-images-in" : concurrency !== undefined ? "concurrency" : undefined;
    if (imageFlag !== undefined) throw new LabellintError("LL_USAGE", `--${imageFlag} only goes with --check-images, --hash-images or --decode-images`);
  }
  const config = await configFor(values, io.cwd);
  const options: LintOptions = {
    ...(format !== undefined ? { format } : {}),
    ...(consumer !== undefined ? { consumer } : {}),
    ...(imagelistReader !== undefined ? { imagelistReader, consumerReason: `given with --consumer ${imagelistReader}: ${imagelistReader === "hashnet" ? "HashNet opens an image path as written" : "DeepHash-pytorch appends an image path to its data_path"}` } : {}),
    ...(unknownLabels !== undefined ? { unknownLabels } : {}),
    ...(numClasses !== undefined ? { numClasses } : {}),
    ...(classNames !== undefined ? { classNames } : {}),
    // The per-class files of the columns format, relative to the working directory.
    ...(values.columns !== undefined ? { columns: resolve(io.cwd, values.columns) } : {}),
    ...(split !== undefined ? { split } : {}),
    ...(maxLineBytes !== undefined ? { maxLineBytes } : {}),
    ...(maxClasses !== undefined ? { maxClasses } : {}),
    ...(maxSpoolBytes !== undefined ? { maxSpoolBytes } : {}),
    ...(checkImages ? { checkImages } : {}),
    ...(hashImages ? { hashImages } : {}),
    ...(decodeImages ? { decodeImages } : {}),
    ...(similarImages ? { similarImages } : {}),
    ...(similarThreshold !== undefined ? { similarThreshold } : {}),
    ...(values["image-root"] !== undefined ? { imageRoot: resolve(io.cwd, values["image-root"]) } : {}),
    ...(values["allow-images-in"] !== undefined ? { imageDirs: values["allow-images-in"].map((dir) => resolve(io.cwd, dir)) } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(config !== undefined ? configOptions(config, { numClasses, classNames, rules, namesMayFollow: values["ppcls-config"] !== undefined, consumer: consumer !== undefined, unknownLabels: unknownLabels !== undefined }) : { rules }),
  };
  if (classList !== undefined) options.classNamesForm = classList.form;
  // Only a command that judges a file for its consumer reads an index list in PaddleClas's syntax as PaddleClas does; the others read what it means.
  if (!judged) delete options.classNamesForm;
  return options;
}

/** Words a split is called by, and the role each means: a validation or test list is evaluated on. */
const SPLIT_WORDS: ReadonlyMap<string, SplitRole> = new Map([["train", "train"], ["eval", "eval"], ["val", "eval"], ["validation", "eval"], ["test", "eval"]]);

/** One `--split` role: train, or eval (also written val, validation or test). */
export function splitRole(value: string | undefined): SplitRole | undefined {
  if (value === undefined) return undefined;
  const role = SPLIT_WORDS.get(value.trim().toLowerCase());
  if (role === undefined) throw new LabellintError("LL_USAGE", `--split must be train or eval (val, validation and test mean eval), got '${value}'`);
  return role;
}

/**
 * Split roles per file from `--split`: one role for every file, or a
 * comma-separated list with one role per file (`--split train,eval`).
 * Undefined entries mean "no role given" (checked as train).
 */
export function splitRoles(value: string | undefined, files: number): (SplitRole | undefined)[] {
  if (value === undefined || !value.includes(",")) return new Array<SplitRole | undefined>(files).fill(splitRole(value));
  const roles = value.split(",").map((r) => splitRole(r.trim()));
  if (roles.length !== files) throw new LabellintError("LL_USAGE", `--split lists ${roles.length} roles for ${files} ${files === 1 ? "file" : "files"}: give one role for every file, or one per file in their order`);
  return roles;
}

/** The label files a run reads: each with its split role and its own option overrides. */
export interface RunInputs {
  paths: string[];
  roles: (SplitRole | undefined)[];
  /** Per-file overrides (e.g. an image root a config gives one split), by index. */
  fileOptions: Partial<LintOptions>[];
  /** Options a training config implies where the command line is silent. */
  shared?: Partial<LintOptions>;
  /** The PaddleClas config to lint with the files (`--ppcls-config`). */
  ppcls?: ConfigInputs;
}

/**
 * Which files a command reads, and in which roles: the positional arguments
 * (with `--split`), else the lists a configuration names.
 */
export async function resolveInputs(values: InputValues, positionals: readonly string[], io: CliIo): Promise<RunInputs> {
  const inputs = await runInputs(values, positionals, io);
  await assertNotAnInput(values.output, filesRead(values, inputs), io);
  return inputs;
}

/** Every file a run reads: its label lists (a training config's too), the class list, the configs. */
export function filesRead(values: InputValues, inputs: Pick<RunInputs, "paths" | "ppcls">): (string | undefined)[] {
  return [...inputs.paths, ...(inputs.ppcls?.files.map((f) => f.path) ?? []), values["class-names"], values["ppcls-config"], values.config];
}

/**
 * With `--ppcls-config`, what the training config implies for `files` (the
 * label files a command writes from): C, class names and format for all, and
 * where every one of them is a list the config names, what it implies for
 * those lists alike — the -1 mask of `label_ratio`, so a fix keeps the rows
 * PaddleClas trains on with an unknown label.
 */
export async function impliedForFiles(values: InputValues, files: readonly string[], io: CliIo): Promise<Partial<LintOptions> | undefined> {
  if (values["ppcls-config"] === undefined) return files.length === 0 ? undefined : datasetSettings(await resolveInputs(values, files, io));
  const inputs = await resolveInputs(values, files, io);
  const lists = inputs.ppcls?.files ?? [];
  const real = (path: string) => realpath(resolve(io.cwd, path)).catch(() => undefined);
  const listed = await Promise.all(lists.map(async (f) => ({ file: f, at: await real(f.path) })));
  const perFile = await Promise.all(
    files.map(async (path) => {
      const at = path === "-" ? undefined : await real(path);
      return at === undefined ? undefined : listed.find((l) => l.at === at)?.file;
    }),
  );
  const masks = new Set(perFile.map((f) => f?.minusOneMasked));
  const mask = masks.size === 1 ? [...masks][0] : undefined;
  // Images decoded with PIL (DecodeImage backend: pil) where every file written from is such a list: fix rejects what PIL refuses.
  const decoders = new Set(perFile.map((f) => f?.imageDecoder));
  const decoder = decoders.size === 1 ? [...decoders][0] : undefined;
  return { ...inputs.shared, ...(mask !== undefined ? { minusOneMasked: mask } : {}), ...(decoder !== undefined ? { imageDecoder: decoder } : {}) };
}

/**
 * What the labellint config's datasets say of the files a command writes
 * from (role, format, image root …; see {@link runInputs}), where every one
 * of them is a dataset and they agree; else nothing.
 */
function datasetSettings(inputs: RunInputs, some = false): Partial<LintOptions> | undefined {
  let settings = inputs.fileOptions.map((options, i) => ({ ...options, ...(inputs.roles[i] !== undefined ? { split: inputs.roles[i] } : {}) }));
  if (some) settings = settings.filter((s) => Object.keys(s).length > 0);
  const first = JSON.stringify(settings[0] ?? {});
  if (first === "{}" || settings.some((s) => JSON.stringify(s) !== first)) return undefined;
  return settings[0];
}

/**
 * For `diff OLD NEW`: the settings of the config's dataset among the two
 * (a list's older copy is rarely a dataset itself), where the ones that are
 * datasets agree; with `--ppcls-config`, what the training config implies.
 */
export async function impliedForDiff(values: InputValues, files: readonly string[], io: CliIo): Promise<Partial<LintOptions> | undefined> {
  const inputs = await resolveInputs(values, files, io);
  if (values["ppcls-config"] !== undefined) return inputs.shared;
  const settings = datasetSettings(inputs, true);
  if (settings === undefined) return undefined;
  // A diff has no roles.
  delete settings.split;
  return settings;
}

/**
 * The files `fix` and `convert` write (`--out`, `--rejects`, `--plan`,
 * `--class-names-out`) are never a class list or a config the run reads,
 * `--force` or not: `--force` replaces an earlier output, not an input. (The
 * label files themselves are compared by fix and convert, which name them.)
 */
export async function assertWritesNoInput(values: InputValues & Readonly<Record<string, unknown>>, flags: readonly string[], io: CliIo): Promise<void> {
  const read = filesRead(values, { paths: [] });
  for (const flag of flags) {
    const path = values[flag];
    if (typeof path === "string") await assertNotAnInput(path, read, io, `--${flag}`, `the ${flag === "out" ? "output" : flag.replace(/-out$/, "")} file`);
  }
}

/**
 * A report (or any file a run writes: `what`, named by `flag`) written over
 * a file the run reads (a label list, a class list, a config, a partial; or
 * a link to one, written through) would destroy it: refused before anything
 * is written, `--force` or not.
 */
export async function assertNotAnInput(output: string | undefined, inputs: readonly (string | undefined)[], io: CliIo, flag = "--output", what = "the report"): Promise<void> {
  if (output === undefined || output === "-") return;
  const real = (path: string) => realpath(resolve(io.cwd, path)).catch(() => undefined);
  const target = await real(output);
  if (target === undefined) return;
  for (const input of inputs) {
    if (input === undefined || input === "-") continue;
    if ((await real(input)) === target) throw new LabellintError("LL_USAGE", `${flag} '${output}' is the input '${input}': ${what} would overwrite it`);
  }
}

async function runInputs(values: InputValues, positionals: readonly string[], io: CliIo): Promise<RunInputs> {
  const ppcls = await ppclsInputs(values, io);
  if (positionals.length === 0 && ppcls !== undefined) {
    const { files } = ppcls.inputs;
    return {
      paths: files.map((f) => f.display),
      roles: files.map((f) => f.role),
      fileOptions: files.map((f) => listOptions(f, values["image-root"] !== undefined)),
      shared: ppcls.shared,
      ppcls: ppcls.inputs,
    };
  }
  if (positionals.length === 0) {
    const config = await configFor(values, io.cwd);
    if (config === undefined || config.datasets.length === 0) {
      throw new LabellintError("LL_USAGE", "no input files: pass one or more label files, - for standard input, or --ppcls-config FILE, or list them under datasets in labellint.config.json");
    }
    const files = datasetFiles(config, values, io);
    return { ...files, roles: values.split !== undefined ? splitRoles(values.split, files.paths.length) : files.roles };
  }
  if (positionals.filter((p) => p === "-").length > 1) throw new LabellintError("LL_USAGE", "standard input (-) can be read only once");
  const roles = splitRoles(values.split, positionals.length);
  const fileOptions: Partial<LintOptions>[] = positionals.map(() => ({}));
  // A file the labellint config lists is read with its dataset's settings there (role, format, image root …),
  // as when the config's files are checked without naming them: a hook that passes the changed files gets them too.
  const config = ppcls === undefined ? await configFor(values, io.cwd) : undefined;
  if (config !== undefined && config.datasets.length > 0) {
    const listed = datasetFiles(config, values, io);
    const where = new Map<string, number>();
    for (let k = config.datasets.length - 1; k >= 0; k--) where.set(await samePlace(config.datasets[k]!.path), k);
    for (let i = 0; i < positionals.length; i++) {
      if (positionals[i] === "-") continue;
      const k = where.get(await samePlace(resolve(io.cwd, positionals[i]!)));
      if (k === undefined) continue;
      fileOptions[i] = listed.fileOptions[k]!;
      if (values.split === undefined) roles[i] = listed.roles[k];
    }
  }
  return {
    paths: [...positionals],
    roles,
    fileOptions,
    ...(ppcls !== undefined ? { shared: ppcls.shared, ppcls: ppcls.inputs } : {}),
  };
}

/** The config's datasets as a run reads them, less what the command line sets for every file. */
function datasetFiles(config: LabellintConfig, values: InputValues, io: CliIo): ConfigFiles {
  return configFiles(config, io.cwd, {
    format: values.format !== undefined,
    imageRoot: values["image-root"] !== undefined,
    columns: values.columns !== undefined,
    consumer: values.consumer !== undefined,
    imageDirs: values["allow-images-in"]?.map((dir) => resolve(io.cwd, dir)),
  });
}

/** A path as the file it names (its real path), or as written when there is none. */
async function samePlace(path: string): Promise<string> {
  return realpath(path).catch(() => path);
}

/**
 * Options with what a training config implies laid over them. The command
 * line's own choices were left out of `implied` already; a class list from a
 * labellint config that does not fit the training config's `class_num` gives
 * way to it (the training config comes first).
 */
export function withImplied(options: LintOptions, implied: Partial<LintOptions> | undefined): LintOptions {
  if (implied === undefined) return options;
  const merged = { ...options, ...implied };
  if (implied.numClasses !== undefined && implied.classNames === undefined && merged.classNames?.length !== implied.numClasses) delete merged.classNames;
  return merged;
}

/**
 * `--ppcls-config`: the config read with what it names, and the options it
 * implies — C from `Arch.class_num`, names from the class-id map, the
 * `paddleclas` format — for each one the command line does not set itself.
 */
async function ppclsInputs(values: InputValues, io: CliIo): Promise<{ inputs: ConfigInputs; shared: Partial<LintOptions> } | undefined> {
  const file = values["ppcls-config"];
  if (file === undefined) {
    if (values["ppcls-root"] !== undefined) throw new LabellintError("LL_USAGE", "--ppcls-root only goes with --ppcls-config");
    if (values["ppcls-override"] !== undefined) throw new LabellintError("LL_USAGE", "--ppcls-override only goes with --ppcls-config");
    return undefined;
  }
  const root = resolve(io.cwd, values["ppcls-root"] ?? ".");
  const inputs = await openPpclsConfig(resolve(io.cwd, file), { root, rootGiven: values["ppcls-root"] !== undefined, cwd: io.cwd, displayPath: file, overrides: values["ppcls-override"] ?? [] });
  const shared = impliedOptions(inputs, {
    format: values.format !== undefined,
    classes: values["num-classes"] !== undefined || values["class-names"] !== undefined,
    consumer: values.consumer !== undefined,
  });
  return { inputs, shared };
}

/** Writes a report, in pieces, to `--output` (one clear error if that fails) or to standard output. */
export async function emitReport(pieces: Iterable<string>, output: string | undefined, io: CliIo): Promise<void> {
  // `--output -` is standard output, as `-` is standard input.
  if (output === undefined || output === "-") await writePieces(pieces, io.stdout);
  else await writePiecesToFile(pieces, resolve(io.cwd, output), output);
}

const UNITS: Record<string, number> = { "": 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

/** `64M`, `512K`, `1G` or a number of bytes. */
export function parseSize(flag: string, value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([KMG]?)(?:i?B)?$/i.exec(value.trim());
  if (m === null || Number(m[1]) <= 0) throw new LabellintError("LL_USAGE", `--${flag} takes a size such as 64M, 512K or 1G, got '${value}'`);
  return Math.floor(Number(m[1]) * UNITS[m[2]!.toUpperCase()]!);
}

import { relative, isAbsolute, resolve } from "node:path";
import { findRule } from "../engine/settings.js";
import { LabellintError } from "../errors.js";
import { allRules } from "../rules/index.js";
import type { RuleSetting, SplitRole } from "../types.js";
import type { LintOptions } from "../engine/options.js";
import { checkClassGroups } from "./groups.js";
import { findConfigFile, loadConfig, type LabellintConfig } from "./load.js";
import { joinProblems } from "./schema.js";

/** The command-line values that choose the config. */
export interface ConfigFlags {
  config?: string | undefined;
  "no-config"?: boolean | undefined;
}

const loaded = new WeakMap<object, Promise<LabellintConfig | undefined>>();

/**
 * The config of a command run: `--config FILE`, none with `--no-config`, else
 * the one found upward from the working directory. Loaded once per parsed
 * argument set, however many parts of the command ask.
 */
export function configFor(values: ConfigFlags, cwd: string): Promise<LabellintConfig | undefined> {
  let config = loaded.get(values);
  if (config === undefined) {
    config = openConfig(values, cwd);
    loaded.set(values, config);
  }
  return config;
}

async function openConfig(values: ConfigFlags, cwd: string): Promise<LabellintConfig | undefined> {
  if (values["no-config"]) {
    if (values.config !== undefined) throw new LabellintError("LL_USAGE", "--config and --no-config contradict each other: give one");
    return undefined;
  }
  if (values.config !== undefined) return loadConfig(resolve(cwd, values.config), values.config);
  const found = await findConfigFile(cwd);
  return found === undefined ? undefined : loadConfig(found, shown(found, cwd));
}

/** A path relative to the working directory (absolute only when it cannot be, e.g. on another drive). */
function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === "" || isAbsolute(rel) ? path : rel;
}

/** What the command line sets itself, which the config does not override. */
export interface CliSettings {
  numClasses?: number | undefined;
  classNames?: string[] | undefined;
  rules: Record<string, RuleSetting>;
  /** Class names may still come from elsewhere (a training config): group names unresolved now are not an error yet. */
  namesMayFollow?: boolean;
  /** `--consumer` was given. */
  consumer?: boolean;
  /** `--unknown-label` was given. */
  unknownLabels?: boolean;
}

/**
 * The config's options under the command line's: `--rule` over `rules` (a
 * severity alone keeps the config's options for that rule, as in ESLint),
 * `--num-classes`/`--class-names` over `classes` (the config's names stay
 * with `--num-classes` when their count agrees). Class groups are checked
 * against the classes known here; a group naming classes while no names are
 * known is an error, unless names may still follow (from a training config).
 */
export function configOptions(config: LabellintConfig, cli: CliSettings): Partial<LintOptions> {
  const options: Partial<LintOptions> = { rules: mergeRules(config.rules, cli.rules) };
  if (config.unknownLabels !== undefined && !cli.unknownLabels) options.unknownLabels = config.unknownLabels;
  if (config.consumer !== undefined && !cli.consumer) {
    options.consumer = config.consumer;
    options.consumerReason = `consumer in ${config.display}`;
    if (config.imagelistReader !== undefined) options.imagelistReader = config.imagelistReader;
  }
  const { classes } = config;
  let numClasses = cli.numClasses;
  let classNames = cli.classNames;
  if (classes !== undefined && cli.classNames === undefined) {
    if (cli.numClasses === undefined) {
      numClasses = classes.count;
      if (classes.count !== undefined) options.numClasses = classes.count;
      options.classSource = { source: "config", reason: classes.reason };
    }
    if (classes.names !== undefined && (cli.numClasses === undefined || classes.names.length === cli.numClasses)) {
      options.classNames = classNames = classes.names;
      if (classes.form !== undefined) options.classNamesForm = classes.form;
    }
  }
  if (config.classGroups.length > 0) {
    const { groups, problems } = checkClassGroups(config.classGroups, { numClasses: numClasses ?? classNames?.length, classNames }, "/classGroups", !cli.namesMayFollow);
    if (problems.length > 0) throw new LabellintError("LL_CONFIG_INVALID", `${config.display}: ${joinProblems(problems)}`);
    options.classGroups = groups;
  }
  return options;
}

function mergeRules(fromConfig: Record<string, RuleSetting>, fromCli: Record<string, RuleSetting>): Record<string, RuleSetting> {
  const merged: Record<string, RuleSetting> = { ...fromConfig };
  for (const [key, setting] of Object.entries(fromCli)) {
    const rule = findRule(allRules, key);
    // The config may name the rule by its code and the command line by its name, or the other way round.
    const same = rule === undefined ? undefined : Object.keys(merged).find((k) => findRule(allRules, k) === rule);
    const previous = same !== undefined ? merged[same] : undefined;
    if (same !== undefined) delete merged[same];
    const options = Array.isArray(previous) ? previous[1] : undefined;
    merged[key] = options !== undefined && !Array.isArray(setting) ? [setting, options] : setting;
  }
  return merged;
}

/** The files a config lists, as a command reads them when none is given on its command line. */
export interface ConfigFiles {
  paths: string[];
  roles: (SplitRole | undefined)[];
  fileOptions: Partial<LintOptions>[];
}

/**
 * The config's datasets, each with its role, format, image root and columns
 * template — except the format, image root and template where the command
 * line sets one for every file (`--format`, `--image-root`, `--columns`).
 */
export function configFiles(
  config: LabellintConfig,
  cwd: string,
  given: { format: boolean; imageRoot: boolean; columns: boolean; consumer?: boolean; imageDirs?: readonly string[] | undefined },
): ConfigFiles {
  const { datasets } = config;
  return {
    paths: datasets.map((d) => shown(d.path, cwd)),
    roles: datasets.map((d) => d.split),
    fileOptions: datasets.map((d): Partial<LintOptions> => ({
      ...(d.format !== undefined && !given.format ? { format: d.format, formatReason: `${d.pointer}/format in ${config.display}` } : {}),
      ...(d.imageRoot !== undefined && !given.imageRoot ? { imageRoot: d.imageRoot } : {}),
      ...(d.allowImagesIn !== undefined ? allowedFolders(d.allowImagesIn, `${d.pointer}/allowImagesIn`, config.display, given.imageDirs ?? []) : {}),
      ...(d.columns !== undefined && !given.columns ? { columns: d.columns } : {}),
      ...(d.consumer !== undefined && !given.consumer
        ? { consumer: d.consumer, consumerReason: `${d.pointer}/consumer in ${config.display}`, ...(d.imagelistReader !== undefined ? { imagelistReader: d.imagelistReader } : {}) }
        : {}),
    })),
  };
}

/**
 * A dataset's `allowImagesIn` folders with the command line's `--allow-images-in`
 * ones after them (the command line adds folders; it takes none away), each
 * named as written where it came from, for the error when it cannot be used.
 */
function allowedFolders(folders: readonly { path: string; written: string }[], pointer: string, display: string, cli: readonly string[]): Pick<LintOptions, "imageDirs" | "imageDirNames"> {
  const imageDirs = [...folders.map((f) => f.path), ...cli];
  const imageDirNames = [...folders.map((f, i) => `${pointer}/${i} ('${f.written}') in ${display}`), ...cli.map((dir) => `--allow-images-in '${dir}'`)];
  return { imageDirs, imageDirNames };
}

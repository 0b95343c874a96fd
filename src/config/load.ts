import { stat } from "node:fs/promises";
import { validatorFor } from "../schemas.js";
import { dirname, extname, isAbsolute, join, relative, resolve } from "node:path";
import { yaml } from "../deps.js";
import { readSmallText } from "../io/source.js";
import { jsonDepthExceeded, MAX_JSON_DEPTH, MAX_YAML_ALIASES, MAX_YAML_BYTES, yamlReadFailure } from "../io/limits.js";
import { findRule, resolveRules } from "../engine/settings.js";
import { LabellintError } from "../errors.js";
import { jsonSyntaxError } from "../text/json-syntax.js";
import { readClassList, type ClassListForm } from "../readers/class-names.js";
import { allRules } from "../rules/index.js";
import { PPCLS_SECTIONS_NEEDED, sectionKeys } from "../ppcls/sections.js";
import type { ClassGroup, ConsumerId, FormatId, RuleSetting, Severity, SplitRole } from "../types.js";
import type { Rule } from "../engine/api.js";
import { joinProblems, schemaProblems, configShapeValidator, type ConfigProblem } from "./schema.js";

/** The names a config file is found by, in the order they are tried in each directory. */
export const CONFIG_FILE_NAMES = ["labellint.config.json", "labellint.config.yaml", "labellint.config.yml"] as const;

/** A label file a config lists, its paths resolved against the config's directory. */
export interface ConfigDataset {
  /** Absolute path. */
  path: string;
  /** As written in the config. */
  written: string;
  /** JSON pointer of the entry (`/datasets/1`), for messages. */
  pointer: string;
  split?: SplitRole;
  format?: FormatId | "auto";
  imageRoot?: string;
  /** Folders outside the image root whose images may be opened too (absolute), as written. */
  allowImagesIn?: { path: string; written: string }[];
  columns?: string;
  consumer?: ConsumerId;
  /** `"consumer": "hashnet"` or `"deephash"`: the ImageList named. */
  imagelistReader?: ImagelistReader;
}

type ImagelistReader = "hashnet" | "deephash";
type ConsumerName = ConsumerId | ImagelistReader;

/** A consumer as a config names it: `hashnet` and `deephash` are the imagelist consumer, with its reader named. */
function consumerNamed(name: ConsumerName | undefined): { consumer?: ConsumerId; imagelistReader?: ImagelistReader } {
  if (name === undefined) return {};
  return name === "hashnet" || name === "deephash" ? { consumer: "imagelist", imagelistReader: name } : { consumer: name };
}

/** The classes a config gives: a count, names (from the file or a names file), or both. */
export interface ConfigClasses {
  count?: number;
  names?: string[];
  /** How the names file is written (PaddleClas `id name` lines, or one name per line). */
  form?: ClassListForm;
  /** Where they come from, in words, for the report ("classes.count in labellint.config.json"). */
  reason: string;
}

/** A loaded, validated labellint config. */
export interface LabellintConfig {
  /** Absolute path of the file. */
  path: string;
  /** The path as messages show it. */
  display: string;
  datasets: ConfigDataset[];
  /** The program that reads every dataset (a dataset may name its own). */
  consumer?: ConsumerId;
  imagelistReader?: ImagelistReader;
  /** Label values declared "unknown" (`labels.unknown`). */
  unknownLabels?: (number | "")[];
  classes?: ConfigClasses;
  classGroups: ClassGroup[];
  /** Rule settings as written (by name or code), severities as "off" | "warn" | "error". */
  rules: Record<string, RuleSetting>;
}

interface RawConfig {
  datasets?: { path: string; split?: SplitRole; format?: FormatId | "auto"; imageRoot?: string; allowImagesIn?: string[]; columns?: string; consumer?: ConsumerName }[];
  consumer?: ConsumerName;
  labels?: { unknown?: (number | "")[] };
  classes?: { count?: number; names?: string[]; namesFile?: string };
  classGroups?: ClassGroup[];
  rules?: Record<string, Severity | 0 | 1 | 2 | [Severity | 0 | 1 | 2, Record<string, unknown>?]>;
}

/**
 * The config file that applies in `cwd`: the first of {@link CONFIG_FILE_NAMES}
 * in `cwd` or the nearest directory above it, up to the filesystem root. Two
 * of them in one directory is an error: which one counts would be a guess.
 */
export async function findConfigFile(cwd: string): Promise<string | undefined> {
  let dir = resolve(cwd);
  for (;;) {
    const found: string[] = [];
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (await isFile(candidate)) found.push(candidate);
    }
    if (found.length > 1) {
      throw new LabellintError("LL_CONFIG_INVALID", `${found.map((f) => relative(cwd, f) || f).join(" and ")} are both config files: keep one`);
    }
    if (found[0] !== undefined) return found[0];
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Reads, parses (JSON, or YAML for `.yaml`/`.yml` and other names) and
 * validates a config against `schemas/config.schema.json`, then checks what a
 * schema cannot: rule names and options, the names file, the class count.
 * Anything wrong is one `LL_CONFIG_INVALID` error naming the JSON path (and
 * line) of every problem.
 */
export async function loadConfig(path: string, display = path): Promise<LabellintConfig> {
  let text = (await readSmallText(path, MAX_YAML_BYTES, "labellint config", display)).replace(/^\uFEFF/, "");
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const json = extname(path).toLowerCase() === ".json";
  let data: unknown;
  if (json) {
    const deep = jsonDepthExceeded(text);
    if (deep >= 0) throw new LabellintError("LL_CONFIG_INVALID", `${display}: not a labellint config: nested deeper than ${MAX_JSON_DEPTH} levels`);
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new LabellintError("LL_CONFIG_INVALID", `${display}: not valid JSON: ${jsonSyntaxError(error, text)}`);
    }
    // JSON.parse keeps the last of a key written twice; a YAML config with one is refused, and so is a JSON one.
    const twice = doc.errors.find((e) => e.code === "DUPLICATE_KEY");
    if (twice !== undefined) {
      const at = twice.linePos?.[0];
      const key = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(twice.pos[0]))?.[0] ?? "a key";
      throw new LabellintError("LL_CONFIG_INVALID", `${display}: ${key} is written again in the same object${at ? ` (line ${at.line}, column ${at.col})` : ""}, and JSON readers keep only the last: write it once`);
    }
  } else {
    const syntax = doc.errors[0];
    if (syntax !== undefined) {
      const at = syntax.linePos?.[0];
      const what =
        syntax.code === "MULTIPLE_DOCS"
          ? "a second YAML document starts there (---): a labellint config is one document"
          : syntax.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
      throw new LabellintError("LL_CONFIG_INVALID", `${display}: not valid YAML${at ? ` at line ${at.line}, column ${at.col}` : ""}: ${what}`);
    }
    try {
      // Bounded alias expansion, as for a training config: a few lines of anchors cannot become gigabytes.
      data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) ?? {};
    } catch (error) {
      throw new LabellintError("LL_CONFIG_INVALID", `${display}: cannot read the YAML: ${yamlReadFailure(error)}`, { cause: error });
    }
  }
  // Where a JSON path is in the text, found through the YAML parse (JSON is YAML too).
  const offsetOf = (pointer: string): number | undefined => {
    if (doc.errors.length > 0) return undefined;
    const keys = pointer.split("/").filter((k) => k !== "").map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
    const node = keys.length === 0 ? doc.contents : doc.getIn(keys.map((k) => (/^\d+$/.test(k) ? Number(k) : k)), true);
    return (node as { range?: [number, number, number] } | null | undefined)?.range?.[0];
  };
  const where = (pointer: string): string => {
    const offset = offsetOf(pointer);
    return offset === undefined ? "" : ` (line ${lineCounter.linePos(offset).line})`;
  };
  // Every problem, top to bottom of the file.
  const fail = (problems: ConfigProblem[]): never => {
    const sorted = problems.map((p, i) => ({ p, i, at: offsetOf(p.path) ?? Number.MAX_SAFE_INTEGER })).sort((a, b) => a.at - b.at || a.i - b.i);
    throw new LabellintError("LL_CONFIG_INVALID", `${display}: ${joinProblems(sorted.map(({ p }) => p), where)}`);
  };

  // A PaddleClas training config given where a labellint config goes: say which option takes it.
  if (data !== null && typeof data === "object" && !Array.isArray(data)) {
    const ppclsKeys = sectionKeys(data);
    if (ppclsKeys.length >= PPCLS_SECTIONS_NEEDED) {
      throw new LabellintError(
        "LL_CONFIG_INVALID",
        `${display}: a PaddleClas training config (it has ${ppclsKeys.join(", ")}), not a labellint config: give it with --ppcls-config ${display} (--config takes labellint's own settings: datasets, classes, rules)`,
      );
    }
  }
  const validateConfigShape = configShapeValidator();
  const problems = validateConfigShape(data) ? [] : schemaProblems(validateConfigShape.errors);
  if (typeof data !== "object" || data === null || Array.isArray(data)) fail(problems);
  // What a schema cannot check is checked in each section the schema found well-formed.
  const wellFormed = (section: string) => !problems.some((p) => p.path === "/" || p.path === `/${section}` || p.path.startsWith(`/${section}/`));
  const raw = data as RawConfig;
  const dir = dirname(path);
  if (wellFormed("rules")) problems.push(...checkRules(raw.rules ?? {}));
  if (wellFormed("datasets")) problems.push(...checkDatasets(raw.datasets ?? [], dir));
  const classes = wellFormed("classes") ? await readClasses(raw.classes, dir, display, problems) : undefined;
  if (problems.length > 0) fail(problems);

  return {
    path,
    display,
    datasets: (raw.datasets ?? []).map((d, i) => ({
      path: resolve(dir, d.path),
      written: d.path,
      pointer: `/datasets/${i}`,
      ...(d.split !== undefined ? { split: d.split } : {}),
      ...(d.format !== undefined ? { format: d.format } : {}),
      ...(d.imageRoot !== undefined ? { imageRoot: resolve(dir, d.imageRoot) } : {}),
      ...(d.allowImagesIn !== undefined ? { allowImagesIn: d.allowImagesIn.map((written) => ({ path: resolve(dir, written), written })) } : {}),
      ...(d.columns !== undefined ? { columns: resolve(dir, d.columns) } : {}),
      ...consumerNamed(d.consumer),
    })),
    ...consumerNamed(raw.consumer),
    ...(raw.labels?.unknown !== undefined ? { unknownLabels: raw.labels.unknown } : {}),
    ...(classes !== undefined ? { classes } : {}),
    classGroups: raw.classGroups ?? [],
    rules: Object.fromEntries(Object.entries(raw.rules ?? {}).map(([key, setting]) => [key, normaliseSetting(setting)])),
  };
}

const NUMERIC_SEVERITY: readonly Severity[] = ["off", "warn", "error"];

function severityOf(value: Severity | 0 | 1 | 2): Severity {
  return typeof value === "number" ? NUMERIC_SEVERITY[value]! : value;
}

function normaliseSetting(setting: NonNullable<RawConfig["rules"]>[string]): RuleSetting {
  if (!Array.isArray(setting)) return severityOf(setting);
  const [severity, options] = setting;
  return options === undefined ? [severityOf(severity)] : [severityOf(severity), options];
}


/** Every rule name is a rule (with a did-you-mean), and its options fit the rule's schema. */
function checkRules(rules: NonNullable<RawConfig["rules"]>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const firstKey = new Map<Rule, string>();
  for (const [key, setting] of Object.entries(rules)) {
    const at = `/rules/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    const rule = findRule(allRules, key);
    if (rule === undefined) {
      problems.push({ path: at, message: unknownRule(key) });
      continue;
    }
    const other = firstKey.get(rule);
    if (other !== undefined) problems.push({ path: at, message: `sets ${rule.meta.name} (${rule.meta.code}) again, as '${other}' does: keep one` });
    else firstKey.set(rule, key);
    const options = Array.isArray(setting) ? setting[1] : undefined;
    if (options === undefined) continue;
    const schema = rule.meta.optionsSchema;
    if (schema === undefined) {
      if (Object.keys(options).length > 0) problems.push({ path: `${at}/1`, message: `must be empty: ${rule.meta.name} takes no options` });
      continue;
    }
    const validate = validatorFor(schema);
    if (!validate(options)) problems.push(...schemaProblems(validate.errors, `${at}/1`));
  }
  return problems;
}

/** "is not a rule; did you mean 'empty-labelset'?" — the hint as `--rule` gives it. */
function unknownRule(key: string): string {
  try {
    resolveRules(allRules, { [key]: "off" });
  } catch (error) {
    const hint = /did you mean '([^']+)'/.exec((error as Error).message);
    if (hint !== null) return `is not a rule; did you mean '${hint[1]}'? (labellint rules lists them)`;
  }
  return "is not a rule (labellint rules lists them)";
}

function checkDatasets(datasets: NonNullable<RawConfig["datasets"]>, dir: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const first = new Map<string, number>();
  datasets.forEach((d, i) => {
    const full = resolve(dir, d.path);
    const earlier = first.get(full);
    if (earlier !== undefined) problems.push({ path: `/datasets/${i}/path`, message: `is the file of /datasets/${earlier} again: list each file once` });
    else first.set(full, i);
    if (d.format === "columns" && d.columns === undefined) problems.push({ path: `/datasets/${i}`, message: "has format columns but no columns template (the per-class files, with {class})" });
    if (d.columns !== undefined && d.format !== undefined && d.format !== "columns") problems.push({ path: `/datasets/${i}/columns`, message: `only goes with format columns, not ${d.format}` });
  });
  return problems;
}

/** The classes section: names read from `namesFile`, and the count checked against the names. */
async function readClasses(classes: RawConfig["classes"], dir: string, display: string, problems: ConfigProblem[]): Promise<ConfigClasses | undefined> {
  if (classes === undefined) return undefined;
  const { count, names: listed, namesFile } = classes;
  if (listed !== undefined && namesFile !== undefined) {
    problems.push({ path: "/classes", message: "has both names and namesFile: give one" });
    return undefined;
  }
  let names = listed;
  let form: ClassListForm | undefined;
  let reason = listed !== undefined ? `${listed.length} names in classes.names of ${display}` : `classes.count in ${display}`;
  if (namesFile !== undefined) {
    const file = isAbsolute(namesFile) ? namesFile : resolve(dir, namesFile);
    try {
      ({ names, form } = await readClassList(file));
    } catch (error) {
      // Named as written in the config, not as resolved.
      problems.push({ path: "/classes/namesFile", message: `cannot be used: ${(error as Error).message.split(file).join(namesFile)}` });
      return undefined;
    }
    reason = `${names.length} names in ${namesFile} (classes.namesFile of ${display})`;
  }
  if (count !== undefined && names !== undefined && names.length !== count) {
    problems.push({ path: "/classes/count", message: `is ${count}, but the class-name list has ${names.length} names` });
    return undefined;
  }
  return { ...(count !== undefined ? { count } : {}), ...(names !== undefined ? { names } : {}), ...(form !== undefined ? { form } : {}), reason };
}

import type { ErrorObject, ValidateFunction } from "ajv";
import { schemaFile, validatorFor } from "../schemas.js";
import { closestName } from "../text/closest.js";
import { keyText, pyValue, truthy, type Component, type KeyPath, type PpclsConfig } from "./config.js";
import { pythonEval } from "./override.js";
import { pythonInt } from "../text/python.js";

/**
 * What PaddleClas builds from a config, checked against the constructors it
 * calls: the schemas under schemas/ppcls/ are generated from PaddleClas's
 * source by scripts/ppcls-signatures.py, one per family.
 */
/** `transform`: an operator of a dataset's transform_ops or batch_transform_ops. */
export type Family = "dataset" | "sampler" | "loader" | "loss" | "metric" | "transform";

const SCHEMA_FILES: Record<Family, string> = {
  dataset: "datasets",
  sampler: "samplers",
  loader: "loader",
  loss: "losses",
  metric: "metrics",
  transform: "transforms",
};

/** Where a fact is in PaddleClas's (or Paddle's) source. */
export interface SourceLine {
  source: string;
  line: number;
  /** Set when the source is not PaddleClas (the paddle.io samplers). */
  repo?: string;
  commit?: string;
}

/** One class's constructor as PaddleClas calls it (a definition's `x-ppcls`). */
export interface ClassSignature extends SourceLine {
  /** The class's own name, when the config names it by an alias (`MLClsDataset`). */
  class?: string;
  /** The base class whose `__init__` it inherits. */
  inherits?: string;
  /** The keys a config may give it, in the constructor's order. */
  takes: string[];
  required: string[];
  /** Arguments PaddleClas fills itself (a sampler's dataset, `total_epochs`). */
  passedByPaddleClas?: string[];
  /** `**kwargs`: any key is accepted. */
  anyKey?: boolean;
  /** The constructor raises unconditionally. */
  raises?: { exception: string; message?: string; line: number; source: string };
  /** An operator whose arguments are Paddle's (paddle.vision.transforms): accepted with any (`anyKey`), not checked. */
  external?: string;
  /** The batch create_operators passes `class_num` (its `__init__` has it as a positional parameter). */
  classNum?: boolean;
  /** A model function (not a class's `__init__`), and the class it hands its other keywords to. */
  function?: boolean;
  via?: SourceLine & { class: string };
}

interface FamilySchema {
  validate: ValidateFunction;
  classes: Map<string, ClassSignature>;
  /** The PaddleClas commit the schema was generated from. */
  commit: string;
  /** The module whose names `eval` sees (`ppcls/loss/__init__.py`); none for the loader. */
  namespace: string;
}

const families = new Map<Family, FamilySchema>();

/** A family's schema, read and compiled on first use: the one place schemas/ppcls/ is compiled. */
function schemaOf(family: Family): FamilySchema {
  let found = families.get(family);
  if (found === undefined) {
    const schema = schemaFile<{
      "x-ppcls": { commit: string; namespace: string };
      definitions?: Record<string, { "x-ppcls": ClassSignature }>;
    }>(`ppcls/${SCHEMA_FILES[family]}.schema.json`);
    const classes = new Map(Object.entries(schema.definitions ?? {}).map(([name, definition]) => [name, definition["x-ppcls"]]));
    found = { validate: validatorFor(schema), classes, commit: schema["x-ppcls"].commit, namespace: schema["x-ppcls"].namespace };
    families.set(family, found);
  }
  return found;
}

/** The classes of a family PaddleClas can build by name, with their constructors. */
export function signatures(family: Family): ReadonlyMap<string, ClassSignature> {
  return schemaOf(family).classes;
}

/** The dataset class a config's `name` builds: itself, or the class an alias names (PaddleX's `MLClsDataset` is MultiLabelDataset). */
export function datasetClass(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  return signatures("dataset").get(name)?.class ?? name;
}

/** The PaddleClas commit the signatures come from. */
export function signaturesCommit(): string {
  return schemaOf("dataset").commit;
}

/** The PaddleClas module in which a family's class names are looked up (`ppcls/loss/__init__.py`). */
export function namespaceOf(family: Family): string {
  return schemaOf(family).namespace;
}

/** What `eval(name)` raises for a name the namespace does not have: NameError, or SyntaxError when it is not an expression at all. */
function evalError(name: unknown): string {
  if (typeof name !== "string") return "TypeError";
  return name.trim() === "" || /\w\s+\w/.test(name) ? "SyntaxError" : "NameError";
}

interface Base {
  /** Where the finding points in the YAML. */
  at: KeyPath;
  /** What PaddleClas is building when it fails: `DataLoader.Train`, `Loss.Eval`. */
  building: string;
}

/** One way a config entry fails to become the object PaddleClas builds from it. */
export type ArgumentProblem =
  | (Base & { kind: "unknown-argument"; className: string; signature: ClassSignature; argument: string; didYouMean?: string })
  | (Base & { kind: "missing-argument"; className: string; signature: ClassSignature; argument: string; exception: string; didYouMean?: string })
  | (Base & { kind: "missing-key"; where: string; key: string; didYouMean?: string; when?: string; example?: string; exception?: string; suggestion?: string })
  | (Base & { kind: "missing-keys"; where: string; keys: { key: string; example: string }[]; when: string })
  /** `versionDependent`: what PaddleClas does depends on the Paddle version; a warning. */
  | (Base & { kind: "bad-value"; value: string; exception: string; when: string; suggestion: string; versionDependent?: true })
  /** A dataset's operators that do not start by decoding the image file's bytes (DecodeImage): every image fails. */
  | (Base & { kind: "undecoded"; value: string; when: string; suggestion: string })
  /** A value PaddleClas takes without complaint and trains wrongly with (`std: [0.229, null, 0.225]`: every image NaN). */
  /** `warning`: the run trains as written, but what it keeps or reports is not what the user means; a warning. */
  | (Base & { kind: "silent-value"; value: string; what: string; suggestion: string; warning?: true })
  /** Eval or Infer normalizing images unlike training (NormalizeImage's scale, mean or std): a warning. */
  | (Base & { kind: "normalize-mismatch"; value: string; train: string; reads: string; suggestion: string })
  | (Base & { kind: "unknown-class"; family: Family; name: string; exception: string; didYouMean?: string })
  | (Base & { kind: "always-raises"; className: string; signature: ClassSignature })
  | (Base & { kind: "not-a-list"; family: Family; value: string })
  | (Base & { kind: "entry-shape"; family: Family; keys: string[]; value: string })
  | (Base & { kind: "not-a-mapping"; value: string; exception: string });

type Mapping = Record<string, unknown>;

const isMapping = (value: unknown): value is Mapping => value !== null && typeof value === "object" && !Array.isArray(value);

/** How near a name must be to be suggested: one edit for short names, up to three for long ones. */
const near = (candidates: Iterable<string>, key: string): string | undefined => closestName(candidates, key);

/** A value as a message shows it: `None`, `a list`, `'text'`. */
function shown(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (isMapping(value)) return "a mapping";
  return typeof value === "string" ? `'${value}'` : pyValue(value);
}

/** The value at `path` as a message shows it, numbers as written: `64.0` and `[224.0, 224]` (JavaScript reads 64.0 as 64). */
function shownAt(config: PpclsConfig, path: KeyPath): string {
  const value = config.get(path);
  if (Array.isArray(value) && value.every((v) => typeof v === "number" || typeof v === "string" || typeof v === "boolean" || v === null)) return `[${value.map((_, k) => config.written([...path, k])).join(", ")}]`;
  return config.isFloat(path) ? config.written(path) : shown(value);
}

/** Whether Python computes with the value as a number: an int, a float or a bool (True is 1). */
const isNumber = (v: unknown): v is number | boolean => typeof v === "number" || typeof v === "boolean";

/** Whether the value at `path` is a Python int (`type(v) is int`): not a float written `64.0`, not a bool. */
const isPyInt = (config: PpclsConfig, path: KeyPath): boolean => {
  const value = config.get(path);
  return typeof value === "number" && Number.isInteger(value) && !config.isFloat(path);
};

/**
 * Every argument problem of the config: DataLoader.{Train,Eval}.{dataset,
 * sampler,loader}, Loss.{Train,Eval} and Metric.{Train,Eval}, as
 * PaddleClas's build_dataloader, CombinedLoss and CombinedMetrics meet them.
 */
export function argumentProblems(config: PpclsConfig): ArgumentProblem[] {
  const out: ArgumentProblem[] = [];
  // With DALI on a CUDA build, PaddleClas builds its own pipeline from the DataLoader section.
  const dali = truthy(config.get(["Global", "use_dali"]));
  const retrieval = config.get(["Global", "eval_mode"]) === "retrieval";
  for (const split of ["Train", "Eval"] as const) {
    const section = ["DataLoader", split];
    // In retrieval mode DataLoader.Eval holds Gallery and Query loaders.
    if (!dali && !(split === "Eval" && retrieval) && isMapping(config.get(section))) checkLoader(config, section, out);
    checkList(config, "loss", ["Loss", split], out);
    checkList(config, "metric", ["Metric", split], out);
  }
  if (!dali) out.push(...normalizeMismatches(config, retrieval));
  return out;
}

/** One NormalizeImage's values as its constructor sets them (operators.py:573-590), or undefined when one is not a plain number. */
interface Normalization {
  scale: number;
  mean: number[];
  std: number[];
}
const DEFAULT_NORMALIZATION: Normalization = { scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };

/** The first NormalizeImage of an operator list: where it is and what it does (undefined when a value is not a plain number); `null` for a list without one. */
function normalizationOf(list: unknown, at: KeyPath): { at: KeyPath; values: Normalization | undefined } | null {
  if (!Array.isArray(list)) return null;
  const i = list.findIndex((entry) => isMapping(entry) && Object.keys(entry).length === 1 && Object.hasOwn(entry, "NormalizeImage"));
  if (i < 0) return null;
  const options = (list[i] as Mapping)["NormalizeImage"];
  const entryAt = [...at, i, "NormalizeImage"];
  if (options !== null && !isMapping(options)) return { at: entryAt, values: undefined };
  const o = (options ?? {}) as Mapping;
  const three = (v: unknown, fallback: number[]): number[] | undefined => {
    if (v === undefined || v === null) return fallback;
    const flat = flatValues(v);
    if (flat === undefined || flat.length !== 3) return undefined;
    const numbers = flat.map((x) => (typeof x === "number" ? x : typeof x === "string" ? (floatOf(x) ?? NaN) : NaN));
    return numbers.every(Number.isFinite) ? numbers : undefined;
  };
  let scale: number | undefined;
  const raw = o["scale"];
  if (raw === undefined || raw === null) scale = DEFAULT_NORMALIZATION.scale;
  else if (typeof raw === "number") scale = raw;
  else if (typeof raw === "string") {
    try {
      const evaluated = pythonEval(raw);
      scale = evaluated !== undefined && typeof evaluated.value === "number" ? evaluated.value : undefined;
    } catch {
      scale = undefined;
    }
  }
  const mean = three(o["mean"], DEFAULT_NORMALIZATION.mean);
  const std = three(o["std"], DEFAULT_NORMALIZATION.std);
  return { at: entryAt, values: scale !== undefined && mean !== undefined && std !== undefined ? { scale, mean, std } : undefined };
}

const sameNumber = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-4 * Math.max(Math.abs(a), Math.abs(b), 1e-12);
const normalizationText = (n: Normalization): string => `scale ${Number(n.scale.toPrecision(6))}, mean [${n.mean.join(", ")}], std [${n.std.join(", ")}]`;

/**
 * Evaluation and inference that normalize images unlike training: every one of PaddleClas's 452
 * configs with NormalizeImage in both splits gives Train and Eval the same values (to 1e-4; a few
 * write the scale 0.00392157 in one place and 1.0/255.0 in another). The Eval metrics, and the
 * best model PaddleClas keeps by them, are then of pictures the model never trained on, and
 * tools/infer.py predicts on such pictures: no error says so.
 */
function normalizeMismatches(config: PpclsConfig, retrieval: boolean): ArgumentProblem[] {
  const trainAt: KeyPath = ["DataLoader", "Train", "dataset", "transform_ops"];
  if (!Array.isArray(config.get(trainAt))) return [];
  const train = normalizationOf(config.get(trainAt), trainAt);
  // Both normalize with values known and usable (a scale of 0 or a std of 0 is a finding of its own).
  const usable = (n: Normalization | undefined): n is Normalization => n !== undefined && n.scale !== 0 && n.std.every((v) => v !== 0);
  if (!usable(train?.values)) return [];
  const others: [KeyPath, string][] = [];
  if (!retrieval) others.push([["DataLoader", "Eval", "dataset", "transform_ops"], "the Eval metrics, and the best model PaddleClas keeps by them, are of pictures the model was not trained on"]);
  others.push([["Infer", "transforms"], "tools/infer.py predicts on pictures the model was not trained on"]);
  const out: ArgumentProblem[] = [];
  for (const [at, consequence] of others) {
    const list = config.get(at);
    if (!Array.isArray(list)) continue;
    const other = normalizationOf(list, at);
    const a = train!.values as Normalization;
    const b = other?.values;
    if (other === null || !usable(b)) continue;
    if (sameNumber(a.scale, b.scale) && a.mean.every((v, k) => sameNumber(v, b.mean[k]!)) && a.std.every((v, k) => sameNumber(v, b.std[k]!))) continue;
    out.push({
      kind: "normalize-mismatch",
      at: other.at,
      building: keyText(at.slice(0, -1)),
      value: normalizationText(b),
      train: normalizationText(a),
      reads: consequence,
      suggestion: `normalize as training does: NormalizeImage with scale: ${Number(a.scale.toPrecision(6))}, mean: [${a.mean.join(", ")}], std: [${a.std.join(", ")}]`,
    });
  }
  return out;
}

/** build_dataloader: `config[mode]['dataset']`, `['sampler']` and `['loader']` are each read (KeyError when missing). */
function checkLoader(config: PpclsConfig, section: KeyPath, out: ArgumentProblem[]): void {
  const building = keyText(section);
  for (const family of ["dataset", "sampler", "loader"] as const) {
    const at = [...section, family];
    if (!config.has(at)) {
      out.push({ kind: "missing-key", at: section, building, where: building, key: family });
      continue;
    }
    const value = config.get(at);
    if (!isMapping(value)) {
      out.push({ kind: "not-a-mapping", at, building, value: shown(value), exception: notMappingError(family, value) });
      continue;
    }
    const schema = schemaOf(family);
    if (family === "dataset") {
      checkOperators(config, value, at, building, out);
      out.push(...imageRootValueProblems(config, at, value, building));
    }
    if (family === "sampler") out.push(...samplerValueProblems(config, at, value, building));
    if (family === "loader") out.push(...loaderValueProblems(config, at, value, building));
    if (schema.validate(value)) continue;
    const name = value["name"];
    const signature = typeof name === "string" && family !== "loader" ? schema.classes.get(name) : undefined;
    for (const error of schema.validate.errors ?? []) {
      const problem = mappingProblem(error, { family, at, building, value, signature, className: String(name), classes: schema.classes });
      if (problem !== undefined) out.push(problem);
    }
  }
}

/**
 * The datasets whose `_load_anno` asserts `os.path.exists(self._img_root)` and
 * reads the list against it (PaddleClas d178931, ppcls/data/dataloader/):
 * multilabel_dataset.py:30, icartoon_dataset.py:26, logo_dataset.py:35,
 * multi_scale_dataset.py:59, vehicle_dataset.py:46. `MLClsDataset` is
 * PaddleX's name for MultiLabelDataset.
 */
export const ROOT_ASSERTED: Record<string, string> = {
  MultiLabelDataset: "ppcls/data/dataloader/multilabel_dataset.py:30",
  MLClsDataset: "ppcls/data/dataloader/multilabel_dataset.py:30",
  ICartoonDataset: "ppcls/data/dataloader/icartoon_dataset.py:26",
  LogoDataset: "ppcls/data/dataloader/logo_dataset.py:35",
  MultiScaleDataset: "ppcls/data/dataloader/multi_scale_dataset.py:59",
  CompCars: "ppcls/data/dataloader/vehicle_dataset.py:46",
};

/**
 * A root-asserting dataset's `image_root` that is not a folder's name, found without the disk:
 * `_load_anno` asserts `os.path.exists(image_root)` (None, a float or a list: TypeError in os.stat;
 * empty text: AssertionError) and joins it with each image path (an int or a bool passes the
 * assert as a file descriptor, then os.path.join raises TypeError). Both happen while the list
 * is loaded, when training starts.
 */
function imageRootValueProblems(config: PpclsConfig, at: KeyPath, value: Mapping, building: string): ArgumentProblem[] {
  const name = value["name"];
  if (typeof name !== "string" || !Object.hasOwn(ROOT_ASSERTED, name) || !Object.hasOwn(value, "image_root")) return [];
  const root = value["image_root"];
  if (typeof root === "string" && root.trim() !== "") return [];
  const where = [...at, "image_root"];
  const cite = ROOT_ASSERTED[name]!;
  // os.stat takes an int (a bool too) as a file descriptor: 0, 1 and 2 are open, any other may not be (exists is then False).
  const descriptor = typeof root === "boolean" || (typeof root === "number" && Number.isInteger(root) && !config.isFloat(where));
  const standard = typeof root === "boolean" || (descriptor && (root as number) >= 0 && (root as number) <= 2);
  const when =
    typeof root === "string"
      ? `while loading the list, when training starts (${name} asserts os.path.exists(image_root), and empty text is no path: ${cite})`
      : descriptor
        ? `while loading the list, when training starts (os.path.exists takes ${shownAt(config, where)} for a file descriptor${standard ? "" : ", False unless one is open by that number"}, then os.path.join(image_root, path) refuses it: ${cite.replace(/:\d+$/, "")})`
        : `while loading the list, when training starts (${name} asserts os.path.exists(image_root), which takes a path: ${cite})`;
  return [{ kind: "bad-value", at: where, building, value: shownAt(config, where), exception: typeof root === "string" ? "AssertionError" : descriptor && !standard ? "AssertionError or TypeError" : "TypeError", when, suggestion: "write the folder the list's image paths are relative to (`image_root: ./dataset/images/`), or `./` for paths relative to where PaddleClas runs" }];
}

/**
 * The batch samplers built by name with the config's keys (ppcls/data/__init__.py:133) whose values
 * reach paddle.io's asserts: paddle.io's own two, and PaddleClas's that hand them to one of them in
 * `super().__init__` (ppcls/data/dataloader/pk_sampler.py, ra_sampler.py, mix_sampler.py,
 * metabin_sampler.py), with the keys each hands on.
 */
const PADDLE_BATCH_SAMPLERS = new Map<string, { base?: string; keys: readonly string[] }>([
  ["BatchSampler", { keys: ["batch_size", "shuffle", "drop_last"] }],
  ["DistributedBatchSampler", { keys: ["batch_size", "shuffle", "drop_last"] }],
  ["PKSampler", { base: "DistributedBatchSampler", keys: ["batch_size", "shuffle", "drop_last"] }],
  ["RASampler", { base: "DistributedBatchSampler", keys: ["batch_size", "shuffle", "drop_last"] }],
  ["MixSampler", { base: "DistributedBatchSampler", keys: ["batch_size"] }],
  ["DomainShuffleBatchSampler", { base: "BatchSampler", keys: ["batch_size", "drop_last"] }],
]);
const BATCH_SAMPLER_SOURCE = "python/paddle/io/dataloader/batch_sampler.py";

/**
 * The values paddle.io's batch samplers assert when they are built, while training starts
 * (BatchSampler and DistributedBatchSampler, Paddle's python/paddle/io/dataloader/batch_sampler.py):
 * `isinstance(batch_size, int) and batch_size > 0` (64.0 and 0 fail, True is 1), and
 * `isinstance(shuffle, bool)`, `isinstance(drop_last, bool)` (0 and 1 fail). A sampler without a
 * name is one too: build_dataloader hands its batch_size, shuffle and drop_last to paddle.io.DataLoader
 * (ppcls/data/__init__.py:167), which compares `batch_size > 0` (TypeError on a string) and builds
 * a BatchSampler with them (python/paddle/io/reader.py); a batch_size of None builds none.
 */
function samplerValueProblems(config: PpclsConfig, at: KeyPath, value: Mapping, building: string): ArgumentProblem[] {
  const named = Object.hasOwn(value, "name");
  const name = value["name"];
  const known = typeof name === "string" ? PADDLE_BATCH_SAMPLERS.get(name) : undefined;
  if (named && known === undefined) return [];
  if (!named && Object.keys(value).length === 0) return [];
  if (!named && value["batch_size"] === null) {
    // DataLoader(batch_size=None) builds no batch sampler: samples come one by one, without a batch axis.
    return [
      {
        kind: "bad-value",
        at: [...at, "batch_size"],
        building,
        value: "None",
        exception: "ValueError",
        when: "at the first batch: paddle.io.DataLoader given batch_size None batches nothing (python/paddle/io/reader.py), so each image reaches the model alone, without a batch axis, and its first convolution wants a 4-D tensor (\"Input x should be 4D tensor\", python/paddle/nn/functional/conv.py)",
        suggestion: "write `batch_size: 64`, an int above 0",
      },
    ];
  }
  const checked = known?.keys ?? ["batch_size", "shuffle", "drop_last"];
  const sampler = !named
    ? "the paddle.io.BatchSampler that paddle.io.DataLoader builds with it (ppcls/data/__init__.py:167, python/paddle/io/reader.py)"
    : known?.base !== undefined
      ? `${String(name)} hands it to paddle.io.${known.base}, which`
      : `paddle.io.${String(name)}`;
  const out: ArgumentProblem[] = [];
  const batchSize = value["batch_size"];
  if (Object.hasOwn(value, "batch_size") && checked.includes("batch_size")) {
    // isinstance(batch_size, int): True is an int too.
    const int = typeof batchSize === "boolean" || isPyInt(config, [...at, "batch_size"]);
    if (!int || Number(batchSize) <= 0) {
      // The name-less path compares `batch_size > 0` in DataLoader first: anything but a number or a bool fails that comparison.
      const comparable = typeof batchSize === "number" || typeof batchSize === "boolean";
      const whole = typeof batchSize === "number" && Number.isInteger(batchSize) && batchSize > 0 ? batchSize : 64;
      out.push({
        kind: "bad-value",
        at: [...at, "batch_size"],
        building,
        value: shownAt(config, [...at, "batch_size"]),
        exception: !named && !comparable ? "TypeError" : "AssertionError",
        when: `when training starts: ${sampler} asserts batch_size is an int above 0 (${BATCH_SAMPLER_SOURCE})`,
        suggestion: `write \`batch_size: ${whole}\`, an int above 0`,
      });
    }
  }
  for (const key of ["shuffle", "drop_last"]) {
    if (!checked.includes(key) || !Object.hasOwn(value, key) || typeof value[key] === "boolean") continue;
    const meant = truthy(value[key]) ? "True" : "False";
    out.push({
      kind: "bad-value",
      at: [...at, key],
      building,
      value: shownAt(config, [...at, key]),
      exception: "AssertionError",
      when: `when training starts: ${sampler} asserts ${key} is a bool (${BATCH_SAMPLER_SOURCE})`,
      suggestion: `write \`${key}: ${meant}\` (True or False)`,
    });
  }
  return out;
}

/**
 * The loader's `num_workers` as paddle.io.DataLoader uses it (python/paddle/io/reader.py and
 * dataloader/dataloader_iter.py): `assert num_workers >= 0` when it is built (a negative number is an
 * AssertionError, a string or None a TypeError), and above 0 a multi-process iterator that counts its
 * workers with `range(num_workers)` at the first batch — 4.0 is a TypeError there (0.0 reads in one process).
 */
function loaderValueProblems(config: PpclsConfig, at: KeyPath, value: Mapping, building: string): ArgumentProblem[] {
  if (!Object.hasOwn(value, "num_workers")) return [];
  const workers = value["num_workers"];
  const where = [...at, "num_workers"];
  const number = typeof workers === "number" || typeof workers === "boolean";
  let problem: { exception: string; when: string } | undefined;
  if (!number) problem = { exception: "TypeError", when: "when training starts: paddle.io.DataLoader compares `num_workers >= 0` (python/paddle/io/reader.py)" };
  else if (Number(workers) < 0) problem = { exception: "AssertionError", when: "when training starts: paddle.io.DataLoader asserts num_workers >= 0 (python/paddle/io/reader.py)" };
  else if (typeof workers === "number" && !isPyInt(config, where) && workers !== 0)
    problem = { exception: "TypeError", when: "at the first batch: paddle.io.DataLoader's multi-process iterator starts its workers with range(num_workers), which takes no float (python/paddle/io/dataloader/dataloader_iter.py)" };
  if (problem === undefined) return [];
  const whole = typeof workers === "number" && workers > 0 ? Math.max(1, Math.trunc(workers)) : 4;
  return [{ kind: "bad-value", at: where, building, value: shownAt(config, where), ...problem, suggestion: `write \`num_workers: ${whole}\` (an int; 0 loads in the training process)` }];
}

/**
 * What build_dataloader raises on a dataset, sampler or loader that is not a
 * mapping: the dataset meets `.pop('name')`; a sampler is tested for truth and
 * for `"name" in it`, then popped or subscripted; the loader is subscripted.
 */
function notMappingError(family: "dataset" | "sampler" | "loader", value: unknown): string {
  const pops = family === "dataset" || (family === "sampler" && (!truthy(value) || (typeof value === "string" && value.includes("name"))));
  // list.pop('name') wants an index: TypeError; anything else without .pop: AttributeError.
  return pops && !Array.isArray(value) ? "AttributeError" : "TypeError";
}

interface MappingContext {
  family: Family;
  at: KeyPath;
  building: string;
  value: Mapping;
  signature: ClassSignature | undefined;
  className: string;
  classes: ReadonlyMap<string, ClassSignature>;
}

/** An ajv error on a dataset, sampler or loader mapping, as the problem PaddleClas has with it. */
function mappingProblem(error: ErrorObject, c: MappingContext): ArgumentProblem | undefined {
  const params = error.params as Record<string, unknown>;
  const given = Object.keys(c.value);
  if (error.keyword === "required") {
    const key = String(params["missingProperty"]);
    if (c.signature !== undefined) {
      const unknown = given.filter((k) => !c.signature!.takes.includes(k) && k !== "name");
      return { kind: "missing-argument", at: [...c.at, "name"], building: c.building, className: c.className, signature: c.signature, argument: key, exception: "TypeError", ...hint(near(unknown, key)) };
    }
    // The mapping itself is read with config[…]["key"]: the dataset's and sampler's name, a name-less sampler's and the loader's keys.
    return { kind: "missing-key", at: c.at, building: c.building, where: keyText(c.at), key, ...hint(near(given, key)) };
  }
  if (error.keyword === "enum" && error.instancePath === "/name") {
    const name = c.value["name"];
    return {
      kind: "unknown-class",
      at: [...c.at, "name"],
      building: c.building,
      family: c.family,
      name: String(pyValue(name)),
      exception: evalError(name),
      ...hint(typeof name === "string" ? near(c.classes.keys(), name) : undefined),
    };
  }
  if (error.keyword === "additionalProperties" && c.signature !== undefined) {
    const argument = String(params["additionalProperty"]);
    return unknownArgument([...c.at, argument], c.building, c.className, c.signature, argument, given);
  }
  return undefined;
}

/** `alsoMeant`: keys PaddleClas reads itself, suggested when no parameter is near (`clipnorm` for the optimizer's `clip_norm`). */
function unknownArgument(at: KeyPath, building: string, className: string, signature: ClassSignature, argument: string, given: string[], alsoMeant: string[] = []): ArgumentProblem {
  const free = (keys: string[]) => keys.filter((t) => !given.includes(t));
  return { kind: "unknown-argument", at, building, className, signature, argument, ...hint(near(free(signature.takes), argument) ?? near(free(alsoMeant), argument)) };
}

const hint = (didYouMean: string | undefined): { didYouMean?: string } => (didYouMean !== undefined ? { didYouMean } : {});

/**
 * CombinedLoss / CombinedMetrics: a list of one-key entries, `- Name: {…}`.
 * An absent list builds nothing; so does a null or empty Metric.Train (the
 * engine tests it for truth), but a null Metric.Eval goes to CombinedMetrics.
 */
function checkList(config: PpclsConfig, family: "loss" | "metric", at: KeyPath, out: ArgumentProblem[]): void {
  if (!config.has(at)) return;
  const building = keyText(at);
  const list = config.get(at);
  const builtWhenEmpty = family === "metric" && at[1] === "Eval";
  if (list === null && !builtWhenEmpty) return;
  if (family === "metric" && !builtWhenEmpty && !truthy(list)) return;
  if (!Array.isArray(list)) {
    out.push({ kind: "not-a-list", at, building, family, value: shown(list) });
    return;
  }
  checkEntries(family, list, at, building, out);
  list.forEach((entry: unknown, i) => entryValueProblems(config, family, entry, [...at, i], building, at[1] === "Eval", out));
  if (family === "loss") out.push(...lossWeightProblems(config, at, building));
}

/** The losses that train on the labels as targets (the others compare models' outputs, or are reported as single-label). */
const LABEL_LOSSES = new Set(["MultiLabelLoss", "DistillationMultiLabelLoss", "MultiLabelAsymmetricLoss"]);

/**
 * The losses' `weight`s, which CombinedLoss pops from every entry but multiplies in only when the list holds
 * more than one loss (`loss[key] * weight`; one loss is taken as it is: ppcls/loss/__init__.py:63-82): text or
 * None there fails at the first batch, and in training a negative weight makes the optimizer climb that loss, and a
 * weight of 0 leaves it out (an error when it was the only loss that trains on the labels, else a warning).
 */
function lossWeightProblems(config: PpclsConfig, at: KeyPath, building: string): ArgumentProblem[] {
  const all = config.components(at);
  if (all.length < 2) return [];
  const losses = all.filter((loss) => Object.hasOwn(loss.options, "weight"));
  const out: ArgumentProblem[] = [];
  const firstUse = at[1] === "Eval" ? "at the first evaluation" : "at the first batch";
  const scores = (loss: Component) => LABEL_LOSSES.has(loss.name) && !(loss.name === "DistillationMultiLabelLoss" && Array.isArray(loss.options["model_names"]) && (loss.options["model_names"] as unknown[]).length === 0);
  // A label loss whose weight lets it count (True is 1).
  const trains = (loss: Component) => scores(loss) && (loss.options["weight"] === true || (typeof loss.options["weight"] === "number" && loss.options["weight"] > 0));
  for (const loss of losses) {
    const weight = loss.options["weight"];
    const weightAt = [...loss.at, "weight"];
    const why = `CombinedLoss multiplies each loss of a list of several by its weight (\`loss[key] * weight\`, ppcls/loss/__init__.py:80)`;
    if (weight === null || typeof weight === "string" || typeof weight === "object") {
      // Paddle's Tensor.__mul__ makes anything but a number or a Tensor a Scalar, which refuses it (InvalidArgument).
      out.push({ kind: "bad-value", at: weightAt, building, value: shownAt(config, weightAt), exception: "ValueError", when: `${firstUse}: ${why}, and Paddle multiplies a loss only by a number or a Tensor (CastPyArg2Scalar in Tensor.__mul__, paddle/fluid/pybind/eager_math_op_patch.cc)${exponentHint(weight)}`, suggestion: `write \`weight: ${floatForm(weight) ?? "1.0"}\`` });
    } else if (at[1] === "Eval") {
      // Evaluation's loss is only logged: its weights change no model.
      continue;
    } else if (typeof weight === "number" && weight < 0) {
      out.push({ kind: "silent-value", at: weightAt, building, value: shownAt(config, weightAt), what: `${why}: a negative weight turns ${loss.name} upside down, and the optimizer makes it larger at every step instead of smaller`, suggestion: `write \`weight: ${-weight}\`, or remove the loss` });
    } else if (weight === 0 || weight === false) {
      const alone = scores(loss) && !losses.some((other) => other !== loss && trains(other));
      out.push({ kind: "silent-value", at: weightAt, building, value: shownAt(config, weightAt), what: `${why}: a weight of 0 leaves ${loss.name} out${alone ? `, and no other loss of ${keyText(at)} trains on the labels, so the labels never reach training` : ""}`, suggestion: alone ? "write `weight: 1.0`" : "write a weight above 0, or remove the loss", ...(alone ? {} : { warning: true as const }) });
    }
  }
  return out;
}

/** One `- Name: {…}` entry of a loss or metric list, as its value checks see it. */
interface EntryValues {
  config: PpclsConfig;
  name: string;
  options: Mapping;
  /** Where the entry's mapping is: `[...list, i, Name]`. */
  at: KeyPath;
  evaluation: boolean;
  given: (key: string) => boolean;
  /** A bad value at `key`, with the float form of an exponent PyYAML left as text. */
  bad: (key: string, exception: string, when: string, suggestion: string) => void;
  /** When a value used on each batch first fails: the first batch, or the first evaluation for an Eval list. */
  firstUse: string;
  /** A value nothing raises on that trains something other than what is written. */
  silent: (key: string, what: string, suggestion: string) => void;
}

/**
 * The values of a loss's or a metric's entry, which PaddleClas hands over as PyYAML made them: the
 * arguments sit in a list, so no literal_eval, and `1e-1` is text there.
 */
function entryValueProblems(config: PpclsConfig, family: "loss" | "metric", entry: unknown, at: KeyPath, building: string, evaluation: boolean, out: ArgumentProblem[]): void {
  if (!isMapping(entry) || Object.keys(entry).length !== 1) return;
  const [name, options] = Object.entries(entry)[0]!;
  if (!isMapping(options)) return;
  const badValue = badValues(config, [...at, name], building, out);
  const values: EntryValues = {
    config,
    name,
    options,
    at: [...at, name],
    evaluation,
    given: (key) => Object.hasOwn(options, key),
    bad: (key, exception, when, suggestion) => badValue(key, exception, `${when}${exponentHint(options[key])}`, suggestion),
    firstUse: evaluation ? "at the first evaluation" : "at the first batch",
    silent: (key, what, suggestion) => out.push({ kind: "silent-value", at: [...at, name, key], building, value: shownAt(config, [...at, name, key]), what, suggestion }),
  };
  if (family === "loss") lossValueProblems(values);
  else metricValueProblems(values);
}

const METRICS_SOURCE = "ppcls/metric/metrics.py";
/**
 * The multi-label metrics' own values, handed over as PyYAML made them (a metric's arguments sit in
 * a list: no literal_eval, so `threshold: 1e-1` is text): AccuracyScore and MultiLabelMAP assert
 * their `base` and `map_type` when built; ATTRMetric compares the scores with its `threshold` at
 * each evaluation batch; MultilabelMeanAccuracy steps `range(num_iterations)` thresholds between
 * its two when it reports (ppcls/metric/metrics.py).
 */
function metricValueProblems({ config, name, options, at, evaluation, given, bad, firstUse }: EntryValues): void {
  if (name === "AccuracyScore" && given("base") && !["sample", "label"].includes(options["base"] as string)) {
    bad("base", "AssertionError", `when training starts (AccuracyScore asserts base in ["sample", "label"] when it is built: ${METRICS_SOURCE}:434)`, "write `base: label` (accuracy over every label) or `base: sample` (rows whose labels all match)");
  }
  if (name === "MultiLabelMAP" && given("map_type") && !["11point", "integral"].includes(options["map_type"] as string)) {
    bad("map_type", "AssertionError", `when training starts (MultiLabelMAP asserts map_type in ['11point', 'integral'] when it is built: ${METRICS_SOURCE}:536)`, "write `map_type: integral` (or 11point)");
  }
  if (name === "ATTRMetric" && given("threshold") && !isNumber(options["threshold"]) && !(Array.isArray(options["threshold"]) && options["threshold"].every(isNumber))) {
    bad("threshold", "TypeError", `${firstUse} (ATTRMetric compares each score with threshold: ${METRICS_SOURCE}:466)`, `write \`threshold: ${floatForm(options["threshold"]) ?? "0.5"}\``);
  }
  // Its avg_info (evaluation's report) uses the thresholds; training's log reads only the meters.
  if (name === "MultilabelMeanAccuracy" && evaluation) {
    for (const key of ["start_threshold", "end_threshold"]) {
      if (given(key) && !isNumber(options[key])) bad(key, "TypeError", `at the end of the first evaluation (MultilabelMeanAccuracy steps thresholds between start_threshold and end_threshold when it reports: ${METRICS_SOURCE}:259-261)`, `write \`${key}: ${floatForm(options[key]) ?? (key === "start_threshold" ? "0.4" : "0.9")}\``);
    }
    if (given("num_iterations") && !isPyInt(config, [...at, "num_iterations"]) && typeof options["num_iterations"] !== "boolean") {
      bad("num_iterations", "TypeError", `at the end of the first evaluation (MultilabelMeanAccuracy steps range(num_iterations), which takes an int: ${METRICS_SOURCE}:259)`, "write `num_iterations: 10` (an int)");
    }
  }
}

const LOSS_SOURCE = "ppcls/loss/multilabelloss.py";
/** `1e-3` as PyYAML leaves it in a list: text, with the float form it needs. */
function exponentHint(value: unknown): string {
  const float = floatForm(value);
  return float === undefined ? "" : ` (PyYAML reads ${(value as string).trim()} as text, and PaddleClas makes text a number only outside lists; write ${float}, with a dot and a signed exponent, or a decimal)`;
}

/** The float PyYAML reads for text written like `1e-3` (`1.0e-3`); undefined for other values. */
function floatForm(value: unknown): string | undefined {
  return typeof value === "string" && /^[-+]?(?:\d[\d_]*)?\.?\d*[eE][-+]?\d+$/.test(value.trim()) ? exponentForm(value.trim()) : undefined;
}

/**
 * The multi-label losses' own values, which PaddleClas hands over as YAML made them (a loss's
 * arguments sit in a list: no literal_eval): MultiLabelLoss compares `epsilon` with 0 when it is
 * built; MultiLabelAsymmetricLoss asserts its `reduction`, and computes with `gamma_pos`,
 * `gamma_neg` and a true `clip` at each batch (ppcls/loss/multilabelloss.py).
 */
function lossValueProblems({ name, options, given, bad, firstUse, silent }: EntryValues): void {
  if (name === "MultiLabelLoss" && given("epsilon") && options["epsilon"] !== null && !isNumber(options["epsilon"])) {
    bad("epsilon", "TypeError", `when training starts (MultiLabelLoss compares epsilon with 0 when it is built: ${LOSS_SOURCE}:24)`, "write `epsilon: 0.1` (label smoothing), or remove it");
  }
  if (name === "MultiLabelAsymmetricLoss") {
    // The focusing weight is (1 - pt) ** gamma (pt: the probability of the right answer, which the clip makes exactly 1 for a
    // negative predicted below clip): a negative gamma makes 0 ** gamma infinite there, and -log(1) × inf is NaN.
    const clip = options["clip"];
    const clipped = !given("clip") || (isNumber(clip) && Number(clip) > 0);
    for (const key of ["gamma_pos", "gamma_neg"]) {
      if (given(key) && !isNumber(options[key])) bad(key, "TypeError", `${firstUse} (MultiLabelAsymmetricLoss multiplies the targets by it: ${LOSS_SOURCE}:107-109)`, `write \`${key}: ${key === "gamma_pos" ? 1 : 4}\` (a number)`);
      else if (given(key) && Number(options[key]) < 0) {
        const reaches = key === "gamma_neg" ? (clipped ? "a negative class's probability falls to clip (the clip then makes its pt exactly 1)" : undefined) : "a positive class's probability rounds to 1 in float32 (a logit above about 17)";
        if (reaches !== undefined) silent(key, `MultiLabelAsymmetricLoss weighs each class by (1 - pt) ** ${key}, and once ${reaches}, 0 ** ${options[key]} is infinite and the loss NaN, in the middle of training (${LOSS_SOURCE}:107-113)`, `write \`${key}: ${key === "gamma_pos" ? 1 : 4}\` (0 or more; 0 for no focusing)`);
      }
    }
    // pt = (1 - p + clip).clip(max=1) for a negative: a clip of 1 or more (True is 1) makes every negative's pt 1, its loss 0.
    if (given("clip") && isNumber(clip) && Number(clip) >= 1) {
      silent("clip", `MultiLabelAsymmetricLoss shifts a negative class's probability by clip and caps it at 1 (pt = (1 - p + clip).clip(max=1)), so with a clip of 1 or more every negative's pt is exactly 1 and its loss 0: the loss never teaches the model that a class is absent, and it learns to call every class present (${LOSS_SOURCE}:98-100)`, "write `clip: 0.05` (the probability below which a negative is ignored), or `clip: 0` for none");
    } else if (given("clip") && truthy(clip) && !isNumber(clip)) {
      bad("clip", "TypeError", `${firstUse} (MultiLabelAsymmetricLoss compares clip with 0: ${LOSS_SOURCE}:98)`, "write `clip: 0.05` (a number), or `clip: 0` for none");
    }
    // pt.clip(min=epsilon): None keeps Paddle's own floor; text reaches its C++ clip, which takes a number (InvalidArgument: ValueError).
    if (given("epsilon") && options["epsilon"] !== null && !isNumber(options["epsilon"])) {
      bad("epsilon", "ValueError", `${firstUse} (MultiLabelAsymmetricLoss clips the probabilities at epsilon before the log, and Paddle's clip takes a number: ${LOSS_SOURCE}:113)`, `write \`epsilon: ${floatForm(options["epsilon"]) ?? "1.0e-8"}\``);
    }
    const reduction = options["reduction"];
    if (given("reduction") && !(typeof reduction === "string" && ["mean", "sum", "none"].includes(reduction))) {
      bad("reduction", "AssertionError", `when training starts (MultiLabelAsymmetricLoss asserts reduction in ["mean", "sum", "none"] when it is built: ${LOSS_SOURCE}:88)`, "write `reduction: sum` (or mean, or none)");
    }
  }
}

/** How the entries of a list are looked up and called, when it is not `eval(name)(**args)` (the losses' and metrics'). */
interface EntryOptions {
  /** What looking a name up raises when the namespace lacks it. */
  lookupError?: (name: string) => string;
  /** What PaddleClas adds to an entry's arguments before the call (the batch create_operators' class_num). */
  passed?: (signature: ClassSignature) => Mapping | undefined;
}

/** The `- Name: {…}` entries of a list, each checked against its class's constructor. */
function checkEntries(family: "loss" | "metric" | "transform", list: unknown[], at: KeyPath, building: string, out: ArgumentProblem[], how: EntryOptions = {}): void {
  const lookupError = how.lookupError ?? evalError;
  const schema = schemaOf(family);
  // What each constructor receives: a loss's missing mapping fails `'weight' in param`, a metric's is a call without arguments.
  const nullOptions = new Set<number>();
  const updated = new Set<number>();
  const entries = list.map((entry: unknown, i) => {
    if (!isMapping(entry) || Object.keys(entry).length !== 1) return entry;
    const [name, options] = Object.entries(entry)[0]!;
    const signature = schema.classes.get(name);
    const passed = signature !== undefined ? how.passed?.(signature) : undefined;
    if (passed !== undefined) updated.add(i);
    if (options !== null) return passed !== undefined && isMapping(options) ? { [name]: { ...options, ...passed } } : entry;
    nullOptions.add(i);
    return { [name]: { ...passed } };
  });
  entries.forEach((entry: unknown, i) => {
    if (!isMapping(entry) || Object.keys(entry).length !== 1) return;
    const name = Object.keys(entry)[0]!;
    const signature = schema.classes.get(name);
    if (signature?.raises !== undefined) out.push({ kind: "always-raises", at: [...at, i, name], building, className: name, signature });
  });
  const valid: boolean = schema.validate(entries);
  if (valid) return;
  const shapeless = new Set<string>();
  for (const error of schema.validate.errors ?? []) {
    const [index, name, ...rest] = error.instancePath.split("/").slice(1);
    if (index === undefined || rest.length > 0) continue;
    const i = Number(index);
    const entry = entries[i] as unknown;
    const entryAt = [...at, i];
    const params = error.params as Record<string, unknown>;
    if (name === undefined) {
      if (shapeless.has(index)) continue;
      if (error.keyword === "type" || error.keyword === "minProperties" || error.keyword === "maxProperties") {
        shapeless.add(index);
        out.push({ kind: "entry-shape", at: entryAt, building, family, keys: isMapping(entry) ? Object.keys(entry) : [], value: shown(entry) });
      } else if (error.keyword === "additionalProperties" && isMapping(entry) && Object.keys(entry).length === 1) {
        const unknown = String(params["additionalProperty"]);
        out.push({ kind: "unknown-class", at: [...entryAt, unknown], building, family, name: unknown, exception: lookupError(unknown), ...hint(near(schema.classes.keys(), unknown)) });
      }
      continue;
    }
    // An entry of the wrong shape is one finding, reported above: nothing inside it is built.
    if (!isMapping(entry) || Object.keys(entry).length !== 1) continue;
    const signature = schema.classes.get(name);
    if (signature === undefined) continue;
    const options = entry[name];
    const optionsAt = [...entryAt, name];
    if (error.keyword === "type") {
      // `'weight' in param` on a list or string is False (AssertionError); on a number, TypeError; metrics: `**params` needs a mapping.
      // The batch create_operators calls param.update({"class_num": …}) first: AttributeError on anything but a mapping.
      const exception = updated.has(i) ? "AttributeError" : family === "loss" && (Array.isArray(options) || typeof options === "string") ? "AssertionError" : "TypeError";
      out.push({ kind: "not-a-mapping", at: optionsAt, building, value: shown(options), exception });
    } else if (error.keyword === "required" && isMapping(options)) {
      const argument = String(params["missingProperty"]);
      const unknown = Object.keys(options).filter((k) => !signature.takes.includes(k) && k !== "weight");
      // CombinedLoss asserts `weight` before it builds the loss; on a missing mapping the `in` test itself fails.
      const exception = family === "loss" && argument === "weight" ? (nullOptions.has(i) ? "TypeError" : "AssertionError") : "TypeError";
      out.push({ kind: "missing-argument", at: optionsAt, building, className: name, signature, argument, exception, ...hint(near(unknown, argument)) });
    } else if (error.keyword === "additionalProperties" && isMapping(options)) {
      const argument = String(params["additionalProperty"]);
      out.push(unknownArgument([...optionsAt, argument], building, name, signature, argument, Object.keys(options)));
    }
  }
}

/** Where create_operators runs and what it asserts, as schemas/ppcls/transforms.schema.json records it. */
interface TransformFacts {
  namespace: string;
  reads: Record<"none" | "list" | "entry" | "call", SourceLine>;
  batch: Record<"pop" | "isList" | "create" | "list" | "entry" | "lookup" | "classNum" | "call", SourceLine>;
  /** Dataset name -> its constructor parameters that reach common_dataset.create_operators in __init__. */
  datasets: Record<string, Record<string, SourceLine & { guarded: boolean }>>;
  /** Names the namespace binds that are not operators (modules, functions): getattr finds them, the call raises TypeError. */
  notOperators: string[];
}

let transformFacts: TransformFacts | undefined;
/** The facts about where operators are built (the x-ppcls of the transforms schema). */
export function transformSchema(): TransformFacts {
  transformFacts ??= schemaFile<{ "x-ppcls": TransformFacts }>("ppcls/transforms.schema.json")["x-ppcls"];
  return transformFacts;
}

/**
 * A dataset's operator lists: its transform_ops (and the other parameters its
 * __init__ hands to common_dataset.create_operators) and batch_transform_ops,
 * which build_dataloader pops and builds, when it is a list, with a
 * create_operators that fills in class_num. Each entry is
 * `getattr(ppcls.data.preprocess, Name)(**args)`.
 */
function checkOperators(config: PpclsConfig, dataset: Mapping, at: KeyPath, building: string, out: ArgumentProblem[]): void {
  const facts = transformSchema();
  const lookupError = (name: string): string => (facts.notOperators.includes(name) ? "TypeError" : "AttributeError");
  const name = dataset["name"];
  const lists = typeof name === "string" && Object.hasOwn(facts.datasets, name) ? facts.datasets[name]! : {};
  // MultiLabelDataset or ImageNetDataset (by any of their names): they transpose the operators' result themselves.
  const cls = typeof name === "string" ? datasetClass(name) : undefined;
  const hwc = cls !== undefined && HWC_DATASETS.has(cls) ? cls : undefined;
  for (const [param, site] of Object.entries(lists)) {
    if (!Object.hasOwn(dataset, param)) continue;
    const list = dataset[param];
    // create_operators returns None for None; an `if transform_ops:` guard skips any false value.
    if (list === null || (site.guarded && !truthy(list))) continue;
    if (!Array.isArray(list)) {
      out.push({ kind: "not-a-list", at: [...at, param], building, family: "transform", value: shown(list) });
      continue;
    }
    checkEntries("transform", list, [...at, param], building, out, { lookupError });
    if (param === "transform_ops") {
      list.forEach((entry: unknown, i) => out.push(...operatorValueProblems(config, entry, [...at, param, i], building)));
      if (hwc !== undefined) out.push(...layoutProblems(list, [...at, param], building, hwc));
    }
  }
  if (hwc !== undefined) {
    const decoding = undecodedProblem(dataset["transform_ops"], Object.hasOwn(dataset, "transform_ops") ? [...at, "transform_ops"] : [...at, "name"], building, hwc);
    if (decoding !== undefined) out.push(decoding);
  }
  const batch = dataset["batch_transform_ops"];
  // build_dataloader builds batch operators only from a list (anything else: none, silently).
  if (!Array.isArray(batch)) return;
  checkEntries("transform", batch, [...at, "batch_transform_ops"], building, out, { lookupError, passed: (s) => (s.classNum === true ? { class_num: null } : undefined) });
  batch.forEach((entry: unknown, i) => {
    if (!isMapping(entry) || Object.keys(entry).length !== 1) return;
    const [name, options] = Object.entries(entry)[0]!;
    const entryAt = [...at, "batch_transform_ops", i, name];
    out.push(...mixerValueProblems(config, name, options === null ? {} : options, entryAt, building));
    if (name === "OpSampler" && isMapping(options)) out.push(...opSamplerProblems(config, options, entryAt, building));
  });
}

/**
 * What the batch operators' constructors raise on (batch_operators.py): MixupOperator and CutmixOperator
 * on `alpha <= 0` (Exception; TypeError when alpha is not a number), and these, FmixOperator and OpSampler
 * on `not class_num`, the `class_num` build_dataloader passes: Arch's (engine.py:126-127, Global's copied
 * in when Arch has none), None when the config has neither. `classNumChecked`: an operator OpSampler
 * builds, after its own check of class_num.
 */
function mixerValueProblems(config: PpclsConfig, name: string, options: unknown, at: KeyPath, building: string, classNumChecked = false): ArgumentProblem[] {
  if (!Object.hasOwn(MIXER_LINES, name) || !isMapping(options)) return [];
  const out: ArgumentProblem[] = [];
  const line = MIXER_LINES[name]!;
  if (line.alpha !== undefined && Object.hasOwn(options, "alpha")) {
    const alpha = options["alpha"];
    const number = typeof alpha === "number" || typeof alpha === "boolean";
    if (!number || Number(alpha) <= 0) {
      out.push({
        kind: "bad-value",
        at: [...at, "alpha"],
        building,
        value: shownAt(config, [...at, "alpha"]),
        exception: number ? "Exception" : "TypeError",
        when: `while building ${building}, before training starts: ${name} ${number ? `raises 'Parameter "alpha" … should be greater than 0'` : "compares `alpha <= 0`, which needs a number"} (${BATCH_OPERATORS_SOURCE}:${line.alpha})`,
        suggestion: `write \`alpha: ${name === "MixupOperator" ? "0.2" : "1.0"}\` (the Beta distribution's parameter, above 0)`,
      });
    }
  }
  const classNum = config.has(["Arch", "class_num"]) ? config.get(["Arch", "class_num"]) : config.has(["Global", "class_num"]) ? config.get(["Global", "class_num"]) : null;
  if (classNum === null && !classNumChecked) {
    out.push({
      kind: "bad-value",
      at,
      building,
      value: "built without a class_num",
      exception: "Exception",
      when: `while building ${building}, before training starts: the config has no \`Arch.class_num\`, so build_dataloader passes None, and ${name} raises 'Please set "Arch.class_num" in config if use "${name}".' (${BATCH_OPERATORS_SOURCE}:${line.classNum})`,
      suggestion: "set `class_num` under Arch to the number of classes (the lists' width)",
    });
  }
  return out;
}

/** Where each batch operator checks its alpha and its class_num (PaddleClas d178931, batch_operators.py). */
const MIXER_LINES: Readonly<Record<string, { alpha?: number; classNum: number }>> = {
  MixupOperator: { alpha: 77, classNum: 81 },
  CutmixOperator: { alpha: 113, classNum: 117 },
  FmixOperator: { classNum: 169 },
  OpSampler: { classNum: 200 },
};

const BATCH_OPERATORS_SOURCE = "ppcls/data/preprocess/batch_ops/batch_operators.py";
/** The batch operators OpSampler can draw: the classes its module defines (`eval(op_name)` looks the name up there). */
const DRAWABLE = ["MixupOperator", "CutmixOperator", "FmixOperator", "MixupCutmixHybrid", "OpSampler", "BatchOperator"];

/**
 * The operators an OpSampler builds (batch_operators.py:209-225): for each key but `class_num`
 * (create_operators sets that one), `"prob" not in param`, `param.pop("prob", 0)` added to a total,
 * `param.update({"class_num": class_num})`, then `eval(op_name)(**param)` in batch_operators.py's
 * own namespace; a total above 1 raises. All of it when the DataLoader is built, whether or not an
 * operator is ever drawn (a missing `prob` is 0: never drawn, still built).
 */
function opSamplerProblems(config: PpclsConfig, ops: Mapping, at: KeyPath, building: string): ArgumentProblem[] {
  const out: ArgumentProblem[] = [];
  const schema = schemaOf("transform");
  const when = `while building ${building}, before training starts (OpSampler builds every operator it may draw, ${BATCH_OPERATORS_SOURCE}:209-225)`;
  let total = 0;
  let totalKnown = true;
  const probs: string[] = [];
  for (const [name, param] of Object.entries(ops)) {
    if (name === "class_num") continue;
    const opAt = [...at, name];
    if (!isMapping(param)) {
      // `"prob" not in param`: None and numbers raise TypeError; a string passes it, then has no pop; a list's pop takes one argument.
      out.push({ kind: "not-a-mapping", at: opAt, building, value: shown(param), exception: typeof param === "string" ? "AttributeError" : "TypeError" });
      totalKnown = false;
      continue;
    }
    const prob = Object.hasOwn(param, "prob") ? param["prob"] : 0;
    if (typeof prob === "number" || typeof prob === "boolean") {
      total += Number(prob);
      probs.push(Object.hasOwn(param, "prob") ? `${name} prob ${config.written([...opAt, "prob"])}` : `${name} prob 0 (none given)`);
    } else {
      totalKnown = false;
      out.push({
        kind: "bad-value",
        at: [...opAt, "prob"],
        building,
        value: shownAt(config, [...opAt, "prob"]),
        exception: "TypeError",
        when: `${when}: \`total_prob += prob\` needs a number`,
        suggestion: "write `prob: 0.5` (the share of batches this operator is drawn for)",
      });
    }
    if (!DRAWABLE.includes(name)) {
      out.push({ kind: "unknown-class", at: opAt, building, family: "transform", name, exception: evalError(name), ...hint(near(DRAWABLE.slice(0, 4), name)) });
      continue;
    }
    if (name === "MixupCutmixHybrid") {
      out.push({
        kind: "bad-value",
        at: opAt,
        building,
        value: "an operator OpSampler draws",
        exception: "TypeError",
        when: `${when}: OpSampler passes \`class_num\` to every operator it draws (${BATCH_OPERATORS_SOURCE}:218), and MixupCutmixHybrid takes \`num_classes\`, not \`class_num\` (${BATCH_OPERATORS_SOURCE}:252): "__init__() got an unexpected keyword argument 'class_num'"`,
        suggestion: "give `- MixupCutmixHybrid:` its own entry in batch_transform_ops, outside OpSampler, with `num_classes` and its own `prob`",
      });
      continue;
    }
    const signature = schema.classes.get(name);
    if (signature === undefined || signature.anyKey === true) continue;
    const given = Object.keys(param).filter((k) => k !== "prob");
    for (const argument of given) {
      if (!signature.takes.includes(argument)) out.push(unknownArgument([...opAt, argument], building, name, signature, argument, given));
    }
    // OpSampler itself raised first on a missing class_num (the finding at its own entry).
    out.push(...mixerValueProblems(config, name, param, opAt, building, true));
  }
  // The same additions in the same order as Python's (IEEE doubles both): 0.1 + 0.2 + 0.7 is above 1 there too.
  if (totalKnown && total > 1) {
    out.push({
      kind: "bad-value",
      at,
      building,
      value: `${probs.join(" + ")} = ${Number(total.toFixed(6))}`,
      exception: "Exception",
      when: `${when}: "ConfigError: The total prob of operators in "OpSampler" should be less 1." (${BATCH_OPERATORS_SOURCE}:222-225)`,
      suggestion: "lower the operators' `prob` values so that they add up to 1 at most (what is left is the share of batches left unmixed)",
    });
  }
  return out;
}

const OPERATORS_SOURCE = "ppcls/data/preprocess/ops/operators.py";
/** A transform that fails on every sample: the dataset's __getitem__ logs it and retries a random sample, recursively. */
const everySample = (cause: string): string =>
  `at the first batch: ${cause}; every image fails so, and the dataset's __getitem__ retries another image recursively until RecursionError (ppcls/data/dataloader/multilabel_dataset.py, common_dataset.py)`;

/** A transform that fails on some samples, drawn at random: each is replaced by a random other one. */
const someSamples = (cause: string): string =>
  `on the images where the draw goes below 0 (a share of them, from the first batch): ${cause}; the dataset's __getitem__ replaces each such image with a random other one, so the epoch is not the list (ppcls/data/dataloader/multilabel_dataset.py, common_dataset.py)`;

/** Datasets whose __getitem__ transposes the transformed image from H×W×C to C×H×W itself, with where. */
const HWC_DATASETS = new Map([
  ["MultiLabelDataset", "ppcls/data/dataloader/multilabel_dataset.py:54"],
  ["ImageNetDataset", "ppcls/data/dataloader/common_dataset.py:74"],
]);

/**
 * The image layout along a dataset's transform_ops, for the datasets that transpose the result to
 * C×H×W themselves (`img.transpose((2, 0, 1))`): the operators must leave it H×W×C. A ToCHWImage
 * makes the dataset's transpose give W×C×H, which the model's first convolution refuses at the first
 * batch. A NormalizeImage whose `order` is 'chw' — its default when not given — reshapes mean and
 * std to (3, 1, 1), which does not broadcast over an H×W×3 image: every image fails, and the
 * dataset retries until RecursionError.
 */
function layoutProblems(list: unknown[], at: KeyPath, building: string, dataset: string): ArgumentProblem[] {
  const transposes = HWC_DATASETS.get(dataset)!;
  const out: ArgumentProblem[] = [];
  let chw = false;
  list.forEach((entry: unknown, i) => {
    if (!isMapping(entry) || Object.keys(entry).length !== 1) return;
    const [op, given] = Object.entries(entry)[0]!;
    const options = isMapping(given) ? given : {};
    if (op === "DecodeImage" && truthy(options["channel_first"]) && options["to_np"] !== false && !chw) {
      // channel_first transposes the decoded image (only when to_np, the default).
      chw = true;
      out.push({
        kind: "bad-value",
        at: [...at, i, op, "channel_first"],
        building,
        value: pyValue(options["channel_first"]),
        exception: "ValueError",
        when: `at the first batch: DecodeImage then makes each image C×H×W, which the operators after it and ${dataset}'s own transpose to C×H×W (${transposes}) take for H×W×C, so the model gets W×C×H images (if an operator does not fail on them first) and its first convolution refuses them`,
        suggestion: `write \`channel_first: False\`: ${dataset} makes the image C×H×W after the operators`,
      });
      return;
    }
    if (op === "ToCHWImage") {
      if (chw) return;
      chw = true;
      out.push({
        kind: "bad-value",
        at: [...at, i, op],
        building,
        value: "in the pipeline",
        exception: "ValueError",
        when: `at the first batch: ${dataset} transposes the image to C×H×W itself (${transposes}), so after ToCHWImage the model gets W×C×H images and its first convolution refuses them`,
        suggestion: `remove ToCHWImage: ${dataset} makes the image C×H×W after the operators`,
      });
      return;
    }
    if (op !== "NormalizeImage" || chw) return;
    const order = Object.hasOwn(options, "order") ? options["order"] : "chw";
    if (order !== "chw") return;
    const written = Object.hasOwn(options, "order");
    out.push({
      kind: "bad-value",
      at: written ? [...at, i, op, "order"] : [...at, i, op],
      building,
      value: written ? "'chw'" : "'chw' (its default: the config gives no order)",
      exception: "ValueError",
      when: everySample(`NormalizeImage with order 'chw' reshapes mean and std to (3, 1, 1), which does not broadcast over the H×W×3 image the operators hold until ${dataset} transposes it (${OPERATORS_SOURCE}, ${transposes})`),
      suggestion: "write `order: ''` under NormalizeImage, as PaddleClas's configs do",
    });
  });
  return out;
}
/** Operators after which every image has one size (PaddleClas's, ppcls/data/preprocess/ops/operators.py, and Paddle's crops). */
const SIZE_FIXING: ReadonlySet<string> = new Set(["CropImage", "RandCropImage", "RandCropImageV2", "RandomCropImage", "CropImageAtRatio", "RandomResizedCrop", "CenterCrop"]);
/** Operators that leave an image's size as it is (or change it by the image's own size). */
const SIZE_KEEPING: ReadonlySet<string> = new Set([
  "DecodeImage", "NormalizeImage", "RandFlipImage", "ToCHWImage", "TimmAutoAugment", "AutoAugment", "RandAugment", "RandAugmentV2", "RandAugmentV3", "RandAugmentV4",
  "RandomErasing", "Cutout", "HideAndSeek", "GridMask", "AugMix", "PCALighting", "ColorJitter", "RandomRotation", "RandomHorizontalFlip",
]);

/**
 * Whether a dataset's transform_ops leave every image one size, as batches need (they are stacked with
 * np.stack): true when an operator sets one size, false when none does, undefined when an operator
 * this does not know (or an entry of another shape) leaves it open. ResizeImage with `resize_short`
 * resizes the short side only (operators.py: it wins over `size`), as Paddle's Resize with one number
 * does: that keeps images of one size of one size, and makes no others so.
 */
export function fixesImageSize(list: unknown): boolean | undefined {
  if (!Array.isArray(list)) return undefined;
  let fixed = false;
  for (const entry of list) {
    if (!isMapping(entry) || Object.keys(entry).length !== 1) return undefined;
    const [op, given] = Object.entries(entry)[0]!;
    const options = isMapping(given) ? given : {};
    if (op === "ResizeImage") {
      const short = options["resize_short"];
      // The short side alone keeps each image's aspect ratio: images of one size stay of one size, others do not become so.
      if (typeof short === "number" && short > 0) continue;
      if (options["size"] !== undefined && options["size"] !== null) fixed = true;
      else return undefined;
    } else if (op === "Resize") {
      if (Array.isArray(options["size"])) fixed = true;
      else if (typeof options["size"] !== "number") return undefined;
    } else if (op === "Padv2") {
      // An empty size pads to a multiple of size_divisor instead (operators.py:396-402).
      if (truthy(options["size"])) fixed = true;
    } else if (op === "RandomRotation" && truthy(options["expand"])) {
      return undefined;
    } else if (SIZE_FIXING.has(op)) fixed = true;
    else if (!SIZE_KEEPING.has(op)) return undefined;
  }
  return fixed;
}

/** Whether a dataset (by any of its names) transposes its transformed images itself and stacks them as they come (MultiLabelDataset, ImageNetDataset). */
export function stacksImagesAsTransformed(datasetName: unknown): boolean {
  const cls = typeof datasetName === "string" ? datasetClass(datasetName) : undefined;
  return cls !== undefined && HWC_DATASETS.has(cls);
}

/** Whether a dataset's operators start with DecodeImage, the one that decodes the image file's bytes. */
export function decodesFirst(list: readonly unknown[]): boolean {
  const first = list[0];
  return isMapping(first) && Object.keys(first).length === 1 && Object.hasOwn(first, "DecodeImage");
}

/**
 * MultiLabelDataset and ImageNetDataset hand their operators the image file's bytes (`f.read()`) and
 * transpose what comes out (common_dataset.py:70-74, multilabel_dataset.py:50-54): DecodeImage, the one
 * operator that decodes bytes (operators.py:184-198), must come first. Without operators (absent,
 * None or an empty list: `if self._transform_ops:` skips them) the bytes reach `img.transpose`
 * (AttributeError); another operator first gets bytes it cannot use. Either way on every image.
 */
function undecodedProblem(list: unknown, at: KeyPath, building: string, dataset: string): ArgumentProblem | undefined {
  const transposes = HWC_DATASETS.get(dataset)!;
  if (list === undefined || list === null || (Array.isArray(list) && list.length === 0)) {
    const shownList = list === undefined ? "not set" : list === null ? "None" : "an empty list";
    return {
      kind: "undecoded",
      at,
      building,
      value: list === undefined ? `${dataset} without transform_ops` : shownList,
      when: everySample(`with no operators, ${dataset} hands the image file's bytes (\`f.read()\`) to its own \`img.transpose((2, 0, 1))\` (${transposes}), and bytes have no transpose (AttributeError)`),
      suggestion: "give the dataset `transform_ops:` that start with `- DecodeImage: {to_rgb: True, channel_first: False}`, as PaddleClas's configs do",
    };
  }
  if (!Array.isArray(list) || decodesFirst(list)) return undefined;
  const first: unknown = list[0];
  if (!isMapping(first) || Object.keys(first).length !== 1) return undefined;
  const op = Object.keys(first)[0]!;
  // An operator PaddleClas cannot find is unknown-class's finding; Paddle's own transforms are not judged.
  const signature = schemaOf("transform").classes.get(op);
  if (signature === undefined || signature.external !== undefined) return undefined;
  return {
    kind: "undecoded",
    at: [...at, 0, op],
    building,
    value: "the first operator",
    when: everySample(`${dataset} hands its operators the image file's bytes (\`f.read()\`, ${transposes}), which only DecodeImage decodes (${OPERATORS_SOURCE}:184-198), and ${op} gets them undecoded`),
    suggestion: "put `- DecodeImage: {to_rgb: True, channel_first: False}` first in transform_ops, as PaddleClas's configs do",
  };
}

/**
 * The sizes of the resizing and cropping operators (ResizeImage, CropImage, RandCropImage,
 * RandomCropImage, ppcls/data/preprocess/ops/operators.py) as they use them: an int (`type(size)
 * is int`, not a float) or a list of two ints handed to cv2.resize or used as slice bounds. ResizeImage
 * reads a size that is not an int as `size[0]`, `size[1]` when it is built; the others fail on
 * every image, which the dataset retries until RecursionError. Values in a list are as YAML made
 * them (create_attr_dict's literal_eval does not reach into lists): `224.0` is a float.
 */
function operatorValueProblems(config: PpclsConfig, entry: unknown, at: KeyPath, building: string): ArgumentProblem[] {
  if (!isMapping(entry) || Object.keys(entry).length !== 1) return [];
  const [name, options] = Object.entries(entry)[0]!;
  if (name === "NormalizeImage" && isMapping(options)) return normalizeProblems(config, options, [...at, name], building);
  if (name === "RandomErasing" && isMapping(options)) return erasingProblems(config, options, [...at, name], building);
  if (name === "TimmAutoAugment" && (isMapping(options) || options === null)) return timmProblems(config, isMapping(options) ? options : {}, [...at, name], building);
  if (name === "Padv2" && (isMapping(options) || options === null)) return padProblems(config, isMapping(options) ? options : {}, [...at, name], building);
  if (name === "Cutout" && (isMapping(options) || options === null)) return cutoutProblems(config, isMapping(options) ? options : {}, [...at, name], building);
  if (!(isMapping(options) || options === null) || !["ResizeImage", "CropImage", "RandCropImage", "RandomCropImage", "RandFlipImage"].includes(name)) return [];
  const given = isMapping(options) ? options : {};
  // ResizeImage and RandCropImage build a UnifiedResize: its backend and interpolation fail first, when built.
  const resizer = name === "ResizeImage" || name === "RandCropImage" ? resizerProblems(config, given, [...at, name], building) : [];
  const crop = name === "RandCropImage" ? cropShapeProblems(config, given, [...at, name], building) : [];
  return [...resizer, ...sizeProblems(config, name, given, at, building), ...crop];
}

const CUTOUT_SOURCE = "ppcls/data/preprocess/ops/cutout.py";

/**
 * Cutout as PaddleClas d178931 has it (ppcls/data/preprocess/ops/cutout.py:24-55, since PR #2957 of
 * September 2023): `__init__` sets `self.fill_value` only for `'none'` or None, and `__call__` reads
 * it on every image, so any other fill_value, the default `(0, 0, 0)` among them, is an
 * AttributeError on every image. Tagged releases up to v2.5.2 fill the hole with zeros instead, so
 * this one depends on the version: a warning. In every version, `range(n_holes)` and `length // 2`
 * need numbers.
 */
function cutoutProblems(config: PpclsConfig, options: Mapping, at: KeyPath, building: string): ArgumentProblem[] {
  const out: ArgumentProblem[] = [];
  const bad = badValues(config, at, building, out);
  const fill = options["fill_value"];
  if (!(fill === null || fill === "none")) {
    out.push({
      kind: "bad-value",
      at: Object.hasOwn(options, "fill_value") ? [...at, "fill_value"] : at,
      building,
      value: Object.hasOwn(options, "fill_value") ? shownAt(config, [...at, "fill_value"]) : "a Cutout without fill_value (its default is (0, 0, 0))",
      exception: "AttributeError",
      when: everySample(`Cutout sets its fill_value only for 'none' or None and reads it on each image ('Cutout' object has no attribute 'fill_value': ${CUTOUT_SOURCE}:25-29, 44, PaddleClas's develop branch since PR #2957; tagged releases up to v2.5.2 fill the hole with zeros instead, a warning as it depends on the version)`),
      suggestion: "write `fill_value: none` (a random colour for each hole), as PaddleClas's ML-Decoder configs do",
      versionDependent: true,
    });
  }
  // range() takes an int or a bool.
  if (Object.hasOwn(options, "n_holes") && !(typeof options["n_holes"] === "boolean" || isPyInt(config, [...at, "n_holes"]))) {
    bad("n_holes", "TypeError", everySample(`Cutout makes range(n_holes), which takes an int (${CUTOUT_SOURCE}:35)`), "write `n_holes: 1` (an int)");
  }
  if (Object.hasOwn(options, "length") && !isNumber(options["length"])) {
    bad("length", "TypeError", everySample(`Cutout halves length with // on each image (${CUTOUT_SOURCE}:39-42)`), "write `length: 112` (the hole's side in pixels)");
  } else if (Object.hasOwn(options, "length") && typeof options["length"] !== "boolean" && !isPyInt(config, [...at, "length"]) && (fill === null || fill === "none")) {
    // A float length makes the hole's corners floats (np.clip of y - length // 2), which cv2.rectangle refuses (checked with OpenCV 4.6).
    bad("length", "cv2.error", everySample(`Cutout's hole corners are np.clip(y - length // 2, 0, h) and the like, floats for a float length, and cv2.rectangle takes int points only (${CUTOUT_SOURCE}:39-54; releases up to v2.5.2 slice the image with them instead: TypeError)`), `write \`length: ${Math.round(Number(options["length"])) || 112}\` (an int)`);
  }
  return out;
}

/**
 * RandCropImage's `scale` and `ratio` as `__call__` uses them on every image (operators.py:464-489):
 * `random.uniform(*ratio)` (with use_log_aspect, of `math.log` of each), then `scale[0]` and
 * `scale[1]` in `min()` and the square roots of the target area times and over the aspect ratio.
 * So ratio must be two numbers above 0 and scale two numbers of 0 or more.
 */
function cropShapeProblems(config: PpclsConfig, options: Mapping, at: KeyPath, building: string): ArgumentProblem[] {
  const out: ArgumentProblem[] = [];
  const bad = badValues(config, at, building, out);
  const ratio = options["ratio"];
  if (ratio !== undefined && ratio !== null) {
    if (!(Array.isArray(ratio) && ratio.length === 2 && ratio.every(isNumber)))
      bad("ratio", "TypeError", everySample("RandCropImage draws the aspect ratio with random.uniform(*ratio), which takes two numbers"), "write `ratio: [0.75, 1.33]` (the smallest and largest aspect ratio)");
    else if (truthy(options["use_log_aspect"]) && ratio.some((v) => Number(v) <= 0))
      bad("ratio", "ValueError", everySample("RandCropImage takes math.log of each ratio with use_log_aspect, which needs numbers above 0 (math domain error)"), "write `ratio: [0.75, 1.33]` (the smallest and largest aspect ratio)");
    else if (ratio.some((v) => Number(v) < 0))
      bad("ratio", "ValueError", someSamples("RandCropImage crops with an aspect ratio drawn from ratio, and one below 0 gives a crop of negative size"), "write `ratio: [0.75, 1.33]` (the smallest and largest aspect ratio)");
  }
  const scale = options["scale"];
  if (scale !== undefined && scale !== null) {
    if (!(Array.isArray(scale) && scale.length >= 2 && scale.slice(0, 2).every(isNumber)))
      bad("scale", Array.isArray(scale) && scale.length < 2 ? "IndexError" : "TypeError", everySample("RandCropImage reads scale[0] and scale[1], two numbers, for the share of the image it crops"), "write `scale: [0.08, 1.0]` (the smallest and largest share of the image's area)");
    else if (scale.slice(0, 2).some((v) => Number(v) < 0))
      bad("scale", "ValueError", someSamples("RandCropImage takes the square root of an area drawn between scale[0] and scale[1], and one is below 0 (math domain error)"), "write `scale: [0.08, 1.0]` (the smallest and largest share of the image's area)");
  }
  return out;
}

/** A reporter of bad values under the operator at `at`: `bad(key, exception, when, suggestion)` adds one to `out`. */
function badValues(config: PpclsConfig, at: KeyPath, building: string, out: ArgumentProblem[]) {
  return (key: string, exception: string, when: string, suggestion: string): void => {
    out.push({ kind: "bad-value", at: [...at, key], building, value: shownAt(config, [...at, key]), exception, when, suggestion });
  };
}

/** The interpolation names UnifiedResize maps for each backend (operators.py:57-73), matched after `.lower()`. */
const INTERPOLATIONS: Record<string, readonly string[]> = {
  cv2: ["nearest", "bilinear", "area", "bicubic", "lanczos", "random"],
  pil: ["nearest", "bilinear", "bicubic", "box", "lanczos", "hamming", "random"],
};

/**
 * UnifiedResize as ResizeImage and RandCropImage build it (operators.py:55-110): `backend.lower()`
 * (AttributeError for a backend that is not text), then a text interpolation looked up in that
 * backend's table (KeyError for a name it lacks: `linear`, or `area` under pil); a backend other
 * than cv2 or pil only logs a warning and uses cv2.resize. ResizeImage also needs `size` or a
 * `resize_short` above 0 (OperatorParamError).
 */
function resizerProblems(config: PpclsConfig, options: Mapping, at: KeyPath, building: string): ArgumentProblem[] {
  const out: ArgumentProblem[] = [];
  const name = String(at[at.length - 1]);
  const starts = `when training starts: ${name}`;
  const bad = badValues(config, at, building, out);
  const backend = Object.hasOwn(options, "backend") ? options["backend"] : "cv2";
  if (typeof backend !== "string") bad("backend", "AttributeError", `${starts} builds UnifiedResize, which calls backend.lower() (${OPERATORS_SOURCE})`, "write `backend: cv2` (or pil)");
  else {
    const table = INTERPOLATIONS[backend.toLowerCase()];
    const interpolation = options["interpolation"];
    if (table !== undefined && typeof interpolation === "string" && !table.includes(interpolation.toLowerCase())) {
      const near = closestName(table, interpolation.toLowerCase());
      bad("interpolation", "KeyError", `${starts} builds UnifiedResize, whose ${backend.toLowerCase()} backend knows the interpolations ${table.join(", ")} (${OPERATORS_SOURCE})`, `write \`interpolation: ${near ?? "bilinear"}\``);
    } else if (table !== undefined && interpolation !== undefined && interpolation !== null && typeof interpolation !== "string") {
      // A flag handed on as it is: cv2.resize takes an int flag 0-6 (not a bool), PIL's resize an int filter 0-5 (a bool is an int to it).
      const cv2 = backend.toLowerCase() === "cv2";
      const flag = typeof interpolation === "boolean" ? (cv2 ? undefined : Number(interpolation)) : isPyInt(config, [...at, "interpolation"]) ? (interpolation as number) : undefined;
      if (flag === undefined || flag < 0 || flag > (cv2 ? 6 : 5)) {
        bad("interpolation", cv2 ? "cv2.error" : typeof interpolation === "number" && !Number.isInteger(interpolation) ? "TypeError" : "ValueError", everySample(`${name} resizes with ${cv2 ? "cv2.resize" : "PIL's resize"}, which takes ${cv2 ? "an int interpolation flag from 0 to 6" : "an int resampling filter from 0 to 5"}`), "write `interpolation: bilinear`");
      }
    }
  }
  if (name === "ResizeImage") {
    const short = options["resize_short"];
    const size = options["size"];
    const shortUsed = short !== undefined && short !== null && (typeof short !== "number" && typeof short !== "boolean" ? true : Number(short) > 0);
    if (!shortUsed && (size === undefined || size === null)) {
      out.push({ kind: "missing-key", at, building, where: keyText(at), key: "size", exception: "OperatorParamError", when: ` ${starts} needs a size or a resize_short above 0 ("invalid params for ReisizeImage", ${OPERATORS_SOURCE})`, example: "224" });
    }
  }
  return out;
}

/** The sizes of the resizing and cropping operators, and RandFlipImage's flip code. */
function sizeProblems(config: PpclsConfig, name: string, options: Mapping, at: KeyPath, building: string): ArgumentProblem[] {
  const path = (...keys: (string | number)[]): KeyPath => [...at, name, ...keys];
  const pil = typeof options["backend"] === "string" && options["backend"].toLowerCase() === "pil";
  const resizeError = pil ? "TypeError" : "cv2.error";
  const problem = (key: string, exception: string, when: string, suggestion: string): ArgumentProblem => {
    const where = path(key);
    return { kind: "bad-value", at: where, building, value: shownAt(config, where), exception, when, suggestion };
  };
  if (name === "RandFlipImage") {
    // `assert flip_code in [-1, 0, 1]` compares with ==: 1.0 and True pass it, and cv2.flip then refuses them.
    if (!Object.hasOwn(options, "flip_code")) return [];
    const code = options["flip_code"];
    const equal = (typeof code === "number" || typeof code === "boolean") && [-1, 0, 1].includes(Number(code));
    if (!equal) return [problem("flip_code", "AssertionError", `when training starts: RandFlipImage asserts flip_code in [-1, 0, 1] (${OPERATORS_SOURCE})`, "write `flip_code: 1` (1 flips left-right, 0 top-bottom, -1 both)")];
    if (isPyInt(config, path("flip_code"))) return [];
    return [
      problem(
        "flip_code",
        "cv2.error",
        "on every image it flips (half of them, from the first batch): cv2.flip takes an int flip code only; the dataset's __getitem__ replaces each such image with another, random one, so no image is ever flipped and the epoch is not the list",
        `write \`flip_code: ${Number(code)}\` (an int)`,
      ),
    ];
  }
  const size = options["size"];
  const pairOfInts = Array.isArray(size) && size.length === 2 && size.every((_, k) => isPyInt(config, path("size", k)));
  const suggestion = "write `size: 224` (an int) or `size: [224, 224]` (two ints)";
  if (name === "ResizeImage") {
    const short = options["resize_short"];
    if (short !== undefined && short !== null) {
      if (typeof short !== "number" && typeof short !== "boolean")
        return [problem("resize_short", "TypeError", `when training starts: ResizeImage compares \`resize_short > 0\` (${OPERATORS_SOURCE})`, "write `resize_short: 256` (a number)")];
      const value = Number(short);
      // percent = resize_short / min(w, h): the short side becomes round(resize_short) pixels.
      if (value > 0 && value <= 0.5) return [problem("resize_short", resizeError, everySample(`ResizeImage resizes each image's short side to round(${pyValue(short)}) = 0 pixels`), "write `resize_short: 256` (the short side in pixels)")];
      if (value > 0.5 && value < 1.5)
        return [{ kind: "silent-value", at: path("resize_short"), building, value: shownAt(config, path("resize_short")), what: `ResizeImage resizes each image's short side to resize_short pixels, so every image is 1 pixel on its short side and the model trains on those (${OPERATORS_SOURCE})`, suggestion: "write `resize_short: 256` (the short side in pixels)" }];
      if (value > 0) return [];
    }
    if (size === undefined || size === null) return [];
    // A size that is not an int is read as size[0] and size[1]: a longer list of ints works as well.
    const firstTwo = Array.isArray(size) && size.length >= 2 && [0, 1].every((k) => isPyInt(config, path("size", k)));
    if (isPyInt(config, path("size")) || firstTwo) return positiveSizes(Array.isArray(size) ? size.slice(0, 2) : size, name, pil, problem, suggestion);
    // Not an int: read as size[0] and size[1] when the operator is built.
    if (typeof size === "number" || typeof size === "boolean" || isMapping(size) || ((Array.isArray(size) || typeof size === "string") && size.length < 2))
      return [problem("size", typeof size === "object" && !Array.isArray(size) ? "KeyError" : Array.isArray(size) || typeof size === "string" ? "IndexError" : "TypeError", `when training starts: ResizeImage reads a size that is not an int as size[0] and size[1] (${OPERATORS_SOURCE})`, suggestion)];
    return [problem("size", resizeError, everySample(`ResizeImage hands size[0] and size[1] to ${pil ? "PIL's resize" : "cv2.resize"}, which takes ints only`), suggestion)];
  }
  if (size === undefined || isPyInt(config, path("size")) || pairOfInts) {
    if (size === undefined) return [];
    if (name === "RandCropImage") return positiveSizes(size, name, pil, problem, suggestion);
    return name === "CropImage" || name === "RandomCropImage" ? emptyCrops(config, name, size, path("size"), building) : [];
  }
  // isinstance(True, int): RandomCropImage crops 1×1 (not modelled).
  if (name === "RandomCropImage" && typeof size === "boolean") return [];
  if (name === "CropImage" || name === "RandomCropImage") {
    const exception = Array.isArray(size) || typeof size === "string" ? (size.length !== 2 ? "ValueError" : "TypeError") : "TypeError";
    const use = name === "CropImage" ? "slices the image with them" : "draws the crop's corner with random.randint and slices the image with them";
    return [problem("size", exception, everySample(`${name} unpacks a size that is not an int as \`w, h\` and ${use}`), suggestion)];
  }
  return [problem("size", resizeError, everySample(`RandCropImage hands a size that is not an int to ${pil ? "PIL's resize" : "cv2.resize"} as it is, which takes two ints only`), suggestion)];
}

/**
 * Int sizes CropImage and RandomCropImage slice with (operators.py:313-321, 428-436): a width or
 * height of 0 or below slices out nothing, so every image they give is empty, with no error there
 * (numpy's slices clamp), and the model gets no pixel to train on.
 */
function emptyCrops(config: PpclsConfig, name: string, size: unknown, at: KeyPath, building: string): ArgumentProblem[] {
  const values = (Array.isArray(size) ? size : [size]) as number[];
  if (values.every((v) => v > 0)) return [];
  const [w, h] = values.length === 1 ? [values[0]!, values[0]!] : values;
  // RandomCropImage draws the corner from 0 on: at 0, a negative side is a negative end, which Python counts from the far edge.
  const edge = name === "RandomCropImage" && !values.includes(0);
  const given = edge
    ? "nearly every image it gives has no pixel (a window whose corner is drawn at 0 keeps all but the last rows or columns instead, as Python reads a negative end from the far edge)"
    : "every image it gives has no pixel";
  return [
    {
      kind: "silent-value",
      at,
      building,
      value: shownAt(config, at),
      what: `${name} cuts a window of ${w} × ${h} pixels (width × height) out of each image, and a side of 0 or below is an empty slice: ${given}, so the model is given ${edge ? "next to none" : "none"} of the images (an empty batch Paddle may refuse at the first step, or train on) (${OPERATORS_SOURCE})`,
      suggestion: "write `size: 224` (an int above 0) or `size: [224, 224]` (width and height)",
    },
  ];
}

/** Int sizes a resize gets: 0 or below, cv2.resize asserts (PIL refuses) on every image. */
function positiveSizes(size: unknown, name: string, pil: boolean, problem: (key: string, exception: string, when: string, suggestion: string) => ArgumentProblem, suggestion: string): ArgumentProblem[] {
  const values = (Array.isArray(size) ? size : [size]) as number[];
  if (values.every((v) => v > 0)) return [];
  return [problem("size", pil ? "ValueError" : "cv2.error", everySample(`${name} resizes to ${values.join(" × ")} with ${pil ? "PIL's resize" : "cv2.resize"}, which needs sizes above 0`), suggestion)];
}

/** A NormalizeImage scale of 0 (`scale if scale is not None`: 0 is kept): every image is multiplied by 0, silently. */
function zeroScale(config: PpclsConfig, at: KeyPath, building: string): ArgumentProblem {
  return {
    kind: "silent-value",
    at: [...at, "scale"],
    building,
    value: shownAt(config, [...at, "scale"]),
    what: `NormalizeImage multiplies every image by it, so every image becomes the same constant picture ((0 − mean) / std per channel) and the model trains on that, not on the images (${OPERATORS_SOURCE})`,
    suggestion: "write `scale: 1.0/255.0` (pixel values to [0, 1])",
  };
}

/**
 * NormalizeImage's values as its constructor and `__call__` use them (PaddleClas d178931,
 * ppcls/data/preprocess/ops/operators.py:568-620): `assert channel_num in [3, 4]`; a text `scale`
 * is `eval`'d; `mean` and `std` go through `np.array(v).reshape(shape).astype('float32')`, which
 * needs exactly 3 values that read as floats (ValueError otherwise, when the dataset is built);
 * a None among them becomes NaN, and a 0 in `std` divides by zero, so every image is NaN or
 * infinite and the loss with it, without an error.
 */
function normalizeProblems(config: PpclsConfig, options: Mapping, at: KeyPath, building: string): ArgumentProblem[] {
  const out: ArgumentProblem[] = [];
  const starts = `when training starts: NormalizeImage`;
  const bad = badValues(config, at, building, out);
  const channels = options["channel_num"];
  // `channel_num in [3, 4]` compares with ==: 3.0 passes, True (1) does not.
  if (Object.hasOwn(options, "channel_num") && !(typeof channels === "number" && [3, 4].includes(channels))) {
    bad("channel_num", "AssertionError", `${starts} asserts channel_num in [3, 4] (${OPERATORS_SOURCE})`, "write `channel_num: 3` (or 4, to pad a fourth channel of zeros)");
  }
  const scale = options["scale"];
  if (typeof scale === "string") {
    let evaluated: ReturnType<typeof pythonEval> | null = null;
    try {
      evaluated = pythonEval(scale);
    } catch {
      evaluated = null; // an object or a call: what it gives is not modelled
    }
    if (evaluated === undefined) bad("scale", "an error from eval", `${starts} evaluates a text scale with eval(), which cannot evaluate this (${OPERATORS_SOURCE})`, "write `scale: 1.0/255.0`");
    else if (evaluated !== null && typeof evaluated.value === "string" && !readsAsFloat(evaluated.value))
      bad("scale", "ValueError", `${starts} makes np.float32 of the scale eval() gives, a text that is not a number (${OPERATORS_SOURCE})`, "write `scale: 1.0/255.0`");
    else if (evaluated !== null && (typeof evaluated.value === "number" || typeof evaluated.value === "boolean") && Number(evaluated.value) === 0) out.push(zeroScale(config, at, building));
  } else if ((typeof scale === "number" || typeof scale === "boolean") && Number(scale) === 0) out.push(zeroScale(config, at, building));
  else if (isMapping(scale)) bad("scale", "TypeError", `${starts} makes np.float32 of the scale, which takes no mapping (${OPERATORS_SOURCE})`, "write `scale: 1.0/255.0`");
  else if (Array.isArray(scale)) {
    const flat = flatValues(scale);
    if (flat === undefined || (flat.length !== 1 && flat.length !== 3))
      bad("scale", "ValueError", everySample(`NormalizeImage multiplies the image by np.float32(scale), which broadcasts over its 3 channels only as one value or three`), "write `scale: 1.0/255.0`");
  }
  for (const key of ["mean", "std"] as const) {
    const value = options[key];
    if (value === undefined || value === null) continue;
    const example = key === "mean" ? "[0.485, 0.456, 0.406]" : "[0.229, 0.224, 0.225]";
    const flat = flatValues(value);
    if (flat === undefined || flat.length !== 3) {
      const size = flat === undefined ? "values of uneven nesting" : flat.length === 1 ? "one value" : `${flat.length} values`;
      bad(key, "ValueError", `${starts} reshapes ${key} into 3 channel values with numpy, and ${size} cannot be reshaped so (${OPERATORS_SOURCE})`, `write \`${key}: ${example}\` (one value per channel)`);
      continue;
    }
    const unreadable = flat.find((v) => (typeof v === "string" && !readsAsFloat(v)) || isMapping(v));
    if (unreadable !== undefined) {
      bad(key, isMapping(unreadable) ? "TypeError" : "ValueError", `${starts} converts ${key} to float32 with numpy, which cannot read ${shown(unreadable)} as a float (${OPERATORS_SOURCE})`, `write \`${key}: ${example}\``);
      continue;
    }
    const nan = flat.some((v) => v === null);
    const zero = key === "std" && flat.some((v) => (typeof v === "number" || typeof v === "boolean" || typeof v === "string") && Number(typeof v === "string" ? v.trim() : v) === 0);
    if (nan || zero) {
      out.push({
        kind: "silent-value",
        at: [...at, key],
        building,
        value: shownAt(config, [...at, key]),
        what: `${nan ? `numpy makes its None NaN` : "NormalizeImage divides by its 0"}, so every image is ${nan ? "NaN" : "infinite or NaN"} after NormalizeImage and the loss is NaN from the first step (${OPERATORS_SOURCE})`,
        suggestion: `write \`${key}: ${example}\`${zero && !nan ? " (no 0: each channel is divided by its std)" : ""}`,
      });
    }
  }
  return out;
}

/**
 * Padv2's values as it uses them (PaddleClas d178931, ppcls/data/preprocess/ops/operators.py:343-414):
 * its constructor raises TypeError unless `size` is an int or a list (its default None included),
 * and asserts `pad_mode in [-1, 0, 1, 2]` and, for -1, `offsets`; `__call__` unpacks `w, h =
 * size`, builds the canvas with `np.ones((h, w, 3))` (ints only) and broadcasts `fill_value` over
 * its 3 channels, on every image it pads.
 */
function padProblems(config: PpclsConfig, options: Mapping, at: KeyPath, building: string): ArgumentProblem[] {
  const out: ArgumentProblem[] = [];
  const starts = `when training starts: Padv2`;
  const bad = badValues(config, at, building, out);
  const suggestion = "write `size: [276, 212]` (two ints, width then height, at least the image's)";
  const size = options["size"];
  if (!Object.hasOwn(options, "size")) {
    out.push({ kind: "missing-key", at, building, where: keyText(at), key: "size", exception: "TypeError", when: ` ${starts} takes only an int or a list as size, and its default is None (${OPERATORS_SOURCE})`, example: "[276, 212]" });
  } else if (!(isPyInt(config, [...at, "size"]) || typeof size === "boolean" || Array.isArray(size))) {
    bad("size", "TypeError", `${starts} takes only an int or a list as size (${OPERATORS_SOURCE})`, suggestion);
  } else if (Array.isArray(size) && size.length === 0) {
    // An empty list is false to `if self.size:`: Padv2 pads to a multiple of size_divisor instead.
  } else if (Array.isArray(size) && size.length !== 2) {
    bad("size", "ValueError", everySample(`Padv2 unpacks the size as \`w, h\`, and it holds ${size.length} values`), suggestion);
  } else if (Array.isArray(size) && !size.every((v, k) => isPyInt(config, [...at, "size", k]) || typeof v === "boolean")) {
    bad("size", "TypeError", everySample(`Padv2 builds its canvas with np.ones((h, w, 3)), which takes ints only`), suggestion);
  } else if ((Array.isArray(size) ? size : [size]).some((v) => Number(v) < 2)) {
    bad("size", "AssertionError", everySample(`Padv2 asserts the image fits its target size, and no image fits ${(Array.isArray(size) ? size : [size, size]).map(Number).join(" × ")}`), suggestion);
  }
  const mode = Object.hasOwn(options, "pad_mode") ? options["pad_mode"] : 0;
  if (!((typeof mode === "number" || typeof mode === "boolean") && [-1, 0, 1, 2].includes(Number(mode)))) {
    bad("pad_mode", "AssertionError", `${starts} asserts pad_mode in [-1, 0, 1, 2] (${OPERATORS_SOURCE})`, "write `pad_mode: 1` (0 pads right and bottom, 1 both sides, 2 left and top, -1 at `offsets`)");
  } else if (Number(mode) === -1 && !truthy(options["offsets"])) {
    bad("pad_mode", "AssertionError", `${starts} asserts offsets are given when pad_mode is -1 (${OPERATORS_SOURCE})`, "add `offsets: [0, 0]` (x, y) under Padv2, or write `pad_mode: 1`");
  }
  if (Object.hasOwn(options, "fill_value")) {
    const flat = flatValues(options["fill_value"]);
    const numbers = flat !== undefined && flat.every((v) => typeof v === "number" || typeof v === "boolean" || (typeof v === "string" && readsAsFloat(v)));
    if (flat !== undefined && flat.some((v) => v === null) && (flat.length === 1 || flat.length === 3)) {
      out.push({
        kind: "silent-value",
        at: [...at, "fill_value"],
        building,
        value: shownAt(config, [...at, "fill_value"]),
        what: `numpy makes its None NaN, so the padding of every image it pads is NaN, and the loss is NaN from the first step (${OPERATORS_SOURCE})`,
        suggestion: "write `fill_value: 0` (or three values, one per channel)",
      });
    } else if (flat === undefined || !numbers || (flat.length !== 1 && flat.length !== 3) || (Array.isArray(options["fill_value"]) && Array.isArray(options["fill_value"][0]) && flat.length !== 3)) {
      bad("fill_value", "ValueError", everySample(`Padv2 fills its canvas with np.array(fill_value, dtype=np.float32), one value or one per channel`), "write `fill_value: 0` (or three values, one per channel)");
    }
  }
  return out;
}

const TIMM_SOURCE = "ppcls/data/preprocess/ops/timm_autoaugment.py";

/** The sections each TimmAutoAugment policy family reads from its config_str, and how it converts each value. */
const TIMM_SECTIONS: Record<string, Record<string, "int" | "float" | "bool">> = {
  rand: { mstd: "float", inc: "bool", m: "int", n: "int", w: "int" },
  augmix: { mstd: "float", m: "int", w: "int", d: "int", a: "float", b: "bool" },
};

/**
 * TimmAutoAugment's `config_str`, `img_size` and `mean` as RawTimmAutoAugment's constructor uses them
 * (PaddleClas d178931, ppcls/data/preprocess/ops/timm_autoaugment.py:846-875), when the dataset is
 * built: the text picks the family by its start (`rand`, `augmix`, `auto`), then each `-` section
 * splits at its first digit into a key and a value the family reads (`m9`: int('9')); an unknown
 * key, or a first section other than the family's name, fails an assert. An `auto…` text always
 * fails: its first section must name a policy (`v0`, `original`), which never starts with `auto`.
 */
function timmProblems(config: PpclsConfig, options: Mapping, at: KeyPath, building: string): ArgumentProblem[] {
  const out: ArgumentProblem[] = [];
  const starts = "when training starts: TimmAutoAugment";
  const bad = badValues(config, at, building, out);
  const suggestion = "write `config_str: rand-m9-mstd0.5-inc1` (PaddleClas's default)";
  const text = Object.hasOwn(options, "config_str") ? options["config_str"] : "rand-m9-mstd0.5-inc1";
  if (typeof text !== "string") {
    bad("config_str", "AttributeError", `${starts} calls config_str.startswith(…), and it is not text (${TIMM_SOURCE})`, suggestion);
  } else {
    const family = text.startsWith("rand") ? "rand" : text.startsWith("augmix") ? "augmix" : text.startsWith("auto") ? "auto" : undefined;
    const sections = text.split("-");
    let why: { exception: string; reason: string } | undefined;
    if (family === undefined) why = { exception: "Exception", reason: `raises "ConfigError: … the config_str only starts with "rand", "augmix", "auto"" for any other text` };
    else if (family === "auto") why = { exception: "AssertionError", reason: `reads the first section of an auto… text as an AutoAugment policy name (v0, v0r, original, originalr), which never starts with "auto": 'Unknown AA policy (${sections[0]})'` };
    else if (sections[0] !== family) why = { exception: "AssertionError", reason: `asserts the text's first section is '${family}', and it is '${sections[0]}'` };
    else {
      for (const section of sections.slice(1)) {
        // re.split(r'(\d.*)', c): the key before the first digit, the value from it on; a section without a digit is skipped.
        const digit = section.search(/\d/);
        if (digit < 0) continue;
        const [key, value] = [section.slice(0, digit), section.slice(digit).split(/[\n\r]/)[0]!];
        const kind = TIMM_SECTIONS[family]![key];
        if (kind === undefined) {
          why = { exception: "AssertionError", reason: `reads section '${section}' as key '${key}', which ${family === "rand" ? "RandAugment" : "AugMix"} does not know (it reads ${Object.keys(TIMM_SECTIONS[family]!).join(", ")})` };
          break;
        }
        if (kind === "int" && pythonInt(value) === undefined) why = { exception: "ValueError", reason: `reads section '${section}' with int('${value}')` };
        else if (kind === "float" && !readsAsFloat(value)) why = { exception: "ValueError", reason: `reads section '${section}' with float('${value}')` };
        else if (family === "rand" && key === "w" && pythonInt(value) !== 0) why = { exception: "AssertionError", reason: `asserts the weight index of section '${section}' is 0 (_select_rand_weights)` };
        if (why !== undefined) break;
      }
    }
    if (why !== undefined) bad("config_str", why.exception, `${starts} ${why.reason} (${TIMM_SOURCE})`, suggestion);
  }
  const size = options["img_size"];
  if (Object.hasOwn(options, "img_size")) {
    const numbers = (Array.isArray(size) ? size : [size]).every((v) => typeof v === "number" || typeof v === "boolean");
    if (!numbers || (Array.isArray(size) && size.length === 0)) bad("img_size", Array.isArray(size) && size.length === 0 ? "ValueError" : "TypeError", `${starts} takes int(min(img_size) * 0.45), which needs a number or a list of numbers (${TIMM_SOURCE})`, "write `img_size: 224` (or the list of the image's sizes: `[192, 256]`)");
  }
  const prob = options["prob"];
  if (Object.hasOwn(options, "prob") && typeof prob !== "number" && typeof prob !== "boolean") {
    bad("prob", "TypeError", everySample("TimmAutoAugment compares random.random() < prob (ppcls/data/preprocess/__init__.py), and prob is not a number"), "write `prob: 0.8` (the share of images it augments)");
  }
  const mean = options["mean"];
  if (Object.hasOwn(options, "mean") && !(Array.isArray(mean) && mean.every((v) => typeof v === "number" || typeof v === "boolean"))) {
    bad("mean", "TypeError", `${starts} takes round(255 * x) for each x in mean, which needs a list of numbers (${TIMM_SOURCE})`, "write `mean: [0.485, 0.456, 0.406]`");
  } else if (Array.isArray(mean) && ![1, 3, 4].includes(mean.length) && !((typeof prob === "number" || typeof prob === "boolean") && Number(prob) <= 0)) {
    bad("mean", "TypeError", `on the images it rotates, shears or translates (from the first batch): TimmAutoAugment fills with the colour of mean, which PIL takes as one, three or four values; the dataset's __getitem__ replaces each such image with a random other one, so the epoch is not the list (${TIMM_SOURCE})`, "write `mean: [0.485, 0.456, 0.406]`");
  }
  return out;
}

const ERASING_SOURCE = "ppcls/data/preprocess/ops/random_erasing.py";

/**
 * RandomErasing's values as it uses them (PaddleClas d178931, ppcls/data/preprocess/ops/random_erasing.py):
 * its constructor `eval`s text EPSILON, sl, sh and r1 and takes `1 / r1` (and `math.log(r1)` with
 * use_log_aspect); `__call__` draws `random.random() > EPSILON`, then erases with
 * `random.uniform(sl, sh)`, `range(attempt)` and the pixels of `mode` (`const` reshapes `mean` into
 * 3 channels). A failure in `__call__` fails that image, which the dataset's `__getitem__` replaces
 * with a random other one: the erased share of every epoch is not the list.
 */
function erasingProblems(config: PpclsConfig, options: Mapping, at: KeyPath, building: string): ArgumentProblem[] {
  const out: ArgumentProblem[] = [];
  const bad = badValues(config, at, building, out);
  const starts = "when training starts: RandomErasing";
  const ERASES = "on every image it erases";
  // EPSILON is read first (the loop below), so the share is known where it is shown.
  const erased = (): string => {
    const epsilon = number["EPSILON"];
    const share = epsilon === undefined ? "a share EPSILON of them" : epsilon >= 1 ? "all of them" : `${formatShare(epsilon)} of them, EPSILON ${epsilon}`;
    return `${ERASES} (${share}, from the first batch): RandomErasing`;
  };
  const swapped = `; the dataset's __getitem__ replaces each such image with a random other one, so the epoch is not the list (${ERASING_SOURCE})`;
  const defaults: Record<string, number> = { EPSILON: 0.5, sl: 0.02, sh: 0.4, r1: 0.3 };
  // The numbers the constructor keeps: a text is eval'd (not judged further when eval gives what is not modelled).
  const number: Record<string, number | undefined> = {};
  for (const key of ["EPSILON", "sl", "sh", "r1"]) {
    if (!Object.hasOwn(options, key)) {
      number[key] = defaults[key];
      continue;
    }
    let value: unknown = options[key];
    if (typeof value === "string") {
      let evaluated: ReturnType<typeof pythonEval> | null;
      try {
        evaluated = pythonEval(value);
      } catch {
        evaluated = null;
      }
      if (evaluated === undefined) {
        bad(key, "an error from eval", `${starts} evaluates a text ${key} with eval(), which cannot evaluate this (${ERASING_SOURCE})`, `write \`${key}: ${defaults[key]}\` (a number, or a text eval() reads: \`1.0/3.0\`)`);
        continue;
      }
      if (evaluated === null) continue;
      value = evaluated.value;
    }
    if (typeof value === "number" || typeof value === "boolean") {
      number[key] = Number(value);
      continue;
    }
    const example = `write \`${key}: ${defaults[key]}\` (a number)`;
    if (key === "r1") bad(key, "TypeError", `${starts} takes 1 / r1, and r1 is not a number (${ERASING_SOURCE})`, example);
    else if (key === "EPSILON") bad(key, "TypeError", everySample(`RandomErasing compares random.random() > EPSILON, and EPSILON is not a number`), example);
    else bad(key, "TypeError", `${erased()} draws random.uniform(sl, sh), and ${key} is not a number${swapped}`, example);
  }
  const area = ["sl", "sh"].find((key) => (number[key] ?? 0) < 0);
  if (area !== undefined) bad(area, "ValueError", `${erased()} takes the square root of an area drawn between sl and sh, and ${area} is below 0 (math domain error)${swapped}`, `write \`${area}: ${defaults[area]}\` (a share of the image's area, between 0 and 1)`);
  const r1 = number["r1"];
  const logAspect = truthy(options["use_log_aspect"]);
  if (r1 === 0) bad("r1", "ZeroDivisionError", `${starts} takes 1 / r1 (${ERASING_SOURCE})`, "write `r1: 0.3` (the smallest aspect ratio, above 0)");
  else if (r1 !== undefined && r1 < 0) {
    if (logAspect) bad("r1", "ValueError", `${starts} takes math.log(r1) with use_log_aspect (math domain error, ${ERASING_SOURCE})`, "write `r1: 0.3` (the smallest aspect ratio, above 0)");
    else bad("r1", "ValueError", `${erased()} takes the square root of an aspect ratio drawn between r1 and 1 / r1, both below 0 (math domain error)${swapped}`, "write `r1: 0.3` (the smallest aspect ratio, above 0)");
  }
  if (Object.hasOwn(options, "attempt") && !isPyInt(config, [...at, "attempt"]) && typeof options["attempt"] !== "boolean") {
    bad("attempt", "TypeError", `${erased()} loops over range(attempt), which takes an int only${swapped}`, `write \`attempt: ${typeof options["attempt"] === "number" ? Math.max(1, Math.round(options["attempt"])) : 10}\` (an int)`);
  }
  const mode = Object.hasOwn(options, "mode") ? options["mode"] : "const";
  if (!(typeof mode === "string" && ["const", "rand", "pixel"].includes(mode))) {
    const near = typeof mode === "string" ? closestName(["const", "rand", "pixel"], mode) : undefined;
    bad("mode", "Exception", `${erased()} raises "Invalid mode in RandomErasing, only support "const", "rand", "pixel""${swapped}`, `write \`mode: ${near ?? "const"}\``);
  } else if (mode === "const" && Object.hasOwn(options, "mean")) {
    const flat = flatValues(options["mean"]);
    if (flat === undefined || flat.length !== 3) bad("mean", "ValueError", `${erased()} reshapes mean into 3 channel values with numpy in mode const${swapped}`, "write `mean: [0., 0., 0.]` (one value per channel)");
    else if (flat.some((v) => !(typeof v === "number" || typeof v === "boolean" || (typeof v === "string" && readsAsFloat(v)))))
      bad("mean", "ValueError", `${erased()} writes mean's values into the image, which numpy cannot read as floats${swapped}`, "write `mean: [0., 0., 0.]` (one value per channel)");
  }
  // With EPSILON 0 or below, random.random() > EPSILON always holds, and with attempt 0 the loop never runs: nothing is ever erased.
  const attempts = options["attempt"];
  const erases = (number["EPSILON"] === undefined || number["EPSILON"] > 0) && !((isPyInt(config, [...at, "attempt"]) || typeof attempts === "boolean") && Number(attempts) <= 0);
  return erases ? out : out.filter((p) => p.kind !== "bad-value" || !p.when.startsWith(ERASES));
}

/** A probability as a share of images: 0.4 → "40%", 0.004 → "0.4%". */
function formatShare(p: number): string {
  return `${Number((p * 100).toPrecision(2))}%`;
}

/** The leaves of a value as `np.array` lays them out: undefined where the nesting is uneven (numpy's "inhomogeneous shape"). */
function flatValues(value: unknown): unknown[] | undefined {
  if (!Array.isArray(value)) return [value];
  if (value.length === 0) return [];
  const parts = value.map(flatValues);
  if (parts.some((p) => p === undefined)) return undefined;
  const nested = value.map((v) => Array.isArray(v));
  if (nested.some((n) => n !== nested[0])) return undefined;
  if (nested[0] && parts.some((p) => p!.length !== parts[0]!.length)) return undefined;
  return parts.flat() as unknown[];
}

/** What Python's `float(text)` gives (what numpy's astype('float32') does with a text value), or undefined where it raises. */
function floatOf(text: string): number | undefined {
  const t = text.trim().replace(/(?<=\d)_(?=\d)/g, "");
  if (!/^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)$/i.test(t)) return undefined;
  return /nan$/i.test(t) ? NaN : /inf/i.test(t) ? (t.startsWith("-") ? -Infinity : Infinity) : Number(t);
}

/** Whether Python's `float(text)` reads `text`. */
const readsAsFloat = (text: string): boolean => floatOf(text) !== undefined;

/** `int % value` and `int > value` in Python: what each raises for a YAML value, or nothing. */
const moduloError = (v: unknown): string | undefined => (!isNumber(v) ? "TypeError" : Number(v) === 0 ? "ZeroDivisionError" : undefined);

/** What PaddleClas raises on a Global value it cannot use, and when. */
interface BadValue {
  exception: string;
  /** When and where, as a message says it: `at the end of the first epoch (epoch_id % eval_interval, ppcls/engine/engine.py:349)`. */
  when: string;
}

/** A Global key a training run reads with `config["Global"][key]` (PaddleClas d178931, tools/train.py → Engine(config, "train").train()). */
interface GlobalKey {
  key: string;
  /** Where the first read is. */
  at: string;
  /** Read only after the first epoch, not while training starts. */
  afterFirstEpoch?: boolean;
  /** Read only when Global.eval_during_train is true (the `and` short-circuits). */
  evalOnly?: boolean;
  /** Read with `.get(key, default)`: no value is needed, but one that is there must be usable. */
  optional?: boolean;
  /** A value to suggest, as the real configs write it. */
  example: string;
  /** The words the key takes, when it takes a few: a value near one is suggested as that one. */
  words?: readonly string[];
  /** What a value that is there makes PaddleClas raise (`float`: a number Python holds as a float, 20.0). */
  bad?: (value: unknown, float: boolean) => BadValue | undefined;
}

const ENGINE = "ppcls/engine/engine.py";
const SAVE_LOAD = "ppcls/utils/save_load.py";
const DEVICES = ["cpu", "gpu", "xpu", "npu", "mlu", "ascend", "intel_gpu", "mps"];
const EVAL_MODES = ["classification", "retrieval", "adaface"];
/** The train_epoch_<mode> functions ppcls/engine/train/__init__.py imports. */
const TRAIN_MODES = ["fixmatch", "fixmatch_ccssl", "progressive", "metabin"];

const GLOBAL_KEYS: GlobalKey[] = [
  {
    key: "output_dir",
    at: `${ENGINE}:78`,
    example: "./output/",
    // os.path.join(output_dir, "train.log") for the log file, as the Engine starts: text only (None, a number: TypeError).
    bad: (v) => (typeof v === "string" ? undefined : { exception: "TypeError", when: `when training starts (os.path.join(output_dir, "train.log") for the log: ${ENGINE}:79)` }),
  },
  { key: "use_visualdl", at: `${ENGINE}:99`, example: "False" },
  {
    key: "device",
    at: `${ENGINE}:107`,
    example: "gpu",
    words: DEVICES,
    bad: (v) => (typeof v === "string" && DEVICES.includes(v) ? undefined : { exception: "AssertionError", when: `when training starts (the device must be one of ${DEVICES.join(", ")}: ${ENGINE}:107)` }),
  },
  {
    key: "epochs",
    at: `${ENGINE}:129`,
    example: "20",
    // range(start, epochs + 1) in Engine.train: an int (or a bool) only, not 20.0.
    bad: (v, float) => ((Number.isInteger(v) && !float) || typeof v === "boolean" ? undefined : { exception: "TypeError", when: `when training starts (range(…, epochs + 1): ${ENGINE}:331)` }),
  },
  { key: "eval_during_train", at: `${ENGINE}:158`, example: "True" },
  {
    key: "pretrained_model",
    at: `${ENGINE}:235`,
    example: "null",
    // Anything but None goes to load_dygraph_pretrain, whose first step is pretrained_path.startswith(("http://", "https://")).
    bad: (v) => (v === null || typeof v === "string" ? undefined : { exception: "AttributeError", when: `when the model is built, before training starts (pretrained_path.startswith: ${SAVE_LOAD}:72)` }),
  },
  {
    key: "print_batch_step",
    at: `${ENGINE}:296`,
    example: "10",
    bad: (v) => {
      const exception = moduloError(v);
      return exception === undefined ? undefined : { exception, when: "at the first batch (iter_id % print_batch_step: ppcls/engine/train/train.py:85)" };
    },
  },
  {
    key: "save_interval",
    at: `${ENGINE}:297`,
    example: "1",
    // `save_interval > 0` at the end of each epoch: any number is fine (0 saves nothing), anything else raises.
    bad: (v) => (isNumber(v) ? undefined : { exception: "TypeError", when: `at the end of the first epoch (save_interval > 0: ${ENGINE}:425)` }),
  },
  {
    key: "checkpoints",
    at: `${ENGINE}:321`,
    example: "null",
    // Anything but None goes to init_model; a true value is a path prefix: checkpoints + ".pdparams".
    bad: (v) => (v === null || typeof v === "string" || !truthy(v) ? undefined : { exception: "TypeError", when: `when training starts (checkpoints + ".pdparams": ${SAVE_LOAD}:130)` }),
  },
  {
    key: "eval_interval",
    at: `${ENGINE}:349`,
    afterFirstEpoch: true,
    evalOnly: true,
    example: "1",
    bad: (v) => {
      const exception = moduloError(v);
      return exception === undefined ? undefined : { exception, when: `at the end of the first epoch (epoch_id % eval_interval: ${ENGINE}:349)` };
    },
  },
  {
    key: "seed",
    at: `${ENGINE}:70`,
    optional: true,
    example: "42",
    // `if seed or seed == 0: assert isinstance(seed, int)` (engine.py:70-72): a float or text seed stops the Engine.
    bad: (v, float) => ((!truthy(v) && v !== 0) || (typeof v === "number" && Number.isInteger(v) && !float) || typeof v === "boolean" ? undefined : { exception: "AssertionError", when: `when training starts ("The 'seed' must be a integer!": ${ENGINE}:72)` }),
  },
  {
    key: "eval_mode",
    at: `${ENGINE}:60`,
    optional: true,
    example: "classification",
    words: EVAL_MODES,
    // `get("eval_mode", "classification")`, then `assert self.eval_mode in [...]` as the Engine starts (engine.py:85-87).
    bad: (v) => (typeof v === "string" && EVAL_MODES.includes(v) ? undefined : { exception: "AssertionError", when: `when training starts (Invalid eval mode: the Engine asserts one of ${EVAL_MODES.join(", ")}: ${ENGINE}:85-87)` }),
  },
  {
    key: "train_mode",
    at: `${ENGINE}:62`,
    optional: true,
    example: "null",
    words: TRAIN_MODES,
    // None trains with train_epoch; anything else is getattr(train_method, "train_epoch_" + train_mode) as the Engine starts (engine.py:88-93).
    bad: (v) =>
      v === null || (typeof v === "string" && TRAIN_MODES.includes(v))
        ? undefined
        : { exception: typeof v === "string" ? "AttributeError" : "TypeError", when: `when training starts (getattr(train_method, "train_epoch_" + train_mode): ${ENGINE}:88-93; ppcls/engine/train has ${TRAIN_MODES.join(", ")}, or leave it out for the usual loop)` },
  },
  {
    key: "start_eval_epoch",
    at: `${ENGINE}:346`,
    optional: true,
    example: "1",
    // `get("start_eval_epoch", 0) - 1` after each epoch (engine.py:346): anything but a number is a TypeError then.
    bad: (v) => (isNumber(v) ? undefined : { exception: "TypeError", when: `at the end of the first epoch (start_eval_epoch - 1: ${ENGINE}:346)` }),
  },
];

/**
 * The Global keys a training run reads with `config["Global"][key]` and the
 * values it cannot use: a missing one is a KeyError, most while training
 * starts, `eval_interval` only at the end of the first epoch — after the
 * GPU time is spent. PaddleClas has no defaults for them (get_config fills nothing).
 * And the sections a training run reads besides: `DataLoader.Train`, and when
 * it evaluates `DataLoader.Eval` and `Metric.Eval`.
 */
export function globalProblems(config: PpclsConfig): ArgumentProblem[] {
  const building = "the training Engine";
  if (!config.has(["Global"])) {
    // tools/train.py reads config["Global"] before it builds anything.
    return [{ kind: "missing-key", at: [], building, where: "the config", key: "Global", when: " when training starts (tools/train.py:35)", suggestion: "add a `Global:` section (epochs, device, output_dir, … as the PaddleClas configs write them)" }];
  }
  const global = config.get(["Global"]);
  if (!isMapping(global)) return [{ kind: "not-a-mapping", at: ["Global"], building, value: shown(global), exception: "AttributeError" }];
  const out: ArgumentProblem[] = [];
  const evaluates = truthy(global["eval_during_train"]);
  const missing: GlobalKey[] = [];
  for (const k of GLOBAL_KEYS) {
    if (k.evalOnly === true && !evaluates) continue;
    if (!Object.hasOwn(global, k.key)) {
      if (k.optional !== true) missing.push(k);
      continue;
    }
    const float = config.isFloat(["Global", k.key]);
    const bad = k.bad?.(global[k.key], float);
    if (bad !== undefined) {
      // A word near one the key takes (`fixmach`) is suggested as that word; anything else as the configs write it.
      const value = global[k.key];
      const meant = typeof value === "string" && k.words !== undefined ? near(k.words, value) : undefined;
      out.push({ kind: "bad-value", at: ["Global", k.key], building, value: shownAt(config, ["Global", k.key]), exception: bad.exception, when: bad.when, suggestion: `write \`${k.key}: ${meant ?? k.example}\`` });
    }
  }
  // `"EMA" in self.config` (train mode): ExponentialMovingAverage(model, config["EMA"].get("decay", 0.9999)) when the
  // Engine starts (engine.py:250-253), and `decay * e + (1 - decay) * m` at every batch (ppcls/utils/ema.py:42).
  if (config.has(["EMA"])) {
    const ema = config.get(["EMA"]);
    if (!isMapping(ema)) out.push({ kind: "not-a-mapping", at: ["EMA"], building: "the model's EMA", value: shown(ema), exception: "AttributeError" });
    else if (Object.hasOwn(ema, "decay") && !isNumber(ema["decay"])) {
      out.push({ kind: "bad-value", at: ["EMA", "decay"], building: "the model's EMA", value: shownAt(config, ["EMA", "decay"]), exception: "TypeError", when: "at the first batch (decay * e + (1. - decay) * m: ppcls/utils/ema.py:42)", suggestion: "write `decay: 0.9999`" });
    }
  }
  out.push(...ampProblems(config));
  // range(best_metric["epoch"] + 1, epochs + 1) from epoch 0 (engine.py:331): epochs of 0 or less train nothing, without a word.
  const epochs = global["epochs"];
  if ((typeof epochs === "number" && Number.isInteger(epochs) && !config.isFloat(["Global", "epochs"]) && epochs <= 0) || epochs === false) {
    out.push({
      kind: "silent-value",
      at: ["Global", "epochs"],
      building,
      value: shownAt(config, ["Global", "epochs"]),
      what: `the Engine trains for epoch_id in range(1, epochs + 1) (${ENGINE}:331), which is empty: the run ends at once, with nothing trained`,
      suggestion: "write the number of epochs to train, e.g. `epochs: 20`",
    });
  }
  // A checkpoints value that is not None but false ('', False, 0) sends init_model on to pretrained_model, which it
  // loads with load_dygraph_pretrain(net, path=…): a keyword the function does not take (save_load.py:157-161).
  const checkpoints = global["checkpoints"];
  if (Object.hasOwn(global, "checkpoints") && checkpoints !== null && !truthy(checkpoints) && truthy(global["pretrained_model"])) {
    out.push({
      kind: "bad-value",
      at: ["Global", "checkpoints"],
      building,
      value: shownAt(config, ["Global", "checkpoints"]),
      exception: "TypeError",
      when: `when training starts, as Global.pretrained_model is set (init_model loads it with load_dygraph_pretrain(net, path=…), a keyword it does not take: ${SAVE_LOAD}:161)`,
      suggestion: "write `checkpoints: null` (Global.pretrained_model is loaded when the model is built)",
    });
  }
  // Keys read while training starts are one finding (the first stops the run); one read after the first epoch is its own.
  const others = Object.keys(global).filter((g) => !GLOBAL_KEYS.some((x) => x.key === g));
  for (const group of [missing.filter((k) => k.afterFirstEpoch !== true), missing.filter((k) => k.afterFirstEpoch === true)]) {
    const first = group[0];
    if (first === undefined) continue;
    const when = first.afterFirstEpoch === true ? ` at the end of the first epoch (${first.at})` : ` when training starts (${first.at})`;
    if (group.length === 1) out.push({ kind: "missing-key", at: ["Global"], building, where: "Global", key: first.key, when, example: first.example, ...hint(near(others, first.key)) });
    else out.push({ kind: "missing-keys", at: ["Global"], building, where: "Global", keys: group.map((k) => ({ key: k.key, example: k.example })), when });
  }
  // build_dataloader asserts `mode in config.keys()` (ppcls/data/__init__.py:94): Train always, Eval when training evaluates.
  const loaders = config.get(["DataLoader"]);
  const evalMode = global["eval_mode"] ?? "classification";
  if (isMapping(loaders)) {
    for (const [split, line] of [["Train", 134], ["Eval", 160]] as const) {
      // In retrieval mode the Engine reads DataLoader.Eval's keys itself first (a KeyError there): not modelled.
      if (Object.hasOwn(loaders, split) || (split === "Eval" && (!evaluates || evalMode === "retrieval"))) continue;
      const why = split === "Eval" ? ", as Global.eval_during_train is true" : "";
      out.push({
        kind: "missing-key",
        at: ["DataLoader"],
        building: `DataLoader.${split}`,
        where: "DataLoader",
        key: split,
        exception: "AssertionError",
        when: ` (${split} config not in yaml) when training starts${why} (${ENGINE}:${line}, ppcls/data/__init__.py:94)`,
        suggestion: `add the \`${split}:\` section under DataLoader (dataset, sampler, loader)${split === "Eval" ? ", or set Global.eval_during_train: False" : ""}`,
      });
    }
  }
  // classification_eval reads config["Metric"]["Eval"][0] at its first batch (ppcls/engine/evaluation/classification.py:134),
  // though the Engine builds no metric without it: the first evaluation, after the first epoch, stops.
  if (evaluates && evalMode === "classification") {
    const metric = config.get(["Metric"]);
    const metricEval = isMapping(metric) ? metric["Eval"] : undefined;
    const when = ` at the first evaluation, at the end of the first epoch, as Global.eval_during_train is true (${EVAL_METRIC_READ})`;
    const building = "the evaluation";
    const listMetrics = "with the metrics to report (`- AccuracyScore:`, `- HammingDistance:`), or set Global.eval_during_train: False";
    const suggestion = `add \`Metric.Eval\` ${listMetrics}`;
    if (!isMapping(metric)) {
      if (metric === undefined) out.push({ kind: "missing-key", at: ["Global", "eval_during_train"], building, where: "the config", key: "Metric", when, suggestion });
      // A list or a string passes the Engine's `in` tests and is subscripted with "Eval" there (a string holding
      // "Train" or "Eval" is subscripted while the Engine starts: sectionProblems' finding).
      else if (Array.isArray(metric) || (typeof metric === "string" && !metric.includes("Train") && !metric.includes("Eval")))
        out.push({ kind: "bad-value", at: ["Metric"], building, value: shown(metric), exception: "TypeError", when: when.trimStart(), suggestion: "write Metric as a mapping: `Train:` and `Eval:`, each a list of metrics" });
    } else if (!Object.hasOwn(metric, "Eval")) {
      out.push({ kind: "missing-key", at: ["Metric"], building, where: "Metric", key: "Eval", when, suggestion });
    } else if (Array.isArray(metricEval) && metricEval.length === 0) {
      out.push({ kind: "bad-value", at: ["Metric", "Eval"], building, value: "an empty list", exception: "IndexError", when: when.trimStart(), suggestion: `fill the list ${listMetrics}` });
    }
  }
  out.push(...sectionProblems(config, evaluates), ...bestModelProblems(config));
  return out;
}

/**
 * Which way the number the Engine takes from an evaluation improves: classification_eval returns the first Eval
 * metric's `avg` (ATTRMetric's `ma`) (ppcls/engine/evaluation/classification.py:150-175). HammingDistance falls as the
 * model improves (ppcls/metric/metrics.py:397-402); the other multi-label metrics and TopkAcc grow. Undefined when
 * training does not evaluate, evaluates another way (retrieval), or the metric is not one of these.
 */
function evalMetricDirection(config: PpclsConfig): { name: string; at: KeyPath; grows: boolean } | undefined {
  const global = config.get(["Global"]);
  if (!isMapping(global) || !truthy(global["eval_during_train"]) || (global["eval_mode"] ?? "classification") !== "classification") return undefined;
  const first = config.components(["Metric", "Eval"])[0];
  if (first === undefined) return undefined;
  if (first.name === "HammingDistance") return { name: first.name, at: first.at, grows: false };
  return GROWING_METRICS.has(first.name) ? { name: first.name, at: first.at, grows: true } : undefined;
}
const GROWING_METRICS = new Set(["AccuracyScore", "MultiLabelMAP", "ATTRMetric", "MultilabelMeanAccuracy", "TopkAcc"]);

/**
 * The Engine saves best_model at each evaluation whose result is at least the best so far (`acc >= best_metric["metric"]`,
 * ppcls/engine/engine.py:360, 389): it takes a larger first Eval metric for a better model. HammingDistance first makes
 * best_model the worst evaluated epoch. Training itself is as written: a warning.
 */
function bestModelProblems(config: PpclsConfig): ArgumentProblem[] {
  const metric = evalMetricDirection(config);
  if (metric === undefined || metric.grows) return [];
  return [
    {
      kind: "silent-value",
      at: metric.at,
      building: "the evaluation",
      value: "the first Eval metric",
      what: `the Engine saves best_model at each evaluation whose first Eval metric is at least the largest so far (acc >= best_metric: ${ENGINE}:360, 389), and HammingDistance is smaller for a better model (ppcls/metric/metrics.py:397-402): best_model is the worst evaluated epoch`,
      suggestion: "put a metric that grows as the model improves first under Metric.Eval (`- AccuracyScore:` before `- HammingDistance:`)",
      warning: true,
    },
  ];
}

const EVAL_METRIC_READ = "ppcls/engine/evaluation/classification.py:134";

/** What build_model reads, and the models it finds by name, as schemas/ppcls/arch.schema.json records them (generated by scripts/ppcls-signatures.py). */
interface ArchFacts {
  namespace: string;
  reads: Record<"name" | "call", SourceLine>;
  names: string[];
  /**
   * The models whose `pretrained`, as text, is a weights path their `_load_pretrained` hands to
   * load_dygraph_pretrain (`exists`: where it raises ValueError for a missing file); all but
   * `untyped` raise RuntimeError on a value that is neither a bool nor text.
   */
  pretrained: { exists: SourceLine; paths: string[]; untyped: string[] };
  /** The keys build_model pops from Arch before the call (`name`, `use_sync_bn`, `use_ml_decoder`). */
  popped: string[];
  /**
   * The models that take a fixed set of keys (a function's parameters, and those of the class it hands
   * `**kwargs` to, less what it passes itself): any other key is a TypeError when the model is built.
   * Models that take any key are absent.
   */
  arguments: Record<string, SourceLine & { takes: string[]; required: string[]; via?: SourceLine & { class: string } }>;
  /** build_model's ML-Decoder head (`Arch.use_ml_decoder`): where it is read and added, the keys add_ml_decoder_head pops, MLDecoder's constructor. */
  mlDecoder?: { reads: Record<"use" | "add" | "classNum" | "call", SourceLine>; popped: string[]; head: ClassSignature };
}

let archFile: ArchFacts | undefined;

function archFacts(): ArchFacts {
  archFile ??= schemaFile<{ "x-ppcls": ArchFacts }>("ppcls/arch.schema.json")["x-ppcls"];
  return archFile;
}

/** Where load_dygraph_pretrain raises for a missing file, when model `name` loads a text `pretrained` as a weights path. */
export function pretrainedPathCheck(name: unknown): string | undefined {
  const { pretrained } = archFacts();
  return typeof name === "string" && pretrained.paths.includes(name) ? cited(pretrained.exists) : undefined;
}

/** What build_optimizer reads and passes, as schemas/ppcls/optimizers.schema.json records it (generated by scripts/ppcls-signatures.py). */
interface OptimizerFacts {
  namespace: string;
  optimizers: { source: string; names: string[] };
  schedules: { source: string; names: string[] };
  /** paddle.regularizer (Paddle's source), where a regularizer's name + suffix (`L2` + `Decay`) is looked up. */
  regularizers: SourceLine & { suffix: string; names: string[] };
  reads: Record<
    "name" | "scope" | "lr" | "lossParameters" | "call" | "lrUpdate" | "lrCall" | "learningRate" | "regularizer" | "regularizerName" | "regularizerCall" | "weightDecay" | "clipNorm",
    SourceLine
  >;
  /** Keys build_optimizer pops from an item before the call (the regularizer only when it is not None). */
  popped: string[];
  /** What build_optimizer passes the optimizer by keyword beside the item's keys (learning_rate, grad_clip). */
  optimizerKeywords: string[];
  /** What build_lr_scheduler sets in lr before the call (epochs, step_each_epoch): a value the config gives is replaced. */
  scheduleUpdates: string[];
}

/** `ppcls/optimizer/__init__.py:52`. */
const cited = (line: SourceLine): string => `${line.source}:${line.line}`;

type OptimizerGroup = "optimizers" | "schedules" | "regularizers";
let optimizerFile: { facts: OptimizerFacts; classes: Record<OptimizerGroup, Map<string, ClassSignature>> } | undefined;
function optimizerData(): NonNullable<typeof optimizerFile> {
  if (optimizerFile === undefined) {
    const schema = schemaFile<{ "x-ppcls": OptimizerFacts; definitions: Record<string, { "x-ppcls": ClassSignature }> }>("ppcls/optimizers.schema.json");
    const facts = schema["x-ppcls"];
    const group = (names: string[]) => new Map(names.map((name) => [name, schema.definitions[name]!["x-ppcls"]]));
    optimizerFile = { facts, classes: { optimizers: group(facts.optimizers.names), schedules: group(facts.schedules.names), regularizers: group(facts.regularizers.names) } };
  }
  return optimizerFile;
}
const optimizerSchema = (): OptimizerFacts => optimizerData().facts;
/** `when training starts (ppcls/optimizer/__init__.py:75)`: build_optimizer runs before the first step. */
const startsAt = (read: keyof OptimizerFacts["reads"]): string => `when training starts (${cited(optimizerSchema().reads[read])})`;

/** The optimizers, lr schedules or regularizers build_optimizer builds by name, with their constructors (regularizers by class: `L2Decay`). */
export function optimizerSignatures(group: OptimizerGroup): ReadonlyMap<string, ClassSignature> {
  return optimizerData().classes[group];
}

/** What `"key" in value` and then `value[…]` or `value.get` raise on a section that is not a mapping. */
const notMappingRaises = (value: unknown): string => (Array.isArray(value) || typeof value === "string" ? "AttributeError" : "TypeError");

/**
 * The sections a training run builds before its first step, each read with
 * `config[section]`: the model (`Arch`, its `name`), the training loss
 * (`Loss.Train`), the metric switch (`"Train" in config["Metric"]`) and the
 * optimizer with its learning rate. A missing one is a KeyError while the
 * Engine starts, a loss list that is empty fails at the first batch.
 */
function sectionProblems(config: PpclsConfig, evaluates: boolean): ArgumentProblem[] {
  const out: ArgumentProblem[] = [];
  const building = "the training Engine";
  const starts = (at: string) => ` when training starts (${at})`;
  const arch = config.get(["Arch"]);
  if (arch === undefined) {
    out.push({ kind: "missing-key", at: [], building, where: "the config", key: "Arch", when: starts(`${ENGINE}:63`), suggestion: "add an `Arch:` section with the model's `name` and `class_num`" });
  } else if (!isMapping(arch)) {
    out.push({ kind: "not-a-mapping", at: ["Arch"], building, value: shown(arch), exception: notMappingRaises(arch) });
  } else if (!Object.hasOwn(arch, "name")) {
    out.push({ kind: "missing-key", at: ["Arch"], building: "the model", where: "Arch", key: "name", when: starts(cited(archFacts().reads.name)), example: "MobileNetV1" });
  } else {
    // getattr(ppcls.arch, name)(**rest): a name the namespace does not bind is an AttributeError, one that is no string a TypeError.
    const name = arch["name"];
    const facts = archFacts();
    if (typeof name !== "string" || !facts.names.includes(name)) {
      const didYouMean = typeof name === "string" ? near(facts.names, name) : undefined;
      const why = typeof name === "string" ? "ppcls.arch (its own models and the backbones it imports) has no model of that name" : "a model's name must be a string";
      out.push({ kind: "bad-value", at: ["Arch", "name"], building: "the model", value: shown(name), exception: typeof name === "string" ? "AttributeError" : "TypeError", when: `when training starts (build_model's getattr, ${cited(facts.reads.call)}): ${why}`, suggestion: `write \`${didYouMean ?? "ResNet50"}\`${didYouMean !== undefined ? "" : " or another model ppcls.arch has"}` });
    } else if (name === "DistillationModel") {
      out.push(...distillationProblems(config, arch, evaluates));
    } else {
      out.push(...modelArgumentProblems(config, arch, name));
      out.push(...pretrainedProblems(config, arch, name, ["Arch"]));
    }
  }

  out.push(...mlDecoderProblems(config));

  const loss = config.get(["Loss"]);
  if (loss === undefined) {
    out.push({ kind: "missing-key", at: [], building, where: "the config", key: "Loss", when: starts(`${ENGINE}:180`), suggestion: "add `Loss:` with `Train:`, a list of losses (`- MultiLabelLoss:` with `weight: 1.0`)" });
  } else if (!isMapping(loss)) {
    // config["Loss"]["Train"]: None, a number or a list is not subscriptable by a string; a string's index must be an int.
    out.push({ kind: "not-a-mapping", at: ["Loss"], building, value: shown(loss), exception: "TypeError" });
  } else if (!Object.hasOwn(loss, "Train")) {
    out.push({ kind: "missing-key", at: ["Loss"], building, where: "Loss", key: "Train", when: starts(`${ENGINE}:180`), suggestion: "add `Train:` under Loss, a list of losses (`- MultiLabelLoss:` with `weight: 1.0`)", ...hint(near(Object.keys(loss), "Train")) });
  } else if (loss["Train"] === null) {
    // build_loss(None) is None; the optimizer then asks it for its parameters.
    out.push({ kind: "bad-value", at: ["Loss", "Train"], building, value: "None", exception: "AttributeError", when: `when training starts (the optimizer reads the loss's parameters: ${cited(optimizerSchema().reads.lossParameters)})`, suggestion: "list the training losses under Loss.Train (`- MultiLabelLoss:` with `weight: 1.0`)" });
  } else if (Array.isArray(loss["Train"]) && loss["Train"].length === 0) {
    out.push({ kind: "bad-value", at: ["Loss", "Train"], building, value: "an empty list", exception: "ValueError", when: "at the first batch (paddle.add_n of no losses: ppcls/loss/__init__.py:82)", suggestion: "list the training losses under Loss.Train (`- MultiLabelLoss:` with `weight: 1.0`)" });
  }

  // `"Train" in config["Metric"]` (ppcls/engine/engine.py:198): None or a number is not iterable; a string is, and is
  // subscripted if it holds "Train" (or "Eval", when training evaluates: engine.py:215).
  const metric = config.get(["Metric"]);
  if (metric === null || typeof metric === "number" || typeof metric === "boolean" || (typeof metric === "string" && (metric.includes("Train") || (evaluates && metric.includes("Eval"))))) {
    out.push({ kind: "not-a-mapping", at: ["Metric"], building, value: shown(metric), exception: "TypeError" });
  }

  out.push(...optimizerProblems(config, building));
  return out;
}

/**
 * The ML-Decoder head build_model puts on the model with `Arch.use_ml_decoder`:
 * add_ml_decoder_head(arch, config.get("MLDecoder", {})) tests `'class_num' not in`
 * the section and sets keys in it (a TypeError on anything but a mapping; None
 * too), pops remove_layers and replace_layer, then calls MLDecoder(**section),
 * whose constructor takes no other keys (TypeError), while the model is built.
 */
/**
 * build_model calls the model with Arch's keys less the ones it pops (`getattr(ppcls.arch, name)(**rest)`); the
 * Engine first copies a deprecated `Global.class_num` into Arch when Arch has none (ppcls/engine/engine.py:119-120).
 * For a model that takes a fixed set of keys, another key, or a required one left out, is a TypeError when the
 * model is built: after both lists are loaded.
 */
function modelArgumentProblems(config: PpclsConfig, arch: Mapping, name: string, at: KeyPath = ["Arch"], popped: readonly string[] = archFacts().popped): ArgumentProblem[] {
  const facts = archFacts();
  const model = facts.arguments[name];
  if (model === undefined) return [];
  const building = "the model";
  const signature: ClassSignature = { source: model.source, line: model.line, takes: model.takes, required: model.required, function: true, ...(model.via !== undefined ? { via: model.via } : {}) };
  const given: [KeyPath, string][] = Object.keys(arch)
    .filter((key) => !popped.includes(key))
    .map((key) => [[...at, key], key]);
  if (at.length === 1 && !Object.hasOwn(arch, "class_num") && Object.hasOwn(config.object(["Global"]), "class_num")) given.push([["Global", "class_num"], "class_num"]);
  const keys = given.map(([, key]) => key);
  const out: ArgumentProblem[] = [];
  for (const [keyAt, key] of given) if (!model.takes.includes(key)) out.push(unknownArgument(keyAt, building, name, signature, key, keys));
  const unknown = keys.filter((key) => !model.takes.includes(key));
  for (const argument of model.required) {
    if (!keys.includes(argument)) out.push({ kind: "missing-argument", at: [...at, "name"], building, className: name, signature, argument, exception: "TypeError", ...hint(near(unknown, argument)) });
  }
  return out;
}

/** A model's `pretrained` its module's _load_pretrained refuses: `is False`, `is True`, isinstance(pretrained, str), else RuntimeError (None, 0 and 1 too). */
function pretrainedProblems(config: PpclsConfig, model: Mapping, name: string, at: KeyPath): ArgumentProblem[] {
  const { pretrained } = archFacts();
  const value = model["pretrained"];
  if (!Object.hasOwn(model, "pretrained") || !pretrained.paths.includes(name) || pretrained.untyped.includes(name) || typeof value === "boolean" || typeof value === "string") return [];
  return [
    {
      kind: "bad-value",
      at: [...at, "pretrained"],
      building: "the model",
      value: shownAt(config, [...at, "pretrained"]),
      exception: "RuntimeError",
      when: `when the model is built, before training starts (${name}'s _load_pretrained takes True, False or a weights path: "pretrained type is not available")`,
      suggestion: "write `pretrained: True` (the ImageNet weights), `False`, or the path of the weights",
    },
  ];
}

const DISTILLATION = "ppcls/arch/__init__.py";

/**
 * A DistillationModel (PaddleClas d178931, ppcls/arch/__init__.py:114-156): `models` a list of one-key
 * mappings, each model built as `eval(name)(**rest)` while the model is built, `pretrained_list` and
 * `freeze_params_list` as long as `models` (asserted). Its forward returns the models' outputs as a dict
 * keyed by model, which training hands to every Train loss and metric as it is, and evaluation reduces
 * to `out["Student"]` (ppcls/engine/evaluation/classification.py:68-69): a loss or metric that reads one
 * model's output gets the dict, and a Distillation loss names models the dict must hold.
 */
function distillationProblems(config: PpclsConfig, arch: Mapping, evaluates: boolean): ArgumentProblem[] {
  const out: ArgumentProblem[] = [];
  const building = "the model";
  const models = arch["models"];
  if (!Array.isArray(models)) {
    const at: KeyPath = Object.hasOwn(arch, "models") ? ["Arch", "models"] : ["Arch", "name"];
    const value = Object.hasOwn(arch, "models") ? shownAt(config, ["Arch", "models"]) : "a DistillationModel without `models`";
    out.push({ kind: "bad-value", at, building, value, exception: "AssertionError", when: `when the model is built, before training starts (assert isinstance(models, list), ${DISTILLATION}:121)`, suggestion: "list the models under Arch.models, one `- Student:` (or `- Teacher:`) mapping each with its `name` and `class_num`" });
    return out;
  }
  if (models.length === 0) {
    out.push({ kind: "bad-value", at: ["Arch", "models"], building, value: "an empty list", exception: "an error", when: `before the first batch: DistillationModel then builds no model (${DISTILLATION}:130-141), so there are no weights to train and no output for the losses`, suggestion: "list the models under Arch.models, one `- Student:` (or `- Teacher:`) mapping each with its `name` and `class_num`" });
    return out;
  }
  const facts = archFacts();
  const keys: string[] = [];
  models.forEach((entry: unknown, i) => {
    const at: KeyPath = ["Arch", "models", i];
    if (!isMapping(entry) || Object.keys(entry).length !== 1) {
      const what = isMapping(entry) ? `a mapping of ${Object.keys(entry).length} keys` : shownAt(config, at);
      out.push({ kind: "bad-value", at, building, value: what, exception: isMapping(entry) ? "AssertionError" : "TypeError", when: `when the model is built, before training starts (each model is one \`Key: {name: …}\` mapping: \`assert len(model_config) == 1\`, ${DISTILLATION}:131)`, suggestion: "write each model as `- Student:` with its `name`, `class_num` and other keys indented under it" });
      return;
    }
    const key = Object.keys(entry)[0]!;
    keys.push(key);
    const options = entry[key];
    const modelAt: KeyPath = [...at, key];
    if (!isMapping(options)) {
      out.push({ kind: "bad-value", at: modelAt, building, value: shownAt(config, modelAt), exception: options === null || typeof options !== "object" ? "AttributeError" : "TypeError", when: `when the model is built, before training starts (\`model_config.pop("name")\`, ${DISTILLATION}:134)`, suggestion: `give ${key} its keys, indented under it: \`name\` (the model, e.g. PPLCNet_x1_0) and \`class_num\`` });
      return;
    }
    if (!Object.hasOwn(options, "name")) {
      out.push({ kind: "missing-key", at: modelAt, building, where: keyText(modelAt), key: "name", when: ` when the model is built, before training starts (\`model_config.pop("name")\`, ${DISTILLATION}:134)`, example: "PPLCNet_x1_0" });
      return;
    }
    const name = options["name"];
    if (typeof name !== "string" || !facts.names.includes(name)) {
      const didYouMean = typeof name === "string" ? near(facts.names, name) : undefined;
      out.push({ kind: "bad-value", at: [...modelAt, "name"], building, value: shown(name), exception: evalError(name), when: `when the model is built, before training starts (\`eval(model_name)\` in ppcls.arch, ${DISTILLATION}:135): ${typeof name === "string" ? "ppcls.arch (its own models and the backbones it imports) has no model of that name" : "a model's name must be a string"}`, suggestion: `write \`${didYouMean ?? "PPLCNet_x1_0"}\`${didYouMean !== undefined ? "" : " or another model ppcls.arch has"}` });
      return;
    }
    out.push(...modelArgumentProblems(config, options, name, modelAt, ["name"]), ...pretrainedProblems(config, options, name, modelAt));
  });
  // `assert len(pretrained_list) == len(models)` when it is not None; freeze_params_list defaults to all False.
  for (const [list, line] of [["pretrained_list", 125], ["freeze_params_list", 129]] as const) {
    const value = arch[list];
    if (value === undefined || value === null) continue;
    // len() of text or a mapping is compared too; of a number or a bool it is a TypeError.
    const length = Array.isArray(value) ? value.length : typeof value === "string" ? value.length : isMapping(value) ? Object.keys(value).length : undefined;
    if (length === models.length) continue;
    const exception = length === undefined ? "TypeError" : "AssertionError";
    out.push({ kind: "bad-value", at: ["Arch", list], building, value: Array.isArray(value) ? `a list of ${value.length}` : shownAt(config, ["Arch", list]), exception, when: `when the model is built, before training starts (its length must be that of Arch.models, ${models.length}: ${DISTILLATION}:${line})`, suggestion: `give ${list} one entry for each model, in the order of Arch.models${list === "pretrained_list" ? ", or leave it empty (None) to load none" : ", or leave it out to train every model"}` });
  }
  // DistillationModel loads each weights path of pretrained_list with `load_dygraph_pretrain(key, path=…)`: d178931's
  // load_dygraph_pretrain takes no `path` keyword (TypeError); 2.5.2 and earlier take it and call set_dict on the key, a string.
  const pretrainedList = arch["pretrained_list"];
  if (Array.isArray(pretrainedList) && pretrainedList.length === models.length) {
    pretrainedList.forEach((entry: unknown, i) => {
      if (entry === null) return;
      out.push({ kind: "bad-value", at: ["Arch", "pretrained_list", i], building, value: shownAt(config, ["Arch", "pretrained_list", i]), exception: "TypeError", when: `when the model is built, before training starts: DistillationModel loads it with \`load_dygraph_pretrain(key, path=pretrained)\` (${DISTILLATION}:146-147), and load_dygraph_pretrain takes no \`path\` keyword (ppcls/utils/save_load.py:66; PaddleClas 2.5.2 and earlier take one, and then fail on the model's key, a string, with AttributeError, or ValueError for a missing file)`, suggestion: "load a model's weights with its own `pretrained: path/to/weights` under Arch.models, and leave pretrained_list empty" });
    });
  }
  if (keys.length === models.length) out.push(...distilledOutputProblems(config, keys, evaluates));
  return out;
}

/** The Distillation losses whose constructor asserts that their model names are a list (ppcls/loss/distillationloss.py, d178931): the line. */
const LIST_ASSERTED: Readonly<Record<string, { model_names?: number; model_name_pairs?: number }>> = {
  DistillationCELoss: { model_name_pairs: 44 },
  DistillationGTCELoss: { model_names: 74 },
  DistillationDMLLoss: { model_name_pairs: 103 },
  DistillationDistanceLoss: { model_name_pairs: 142 },
  DistillationKLDivLoss: { model_name_pairs: 214 },
  DistillationMultiLabelLoss: { model_names: 341 },
};

/** Whether a loss or metric reads the dict of a distillation's outputs by model (`predicts[name]`: the Distillation losses, AFDLoss at ppcls/loss/afdloss.py:79-81), not one model's output. */
const readsModelDict = (name: string): boolean => name.startsWith("Distillation") || name === "AFDLoss";

/**
 * The losses and metrics that meet a DistillationModel's outputs: in training the dict keyed by model,
 * which a Distillation loss reads by the model names it is given (`predicts[name]`: a name no model
 * has is a KeyError at the first batch, ppcls/loss/distillationloss.py), and which any other loss or
 * metric takes for one model's output (MultiLabelLoss reads `x["logits"]`, ppcls/loss/multilabelloss.py:61-62;
 * the metrics compute on it); in evaluation `out["Student"]`, or the dict when no model is keyed Student.
 */
function distilledOutputProblems(config: PpclsConfig, keys: readonly string[], evaluates: boolean): ArgumentProblem[] {
  const out: ArgumentProblem[] = [];
  if (keys.includes("logits")) return out;
  const whenTrain = "at the first batch";
  for (const component of [...config.components(["Loss", "Train"]), ...config.components(["Metric", "Train"])]) {
    if (readsModelDict(component.name)) continue;
    const loss = component.at[0] === "Loss";
    out.push({ kind: "bad-value", at: component.at, building: `${keyText(component.at.slice(0, 2))}`, value: `a ${loss ? "loss" : "metric"} of one model's output`, exception: loss ? "KeyError ('logits')" : "an error", when: `${whenTrain}: DistillationModel returns its models' outputs as a dict keyed by model (${keys.join(", ")}; ${DISTILLATION}:149-156), and training hands the dict to every ${loss ? "loss" : "metric"} as it is (${loss ? "MultiLabelLoss reads `x[\"logits\"]`, ppcls/loss/multilabelloss.py:61-62" : "ppcls/engine/train/utils.py:24-25"})`, suggestion: loss ? "train on the labels with `- DistillationMultiLabelLoss:` and `model_names: [\"Student\"]` (the models it scores)" : "remove the training metric (evaluation scores Student's outputs)" });
  }
  // Evaluation hands a Distillation loss the dict only when no model is keyed Student (else Student's output).
  const splits = evaluates && !keys.includes("Student") ? (["Train", "Eval"] as const) : (["Train"] as const);
  const building = (loss: { at: KeyPath }) => keyText(loss.at.slice(0, 2));
  for (const split of splits) {
    const losses = config.components(["Loss", split]);
    for (const loss of losses) {
      if (!readsModelDict(loss.name)) continue;
      for (const option of ["model_names", "model_name_pairs"] as const) {
        const value = loss.options[option];
        const line = LIST_ASSERTED[loss.name]?.[option];
        if (value === undefined || Array.isArray(value) || line === undefined) continue;
        out.push({ kind: "bad-value", at: [...loss.at, option], building: building(loss), value: shownAt(config, [...loss.at, option]), exception: "AssertionError", when: `while the loss is built, before training starts (\`assert isinstance(${option}, list)\`, ppcls/loss/distillationloss.py:${line})`, suggestion: option === "model_names" ? `write it as a list: \`model_names: ["Student"]\`` : `write it as a list of pairs: \`model_name_pairs: [["Student", "Teacher"]]\`` });
      }
      const names = loss.options["model_names"];
      if (Array.isArray(names)) {
        names.forEach((name: unknown, i) => {
          if (typeof name !== "string" || !keys.includes(name)) out.push(unknownModel(loss, [...loss.at, "model_names", i], name, keys));
        });
        if (names.length === 0 && loss.name === "DistillationMultiLabelLoss") {
          const example = `\`model_names: ["${keys.includes("Student") ? "Student" : keys[0]}"]\``;
          const why = `${loss.name} scores only the models model_names names against the labels (ppcls/loss/distillationloss.py:346-355), so with none it adds nothing to the loss`;
          const scoring = losses.some((other) => other !== loss && other.name === "DistillationMultiLabelLoss" && Array.isArray(other.options["model_names"]) && (other.options["model_names"] as unknown[]).length > 0);
          if (losses.length === 1) {
            out.push({ kind: "bad-value", at: [...loss.at, "model_names"], building: building(loss), value: "an empty list", exception: "IndexError", when: `at the first batch: ${why}, and as the only loss its empty result has no value to train on (\`list(loss.values())[0]\`, ppcls/loss/__init__.py:75)`, suggestion: `name the models it trains on the labels: ${example}` });
          } else {
            out.push({ kind: "silent-value", at: [...loss.at, "model_names"], building: building(loss), value: "an empty list", what: `${why}${scoring ? "" : `, and no other loss of ${keyText(["Loss", split])} trains on the labels, so the models learn only from each other`}`, suggestion: `name the models it trains on the labels: ${example}`, ...(scoring ? { warning: true as const } : {}) });
          }
        }
      }
      const pairs = loss.options["model_name_pairs"];
      if (Array.isArray(pairs)) {
        // forward reads `pair[0]` and `pair[1]`: text is indexed by character, a number or None is not subscriptable.
        pairs.forEach((pair: unknown, i) => {
          const pairAt = [...loss.at, "model_name_pairs", i];
          const firstUse = `at the first batch${loss.at[1] === "Eval" ? " of evaluation" : ""}`;
          const suggestion = `write the pair as a list of two model keys: \`- ["${keys.includes("Student") ? "Student" : keys[0]}", "${keys.find((k) => k !== "Student") ?? keys[0]}"]\``;
          if (Array.isArray(pair) && pair.length >= 2) {
            pair.slice(0, 2).forEach((name: unknown, j) => {
              if (typeof name !== "string" || !keys.includes(name)) out.push(unknownModel(loss, [...pairAt, j], name, keys));
            });
          } else if (Array.isArray(pair) || (typeof pair === "string" && pair.length < 2)) {
            out.push({ kind: "bad-value", at: pairAt, building: building(loss), value: shownAt(config, pairAt), exception: "IndexError", when: `${firstUse}: ${loss.name} reads two models of each pair (\`pair[0]\`, \`pair[1]\`, ppcls/loss/distillationloss.py)`, suggestion });
          } else if (typeof pair === "string") {
            out.push({ kind: "bad-value", at: pairAt, building: building(loss), value: shownAt(config, pairAt), exception: keys.includes(pair[0]!) && keys.includes(pair[1]!) ? "an error" : `KeyError ('${keys.includes(pair[0]!) ? pair[1] : pair[0]}')`, when: `${firstUse}: ${loss.name} reads the models \`pair[0]\` and \`pair[1]\` of each pair, and of text those are its first two characters (ppcls/loss/distillationloss.py)`, suggestion });
          } else {
            out.push({ kind: "bad-value", at: pairAt, building: building(loss), value: shownAt(config, pairAt), exception: isMapping(pair) ? "KeyError (0)" : "TypeError", when: `${firstUse}: ${loss.name} reads \`pair[0]\` and \`pair[1]\` of each pair (ppcls/loss/distillationloss.py)`, suggestion });
          }
        });
      }
    }
  }
  // With a Student, evaluation hands the losses Student's output alone (a Tensor), which a Distillation loss indexes by model name.
  if (evaluates && keys.includes("Student")) {
    for (const loss of config.components(["Loss", "Eval"])) {
      if (!readsModelDict(loss.name)) continue;
      out.push({ kind: "bad-value", at: loss.at, building: "Loss.Eval", value: "a loss of the models' outputs by name", exception: "an error (IndexError or ValueError, by Paddle version)", when: `at the first evaluation: evaluation hands the losses Student's output alone (\`out["Student"]\`, ppcls/engine/evaluation/classification.py:68-69), and ${loss.name} reads each model from it by name (\`predicts[name]\`), which a Tensor cannot be indexed by`, suggestion: "evaluate with a plain `- MultiLabelLoss:` (with the training loss's `weight_ratio`), which scores Student's output" });
    }
  }
  if (evaluates && !keys.includes("Student")) {
    const scoring = [...config.components(["Loss", "Eval"]), ...config.components(["Metric", "Eval"])].filter((c) => !readsModelDict(c.name));
    if (scoring.length > 0) {
      out.push({ kind: "bad-value", at: ["Arch", "models"], building: "the evaluation", value: `a list of models keyed ${keys.join(", ")} (none Student)`, exception: "an error", when: `at the first evaluation: evaluation scores \`out["Student"]\` only when a model is keyed Student (ppcls/engine/evaluation/classification.py:68-69), else ${keyText(scoring[0]!.at)} gets the dict of every model's outputs`, suggestion: "key the model evaluation should score `Student` (`- Student:` under Arch.models)" });
    }
  }
  return out;
}

function unknownModel(loss: { name: string; at: KeyPath }, at: KeyPath, name: unknown, keys: readonly string[]): ArgumentProblem {
  const didYouMean = typeof name === "string" ? (near(keys, name) ?? keys.find((key) => key.toLowerCase() === name.toLowerCase())) : undefined;
  return { kind: "bad-value", at, building: keyText(loss.at.slice(0, 2)), value: shown(name), exception: name !== null && typeof name === "object" ? "TypeError (unhashable)" : `KeyError (${shown(name)})`, when: `at the first batch${loss.at[1] === "Eval" ? " of evaluation" : ""}: ${loss.name} reads each named model's output from the models' outputs (\`predicts[name]\`, ppcls/loss/distillationloss.py), and Arch.models keys ${keys.join(", ")}`, suggestion: `write ${didYouMean !== undefined ? `\`${didYouMean}\`` : "the key of one of Arch.models"}` };
}

function mlDecoderProblems(config: PpclsConfig): ArgumentProblem[] {
  const facts = archFacts().mlDecoder;
  if (facts === undefined || !truthy(config.get(["Arch", "use_ml_decoder"])) || !config.has(["MLDecoder"])) return [];
  const building = "the model's ML-Decoder head";
  const section = config.get(["MLDecoder"]);
  if (!isMapping(section)) return [{ kind: "not-a-mapping", at: ["MLDecoder"], building, value: shown(section), exception: "TypeError" }];
  const given = Object.keys(section);
  const out = given
    .filter((key) => !facts.head.takes.includes(key) && !facts.popped.includes(key))
    .map((key) => unknownArgument(["MLDecoder", key], building, "MLDecoder", facts.head, key, given));
  // MLDecoder's first computation: `query_num = min(max(query_num, 1), class_num)` (ml_decoder.py:53), which compares numbers.
  for (const key of ["query_num", "class_num"]) {
    if (!Object.hasOwn(section, key) || isNumber(section[key])) continue;
    const at = ["MLDecoder", key];
    out.push({ kind: "bad-value", at, building, value: shownAt(config, at), exception: "TypeError", when: `while building the model's ML-Decoder head (MLDecoder computes min(max(query_num, 1), class_num), which compares numbers: ppcls/arch/gears/ml_decoder.py:53, PaddleClas d178931)`, suggestion: `write \`${key}: ${key === "query_num" ? 80 : "<the number of classes>"}\` (a number)` });
  }
  // add_ml_decoder_head loops over remove_layers and looks each name up with hasattr(model, name), then replace_layer
  // (ppcls/arch/gears/__init__.py:51-73): hasattr takes only a string name. Which names the backbone has is its own.
  const head = "while building the model's ML-Decoder head";
  if (Object.hasOwn(section, "remove_layers")) {
    const at = ["MLDecoder", "remove_layers"];
    const layers = section["remove_layers"];
    const example = "write the backbone's layer names as a list: `remove_layers: [avg_pool, flatten]` (the default), or `[]` for none";
    if (layers === null || typeof layers === "number" || typeof layers === "boolean") {
      out.push({ kind: "bad-value", at, building, value: shownAt(config, at), exception: "TypeError", when: `${head} (add_ml_decoder_head iterates remove_layers: ppcls/arch/gears/__init__.py:56)`, suggestion: example });
    } else if (typeof layers === "string" && layers !== "") {
      out.push({ kind: "bad-value", at, building, value: shownAt(config, at), exception: "AttributeError", when: `${head} (add_ml_decoder_head iterates text as its characters and removes a layer named '${layers[0]}', which the backbone does not have: ppcls/arch/gears/__init__.py:56-62)`, suggestion: example });
    } else if (Array.isArray(layers)) {
      layers.forEach((layer: unknown, i) => {
        if (typeof layer !== "string") out.push({ kind: "bad-value", at: [...at, i], building, value: shownAt(config, [...at, i]), exception: "TypeError", when: `${head} (hasattr(model, name) takes a string name: ppcls/arch/gears/__init__.py:57)`, suggestion: example });
      });
    }
  }
  if (Object.hasOwn(section, "replace_layer") && typeof section["replace_layer"] !== "string") {
    const at = ["MLDecoder", "replace_layer"];
    out.push({ kind: "bad-value", at, building, value: shownAt(config, at), exception: "TypeError", when: `${head} (hasattr(model, replace_layer) takes a string name: ppcls/arch/gears/__init__.py:69)`, suggestion: "write the name of the backbone's classifier layer: `replace_layer: fc` (the default), or `head` for the vision transformers" });
  }
  return out;
}

/** build_optimizer (ppcls/optimizer/__init__.py): `name` and `lr` popped from a mapping, or one `Name: {scope, lr, …}` per list item. */
function optimizerProblems(config: PpclsConfig, building: string): ArgumentProblem[] {
  const optimizer = config.get(["Optimizer"]);
  const facts = optimizerSchema();
  const OPTIMIZERS = facts.optimizers.names;
  if (optimizer === undefined) {
    return [{ kind: "missing-key", at: [], building, where: "the config", key: "Optimizer", when: ` when training starts (${ENGINE}:243)`, suggestion: "add an `Optimizer:` section (`name: Momentum`, `momentum: 0.9`, `lr:` with `name: Cosine` and `learning_rate: 0.1`)" }];
  }
  // A mapping becomes one item; anything else is iterated as the list of items.
  const items: [KeyPath, unknown, Mapping][] = [];
  const out: ArgumentProblem[] = [];
  if (isMapping(optimizer)) {
    if (!Object.hasOwn(optimizer, "name")) {
      out.push({ kind: "missing-key", at: ["Optimizer"], building, where: "Optimizer", key: "name", when: ` ${startsAt("name")}`, example: "Momentum", ...hint(near(Object.keys(optimizer), "name")) });
      return out;
    }
    items.push([["Optimizer"], optimizer["name"], optimizer]);
  } else if (Array.isArray(optimizer)) {
    optimizer.forEach((item: unknown, i) => {
      const options = isMapping(item) ? Object.values(item)[0] : undefined;
      if (!isMapping(item) || Object.keys(item).length === 0 || !isMapping(options)) {
        out.push({ kind: "bad-value", at: ["Optimizer", i], building, value: shown(item), exception: isMapping(item) && Object.keys(item).length === 0 ? "IndexError" : Array.isArray(options) ? "TypeError" : "AttributeError", when: `${startsAt("scope")}: each item is \`- Name:\` with its scope, lr and arguments under it`, suggestion: "write the item as `- Momentum:` with `scope: all` and `lr:` indented under it" });
        return;
      }
      const name = Object.keys(item)[0]!;
      if (!Object.hasOwn(options, "scope")) out.push({ kind: "missing-key", at: ["Optimizer", i, name], building, where: keyText(["Optimizer", i, name]), key: "scope", when: ` ${startsAt("scope")}`, example: "all" });
      else items.push([["Optimizer", i, name], name, options]);
    });
  } else {
    return [{ kind: "not-a-mapping", at: ["Optimizer"], building, value: shown(optimizer), exception: typeof optimizer === "string" ? "AttributeError" : "TypeError" }];
  }
  for (const [at, name, options] of items) {
    const nameAt = Array.isArray(optimizer) ? at : [...at, "name"];
    if (typeof name !== "string" || !OPTIMIZERS.includes(name)) {
      const didYouMean = typeof name === "string" ? near(OPTIMIZERS, name) : undefined;
      // getattr(module, name): an attribute name must be a string.
      out.push({ kind: "bad-value", at: nameAt, building, value: shown(name), exception: typeof name === "string" ? "AttributeError" : "TypeError", when: `${startsAt("call")}: ${facts.optimizers.source} has ${OPTIMIZERS.join(", ")}`, suggestion: `write \`${didYouMean ?? "Momentum"}\`` });
    }
    out.push(...lrProblems(config, at, options, building));
    out.push(...regularizerProblems(at, options));
    if (typeof name === "string" && OPTIMIZERS.includes(name)) {
      out.push(...optimizerArguments(at, nameAt, name, options, Array.isArray(optimizer)));
      out.push(...optimizerValueProblems(config, at, name, options));
    }
  }
  return out;
}

/** build_lr_scheduler (ppcls/optimizer/__init__.py:32): an item's `lr` mapping, its schedule's name and, through its constructor, its arguments. */
function lrProblems(config: PpclsConfig, at: KeyPath, options: Mapping, building: string): ArgumentProblem[] {
  const facts = optimizerSchema();
  const LR_SCHEDULES = facts.schedules.names;
  if (!Object.hasOwn(options, "lr")) {
    return [{ kind: "missing-key", at, building, where: keyText(at), key: "lr", when: ` ${startsAt("lr")}`, suggestion: `add \`lr:\` under ${keyText(at)} (\`name: Cosine\`, \`learning_rate: 0.1\`)`, ...hint(near(Object.keys(options), "lr")) }];
  }
  const lr = options["lr"];
  const lrAt = [...at, "lr"];
  if (!isMapping(lr)) {
    // build_lr_scheduler calls lr_config.update(…) first.
    return [{ kind: "bad-value", at: lrAt, building, value: shown(lr), exception: "AttributeError", when: `${startsAt("lrUpdate")}: the learning rate is a mapping, \`name:\` a schedule and \`learning_rate:\` its value`, suggestion: `write \`lr:\` with \`name: Constant\` and \`learning_rate: ${typeof lr === "number" ? lr : 0.1}\` indented under it` }];
  }
  if (!Object.hasOwn(lr, "name")) {
    if (Object.hasOwn(lr, "learning_rate")) {
      // build_lr_scheduler hands the optimizer the number itself, and the training loop then steps it like a schedule.
      return [{ kind: "bad-value", at: lrAt, building, value: `a learning_rate without a schedule's \`name\``, exception: "AttributeError", when: `at the first batch: build_lr_scheduler hands the optimizer the number itself (${cited(facts.reads.learningRate)}), and the training loop calls its step() as a schedule's (${TRAIN_LOOP}:72-74)`, suggestion: `add \`name: ConstLR\` under ${keyText(lrAt)} (a constant rate), or another schedule` }];
    }
    return [{ kind: "missing-key", at: lrAt, building, where: keyText(lrAt), key: "learning_rate", when: ` ${startsAt("learningRate")}`, suggestion: `add \`name: Cosine\` and \`learning_rate: 0.1\` under ${keyText(lrAt)}`, ...hint(near(Object.keys(lr), "learning_rate")) }];
  }
  const schedule = lr["name"];
  if (typeof schedule !== "string" || !LR_SCHEDULES.includes(schedule)) {
    const didYouMean = typeof schedule === "string" ? near(LR_SCHEDULES, schedule) : undefined;
    return [{ kind: "bad-value", at: [...lrAt, "name"], building, value: shown(schedule), exception: typeof schedule === "string" ? "AttributeError" : "TypeError", when: `${startsAt("lrCall")}: ${facts.schedules.source} has ${LR_SCHEDULES.join(", ")}`, suggestion: `write \`${didYouMean ?? "Cosine"}\`` }];
  }
  // getattr(learning_rate, name)(**lr) with name popped and epochs and step_each_epoch set (a value the config gives is replaced).
  const given = Object.keys(lr).filter((k) => k !== "name" && !facts.scheduleUpdates.includes(k));
  const problems = constructorProblems(lrAt, keyText(lrAt), schedule, optimizerSignatures("schedules").get(schedule)!, lr, given, [...lrAt, "name"]);
  if (problems.length > 0) return problems;
  return [...rateProblems(config, lr, lrAt, schedule), ...scheduleShapeProblems(config, lr, lrAt, schedule), ...(schedule === "Piecewise" ? piecewiseProblems(config, lr, lrAt) : [])];
}

/**
 * OneCycleLR's own values, which PaddleClas hands to Paddle's OneCycleLR as the config holds them
 * (ppcls/optimizer/learning_rate.py:624-684): its constructor raises, when training starts, for an
 * `end_learning_rate` that is no number or below 0, a `phase_pct` that is not a Python float (`1` or
 * `0` are ints) or outside [0, 1] (below 0.5 with `three_phase`), a `divide_factor` that is no number
 * (0 divides the rate by zero), and an `anneal_strategy` other than `cos` or `linear`
 * (python/paddle/optimizer/lr.py, OneCycleLR.__init__, the same in the Paddle versions stored here).
 */
function oneCycleProblems(config: PpclsConfig, lr: Mapping, lrAt: KeyPath): ArgumentProblem[] {
  const building = keyText(lrAt);
  const out: ArgumentProblem[] = [];
  const at = (key: string): KeyPath => [...lrAt, key];
  const report = badValues(config, lrAt, building, out);
  const bad = (key: string, exception: string, why: string, suggestion: string): void =>
    report(key, exception, `when training starts (${why}; Paddle's OneCycleLR checks it as it is built: python/paddle/optimizer/lr.py, OneCycleLR.__init__)`, suggestion);
  const end = lr["end_learning_rate"];
  if (Object.hasOwn(lr, "end_learning_rate")) {
    if (!isNumber(end)) bad("end_learning_rate", "TypeError", "the rate the cycle ends at is a number", "write `end_learning_rate: 1.0e-10` (a number)");
    else if (Number(end) < 0) bad("end_learning_rate", "ValueError", "the rate the cycle ends at must not be below 0", "write `end_learning_rate: 1.0e-10` (0 or more)");
  }
  const pct = lr["phase_pct"];
  let pctOk = true;
  if (Object.hasOwn(lr, "phase_pct")) {
    const float = typeof pct === "number" && (!Number.isInteger(pct) || config.isFloat(at("phase_pct")));
    if (!float) {
      pctOk = false;
      const near = typeof pct === "number" ? `${Math.min(1, Math.max(0, pct))}.0` : typeof pct === "boolean" ? "0.3" : (floatForm(pct) ?? "0.3");
      bad("phase_pct", "TypeError", `the share of the steps the rate climbs in must be a Python float${typeof pct === "number" ? `, and ${config.written(at("phase_pct"))} is an int` : ""}`, `write \`phase_pct: ${near}\` (a float, with a dot)`);
    } else if (pct < 0 || pct > 1) {
      pctOk = false;
      bad("phase_pct", "ValueError", "the share of the steps the rate climbs in is between 0 and 1", "write `phase_pct: 0.3`");
    }
  }
  if (pctOk && truthy(lr["three_phase"]) && Number(Object.hasOwn(lr, "phase_pct") ? pct : 0.3) >= 0.5) {
    bad(Object.hasOwn(lr, "phase_pct") ? "phase_pct" : "three_phase", "ValueError", "with three_phase, phase_pct must be below 0.5: the rate climbs for phase_pct of the steps and comes down for as many", "write `phase_pct: 0.3`, or `three_phase: False`");
  }
  const divide = lr["divide_factor"];
  if (Object.hasOwn(lr, "divide_factor")) {
    if (!isNumber(divide)) bad("divide_factor", "TypeError", "the cycle starts at max_learning_rate / divide_factor, a number", "write `divide_factor: 25.0`");
    else if (Number(divide) === 0) bad("divide_factor", "ZeroDivisionError", "the cycle starts at max_learning_rate / float(divide_factor)", "write `divide_factor: 25.0`");
    else if (Number(divide) < 0 && isNumber(lr["max_learning_rate"]) && Number(lr["max_learning_rate"]) > 0) {
      out.push({ kind: "bad-value", at: at("divide_factor"), building, value: shownAt(config, at("divide_factor")), exception: "ValueError", when: "when training starts on recent Paddle (the cycle starts at max_learning_rate / divide_factor, below 0, and its scheduler refuses a rate below 0: Invalid learning rate); earlier versions train with it, the first steps moving the weights up the loss, not down", suggestion: "write `divide_factor: 25.0` (the cycle starts at max_learning_rate / 25)" });
    }
  }
  if (Object.hasOwn(lr, "anneal_strategy") && lr["anneal_strategy"] !== "cos" && lr["anneal_strategy"] !== "linear") {
    bad("anneal_strategy", "ValueError", "it takes 'cos' or 'linear', as written", "write `anneal_strategy: cos` (or linear)");
  }
  return out;
}

/**
 * Cyclic's own values, which PaddleClas hands to Paddle's CyclicLR as the config holds them
 * (ppcls/optimizer/learning_rate.py:256-330): its constructor raises, when training starts, for a
 * `step_size_up` (or a `step_size_down` that is not None) that is not an int above 0, an `exp_gamma`
 * that is not a Python float (`1` is an int), a `mode` or `scale_mode` it does not know; a
 * `scale_fn` from YAML is no function, and the first rate it computes calls it
 * (python/paddle/optimizer/lr.py, CyclicLR).
 */
function cyclicProblems(config: PpclsConfig, lr: Mapping, lrAt: KeyPath): ArgumentProblem[] {
  const building = keyText(lrAt);
  const out: ArgumentProblem[] = [];
  const at = (key: string): KeyPath => [...lrAt, key];
  const report = badValues(config, lrAt, building, out);
  const bad = (key: string, exception: string, why: string, suggestion: string): void =>
    report(key, exception, `when training starts (${why}; Paddle's CyclicLR checks it as it is built: python/paddle/optimizer/lr.py, CyclicLR.__init__)`, suggestion);
  const isInt = (key: string): boolean => typeof lr[key] === "boolean" || isPyInt(config, at(key));
  for (const key of ["step_size_up", "step_size_down"]) {
    if (!Object.hasOwn(lr, key) || (key === "step_size_down" && lr[key] === null)) continue;
    if (!isInt(key)) bad(key, "TypeError", `${key} is a number of steps, an int`, `write \`${key}: ${typeof lr[key] === "number" ? Math.max(1, Math.round(lr[key] as number)) : 2000}\` (steps, an int)`);
    else if (Number(lr[key]) <= 0) bad(key, "ValueError", `${key} is a number of steps above 0`, `write \`${key}: 2000\` (steps, above 0)`);
  }
  const gamma = lr["exp_gamma"];
  if (Object.hasOwn(lr, "exp_gamma") && !(typeof gamma === "number" && (!Number.isInteger(gamma) || config.isFloat(at("exp_gamma"))))) {
    bad("exp_gamma", "TypeError", `exp_gamma must be a Python float${typeof gamma === "number" ? `, and ${config.written(at("exp_gamma"))} is an int` : ""}`, `write \`exp_gamma: ${typeof gamma === "number" ? `${gamma}.0` : "1.0"}\` (a float, with a dot)`);
  }
  const scaleFn = Object.hasOwn(lr, "scale_fn") ? lr["scale_fn"] : null;
  if (scaleFn !== null) {
    bad("scale_fn", "TypeError", "a value from YAML is no function, and the scheduler calls it for its first rate (self.scale_fn(…) in get_lr)", "remove `scale_fn` (choose the scaling with `mode`)");
  } else if (Object.hasOwn(lr, "mode") && !["triangular", "triangular2", "exp_range"].includes(lr["mode"] as string)) {
    bad("mode", "ValueError", "it takes 'triangular', 'triangular2' or 'exp_range' when there is no scale_fn", "write `mode: triangular` (or triangular2, exp_range)");
  }
  if (Object.hasOwn(lr, "scale_mode") && !["cycle", "iterations"].includes(lr["scale_mode"] as string)) {
    bad("scale_mode", "ValueError", "it takes 'cycle' or 'iterations'", "write `scale_mode: cycle` (or iterations)");
  }
  return out;
}

/**
 * The values Paddle's schedulers check when PaddleClas builds them, beside the rates (ppcls/optimizer/
 * learning_rate.py; Paddle's python/paddle/optimizer/lr.py):
 * - Cosine and Linear decay over `(epochs - warmup_epoch) * step_each_epoch` steps (epochs -
 *   warmup_epoch with by_epoch), and build Paddle's scheduler when that is above 0 (a Constant
 *   rate otherwise): CosineAnnealingDecay takes an int T_max (TypeError), PolynomialDecay asserts
 *   an int decay_steps. A float warmup_epoch (`5.0`, `0.5`) makes it a float.
 * - Cosine's eta_min must be an int or a float (TypeError).
 * - Step's step_size becomes an int (int(step_size × the batches of an epoch), or as written with
 *   by_epoch, which StepDecay takes as an int only); 0 is a ZeroDivisionError as StepDecay is built.
 * - StepDecay and MultiStepDecay raise ValueError for a gamma of 1 or more; MultiStepDecay wants
 *   milestones as a list (TypeError) that increases (ValueError).
 * - OneCycleLR's and Cyclic's own values: {@link oneCycleProblems}, {@link cyclicProblems}.
 */
function scheduleShapeProblems(config: PpclsConfig, lr: Mapping, lrAt: KeyPath, schedule: string): ArgumentProblem[] {
  const building = keyText(lrAt);
  const out: ArgumentProblem[] = [];
  const given = (key: string): boolean => Object.hasOwn(lr, key);
  const at = (key: string): KeyPath => [...lrAt, key];
  const bad = (key: string, exception: string, when: string, suggestion: string): void => {
    out.push({ kind: "bad-value", at: at(key), building, value: shownAt(config, at(key)), exception, when: `when training starts (${when})`, suggestion });
  };
  if (schedule === "OneCycleLR") out.push(...oneCycleProblems(config, lr, lrAt));
  if (schedule === "Cyclic") out.push(...cyclicProblems(config, lr, lrAt));
  if (schedule === "Cosine" || schedule === "Linear") {
    const paddle = schedule === "Cosine" ? "CosineAnnealingDecay" : "PolynomialDecay";
    const span = schedule === "Cosine" ? "T_max" : "decay_steps";
    const epochs = config.get(["Global", "epochs"]);
    const warmup = lr["warmup_epoch"];
    const steps = `${schedule} decays over (epochs - warmup_epoch) × the batches of an epoch, Paddle's ${paddle}'s ${span}`;
    // PaddleClas builds Paddle's scheduler only for a span above 0 (a Constant rate otherwise).
    const decays = typeof epochs === "number" && isPyInt(config, ["Global", "epochs"]) && isNumber(warmup) && epochs - Number(warmup) > 0;
    if (decays && config.isFloat(at("warmup_epoch"))) {
      bad("warmup_epoch", schedule === "Cosine" ? "TypeError" : "AssertionError", `${steps}, which must be an int: a float warmup_epoch makes it a float`, `write \`warmup_epoch: ${Math.max(0, Math.round(Number(warmup)))}\` (a whole number of epochs)`);
    }
  }
  // The training loop steps each schedule without by_epoch after every batch with no argument (engine/train/train.py:72-74);
  // the Engine steps ReduceOnPlateau with the Eval metric only when it has by_epoch and is ReduceOnPlateau by name (engine.py:354-357).
  if (schedule === "ReduceOnPlateau") {
    const warmup = lr["warmup_epoch"];
    const warms = isNumber(warmup) && Number(warmup) >= 1;
    const noWarmup = !given("warmup_epoch") || (isNumber(warmup) && Number(warmup) <= 0);
    const byEpochSuggestion = "add `by_epoch: True` under Optimizer's `lr`: PaddleClas then steps ReduceOnPlateau with the Eval metric after each evaluation";
    if (warms) {
      out.push({ kind: "silent-value", at: at("warmup_epoch"), building, value: shownAt(config, at("warmup_epoch")), what: "Paddle's LinearWarmup wraps ReduceOnPlateau and, after the warmup, steps it with its own step count where the metric belongs, while the Engine looks for ReduceOnPlateau by name to hand it the Eval metric and so skips it: the rate follows the count, not the metric (python/paddle/optimizer/lr.py, LinearWarmup.get_lr; ppcls/engine/engine.py:354-357)", suggestion: `remove \`warmup_epoch\` (ReduceOnPlateau cannot be warmed up in PaddleClas)${truthy(lr["by_epoch"]) ? "" : ", and add `by_epoch: True`"}` });
    } else if (noWarmup && !truthy(lr["by_epoch"])) {
      const where = given("by_epoch") ? at("by_epoch") : at("name");
      out.push({ kind: "bad-value", at: where, building, value: shownAt(config, where), exception: "TypeError", when: "at the first batch (without a true by_epoch the training loop steps every schedule after each batch with no argument, and Paddle's ReduceOnPlateau.step needs the metric: ppcls/engine/train/train.py:72-74)", suggestion: byEpochSuggestion });
    }
  }
  if (schedule === "ReduceOnPlateau") out.push(...plateauValueProblems(config, lr, lrAt));
  if (schedule === "Cosine" && given("eta_min") && !isNumber(lr["eta_min"])) {
    bad("eta_min", "TypeError", `Paddle's CosineAnnealingDecay takes eta_min as an int or a float`, `write \`eta_min: ${floatForm(lr["eta_min"]) ?? "0.0"}\` (the rate the schedule ends at)`);
  }
  // Step hands Paddle's StepDecay int(step_size × the batches of an epoch) (step_size itself with by_epoch), an int it
  // divides the step count by when built (LRScheduler's first step()).
  if (schedule === "Step" && given("step_size")) {
    const size = lr["step_size"];
    const byEpoch = truthy(lr["by_epoch"]);
    const suggestion = "write `step_size: 30` (the epochs between two drops of the rate)";
    if (typeof size === "string" && /^[0-9]+$/.test(size)) {
      // int('30' × n) reads the repeated digits as one huge int; with by_epoch StepDecay gets the text itself.
      if (byEpoch) bad("step_size", "TypeError", "with by_epoch Step hands step_size to Paddle's StepDecay as written, which takes an int", `write \`step_size: ${size}\` (a number, not text)`);
      else out.push({ kind: "silent-value", at: at("step_size"), building, value: shownAt(config, at("step_size")), what: "Step computes int(step_size × the batches of an epoch): times text repeats the text once per batch, and int() reads the repeated digits as one huge number of steps, so the rate never drops (ppcls/optimizer/learning_rate.py:364)", suggestion: `write \`step_size: ${size}\` (a number, not text)` });
    } else if (typeof size === "string") bad("step_size", "ValueError", "Step computes int(step_size × the batches of an epoch), with by_epoch too, and text times a number is the text repeated, which int() cannot read: ppcls/optimizer/learning_rate.py:364", suggestion);
    else if (!isNumber(size)) bad("step_size", "TypeError", "Step computes int(step_size × the batches of an epoch), with by_epoch too: ppcls/optimizer/learning_rate.py:364", suggestion);
    else if (byEpoch && typeof size === "number" && !isPyInt(config, at("step_size"))) bad("step_size", "TypeError", "with by_epoch Step hands step_size to Paddle's StepDecay as written, which takes an int", `write \`step_size: ${Math.max(1, Math.round(size))}\``);
    else if (Number(size) === 0) bad("step_size", "ZeroDivisionError", "Paddle's StepDecay divides the step count by step_size as it is built", suggestion);
    else if (Number(size) < 0) {
      out.push({ kind: "silent-value", at: at("step_size"), building, value: shownAt(config, at("step_size")), what: `Paddle's StepDecay sets the rate to learning_rate × gamma ** (step // step_size): a negative step_size makes the exponent negative from the first step, so the rate grows${isNumber(lr["gamma"]) && Number(lr["gamma"]) > 0 && Number(lr["gamma"]) < 1 ? ` ${pyValue(Math.round(1e6 / Number(lr["gamma"])) / 1e6)} times` : ""} at every step_size instead of dropping (python/paddle/optimizer/lr.py, StepDecay.get_lr)`, suggestion });
    }
  }
  if ((schedule === "Step" || schedule === "MultiStepDecay") && given("gamma")) {
    const gamma = lr["gamma"];
    const paddle = schedule === "Step" ? "StepDecay" : "MultiStepDecay";
    if (!isNumber(gamma)) bad("gamma", "TypeError", `Paddle's ${paddle} compares gamma with 1.0`, "write `gamma: 0.1` (the factor the rate is multiplied by at each step)");
    else if (Number(gamma) >= 1) bad("gamma", "ValueError", `Paddle's ${paddle}: gamma should be < 1.0`, "write `gamma: 0.1` (the factor the rate is multiplied by at each step)");
  }
  if (schedule === "MultiStepDecay" && given("milestones")) {
    const written = lr["milestones"];
    const milestones = numberSequence(written, lrAt);
    const suggestion = "write `milestones: [30, 60, 90]` (the epochs the rate drops at)";
    if (milestones === undefined) {
      // PaddleClas multiplies each element by the batches of an epoch (learning_rate.py:475), so text becomes a list of
      // its characters repeated, which Paddle's ordering check compares; with by_epoch Paddle gets the text itself.
      const chars = typeof written === "string" ? [...written] : undefined;
      const byEpoch = truthy(lr["by_epoch"]);
      const ordered = chars !== undefined && chars.every((c, i) => i === 0 || chars[i - 1]! < c);
      const why =
        chars === undefined || byEpoch
          ? `PaddleClas ${byEpoch ? "hands milestones to" : "multiplies each milestone by the batches of an epoch for"} Paddle's MultiStepDecay, which takes a list of numbers`
          : `PaddleClas iterates text as its ${chars.length} characters, ${ordered ? "and Paddle's MultiStepDecay compares the step count with the first" : "which Paddle's MultiStepDecay finds not increasing"}`;
      if (!isMapping(written)) bad("milestones", chars !== undefined && !byEpoch && !ordered ? "ValueError" : "TypeError", why, suggestion);
    } else if (!milestones.every(isNumber)) {
      const k = milestones.findIndex((m) => !isNumber(m));
      const where = Array.isArray(written) ? [...at("milestones"), k] : at("milestones");
      out.push({ kind: "bad-value", at: where, building, value: shown(milestones[k]), exception: "TypeError", when: `when training starts (Paddle's MultiStepDecay compares each milestone with the next, and the step count with the first, as it is built): an epoch is a number${exponentHint(milestones[k])}`, suggestion: `write milestones[${k}] as a number of epochs` });
    } else if (milestones.some((m, i) => i > 0 && !(Number(milestones[i - 1]) < Number(m)))) bad("milestones", "ValueError", "Paddle's MultiStepDecay: the elements of milestones must be incremented", "write the milestones in increasing order, each once (`[30, 60, 90]`)");
  }
  return out;
}

/**
 * ReduceOnPlateau's own values, as Paddle's ReduceOnPlateau reads them (python/paddle/optimizer/lr.py): `mode.lower()`
 * and `threshold_mode.lower()` must be 'min'/'max' and 'rel'/'abs', and `factor` below 1, when it is built; then each
 * `step(metric)` (after each evaluation, with by_epoch) compares the evaluations without improvement with `patience`,
 * the metric with the best one by `threshold` (from the second), and, once the metric has not improved for `patience`
 * evaluations, lowers the rate to `max(rate × factor, min_lr)` if it drops by more than `epsilon`, then counts `cooldown`.
 */
function plateauValueProblems(config: PpclsConfig, lr: Mapping, lrAt: KeyPath): ArgumentProblem[] {
  const building = keyText(lrAt);
  const out: ArgumentProblem[] = [];
  const at = (key: string): KeyPath => [...lrAt, key];
  const paddle = "python/paddle/optimizer/lr.py, ReduceOnPlateau";
  for (const [key, allowed, example] of [["mode", ["min", "max"], "max"], ["threshold_mode", ["rel", "abs"], "rel"]] as const) {
    if (!Object.hasOwn(lr, key)) continue;
    const value = lr[key];
    if (typeof value === "string" && (allowed as readonly string[]).includes(value.toLowerCase())) continue;
    out.push({ kind: "bad-value", at: at(key), building, value: shownAt(config, at(key)), exception: typeof value === "string" ? "ValueError" : "AttributeError", when: `when training starts (Paddle's ReduceOnPlateau takes ${key}.lower() as ${allowed.map((a) => `'${a}'`).join(" or ")}: ${paddle}.__init__)`, suggestion: `write \`${key}: ${example}\`${key === "mode" ? " (max for a metric that grows, such as mAP; min for one that falls)" : ""}` });
  }
  // Under a warmup LinearWarmup wraps it, and the Engine, looking for ReduceOnPlateau by name, never steps it with the
  // metric (scheduleShapeProblems reports that): the two checks below are about the Engine stepping it.
  const wrapped = isNumber(lr["warmup_epoch"]) && Number(lr["warmup_epoch"]) > 0;
  // With by_epoch the Engine steps it only after an evaluation (engine.py:349-357): without eval_during_train, never.
  const global = config.get(["Global"]);
  const neverStepped = truthy(lr["by_epoch"]) && !wrapped && isMapping(global) && Object.hasOwn(global, "eval_during_train") && !truthy(global["eval_during_train"]);
  if (neverStepped) {
    out.push({ kind: "silent-value", at: at("name"), building, value: "'ReduceOnPlateau'", what: `the Engine steps a by_epoch ReduceOnPlateau only after an evaluation, with its metric, and Global.eval_during_train is ${shownAt(config, ["Global", "eval_during_train"])}: the rate stays at learning_rate for the whole run (${ENGINE}:349-357)`, suggestion: "set Global.eval_during_train: True (with Metric.Eval), or use a schedule that does not need a metric (`name: Cosine`)", warning: true });
  }
  // With by_epoch the Engine steps it with the first Eval metric after each evaluation (engine.py:354-357); mode says which way is better.
  const metric = truthy(lr["by_epoch"]) && !wrapped ? evalMetricDirection(config) : undefined;
  const mode = Object.hasOwn(lr, "mode") ? lr["mode"] : "min";
  if (metric !== undefined && typeof mode === "string" && (mode.toLowerCase() === "min") === metric.grows && ["min", "max"].includes(mode.toLowerCase())) {
    const where = Object.hasOwn(lr, "mode") ? at("mode") : at("name");
    out.push({
      kind: "silent-value",
      at: where,
      building,
      value: Object.hasOwn(lr, "mode") ? shownAt(config, where) : "ReduceOnPlateau, whose mode is 'min' by default",
      what: `the Engine steps ReduceOnPlateau with ${metric.name} (the first Eval metric) after each evaluation, which ${metric.grows ? "grows" : "falls"} as the model improves, while mode '${mode.toLowerCase()}' takes ${metric.grows ? "a smaller" : "a larger"} value for better: the rate drops while the model improves and holds while it gets worse (${ENGINE}:354-357)`,
      suggestion: `write \`mode: ${metric.grows ? "max" : "min"}\``,
    });
  }
  if (Object.hasOwn(lr, "factor")) {
    const factor = lr["factor"];
    if (!isNumber(factor)) out.push({ kind: "bad-value", at: at("factor"), building, value: shownAt(config, at("factor")), exception: "TypeError", when: `when training starts (Paddle's ReduceOnPlateau compares factor with 1.0: ${paddle}.__init__)${exponentHint(factor)}`, suggestion: "write `factor: 0.1` (the rate is multiplied by it on a plateau)" });
    else if (Number(factor) >= 1) out.push({ kind: "bad-value", at: at("factor"), building, value: shownAt(config, at("factor")), exception: "ValueError", when: `when training starts (Paddle's ReduceOnPlateau: new_lr = origin_lr * gamma and gamma should be < 1.0: ${paddle}.__init__)`, suggestion: "write `factor: 0.1` (below 1)" });
  }
  // Read by step(metric) only: a value that is not a number raises when the step that reads it comes (never, in a run that never steps it).
  if (neverStepped) return out;
  const stepReads: readonly [key: string, moment: string, reason: string, example: string][] = [
    ["patience", "after the first evaluation", "ReduceOnPlateau.step compares the evaluations without improvement with patience", "10"],
    ["threshold", "after the second evaluation", "ReduceOnPlateau.step compares the metric with the best one by threshold", "1.0e-4"],
    ["min_lr", "in the middle of training, when the metric has not improved for patience evaluations", "ReduceOnPlateau lowers the rate to max(rate × factor, min_lr)", "0.0"],
    ["epsilon", "in the middle of training, when the metric has not improved for patience evaluations", "ReduceOnPlateau compares the drop of the rate with epsilon", "1.0e-8"],
    ["cooldown", "in the middle of training, at the evaluation after ReduceOnPlateau first lowers the rate", "it counts cooldown down from there", "0"],
  ];
  for (const [key, moment, reason, example] of stepReads) {
    if (!Object.hasOwn(lr, key) || isNumber(lr[key])) continue;
    out.push({ kind: "bad-value", at: at(key), building, value: shownAt(config, at(key)), exception: "TypeError", when: `${moment} (${reason}: ${paddle}.step)${exponentHint(lr[key])}`, suggestion: `write \`${key}: ${example}\`` });
  }
  return out;
}

/** A number as literal_eval reads it in a tuple (an int or a float, signed). */
const PY_NUMBER = String.raw`[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?`;
/** Numbers with at least one comma (`30,`, `30, 60`, `30, 60,`): a tuple. */
const TUPLE_BODY = String.raw`${PY_NUMBER}\s*,(?:\s*${PY_NUMBER}\s*,)*(?:\s*${PY_NUMBER})?`;
/** Text literal_eval makes a tuple or a list of numbers: `30, 60, 90`, `(30, 60)`, `[30, 60]`, `()`, `[]`. */
const SEQUENCE_TEXT = new RegExp(String.raw`^\s*(?:${TUPLE_BODY}|\(\s*(?:${TUPLE_BODY})?\s*\)|\[\s*(?:${PY_NUMBER}(?:\s*,\s*${PY_NUMBER})*\s*,?)?\s*\])\s*$`);

/**
 * A value PaddleClas iterates as a sequence: a list, or text that literal_eval makes a tuple or a list of numbers.
 * Undefined for anything else.
 */
function numberSequence(value: unknown, at: KeyPath): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  // Only values reached through mappings are literal_eval'd; inside a list (an optimizer item) text stays text.
  if (typeof value !== "string" || at.some((k) => typeof k === "number") || !SEQUENCE_TEXT.test(value)) return undefined;
  return [...value.matchAll(new RegExp(PY_NUMBER, "g"))].map((m) => Number(m[0].replace(/_/g, "")));
}

const TRAIN_LOOP = "ppcls/engine/train/train.py";
/** `1e-3` as PyYAML reads a float: `1.0e-3`. */
function exponentForm(text: string): string {
  const [mantissa, exponent] = text.split(/[eE]/) as [string, string];
  return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}e${/^[-+]/.test(exponent) ? exponent : `+${exponent}`}`;
}
const SCHEDULES_SOURCE = "ppcls/optimizer/learning_rate.py";
/** The rates each schedule takes (ppcls/optimizer/learning_rate.py); the first is the one its warmup climbs to. Piecewise's are its `values` (or a true `learning_rate`). */
const SCHEDULE_RATES: Record<string, readonly string[]> = {
  Constant: ["learning_rate"],
  ConstLR: ["learning_rate"],
  Linear: ["learning_rate"],
  Cosine: ["learning_rate"],
  Step: ["learning_rate"],
  MultiStepDecay: ["learning_rate"],
  ReduceOnPlateau: ["learning_rate"],
  CosineFixmatch: ["learning_rate"],
  Cyclic: ["base_learning_rate", "max_learning_rate"],
  OneCycleLR: ["max_learning_rate"],
};
/** Schedules that hand their rate to Paddle's scheduler, whose constructor checks it is an int or a float (TypeError) and, in recent Paddle, not below 0 (ValueError). PaddleClas's Constant and Piecewise's values are not checked. */
const PADDLE_CHECKS_RATE = new Set(["Linear", "Cosine", "Step", "MultiStepDecay", "ReduceOnPlateau", "CosineFixmatch", "Cyclic", "OneCycleLR"]);
/** A rate's floor that keeps a schedule moving when the rate itself is 0 (Cosine's eta_min, Linear's end_lr). */
const RATE_FLOOR: Record<string, string> = { Cosine: "eta_min", Linear: "end_lr" };

/**
 * The epoch a Piecewise segment k starts at, as written: decay_epochs[k - 1], after the warmup when there is one (Paddle's
 * LinearWarmup steps the schedule it wraps with the step count less the warmup's steps). `?` when that is not a number.
 */
function segmentStart(config: PpclsConfig, lrAt: KeyPath, epochs: readonly unknown[] | undefined, k: number): string {
  const before = epochs?.[k - 1];
  if (!isNumber(before)) return "?";
  const written = Array.isArray(config.get([...lrAt, "decay_epochs"])) ? config.written([...lrAt, "decay_epochs", k - 1]) : pyValue(before);
  const warmup = config.get([...lrAt, "warmup_epoch"]);
  return isNumber(warmup) && Number(warmup) > 0 ? `${pyValue(Number(before) + Number(warmup))} (${written} after a warmup of ${config.written([...lrAt, "warmup_epoch"])} epochs)` : written;
}

/**
 * The learning rates of a schedule, as PaddleClas and Paddle use them (ppcls/optimizer/learning_rate.py):
 * text (or None, a list) is no rate — Paddle's schedulers raise TypeError when they are built, and the
 * ones that take the rate unchecked (ConstLR, Piecewise's values) fail at the first batch, where
 * PaddleClas logs the rate with `{:.8f}` (ppcls/engine/train/utils.py:41-45). A negative rate is
 * refused by recent Paddle (ValueError) and trained with by earlier versions: each step then moves
 * the weights up the loss. A rate of 0 changes no weight. With a warmup (`warmup_epoch` of 1 or more),
 * Paddle's LinearWarmup asserts that the rate is above `warmup_start_lr` (AssertionError when
 * training starts), and LRBase compares `warmup_epoch` with the epochs first (TypeError on text).
 */
function rateProblems(config: PpclsConfig, lr: Mapping, lrAt: KeyPath, schedule: string): ArgumentProblem[] {
  const building = keyText(lrAt);
  const signature = optimizerSignatures("schedules").get(schedule);
  const out: ArgumentProblem[] = [];
  const hasWarmup = signature?.takes.includes("warmup_epoch") === true;
  const warmupEpoch = lr["warmup_epoch"];
  if (hasWarmup && Object.hasOwn(lr, "warmup_epoch") && !isNumber(warmupEpoch)) {
    out.push({ kind: "bad-value", at: [...lrAt, "warmup_epoch"], building, value: shownAt(config, [...lrAt, "warmup_epoch"]), exception: "TypeError", when: `when training starts (LRBase compares warmup_epoch with Global.epochs: ${SCHEDULES_SOURCE}:51): it is a number of epochs`, suggestion: "write `warmup_epoch: 5` (a number of epochs), or remove it for no warmup" });
    return out;
  }
  // LinearWarmup is built when warmup_epoch gives at least one step; from 1 epoch on it always does.
  const warms = hasWarmup && isNumber(warmupEpoch) && Number(warmupEpoch) >= 1;
  const startLr = Object.hasOwn(lr, "warmup_start_lr") ? lr["warmup_start_lr"] : 0;
  if (warms && !isNumber(startLr)) {
    out.push({ kind: "bad-value", at: [...lrAt, "warmup_start_lr"], building, value: shownAt(config, [...lrAt, "warmup_start_lr"]), exception: "TypeError", when: `when training starts (Paddle's LinearWarmup compares the rate with it: ${SCHEDULES_SOURCE}:86-92)`, suggestion: "write `warmup_start_lr: 0.0` (the rate the warmup starts from)" });
    return out;
  }
  // LRBase: `if warmup_epoch >= epochs`, it warns and sets warmup_epoch to epochs: the whole run is the warmup.
  const epochs = config.get(["Global", "epochs"]);
  if (warms && typeof epochs === "number" && epochs >= 1 && Number(warmupEpoch) >= epochs) {
    out.push({ kind: "silent-value", at: [...lrAt, "warmup_epoch"], building, value: shownAt(config, [...lrAt, "warmup_epoch"]), what: `Global.epochs is ${config.written(["Global", "epochs"])}, so PaddleClas shortens the warmup to ${config.written(["Global", "epochs"])} epochs with a logged warning (${SCHEDULES_SOURCE}:51-54): every step is warmup, the rate only climbs from warmup_start_lr toward learning_rate, and ${schedule}'s own schedule never runs`, suggestion: `write a warmup shorter than training (\`warmup_epoch: ${Math.max(0, Math.min(5, Math.floor(epochs / 4)))}\`), or more epochs`, warning: true });
  }
  // Cosine and Linear decay over (epochs - warmup_epoch) epochs' steps, and wrap themselves in a warmup only above 0 steps:
  // a negative warmup_epoch is no warmup and a decay longer than the training, which ends before the rate's end value.
  if (hasWarmup && isNumber(warmupEpoch) && Number(warmupEpoch) < 0 && (schedule === "Cosine" || schedule === "Linear")) {
    const end = schedule === "Cosine" ? "eta_min" : "end_lr";
    const span = typeof epochs === "number" && epochs >= 1 ? ` (${pyValue(epochs - Number(warmupEpoch))} epochs' steps in a ${pyValue(epochs)}-epoch run)` : "";
    out.push({ kind: "silent-value", at: [...lrAt, "warmup_epoch"], building, value: shownAt(config, [...lrAt, "warmup_epoch"]), what: `a warmup is built only when it gives more than 0 steps, so there is none, and ${schedule} decays over (epochs - warmup_epoch) × the batches of an epoch${span} (${SCHEDULES_SOURCE}:${schedule === "Cosine" ? "236, 249" : "182, 200"}): training ends before the rate falls to ${end}`, suggestion: "write `warmup_epoch: 0` (no warmup), or a whole number of epochs to warm up", warning: true });
  }
  // LinearWarmup climbs from warmup_start_lr (Paddle checks only that the rate is above it): from below 0, its first steps climb the loss.
  if (warms && Number(startLr) < 0) {
    out.push({ kind: "silent-value", at: [...lrAt, "warmup_start_lr"], building, value: shownAt(config, [...lrAt, "warmup_start_lr"]), what: `Paddle's LinearWarmup raises the rate from it in a straight line (${SCHEDULES_SOURCE}:86-92), so the warmup's steps until the rate passes 0 each move the weights up the loss, not down`, suggestion: "write `warmup_start_lr: 0.0` (the rate the warmup starts from)" });
  }
  const belowWarmupStart = (at: KeyPath, suggestion: string): ArgumentProblem => ({ kind: "bad-value", at, building, value: shownAt(config, at), exception: "AssertionError", when: `when training starts: Paddle's LinearWarmup asserts that the rate its warmup climbs to is above warmup_start_lr (${pyValue(startLr)}) (${SCHEDULES_SOURCE}:86-92)`, suggestion });
  const rates: KeyPath[] =
    schedule === "Piecewise"
      ? truthy(lr["learning_rate"])
        ? [[...lrAt, "learning_rate"]]
        : Array.isArray(lr["values"])
          ? lr["values"].map((_, k) => [...lrAt, "values", k])
          : []
      : (SCHEDULE_RATES[schedule] ?? []).filter((key) => Object.hasOwn(lr, key)).map((key) => [...lrAt, key]);
  const checked = PADDLE_CHECKS_RATE.has(schedule) || (schedule === "Piecewise" && truthy(lr["learning_rate"]));
  // Piecewise's values[k] becomes the rate at decay_epochs[k - 1].
  const decayEpochs = Array.isArray(lr["decay_epochs"]) ? lr["decay_epochs"] : undefined;
  rates.forEach((at, k) => {
    const value = config.get(at);
    const climbedTo = warms && k === 0;
    const where = keyText(at);
    if (!isNumber(value)) {
      const atStart = checked || climbedTo;
      const textHint = exponentHint(value);
      out.push({
        kind: "bad-value",
        at,
        building,
        value: shownAt(config, at),
        exception: atStart || typeof value !== "string" ? "TypeError" : "ValueError",
        when: atStart
          ? `when training starts (${checked ? (schedule === "Piecewise" ? `Piecewise multiplies it by 0.1 per 30 epochs: ${SCHEDULES_SOURCE}:408-412` : `Paddle's ${schedule === "Cyclic" ? "CyclicLR" : schedule === "OneCycleLR" ? "OneCycleLR" : "scheduler"} takes an int or a float`) : `Paddle's LinearWarmup compares it with warmup_start_lr: ${SCHEDULES_SOURCE}:86-92`}): a learning rate is a number${textHint}`
          : `${k === 0 ? "at the first batch" : `in the middle of training, when its segment starts at epoch ${segmentStart(config, lrAt, decayEpochs, k)}`}, where PaddleClas logs the rate as a number ({:.8f}: ppcls/engine/train/utils.py:41-45): a learning rate is a number${textHint}`,
        suggestion: `write \`${where.split(".").pop()}\` as a number (\`0.1\`, \`1.0e-3\`)`,
      });
      return;
    }
    const rate = Number(value);
    if (Number.isNaN(rate) || rate === Infinity) {
      out.push({ kind: "silent-value", at, building, value: shownAt(config, at), what: "every step multiplies the gradients by it, so the weights are NaN or infinite after the first step and the loss is NaN from then on", suggestion: "write a finite learning rate (`0.1`)" });
      return;
    }
    if (rate < 0) {
      const suggestion = "write a positive learning rate (`0.1`)";
      const value = shownAt(config, at);
      out.push(
        checked
          ? { kind: "bad-value", at, building, value, exception: "ValueError", when: "when training starts on recent Paddle (its scheduler refuses a rate below 0: Invalid learning rate); earlier versions train with it, each step moving the weights up the loss, not down", suggestion }
          : climbedTo
            ? belowWarmupStart(at, suggestion)
            : { kind: "silent-value", at, building, value, what: "a negative learning rate makes each step move the weights up the loss, not down", suggestion },
      );
      return;
    }
    if (climbedTo && rate <= Number(startLr)) {
      out.push(belowWarmupStart(at, rate === 0 ? "write a positive learning rate (`0.1`)" : `write a learning rate above ${pyValue(startLr)}, or lower \`warmup_start_lr\``));
      return;
    }
    const floor = RATE_FLOOR[schedule];
    const moves = floor !== undefined && isNumber(lr[floor]) && Number(lr[floor]) !== 0;
    if (rate === 0 && k === 0 && schedule !== "Piecewise" && schedule !== "Cyclic" && !moves) {
      out.push({ kind: "silent-value", at, building, value: shownAt(config, at), what: `${schedule} keeps the learning rate at 0, so no step changes a weight and training ends with the model it started from`, suggestion: "write a positive learning rate (`0.1`)" });
    }
  });
  // Cosine's and Linear's rate ends at its floor (Paddle's CosineAnnealingDecay and PolynomialDecay check only its type).
  const ends = RATE_FLOOR[schedule];
  if (ends !== undefined && isNumber(lr[ends]) && Number(lr[ends]) < 0) {
    const decay = schedule === "Cosine" ? "CosineAnnealingDecay" : "PolynomialDecay";
    out.push({ kind: "silent-value", at: [...lrAt, ends], building, value: shownAt(config, [...lrAt, ends]), what: `Paddle's ${decay} lowers the rate to ${ends} by the end of training, so once the rate passes below 0 each step moves the weights up the loss, not down`, suggestion: `write \`${ends}: 0.0\` (the rate the schedule ends at)` });
  }
  return out;
}

/**
 * PaddleClas's Piecewise (ppcls/optimizer/learning_rate.py:397-438) hands `decay_epochs` (in steps) and
 * `values` to paddle.optimizer.lr.PiecewiseDecay, which takes one value per segment: one more than
 * boundaries. Fewer values than boundaries: ValueError when it is built since Paddle 2.5 (Paddle PR
 * #49987), IndexError in the middle of training before. As many values as boundaries: ValueError in
 * recent Paddle, which checks `len(values) <= len(boundaries)`; earlier versions run the last two
 * segments at one rate. That one depends on the version: a warning. A true `learning_rate` replaces
 * both lists (a decay every 30 epochs).
 */
function piecewiseProblems(config: PpclsConfig, lr: Mapping, lrAt: KeyPath): ArgumentProblem[] {
  if (truthy(lr["learning_rate"])) return [];
  const written = { epochs: lr["decay_epochs"], values: lr["values"] };
  const epochs = numberSequence(written.epochs, lrAt);
  const values = numberSequence(written.values, lrAt);
  const building = keyText(lrAt);
  const byEpoch = truthy(lr["by_epoch"]);
  // Piecewise iterates decay_epochs (`e * step_each_epoch for e in decay_epochs`) and reads values[0], when it is built.
  const notList: ArgumentProblem[] = [];
  if (Object.hasOwn(lr, "decay_epochs") && epochs === undefined) {
    // Text is iterated as its characters: since Paddle 2.5 PiecewiseDecay wants more values than that (ValueError), then compares the step count with the first (TypeError).
    const chars = typeof written.epochs === "string" ? [...written.epochs].length : undefined;
    const counted = chars !== undefined && Array.isArray(written.values) && written.values.length <= chars;
    notList.push({ kind: "bad-value", at: [...lrAt, "decay_epochs"], building, value: shownAt(config, [...lrAt, "decay_epochs"]), exception: counted ? "ValueError" : "TypeError", when: `when training starts (${chars !== undefined ? `Piecewise iterates text as its ${chars} characters, and Paddle's PiecewiseDecay ${counted ? "wants one value more than that; before Paddle 2.5, TypeError as it compares the step count with a character" : "compares the step count with the first"}` : "Piecewise multiplies each of decay_epochs by the batches of an epoch"}: ppcls/optimizer/learning_rate.py:430)`, suggestion: "write `decay_epochs: [30, 60, 90]` (a list of epochs)" });
  }
  if (Object.hasOwn(lr, "values") && values === undefined && typeof written.values !== "string") {
    notList.push({ kind: "bad-value", at: [...lrAt, "values"], building, value: shownAt(config, [...lrAt, "values"]), exception: isMapping(written.values) ? "KeyError" : "TypeError", when: "when training starts (Piecewise reads values[0] as its first rate: ppcls/optimizer/learning_rate.py:425-427)", suggestion: "write `values: [0.1, 0.01, 0.001, 0.0001]` (one rate per segment, one more than decay_epochs)" });
  }
  if (notList.length > 0) return notList;
  if (epochs === undefined || values === undefined) return [];
  if (values.length === 0) {
    return [{ kind: "bad-value", at: [...lrAt, "values"], building, value: "an empty list", exception: "IndexError", when: "when training starts: Piecewise reads values[0] as its first rate (ppcls/optimizer/learning_rate.py:425-427)", suggestion: "give `values` one learning rate more than `decay_epochs` has epochs" }];
  }
  if (epochs.length === 0) {
    // PaddleClas's own comment (learning_rate.py:413-414): "[] and [lr] … but paddle dont support".
    return [{ kind: "bad-value", at: [...lrAt, "decay_epochs"], building, value: "an empty list", exception: "ValueError", when: "when training starts on recent Paddle (paddle.optimizer.lr.PiecewiseDecay: The boundaries cannot be empty); earlier versions train at the last of values throughout (a warning: which of the two depends on the Paddle version)", suggestion: "give `decay_epochs` the epochs the rate drops at (`[30, 60, 90]`), or use `name: ConstLR` for one rate", versionDependent: true }];
  }
  const out: ArgumentProblem[] = [];
  // Paddle's PiecewiseDecay.get_lr returns values[i] for the first boundary the step count is below (python/paddle/optimizer/lr.py):
  // boundary k is compared once the step count passes boundary k - 1, and boundary 0 as the scheduler is built.
  const epochAt = (k: number): string => (Array.isArray(written.epochs) ? config.written([...lrAt, "decay_epochs", k]) : pyValue(epochs[k]));
  epochs.forEach((e, k) => {
    if (isNumber(e)) return;
    const multiplied = !byEpoch && (e === null || isMapping(e));
    out.push({
      kind: "bad-value",
      at: Array.isArray(written.epochs) ? [...lrAt, "decay_epochs", k] : [...lrAt, "decay_epochs"],
      building,
      value: shown(e),
      exception: "TypeError",
      when:
        multiplied || k === 0
          ? `when training starts (${multiplied ? "Piecewise multiplies each of decay_epochs by the batches of an epoch: ppcls/optimizer/learning_rate.py:430" : "Paddle's PiecewiseDecay compares the step count with decay_epochs[0] as it is built"}): an epoch is a number`
          : `in the middle of training, at epoch ${segmentStart(config, lrAt, epochs, k)}, when the step count passes decay_epochs[${k - 1}] and Paddle's PiecewiseDecay compares it with decay_epochs[${k}] (python/paddle/optimizer/lr.py, PiecewiseDecay.get_lr): an epoch is a number${exponentHint(e)}`,
      suggestion: `write decay_epochs[${k}] as a number of epochs (\`${isNumber(epochs[k - 1]) ? Number(epochs[k - 1]) + 30 : 30}\`)`,
    });
  });
  if (out.length > 0) return out;
  // A boundary not above every earlier one (or a first one of 0 or below) is never the first the step count is below: its segment's rate is never used.
  const unused = epochs.map((e, k) => (k === 0 ? Number(e) <= 0 : epochs.slice(0, k).some((f) => Number(f) >= Number(e)))).flatMap((skipped, k) => (skipped && k < values.length ? [k] : []));
  if (unused.length > 0) {
    const listed = `[${epochs.map((_, k) => epochAt(k)).join(", ")}]`;
    out.push({
      kind: "silent-value",
      at: [...lrAt, "decay_epochs"],
      building,
      value: listed,
      what: `Paddle's PiecewiseDecay takes the rate of the first boundary the step count is still below, so with boundaries that do not increase ${unused.map((k) => `values[${k}]`).join(" and ")} ${unused.length === 1 ? "is" : "are"} never used and training runs another schedule than the one written (python/paddle/optimizer/lr.py, PiecewiseDecay.get_lr)`,
      suggestion: "write decay_epochs in increasing order, each epoch once (`[30, 60, 90]`)",
    });
  }
  if (values.length > epochs.length + 1) {
    // After the last boundary get_lr returns the last value, so the ones between values[len(boundaries) - 1] and it are never used.
    const skipped = values.slice(epochs.length, -1).map((_, j) => `values[${epochs.length + j}]`);
    out.push({
      kind: "silent-value",
      at: [...lrAt, "values"],
      building,
      value: `${values.length} rates for the ${epochs.length === 1 ? "1 boundary" : `${epochs.length} boundaries`} of decay_epochs`,
      what: `Paddle's PiecewiseDecay takes values[k] before boundary k and the last value after the last boundary, so ${skipped.join(", ").replace(/, ([^,]*)$/, " and $1")} ${skipped.length === 1 ? "is" : "are"} never used and training runs another schedule than the one written (python/paddle/optimizer/lr.py, PiecewiseDecay.get_lr)`,
      suggestion: `give \`values\` ${epochs.length + 1} learning rates, one for each segment the decay epochs make, or add the epochs the other rates start at to decay_epochs`,
    });
  }
  if (values.length > epochs.length) return out;
  const listed = (key: "decay_epochs" | "values", list: unknown[]) => (Array.isArray(written[key === "values" ? "values" : "epochs"]) ? `[${list.map((_, k) => config.written([...lrAt, key, k])).join(", ")}]` : `(${list.map(pyValue).join(", ")})`);
  const short = values.length < epochs.length;
  return [
    ...out,
    {
      kind: "bad-value",
      at: [...lrAt, "values"],
      building,
      value: `${listed("values", values)}, ${values.length} rates for the ${epochs.length} boundaries of decay_epochs ${listed("decay_epochs", epochs)}`,
      exception: "ValueError",
      when: short
        ? "when training starts (paddle.optimizer.lr.PiecewiseDecay, since Paddle 2.5; before it, IndexError in the middle of training, at the boundary past the last value)"
        : "when training starts on recent Paddle (paddle.optimizer.lr.PiecewiseDecay wants one value more than boundaries); earlier versions run the last two segments at one rate instead, without an error (a warning: which of the two depends on the Paddle version)",
      suggestion: `give \`values\` ${epochs.length + 1} learning rates, one for each segment before, between and after the ${epochs.length} decay epochs`,
      ...(short ? {} : { versionDependent: true as const }),
    },
  ];
}

/**
 * The regularizer build_optimizer builds when an item has one that is not None
 * (ppcls/optimizer/__init__.py:79): its name popped, then
 * `getattr(paddle.regularizer, name + 'Decay')(**rest)` (Paddle's L1Decay and L2Decay).
 */
function regularizerProblems(at: KeyPath, options: Mapping): ArgumentProblem[] {
  if (!Object.hasOwn(options, "regularizer") || options["regularizer"] === null) return [];
  const facts = optimizerSchema();
  const { suffix } = facts.regularizers;
  const regAt = [...at, "regularizer"];
  const building = keyText(regAt);
  const regularizer = options["regularizer"];
  // reg_config.pop('name'): list.pop wants an index; anything else that is not a mapping has no pop.
  if (!isMapping(regularizer)) return [{ kind: "not-a-mapping", at: regAt, building, value: shown(regularizer), exception: Array.isArray(regularizer) ? "TypeError" : "AttributeError" }];
  const names = facts.regularizers.names.map((n) => n.slice(0, -suffix.length));
  if (!Object.hasOwn(regularizer, "name")) {
    return [{ kind: "missing-key", at: regAt, building, where: building, key: "name", when: ` ${startsAt("regularizerName")}`, example: "L2", ...hint(near(Object.keys(regularizer), "name")) }];
  }
  const name = regularizer["name"];
  const className = typeof name === "string" ? `${name}${suffix}` : undefined;
  const signature = className !== undefined ? optimizerSignatures("regularizers").get(className) : undefined;
  if (className === undefined || signature === undefined) {
    // `name + 'Decay'` needs a string; getattr(paddle.regularizer, …) a name the module has.
    const didYouMean = typeof name === "string" ? (name.endsWith(suffix) && names.includes(name.slice(0, -suffix.length)) ? name.slice(0, -suffix.length) : near(names, name)) : undefined;
    const has = `paddle.regularizer has ${facts.regularizers.names.join(", ")}, named without '${suffix}'`;
    const whenText = className === undefined ? `${startsAt("regularizerName")}: ${has}` : `when training starts (getattr(paddle.regularizer, '${className}'): ${cited(facts.reads.regularizerCall)}): ${has}`;
    return [{ kind: "bad-value", at: [...regAt, "name"], building, value: shown(name), exception: className === undefined ? "TypeError" : "AttributeError", when: whenText, suggestion: didYouMean !== undefined ? `write \`${didYouMean}\`` : `write ${names.map((n) => `\`${n}\``).join(" or ")}` }];
  }
  const problems = constructorProblems(regAt, building, className, signature, regularizer, Object.keys(regularizer).filter((k) => k !== "name"), [...regAt, "name"]);
  // Paddle's L1Decay and L2Decay assert coeff is not None, keep it, and hand it to a weight-decay op that takes a float at each step.
  const coeff = regularizer["coeff"];
  const coeffAt = [...regAt, "coeff"];
  if (problems.length === 0 && Object.hasOwn(regularizer, "coeff") && !isNumber(coeff)) {
    problems.push(
      coeff === null
        ? { kind: "bad-value", at: coeffAt, building, value: "None", exception: "AssertionError", when: `when training starts (Paddle's ${className}: assert coeff is not None)`, suggestion: "write `coeff: 0.0001`" }
        : { kind: "bad-value", at: coeffAt, building, value: shown(coeff), exception: "ValueError", when: `at the first batch (Paddle's ${className} keeps coeff and hands it to the weight-decay op, whose argument must be a float)${exponentHint(coeff)}`, suggestion: `write \`coeff: ${floatForm(coeff) ?? "0.0001"}\`` },
    );
  } else if (problems.length === 0 && isNumber(coeff) && Number(coeff) < 0) {
    problems.push({ kind: "silent-value", at: coeffAt, building, value: shown(coeff), what: NEGATIVE_DECAY, suggestion: `write \`coeff: ${pyFloat(-Number(coeff))}\`` });
  }
  return problems;
}

/** Why a key PaddleClas passes the optimizer itself cannot come from the config too. */
const PASSED_BY_BUILD_OPTIMIZER: Record<string, string> = {
  learning_rate: "the schedule it builds from `lr`",
  grad_clip: "what it builds from `clip_norm` (None without one)",
};

/**
 * build_optimizer's call `getattr(optimizer, name)(learning_rate=lr, grad_clip=grad_clip, **rest)`
 * (ppcls/optimizer/__init__.py:130): rest is the item without scope, lr, clip_norm,
 * a regularizer that is not None, and the mapping form's name.
 */
function optimizerArguments(at: KeyPath, nameAt: KeyPath, className: string, options: Mapping, listed: boolean): ArgumentProblem[] {
  const facts = optimizerSchema();
  const signature = optimizerSignatures("optimizers").get(className)!;
  const building = keyText(at);
  // A `regularizer: null` stays (ppcls/optimizer/__init__.py:79): the optimizer is given regularizer=None.
  const popped = facts.popped.filter((k) => k !== "regularizer" || options["regularizer"] !== null);
  const given = Object.keys(options).filter((k) => !popped.includes(k) && (listed || k !== "name"));
  const out: ArgumentProblem[] = [];
  for (const key of given.filter((k) => facts.optimizerKeywords.includes(k))) {
    out.push({
      kind: "bad-value",
      at: [...at, key],
      building,
      value: shown(options[key]),
      exception: "TypeError",
      when: `when training starts (got multiple values for keyword argument '${key}': build_optimizer passes ${className} ${PASSED_BY_BUILD_OPTIMIZER[key] ?? `its own ${key}`}, ${cited(facts.reads.call)})`,
      suggestion: key === "learning_rate" ? `remove \`learning_rate\` here: set it under \`lr:\` (\`learning_rate: ${shown(options[key])}\`)` : key === "grad_clip" ? "remove `grad_clip`: set `clip_norm:` for gradient clipping by norm" : `remove \`${key}\``,
    });
  }
  const own = given.filter((k) => !facts.optimizerKeywords.includes(k));
  // PaddleClas's own keys are names a misspelled key may have meant (`clipnorm`).
  out.push(...constructorProblems(at, building, className, signature, options, own, nameAt, popped));
  return out;
}

/**
 * The values Paddle's optimizers take from an Optimizer item, checked when build_optimizer calls
 * them (the Engine, before the first batch) or used at the first step:
 * - Adam, AdamW and AdamWDL hand beta1, beta2 and epsilon to Paddle's Adam or AdamW, which assert
 *   each is not None and raise ValueError for a beta outside [0, 1) or a negative epsilon (text
 *   fails the comparison: TypeError). RMSProp raises ValueError for a None or negative momentum,
 *   rho or epsilon. Momentum checks only for None and hands momentum to its op (ValueError on text).
 * - Paddle's AdamW takes weight_decay only as a float (TypeError): PaddleClas's AdamW hands it None
 *   when the config gives none, an int as written (`0`), and a regularizer in its place
 *   (ppcls/optimizer/__init__.py:87). The other optimizers make a float weight_decay an L2 decay and
 *   call anything else as a regularizer at each step (TypeError at the first batch).
 * - clip_norm becomes ClipGradByNorm, which keeps float(clip_norm); 0, a negative or NaN norm trains
 *   with no, upward or NaN steps.
 * In the list form (`- AdamW: {scope: …}`) the values stay as PyYAML made them: `1e-8` is text there.
 */
function optimizerValueProblems(config: PpclsConfig, at: KeyPath, className: string, options: Mapping): ArgumentProblem[] {
  const building = keyText(at);
  const out: ArgumentProblem[] = [];
  const paddleClass = className === "AdamWDL" ? "AdamW" : className;
  const given = (key: string): boolean => Object.hasOwn(options, key);
  const valueOf = (key: string): unknown => config.get([...at, key]);
  /** A value Python compares with numbers: None fails the class's own check first, text the comparison. */
  const compared = (key: string, allowed: (v: number) => boolean, range: string, example: string, noneRaises: "AssertionError" | "ValueError", noneText: string): void => {
    if (!given(key)) return;
    const value = valueOf(key);
    const where = [...at, key];
    const suggestion = `write \`${key}: ${floatForm(value) ?? example}\``;
    if (value === null) out.push({ kind: "bad-value", at: where, building, value: "None", exception: noneRaises, when: `when training starts (Paddle's ${paddleClass}: ${noneText})`, suggestion });
    else if (!isNumber(value)) out.push({ kind: "bad-value", at: where, building, value: shownAt(config, where), exception: "TypeError", when: `when training starts (Paddle's ${paddleClass} compares ${key} with numbers: it must be ${range})${exponentHint(value)}`, suggestion });
    else if (!allowed(Number(value))) out.push({ kind: "bad-value", at: where, building, value: shownAt(config, where), exception: "ValueError", when: `when training starts (Paddle's ${paddleClass}: ${key} must be ${range})`, suggestion });
  };
  if (className === "Adam" || className === "AdamW" || className === "AdamWDL") {
    compared("beta1", (v) => v >= 0 && v < 1, "in [0, 1)", "0.9", "AssertionError", "assert beta1 is not None");
    compared("beta2", (v) => v >= 0 && v < 1, "in [0, 1)", "0.999", "AssertionError", "assert beta2 is not None");
    compared("epsilon", (v) => v >= 0, "0 or more", "1.0e-8", "AssertionError", "assert epsilon is not None");
  }
  // Paddle's Momentum refuses None (`momentum:` left empty) when it is built, and hands anything else to its momentum op (a float argument) at each step.
  const momentum = valueOf("momentum");
  if (className === "Momentum" && given("momentum") && !isNumber(momentum)) {
    const where = [...at, "momentum"];
    out.push(
      momentum === null
        ? { kind: "bad-value", at: where, building, value: "None", exception: "ValueError", when: "when training starts (paddle.optimizer.Momentum: momentum is not set)", suggestion: "write `momentum: 0.9`" }
        : { kind: "bad-value", at: where, building, value: shownAt(config, where), exception: "ValueError", when: `at the first batch (Paddle's Momentum hands momentum to its momentum op, whose argument must be a float)${exponentHint(momentum)}`, suggestion: `write \`momentum: ${floatForm(momentum) ?? "0.9"}\`` },
    );
  }
  // Paddle's momentum ops keep velocity = momentum × velocity + step, and check no bound (RMSProp refuses a negative one, below).
  if ((className === "Momentum" || className === "RMSProp") && given("momentum") && isNumber(momentum)) {
    const where = [...at, "momentum"];
    const silent = (what: string, suggestion: string): void => void out.push({ kind: "silent-value", at: where, building, value: shownAt(config, where), what: `Paddle's ${className} keeps velocity = momentum × velocity + the new step, so ${what}`, suggestion });
    if (Number(momentum) >= 1) silent("with a momentum of 1 or more past gradients never fade and the steps keep growing instead of settling", "write `momentum: 0.9` (below 1)");
    else if (className === "Momentum" && Number(momentum) < 0) silent("a negative momentum turns the past steps against the new one at every step: the update swings back and forth (and grows without bound from -1 on) instead of building up", "write `momentum: 0.9` (0 or more, below 1)");
  }
  if (className === "RMSProp") {
    compared("momentum", (v) => v >= 0, "0 or more", "0.9", "ValueError", "momentum is not set");
    compared("rho", (v) => v >= 0, "0 or more", "0.95", "ValueError", "rho is not set");
    compared("epsilon", (v) => v >= 0, "0 or more", "1.0e-6", "ValueError", "epsilon is not set");
  }
  // build_optimizer builds paddle.nn.ClipGradByNorm(clip_norm=…), which keeps float(clip_norm), and clips each gradient to that norm.
  if (given("clip_norm")) {
    const where = [...at, "clip_norm"];
    const value = valueOf("clip_norm");
    const when = `when training starts (Paddle's ClipGradByNorm keeps float(clip_norm): ${cited(optimizerSchema().reads.clipNorm)})`;
    const suggestion = "write `clip_norm: 5.0` (the largest norm a gradient keeps), or remove it for no clipping";
    if (typeof value === "string" ? !readsAsFloat(value) : !isNumber(value)) {
      out.push({ kind: "bad-value", at: where, building, value: shownAt(config, where), exception: typeof value === "string" ? "ValueError" : "TypeError", when, suggestion });
    } else {
      const norm = typeof value === "string" ? floatOf(value)! : Number(value);
      const what = Number.isNaN(norm) ? "every gradient clipped to a NaN norm is NaN, so the weights are NaN after the first step" : norm === 0 ? "every gradient is clipped to a norm of 0, so no step changes a weight and training ends with the model it started from" : norm < 0 ? "every gradient is scaled to a negative norm, so each step moves the weights up the loss, not down" : undefined;
      if (what !== undefined) out.push({ kind: "silent-value", at: where, building, value: shownAt(config, where), what, suggestion });
    }
  }
  // A weight_decay a regularizer does not replace (build_optimizer sets it to the regularizer), as Python holds it.
  const regularized = given("regularizer") && options["regularizer"] !== null;
  const decayAt = [...at, "weight_decay"];
  const decay = valueOf("weight_decay");
  const decayIsFloat = typeof decay === "number" && config.isFloat(decayAt);
  /** The float to write for it: the number itself, the float form of a text exponent, or `fallback`. */
  const decayAsFloat = (fallback: string): string => (typeof decay === "number" ? pyFloat(decay) : (floatForm(decay) ?? fallback));
  // Paddle's Optimizer makes a float weight_decay an L2Decay and keeps anything else (None aside) as the regularizer it calls at each step.
  if ((className === "SGD" || className === "Momentum" || className === "Adam" || className === "RMSProp") && given("weight_decay") && !regularized && decay !== null && !decayIsFloat) {
    out.push({ kind: "bad-value", at: decayAt, building, value: shownAt(config, decayAt), exception: "TypeError", when: `at the first batch (Paddle's ${className} makes only a float weight_decay an L2 decay, and keeps anything else as the regularizer it calls on each gradient: '${pyTypeName(decay)}' object is not callable)${exponentHint(decay)}`, suggestion: `write \`weight_decay: ${decayAsFloat("0.0001")}\`${decay === 0 || decay === false ? ", or remove it for no weight decay" : ""}` });
  }
  if (given("weight_decay") && !regularized && decayIsFloat && (decay as number) < 0) {
    out.push({ kind: "silent-value", at: decayAt, building, value: shownAt(config, decayAt), what: NEGATIVE_DECAY, suggestion: `write \`weight_decay: ${pyFloat(-(decay as number))}\`` });
  }
  if (className === "AdamW" || className === "AdamWDL") {
    const takes = `Paddle's AdamW takes weight_decay only as a float: weight_decay should be float or Tensor`;
    const regularizer = options["regularizer"];
    if (regularized) {
      out.push({ kind: "bad-value", at: [...at, "regularizer"], building, value: "set", exception: "TypeError", when: `when training starts (build_optimizer hands ${className} the regularizer it builds${isMapping(regularizer) && typeof regularizer["name"] === "string" ? ` (${regularizer["name"]}Decay)` : ""} as its weight_decay, ${cited(optimizerSchema().reads.weightDecay)}, and ${takes})`, suggestion: given("weight_decay") ? `remove \`regularizer:\`: ${className} then decays the weights by its own \`weight_decay\`` : `remove \`regularizer:\` and write \`weight_decay: ${isMapping(regularizer) && isNumber(regularizer["coeff"]) && Number(regularizer["coeff"]) > 0 ? pyFloat(Number(regularizer["coeff"])) : "0.05"}\` (${className}'s decoupled weight decay)` });
    } else if (!given("weight_decay")) {
      out.push({ kind: "missing-key", at, building, where: building, key: "weight_decay", exception: "TypeError", when: ` when training starts (PaddleClas's ${className} hands Paddle's AdamW weight_decay=None when the config gives none, and ${takes})`, suggestion: `add \`weight_decay: 0.05\` under ${building} (\`0.0\` for none)` });
    } else if (!decayIsFloat) {
      out.push({ kind: "bad-value", at: decayAt, building, value: shownAt(config, decayAt), exception: "TypeError", when: `when training starts (${takes}${isNumber(decay) ? `, and ${shownAt(config, decayAt)} is ${pyTypeName(decay) === "int" ? "an int" : "a bool"}` : ""})${exponentHint(decay)}`, suggestion: `write \`weight_decay: ${decayAsFloat("0.05")}\`` });
    }
  }
  return out;
}

/** What a negative weight decay (an L1/L2 coeff, a float weight_decay, AdamW's decoupled one) does: Paddle checks no sign. */
const NEGATIVE_DECAY = "a negative weight decay pushes each weight away from 0 at every step instead of toward it, so the weights grow instead of being regularized (Paddle checks no sign)";

/** The Python type name of a config value that is not a float (a YAML int, bool, text, list, mapping or None). */
function pyTypeName(value: unknown): string {
  return typeof value === "number" ? "int" : typeof value === "boolean" ? "bool" : typeof value === "string" ? "str" : Array.isArray(value) ? "list" : value === null ? "NoneType" : "dict";
}

/** A number as Python writes a float (`0.0`, `0.05`). */
function pyFloat(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

/**
 * The AMP section, as the Engine reads it when it starts (ppcls/engine/engine.py:605-649): `amp_config.get("use_amp",
 * True)` on any AMP value that is true (AttributeError for one that is not a mapping), then, with AMP on,
 * ppcls/utils/amp.py's build_scaler hands `scale_loss` to paddle.amp.GradScaler as its init_loss_scaling, which Paddle's
 * AmpScaler turns into `np.array([init_loss_scaling]).astype(np.float32)` on a GPU. Each step then multiplies the loss by
 * that scale and divides the gradients by it: a scale of 0 (or NaN, infinite) gives NaN gradients, and the scaler skips
 * every such step (dynamic loss scaling halves 0 to 0), so no weight ever changes.
 */
function ampProblems(config: PpclsConfig): ArgumentProblem[] {
  if (!config.has(["AMP"])) return [];
  const amp = config.get(["AMP"]);
  const building = "the Engine's AMP settings (amp_config.get: ppcls/engine/engine.py:605-607)";
  // Every release up to 2.5.2 turns AMP on for any AMP value that is not None (`self.amp = "AMP" in self.config and
  // self.config["AMP"] is not None`) and calls .get on it; only later code (14d06fb6b, 2023-05) reads a false one as off.
  if (amp !== null && !truthy(amp) && !isMapping(amp)) {
    return [{ kind: "bad-value", at: ["AMP"], building, value: shown(amp), exception: "AttributeError", when: `when training starts on PaddleClas 2.5.2 and earlier, which turn AMP on for any AMP value that is not None and call ${shown(amp)}.get (ppcls/engine/engine.py in v2.5.2: self.amp = "AMP" in self.config and self.config["AMP"] is not None); later versions read it as AMP off (a warning: which of the two depends on the PaddleClas version)`, suggestion: "remove the AMP section, or leave it empty (`AMP:` is None): every version then trains without AMP", versionDependent: true }];
  }
  if (!truthy(amp)) return [];
  if (!isMapping(amp)) return [{ kind: "not-a-mapping", at: ["AMP"], building, value: shown(amp), exception: "AttributeError" }];
  if (!truthy(Object.hasOwn(amp, "use_amp") ? amp["use_amp"] : true) || !Object.hasOwn(amp, "scale_loss")) return [];
  const at: KeyPath = ["AMP", "scale_loss"];
  const scale = amp["scale_loss"];
  const value = shownAt(config, at);
  const suggestion = "write `scale_loss: 128.0` (the loss scale AMP starts from), or remove it for 1.0";
  const when = "when training starts on a GPU (Paddle's AmpScaler makes np.array([scale_loss]).astype(np.float32) of it; ppcls/utils/amp.py:58-60)";
  if (scale === null) return [{ kind: "bad-value", at, building, value, exception: "TypeError", when, suggestion }];
  if (typeof scale === "string" && !readsAsFloat(scale)) return [{ kind: "bad-value", at, building, value, exception: "ValueError", when, suggestion }];
  // An infinite or NaN scale (text float() reads as one too) skips every step as 0 does.
  const number = typeof scale === "string" ? floatOf(scale) : isNumber(scale) ? Number(scale) : undefined;
  if (number !== undefined && (number === 0 || !Number.isFinite(number))) {
    return [{ kind: "silent-value", at, building, value, what: "each step multiplies the loss by the scale and divides the gradients by it, which gives NaN gradients, and Paddle's GradScaler skips every step that has them (dynamic loss scaling halves a scale of 0 to 0): no weight ever changes (on a GPU; ppcls/utils/amp.py:58-60)", suggestion }];
  }
  return [];
}

/**
 * A constructor called with `given` keys of `options`: a required parameter left
 * out (pointing at `nameAt`), a key it does not take (pointing at the key).
 * `alsoMeant`: keys PaddleClas reads itself, suggested for a key that is near one.
 */
function constructorProblems(at: KeyPath, building: string, className: string, signature: ClassSignature, options: Mapping, given: string[], nameAt: KeyPath, alsoMeant: string[] = []): ArgumentProblem[] {
  const out: ArgumentProblem[] = [];
  // A key **kwargs swallows unread may still be the misspelling of a required one.
  const unread = given.filter((k) => !signature.takes.includes(k));
  for (const argument of signature.required) {
    if (!given.includes(argument)) out.push({ kind: "missing-argument", at: nameAt, building, className, signature, argument, exception: "TypeError", ...hint(near(unread, argument)) });
  }
  if (signature.anyKey === true) return out;
  for (const argument of unread) out.push(unknownArgument([...at, argument], building, className, signature, argument, Object.keys(options), alsoMeant));
  return out;
}

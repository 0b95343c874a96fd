import { access, stat } from "node:fs/promises";
import { LabellintError, readFailure } from "../errors.js";
import { readClassNames } from "../readers/class-names.js";
import type { FileResult, SplitRole } from "../types.js";
import type { LintOptions } from "../engine/options.js";
import { datasetClass, pretrainedPathCheck, ROOT_ASSERTED } from "./arguments.js";
import { keyText, PpclsConfig, truthy, type Component, type KeyPath, type SplitSetup } from "./config.js";

/** The PaddleClas source file whose `target[:, 0, :]` bug LL605 looks for. */
export const LOSS_SOURCE = "ppcls/loss/multilabelloss.py";

/** A PaddleClas config, with what it names read, as config rules see it. */
export interface ConfigRun {
  config: PpclsConfig;
  splits: SplitSetup[];
  /** `Arch.class_num` (or `Global.class_num`, which PaddleClas copies into Arch when Arch has none). */
  classNum?: number;
  /** `Infer.PostProcess.class_id_map_file`, read. */
  classList?: { written: string; display: string; names: string[] };
  /**
   * `Infer.PostProcess.class_id_map_file` when it cannot be read (`why`):
   * training never reads it, and PaddleClas's inference prints a warning and
   * goes on without label names, so the check goes on without class names too.
   */
  classListUnread?: { written: string; display: string; why: string };
  /**
   * The Eval list when it cannot be read and `Global.eval_during_train` is
   * false: training never builds the Eval loader (ppcls/engine/engine.py),
   * so the check goes on without it; evaluation (tools/eval.py) would stop.
   */
  evalListUnread?: { written: string; display: string; why: string };
  /**
   * A read split's `image_root` that is not a folder: MultiLabelDataset (and the
   * datasets like it) asserts `os.path.exists(image_root)` and then each joined
   * image path while it loads the list, so training stops before its first step.
   */
  imageRootsMissing?: { key: SplitSetup["key"]; dataset: string; written: string; display: string; why: string; check: string; cite: string }[];
  /**
   * Weights a training run loads that are not there: `Arch.pretrained` as a
   * path and `Global.pretrained_model` (when the model is built) and the files
   * of `Global.checkpoints` (when training starts), all after the lists are loaded.
   */
  weightsMissing?: WeightsMissing[];
  /** Whether the run looks up images (`--check-images` and the options that imply it). */
  imagesChecked?: boolean;
  /** The label files linted for this config, with their roles. */
  files: { role: SplitRole; result: FileResult }[];
  /** With `--ppcls-root`: the checkout's multilabelloss.py. */
  lossSource?: { path: string; display: string; text: string };
}

/**
 * The rank of the targets a split's loader yields: 3 (`[B, 2, C]`) with `label_ratio`, else 2; undefined for a
 * dataset PaddleClas does not build as multi-label. MultiLabelDataset by its own name or PaddleX's (`MLClsDataset`).
 */
export function targetRank(setup: SplitSetup): 2 | 3 | undefined {
  if (datasetClass(setup.datasetName) !== "MultiLabelDataset") return undefined;
  return setup.labelRatio ? 3 : 2;
}

/** `[B, 33]` or `[B, 2, 33]` (C when class_num is unknown). */
export function targetShape(rank: 2 | 3, classNum: number | undefined): string {
  const c = classNum ?? "C";
  return rank === 3 ? `[B, 2, ${c}]` : `[B, ${c}]`;
}

/** What a loss or metric needs of its targets, and why. */
export interface RankNeed {
  rank: 2 | 3;
  /** The option that makes the need (`weight_ratio`), when it is an option rather than the component itself. */
  option?: string;
  /** What happens with targets of the other rank. */
  failure: string;
}

const TOO_MANY_INDICES = "fails with 'Too many indices (3) for tensor of dimension 2'";

/**
 * MultiLabelLoss, or DistillationMultiLabelLoss, its subclass for a distillation's models
 * (ppcls/loss/distillationloss.py:327-355), which hands each model's output to MultiLabelLoss's own
 * forward: the same targets, options and masking.
 */
export function isMultiLabelLoss(name: string): boolean {
  return name === "MultiLabelLoss" || name === "DistillationMultiLabelLoss";
}

/** The target rank a loss or metric entry needs (PaddleClas ppcls/loss, ppcls/metric); `phase` is "training" or "evaluation". */
export function rankNeed(component: Component, kind: "loss" | "metric", phase: string): RankNeed | undefined {
  const name = component.name;
  if (kind === "loss") {
    if (isMultiLabelLoss(name) && truthy(component.options["weight_ratio"])) {
      return { rank: 3, option: "weight_ratio", failure: `${phase} ${TOO_MANY_INDICES} (the loss reads target[:, 0, :] and target[:, 1, :])` };
    }
    // DistillationDMLLoss hands the targets to DMLLoss only when `self.weight_ratio is True` (ppcls/loss/distillationloss.py:117-118),
    // which reads gt_label[:, 0, :] and gt_label[:, 1, :] (ppcls/loss/dmlloss.py:53-55).
    if (name === "DistillationDMLLoss" && component.options["weight_ratio"] === true) {
      return { rank: 3, option: "weight_ratio", failure: `${phase} ${TOO_MANY_INDICES} (the loss reads gt_label[:, 0, :] and gt_label[:, 1, :])` };
    }
    if (name === "MultiLabelAsymmetricLoss") {
      return { rank: 2, failure: `${phase} fails (the loss cannot broadcast [B, C] logits against [B, 2, C] targets)` };
    }
    return undefined;
  }
  if (name === "ATTRMetric" || name === "MultilabelMeanAccuracy" || name === "MultiLabelMeanAccuracy") {
    return { rank: 3, failure: `${phase} ${TOO_MANY_INDICES} (the metric reads target[:, 0, :])` };
  }
  if (name === "HammingDistance" || name === "AccuracyScore" || name === "MultiLabelMAP") {
    return { rank: 2, failure: `${phase} fails (the metric hands the targets to sklearn as a [B, C] label matrix, which rejects a 3-D array)` };
  }
  return undefined;
}

/** The label smoothing MultiLabelLoss applies: `epsilon` when it is in (0, 1); PaddleClas sets any other value to None. */
export function smoothingOf(loss: Component): number | undefined {
  const epsilon = loss.options["epsilon"];
  return typeof epsilon === "number" && epsilon > 0 && epsilon < 1 ? epsilon : undefined;
}

/**
 * The distillation losses whose forward never reads the targets: they compare
 * the models' outputs (`super().forward(out1, out2)`, ppcls/loss/distillationloss.py:49-62,
 * 154-168, 219-232, 374-388, 407-425), so no label, −1 or other, becomes a target.
 */
const TARGET_FREE: ReadonlySet<string> = new Set(["DistillationCELoss", "DistillationDistanceLoss", "DistillationKLDivLoss", "DistillationDISTLoss", "DistillationPairLoss"]);

/**
 * Distillation losses that read each target as one class id, from `target.reshape([-1])` (PaddleClas d178931):
 * multi-hot float targets fail there. `option`: the argument that makes them take the teacher's argmax instead.
 */
export const CLASS_ID_LOSSES: Readonly<Record<string, { does: string; source: string; option?: string }>> = {
  DistillationDKDLoss: { does: "scatters a 1 at each target's class id (`_get_gt_mask`: `target.reshape([-1])` into `paddle.scatter_nd_add`)", source: "ppcls/loss/dkdloss.py:24-27, 47-52", option: "use_target_as_gt" },
  DistillationWSLLoss: { does: "one-hots each target as a class id (`F.one_hot(target.reshape([-1]), …)`)", source: "ppcls/loss/wslloss.py:32-43" },
  DistillationSKDLoss: { does: "one-hots each target as a class id (`F.one_hot(target.reshape([-1]), …)`)", source: "ppcls/loss/skdloss.py:38-48", option: "use_target_as_gt" },
};

/** Whether a loss reads the targets as class ids: one of those above, without its option set. */
export function readsClassIds(loss: Component): boolean {
  const facts = Object.hasOwn(CLASS_ID_LOSSES, loss.name) ? CLASS_ID_LOSSES[loss.name]! : undefined;
  if (facts === undefined) return false;
  return facts.option === undefined || !truthy(loss.options[facts.option]);
}

/**
 * Why a loss takes −1 labels as targets; null when it masks them
 * (MultiLabelLoss with weight_ratio and no label smoothing: `weight * (target > -1)`);
 * undefined for a loss this does not know.
 */
export function unmaskedBecause(loss: Component): string | null | undefined {
  if (loss.name === "MultiLabelAsymmetricLoss") return "this loss has no mask for −1";
  if (TARGET_FREE.has(loss.name)) return null;
  // DistillationDMLLoss compares two models' outputs; the targets enter only with `weight_ratio is True`, masked by
  // `weight * (gt_label > -1)` (ppcls/loss/dmlloss.py:53-58): −1 never becomes a target.
  if (loss.name === "DistillationDMLLoss") return null;
  // With use_target_as_gt, DKD and SKD take the teacher's argmax as the target instead (dkdloss.py:25-26, skdloss.py:44-45).
  if (Object.hasOwn(CLASS_ID_LOSSES, loss.name) && !readsClassIds(loss)) return null;
  if (!isMultiLabelLoss(loss.name)) return undefined;
  if (!truthy(loss.options["weight_ratio"])) return "weight_ratio is off, and only weight_ratio masks targets equal to −1";
  const epsilon = smoothingOf(loss);
  if (epsilon !== undefined) return `epsilon: ${epsilon} smooths −1 to about −${(1 - epsilon).toFixed(2)} before the mask, which only drops values ≤ −1`;
  return null;
}

/**
 * Where this split's training masks −1 targets, in words, when every loss of
 * the split does (MultiLabelLoss with weight_ratio and without label
 * smoothing); undefined when any loss would take −1 as a target.
 */
export function minusOneMask(setup: SplitSetup, configPath: string): string | undefined {
  if (setup.losses.length === 0 || !setup.losses.every((loss) => unmaskedBecause(loss) === null)) return undefined;
  // The mask is a loss's that reads the targets; a split none of whose losses reads them is left as it was.
  const masking = setup.losses.find((loss) => isMultiLabelLoss(loss.name)) ?? setup.losses.find((loss) => !TARGET_FREE.has(loss.name));
  if (masking === undefined) return undefined;
  return `${keyText(optionPath(masking, "weight_ratio"))} in ${configPath}`;
}

/** The key path of a component's option (`Loss.Train[0].MultiLabelLoss.weight_ratio`). */
export function optionPath(component: Component, option: string): KeyPath {
  return [...component.at, option];
}

/** The options a list of the config is linted with: its role, its split's image root (unless one is given for the run) and −1 masking. */
export function listOptions(file: ConfigInputs["files"][number], imageRootGiven: boolean): Partial<LintOptions> {
  return {
    split: file.role,
    ...(file.imageRoot !== undefined && !imageRootGiven ? { imageRoot: file.imageRoot } : {}),
    ...(file.minusOneMasked !== undefined ? { minusOneMasked: file.minusOneMasked } : {}),
    ...(file.imageDecoder !== undefined ? { imageDecoder: file.imageDecoder } : {}),
    ...(file.dropLastBatch !== undefined ? { dropLastBatch: file.dropLastBatch } : {}),
  };
}

function maskOf(setup: SplitSetup, configPath: string): { minusOneMasked?: string } {
  const mask = minusOneMask(setup, configPath);
  return mask !== undefined ? { minusOneMasked: mask } : {};
}

/** Why `resolved` cannot be read, or undefined when it can. */
async function unreadable(resolved: string): Promise<{ why: string; error: unknown } | undefined> {
  try {
    await access(resolved);
    return undefined;
  } catch (error) {
    return { why: readFailure(error), error };
  }
}

/** Why a split's image root stops its dataset while loading: no such folder, or a file (every joined image path is then missing). */
async function imageRootProblem(setup: SplitSetup): Promise<Omit<NonNullable<ConfigRun["imageRootsMissing"]>[number], "display"> | undefined> {
  const dataset = setup.datasetName;
  if (setup.imageRoot === undefined || dataset === undefined || !Object.hasOwn(ROOT_ASSERTED, dataset)) return undefined;
  const { written, resolved } = setup.imageRoot;
  const at = ROOT_ASSERTED[dataset]!;
  // os.path.join(image_root, path) then os.path.exists: a missing root fails at once, a file as the root at the first image.
  const found = await stat(resolved).then(
    (info) => (info.isDirectory() ? undefined : { why: "a file, not a folder", check: "os.path.exists of the first image path under it", cite: at.replace(/:\d+$/, "") }),
    (error: NodeJS.ErrnoException) => ({ why: error.code === "ENOENT" ? "no such folder" : readFailure(error), check: "os.path.exists(image_root)", cite: at }),
  );
  return found === undefined ? undefined : { key: setup.key, dataset, written, ...found };
}

/** A weights file a training run loads and cannot find (`file`: what PaddleClas opens, shown). */
export interface WeightsMissing {
  /** `Global.pretrained_model`, `Global.checkpoints`, `Arch.pretrained`, or a distilled model's `Arch.models[i].Key.pretrained`. */
  at: ["Global", "pretrained_model" | "checkpoints"] | ["Arch", "pretrained"] | ["Arch", "models", number, string, "pretrained"];
  written: string;
  file: string;
  why: string;
  exception: string;
  check: string;
  when: string;
  cite: string;
}

const SAVE_LOAD = "ppcls/utils/save_load.py";

/**
 * The weights files a training run opens (PaddleClas d178931): the Engine loads
 * `Global.pretrained_model` when it builds the model (ppcls/engine/engine.py:235):
 * load_dygraph_pretrain downloads an http(s) address, adds `.pdparams` unless the
 * path ends with it and raises ValueError when `os.path.exists` fails
 * (ppcls/utils/save_load.py:72-88). `Engine.train` hands a `Global.checkpoints`
 * that is not None to init_model (engine.py:321), which, for a true value, asserts
 * `.pdparams` and `.pdopt`, loads `.pdstates` (paddle.load raises ValueError for a
 * missing path) and with an `EMA` section asserts `.pdema` (save_load.py:129-139).
 * Values that are not text are invalid-argument's `bad-value` findings.
 */
async function weightsMissing(config: PpclsConfig, cwd: string): Promise<WeightsMissing[]> {
  const values = config.object(["Global"]);
  const out: WeightsMissing[] = [];
  const missing = async (written: string): Promise<string | undefined> =>
    stat(config.resolvePath(written)).then(
      () => undefined,
      (error: unknown) => readFailure(error),
    );
  // load_dygraph_pretrain: an http(s) address is downloaded; a path gets .pdparams unless it ends with it, then os.path.exists.
  const weightsFile = async (at: WeightsMissing["at"], value: unknown, cite: string): Promise<void> => {
    if (typeof value !== "string" || value.startsWith("http://") || value.startsWith("https://")) return;
    const file = value.endsWith(".pdparams") ? value : `${value}.pdparams`;
    const why = await missing(file);
    if (why === undefined) return;
    const resolved = PpclsConfig.display(config.resolvePath(file), cwd);
    out.push({ at, written: value, file: resolved, why, exception: "ValueError", check: "Model pretrain path … does not exists", when: "when it builds the model, after loading the lists", cite });
  };
  // The model's own weights (Arch.pretrained as a path), loaded by build_model before Global.pretrained_model.
  const arch = config.object(["Arch"]);
  const loads = pretrainedPathCheck(arch["name"]);
  if (loads !== undefined) await weightsFile(["Arch", "pretrained"], arch["pretrained"], `${loads}, called from the model's _load_pretrained`);
  // A distillation's models, each built with its own keys (ppcls/arch/__init__.py:134-135).
  for (const model of config.distillationModels() ?? []) {
    const modelLoads = pretrainedPathCheck(model.options["name"]);
    const [, , index, key] = model.at as ["Arch", "models", number, string];
    if (modelLoads !== undefined) await weightsFile(["Arch", "models", index, key, "pretrained"], model.options["pretrained"], `${modelLoads}, called from the model's _load_pretrained`);
  }
  await weightsFile(["Global", "pretrained_model"], values["pretrained_model"], `${SAVE_LOAD}:86, called from ppcls/engine/engine.py:235`);
  const checkpoints = values["checkpoints"];
  if (typeof checkpoints === "string" && checkpoints !== "") {
    const files: [string, string, string, number][] = [
      [".pdparams", "AssertionError", "Given dir ….pdparams not exist.", 130],
      [".pdopt", "AssertionError", "Given dir ….pdopt not exist.", 132],
      [".pdstates", "ValueError", "paddle.load: the path to load model not exists", 136],
      ...(config.has(["EMA"]) ? [[".pdema", "AssertionError", "Given dir ….pdema not exist.", 138] as [string, string, string, number]] : []),
    ];
    for (const [suffix, exception, check, line] of files) {
      const why = await missing(checkpoints + suffix);
      if (why === undefined) continue;
      out.push({
        at: ["Global", "checkpoints"],
        written: checkpoints,
        file: PpclsConfig.display(config.resolvePath(checkpoints + suffix), cwd),
        why,
        exception,
        check,
        when: "when training starts, after loading the lists and building the model",
        cite: `${SAVE_LOAD}:${line}, called from ppcls/engine/engine.py:321`,
      });
      break;
    }
  }
  return out;
}

async function mustExist(config: PpclsConfig, key: string, written: string, resolved: string, cwd: string): Promise<void> {
  const problem = await unreadable(resolved);
  if (problem !== undefined) {
    const { why, error } = problem;
    throw new LabellintError(
      "LL_READ_FAILED",
      `${config.path}: ${key} is '${written}', which resolves to '${PpclsConfig.display(resolved, cwd)}': ${why} (paths resolve against the directory PaddleClas runs from; set it with --ppcls-root)`,
      { cause: error },
    );
  }
}

/**
 * PaddleClas datasets that read a single-label list: `l.strip().split(delimiter)`, then `np.int64(l[1])`
 * (PaddleClas d178931, ppcls/data/dataloader/). `delimiter`: the dataset's own argument (" " when not given), or
 * the one it always uses. ClsDataset and ShiTuRecDataset are PaddleX's names for ImageNetDataset.
 */
const SINGLE_LABEL_DATASETS: Readonly<Record<string, { source: string; delimiter: "argument" | "\t" }>> = {
  ImageNetDataset: { source: "ppcls/data/dataloader/imagenet_dataset.py:68-73", delimiter: "argument" },
  MultiScaleDataset: { source: "ppcls/data/dataloader/multi_scale_dataset.py:68-70", delimiter: "argument" },
  ICartoonDataset: { source: "ppcls/data/dataloader/icartoon_dataset.py:33-35", delimiter: "\t" },
  LogoDataset: { source: "ppcls/data/dataloader/logo_dataset.py:41-45", delimiter: "\t" },
};

/** Losses and metrics only a multi-label run uses (beside MultiLabelLoss and its distillation form): a config with one of them means its lists to be multi-label. */
const MULTI_LABEL_PARTS: ReadonlySet<string> = new Set(["MultiLabelAsymmetricLoss", "HammingDistance", "AccuracyScore", "MultiLabelMAP", "ATTRMetric", "MultilabelMeanAccuracy"]);

/** The single-label dataset a split reads its list with (by any of its names), or undefined. */
export function singleLabelReader(setup: SplitSetup): (typeof SINGLE_LABEL_DATASETS)[string] | undefined {
  const cls = datasetClass(setup.datasetName);
  return cls !== undefined && Object.hasOwn(SINGLE_LABEL_DATASETS, cls) ? SINGLE_LABEL_DATASETS[cls] : undefined;
}

/**
 * What says a config trains a multi-label model, as YAML to quote: a true `Global.use_multilabel`,
 * else its first multi-label loss or metric, else a split read with MultiLabelDataset; undefined
 * when nothing does.
 */
export function multiLabelEvidence(run: Pick<ConfigRun, "config" | "splits">): string | undefined {
  const { config } = run;
  if (truthy(config.get(["Global", "use_multilabel"]))) return `\`Global.use_multilabel: ${config.written(["Global", "use_multilabel"])}\``;
  const part = run.splits.flatMap((s) => [...s.losses, ...s.metrics]).find((c) => isMultiLabelLoss(c.name) || MULTI_LABEL_PARTS.has(c.name));
  if (part !== undefined) return `\`${keyText(part.at)}\``;
  // A split that reads its list with MultiLabelDataset (by any of its names): the other split's is meant to be multi-label too.
  const multi = run.splits.find((s) => targetRank(s) !== undefined);
  return multi !== undefined ? `\`DataLoader.${multi.key}.dataset.name: ${multi.datasetName}\`` : undefined;
}

/** The label files a config names, and how to lint them. */
export interface ConfigInputs {
  run: Omit<ConfigRun, "files">;
  files: { role: SplitRole; path: string; display: string; imageRoot?: string; minusOneMasked?: string; dropLastBatch?: LintOptions["dropLastBatch"]; imageDecoder?: "pil" }[];
}

/**
 * A config every split of which reads its list with a single-label dataset (`path<delimiter>id`), and
 * nothing in which is multi-label, trains a single-label model: its lists are not multi-label lists,
 * and every finding about them as such would be false. One clear fatal error instead.
 */
function refuseSingleLabel(run: ConfigInputs["run"]): void {
  const readers = run.splits.map((s) => ({ s, reader: singleLabelReader(s) }));
  if (readers.some((r) => r.reader === undefined) || multiLabelEvidence(run) !== undefined) return;
  const names = [...new Set(readers.map((r) => `${r.s.datasetName} (${r.reader!.source})`))];
  const keys = readers.map((r) => `DataLoader.${r.s.key}.dataset.name`).join(" and ");
  throw new LabellintError(
    "LL_CONFIG_INVALID",
    `${run.config.path} trains a single-label model: ${keys} ${readers.length === 1 ? "names" : "name"} ${names.join(", ")}, which reads one class id after each path, and nothing in it is multi-label (no \`Global.use_multilabel: True\`, no multi-label loss or metric). labellint checks multi-label lists as MultiLabelDataset reads them (path<TAB>comma-separated labels). If these lists are multi-label, read them with \`name: MultiLabelDataset\`, \`MultiLabelLoss\` and \`Global.use_multilabel: True\`, and run labellint again`,
  );
}

/**
 * The options a config implies for linting its label files, for each one not
 * given explicitly: the `paddleclas` format (what MultiLabelDataset reads), C
 * from `Arch.class_num`, and the class names of the class-id map when they fit.
 */
export function impliedOptions(inputs: ConfigInputs, given: { format: boolean; classes: boolean; consumer?: boolean }): Partial<LintOptions> {
  const { config, classNum, classList } = inputs.run;
  const shared: Partial<LintOptions> = {};
  if (!given.format) {
    refuseSingleLabel(inputs.run);
    shared.format = "paddleclas";
    // Every split's dataset MultiLabelDataset (by any of its names), or some other dataset: the list is still linted as a multi-label one.
    const multiLabel = inputs.run.splits.every((s) => targetRank(s) !== undefined);
    shared.formatReason = multiLabel ? `${config.path} reads it with MultiLabelDataset: path<TAB>comma-separated labels` : `linted as MultiLabelDataset reads a list (path<TAB>comma-separated labels); ${config.path} names another dataset`;
  }
  if (!given.consumer) {
    shared.consumer = "paddleclas";
    shared.consumerReason = `${config.path} loads it`;
  }
  if (given.classes) return shared;
  if (classNum !== undefined) {
    shared.numClasses = classNum;
    shared.classSource = { source: "ppcls-config", reason: `${keyText(config.classNumKey())} in ${config.path}` };
    // Names only when they fit: a list of another length is class-count-mismatch's finding.
    if (classList !== undefined && classList.names.length === classNum) shared.classNames = classList.names;
  } else if (classList !== undefined) {
    shared.classNames = classList.names;
    shared.classSource = { source: "ppcls-config", reason: `${classList.names.length} names in Infer.PostProcess.class_id_map_file of ${config.path}` };
  }
  return shared;
}

/**
 * Reads a PaddleClas config and everything it names: both label lists (a
 * missing one is a fatal error naming its YAML key), the class list, and with
 * an explicit root the checkout's loss source.
 */
export async function openPpclsConfig(file: string, options: { root: string; rootGiven: boolean; cwd: string; displayPath?: string; overrides?: readonly string[] }): Promise<ConfigInputs> {
  const config = await PpclsConfig.load(file, options.root, options.displayPath ?? file, options.overrides);
  const splits = config.splits();
  if (splits.length === 0) throw new LabellintError("LL_CONFIG_INVALID", `${config.path}: no DataLoader.Train or DataLoader.Eval section: nothing to check`);
  const files: ConfigInputs["files"] = [];
  // `eval_during_train: False`: training builds no Eval loader (engine.py), so a missing Eval list does not stop it.
  const evalRead = config.evaluatesInTraining();
  let evalListUnread: ConfigRun["evalListUnread"];
  const imageRootsMissing: NonNullable<ConfigRun["imageRootsMissing"]> = [];
  for (const setup of splits) {
    const key = `DataLoader.${setup.key}.dataset.cls_label_path`;
    if (setup.clsLabelPath === undefined) throw new LabellintError("LL_CONFIG_INVALID", `${config.path}: ${key} is not set: PaddleClas has no list to read for ${setup.role}`);
    const { written, resolved } = setup.clsLabelPath;
    if (setup.key === "Eval" && !evalRead) {
      const problem = await unreadable(resolved);
      if (problem !== undefined) {
        evalListUnread = { written, display: PpclsConfig.display(resolved, options.cwd), why: problem.why };
        continue;
      }
    }
    await mustExist(config, key, written, resolved, options.cwd);
    // Training builds the Eval dataset only when it evaluates.
    const rootProblem = setup.key === "Train" || evalRead ? await imageRootProblem(setup) : undefined;
    if (rootProblem !== undefined) imageRootsMissing.push({ ...rootProblem, display: PpclsConfig.display(setup.imageRoot!.resolved, options.cwd) });
    files.push({
      role: setup.role,
      path: resolved,
      display: PpclsConfig.display(resolved, options.cwd),
      ...(setup.imageRoot !== undefined ? { imageRoot: setup.imageRoot.resolved } : {}),
      ...maskOf(setup, config.path),
      ...(setup.pilDecoding === true ? { imageDecoder: "pil" as const } : {}),
      ...(setup.dropLastBatch !== undefined ? { dropLastBatch: { size: setup.dropLastBatch, where: `DataLoader.${setup.key}.sampler in ${config.path}` } } : {}),
    });
  }
  const classNum = config.classNum();
  let classList: ConfigRun["classList"];
  let classListUnread: ConfigRun["classListUnread"];
  const mapFile = config.get(["Infer", "PostProcess", "class_id_map_file"]);
  if (typeof mapFile === "string" && mapFile.trim() !== "") {
    const resolved = config.resolvePath(mapFile);
    const display = PpclsConfig.display(resolved, options.cwd);
    // Not a label list: training does not open it, and inference only warns when it cannot (postprocess parse_class_id_map).
    const problem = await unreadable(resolved);
    if (problem !== undefined) classListUnread = { written: mapFile, display, why: problem.why };
    else {
      try {
        classList = { written: mapFile, display, names: await readClassNames(resolved) };
      } catch (error) {
        classListUnread = { written: mapFile, display, why: (error as Error).message };
      }
    }
  }
  const weights = await weightsMissing(config, options.cwd);
  let lossSource: ConfigRun["lossSource"];
  if (options.rootGiven) {
    const found = await config.readFromRoot(LOSS_SOURCE);
    if (found !== undefined) lossSource = { ...found, display: PpclsConfig.display(found.path, options.cwd) };
  }
  return {
    run: {
      config,
      splits,
      ...(classNum !== undefined ? { classNum } : {}),
      ...(classList !== undefined ? { classList } : {}),
      ...(classListUnread !== undefined ? { classListUnread } : {}),
      ...(evalListUnread !== undefined ? { evalListUnread } : {}),
      ...(imageRootsMissing.length > 0 ? { imageRootsMissing } : {}),
      ...(weights.length > 0 ? { weightsMissing: weights } : {}),
      ...(lossSource !== undefined ? { lossSource } : {}),
    },
    files,
  };
}

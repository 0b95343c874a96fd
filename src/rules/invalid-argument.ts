import type { ConfigContext } from "../engine/api.js";
import { argumentProblems, decodesFirst, fixesImageSize, globalProblems, namespaceOf, signaturesCommit, stacksImagesAsTransformed, type ArgumentProblem, type ClassSignature } from "../ppcls/arguments.js";
import type { ConfigRun } from "../ppcls/run.js";
import { keyText, truthy, type KeyPath } from "../ppcls/config.js";
import { defineRule } from "./helpers.js";

const EXAMPLE: Record<"loss" | "metric" | "transform", string> = { loss: "MultiLabelLoss", metric: "HammingDistance", transform: "DecodeImage" };

/** Where the constructor is: `MultiLabelDataset inherits CommonDataset.__init__ (ppcls/data/dataloader/common_dataset.py:49, PaddleClas d178931)`. */
function cite(className: string, signature: ClassSignature): string {
  if (signature.function === true) {
    // A model function: its own parameters, then those of the class it hands the rest to.
    const via = signature.via !== undefined ? `, which hands its other keywords to ${signature.via.class}.__init__ (${signature.via.source}:${signature.via.line})` : "";
    return `${className} (${signature.source}:${signature.line}${via}, PaddleClas ${signaturesCommit().slice(0, 7)})`;
  }
  const real = signature.class ?? className;
  const alias = signature.class !== undefined ? `${className} is ${real}: ` : "";
  const init = signature.inherits !== undefined ? `${real} inherits ${signature.inherits}.__init__` : `${real}.__init__`;
  const where = signature.repo !== undefined ? `${signature.repo.split("/")[1]} ${signature.commit?.slice(0, 7)}` : `PaddleClas ${signaturesCommit().slice(0, 7)}`;
  return `${alias}${init} (${signature.source}:${signature.line}, ${where})`;
}

const takesText = (signature: ClassSignature): string => (signature.takes.length > 0 ? `it takes ${signature.takes.join(", ")}` : "it takes no arguments");

export default defineRule({
  meta: {
    code: "LL606",
    name: "invalid-argument",
    defaultSeverity: "error",
    scope: "config",
    description:
      "A PaddleClas dataset, sampler, loader, transform operator (transform_ops, batch_transform_ops), loss, metric, optimizer, lr schedule or regularizer PaddleClas cannot build (an argument its class does not take, a required argument or key left out, an unknown class name), or a Global key or section a training run reads that is missing or holds a value it cannot use, an image_root that is not a folder, a dataset's operators that do not decode the image first or leave images of different sizes in one batch, Eval or Infer normalizing images unlike training (a warning), or pretrained weights or a checkpoint to resume from that are not there.",
    messages: {
      unknownArgument: "{{cls}} does not take '{{arg}}' ({{takes}}): PaddleClas raises TypeError while building {{building}}{{hint}}",
      missingArgument: "{{cls}} needs '{{arg}}': PaddleClas raises {{exception}} while building {{building}}{{hint}}",
      missingKey: "{{where}} needs '{{key}}': PaddleClas raises {{exception}}{{when}}{{hint}}",
      missingKeys: "{{where}} needs {{keys}}: PaddleClas raises KeyError on '{{first}}'{{when}}",
      badValue: "`{{where}}` is {{value}}: PaddleClas raises {{exception}} {{when}}",
      silentValue: "`{{where}}` is {{value}}: PaddleClas raises nothing, but {{what}}",
      normalizeMismatch: "`{{where}}` normalizes images with {{value}}, and training with {{train}}: PaddleClas raises nothing, but {{reads}}",
      unknownClass: "unknown {{family}} '{{name}}': PaddleClas raises {{exception}} while building {{building}}{{hint}}",
      alwaysRaises: "{{cls}} cannot be built: its constructor always raises {{exception}}{{text}}",
      notList: "`{{where}}` is {{value}}, not a list of `- {{example}}: …` entries: PaddleClas raises AssertionError (operator config should be a list)",
      entryShape: "`{{where}}` is {{what}}, not one {{family}} name with its arguments: PaddleClas raises AssertionError (yaml format error) while building {{building}}",
      notMapping: "`{{where}}` is {{value}}, not a mapping: PaddleClas raises {{exception}} while building {{building}}",
      weights: "`{{where}}` is '{{written}}', so PaddleClas opens '{{file}}', {{why}}: it raises {{exception}} ({{check}}) {{when}} ({{cite}}){{unchecked}}",
      unsized:
        "`{{where}}` leaves each image at its own size (no operator resizes or crops to one size: ResizeImage with `size`, CropImage, RandCropImage, …), and {{split}} stacks batches of {{batch}} images with np.stack: {{sizes}}PaddleClas raises ValueError (all input arrays must have the same shape) {{when}}{{unchecked}}",
      imageRoot: "`{{where}}` is '{{written}}', which resolves to '{{display}}', {{why}}: PaddleClas raises AssertionError ({{check}}) while {{dataset}} loads the list, before training starts ({{cite}}){{unchecked}}",
    },
    fix: { availability: "none", applicability: "none" },
  },
  config(ctx, run) {
    const { config } = run;
    const report = (problem: ArgumentProblem, messageId: string, data: Record<string, string | number>, suggestion: string) => {
      const warn = ((problem.kind === "bad-value" && problem.versionDependent === true) || (problem.kind === "silent-value" && problem.warning === true) || problem.kind === "normalize-mismatch") && !ctx.severityExplicit;
      ctx.report({ messageId, data: { building: problem.building, ...data }, ...config.locate(problem.at), ...(warn ? { severity: "warn" as const } : {}), suggestion });
    };
    for (const p of [...globalProblems(config), ...argumentProblems(config)]) {
      switch (p.kind) {
        case "unknown-argument":
          report(
            p,
            "unknownArgument",
            { cls: p.className, arg: p.argument, takes: takesText(p.signature), hint: p.didYouMean !== undefined ? `; did you mean '${p.didYouMean}'?` : "" },
            `${p.didYouMean !== undefined ? `rename \`${p.argument}\` to \`${p.didYouMean}\`` : `remove \`${p.argument}\``} — ${cite(p.className, p.signature)}`,
          );
          break;
        case "missing-argument":
          report(
            p,
            "missingArgument",
            { cls: p.className, arg: p.argument, exception: p.exception, hint: p.didYouMean !== undefined ? `; did you misspell it as '${p.didYouMean}'?` : "" },
            p.didYouMean !== undefined
              ? `rename \`${p.didYouMean}\` to \`${p.argument}\``
              : `add \`${p.argument}: ${p.argument === "weight" ? "1.0" : "…"}\` under ${keyText(p.at[p.at.length - 1] === "name" ? p.at.slice(0, -1) : p.at)} — ${cite(p.className, p.signature)}`,
          );
          break;
        case "missing-key":
          report(
            p,
            "missingKey",
            { where: p.where, key: p.key, exception: p.exception ?? "KeyError", when: p.when ?? "", hint: p.didYouMean !== undefined ? `; did you misspell it as '${p.didYouMean}'?` : "" },
            p.didYouMean !== undefined ? `rename \`${p.didYouMean}\` to \`${p.key}\`` : (p.suggestion ?? `add \`${p.key}:${p.example !== undefined ? ` ${p.example}` : ""}\` under ${p.where}`),
          );
          break;
        case "missing-keys":
          report(
            p,
            "missingKeys",
            { where: p.where, keys: `${p.keys.length} keys it does not have (${p.keys.map((k) => k.key).join(", ")})`, first: p.keys[0]!.key, when: p.when },
            `add under ${p.where}: ${p.keys.map((k) => `\`${k.key}: ${k.example}\``).join(", ")}`,
          );
          break;
        case "bad-value":
          report(p, "badValue", { where: keyText(p.at), value: p.value, exception: p.exception, when: p.when }, p.suggestion);
          break;
        case "undecoded":
          report(p, "badValue", { where: keyText(p.at), value: p.value, exception: "RecursionError", when: p.when }, p.suggestion);
          break;
        case "silent-value":
          report(p, "silentValue", { where: keyText(p.at), value: p.value, what: p.what }, p.suggestion);
          break;
        case "normalize-mismatch":
          report(p, "normalizeMismatch", { where: keyText(p.at), value: p.value, train: p.train, reads: p.reads }, p.suggestion);
          break;
        case "unknown-class":
          report(
            p,
            "unknownClass",
            { family: p.family, name: p.name, exception: p.exception, hint: p.didYouMean !== undefined ? `; did you mean '${p.didYouMean}'?` : "" },
            p.didYouMean !== undefined
              ? `write \`${p.didYouMean}\``
              : `use a ${p.family} class that ${namespaceOf(p.family)} imports (PaddleClas looks the name up there), or import yours there`,
          );
          break;
        case "always-raises": {
          const raises = p.signature.raises!;
          report(
            p,
            "alwaysRaises",
            { cls: p.className, exception: raises.exception, text: raises.message !== undefined ? ` (${raises.message})` : "" },
            `replace ${p.className} (its constructor raises at ${raises.source}:${raises.line})`,
          );
          break;
        }
        case "not-a-list":
          report(
            p,
            "notList",
            { where: keyText(p.at), value: p.value, example: EXAMPLE[p.family as "loss" | "metric" | "transform"] },
            `write each ${p.family} as a list item: \`- ${EXAMPLE[p.family as "loss" | "metric" | "transform"]}:\` with its arguments indented under it`,
          );
          break;
        case "entry-shape":
          report(
            p,
            "entryShape",
            { where: keyText(p.at), what: p.keys.length > 1 ? `${p.keys.length} keys (${p.keys.join(", ")})` : p.keys.length === 0 && p.value !== "a mapping" ? p.value : "an empty mapping", family: p.family },
            p.keys.length > 1
              ? `indent the arguments under \`- ${p.keys[0]}:\` (deeper than the name), or start each ${p.family} with \`- \``
              : `write the entry as \`- Name:\` with its arguments indented under it`,
          );
          break;
        case "not-a-mapping":
          report(p, "notMapping", { where: keyText(p.at), value: p.value, exception: p.exception }, `give ${keyText(p.at)} its keys, indented under it`);
          break;
      }
    }
    // Files on disk (an image root, weights): lists are checked in CI without their images or weights, so a missing
    // one is an error only where the images are looked up, or when the rule's severity is set.
    const onDisk = (at: KeyPath, messageId: string, data: Record<string, string>, unchecked: string, suggestion: string) =>
      ctx.report({
        messageId,
        data: { where: keyText(at), ...data, unchecked: run.imagesChecked === true ? "" : ` — a warning while images are not looked up (--check-images)${unchecked}` },
        ...config.locate(at),
        ...(run.imagesChecked !== true && !ctx.severityExplicit ? { severity: "warn" as const } : {}),
        suggestion: `${suggestion} (paths resolve against the directory PaddleClas runs from; set it with --ppcls-root)`,
      });
    for (const { key, written, display, why, check, cite, dataset } of run.imageRootsMissing ?? []) {
      onDisk(
        ["DataLoader", key, "dataset", "image_root"],
        "imageRoot",
        { written, display, why, check, cite, dataset },
        ", as lists are often checked where their images are not",
        "point image_root at the folder the list's image paths are relative to",
      );
    }
    const WEIGHTS: Record<string, string> = {
      pretrained: "point pretrained at the weights (the .pdparams suffix may be left out), or write `pretrained: True` for the ImageNet weights PaddleClas downloads",
      pretrained_model: "point pretrained_model at the weights (the .pdparams suffix may be left out), or write `pretrained_model: null`",
      checkpoints: "point checkpoints at the saved epoch's prefix (output/<model>/epoch_N, beside its .pdparams, .pdopt and .pdstates), or write `checkpoints: null` to start afresh",
    };
    for (const { at, ...data } of run.weightsMissing ?? []) {
      onDisk(at, "weights", data, ": a check without the images is taken to run where the weights are not either", WEIGHTS[at[at.length - 1] === "pretrained" ? "pretrained" : at[1]]!);
    }
    reportUnsizedBatches(ctx, run);
    reportStepRoundedToZero(ctx, run);
  },
});

/**
 * Step's `step_size` in epochs becomes `int(step_size × step_each_epoch)` (ppcls/optimizer/learning_rate.py:364),
 * which Paddle's StepDecay divides the step count by as it is built: a step size under one step rounds to 0, a
 * ZeroDivisionError when training starts. step_each_epoch is the Engine's `iter_per_epoch // update_freq`, where
 * iter_per_epoch is the train loader's batches or `Global.iter_per_epoch` when set (ppcls/engine/engine.py:143-155,
 * 242-245). The train list's rows give the batches on one GPU, the most any GPU count gives, so 0 there is 0
 * everywhere; a `Global.iter_per_epoch` fixes the count whatever the GPUs.
 */
function reportStepRoundedToZero(ctx: ConfigContext, run: ConfigRun): void {
  const { config } = run;
  const lr = config.object(["Optimizer", "lr"]);
  const size = lr["step_size"];
  if (lr["name"] !== "Step" || truthy(lr["by_epoch"]) || typeof size !== "number" || !(size > 0)) return;
  const isCount = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value) && value >= 1;
  const given = config.get(["Global", "iter_per_epoch"]);
  const updateFreq = config.has(["Global", "update_freq"]) ? config.get(["Global", "update_freq"]) : 1;
  if ((truthy(given) && !isCount(given)) || !isCount(updateFreq)) return;
  let iterations: number;
  let why: string;
  if (truthy(given)) {
    iterations = given as number;
    why = `Global.iter_per_epoch sets ${iterations} iterations an epoch`;
  } else {
    const train = run.files.find((f) => f.role === "train");
    const batchSize = config.get(["DataLoader", "Train", "sampler", "batch_size"]);
    if (train === undefined || train.result.rows === 0 || !isCount(batchSize)) return;
    iterations = truthy(config.get(["DataLoader", "Train", "sampler", "drop_last"])) ? Math.floor(train.result.rows / batchSize) : Math.ceil(train.result.rows / batchSize);
    why = `the train list's ${train.result.rows} rows make ${iterations} ${iterations === 1 ? "batch" : "batches"} of ${batchSize} on one GPU (fewer on more)`;
  }
  if (iterations === 0) return;
  // The Engine sets update_freq to 1 when an epoch has fewer iterations.
  const freq = iterations < updateFreq ? 1 : updateFreq;
  const steps = Math.floor(iterations / freq);
  if (freq > 1) why += `, stepped every ${freq} (Global.update_freq): ${steps} ${steps === 1 ? "step" : "steps"}`;
  if (Math.trunc(size * steps) !== 0) return;
  const at = ["Optimizer", "lr", "step_size"];
  ctx.report({
    messageId: "badValue",
    data: {
      building: "Optimizer.lr",
      where: keyText(at),
      value: config.written(at),
      exception: "ZeroDivisionError",
      when: `when training starts: Step computes int(step_size × the steps of an epoch) (ppcls/optimizer/learning_rate.py:364), and ${why}, so int(${config.written(at)} × ${steps}) is 0, which Paddle's StepDecay divides the step count by as it is built`,
    },
    ...config.locate(at),
    suggestion: `write a step_size of at least one step: \`step_size: ${Math.ceil((1 / steps) * 100) / 100}\` or more (epochs), or \`by_epoch: True\` with a whole number of epochs`,
  });
}

/** `48 to 64`, or `64` when both are. */
const span = (min: number, max: number): string => (min === max ? String(min) : `${min} to ${max}`);

/**
 * A split whose operators leave each image at its own size, batched by more than one: the loader stacks each
 * batch with np.stack (paddle.io's default_collate_fn; build_dataloader's mix_collate_fn with batch operators,
 * ppcls/data/__init__.py:138-148), which refuses arrays of different shapes. Images decoded here (their sizes)
 * decide; without them it is a warning, as a list of images of one size trains.
 */
function reportUnsizedBatches(ctx: ConfigContext, run: ConfigRun): void {
  const { config } = run;
  // With DALI (on a CUDA build) PaddleClas builds its own pipeline from the operators, and batches it itself.
  if (truthy(config.get(["Global", "use_dali"]))) return;
  const evaluates = config.evaluatesInTraining();
  for (const setup of run.splits) {
    if (setup.key === "Eval" && !evaluates) continue;
    const dataset = ["DataLoader", setup.key, "dataset"];
    if (!stacksImagesAsTransformed(config.get([...dataset, "name"]))) continue;
    const at = [...dataset, "transform_ops"];
    const list = config.get(at);
    // No operators, or none decoding first: every image fails before any batch (the undecoded finding).
    if (!Array.isArray(list) || !decodesFirst(list) || fixesImageSize(list) !== false) continue;
    const batch = config.get(["DataLoader", setup.key, "sampler", "batch_size"]);
    if (typeof batch !== "number" || batch <= 1) continue;
    const images = run.files.find((f) => f.role === setup.role)?.result.images;
    const decoded = images !== undefined && images.decoded > 1 && images.minWidth !== null && images.minHeight !== null;
    if (decoded && images.minWidth === images.maxWidth && images.minHeight === images.maxHeight) continue;
    const sizes = decoded
      ? `the images decoded here are ${span(images.minWidth!, images.maxWidth!)} pixels wide and ${span(images.minHeight!, images.maxHeight!)} high, so `
      : "unless every image of the list has the same size, ";
    ctx.report({
      messageId: "unsized",
      data: {
        where: keyText(at),
        split: `DataLoader.${setup.key}`,
        batch: String(batch),
        sizes,
        when: setup.key === "Train" ? "at the first batch" : "at the first evaluation, at the end of the first epoch, after its GPU time is spent",
        unchecked: decoded ? "" : " — a warning while images are not decoded (--decode-images)",
      },
      ...config.locate(at),
      ...(!decoded && !ctx.severityExplicit ? { severity: "warn" as const } : {}),
      suggestion:
        setup.key === "Train"
          ? "give every image one size, as PaddleClas's configs do: `- RandCropImage: {size: 224}` after DecodeImage"
          : "give every image one size, as PaddleClas's configs do: `- ResizeImage: {resize_short: 256}` then `- CropImage: {size: 224}` after DecodeImage",
    });
  }
}

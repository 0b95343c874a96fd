import { FirstAndCount } from "../engine/api.js";
import { Verdict } from "../readers/row.js";
import { defineRule } from "./helpers.js";
import { keyText, pyValue } from "../ppcls/config.js";
import type { ConfigRun } from "../ppcls/run.js";
import type { ConfigContext } from "../engine/api.js";

/** What a classification backbone PaddleClas ships is built with when Arch has no class_num. */
const DEFAULT_CLASS_NUM = 1000;
/** Arch names that are no backbone: their class counts are set in their own parts (the models of a distillation, RecModel's Head). */
const COMPOSITE_ARCHS = new Set(["DistillationModel", "RecModel", "AttentionModel"]);

/** The lists' class counts, where each list's rows are all that wide (a list of other widths has its own error); none when a list is not. */
function listWidths(run: ConfigRun): number[] {
  if (run.files.length === 0 || !run.files.every((f) => f.result.shape.ok)) return [];
  return [...new Set(run.files.map((f) => f.result.numClasses).filter((c) => c > 0))];
}

/** The lists' class count, where every list read is of one width. */
function listsWidth(run: ConfigRun): number | undefined {
  const widths = listWidths(run);
  return widths.length === 1 ? widths[0] : undefined;
}

/**
 * A DistillationModel's models whose outputs meet the labels' width, each with why: the scored model
 * (`Student`, which evaluation scores), those a DistillationMultiLabelLoss trains on the labels
 * (`predicts[name]` into MultiLabelLoss, ppcls/loss/distillationloss.py:346-352), and those a loss
 * compares with one of them (`model_name_pairs`: DML, KL, distance … losses take both outputs
 * elementwise, distillationloss.py:109-120).
 */
function labelWidthModels(run: ConfigRun): Map<string, { why: string; when: string }> {
  const { config } = run;
  const models = config.distillationModels() ?? [];
  const keys = new Set(models.map((m) => m.key));
  const why = new Map<string, { why: string; when: string }>();
  const firstBatch = "the first batch";
  const losses = [...config.components(["Loss", "Train"]), ...config.components(["Loss", "Eval"])];
  for (const loss of losses) {
    const names = loss.name === "DistillationMultiLabelLoss" ? loss.options["model_names"] : undefined;
    if (!Array.isArray(names)) continue;
    for (const name of names) {
      if (typeof name === "string" && keys.has(name) && !why.has(name)) why.set(name, { why: `${loss.name} (${keyText(loss.at)}) scores ${name}'s outputs against the labels`, when: loss.at[1] === "Eval" ? "the first evaluation" : firstBatch });
    }
  }
  const scored = config.scoredModel();
  if (scored !== undefined && !why.has(scored.key)) {
    why.set(scored.key, scored.key === "Student" ? { why: "evaluation scores Student's outputs against the labels (ppcls/engine/evaluation/classification.py:68-69)", when: "the first evaluation" } : { why: "its outputs are scored against the labels", when: firstBatch });
  }
  // A pair's outputs are compared value by value: one side of the labels' width makes the other need it too.
  for (let grew = true; grew; ) {
    grew = false;
    for (const loss of losses) {
      const pairs = loss.options["model_name_pairs"];
      if (!Array.isArray(pairs)) continue;
      for (const pair of pairs) {
        if (!Array.isArray(pair) || pair.length < 2 || typeof pair[0] !== "string" || typeof pair[1] !== "string") continue;
        for (const [a, b] of [[pair[0], pair[1]], [pair[1], pair[0]]] as const) {
          if (why.has(a) && keys.has(b) && !why.has(b)) {
            why.set(b, { why: `${loss.name} (${keyText(loss.at)}) compares ${b}'s outputs with ${a}'s, value by value`, when: loss.at[1] === "Eval" ? "the first evaluation" : firstBatch });
            grew = true;
          }
        }
      }
    }
  }
  return why;
}

/**
 * The class counts of a DistillationModel's models: DistillationModel passes each model's own keys
 * to it (`eval(name)(**model_config)`, ppcls/arch/__init__.py:134-135) and ignores `Arch.class_num`,
 * so every model whose outputs meet the labels must be built with the lists' class count.
 */
function distillationClassNums(ctx: ConfigContext, run: ConfigRun): void {
  const { config } = run;
  const scored = config.scoredModel();
  const target = run.classNum ?? listsWidth(run);
  const why = labelWidthModels(run);
  for (const model of config.distillationModels() ?? []) {
    const reason = why.get(model.key);
    if (reason === undefined) continue;
    const fails = reason.when === "the first evaluation" ? "evaluation fails at its first batch" : "the loss fails at the first batch";
    const name = typeof model.options["name"] === "string" ? model.options["name"] : model.key;
    const key = [...model.at, "class_num"];
    const built = (shown: string) => `${model.key}'s ${name} is built with class_num=${shown} (DistillationModel passes each model's keys on, ppcls/arch/__init__.py:134-135)`;
    if (config.has(key)) {
      const value = config.get(key);
      if (typeof value === "number" && Number.isInteger(value) && value > 0) {
        if (config.isFloat(key)) {
          ctx.report({ messageId: "classNumFloat", data: { key: keyText(key), value: config.written(key), built: built(config.written(key)) }, ...config.locate(key), suggestion: `write it as an int: \`class_num: ${value}\`` });
        } else if (target !== undefined && value !== target && model !== scored) {
          ctx.report({
            messageId: "distillationWidth",
            data: { key: keyText(key), value, model: model.key, C: target, reason: run.classNum !== undefined ? `${keyText(config.classNumKey())} in ${config.path}` : "the lists' width", why: reason.why, fails },
            ...config.locate(key),
            suggestion: `set ${keyText(key)} to ${target}, as the other models' outputs`,
          });
        }
        continue;
      }
      const shown = typeof value === "string" ? `'${value}'` : pyValue(value);
      ctx.report({ messageId: "classNumInvalid", data: { key: keyText(key), value: shown, built: built(shown) }, ...config.locate(key), suggestion: `set ${keyText(key)} to the number of classes the label lists have` });
      continue;
    }
    if (target === undefined || target === DEFAULT_CLASS_NUM) continue;
    ctx.report({
      messageId: "distillationUnset",
      data: { at: keyText(model.at), model: model.key, name, C: target, why: reason.why, fails },
      ...config.locate(model.at),
      suggestion: `add \`class_num: ${target}\` under ${keyText(model.at)}`,
    });
  }
}

/**
 * `Arch.class_num` (or Global's) set to what no classifier can have (`abc`, `None`, `0`), or not set
 * while the lists have another class count than the backbones' default: build_model passes Arch's keys
 * to the model's constructor (ppcls/arch/__init__.py:40) after create_attr_dict's literal_eval.
 */
function classNumProblem(ctx: ConfigContext, run: ConfigRun): void {
  const name = run.config.get(["Arch", "name"]);
  if (name === "DistillationModel") return distillationClassNums(ctx, run);
  if (typeof name !== "string" || COMPOSITE_ARCHS.has(name)) return;
  const arch = name;
  const key = run.config.classNumKey();
  if (run.config.has(key)) {
    const value = run.config.get(key);
    const built = (shown: string) =>
      key[0] === "MLDecoder"
        ? `the MLDecoder head that replaces ${arch}'s classifier (Arch.use_ml_decoder) is built with class_num=${shown} (add_ml_decoder_head, ppcls/arch/gears/__init__.py:42-79)`
        : `${arch} is built with class_num=${shown} (build_model passes Arch's keys on, ppcls/arch/__init__.py:40)`;
    if (typeof value === "number" && Number.isInteger(value) && value > 0 && run.config.isFloat(key)) {
      // 33.0: a float to PaddleClas (YAML, or literal_eval of "33.0"), which Paddle refuses as a layer's size.
      ctx.report({
        messageId: "classNumFloat",
        data: { key: keyText(key), value: run.config.written(key), built: built(run.config.written(key)) },
        ...run.config.locate(key),
        suggestion: `write it as an int: \`${key[key.length - 1]}: ${value}\``,
      });
      return;
    }
    const shown = typeof value === "string" ? `'${value}'` : pyValue(value);
    ctx.report({
      messageId: "classNumInvalid",
      data: { key: keyText(key), value: shown, built: built(shown) },
      ...run.config.locate(key),
      suggestion: `set ${keyText(key)} to the number of classes the label lists have`,
    });
    return;
  }
  const widths = listWidths(run);
  if (widths.length === 0 || widths.every((c) => c === DEFAULT_CLASS_NUM)) return;
  ctx.report({
    messageId: "classNumUnset",
    data: { arch, C: widths.join(" and ") },
    ...run.config.locate(["Arch"]),
    suggestion: `add \`class_num: ${widths[0]}\` under Arch`,
  });
}

export default defineRule({
  meta: {
    code: "LL309",
    name: "class-count-mismatch",
    defaultSeverity: "error",
    scope: "dataset",
    description:
      "The class count differs between the data, the declared C (--num-classes, class list, Arch.class_num, CSV header) and a config's class list; or it is 1, which HashNet's ImageList reads as a single-label list of class indices.",
    messages: {
      data: "most rows have {{width}} label values ({{sampled}} of {{sampledRows}} sampled rows; {{rows}} rows in all, first on line {{first}}) but C is {{C}} ({{reason}}): the targets are [B, {{width}}] while the model outputs [B, {{C}}], so every such row is unusable",
      oneClass: "every row has one label value (C is 1, {{reason}})",
      classList: "`{{key}}` is {{C}} but `Infer.PostProcess.class_id_map_file` ({{list}}) names {{names}} classes: the model's outputs and the class names do not line up",
      classNumInvalid:
        "`{{key}}` is {{value}}: {{built}}, and its classifier needs a positive whole number of outputs, so building the model fails when training starts",
      classNumFloat:
        "`{{key}}` is {{value}}, a float to PaddleClas: {{built}}, and Paddle creates its classifier's weight only from int sizes (the shape \"must be list of int, but got float\", CastPyArg2VectorOfInt in Paddle's paddle/fluid/pybind/eager_utils.cc), so building the model fails when training starts",
      classNumUnset:
        "`Arch.class_num` is not set: {{arch}} is built with its own default, 1000 outputs for the classification backbones PaddleClas ships (e.g. ppcls/arch/backbone/legendary_models/mobilenet_v1.py:114), while the lists have {{C}} classes: the model outputs [B, 1000] for targets [B, {{C}}], and the loss fails at the first batch",
      distillationWidth:
        "`{{key}}` is {{value}}, while the lists have {{C}} classes ({{reason}}): {{why}}, [B, {{value}}] against [B, {{C}}], and {{fails}}",
      distillationUnset:
        "`{{at}}` has no class_num: DistillationModel builds {{model}}'s {{name}} with its own default, 1000 outputs for the classification backbones PaddleClas ships (DistillationModel passes each model's own keys on and ignores Arch.class_num, ppcls/arch/__init__.py:134-135), while the lists have {{C}} classes: {{why}}, [B, 1000] against [B, {{C}}], and {{fails}}",
      classListUnread:
        "`Infer.PostProcess.class_id_map_file` is '{{written}}', which resolves to '{{list}}': {{why}}: training does not read it, but PaddleClas's inference warns and prints no label names; the class names were not checked",
    },
    fix: { availability: "none", applicability: "none" },
  },
  config(ctx, run) {
    const unread = run.classListUnread;
    if (unread !== undefined) {
      ctx.report({
        messageId: "classListUnread",
        data: { written: unread.written, list: unread.display, why: unread.why },
        ...run.config.locate(["Infer", "PostProcess", "class_id_map_file"]),
        suggestion: "run from the directory PaddleClas runs from (or give it with --ppcls-root), or point class_id_map_file at the class list",
      });
    }
    if (run.classNum === undefined || run.config.distillationModels() !== undefined) classNumProblem(ctx, run);
    const list = run.classList;
    if (run.classNum === undefined || list === undefined || list.names.length === run.classNum) return;
    const key = run.config.classNumKey();
    const location = run.config.locate(key);
    ctx.report({
      messageId: "classList",
      data: { key: keyText(key), C: run.classNum, list: list.display, names: list.names.length },
      ...location,
      suggestion: `set ${keyText(key)} to the number of classes the label lists have, and make ${list.written} list exactly those classes`,
    });
  },
  create(ctx) {
    const width = ctx.facts.dataWidth;
    const seen = new FirstAndCount();
    // No per-row work unless the head showed the file has another width.
    if (width === undefined) {
      // One class: a reader that takes a first line of one value for a single-label list (HashNet) says so once.
      if (ctx.facts.numClasses !== 1) return {};
      return {
        end() {
          if (ctx.dataset.rows > 0) ctx.report({ messageId: "oneClass", data: { reason: ctx.facts.numClassesReason } });
        },
      };
    }
    return {
      rowVerdicts: [Verdict.LabelCount],
      row(row) {
        if (row.k !== width.width) return;
        seen.add(row.line);
      },
      partial: seen,
      end() {
        const { count: rows, first } = seen;
        if (rows === 0) return;
        ctx.report({
          messageId: "data",
          data: {
            width: width.width,
            sampled: width.rows,
            sampledRows: width.sampledRows,
            rows,
            first: ctx.lineOf(first),
            C: ctx.facts.numClasses,
            reason: ctx.facts.numClassesReason,
          },
          line: first,
        });
      },
    };
  },
});

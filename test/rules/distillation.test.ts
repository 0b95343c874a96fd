/**
 * A DistillationModel config, as PaddleClas d178931 builds and trains it (PULC person_attribute and
 * vehicle_attribute ship one each): its models (ppcls/arch/__init__.py:114-156), built with their own
 * keys while Arch.class_num is ignored; the dict of their outputs, which training hands every loss and
 * metric (ppcls/engine/train/train.py:51-52, 81) and evaluation reduces to `out["Student"]`
 * (ppcls/engine/evaluation/classification.py:68-69); and the Distillation losses' model names
 * (ppcls/loss/distillationloss.py:91-127, 327-355).
 */
import { describe, expect, it } from "vitest";
import { runRuleTests } from "../rule-tester.js";
import { lineOf, ppclsConfig } from "../ppcls/configs.js";
import { generatedList, lintLaidOut } from "../ppcls/layout.js";

function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`'${from}' not in the config`);
  return text.replace(from, to);
}

const ARCH = "Arch:\n  name: MobileNetV1\n  class_num: 4\n";
const DISTILLED_ARCH = [
  "Arch:",
  "  name: DistillationModel",
  "  class_num: &class_num 4",
  "  pretrained_list:",
  "  freeze_params_list:",
  "  - True",
  "  - False",
  "  models:",
  "    - Teacher:",
  "        name: ResNet101_vd",
  "        class_num: *class_num",
  "    - Student:",
  "        name: PPLCNet_x1_0",
  "        class_num: *class_num",
  "        pretrained: True",
  "        use_ssld: True",
  "  infer_model_name: Student",
  "",
].join("\n");
const TRAIN_LOSS = "  Train:\n    - MultiLabelLoss:\n        weight: 1.0\n";
const DML = "    - DistillationDMLLoss:\n        weight: 1.0\n        model_name_pairs:\n        - [\"Student\", \"Teacher\"]\n";
const MLL = "    - DistillationMultiLabelLoss:\n        weight: 1.0\n        model_names: [\"Student\"]\n";
const TRAIN_METRICS = "Metric:\n  Train:\n    - AccuracyScore:\n    - HammingDistance:\n";

/** PULC person_attribute's PPLCNet_x1_0_Distillation.yaml in the shape of the test configs (no training metric, as it has none). */
const distilled = edit(edit(edit(ppclsConfig(), ARCH, DISTILLED_ARCH), TRAIN_LOSS, `  Train:\n${DML}${MLL}`), TRAIN_METRICS, "Metric:\n  Train:\n");

const studentLower = edit(distilled, "    - Student:", "    - student:");
const typoName = edit(distilled, "name: ResNet101_vd", "name: ResNet101vd");
const noModels = edit(distilled, DISTILLED_ARCH.slice(DISTILLED_ARCH.indexOf("  models:")), "  infer_model_name: Student\n");
const emptyModels = edit(distilled, DISTILLED_ARCH.slice(DISTILLED_ARCH.indexOf("  models:")), "  models: []\n  infer_model_name: Student\n");
const twoKeys = edit(distilled, "    - Student:\n", "    - Student:\n      Extra:\n");
const nameless = edit(distilled, "        name: PPLCNet_x1_0\n", "");
const pretrainedNone = edit(distilled, "        pretrained: True\n", "        pretrained: null\n");
const pretrainedList = edit(distilled, "  pretrained_list:\n", "  pretrained_list: [null, ./weights/student]\n");
const studentWeights = edit(distilled, "        pretrained: True\n", "        pretrained: ./weights/student\n");
const shortFreeze = edit(distilled, "  - True\n  - False\n", "  - True\n");
const emptyNames = edit(distilled, 'model_names: ["Student"]', "model_names: []");
const onlyEmpty = edit(edit(distilled, DML, ""), 'model_names: ["Student"]', "model_names: []");
const emptyBeside = edit(emptyNames, `  Train:\n${DML}`, `  Train:\n${DML}${MLL}`);
const textNames = edit(distilled, 'model_names: ["Student"]', "model_names: Student");
const pairTypo = edit(distilled, '- ["Student", "Teacher"]', '- ["Student", "teacher"]');
const pairOfOne = edit(distilled, '- ["Student", "Teacher"]', '- ["Student"]');
const pairAsText = edit(distilled, '- ["Student", "Teacher"]', "- Student");
const namesNotText = edit(distilled, 'model_names: ["Student"]', "model_names: [1, [Student]]");
const evalDistilled = edit(distilled, "  Eval:\n    - MultiLabelLoss:\n        weight: 1.0\n", "  Eval:\n    - DistillationMultiLabelLoss:\n        weight: 1.0\n        model_names: [\"Student\"]\n");
const plainLoss = edit(distilled, `  Train:\n${DML}`, `  Train:\n    - MultiLabelLoss:\n        weight: 1.0\n${DML}`);
const trainMetric = edit(distilled, "Metric:\n  Train:\n", "Metric:\n  Train:\n    - HammingDistance:\n");
const noEvalStudent = edit(studentLower, "  eval_during_train: True\n", "  eval_during_train: False\n");
const wideTeacher = edit(distilled, "        name: ResNet101_vd\n        class_num: *class_num\n", "        name: ResNet101_vd\n        class_num: 1000\n");
const unpairedTeacher = edit(wideTeacher, DML, "");
const studentUnset = edit(distilled, "        name: PPLCNet_x1_0\n        class_num: *class_num\n", "        name: PPLCNet_x1_0\n");
const studentUnsetEval = edit(edit(studentUnset, DML, ""), 'model_names: ["Student"]', 'model_names: ["Teacher"]');
const studentText = edit(distilled, "        name: PPLCNet_x1_0\n        class_num: *class_num\n", "        name: PPLCNet_x1_0\n        class_num: four\n");
const studentFloat = edit(distilled, "        name: PPLCNet_x1_0\n        class_num: *class_num\n", "        name: PPLCNet_x1_0\n        class_num: 4.0\n");
/** Arch.class_num at another count than the models': DistillationModel takes it into **kargs and uses it nowhere. */
const archOther = edit(edit(edit(distilled, "  class_num: &class_num 4\n", "  class_num: 1000\n"), "        class_num: *class_num\n", "        class_num: 4\n"), "        class_num: *class_num\n", "        class_num: 4\n");

const lineText = (text: string, needle: string): string => text.split("\n")[lineOf(text, needle) - 1]!;
const messages = (run: { configs?: { problems: { message: string }[] }[] }) => (run.configs ?? []).flatMap((c) => c.problems.map((p) => p.message));

runRuleTests("invalid-argument", {
  valid: [
    { name: "PULC's person_attribute distillation: a DML pair and a DistillationMultiLabelLoss on Student, Eval scoring Student with plain losses and metrics", text: distilled, ppcls: {} },
    { name: "a model's weights where its path points", text: studentWeights, ppcls: { files: { "weights/student.pdparams": "w" } }, options: { checkImages: true } },
    { name: "no model keyed Student, with evaluation off: nothing reads out['Student']", text: edit(edit(noEvalStudent, '- ["Student", "Teacher"]', '- ["student", "Teacher"]'), 'model_names: ["Student"]', 'model_names: ["student"]'), ppcls: {} },
  ],
  invalid: [
    {
      name: "Student keyed `student`: evaluation gets the dict of outputs, and the losses name a model the dict does not hold (KeyError)",
      text: studentLower,
      ppcls: {},
      errors: [
        [lineOf(studentLower, "  models:"), "LL606"],
        [lineOf(studentLower, '- ["Student", "Teacher"]'), "LL606"],
        [lineOf(studentLower, "model_names:"), "LL606"],
      ],
      message: ["`Arch.models` is a list of models keyed Teacher, student (none Student): PaddleClas raises an error at the first evaluation: evaluation scores `out[\"Student\"]` only when a model is keyed Student"],
      checkRun: (run) => expect(messages(run).join("\n")).toContain("`Loss.Train[0].DistillationDMLLoss.model_name_pairs[0][0]` is 'Student': PaddleClas raises KeyError ('Student') at the first batch"),
    },
    {
      name: "a model name ppcls.arch does not have: eval(model_name) raises NameError while the model is built",
      text: typoName,
      ppcls: {},
      errors: [[lineOf(typoName, "name: ResNet101vd"), "LL606"]],
      only: true,
      message: ["`Arch.models[0].Teacher.name` is 'ResNet101vd': PaddleClas raises NameError when the model is built, before training starts (`eval(model_name)` in ppcls.arch, ppcls/arch/__init__.py:135)"],
    },
    { name: "a DistillationModel without models: assert isinstance(models, list)", text: noModels, ppcls: {}, errors: [[lineOf(noModels, "name: DistillationModel"), "LL606"]], only: true, message: ["PaddleClas raises AssertionError when the model is built, before training starts (assert isinstance(models, list), ppcls/arch/__init__.py:121)"] },
    { name: "models: []: DistillationModel builds nothing to train", text: emptyModels, ppcls: {}, errors: [[lineOf(emptyModels, "models: []"), "LL606"]], only: true, message: ["`Arch.models` is an empty list: PaddleClas raises an error before the first batch"] },
    { name: "a models entry of two keys: assert len(model_config) == 1", text: twoKeys, ppcls: {}, errors: [[lineOf(twoKeys, "    - Student:"), "LL606"]], message: ["`Arch.models[1]` is a mapping of 2 keys: PaddleClas raises AssertionError"] },
    { name: "a model without a name: model_config.pop('name') raises KeyError", text: nameless, ppcls: {}, errors: [[lineOf(nameless, "    - Student:"), "LL606"]], only: true, message: ["Arch.models[1].Student needs 'name': PaddleClas raises KeyError when the model is built"] },
    { name: "a model's pretrained: null (None): its _load_pretrained raises RuntimeError", text: pretrainedNone, ppcls: {}, errors: [[lineOf(pretrainedNone, "pretrained: null"), "LL606"]], only: true, message: ["`Arch.models[1].Student.pretrained` is None: PaddleClas raises RuntimeError when the model is built"] },
    {
      name: "a weights path in pretrained_list: load_dygraph_pretrain(key, path=…) is a TypeError (it takes no `path` keyword)",
      text: pretrainedList,
      ppcls: {},
      errors: [[lineOf(pretrainedList, "pretrained_list:"), "LL606"]],
      only: true,
      message: ["`Arch.pretrained_list[1]` is './weights/student': PaddleClas raises TypeError when the model is built, before training starts: DistillationModel loads it with `load_dygraph_pretrain(key, path=pretrained)` (ppcls/arch/__init__.py:146-147)"],
      checkRun: (_run, [problem]) => expect(problem!.column).toBe(lineText(pretrainedList, "pretrained_list:").indexOf("./weights") + 1),
    },
    {
      name: "a model's weights path that is not there: ValueError when the model is built (an error where images are looked up)",
      text: studentWeights,
      ppcls: {},
      options: { checkImages: true },
      errors: [[lineOf(studentWeights, "pretrained: ./weights/student"), "LL606"]],
      message: ["`Arch.models[1].Student.pretrained` is './weights/student', so PaddleClas opens 'weights/student.pdparams', no such file: it raises ValueError"],
    },
    { name: "freeze_params_list shorter than models: AssertionError", text: shortFreeze, ppcls: {}, errors: [[lineOf(shortFreeze, "freeze_params_list:"), "LL606"]], only: true, message: ["`Arch.freeze_params_list` is a list of 1: PaddleClas raises AssertionError when the model is built, before training starts (its length must be that of Arch.models, 2"] },
    {
      name: "DistillationMultiLabelLoss with model_names: [] beside a DML loss: the labels never reach training (silently)",
      text: emptyNames,
      ppcls: {},
      errors: [[lineOf(emptyNames, "model_names: []"), "LL606"]],
      only: true,
      message: ["PaddleClas raises nothing, but DistillationMultiLabelLoss scores only the models model_names names against the labels", "so the models learn only from each other"],
    },
    { name: "DistillationMultiLabelLoss with model_names: [] as the only loss: IndexError at the first batch", text: onlyEmpty, ppcls: {}, errors: [[lineOf(onlyEmpty, "model_names: []"), "LL606"]], only: true, message: ["is an empty list: PaddleClas raises IndexError at the first batch"] },
    {
      name: "an empty model_names beside another DistillationMultiLabelLoss that scores Student: a warning (it adds nothing)",
      text: emptyBeside,
      ppcls: {},
      errors: [[lineOf(emptyBeside, "model_names: []"), "LL606"]],
      only: true,
      checkRun: (run) => expect((run.configs ?? []).flatMap((c) => c.problems).map((p) => p.severity)).toEqual(["warn"]),
    },
    { name: "model_names as text: assert isinstance(model_names, list)", text: textNames, ppcls: {}, errors: [[lineOf(textNames, "model_names:"), "LL606"]], only: true, message: ["`Loss.Train[1].DistillationMultiLabelLoss.model_names` is 'Student': PaddleClas raises AssertionError while the loss is built, before training starts (`assert isinstance(model_names, list)`, ppcls/loss/distillationloss.py:341)"] },
    {
      name: "a DML pair naming `teacher`: KeyError at the first batch, suggesting the key Arch.models has",
      text: pairTypo,
      ppcls: {},
      errors: [[lineOf(pairTypo, '- ["Student", "teacher"]'), "LL606"]],
      only: true,
      checkRun: (run) => expect((run.configs ?? []).flatMap((c) => c.problems)[0]!.suggestion).toBe("write `Teacher`"),
    },
    { name: "a pair of one model: pair[1] is an IndexError", text: pairOfOne, ppcls: {}, errors: [[lineOf(pairOfOne, '- ["Student"]'), "LL606"]], only: true, message: ["`Loss.Train[0].DistillationDMLLoss.model_name_pairs[0]` is [Student]: PaddleClas raises IndexError at the first batch"] },
    { name: "a pair written as text: its first two characters are the models (KeyError 'S')", text: pairAsText, ppcls: {}, errors: [[lineOf(pairAsText, "model_name_pairs:") + 1, "LL606"]], only: true, message: ["is 'Student': PaddleClas raises KeyError ('S') at the first batch", "of text those are its first two characters"] },
    {
      name: "model names that are no text: 1 is a KeyError, a list is unhashable",
      text: namesNotText,
      ppcls: {},
      errors: [
        [lineOf(namesNotText, "model_names:"), "LL606"],
        [lineOf(namesNotText, "model_names:"), "LL606"],
      ],
      only: true,
      checkRun: (run) => expect(messages(run).map((m) => m.slice(0, m.indexOf(" at the first batch")))).toEqual([
        "`Loss.Train[1].DistillationMultiLabelLoss.model_names[0]` is 1: PaddleClas raises KeyError (1)",
        "`Loss.Train[1].DistillationMultiLabelLoss.model_names[1]` is a list: PaddleClas raises TypeError (unhashable)",
      ]),
    },
    {
      name: "a Distillation loss under Loss.Eval with a Student: evaluation hands it Student's Tensor, which it indexes by model name",
      text: evalDistilled,
      ppcls: {},
      errors: [[lineOf(evalDistilled, "    - DistillationMultiLabelLoss:", lineOf(evalDistilled, "  Eval:")), "LL606"]],
      only: true,
      message: ["`Loss.Eval[0].DistillationMultiLabelLoss` is a loss of the models' outputs by name: PaddleClas raises an error (IndexError or ValueError, by Paddle version) at the first evaluation"],
    },
    { name: "MultiLabelLoss in Loss.Train: it gets the dict of outputs and reads x['logits'] (KeyError)", text: plainLoss, ppcls: {}, errors: [[lineOf(plainLoss, "    - MultiLabelLoss:"), "LL606"]], only: true, message: ["`Loss.Train[0].MultiLabelLoss` is a loss of one model's output: PaddleClas raises KeyError ('logits') at the first batch"] },
    { name: "a training metric: it gets the dict of outputs", text: trainMetric, ppcls: {}, errors: [[lineOf(trainMetric, "    - HammingDistance:"), "LL606"]], only: true, message: ["`Metric.Train[0].HammingDistance` is a metric of one model's output"] },
  ],
});

runRuleTests("class-count-mismatch", {
  valid: [
    { name: "every model at the lists' count", text: distilled, ppcls: {} },
    { name: "a Teacher of 1000 classes no loss compares with the labels or with Student", text: unpairedTeacher, ppcls: {} },
    { name: "Arch.class_num at 1000 while the models are built with 4: DistillationModel ignores it", text: archOther, ppcls: { lists: { train: generatedList(4, 80, "train"), eval: generatedList(4, 80, "eval") } } },
  ],
  invalid: [
    {
      name: "a Teacher of 1000 classes the DML loss compares with Student's 4",
      text: wideTeacher,
      ppcls: {},
      errors: [[lineOf(wideTeacher, "class_num: 1000"), "LL309"]],
      only: true,
      message: ["`Arch.models[0].Teacher.class_num` is 1000, while the lists have 4 classes (Arch.models[1].Student.class_num in config.yaml): DistillationDMLLoss (Loss.Train[0].DistillationDMLLoss) compares Teacher's outputs with Student's, value by value, [B, 1000] against [B, 4]"],
    },
    {
      name: "a Student without class_num: built with its default 1000",
      text: studentUnset,
      ppcls: {},
      errors: [[lineOf(studentUnset, "    - Student:"), "LL309"]],
      only: true,
      message: ["`Arch.models[1].Student` has no class_num: DistillationModel builds Student's PPLCNet_x1_0 with its own default, 1000 outputs", "while the lists have 4 classes: DistillationMultiLabelLoss (Loss.Train[1].DistillationMultiLabelLoss) scores Student's outputs against the labels, [B, 1000] against [B, 4], and the loss fails at the first batch"],
    },
    {
      name: "a Student without class_num that only evaluation scores (its loss trains Teacher): evaluation fails",
      text: studentUnsetEval,
      ppcls: {},
      errors: [[lineOf(studentUnsetEval, "    - Student:"), "LL309"]],
      message: ["evaluation scores Student's outputs against the labels (ppcls/engine/evaluation/classification.py:68-69), [B, 1000] against [B, 4], and evaluation fails at its first batch"],
    },
    { name: "a Student class_num in words", text: studentText, ppcls: {}, errors: [[lineOf(studentText, "class_num: four"), "LL309"]], message: ["`Arch.models[1].Student.class_num` is 'four': Student's PPLCNet_x1_0 is built with class_num='four'"] },
    { name: "a Student class_num of 4.0 (a float)", text: studentFloat, ppcls: {}, errors: [[lineOf(studentFloat, "class_num: 4.0"), "LL309"]], message: ["`Arch.models[1].Student.class_num` is 4.0, a float to PaddleClas"] },
  ],
});

describe("the class count of a distillation", () => {
  it("is the class_num of the model evaluation scores (Student), not Arch.class_num, which DistillationModel ignores", async () => {
    const run = await lintLaidOut(archOther, { lists: { train: generatedList(4, 80, "train"), eval: generatedList(4, 80, "eval") } });
    expect(run.files.map((f) => [f.numClasses, f.numClassesReason])).toEqual([
      [4, "Arch.models[1].Student.class_num in config.yaml"],
      [4, "Arch.models[1].Student.class_num in config.yaml"],
    ]);
  });
});

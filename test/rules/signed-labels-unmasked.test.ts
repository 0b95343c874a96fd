import { describe, expect, it } from "vitest";
import { lintLaidOut } from "../ppcls/layout.js";
import { runRuleTests } from "../rule-tester.js";
import { lineOf, ppclsConfig } from "../ppcls/configs.js";

const plain = ppclsConfig();
const masked = ppclsConfig({ trainRatio: true, evalRatio: true, trainLoss: ["weight: 1.0", "weight_ratio: True"], evalLoss: ["weight: 1.0", "weight_ratio: True"], trainMetrics: [], evalMetrics: ["ATTRMetric"] });
const smoothed = masked.replace("weight_ratio: True", "weight_ratio: True\n        epsilon: 0.1");
const signedOff = { rules: { "signed-encoding": "off" as const } };
// PULC's distillation configs (person_attribute/PPLCNet_x1_0_Distillation.yaml): DistillationDMLLoss between the models, which
// reads no targets without weight_ratio, and DistillationMultiLabelLoss with weight_ratio, MultiLabelLoss's own masking.
const distilled = masked.replace("  Train:\n    - MultiLabelLoss:\n        weight: 1.0\n        weight_ratio: True\n", "  Train:\n    - DistillationDMLLoss:\n        weight: 1.0\n        model_name_pairs: [[Student, Teacher]]\n    - DistillationMultiLabelLoss:\n        weight: 1.0\n        weight_ratio: True\n        model_names: [Student]\n");

runRuleTests("signed-labels-unmasked", {
  valid: [
    { name: "0/1 data", text: plain, ppcls: {} },
    { name: "−1 data with weight_ratio masking it", text: masked, ppcls: { signed: true }, options: signedOff },
    {
      name: "−1 data under PULC's distillation losses: DistillationDMLLoss reads no targets, DistillationMultiLabelLoss masks them",
      text: distilled,
      ppcls: { signed: true },
      options: { rules: { ...signedOff.rules, "invalid-argument": "off" } },
    },
  ],
  invalid: [
    {
      name: "−1 data and weight_ratio off",
      text: plain,
      ppcls: { signed: true },
      options: signedOff,
      errors: [
        [lineOf(plain, "MultiLabelLoss"), "LL604"],
        [lineOf(plain, "MultiLabelLoss", lineOf(plain, "Eval:")), "LL604"],
      ],
      only: true,
      fix: null,
      message: ["dataset/train_list.txt has −1 labels, but `Loss.Train[0].MultiLabelLoss` does not mask them (weight_ratio is off", "unbounded below"],
      checkRun: (_run, problems) => expect(problems[0]?.suggestion).toContain("weight_ratio: True"),
    },
    {
      name: "−1 data, weight_ratio on but epsilon smoothing −1 past the mask",
      text: smoothed,
      ppcls: { signed: true },
      options: signedOff,
      errors: [[lineOf(smoothed, "MultiLabelLoss"), "LL604"]],
      message: ["epsilon: 0.1 smooths −1 to about −0.90 before the mask"],
      checkRun: (_run, problems) => expect(problems[0]?.suggestion).toContain("remove `epsilon`"),
    },
  ],
});

// Distillation losses that compare the models' outputs and never read the targets (ppcls/loss/distillationloss.py:49-62, 219-232).
const withOutputLoss = (loss: string) => distilled.replace("    - DistillationDMLLoss:\n", `    - ${loss}:\n`);
const outputsOnly = masked.replace("  Train:\n    - MultiLabelLoss:\n        weight: 1.0\n        weight_ratio: True\n", "  Train:\n    - DistillationKLDivLoss:\n        weight: 1.0\n        model_name_pairs: [[Student, Teacher]]\n");

describe("−1 under PULC's distillation losses", () => {
  it("a loss that reads no targets (DistillationKLDivLoss, DistillationDistanceLoss, …) beside DistillationMultiLabelLoss leaves −1 masked", async () => {
    for (const loss of ["DistillationKLDivLoss", "DistillationDistanceLoss", "DistillationCELoss", "DistillationDISTLoss", "DistillationPairLoss"]) {
      const run = await lintLaidOut(withOutputLoss(loss), { signed: true }, { rules: { "invalid-argument": "off", "multilabel-not-enabled": "off" } });
      const train = run.files.find((f) => f.split === "train")!;
      expect(train.problems.map((p) => [p.rule, p.severity])).toEqual([["signed-encoding", "warn"]]);
      expect(train.problems[0]!.message).toContain("Loss.Train[1].DistillationMultiLabelLoss.weight_ratio in config.yaml masks -1 targets");
    }
    // A loss that reads the targets and is not modelled still leaves −1 an error (DistillationGTCELoss: CELoss on them).
    const gt = await lintLaidOut(withOutputLoss("DistillationGTCELoss"), { signed: true }, { rules: { "invalid-argument": "off", "multilabel-not-enabled": "off" } });
    expect(gt.files.find((f) => f.split === "train")!.problems.map((p) => [p.rule, p.severity])).toEqual([["signed-encoding", "error"]]);
    // No loss reading the targets at all: nothing masks, as before (the −1 values stay errors).
    const alone = await lintLaidOut(outputsOnly, { signed: true }, { rules: { "invalid-argument": "off", "target-rank-mismatch": "off" } });
    expect(alone.files.find((f) => f.split === "train")!.problems.map((p) => [p.rule, p.severity])).toEqual([["signed-encoding", "error"]]);
  });


  it("is read as 'not annotated', masked by DistillationMultiLabelLoss's weight_ratio (DistillationDMLLoss reads no targets without it)", async () => {
    const run = await lintLaidOut(distilled, { signed: true }, { rules: { "invalid-argument": "off" } });
    const train = run.files.find((f) => f.split === "train")!;
    expect(train.problems.map((p) => [p.rule, p.severity])).toEqual([["signed-encoding", "warn"]]);
    expect(train.problems[0]!.message).toContain("Loss.Train[1].DistillationMultiLabelLoss.weight_ratio in config.yaml masks -1 targets, so here -1 means 'not annotated'");
    expect(run.configs![0]!.problems.filter((p) => p.rule === "signed-labels-unmasked")).toEqual([]);
  });
});

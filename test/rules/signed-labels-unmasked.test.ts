import { expect } from "vitest";
import { runRuleTests } from "../rule-tester.js";
import { lineOf, ppclsConfig } from "../ppcls/configs.js";

const plain = ppclsConfig();
const masked = ppclsConfig({ trainRatio: true, evalRatio: true, trainLoss: ["weight: 1.0", "weight_ratio: True"], evalLoss: ["weight: 1.0", "weight_ratio: True"], trainMetrics: [], evalMetrics: ["ATTRMetric"] });
const smoothed = masked.replace("weight_ratio: True", "weight_ratio: True\n        epsilon: 0.1");
const signedOff = { rules: { "signed-encoding": "off" as const } };

runRuleTests("signed-labels-unmasked", {
  valid: [
    { name: "0/1 data", text: plain, ppcls: {} },
    { name: "−1 data with weight_ratio masking it", text: masked, ppcls: { signed: true }, options: signedOff },
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

import { describe, expect, it } from "vitest";
import { buggyElseLine } from "../../src/rules/buggy-loss-version.js";
import { runRuleTests } from "../rule-tester.js";
import { lineOf, lossSource, ppclsConfig } from "../ppcls/configs.js";

const plain = ppclsConfig();
const threeD = ppclsConfig({ trainRatio: true, evalRatio: true, trainLoss: ["weight: 1.0", "weight_ratio: True"], evalLoss: ["weight: 1.0", "weight_ratio: True"], trainMetrics: [], evalMetrics: ["ATTRMetric"] });
const LOSS = "ppcls/loss/multilabelloss.py";

describe("buggyElseLine", () => {
  it("finds the unconditional else of PR #2973 and not the elif of PR #3226", () => {
    expect(buggyElseLine(lossSource(true))).toBe(18);
    expect(buggyElseLine(lossSource(false))).toBeUndefined();
    expect(buggyElseLine("        else:  # 2-D\n            target = target[:,0,:]\n")).toBe(1);
    expect(buggyElseLine("x = 1\n        else: label = target[:, 0]\n")).toBe(2);
    expect(buggyElseLine("        elif target.ndim == 3:\n            target = target[:, 0, :]\n")).toBeUndefined();
    expect(buggyElseLine("        else:\n            target = target\n")).toBeUndefined();
  });
});

runRuleTests("buggy-loss-version", {
  valid: [
    { name: "the fixed loss (PR #3226) with 2-D targets", text: plain, ppcls: { files: { [LOSS]: lossSource(false) } } },
    { name: "the buggy loss with 3-D targets (label_ratio on both splits) works", text: threeD, ppcls: { files: { [LOSS]: lossSource(true) } } },
    { name: "no --ppcls-root: the checkout is not read", text: plain, ppcls: {} },
  ],
  invalid: [
    {
      name: "the PR #2973 loss with 2-D targets",
      text: plain,
      ppcls: { files: { [LOSS]: lossSource(true) } },
      errors: [[lineOf(plain, "MultiLabelLoss"), "LL605"]],
      only: true,
      fix: null,
      message: [
        "ppcls/loss/multilabelloss.py:18 takes target[:, 0, :] in an unconditional `else:`",
        "`DataLoader.Train.dataset.label_ratio` is not set, so targets are `[B, 4]`: training fails with 'Too many indices (3) for tensor of dimension 2'",
      ],
      checkRun: (_run, problems) => expect(problems[0]?.suggestion).toContain("replace `else:` with `elif target.ndim == 3:`"),
    },
  ],
});

import { runRuleTests } from "../rule-tester.js";
import { lineOf, ppclsConfig } from "../ppcls/configs.js";

const big = ppclsConfig({ trainLoss: ["weight: 1.0", "epsilon: 1.5"] });
const zero = ppclsConfig({ evalLoss: ["weight: 1.0", "epsilon: 0"] });
const weighted = ppclsConfig({ trainLoss: ["weight: 2.0"] });
// PyYAML keeps the last of a key written twice: 20 epochs, and Arch's class_num 4 (the later one).
const twice = ppclsConfig().replace("  epochs: 10", "  epochs: 10\n  epochs: 20").replace(/^Arch:\n/m, "Arch:\n  class_num: 81\n");

runRuleTests("ignored-option", {
  valid: [
    { name: "epsilon inside (0, 1)", text: ppclsConfig({ trainLoss: ["weight: 1.0", "epsilon: 0.1"] }), ppcls: {} },
    { name: "weight 1.0 on a single loss (every real config)", text: ppclsConfig(), ppcls: {} },
    { name: "a key a merge brings in, written again beside it (<<: *a, then the key): not written twice", text: ppclsConfig().replace("Global:\n", "Base: &base\n  epochs: 5\nGlobal:\n  <<: *base\n"), ppcls: {} },
    {
      name: "weights on two losses weigh them against each other",
      text: ppclsConfig().replace("  Eval:\n    - MultiLabelLoss", "    - MultiLabelAsymmetricLoss:\n        weight: 0.5\n  Eval:\n    - MultiLabelLoss").replace("    - MultiLabelLoss:\n        weight: 1.0\n    - MultiLabel", "    - MultiLabelLoss:\n        weight: 2.0\n    - MultiLabel"),
      ppcls: {},
    },
  ],
  invalid: [
    {
      name: "epsilon 1.5",
      text: big,
      ppcls: {},
      errors: [[lineOf(big, "epsilon"), "LL603"]],
      only: true,
      fix: null,
      message: ["`Loss.Train[0].MultiLabelLoss.epsilon: 1.5` is outside (0, 1), so MultiLabelLoss silently sets it to None"],
    },
    { name: "epsilon 0", text: zero, ppcls: {}, errors: [[lineOf(zero, "epsilon"), "LL603"]], message: ["`Loss.Eval[0].MultiLabelLoss.epsilon: 0`"] },
    {
      name: "weight 2.0 on the only loss",
      text: weighted,
      ppcls: {},
      errors: [[lineOf(weighted, "weight: 2.0"), "LL603"]],
      message: ["`Loss.Train[0].MultiLabelLoss.weight: 2.0` on the only loss of Loss.Train weighs it against nothing"],
    },
    {
      name: "keys written twice in a mapping",
      text: twice,
      ppcls: {},
      errors: [
        [lineOf(twice, "epochs: 20"), "LL603"],
        [lineOf(twice, "class_num: 4"), "LL603"],
      ],
      message: [`\`Global.epochs\` is written again (first on line ${lineOf(twice, "epochs: 10")}, \`epochs: 10\`): PaddleClas reads its config with PyYAML, which keeps the last value and drops the first without a word`],
    },
  ],
});

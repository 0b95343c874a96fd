import { expect } from "vitest";
import { runRuleTests } from "../rule-tester.js";
import { lineOf, ppclsConfig } from "../ppcls/configs.js";

const missing = ppclsConfig({ useMultilabel: null });
const off = ppclsConfig({ useMultilabel: "False" });

runRuleTests("multilabel-not-enabled", {
  valid: [
    { name: "use_multilabel: True", text: ppclsConfig(), ppcls: {} },
    { name: "use_multilabel: true (any YAML true)", text: ppclsConfig({ useMultilabel: "yes" }), ppcls: {} },
    { name: "no MultiLabelDataset", text: missing.replace(/MultiLabelDataset/g, "ImageNetDataset"), ppcls: {} },
  ],
  invalid: [
    {
      name: "the key left out",
      text: missing,
      ppcls: {},
      errors: [[lineOf(missing, "name: MultiLabelDataset"), "LL602"]],
      only: true,
      fix: null,
      message: ["`DataLoader.Train.dataset.name: MultiLabelDataset` needs `Global.use_multilabel: True`, but it is not set", "single-label class ids"],
      checkRun: (_run, problems) => expect(problems[0]?.suggestion).toBe("add `use_multilabel: True` under Global"),
    },
    {
      name: "use_multilabel: False points at the key",
      text: off,
      ppcls: {},
      errors: [[lineOf(off, "use_multilabel"), "LL602"]],
      message: ["but it is False"],
    },
  ],
});

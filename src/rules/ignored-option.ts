import { argumentProblems } from "../ppcls/arguments.js";
import { keyText, type Component } from "../ppcls/config.js";
import { isMultiLabelLoss, optionPath, smoothingOf } from "../ppcls/run.js";
import { closestName } from "../text/closest.js";
import { defineRule } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL603",
    name: "ignored-option",
    defaultSeverity: "warn",
    scope: "config",
    description:
      "A PaddleClas option that has no effect: epsilon outside (0, 1), a weight on the only loss, an Eval list training does not read, a key written twice in one mapping (PyYAML keeps the last), or a --ppcls-override that adds a key beside the one it likely means (Global.epoch beside Global.epochs).",
    messages: {
      evalList:
        "`DataLoader.Eval.dataset.cls_label_path` is '{{written}}', which resolves to '{{list}}': {{why}}: training does not read it (`Global.eval_during_train: {{value}}`), but evaluation (tools/eval.py) stops on it; the Eval list was not checked",
      epsilon: "`{{where}}: {{value}}` is outside (0, 1), so MultiLabelLoss silently sets it to None: no label smoothing is applied",
      addedKey:
        "`--ppcls-override {{option}}` adds `{{added}}`, a key the config does not have, beside `{{near}}`: PaddleClas only prints '{{printed}}'{{keeps}}; did you mean `{{near}}`?",
      duplicateKey: "`{{key}}` is written again (first on line {{firstLine}}, `{{dropped}}`): PaddleClas reads its config with PyYAML, which keeps the last value and drops the first without a word",
      weight: "`{{where}}: {{value}}` on the only loss of {{list}} weighs it against nothing: it just scales the loss, like multiplying the learning rate by {{value}}",
    },
    fix: { availability: "none", applicability: "none" },
  },
  config(ctx, run) {
    const { config } = run;
    const unread = run.evalListUnread;
    if (unread !== undefined) {
      ctx.report({
        messageId: "evalList",
        data: { written: unread.written, list: unread.display, why: unread.why, value: config.written(["Global", "eval_during_train"]) },
        ...config.locate(["DataLoader", "Eval", "dataset", "cls_label_path"]),
        suggestion: "point cls_label_path at the eval list (paths resolve against the directory PaddleClas runs from; set it with --ppcls-root) before evaluating",
      });
    }
    const report = (component: Component, option: string, messageId: "epsilon" | "weight", suggestion: string, list = "") => {
      const at = optionPath(component, option);
      const location = config.locate(at);
      ctx.report({
        messageId,
        data: { where: keyText(at), value: config.written(at), list },
        ...location,
        suggestion,
      });
    };
    // Two keys alike in one mapping (a section pasted twice, a value set again below): yaml.load keeps the last (ppcls/utils/config.py:68).
    for (const duplicate of config.duplicateKeys()) {
      ctx.report({
        messageId: "duplicateKey",
        data: { key: keyText(duplicate.path), firstLine: duplicate.first.line, dropped: duplicate.dropped === "" ? "empty" : `${String(duplicate.path[duplicate.path.length - 1])}: ${duplicate.dropped}` },
        ...duplicate.at,
        suggestion: `keep one \`${String(duplicate.path[duplicate.path.length - 1])}\` in the mapping, with the value meant`,
      });
    }
    // `-o Global.epoch=20`: override_config adds a missing key to a mapping, printing only that it did (ppcls/utils/config.py:146-156),
    // so a misspelt override changes nothing PaddleClas reads. Keys invalid-argument reports as arguments a class
    // does not take are left to it.
    const adding = config.overrides.filter((o) => o.added !== undefined);
    const notTaken = adding.length > 0 ? new Set(argumentProblems(config).flatMap((p) => (p.kind === "unknown-argument" ? [keyText(p.at)] : []))) : new Set<string>();
    for (const override of adding) {
      const { path, siblings } = override.added!;
      const key = String(path[path.length - 1]);
      const near = closestName(
        siblings.filter((s) => s !== key),
        key,
      );
      if (near === undefined || notTaken.has(keyText(path))) continue;
      const meant = [...path.slice(0, -1), near];
      const value = config.get(meant);
      const keys = override.option.slice(0, override.valueAt - 1).split(".");
      keys[path.length - 1] = near;
      ctx.report({
        messageId: "addedKey",
        data: {
          option: override.option,
          added: keyText(path),
          near: keyText(meant),
          printed: path.length === keys.length ? `A new field (${key}) detected!` : `A new Series field (${key}) detected!`,
          keeps: value === null || typeof value !== "object" ? ` and the run keeps \`${keyText(meant)}: ${config.written(meant)}\`` : "",
        },
        ...config.locateAdded(override)!,
        suggestion: `write \`--ppcls-override ${keys.join(".")}=${override.option.slice(override.valueAt)}\``,
      });
    }
    for (const key of ["Train", "Eval"] as const) {
      const losses = config.components(["Loss", key]);
      for (const component of losses) {
        // A number PaddleClas replaces with None: no smoothing, without a word.
        if (isMultiLabelLoss(component.name) && typeof component.options["epsilon"] === "number" && smoothingOf(component) === undefined) {
          report(component, "epsilon", "epsilon", "remove `epsilon`, or give a value between 0 and 1 (e.g. 0.1)");
        }
      }
      const only = losses.length === 1 ? losses[0] : undefined;
      const weight = only?.options["weight"];
      if (only !== undefined && typeof weight === "number" && weight !== 1) {
        report(only, "weight", "weight", "set `weight: 1.0` and change the learning rate instead, if a different scale is meant", `Loss.${key}`);
      }
    }
  },
});

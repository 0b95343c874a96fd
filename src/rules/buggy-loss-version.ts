import { keyText } from "../ppcls/config.js";
import { isMultiLabelLoss, LOSS_SOURCE, targetRank, targetShape } from "../ppcls/run.js";
import { defineRule } from "./helpers.js";

/** `else:` whose first statement takes target[:, 0, :] unconditionally (PaddleClas PR #2973; PR #3226 made it `elif target.ndim == 3:`). */
const BUGGY_ELSE = /^[ \t]*else[ \t]*:[ \t]*(?:#[^\n]*\r?\n[ \t]*|\r?\n[ \t]*)?\w+[ \t]*=[ \t]*target\[[ \t]*:[ \t]*,[ \t]*0[ \t]*(?:,[ \t]*:[ \t]*)?\]/m;

/** The 1-based line of the buggy `else:` in the loss source, if it has one. */
export function buggyElseLine(text: string): number | undefined {
  const match = BUGGY_ELSE.exec(text);
  if (match === null) return undefined;
  let line = 1;
  for (let i = 0; i < match.index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export default defineRule({
  meta: {
    code: "LL605",
    name: "buggy-loss-version",
    defaultSeverity: "error",
    scope: "config",
    description: "With --ppcls-root: the checkout's multilabelloss.py indexes target[:, 0, :] unconditionally (PaddleClas PR #2973) while the config yields 2-D targets.",
    messages: {
      buggy: "{{source}}:{{line}} takes target[:, 0, :] in an unconditional `else:` (the PaddleClas PR #2973 version), but `DataLoader.{{split}}.dataset.label_ratio` is not set, so targets are `{{shape}}`: {{phase}} fails with 'Too many indices (3) for tensor of dimension 2'",
    },
    fix: { availability: "none", applicability: "none" },
  },
  config(ctx, run) {
    const source = run.lossSource;
    if (source === undefined) return;
    const line = buggyElseLine(source.text);
    if (line === undefined) return;
    // The first split whose MultiLabelLoss sees 2-D targets: one finding per config.
    for (const setup of run.splits) {
      if (targetRank(setup) !== 2) continue;
      const loss = setup.losses.find((c) => isMultiLabelLoss(c.name));
      if (loss === undefined) continue;
      const location = run.config.locate(loss.at);
      ctx.report({
        messageId: "buggy",
        data: {
          source: source.display,
          line,
          split: setup.key,
          shape: targetShape(2, run.classNum),
          phase: setup.role === "train" ? "training" : "evaluation",
        },
        ...location,
        suggestion: `in ${LOSS_SOURCE} line ${line}, replace \`else:\` with \`elif target.ndim == 3:\` (the fix of PaddleClas PR #3226), or update PaddleClas; ${keyText(loss.at)} then works with [B, C] targets`,
      });
      return;
    }
  },
});

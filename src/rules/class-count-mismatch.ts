import { FirstAndCount } from "../engine/api.js";
import { Verdict } from "../readers/row.js";
import { defineRule } from "./helpers.js";
import { keyText } from "../ppcls/config.js";

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

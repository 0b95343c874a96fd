import { basename, extname } from "node:path";
import { lineFormats } from "../readers/index.js";
import type { FileDiagnosis } from "../types.js";
import type { FileFacts } from "../engine/api.js";
import { defineRule } from "./helpers.js";

const SHAPES: Record<string, string> = {
  paddleclas: "path<TAB>v1,…,vC",
  spaced: "path v1 v2 … vC",
  csv: "path,v1,…,vC",
  indices: "path<TAB>i1,i2 (class indices)",
  json: "an mmpretrain JSON annotation file",
};

/** The command that writes the file in the format it is read as. */
function convertCommand(facts: FileFacts, diagnosis: FileDiagnosis): string {
  const name = basename(facts.path);
  const out = `${name.slice(0, name.length - extname(name).length)}.${facts.format}.txt`;
  const classes = facts.numClassesSource !== "inferred" ? ` --num-classes ${facts.numClasses}` : "";
  return `labellint convert ${facts.path} --format ${diagnosis.actualFormat ?? "auto"} --to ${facts.format}${classes} --out ${out}`;
}

export default defineRule({
  meta: {
    code: "LL113",
    name: "wrong-format",
    defaultSeverity: "error",
    scope: "file",
    description: "The file is not in the format it is read as (a HashNet list where PaddleClas reads TAB lists), or not UTF-8 text at all: one finding for the file instead of one per line.",
    messages: {
      otherFormat: "the file is a {{actual}} file ({{actualShape}}), not {{format}} ({{shape}}): {{failing}} of {{sampled}} sampled lines read as {{actual}}",
      tabColumns:
        "the label values are in {{columns}} TAB-separated columns (path<TAB>v1<TAB>v2…), not one comma-separated field ({{shape}}): {{failing}} of {{sampled}} sampled lines read as {{actual}}",
      encoding: "the file is not UTF-8 text: {{failing}} of {{sampled}} sampled lines hold bytes that are not UTF-8 or a NUL (first on line {{line}}); it looks like {{looksLike}}",
    },
    fix: { availability: "none", applicability: "none" },
  },
  create(ctx) {
    return {
      start() {
        const diagnosis = ctx.facts.diagnosis;
        if (diagnosis === undefined) return;
        if (diagnosis.kind === "encoding") {
          ctx.report({
            messageId: "encoding",
            data: { failing: diagnosis.failing, sampled: diagnosis.sampled, line: diagnosis.firstLine, looksLike: diagnosis.looksLike ?? "binary" },
            line: diagnosis.firstLine,
            suggestion: "re-encode the file as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8), or decompress it first",
          });
          return;
        }
        const actual = diagnosis.actualFormat ?? "other";
        const format = ctx.facts.format;
        ctx.report({
          messageId: diagnosis.tabColumns !== undefined ? "tabColumns" : "otherFormat",
          data: {
            columns: diagnosis.tabColumns ?? 0,
            actual,
            actualShape: SHAPES[actual] ?? actual,
            format,
            shape: lineFormats[format].shape,
            failing: diagnosis.failing,
            sampled: diagnosis.sampled,
            line: diagnosis.firstLine,
          },
          line: diagnosis.firstLine,
          suggestion: `convert it: ${convertCommand(ctx.facts, diagnosis)}`,
        });
      },
    };
  },
});

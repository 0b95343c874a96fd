import { Row, tokenValues, Verdict, type Token } from "../readers/row.js";
import { readUnseparated } from "../readers/unseparated.js";
import type { Fix } from "../types.js";
import type { FileFacts } from "../engine/api.js";
import { defineRule, fix, formatOf, joinValues } from "./helpers.js";

const scratch = new Row();

/** The fix is offered only when the rest reads as exactly C binary values: then the split is unambiguous. */
function repair(row: Row, facts: FileFacts): { at: number; found: string; fix?: () => Fix } | undefined {
  const tokens: Token[] = [];
  const split = readUnseparated(row, scratch, tokens);
  if (split === undefined) return undefined;
  const { at: abs, runStart: start, found } = split;
  const format = formatOf(facts);
  const values = tokenValues(tokens);
  if (start === row.start || values === undefined || values.length !== facts.numClasses) return { at: abs, found };
  const sep = format.pathSeparator === "\t" ? "TAB" : "space";
  return {
    at: abs,
    found,
    // Made only for a finding that is listed, while `row` is the row visited.
    fix: () =>
      fix("safe", `put a ${sep} between the path and the labels`, [
        {
          kind: "split-path",
          line: row.line,
          change: {
            start: row.buf.toString("utf8", row.start, start).length,
            end: row.buf.toString("utf8", row.start, row.end).length,
            oldText: row.buf.toString("utf8", start, row.end),
            newText: format.pathSeparator + joinValues(values, facts),
          },
        },
      ]),
  };
}

export default defineRule({
  meta: {
    code: "LL101",
    name: "missing-separator",
    defaultSeverity: "error",
    scope: "line",
    description: "No separator between the image path and the labels.",
    messages: {
      noTab: "no TAB between the image path and the labels (found {{found}})",
      noLabels: "line has an image path but no labels (no {{separator}} after the path)",
      noSpace: "no whitespace between the image path and the labels (found {{found}})",
    },
    fix: { availability: "sometimes", applicability: "safe" },
  },
  create(ctx) {
    const paddle = ctx.facts.format === "paddleclas";
    return {
      rowVerdicts: [Verdict.MissingSeparator],
      row(row) {
        const guess = repair(row, ctx.facts);
        if (guess === undefined) {
          ctx.reportLine(row, { messageId: "noLabels", data: { separator: paddle ? "TAB" : "space" }, span: [row.start, row.end] });
          return;
        }
        ctx.reportLine(row, {
          messageId: paddle ? "noTab" : "noSpace",
          data: { found: guess.found },
          span: [guess.at, guess.at + 1],
          ...(guess.fix !== undefined ? { fix: guess.fix } : {}),
        });
      },
    };
  },
});

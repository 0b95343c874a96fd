import { Verdict } from "../readers/row.js";
import type { Row } from "../readers/row.js";
import type { ResolvedClassGroup } from "../types.js";
import type { FileFacts, RuleContext } from "../engine/api.js";
import { defineRule, tokensOf } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL308",
    name: "exclusive-group",
    defaultSeverity: "error",
    scope: "line",
    description: "A row breaks a declared exclusive class group (`classGroups`): more positives than it allows, or none where one is required (PA100k's age, VeRi's colour).",
    messages: {
      exactly: "group '{{group}}' must have exactly {{expected}} positive{{s}} among {{members}}; this row has {{count}}: {{positives}}",
      missing: "group '{{group}}' must have exactly {{expected}} positive{{s}} among {{members}}; this row has none: an annotation was lost",
      atMost: "group '{{group}}' may have at most {{expected}} positive{{s}} among {{members}}; this row has {{count}}: {{positives}}",
    },
    fix: { availability: "none", applicability: "none" },
  },
  create(ctx) {
    const groups = ctx.facts.classGroups;
    if (groups === undefined || groups.length === 0) return {};
    const members = groups.map((g) => memberList(g, ctx.facts));
    return {
      rowVerdicts: [Verdict.Ok],
      row(row) {
        if (!row.valid) return;
        for (let g = 0; g < groups.length; g++) {
          const group = groups[g]!;
          let count = 0;
          for (const c of group.classes) if (row.has(c)) count++;
          const broken = group.exactly !== undefined ? count !== group.exactly : count > group.atMost!;
          if (broken) report(ctx, row, group, members[g]!, count);
        }
      },
    };
  },
});

function report(ctx: RuleContext, row: Row, group: ResolvedClassGroup, members: string, count: number): void {
  const positive = group.classes.filter((c) => row.has(c));
  const expected = group.exactly ?? group.atMost!;
  const messageId = group.exactly === undefined ? "atMost" : count === 0 ? "missing" : "exactly";
  ctx.reportLine(row, {
    messageId,
    data: {
      group: group.name,
      expected,
      s: expected === 1 ? "" : "s",
      members,
      count,
      positives: positive.map((c) => label(ctx.facts, c)).join(", "),
    },
    span: groupSpan(row, group, ctx.facts),
    classIndex: positive[0] ?? group.classes[0]!,
  });
}

/** "AgeOver60, Age18-60, AgeLess18" when the classes have names, else "classes 19, 20, 21". */
function memberList(group: ResolvedClassGroup, facts: FileFacts): string {
  const named = group.classes.every((c) => facts.classNames?.[c] !== undefined);
  return named ? group.classes.map((c) => facts.classNames![c]!).join(", ") : `classes ${group.classes.join(", ")}`;
}

/** `19 'AgeOver60'`, or `19` without names. */
function label(facts: FileFacts, index: number): string {
  const name = facts.classNames?.[index];
  return name === undefined ? String(index) : `${index} '${name}'`;
}

/** From the group's first value to its last, for the caret (slow path: only when reporting). */
function groupSpan(row: Row, group: ResolvedClassGroup, facts: FileFacts): [number, number] {
  // A sparse line (an index list's) has no place per value: the caret is under all the labels.
  if (row.sparse) return [row.labelsStart, row.labelsEnd];
  const tokens = tokensOf(row, facts);
  let start = Number.POSITIVE_INFINITY;
  let end = -1;
  for (const c of group.classes) {
    const token = tokens[c];
    if (token === undefined) continue;
    start = Math.min(start, token.start);
    end = Math.max(end, token.end);
  }
  return end === -1 ? [row.labelsStart, row.labelsEnd] : [start, end];
}

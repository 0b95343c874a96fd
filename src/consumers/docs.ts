import type { Rule } from "../engine/api.js";
import { consumers, CONSUMER_IDS, effectOf } from "./index.js";
import { pushTo } from "../collections.js";

/**
 * The "By consumer" section of a rule's doc page: for each consumer model
 * that decides any of the rule's cases, which cases are errors or warnings
 * and what the consumer does with them. Generated, and checked by the docs tests.
 */
export function consumerSection(rule: Rule): string {
  const { meta } = rule;
  const ids = Object.keys(meta.messages);
  const rows: string[] = [];
  const silent: string[] = [];
  for (const id of CONSUMER_IDS) {
    const consumer = consumers[id];
    const groups = new Map<string, string[]>();
    for (const messageId of ids) {
      const effect = effectOf(consumer, meta.name, messageId);
      const key = JSON.stringify([effect?.severity ?? meta.defaultSeverity, effect?.consequence ?? ""]);
      pushTo(groups, key, messageId);
    }
    if (ids.every((m) => effectOf(consumer, meta.name, m) === undefined)) {
      silent.push(consumer.title);
      continue;
    }
    for (const [key, cases] of groups) {
      const [severity, consequence] = JSON.parse(key) as [string, string];
      const shown = consequence === "" ? "—" : consequence.replace(/\{\{\s*(\w+)\s*\}\}/g, "‹$1›").replace(/\|/g, "\\|");
      rows.push(`| ${consumer.title} | ${cases.map((c) => `\`${c}\``).join(", ")} | ${severity} | ${shown} |`);
    }
  }
  if (meta.scope === "config") return "A config rule: it is about the PaddleClas training config itself, so its severity does not depend on `--consumer`.\n";
  if (rows.length === 0) {
    return `Every consumer model (see [consumers](../consumers.md)) reads these cases the same way: the default severity (${meta.defaultSeverity}), with no consumer-specific consequence.\n`;
  }
  const out = [
    "Severity follows the program that reads the file (`--consumer`; see [consumers](../consumers.md)). Each case is one of the rule's messages.",
    "",
    "| consumer | cases | severity | what it does |",
    "|---|---|---|---|",
    ...rows,
    "",
  ];
  if (silent.length > 0) out.push(`${silent.join(", ")}: the default severity (${meta.defaultSeverity}), with no consumer-specific consequence.`, "");
  return `${out.join("\n")}`;
}

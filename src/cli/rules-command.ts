import { parseArgs } from "node:util";
import { effectOf, findConsumer, type Consumer } from "../consumers/index.js";
import { LabellintError } from "../errors.js";
import { allRules } from "../rules/index.js";
import type { Severity } from "../types.js";
import type { Rule } from "../engine/api.js";
import { parsedOrUsage } from "./args.js";
import type { CliIo } from "./io.js";

function fixLabel(fix: { availability: string; applicability: string }): string {
  if (fix.applicability === "none" || fix.availability === "none") return "none";
  return fix.availability === "sometimes" ? `${fix.applicability} (sometimes)` : fix.applicability;
}

/** Each case (message id) of a rule with the severity it has for `consumer`, and what the consumer does. */
export function ruleCases(rule: Rule, consumer: Consumer | undefined): { messageId: string; severity: Severity; consequence?: string }[] {
  return Object.keys(rule.meta.messages).map((messageId) => {
    const effect = consumer !== undefined ? effectOf(consumer, rule.meta.name, messageId) : undefined;
    return { messageId, severity: effect?.severity ?? rule.meta.defaultSeverity, ...(effect?.consequence !== undefined ? { consequence: effect.consequence } : {}) };
  });
}

/** One severity, or `warn/error` when the rule's cases differ for the consumer. */
function severityLabel(rule: Rule, consumer: Consumer | undefined): string {
  const order: Severity[] = ["error", "warn", "off"];
  const seen = new Set(ruleCases(rule, consumer).map((c) => c.severity));
  return order.filter((s) => seen.has(s)).join("/");
}

/** The rule table as plain text, one rule per line: severities as the catalogue sets them, or as `consumer` reads a file. */
export function formatRuleTable(consumer?: Consumer): string {
  const rows = allRules.map((r) => [r.meta.code, r.meta.name, consumer === undefined ? r.meta.defaultSeverity : severityLabel(r, consumer), r.meta.scope, fixLabel(r.meta.fix), r.meta.description]);
  const header = ["code", "name", consumer === undefined ? "default" : consumer.id, "scope", "fix", "description"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ");
  const intro = consumer === undefined ? [] : [`severities as ${consumer.title} reads a file (${consumer.source}); error/warn: it depends on the case (labellint rules --consumer ${consumer.id} --reporter json lists them)`, ""];
  return [...intro, line(header), ...rows.map(line)].join("\n") + "\n";
}

/** `labellint rules [--consumer NAME] [--reporter json]`: lists every rule. */
export function runRules(args: string[], io: CliIo): number {
  const options = { reporter: { type: "string" }, consumer: { type: "string" } } as const;
  const { values } = parsedOrUsage(() => parseArgs({ args, options, strict: true }), options);
  const reporter = values.reporter ?? "text";
  const consumer = values.consumer !== undefined ? findConsumer(values.consumer) : undefined;
  if (reporter === "json") {
    const data = allRules.map((rule) => {
      const { meta } = rule;
      return {
        code: meta.code,
        name: meta.name,
        defaultSeverity: meta.defaultSeverity,
        scope: meta.scope,
        description: meta.description,
        fix: meta.fix,
        docs: `docs/rules/${meta.name}.md`,
        ...(meta.defaultOptions ? { defaultOptions: meta.defaultOptions } : {}),
        ...(consumer !== undefined ? { consumer: consumer.id, cases: ruleCases(rule, consumer) } : {}),
      };
    });
    io.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
  } else if (reporter === "text") {
    io.stdout.write(formatRuleTable(consumer));
  } else {
    throw new LabellintError("LL_USAGE", `--reporter for rules must be text or json, got '${reporter}'`);
  }
  return 0;
}

import { parseArgs } from "node:util";
import { LabellintError } from "../errors.js";
import { allRules } from "../rules/index.js";
import { parsedOrUsage } from "./check.js";
import type { CliIo } from "./io.js";

function fixLabel(fix: { availability: string; applicability: string }): string {
  if (fix.applicability === "none" || fix.availability === "none") return "none";
  return fix.availability === "sometimes" ? `${fix.applicability} (sometimes)` : fix.applicability;
}

/** The rule table as plain text, one rule per line. */
export function formatRuleTable(): string {
  const rows = allRules.map((r) => [r.meta.code, r.meta.name, r.meta.defaultSeverity, r.meta.scope, fixLabel(r.meta.fix), r.meta.description]);
  const header = ["code", "name", "default", "scope", "fix", "description"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ");
  return [line(header), ...rows.map(line)].join("\n") + "\n";
}

/** `labellint rules`: lists every rule. */
export function runRules(args: string[], io: CliIo): number {
  const { values } = parsedOrUsage(() => parseArgs({ args, options: { reporter: { type: "string" } }, strict: true }));
  const reporter = values.reporter ?? "text";
  if (reporter === "json") {
    const data = allRules.map(({ meta }) => ({
      code: meta.code,
      name: meta.name,
      defaultSeverity: meta.defaultSeverity,
      scope: meta.scope,
      description: meta.description,
      fix: meta.fix,
      docs: `docs/rules/${meta.name}.md`,
      ...(meta.defaultOptions ? { defaultOptions: meta.defaultOptions } : {}),
    }));
    io.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
  } else if (reporter === "text") {
    io.stdout.write(formatRuleTable());
  } else {
    throw new LabellintError("LL_USAGE", `--reporter for rules must be text or json, got '${reporter}'`);
  }
  return 0;
}

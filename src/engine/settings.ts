import { validatorFor } from "../schemas.js";
import { LabellintError } from "../errors.js";
import { closestName } from "../text/closest.js";
import type { ReportedSeverity, RuleSetting, Severity } from "../types.js";
import type { Rule } from "./api.js";

export interface ResolvedRule {
  rule: Rule;
  severity: ReportedSeverity;
  /** The user set the severity (it is not the rule's default). */
  explicit: boolean;
  options: Record<string, unknown>;
}

const SEVERITIES = new Set<Severity>(["error", "warn", "off"]);

/** Finds a rule by name (`blank-line`) or code (`LL004`), case-insensitively. */
export function findRule(rules: readonly Rule[], key: string): Rule | undefined {
  const wanted = key.trim().toLowerCase();
  return rules.find((r) => r.meta.name === wanted || r.meta.code.toLowerCase() === wanted);
}


function validateOptions(rule: Rule, options: Record<string, unknown>): void {
  const schema = rule.meta.optionsSchema;
  if (schema === undefined) {
    if (Object.keys(options).length > 0) {
      throw new LabellintError("LL_INVALID_OPTION", `rule '${rule.meta.name}' takes no options`);
    }
    return;
  }
  const validate = validatorFor(schema);
  if (!validate(options)) {
    const detail = (validate.errors ?? []).map((e) => `${e.instancePath || "options"} ${e.message ?? "is invalid"}`).join("; ");
    throw new LabellintError("LL_INVALID_OPTION", `rule '${rule.meta.name}': ${detail}`);
  }
}

/** Applies user settings over the defaults; rules set to `off` are left out. */
export function resolveRules(rules: readonly Rule[], settings: Record<string, RuleSetting> = {}): ResolvedRule[] {
  const chosen = new Map<Rule, { severity: Severity; options: Record<string, unknown> }>();
  for (const [key, setting] of Object.entries(settings)) {
    const rule = findRule(rules, key);
    if (rule === undefined) {
      // A code is near another code (LL3O1 → LL301), a name near another name; far off, no guess.
      const hint = closestName(rules.map((r) => (/^ll\d/i.test(key.trim()) ? r.meta.code : r.meta.name)), key.trim());
      throw new LabellintError("LL_UNKNOWN_RULE", `unknown rule '${key}'${hint ? `; did you mean '${hint}'?` : ""} (labellint rules lists them)`);
    }
    const [severity, options] = Array.isArray(setting) ? setting : [setting, undefined];
    if (!SEVERITIES.has(severity as Severity)) {
      throw new LabellintError("LL_INVALID_OPTION", `rule '${rule.meta.name}': severity must be error, warn or off, not '${String(severity)}'`);
    }
    if (options !== undefined && (typeof options !== "object" || options === null || Array.isArray(options))) {
      throw new LabellintError("LL_INVALID_OPTION", `rule '${rule.meta.name}': options must be an object`);
    }
    // Only options the user gave are validated: the defaults are the rule's own.
    if (options !== undefined) validateOptions(rule, options);
    chosen.set(rule, { severity: severity as Severity, options: options ?? {} });
  }
  const resolved: ResolvedRule[] = [];
  for (const rule of rules) {
    const user = chosen.get(rule);
    const severity = user?.severity ?? rule.meta.defaultSeverity;
    if (severity === "off") continue;
    resolved.push({ rule, severity, explicit: user !== undefined, options: { ...rule.meta.defaultOptions, ...user?.options } });
  }
  return resolved;
}

/** Parses `NAME:SEVERITY` as given to `--rule`. */
export function parseRuleFlag(flag: string): [string, Severity] {
  const at = flag.lastIndexOf(":");
  if (at <= 0) throw new LabellintError("LL_USAGE", `--rule expects NAME:SEVERITY (e.g. empty-labelset:off), got '${flag}'`);
  const severity = flag.slice(at + 1).trim().toLowerCase();
  const normalised = severity === "warning" ? "warn" : severity;
  if (!SEVERITIES.has(normalised as Severity)) {
    throw new LabellintError("LL_USAGE", `--rule ${flag}: severity must be error, warn or off`);
  }
  return [flag.slice(0, at).trim(), normalised as Severity];
}

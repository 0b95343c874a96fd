import { consumers, effectOf } from "../consumers/index.js";
import type { ConsumerId, ReportedSeverity } from "../types.js";
import type { Rule } from "./api.js";
import type { ResolvedRule } from "./settings.js";
import type { ReaderFinding } from "../readers/canonical.js";
import { allRules } from "../rules/index.js";
import { formatCount } from "../text/numbers.js";

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => {
    if (!(key in data)) return whole;
    const value = data[key]!;
    return typeof value === "number" && COUNT_KEYS.has(key) ? formatCount(value) : String(value);
  });
}

/** Message data that are counts, written as every report writes counts (1,200); line numbers and class indices are not. */
const COUNT_KEYS: ReadonlySet<string> = new Set(["rows", "count", "total", "lines", "sampled", "failing", "positives", "listed"]);

/** A rule's finding turned into what a report shows: its severity and full message. */
export interface Resolved {
  severity: ReportedSeverity;
  message: string;
}

/**
 * How one rule's finding becomes a problem for a file's consumer: the
 * severity is the rule's own choice for this report (a softer finding in an
 * eval split), else the user's setting, else what the consumer model says
 * for this case (message id), else the rule's default; the message is the
 * rule's template, then the consumer's consequence after ": ". Null when
 * the consumer has nothing to say about the case (`off`).
 */
export function findingResolver(resolved: ResolvedRule, consumer: ConsumerId) {
  const { rule, severity, explicit } = resolved;
  const { meta } = rule;
  const model = consumers[consumer];
  return {
    severity(messageId: string, chosen?: ReportedSeverity): ReportedSeverity | null {
      if (meta.messages[messageId] === undefined) throw new Error(`rule ${meta.name} reported undeclared message '${messageId}'`);
      if (chosen !== undefined) return chosen;
      if (explicit) return severity;
      const effect = effectOf(model, meta.name, messageId);
      if (effect === undefined) return severity;
      return effect.severity === "off" ? null : effect.severity;
    },
    message(messageId: string, data?: Record<string, string | number>): string {
      const text = formatMessage(meta.messages[messageId]!, data);
      const consequence = effectOf(model, meta.name, messageId)?.consequence;
      return consequence === undefined ? text : `${text}: ${formatMessage(consequence, data)}`;
    },
  };
}

export type FindingResolver = ReturnType<typeof findingResolver>;

/** Every rule's resolver for one consumer; rules the settings turn off are absent. */
export function findingResolvers(resolved: readonly ResolvedRule[], consumer: ConsumerId): Map<Rule, FindingResolver> {
  return new Map(resolved.map((r) => [r.rule, findingResolver(r, consumer)]));
}

/**
 * Why a record reader left a record out, in words a rejects file carries:
 * each finding's rule and full message for the input's consumer — also
 * when the user turned the rule off (the record is still not a row).
 */
export function describeReaderFindings(findings: readonly ReaderFinding[], consumer: ConsumerId): { code: string; rule: string; message: string }[] {
  return findings.map((f) => {
    const rule = allRules.find((r) => r.meta.name === f.rule);
    if (rule === undefined) throw new Error(`reader reported unknown rule '${f.rule}'`);
    const resolver = findingResolver({ rule, severity: "error", explicit: false, options: {} }, consumer);
    return { code: rule.meta.code, rule: f.rule, message: resolver.message(f.messageId, f.data) };
  });
}

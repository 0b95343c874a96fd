import { consumers, effectOf, type EffectVariant } from "../consumers/index.js";
import type { ConsumerId, ReportedSeverity } from "../types.js";
import type { Rule } from "./api.js";
import type { ResolvedRule } from "./settings.js";
import type { ReaderFinding } from "../readers/canonical.js";
import { allRules } from "../rules/index.js";
import { formatCount } from "../text/numbers.js";

/** A template as its literal text and its `{{key}}` placeholders (with their text, kept when the data lacks the key). */
type Compiled = (string | { key: string; whole: string })[];
const compiled = new Map<string, Compiled>();
/** Templates are the rules' and consumers' messages: a few hundred. */
const MAX_COMPILED = 4096;

function compile(template: string): Compiled {
  const parts: Compiled = [];
  let last = 0;
  for (const m of template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
    if (m.index > last) parts.push(template.slice(last, m.index));
    parts.push({ key: m[1]!, whole: m[0] });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  // Compiled once per template: a class-level rule formats one message per class, and C may be large.
  let parts = compiled.get(template);
  if (parts === undefined) {
    parts = compile(template);
    if (compiled.size < MAX_COMPILED) compiled.set(template, parts);
  }
  // Joined, not concatenated: `+=` leaves a tree of string pieces, and a
  // report keeps every message until it is written (670,000 per-class
  // messages at C = 670,091: their pieces cost more garbage-collector time
  // than the scan). `join` makes one flat string.
  const pieces: string[] = [];
  for (const part of parts) {
    if (typeof part === "string") pieces.push(part);
    else if (!(part.key in data)) pieces.push(part.whole);
    else {
      const value = data[part.key]!;
      pieces.push(typeof value === "number" && COUNT_KEYS.has(part.key) ? formatCount(value) : String(value));
    }
  }
  return pieces.join("");
}

/** Message data that are counts, written as every report writes counts (1,200); line numbers and class indices are not. */
const COUNT_KEYS: ReadonlySet<string> = new Set(["rows", "count", "total", "lines", "sampled", "sampledRows", "failing", "positives", "listed"]);

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
export function findingResolver(resolved: ResolvedRule, consumer: ConsumerId, variant?: EffectVariant) {
  const { rule, severity, explicit } = resolved;
  const { meta } = rule;
  const model = consumers[consumer];
  // What the consumer does with each message, looked up once per message id.
  const effects = new Map<string, ReturnType<typeof effectOf>>();
  /** Per message id, the last message and (a copy of) the data it was made of. */
  const lastMessages = new Map<string, { data: Record<string, string | number> | undefined; text: string }>();
  const effect = (messageId: string) => {
    if (!effects.has(messageId)) effects.set(messageId, effectOf(model, meta.name, messageId, variant));
    return effects.get(messageId);
  };
  return {
    severity(messageId: string, chosen?: ReportedSeverity): ReportedSeverity | null {
      if (meta.messages[messageId] === undefined) throw new Error(`rule ${meta.name} reported undeclared message '${messageId}'`);
      if (chosen !== undefined) return chosen;
      if (explicit) return severity;
      const found = effect(messageId);
      if (found === undefined) return severity;
      return found.severity === "off" ? null : found.severity;
    },
    message(messageId: string, data?: Record<string, string | number>): string {
      // A row-level rule often says the same words on many rows: one string for all of them, not one each.
      const last = lastMessages.get(messageId);
      if (last !== undefined && sameData(last.data, data)) return last.text;
      const text = formatMessage(meta.messages[messageId]!, data);
      const consequence = effect(messageId)?.consequence;
      const message = consequence === undefined ? text : [text, formatMessage(consequence, data)].join(": ");
      lastMessages.set(messageId, { data: data === undefined ? undefined : { ...data }, text: message });
      return message;
    },
  };
}

export type FindingResolver = ReturnType<typeof findingResolver>;

/** The same message data: the same keys with the same values. */
function sameData(a: Record<string, string | number> | undefined, b: Record<string, string | number> | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  let keys = 0;
  for (const key in b) {
    if (a[key] !== b[key] || !(key in a)) return false;
    keys++;
  }
  for (const _key in a) keys--;
  return keys === 0;
}

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

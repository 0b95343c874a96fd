import type { RecordOrigin } from "../readers/origin.js";
import type { Row, Verdict } from "../readers/row.js";
import { ALL_ROW_FEATURES, rowFeatures, VERDICT_COUNT } from "../readers/row.js";
import { allRules } from "../rules/index.js";
import type { DatasetView, FileFacts, ImageCheck, RuleContext, RuleHooks } from "./api.js";
import { createRuleContext, type PendingQuote, type ProblemSink } from "./rule-context.js";
import type { ResolvedRule } from "./settings.js";

type RowHook = Required<Pick<RuleHooks, "row">>;
type ImageHook = Required<Pick<RuleHooks, "image">>;

/**
 * The rules of one file: each with its context, and its hooks called in
 * file order — `row` only for the verdicts a rule asked for, so a rule about
 * blank lines costs nothing on a million clean rows.
 */
export class RuleDispatch {
  private readonly hooks: RuleHooks[] = [];
  /** The hooks with cross-row state, by rule name (a file read in parts saves and merges it). */
  private readonly partials = new Map<string, NonNullable<RuleHooks["partial"]>>();
  /** Hooks objects with a `row` hook by the verdict of the rows they take (called as methods: no bound wrappers on the hot path). */
  private readonly byVerdict: RowHook[][] = [];
  /** Of those, the ones a row with given features needs, by verdict × 64 + features (made when first met). */
  private readonly byFeatures: (RowHook[] | undefined)[] = new Array<RowHook[] | undefined>(VERDICT_COUNT * (ALL_ROW_FEATURES + 1));
  private readonly numClasses: number;
  /** False: every hook sees every row of its verdicts (`rowFeatures` ignored; to test that they hold). */
  private readonly filter: boolean;
  private readonly imageHooks: ImageHook[] = [];
  /** Each rule's context, by rule name (a record reader's findings are reported through them). */
  private readonly contexts = new Map<string, RuleContext>();

  /**
   * `covered`: rules whose line findings a file-level finding explains
   * (counted, not listed). `origin`: the rows are a record input's canonical
   * lines; problems are stamped at the input's places and quoted later (`quotes`).
   */
  constructor(
    rules: readonly ResolvedRule[],
    facts: FileFacts,
    dataset: DatasetView,
    sink: ProblemSink,
    place: { covered?: ReadonlySet<string> | undefined; origin?: RecordOrigin | undefined; quotes: PendingQuote[]; everyRow?: boolean },
  ) {
    this.numClasses = facts.numClasses;
    this.filter = place.everyRow !== true;
    const rowHooks: RowHook[] = [];
    for (const resolved of rules) {
      // A rule that checks configs only has no file hooks.
      if (resolved.rule.create === undefined) continue;
      const ctx = createRuleContext(resolved, facts, dataset, sink, {
        countOnlyLines: place.covered?.has(resolved.rule.meta.name) ?? false,
        ...(place.origin !== undefined ? { origin: place.origin, quotes: place.quotes } : {}),
      });
      this.contexts.set(resolved.rule.meta.name, ctx);
      const hooks = resolved.rule.create(ctx);
      this.hooks.push(hooks);
      if (hooks.partial) this.partials.set(resolved.rule.meta.name, hooks.partial);
      if (hooks.row) rowHooks.push(hooks as RowHook);
      if (hooks.image) this.imageHooks.push(hooks as ImageHook);
    }
    for (let verdict = 0; verdict < VERDICT_COUNT; verdict++) {
      this.byVerdict.push(rowHooks.filter((h) => (h as RuleHooks).rowVerdicts?.includes(verdict as Verdict) ?? true));
    }
  }

  start(): void {
    for (const hooks of this.hooks) hooks.start?.();
  }

  row(row: Row, verdict: Verdict): void {
    const features = this.filter ? rowFeatures(row, this.numClasses) : ALL_ROW_FEATURES;
    const slot = verdict * (ALL_ROW_FEATURES + 1) + features;
    const hooks = this.byFeatures[slot] ?? this.hooksFor(verdict, features, slot);
    for (let i = 0; i < hooks.length; i++) hooks[i]!.row(row);
  }

  /** The hooks a row of `verdict` with `features` needs, in rule order. */
  private hooksFor(verdict: Verdict, features: number, slot: number): RowHook[] {
    const hooks = this.byVerdict[verdict]!.filter((h) => {
      const wanted = (h as RuleHooks).rowFeatures;
      return wanted === undefined || (wanted & features) !== 0;
    });
    this.byFeatures[slot] = hooks;
    return hooks;
  }

  image(check: ImageCheck): void {
    const hooks = this.imageHooks;
    for (let i = 0; i < hooks.length; i++) hooks[i]!.image(check);
  }

  end(): void {
    for (const hooks of this.hooks) hooks.end?.();
  }

  /** The rule runs on this file (it is on). */
  has(name: string): boolean {
    return this.contexts.has(name);
  }

  /** Each rule's cross-row state after a part's scan, by rule name. */
  savePart(): Record<string, unknown> {
    const saved: Record<string, unknown> = {};
    for (const [name, partial] of this.partials) saved[name] = partial.save();
    return saved;
  }

  /** The parts' states (file order, with the lines before each part) merged into each rule's, before `end`. */
  mergePart(parts: readonly { rules: Record<string, unknown>; lineOffset: number }[]): void {
    for (const [name, partial] of this.partials) {
      partial.merge(parts.flatMap((p) => (name in p.rules ? [{ state: p.rules[name], lineOffset: p.lineOffset }] : [])));
    }
  }

  /** A record reader's own findings, reported through their rules' contexts: the rule's settings and the consumer's model apply. */
  readerFindings(origin: RecordOrigin): void {
    for (const f of origin.findings) {
      if (!allRules.some((r) => r.meta.name === f.rule)) throw new Error(`reader reported unknown rule '${f.rule}'`);
      // Undefined when the rule is off.
      this.contexts.get(f.rule)?.report({
        messageId: f.messageId,
        ...(f.data !== undefined ? { data: f.data } : {}),
        ...(f.line !== undefined ? { line: f.line } : {}),
        ...(f.row !== undefined ? { row: f.row } : {}),
        ...(f.column !== undefined ? { column: f.column } : {}),
        ...(f.length !== undefined ? { length: f.length } : {}),
        ...(f.classIndex !== undefined ? { classIndex: f.classIndex } : {}),
        ...(f.source !== undefined ? { source: f.source } : {}),
        located: f.file !== undefined ? { file: f.file } : {},
      });
    }
  }
}

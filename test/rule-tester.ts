import { describe, expect, it } from "vitest";
import { lintText } from "../src/engine/lint.js";
import { findRule } from "../src/engine/settings.js";
import { allRules } from "../src/rules/index.js";
import { SplitIndex } from "../src/engine/splits.js";
import type { Applicability, FileResult, FixEdit, LintResult, Problem } from "../src/types.js";
import type { LintOptions } from "../src/engine/options.js";
import { lintLaidOut, type Layout } from "./ppcls/layout.js";

export interface ValidCase {
  name: string;
  /** File content; a Buffer for bytes a string cannot hold (invalid UTF-8). With `ppcls`, the YAML of a PaddleClas config. */
  text: string | Buffer;
  options?: LintOptions;
  /** A train file of the same run: it is linted first, and `text` then as the eval file (cross-split rules). */
  train?: string;
  /** `text` is a PaddleClas config: it is laid out in a temporary root with these lists and files, and linted with them. */
  ppcls?: Layout;
}

export interface InvalidCase extends ValidCase {
  /** Expected findings of the rule under test as `[line, code]` (line null for file/dataset findings). */
  errors: [number | null, string][];
  /** When true, no other rule may report anything on the file (one root cause, one diagnosis). */
  only?: boolean;
  /** Applicability every finding's fix must have; `null` = no fix. */
  fix?: Exclude<Applicability, "none"> | null;
  /** Substrings the first finding's message must contain. */
  message?: string[];
  /** Extra assertions on the result (the eval file's, with `train`; not called with `ppcls`). */
  check?: (result: FileResult, problems: Problem[]) => void;
  /** Extra assertions on a `ppcls` case's whole result. */
  checkRun?: (result: LintResult, problems: Problem[]) => void;
}

/** Runs one case: the problems of the file (or, for a config, of the config and its files), and the results. */
async function runCase(c: ValidCase): Promise<{ problems: Problem[]; file?: FileResult; run?: LintResult }> {
  if (c.ppcls !== undefined) {
    const run = await lintLaidOut(String(c.text), c.ppcls, c.options);
    return { problems: [...(run.configs ?? []).flatMap((r) => r.problems), ...run.files.flatMap((f) => f.problems)], run };
  }
  if (c.train !== undefined) {
    const splits = new SplitIndex();
    await lintText(c.train, { ...c.options, split: "train", splits }, "train_list.txt");
    const file = await lintText(c.text, { ...c.options, split: "eval", splits }, "eval_list.txt");
    return { problems: file.problems, file };
  }
  const file = await lintText(c.text, c.options);
  return { problems: file.problems, file };
}

/** Runs a rule's cases as data, in the manner of ESLint's RuleTester. */
export function runRuleTests(ruleName: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const rule = findRule(allRules, ruleName);
  if (rule === undefined) throw new Error(`no rule ${ruleName}`);
  const { code, name } = rule.meta;
  describe(`${code} ${name}`, () => {
    for (const c of cases.valid) {
      it(`accepts: ${c.name}`, async () => {
        const { problems } = await runCase(c);
        expect(problems.filter((p) => p.rule === name)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`reports: ${c.name}`, async () => {
        const { problems, file, run } = await runCase(c);
        const mine = problems.filter((p) => p.rule === name);
        expect(mine.map((p) => [p.line ?? null, p.code])).toEqual(c.errors);
        if (c.only) expect(problems.map((p) => [p.line ?? null, p.code])).toEqual(c.errors);
        if (c.fix !== undefined) {
          for (const p of mine) expect(p.fix?.applicability ?? null).toBe(c.fix);
        }
        for (const part of c.message ?? []) expect(mine[0]?.message).toContain(part);
        for (const p of mine) {
          expect(p.message).not.toMatch(/\{\{/);
          if (p.line !== undefined && p.source !== undefined && p.column !== undefined) {
            expect(p.column).toBeGreaterThanOrEqual(1);
          }
        }
        if (file !== undefined) c.check?.(file, mine);
        if (run !== undefined) c.checkRun?.(run, mine);
      });
    }
  });
}

/** `n` PaddleClas rows of C=`c` with class (i % c) positive, so every class has positives. */
export function paddleRows(n: number, c: number, start = 0): string {
  const rows: string[] = [];
  for (let i = start; i < start + n; i++) {
    const v = new Array<number>(c).fill(0);
    v[i % c] = 1;
    rows.push(`img/${String(i).padStart(5, "0")}.jpg\t${v.join(",")}`);
  }
  return rows.join("\n") + "\n";
}

/** The same rows in the space-separated format. */
export function spacedRows(n: number, c: number, start = 0): string {
  return paddleRows(n, c, start).replace(/\t/g, " ").replace(/,/g, " ");
}

/** An edit with its text change laid flat (`line`, `start`, `end`, `oldText`, `newText`), to match the text it changes. */
export function flatEdit(edit: FixEdit | undefined): Record<string, unknown> | undefined {
  if (edit === undefined) return undefined;
  const change = edit.kind !== "file" && edit.kind !== "drop-line" ? edit.change : undefined;
  return { ...edit, ...change };
}

import { describe, expect, it } from "vitest";
import { lintText } from "../src/engine/lint.js";
import { findRule } from "../src/engine/settings.js";
import { allRules } from "../src/rules/index.js";
import type { Applicability, FileResult, LintOptions, Problem } from "../src/types.js";

export interface ValidCase {
  name: string;
  /** File content; a Buffer for bytes a string cannot hold (invalid UTF-8). */
  text: string | Buffer;
  options?: LintOptions;
}

export interface InvalidCase {
  name: string;
  /** File content; a Buffer for bytes a string cannot hold (invalid UTF-8). */
  text: string | Buffer;
  options?: LintOptions;
  /** Expected findings of the rule under test as `[line, code]` (line null for file/dataset findings). */
  errors: [number | null, string][];
  /** When true, no other rule may report anything on the file (one root cause, one diagnosis). */
  only?: boolean;
  /** Applicability every finding's fix must have; `null` = no fix. */
  fix?: Exclude<Applicability, "none"> | null;
  /** Substrings the first finding's message must contain. */
  message?: string[];
  /** Extra assertions on the result. */
  check?: (result: FileResult, problems: Problem[]) => void;
}

/** Runs a rule's cases as data, in the manner of ESLint's RuleTester. */
export function runRuleTests(ruleName: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const rule = findRule(allRules, ruleName);
  if (rule === undefined) throw new Error(`no rule ${ruleName}`);
  const { code, name } = rule.meta;
  describe(`${code} ${name}`, () => {
    for (const c of cases.valid) {
      it(`accepts: ${c.name}`, async () => {
        const result = await lintText(c.text, c.options);
        expect(result.problems.filter((p) => p.rule === name)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`reports: ${c.name}`, async () => {
        const result = await lintText(c.text, c.options);
        const mine = result.problems.filter((p) => p.rule === name);
        expect(mine.map((p) => [p.line ?? null, p.code])).toEqual(c.errors);
        if (c.only) expect(result.problems.map((p) => [p.line ?? null, p.code])).toEqual(c.errors);
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
        c.check?.(result, mine);
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

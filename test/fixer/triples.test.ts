import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { lintFile } from "../../src/engine/lint.js";
import { applyPlan } from "../../src/fixer/apply.js";
import { fix, type FixOptions } from "../../src/fixer/fix.js";
import type { FixPlan } from "../../src/fixer/plan.js";
import { fixture } from "../shared.js";

/**
 * Fixture triples: fixtures/fix/<case>/input.txt is fixed with the options of
 * case.json; the output must equal expected.txt byte for byte, and the
 * rejects file expected.rejects.tsv (no rejects file when that is absent).
 * A case where every row would be rejected has expected.refused.txt instead:
 * fix writes nothing and says that line.
 */
const CASES_DIR = fixture("fix");
const CASES = readdirSync(CASES_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

const validatePlan = new Ajv({ allErrors: true }).compile<FixPlan>(JSON.parse(readFileSync(fixture("..", "schemas", "fix-plan.schema.json"), "utf8")) as object);

function schemaErrors(plan: unknown): string {
  return validatePlan(plan) ? "" : JSON.stringify(validatePlan.errors);
}

function caseOptions(name: string): FixOptions {
  return JSON.parse(readFileSync(join(CASES_DIR, name, "case.json"), "utf8")) as FixOptions;
}

/** Rejects-file rows as [line, rules]: the TSV's first two columns. */
function rejectRows(tsv: Buffer): [number, string][] {
  const rows = tsv.toString("latin1").split("\n").slice(1, -1);
  return rows.map((r) => {
    const [line, rules] = r.split("\t");
    return [Number(line), rules!];
  });
}

describe("fix: fixture triples", () => {
  it("has a case for every fixable rule and every rejecting rule", () => {
    const fixable = ["bom", "line-ending", "blank-line", "header-row", "missing-separator", "nested-labels", "empty-value", "extra-field", "inconsistent-separator", "index-labels", "non-canonical-value", "signed-encoding", "duplicate-path", "conflicting-duplicate", "backslash-path"];
    const rejecting = ["label-count", "non-binary-value", "empty-path", "unsafe-path", "invalid-encoding", "line-too-long", "missing-image", "unreadable-image"];
    for (const rule of fixable) expect(CASES.some((c) => c.startsWith(rule)), rule).toBe(true);
    for (const rule of rejecting) expect(CASES, rule).toContain(`rejects-${rule}`);
  });

  describe.each(CASES)("%s", (name) => {
    const dir = join(CASES_DIR, name);
    const input = join(dir, "input.txt");
    const options = caseOptions(name);
    const expectedRejects = join(dir, "expected.rejects.tsv");
    const refusedFile = join(dir, "expected.refused.txt");
    const refused = existsSync(refusedFile) ? readFileSync(refusedFile, "utf8").trimEnd() : undefined;

    it("writes expected.txt and expected.rejects.tsv byte for byte, and the numbers add up", async () => {
      const tmp = mkdtempSync(join(tmpdir(), `labellint-triple-${name}-`));
      const out = join(tmp, "out.txt");
      const rejects = join(tmp, "out.rejects.tsv");
      const planPath = join(tmp, "plan.json");
      const inputBefore = readFileSync(input);
      const result = await fix(input, { ...options, out, rejects, plan: planPath });

      if (refused !== undefined) {
        // Every row would go to the rejects file: nothing is written, and the numbers still add up.
        expect(result.refused).toBe(refused);
        expect(readdirSync(tmp)).toEqual([]);
        expect(result.written).toEqual({});
        expect(readFileSync(input)).toEqual(inputBefore);
        const c = result.counts;
        expect(c.rowsOut).toBe(0);
        expect(c.linesIn).toBe(c.rowsRejected + c.linesDropped);
        expect(result.plan.rejects).toHaveLength(c.rowsRejected);
        expect(schemaErrors(result.plan)).toBe("");
        return;
      }
      expect(readFileSync(out)).toEqual(readFileSync(join(dir, "expected.txt")));
      if (existsSync(expectedRejects)) {
        expect(readFileSync(rejects).toString("latin1")).toBe(readFileSync(expectedRejects).toString("latin1"));
        expect(result.written.rejects).toBe(rejects);
      } else {
        expect(existsSync(rejects), "no rejected line, so no rejects file").toBe(false);
        expect(result.counts.rowsRejected).toBe(0);
      }
      // The input is never written to.
      expect(readFileSync(input)).toEqual(inputBefore);

      // Nothing is lost: lines_in = rows_out + rows_rejected + lines_dropped.
      const c = result.counts;
      expect(c.linesIn).toBe(c.rowsOut + c.rowsRejected + c.linesDropped);
      const physical = inputBefore.length === 0 ? 0 : inputBefore.toString("latin1").split("\n").length - (inputBefore.at(-1) === 10 ? 1 : 0);
      expect(c.linesIn).toBe(physical);
      expect(c.rowsOut).toBe(readFileSync(out, "latin1").split("\n").length - 1);
      const plan = result.plan;
      expect(plan.counts).toEqual(c);
      expect(plan.drops).toHaveLength(c.linesDropped);
      expect(plan.rejects).toHaveLength(c.rowsRejected);
      expect(plan.edits).toHaveLength(c.linesEdited);
      for (const d of plan.drops) expect(d.reason.length).toBeGreaterThan(0);
      for (const r of plan.rejects) expect(r.reasons.length).toBeGreaterThan(0);
      // Every line is in exactly one place: written, rejected or dropped.
      const placed = [...plan.drops.map((d) => d.line), ...plan.rejects.map((r) => r.line)];
      expect(new Set(placed).size).toBe(placed.length);
      for (const e of plan.edits) expect(placed).not.toContain(e.line);
      // Every enabled fix that rewrites a line written to the output is recorded as an edit of that line.
      const edited = new Set(plan.edits.map((e) => e.line));
      for (const p of result.before.problems) {
        if (p.fix === undefined || (p.fix.applicability === "unsafe" && !plan.unsafeFixes)) continue;
        for (const e of p.fix.edits) {
          if (e.kind === "file" || e.kind === "drop-line" || e.change === undefined || e.change.oldText === e.change.newText || placed.includes(e.line)) continue;
          expect(edited.has(e.line), `${p.rule}'s fix of line ${e.line} is in the plan's edits`).toBe(true);
        }
      }
      if (c.rowsRejected > 0) {
        const rows = rejectRows(readFileSync(rejects));
        expect(rows.map(([line]) => line)).toEqual(plan.rejects.map((r) => r.line));
        expect(rows.map(([, rules]) => rules)).toEqual(plan.rejects.map((r) => r.reasons.map((x) => x.rule).filter(Boolean).join(",")));
      }
      expect(plan.unsafeFixes).toBe(options.unsafeFixes ?? false);
      for (const e of plan.edits) if (!plan.unsafeFixes) expect(e.applicability).toBe("safe");

      // The plan, returned and written, is valid against schemas/fix-plan.schema.json.
      expect(schemaErrors(plan)).toBe("");
      const written = JSON.parse(readFileSync(planPath, "utf8")) as unknown;
      expect(schemaErrors(written)).toBe("");
      expect(written).toEqual(JSON.parse(JSON.stringify(plan)));
    });

    // A refused case writes no output to fix again.
    it.skipIf(refused !== undefined)("is idempotent: fix on its own output changes nothing, and check finds nothing fix would fix", async () => {
      const tmp = mkdtempSync(join(tmpdir(), `labellint-idem-${name}-`));
      const once = join(tmp, "once.txt");
      const twice = join(tmp, "twice.txt");
      const first = await fix(input, { ...options, out: once });
      const second = await fix(once, { ...options, out: twice });
      expect(second.counts).toMatchObject({ linesEdited: 0, linesDropped: 0, rowsRejected: 0 });
      expect(second.plan.fileActions).toEqual([]);
      expect(second.plan.edits).toEqual([]);
      expect(readFileSync(twice)).toEqual(readFileSync(once));
      expect(existsSync(`${twice}.rejects.tsv`)).toBe(false);
      expect(schemaErrors(second.plan)).toBe("");

      const check = await lintFile(once, { numClasses: first.plan.numClasses, format: first.plan.output.format });
      const fixable = check.problems.filter((p) => p.fix !== undefined && (p.fix.applicability === "safe" || options.unsafeFixes));
      expect(fixable.map((p) => `${p.line}: ${p.rule}: ${p.message}`)).toEqual([]);
      expect(check.fixable.safe).toBe(0);
      if (options.unsafeFixes) expect(check.fixable.unsafe).toBe(0);
    });

    it("a dry run writes nothing and plans the same; apply of the saved plan reproduces the output", async () => {
      const tmp = mkdtempSync(join(tmpdir(), `labellint-apply-${name}-`));
      const out = join(tmp, "out.txt");
      const planPath = join(tmp, "plan.json");
      const dry = await fix(input, { ...options, dryRun: true, out, plan: planPath });
      expect(readdirSync(tmp)).toEqual([]);
      const real = await fix(input, { ...options, out, plan: planPath });
      expect(dry.plan).toEqual(real.plan);
      expect(dry.refused).toEqual(real.refused);
      if (refused !== undefined) {
        // Refused: no output and no plan to apply.
        expect(readdirSync(tmp)).toEqual([]);
        return;
      }

      const applied = join(tmp, "applied.txt");
      const result = await applyPlan(planPath, { out: applied, input });
      expect(result.counts).toEqual(real.counts);
      expect(readFileSync(applied)).toEqual(readFileSync(out));
      if (real.counts.rowsRejected > 0) {
        expect(readFileSync(`${applied}.rejects.tsv`)).toEqual(readFileSync(`${out}.rejects.tsv`));
      } else {
        expect(existsSync(`${applied}.rejects.tsv`)).toBe(false);
      }
    });
  });
});

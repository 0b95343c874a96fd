/**
 * fix's contract on seeded random damage to a clean list (the consumers'
 * mutations, and a path copied onto another line, so copies and conflicts
 * come up): for every damaged list fix either writes nothing (every row
 * rejected, or one fatal error) or
 * - loses nothing: each input line is, in its place, a row written as it is,
 *   an edit the plan records (a line of several rows split), a drop with its
 *   reason or a reject with its text, exactly as the input has it;
 * - writes an output its own check passes: no error about a row is left
 *   (findings about the sample's classes aside: 24 rows of 33 classes);
 * - writes the same bytes again when its plan is applied.
 * `LABELLINT_FIX_MUTATIONS` (per format) and `LABELLINT_FIX_MUTATION_SEED` scale it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyPlan } from "../../src/fixer/apply.js";
import { fix } from "../../src/fixer/fix.js";
import type { FixPlan } from "../../src/fixer/plan.js";
import { isLabellintError } from "../../src/errors.js";
import { fixture, lcgRandom } from "../shared.js";
import { mutate } from "../consumers/mutate.js";

const COUNT = Number(process.env["LABELLINT_FIX_MUTATIONS"] ?? 150);
const SEED = Number(process.env["LABELLINT_FIX_MUTATION_SEED"] ?? 1);

/** Findings about the sample's classes (24 rows of 33 classes), not about a row. */
const CLASS_RULES: ReadonlySet<string> = new Set(["class-without-positives", "class-always-positive", "rare-class", "no-rows", "label-count", "full-labelset", "empty-labelset", "class-missing-in-split", "label-distribution-shift"]);

const scratch = mkdtempSync(join(tmpdir(), "labellint-fix-mutations-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The clean list: 24 NUS-WIDE-SCENE rows, as paddleclas or as a spaced list. */
function seedList(format: "paddleclas" | "spaced"): string {
  const rows = readFileSync(fixture("nus-wide-scene", "train_list.txt"), "utf8").split("\n").slice(0, 24);
  return `${(format === "paddleclas" ? rows : rows.map((r) => r.replace("\t", " ").replace(/,/g, " "))).join("\n")}\n`;
}

/** The consumers' mutations, and now and then one line's path written on another (a copy, or a conflict). */
function damage(text: string, next: () => number): string {
  let s = mutate(text, next);
  if (next() < 0.3) {
    const lines = s.split("\n");
    const from = Math.floor(next() * lines.length);
    const to = Math.floor(next() * lines.length);
    const path = lines[from]!.split(/[\t ]/)[0]!;
    const rest = lines[to]!.search(/[\t ]/);
    if (rest >= 0) lines[to] = path + lines[to]!.slice(rest);
    s = lines.join("\n");
  }
  return s;
}

/** Where each input line went, checked against the plan and the output; an empty list when every line is accounted for. */
function unaccounted(input: string, plan: FixPlan, output: string): string[] {
  const lines = input.replace(/^\ufeff/, "").split(/\r\n|\n|\r/);
  if (lines.at(-1) === "") lines.pop();
  const rows = output.split("\n");
  rows.pop();
  const edits = new Map(plan.edits.map((e) => [e.line, e]));
  const drops = new Map(plan.drops.map((d) => [d.line, d]));
  const rejects = new Map(plan.rejects.map((r) => [r.line, r]));
  const wrong: string[] = [];
  let at = 0;
  for (let line = 1; line <= plan.counts.linesIn; line++) {
    const text = lines[line - 1];
    const dropped = drops.get(line) ?? rejects.get(line);
    if (dropped !== undefined) {
      if (dropped.text !== text) wrong.push(`line ${line}: the plan records ${JSON.stringify(dropped.text)}, the input has ${JSON.stringify(text)}`);
      continue;
    }
    const edit = edits.get(line);
    if (edit !== undefined && edit.oldText !== text) wrong.push(`line ${line}: edited from ${JSON.stringify(edit.oldText)}, the input has ${JSON.stringify(text)}`);
    for (const row of edit !== undefined ? edit.newText.split("\n") : [text]) {
      if (rows[at] !== row) wrong.push(`line ${line}: output row ${at + 1} is ${JSON.stringify(rows[at])}, not ${JSON.stringify(row)}`);
      at++;
    }
  }
  if (at !== rows.length) wrong.push(`the output has ${rows.length} rows; the input's lines account for ${at}`);
  return wrong;
}

describe("fix on damaged lists: nothing lost, an output its check passes, the same bytes from its plan", () => {
  for (const [format, shift] of [["paddleclas", 0], ["spaced", 7919]] as const) {
    it(`${format}: ${COUNT} seeded damaged lists (seed ${SEED})`, async () => {
      const next = lcgRandom(SEED + shift);
      const clean = seedList(format);
      const failures: string[] = [];
      let written = 0;
      for (let n = 0; n < COUNT; n++) {
        const dir = join(scratch, `${format}-${n}`);
        mkdirSync(dir);
        const content = damage(clean, next);
        const list = join(dir, "list.txt");
        writeFileSync(list, content);
        const out = join(dir, "out.txt");
        const planPath = join(dir, "plan.json");
        const unsafeFixes = next() < 0.5;
        let result;
        try {
          result = await fix(list, { format, numClasses: 33, split: "train", out, plan: planPath, unsafeFixes });
        } catch (error) {
          // One fatal error, nothing written: the contract allows it; an internal error it does not.
          if (!isLabellintError(error)) failures.push(`#${n}: ${String(error)}; input ${JSON.stringify(content)}`);
          continue;
        }
        if (result.refused !== undefined) continue;
        written++;
        const about = `#${n} (${unsafeFixes ? "unsafe fixes" : "safe fixes"}), input ${JSON.stringify(content)}`;
        const left = (result.after?.problems ?? []).filter((p) => p.severity === "error" && !CLASS_RULES.has(p.rule));
        if (left.length > 0) failures.push(`${about}: the output's check finds ${left.map((p) => `${p.rule} at line ${p.line}`).join(", ")}`);
        const plan = JSON.parse(readFileSync(planPath, "utf8")) as FixPlan;
        for (const why of unaccounted(content, plan, readFileSync(out, "utf8"))) failures.push(`${about}: ${why}`);
        await applyPlan(planPath, { out: join(dir, "applied.txt") });
        if (!readFileSync(join(dir, "applied.txt")).equals(readFileSync(out))) failures.push(`${about}: apply wrote other bytes`);
      }
      expect(failures).toEqual([]);
      // Most damaged lists are fixed: the contract is tested on them, not on a few.
      expect(written).toBeGreaterThan(COUNT * 0.8);
    }, 60_000 + COUNT * 200);
  }
});

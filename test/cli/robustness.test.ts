/**
 * Bad input never crashes the command line: seeded random damage to the bundled
 * fixtures (bytes inserted, cut, repeated, random bytes, YAML and JSON tokens)
 * run through every command with random options. Each run must end as a report
 * (exit 0 or 1) or one clear fatal message (exit 2) — never an internal error,
 * which is what an exception labellint did not expect becomes. The same harness
 * at scale (thousands of runs as separate processes) found none; this keeps a
 * seeded slice of it in every test run.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../cli-harness.js";
import { lcgRandom, ROOT } from "../shared.js";

const RUNS = Number(process.env["LABELLINT_ROBUSTNESS_RUNS"] ?? 160);
const SEED = Number(process.env["LABELLINT_ROBUSTNESS_SEED"] ?? 7);

const FIXTURES = join(ROOT, "fixtures");
const inputs: string[] = [];
(function walk(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const info = statSync(path);
    if (info.isDirectory()) {
      if (name !== "images") walk(path);
    } else if (/\.(txt|csv|json|yaml|tsv)$/.test(name) && info.size < 200_000) inputs.push(path);
  }
})(FIXTURES);
inputs.sort();

const PIECES = ["\0", "\r", "\r\n", "\n", "\t", ",", " ", '"', "-1", "2", "1.0", "\ufeff", "{", "}", "[", "]", ":", "#", "'", "\\", "nan", "1e309", "\u2028", "\x85", "𝟙", "é", "99999999999999999999999", "-", "null", "true", '"gt_label"', '"data_list"', '"metainfo"', "\t\t", "..", "/", "&a", "*a", "<<: *a", "!!python/object", "---", "- ", ": "];

function damage(bytes: Buffer, next: () => number): Buffer {
  const int = (n: number) => Math.floor(next() * n);
  let b = bytes;
  for (let k = 1 + int(4); k > 0; k--) {
    const at = int(b.length + 1);
    const op = int(7);
    if (op <= 2) b = Buffer.concat([b.subarray(0, at), Buffer.from(PIECES[int(PIECES.length)]!, op === 2 ? "latin1" : "utf8"), b.subarray(at)]);
    else if (op === 3) b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + int(8))]);
    else if (op === 4) b = b.subarray(0, at);
    else if (op === 5) b = Buffer.concat([b.subarray(0, at), Buffer.from(Array.from({ length: 1 + int(6) }, () => int(256))), b.subarray(at)]);
    else {
      const other = int(b.length + 1);
      b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(at, other), Math.max(at, other)), b.subarray(at)]);
    }
  }
  return b;
}

const scratch = mkdtempSync(join(tmpdir(), "labellint-robustness-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the command line on damaged input", () => {
  it(`${RUNS} seeded runs across commands and options: a report or one fatal message, never an internal error`, async () => {
    const next = lcgRandom(SEED);
    const int = (n: number) => Math.floor(next() * n);
    const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
    const failures: string[] = [];
    const codes = new Map<string, number>();
    for (let i = 0; i < RUNS; i++) {
      const dir = join(scratch, String(i));
      cpSync(join(FIXTURES, "nus-wide-scene"), join(dir, "fixtures", "nus-wide-scene"), { recursive: true });
      const source = pick(inputs);
      const input = join(dir, source.split("/").pop()!);
      writeFileSync(input, next() < 0.9 ? damage(readFileSync(source), next) : readFileSync(source));
      const second = pick(inputs);
      const other = join(dir, `b-${second.split("/").pop()!}`);
      writeFileSync(other, damage(readFileSync(second), next));
      const options: string[] = [];
      if (next() < 0.4) options.push("--format", pick(["auto", "paddleclas", "spaced", "csv", "indices", "json"]));
      if (next() < 0.3) options.push("--consumer", pick(["paddleclas", "imagelist", "hashnet", "deephash", "mmpretrain", "generic"]));
      if (next() < 0.2) options.push("--num-classes", String(pick([1, 2, 5, 33, 81, 1000])));
      if (next() < 0.15) options.push("--unknown-label", pick(["-1", ""]));
      if (next() < 0.1) options.push("--split", pick(["train", "eval"]));
      if (next() < 0.1) options.push("--max-line-bytes", String(pick([16, 100, 4096])));
      const command = pick(["check", "check", "check", "stats", "fix", "fix", "convert", "split", "diff", "init", "config"]);
      let argv: string[];
      if (command === "check") argv = ["check", input, ...(next() < 0.3 ? [other] : []), ...options, "--reporter", pick(["text", "json", "sarif", "github", "gitlab", "html", "junit"])];
      else if (command === "config") {
        // The bundled sample's config or one of its lists damaged, checked as PaddleClas would run it.
        const sample = join(dir, "fixtures", "nus-wide-scene");
        const file = join(sample, pick(["ppcls_config.yaml", "train_list.txt", "eval_list.txt", "label_list.txt"]));
        writeFileSync(file, damage(readFileSync(file), next));
        const overrides = next() < 0.3 ? ["--ppcls-override", pick(["Arch.class_num=34", "DataLoader.Train.dataset.label_ratio=True", "Global.epochs=1.0", "Global.epoch=3", "Arch.use_ml_decoder=True", "MLDecoder=None", "x=[", "Metric=None"])] : [];
        argv = ["check", "--ppcls-config", join(sample, "ppcls_config.yaml"), "--ppcls-root", dir, ...overrides, "--reporter", pick(["text", "json"])];
      } else if (command === "stats") argv = ["stats", input, ...(next() < 0.3 ? [other] : []), ...options, "--reporter", pick(["text", "json"])];
      else if (command === "fix") argv = ["fix", input, "--out", join(dir, `out${pick([".txt", ".json", ".csv"])}`), ...options];
      else if (command === "convert") argv = ["convert", input, "--to", pick(["paddleclas", "spaced", "csv", "indices", "json"]), "--out", join(dir, "converted"), ...options, ...(next() < 0.5 ? ["--force"] : [])];
      else if (command === "split") argv = ["split", input, "--ratio", "0.8,0.2", "--out-dir", join(dir, "splits"), ...options];
      else if (command === "diff") argv = ["diff", input, other, ...options];
      else argv = ["init", input, "--output", join(dir, "labellint.config.json"), ...options];
      const { code, stderr } = await runCli(argv, { cwd: dir });
      codes.set(`${command} ${code}`, (codes.get(`${command} ${code}`) ?? 0) + 1);
      if (![0, 1, 2].includes(code) || /internal error/.test(stderr)) failures.push(`#${i} labellint ${argv.join(" ")} → exit ${code}: ${stderr.slice(0, 300)}`);
      rmSync(dir, { recursive: true, force: true });
    }
    expect(failures).toEqual([]);
    // The damage is varied enough to reach reports and refusals alike.
    const exits = [...codes.keys()].map((k) => k.split(" ")[1]);
    expect(new Set(exits)).toEqual(new Set(["0", "1", "2"]));
  }, 300_000);
});

describe("apply on damaged fix plans", () => {
  it("60 seeded plans cut, changed or applied to a grown input: a result or one fatal message, and an unchanged plan writes what fix wrote", async () => {
    const next = lcgRandom(SEED + 1);
    const int = (n: number) => Math.floor(next() * n);
    const sources = ["defects/train_list.txt", "fix/empty-value/input.txt", "fix/signed-encoding/input.txt", "fix/nested-labels/input.txt", "formats/sample.spaced.txt"];
    const failures: string[] = [];
    let unchanged = 0;
    for (let i = 0; i < 60; i++) {
      const dir = join(scratch, `apply-${i}`);
      const source = sources[int(sources.length)]!;
      const input = join(dir, source.split("/").pop()!);
      cpSync(join(FIXTURES, source), input);
      const out = join(dir, "fixed.txt");
      const plan = join(dir, "plan.json");
      await runCli(["fix", input, "--out", out, "--plan", plan, ...(next() < 0.5 ? ["--unsafe-fixes"] : [])], { cwd: dir });
      if (!existsSync(plan)) continue;
      const text = readFileSync(plan, "utf8");
      const damageKind = int(5);
      if (damageKind === 0) writeFileSync(plan, text.slice(0, int(text.length)));
      else if (damageKind === 1) writeFileSync(plan, damage(Buffer.from(text), next));
      else if (damageKind === 2) {
        // A value somewhere in the plan replaced, as a careless edit would.
        const value = JSON.parse(text) as Record<string, unknown>;
        let node: unknown = value;
        for (let depth = 0; depth < 5 && node !== null && typeof node === "object"; depth++) {
          const keys = Object.keys(node);
          if (keys.length === 0) break;
          const key = keys[int(keys.length)]!;
          if (next() < 0.4) {
            (node as Record<string, unknown>)[key] = [null, 0, -1, 1e9, "x", [], {}, true][int(8)];
            break;
          }
          node = (node as Record<string, unknown>)[key];
        }
        writeFileSync(plan, JSON.stringify(value));
      } else if (damageKind === 3) writeFileSync(input, `${readFileSync(input, "utf8")}extra.jpg\t0,1\n`);
      const applied = join(dir, "applied.txt");
      const { code, stderr } = await runCli(["apply", plan, "--out", applied], { cwd: dir });
      if (![0, 1, 2].includes(code) || /internal error/.test(stderr)) failures.push(`#${i} ${source}, damage ${damageKind}: exit ${code}: ${stderr.slice(0, 300)}`);
      if (damageKind === 3 && code !== 2) failures.push(`#${i} ${source}: applied to an input that changed since the plan`);
      if (damageKind === 4) {
        unchanged++;
        if (code === 2 || readFileSync(applied, "utf8") !== readFileSync(out, "utf8")) failures.push(`#${i} ${source}: an unchanged plan did not write what fix wrote (exit ${code}: ${stderr.slice(0, 200)})`);
      }
      rmSync(dir, { recursive: true, force: true });
    }
    expect(failures).toEqual([]);
    expect(unchanged).toBeGreaterThan(0);
  }, 300_000);
});

/**
 * PaddleClas's `-o KEY=VALUE` overrides (`--ppcls-override`), against Python itself: the oracle
 * (`test/consumers/oracles/overrides.py`) replays ppcls/utils/config.py's override_config
 * (PaddlePaddle/PaddleClas @ d178931fc, ppcls/utils/config.py:124-186) with Python's own `eval`,
 * and every case must come out the same here — the config, which numbers are floats, and where
 * PaddleClas stops.
 */
import { Ajv } from "ajv";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { LabellintError } from "../../src/errors.js";
import { PpclsConfig, type KeyPath } from "../../src/ppcls/config.js";
import { pythonEval } from "../../src/ppcls/override.js";
import { ORACLES, PYTHON } from "../consumers/oracle-run.js";
import { ROOT, seededRandom } from "../shared.js";
import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { runCli } from "../cli-harness.js";
import { lintPpclsConfig } from "../../src/ppcls/lint.js";
import type { LintResult } from "../../src/types.js";
import { lineOf, ppclsConfig } from "./configs.js";
import { layOutPpcls } from "./layout.js";

const BASE = {
  Global: { epochs: 10, device: "gpu", eval_during_train: true },
  Arch: { name: "MobileNetV1", class_num: 33 },
  Loss: { Train: [{ MultiLabelLoss: { weight_ratio: true } }], Eval: [{ MultiLabelLoss: { weight_ratio: true } }] },
  DataLoader: {
    Train: {
      dataset: { name: "MultiLabelDataset", cls_label_path: "./train.txt", transform_ops: [{ DecodeImage: { to_rgb: true } }, { RandCropImage: { size: 224 } }, "ToCHWImage"] },
      sampler: { name: "DistributedBatchSampler", batch_size: 64, drop_last: false },
    },
  },
  Metric: null,
};

/** The config as the oracle prints it: floats as `{float}`, from {@link PpclsConfig.isFloat}. */
function shown(config: PpclsConfig, path: KeyPath = []): unknown {
  const value = path.length === 0 ? config.get([]) : config.get(path);
  if (typeof value === "number") return config.isFloat(path) ? { float: value } : value;
  if (Array.isArray(value)) return value.map((_, i) => shown(config, [...path, i]));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.keys(value).map((k) => [k, shown(config, [...path, k])]));
  return value;
}

type Verdict = { config: unknown } | { error: string };

function ours(options: string[]): Verdict | { refused: string } {
  try {
    return { config: shown(PpclsConfig.parse(stringify(BASE), "/root", "c.yaml", options)) };
  } catch (error) {
    if (error instanceof LabellintError) return { refused: error.message };
    throw error;
  }
}

/** Python's floats (repr text, `inf`, `nan`) as numbers, to compare with ours. */
function pythonShown(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pythonShown);
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (typeof record["float"] === "string") {
      const text = record["float"];
      return { float: text === "inf" ? Infinity : text === "-inf" ? -Infinity : text === "nan" ? NaN : Number(text) };
    }
    if (typeof record["object"] === "string") return record;
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, pythonShown(v)]));
  }
  return value;
}

function oracle(cases: string[][]): Verdict[] {
  const run = spawnSync(PYTHON, [join(ORACLES, "overrides.py")], {
    input: JSON.stringify({ cases: cases.map((options) => ({ config: BASE, options })) }),
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  if (run.status !== 0) throw new Error(`overrides.py failed: ${run.stderr}`);
  return run.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Verdict);
}

/** Whether Python's config holds a value no YAML config could (a set, bytes, a function): ours refuses such an override. */
function holdsObject(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsObject);
  if (value !== null && typeof value === "object") return typeof (value as Record<string, unknown>)["object"] === "string" || Object.values(value).some(holdsObject);
  return false;
}

const python = spawnSync(PYTHON, ["-c", "print(1)"], { encoding: "utf8" });
const NO_PYTHON = python.error !== undefined || python.status !== 0 ? `${PYTHON} not found: skipping the comparison with Python's eval` : undefined;

describe("--ppcls-override: the option as PaddleClas's override_config reads it", () => {
  it("sets values as eval makes them: ints and floats apart, text where eval raises", () => {
    const config = PpclsConfig.parse(stringify(BASE), "/root", "c.yaml", [
      "Arch.class_num=33.0",
      "DataLoader.Train.sampler.batch_size=2*32",
      "Global.epochs=100/10",
      "Global.device=cpu",
      "DataLoader.Train.dataset.cls_label_path=./dataset/NUS-WIDE-SCENE/train.txt",
      "DataLoader.Train.dataset.transform_ops.1.RandCropImage.size=[224.0, 224]",
      "Loss.Train.-1.MultiLabelLoss.weight_ratio=False",
      "Metric={'Train': [{'AccuracyScore': {}}]}",
    ]);
    expect(config.get(["Arch", "class_num"])).toBe(33);
    expect(config.isFloat(["Arch", "class_num"])).toBe(true);
    expect(config.classNum()).toBeUndefined();
    expect(config.isFloat(["DataLoader", "Train", "sampler", "batch_size"])).toBe(false);
    expect(config.get(["Global", "epochs"])).toBe(10);
    expect(config.isFloat(["Global", "epochs"])).toBe(true); // `/` always makes a float
    expect(config.get(["Global", "device"])).toBe("cpu"); // eval('cpu') raises NameError: the text stays
    expect(config.splits()[0]!.clsLabelPath?.written).toBe("./dataset/NUS-WIDE-SCENE/train.txt");
    const size = ["DataLoader", "Train", "dataset", "transform_ops", 1, "RandCropImage", "size"];
    expect(config.isFloat([...size, 0])).toBe(true);
    expect(config.isFloat([...size, 1])).toBe(false);
    expect(config.written(size)).toBe("[224.0, 224]");
    expect(config.written([...size, 0])).toBe("224.0");
    expect(config.get(["Loss", "Train", 0, "MultiLabelLoss", "weight_ratio"])).toBe(false);
    expect(config.components(["Metric", "Train"]).map((c) => c.name)).toEqual(["AccuracyScore"]);
    // A finding points at the override, on the line of the key it replaces.
    const at = config.locate(["Arch", "class_num"]);
    expect(at.source).toBe("--ppcls-override Arch.class_num=33.0");
    expect(at.source.slice(at.column - 1, at.column - 1 + at.length)).toBe("33.0");
    expect(at.line).toBe(config.locate(["Arch", "name"]).line + 1);
    // A key no override touched still points at the file.
    expect(config.locate(["Arch", "name"]).source).toBe("  name: MobileNetV1");
  });

  it("stops where PaddleClas stops, saying why", () => {
    const refusal = (option: string) => {
      try {
        PpclsConfig.parse(stringify(BASE), "/root", "c.yaml", [option]);
      } catch (error) {
        return (error as LabellintError).message;
      }
      return "accepted";
    };
    expect(refusal("Arch.class_num")).toMatch(/must contain a =/);
    expect(refusal("Arch.class_num=3=3")).toMatch(/only one =/);
    expect(refusal("Arch.name.depth=3")).toMatch(/Arch\.name is not a list or a mapping/);
    // `Metric: null` holds None, which override cannot step into.
    expect(refusal("Metric.Train=[]")).toMatch(/Metric is not a list or a mapping/);
    expect(refusal("Metric=[]")).toBe("accepted");
    expect(refusal("Loss.Train.1=x")).toMatch(/index 1 is out of range for Loss\.Train, which has 1 entry \(an AssertionError\)/);
    expect(refusal("Loss.Train.name.x=1")).toMatch(/takes an index, not 'name'/);
    expect(refusal("Arch.class_num=list")).toMatch(/Python evaluates 'list' to a Python object/);
    expect(refusal("Arch.class_num=v")).toBe("accepted"); // str2num's own argument: the text 'v'
    expect(refusal("Arch.class_num=int('33')")).toMatch(/labellint does not evaluate attributes and calls \(\(…\)\): give the value they make instead/);
    expect(refusal("Global.device=gpu.upper()")).toBe("accepted"); // NameError before the call: the text
  });

  it("reads Python's literals and arithmetic", () => {
    const value = (text: string) => pythonEval(text)?.value;
    expect(value("0x1F")).toBe(31);
    expect(value("1_000")).toBe(1000);
    expect(value("010")).toBeUndefined(); // SyntaxError in Python 3: the text stays
    expect(value("7//-2")).toBe(-4);
    expect(value("-7%3")).toBe(2);
    expect(value("2**-1")).toBe(0.5);
    expect(value("'a' 'b'")).toBe("ab");
    expect(value("(1, 2)")).toEqual([1, 2]);
    expect(value("1/0")).toBeUndefined(); // ZeroDivisionError: the text stays
    expect(pythonEval("[1, 2.0, {'k': 3e0}]")?.floats).toEqual([[1], [2, "k"]]);
  });

  it.skipIf(NO_PYTHON !== undefined)(`gives what Python's eval and override give, on 3,000 random options${NO_PYTHON !== undefined ? ` — SKIPPED: ${NO_PYTHON}` : ""}`, () => {
    const random = seededRandom(Number(process.env["LABELLINT_OVERRIDE_SEED"] ?? 14));
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const atoms = ["0", "7", "33", "-3", "1_000", "010", "00", "0x1F", "0o17", "0b101", "1.0", "33.0", ".5", "1e3", "1E-5", "1.", "1e999", "3j", "'a'", '"b c"', "'x\\ty'", "r'\\d'", "b'z'", "f'q'", "True", "False", "None", "abc", "ResNet50", "os", "list", "dl", "id", "__name__", "./a/b.txt", "dataset/x.txt", "a-b", "1_", "1__0", "_1", "0_7", "..", "@"];
    const ops = ["+", "-", "*", "/", "//", "%", "**"];
    const expression = (depth: number): string => {
      const r = random();
      if (depth > 2 || r < 0.45) return pick(atoms);
      if (r < 0.65) return `${expression(depth + 1)}${pick(["", " "])}${pick(ops)}${pick(["", " "])}${expression(depth + 1)}`;
      if (r < 0.75) return `[${Array.from({ length: Math.floor(random() * 3) }, () => expression(depth + 1)).join(", ")}]`;
      if (r < 0.82) return `(${expression(depth + 1)}${pick([",", "", ", " + expression(depth + 1)])})`;
      if (r < 0.88) return `{${pick(["'k'", "1", "True", "[1]", "(1,)"])}: ${expression(depth + 1)}}`;
      if (r < 0.94) return `${pick(["-", "+", "- "])}${expression(depth + 1)}`;
      return `${expression(depth + 1)}${pick([",", " ", "(", ")", "]", "{1, 2}", ".x", " if 1 else 0"])}`;
    };
    const keys = ["Arch.class_num", "Global.epochs", "Global.new", "New.section.key", "Loss.Train.0.MultiLabelLoss.weight_ratio", "Loss.Train.-1.MultiLabelLoss", "Loss.Train.True.x", "Loss.Train.1", "Loss.Train.0", "Loss.Train.a", "Loss.Train.0.0", "Loss.Train.1.x", "Loss.Train.0x0.MultiLabelLoss.w", "Loss.Train.-2.x", "Metric.Train", "Metric.Train.x", "Arch.name.x", "DataLoader.Train.dataset.transform_ops.2", "DataLoader.Train.dataset.transform_ops.2.x", "DataLoader.Train.dataset.transform_ops.1.RandCropImage.size", "DataLoader.Train.sampler", "Global..x", ""];
    const cases = Array.from({ length: 3000 }, () =>
      Array.from({ length: 1 + Math.floor(random() * 3) }, () => (random() < 0.05 ? pick(["a", "a=b=c", "=1", "Arch.class_num==1"]) : `${pick(keys)}=${expression(0)}`)),
    );
    const verdicts = oracle(cases);
    const disagreements: string[] = [];
    let notEvaluated = 0;
    cases.forEach((options, i) => {
      const theirs = verdicts[i]!;
      const mine = ours(options);
      // An attribute or a call labellint does not evaluate is refused, asking for the value: never a wrong value.
      if ("refused" in mine && /does not evaluate/.test(mine.refused)) {
        notEvaluated++;
        return;
      }
      const same =
        "config" in theirs
          ? holdsObject(theirs.config)
            ? "refused" in mine
            : "config" in mine && isEqualConfig(mine.config, pythonShown(theirs.config))
          : "refused" in mine;
      if (!same) disagreements.push(`${JSON.stringify(options)}: python ${JSON.stringify("error" in theirs ? theirs : differences(pythonShown(theirs.config), BASE))}, labellint ${JSON.stringify("config" in mine ? differences(mine.config, BASE) : mine)}`);
    });
    expect(disagreements.slice(0, 10)).toEqual([]);
    expect(notEvaluated).toBeLessThan(cases.length / 10);
  });
});

const SAMPLE = "fixtures/nus-wide-scene/ppcls_config.yaml";

describe("check --ppcls-config --ppcls-override", () => {
  it("judges the config as the run sees it and points a finding at the override", async () => {
    const out = await runCli(["check", "--ppcls-config", SAMPLE, "--ppcls-override", "Arch.class_num=33.0"]);
    expect(out.code).toBe(1);
    const line = lineOf(readSample(), "class_num");
    expect(out.stdout).toContain(`${SAMPLE}:${line}:33  error  \`Arch.class_num\` is 33.0, a float to PaddleClas`);
    expect(out.stdout).toMatch(new RegExp(`\\n +${line} \\| --ppcls-override Arch\\.class_num=33\\.0\\n +\\| {33}\\^{4}\\n`));
    expect(out.stdout).toContain("PaddleClas config; class_num 33.0 (not a class count PaddleClas can build with)");
    expect(out.stdout).toContain("fix by hand: the value comes from --ppcls-override Arch.class_num=33.0; change the override accordingly: write it as an int: `class_num: 33`");
    const json = JSON.parse((await runCli(["check", "--ppcls-config", SAMPLE, "--ppcls-override", "Arch.class_num=33.0", "--reporter", "json"])).stdout) as LintResult;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(ROOT, "schemas", "report.schema.json"), "utf8")) as object);
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.configs?.[0]).toMatchObject({ classNumWritten: "33.0" });
    expect(json.configs?.[0]?.numClasses).toBeUndefined();
    // The same override as an int: the sample passes.
    const clean = await runCli(["check", "--ppcls-config", SAMPLE, "--ppcls-override", "Arch.class_num=33"]);
    expect(clean.code).toBe(0);
    // eval("1e999") is Python's inf, named as Python shows it (not JSON's null).
    const inf = await runCli(["check", "--ppcls-config", SAMPLE, "--ppcls-override", "Arch.class_num=1e999"]);
    expect(inf.code).toBe(1);
    expect(inf.stdout).toContain("error  `Arch.class_num` is inf: MobileNetV1 is built with class_num=inf");
  });

  it("reads the lists an override names, and clears a finding the override settles", async () => {
    const moved = await runCli(["check", "--ppcls-config", SAMPLE, "--ppcls-override", "DataLoader.Train.dataset.cls_label_path=./fixtures/nus-wide-scene/eval_list.txt"]);
    expect(moved.stdout).toContain("train targets [B, 33] from ./fixtures/nus-wide-scene/eval_list.txt");
    const yaml = ppclsConfig({ trainLoss: ["weight: 1.0", "weight_ratio: True"] });
    const dir = await layOutPpcls(yaml);
    try {
      const before = await runCli(["check", "--ppcls-config", "config.yaml"], { cwd: dir });
      expect(before.stdout).toContain("`Loss.Train[0].MultiLabelLoss.weight_ratio: True` needs 3-D targets");
      const after = await runCli(["check", "--ppcls-config", "config.yaml", "--ppcls-override", "Loss.Train.0.MultiLabelLoss.weight_ratio=False"], { cwd: dir });
      expect(after.stdout).not.toContain("needs 3-D targets");
      const library = await lintPpclsConfig("config.yaml", { cwd: dir, overrides: ["Loss.Train.0.MultiLabelLoss.weight_ratio=False"] });
      expect(library.configs?.[0]?.problems.some((p) => p.message.includes("needs 3-D targets"))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("an override that adds a key beside the one it likely means is a warning at that key: PaddleClas only prints 'A new field … detected!' (ppcls/utils/config.py:146-156)", async () => {
    const addedKeys = async (overrides: string[]) => {
      const run = await lintPpclsConfig(SAMPLE, { overrides });
      return run.configs![0]!.problems.filter((p) => p.rule === "ignored-option");
    };
    const [epoch] = await addedKeys(["Global.epoch=20"]);
    expect(epoch).toMatchObject({
      severity: "warn",
      line: lineOf(readSample(), "Global"),
      column: 25,
      message: "`--ppcls-override Global.epoch=20` adds `Global.epoch`, a key the config does not have, beside `Global.epochs`: PaddleClas only prints 'A new field (epoch) detected!' and the run keeps `Global.epochs: 10`; did you mean `Global.epochs`?",
      suggestion: "write `--ppcls-override Global.epochs=20`",
    });
    const [section] = await addedKeys(["Globl.epochs=3"]);
    expect(section!.message).toContain("adds `Globl`, a key the config does not have, beside `Global`: PaddleClas only prints 'A new Series field (Globl) detected!'; did you mean `Global`?");
    expect(section!.suggestion).toBe("write `--ppcls-override Global.epochs=3`");
    const [arch] = await addedKeys(["Arch.clas_num=33"]);
    expect(arch!.message).toContain("beside `Arch.class_num`: PaddleClas only prints 'A new field (clas_num) detected!' and the run keeps `Arch.class_num: 33`");
    // A key nothing is near (a new option), a key the config has, and an argument a class does not take (invalid-argument's finding).
    expect(await addedKeys(["Global.use_dali=False", "Global.epochs=2", "DataLoader.Train.sampler.batchsize=32"])).toEqual([]);
  });

  it("an override PaddleClas stops on is one clear message and exit 2", async () => {
    const out = await runCli(["check", "--ppcls-config", SAMPLE, "--ppcls-override", "Arch.name.depth=3"]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe("");
    expect(out.stderr).toBe("labellint: --ppcls-override 'Arch.name.depth=3': PaddleClas stops on it: Arch.name is not a list or a mapping (an AssertionError)\n");
    const alone = await runCli(["check", "fixtures/nus-wide-scene/train_list.txt", "--ppcls-override", "Arch.class_num=33"]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain("--ppcls-override only goes with --ppcls-config");
  });
});

function readSample(): string {
  return readFileSync(join(ROOT, SAMPLE), "utf8");
}

/** The top-level sections that differ from the base config: what a disagreement shows. */
function differences(config: unknown, base: unknown): unknown {
  if (config === null || typeof config !== "object" || Array.isArray(config)) return config;
  return Object.fromEntries(Object.entries(config).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify((base as Record<string, unknown>)[k])));
}

/**
 * Deep equality where NaN equals NaN (Python's `nan` from `1e999 - 1e999`), and numbers within an
 * ulp or two are one: C's pow and V8's `**` may round `7 ** 33.0` apart.
 */
function isEqualConfig(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return Object.is(a, b) || a === b || Math.abs(a - b) <= 4e-16 * Math.max(Math.abs(a), Math.abs(b));
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => isEqualConfig(x, b[i]));
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && isEqualConfig((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

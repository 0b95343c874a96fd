import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { argumentProblems, signatures, signaturesCommit, type ArgumentProblem, type Family } from "../../src/ppcls/arguments.js";
import { PpclsConfig } from "../../src/ppcls/config.js";
import { SHARED } from "../shared.js";

const FAMILIES: Family[] = ["dataset", "sampler", "loss", "metric"];

/** The problems of a config made of `lines`, as `[kind, key path, exception?]`. */
function problems(...lines: string[]): [string, string, string?][] {
  const config = PpclsConfig.parse(`${lines.join("\n")}\n`, "/", "c.yaml");
  return argumentProblems(config).map((p: ArgumentProblem) => [p.kind, p.at.join("."), ...("exception" in p ? [p.exception] : [])] as [string, string, string?]);
}

const LOADER = ["    sampler:", "      batch_size: 8", "      drop_last: False", "      shuffle: True", "    loader:", "      num_workers: 0", "      use_shared_memory: False"];
const DATASET = ["    dataset:", "      name: MultiLabelDataset", "      image_root: ./", "      cls_label_path: ./train.txt"];

describe("PaddleClas signatures (schemas/ppcls)", () => {
  it("know MultiLabelDataset's arguments from CommonDataset.__init__, which it inherits", () => {
    expect(signatures("dataset").get("MultiLabelDataset")).toEqual({
      source: "ppcls/data/dataloader/common_dataset.py",
      line: 49,
      inherits: "CommonDataset",
      takes: ["image_root", "cls_label_path", "transform_ops", "label_ratio"],
      required: ["image_root", "cls_label_path"],
    });
    expect(signatures("dataset").get("ImageNetDataset")?.takes).toContain("delimiter");
    expect(signatures("dataset").get("MLClsDataset")).toMatchObject({ class: "MultiLabelDataset", inherits: "CommonDataset" });
  });

  it("leave out what PaddleClas passes a sampler itself", () => {
    expect(signatures("sampler").get("DistributedBatchSampler")).toMatchObject({
      repo: "PaddlePaddle/Paddle",
      takes: ["batch_size", "num_replicas", "rank", "shuffle", "drop_last"],
      required: ["batch_size"],
      passedByPaddleClas: ["dataset"],
    });
    expect(signatures("sampler").get("PKSampler")?.passedByPaddleClas).toEqual(["dataset", "total_epochs"]);
    expect(signatures("sampler").get("MultiScaleSampler")?.passedByPaddleClas).toEqual(["data_source"]);
  });

  it("make weight a loss's own requirement (CombinedLoss asserts it) and know the multi-label losses and metrics", () => {
    expect(signatures("loss").get("MultiLabelLoss")).toMatchObject({ source: "ppcls/loss/multilabelloss.py", takes: ["epsilon", "size_sum", "weight_ratio"], required: ["weight"] });
    expect(signatures("loss").get("MultiLabelAsymmetricLoss")?.takes).toEqual(["gamma_pos", "gamma_neg", "clip", "epsilon", "disable_focal_loss_grad", "reduction"]);
    expect(signatures("loss").get("MixCELoss")?.raises?.exception).toBe("DeprecationWarning");
    expect(signatures("metric").get("HammingDistance")?.takes).toEqual([]);
    expect(signatures("metric").get("MultiLabelMAP")?.takes).toEqual(["map_type"]);
    expect(signatures("metric").get("ATTRMetric")?.takes).toEqual(["threshold"]);
    // Defined in ppcls/metric/metrics.py but not imported where CombinedMetrics looks names up.
    expect(signatures("metric").has("MultiLabelMetric")).toBe(false);
  });

  it.each(FAMILIES)("cite a source line for every %s, and require only what it takes", (family) => {
    const all = [...signatures(family)];
    expect(all.length).toBeGreaterThan(0);
    for (const [name, s] of all) {
      expect(s.line, name).toBeGreaterThan(0);
      expect(s.source, name).toMatch(/\.py$/);
      for (const r of s.required) expect(s.takes.includes(r) || r === "weight" || s.anyKey, `${name} requires ${r}`).toBeTruthy();
    }
  });

  it.skipIf(!existsSync(join(SHARED, "data", "paddleclas", "SOURCES.md")))("come from the PaddleClas commit of the real configs tested with", () => {
    expect(signaturesCommit()).toMatch(/^[0-9a-f]{40}$/);
    expect(readFileSync(join(SHARED, "data", "paddleclas", "SOURCES.md"), "utf8")).toContain(signaturesCommit());
  });
});

describe("argumentProblems", () => {
  it("finds nothing in a config PaddleClas builds", () => {
    expect(problems("DataLoader:", "  Train:", ...DATASET, ...LOADER, "Loss:", "  Train:", "    - MultiLabelLoss:", "        weight: 1.0", "Metric:", "  Eval:", "    - HammingDistance:")).toEqual([]);
  });

  it("names the exception build_dataloader raises on a section that is not a mapping", () => {
    const split = (part: string, value: string) => {
      const lines = ["DataLoader:", "  Train:", ...DATASET, ...LOADER];
      const start = lines.indexOf(`    ${part}:`);
      let end = start + 1;
      while (end < lines.length && lines[end]!.startsWith("      ")) end++;
      lines.splice(start, end - start, `    ${part}: ${value}`);
      return problems(...lines);
    };
    expect(split("dataset", "null")).toEqual([["not-a-mapping", "DataLoader.Train.dataset", "AttributeError"]]);
    expect(split("dataset", "[a]")).toEqual([["not-a-mapping", "DataLoader.Train.dataset", "TypeError"]]);
    expect(split("sampler", "null")).toEqual([["not-a-mapping", "DataLoader.Train.sampler", "AttributeError"]]);
    expect(split("sampler", "fast")).toEqual([["not-a-mapping", "DataLoader.Train.sampler", "TypeError"]]);
    expect(split("loader", "null")).toEqual([["not-a-mapping", "DataLoader.Train.loader", "TypeError"]]);
  });

  it("names the exception CombinedLoss and CombinedMetrics raise on an entry", () => {
    const loss = (...entry: string[]) => problems("Loss:", "  Train:", ...entry);
    expect(loss("    - MultiLabelLoss: [1]")).toEqual([["not-a-mapping", "Loss.Train.0.MultiLabelLoss", "AssertionError"]]);
    expect(loss("    - MultiLabelLoss: 1")).toEqual([["not-a-mapping", "Loss.Train.0.MultiLabelLoss", "TypeError"]]);
    expect(loss("    - MultiLabelLoss")).toEqual([["entry-shape", "Loss.Train.0"]]);
    expect(loss("    - CenterLoss:")).toEqual([
      ["missing-argument", "Loss.Train.0.CenterLoss", "TypeError"],
      ["missing-argument", "Loss.Train.0.CenterLoss", "TypeError"],
      ["missing-argument", "Loss.Train.0.CenterLoss", "TypeError"],
    ]);
    expect(problems("Metric:", "  Eval:", "    - TopkAcc: 5")).toEqual([["not-a-mapping", "Metric.Eval.0.TopkAcc", "TypeError"]]);
    // A null or empty Metric.Train builds nothing; a null Loss.Eval neither.
    expect(problems("Metric:", "  Train:", "Loss:", "  Eval:")).toEqual([]);
    expect(problems("Metric:", "  Train: []", "  Eval: []")).toEqual([]);
  });

  it("names what eval() raises for a class name it cannot find", () => {
    const named = (name: string) => problems("DataLoader:", "  Train:", "    dataset:", `      name: ${name}`, "      image_root: ./", "      cls_label_path: ./t.txt", ...LOADER);
    expect(named("Nope")).toEqual([["unknown-class", "DataLoader.Train.dataset.name", "NameError"]]);
    expect(named("Multi Label Dataset")).toEqual([["unknown-class", "DataLoader.Train.dataset.name", "SyntaxError"]]);
    expect(named("3")).toEqual([["unknown-class", "DataLoader.Train.dataset.name", "TypeError"]]);
    expect(problems("Loss:", "  Eval:", "    - multi label loss:", "        weight: 1.0")).toEqual([["unknown-class", "Loss.Eval.0.multi label loss", "SyntaxError"]]);
  });

  it("leaves DataLoader alone with DALI, and DataLoader.Eval in retrieval mode", () => {
    const broken = ["DataLoader:", "  Train:", "    dataset:", "      name: Nope", "  Eval:", "    Gallery:", "      dataset: {}"];
    expect(problems("Global:", "  use_dali: True", ...broken)).toEqual([]);
    expect(problems("Global:", "  eval_mode: retrieval", ...broken).map((p) => p[1])).toEqual(["DataLoader.Train.dataset.name", "DataLoader.Train", "DataLoader.Train"]);
  });
});

import { describe, expect, it } from "vitest";
import { PpclsConfig } from "../../src/ppcls/config.js";
import { rejection } from "../shared.js";

describe("PpclsConfig", () => {
  it("reads YAML as PaddleClas's PyYAML does: 1.1 booleans, anchors, aliases and merge keys", () => {
    const config = PpclsConfig.parse(
      [
        "Global:",
        "  use_multilabel: yes",
        "base: &base",
        "  weight: 1.0",
        "DataLoader:",
        "  Train:",
        "    dataset: &d",
        "      name: MultiLabelDataset",
        "      cls_label_path: ./train.txt",
        "      label_ratio: True",
        "  Eval:",
        "    dataset: *d",
        "Loss:",
        "  Train:",
        "    - MultiLabelLoss:",
        "        <<: *base",
        "        weight_ratio: True",
        "",
      ].join("\n"),
      "/root",
      "c.yaml",
    );
    expect(config.get(["Global", "use_multilabel"])).toBe(true);
    const [train, evaluation] = config.splits();
    expect(evaluation!.clsLabelPath).toEqual({ written: "./train.txt", resolved: "/root/train.txt" });
    expect(evaluation!.labelRatio).toBe(true);
    expect(train!.losses).toEqual([{ name: "MultiLabelLoss", options: { weight: 1.0, weight_ratio: true }, at: ["Loss", "Train", 0, "MultiLabelLoss"] }]);
    expect(config.locate(["Loss", "Train", 0, "MultiLabelLoss", "weight_ratio"])).toMatchObject({ line: 17, column: 9, source: "        weight_ratio: True" });
    expect(config.written(["DataLoader", "Train", "dataset", "label_ratio"])).toBe("True");
    // A missing key points at the deepest part that exists.
    expect(config.locate(["DataLoader", "Train", "dataset", "nope"]).line).toBe(7);
  });

  it("refuses an alias bomb, invalid YAML and a non-mapping with one clear error", async () => {
    const bomb = ["a: &a [1,2]", "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]", "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]", "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]", "e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]"].join("\n");
    expect(() => PpclsConfig.parse(bomb, "/", "bomb.yaml")).toThrow(/bomb.yaml: cannot read the YAML: Excessive alias count/);
    expect(() => PpclsConfig.parse("a: [1\n", "/", "bad.yaml")).toThrow(/^bad.yaml:\d+:\d+: not valid YAML/);
    expect(() => PpclsConfig.parse("- a\n- b\n", "/", "list.yaml")).toThrow(/list.yaml: not a PaddleClas config/);
    expect((await rejection(PpclsConfig.load("/nonexistent/c.yaml", "/"))).code).toBe("LL_READ_FAILED");
  });
});

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lint, type FileInput } from "../../src/engine/lint.js";
import type { LintOptions } from "../../src/engine/options.js";
import { formatJson } from "../../src/reporters/json.js";
import { fixture } from "../shared.js";

/**
 * Index lists and mmpretrain `gt_label` lists are checked without widening
 * each row to C values. The json reports of these fixtures (defects planted:
 * out-of-range, repeated, negative and non-integer indices, empty labelsets,
 * duplicates and conflicts across rows, a train/eval pair) were recorded from
 * the code that still widened every row, and must not change by a byte.
 * `LABELLINT_RECORD_SPARSE=1` rewrites the expectations.
 */
const dir = (...parts: string[]) => fixture("sparse", ...parts);
const input = (name: string, options: Partial<LintOptions> = {}): FileInput => ({ path: dir(name), displayPath: name, options });

interface Case {
  name: string;
  inputs: FileInput[];
  options: LintOptions;
}

const CASES: Case[] = [
  { name: "indices-given-c", inputs: [input("defects.indices.txt")], options: { format: "indices", numClasses: 8 } },
  { name: "indices-inferred-c", inputs: [input("defects.indices.txt")], options: { format: "indices" } },
  { name: "indices-sniffed", inputs: [input("defects.indices.txt")], options: { numClasses: 8 } },
  {
    name: "indices-class-groups",
    inputs: [input("defects.indices.txt")],
    options: { format: "indices", numClasses: 8, classGroups: [{ name: "first", classes: [0, 1, 2], atMost: 1 }, { name: "last", classes: [6, 7], exactly: 1 }] },
  },
  { name: "indices-spaced", inputs: [input("spaced.indices.txt")], options: { format: "indices", numClasses: 6 } },
  { name: "indices-bom-crlf", inputs: [input("bom-crlf.indices.txt")], options: { format: "indices", numClasses: 4 } },
  {
    name: "indices-train-eval",
    inputs: [input("train.indices.txt", { split: "train" }), input("eval.indices.txt", { split: "eval" })],
    options: { format: "indices", numClasses: 8 },
  },
  { name: "json-metainfo", inputs: [input("defects.json")], options: { format: "json" } },
  { name: "json-sniffed-given-c", inputs: [input("defects.json")], options: { numClasses: 6 } },
  { name: "json-inferred-c", inputs: [input("plain.json")], options: { format: "json" } },
  { name: "json-given-c", inputs: [input("plain.json")], options: { format: "json", numClasses: 5, maxProblemsPerRule: 1 } },
];

const RECORD = process.env.LABELLINT_RECORD_SPARSE === "1";

describe("index and gt_label lists, checked without widening rows", () => {
  for (const c of CASES) {
    it(`reports ${c.name} as before, byte for byte`, async () => {
      const report = formatJson(await lint(c.inputs, c.options));
      const expected = dir("expected", `${c.name}.json`);
      if (RECORD) {
        mkdirSync(dir("expected"), { recursive: true });
        writeFileSync(expected, report);
      }
      expect(report).toBe(readFileSync(expected, "utf8"));
    });
  }
});

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { lint, lintText } from "../../src/engine/lint.js";
import { summarise } from "../../src/engine/lint.js";
import { formatJson } from "../../src/reporters/json.js";
import { fixture, HAS_SHARED, realFile, ROOT, sharedTitle } from "../shared.js";

const schema = JSON.parse(readFileSync(join(ROOT, "schemas", "report.schema.json"), "utf8")) as object;
const validate = new Ajv({ allErrors: true }).compile(schema);

function expectValid(json: string): unknown {
  const data: unknown = JSON.parse(json);
  const ok = validate(data);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(ok).toBe(true);
  return data;
}

describe("json reporter", () => {
  it("prints the bundled sample's result, valid against schemas/report.schema.json", async () => {
    const result = await lint([fixture("nus-wide-scene", "train_list.txt"), fixture("nus-wide-scene", "eval_list.txt")]);
    const data = expectValid(formatJson(result)) as { files: { shape: { ok: boolean } }[] };
    expect(data.files.map((f) => f.shape.ok)).toEqual([true, true]);
  });

  it("validates the decoded images' sizes and modes (--decode-images), none decoded included", async () => {
    const sample = fixture("images-sample");
    const result = await lint([join(sample, "train_list.txt"), join(sample, "eval_list.txt")], { decodeImages: true, numClasses: 33, split: undefined });
    const empty = await lintText("missing.jpg\t1,0\n", { decodeImages: true, imageRoot: sample });
    const data = expectValid(formatJson(summarise([...result.files, empty]))) as { files: { images?: { decoded: number; minWidth: number | null } }[] };
    expect(data.files.map((f) => f.images)).toEqual([
      { decoded: 6, minWidth: 1, maxWidth: 32, minHeight: 1, maxHeight: 24, grayscale: 2 }, // 0001 and 0010 are 1×1 grayscale JPEGs
      { decoded: 4, minWidth: 1, maxWidth: 32, minHeight: 1, maxHeight: 24, grayscale: 1 },
      { decoded: 0, minWidth: null, maxWidth: null, minHeight: null, maxHeight: null, grayscale: 0 },
    ]);
  });

  it("validates a result full of defects, fixes and capped listings", async () => {
    const result = await lint([fixture("defects", "train_list.txt")], { maxProblemsPerRule: 1 });
    const data = expectValid(formatJson(result)) as { files: { omitted: number; counts: Record<string, number>; problems: unknown[] }[] };
    const file = data.files[0]!;
    const total = Object.values(file.counts).reduce((a, b) => a + b, 0);
    expect(file.problems.length + file.omitted).toBe(total);
  });

  it("validates edge cases: empty file, BOM + CRLF, signed labels, invalid bytes", async () => {
    const files = await Promise.all([
      lintText(""),
      lintText("\uFEFFa.jpg\t0,1\r\nb.jpg\t1,0\r\n"),
      lintText("a.jpg -1 1\nb.jpg 1 -1\nc.jpg -1 -1\n"),
      lintText(Buffer.from([0x61, 0x09, 0x30, 0x2c, 0xff, 0x0a, 0x62, 0x00, 0x09, 0x31, 0x0a])),
    ]);
    expectValid(formatJson(summarise(files)));
  });

  it.skipIf(!HAS_SHARED)(sharedTitle("validates the report of every real label file"), async () => {
    const names = ["hashnet_nuswide81_test.txt", "deephash_nuswide21_test.txt", "deephash_mirflickr25k_test.txt", "deephash_voc2012_test.txt"];
    expectValid(formatJson(await lint(names.map(realFile))));
  });
});

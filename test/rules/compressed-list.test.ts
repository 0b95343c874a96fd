import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { lintFile } from "../../src/engine/lint.js";
import { paddleRows, runRuleTests } from "../rule-tester.js";

runRuleTests("compressed-list", {
  valid: [{ name: "a text list", text: paddleRows(20, 3) }],
  invalid: [
    {
      name: "a gzip-compressed PaddleClas list (read decompressed)",
      text: paddleRows(20, 3),
      options: { compressed: "gzip" },
      errors: [[null, "LL009"]],
      message: ["the file is gzip-compressed", "PaddleClas stops with UnicodeDecodeError while loading the list"],
      check: (result, [p]) => expect(p?.severity).toBe("error"),
    },
    {
      name: "a gzip-compressed HashNet list",
      text: paddleRows(20, 3).replace(/[\t,]/g, " "),
      options: { compressed: "gzip", format: "spaced" },
      errors: [[null, "LL009"]],
      message: ["ImageList reads it with open().readlines()"],
      check: (result, [p]) => expect(p?.severity).toBe("error"),
    },
    {
      name: "for a generic reader, a warning (pandas decompresses a .gz name)",
      text: paddleRows(20, 3),
      options: { compressed: "gzip", consumer: "generic" },
      errors: [[null, "LL009"]],
      message: ["pandas decompresses"],
      check: (result, [p]) => expect(p?.severity).toBe("warn"),
    },
  ],
});

describe("compressed-list on a file", () => {
  it("fires once for a gzip file, whatever its name, and never for the same list as text", async () => {
    const dir = mkdtempSync(join(tmpdir(), "labellint-gzip-"));
    const text = paddleRows(20, 3);
    writeFileSync(join(dir, "train_list.txt"), gzipSync(text));
    writeFileSync(join(dir, "plain.txt"), text);
    const packed = await lintFile(join(dir, "train_list.txt"), { numClasses: 3 });
    expect(packed.problems.filter((p) => p.rule === "compressed-list").map((p) => [p.line ?? null, p.severity])).toEqual([[null, "error"]]);
    expect(packed.rows).toBe(20);
    const plain = await lintFile(join(dir, "plain.txt"), { numClasses: 3 });
    expect(plain.problems.filter((p) => p.rule === "compressed-list")).toEqual([]);
  });
});

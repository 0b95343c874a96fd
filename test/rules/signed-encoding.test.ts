import { expect } from "vitest";
import { paddleRows, runRuleTests, spacedRows } from "../rule-tester.js";

const signedRows = (n: number, c: number): string => paddleRows(n, c).replace(/\b0\b/g, "-1");
const signed = signedRows(40, 3);

runRuleTests("signed-encoding", {
  valid: [
    { name: "an empty file", text: "" },
    { name: "a 0/1 file", text: paddleRows(40, 3) },
    { name: "a stray -1 in a large 0/1 file is a non-binary value", text: paddleRows(200, 3) + "x.jpg\t-1,1,0\n" },
    { name: "-1 only in rows of the wrong length", text: paddleRows(200, 3) + "x.jpg\t-1,1\n" },
  ],
  invalid: [
    {
      name: "a training config whose loss masks -1 makes it a warning that says so",
      text: signed,
      options: { minusOneMasked: "Loss.Train[0].MultiLabelLoss.weight_ratio in config.yaml" },
      errors: [[1, "LL203"]],
      only: true,
      fix: "unsafe",
      message: ["40 of 40 rows have -1", "; Loss.Train[0].MultiLabelLoss.weight_ratio in config.yaml masks -1 targets, so here -1 means 'not annotated'"],
      check: (_r, [p]) => expect(p?.severity).toBe("warn"),
    },
    {
      name: "masked, but the severity set by the user stays",
      text: signed,
      options: { minusOneMasked: "Loss.Train[0].MultiLabelLoss.weight_ratio in config.yaml", rules: { "signed-encoding": "error" } },
      errors: [[1, "LL203"]],
      check: (_r, [p]) => expect(p?.severity).toBe("error"),
    },
    {
      name: "a file of -1/1 values is exactly one file finding",
      text: signed,
      errors: [[1, "LL203"]],
      only: true,
      fix: "unsafe",
      message: ["-1/1", "40 of 40 rows", "first on line 1", "weight_ratio"],
      check: (result, [p]) => {
        expect(p?.fix?.edits).toEqual([{ kind: "file", action: "minus-one-to-zero" }]);
        expect(result.shape.binary).toBe(false);
        expect(result.stats.validRows).toBe(40);
        expect(result.stats.positives).toEqual([14, 13, 13]);
      },
    },
    {
      name: "-1/0/1 values name the first row with a -1",
      text: paddleRows(40, 3).replace(/0,0,1/g, "-1,0,1"),
      errors: [[3, "LL203"]],
      only: true,
      message: ["13 of 40 rows", "first on line 3"],
    },
    {
      name: "a signed spaced file",
      text: spacedRows(40, 3).replace(/\b0\b/g, "-1"),
      errors: [[1, "LL203"]],
      only: true,
    },
    {
      name: "a signed file with a header",
      text: "path\tcat,dog,sky\n" + signed,
      errors: [[2, "LL203"]],
      message: ["40 of 40 rows", "first on line 2"],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL006", "LL203"]),
    },
    {
      name: "a bad row does not hide the encoding",
      text: signed + "x.jpg\t-1,1\n",
      errors: [[1, "LL203"]],
      message: ["40 of 41 rows"],
      check: (result) => expect(result.problems.map((q) => [q.line, q.code])).toEqual([
        [1, "LL203"],
        [41, "LL102"],
      ]),
    },
    {
      name: "a signed CRLF file",
      text: signed.replace(/\n/g, "\r\n"),
      errors: [[1, "LL203"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL003", "LL203"]),
    },
    {
      name: "a signed file with a byte-order mark and no final newline",
      text: "\uFEFF" + signed.slice(0, -1),
      errors: [[1, "LL203"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL002", "LL003", "LL203"]),
    },
  ],
});

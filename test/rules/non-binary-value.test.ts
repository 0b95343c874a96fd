import { expect } from "vitest";
import { paddleRows, runRuleTests, spacedRows } from "../rule-tester.js";

const bg = paddleRows(40, 3);
const signed = paddleRows(40, 3).replace(/\b0\b/g, "-1");

runRuleTests("non-binary-value", {
  valid: [
    {
      name: "-1 declared unknown, read by a generic loader that honours it",
      text: bg + "x.jpg\t1,-1,0\ny.jpg\t-1,0,1\n",
      options: { unknownLabels: [-1], consumer: "generic" },
    },
    {
      name: "-1 declared unknown, and PaddleClas's loss masks it (weight_ratio)",
      text: bg + "x.jpg\t1,-1,0\n",
      options: { unknownLabels: [-1], minusOneMasked: "Loss.Train[0].MultiLabelLoss.weight_ratio in config.yaml" },
    },
    { name: "an empty file", text: "" },
    { name: "a clean file", text: bg },
    { name: "-1 in a signed file (signed-encoding instead)", text: signed },
    { name: "a non-canonical 1.0 (non-canonical-value)", text: bg + "x.jpg\t0,1.0,0\n" },
    { name: "short rows of indices (index-labels)", text: bg + "x.jpg\t0,2\n" },
    { name: "a bad value on a row of the wrong length (label-count first)", text: bg + "x.jpg\t0,2,0,0\n" },
    { name: "a header naming the classes on the first line (header-row)", text: "path\tcat,dog,sky\n" + bg },
  ],
  invalid: [
    {
      name: "-1 declared unknown is still a target to PaddleClas without weight_ratio: the message names the setting",
      text: bg + "x.jpg\t1,-1,0\n",
      options: { unknownLabels: [-1] },
      errors: [[41, "LL201"]],
      only: true,
      message: ["declared unknown (labels.unknown)", "weight_ratio: True"],
      check: (result, [p]) => {
        expect(p?.severity).toBe("error");
        // Declared unknowns are counted per class, and the row is a clean matrix row.
        expect(result.stats.unknowns).toEqual([0, 1, 0]);
        expect(result.stats.validRows).toBe(41);
        expect(result.signed).toBe(false);
      },
    },
    {
      name: "a value declared unknown besides -1 (RAP's 2): PaddleClas has no mask for it",
      text: bg + "x.jpg\t1,2,0\n",
      options: { unknownLabels: [2], minusOneMasked: "Loss.Train[0].MultiLabelLoss.weight_ratio in config.yaml" },
      errors: [[41, "LL201"]],
      message: ["value '2'", "declared unknown", "trains on it as a target of 2"],
    },
    {
      name: "an undeclared value next to a declared one is still the finding",
      text: bg + "x.jpg\t1,-1,3\n",
      options: { unknownLabels: [-1], consumer: "generic" },
      errors: [[41, "LL201"]],
      message: ["value '3'"],
    },
    {
      name: "a 2 is only a non-binary value, and the row leaves the statistics",
      text: bg + "x.jpg\t0,2,0\n",
      errors: [[41, "LL201"]],
      only: true,
      fix: null,
      message: ["'2'", "class 1", "not 0 or 1"],
      check: (result, [p]) => {
        expect(p?.classIndex).toBe(1);
        expect(p?.column).toBe(9);
        expect(result.stats.validRows).toBe(40);
        expect(result.shape.binary).toBe(false);
      },
    },
    {
      name: "a probability",
      text: bg + "x.jpg\t0,0.5,1\n",
      errors: [[41, "LL201"]],
      only: true,
      message: ["'0.5'"],
    },
    {
      name: "a word",
      text: bg + "x.jpg\t0,x,1\n",
      errors: [[41, "LL201"]],
      only: true,
      message: ["'x'"],
    },
    {
      name: "a -1 in a file of 0/1 labels",
      text: paddleRows(200, 3) + "x.jpg\t-1,1,0\n",
      errors: [[201, "LL201"]],
      only: true,
      message: ["'-1'", "class 0", "file of 0/1 labels", "unbounded"],
    },
    {
      name: "a -2",
      text: bg + "x.jpg\t0,-2,1\n",
      errors: [[41, "LL201"]],
      only: true,
      message: ["'-2'"],
    },
    {
      name: "several bad values are one finding about the leftmost",
      text: bg + "x.jpg\t0,x,2\n",
      errors: [[41, "LL201"]],
      only: true,
      message: ["'x' for class 1", "2 such values on this line"],
      check: (_r, [p]) => expect(p?.classIndex).toBe(1),
    },
    {
      name: "a class name in the message when names are given",
      text: bg + "x.jpg\t0,2,0\n",
      options: { classNames: ["cat", "dog", "sky"] },
      errors: [[41, "LL201"]],
      message: ["class 1 'dog'"],
    },
    {
      name: "a header-like line after the first is data with bad values",
      text: bg + "path\tcat,dog,sky\n",
      errors: [[41, "LL201"]],
      only: true,
      message: ["'cat'", "3 such values"],
    },
    {
      name: "an unclosed bracket",
      text: bg + "x.jpg\t[0,1,0\n",
      errors: [[41, "LL201"]],
      only: true,
      message: ["'[0'"],
    },
    {
      name: "a value other than -1 in a signed file",
      text: signed + "x.jpg\t-1,2,1\n",
      errors: [[41, "LL201"]],
      message: ["'2'"],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL201", "LL203"]),
    },
    {
      name: "a bad value in a spaced file",
      text: spacedRows(40, 3) + "x.jpg 0 2 0\n",
      errors: [[41, "LL201"]],
      only: true,
    },
    {
      name: "a value past int64 stops PaddleClas while the list loads (np.int64 overflows), at the exact boundary",
      text: bg + "x.jpg\t0,9223372036854775807,0\ny.jpg\t0,9223372036854775808,0\nz.jpg\t0,-9223372036854775809,0\n",
      errors: [[41, "LL201"], [42, "LL201"], [43, "LL201"]],
      check: (result) => {
        const [fits, over, under] = result.problems.filter((q) => q.code === "LL201");
        // In range it loads and is trained on, digit for digit.
        expect(fits?.message).toContain("trains on a target of 9223372036854775807 ");
        expect(over?.message).toContain("OverflowError while loading the list");
        expect(under?.message).toContain("OverflowError while loading the list");
      },
    },
    {
      // int('0' * 4300 + '1'): ValueError: Exceeds the limit (4300 digits) for integer string conversion (Python 3.11).
      name: "a 1 written with 4,301 digits (leading zeros count), ASCII or Arabic-Indic, stops PaddleClas's np.int64; 4,300 digits is a 1",
      text: bg + `x.jpg\t0,${"0".repeat(4300)}1,0\ny.jpg\t0,${"\u0660".repeat(4300)}\u0661,0\nz.jpg\t0,${"0".repeat(4299)}1,0\n`,
      errors: [[41, "LL201"], [42, "LL201"]],
      check: (result) => {
        const [ascii, arabic] = result.problems.filter((q) => q.code === "LL201");
        expect(ascii?.message).toBe(
          "value '0000000000000000000…' for class 1 is a whole number of 4,301 digits: PaddleClas stops with ValueError while loading the list: np.int64 refuses a whole number of more than 4,300 digits (Python 3.11, 3.10.7, 3.9.14, 3.8.14 and later: Exceeds the limit for integer string conversion)",
        );
        expect(arabic?.message).toContain("is a whole number of 4,301 digits");
      },
    },
    {
      name: "a value below int64 is not masked by weight_ratio: it never reaches the loss",
      text: bg + "x.jpg\t0,-99999999999999999999,0\ny.jpg\t0,-2,0\n",
      options: { minusOneMasked: "Loss.Train[0].MultiLabelLoss.weight_ratio in config.yaml" },
      errors: [[41, "LL201"], [42, "LL201"]],
      check: (result) => {
        const [overflow, masked] = result.problems.filter((q) => q.code === "LL201");
        expect([overflow?.severity, masked?.severity]).toEqual(["error", "warn"]);
        expect(overflow?.message).toContain("OverflowError");
        expect(masked?.message).toContain("masks targets of -1 and below");
      },
    },
    {
      name: "a value past int64 in a spaced file: ImageList's int() reads it, numpy cannot hold it as int64",
      text: spacedRows(40, 3) + "x.jpg 0 99999999999999999999 0\n",
      errors: [[41, "LL201"]],
      message: ["np.array cannot hold it as an int64"],
    },
    {
      name: "a bad last value in a CRLF file does not include the CR",
      text: (bg + "x.jpg\t0,0,2\n").replace(/\n/g, "\r\n"),
      errors: [[41, "LL201"]],
      message: ["'2' for class 2"],
    },
    {
      name: "a bad value on a last line without a final newline",
      text: bg + "x.jpg\t0,0,2",
      errors: [[41, "LL201"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL003", "LL201"]),
    },
  ],
});

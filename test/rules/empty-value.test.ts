import { expect } from "vitest";
import { flatEdit, paddleRows, runRuleTests, spacedRows } from "../rule-tester.js";

const bg = paddleRows(40, 3);

runRuleTests("empty-value", {
  valid: [
    { name: "an empty value declared unknown, read by a generic loader", text: paddleRows(40, 3) + "x.jpg\t1,,0\n", options: { unknownLabels: [""], consumer: "generic" } },
    { name: "an empty file", text: "" },
    { name: "a clean file", text: bg },
    { name: "', ' separators (inconsistent-separator)", text: bg + "x.jpg\t0, 1, 0\n" },
    { name: "trailing whitespace (inconsistent-separator)", text: bg + "x.jpg\t0,1,0 \n" },
    { name: "a trailing TAB (inconsistent-separator, not an extra field)", text: bg + "x.jpg\t0,1,0\t\n" },
    { name: "trailing whitespace in a spaced file", text: spacedRows(40, 3) + "x.jpg 0 1 0 \n" },
    { name: "a Python list with a trailing comma (nested-labels)", text: bg + "x.jpg\t[0,1,0,]\n" },
    { name: "an empty label field (label-count)", text: bg + "x.jpg\t\n" },
    { name: "a CRLF file", text: bg.replace(/\n/g, "\r\n") },
  ],
  invalid: [
    {
      name: "an empty value declared unknown: PaddleClas cannot read it anyway",
      text: bg + "x.jpg\t1,,0\n",
      options: { unknownLabels: [""] },
      errors: [[41, "LL104"]],
      only: true,
      message: ["declared unknown", "np.int64('') is not a number"],
    },
    {
      name: "a trailing comma is only an empty-value, with a safe fix",
      text: bg + "x.jpg\t0,1,0,\n",
      errors: [[41, "LL104"]],
      only: true,
      fix: "safe",
      message: ["trailing ','", "ValueError"],
      check: (result, [p]) => {
        expect(p?.fix?.edits).toEqual([{ kind: "respell-values", line: 41, change: { start: 11, end: 12, oldText: ",", newText: "" } }]);
        expect(p?.column).toBe(12);
        // Its meaning is clear once the separator is dropped: the row still counts.
        expect(result.stats.validRows).toBe(41);
      },
    },
    {
      name: "two trailing commas are removed together",
      text: bg + "x.jpg\t0,1,0,,\n",
      errors: [[41, "LL104"]],
      only: true,
      fix: "safe",
      message: ["trailing ',,'"],
      check: (_r, [p]) => expect(flatEdit(p?.fix?.edits?.[0])).toMatchObject({ oldText: ",,", newText: "" }),
    },
    {
      name: "a trailing comma and space",
      text: bg + "x.jpg\t0,1,0, \n",
      errors: [[41, "LL104"]],
      only: true,
      fix: "safe",
      message: ["trailing ','"],
      check: (_r, [p]) => expect(flatEdit(p?.fix?.edits?.[0])).toMatchObject({ oldText: ", ", newText: "" }),
    },
    {
      name: "a trailing comma then a trailing TAB",
      text: bg + "x.jpg\t0,1,0,\t\n",
      errors: [[41, "LL104"]],
      only: true,
      fix: "safe",
      check: (_r, [p]) => expect(flatEdit(p?.fix?.edits?.[0])).toMatchObject({ oldText: ",\t", newText: "" }),
    },
    {
      name: "a trailing comma before an extra field is still found",
      text: bg + "x.jpg\t0,1,0,\tcat\n",
      errors: [[41, "LL104"]],
      fix: "safe",
      check: (result, [p]) => {
        expect(flatEdit(p?.fix?.edits?.[0])).toMatchObject({ oldText: ",", newText: "" });
        expect(result.problems.map((q) => q.code).sort()).toEqual(["LL104", "LL105"]);
      },
    },
    {
      name: "an empty value between C values has no fix",
      text: bg + "x.jpg\t0,,1,0\n",
      errors: [[41, "LL104"]],
      only: true,
      fix: null,
      message: ["empty label value at position 2", "np.int64('')"],
      check: (_r, [p]) => expect(p?.classIndex).toBe(1),
    },
    {
      name: "a doubled comma leaving C values with an empty one among them",
      text: bg + "x.jpg\t0,,1\n",
      errors: [[41, "LL104"]],
      only: true,
      fix: null,
    },
    {
      name: "a leading comma",
      text: bg + "x.jpg\t,0,1,0\n",
      errors: [[41, "LL104"]],
      only: true,
      fix: null,
      message: ["position 1"],
    },
    {
      name: "several empty values are one finding that counts them",
      text: bg + "x.jpg\t0,,1,,0\n",
      errors: [[41, "LL104"]],
      only: true,
      message: ["position 2", "2 empty values on this line"],
    },
    {
      name: "a trailing comma in a CRLF file: the CR is not part of the separator",
      text: (bg + "x.jpg\t0,1,0,\n").replace(/\n/g, "\r\n"),
      errors: [[41, "LL104"]],
      check: (result, [p]) => {
        expect(flatEdit(p?.fix?.edits?.[0])).toMatchObject({ oldText: ",", newText: "" });
        expect(result.problems.map((q) => q.code).sort()).toEqual(["LL003", "LL104"]);
      },
    },
    {
      name: "a trailing comma on a last line without a final newline",
      text: bg + "x.jpg\t0,1,0,",
      errors: [[41, "LL104"]],
      fix: "safe",
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL003", "LL104"]),
    },
    {
      name: "a trailing comma on every row",
      text: bg.replace(/\n/g, ",\n"),
      errors: Array.from({ length: 40 }, (_, i): [number, string] => [i + 1, "LL104"]),
      only: true,
      fix: "safe",
    },
  ],
});

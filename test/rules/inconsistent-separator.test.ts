import { expect } from "vitest";
import { flatEdit, paddleRows, runRuleTests, spacedRows } from "../rule-tester.js";

const bg = paddleRows(40, 3);
const sg = spacedRows(40, 3);

runRuleTests("inconsistent-separator", {
  valid: [
    { name: "an empty file", text: "" },
    { name: "a clean PaddleClas file", text: bg },
    { name: "a clean spaced file", text: sg },
    { name: "a TAB between path and values in a spaced file", text: sg + "x.jpg\t0 1 0\n" },
    { name: "a Python repr (nested-labels covers its separators)", text: bg + "x.jpg\t[0, 1, 0]\n" },
    { name: "a trailing comma (empty-value)", text: bg + "x.jpg\t0,1,0,\n" },
    { name: "', ' on a row of the wrong length (label-count first)", text: bg + "x.jpg\t0, 1\n" },
    { name: "a CRLF file (the CR is the line ending)", text: bg.replace(/\n/g, "\r\n") },
  ],
  invalid: [
    {
      name: "a fullwidth comma (U+FF0C) between values stops PaddleClas, and is named",
      text: bg + "x.jpg\t0\uFF0C1\uFF0C0\n",
      errors: [[41, "LL106"]],
      only: true,
      fix: "safe",
      message: ["U+FF0C FULLWIDTH COMMA", "looks like ','", "'0，1，0' stays one value"],
      check: (result, [p]) => {
        expect(p?.severity).toBe("error");
        expect(flatEdit(p?.fix?.edits[0])).toMatchObject({ newText: "0,1,0" });
        // The values are read: the row counts in the matrix.
        expect(result.stats.validRows).toBe(41);
      },
    },
    {
      name: "an ideographic space (U+3000) between values of a PaddleClas list",
      text: bg + "x.jpg\t0\u30001\u30000\n",
      errors: [[41, "LL106"]],
      only: true,
      message: ["U+3000 IDEOGRAPHIC SPACE", "looks like a space"],
      check: (_result, [p]) => expect(p?.severity).toBe("error"),
    },
    {
      name: "an ideographic space in a HashNet list: split() splits on it, so a warning",
      text: sg + "x.jpg\u30000\u30001\u30000\n",
      errors: [[41, "LL106"]],
      only: true,
      message: ["U+3000 IDEOGRAPHIC SPACE", "ImageList reads the values as intended"],
      check: (result, [p]) => {
        expect(p?.severity).toBe("warn");
        expect(result.stats.validRows).toBe(41);
      },
    },
    {
      name: "a no-break space after the last value of a HashNet list separates nothing, and is said so",
      text: sg + "x.jpg 0 1 0 \u00A0\n",
      errors: [[41, "LL106"]],
      only: true,
      fix: "safe",
      message: ["' \u00A0' (U+00A0 NO-BREAK SPACE) after the last label value, which looks like a space", "split() drops every Unicode space at the ends"],
      check: (result, [p]) => {
        expect(p?.message).not.toContain("separated by");
        expect(p?.severity).toBe("warn");
        expect(flatEdit(p?.fix?.edits[0])).toMatchObject({ newText: "0 1 0" });
        expect(result.stats.validRows).toBe(41);
      },
    },
    {
      name: "a no-break space before the first value of a HashNet list",
      text: sg + "x.jpg \u00A00 1 0\n",
      errors: [[41, "LL106"]],
      only: true,
      message: ["before the first label value, which looks like a space"],
      check: (_result, [p]) => expect(p?.severity).toBe("warn"),
    },
    {
      name: "a comma after the last value of a HashNet list: int('0,') fails, and the comma is not called a separator",
      text: sg + "x.jpg 0 1 0,\n",
      errors: [[41, "LL106"]],
      only: true,
      message: ["',' after the last label value, where values are separated by ' '", "split() keeps '0,' as one value"],
      check: (_result, [p]) => expect(p?.severity).toBe("error"),
    },
    {
      name: "a fullwidth comma after the last value stops PaddleClas",
      text: bg + "x.jpg\t0,1,0\uFF0C\n",
      errors: [[41, "LL106"]],
      only: true,
      message: ["'\uFF0C' (U+FF0C FULLWIDTH COMMA) after the last label value, which looks like ','", "'0\uFF0C' stays one value"],
      check: (_result, [p]) => expect(p?.severity).toBe("error"),
    },
    {
      name: "a no-break space next to a comma is padding PaddleClas strips",
      text: bg + "x.jpg\t0,\u00A01,0\n",
      errors: [[41, "LL106"]],
      only: true,
      check: (_result, [p]) => expect(p?.severity).toBe("warn"),
    },
    {
      name: "', ' separators are only an inconsistent-separator",
      text: bg + "x.jpg\t0, 1, 0\n",
      errors: [[41, "LL106"]],
      only: true,
      fix: "safe",
      message: ["', '", "instead of ','", "2 places"],
      check: (result, [p]) => {
        expect(p?.fix?.edits).toEqual([{ kind: "respell-values", line: 41, change: { start: 6, end: 13, oldText: "0, 1, 0", newText: "0,1,0" } }]);
        expect(p?.column).toBe(8);
        expect(result.stats.validRows).toBe(41);
      },
    },
    {
      name: "a single ' ,'",
      text: bg + "x.jpg\t0 ,1,0\n",
      errors: [[41, "LL106"]],
      only: true,
      message: ["' ,'"],
    },
    {
      name: "a space where a comma belongs",
      text: bg + "x.jpg\t0,1 0\n",
      errors: [[41, "LL106"]],
      only: true,
      message: ["' ' instead of ','"],
      check: (_r, [p]) => expect(flatEdit(p?.fix?.edits?.[0])).toMatchObject({ newText: "0,1,0" }),
    },
    {
      name: "whitespace before the first value",
      text: bg + "x.jpg\t 0,1,0\n",
      errors: [[41, "LL106"]],
      only: true,
      check: (_r, [p]) => expect(flatEdit(p?.fix?.edits?.[0])).toMatchObject({ oldText: " 0,1,0", newText: "0,1,0" }),
    },
    {
      name: "trailing whitespace is named as trailing",
      text: bg + "x.jpg\t0,1,0 \n",
      errors: [[41, "LL106"]],
      only: true,
      message: ["trailing ' '", "last label value"],
      check: (_r, [p]) => expect(flatEdit(p?.fix?.edits?.[0])).toMatchObject({ oldText: "0,1,0 ", newText: "0,1,0" }),
    },
    {
      name: "a trailing TAB is trailing whitespace, not an empty extra field",
      text: bg + "x.jpg\t0,1,0\t\n",
      errors: [[41, "LL106"]],
      only: true,
      message: ["trailing '\\t'"],
      check: (_r, [p]) => expect(flatEdit(p?.fix?.edits?.[0])).toMatchObject({ oldText: "0,1,0\t", newText: "0,1,0" }),
    },
    {
      name: "a mix of spaces and TABs at the end is one trailing run",
      text: bg + "x.jpg\t0,1,0 \t\n",
      errors: [[41, "LL106"]],
      only: true,
      message: ["trailing ' \\t'"],
    },
    {
      name: "trailing whitespace in a spaced file",
      text: sg + "x.jpg 0 1 0 \n",
      errors: [[41, "LL106"]],
      only: true,
      message: ["trailing ' '"],
      check: (_r, [p]) => expect(flatEdit(p?.fix?.edits?.[0])).toMatchObject({ oldText: "0 1 0 ", newText: "0 1 0" }),
    },
    {
      name: "commas in a spaced file",
      text: sg + "x.jpg 0,1,0\n",
      errors: [[41, "LL106"]],
      only: true,
      message: ["',' instead of ' '", "2 places"],
      check: (_r, [p]) => expect(flatEdit(p?.fix?.edits?.[0])).toMatchObject({ newText: "0 1 0" }),
    },
    {
      name: "TABs between values in a spaced file",
      text: sg + "x.jpg 0\t1\t0\n",
      errors: [[41, "LL106"]],
      only: true,
      message: ["'\\t' instead of ' '"],
    },
    {
      name: "a double space in a spaced file",
      text: sg + "x.jpg 0  1 0\n",
      errors: [[41, "LL106"]],
      only: true,
      message: ["'  '"],
    },
    {
      name: "', ' and a trailing comma are two findings whose fixes do not overlap",
      text: bg + "x.jpg\t0, 1,0,\n",
      errors: [[41, "LL106"]],
      check: (result, [p]) => {
        expect(flatEdit(p?.fix?.edits?.[0])).toMatchObject({ start: 6, end: 12, newText: "0,1,0" });
        const trailing = result.problems.find((q) => q.code === "LL104");
        expect(flatEdit(trailing?.fix?.edits?.[0])).toMatchObject({ start: 12, end: 13, oldText: "," });
      },
    },
    {
      name: "', ' in a CRLF file",
      text: (bg + "x.jpg\t0, 1, 0\n").replace(/\n/g, "\r\n"),
      errors: [[41, "LL106"]],
      check: (_r, [p]) => expect(flatEdit(p?.fix?.edits?.[0])).toMatchObject({ oldText: "0, 1, 0", newText: "0,1,0" }),
    },
    {
      name: "', ' on a last line without a final newline",
      text: bg + "x.jpg\t0, 1, 0",
      errors: [[41, "LL106"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL003", "LL106"]),
    },
  ],
});

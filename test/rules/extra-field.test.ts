import { expect } from "vitest";
import { flatEdit, paddleRows, runRuleTests, spacedRows } from "../rule-tester.js";

const bg = paddleRows(40, 3);

runRuleTests("extra-field", {
  valid: [
    { name: "three rows run together ('x.jpg<TAB>0,1,0y.jpg<TAB>1,0,0z.jpg<TAB>0,0,1') are joined-rows' one finding, not text after the labels", text: bg + "x.jpg\t0,1,0y.jpg\t1,0,0z.jpg\t0,0,1\n" },
    { name: "an empty file", text: "" },
    { name: "a clean file", text: bg },
    { name: "TABs between values in a spaced file are separators", text: spacedRows(40, 3) + "x.jpg\t0\t1\t0\n" },
    { name: "a trailing TAB separates nothing", text: bg + "x.jpg\t0,1,0\t\n" },
    { name: "trailing TABs and spaces", text: bg + "x.jpg\t0,1,0 \t \n" },
    { name: "an invalid byte after the labels is an encoding problem", text: Buffer.concat([Buffer.from(bg + "x.jpg\t0,1,0\t"), Buffer.from([0xff, 0x0a])]) },
    { name: "a line without a TAB (missing-separator)", text: bg + "x.jpg 0,1,0 cat\n" },
  ],
  invalid: [
    {
      name: "a field after the labels, with an unsafe fix that drops it",
      text: bg + "x.jpg\t0,1,0\tcat\n",
      errors: [[41, "LL105"]],
      only: true,
      fix: "unsafe",
      message: ["'cat'", "PaddleClas ignores everything after the second TAB"],
      check: (result, [p]) => {
        expect(p?.fix?.edits).toEqual([{ kind: "drop-extra-fields", line: 41, change: { start: 11, end: 15, oldText: "\tcat", newText: "" } }]);
        expect(p?.column).toBe(12);
        expect(result.stats.validRows).toBe(41);
      },
    },
    {
      name: "a second label field",
      text: bg + "x.jpg\t0,1,0\t0,0,1\n",
      errors: [[41, "LL105"]],
      only: true,
      message: ["'0,0,1'"],
    },
    {
      name: "several extra fields are one finding",
      text: bg + "x.jpg\t0,1,0\ta\tb\n",
      errors: [[41, "LL105"]],
      only: true,
      message: ["'a\\tb'"],
      check: (_r, [p]) => expect(flatEdit(p?.fix?.edits?.[0])).toMatchObject({ oldText: "\ta\tb" }),
    },
    {
      name: "a whole row after the labels (two lines joined by a TAB) that is not clean is an error with no fix: dropping the fields would drop that row",
      text: bg + "x.jpg\t0,1,0\ty.jpg\t1, 0,+1\n",
      errors: [[41, "LL105"]],
      only: true,
      message: ["is another row ('y.jpg\\t1, 0,+1')", "the line break before y.jpg is missing", "that image and its labels are never trained on"],
      check: (_r, [p]) => {
        expect(p?.severity).toBe("error");
        expect(p?.fix).toBeUndefined();
      },
    },
    {
      name: "rows run together that are not clean: the fields after the labels start with values ('1,0,0z.jpg'), no path to name as a missing line break",
      text: bg + "x.jpg\t0,1,0y.jpg\t1,0,0z.jpg\t0,0,x\n",
      errors: [[41, "LL105"]],
      message: ["text after the labels ('1,0,0z.jpg\\t0,0,x')"],
      check: (_r, [p]) => expect(p?.message).not.toMatch(/line break/),
    },
    {
      name: "a whole clean row after the labels: an unsafe fix puts the line break back in place of the TAB",
      text: bg + "x.jpg\t0,1,0\ty.jpg\t1,0,0\n",
      errors: [[41, "LL105"]],
      only: true,
      fix: "unsafe",
      message: ["the line break before y.jpg is missing"],
      check: (_r, [p]) => expect(p?.fix?.edits).toEqual([{ kind: "split-row", line: 41, change: { start: 11, end: 12, oldText: "\t", newText: "\n" } }]),
    },
    {
      name: "a field after the labels that is not a whole row stays a warning: too few values, a number for a path, values that are not integers",
      text: bg + "x.jpg\t0,1,0\ty.jpg\t1,0\n" + "x2.jpg\t0,1,0\t7\t1,0,1\n" + "x3.jpg\t0,1,0\ty.jpg\t1.0,0,1\n",
      errors: [[41, "LL105"], [42, "LL105"], [43, "LL105"]],
      only: true,
      check: (result) => expect(result.problems.map((q) => q.severity)).toEqual(["warn", "warn", "warn"]),
    },
    {
      name: "a long extra field is shortened in the message",
      text: bg + "x.jpg\t0,1,0\t" + "note ".repeat(20) + "\n",
      errors: [[41, "LL105"]],
      check: (_r, [p]) => expect(p?.message).toContain("…"),
    },
    {
      name: "an extra field on a row of the wrong length is reported with it",
      text: bg + "x.jpg\t0,1\tcat\n",
      errors: [[41, "LL105"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL102", "LL105"]),
    },
    {
      name: "non-ASCII text after the labels",
      text: bg + "x.jpg\t0,1,0\t猫\n",
      errors: [[41, "LL105"]],
      only: true,
      message: ["'猫'"],
    },
    {
      name: "an extra field in a CRLF file: the CR is not part of it",
      text: (bg + "x.jpg\t0,1,0\tcat\n").replace(/\n/g, "\r\n"),
      errors: [[41, "LL105"]],
      message: ["'cat'"],
      check: (_r, [p]) => expect(flatEdit(p?.fix?.edits?.[0])).toMatchObject({ oldText: "\tcat" }),
    },
    {
      name: "an extra field on a last line without a final newline",
      text: bg + "x.jpg\t0,1,0\tcat",
      errors: [[41, "LL105"]],
      check: (result) => expect(result.problems.map((q) => q.code).sort()).toEqual(["LL003", "LL105"]),
    },
  ],
});

import { expect } from "vitest";
import { paddleRows, runRuleTests, spacedRows } from "../rule-tester.js";

const bg = paddleRows(40, 3);

runRuleTests("header-row", {
  valid: [
    { name: "an empty file", text: "" },
    { name: "a clean file", text: bg },
    { name: "a header-like line that is not first is data (a non-binary value)", text: bg + "path\tcat,dog,sky\n" },
    { name: "a first line with only some non-numeric values", text: "a.jpg\tcat,1,0\n" + bg },
    { name: "a first line of class indices", text: "a.jpg\t0,1,2\n" + bg },
    { name: "a first line without a separator", text: "path\n" + bg },
    // PaddleClas's np.int64('0;1;1') fails on it as on any row: a wrong separator (label-count), not a header, and no class names.
    { name: "a first row with another value separator is data", text: "images/a.jpg\t0;1;1\n" + bg },
    { name: "a first row naming an image, whatever its labels, is data", text: "a.png\tx,y,z\n" + bg },
  ],
  invalid: [
    {
      name: "a header naming the classes is dropped and its names kept",
      text: "path\tcat,dog,sky\n" + bg,
      errors: [[1, "LL006"]],
      only: true,
      fix: "safe",
      message: ["header naming 3 classes", "class names"],
      check: (result, [p]) => {
        expect(p?.fix?.edits).toEqual([{ kind: "drop-line", line: 1, reason: "header row", notARow: true }]);
        expect(result.classNames).toEqual(["cat", "dog", "sky"]);
        expect(result.rows).toBe(40);
        expect(result.stats.validRows).toBe(40);
      },
    },
    {
      name: "a header whose fields are not class names",
      text: "image\tlabels\n" + bg,
      errors: [[1, "LL006"]],
      only: true,
      fix: "safe",
      message: ["first line is a header ('image\\tlabels')"],
      check: (result) => expect(result.classNames).toBeUndefined(),
    },
    {
      name: "a header with fewer names than classes keeps no names",
      text: "path\tcat,dog\n" + bg,
      errors: [[1, "LL006"]],
      only: true,
      check: (result) => expect(result.classNames).toBeUndefined(),
    },
    {
      name: "a header in a spaced file",
      text: "path cat dog sky\n" + spacedRows(40, 3),
      errors: [[1, "LL006"]],
      only: true,
      check: (result) => {
        expect(result.format).toBe("spaced");
        expect(result.classNames).toEqual(["cat", "dog", "sky"]);
      },
    },
    {
      name: "a header after a blank first line",
      text: "\npath\tcat,dog,sky\n" + bg,
      errors: [[2, "LL006"]],
      check: (result) => expect(result.problems.map((p) => [p.line, p.code])).toEqual([
        [1, "LL004"],
        [2, "LL006"],
      ]),
    },
    {
      name: "a header after a byte-order mark",
      text: "\uFEFFpath\tcat,dog,sky\n" + bg,
      errors: [[1, "LL006"]],
      check: (result) => {
        expect(result.problems.map((p) => p.code).sort()).toEqual(["LL002", "LL006"]);
        expect(result.classNames).toEqual(["cat", "dog", "sky"]);
      },
    },
    {
      name: "a header in a CRLF file",
      text: ("path\tcat,dog,sky\n" + bg).replace(/\n/g, "\r\n"),
      errors: [[1, "LL006"]],
      check: (result) => expect(result.classNames).toEqual(["cat", "dog", "sky"]),
    },
    {
      name: "a file that is only a header without a final newline",
      text: "path\tcat,dog,sky",
      errors: [[1, "LL006"]],
      check: (result) => expect(result.rows).toBe(0),
    },
    {
      name: "a header does not shift the row numbers of duplicates after it",
      text: "path\tcat,dog,sky\n" + bg + "img/00000.jpg\t1,0,0\n",
      errors: [[1, "LL006"]],
      check: (result) => {
        const dup = result.problems.find((p) => p.code === "LL303");
        expect([dup?.line, dup?.row]).toEqual([42, 40]);
      },
    },
  ],
});

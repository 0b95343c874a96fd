import { expect } from "vitest";
import { paddleRows, runRuleTests, spacedRows } from "../rule-tester.js";

const bg = paddleRows(40, 3);
const BOM = "\uFEFF";

runRuleTests("bom", {
  valid: [
    { name: "an empty file", text: "" },
    { name: "a file without a byte-order mark", text: bg },
    { name: "a CRLF file without a byte-order mark", text: bg.replace(/\n/g, "\r\n") },
    { name: "a file without a final newline", text: bg.slice(0, -1) },
  ],
  invalid: [
    {
      name: "U+FEFF at the start of a later line (files concatenated with their marks)",
      text: bg + BOM + "x.jpg\t0,1,0\n",
      errors: [[41, "LL002"]],
      only: true,
      fix: "safe",
      message: ["line starts with a UTF-8 byte-order mark", "the path starts with U+FEFF"],
      check: (_result, [p]) => expect(p?.fix?.edits).toEqual([{ kind: "normalise-path", line: 41, how: "drop-bom", change: { start: 0, end: 1, oldText: BOM, newText: "" } }]),
    },
    {
      name: "a byte-order mark is the only finding on an otherwise clean file",
      text: BOM + bg,
      errors: [[1, "LL002"]],
      only: true,
      fix: "safe",
      message: ["byte-order mark", "PaddleClas stops with AssertionError", "the first path starts with U+FEFF"],
      check: (result, [p]) => {
        expect(p?.column).toBe(1);
        expect(p?.fix?.edits).toEqual([{ kind: "file", action: "remove-bom" }]);
        // The mark is not part of the first path: row 1 is read as clean data.
        expect(result.stats.validRows).toBe(40);
      },
    },
    {
      name: "a byte-order mark on a spaced file",
      text: BOM + spacedRows(40, 3),
      errors: [[1, "LL002"]],
      only: true,
      check: (result) => expect(result.format).toBe("spaced"),
    },
    {
      name: "a file that holds only a byte-order mark (and so has no rows)",
      text: BOM,
      errors: [[1, "LL002"]],
      check: (result) => expect(result.problems.map((p) => p.rule).sort()).toEqual(["bom", "no-rows"]),
    },
    {
      name: "a byte-order mark followed by a blank line",
      text: BOM + "\n",
      errors: [[1, "LL002"]],
      check: (result) => expect(result.problems.map((p) => p.code).sort()).toEqual(["LL002", "LL004", "LL008"]),
    },
    {
      name: "a byte-order mark on a CRLF file without a final newline",
      text: BOM + bg.replace(/\n/g, "\r\n").slice(0, -2),
      errors: [[1, "LL002"]],
      check: (result) => expect(result.problems.map((p) => [p.line, p.code])).toEqual([
        [1, "LL003"],
        [1, "LL002"],
        [40, "LL003"],
      ]),
    },
    {
      name: "a byte-order mark does not hide a header row",
      text: BOM + "path\tcat,dog,sky\n" + bg,
      errors: [[1, "LL002"]],
      check: (result) => {
        expect(result.problems.map((p) => p.code).sort()).toEqual(["LL002", "LL006"]);
        expect(result.classNames).toEqual(["cat", "dog", "sky"]);
      },
    },
  ],
});

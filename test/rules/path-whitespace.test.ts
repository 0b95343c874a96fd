import { expect } from "vitest";
import { paddleRows, runRuleTests, spacedRows } from "../rule-tester.js";

const bg = paddleRows(40, 3);

runRuleTests("path-whitespace", {
  valid: [
    { name: "an empty file", text: "" },
    { name: "paths without whitespace at either end", text: bg },
    { name: "a space inside the path", text: bg + "my photos/x.jpg\t0,1,0\n" },
    { name: "whitespace before the path (Python's strip() removes it)", text: bg + "  x.jpg\t0,1,0\n" },
    { name: "spaces around the values", text: bg + "x.jpg\t 0,1,0 \n" },
    { name: "a spaced list: the path ends at the first whitespace", text: spacedRows(40, 3) + "x.jpg   0 1 0\n" },
  ],
  invalid: [
    {
      name: "a space before the TAB: PaddleClas opens 'x.jpg ', with an unsafe fix that removes it",
      text: bg + "x.jpg \t0,1,0\n",
      errors: [[41, "LL508"]],
      only: true,
      fix: "unsafe",
      message: ["image path 'x.jpg ' ends with whitespace", "PaddleClas keeps it", "AssertionError"],
      check: (_r, [p]) => {
        expect(p?.column).toBe(6);
        expect(p?.fix?.edits).toEqual([{ kind: "normalise-path", line: 41, how: "drop-trailing-space", change: { start: 0, end: 6, oldText: "x.jpg ", newText: "x.jpg" } }]);
      },
    },
    {
      name: "Unicode and control whitespace (NBSP, U+3000, \\x1f) is whitespace too, shown escaped where it is not visible",
      text: bg + "a.jpg\u00a0\t0,1,0\n" + "b.jpg\u3000\t1,0,0\n" + "c.jpg\x1f\t0,0,1\n",
      errors: [[41, "LL508"], [42, "LL508"], [43, "LL508"]],
      only: true,
      check: (_r, problems) => {
        expect(problems.map((p) => p.fix?.edits?.[0] && "change" in p.fix.edits[0]! ? p.fix.edits[0].change?.newText : undefined)).toEqual(["a.jpg", "b.jpg", "c.jpg"]);
        // As Python's repr() writes them: a no-break space printed as it is reads as a space.
        expect(problems.map((p) => /'([^']*)'/.exec(p.message)?.[1])).toEqual(["a.jpg\\xa0", "b.jpg\\u3000", "c.jpg\\u001f"]);
      },
    },
  ],
});

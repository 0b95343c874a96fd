import { expect } from "vitest";
import { paddleRows, runRuleTests, spacedRows } from "../rule-tester.js";

const bg = paddleRows(40, 3);

runRuleTests("comment-line", {
  valid: [
    { name: "an empty file", text: "" },
    { name: "a clean file", text: bg },
    { name: "a row whose image path starts with '#' (a file may be named so)", text: "#a.jpg\t0,1,0\n" + bg },
    { name: "a '#' inside a path", text: "img/#1.jpg\t0,1,0\n" + bg },
  ],
  invalid: [
    {
      name: "a comment line at the top",
      text: "# NUS-WIDE-SCENE train split\n" + bg,
      errors: [[1, "LL007"]],
      only: true,
      fix: "safe",
      message: ["line is a comment", "PaddleClas has no comments"],
      check: (result, [p]) => {
        expect(p?.severity).toBe("error");
        expect(p?.fix?.edits).toEqual([{ kind: "drop-line", line: 1, reason: "comment line", notARow: true }]);
        // A comment is no row of the matrix.
        expect(result.stats.validRows).toBe(40);
      },
    },
    {
      name: "a comment line between rows, indented",
      text: paddleRows(3, 3) + "  # the rest is from the second crawl\n" + paddleRows(37, 3, 3),
      errors: [[4, "LL007"]],
      only: true,
    },
    {
      name: "a commented-out row that no longer reads as one (a header-like comment with a TAB)",
      text: "#path\tcat,dog,sky\n" + bg,
      errors: [[1, "LL007"]],
      only: true,
    },
    {
      name: "a commented-out row of the wrong width",
      text: bg + "#img/x.jpg\t0,1\n",
      errors: [[41, "LL007"]],
      only: true,
    },
    {
      name: "a comment in a HashNet list names ImageList's failure, not PaddleClas's",
      text: "# HashNet list\n" + spacedRows(40, 3),
      errors: [[1, "LL007"]],
      only: true,
      message: ["ImageList has no comments"],
      check: (_result, [p]) => expect(p?.message).not.toContain("PaddleClas"),
    },
    {
      name: "a generic reader (a custom loader) gets the catalogue's severity",
      text: "# list\n" + bg,
      options: { consumer: "generic" },
      errors: [[1, "LL007"]],
      only: true,
      check: (_result, [p]) => {
        expect(p?.severity).toBe("error");
        expect(p?.message).not.toContain("PaddleClas");
      },
    },
  ],
});

import { expect } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runRuleTests } from "../rule-tester.js";

const OFF = { "rare-class": "off", "class-without-positives": "off", "class-always-positive": "off" } as const;
const csv = { format: "csv", rules: OFF } as const;
const header = "path,a,b,c\n";

function columnsTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "labellint-columns-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, `Labels_${name}.txt`), text);
  return join(dir, "Labels_{class}.txt");
}

runRuleTests("malformed-record", {
  valid: [
    { name: "an empty file", text: "", options: csv },
    { name: "quoted paths with commas and quotes", text: `${header}"x,1.jpg",0,1,1\n"say ""hi"".jpg",1,0,0\n`, options: csv },
    { name: "quoted values", text: `${header}x.jpg,"0","1","1"\n`, options: csv },
    { name: "CRLF and a BOM", text: `\uFEFF${header}x.jpg,0,1,1\r\ny.jpg,1,0,0\r\n`.replace(/\n/g, "\r\n").replace(/\r\r/g, "\r"), options: csv },
    { name: "mixed line endings leave no \\r in the last value", text: `${header}x.jpg,0,1,1\r\ny.jpg,1,0,0\n`, options: csv },
  ],
  invalid: [
    {
      name: "a TAB inside a quoted path",
      text: `${header}"x\ty.jpg",0,1,1\nz.jpg,1,0,0\n`,
      options: csv,
      errors: [[2, "LL112"]],
      only: true,
      fix: null,
      message: ["holds a TAB"],
      check: (result, [p]) => {
        // Quoted, the TAB is part of the name as written: not the mark of a TAB-separated file.
        expect(p?.message).not.toContain("--format paddleclas");
        expect(result.rows).toBe(2);
        expect(result.stats.validRows).toBe(1);
      },
    },
    {
      name: "a line break inside a quoted path; the next record keeps its own line number",
      text: `${header}"x\ny.jpg",0,1,1\nz.jpg,1,0\n`,
      options: csv,
      errors: [[2, "LL112"]],
      message: ["line break"],
      check: (result) => expect(result.problems.find((p) => p.rule === "label-count")?.line).toBe(4),
    },
    {
      name: "a comma inside a quoted value",
      text: `${header}x.jpg,"0,1",1\n`,
      options: csv,
      errors: [[2, "LL112"]],
      message: ["label value 0 ('0,1')"],
    },
    {
      name: "a quote never closed swallows the rest",
      text: `${header}x.jpg,0,1,1\n"y.jpg,1,0,0\nz.jpg,0,0,1\n`,
      options: csv,
      errors: [[3, "LL112"]],
      message: ["never closed"],
      check: (result) => expect(result.rows).toBe(2),
    },
    {
      name: "a paddleclas file read with --format csv: every row says so",
      text: "a.jpg\t0,1,0\nb.jpg\t1,0,0\n",
      options: csv,
      errors: [
        [1, "LL112"],
        [2, "LL112"],
      ],
      message: ["--format paddleclas"],
    },
    {
      name: "a columns value holding a comma, at its own file and line",
      text: "a.jpg\nb.jpg\n",
      options: { format: "columns", columns: columnsTree({ x: "0\n0,1\n", y: "1\n1\n" }), classNames: ["x", "y"], rules: OFF },
      errors: [[2, "LL112"]],
      check: (result, [p]) => {
        expect(p?.file).toMatch(/Labels_x\.txt$/);
        expect(p?.classIndex).toBe(0);
        expect(result.stats.validRows).toBe(1);
      },
    },
  ],
});

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { convert } from "../../src/convert/convert.js";
import { fix } from "../../src/fixer/fix.js";
import { allRules } from "../../src/rules/index.js";

function staged(name: string, content: string | Buffer): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "labellint-contract-"));
  const file = join(dir, name);
  writeFileSync(file, content);
  return { dir, file };
}

const QUIET = { "rare-class": "off", "class-without-positives": "off", "class-always-positive": "off" } as const;
const ROWS = ["a.jpg\t1,0,0", "b.jpg\t0,1,0", "c.jpg\t0,0,0", "d.jpg\t0,0,1"];

describe("the fixer executes edits, not rule names", () => {
  // A rule is one rule whether a setting names it by name or by code.
  for (const key of ["empty-labelset", "LL301", "ll301"]) {
    it(`rejects an empty label set made an error as '${key}'`, async () => {
      const { dir, file } = staged("e.txt", `${ROWS.join("\n")}\n`);
      const result = await fix(file, { out: join(dir, "out.txt"), rules: { ...QUIET, [key]: "error" } });
      expect(result.counts).toMatchObject({ linesIn: 4, rowsOut: 3, rowsRejected: 1 });
      expect(result.plan.rejects.map((r) => [r.line, r.reasons.map((x) => x.rule)])).toEqual([[3, ["empty-labelset"]]]);
    });
  }

  it("keeps an empty label set when the rule is not set (it is valid data)", async () => {
    const { dir, file } = staged("e.txt", `${ROWS.join("\n")}\n`);
    const result = await fix(file, { out: join(dir, "out.txt"), rules: QUIET });
    expect(result.counts).toMatchObject({ rowsOut: 4, rowsRejected: 0 });
  });

  it("convert matches a rule set by code the same way", async () => {
    for (const key of ["empty-labelset", "LL301"]) {
      const { dir, file } = staged("e.txt", `${ROWS.join("\n")}\n`);
      const result = await convert(file, { to: "csv", out: join(dir, "out.csv"), force: true, rules: { ...QUIET, [key]: "error" } });
      expect(result.counts.rowsRejected, key).toBe(1);
    }
  });
});

describe("the plan lists every byte fix changes", () => {
  it("lists the byte-order mark, CRLF and the final newline it normalises with bom and line-ending off", async () => {
    const { dir, file } = staged("w.txt", `\uFEFF${ROWS.slice(0, 2).join("\r\n")}\r\n${ROWS[3]}`);
    const result = await fix(file, { out: join(dir, "out.txt"), rules: { ...QUIET, bom: "off", "line-ending": "off" } });
    expect(readFileSync(join(dir, "out.txt"), "utf8")).toBe(`${ROWS[0]}\n${ROWS[1]}\n${ROWS[3]}\n`);
    expect(result.plan.fileActions.map((a) => [a.action, a.rule])).toEqual([
      ["remove-bom", undefined],
      ["normalise-line-endings", undefined],
      ["add-final-newline", undefined],
    ]);
  });

  it("names the rule when its finding proposed the normalisation", async () => {
    const { dir, file } = staged("w.txt", `\uFEFF${ROWS.join("\r\n")}\r\n`);
    const result = await fix(file, { out: join(dir, "out.txt"), rules: QUIET });
    expect(result.plan.fileActions.map((a) => [a.action, a.rule])).toEqual([
      ["remove-bom", "bom"],
      ["normalise-line-endings", "line-ending"],
    ]);
  });

  it("lists nothing for a file already in canonical form", async () => {
    const { dir, file } = staged("w.txt", `${ROWS.join("\n")}\n`);
    const result = await fix(file, { out: join(dir, "out.txt"), rules: QUIET });
    expect(result.plan.fileActions).toEqual([]);
  });
});

describe("no rule is known by name to the fixer or the converter", () => {
  const names = allRules.map((r) => r.meta.name);
  const codes = allRules.map((r) => r.meta.code);
  for (const folder of ["src/fixer", "src/convert"]) {
    it(`${folder} names no rule`, () => {
      for (const entry of readdirSync(folder)) {
        const text = readFileSync(join(folder, entry), "utf8");
        const named = [...names, ...codes].filter((name) => text.includes(`"${name}"`) || text.includes(`'${name}'`) || text.includes(`\`${name}\``));
        expect(named, `${folder}/${entry}`).toEqual([]);
      }
    });
  }
});

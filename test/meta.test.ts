import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allRules } from "../src/rules/index.js";
import { formatRuleTable } from "../src/cli/rules-command.js";
import { ROOT } from "./shared.js";

describe("rule registry", () => {
  it("has unique, sorted LLnnn codes and kebab-case names", () => {
    const codes = allRules.map((r) => r.meta.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
    for (const { meta } of allRules) {
      expect(meta.code).toMatch(/^LL\d{3}$/);
      expect(meta.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(Object.keys(meta.messages).length).toBeGreaterThan(0);
      expect(["error", "warn", "off"]).toContain(meta.defaultSeverity);
      if (meta.fix.availability === "none") expect(meta.fix.applicability).toBe("none");
      else expect(["safe", "unsafe"]).toContain(meta.fix.applicability);
    }
  });

  it.each(allRules.map((r) => [r.meta.name, r.meta.code]))("%s (%s) has a doc page with a Fix safety section", (name, code) => {
    const page = join(ROOT, "docs", "rules", `${name}.md`);
    expect(existsSync(page), `docs/rules/${name}.md is missing`).toBe(true);
    const text = readFileSync(page, "utf8");
    expect(text).toContain(code);
    expect(text).toMatch(/## Fix safety/);
    expect(text).toMatch(/## Why/);
  });

  it.each(allRules.map((r) => [r.meta.name]))("%s has a test file that runs its cases", (name) => {
    const file = join(ROOT, "test", "rules", `${name}.test.ts`);
    expect(existsSync(file), `test/rules/${name}.test.ts is missing`).toBe(true);
    expect(readFileSync(file, "utf8")).toContain(`runRuleTests("${name}"`);
  });

  it("is listed in full, and only as registered, in the README's rule table", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const rows = [...readme.matchAll(/^\| (LL\d{3}) \| \[([a-z0-9-]+)\]\(docs\/rules\/([a-z0-9-]+)\.md\) \| (\w+) \|/gm)];
    expect(rows.map((m) => [m[1], m[2], m[3], m[4]])).toEqual(allRules.map((r) => [r.meta.code, r.meta.name, r.meta.name, r.meta.defaultSeverity]));
  });

  it("is what `labellint rules` prints", () => {
    const table = formatRuleTable();
    for (const { meta } of allRules) expect(table).toMatch(new RegExp(`^${meta.code}\\s+${meta.name}\\s+${meta.defaultSeverity}`, "m"));
  });
});

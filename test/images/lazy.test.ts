import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../shared.js";

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? jsFiles(join(dir, e.name)) : /\.c?js$/.test(e.name) ? [join(dir, e.name)] : []));
}

describe("sharp is loaded only when images are decoded", () => {
  it("no built module imports it statically; one imports it on first use", () => {
    const files = jsFiles(join(ROOT, "dist"));
    const dynamic = files.filter((f) => /await (import|importPackage)\("sharp"\)/.test(readFileSync(f, "utf8")));
    expect(dynamic.length).toBeGreaterThan(0);
    for (const f of files) expect(readFileSync(f, "utf8"), f).not.toMatch(/(^|\n)\s*import\b[^;]*?from\s*["']sharp["']|require\(["']sharp["']\)/);
  });
});

import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPOSITORY_URL, ruleDocUrl } from "../src/reporters/sarif.js";
import { allRules } from "../src/rules/index.js";
import { ROOT } from "./shared.js";

/**
 * What `npm pack` ships, and whether the packed package works when installed:
 * `import("labellint")` and the bin from the tarball, and `require("labellint")`
 * failing with the one-line ESM message. The tarball is unpacked into a
 * temporary project's node_modules (an `npm install` of it would need the
 * registry for its dependencies; those are linked from this checkout instead).
 */

interface PackedFile {
  path: string;
  size: number;
  mode: number;
}

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
  license: string;
  homepage: string;
  repository: { type: string; url: string };
  bugs: { url: string };
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  exports: Record<string, unknown>;
};

const BUILT = existsSync(join(ROOT, "dist", "index.js"));
const SKIP_REASON = "dist/ is not built (npm test builds it first)";
const title = (text: string): string => (BUILT ? text : `${text} — SKIPPED: ${SKIP_REASON}`);

/** `npm pack` without lifecycle scripts: `npm test` has just built dist/, and a second build would take as long again. */
function npmPack(...args: string[]): string {
  return execFileSync("npm", ["pack", "--ignore-scripts", "--no-fund", "--no-audit", ...args], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

describe.skipIf(!BUILT)(title("the npm package"), () => {
  let files: PackedFile[] = [];
  let paths = new Set<string>();

  beforeAll(() => {
    const [report] = JSON.parse(npmPack("--dry-run", "--json")) as [{ files: PackedFile[] }];
    files = report.files;
    paths = new Set(files.map((f) => f.path));
  }, 60_000);

  it("ships the license, the readme, the build, the CommonJS stub, the schemas and the docs", () => {
    for (const path of ["LICENSE", "README.md", "package.json", "dist/index.js", "dist/index.d.ts", "dist/cli/bin.js", "cjs/index.cjs", "schemas/report.schema.json", "schemas/config.schema.json", "docs/config.md", "docs/consumers.md"]) {
      expect(paths, path).toContain(path);
    }
    for (const rule of allRules) expect(paths, rule.meta.name).toContain(`docs/rules/${rule.meta.name}.md`);
  });

  it("ships nothing else: no tests, fixtures, sources or tooling", () => {
    const allowed = /^(LICENSE|README\.md|package\.json|dist\/.+\.(js|d\.ts)|dist\/compiled-schemas\.cjs|dist\/cli\/(labellint|labellint-bundle|part-worker|yaml)\.cjs|dist\/cli\/labellint\.d\.cts|cjs\/index\.cjs|schemas\/.+\.json|docs\/.+\.md)$/;
    expect(files.map((f) => f.path).filter((path) => !allowed.test(path))).toEqual([]);
  });

  it("has no source maps, and no compiled file points at one", () => {
    expect([...paths].filter((path) => path.endsWith(".map"))).toEqual([]);
    const pointing = [...paths].filter((path) => path.startsWith("dist/") && /\/\/# sourceMappingURL=/.test(readFileSync(join(ROOT, path), "utf8")));
    expect(pointing).toEqual([]);
  });

  it("ships the bin executable with its shebang", () => {
    const bin = files.find((f) => f.path === pkg.bin["labellint"]);
    expect(bin).toBeDefined();
    expect(readFileSync(join(ROOT, bin!.path), "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  });
});

describe("package metadata", () => {
  it("is MIT-licensed with the license text shipped", () => {
    expect(pkg.license).toBe("MIT");
    const license = readFileSync(join(ROOT, "LICENSE"), "utf8");
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) 2026 the labellint authors\n/);
    expect(license).toContain('THE SOFTWARE IS PROVIDED "AS IS"');
  });

  it("names the repository, homepage and issue tracker the rule-doc links are made from", () => {
    expect(pkg.repository).toEqual({ type: "git", url: `git+${REPOSITORY_URL}.git` });
    expect(pkg.homepage).toBe(`${REPOSITORY_URL}#readme`);
    expect(pkg.bugs).toEqual({ url: `${REPOSITORY_URL}/issues` });
    // SARIF helpUri and the GitHub step summary link each rule to its page in that repository.
    for (const rule of allRules) {
      const url = ruleDocUrl(rule.meta.name);
      expect(url).toBe(`${REPOSITORY_URL}/blob/main/docs/rules/${rule.meta.name}.md`);
      expect(existsSync(join(ROOT, "docs", "rules", `${rule.meta.name}.md`)), url).toBe(true);
    }
  });

  it("exports an ES module for import and a stub that explains itself for require", () => {
    expect(pkg.exports["."]).toEqual({ types: "./dist/index.d.ts", import: "./dist/index.js", require: "./cjs/index.cjs" });
  });
});

describe.skipIf(!BUILT)(title("the packed package, installed"), () => {
  let dir = "";
  let project = "";

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "labellint-pack-"));
    const name = npmPack("--pack-destination", dir).trim().split("\n").pop()!;
    project = join(dir, "project");
    const installed = join(project, "node_modules", "labellint");
    mkdirSync(installed, { recursive: true });
    writeFileSync(join(project, "package.json"), `${JSON.stringify({ name: "consumer", version: "1.0.0", private: true })}\n`);
    execFileSync("tar", ["-xzf", join(dir, name), "-C", installed, "--strip-components=1"]);
    // The dependencies, as npm would have installed them beside it (their own resolve from this checkout).
    for (const dep of Object.keys(pkg.dependencies)) symlinkSync(join(ROOT, "node_modules", dep), join(project, "node_modules", dep), "dir");
    mkdirSync(join(project, "node_modules", ".bin"));
    symlinkSync(join("..", "labellint", pkg.bin["labellint"]!), join(project, "node_modules", ".bin", "labellint"));
    writeFileSync(join(project, "eval_list.txt"), readFileSync(join(ROOT, "fixtures", "nus-wide-scene", "eval_list.txt")));
  }, 60_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const node = (args: string[]) => spawnSync(process.execPath, args, { cwd: project, encoding: "utf8" });

  it("is imported with import(), and lint() gives the statistics", () => {
    const script = `
      const labellint = await import("labellint");
      const result = await labellint.lint(["eval_list.txt"], { split: "eval" });
      console.log(JSON.stringify({ version: labellint.VERSION, rows: result.files[0].rows, stats: result.files[0].statistics !== undefined, rules: labellint.rules.length }));
    `;
    const r = node(["--input-type=module", "-e", script]);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ version: pkg.version, rows: 300, stats: true, rules: allRules.length });
  });

  it("is imported with import() from CommonJS too", () => {
    const r = node(["--input-type=commonjs", "-e", `import("labellint").then((l) => console.log(typeof l.lint))`]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("function\n");
  });

  it("tells require() callers, in one line, to use import()", () => {
    const r = node(["--input-type=commonjs", "-e", `try { require("labellint"); } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }`]);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({
      code: "ERR_REQUIRE_ESM",
      message: 'labellint is an ES module: use `const labellint = await import("labellint")` instead of require("labellint")',
    });
    // Uncaught, the message is what the user sees first.
    const uncaught = node(["--input-type=commonjs", "-e", `require("labellint")`]);
    expect(uncaught.status).toBe(1);
    expect(uncaught.stderr).toContain('Error: labellint is an ES module: use `const labellint = await import("labellint")` instead of require("labellint")');
    expect(uncaught.stderr).not.toContain("ERR_PACKAGE_PATH_NOT_EXPORTED");
  });

  it("lets require() read its package.json", () => {
    const r = node(["--input-type=commonjs", "-e", `console.log(require("labellint/package.json").version)`]);
    expect(r.stdout).toBe(`${pkg.version}\n`);
  });

  it("runs its bin", () => {
    const bin = join(project, "node_modules", ".bin", "labellint");
    // npm makes a bin executable when it links it.
    chmodSync(bin, statSync(bin).mode | 0o111);
    const version = spawnSync(bin, ["--version"], { cwd: project, encoding: "utf8" });
    expect(version.stdout.trim()).toContain(pkg.version);
    const check = spawnSync(bin, ["check", "eval_list.txt", "--split", "eval", "--reporter", "json"], { cwd: project, encoding: "utf8" });
    expect(check.status).toBe(0);
    expect((JSON.parse(check.stdout) as { files: { rows: number }[] }).files[0]!.rows).toBe(300);
  });
});

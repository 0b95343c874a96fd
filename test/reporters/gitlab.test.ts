import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { lint, lintText, summarise } from "../../src/engine/lint.js";
import { formatGitlab, projectPath, type GitlabIssue } from "../../src/reporters/gitlab.js";
import { formatSarif } from "../../src/reporters/sarif.js";
import type { LintResult } from "../../src/types.js";
import { runCli } from "../cli-harness.js";
import { lintLaidOut } from "../ppcls/layout.js";
import { ppclsConfig } from "../ppcls/configs.js";
import { fixture } from "../shared.js";
import { resultOf } from "./hand-made.js";

/**
 * What GitLab reads from a Code Quality report (`artifacts: reports: codequality`):
 * a JSON array of issues, each with a description, a check_name, a fingerprint
 * unique in the report, a severity of info, minor, major, critical or blocker,
 * and a location with the file's path relative to the repository and a line
 * (`lines.begin`, or `positions.begin.line`). GitLab shows one issue per fingerprint.
 */
const CODE_QUALITY = {
  type: "array",
  items: {
    type: "object",
    required: ["description", "check_name", "fingerprint", "severity", "location"],
    properties: {
      description: { type: "string", minLength: 1 },
      check_name: { type: "string", minLength: 1 },
      fingerprint: { type: "string", minLength: 1 },
      severity: { enum: ["info", "minor", "major", "critical", "blocker"] },
      location: {
        type: "object",
        required: ["path"],
        properties: {
          path: { type: "string", minLength: 1, not: { pattern: "^/" } },
          lines: { type: "object", required: ["begin"], properties: { begin: { type: "integer", minimum: 1 } } },
          positions: {
            type: "object",
            required: ["begin"],
            properties: { begin: { type: "object", required: ["line"], properties: { line: { type: "integer", minimum: 1 }, column: { type: "integer", minimum: 1 } } } },
          },
        },
        oneOf: [{ required: ["lines"] }, { required: ["positions"] }],
      },
    },
  },
};
const validate = new Ajv({ allErrors: true }).compile(CODE_QUALITY);

const DEFECTS = fixture("defects", "train_list.txt");
const DISPLAY = "fixtures/defects/train_list.txt";
const parse = (result: LintResult, options = {}): GitlabIssue[] => JSON.parse(formatGitlab(result, options)) as GitlabIssue[];
const lineOf = (issue: GitlabIssue): number => ("lines" in issue.location ? issue.location.lines.begin : issue.location.positions.begin.line);

describe("gitlab reporter (Code Quality report)", () => {
  it("is what GitLab reads, one issue per finding with --no-group, each fingerprint once", async () => {
    const result = await lint([{ path: DEFECTS, displayPath: DISPLAY }]);
    const issues = parse(result, { group: false });
    expect(validate(issues), JSON.stringify(validate.errors)).toBe(true);
    const problems = result.files[0]!.problems;
    expect(issues).toHaveLength(problems.length);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    // The shape check does reject what GitLab would not read.
    expect(validate([{ ...issues[0]!, severity: "warn" }])).toBe(false);
    expect(validate([{ ...issues[0]!, location: { path: DISPLAY } }])).toBe(false);
    issues.forEach((issue, i) => {
      const p = problems[i]!;
      expect(issue.check_name).toBe(p.code);
      expect(issue.severity).toBe(p.severity === "error" ? "major" : "minor");
      expect(issue.description.startsWith(`${p.code} ${p.rule}: `)).toBe(true);
      expect(issue.location.path).toBe(DISPLAY);
      // A finding about the file or a class sits on line 1; a line finding on its line and column.
      expect(lineOf(issue)).toBe(p.line ?? 1);
      if (p.line !== undefined && p.column !== undefined) expect(issue.location).toEqual({ path: DISPLAY, positions: { begin: { line: p.line, column: p.column } } });
    });
  });

  it("shows a rule's repeated findings in a file as one issue on the first, with the count and lines", async () => {
    const text = `${Array.from({ length: 30 }, (_, i) => `i${i}.jpg\t${i % 6 === 0 ? "0,0,0" : "1,0,1"}`).join("\n")}\n`;
    const result = summarise([await lintText(text, { rules: { "empty-labelset": "warn" } }, "l.txt")]);
    const listed = parse(result, { group: false });
    const grouped = parse(result);
    expect(validate(grouped), JSON.stringify(validate.errors)).toBe(true);
    const empties = listed.filter((i) => i.check_name === "LL301");
    expect(empties.map(lineOf)).toEqual([1, 7, 13, 19, 25]);
    const group = grouped.filter((i) => i.check_name === "LL301");
    expect(group).toHaveLength(1);
    // The first finding's place and fingerprint: the issue stays the same one while the first stays.
    expect(group[0]).toMatchObject({ fingerprint: empties[0]!.fingerprint, severity: "minor", location: empties[0]!.location });
    expect(group[0]!.description).toMatch(/^LL301 empty-labelset on 5 lines \(lines 1, 7, 13, 19, 25\); the first: /);
    // Other rules' issues are as listed, with their own fingerprints.
    expect(grouped.filter((i) => i.check_name !== "LL301")).toEqual(listed.filter((i) => i.check_name !== "LL301"));
  });

  it("uses the SARIF fingerprints, which stay when lines above move", async () => {
    const text = "a.jpg\t1,0\nb.jpg\t0,2\nc.jpg\t1\n";
    const before = parse(summarise([await lintText(text, {}, "l.txt")]), { group: false });
    const after = parse(summarise([await lintText(`x.jpg\t1,1\n${text}`, { rules: { "full-labelset": "off" } }, "l.txt")]), { group: false });
    const sarif = JSON.parse(formatSarif(summarise([await lintText(text, {}, "l.txt")]))) as { runs: { results: { partialFingerprints: Record<string, string> }[] }[] };
    expect(before.map((i) => i.fingerprint)).toEqual(sarif.runs[0]!.results.map((r) => r.partialFingerprints["labellint/v1"]));
    const line = (issues: GitlabIssue[], code: string) => issues.find((i) => i.check_name === code)!;
    for (const code of ["LL201", "LL102"]) {
      expect(line(after, code).fingerprint).toBe(line(before, code).fingerprint);
      expect(lineOf(line(after, code))).toBe(lineOf(line(before, code)) + 1);
    }
  });

  it("makes the label file's text visible in the description and adds the hand fix", () => {
    const result = resultOf([
      {
        path: "l.txt",
        problems: [{ rule: "empty-path", code: "LL103", severity: "error", message: "path 'a\u202ejpg.exe\x1b[2J' is odd", suggestion: "rename\nit", line: 3, column: 1, source: "a" }],
      },
    ]);
    const [issue] = parse(result);
    expect(issue!.description).toBe("LL103 empty-path: path 'a\\u202ejpg.exe\\x1b[2J' is odd. Fix by hand: rename\\x0ait");
  });

  it("names config findings by the config file, on their YAML line", async () => {
    const run = await lintLaidOut(ppclsConfig({ trainLoss: ["weight: 1.0", "weight_ratio: True"] }));
    const issues = parse(run);
    expect(validate(issues), JSON.stringify(validate.errors)).toBe(true);
    const rank = issues.find((i) => i.check_name === "LL601")!;
    expect(rank).toMatchObject({ severity: "major", location: { path: "config.yaml" } });
    expect(lineOf(rank)).toBeGreaterThan(1);
  });

  it("writes an empty array for a clean run", async () => {
    expect(formatGitlab(summarise([await lintText("a.jpg\t0,1\nb.jpg\t1,0\n", { rules: { "rare-class": "off" } }, "clean.txt")]))).toBe("[]\n");
  });

  it("names files relative to the project's root, else to the working directory, with '/'", () => {
    expect(projectPath("data/train.txt", {})).toBe("data/train.txt");
    expect(projectPath("data/train.txt", { cwd: "/repo" })).toBe("data/train.txt");
    expect(projectPath("/repo/data/train.txt", { cwd: "/repo" })).toBe("data/train.txt");
    expect(projectPath("train.txt", { cwd: "/repo/data", projectDir: "/repo" })).toBe("data/train.txt");
    expect(projectPath("/repo/data/train.txt", { cwd: "/elsewhere", projectDir: "/repo" })).toBe("data/train.txt");
    // Outside the folder: as the run named it (a path up and out of the repository means nothing to GitLab).
    expect(projectPath("/data/train.txt", { cwd: "/repo" })).toBe("/data/train.txt");
    expect(projectPath("../train.txt", { cwd: "/repo/data", projectDir: "/repo/data" })).toBe("../train.txt");
  });
});

describe("labellint check --reporter gitlab", () => {
  it("writes the report, exits 1 on errors, and names files from $CI_PROJECT_DIR", async () => {
    const project = mkdtempSync(join(tmpdir(), "labellint-gitlab-"));
    mkdirSync(join(project, "data"));
    writeFileSync(join(project, "data", "train_list.txt"), "a.jpg\t1,0\n\nb.jpg\t0,1\n");
    const args = ["check", "train_list.txt", "--reporter", "gitlab", "--rule", "rare-class:off"];
    const inData = await runCli(args, { cwd: join(project, "data"), env: { CI_PROJECT_DIR: project } });
    expect(inData.code).toBe(1);
    expect(inData.stderr).toBe("");
    const issues = JSON.parse(inData.stdout) as GitlabIssue[];
    expect(validate(issues), JSON.stringify(validate.errors)).toBe(true);
    expect(issues.map((i) => [i.check_name, i.location.path, lineOf(i)])).toEqual([["LL004", "data/train_list.txt", 2]]);
    // Without GitLab's variable: as the run named the file.
    const plain = await runCli(args, { cwd: join(project, "data") });
    expect((JSON.parse(plain.stdout) as GitlabIssue[])[0]!.location.path).toBe("train_list.txt");
  });

  it("is listed among the reporters an unknown name is told of", async () => {
    const r = await runCli(["check", fixture("defects", "train_list.txt"), "--reporter", "gitlab-ci"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("junit, gitlab");
  });
});

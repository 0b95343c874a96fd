import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run, type CliIo } from "../../src/cli/index.js";
import { lint, lintText, summarise } from "../../src/engine/lint.js";
import { escapeData, escapeProperty, formatGithub, githubStepSummary } from "../../src/reporters/github.js";
import type { Problem } from "../../src/types.js";
import { fixture, ROOT } from "../shared.js";
import { resultOf } from "./hand-made.js";

const defects = () => lint([{ path: fixture("defects", "train_list.txt"), displayPath: "fixtures/defects/train_list.txt" }]);

const problem = (severity: Problem["severity"], message: string, line?: number): Problem => ({
  code: severity === "error" ? "LL201" : "LL301",
  rule: severity === "error" ? "non-binary-value" : "empty-labelset",
  severity,
  message,
  ...(line !== undefined ? { line, column: 3 } : {}),
});

describe("github reporter", () => {
  describe("escaping", () => {
    it.each([
      ["plain text", "plain text", "plain text"],
      ["100%", "100%25", "100%25"],
      ["a\r\nb", "a%0D%0Ab", "a%0D%0Ab"],
      ["x: y, z", "x: y, z", "x%3A y%2C z"],
      ["%0A literally", "%250A literally", "%250A literally"],
      ["C:\\data\\train,1.txt", "C:\\data\\train,1.txt", "C%3A\\data\\train%2C1.txt"],
    ])("escapes %j as data %j and as a property %j", (input, data, property) => {
      expect(escapeData(input)).toBe(data);
      expect(escapeProperty(input)).toBe(property);
    });

    it("escapes file names and messages inside the commands", () => {
      const out = formatGithub(resultOf([{ path: "runs/a,b:c.txt", problems: [problem("error", "50% of\nrows", 4)] }]));
      expect(out.split("\n")[0]).toBe("::error file=runs/a%2Cb%3Ac.txt,line=4,col=3,title=LL201 non-binary-value::50%25 of%0Arows");
    });
  });

  it("emits errors before warnings, file and dataset findings first, then by file and line", () => {
    const result = resultOf([
      { path: "a.txt", problems: [problem("warn", "w a 7", 7), problem("error", "e a 9", 9), problem("warn", "w a dataset")] },
      { path: "b.txt", problems: [problem("error", "e b 2", 2), problem("error", "e b file")] },
    ]);
    const messages = formatGithub(result)
      .split("\n")
      .filter((l) => l.startsWith("::"))
      .map((l) => l.slice(l.lastIndexOf("::") + 2));
    expect(messages).toEqual(["e b file", "e a 9", "e b 2", "w a dataset", "w a 7"]);
  });

  it("caps annotations at ten of each kind and says how many more there are", () => {
    const errors = Array.from({ length: 13 }, (_, i) => problem("error", `error ${i}`, 100 - i));
    const warnings = Array.from({ length: 11 }, (_, i) => problem("warn", `warning ${i}`, 200 + i));
    const lines = formatGithub(resultOf([{ path: "many.txt", problems: [...warnings, ...errors] }])).trimEnd().split("\n");
    expect(lines.filter((l) => l.startsWith("::error "))).toHaveLength(10);
    expect(lines.filter((l) => l.startsWith("::warning "))).toHaveLength(10);
    // The lowest line numbers are kept.
    expect(lines[0]).toContain("line=88,");
    const notices = lines.filter((l) => l.startsWith("::notice"));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^::notice title=labellint::3 more errors and 1 more warning not annotated/);
    expect(notices[0]).toContain("--reporter text");
    expect(lines.at(-1)).toBe("labellint: 13 errors, 11 warnings in 1 file");
  });

  it("counts problems left out of a capped listing in the overflow notice", async () => {
    const text = Array.from({ length: 30 }, (_, i) => `img${i}.jpg\t0,2`).join("\n");
    const file = await lintText(text, { numClasses: 2, maxProblemsPerRule: 5, rules: { "rare-class": "off", "class-without-positives": "off" } }, "capped.txt");
    const out = formatGithub(summarise([file]));
    expect(out).toMatch(/::notice title=labellint::25 more errors/);
  });

  it("prints no notice when everything fits, and a plain line on a clean run", async () => {
    const file = await lintText("a.jpg\t0,1\nb.jpg\t1,0\n", { rules: { "rare-class": "off" } }, "clean.txt");
    expect(formatGithub(summarise([file]))).toBe("labellint: no problems in 1 file\n");
  });

  it("renders the defects sample (snapshot)", async () => {
    expect(formatGithub(await defects())).toMatchSnapshot();
  });

  describe("step summary", () => {
    it("gives per file the shape verdict, counts per rule, top problems and the fix command", async () => {
      const md = githubStepSummary(await defects());
      expect(md).toMatch(/^## labellint\n\n❌ 10 errors, 8 warnings in 1 file\n/);
      expect(md).toContain("paddleclas list, read as PaddleClas MultiLabelDataset reads it");
      expect(md).toContain("### `fixtures/defects/train_list.txt`");
      expect(md).toMatch(/❌ shape `\[121, 33\]` is not a clean binary matrix: .*1 blank line/);
      expect(md).toContain("| [rare-class](https://github.com/labellint/labellint/blob/main/docs/rules/rare-class.md) | LL307 | warn | 5 |");
      expect(md).toContain("Top 10 of 18 problems:");
      expect(md).toMatch(/- \*\*error\*\* line 5: blank line/);
      expect(md).toContain("labellint fix fixtures/defects/train_list.txt --out fixtures/defects/train_list.fixed.txt");
      expect(md).toMatchSnapshot();
    });

    it("says a clean file has no problems", async () => {
      const file = await lintText("a.jpg\t0,1\nb.jpg\t1,0\n", { rules: { "rare-class": "off" } }, "clean.txt");
      const md = githubStepSummary(summarise([file]));
      expect(md).toContain("✅ no problems in 1 file");
      expect(md).toContain("✅ shape `[2, 2]` binary");
      expect(md).not.toContain("labellint fix");
    });

    it("escapes Markdown in messages and quotes odd file names in the fix command", async () => {
      const file = await lintText("a|b_c*.jpg\t0,1\nd.jpg\t1,0\na|b_c*.jpg\t0,1\n", { numClasses: 2, rules: { "rare-class": "off" } }, "my labels.txt");
      const md = githubStepSummary(summarise([file]));
      expect(md).toContain("'a\\|b\\_c\\*.jpg");
      expect(md).toContain("labellint fix 'my labels.txt' --out 'my labels.fixed.txt' --num-classes 2");
    });
  });

  describe("through labellint check", () => {
    function io(env: Record<string, string>): CliIo & { out: () => string; err: () => string } {
      let stdout = "";
      let stderr = "";
      return {
        stdout: { write: (s: string) => (stdout += s), isTTY: false },
        stderr: { write: (s: string) => (stderr += s), isTTY: false },
        env,
        cwd: ROOT,
        out: () => stdout,
        err: () => stderr,
      };
    }

    it("appends the step summary to $GITHUB_STEP_SUMMARY", async () => {
      const summary = join(mkdtempSync(join(tmpdir(), "labellint-gh-")), "step_summary.md");
      writeFileSync(summary, "earlier step\n");
      const cli = io({ GITHUB_STEP_SUMMARY: summary });
      const code = await run(["check", "fixtures/defects/train_list.txt", "--reporter", "github"], cli);
      expect(code).toBe(1);
      expect(cli.err()).toBe("");
      expect(cli.out()).toMatch(/^::error file=fixtures\/defects\/train_list\.txt,line=5,title=LL004 blank-line::/);
      const written = readFileSync(summary, "utf8");
      expect(written.startsWith("earlier step\n## labellint\n")).toBe(true);
      expect(written).toContain("labellint fix fixtures/defects/train_list.txt --out");
    });

    it("writes no summary without $GITHUB_STEP_SUMMARY or with another reporter", async () => {
      const summary = join(mkdtempSync(join(tmpdir(), "labellint-gh-")), "step_summary.md");
      writeFileSync(summary, "");
      await run(["check", "fixtures/defects/train_list.txt", "--reporter", "json"], io({ GITHUB_STEP_SUMMARY: summary }));
      expect(readFileSync(summary, "utf8")).toBe("");
      const cli = io({});
      expect(await run(["check", "fixtures/defects/train_list.txt", "--reporter", "github"], cli)).toBe(1);
      expect(cli.err()).toBe("");
    });

    it("warns, without failing the check, when the summary cannot be written", async () => {
      const dir = mkdtempSync(join(tmpdir(), "labellint-gh-"));
      const cli = io({ GITHUB_STEP_SUMMARY: join(dir, "missing", "summary.md") });
      const code = await run(["check", "fixtures/nus-wide-scene/eval_list.txt", "--reporter", "github", "--num-classes", "33"], cli);
      expect(code).toBe(0);
      expect(cli.err()).toMatch(/cannot append the step summary/);
    });
  });
});

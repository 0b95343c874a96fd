import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run, type CliIo } from "../../src/cli/index.js";
import { reportPlan } from "../../src/cli/lint-report.js";
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
      // A line break in the data is shown as an escape: only the reporter's own breaks are %0A.
      expect(out.split("\n")[0]).toBe("::error file=runs/a%2Cb%3Ac.txt,line=4,col=3,title=LL201 non-binary-value::50%25 of\\x0arows");
    });

    it("shows control and bidi characters in paths, titles and messages as escapes, never raw", () => {
      const hostile: Problem = { ...problem("error", "class \u001b[2Jname\r::error::forged\u202e", 4), suggestion: "rename\u0007 it" };
      const out = formatGithub(resultOf([{ path: "evil\u001b]0;x\u0007,dir:\n::warning::x.txt", problems: [hostile] }]));
      expect(out).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F\u202E]/);
      const lines = out.trimEnd().split("\n");
      expect(lines.filter((l) => l.startsWith("::"))).toHaveLength(1);
      expect(lines[0]).toBe(
        "::error file=evil\\x1b]0;x\\x07%2Cdir%3A\\x0a%3A%3Awarning%3A%3Ax.txt,line=4,col=3,title=LL201 non-binary-value::" +
          "class \\x1b[2Jname\\x0d::error::forged\\u202e%0AFix by hand: rename\\x07 it",
      );
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
    const lines = formatGithub(resultOf([{ path: "many.txt", problems: [...warnings, ...errors] }]), { group: false }).trimEnd().split("\n");
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
    const out = formatGithub(summarise([file]), { group: false });
    expect(out).toMatch(/::notice title=labellint::25 more errors/);
  });

  it("annotates a rule's repeated line findings once, naming the count and the first lines", async () => {
    const text = Array.from({ length: 30 }, (_, i) => `img${i}.jpg\t0,2\n`).join("");
    const file = await lintText(text, { numClasses: 2, maxProblemsPerRule: 5, rules: { "rare-class": "off", "class-without-positives": "off" } }, "capped.txt");
    const lines = formatGithub(summarise([file])).trimEnd().split("\n");
    expect(lines).toEqual([
      "::error file=capped.txt,line=1,col=12,title=LL201 non-binary-value (30 lines)::value '2' for class 1 is not 0 or 1: PaddleClas reads it and trains on a target of 2 without complaint" +
        "%0A30 lines have this finding: 1, 2, 3, 4, 5 and 25 more.",
      "labellint: 30 errors, 0 warnings in 1 file",
    ]);
  });

  it("annotates every rule once before any rule a second time", () => {
    // Listed one by one (--no-group), twelve class findings and forty line findings compete for ten slots.
    const rare = Array.from({ length: 12 }, (_, i): Problem => ({ code: "LL307", rule: "rare-class", severity: "warn", message: `rare ${i}`, classIndex: i }));
    const empty = Array.from({ length: 40 }, (_, i) => problem("warn", `empty ${i}`, i + 1));
    const lines = formatGithub(resultOf([{ path: "a.txt", problems: [...rare, ...empty] }]), { group: false }).trimEnd().split("\n");
    const warnings = lines.filter((l) => l.startsWith("::warning"));
    expect(warnings).toHaveLength(10);
    expect(warnings.filter((l) => l.includes("title=LL307 rare-class::"))).toHaveLength(9);
    expect(warnings.at(-1)).toContain("title=LL301 empty-labelset::empty 0");
    expect(lines).toContain(
      "::notice title=labellint::42 more warnings not annotated: GitHub shows 10 annotations of each kind per step. See them all in the job summary, or run labellint check with --reporter text (or --reporter sarif for code scanning).",
    );
  });

  it("annotates a rule's class findings once, naming the count and the first classes", () => {
    const rare = Array.from({ length: 12 }, (_, i): Problem => ({ code: "LL307", rule: "rare-class", severity: "warn", message: `rare ${i}`, classIndex: 2 * i }));
    const empty = Array.from({ length: 40 }, (_, i) => problem("warn", `empty ${i}`, i + 1));
    const lines = formatGithub(resultOf([{ path: "a.txt", problems: [...rare, ...empty] }])).trimEnd().split("\n");
    expect(lines).toEqual([
      "::warning file=a.txt,title=LL307 rare-class (12 classes)::rare 0%0A12 classes have this finding: 0, 2, 4, 6, 8, 10, 12, 14, 16, 18 and 2 more.",
      "::warning file=a.txt,line=1,col=3,title=LL301 empty-labelset (40 lines)::empty 0%0A40 lines have this finding: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 30 more.",
      "labellint: 0 errors, 52 warnings in 1 file",
    ]);
  });

  it("keeps the annotations of other rules when one rule repeats a thousand times", () => {
    const many = Array.from({ length: 1000 }, (_, i) => problem("error", `bad ${i}`, i + 1));
    const other: Problem = { code: "LL001", rule: "blank-line", severity: "error", message: "blank line", line: 2000, column: 1 };
    const lines = formatGithub(resultOf([{ path: "a.txt", problems: [...many, other] }])).trimEnd().split("\n");
    const annotations = lines.filter((l) => l.startsWith("::error"));
    expect(annotations).toHaveLength(2);
    expect(annotations[0]).toContain("title=LL201 non-binary-value (1%2C000 lines)");
    expect(annotations[0]).toContain("1,000 lines have this finding: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 990 more.");
    expect(annotations[1]).toContain("line=2000,");
    expect(lines.some((l) => l.startsWith("::notice"))).toBe(false);
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

    it("lists a rule's repeated findings as one item, with the exact count", async () => {
      const text = Array.from({ length: 30 }, (_, i) => `img${i}.jpg\t0,2\n`).join("");
      const file = await lintText(text, { numClasses: 2, maxProblemsPerRule: 5, rules: { "rare-class": "off", "class-without-positives": "off" } }, "capped.txt");
      const md = githubStepSummary(summarise([file]));
      expect(md).toContain("Problems:\n\n- **error** `non-binary-value` on 30 lines (1, 2, 3, 4, 5 and 25 more), the first: value '2' for class 1 is not 0 or 1");
      expect(githubStepSummary(summarise([file]), { group: false })).toContain("Top 5 of 30 problems:");
    });

    it("shows control characters of paths and messages as escapes", () => {
      const md = githubStepSummary(resultOf([{ path: "evil\u001b[2J.txt", problems: [problem("error", "bad \u202ename", 3)] }]));
      expect(md).not.toMatch(/[\u001b\u202e]/);
      expect(md).toContain("### `evil\\x1b[2J.txt`");
      expect(md).toContain("bad \\\\u202ename");
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

    it("groups 250 findings of a rule into one annotation with the exact count, as a listing of them all does", async () => {
      const dir = mkdtempSync(join(tmpdir(), "labellint-gh-"));
      const list = join(dir, "train_list.txt");
      writeFileSync(list, Array.from({ length: 250 }, (_, i) => `images\\${i}.jpg\t${i % 2},${(i + 1) % 2}\n`).join(""));
      const outputs = [];
      for (const extra of [[], ["--max-problems-per-rule", "1000"]]) {
        for (const group of [[], ["--no-group"]]) {
          const summary = join(dir, `summary-${outputs.length}.md`);
          const cli = { ...io({ GITHUB_STEP_SUMMARY: summary }), cwd: dir };
          expect(await run(["check", "train_list.txt", "--reporter", "github", ...group, ...extra], cli)).toBe(1);
          outputs.push({ group: group.length === 0, annotations: cli.out(), summary: readFileSync(summary, "utf8") });
        }
      }
      expect(outputs[0]!.annotations).toContain("title=LL503 backslash-path (250 lines)::");
      expect(outputs[1]!.annotations).toContain("::notice title=labellint::240 more errors not annotated");
      expect(outputs.slice(2)).toEqual(outputs.slice(0, 2));
      // 100 listed a rule, as text: the errors per rule give each group its exact count (1 M findings: 12.8 s, 967 MB → 3.2 s, 81 MB).
      expect((await reportPlan({ reporter: "github" })).maxProblems).toBe(100);
    });

    it("warns, without failing the check, when the summary cannot be written", async () => {
      const dir = mkdtempSync(join(tmpdir(), "labellint-gh-"));
      const cli = io({ GITHUB_STEP_SUMMARY: join(dir, "missing", "summary.md") });
      const code = await run(["check", "fixtures/nus-wide-scene/eval_list.txt", "--reporter", "github", "--num-classes", "33"], cli);
      expect(code).toBe(0);
      expect(cli.err()).toBe(`labellint: warning: cannot append the step summary to '${join(dir, "missing", "summary.md")}' ($GITHUB_STEP_SUMMARY): its folder does not exist; the report above is complete\n`);
    });
  });
});

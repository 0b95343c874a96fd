import { describe, expect, it } from "vitest";
import { lint, lintText, summarise } from "../../src/engine/lint.js";
import { resultOf } from "./hand-made.js";
import { formatText } from "../../src/reporters/text.js";
import { GROUP_LINES_SHOWN, GROUP_THRESHOLD } from "../../src/reporters/group.js";
import { fixture } from "../shared.js";
import type { Problem } from "../../src/types.js";

describe("text reporter", () => {
  it("renders the defects sample (snapshot)", async () => {
    const result = await lint([{ path: fixture("defects", "train_list.txt"), displayPath: "fixtures/defects/train_list.txt" }], {
      maxProblemsPerRule: 100,
    });
    result.version = "0.0.0";
    expect(formatText(result, { color: false })).toMatchSnapshot();
  });

  it("says there are no problems on a clean file, with the shape verdict", async () => {
    const file = await lintText("a.jpg\t0,1\nb.jpg\t1,0\n", { rules: { "rare-class": "off" } }, "clean.txt");
    const text = formatText(summarise([file]));
    expect(text).toContain("shape [2, 2] binary ✓");
    expect(text).toContain("✓ no problems in 1 file");
  });

  it("crops a long quoted line around the caret and shows TABs as arrows", async () => {
    const values = new Array<string>(200).fill("0");
    values[150] = "7";
    const file = await lintText(`a.jpg\t${values.join(",")}\n`, { numClasses: 200, rules: { "rare-class": "off", "class-without-positives": "off" } }, "wide.txt");
    const text = formatText(summarise([file]));
    const quoted = text.split("\n").filter((l) => /^\s+(1 )?\|/.test(l));
    expect(quoted[0]).toContain("…");
    expect(quoted[0]!.length).toBeLessThan(130);
    const caret = quoted[1]!.indexOf("^");
    expect(quoted[0]![caret]).toBe("7");
  });

  it("colours severities only when asked", async () => {
    const file = await lintText("a.jpg\t0,2\n", { numClasses: 2 }, "x.txt");
    expect(formatText(summarise([file]), { color: false })).not.toContain("\u001b[");
    expect(formatText(summarise([file]), { color: true })).toContain("\u001b[31merror");
  });

  it("lists only errors with quiet, but keeps the per-rule totals", async () => {
    const file = await lintText("a.jpg\t0,2\nb.jpg\t0,0\n", { numClasses: 2 }, "x.txt");
    const text = formatText(summarise([file]), { quiet: true });
    expect(text).not.toMatch(/x\.txt:2:\d+ +warn/);
    expect(text).toMatch(/1 +empty-labelset/);
  });

  describe("groups of repeated findings", () => {
    const emptyRows = (count: number) => Array.from({ length: count }, (_, i) => `img${i}.jpg\t${i === 0 ? "1,0" : "0,0"}\n`).join("");
    const only = { numClasses: 2, rules: { "rare-class": "off", "class-without-positives": "off" } } as const;

    it(`shows a rule with more than ${GROUP_THRESHOLD} line findings as one entry: count, first ${GROUP_LINES_SHOWN} lines, one quoted line`, async () => {
      const file = await lintText(emptyRows(31), only, "empty.txt");
      const text = formatText(summarise([file]));
      expect(text).toContain("empty.txt:2:10  warn   empty-labelset on 30 lines (LL301); the first:");
      expect(text).toContain("    row has no positive label");
      expect(text).toContain("    lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 20 more (--no-group lists each)");
      expect(text.match(/empty\.txt:\d+:\d+/g)).toHaveLength(1);
      expect(text.match(/^ {4}\d+ \|/gm)).toHaveLength(1);
      // The totals are the true counts.
      expect(text).toMatch(/^ {2}30 {2}empty-labelset/m);
      expect(text).toContain("⚠ 30 problems (0 errors, 30 warnings) in 1 file");
    });

    it(`lists ${GROUP_THRESHOLD} findings of a rule one by one`, async () => {
      const file = await lintText(emptyRows(GROUP_THRESHOLD + 1), only, "few.txt");
      const text = formatText(summarise([file]));
      expect(text).not.toContain("empty-labelset on");
      expect(text.match(/few\.txt:\d+:\d+ +warn/g)).toHaveLength(GROUP_THRESHOLD);
    });

    it("lists every finding with group: false (--no-group)", async () => {
      const file = await lintText(emptyRows(31), only, "empty.txt");
      const text = formatText(summarise([file]), { group: false });
      expect(text).not.toContain("empty-labelset on");
      expect(text.match(/empty\.txt:\d+:\d+ +warn/g)).toHaveLength(30);
    });

    it("counts the findings --max-problems-per-rule left unlisted in the group, not as more problems", async () => {
      const file = await lintText(emptyRows(31), { ...only, maxProblemsPerRule: 5 }, "capped.txt");
      const text = formatText(summarise([file]));
      expect(text).toContain("empty-labelset on 30 lines");
      // --no-group would list only the first 5: the hint says so, and how to list more.
      expect(text).toContain("lines 2, 3, 4, 5, 6 and 25 more (--no-group lists the first 5; --max-problems-per-rule N lists up to N)");
      expect(text).not.toContain("more problems not listed");
      const flat = formatText(summarise([file]), { group: false });
      expect(flat).toContain("25 more problems not listed (--max-problems-per-rule); the counts above are exact");
    });

    it("gives a group its exact count when its rule reports at two severities past the cap (the errors per rule say which are which)", async () => {
      // non-canonical-value: '+1' PaddleClas reads (warning), '1.0' stops it (error): 2 and 3 warning rows around 30 error rows, 10 listed.
      const warn = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `w${tag}${i}.jpg\t+1,0\n`);
      const rows = [...warn("a", 2), ...Array.from({ length: 30 }, (_, i) => `e${i}.jpg\t1.0,0\n`), ...warn("b", 3), "a.jpg\t0,1\n"].join("");
      const options = { numClasses: 2, consumer: "paddleclas", rules: { "rare-class": "off" } } as const;
      const capped = await lintText(rows, { ...options, maxProblemsPerRule: 10 }, "mixed.txt");
      expect(capped.errorCounts).toEqual({ "non-canonical-value": 30 });
      const text = formatText(summarise([capped]));
      expect(text).toContain("non-canonical-value on 30 lines");
      expect(text).toContain("lines 3, 4, 5, 6, 7, 8, 9, 10 and 22 more (--no-group lists the first 8; --max-problems-per-rule N lists up to N)");
      expect(text).toContain("lines 1, 2 and 3 more (--no-group lists the first 2;");
      // The warnings: 2 listed, 3 unlisted, one group of 5 as uncapped.
      const all = formatText(summarise([await lintText(rows, options, "mixed.txt")]));
      expect(all).toContain("non-canonical-value on 30 lines");
      expect(all).toContain("non-canonical-value on 5 lines");
      expect(text).toContain("non-canonical-value on 5 lines");
    });

    it("says 'at least' when the errors per rule are unknown (partials of an earlier labellint) and a rule's findings are in two groups", () => {
      const p = (severity: Problem["severity"], line: number): Problem => ({ code: "LL202", rule: "non-canonical-value", severity, message: severity, line, column: 1 });
      const result = resultOf([{ path: "old.txt", problems: [...[1, 2, 3, 4, 5].map((l) => p("error", l)), ...[6, 7, 8, 9].map((l) => p("warn", l))] }]);
      result.files[0]!.counts["non-canonical-value"] = 20;
      const text = formatText(result);
      expect(text).toContain("non-canonical-value on at least 5 lines");
      expect(text).toContain("lines 1, 2, 3, 4, 5 and maybe more (--no-group lists the first 5; --max-problems-per-rule N lists up to N)");
      expect(text).toContain("non-canonical-value on at least 4 lines");
    });

    it("shows a rule's class findings as one entry too: count, first classes, the first message", async () => {
      // 40 rows, 16 classes: class 0 is on every row, classes 1–15 never.
      const rows = Array.from({ length: 40 }, (_, i) => `img${i}.jpg\t1${",0".repeat(15)}\n`).join("");
      const file = await lintText(rows, { numClasses: 16, rules: { "rare-class": "off" } }, "classes.txt");
      const text = formatText(summarise([file]));
      expect(text).toContain("classes.txt  error  class-without-positives on 15 classes (LL305); the first:");
      expect(text).toContain("    class 1 has no positive in 40 rows");
      expect(text).toContain("    classes 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 5 more (--no-group lists each)");
      expect(text).toMatch(/^ {2}15 {2}class-without-positives/m);
      const flat = formatText(summarise([file]), { group: false });
      expect(flat.match(/^classes\.txt +error +class \d+ has no positive/gm)).toHaveLength(15);
    });

    it("groups errors alone with quiet", async () => {
      const rows = Array.from({ length: 5 }, (_, i) => `e${i}.jpg\t2,0\n`).join("") + emptyRows(6);
      const file = await lintText(rows, only, "mixed.txt");
      const text = formatText(summarise([file]), { quiet: true });
      expect(text).toContain("mixed.txt:1:8  error  non-binary-value on 5 lines");
      expect(text).not.toContain("empty-labelset on");
      expect(text).toMatch(/^ {2}\d+ {2}empty-labelset/m);
    });
  });

  describe("hostile bytes", () => {
    it("shows control and bidi characters of paths, messages and quoted lines as escapes, the caret still under the span", async () => {
      const file = await lintText("a\u001b[2Jb\u202Egpj.jpg\t0,2\n", { numClasses: 2, rules: { "rare-class": "off", "class-without-positives": "off" } }, "evil\u001b]0;pwned\u0007.txt");
      const text = formatText(summarise([file]), { color: false });
      expect(text).not.toMatch(/[\u001b\u0007\u202e]/);
      expect(text).toContain("evil\\x1b]0;pwned\\x07.txt:1:");
      const quoted = text.split("\n").filter((l) => /^\s+(1 )?\|/.test(l));
      expect(quoted[0]).toContain("a\\x1b[2Jb\\u202egpj.jpg→0,2");
      expect(quoted[0]![quoted[1]!.indexOf("^")]).toBe("2");
    });

    it("keeps its own colours when colour is on, but never the input's", async () => {
      const file = await lintText("x\u001b[31m.jpg\t0,2\n", { numClasses: 2 }, "x.txt");
      const text = formatText(summarise([file]), { color: true });
      expect(text).toContain("\u001b[31merror");
      expect(text).toContain("x\\x1b[31m.jpg");
    });
  });
});


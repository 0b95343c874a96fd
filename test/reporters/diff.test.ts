import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diff } from "../../src/diff/diff.js";
import { diffStepSummary, formatDiffGithub } from "../../src/reporters/diff-github.js";
import { formatDiffHtml } from "../../src/reporters/diff-html.js";
import { formatDiffText } from "../../src/reporters/diff-text.js";

async function sample() {
  const dir = mkdtempSync(join(tmpdir(), "labellint-diff-report-"));
  writeFileSync(join(dir, "old.csv"), "path,cat,dog,owl\na.jpg,1,0,0\nb.jpg,0,1,0\nc.jpg,0,0,1\nd|x.jpg,1,1,0\nf.jpg,0,1,0\n");
  writeFileSync(join(dir, "new.csv"), "path,cat,dog,bird\na.jpg,0,0,1\nb.jpg,0,1,0\nd|x.jpg,0,0,0\ne.jpg,0,0,1\nb.jpg,0,1,0\nf.jpg,0,0,0\n");
  return diff(join(dir, "old.csv"), join(dir, "new.csv"), { displayPaths: ["old.csv", "new.csv"] });
}

describe("diff reporters", () => {
  it("text: counts, classes added and removed, emptied classes, duplicates, per-class table, changed rows", async () => {
    expect(formatDiffText(await sample())).toMatchSnapshot();
  });

  it("github: warnings for emptied classes and duplicates, notices on changed lines, escaped", async () => {
    expect(formatDiffGithub(await sample())).toMatchSnapshot();
  });

  it("github step summary: Markdown with paths in code spans and table cells escaped", async () => {
    const summary = diffStepSummary(await sample());
    expect(summary).toContain("| relabelled | `d\\|x.jpg` | 5 | 4 | −cat −dog |");
    expect(summary).toMatchSnapshot();
  });

  it("html: one self-contained document with the same facts", async () => {
    const html = formatDiffHtml(await sample());
    expect(html).toContain("Classes added: <code>bird</code>");
    expect(html).toContain("Classes removed: <code>owl</code>");
    expect(html).toContain("<code>d|x.jpg</code>");
    expect(html).not.toMatch(/https?:\/\//);
  });

  it("text and github: control characters of paths show as escapes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "labellint-diff-report-"));
    writeFileSync(join(dir, "old.txt"), "a\u001b[2J.jpg\t1,0\nb.jpg\t0,1\n");
    writeFileSync(join(dir, "new.txt"), "a\u001b[2J.jpg\t0,1\nb.jpg\t0,1\n");
    const result = await diff(join(dir, "old.txt"), join(dir, "new.txt"), { displayPaths: ["old\u202e.txt", "new.txt"] });
    for (const out of [formatDiffText(result), formatDiffGithub(result)]) {
      expect(out).not.toMatch(/[\u001b\u202e]/);
      expect(out).toContain("a\\x1b[2J.jpg");
    }
    expect(formatDiffText(result)).toContain("old\\u202e.txt");
  });
});


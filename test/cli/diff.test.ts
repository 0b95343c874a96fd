import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSize } from "../../src/cli/args.js";
import { runCli } from "../cli-harness.js";
import { diff } from "../../src/diff/diff.js";
import { formatDiffJson } from "../../src/reporters/diff-text.js";

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "labellint-diff-cli-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const OLD = "a.jpg\t1,0,0\nb.jpg\t0,1,0\nc.jpg\t0,0,1\nd.jpg\t1,1,0\n";
const NEW = "a.jpg\t1,0,1\nb.jpg\t0,1,0\nd.jpg\t1,1,0\ne.jpg\t0,0,1\nb.jpg\t0,1,0\n";
const NAMES = "0 cat\n1 dog\n2 owl\n";

describe("labellint diff", () => {
  it("prints the counts, the classes that changed and the changed rows, and exits 0", async () => {
    const dir = folder({ "old.txt": OLD, "new.txt": NEW, "names.txt": NAMES });
    const r = await runCli(["diff", "old.txt", "new.txt", "--class-names", "names.txt"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("diff old.txt (paddleclas, 4 rows) → new.txt (paddleclas, 5 rows), 3 classes matched by name\n");
    expect(r.stdout).toContain("  1 relabelled, 2 added, 1 removed, 2 unchanged (rows matched by path)\n");
    expect(r.stdout).toContain("duplicates introduced: 1 path listed more than once in new.txt (1 extra row) and at most once in old.txt");
    expect(r.stdout).toMatch(/relabelled +new\.txt:1 +a\.jpg +\+owl\n/);
    expect(r.stdout).toMatch(/added +new\.txt:4 +e\.jpg +owl\n/);
    expect(r.stdout).toMatch(/removed +old\.txt:3 +c\.jpg +owl\n/);
    expect(r.stdout).toMatch(/owl +1 +2 +\+1 +1 +0 +1 +1/);
  });

  it("exits 1 with --fail-on-change when anything changed, 0 when nothing did", async () => {
    const dir = folder({ "old.txt": OLD, "new.txt": NEW });
    expect((await runCli(["diff", "old.txt", "new.txt", "--fail-on-change"], { cwd: dir })).code).toBe(1);
    const same = await runCli(["diff", "old.txt", "old.txt", "--fail-on-change"], { cwd: dir });
    expect(same.code).toBe(0);
    expect(same.stdout).toContain("no changes: the same 4 rows by path, with the same labels");
  });

  it("prints every changed row in json, and caps them with --max-rows", async () => {
    const dir = folder({ "old.txt": OLD, "new.txt": NEW });
    const all = JSON.parse((await runCli(["diff", "old.txt", "new.txt", "--reporter", "json"], { cwd: dir })).stdout) as { changes: unknown[]; changesOmitted: number };
    expect(all.changes).toHaveLength(4);
    const capped = JSON.parse((await runCli(["diff", "old.txt", "new.txt", "--reporter", "json", "--max-rows", "0"], { cwd: dir })).stdout) as { changes: unknown[]; changesOmitted: number; counts: { added: number } };
    expect(capped.changes).toHaveLength(0);
    expect(capped.changesOmitted).toBe(4);
    expect(capped.counts.added).toBe(2);
  });

  it("streams the json report: the very text JSON.stringify(result, null, 2) gives", async () => {
    const dir = folder({ "old.txt": OLD, "new.txt": NEW });
    const printed = (await runCli(["diff", "old.txt", "new.txt", "--reporter", "json"], { cwd: dir })).stdout;
    const result = await diff(join(dir, "old.txt"), join(dir, "new.txt"), { displayPaths: ["old.txt", "new.txt"] });
    expect(printed).toBe(formatDiffJson(result));
  });

  it("writes annotations with the github reporter and appends a Markdown summary to $GITHUB_STEP_SUMMARY", async () => {
    const dir = folder({ "old.txt": OLD, "new.txt": NEW, "summary.md": "earlier step\n" });
    const r = await runCli(["diff", "old.txt", "new.txt", "--reporter", "github"], { cwd: dir, env: { GITHUB_STEP_SUMMARY: join(dir, "summary.md") } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("::warning file=new.txt,line=5,title=labellint diff%3A duplicate introduced::b.jpg is listed 2 times (lines 2, 5); old.txt had it once");
    expect(r.stdout).toContain("::notice file=new.txt,line=1,title=labellint diff%3A relabelled::a.jpg: +#2");
    expect(r.stdout).toContain("::notice file=new.txt,line=4,title=labellint diff%3A added::e.jpg: #2");
    expect(r.stdout.trimEnd().split("\n").pop()).toBe("labellint diff: 1 relabelled, 2 added, 1 removed, 2 unchanged");
    const summary = readFileSync(join(dir, "summary.md"), "utf8");
    expect(summary.startsWith("earlier step\n## labellint diff\n")).toBe(true);
    expect(summary).toContain("`old.txt` → `new.txt`: **1 relabelled, 2 added, 1 removed**, 2 unchanged");
    expect(summary).toContain("| #2 | 1 | 2 | 1 | 0 | 1 | 1 |");
  });

  it("writes a self-contained html page with --reporter html --output", async () => {
    const dir = folder({ "old.txt": OLD, "new.txt": NEW });
    const r = await runCli(["diff", "old.txt", "new.txt", "--reporter", "html", "--output", "diff.html"], { cwd: dir });
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, "diff.html"), "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/https?:\/\/|<script|<link/);
    expect(html).toContain("1 relabelled, 2 added, 1 removed, 2 unchanged");
    expect(html).toContain("<svg");
  });

  it("takes --memory-limit with a unit and spills to disk past it, with the same report", async () => {
    const dir = folder({ "old.txt": OLD, "new.txt": NEW });
    const small = JSON.parse((await runCli(["diff", "old.txt", "new.txt", "--reporter", "json", "--memory-limit", "64"], { cwd: dir })).stdout) as { join: { mode: string } };
    expect(small.join.mode).toBe("disk");
    expect(parseSize("memory-limit", "64M")).toBe(64 * 1024 * 1024);
    expect(parseSize("memory-limit", "512KiB")).toBe(512 * 1024);
    expect(parseSize("memory-limit", "1g")).toBe(1024 ** 3);
  });

  it("exits 2 with one clear line on misuse", async () => {
    const dir = folder({ "old.txt": OLD });
    for (const [argv, message] of [
      [["diff", "old.txt"], /diff compares two label files, OLD and NEW; got 1/],
      [["diff", "old.txt", "old.txt", "old.txt"], /got 3/],
      [["diff", "old.txt", "old.txt", "--reporter", "sarif"], /--reporter must be one of text, json, github, html/],
      [["diff", "old.txt", "old.txt", "--memory-limit", "lots"], /--memory-limit takes a size such as 64M/],
      [["diff", "old.txt", "missing.txt"], /cannot read 'missing\.txt': no such file/],
    ] as [string[], RegExp][]) {
      const r = await runCli(argv, { cwd: dir });
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stderr, argv.join(" ")).toMatch(message);
      expect(r.stderr.trim().split("\n"), argv.join(" ")).toHaveLength(1);
    }
  });

  it("refuses an input that cannot be read as a whole (a JSON syntax error): exit 2 and one line naming why, not every row shown as removed", async () => {
    const good = JSON.stringify({ metainfo: { classes: ["cat", "dog"] }, data_list: [{ img_path: "a.jpg", gt_label: [0] }, { img_path: "b.jpg", gt_label: [1] }] }, null, 1);
    // A comma missing between two entries: the file as a whole is not JSON.
    const broken = good.replace("},\n", "}\n");
    const dir = folder({ "old.json": good, "new.json": broken });
    const r = await runCli(["diff", "old.json", "new.json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^labellint: new\.json cannot be read as json \(line \d+\): not valid JSON: .*; labellint check new\.json lists its problems\n$/);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  it("names the records of a record format it could not read as rows, in every reporter, and counts them in json", async () => {
    const dir = folder({ "old.idx": "a.jpg\t0,1\nb.jpg\t2\n", "new.idx": "a.jpg\t0,99\nb.jpg\t2\n", "summary.md": "" });
    const args = ["diff", "old.idx", "new.idx", "--format", "indices", "--num-classes", "5"];
    const note = "1 record of new.idx could not be read as a row and is not compared (its path may show as removed or added); labellint check new.idx says why";
    const text = await runCli(args, { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`\n  ${note}\n`);
    expect(text.stdout).toMatch(/removed +old\.idx:1 +a\.jpg/);
    const json = JSON.parse((await runCli([...args, "--reporter", "json"], { cwd: dir })).stdout);
    expect([json.old.unread, json.new.unread]).toEqual([0, 1]);
    const github = await runCli([...args, "--reporter", "github"], { cwd: dir, env: { GITHUB_STEP_SUMMARY: join(dir, "summary.md") } });
    expect(github.stdout).toContain(`::warning file=new.idx,title=labellint diff%3A records not read::${note}`);
    expect(readFileSync(join(dir, "summary.md"), "utf8")).toContain(`⚠️ ${note}`);
    const html = await runCli([...args, "--reporter", "html"], { cwd: dir });
    expect(html.stdout).toContain(`<p class="warn">${note}</p>`);
    // Nothing unread: no note.
    expect((await runCli(["diff", "old.idx", "old.idx", "--format", "indices"], { cwd: dir })).stdout).not.toContain("could not be read");
  });
});

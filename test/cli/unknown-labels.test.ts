import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli-harness.js";
import { paddleRows } from "../rule-tester.js";

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "labellint-unknown-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const LIST = `${paddleRows(30, 3)}x.jpg\t1,-1,0\ny.jpg\t-1,0,1\n`;

describe("declared unknown labels", () => {
  it("--unknown-label -1 (a negative value after the flag) is taken as the value, and a generic reader passes", async () => {
    const dir = project({ "list.txt": LIST });
    const out = await runCli(["check", "list.txt", "--unknown-label", "-1", "--consumer", "generic", "--rule", "rare-class:off"], { cwd: dir });
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
  });

  it("as PaddleClas reads the list, -1 is an error that names the setting which masks it", async () => {
    const dir = project({ "list.txt": LIST });
    const out = await runCli(["check", "list.txt", "--unknown-label=-1", "--rule", "rare-class:off"], { cwd: dir });
    expect(out.code).toBe(1);
    expect(out.stdout).toContain("declared unknown (labels.unknown): PaddleClas has no notion of unknown");
    expect(out.stdout).toContain("weight_ratio: True");
  });

  it("labels.unknown in the config file; stats count unknowns per class", async () => {
    const dir = project({ "list.txt": LIST, "labellint.config.json": JSON.stringify({ consumer: "generic", labels: { unknown: [-1] } }) });
    const out = await runCli(["stats", "list.txt", "--reporter", "json"], { cwd: dir });
    expect(out.code).toBe(0);
    const classes = (JSON.parse(out.stdout) as { files: { statistics: { classes: { unknowns?: number }[] } }[] }).files[0]!.statistics.classes;
    expect(classes.map((c) => c.unknowns)).toEqual([1, 1, 0]);
  });

  it("refuses a value that is not an integer or empty", async () => {
    const dir = project({ "list.txt": LIST });
    const out = await runCli(["check", "list.txt", "--unknown-label", "x"], { cwd: dir });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--unknown-label takes an integer/);
  });
});

/**
 * A -1 that the file's reader takes is kept by fix, convert and split, not
 * rejected as "a -1 in a file of 0/1 labels": PaddleClas masks it when the
 * config reads 3-D targets (`label_ratio: True` with MultiLabelLoss's
 * `weight_ratio`; ppcls/loss/multilabelloss.py weights a -1 target by 0), and
 * `--unknown-label -1` declares it "unknown". check passed such a list while
 * fix removed its rows (exit 0): samples gone from training.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli-harness.js";
import { generatedList, layOutPpcls } from "../ppcls/layout.js";
import { realConfig } from "../ppcls/configs.js";
import { HAS_SHARED, sharedTitle } from "../shared.js";
import { scratchDir } from "../shards/lists.js";

const { dir: tmp, write } = scratchDir("labellint-masked-");

/** The PULC person-attribute train list (26 classes) with one -1 on its third row. */
function maskedList(): string {
  const lines = generatedList(26, 80, "train").split("\n");
  lines[2] = lines[2]!.replace(/,0,/, ",-1,");
  return lines.join("\n");
}

describe.skipIf(!HAS_SHARED)(sharedTitle("a -1 the PULC person-attribute config masks"), () => {
  it("check passes it; fix and convert with the config keep the row, and apply of the plan writes the same", async () => {
    const list = maskedList();
    const dir = await layOutPpcls(realConfig("person"), { lists: { train: list } });
    const train = "dataset/pa100k/train_list.txt";
    const check = await runCli(["check", "--ppcls-config", "config.yaml"], { cwd: dir });
    expect(check.code).toBe(0);

    const f = await runCli(["fix", train, "--ppcls-config", "config.yaml", "--out", "fixed.txt", "--plan", "plan.json"], { cwd: dir });
    expect(f.stderr).toBe("");
    expect(f.stdout).toContain("80 lines in = 80 rows out + 0 rejected + 0 dropped");
    expect(f.code).toBe(0);
    expect(readFileSync(join(dir, "fixed.txt"), "utf8")).toBe(list);
    const plan = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8")) as { minusOneMasked?: string };
    expect(plan.minusOneMasked).toBeDefined();
    const a = await runCli(["apply", "plan.json", "--out", "applied.txt"], { cwd: dir });
    expect(a.code).toBe(0);
    expect(readFileSync(join(dir, "applied.txt"), "utf8")).toBe(list);

    const c = await runCli(["convert", train, "--ppcls-config", "config.yaml", "--to", "spaced", "--out", "list.spaced"], { cwd: dir });
    expect(c.code).toBe(0);
    expect(readFileSync(join(dir, "list.spaced"), "utf8").split("\n")[2]).toContain(" -1 ");

    // Without the config, -1 in a 0/1 list is what PaddleClas trains on as a target of -1: rejected.
    const plain = await runCli(["fix", train, "--out", "plain.txt"], { cwd: dir });
    expect(plain.stdout).toContain("80 lines in = 79 rows out + 1 rejected");
  });
});

describe("a -1 declared unknown with --unknown-label -1", () => {
  it("fix and convert keep the row as written", async () => {
    const csv = write("unknown.csv", "path,a,b,c\na.jpg,1,0,-1\nb.jpg,0,1,1\nc.jpg,1,1,0\n");
    // Read by the strict generic reader, which takes the declared unknown value (PaddleClas would not: see below).
    const f = await runCli(["fix", csv, "--unknown-label", "-1", "--consumer", "generic", "--out", `${tmp}/unknown.txt`]);
    expect(f.stdout).toContain("3 lines in = 3 rows out + 0 rejected");
    expect(f.stdout).toContain("check of the output: 0 errors");
    expect(f.code).toBe(0);
    expect(readFileSync(`${tmp}/unknown.txt`, "utf8")).toBe("a.jpg\t1,0,-1\nb.jpg\t0,1,1\nc.jpg\t1,1,0\n");
    const c = await runCli(["convert", csv, "--unknown-label", "-1", "--to", "csv", "--out", `${tmp}/unknown.out.csv`]);
    expect(c.code).toBe(0);
    expect(readFileSync(`${tmp}/unknown.out.csv`, "utf8")).toContain("a.jpg,1,0,-1\n");
    // Judged for PaddleClas, which reads the output as a target of -1, the kept row is an error left, and fix says so.
    const p = await runCli(["fix", csv, "--unknown-label", "-1", "--out", `${tmp}/unknown-pc.txt`]);
    expect(p.stdout).toContain("check of the output: 1 error left (non-binary-value)");
    expect(p.code).toBe(1);
  });
});

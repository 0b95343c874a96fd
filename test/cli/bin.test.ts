import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../shared.js";

const BIN = join(ROOT, "dist", "cli", "bin.js");

describe.skipIf(!existsSync(BIN))("the built labellint binary", () => {
  it("reads standard input with -", () => {
    const input = readFileSync(join(ROOT, "fixtures", "nus-wide-scene", "eval_list.txt"));
    const r = spawnSync(process.execPath, [BIN, "check", "-", "--num-classes", "33", "--reporter", "json"], { input, encoding: "utf8" });
    expect(r.stderr).toBe("");
    const report = JSON.parse(r.stdout) as { files: { path: string; rows: number }[] };
    expect(report.files[0]).toMatchObject({ path: "<stdin>", rows: 300 });
    expect(r.status).toBe(0);
  });

  it("finds duplicates in standard input (the spooled copy is re-read to confirm them)", () => {
    const input = "a.jpg\t0,1\nb.jpg\t1,0\na.jpg\t0,1\n";
    const r = spawnSync(process.execPath, [BIN, "check", "-", "--reporter", "json"], { input, encoding: "utf8" });
    const report = JSON.parse(r.stdout) as { files: { counts: Record<string, number> }[] };
    expect(report.files[0]!.counts["duplicate-path"]).toBe(1);
  });

  it("exits 2 with one line and no stack trace on a missing file", () => {
    const r = spawnSync(process.execPath, [BIN, "check", "missing.txt"], { encoding: "utf8", cwd: ROOT });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("labellint: cannot read 'missing.txt': no such file\n");
  });
});

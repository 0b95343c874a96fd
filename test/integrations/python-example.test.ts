import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../shared.js";

/**
 * examples/python/check_then_train.py: labellint as a training script's
 * preprocessing step. Run with python3 on the bundled samples: the clean one
 * reaches train(), the defects one stops before it.
 */

const SCRIPT = join(ROOT, "examples", "python", "check_then_train.py");
const BIN = join(ROOT, "dist", "cli", "bin.js");
const found = spawnSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" });
const HAS_PYTHON = found.status === 0;
const PYTHON = HAS_PYTHON ? found.stdout.trim() : "python3";
const BUILT = existsSync(BIN);
const skipReason = !HAS_PYTHON ? "python3 is not installed" : !BUILT ? "dist/ is not built (npm test builds it first)" : "";
const title = (text: string): string => (skipReason === "" ? text : `${text} — SKIPPED: ${skipReason}`);

let binDir: string | undefined;
/** A PATH holding only `node` (and python3's own directory): no installed labellint, so the script uses this checkout's. */
function barePath(): string {
  if (binDir === undefined) {
    binDir = mkdtempSync(join(tmpdir(), "labellint-py-"));
    symlinkSync(process.execPath, join(binDir, "node"));
  }
  return `${binDir}:${dirname(PYTHON)}`;
}

function runExample(args: string[], env: Record<string, string> = {}) {
  return spawnSync(PYTHON, [SCRIPT, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { PATH: barePath(), HOME: process.env["HOME"] ?? tmpdir(), PYTHONDONTWRITEBYTECODE: "1", ...env },
  });
}

describe.skipIf(skipReason !== "")(title("examples/python/check_then_train.py"), () => {
  afterAll(() => {
    if (binDir !== undefined) rmSync(binDir, { recursive: true, force: true });
  });

  it("checks a clean PaddleClas config and its lists, prints the summary, then trains", () => {
    const r = runExample(["--ppcls-config", "fixtures/nus-wide-scene/ppcls_config.yaml"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("fixtures/nus-wide-scene/ppcls_config.yaml: 0 errors, 0 warnings");
    expect(r.stdout).toContain("fixtures/nus-wide-scene/train_list.txt: [1200, 33] clean; 0 errors, 6 warnings");
    expect(r.stdout).toContain("labellint: 0 errors, 10 warnings in 2 files");
    // train() read the statistics from the json report.
    expect(r.stdout).toContain("train: 1200 rows x 33 classes from fixtures/nus-wide-scene/train_list.txt");
    expect(r.stdout).toMatch(/train: BCE pos_weight from 0\.75 to 149\.00 over 33 classes/);
  });

  it("stops before training, exit 1, when the labels have errors", () => {
    const r = runExample(["fixtures/defects/train_list.txt", "--class-names", "fixtures/defects/label_list.txt"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("fixtures/defects/train_list.txt: [121, 33] not a clean matrix");
    expect(r.stdout).toMatch(/error line 10: no TAB between the image path and the labels .*\(missing-separator\)/);
    expect(r.stdout).toContain("labellint: 10 errors, 8 warnings in 1 file\n");
    expect(r.stdout).not.toContain("train:");
    expect(r.stderr).toContain("not training");
  });

  it("stops when warnings exceed a --max-warnings passed through to labellint", () => {
    const r = runExample(["fixtures/nus-wide-scene/eval_list.txt", "--split", "eval", "--max-warnings", "0"]);
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain("train:");
  });

  it("exits 2 with labellint's own message when labellint cannot check", () => {
    const r = runExample(["fixtures/no-such-list.txt"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("labellint: cannot read 'fixtures/no-such-list.txt': no such file");
    expect(r.stderr).toContain("not training");
  });

  it("runs the command in $LABELLINT", () => {
    const r = runExample(["fixtures/nus-wide-scene/eval_list.txt", "--split", "eval"], { LABELLINT: `${process.execPath} ${BIN}` });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("train: no train split was checked");
    const missing = runExample(["fixtures/nus-wide-scene/eval_list.txt"], { LABELLINT: "/nonexistent/labellint" });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain("cannot run /nonexistent/labellint");
  });
});

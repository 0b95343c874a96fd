import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../shared.js";

/**
 * The GitHub Action: action.yml's shape, and action/run.sh run as a runner
 * runs it — in a workspace holding the bundled samples, with the variables
 * GitHub provides (GITHUB_WORKSPACE, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT,
 * RUNNER_TEMP, GITHUB_ACTION_PATH) and the inputs as action.yml passes them.
 */

const SCRIPT = join(ROOT, "action", "run.sh");
const BIN = join(ROOT, "dist", "cli", "bin.js");
const BUILT = existsSync(BIN);
const title = (text: string): string => (BUILT ? text : `${text} — SKIPPED: dist/ is not built (npm test builds it first)`);
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };

interface Step {
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface ActionYml {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required: boolean; default: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as ActionYml;

describe("action.yml", () => {
  it("is a composite action that runs action/run.sh, then uploads the SARIF it wrote", () => {
    expect(action.runs.using).toBe("composite");
    const [run, upload] = action.runs.steps;
    expect(run).toMatchObject({ id: "labellint", shell: "bash", run: 'bash "$GITHUB_ACTION_PATH/action/run.sh"' });
    expect(upload).toMatchObject({
      if: "${{ !cancelled() && steps.labellint.outputs.sarif-file != '' }}",
      uses: "github/codeql-action/upload-sarif@v4",
      with: { sarif_file: "${{ steps.labellint.outputs.sarif-file }}", category: "${{ inputs.sarif-category }}" },
    });
    expect(action.runs.steps).toHaveLength(2);
  });

  it("passes every input run.sh reads through the environment, and run.sh reads each one it is given", () => {
    const script = readFileSync(SCRIPT, "utf8");
    const env = action.runs.steps[0]!.env!;
    for (const [name, value] of Object.entries(env)) {
      const input = /^\$\{\{ inputs\.([a-z-]+) \}\}$/.exec(value)?.[1];
      expect(input, name).toBeDefined();
      expect(action.inputs, name).toHaveProperty(input!);
      expect(name).toBe(`INPUT_${input!.toUpperCase().replace(/-/g, "_")}`);
      expect(script, name).toContain(name);
    }
    const read = new Set(script.match(/INPUT_[A-Z_]+/g));
    expect([...read].sort()).toEqual(Object.keys(env).sort());
    // sarif-category is the upload step's; every other input is the script's.
    expect(Object.keys(action.inputs).filter((input) => input !== "sarif-category").length).toBe(Object.keys(env).length);
  });

  it("declares its outputs from the script's step", () => {
    for (const [name, output] of Object.entries(action.outputs)) expect(output.value).toBe(`\${{ steps.labellint.outputs.${name} }}`);
    expect(Object.keys(action.outputs).sort()).toEqual(["errors", "exit-code", "sarif-file", "warnings"]);
  });
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

describe.skipIf(!BUILT)(title("action/run.sh with the environment GitHub provides"), () => {
  let dir = "";
  let workspace = "";
  let runnerTemp = "";

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "labellint-action-"));
    workspace = join(dir, "workspace");
    runnerTemp = join(dir, "runner-temp");
    mkdirSync(runnerTemp);
    for (const sample of ["defects", "nus-wide-scene"]) cpSync(join(ROOT, "fixtures", sample), join(workspace, "data", sample), { recursive: true });
    // The sample config names its lists from the repository root.
    cpSync(join(ROOT, "fixtures", "nus-wide-scene"), join(workspace, "fixtures", "nus-wide-scene"), { recursive: true });
    writeFileSync(join(dir, "summary.md"), "");
    writeFileSync(join(dir, "output.txt"), "");
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function runAction(inputs: Record<string, string>, extraEnv: Record<string, string> = {}): Run {
    const env: Record<string, string> = {
      PATH: process.env["PATH"] ?? "",
      HOME: process.env["HOME"] ?? dir,
      CI: "true",
      GITHUB_ACTIONS: "true",
      GITHUB_WORKSPACE: workspace,
      GITHUB_STEP_SUMMARY: join(dir, "summary.md"),
      GITHUB_OUTPUT: join(dir, "output.txt"),
      GITHUB_ACTION_PATH: ROOT,
      RUNNER_TEMP: runnerTemp,
      INPUT_COMMAND: `${process.execPath} ${BIN}`,
      ...extraEnv,
    };
    for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase().replace(/-/g, "_")}`] = value;
    // A runner starts the step in the workspace; the script must not rely on it.
    const r = spawnSync("bash", [SCRIPT], { cwd: dir, env, encoding: "utf8" });
    const outputs = Object.fromEntries(
      readFileSync(join(dir, "output.txt"), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs, summary: readFileSync(join(dir, "summary.md"), "utf8") };
  }

  const DEFECTS = { paths: "data/defects/train_list.txt", args: "--class-names data/defects/label_list.txt" };

  it("annotates the defects, writes the job summary, the SARIF report and the outputs, and fails the step", () => {
    const r = runAction(DEFECTS);
    expect(r.status).toBe(1);
    const annotations = r.stdout.split("\n").filter((line) => line.startsWith("::"));
    expect(annotations.filter((a) => a.startsWith("::error "))).toHaveLength(10);
    expect(annotations).toContain(
      "::error file=data/defects/train_list.txt,line=10,col=27,title=LL101 missing-separator::no TAB between the image path and the labels (found a space): PaddleClas stops with IndexError while loading the list: split(\"\\t\") finds no l[1]",
    );
    expect(r.stdout).toContain("labellint: 10 errors, 8 warnings in 1 file\n");
    expect(r.summary).toMatch(/^## labellint\n\n❌ 10 errors, 8 warnings in 1 file\n/);
    expect(r.summary).toContain("### `data/defects/train_list.txt`");
    expect(r.summary).toContain("labellint fix data/defects/train_list.txt");
    const sarifFile = join(runnerTemp, "labellint.sarif");
    expect(r.outputs).toEqual({ "exit-code": "1", errors: "10", warnings: "8", "sarif-file": sarifFile });
    const sarif = JSON.parse(readFileSync(sarifFile, "utf8")) as {
      runs: { results: { level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    const results = sarif.runs[0]!.results;
    expect(results.filter((x) => x.level === "error")).toHaveLength(10);
    expect(results.filter((x) => x.level === "warning")).toHaveLength(8);
    for (const x of results) {
      expect(x.locations[0]!.physicalLocation.artifactLocation.uri).toBe("data/defects/train_list.txt");
      expect(x.locations[0]!.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    }
    // Its temporary files are gone.
    expect(readdirSync(runnerTemp)).toEqual(["labellint.sarif"]);
  });

  it("checks a PaddleClas config given in args, with no paths, and passes with warnings", () => {
    const r = runAction({ args: "--ppcls-config fixtures/nus-wide-scene/ppcls_config.yaml" });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("labellint: 0 errors, 10 warnings in 3 files\n");
    expect(r.outputs).toMatchObject({ "exit-code": "0", errors: "0", warnings: "10" });
    expect(r.summary).toContain("### `fixtures/nus-wide-scene/ppcls_config.yaml`");
  });

  it("fails on warnings with fail-on: warning, and never with fail-on: never", () => {
    const clean = { paths: "data/nus-wide-scene/eval_list.txt", args: "--split eval" };
    const strict = runAction({ ...clean, "fail-on": "warning" });
    expect(strict.status).toBe(1);
    expect(strict.outputs).toMatchObject({ "exit-code": "1", errors: "0", warnings: "4" });
    writeFileSync(join(dir, "output.txt"), "");
    const lenient = runAction({ ...DEFECTS, "fail-on": "never" });
    expect(lenient.status).toBe(0);
    expect(lenient.outputs).toMatchObject({ "exit-code": "1", errors: "10" });
  });

  it("expands globs in paths, and refuses one that matches nothing", () => {
    const r = runAction({ paths: "data/nus-wide-scene/e*_list.txt\n  data/nus-wide-scene/tr*_list.txt\n", args: "--class-names data/nus-wide-scene/label_list.txt --split eval,train", sarif: "false" });
    expect(r.status).toBe(0);
    expect(r.summary).toContain("### `data/nus-wide-scene/eval_list.txt`");
    expect(r.summary).toContain("### `data/nus-wide-scene/train_list.txt`");
    writeFileSync(join(dir, "output.txt"), "");
    const none = runAction({ paths: "data/*.csv" });
    expect(none.status).toBe(2);
    expect(none.stdout).toBe(`::error title=labellint::paths: 'data/*.csv' matches no file in ${workspace}\n`);
    expect(none.outputs).toEqual({ "exit-code": "2" });
  });

  it("runs in working-directory, and leaves out the SARIF report and the summary when told to", () => {
    const r = runAction({ paths: "eval_list.txt", args: "--split eval", "working-directory": "data/nus-wide-scene", sarif: "false", "step-summary": "false" });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("labellint: 0 errors, 4 warnings in 1 file\n");
    expect(r.outputs).toEqual({ "exit-code": "0", errors: "0", warnings: "4", "sarif-file": "" });
    expect(r.summary).toBe("");
    expect(readdirSync(runnerTemp)).toEqual([]);
  });

  it("fails with an annotation saying why when labellint cannot check", () => {
    const r = runAction({ paths: "data/missing_list.txt" });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("::error title=labellint::labellint: cannot read 'data/missing_list.txt': no such file\n");
    expect(r.stderr).toBe("labellint: cannot read 'data/missing_list.txt': no such file\n");
    expect(r.outputs).toEqual({ "exit-code": "2", errors: "", warnings: "", "sarif-file": "" });
    const badInput = runAction({ ...DEFECTS, "fail-on": "warnings" });
    expect(badInput.status).toBe(2);
    expect(badInput.stdout).toBe("::error title=labellint::fail-on must be error, warning or never, got 'warnings'\n");
  });

  it("runs this action's own version of labellint through npx by default", () => {
    // A stand-in npx that records its arguments, so the test needs no registry.
    const bin = join(dir, "bin");
    mkdirSync(bin);
    writeFileSync(join(bin, "npx"), `#!/bin/sh\necho "$@" >> "${join(dir, "npx-args.txt")}"\necho "labellint: no problems in 1 file"\n`);
    chmodSync(join(bin, "npx"), 0o755);
    const r = runAction({ paths: "data/nus-wide-scene/eval_list.txt", command: "" }, { PATH: `${bin}:${process.env["PATH"] ?? ""}` });
    expect(r.status).toBe(0);
    const calls = readFileSync(join(dir, "npx-args.txt"), "utf8").trim().split("\n");
    expect(calls[0]).toBe(`--yes labellint@${pkg.version} check data/nus-wide-scene/eval_list.txt --reporter github`);
    expect(calls[1]).toBe(`--yes labellint@${pkg.version} check data/nus-wide-scene/eval_list.txt --reporter sarif --output ${join(runnerTemp, "labellint.sarif")}`);
    writeFileSync(join(dir, "npx-args.txt"), "");
    runAction({ paths: "data/nus-wide-scene/eval_list.txt", command: "", version: "0.0.9", sarif: "false" }, { PATH: `${bin}:${process.env["PATH"] ?? ""}` });
    expect(readFileSync(join(dir, "npx-args.txt"), "utf8")).toBe("--yes labellint@0.0.9 check data/nus-wide-scene/eval_list.txt --reporter github\n");
  });
});

import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HAS_SHARED, ROOT, SHARED, SHARED_SKIP_REASON } from "./shared.js";

/**
 * Every command in the README's ```sh blocks runs as written, in a temporary
 * copy of the repository's samples: it exits 0 or 1 (1 is a finding), never 2
 * (bad usage or a fatal error). A trailing `# exits N` comment on a command
 * says it must exit with exactly N.
 *
 * How a command is run:
 * - `labellint` is this checkout's `node dist/cli/bin.js` (a shim on the PATH);
 * - the working directory is a temporary copy holding fixtures/, examples/,
 *   scripts/ and package.json, with dist/ linked to this checkout's; `cd DIR`
 *   changes it for the rest of its block; `../shared` is linked to the real
 *   data beside the checkout when that exists;
 * - an absolute `/tmp/` path is moved under the temporary directory, so runs
 *   never meet each other's outputs (fix refuses to overwrite one);
 * - `npm ci && CMD` runs CMD: installing is what the test environment already did.
 * A command on the reader's own files runs up to that missing file
 * ({@link ON_EXAMPLE_FILES}); one that cannot run here at all is listed in
 * {@link NOT_RUN} with the reason; a command in neither that the test does not
 * know how to run fails the test.
 */

const README = join(ROOT, "README.md");
const BIN = join(ROOT, "dist", "cli", "bin.js");
const BUILT = existsSync(BIN);
const HAS_PYTHON = spawnSync("python3", ["--version"]).status === 0;

/** Commands the test does not run, by their text in the README (continuation lines joined), each with why. */
const NOT_RUN: Record<string, string> = {
  "npm ci && npm test": "runs the test suite this test is part of",
  "npm ci": "installs the dependencies and builds: done before the tests run",
  "npm test": "runs the test suite this test is part of",
  "npm run build": "builds dist/: done before the tests run (npm test builds first)",
  "npm run bench": "generates hundreds of MB of data and runs for minutes: a measurement, run by hand",
  "cat train_list.txt | labellint check - --num-classes 33": "an example name for the reader's own list, not a file in this repository",
  "python3 scripts/ppcls-signatures.py path/to/PaddleClas": "needs a PaddleClas checkout; path/to/PaddleClas is a placeholder",
};

/**
 * Commands on the reader's own files (example names, not files in this repository): they run
 * anyway, and must stop at exactly that missing file (exit 2, "cannot read"), which shows the
 * command and its options are accepted.
 */
const ON_EXAMPLE_FILES: Record<string, string> = {
  "labellint check train_list.txt --class-names NUS-WIDE-SCENE_label_list.txt": "NUS-WIDE-SCENE_label_list.txt",
  "labellint check nuswide_81/test.txt --num-classes 81 --split eval --rule empty-labelset:off": "nuswide_81/test.txt",
  "labellint check train_list.txt --reporter json --output report.json": "train_list.txt",
  // Run from a PaddleClas checkout; `npm start` checks the bundled config the same way.
  "labellint check --ppcls-config ppcls/configs/quick_start/professional/MobileNetV1_multilabel.yaml": "ppcls/configs/quick_start/professional/MobileNetV1_multilabel.yaml",
};

/** Commands that read the real data beside the checkout: run when it is there, skipped (saying so) when not. */
const needsShared = (text: string): boolean => /(^|\s)\.\.\/shared\//.test(text);

interface Command {
  /** 1-based README line the command starts on. */
  line: number;
  /** The command as written, continuation lines joined with a space. */
  text: string;
  /** Working directory relative to the copy's root (`cd` in the block before it). */
  cwd: string;
  /** The exit code a `# exits N` comment requires. */
  exits?: number;
}

/** The commands of every ```sh block, in order; comment and blank lines left out. */
function readmeCommands(markdown: string): Command[] {
  const lines = markdown.split("\n");
  const commands: Command[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== "```sh") continue;
    let cwd = ".";
    for (i++; i < lines.length && !lines[i]!.startsWith("```"); i++) {
      const start = i;
      let text = lines[i]!.trim();
      while (text.endsWith("\\") && i + 1 < lines.length) text = `${text.slice(0, -1).trimEnd()} ${lines[++i]!.trim()}`;
      if (text === "" || text.startsWith("#")) continue;
      const exits = /#\s*exits\s+(\d+)\s*$/.exec(text)?.[1];
      // A trailing comment is the reader's, not the command's.
      const bare = text.replace(/\s+#[^'"]*$/, "");
      commands.push({ line: start + 1, text: bare, cwd, ...(exits !== undefined ? { exits: Number(exits) } : {}) });
      const cd = /^cd\s+(\S+)$/.exec(bare);
      if (cd) cwd = join(cwd, cd[1]!);
    }
  }
  return commands;
}

type Plan = { kind: "run"; script: string; missing?: string } | { kind: "cd" } | { kind: "skip"; reason: string } | { kind: "unknown" };

/** What the test does with a command. */
function plan(command: Command): Plan {
  const listed = NOT_RUN[command.text];
  if (listed !== undefined) return { kind: "skip", reason: listed };
  const missing = ON_EXAMPLE_FILES[command.text];
  if (missing !== undefined) return { kind: "run", script: command.text, missing };
  if (/^cd\s+\S+$/.test(command.text)) return { kind: "cd" };
  const script = command.text.replace(/^npm ci && /, "");
  if (/^(labellint|node dist\/cli\/bin\.js|npm start|node scripts\/[\w-]+\.mjs|python3 examples\/\S+\.py)(\s|$)/.test(script)) {
    if (needsShared(script) && !HAS_SHARED) return { kind: "skip", reason: SHARED_SKIP_REASON };
    if (script.startsWith("python3") && !HAS_PYTHON) return { kind: "skip", reason: "python3 is not installed" };
    return { kind: "run", script };
  }
  return { kind: "unknown" };
}

const commands = readmeCommands(readFileSync(README, "utf8"));
/** Runs a shell command; its exit status and output. */
function sh(script: string, cwd: string, env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn("bash", ["-c", script], { cwd, env, stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
    child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
    child.on("error", fail);
    child.on("close", (status) => done({ status, stdout, stderr }));
  });
}

/** The scripts rewrite the samples the other commands read: they run after those, one at a time. */
const rewritesSamples = (script: string): boolean => script.startsWith("node scripts/");

const shortTitle = (c: Command): string => `line ${c.line}: ${c.text.length > 110 ? `${c.text.slice(0, 107)}…` : c.text}`;

describe("README commands", () => {
  it("finds the README's commands", () => {
    expect(commands.length).toBeGreaterThan(15);
    expect(commands.map((c) => c.text)).toContain("labellint fix fixtures/defects/train_list.txt --out /tmp/train_fixed.txt --plan /tmp/plan.json");
  });

  it("runs every command or names why not", () => {
    expect(commands.filter((c) => plan(c).kind === "unknown").map(shortTitle)).toEqual([]);
    // An entry for a command the README no longer has is stale.
    const texts = new Set(commands.map((c) => c.text));
    expect([...Object.keys(NOT_RUN), ...Object.keys(ON_EXAMPLE_FILES)].filter((text) => !texts.has(text))).toEqual([]);
  });
});

describe.skipIf(!BUILT)(BUILT ? "README commands, run in a copy of the samples" : "README commands — SKIPPED: dist/ is not built (npm test builds it first)", () => {
  let dir = "";
  let repo = "";
  let env: Record<string, string> = {};

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "labellint-readme-"));
    repo = join(dir, "repo");
    for (const part of ["fixtures", "examples", "scripts", "package.json"]) cpSync(join(ROOT, part), join(repo, part), { recursive: true });
    symlinkSync(join(ROOT, "dist"), join(repo, "dist"), "dir");
    if (HAS_SHARED) symlinkSync(SHARED, join(dir, "shared"), "dir");
    mkdirSync(join(dir, "tmp"));
    mkdirSync(join(dir, "bin"));
    writeFileSync(join(dir, "bin", "labellint"), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`, { mode: 0o755 });
    // Only what a shell needs: no GITHUB_STEP_SUMMARY or LABELLINT_* from the environment the tests run in.
    env = { PATH: `${join(dir, "bin")}:${process.env["PATH"] ?? ""}`, HOME: process.env["HOME"] ?? dir, LANG: "C.UTF-8" };
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const command of commands) {
    const what = plan(command);
    if (what.kind === "skip") {
      it.skip(`${shortTitle(command)} — SKIPPED: ${what.reason}`, () => undefined);
    } else if (what.kind === "cd") {
      it(shortTitle(command), () => {
        const target = resolve(repo, command.cwd, command.text.slice(3).trim());
        expect(statSync(target).isDirectory()).toBe(true);
      });
    } else if (what.kind === "run" && what.missing !== undefined) {
      const missing = what.missing;
      it.concurrent(`${shortTitle(command)} — on example files: stops at ${missing}`, async () => {
        const r = await sh(what.script, repo, env);
        expect(r.status, r.stderr).toBe(2);
        expect(r.stderr.trim()).toMatch(new RegExp(`^labellint: cannot read '(.*/)?${missing.replace(/[.]/g, "\\.")}': no such file$`));
      });
    } else if (what.kind === "run") {
      (rewritesSamples(what.script) ? it : it.concurrent)(shortTitle(command), async () => {
        const script = what.script.replace(/(^|[\s=])\/tmp\//g, `$1${join(dir, "tmp")}/`);
        const r = await sh(script, resolve(repo, command.cwd), env);
        const said = `exit ${r.status}\n${r.stderr}${r.stdout.slice(0, 2000)}`;
        if (command.exits !== undefined) expect(r.status, said).toBe(command.exits);
        else expect([0, 1], said).toContain(r.status);
        expect(r.stderr, said).not.toMatch(/internal error|Error: /);
      });
    }
  }

  it("leaves the samples as they were (the README's scripts regenerate them byte for byte)", () => {
    const changed = spawnSync("diff", ["-r", join(ROOT, "fixtures"), join(repo, "fixtures")], { encoding: "utf8" });
    expect(changed.stdout).toBe("");
    expect(changed.status).toBe(0);
  });
});

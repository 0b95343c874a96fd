import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../shared.js";

/**
 * .pre-commit-hooks.yaml, run by Debian's pre-commit: `pre-commit try-repo`
 * on a commit of this working tree, in a project with good and bad label
 * files. try-repo installs the hooks' environment afresh each time (npm
 * install, build, npm pack, npm install -g: about 20 s, and the npm registry
 * must be reachable), so the whole suite is two runs: one that passes, one
 * that fails.
 */

const HAS_PRE_COMMIT = spawnSync("pre-commit", ["--version"]).status === 0;
const HAS_GIT = spawnSync("git", ["--version"]).status === 0;
const skipReason = !HAS_PRE_COMMIT ? "pre-commit is not installed (.ci/run installs Debian's)" : !HAS_GIT ? "git is not installed" : "";
const title = (text: string): string => (skipReason === "" ? text : `${text} — SKIPPED: ${skipReason}`);
// Generous: on a loaded machine the install (npm install, tsc, bundle, pack) alone has taken 200 s.
const INSTALL_TIMEOUT = 420_000;

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
  pass_filenames: boolean;
}
const hooks = parse(readFileSync(join(ROOT, ".pre-commit-hooks.yaml"), "utf8")) as Hook[];

describe(".pre-commit-hooks.yaml", () => {
  const hook = (id: string): Hook => hooks.find((h) => h.id === id)!;
  // pre-commit matches `files` with Python's re.search; these patterns mean the same in JavaScript.
  const matches = (id: string, path: string): boolean => new RegExp(hook(id).files).test(path);

  it("defines the labellint hooks, each running labellint check", () => {
    expect(hooks.map((h) => h.id)).toEqual(["labellint", "labellint-eval", "labellint-config"]);
    for (const h of hooks) {
      expect(h.language).toBe("node");
      expect(h.entry.startsWith("labellint check")).toBe(true);
    }
    expect(hook("labellint-eval").entry).toBe("labellint check --split eval");
    expect(hook("labellint-config").pass_filenames).toBe(false);
  });

  it.each([
    ["labellint", "train_list.txt", true],
    ["labellint", "data/NUS-WIDE-SCENE/trainval_list.txt", true],
    ["labellint", "data/train_list_v2.txt", true],
    ["labellint", "exports/train_labels.csv", true],
    ["labellint", "data/label_list.txt", false],
    ["labellint", "data/val_list.txt", false],
    ["labellint", "Groundtruth/Labels_airport_Train.txt", false],
    ["labellint", "notes/my_train_list.txt.bak", false],
    ["labellint-eval", "data/val_list.txt", true],
    ["labellint-eval", "eval_list.txt", true],
    ["labellint-eval", "data/test_list.txt", true],
    ["labellint-eval", "data/label_list.txt", false],
    ["labellint-eval", "data/train_list.txt", false],
    ["labellint-config", "labellint.config.json", true],
    ["labellint-config", "sub/labellint.config.yml", true],
    ["labellint-config", "data/eval_list.txt", true],
    ["labellint-config", "data/label_list.txt", false],
  ])("hook %s %s %s", (id, path, expected) => {
    expect(matches(id, path)).toBe(expected);
  });
});

describe.skipIf(skipReason !== "")(title("pre-commit try-repo with the labellint hooks"), () => {
  let dir = "";
  let hooksRepo = "";
  let project = "";

  const git = (cwd: string, ...args: string[]) =>
    execFileSync("git", ["-c", "user.name=labellint test", "-c", "user.email=test@labellint.invalid", "-c", "commit.gpgsign=false", ...args], { cwd, stdio: "pipe" });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "labellint-pre-commit-"));
    // This working tree as it is (changes not yet committed included), committed in a repository of its own.
    hooksRepo = join(dir, "labellint");
    const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
    for (const file of files) {
      if (!existsSync(join(ROOT, file))) continue;
      mkdirSync(dirname(join(hooksRepo, file)), { recursive: true });
      cpSync(join(ROOT, file), join(hooksRepo, file));
    }
    git(hooksRepo, "init", "-q");
    git(hooksRepo, "add", "-A");
    git(hooksRepo, "commit", "-q", "-m", "labellint under test");

    project = join(dir, "project");
    const sample = (name: string) => readFileSync(join(ROOT, "fixtures", "nus-wide-scene", name));
    const defects = readFileSync(join(ROOT, "fixtures", "defects", "train_list.txt"));
    const files2: Record<string, Buffer | string> = {
      "data/train_list.txt": sample("train_list.txt"),
      "data/eval_list.txt": sample("eval_list.txt"),
      "data/label_list.txt": sample("label_list.txt"),
      "bad/train_list.txt": defects,
      "bad/val_list.txt": defects,
      "labellint.config.json": `${JSON.stringify({ datasets: [{ path: "data/train_list.txt", split: "train" }, { path: "data/eval_list.txt", split: "eval" }], classes: { namesFile: "data/label_list.txt" } }, null, 2)}\n`,
    };
    for (const [path, content] of Object.entries(files2)) {
      mkdirSync(dirname(join(project, path)), { recursive: true });
      writeFileSync(join(project, path), content);
    }
    git(project, "init", "-q");
    git(project, "add", "-A");
  }, 60_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function tryRepo(files: string[]) {
    const r = spawnSync("pre-commit", ["try-repo", hooksRepo, "--files", ...files], {
      cwd: project,
      encoding: "utf8",
      env: { ...process.env, PRE_COMMIT_HOME: join(dir, "pre-commit-home"), PRE_COMMIT_COLOR: "never", NO_COLOR: "1" },
      timeout: INSTALL_TIMEOUT - 10_000,
    });
    const output = `${r.stdout}${r.stderr}`;
    if (/E(NOTFOUND|AI_AGAIN|CONNREFUSED|TIMEDOUT|NETUNREACH)/.test(output)) {
      throw new Error(`pre-commit could not install the hooks: the npm registry is not reachable\n${output}`);
    }
    return { status: r.status, output };
  }

  const verdict = (output: string, name: string): string | undefined =>
    new RegExp(`^${name.replace(/[()]/g, "\\$&")}\\.+(?:\\([^)]*\\))?(Passed|Failed|Skipped)$`, "m").exec(output)?.[1];

  it(
    "passes good label files, leaves the class list alone, and checks the config's datasets",
    () => {
      const r = tryRepo(["data/train_list.txt", "data/eval_list.txt", "data/label_list.txt", "labellint.config.json"]);
      expect(verdict(r.output, "labellint (train lists)"), r.output).toBe("Passed");
      expect(verdict(r.output, "labellint (eval lists)"), r.output).toBe("Passed");
      expect(verdict(r.output, "labellint (labellint config)"), r.output).toBe("Passed");
      expect(r.status, r.output).toBe(0);
    },
    INSTALL_TIMEOUT,
  );

  it(
    "fails bad label files, with labellint's report of each",
    () => {
      const r = tryRepo(["bad/train_list.txt", "bad/val_list.txt"]);
      expect(r.status, r.output).toBe(1);
      expect(verdict(r.output, "labellint (train lists)"), r.output).toBe("Failed");
      expect(verdict(r.output, "labellint (eval lists)"), r.output).toBe("Failed");
      expect(r.output).toContain("bad/train_list.txt:10:27  error  no TAB between the image path and the labels");
      expect(r.output).toContain("bad/val_list.txt:10:27  error  no TAB between the image path and the labels");
      expect(r.output).toMatch(/✖ 18 problems \(10 errors, 8 warnings\) in 1 file/);
    },
    INSTALL_TIMEOUT,
  );
});

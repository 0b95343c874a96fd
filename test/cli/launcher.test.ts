/**
 * The `labellint` launcher (src/cli/labellint.cts) compiles the bundled
 * command line with V8's code cache. A cache is only ever a faster start:
 * whatever the cache (none, refused, corrupt, written by someone else, turned
 * off), the output is the same, and a run that compiled writes one for the
 * next run.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fixture, ROOT } from "../shared.js";

const LAUNCHER = join(ROOT, "dist", "cli", "labellint.cjs");
const home = mkdtempSync(join(tmpdir(), "labellint-launcher-"));
const written: string[] = [];
afterAll(() => {
  for (const file of written) rmSync(file, { force: true });
  rmSync(home, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  stdout: string;
  cache: string;
}

/** One run of `check` on a sample; `cache` is the launcher's own account of its code cache. */
function run(env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [LAUNCHER, "check", fixture("nus-wide-scene", "train_list.txt"), "--reporter", "json"], {
    encoding: "utf8",
    env: { ...process.env, XDG_CACHE_HOME: home, LABELLINT_DEBUG: "1", ...env },
  });
  const cache = /^labellint: code cache: (.*)$/m.exec(r.stderr)?.[1] ?? "";
  return { status: r.status, stdout: r.stdout, cache };
}

describe.skipIf(!existsSync(LAUNCHER) || !existsSync(join(ROOT, "dist", "cli", "labellint-bundle.cjs")))("the labellint launcher's code cache", () => {
  const plain = run({ LABELLINT_COMPILE_CACHE: "0" });

  it("is off when asked, and the check runs as always", () => {
    expect(plain.cache).toBe("off");
    expect([0, 1]).toContain(plain.status);
    expect(JSON.parse(plain.stdout)).toHaveProperty("summary");
  });

  it("the build wrote one that this Node accepts", () => {
    const r = run();
    expect(r.cache).toMatch(/^accepted .*dist\/cli\/labellint-bundle-[0-9a-f]{16}-.*\.cache$/);
    expect(r.stdout).toBe(plain.stdout);
  });

  it("under other flags, the first run compiles and writes one beside the bundle; the next accepts it", () => {
    // Node flags change what V8 accepts, so they name another cache.
    const env = { NODE_OPTIONS: "--no-deprecation" };
    const first = run(env);
    expect(first.cache).toMatch(/^none \(looked for /);
    const file = /looked for ([^,]+),/.exec(first.cache)![1]!;
    written.push(file);
    expect(first.stdout).toBe(plain.stdout);
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o644);
    const second = run(env);
    expect(second.cache).toBe(`accepted ${file}`);
    expect(second.stdout).toBe(plain.stdout);

    // A damaged cache is refused by V8, the run is the same, and a good one replaces it.
    writeFileSync(file, Buffer.alloc(4096, 7), { mode: 0o644 });
    const damaged = run(env);
    expect(damaged.cache).toBe(`refused by V8 ${file}`);
    expect(damaged.stdout).toBe(plain.stdout);
    expect(run(env).cache).toBe(`accepted ${file}`);

    // A cache others could have written is not code to run: it is not read at all.
    chmodSync(file, 0o666);
    const open = run(env);
    expect(open.cache).toMatch(/^none /);
    expect(open.stdout).toBe(plain.stdout);
    expect(statSync(file).mode & 0o777).toBe(0o644); // replaced by this run's own
  });

  it("a cache in the user's directory is used when none is beside the bundle", () => {
    const env = { NODE_OPTIONS: "--no-warnings" };
    const first = run(env);
    const [beside, user] = /looked for ([^,]+), (.+)\)$/.exec(first.cache)!.slice(1) as [string, string];
    written.push(beside);
    expect(user.startsWith(join(home, "labellint"))).toBe(true);
    // As if the package's directory could not be written: the cache moves to the user's directory.
    mkdirSync(join(home, "labellint"), { recursive: true, mode: 0o700 });
    writeFileSync(user, readFileSync(beside), { mode: 0o600 });
    rmSync(beside);
    const r = run(env);
    expect(r.cache).toBe(`accepted ${user}`);
    expect(r.stdout).toBe(plain.stdout);
    expect(existsSync(beside)).toBe(false);
  });
});

describe.skipIf(!existsSync(LAUNCHER) || !existsSync(join(ROOT, "dist", "cli", "yaml.cjs")))("the yaml parser the bundled command line loads", () => {
  it("is the one-file build beside the bundle (dist/cli/yaml.cjs), not the package's modules, and reads the config as the library does", () => {
    // A preload that names, at exit, every module file Node loaded.
    const probe = join(home, "modules-at-exit.cjs");
    writeFileSync(probe, 'process.on("exit", () => process.stderr.write(`modules: ${Object.keys(require("node:module")._cache).join(" ")}\\n`));\n');
    const r = spawnSync(process.execPath, ["--require", probe, LAUNCHER, "check", "--ppcls-config", join("fixtures", "nus-wide-scene", "ppcls_config.yaml"), "--reporter", "json"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, XDG_CACHE_HOME: home },
    });
    const modules = /^modules: (.*)$/m.exec(r.stderr)![1]!.split(" ");
    expect(modules).toContain(join(ROOT, "dist", "cli", "yaml.cjs"));
    expect(modules.filter((m) => m.includes(`${join("node_modules", "yaml")}`))).toEqual([]);
    expect([0, 1]).toContain(r.status);
    const report = JSON.parse(r.stdout) as { configs: { path: string; problems: unknown[] }[] };
    expect(report.configs.map((c) => c.path)).toEqual([join("fixtures", "nus-wide-scene", "ppcls_config.yaml")]);
  });
});

describe.skipIf(!existsSync(LAUNCHER))("Node's own modules a small check loads", () => {
  // Node's stream code (and the socket and terminal streams on it) is a third of the built-in
  // modules such a run would load: a check writes its report through the descriptor, and `v8`
  // (which loads the streams with it) is loaded only when the heap is looked at.
  const probe = join(home, "builtins-at-exit.cjs");
  writeFileSync(probe, 'process.on("exit", () => require("node:fs").writeFileSync(process.env.BUILTINS_OUT, process.moduleLoadList.join("\\n")));\n');
  const LATE = ["NativeModule stream", "NativeModule v8", "NativeModule net", "NativeModule tty"];
  const cases: [string, string][] = [["a pipe", "text"], ["a file", "json"], ["the null device", "text"]];
  for (const [where, reporter] of cases) {
    it(`with standard output ${where}, none of ${LATE.join(", ")} (${reporter} report)`, () => {
      const listed = join(home, `builtins-${reporter}-${where.replace(/ /g, "-")}.txt`);
      const file = join(home, `report-${where.replace(/ /g, "-")}.txt`);
      const fd = where === "a file" ? openSync(file, "w") : where === "the null device" ? openSync("/dev/null", "w") : "pipe";
      try {
        const r = spawnSync(process.execPath, ["--require", probe, LAUNCHER, "check", fixture("nus-wide-scene", "train_list.txt"), "--reporter", reporter], {
          encoding: "utf8",
          env: { ...process.env, XDG_CACHE_HOME: home, BUILTINS_OUT: listed },
          stdio: ["ignore", fd, "pipe"],
        });
        expect(r.status, r.stderr).toBe(0);
        const report = where === "a pipe" ? r.stdout : where === "a file" ? readFileSync(file, "utf8") : "";
        if (where === "a pipe") expect(report).toContain("rare-class");
        if (where === "a file") expect((JSON.parse(report) as { summary: { warningCount: number } }).summary.warningCount).toBeGreaterThan(0);
        const loaded = readFileSync(listed, "utf8").split("\n");
        expect(loaded).toContain("NativeModule fs/promises");
        expect(loaded.filter((m) => LATE.includes(m))).toEqual([]);
      } finally {
        if (typeof fd === "number") closeSync(fd);
      }
    });
  }
});

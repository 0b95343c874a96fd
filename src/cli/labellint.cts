#!/usr/bin/env node
/**
 * The `labellint` command.
 *
 * Start-up is most of what a small check costs, and most of start-up is V8
 * compiling the command line's code. So the whole command line is one
 * bundled script (labellint-bundle.cjs, written by scripts/bundle-cli.mjs),
 * compiled with V8's code cache: the code a previous run compiled, which V8
 * checks against this Node's version and flags and the script, and refuses
 * (the script is then compiled as usual) on any difference. The build writes
 * the cache for the Node that built it. A run that finds none, or has its
 * cache refused, writes one when it ends: beside the bundle when that
 * directory is writable, else in the user's cache directory
 * ($XDG_CACHE_HOME/labellint or ~/.cache/labellint, private to the user).
 * LABELLINT_COMPILE_CACHE=0 turns the cache off.
 */
import fs = require("node:fs");
import os = require("node:os");
import path = require("node:path");
import vm = require("node:vm");
import nodeModule = require("node:module");

/** The bundle's digest; scripts/bundle-cli.mjs writes it here when it writes the bundle. */
const BUNDLE_ID: string = "unbundled";
const BUNDLE = path.join(__dirname, "labellint-bundle.cjs");

interface Entry {
  main(argv: string[]): Promise<void>;
}

function cannotStart(error: unknown): never {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === "EMFILE" || code === "ENFILE" ? "too many open files; raise the open-file limit (ulimit -n)" : error instanceof Error ? error.message : String(error);
  process.stderr.write(`labellint: cannot start: ${why}\n`);
  process.exit(2);
}

/** FNV-1a of a string, as 8 hex digits: names a cache by what V8 checks it against. */
function fnv(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** Where a cache for this bundle, this Node and these flags may be: beside the bundle, then the user's cache directory. */
function cacheFiles(): string[] {
  const flags = fnv(`${process.execArgv.join("\0")}\0${process.env["NODE_OPTIONS"] ?? ""}`);
  const name = `labellint-bundle-${BUNDLE_ID}-${process.versions.v8}-${process.arch}-${flags}.cache`;
  const files = [path.join(__dirname, name)];
  // A relative XDG_CACHE_HOME is to be ignored (XDG Base Directory spec); no home directory, no user cache.
  const xdg = process.env["XDG_CACHE_HOME"];
  let home: string | undefined = xdg !== undefined && path.isAbsolute(xdg) ? xdg : undefined;
  try {
    home ??= path.join(os.homedir(), ".cache");
  } catch {
    // os.homedir() throws when the user has no home directory at all
  }
  if (home !== undefined && path.isAbsolute(home)) files.push(path.join(home, "labellint", name));
  return files;
}

/**
 * `mkdir -p` for the user's cache folder, private, one folder at a time: Node's recursive mkdir
 * never returns where a folder cannot be made though its parent is there (XDG_CACHE_HOME=/proc).
 * The launcher's own small copy of src/io/folders.ts: it runs before the bundle is loaded, and
 * synchronously (at exit).
 */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let at = dir; !fs.existsSync(at); at = path.dirname(at)) {
    missing.unshift(at);
    if (path.dirname(at) === at) break;
  }
  for (const at of missing) fs.mkdirSync(at, { mode: 0o700 });
}

/**
 * Writes `data` to the first of `files` that can be written, replacing it whole (a rename), or
 * nowhere. Beside the bundle it is as readable as the bundle; in the user's directory, private.
 */
function writeCache(files: string[], data: Buffer): void {
  for (const [i, file] of files.entries()) {
    const temp = `${file}.${process.pid}.tmp`;
    try {
      if (i > 0) makeFolders(path.dirname(file));
      fs.writeFileSync(temp, data, { mode: i === 0 ? 0o644 : 0o600 });
      fs.renameSync(temp, file);
      return;
    } catch {
      try {
        fs.rmSync(temp, { force: true });
      } catch {
        // nothing written
      }
    }
  }
}

/**
 * A cache is code to run, so only one no one else could have written: owned by whoever owns the
 * bundle (beside it) or by this user (in the user's directory), and writable by no one else.
 */
function readCache(file: string, owner: number | undefined): Buffer | undefined {
  try {
    const fd = fs.openSync(file, "r");
    try {
      const stat = fs.fstatSync(fd);
      if ((stat.mode & 0o022) !== 0 || (owner !== undefined && stat.uid !== owner)) return undefined;
      return fs.readFileSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** The bundled command line, compiled with a code cache where one is accepted. */
function loadBundle(source: string): Entry {
  const enabled = process.env["LABELLINT_COMPILE_CACHE"] !== "0";
  const files = enabled ? cacheFiles() : [];
  let cachedData: Buffer | undefined;
  let from: string | undefined;
  for (const [i, file] of files.entries()) {
    const owner = process.getuid === undefined ? undefined : i === 0 ? fs.statSync(BUNDLE).uid : process.getuid();
    if ((cachedData = readCache(file, owner)) !== undefined) {
      from = file;
      break;
    }
  }
  const script = new vm.Script(nodeModule.wrap(source), { filename: BUNDLE, cachedData });
  const accepted = cachedData !== undefined && script.cachedDataRejected !== true;
  if (process.env["LABELLINT_DEBUG"] === "1") {
    const state = !enabled ? "off" : accepted ? `accepted ${from}` : cachedData !== undefined ? `refused by V8 ${from}` : `none (looked for ${files.join(", ")})`;
    process.stderr.write(`labellint: code cache: ${state}\n`);
  }
  if (enabled && !accepted) {
    // Compiled now: keep what this run compiled for the next one.
    process.once("exit", () => writeCache(files, script.createCachedData()));
  }
  const module = { exports: {} as Entry };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, nodeModule.createRequire(BUNDLE), module, BUNDLE, __dirname);
  return module.exports;
}

// A script compiled from a code cache cannot import() (Node loses its import callback), so the
// bundle imports packages through this function (see importPackage in src/deps.ts).
(globalThis as Record<symbol, unknown>)[Symbol.for("labellint.import")] = (specifier: string): Promise<unknown> => import(specifier);

/** `labellint --version` alone: the package's version, without loading the command line. */
function printVersion(): boolean {
  const argv = process.argv.slice(2);
  if (argv.length !== 1 || (argv[0] !== "--version" && argv[0] !== "-v")) return false;
  try {
    const { name, version } = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { name?: unknown; version?: unknown };
    if (name !== "labellint" || typeof version !== "string") return false;
    process.stdout.write(`${version}\n`);
    return true;
  } catch {
    return false; // the command line finds the package its own way
  }
}

if (!printVersion()) start();

function start(): void {
  let entry: Entry | Promise<Entry>;
  try {
    let source: string | undefined;
    try {
      source = fs.readFileSync(BUNDLE, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    // Built by tsc alone (no bundle): the modules themselves.
    entry = source !== undefined ? loadBundle(source) : (import("./main.js") as Promise<Entry>);
  } catch (error) {
    cannotStart(error);
  }
  Promise.resolve(entry).then(
    (loaded) => loaded.main(process.argv.slice(2)),
    (error: unknown) => cannotStart(error),
  );
}

// Bundles the command line into one script, dist/cli/labellint-bundle.cjs,
// which the launcher tsc wrote (dist/cli/labellint.cjs, from
// src/cli/labellint.cts) compiles with V8's code cache; and the worker a
// large file's parts are scanned in (src/engine/parts.ts) into
// dist/cli/part-worker.cjs. Start-up is most of the time a small check takes,
// and most of start-up is compiling code: loading ~150 modules, or ~30
// chunks, costs more than the code they hold, while a cached compile of one
// script costs little (see the launcher). Third-party packages stay external
// (loaded from node_modules on first use), but for yaml, built into one file
// beside the bundle (dist/cli/yaml.cjs).
//
// Then one warm-up check writes the code cache for the Node that built it.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

rmSync("dist/cli/chunks", { recursive: true, force: true });
for (const file of readdirSync("dist/cli")) if (file.endsWith(".cache")) rmSync(`dist/cli/${file}`);

const common = {
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  packages: "external",
  logLevel: "warning",
  // No comments or indentation: less source to read and hash at every start (names are kept, for stack traces).
  minifyWhitespace: true,
  legalComments: "none",
  // The modules find the package (package.json, schemas/) from their own URL.
  define: { "import.meta.url": "__labellintModuleUrl", __LABELLINT_YAML__: '"./yaml.cjs"' },
  banner: { js: 'const __labellintModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
};
await build({ ...common, entryPoints: ["src/cli/main.ts"], outfile: "dist/cli/labellint-bundle.cjs" });
await build({ ...common, entryPoints: ["src/engine/part-worker.ts"], outfile: "dist/cli/part-worker.cjs" });
// The `yaml` package as one file beside the bundle (src/deps.ts loads it by the define above): a config
// check loads it in about 15 ms, against about 50 for the package's ~40 modules.
const yamlEntry = createRequire(import.meta.url).resolve("yaml");
const yamlPackage = JSON.parse(readFileSync(join(dirname(yamlEntry), "..", "package.json"), "utf8"));
await build({
  entryPoints: [yamlEntry],
  outfile: "dist/cli/yaml.cjs",
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  logLevel: "warning",
  minifyWhitespace: true,
  legalComments: "none",
  // Its license travels with the copy.
  banner: { js: `/* yaml ${yamlPackage.version} (${yamlPackage.homepage ?? "https://eemeli.org/yaml/"}), bundled from node_modules/yaml.\n\n${readFileSync(join(dirname(yamlEntry), "..", "LICENSE"), "utf8").replaceAll("*/", "* /").trim()}\n*/` },
});

// A script compiled from a code cache cannot import(): Node's own modules, loaded late with
// `await import("node:…")` in the sources, are required instead (the same objects), and packages go
// through importPackage (src/deps.ts), whose own import() is only the fallback.
const bundled = readFileSync("dist/cli/labellint-bundle.cjs", "utf8").replace(/\bimport\("(node:[a-z_/]+)"\)/g, 'Promise.resolve(require("$1"))');
const left = bundled.match(/\bimport\([^)]*\)/g) ?? [];
if (left.some((call) => call !== "import(specifier)")) throw new Error(`the bundle still calls import(): ${left.join(", ")}`);
writeFileSync("dist/cli/labellint-bundle.cjs", bundled);

// The launcher names its code caches by the bundle's digest.
const id = createHash("sha256").update(readFileSync("dist/cli/labellint-bundle.cjs")).digest("hex").slice(0, 16);
const launcher = readFileSync("dist/cli/labellint.cjs", "utf8");
const marker = 'const BUNDLE_ID = "unbundled";';
if (!launcher.includes(marker)) throw new Error("dist/cli/labellint.cjs: no BUNDLE_ID to set");
writeFileSync("dist/cli/labellint.cjs", launcher.replace(marker, `const BUNDLE_ID = "${id}";`));
for (const bin of ["dist/cli/labellint.cjs", "dist/cli/bin.js"]) chmodSync(bin, 0o755);

// Warm-up: a check with findings, through the text reporter, so the cache holds what a check runs.
const warm = spawnSync(process.execPath, ["dist/cli/labellint.cjs", "check", "fixtures/nus-wide-scene/train_list.txt"], {
  encoding: "utf8",
  env: { ...process.env, LABELLINT_COMPILE_CACHE: "1", XDG_CACHE_HOME: "/nonexistent" },
});
if (warm.status !== 0 && warm.status !== 1) throw new Error(`warm-up check failed (${warm.status}): ${warm.stderr}`);
if (!readdirSync("dist/cli").some((f) => f.endsWith(".cache"))) console.warn("bundle-cli: no code cache written (start-up will compile)");

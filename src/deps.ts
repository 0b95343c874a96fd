import { createRequire } from "node:module";

/**
 * The large third-party modules, loaded the first time something needs them
 * rather than at start-up: a check of one small list with no config file
 * never loads its YAML parser or its JSON-schema compiler. Both ship CommonJS
 * builds, so loading them on demand keeps their callers synchronous.
 */
const require = createRequire(import.meta.url);

/**
 * The bundled command line's own one-file build of `yaml` (`./yaml.cjs` beside the bundle, set by
 * scripts/bundle-cli.mjs): one file loads in a fifth of the time the package's ~40 modules take
 * (about 15 ms against 50). The library, compiled by tsc, has no such constant and loads the package.
 */
declare const __LABELLINT_YAML__: string | undefined;
const YAML_MODULE = typeof __LABELLINT_YAML__ === "string" ? __LABELLINT_YAML__ : "yaml";

let yamlModule: typeof import("yaml") | undefined;
/** The `yaml` package. */
export function yaml(): typeof import("yaml") {
  return (yamlModule ??= require(YAML_MODULE) as typeof import("yaml"));
}

let v8Module: typeof import("node:v8") | undefined;
/**
 * Node's `v8` module, which loads Node's stream code with it (its heap snapshots are streams): a
 * third of the built-in modules a one-line check would load, for a heap check that runs once every
 * 4,096 findings held.
 */
export function v8(): typeof import("node:v8") {
  return (v8Module ??= require("node:v8") as typeof import("node:v8"));
}

let ajvModule: typeof import("ajv") | undefined;
/** The `ajv` package. */
export function ajvPackage(): typeof import("ajv") {
  return (ajvModule ??= require("ajv") as typeof import("ajv"));
}

/**
 * Imports a package (an ES module such as `p-limit` can only be imported).
 * The `labellint` command runs from a script compiled with V8's code cache,
 * where `import()` does not work; its launcher lends its own.
 */
export function importPackage<T>(specifier: string): Promise<T> {
  const lent = (globalThis as Record<symbol, unknown>)[Symbol.for("labellint.import")] as ((specifier: string) => Promise<unknown>) | undefined;
  return (lent !== undefined ? lent(specifier) : import(specifier)) as Promise<T>;
}

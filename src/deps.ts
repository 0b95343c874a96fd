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

import { createRequire } from "node:module";

/**
 * The large third-party modules, loaded the first time something needs them
 * rather than at start-up: a check of one small list with no config file
 * never loads its YAML parser or its JSON-schema compiler. Both ship CommonJS
 * builds, so loading them on demand keeps their callers synchronous.
 */
const require = createRequire(import.meta.url);

let yamlModule: typeof import("yaml") | undefined;
/** The `yaml` package. */
export function yaml(): typeof import("yaml") {
  return (yamlModule ??= require("yaml") as typeof import("yaml"));
}

let ajvModule: typeof import("ajv") | undefined;
/** The `ajv` package. */
export function ajvPackage(): typeof import("ajv") {
  return (ajvModule ??= require("ajv") as typeof import("ajv"));
}

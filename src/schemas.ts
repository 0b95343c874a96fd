import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Ajv, Options, ValidateFunction } from "ajv";
import { ajvPackage } from "./deps.js";
import { packageRoot } from "./version.js";

/**
 * The JSON-schema validators. `npm run build` compiles every schema labellint
 * validates against into standalone code (dist/compiled-schemas.cjs, see
 * scripts/compile-schemas.mjs), so a command compiles nothing at run time and
 * never loads the compiler. A schema that is not in that module (edited since
 * the build, or a source checkout not built yet) is compiled on first use by
 * the one Ajv instance below, with the same options.
 */
export const AJV_OPTIONS: Options = { allErrors: true, verbose: true, allowUnionTypes: true, strictTuples: false };
export const CONFIG_SCHEMA_ID = "https://labellint.dev/schemas/config.schema.json";
export const CLASS_GROUP_FRAGMENT = "#/definitions/classGroup";

interface Compiled {
  index: Record<string, string>;
  [name: string]: unknown;
}
let compiled: Compiled | null | undefined;
function precompiled(key: string): ValidateFunction | undefined {
  if (compiled === undefined) {
    try {
      compiled = createRequire(import.meta.url)(new URL("dist/compiled-schemas.cjs", packageRoot).pathname) as Compiled;
    } catch {
      compiled = null;
    }
  }
  const name = compiled?.index[key];
  return name === undefined ? undefined : (compiled![name] as ValidateFunction);
}

let compiler: Ajv | undefined;
function ajv(): Ajv {
  if (compiler === undefined) {
    const { Ajv } = ajvPackage();
    compiler = new Ajv(AJV_OPTIONS);
    // The PaddleClas schemas carry the class signatures they were generated from.
    compiler.addVocabulary(["x-ppcls"]);
  }
  return compiler;
}

/** A key for a schema object: two 32-bit FNV-1a hashes of its JSON and its length. */
export function schemaKey(schema: object): string {
  const text = JSON.stringify(schema);
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 13);
  }
  return `${(a >>> 0).toString(16)}${(b >>> 0).toString(16)}-${text.length}`;
}

const byObject = new WeakMap<object, ValidateFunction>();

/** The validator of a schema object (a rule's options schema, a schema file's contents). */
export function validatorFor<T = unknown>(schema: object): ValidateFunction<T> {
  let validate = byObject.get(schema);
  if (validate === undefined) {
    validate = precompiled(schemaKey(schema)) ?? ajv().compile(schema);
    byObject.set(schema, validate);
  }
  return validate as ValidateFunction<T>;
}

/** The validator of the config schema at `fragment` (`""` for the whole config). */
export function configValidator(fragment = ""): ValidateFunction {
  const id = `${CONFIG_SCHEMA_ID}${fragment}`;
  const found = precompiled(id);
  if (found !== undefined) return found;
  if (ajv().getSchema(CONFIG_SCHEMA_ID) === undefined) ajv().addSchema(schemaFile("config.schema.json"));
  return ajv().getSchema(id)!;
}

const files = new Map<string, object>();

/** A schema shipped in `schemas/` (e.g. `fix-plan.schema.json`), read once. */
export function schemaFile<T extends object = object>(name: string): T {
  let schema = files.get(name);
  if (schema === undefined) {
    schema = JSON.parse(readFileSync(new URL(`schemas/${name}`, packageRoot), "utf8")) as object;
    files.set(name, schema);
  }
  return schema as T;
}

/** The validator of a schema shipped in `schemas/`. */
export function fileValidator<T = unknown>(name: string): ValidateFunction<T> {
  return validatorFor<T>(schemaFile(name));
}

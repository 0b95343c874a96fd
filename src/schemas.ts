import { readFileSync } from "node:fs";
import type { Ajv, ValidateFunction } from "ajv";
import { ajvPackage } from "./deps.js";
import { packageRoot } from "./version.js";

/**
 * The one JSON-schema compiler. Each schema is compiled once, the first time
 * something is validated against it — never at start-up, so a command that
 * reads no JSON pays nothing for the schemas it does not use.
 */
let compiler: Ajv | undefined;
export function ajv(): Ajv {
  if (compiler === undefined) {
    const { Ajv } = ajvPackage();
    compiler = new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true, strictTuples: false });
    // The PaddleClas schemas carry the class signatures they were generated from.
    compiler.addVocabulary(["x-ppcls"]);
  }
  return compiler;
}

const byObject = new WeakMap<object, ValidateFunction>();

/** The validator of a schema object (a rule's options schema), compiled on first use. */
export function validatorFor<T = unknown>(schema: object): ValidateFunction<T> {
  let validate = byObject.get(schema);
  if (validate === undefined) {
    validate = ajv().compile(schema);
    byObject.set(schema, validate);
  }
  return validate as ValidateFunction<T>;
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

/** The validator of a schema shipped in `schemas/`, compiled on first use. */
export function fileValidator<T = unknown>(name: string): ValidateFunction<T> {
  return validatorFor<T>(schemaFile(name));
}

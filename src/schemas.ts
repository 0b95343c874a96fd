import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";

/**
 * The one JSON-schema compiler. Each schema is compiled once, the first time
 * something is validated against it — never at start-up, so a command that
 * reads no JSON pays nothing for the schemas it does not use.
 */
export const ajv = new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true, strictTuples: false });
// The PaddleClas schemas carry the class signatures they were generated from.
ajv.addVocabulary(["x-ppcls"]);

const byObject = new WeakMap<object, ValidateFunction>();

/** The validator of a schema object (a rule's options schema), compiled on first use. */
export function validatorFor<T = unknown>(schema: object): ValidateFunction<T> {
  let validate = byObject.get(schema);
  if (validate === undefined) {
    validate = ajv.compile(schema);
    byObject.set(schema, validate);
  }
  return validate as ValidateFunction<T>;
}

const files = new Map<string, object>();

/** A schema shipped in `schemas/` (e.g. `fix-plan.schema.json`), read once. */
export function schemaFile<T extends object = object>(name: string): T {
  let schema = files.get(name);
  if (schema === undefined) {
    schema = JSON.parse(readFileSync(new URL(`../schemas/${name}`, import.meta.url), "utf8")) as object;
    files.set(name, schema);
  }
  return schema as T;
}

/** The validator of a schema shipped in `schemas/`, compiled on first use. */
export function fileValidator<T = unknown>(name: string): ValidateFunction<T> {
  return validatorFor<T>(schemaFile(name));
}

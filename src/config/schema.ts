import type { ErrorObject, ValidateFunction } from "ajv";
import { CLASS_GROUP_FRAGMENT, configValidator } from "../schemas.js";

/** One thing wrong with a config: where (a JSON pointer, `/datasets/0/split`) and what. */
export interface ConfigProblem {
  path: string;
  message: string;
}

/** The validator of a whole config (the parsed file). */
export const configShapeValidator = (): ValidateFunction => configValidator();
/** The validator of one class group (the library's `classGroups` option). */
export const classGroupShapeValidator = (): ValidateFunction => configValidator(CLASS_GROUP_FRAGMENT);

/** Problems of an ajv run, one per thing wrong, under `prefix` (a JSON pointer). */
export function schemaProblems(errors: readonly ErrorObject[] | null | undefined, prefix = ""): ConfigProblem[] {
  const list = errors ?? [];
  // A failed `oneOf` speaks for its branches: their own errors only repeat it.
  const alternatives = list.filter((e) => e.keyword === "oneOf").map((e) => `${e.schemaPath}/`);
  const problems: ConfigProblem[] = [];
  for (const error of list) {
    if (error.keyword === "if" || alternatives.some((p) => error.schemaPath.startsWith(p))) continue;
    problems.push({ path: `${prefix}${error.instancePath}` || "/", message: describe(error) });
  }
  return problems;
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "enum":
      return `must be equal to one of the allowed values: ${(params["allowedValues"] as unknown[]).map(String).join(", ")}`;
    case "additionalProperties": {
      const properties = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {}).filter((p) => p !== "$schema");
      const known = properties.length > 0 ? ` (known: ${properties.join(", ")})` : "";
      return `has an unknown property '${String(params["additionalProperty"])}'${known}`;
    }
    case "type":
      return `must be ${String(params["type"]).split(",").join(" or ")}`;
    case "oneOf":
      return isGroupSchema(error.parentSchema) ? "must set exactly one of 'exactly' and 'atMost'" : (error.message ?? "is invalid");
    default:
      return error.message ?? "is invalid";
  }
}

function isGroupSchema(schema: unknown): boolean {
  const properties = (schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties?.["exactly"] !== undefined && properties["atMost"] !== undefined;
}

/** `problems` as one line: `/a must …; /b/0 must …`. */
export function joinProblems(problems: readonly ConfigProblem[], where?: (path: string) => string): string {
  return problems.map((p) => `${p.path} ${p.message}${where?.(p.path) ?? ""}`).join("; ");
}

import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { CLASS_GROUP_FRAGMENT, CONFIG_SCHEMA_ID, configValidator, fileValidator, schemaFile, schemaKey, validatorFor } from "../src/schemas.js";
import { allRules } from "../src/rules/index.js";

const COMPILED = new URL("../dist/compiled-schemas.cjs", import.meta.url);

describe.skipIf(!existsSync(COMPILED))("schemas compiled at build time", () => {
  const compiled = createRequire(import.meta.url)(COMPILED.pathname) as { index: Record<string, string> } & Record<string, unknown>;

  it("holds a validator for every schema validated at run time, so none is compiled while a command runs", () => {
    const schemas: object[] = [
      schemaFile("fix-plan.schema.json"),
      schemaFile("mmpretrain-annotation.schema.json"),
      ...readdirSync(new URL("../schemas/ppcls/", import.meta.url)).map((f) => schemaFile(`ppcls/${f}`)),
      ...allRules.flatMap((rule) => (rule.meta.optionsSchema !== undefined ? [rule.meta.optionsSchema] : [])),
    ];
    for (const schema of schemas) {
      const name = compiled.index[schemaKey(schema)];
      expect(name, JSON.stringify(schema).slice(0, 80)).toBeDefined();
      expect(validatorFor(schema)).toBe(compiled[name!]);
    }
    expect(configValidator()).toBe(compiled[compiled.index[CONFIG_SCHEMA_ID]!]);
    expect(configValidator(CLASS_GROUP_FRAGMENT)).toBe(compiled[compiled.index[`${CONFIG_SCHEMA_ID}${CLASS_GROUP_FRAGMENT}`]!]);
  });

  it("validates as the run-time compiler does, errors included", () => {
    const validate = fileValidator("fix-plan.schema.json");
    expect(validate({})).toBe(false);
    expect(validate.errors?.some((e) => e.keyword === "required")).toBe(true);
    const config = configValidator();
    expect(config({ rulez: {} })).toBe(false);
    expect(config.errors?.[0]).toMatchObject({ keyword: "additionalProperties", params: { additionalProperty: "rulez" } });
    // verbose: the parent schema travels with the error (config problems suggest the closest property from it)
    expect(config.errors?.[0]?.parentSchema).toHaveProperty("properties");
  });
});

describe("schemas not compiled at build time", () => {
  it("are compiled on first use, once", () => {
    const schema = { type: "object", properties: { minimum: { type: "integer", minimum: 1 } }, additionalProperties: false };
    const validate = validatorFor(schema);
    expect(validate({ minimum: 2 })).toBe(true);
    expect(validate({ minimum: 0 })).toBe(false);
    expect(validatorFor(schema)).toBe(validate);
  });
});

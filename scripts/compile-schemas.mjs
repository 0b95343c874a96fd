// Compiles every JSON Schema labellint validates against at run time into one
// module of standalone validators (ajv's standalone code generation), so no
// schema is compiled while a command runs: dist/compiled-schemas.cjs. Run by
// `npm run build` after tsc (it reads the rules' option schemas from dist/).
//
// Each validator is filed under a key computed from the schema's JSON
// (see schemaKey in src/schemas.ts); at run time a schema whose key is not in
// the module (edited since the build) is compiled as before.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { Ajv } = require("ajv");
const standaloneCode = require("ajv/dist/standalone").default;
const { allRules } = await import("../dist/rules/index.js");
const { AJV_OPTIONS, schemaKey, CONFIG_SCHEMA_ID, CLASS_GROUP_FRAGMENT } = await import("../dist/schemas.js");

const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
ajv.addVocabulary(["x-ppcls"]);

const exports = {}; // export name -> schema id or key the ajv instance knows it by
const index = {}; // schemaKey -> export name
let n = 0;
const add = (schema, key = schemaKey(schema)) => {
  if (Object.hasOwn(index, key)) return;
  const name = `v${n++}`;
  const ref = `k${name}`;
  ajv.addSchema(schema, ref);
  exports[name] = ref;
  index[key] = name;
};

const files = ["mmpretrain-annotation.schema.json", "fix-plan.schema.json", "partial.schema.json", ...readdirSync("schemas/ppcls").map((f) => `ppcls/${f}`)];
for (const file of files) add(JSON.parse(readFileSync(`schemas/${file}`, "utf8")));
for (const rule of allRules) if (rule.meta.optionsSchema !== undefined) add(rule.meta.optionsSchema);
// The config schema, whole and its class-group definition, by id (as src/config/schema.ts asks for them).
ajv.addSchema(JSON.parse(readFileSync("schemas/config.schema.json", "utf8")));
for (const fragment of ["", CLASS_GROUP_FRAGMENT]) {
  const name = `v${n++}`;
  exports[name] = `${CONFIG_SCHEMA_ID}${fragment}`;
  index[`${CONFIG_SCHEMA_ID}${fragment}`] = name;
}

const code = standaloneCode(ajv, exports);
writeFileSync("dist/compiled-schemas.cjs", `${code}\nexports.index = ${JSON.stringify(index)};\n`);

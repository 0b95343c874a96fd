export { lint, lintFile, lintText, createLintStream, VERSION } from "./engine/lint.js";
export type { FileInput } from "./engine/lint.js";
export { allRules as rules } from "./rules/index.js";
export { LabellintError, isLabellintError } from "./errors.js";
export type { LabellintErrorCode } from "./errors.js";
export { formatters, type Formatter } from "./reporters/index.js";
export { readClassNames } from "./readers/class-names.js";
export type * from "./types.js";

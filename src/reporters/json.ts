import { jsonPieces } from "./json-stream.js";
import { asFormatter, type Formatter, type ReportWriter } from "./types.js";

/** The whole result as JSON, in pieces; valid against `schemas/report.schema.json`. */
export const writeJson: ReportWriter = function* (result) {
  yield* jsonPieces(result);
  yield "\n";
};

/** The whole result as JSON; valid against `schemas/report.schema.json`. */
export const formatJson: Formatter = asFormatter(writeJson);

/** Any value as JSON (two-space indent, a final newline), in pieces. */
export function* writeJsonValue(value: unknown): Generator<string> {
  yield* jsonPieces(value);
  yield "\n";
}

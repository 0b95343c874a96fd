import type { LineFormatId } from "../types.js";
import type { Row, Token } from "./row.js";

/** A line format: how one physical line splits into a path and label values. */
export interface LineFormat {
  id: LineFormatId;
  /** One-line description of a line, for help and messages. */
  shape: string;
  /** The canonical separator between label values, as text. */
  valueSeparator: string;
  /** The separator between the path and the labels, as text. */
  pathSeparator: string;
  /** Fills `row` (already reset to the line) from its bytes. */
  parse(row: Row, tokens?: Token[] | null): void;
}

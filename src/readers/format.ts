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
  /**
   * The lines are sparse canonical lines (`path<TAB>i1,i2,…`, see
   * `readers/sparse.ts`): a row read from one is `sparse`, its values are its
   * `ones`, and asking for its tokens costs C.
   */
  readonly sparse?: boolean;
  /** Fills `row` (already reset to the line) from its bytes. */
  parse(row: Row, tokens?: Token[] | null): void;
}

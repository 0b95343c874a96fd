import type { ConsumerId, FormatId, Severity } from "../types.js";

export type { ConsumerId } from "../types.js";

/**
 * What a consumer does with one case of a finding: `error` when its code
 * crashes on it or trains on something other than the file says, `warn` when
 * it reads the file as intended but the case is a likely mistake or a
 * portability hazard, `off` when it is not worth a word for this consumer.
 */
export interface Effect {
  severity: Severity;
  /**
   * The consequence, appended to the finding's message after ": " — a
   * template whose `{{key}}` placeholders take the report's data.
   */
  consequence?: string;
}

/** A model of the program that reads a label file, as its source code reads it. */
export interface Consumer {
  id: ConsumerId;
  /** How messages name it: "PaddleClas". */
  name: string;
  /** What exactly is modelled: "PaddleClas MultiLabelDataset". */
  title: string;
  /** Where its reading code is (repository and path), for reports. */
  source: string;
  /** The format its code reads; undefined when it reads any (the generic reader). */
  reads?: FormatId;
  /** How it reads label values, in words (for `labellint rules --consumer`). */
  values: string;
  /**
   * Effects by `rule-name/messageId`. A case not listed keeps the rule's
   * default severity and adds no consequence.
   */
  effects: Readonly<Record<string, Effect>>;
  /**
   * Where the consumer looks for an absolute or escaping image path, which
   * image checks then ask exists (never opening it): `join`, joined to the
   * root as Python's os.path.join does (an absolute path replaces it);
   * `written-or-appended`, as written or appended to the root (HashNet opens
   * the path as written, DeepHash-pytorch appends it to its data_path): an
   * absolute path is missing when it is in neither place, an escaping one
   * where both put it. Unset: not asked.
   */
  unsafePaths?: "join" | "written-or-appended";
}

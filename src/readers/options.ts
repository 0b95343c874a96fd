import type { FileResult, FormatId } from "../types.js";
import type { ClassListForm } from "./class-names.js";

/** What a reader needs to know to read a file: its format, its classes, and the limits on what it reads. */
export interface ReadOptions {
  format?: FormatId | "auto";
  /** Why `format` was chosen, when a config chose it (default: "given with --format"). */
  formatReason?: string;
  numClasses?: number;
  /** Class names; their count fixes C when `numClasses` is not given. */
  classNames?: string[];
  /**
   * The class-name list is written as PaddleClas's `id name` lines: a list of class indices in
   * PaddleClas's own syntax (`path<TAB>i1,i2`) is then read as paddleclas, as PaddleClas reads it,
   * not as an index list. Given by the commands that judge a file for its consumer (check, fix).
   */
  classNamesForm?: ClassListForm;
  /** Where `numClasses`/`classNames` came from when a config supplied them (default: "option" / "class-names"). */
  classSource?: { source: FileResult["numClassesSource"]; reason: string };
  /**
   * The `columns` format: the per-class files, with `{class}` standing for each
   * class name in `classNames` order (e.g. `Groundtruth/Labels_{class}_Train.txt`);
   * the label file is then the image list. Relative paths resolve against the working directory.
   */
  columns?: string;
  /** Longest line (or record) read; longer ones are reported, not parsed. */
  maxLineBytes?: number;
  /**
   * Largest class count accepted, given or inferred (default 1,000,000): a
   * larger one is a fatal error before anything is allocated for it.
   */
  maxClasses?: number;
  /** Largest standard input, FIFO or character device accepted (it is spooled to a temporary file; default 1 GiB). */
  maxSpoolBytes?: number;
  /** Read every line of an index list (every entry of a json file, every record of a csv file) the general way, without the fast paths for plain ones (the result must not change). @internal */
  generalLines?: boolean;
}

import { LabellintError } from "../errors.js";
import type { ImageFs } from "../images/fs.js";
import type { ReferencedImages } from "../images/orphans.js";
import type { ReadOptions } from "../readers/options.js";
import type { SplitIndex } from "./splits.js";
import type { ClassGroup, ConsumerId, FileResult, FormatId, RuleSetting, SplitRole } from "../types.js";

export interface LintOptions extends ReadOptions {
  format?: FormatId | "auto";
  /**
   * The program that will read the files (default: the format's usual reader —
   * PaddleClas for paddleclas, HashNet/DeepHash ImageList for spaced, mmpretrain
   * for json, a generic reader otherwise). Severities follow what it does.
   */
  consumer?: ConsumerId;
  /** Why `consumer` was chosen, when a config chose it (default: "given with --consumer"). */
  consumerReason?: string;
  /**
   * The input is the canonical copy of a record format (`consumer` reads the original): its format is not the consumer's.
   * @internal
   */
  canonicalOf?: FormatId;
  /**
   * The canonical copy's rows are sparse lines (index lists, `readers/sparse.ts`), read with `numClasses`.
   * @internal
   */
  sparseRows?: boolean;
  /**
   * The format sniffed from the head already (by the caller that chose between
   * lines and records): the session uses it instead of sniffing again.
   * @internal
   */
  sniffed?: { format: FormatId; reason: string };
  /**
   * Records of the original the reader could not make rows (a file-wide syntax error counts as one).
   * @internal
   */
  unreadRecords?: number;
  numClasses?: number;
  /** Class names; their count fixes C when `numClasses` is not given. */
  classNames?: string[];
  split?: SplitRole;
  /** Keyed by rule name or code. */
  rules?: Record<string, RuleSetting>;
  maxLineBytes?: number;
  /** Cap on listed problems per rule per file; counts stay exact. */
  maxProblemsPerRule?: number;
  /**
   * Cap on listed findings about single classes (a class without positives,
   * a rare class …) per rule per file, below `maxProblemsPerRule`: with C in
   * the hundreds of thousands they are one per class. Counts stay exact.
   * The command line lists 1,000 in its machine reports unless
   * `--max-problems-per-rule` is given; the library lists all.
   */
  maxClassProblemsPerRule?: number;
  /** Report and count error-severity problems only (`--quiet`): warnings are left out of the listing and the totals. */
  errorsOnly?: boolean;
  /** Compute the full statistics (labelsets, IR measures, co-occurrence) into `statistics`. */
  statistics?: boolean;
  /** Called as bytes are consumed, for progress display. */
  onProgress?: (bytesRead: number, rows: number) => void;
  /**
   * Which ImageList reads a spaced list (`--consumer hashnet` or `deephash`), for
   * the image paths it looks up: HashNet opens a path as written, DeepHash-pytorch
   * appends it to its data_path. Unset, an absolute path must be in both places.
   */
  imagelistReader?: "hashnet" | "deephash";
  /** Check every listed image under `imageRoot` (missing-image, unreadable-image). */
  checkImages?: boolean;
  /** Directory image paths are relative to (default: the label file's directory; the working directory for text and streams). */
  imageRoot?: string;
  /**
   * Folders outside the image root whose images may be opened too (absolute
   * paths resolved): a symbolic link under the root that leads into one (a
   * dataset whose folders link to shared storage), or an absolute or `..`
   * path that points into one, is checked like any image under the root.
   * Anything else outside the root is never opened (unsafe-path).
   */
  imageDirs?: string[];
  /**
   * Without image checks, still ask whether a path with a `\\` names a file of
   * that very name under `imageRoot` (as image checks do: backslash-path is
   * then a warning): fix's check of its output, when the fix checked images.
   * @internal
   */
  lookUpBackslashPaths?: boolean;
  /** The input was gzip-compressed and is read decompressed (compressed-list). @internal */
  compressed?: "gzip";
  /** How each of `imageDirs` is named when it cannot be used (default `--allow-images-in '<dir>'`); a config file's name their entry. */
  imageDirNames?: string[];
  /** Images checked at once (default 16). */
  concurrency?: number;
  /** Hash every image's content (reads whole files): duplicate-image, and split-leakage by content. Implies `checkImages`. */
  hashImages?: boolean;
  /**
   * Decode every image fully with sharp (loaded only then): unreadable-image's
   * undecodable and corrupt findings, and image sizes in `images`. Implies `checkImages`.
   */
  decodeImages?: boolean;
  /**
   * Compare eval images with train images by perceptual hash (near-duplicate-leakage).
   * Implies `decodeImages`.
   */
  similarImages?: boolean;
  /** Largest Hamming distance between two 64-bit dHashes that counts as the same picture (default {@link DEFAULT_SIMILAR_THRESHOLD}). */
  similarThreshold?: number;
  /**
   * The images the lists of a run name, shared by its files (orphan-image): `lint()` makes one per run.
   * @internal
   */
  referencedImages?: ReferencedImages;
  /** The file-system calls image checks make (tests inject a recorder). */
  imageFs?: ImageFs;
  /** Called as images are checked: results delivered so far, and the number of rows to check. */
  onImageProgress?: (checked: number, total: number) => void;
  /** The training config's loss masks −1 targets for this file's split (what does it, in words): −1 then means "not annotated". */
  minusOneMasked?: string;
  /**
   * The training config decodes this file's images with PIL, not cv2 (PaddleClas's DecodeImage with
   * `backend: pil`): image findings follow what PIL does (the consumer's `…@pil` effects).
   */
  imageDecoder?: "pil";
  /**
   * The training config's sampler drops an incomplete last batch for this file's split: a list of
   * fewer than `size` rows yields no batch (`where`: the sampler, in words).
   */
  dropLastBatch?: { size: number; where: string };
  /** Why `format` was chosen, when a config chose it (default: "given with --format"). */
  formatReason?: string;
  /** Where `numClasses`/`classNames` came from when a config supplied them (default: "option" / "class-names"). */
  classSource?: { source: FileResult["numClassesSource"]; reason: string };
  /**
   * The input is a temporary copy that is gone after this call (standard input's spool, a record
   * format's canonical lines): cross-file state keeps what it needs of it in memory.
   * @internal
   */
  transientInput?: boolean;
  /**
   * List every line's findings, even those a file-level finding explains (a
   * file in another format): the fixer works from them.
   * @internal
   */
  listEveryLine?: boolean;
  /** Cross-file state for split-leakage; `lint()` and the CLI share one across the files of a run. */
  splits?: SplitIndex;
  /**
   * The `columns` format: the per-class files, with `{class}` standing for each
   * class name in `classNames` order (e.g. `Groundtruth/Labels_{class}_Train.txt`);
   * the label file is then the image list. Relative paths resolve against the working directory.
   */
  columns?: string;
  /** Mutually exclusive class groups (exclusive-group); names resolve against `classNames`. */
  classGroups?: ClassGroup[];
  /**
   * Label values that mean "unknown / not annotated" on purpose (CheXpert's
   * uncertain labels, VOC's difficult): integers such as -1, or "" for an empty
   * value. They are counted per class, not reported as bad values — unless the
   * consumer trains on them as targets.
   */
  unknownLabels?: (number | "")[];
  /**
   * Largest class count accepted, given or inferred (default 1,000,000): a
   * larger one is a fatal error before anything is allocated for it.
   */
  maxClasses?: number;
  /** Largest standard input, FIFO or character device accepted (it is spooled to a temporary file; default 1 GiB). */
  maxSpoolBytes?: number;
  /**
   * Sees every chunk of the first read of the input (the fixer hashes it, to
   * know the input did not change before its second pass).
   * @internal
   */
  onChunk?: (chunk: Buffer) => void;
  /**
   * Rules whose problems are counted (exactly) but never listed: the fixer
   * drops blank lines itself and does not hold a million of blank-line's problems.
   * @internal
   */
  unlistedRules?: readonly string[];
  /**
   * Threads a large line-format file is read on (default 1; the command
   * line's default is every core): the file is cut into newline-aligned byte
   * ranges, the first scanned on the calling thread and each other one by a
   * worker thread, and the parts merged exactly — the result is the one a
   * single scan gives.
   */
  jobs?: number;
  /** Smallest part worth a thread (default 16 MiB). @internal */
  minPartBytes?: number;
  /** Fewest rows (estimated from the head's mean line) a part worth a thread holds (default 1,000,000). @internal */
  minPartRows?: number;
  /** Call every rule's `row` for every row of its verdicts, as if no rule declared `rowFeatures` (the result must not change). @internal */
  everyRowHook?: boolean;
  /** Bytes between the line marks a re-read starts from (default 512 KiB). @internal */
  markBytes?: number;
}

/** Default `similarThreshold` (chosen from `node bench/similar.mjs`: see the README for its recall and false positives). */
export const DEFAULT_SIMILAR_THRESHOLD = 11;

/** Options as data another thread or process can take: no callbacks, no run-time objects (split index, referenced images, image file system). */
export function dataOptions(options: LintOptions): LintOptions {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || typeof value === "function" || key === "splits" || key === "referencedImages" || key === "imageFs") continue;
    out[key] = value;
  }
  return out as LintOptions;
}

/** Whether a run checks images at all: every image option implies it. */
export function checksImages(o: LintOptions): boolean {
  return o.checkImages === true || o.hashImages === true || o.decodeImages === true || o.similarImages === true;
}

/** How a wrong option value reads in an error: "a Promise (await it first)", "the string '33'". */
function described(value: unknown): string {
  if (value instanceof Promise) return "a Promise (await it first)";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string '${value.length > 40 ? `${value.slice(0, 39)}…` : value}'`;
  if (typeof value === "number") return String(value);
  return `a ${typeof value}`;
}

/**
 * A library caller's options checked as the CLI checks its flags: a value of
 * the wrong type is one clear `LL_INVALID_OPTION` error, not a crash deep in a
 * reader or a number read from a string. (TypeScript callers get these from the
 * types; JavaScript callers and values built at run time do not.)
 */
export function assertLintOptions(options: LintOptions): void {
  const bad = (name: string, wanted: string, value: unknown) => new LabellintError("LL_INVALID_OPTION", `options.${name} must be ${wanted}, got ${described(value)}`);
  const o = options as Record<string, unknown>;
  for (const name of ["numClasses", "maxLineBytes", "jobs", "maxSpoolBytes", "maxClasses"]) {
    const v = o[name];
    if (v !== undefined && !(typeof v === "number" && Number.isInteger(v) && v > 0)) throw bad(name, "a positive integer", v);
  }
  for (const name of ["maxProblemsPerRule", "maxClassProblemsPerRule"] as const) {
    const cap = o[name];
    if (cap !== undefined && !(typeof cap === "number" && (Number.isInteger(cap) || cap === Number.POSITIVE_INFINITY) && cap >= 0)) throw bad(name, "a whole number, 0 or more", cap);
  }
  const names = o.classNames;
  if (names !== undefined) {
    if (!Array.isArray(names)) throw bad("classNames", "an array of strings", names);
    const i = names.findIndex((n) => typeof n !== "string");
    if (i !== -1) throw bad(`classNames[${i}]`, "a string", names[i]);
  }
  if (o.split !== undefined && o.split !== "train" && o.split !== "eval") throw bad("split", "'train' or 'eval'", o.split);
}

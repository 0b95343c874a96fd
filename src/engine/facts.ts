import { resolveClassGroups } from "../config/groups.js";
import { LabellintError } from "../errors.js";
import { checkClassCount, DEFAULT_MAX_CLASSES } from "../limits.js";
import { detectFormat } from "../readers/detect.js";
import type { LineFormat } from "../readers/format.js";
import { isLineFormat, lineFormats } from "../readers/index.js";
import type { FileFacts, FileResult, LintOptions } from "../types.js";
import { looksLikeIndices, looksSigned, profileHead, type Profile } from "./profile.js";

export interface HeadFindings {
  format: LineFormat;
  formatReason: string;
  numClasses: number;
  numClassesSource: FileResult["numClassesSource"];
  numClassesReason: string;
  profile: Profile;
}

/**
 * What the head of a file and the options decide before the first line is
 * judged: the format (given, or sniffed with a reason) and the class count
 * (option, class names, or inferred — from row widths, or from the largest
 * index in an index-list file).
 */
export function readHead(head: Buffer, options: LintOptions, path: string, wholeInput: boolean): HeadFindings {
  let format: LineFormat;
  let formatReason: string;
  if (options.format === undefined || options.format === "auto") {
    const detection = detectFormat(head, path, options);
    // Record formats are rewritten to canonical lines before a session sees them (see lintFile).
    if (!isLineFormat(detection.format)) throw new LabellintError("LL_UNKNOWN_FORMAT", `${path}: detected as ${detection.format}, which is read as records, not lines`);
    format = lineFormats[detection.format];
    formatReason = `auto: ${detection.reason}`;
  } else {
    if (!isLineFormat(options.format)) throw new LabellintError("LL_UNKNOWN_FORMAT", `unknown line format '${String(options.format)}'`);
    format = lineFormats[options.format];
    formatReason = options.formatReason ?? "given with --format";
  }
  const maxClasses = options.maxClasses ?? DEFAULT_MAX_CLASSES;
  const profile = profileHead(head, format, wholeInput, maxClasses);
  const base = { format, formatReason, profile };
  // Every class count, given or inferred, is checked before anything is sized by it.
  if (options.numClasses !== undefined) checkClassCount(options.numClasses, options.classSource?.reason ?? "--num-classes", maxClasses);
  if (options.classNames !== undefined) checkClassCount(options.classNames.length, options.classSource?.reason ?? "the class-name list", maxClasses);
  if (options.numClasses === undefined && options.classNames === undefined && !looksLikeIndices(profile)) {
    checkClassCount(profile.modeWidth, `${path}: the most common row width`, maxClasses);
  }
  if (options.numClasses !== undefined) {
    if (options.classNames !== undefined && options.classNames.length !== options.numClasses) {
      throw new LabellintError("LL_INVALID_OPTION", `--num-classes is ${options.numClasses} but the class-name list has ${options.classNames.length} names`);
    }
    return {
      ...base,
      numClasses: options.numClasses,
      numClassesSource: options.classSource?.source ?? "option",
      numClassesReason: options.classSource?.reason ?? "given with --num-classes",
    };
  }
  if (options.classNames !== undefined) {
    const n = options.classNames.length;
    return {
      ...base,
      numClasses: n,
      numClassesSource: options.classSource?.source ?? "class-names",
      numClassesReason: options.classSource?.reason ?? `${n} names in the class-name list`,
    };
  }
  if (looksLikeIndices(profile)) {
    // Row widths of an index list say nothing about C; its largest index bounds it from below.
    const n = profile.maxIndex + 1;
    return {
      ...base,
      numClasses: n,
      numClassesSource: "inferred",
      numClassesReason: `inferred: at least ${n}, from the largest class index in the sampled rows (they list indices); give --num-classes`,
    };
  }
  return {
    ...base,
    numClasses: profile.modeWidth,
    numClassesSource: "inferred",
    numClassesReason:
      profile.sampledRows === 0
        ? "no data rows to infer it from"
        : `inferred: most common row width, ${profile.modeCount} of ${profile.sampledRows} sampled rows have ${profile.modeWidth} values`,
  };
}

/** Sampled rows of one width it takes to call a whole file another width (as for a file of index lists). */
const WIDTH_MISMATCH_MIN_ROWS = 10;

/**
 * The row width most sampled rows share (at least 10 of them, and more than
 * half), when C was given from outside the data (an option, a class list, a
 * config) and differs from it: the whole file disagrees with the declared
 * class count, not a few rows.
 */
function dataWidthMismatch(found: HeadFindings, indexFile: boolean): FileFacts["dataWidth"] {
  const { profile, numClasses } = found;
  if (found.numClassesSource === "inferred" || indexFile) return undefined;
  if (profile.modeWidth === numClasses || profile.modeCount < WIDTH_MISMATCH_MIN_ROWS || profile.modeCount * 2 <= profile.sampledRows) return undefined;
  if (profile.indexRows * 2 >= profile.sampledRows) return undefined;
  return { width: profile.modeWidth, rows: profile.modeCount, sampledRows: profile.sampledRows };
}

/** The facts every rule of one file sees. */
export function fileFacts(found: HeadFindings, options: LintOptions, path: string, maxLineBytes: number): FileFacts {
  const { profile } = found;
  const indexFile = looksLikeIndices(profile);
  const dataWidth = dataWidthMismatch(found, indexFile);
  const classGroups = resolveClassGroups(options.classGroups, { numClasses: found.numClasses, classNames: options.classNames });
  return {
    numClassesReason: found.numClassesReason,
    numClassesSource: found.numClassesSource,
    ...(options.minusOneMasked !== undefined ? { minusOneMasked: options.minusOneMasked } : {}),
    ...(dataWidth !== undefined ? { dataWidth } : {}),
    format: found.format.id,
    numClasses: found.numClasses,
    split: options.split ?? "train",
    ...(options.classNames !== undefined ? { classNames: options.classNames } : {}),
    signed: looksSigned(profile),
    indexFile,
    signedEvidence: { rowsWithMinusOne: profile.rowsWithMinusOne, sampledRows: profile.sampledRows },
    path,
    maxLineBytes,
    ...(options.splits !== undefined ? { splits: options.splits } : {}),
    hashImages: options.hashImages === true,
    ...(classGroups !== undefined ? { classGroups } : {}),
  };
}

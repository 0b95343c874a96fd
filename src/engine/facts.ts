import { LabellintError } from "../errors.js";
import { detectFormat } from "../readers/detect.js";
import type { LineFormat } from "../readers/format.js";
import { lineFormats } from "../readers/index.js";
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
    const detection = detectFormat(head, path);
    format = lineFormats[detection.format];
    formatReason = `auto: ${detection.reason}`;
  } else {
    const given = lineFormats[options.format];
    if (given === undefined) throw new LabellintError("LL_UNKNOWN_FORMAT", `unknown format '${String(options.format)}'`);
    format = given;
    formatReason = "given with --format";
  }
  const profile = profileHead(head, format, wholeInput);
  const base = { format, formatReason, profile };
  if (options.numClasses !== undefined) {
    if (options.classNames !== undefined && options.classNames.length !== options.numClasses) {
      throw new LabellintError("LL_INVALID_OPTION", `--num-classes is ${options.numClasses} but the class-name list has ${options.classNames.length} names`);
    }
    return { ...base, numClasses: options.numClasses, numClassesSource: "option", numClassesReason: "given with --num-classes" };
  }
  if (options.classNames !== undefined) {
    const n = options.classNames.length;
    return { ...base, numClasses: n, numClassesSource: "class-names", numClassesReason: `${n} names in the class-name list` };
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

/** The facts every rule of one file sees. */
export function fileFacts(found: HeadFindings, options: LintOptions, path: string, maxLineBytes: number): FileFacts {
  const { profile } = found;
  return {
    format: found.format.id,
    numClasses: found.numClasses,
    split: options.split ?? "train",
    ...(options.classNames !== undefined ? { classNames: options.classNames } : {}),
    signed: looksSigned(profile),
    indexFile: looksLikeIndices(profile),
    signedEvidence: { rowsWithMinusOne: profile.rowsWithMinusOne, sampledRows: profile.sampledRows },
    path,
    maxLineBytes,
    ...(options.splits !== undefined ? { splits: options.splits } : {}),
    hashImages: options.hashImages === true,
  };
}

import { resolveClassGroups } from "../config/groups.js";
import { LabellintError } from "../errors.js";
import { checkClassCount, DEFAULT_MAX_CLASSES } from "../io/limits.js";
import { detectFormat, sampleLines } from "../readers/detect.js";
import type { LineFormat } from "../readers/format.js";
import { isLineFormat, lineFormats } from "../readers/index.js";
import { sparseCanonical } from "../readers/sparse.js";
import type { FileDiagnosis, FileResult, FormatId } from "../types.js";
import type { FileFacts } from "./api.js";
import { assertLintOptions, DEFAULT_SIMILAR_THRESHOLD, type LintOptions } from "./options.js";
import { consumers, consumerTitle, defaultConsumer } from "../consumers/index.js";
import type { Consumer } from "../consumers/types.js";
import { looksLikeIndices, looksSigned, profileHead, type Profile } from "./profile.js";
import { formatCount } from "../text/numbers.js";

export interface HeadFindings {
  format: LineFormat;
  formatReason: string;
  /** The format was given (an option, a config, a consumer), not sniffed. */
  formatGiven: boolean;
  consumer: Consumer;
  consumerReason: string;
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
    // Decided once per file: a caller that sniffed the head already passes its finding on.
    const detection = options.sniffed !== undefined ? { format: options.sniffed.format, reason: options.sniffed.reason.replace(/^auto: /, "") } : detectFormat(head, path, options);
    // Record formats are rewritten to canonical lines before a session sees them (see lintFile).
    if (!isLineFormat(detection.format)) throw new LabellintError("LL_UNKNOWN_FORMAT", `${path}: detected as ${detection.format}, which is read as records, not lines`);
    format = lineFormats[detection.format];
    formatReason = `auto: ${detection.reason}`;
  } else {
    if (!isLineFormat(options.format)) throw new LabellintError("LL_UNKNOWN_FORMAT", `unknown line format '${String(options.format)}'`);
    // A record input's sparse canonical lines: read as the multi-hot lines they stand for.
    // (Without a class count the reader wrote no row: an annotation file it could not read.)
    const sparseWidth = options.sparseRows ? (options.numClasses ?? options.classNames?.length) : undefined;
    format = sparseWidth !== undefined ? sparseCanonical(sparseWidth) : lineFormats[options.format];
    formatReason = options.formatReason ?? "given with --format";
  }
  const maxClasses = options.maxClasses ?? DEFAULT_MAX_CLASSES;
  const profile = profileHead(head, format, wholeInput, maxClasses);
  const formatGiven = options.format !== undefined && options.format !== "auto";
  const { consumer, reason: consumerReason } = chooseConsumer(format.id, options);
  const base = { format, formatReason, formatGiven, consumer, consumerReason, profile };
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
      numClassesReason: `${AT_LEAST}${formatCount(n)}, ${FROM_INDEX} in the sampled rows (they list indices); give --num-classes`,
    };
  }
  return {
    ...base,
    numClasses: profile.modeWidth,
    numClassesSource: "inferred",
    numClassesReason:
      profile.sampledRows === 0
        ? "no row with label values to infer it from"
        : profile.cutLine > 0
          ? `${AT_LEAST}${formatCount(profile.modeWidth)}, the values in the first ${formatCount(profile.cutLine)} bytes of line 1, which is longer; give --num-classes`
          : `inferred: most common row width, ${formatCount(profile.modeCount)} of ${formatCount(profile.sampledRows)} sampled rows have ${formatCount(profile.modeWidth)} ${profile.modeWidth === 1 ? "value" : "values"}`,
  };
}

const AT_LEAST = "inferred: at least ";
const FROM_INDEX = "from the largest class index";

/**
 * Whether an inferred class count is only a lower bound, from the reason the
 * facts give for it: `indices` (an index list's largest index, plus one) or
 * `cutLine` (the values of a first line longer than the head); undefined
 * for a count that is the count.
 */
export function lowerBoundOf(reason: string): "indices" | "cutLine" | undefined {
  if (!reason.startsWith(AT_LEAST)) return undefined;
  return reason.includes(FROM_INDEX) ? "indices" : "cutLine";
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
  if (profile.modeWidth === numClasses || profile.modeCount * 2 <= profile.sampledRows) return undefined;
  // Ten rows of one width, or a small file whose every row has it (the whole file is the sample).
  if (profile.modeCount < WIDTH_MISMATCH_MIN_ROWS && !(profile.modeCount === profile.sampledRows && profile.sampledRows >= 2)) return undefined;
  if (profile.indexRows * 2 >= profile.sampledRows) return undefined;
  return { width: profile.modeWidth, rows: profile.modeCount, sampledRows: profile.sampledRows };
}

/**
 * Options with the format the consumer reads, when a consumer is given and
 * the format is left to sniffing: PaddleClas reads every list as
 * `path<TAB>v1,…,vC`, whatever the file holds (a file in another format then
 * gets one file-level finding). A given format the consumer cannot read is a usage error.
 */
export function readAsConsumer(options: LintOptions): LintOptions {
  assertLintOptions(options);
  if (options.consumer === undefined || options.canonicalOf !== undefined) return options;
  const consumer = consumers[options.consumer];
  if (consumer === undefined) throw new LabellintError("LL_INVALID_OPTION", `unknown consumer '${String(options.consumer)}'`);
  if (consumer.reads === undefined) return options;
  if (options.format === undefined || options.format === "auto") {
    if (options.columns !== undefined) throw new LabellintError("LL_USAGE", `--columns reads the columns format, which ${consumer.title} does not read (--consumer generic reads any format)`);
    return { ...options, format: consumer.reads, formatReason: `the format ${consumerTitle(consumer.id, options.imagelistReader)} reads; ${options.consumerReason ?? "given with --consumer"}` };
  }
  if (options.format !== consumer.reads) {
    throw new LabellintError("LL_USAGE", `--format ${options.format} does not go with ${consumer.title}, which reads ${consumer.reads} files (--consumer generic reads any format)`);
  }
  return options;
}

/** The consumer of a file of `format`: the one given, else the format's usual reader. */
export function chooseConsumer(format: FormatId, options: Pick<LintOptions, "consumer" | "consumerReason">): { consumer: Consumer; reason: string } {
  if (options.consumer !== undefined) return { consumer: consumers[options.consumer], reason: options.consumerReason ?? "given with --consumer" };
  const consumer = defaultConsumer(format);
  return { consumer, reason: consumer.id === "generic" ? `no one program reads ${format} files; a strict reader is assumed` : `the usual reader of ${format} files` };
}

/**
 * A whole-file failure, when most sampled lines of the head fail the same
 * way: they are not UTF-8 text, or the file reads as another format than the
 * one it is read as (given by an option, a config or the consumer — a sniffed
 * format is what the file reads as by definition). Index lists and files of
 * another width have file-level findings of their own.
 */
function diagnose(found: HeadFindings, head: Buffer, options: LintOptions): FileDiagnosis | undefined {
  const { profile } = found;
  if (profile.contentLines > 0 && profile.encodingLines * 2 > profile.contentLines) {
    return { kind: "encoding", sampled: profile.contentLines, failing: profile.encodingLines, firstLine: profile.firstEncodingLine, looksLike: looksLike(head) };
  }
  // A canonical copy of a record format is in the format it is read as by construction.
  if (!found.formatGiven || options.canonicalOf !== undefined) return undefined;
  // What the bytes read as: a list named `*.json` is still read line by line by a program told it is a list.
  const detected = detectFormat(head, "", options);
  const actual = detected.format;
  // Index lists and files of another width have file-level findings of their own.
  if (actual === found.format.id || actual === "indices" || actual === "columns") return undefined;
  // JSON is known by its first byte; the line formats by a majority of sampled lines.
  if (actual !== "json" && (detected.sampled === undefined || detected.agree === undefined || detected.agree * 2 <= detected.sampled)) return undefined;
  const columns = found.format.id === "paddleclas" && actual === "spaced" ? tabColumns(head) : undefined;
  return {
    kind: "otherFormat",
    sampled: detected.sampled ?? profile.contentLines,
    failing: detected.agree ?? profile.contentLines,
    firstLine: 1,
    actualFormat: actual,
    actualReason: detected.reason,
    ...(columns !== undefined ? { tabColumns: columns } : {}),
  };
}

/**
 * How many TAB-separated label columns the head's first line holds, when every
 * sampled line is `path<TAB>v1<TAB>v2…` (no comma): a spreadsheet export, of
 * which a path<TAB>v1,…,vC reader takes the first column as all the labels.
 */
function tabColumns(head: Buffer): number | undefined {
  const lines = sampleLines(head, 20);
  if (lines.length === 0 || lines.some((line) => line.includes(",") || line.split("\t").length < 3)) return undefined;
  return lines[0]!.split("\t").length - 1;
}

/** What bytes that are not UTF-8 text look like, in words. */
function looksLike(head: Buffer): string {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return "UTF-16 text (it starts with a UTF-16 byte-order mark)";
  if (head[0] === 0x1f && head[1] === 0x8b) return "gzip-compressed";
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return "a zip archive";
  let nulOdd = 0;
  let nulEven = 0;
  const n = Math.min(head.length, 4096);
  for (let i = 0; i < n; i++) if (head[i] === 0) (i % 2 === 0 ? nulEven++ : nulOdd++);
  if (nulOdd > n / 4 || nulEven > n / 4) return "UTF-16 text without a byte-order mark (every other byte is NUL)";
  if (nulOdd + nulEven === 0) return "text in another encoding than UTF-8 (Latin-1, GBK, Shift-JIS …)";
  return "binary, not text";
}

/** The declared unknown values as facts: the integers, whether an empty value is one, and how to name them. */
function declaredUnknown(values: LintOptions["unknownLabels"]): FileFacts["unknown"] {
  if (values === undefined || values.length === 0) return undefined;
  const ints = values.filter((v): v is number => v !== "");
  const empty = values.includes("");
  const text = [...ints.map(String), ...(empty ? ["an empty value"] : [])].join(", ");
  return { values: new Set(ints), empty, text };
}

/** The facts every rule of one file sees. */
export function fileFacts(found: HeadFindings, options: LintOptions, path: string, maxLineBytes: number, head: Buffer = Buffer.alloc(0)): FileFacts {
  const { profile } = found;
  const indexFile = looksLikeIndices(profile);
  const diagnosis = diagnose(found, head, options);
  const dataWidth = dataWidthMismatch(found, indexFile);
  const classGroups = resolveClassGroups(options.classGroups, { numClasses: found.numClasses, classNames: options.classNames });
  const unknown = declaredUnknown(options.unknownLabels);
  return {
    numClassesReason: found.numClassesReason,
    numClassesSource: found.numClassesSource,
    ...(options.minusOneMasked !== undefined ? { minusOneMasked: options.minusOneMasked } : {}),
    ...(options.imageDecoder !== undefined ? { imageDecoder: options.imageDecoder } : {}),
    ...(options.imagelistReader !== undefined && found.consumer.id === "imagelist" ? { imagelistReader: options.imagelistReader } : {}),
    ...(options.dropLastBatch !== undefined ? { dropLastBatch: options.dropLastBatch } : {}),
    ...(dataWidth !== undefined ? { dataWidth } : {}),
    format: found.format.id,
    consumer: found.consumer.id,
    ...(diagnosis !== undefined ? { diagnosis } : {}),
    numClasses: found.numClasses,
    split: options.split ?? "train",
    ...(options.classNames !== undefined ? { classNames: options.classNames } : {}),
    // -1 declared as "unknown" is not a -1/1 encoding.
    signed: unknown?.values.has(-1) ? false : looksSigned(profile),
    indexFile,
    signedEvidence: { rowsWithMinusOne: profile.rowsWithMinusOne, sampledRows: profile.sampledRows },
    path,
    maxLineBytes,
    ...(options.splits !== undefined ? { splits: options.splits } : {}),
    hashImages: options.hashImages === true,
    ...(options.compressed !== undefined ? { compressed: options.compressed } : {}),
    ...(options.similarImages === true ? { similarThreshold: options.similarThreshold ?? DEFAULT_SIMILAR_THRESHOLD } : {}),
    ...(classGroups !== undefined ? { classGroups } : {}),
    ...(options.unreadRecords ? { unreadRecords: options.unreadRecords } : {}),
    ...(unknown !== undefined ? { unknown } : {}),
  };
}

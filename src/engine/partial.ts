import type { ImageStatus } from "../images/check.js";
import type { CheckedImage } from "../images/phase.js";
import type { SavedSink } from "./rule-context.js";
import type { SavedTally } from "./tally.js";

/** A key record's row is in the duplicate index. */
export const KEY_DUPLICATE = 1;
/** A key record's row takes part in split leakage (a row with a path). */
export const KEY_SPLIT = 2;

/** How a part (a byte range of a file) is read: facts from the file's head, its own bytes scanned. */
export interface PartHead {
  /** The file's first bytes (as many as one scan sniffs). */
  head: Buffer;
  /** The head is the whole file. */
  wholeInput: boolean;
  /** Where the part starts in the file (a byte-order mark counts only at 0). */
  start: number;
  /** A line other than a blank one comes before the part (so its first line cannot be a header). */
  contentBefore: boolean;
}

/**
 * One part's scan of a file, as data: what `LintSession.mergeParts` needs to
 * go on as if it had read the part itself. Lines and rows are the part's own
 * (its first line is 1); `keys` holds one record per row with a path hash,
 * four 32-bit numbers each: hash high, hash low, line, flags.
 */
export interface FilePart {
  lines: number;
  rows: number;
  bytes: number;
  file: { bom: boolean; crlfLines: number; lfLines: number; crLines: number; finalNewline: boolean };
  headerLine: number;
  headerNames?: string[];
  tally: SavedTally;
  rules: Record<string, unknown>;
  sink: SavedSink;
  keys: Uint32Array;
  /** Where lines start (line, byte offset in the file, non-blank lines before; the part's own line numbers), about every 512 KiB: see `LineMarks`. */
  marks?: number[];
  /** The images of the part's rows, checked (with image checks on): line and result, as plain data (see {@link plainImage}). */
  images?: PlainCheckedImage[];
}

/** A {@link CheckedImage} as JSON data: a decoded image's 64-bit hash as a hex string. */
export interface PlainCheckedImage {
  line: number;
  status: Record<string, unknown>;
}

export function plainImage(checked: CheckedImage): PlainCheckedImage {
  const { status } = checked;
  if ((status.kind === "ok" || status.kind === "mismatch") && status.image !== undefined) {
    return { line: checked.line, status: { ...status, image: { ...status.image, dhash: status.image.dhash.toString(16) } } };
  }
  return { line: checked.line, status: { ...status } };
}

export function checkedImage(plain: PlainCheckedImage, lineOffset: number): CheckedImage {
  const status = plain.status as unknown as ImageStatus & { image?: { dhash: unknown } };
  if (status.image !== undefined && typeof status.image.dhash === "string") {
    return { line: plain.line + lineOffset, status: { ...status, image: { ...status.image, dhash: BigInt(`0x${status.image.dhash}`) } } as ImageStatus };
  }
  return { line: plain.line + lineOffset, status: status as ImageStatus };
}

/**
 * What the join of a file's key records (all parts, file order) found: its
 * duplicate candidate pairs (`[later, first]` flat, by the later line) and,
 * for an eval file, its rows whose path hash a train row has (by line).
 */
export interface JoinedKeys {
  pairs: Uint32Array;
  evalHits: { line: number; trainFile: number; trainLine: number }[];
}

/** Key records, four 32-bit numbers each, in a growing typed array. */
export class KeyRecords {
  private data = new Uint32Array(4096);
  private length = 0;

  add(hi: number, lo: number, line: number, flags: number): void {
    if (this.length + 4 > this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const d = this.data;
    const n = this.length;
    d[n] = hi;
    d[n + 1] = lo;
    d[n + 2] = line;
    d[n + 3] = flags;
    this.length = n + 4;
  }

  records(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

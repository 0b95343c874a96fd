import { LabellintError } from "../errors.js";
import { formatCount } from "../text/numbers.js";

/**
 * Bounds on what an input may make labellint allocate. Each is checked before
 * the allocation it guards, and exceeding one is one clear fatal error
 * (`LL_LIMIT_EXCEEDED`), never an out-of-memory crash.
 */

/** How much of a file's head is sniffed before scanning starts (format, C, signedness). */
export const SNIFF_BYTES = 1 << 20;
/** Longest line read by default (`--max-line-bytes`); a longer one is reported, not parsed. */
export const DEFAULT_MAX_LINE_BYTES = 1 << 20;

/** Largest class count accepted by default (`--max-classes` / `maxClasses` raises it). */
export const DEFAULT_MAX_CLASSES = 1_000_000;
/** Largest YAML file read (a labellint config or a PaddleClas training config). */
export const MAX_YAML_BYTES = 4 << 20;
/** Largest class-name list read (a million classes with 15-byte names). */
export const MAX_CLASS_NAMES_BYTES = 16 << 20;
/** Deepest nesting of arrays and objects accepted in labellint's own JSON inputs (a plan, a config). */
export const MAX_JSON_DEPTH = 64;
/**
 * Deepest nesting accepted in an annotation file. Python's json reader, which
 * mmengine's `load` uses, reads any nesting up to its recursion limit and stops
 * with RecursionError at about 1,000 levels (sys.getrecursionlimit(), less the
 * frames below it): a file nested 100 deep in a key mmpretrain ignores trains.
 */
export const MAX_ANNOTATION_DEPTH = 900;
/** Default cap on a spooled stream (standard input, a FIFO, a character device), which is read more than once. */
export const DEFAULT_MAX_SPOOL_BYTES = 1 << 30;

const n = formatCount;

/**
 * Throws when `count` classes (from `source`, e.g. "--num-classes") is over
 * `max`: the per-class counters would be allocated at that size.
 */
export function checkClassCount(count: number, source: string, max = DEFAULT_MAX_CLASSES): void {
  if (count > max) {
    throw new LabellintError(
      "LL_LIMIT_EXCEEDED",
      `${source} gives ${n(count)} classes, over the limit of ${n(max)}; if that many is right, raise it with --max-classes (maxClasses in the library)`,
    );
  }
}

/**
 * The offset where `text` (JSON) nests deeper than `max` arrays and objects,
 * or -1. Strings are skipped, so brackets inside them do not count.
 */
export function jsonDepthExceeded(text: string, max = MAX_JSON_DEPTH): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}

import { v8 } from "../deps.js";
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
/** Most alias expansions a YAML file may make (the yaml package's `maxAliasCount`): a few lines of anchors can stand for gigabytes. */
export const MAX_YAML_ALIASES = 1000;

/**
 * Why a parsed YAML document could not be made into values, in words: past
 * {@link MAX_YAML_ALIASES} the yaml package speaks of an attack.
 */
export function yamlReadFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /Excessive alias count/.test(message)
    ? `its aliases (*name) expand to more than ${formatCount(MAX_YAML_ALIASES)} copies of their anchors' values, which labellint does not read (a few lines of anchors can stand for gigabytes)`
    : message;
}
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

/** How often {@link heldOne} looks at the heap: once every this many items held. */
const HELD_CHECK_EVERY = 1 << 12;
/**
 * The room a run holding findings keeps free in the heap: 15% of its limit,
 * and at least 96 MiB (the limit counts the young generation, which a small
 * heap's old space cannot use).
 */
const heldMargin = (limit: number): number => Math.max(0.15 * limit, 96 * 2 ** 20);
let held = 0;
/**
 * Watches V8's collections while the heap is past the mark: what decides is
 * the heap a full collection leaves, not a reading that counts garbage not
 * yet collected (which, on a busy machine, can stay uncollected for many
 * readings and stopped runs that fit).
 */
let watch: InstanceType<ReturnType<typeof v8>["GCProfiler"]> | undefined;

/** Stops the watch (its findings so far are returned) and starts another when `again`. */
function rewatch(again: boolean): ReturnType<InstanceType<ReturnType<typeof v8>["GCProfiler"]>["stop"]> | undefined {
  const seen = watch?.stop();
  watch = undefined;
  if (again) {
    watch = new (v8().GCProfiler)();
    watch.start();
  }
  return seen;
}

/**
 * Called for each finding a run holds for its report (a problem listed, a
 * duplicate confirmed): every {@link HELD_CHECK_EVERY}, the heap is looked
 * at. Past {@link heldMargin} of its limit, the run stops with one clear error
 * instead of V8's out-of-memory crash once a full collection leaves the heap
 * there too (or at once within 5% of the limit). A list of millions of rows
 * with a finding on each (written twice, say) can hold more than the heap:
 * the way out is a larger heap, or to list fewer (counts stay exact).
 */
export function heldOne(): void {
  if (++held % HELD_CHECK_EVERY !== 0) return;
  const { used_heap_size: used, heap_size_limit: limit } = v8().getHeapStatistics();
  const mark = limit - heldMargin(limit);
  if (used <= mark) {
    rewatch(false);
    return;
  }
  if (used <= limit - 0.05 * limit) {
    const first = watch === undefined;
    const full = (rewatch(true)?.statistics ?? []).filter((s) => s.gcType === "MarkSweepCompact");
    // The first look past the mark, no full collection since the last, or one that brought the heap back under the mark: go on.
    if (first || full.length === 0 || full[full.length - 1]!.afterGC.heapStatistics.usedHeapSize <= mark) return;
  }
  rewatch(false);
  throw new LabellintError(
    "LL_LIMIT_EXCEEDED",
    `the findings held for the report (${n(held)} so far) leave too little of Node's ${(limit / 2 ** 30).toFixed(1)} GiB heap to go on (${Math.round((100 * used) / limit)}% used); give Node a larger heap (NODE_OPTIONS=--max-old-space-size=8192, in MiB), or list fewer with --max-problems-per-rule N (the counts stay exact)`,
  );
}

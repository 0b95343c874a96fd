import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_MAX_LINE_BYTES } from "../io/limits.js";
import { LabellintError } from "../errors.js";
import type { LintOptions } from "../engine/options.js";
import { BucketStore } from "./buckets.js";
import { alignClasses, type ClassAlignment } from "./classes.js";
import { openDiffInput, type DiffInput } from "./input.js";
import { DiffJoin } from "./join.js";
import { scanSide, type SideScan } from "./scan.js";
import type { DiffClass, DiffFile, DiffResult } from "./types.js";

export interface DiffOptions extends LintOptions {
  /**
   * Inputs whose line files together exceed this many bytes are joined
   * through hash-partitioned files on disk, one bucket in memory at a time
   * (default 64 MiB).
   */
  memoryLimit?: number;
  /** Changed rows (and duplicates introduced) listed per kind; counts stay exact (default: all). */
  maxRows?: number;
  /** Where the bucket files go (default: the system's temporary folder). */
  tempDir?: string;
  /** How to name the two inputs in the result (default: their paths). */
  displayPaths?: readonly [string, string];
}

export const DEFAULT_MEMORY_LIMIT = 64 * 1024 * 1024;
const MAX_BUCKETS = 256;
const MIN_BUFFER = 64 * 1024;
const MAX_BUFFER = 1024 * 1024;

/** How many buckets, and how large a write buffer each, for inputs of `bytes` under `limit`. */
export function joinPlan(bytes: number, limit: number): { mode: "memory" | "disk"; buckets: number; bufferBytes: number } {
  if (bytes <= limit) return { mode: "memory", buckets: 1, bufferBytes: MAX_BUFFER };
  // A bucket of both files near a quarter of the limit, the write buffers of both stores within another quarter.
  const buckets = Math.min(MAX_BUCKETS, Math.max(2, Math.ceil(bytes / (limit / 4))));
  const bufferBytes = Math.min(MAX_BUFFER, Math.max(MIN_BUFFER, Math.floor(limit / (8 * buckets))));
  return { mode: "disk", buckets, bufferBytes };
}

/**
 * What changed between two label files: rows added, removed and relabelled
 * (rows joined by normalised path, the i-th copy of a path with its i-th
 * copy), positives gained and lost per class, prevalence change, classes
 * added or removed, and duplicates introduced. Exact: a hash match is
 * confirmed by comparing the paths.
 *
 * Streaming with bounded memory: each file is read once into records (the
 * path and the positive classes) partitioned by path hash; past
 * `memoryLimit` the partitions are files on disk and joined one at a time,
 * so memory stays near a quarter to a half of the limit whatever the size
 * of the files (plus the changed rows listed: all of them unless `maxRows`).
 */
export async function diff(oldPath: string, newPath: string, options: DiffOptions = {}): Promise<DiffResult> {
  if (oldPath === "-" && newPath === "-") throw new LabellintError("LL_USAGE", "standard input (-) can be read only once");
  const limit = options.memoryLimit ?? DEFAULT_MEMORY_LIMIT;
  if (!(limit > 0)) throw new LabellintError("LL_USAGE", `the memory limit must be a positive number of bytes, got '${String(limit)}'`);
  const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
  if (!(maxRows >= 0)) throw new LabellintError("LL_USAGE", `the number of rows to list must be ≥ 0, got '${String(maxRows)}'`);
  const { memoryLimit: _m, maxRows: _r, tempDir, displayPaths, onProgress: _p, ...lintOptions } = options;
  const names = [displayPaths?.[0] ?? (oldPath === "-" ? "<stdin>" : oldPath), displayPaths?.[1] ?? (newPath === "-" ? "<stdin>" : newPath)] as const;
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;

  const opened: DiffInput[] = [];
  let spillDir: string | undefined;
  try {
    opened.push(await openDiffInput(oldPath, names[0], lintOptions));
    opened.push(await openDiffInput(newPath, names[1], lintOptions));
    const [before, after] = opened as [DiffInput, DiffInput];
    const align = alignClasses(before.numClasses, after.numClasses, before.classNames, after.classNames);
    const plan = joinPlan(before.bytes + after.bytes, limit);
    if (plan.mode === "disk") {
      spillDir = await mkdtemp(join(tempDir ?? tmpdir(), "labellint-diff-")).catch((error: unknown) => {
        throw new LabellintError("LL_WRITE_FAILED", `cannot create a temporary folder for the diff: ${(error as Error).message}`, { cause: error });
      });
    }
    const oldStore = new BucketStore(plan.buckets, plan.bufferBytes, spillDir, "old");
    const oldScan = await scanSide(before, align.fromOld, align.size, oldStore, maxLineBytes);
    const newStore = new BucketStore(plan.buckets, plan.bufferBytes, spillDir, "new");
    const newScan = await scanSide(after, align.fromNew, align.size, newStore, maxLineBytes);
    // Each side was read once, into the stores: a file that changed meanwhile would be compared as a mixture of versions.
    for (const input of opened) await input.unchanged();

    const joined = new DiffJoin(align.size, maxRows);
    for (let b = 0; b < plan.buckets; b++) joined.joinBucket(await oldStore.take(b), await newStore.take(b), before.lineOf, after.lineOf);

    const changes = joined.changes();
    const counts = joined.counts;
    const classes = diffClasses(align, oldScan, newScan, joined);
    const classesAdded = classes.filter((c) => c.oldIndex === null).map(classRef);
    const classesRemoved = classes.filter((c) => c.newIndex === null).map(classRef);
    const changedRows = counts.added + counts.removed + counts.relabelled;
    const duplicates = joined.duplicates.list();
    return {
      old: diffFile(before, oldScan),
      new: diffFile(after, newScan),
      classMatch: align.match,
      counts,
      changed: changedRows > 0 || classesAdded.length + classesRemoved.length > 0 || joined.duplicates.total > 0,
      classes,
      classesAdded,
      classesRemoved,
      duplicatesIntroduced: { paths: joined.duplicates.total, rows: joined.duplicateRows, listed: duplicates },
      changes,
      changesOmitted: changedRows - changes.length,
      join: { mode: plan.mode, buckets: plan.buckets, memoryLimit: limit, spilledBytes: oldStore.spilledBytes + newStore.spilledBytes },
    };
  } finally {
    for (const input of opened) await input.dispose();
    if (spillDir !== undefined) await rm(spillDir, { recursive: true, force: true });
  }
}

const classRef = (c: DiffClass): { index: number; name?: string } => ({ index: c.index, ...(c.name !== undefined ? { name: c.name } : {}) });

function diffFile(input: DiffInput, scan: SideScan): DiffFile {
  return {
    path: input.display,
    format: input.format,
    formatReason: input.formatReason,
    numClasses: input.numClasses,
    numClassesSource: input.numClassesSource,
    ...(input.classNames !== undefined ? { classNames: input.classNames } : {}),
    rows: scan.rows,
    validRows: scan.validRows,
    skipped: scan.skipped,
    unread: input.unread,
  };
}

function diffClasses(align: ClassAlignment, before: SideScan, after: SideScan, join: DiffJoin): DiffClass[] {
  return Array.from({ length: align.size }, (_, c) => {
    const oldIndex = align.oldIndex[c]!;
    const newIndex = align.newIndex[c]!;
    const oldPrevalence = oldIndex >= 0 && before.validRows > 0 ? before.positives[c]! / before.validRows : null;
    const newPrevalence = newIndex >= 0 && after.validRows > 0 ? after.positives[c]! / after.validRows : null;
    const name = align.names[c];
    return {
      index: c,
      ...(name !== undefined ? { name } : {}),
      oldIndex: oldIndex >= 0 ? oldIndex : null,
      newIndex: newIndex >= 0 ? newIndex : null,
      oldPositives: before.positives[c]!,
      newPositives: after.positives[c]!,
      gained: join.gained[c]!,
      lost: join.lost[c]!,
      inAddedRows: join.inAdded[c]!,
      inRemovedRows: join.inRemoved[c]!,
      oldPrevalence,
      newPrevalence,
      prevalenceChange: oldPrevalence !== null && newPrevalence !== null ? newPrevalence - oldPrevalence : null,
    };
  });
}

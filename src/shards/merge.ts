import { createHash } from "node:crypto";
import { open, stat } from "node:fs/promises";
import { LabellintError } from "../errors.js";
import { lineFileOptions, runSplitIndex, summarise, trainFirst, withImageRoot } from "../engine/lint.js";
import { checksImages, type LintOptions } from "../engine/options.js";
import { ReferencedImages } from "../images/orphans.js";
import type { JoinedKeys } from "../engine/partial.js";
import { DuplicateIndex, sortPairs } from "../engine/duplicate-index.js";
import { KEY_DUPLICATE, KEY_SPLIT } from "../engine/partial.js";
import { LintSession } from "../engine/session.js";
import { DEFAULT_MAX_LINE_BYTES, SNIFF_BYTES } from "../io/limits.js";
import { fileLineReader, fileLineStream, readFileHead } from "../io/source.js";
import type { FileResult, LintResult } from "../types.js";
import { keyRecords, type PartialFile, type ReadPartial } from "./partial-file.js";

/** What the report needs beyond the partials: the listing cap and whether statistics are printed; the join's memory. */
export interface MergeOptions {
  maxProblemsPerRule?: number | undefined;
  /** The listing cap for findings about single classes (see `LintOptions.maxClassProblemsPerRule`). */
  maxClassProblemsPerRule?: number | undefined;
  statistics: boolean;
  /** Bytes the path-hash join may hold at once (default {@link DEFAULT_MEMORY_LIMIT}); past it, it runs bucket by bucket. */
  memoryLimit?: number | undefined;
}

export const DEFAULT_MEMORY_LIMIT = 1 << 30;
/** What one key record costs in a bucket's tables: the duplicate index (~16 bytes) and, for a train row, the leak index (16 bytes at half load). */
const JOIN_BYTES_PER_RECORD = 48;

/**
 * The exact merge of a sharded check: the partials of every shard of one run
 * (any order) → the result one `check` of the same files gives. Refuses (exit
 * 2, one line) a set that is not every shard exactly once, shards run with
 * other settings or by another labellint, ranges that do not tile a file, and
 * a file whose bytes changed since its shard read them (its
 * modification time alone may change: a fresh checkout is re-hashed).
 */
export async function mergePartials(read: readonly ReadPartial[], given: MergeOptions): Promise<LintResult> {
  if (read.length === 0) throw new LabellintError("LL_USAGE", "merge needs the partials of every shard: labellint merge PARTIAL…");
  const first = read[0]!;
  const { count } = first.partial.shard;
  const byIndex = Array.from<ReadPartial | undefined>({ length: count });
  for (const r of read) {
    const { partial } = r;
    if (partial.labellint !== first.partial.labellint) throw refuse(`${r.path} was written by labellint ${partial.labellint}, ${first.path} by ${first.partial.labellint}: run every shard with one version`);
    if (partial.shard.count !== count) throw refuse(`${r.path} is shard ${partial.shard.index} of ${partial.shard.count}, ${first.path} of ${count}: the partials come from different runs`);
    if (partial.settingsDigest !== first.partial.settingsDigest) throw refuse(`${r.path} was checked with other settings than ${first.path} (${settingsDifference(first, r)}): every shard must run the same command`);
    if (partial.shard.index >= count) throw refuse(`${r.path} says it is shard ${partial.shard.index} of ${count}, past the last (${count - 1}): it was not written by labellint check --shard`);
    if (partial.files.length !== partial.settings.files.length || partial.files.length !== first.partial.files.length || partial.files.length === 0) {
      throw refuse(`${r.path} holds ${partial.files.length} ${partial.files.length === 1 ? "file" : "files"} for ${partial.settings.files.length} checked${r === first ? "" : ` (${first.path}: ${first.partial.files.length})`}: it was not written by labellint check --shard as it is`);
    }
    const seen = byIndex[partial.shard.index];
    if (seen !== undefined) throw refuse(`shard ${partial.shard.index} of ${count} is given twice (${seen.path} and ${r.path})`);
    byIndex[partial.shard.index] = r;
  }
  const missing = byIndex.flatMap((r, i) => (r === undefined ? [i] : []));
  if (missing.length > 0) throw refuse(`${missing.length === 1 ? "shard" : "shards"} ${missing.join(", ")} of ${count} ${missing.length === 1 ? "is" : "are"} missing: merge needs every shard's partial`);
  const shards = byIndex as ReadPartial[];
  const fileCount = first.partial.files.length;
  const roles = first.partial.files.map((f) => f.role ?? undefined);
  const splits = runSplitIndex(roles);
  // Orphan images are judged once every file that checks images has named its own (as in one check).
  const imageFiles = first.partial.settings.files.filter((f) => checksImages(f.options as LintOptions)).length;
  const referencedImages = imageFiles > 0 ? new ReferencedImages(imageFiles) : undefined;
  // Every file's ranges and bytes are checked before anything is joined or re-read.
  for (let i = 0; i < fileCount; i++) await checkTiling(shards.map((s) => s.partial.files[i]!));
  const results = new Array<FileResult>(fileCount);
  const joined = await joinKeys(shards, roles, splits !== undefined, given.memoryLimit ?? DEFAULT_MEMORY_LIMIT);
  for (const i of trainFirst(roles)) {
    const entries = shards.map((s) => s.partial.files[i]!);
    const { display, path } = entries[0]!;
    const stored = first.partial.settings.files[i]!.options as LintOptions;
    const options: LintOptions = {
      ...stored,
      statistics: given.statistics,
      ...(splits !== undefined ? { splits } : {}),
      ...(referencedImages !== undefined ? { referencedImages } : {}),
    };
    const cap = Math.min(stored.maxProblemsPerRule ?? Number.POSITIVE_INFINITY, given.maxProblemsPerRule ?? Number.POSITIVE_INFINITY);
    if (Number.isFinite(cap)) options.maxProblemsPerRule = cap;
    else delete options.maxProblemsPerRule;
    if (given.maxClassProblemsPerRule !== undefined) options.maxClassProblemsPerRule = given.maxClassProblemsPerRule;
    const chosen = await lineFileOptions(path, options, display);
    const max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    const reader = fileLineReader(path, max);
    // No size hint: the duplicate index comes joined (see joinKeys), not built here.
    const session = new LintSession({ path: display, options: withImageRoot(chosen.options, path), reread: reader });
    const head = await readFileHead(path, Math.min(entries[0]!.size, SNIFF_BYTES), display);
    await session.mergeParts(head, entries[0]!.size < SNIFF_BYTES, entries.map((e) => e.part), joined[i]!);
    results[i] = await session.end(reader, fileLineStream(path, max));
  }
  return summarise(results);
}

/**
 * One file's entries in the shards (in shard order) tile it, and the file
 * still has the bytes they read: refused (one line) otherwise.
 */
async function checkTiling(entries: readonly PartialFile[]): Promise<void> {
  const { display, path, size } = entries[0]!;
  // The ranges tile the file: each starts where the one before ends, from 0 to its size.
  let at = 0;
  for (const [index, f] of entries.entries()) {
    if (f.path !== path) throw refuse(`${display}: shard ${index} read ${f.path}, shard 0 ${path}: the partials come from different runs`);
    if (f.size !== size) throw refuse(`${display}: shard ${index} read a file of ${f.size} bytes, shard 0 one of ${size}: the file changed between the shards' runs; run every shard on the same file`);
    if (f.range.start !== at) throw refuse(`${display}: shard ${index}'s range starts at byte ${f.range.start}, but the ranges before it end at byte ${at}: ${f.range.start > at ? "a gap" : "an overlap"}`);
    at = f.range.end;
  }
  if (at !== size) throw refuse(`${display}: the ranges end at byte ${at} but the file has ${size} bytes`);
  // Each shard sized its counts by the classes it took from the file's head: another count means it read another head.
  const classes = entries[0]!.part.tally.positives.length;
  for (const [index, f] of entries.entries()) {
    const own = f.part.tally.positives.length;
    if (own !== classes) throw refuse(`${display}: shard ${index} counted ${own} classes, shard 0 ${classes}: the shards read different heads of the file (it changed between their runs); run every shard on the same file`);
  }
  const now = await stat(path).catch(() => undefined);
  if (now === undefined) throw refuse(`${display}: cannot read ${path}, which the shards read; merge re-reads lines to confirm duplicates and leaks`);
  if (now.size !== size) throw refuse(`${display} has changed since its shards ran (${size} bytes then, ${now.size} now): run the shards again`);
  // Another modification time (a fresh checkout, a copy, shards on machines that each fetched the
  // file) is fine when the range still has the bytes its shard read: those ranges are re-hashed.
  const changed = await firstChangedRange(path, entries, (f) => f.mtimeMs !== now.mtimeMs);
  if (changed !== undefined) throw refuse(`${display} has changed since its shards ran (bytes ${changed.start}–${changed.end}, shard ${changed.index}'s range, differ from what it read): run the shards again`);
}

/** The first range (of those `check` picks) whose bytes no longer have the sha256 its shard recorded, if any. */
async function firstChangedRange(path: string, entries: readonly PartialFile[], check: (entry: PartialFile) => boolean): Promise<{ index: number; start: number; end: number } | undefined> {
  if (!entries.some(check)) return undefined;
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (const [index, entry] of entries.entries()) {
      if (!check(entry)) continue;
      const { range, sha256 } = entry;
      const hash = createHash("sha256");
      for (let position = range.start; position < range.end; ) {
        const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, range.end - position), position);
        if (bytesRead === 0) break;
        hash.update(buffer.subarray(0, bytesRead));
        position += bytesRead;
      }
      if (hash.digest("hex") !== sha256) return { index, ...range };
    }
    return undefined;
  } finally {
    await handle.close();
  }
}

/**
 * Joins the key records of every file (all shards, file order) as one check
 * indexes its rows: per file, each path hash's first line and the later lines
 * that repeat it (duplicate candidates); across files, each eval row whose
 * path hash a train row had (the first train row wins, train files in input
 * order). When the tables would pass `memoryLimit`, the hashes are taken in
 * buckets (by the hash's high bits), the records read again for each: the
 * same pairs come out, sorted back into line order.
 */
async function joinKeys(shards: readonly ReadPartial[], roles: readonly (string | undefined)[], leakage: boolean, memoryLimit: number): Promise<JoinedKeys[]> {
  const files = shards[0]!.partial.files.length;
  const recordsOf = (f: number) => shards.reduce((n, s) => n + s.partial.files[f]!.keys.records, 0);
  const total = Array.from({ length: files }, (_, f) => recordsOf(f)).reduce((a, b) => a + b, 0);
  const buckets = Math.max(1, Math.ceil((total * JOIN_BYTES_PER_RECORD) / Math.max(1, memoryLimit)));
  // Line offsets: the lines of the shards before each one.
  const offsets = Array.from({ length: files }, (_, f) => {
    let at = 0;
    return shards.map((s) => {
      const here = at;
      at += s.partial.files[f]!.part.lines;
      return here;
    });
  });
  const trainFileOf = new Map<number, number>();
  for (const f of trainFirst(roles)) if (roles[f] !== "eval") trainFileOf.set(f, trainFileOf.size);
  const pairs: number[][] = Array.from({ length: files }, () => []);
  const hits: JoinedKeys["evalHits"][] = Array.from({ length: files }, () => []);
  for (let bucket = 0; bucket < buckets; bucket++) {
    const train = leakage ? new FirstSightings(Math.ceil(total / buckets)) : undefined;
    for (const f of trainFirst(roles)) {
      const duplicates = new DuplicateIndex(Math.ceil(recordsOf(f) / buckets));
      const trainFile = trainFileOf.get(f);
      for (const [k, shard] of shards.entries()) {
        const offset = offsets[f]![k]!;
        for await (const chunk of keyRecords(shard, f)) {
          for (let r = 0; r < chunk.length; r += 4) {
            const hi = chunk[r]!;
            if (buckets > 1 && hi % buckets !== bucket) continue;
            const lo = chunk[r + 1]!;
            const line = chunk[r + 2]! + offset;
            const flags = chunk[r + 3]!;
            if ((flags & KEY_DUPLICATE) !== 0) duplicates.add(hi, lo, line);
            if ((flags & KEY_SPLIT) === 0 || train === undefined) continue;
            if (trainFile !== undefined) train.add(hi, lo, trainFile, line);
            else {
              const hit = train.find(hi, lo);
              if (hit !== undefined) hits[f]!.push({ line, trainFile: hit.file, trainLine: hit.line });
            }
          }
        }
      }
      for (const [later, first] of duplicates.pairsInOrder()) pairs[f]!.push(later, first);
    }
  }
  return pairs.map((flat, f) => ({ pairs: sortPairs(Uint32Array.from(flat), flat.length / 2), evalHits: hits[f]!.sort((a, b) => a.line - b.line) }));
}

/** Path hash → the first train row that had it (file, line): open addressing, four numbers a slot. */
class FirstSightings {
  private slots: Uint32Array;
  private mask: number;
  private used = 0;

  constructor(expected: number) {
    let size = 1024;
    while (size < expected * 2) size *= 2;
    this.slots = new Uint32Array(size * 4);
    this.mask = size - 1;
  }

  add(hi: number, lo: number, file: number, line: number): void {
    const at = this.slot(hi, lo);
    if (this.slots[at + 2] !== 0) return;
    this.slots[at] = hi;
    this.slots[at + 1] = lo;
    this.slots[at + 2] = file + 1;
    this.slots[at + 3] = line;
    if (++this.used * 2 > this.mask) this.grow();
  }

  find(hi: number, lo: number): { file: number; line: number } | undefined {
    const at = this.slot(hi, lo);
    return this.slots[at + 2] === 0 ? undefined : { file: this.slots[at + 2]! - 1, line: this.slots[at + 3]! };
  }

  /** The slot holding (hi, lo), or the empty one where it would go. */
  private slot(hi: number, lo: number): number {
    const slots = this.slots;
    for (let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask; ; i = (i + 1) & this.mask) {
      const at = i * 4;
      if (slots[at + 2] === 0 || (slots[at] === hi && slots[at + 1] === lo)) return at;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.mask = old.length / 4 * 2 - 1;
    this.used = 0;
    for (let at = 0; at < old.length; at += 4) if (old[at + 2] !== 0) this.add(old[at]!, old[at + 1]!, old[at + 2]! - 1, old[at + 3]!);
  }
}

function refuse(message: string): LabellintError {
  return new LabellintError("LL_MERGE_REFUSED", `merge refused: ${message}`);
}

/** The first setting two partials disagree on, in words ("numClasses 33 vs 81"). */
function settingsDifference(a: ReadPartial, b: ReadPartial): string {
  const fa = a.partial.settings.files;
  const fb = b.partial.settings.files;
  if (fa.length !== fb.length) return `${fa.length} files vs ${fb.length}`;
  for (let i = 0; i < fa.length; i++) {
    if (fa[i]!.display !== fb[i]!.display) return `file ${i + 1} is ${fa[i]!.display} vs ${fb[i]!.display}`;
    const keys = new Set([...Object.keys(fa[i]!.options), ...Object.keys(fb[i]!.options)]);
    for (const key of keys) {
      const x = JSON.stringify(fa[i]!.options[key]);
      const y = JSON.stringify(fb[i]!.options[key]);
      if (x !== y) return `${fa[i]!.display}: ${key} ${short(x)} vs ${short(y)}`;
    }
  }
  return "settings differ";
}

function short(json: string | undefined): string {
  if (json === undefined) return "unset";
  return json.length > 40 ? `${json.slice(0, 37)}…` : json;
}

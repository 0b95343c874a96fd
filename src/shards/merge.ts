import { createHash } from "node:crypto";
import { open, stat } from "node:fs/promises";
import { LabellintError } from "../errors.js";
import { lineFileOptions, runSplitIndex, summarise, trainFirst, withImageRoot } from "../engine/lint.js";
import { checksImages, type LintOptions } from "../engine/options.js";
import { ReferencedImages } from "../images/orphans.js";
import type { FilePart } from "../engine/partial.js";
import { LintSession } from "../engine/session.js";
import { DEFAULT_MAX_LINE_BYTES, SNIFF_BYTES } from "../io/limits.js";
import { fileLineReader, fileLineStream } from "../io/source.js";
import type { FileResult, LintResult } from "../types.js";
import type { ReadPartial } from "./partial-file.js";

/** What the report needs beyond the partials: the listing cap and whether statistics are printed. */
export interface MergeOptions {
  maxProblemsPerRule?: number | undefined;
  statistics: boolean;
}

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
  const results = new Array<FileResult>(fileCount);
  for (const i of trainFirst(roles)) {
    const entries = shards.map((s) => s.partial.files[i]!);
    const display = entries[0]!.display;
    const path = entries[0]!.path;
    // The ranges tile the file: each starts where the one before ends, from 0 to its size.
    let at = 0;
    for (const [index, f] of entries.entries()) {
      if (f.path !== path || f.size !== entries[0]!.size || f.mtimeMs !== entries[0]!.mtimeMs) throw refuse(`${display}: shard ${index} read another file, or the file at another time, than shard 0 (size ${f.size} vs ${entries[0]!.size})`);
      if (f.range.start !== at) throw refuse(`${display}: shard ${index}'s range starts at byte ${f.range.start}, but the ranges before it end at byte ${at}: ${f.range.start > at ? "a gap" : "an overlap"}`);
      at = f.range.end;
    }
    if (at !== entries[0]!.size) throw refuse(`${display}: the ranges end at byte ${at} but the file has ${entries[0]!.size} bytes`);
    const now = await stat(path).catch(() => undefined);
    if (now === undefined) throw refuse(`${display}: cannot read ${path}, which the shards read; merge re-reads lines to confirm duplicates and leaks`);
    if (now.size !== entries[0]!.size) throw refuse(`${display} has changed since its shards ran (${entries[0]!.size} bytes then, ${now.size} now): run the shards again`);
    // Another modification time (a fresh checkout, a copy) is fine when every range still has the bytes its shard read.
    if (now.mtimeMs !== entries[0]!.mtimeMs) {
      const changed = await firstChangedRange(path, entries);
      if (changed !== undefined) throw refuse(`${display} has changed since its shards ran (bytes ${changed.start}–${changed.end}, shard ${changed.index}'s range, differ from what it read): run the shards again`);
    }
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
    const chosen = await lineFileOptions(path, options, display);
    const max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    const reader = fileLineReader(path, max);
    const session = new LintSession({ path: display, options: withImageRoot(chosen.options, path), sizeHint: entries[0]!.size, reread: reader });
    const head = await readHead(path, entries[0]!.size);
    const parts: FilePart[] = shards.map((s, index) => ({ ...entries[index]!.part, keys: s.keys[i]! }));
    await session.mergeParts(head, entries[0]!.size < SNIFF_BYTES, parts);
    results[i] = await session.end(reader, fileLineStream(path, max));
  }
  return summarise(results);
}

/** The first range whose bytes no longer have the sha256 its shard recorded, if any. */
async function firstChangedRange(path: string, entries: readonly { range: { start: number; end: number }; sha256: string }[]): Promise<{ index: number; start: number; end: number } | undefined> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (const [index, { range, sha256 }] of entries.entries()) {
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

async function readHead(path: string, size: number): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    await handle.read(head, 0, head.length, 0);
    return head;
  } finally {
    await handle.close();
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

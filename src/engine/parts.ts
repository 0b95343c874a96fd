import { existsSync } from "node:fs";
import { open } from "node:fs/promises";
import { LabellintError, type LabellintErrorCode } from "../errors.js";
import type { LineReader, LineStream } from "../io/source.js";
import type { FileResult } from "../types.js";
import type { KeyBatch } from "./duplicate-index.js";
import { packageRoot } from "../version.js";
import { DEFAULT_MAX_LINE_BYTES, SNIFF_BYTES } from "../io/limits.js";
import { contentBefore, shardRange, type ByteRange } from "../io/ranges.js";
import { fileLineStream } from "../io/source.js";
import { isGzip } from "../io/text-input.js";
import { dataOptions, type LintOptions } from "./options.js";
import type { FilePart } from "./partial.js";
import { LintSession } from "./session.js";

/** One part of a file, scanned: what it found, and the file and bytes it read. */
export interface ScannedPart {
  part: FilePart;
  range: ByteRange;
  /** sha256 of the range's bytes (empty when not asked for). */
  sha256: string;
  size: number;
  mtimeMs: number;
}

const READ_BYTES = 1 << 20;

/**
 * How a part is scanned: with the digest of its bytes, a larger first range
 * (`lead`, see {@link shardRange}), stopped by `signal`; `inThread`: merged
 * on the thread that scanned it (its statistics are handed over, not copied).
 */
export interface PartScan {
  digest?: boolean;
  lead?: number;
  signal?: AbortSignal;
  inThread?: boolean;
}

/**
 * Scans part `index` of `count` of a line-format file (its newline-aligned
 * byte range; see {@link shardRange}) with the file's own head deciding the
 * format and the class count, and checks the images of its rows (with image
 * checks on). `options` are the file's (its image root set). The file must
 * not change meanwhile (size and modification time are compared after).
 */
export async function scanPart(path: string, display: string, options: LintOptions, index: number, count: number, { digest = true, lead = 0, signal, inThread = false }: PartScan = {}): Promise<ScannedPart> {
  const handle = await open(path, "r").catch((error: unknown) => {
    throw new LabellintError("LL_READ_FAILED", `cannot read '${display}': ${(error as Error).message}`, { cause: error });
  });
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new LabellintError("LL_USAGE", `${display}: only a regular file can be read in parts (each part reads its own bytes at their offsets)`);
    const size = info.size;
    const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    await handle.read(head, 0, head.length, 0);
    if (isGzip(head)) throw new LabellintError("LL_USAGE", `${display}: a gzip file cannot be cut into byte ranges; decompress it first`);
    const range = await shardRange(handle, size, index, count, lead);
    const session = new LintSession({
      path: display,
      options,
      sizeHint: range.end - range.start,
      marks: true,
      part: { head, wholeInput: size < SNIFF_BYTES, start: range.start, contentBefore: range.start > 0 && (await contentBefore(handle, range.start, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES)) },
    });
    // node:crypto and node:worker_threads load only when a file is read in parts: a check of small files never does.
    const hash = digest ? (await import("node:crypto")).createHash("sha256") : undefined;
    // Two buffers, so the next read is under way while this chunk is scanned (as a whole file is read).
    const scratch = [Buffer.allocUnsafe(READ_BYTES), Buffer.allocUnsafe(READ_BYTES)];
    let turn = 0;
    const nextBuffer = (): Buffer => (session.buffering ? Buffer.allocUnsafe(READ_BYTES) : scratch[turn++ & 1]!);
    const read = (target: Buffer, at: number) => {
      const reading = handle.read(target, 0, Math.min(READ_BYTES, range.end - at), at);
      // A read still under way when scanning throws (or is stopped) must fail quietly; the handle's close waits for it.
      reading.catch(() => undefined);
      return reading;
    };
    let position = range.start;
    let current = nextBuffer();
    let pending = position < range.end ? read(current, position) : undefined;
    while (pending !== undefined) {
      signal?.throwIfAborted();
      const { bytesRead } = await pending;
      if (bytesRead === 0) throw new LabellintError("LL_INPUT_CHANGED", `${display} changed while it was read (it became shorter: ${size} bytes when it was opened, none left at byte ${position}); run again once nothing writes to it`);
      const chunk = current.subarray(0, bytesRead);
      position += bytesRead;
      current = nextBuffer();
      pending = position < range.end ? read(current, position) : undefined;
      hash?.update(chunk);
      session.push(chunk);
    }
    const after = await handle.stat();
    if (after.size !== size || after.mtimeMs !== info.mtimeMs) throw new LabellintError("LL_INPUT_CHANGED", `${display} changed while it was read; run again`);
    const part = await session.savePart(fileLineStream(path, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, undefined, range), inThread);
    return { part, range, sha256: hash?.digest("hex") ?? "", size, mtimeMs: info.mtimeMs };
  } finally {
    await handle.close();
  }
}

/** Below this many bytes per part, a file is read on one thread (a worker's start-up costs more). */
export const MIN_PART_BYTES = 16 << 20;

/**
 * Below this many rows per part (estimated), a file is read on one thread.
 * A thread pays back through the work done per row (values, keys, counts),
 * and only past its start-up (~0.13 s before it scans, on top of the
 * caller's) and the merge (~0.1 s a million rows). The work per byte of long
 * lines is mostly memory traffic, which the threads share. Measured on this
 * project's 2-core machine, whole process, interleaved medians: 1M × C=33
 * ends sooner on one thread (0.89 s against 1.01 s on two), 2M × C=33 about
 * as soon on either (1.48 against 1.45 s), and 200k and 400k × C=1000 (405
 * and 810 MB) sooner on one (0.61 against 0.70 s, 0.83 against 0.98 s).
 */
export const MIN_PART_ROWS = 1_000_000;

/**
 * How many parts to read a file of `size` bytes in: up to `options.jobs`,
 * each at least `options.minPartBytes` (default {@link MIN_PART_BYTES}) and,
 * with its lines' mean length known (`lineBytes`), about
 * `options.minPartRows` rows (default {@link MIN_PART_ROWS}); 1 when the
 * options need the run's own thread (an injected image file system, a chunk
 * observer), for a temporary copy (standard input) and when a train file was
 * kept as path strings.
 */
export function partsFor(options: LintOptions, size: number, lineBytes?: number): number {
  const jobs = options.jobs ?? 1;
  if (jobs <= 1 || options.onChunk !== undefined || options.imageFs !== undefined || options.transientInput === true || options.splits?.hasPathKeys === true) return 1;
  let parts = Math.min(jobs, Math.floor(size / Math.max(1, options.minPartBytes ?? MIN_PART_BYTES)));
  if (lineBytes !== undefined) parts = Math.min(parts, Math.floor(size / Math.max(1, lineBytes) / Math.max(1, options.minPartRows ?? MIN_PART_ROWS)));
  return Math.max(1, parts);
}

/** The mean length of the lines `head` (a file's first bytes) holds, newline included; its length when it holds none. */
export function meanLineBytes(head: Buffer): number {
  let lines = 0;
  for (let at = head.indexOf(10); at !== -1; at = head.indexOf(10, at + 1)) lines++;
  return lines === 0 ? Math.max(1, head.length) : head.length / lines;
}

/**
 * How much larger (as a share of one part) the calling thread's part is than
 * a worker's. It starts scanning while the workers start up (~0.15 s), but it
 * also joins the parts' keys and writes the report, and scans a little slower
 * than a worker: measured on 1M × C=33 and 200k × C=1000 lists on 2 cores,
 * equal parts end soonest (a 0.25 lead cost ~10%; -0.2 and 0.1 no better).
 */
export const LEAD_SHARE = 0;

/** The worker script: the bundled one beside the command line, else the compiled module. */
function workerScript(): URL | undefined {
  for (const candidate of ["dist/cli/part-worker.cjs", "dist/engine/part-worker.js"]) {
    const url = new URL(candidate, packageRoot);
    if (existsSync(url)) return url;
  }
  return undefined;
}

/**
 * Lints a line-format file in `count` parts and merges them as `labellint
 * merge` merges shards: the result is the one a single scan gives. This
 * thread scans the first part while one worker thread each scans the others
 * (a worker's start-up is paid once fewer, and no core waits). Undefined when
 * no worker script is there (the caller scans on its own thread).
 */
export async function lintInParts(
  path: string,
  display: string,
  options: LintOptions,
  count: number,
  reread: LineReader,
  stream: LineStream,
  file: { head: Buffer; size: number },
): Promise<FileResult | undefined> {
  const script = workerScript();
  if (script === undefined) return undefined;
  const { Worker } = await import("node:worker_threads");
  const progress = Array.from({ length: count }, () => ({ bytes: 0, rows: 0 }));
  const report = (index: number, bytes: number, rows: number) => {
    progress[index] = { bytes, rows };
    options.onProgress?.(progress.reduce((a, p) => a + p.bytes, 0), progress.reduce((a, p) => a + p.rows, 0));
  };
  // Every part scans with the same plain options (a worker gets them cloned): nothing of this run's state is shared.
  const plain = dataOptions(options);
  const workers: import("node:worker_threads").Worker[] = [];
  // Without split leakage a part's keys serve duplicates only: its worker partitions them (off this thread's tail).
  const partitionKeys = options.splits === undefined;
  const batches: (KeyBatch | undefined)[] = [];
  const inWorker = (index: number) =>
    new Promise<ScannedPart>((resolve, reject) => {
      const worker = new Worker(script, { workerData: { path, display, options: plain, index, count, lead: LEAD_SHARE, partitionKeys } });
      workers.push(worker);
      worker.on("message", (message: { progress?: { bytes: number; rows: number }; scanned?: ScannedPart; batch?: KeyBatch; error?: { message: string; code?: string; name?: string } }) => {
        if (message.progress !== undefined) report(index, message.progress.bytes, message.progress.rows);
        else if (message.scanned !== undefined) {
          batches[index] = message.batch;
          resolve(message.scanned);
          void worker.terminate();
        } else if (message.error !== undefined) {
          const { error } = message;
          reject(error.name === "LabellintError" ? new LabellintError(error.code as LabellintErrorCode, error.message) : new Error(error.message));
          void worker.terminate();
        }
      });
      worker.on("error", reject);
      worker.on("exit", (code) => reject(new Error(`a worker reading ${display} stopped (exit ${code})`)));
    });
  let scanned: ScannedPart[];
  const stop = new AbortController();
  const { head } = file;
  let session: LintSession;
  try {
    // The workers start first, so they start up while this thread reads part 0; its keys are
    // joined while the workers finish theirs.
    const others = Array.from({ length: count - 1 }, (_, i) => inWorker(i + 1));
    // A failed part rejects at once; until all are awaited, none may go unhandled.
    for (const other of others) other.catch(() => undefined);
    session = new LintSession({ path: display, options, sizeHint: file.size, reread });
    session.beginParts(head, head.length < SNIFF_BYTES);
    const own = scanPart(path, display, { ...structuredClone(plain), onProgress: (bytes, rows) => report(0, bytes, rows) }, 0, count, { digest: false, lead: LEAD_SHARE, signal: stop.signal, inThread: true }).then((s) => {
      session.joinLeadingPart(s.part);
      // Joined: its key records (16 bytes a row) need not wait for the merge.
      s.part.keys = new Uint32Array(0);
      return s;
    });
    scanned = await Promise.all([own, ...others]);
  } catch (error) {
    // One part failed: the others are of no use; stop them rather than wait for them.
    stop.abort();
    await Promise.all(workers.map((w) => w.terminate()));
    throw error;
  }
  const first = scanned[0]!;
  if (scanned.some((s) => s.size !== first.size || s.mtimeMs !== first.mtimeMs)) throw new LabellintError("LL_INPUT_CHANGED", `${display} changed while it was read; run again`);
  await session.mergeParts(head, first.size < SNIFF_BYTES, scanned.map((s) => s.part), { keys: scanned.map((s) => s.part.keys), batches: scanned.map((_, i) => batches[i]) });
  return session.end(reread, stream);
}

import { createReadStream, createWriteStream, type Stats } from "node:fs";
import { mkdtemp, open, readdir, rm, stat, type FileHandle } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { LabellintError, readFailure, writeFailure } from "../errors.js";
import { DEFAULT_MAX_SPOOL_BYTES } from "./limits.js";
import { OWNER_PATTERN, OWNER_TAG, ownerGone, trackTemp, whileCreating } from "./temp-files.js";
import { LineSplitter } from "./line-splitter.js";
import type { LineMarks } from "./line-marks.js";
import { isBlankLine as isBlank } from "../text/bytes.js";
import { formatCount } from "../text/numbers.js";

export interface RereadLine {
  /** The line's bytes without its terminator (and without a BOM on line 1). */
  bytes: Buffer;
  /** Non-blank lines before this one. */
  nonBlankBefore: number;
}

/** The logical row (0-based) of physical `line` read again: its non-blank lines before, less a header before it. */
export function rowOfLine(line: number, read: RereadLine, headerLine: number): number {
  return read.nonBlankBefore - (headerLine > 0 && headerLine < line ? 1 : 0);
}

/**
 * Re-reads the given physical lines (sorted ascending) of the input. With
 * `marks` (noted when these very bytes were scanned), a reader of the file's
 * own bytes starts reading at the mark before each wanted line.
 */
export type LineReader = (lines: readonly number[], marks?: LineMarks) => Promise<Map<number, RereadLine>>;


/** Read size: Node's 64 KiB default halves throughput on label files. */
export const CHUNK_BYTES = 1 << 20;

/** A failed read as one error naming the file: `cannot read 'x': no such file`. */
export function readError(path: string, error: unknown): LabellintError {
  return new LabellintError("LL_READ_FAILED", `cannot read '${path}': ${readFailure(error)}`, { cause: error });
}

export interface ChunkConsumer {
  /** While true, pushed chunks are retained and must be fresh buffers. */
  readonly buffering: boolean;
  push(chunk: Buffer): void;
}

/** True when something exists at `path` (a dangling link does not). */
export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The size of a file to read; a directory or a missing file is one clear error naming `name`. */
export async function readableSize(path: string, name = path): Promise<number> {
  return (await readableInfo(path, name)).size;
}

/** A file's size and modification time when it was first looked at. */
export interface FileState {
  size: number;
  mtimeMs: number;
}

/** A readable file's size and modification time, to notice later that it changed ({@link assertUnchanged}); a directory or an unreadable path is one clear error naming `name`. */
export async function readableState(path: string, name = path): Promise<FileState> {
  const { size, mtimeMs } = await readableInfo(path, name);
  return { size, mtimeMs };
}

/** What `stat` says of a path to read; a directory or an unreadable path is one clear error naming `name`. */
async function readableInfo(path: string, name: string): Promise<Stats> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    return info;
  } catch (error) {
    throw readError(name, error);
  }
}

/**
 * Throws `LL_INPUT_CHANGED` when the file at `path` is gone or its size or
 * modification time is not `before`'s: a list still being written (cut
 * short, appended to, rewritten) must not be reported as a mixture of
 * versions, so the reader says what changed and asks for another run.
 */
export async function assertUnchanged(before: FileState, path: string, name = path): Promise<void> {
  const now = await stat(path).catch(() => undefined);
  if (now === undefined) throw new LabellintError("LL_INPUT_CHANGED", `${name} changed while it was read (it is gone); run again once nothing writes to it`);
  if (now.size === before.size && now.mtimeMs === before.mtimeMs) return;
  const how = now.size < before.size ? `it shrank from ${before.size} to ${now.size} bytes` : now.size > before.size ? `it grew from ${before.size} to ${now.size} bytes` : "it was rewritten";
  throw new LabellintError("LL_INPUT_CHANGED", `${name} changed while it was read (${how}); run again once nothing writes to it`);
}

/** Opens a file for reading; a directory or an unreadable file is one clear error naming `name`. */
export async function openForReading(path: string, name = path): Promise<FileHandle> {
  return (await openWithInfo(path, name)).handle;
}

/** {@link openForReading}, with what `stat` said of the file just before it was opened. */
async function openWithInfo(path: string, name: string): Promise<{ handle: FileHandle; info: Stats }> {
  const info = await readableInfo(path, name);
  try {
    return { handle: await open(path, "r"), info };
  } catch (error) {
    throw readError(name, error);
  }
}

/**
 * A small text file read whole (a class list, a config), refused past
 * `maxBytes`: a file that is really /dev/zero, or a 20 MB YAML, is one clear
 * error instead of hundreds of megabytes of parse tree. `what` names it in that error.
 */
export async function readSmallText(path: string, maxBytes: number, what: string, name = path): Promise<string> {
  const handle = await openForReading(path, name);
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      chunks.push(buf.subarray(0, bytesRead));
      if (total > maxBytes) {
        throw new LabellintError("LL_LIMIT_EXCEEDED", `'${name}' is over ${formatCount(maxBytes)} bytes, more than a ${what} holds`);
      }
    }
    return Buffer.concat(chunks, total).toString("utf8");
  } catch (error) {
    throw error instanceof LabellintError ? error : readError(name, error);
  } finally {
    await handle.close();
  }
}

/** The first `bytes` bytes of a file (fewer if it is shorter); an unreadable file is the usual one-line error naming `name`. */
export async function readFileHead(path: string, bytes: number, name = path): Promise<Buffer> {
  const { handle, info } = await openWithInfo(path, name);
  try {
    // As long as the file, not `bytes`: a 1 MiB buffer per small file (a pre-commit run on 50 lists) cost more than reading them.
    const length = knownSize(info) ? Math.min(bytes, info.size) : bytes;
    const buf = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buf, 0, length, 0);
    return buf.subarray(0, bytesRead);
  } catch (error) {
    throw readError(name, error);
  } finally {
    await handle.close();
  }
}

/**
 * Whether a file's size says how much it holds: a regular file's does, but
 * for one of size 0 with content (/proc and /sys files, some network and FUSE
 * file systems), which is read as a stream is.
 */
function knownSize(info: { isFile(): boolean; size: number }): boolean {
  return info.isFile() && info.size > 0;
}

/** Feeds a file to `consumer` in 1 MiB reads; returns the file's size. */
export async function readFileChunks(path: string, consumer: ChunkConsumer, name = path): Promise<number> {
  const { handle, info } = await openWithInfo(path, name);
  try {
    // Two scratch buffers so the next read is under way while this chunk is
    // scanned; while the consumer retains chunks (sniffing), each read gets a
    // fresh buffer instead.
    // A small file gets buffers its size (and one byte more, to meet its end in one read), not 1 MiB each.
    const chunkBytes = knownSize(info) ? Math.max(1, Math.min(CHUNK_BYTES, info.size + 1)) : CHUNK_BYTES;
    const scratch = [Buffer.allocUnsafe(chunkBytes), Buffer.allocUnsafe(chunkBytes)];
    let turn = 0;
    const nextBuffer = (): Buffer => (consumer.buffering ? Buffer.allocUnsafe(chunkBytes) : scratch[turn++ & 1]!);
    const read = (target: Buffer) =>
      handle.read(target, 0, chunkBytes, null).catch((error: unknown) => {
        throw readError(name, error);
      });
    let current = nextBuffer();
    let pending = read(current);
    let total = 0;
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) return total;
      total += bytesRead;
      const next = nextBuffer();
      pending = read(next);
      // The pending read must fail quietly if scanning throws first.
      pending.catch(() => undefined);
      consumer.push(current.subarray(0, bytesRead));
      current = next;
    }
  } finally {
    await handle.close();
  }
}

/** The bytes of a file in 1 MiB chunks; each chunk is valid until the next is requested. */
export async function* fileChunks(path: string, name = path, range?: ByteSpan): AsyncGenerator<Buffer> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw readError(name, error);
  }
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let position = range?.start ?? 0;
    for (;;) {
      let bytesRead: number;
      const wanted = range === undefined ? CHUNK_BYTES : Math.min(CHUNK_BYTES, range.end - position);
      if (wanted <= 0) return;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, wanted, range === undefined ? null : position));
      } catch (error) {
        throw readError(name, error);
      }
      if (bytesRead === 0) return;
      position += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/**
 * Rewrites a file's bytes on their way to a consumer, fed the chunks in order
 * from the first byte (it may edit a chunk in place): how a reader that can
 * present its input's lines without a copy (an unquoted CSV) hands them over.
 */
export interface ChunkTransform {
  push(chunk: Buffer): Buffer[];
  /** What follows the last chunk. */
  end(): Buffer[];
}

/** `consumer`, fed through `transform`; call `finish` after the last chunk. */
export function transformedConsumer(consumer: ChunkConsumer, transform: ChunkTransform): ChunkConsumer & { finish(): void } {
  return {
    get buffering() {
      return consumer.buffering;
    },
    push(chunk) {
      for (const piece of transform.push(chunk)) consumer.push(piece);
    },
    finish() {
      for (const piece of transform.end()) consumer.push(piece);
    },
  };
}

/**
 * A line a scan counts as blank (not a row): an over-long line never is,
 * whatever its first bytes (the only ones a re-read is given), as the scan
 * counts it a row (it reports it as too long).
 */
function blankLine(buf: Buffer, start: number, end: number, byteLength: number): boolean {
  return byteLength === end - start && isBlank(buf, start, end);
}

/** Where a re-read starts: the line before its first line, the non-blank lines before, and whether a byte-order mark is content (not the file's start). */
interface ReadFrom {
  line: number;
  nonBlank: number;
  continuing: boolean;
}

/** Collects the wanted lines (sorted ascending; from `lines[first]`) from chunks fed to the returned consumer. */
function lineCollector(lines: readonly number[], maxLineBytes: number, from: ReadFrom = { line: 0, nonBlank: 0, continuing: false }, first = 0) {
  const found = new Map<number, RereadLine>();
  const last = lines[lines.length - 1] ?? 0;
  let next = first;
  let line = from.line;
  let nonBlank = from.nonBlank;
  const splitter = new LineSplitter((buf, start, end, _crlf, _terminated, byteLength) => {
    line++;
    if (line === lines[next]) {
      found.set(line, { bytes: Buffer.from(buf.subarray(start, end)), nonBlankBefore: nonBlank });
      next++;
    }
    if (!blankLine(buf, start, end, byteLength)) nonBlank++;
  }, maxLineBytes);
  if (from.continuing) splitter.continuing();
  const consumer: ChunkConsumer = {
    buffering: false,
    push(chunk) {
      if (line < last) splitter.push(chunk);
    },
  };
  return {
    consumer,
    /** The index (in `lines`) of the next wanted line not found yet. */
    get next(): number {
      return next;
    },
    /** The lines found; `ended`: the input ended (its last line, with no newline, is complete only now). */
    finish(ended = true): Map<number, RereadLine> {
      if (ended) splitter.end();
      return found;
    },
  };
}

/** A {@link LineReader} that re-reads lines of a file by number (from the marks before them, when given and the bytes are the file's own). */
export function fileLineReader(path: string, maxLineBytes: number, transform?: () => ChunkTransform): LineReader {
  return async (lines, marks) => {
    if (lines.length > 0 && transform === undefined && marks !== undefined && marks.count > 0) return readMarkedLines(path, lines, marks, maxLineBytes);
    const collector = lineCollector(lines, maxLineBytes);
    if (lines.length > 0) {
      if (transform === undefined) await readFileChunks(path, collector.consumer);
      else {
        const consumer = transformedConsumer(collector.consumer, transform());
        await readFileChunks(path, consumer);
        consumer.finish();
      }
    }
    return collector.finish();
  };
}

/** Read size from a mark (marks are about 512 KiB apart). */
const MARKED_READ_BYTES = 1 << 18;
/** A wanted line whose mark is further ahead than this is read from its mark; a nearer one, by reading on. */
const MARKED_SKIP_BYTES = 1 << 20;

/**
 * Reads the wanted lines from the mark before the first of them (the file's
 * start when no mark is before it), reading on while the next wanted line's
 * mark is near, and starting again at its mark when it is far ahead: lines
 * far apart cost a read each of about the marks' spacing, lines close
 * together one read through them, never more than one read of the file.
 */
async function readMarkedLines(path: string, lines: readonly number[], marks: LineMarks, maxLineBytes: number): Promise<Map<number, RereadLine>> {
  const found = new Map<number, RereadLine>();
  const handle = await openForReading(path, path);
  try {
    const buffer = Buffer.allocUnsafe(MARKED_READ_BYTES);
    let i = 0;
    while (i < lines.length) {
      const mark = marks.before(lines[i]!);
      const collector =
        mark < 0 ? lineCollector(lines, maxLineBytes, undefined, i) : lineCollector(lines, maxLineBytes, { line: marks.line(mark) - 1, nonBlank: marks.nonBlankBefore(mark), continuing: true }, i);
      let position = mark < 0 ? 0 : marks.offset(mark);
      let ended = false;
      while (collector.next < lines.length) {
        const ahead = marks.before(lines[collector.next]!);
        if (ahead >= 0 && marks.offset(ahead) > position + MARKED_SKIP_BYTES) break;
        let bytesRead: number;
        try {
          ({ bytesRead } = await handle.read(buffer, 0, MARKED_READ_BYTES, position));
        } catch (error) {
          throw readError(path, error);
        }
        if (bytesRead === 0) {
          ended = true;
          break;
        }
        position += bytesRead;
        collector.consumer.push(buffer.subarray(0, bytesRead));
      }
      // Stopped before the end (the next wanted line is far ahead): the line cut by the last read is not one of them.
      for (const [line, read] of collector.finish(ended)) found.set(line, read);
      // Lines past the end of the file are not there to find.
      if (ended) break;
      i = collector.next;
    }
  } finally {
    await handle.close();
  }
  return found;
}

/** A {@link LineReader} over bytes held in memory. */
export function bufferLineReader(bytes: Buffer, maxLineBytes: number): LineReader {
  return async (lines) => {
    const collector = lineCollector(lines, maxLineBytes);
    collector.consumer.push(bytes);
    return collector.finish();
  };
}

/** A stream copied to a temporary file; `dispose` removes it. */
export interface Spool {
  path: string;
  dispose: () => Promise<void>;
  /** The input was gzip-compressed: the spool holds its decompressed text. */
  gunzipped?: boolean;
}

const TEMP_PREFIX = "labellint-";

/** Removes temporary folders left by runs that were killed (their names carry the process id). */
async function removeStaleTempDirs(): Promise<void> {
  let names: string[];
  try {
    names = await readdir(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const owner = new RegExp(`^${TEMP_PREFIX}${OWNER_PATTERN}-`).exec(name);
    if (owner !== null && ownerGone(owner[1]!, owner[2]!)) await rm(join(tmpdir(), name), { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * A failure to write in the temporary folder (a full /tmp, a TMPDIR that
 * does not exist), named as such: it is no fault of the file being read,
 * and the way out is room there or another TMPDIR.
 */
export function tempFolderError(what: string, error: unknown): LabellintError {
  if (error instanceof LabellintError) return error;
  return new LabellintError("LL_WRITE_FAILED", `cannot ${what} in the temporary folder '${tmpdir()}': ${writeFailure(error)}; make room there, or set TMPDIR to another folder`, { cause: error });
}

/**
 * A fresh folder under the system's temporary directory, removed by
 * `dispose`, or by the command line if the run is interrupted; its name
 * carries the process id and a host tag, so a later run on this machine
 * removes it if this one is killed (and a run elsewhere, sharing the folder, never does).
 */
export async function makeTempDir(): Promise<{ dir: string; dispose: () => Promise<void> }> {
  await removeStaleTempDirs();
  const { dir, untrack } = await whileCreating(async () => {
    const dir = await mkdtemp(join(tmpdir(), `${TEMP_PREFIX}${OWNER_TAG}-`)).catch((error: unknown) => {
      throw tempFolderError("make a work folder", error);
    });
    return { dir, untrack: trackTemp(dir, "dir") };
  });
  return {
    dir,
    dispose: async () => {
      await rm(dir, { recursive: true, force: true });
      untrack();
    },
  };
}

/**
 * Copies a stream to a temporary file so it can be read more than once; at
 * most `maxBytes` (a stream that goes on, like /dev/zero, ends in one clear
 * error, not a full disk). Call `dispose` after.
 */
export async function spoolToTempFile(input: Readable, options: { maxBytes?: number | undefined; name?: string; gunzip?: boolean } = {}): Promise<Spool> {
  const name = options.name ?? "-";
  const limit = options.maxBytes ?? DEFAULT_MAX_SPOOL_BYTES;
  const { dir, dispose } = await makeTempDir();
  const path = join(dir, "input");
  let bytes = 0;
  // Node's stream code loads only when a stream is copied (a check of files never does: ~4 ms of start-up).
  const [{ Transform }, { pipeline }] = await Promise.all([import("node:stream"), import("node:stream/promises")]);
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes <= limit) callback(null, chunk);
      else {
        callback(
          new LabellintError(
            "LL_LIMIT_EXCEEDED",
            options.gunzip
              ? `'${name}' decompresses to more than ${formatCount(limit)} bytes, the most labellint decompresses aside; decompress it yourself, or raise the limit with --max-spool-bytes`
              : `'${name}' is a stream longer than ${formatCount(limit)} bytes, the most labellint copies aside to read it twice; save it to a file, or raise the limit with --max-spool-bytes`,
          ),
        );
      }
    },
  });
  // The copy's own failures (a full temporary folder) are told from the input's: by the stream that failed
  // first (a pipeline passes one stream's error on to the others).
  const sink = createWriteStream(path);
  const stages: NodeJS.EventEmitter[] = [input, ...(options.gunzip ? [(await import("node:zlib")).createGunzip()] : []), counter, sink];
  let failedFirst: NodeJS.EventEmitter | undefined;
  for (const stage of stages) stage.once("error", () => (failedFirst ??= stage));
  try {
    // Decompressed as it streams: memory stays at a chunk, whatever the file's size.
    // node:zlib is loaded only for a gzip input.
    await pipeline(stages as [Readable, ...NodeJS.ReadWriteStream[], NodeJS.WritableStream]);
  } catch (error) {
    await dispose();
    if (error instanceof LabellintError) throw error;
    if (failedFirst === sink) throw tempFolderError(options.gunzip ? `decompress '${name}'` : `copy '${name}' aside to read it twice`, error);
    const code = (error as NodeJS.ErrnoException).code;
    if (options.gunzip && code !== undefined && code.startsWith("Z_")) {
      throw new LabellintError("LL_READ_FAILED", `cannot read '${name}': it is not a valid gzip file (${(error as Error).message})`, { cause: error });
    }
    throw readError(name, error);
  }
  return { path, dispose };
}

/**
 * Standard input (`-`), a FIFO or a character device, copied to a temporary
 * file (it is read sequentially once, then re-read from the copy); undefined
 * for anything else, which is read where it is.
 */
export async function spoolIfStream(path: string, name: string, maxBytes?: number): Promise<Spool | undefined> {
  if (path === "-") return spoolToTempFile(process.stdin, { maxBytes, name });
  const info = await stat(path).catch(() => undefined);
  if (info === undefined || !(info.isFIFO() || info.isCharacterDevice())) return undefined;
  return spoolToTempFile(createReadStream(path, { highWaterMark: CHUNK_BYTES }), { maxBytes, name });
}

/** One physical line streamed again by a {@link LineStream}. */
export interface StreamedLine {
  line: number;
  /** The line's bytes without its terminator (a copy: valid after the batch). */
  bytes: Buffer;
  /** Non-blank lines before this one. */
  nonBlankBefore: number;
}

/**
 * Streams the input's lines again, in batches (one per read chunk), keeping
 * only the lines `wanted` accepts: memory stays at one chunk's lines.
 */
export type LineStream = (wanted: (line: number) => boolean) => AsyncGenerator<StreamedLine[]>;

function lineBatcher(wanted: (line: number) => boolean, maxLineBytes: number) {
  let batch: StreamedLine[] = [];
  let line = 0;
  let nonBlank = 0;
  const splitter = new LineSplitter((buf, start, end, _crlf, _terminated, byteLength) => {
    line++;
    if (byteLength === end - start && wanted(line)) batch.push({ line, bytes: Buffer.from(buf.subarray(start, end)), nonBlankBefore: nonBlank });
    if (!blankLine(buf, start, end, byteLength)) nonBlank++;
  }, maxLineBytes);
  return {
    splitter,
    take(): StreamedLine[] {
      const out = batch;
      batch = [];
      return out;
    },
  };
}

/** Bytes `[start, end)` of a file. */
export interface ByteSpan {
  start: number;
  end: number;
}

/** A {@link LineStream} over a file, or over a byte range of it (lines counted from the range's first). */
export function fileLineStream(path: string, maxLineBytes: number, transform?: () => ChunkTransform, range?: ByteSpan): LineStream {
  return async function* (wanted) {
    const b = lineBatcher(wanted, maxLineBytes);
    // A byte-order mark is one only at the start of the file.
    if (range !== undefined && range.start > 0) b.splitter.continuing();
    const t = transform?.();
    for await (const chunk of fileChunks(path, path, range)) {
      if (t === undefined) b.splitter.push(chunk);
      else for (const piece of t.push(chunk)) b.splitter.push(piece);
      const batch = b.take();
      if (batch.length > 0) yield batch;
    }
    if (t !== undefined) for (const piece of t.end()) b.splitter.push(piece);
    b.splitter.end();
    const last = b.take();
    if (last.length > 0) yield last;
  };
}

/** A {@link LineStream} over bytes held in memory. */
export function bufferLineStream(bytes: Buffer, maxLineBytes: number): LineStream {
  return async function* (wanted) {
    const b = lineBatcher(wanted, maxLineBytes);
    b.splitter.push(bytes);
    b.splitter.end();
    const batch = b.take();
    if (batch.length > 0) yield batch;
  };
}

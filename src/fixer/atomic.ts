import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { copyFile, open, rename, rm, type FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { readError } from "../engine/source.js";
import { LabellintError } from "../errors.js";

const FLUSH_BYTES = 1 << 20;

/** Bytes `[start, end)` of a file, copied into the output when it is flushed (never held in memory whole). */
interface FileRange {
  path: string;
  start: number;
  end: number;
}

/**
 * A file written beside its target under a temporary name and renamed over
 * it only on {@link AtomicFile.commit}, after an fsync: readers never see a
 * half-written file, and a failure leaves the target as it was.
 */
export class AtomicFile {
  /** Filled buffers waiting for {@link AtomicFile.drain}, and the one being filled. */
  private full: (Buffer | FileRange)[] = [];
  private current = Buffer.allocUnsafe(FLUSH_BYTES);
  private offset = 0;
  bytes = 0;

  private constructor(
    readonly target: string,
    readonly temp: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(target: string): Promise<AtomicFile> {
    const temp = join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
    try {
      return new AtomicFile(target, temp, await open(temp, "wx"));
    } catch (error) {
      throw writeError(target, error);
    }
  }

  private room(bytes: number): void {
    if (this.offset + bytes <= this.current.length) return;
    if (this.offset > 0) this.full.push(this.current.subarray(0, this.offset));
    this.current = Buffer.allocUnsafe(Math.max(FLUSH_BYTES, bytes));
    this.offset = 0;
  }

  /** Buffers `text` (UTF-8); {@link AtomicFile.drain} writes it out. */
  write(text: string): void {
    this.room(text.length * 3);
    this.offset += this.current.write(text, this.offset, "utf8");
  }

  /**
   * Buffers bytes `[start, end)` of `source` as they are, or with every
   * `from` byte replaced by `to` (a change of separator), without a string.
   */
  writeBytes(source: Buffer, start: number, end: number, from = -1, to = -1): void {
    this.room(end - start);
    const at = this.offset;
    source.copy(this.current, at, start, end);
    if (from !== -1) {
      const buf = this.current;
      for (let i = at, stop = at + end - start; i < stop; i++) if (buf[i] === from) buf[i] = to;
    }
    this.offset = at + end - start;
  }

  /**
   * Queues bytes `[start, end)` of the file at `path` (a line too long to
   * hold in memory), streamed into the output in order when flushed.
   */
  copyFrom(path: string, start: number, end: number): void {
    if (this.offset > 0) {
      this.full.push(this.current.subarray(0, this.offset));
      this.current = Buffer.allocUnsafe(FLUSH_BYTES);
      this.offset = 0;
    }
    this.full.push({ path, start, end });
  }

  /** Writes buffered output once a megabyte has gathered (or a file range is queued). */
  async drain(): Promise<void> {
    if (this.full.length > 0) await this.flush(false);
  }

  private async flush(all: boolean): Promise<void> {
    if (all && this.offset > 0) {
      this.full.push(this.current.subarray(0, this.offset));
      this.current = Buffer.allocUnsafe(FLUSH_BYTES);
      this.offset = 0;
    }
    const data = this.full;
    this.full = [];
    try {
      for (const chunk of data) {
        if (!Buffer.isBuffer(chunk)) {
          await this.copyRange(chunk);
          continue;
        }
        await this.handle.write(chunk);
        this.bytes += chunk.length;
      }
    } catch (error) {
      throw error instanceof LabellintError ? error : writeError(this.target, error);
    }
  }

  private async copyRange(range: FileRange): Promise<void> {
    if (range.end <= range.start) return;
    const chunks = createReadStream(range.path, { start: range.start, end: range.end - 1, highWaterMark: FLUSH_BYTES })[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = (await chunks.next()) as IteratorResult<Buffer>;
      } catch (error) {
        throw readError(range.path, error);
      }
      if (next.done === true) return;
      await this.handle.write(next.value);
      this.bytes += next.value.length;
    }
  }

  /** Flushes, fsyncs, closes and renames over the target (keeping a copy of the old one at `backup`). */
  async commit(backup?: string): Promise<void> {
    try {
      await this.flush(true);
      await this.handle.sync();
      await this.handle.close();
      if (backup !== undefined) await copyFile(this.target, backup);
      await rename(this.temp, this.target);
    } catch (error) {
      await this.abort();
      throw writeError(this.target, error);
    }
  }

  /** Drops the temporary file; the target is untouched. */
  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(this.temp, { force: true });
  }
}

export function writeError(path: string, error: unknown): LabellintError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why =
    code === "ENOENT" ? "its folder does not exist" : code === "EACCES" || code === "EPERM" ? "permission denied" : code === "EISDIR" ? "it is a directory" : code === "ENOSPC" ? "no space left on the device" : error instanceof Error ? error.message : String(error);
  return new LabellintError("LL_WRITE_FAILED", `cannot write '${path}': ${why}`, { cause: error });
}

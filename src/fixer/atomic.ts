import { randomBytes } from "node:crypto";
import { copyFile, open, rename, rm, type FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { LabellintError } from "../errors.js";

const FLUSH_BYTES = 1 << 20;

/**
 * A file written beside its target under a temporary name and renamed over
 * it only on {@link AtomicFile.commit}, after an fsync: readers never see a
 * half-written file, and a failure leaves the target as it was.
 */
export class AtomicFile {
  private pending: string[] = [];
  private pendingBytes = 0;
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

  /** Buffers `text`; {@link AtomicFile.drain} writes it out. */
  write(text: string): void {
    this.pending.push(text);
    this.pendingBytes += text.length;
  }

  /** Writes buffered text once a megabyte has gathered. */
  async drain(): Promise<void> {
    if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const data = Buffer.from(this.pending.join(""), "utf8");
    this.pending = [];
    this.pendingBytes = 0;
    try {
      await this.handle.write(data);
    } catch (error) {
      throw writeError(this.target, error);
    }
    this.bytes += data.length;
  }

  /** Flushes, fsyncs, closes and renames over the target (keeping a copy of the old one at `backup`). */
  async commit(backup?: string): Promise<void> {
    try {
      await this.flush();
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

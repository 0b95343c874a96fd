import { appendFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { LabellintError } from "../errors.js";

/**
 * A row as the join sees it, in a bucket: 24 bytes of header — the 64-bit
 * hash of its normalised path (hi, lo), its line, its row number, the length
 * of the path key, and the length of its labels (top bit set when they are
 * text, not class indices) — then the path key, then the labels: ascending
 * comparison-class indices as 32-bit integers, or the label text.
 */
export const RECORD_HEADER = 24;
export const RAW_LABELS = 0x80000000;

/**
 * Records hash-partitioned into buckets: held in memory (one bucket, below
 * the memory limit), or appended to one file per bucket on disk through a
 * bounded write buffer each, so only one bucket is in memory at a time.
 */
export class BucketStore {
  private readonly buffers: (Buffer | undefined)[];
  private readonly used: Int32Array;
  private readonly chunks: Buffer[][];
  private readonly files: string[] | undefined;
  /** Bytes written to disk. */
  spilledBytes = 0;
  /** Records written. */
  records = 0;

  constructor(
    readonly buckets: number,
    private readonly bufferBytes: number,
    spillDir: string | undefined,
    side: string,
  ) {
    this.buffers = new Array<Buffer | undefined>(buckets);
    this.used = new Int32Array(buckets);
    this.chunks = Array.from({ length: buckets }, () => []);
    this.files = spillDir === undefined ? undefined : Array.from({ length: buckets }, (_, b) => join(spillDir, `${side}-${b}.bin`));
  }

  /** The buffer the last {@link BucketStore.reserve} made room in. */
  target: Buffer = Buffer.alloc(0);

  /** Room for a record of `size` bytes in bucket `b`: write it at `target[at…at+size)`; returns `at`. */
  reserve(b: number, size: number): number {
    let buffer = this.buffers[b];
    if (buffer === undefined || this.used[b]! + size > buffer.length) {
      if (buffer !== undefined) this.flush(b);
      // On disk the flushed buffer is reused; in memory it became a chunk of the bucket.
      buffer = this.buffers[b];
      if (buffer === undefined || size > buffer.length) {
        buffer = Buffer.allocUnsafe(Math.max(this.bufferBytes, size));
        this.buffers[b] = buffer;
        this.used[b] = 0;
      }
    }
    const at = this.used[b]!;
    this.used[b] = at + size;
    this.records++;
    this.target = buffer;
    return at;
  }

  private flush(b: number): void {
    const buffer = this.buffers[b];
    const used = this.used[b]!;
    if (buffer === undefined || used === 0) return;
    if (this.files === undefined) {
      this.chunks[b]!.push(buffer.subarray(0, used));
    } else {
      try {
        appendFileSync(this.files[b]!, buffer.subarray(0, used));
      } catch (error) {
        throw new LabellintError("LL_WRITE_FAILED", `cannot write a temporary file of the diff: ${(error as Error).message}`, { cause: error });
      }
      this.spilledBytes += used;
      // The buffer is written out: the next record refills it from the start.
      this.used[b] = 0;
      return;
    }
    this.buffers[b] = undefined;
    this.used[b] = 0;
  }

  /** Flushes every bucket's buffer and lets the buffers go. */
  finish(): void {
    for (let b = 0; b < this.buckets; b++) {
      this.flush(b);
      this.buffers[b] = undefined;
    }
  }

  /** The records of bucket `b`, in the order they were written; the bucket is released. */
  async take(b: number): Promise<Buffer> {
    if (this.files === undefined) {
      const chunks = this.chunks[b]!;
      this.chunks[b] = [];
      return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    }
    try {
      return await readFile(this.files[b]!);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return Buffer.alloc(0);
      throw new LabellintError("LL_READ_FAILED", `cannot read a temporary file of the diff: ${(error as Error).message}`, { cause: error });
    }
  }
}

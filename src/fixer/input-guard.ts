import { createHash, type Hash } from "node:crypto";
import { stat } from "node:fs/promises";
import { fileChunks, readError } from "../io/source.js";
import { LabellintError } from "../errors.js";

/** The sha256 and size of what was read of a file. */
export interface Digest {
  sha256: string;
  bytes: number;
}

interface Identity {
  size: number;
  mtimeMs: number;
  ino: number;
  dev: number;
}

async function identityOf(path: string, display: string): Promise<Identity & { mode: number; uid: number; gid: number; regular: boolean; links: number }> {
  try {
    const s = await stat(path);
    return { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino, dev: s.dev, mode: s.mode & 0o777, uid: s.uid, gid: s.gid, regular: s.isFile(), links: s.nlink };
  } catch (error) {
    throw readError(display, error);
  }
}

/** The sha256 and size of a file, read now. */
export async function digestFile(path: string, displayPath: string): Promise<Digest> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of fileChunks(path, displayPath)) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

/**
 * Watches an input that is read more than once (fix's check pass, then its
 * rewrite pass): the first pass's chunks are hashed through
 * {@link InputGuard.onChunk}, and {@link InputGuard.verify} refuses when a
 * later pass read other bytes or the file's size, modification time or inode
 * changed meanwhile. Rows are never decided by one version of a file and
 * written from another.
 */
export class InputGuard {
  private readonly hash: Hash = createHash("sha256");
  private bytes = 0;
  private fed = false;
  private first: Digest | undefined;

  private constructor(
    readonly path: string,
    readonly display: string,
    private readonly before: Identity,
    /** Permission bits, for the files written from this input. */
    readonly mode: number,
    readonly owner: { uid: number; gid: number },
    /** The file's hard links when first seen: rewriting it in place (a new file renamed over its name) leaves the others on the original. */
    readonly links: number,
  ) {}

  static async open(path: string, display: string): Promise<InputGuard> {
    const id = await identityOf(path, display);
    if (!id.regular) {
      throw new LabellintError("LL_USAGE", `'${display}' is not a regular file: it is read more than once, so save it to a file first`);
    }
    return new InputGuard(path, display, { size: id.size, mtimeMs: id.mtimeMs, ino: id.ino, dev: id.dev }, id.mode, { uid: id.uid, gid: id.gid }, id.links);
  }

  /** Feeds one chunk of the first pass. */
  readonly onChunk = (chunk: Buffer): void => {
    this.fed = true;
    this.hash.update(chunk);
    this.bytes += chunk.length;
  };

  /** The first pass's digest (read now when the first pass did not go through {@link InputGuard.onChunk}). */
  async firstDigest(): Promise<Digest> {
    if (this.first === undefined) {
      this.first = this.fed || this.before.size === 0 ? { sha256: this.hash.digest("hex"), bytes: this.bytes } : await digestFile(this.path, this.display);
    }
    return this.first;
  }

  /**
   * Throws `LL_INPUT_CHANGED` unless the file is still the one first read:
   * same size, modification time and inode, and `later` (a later pass's
   * digest) equal to the first pass's.
   */
  /** Whether the file's size, modification time or inode differ from those first seen. */
  private async moved(): Promise<boolean> {
    const now = await identityOf(this.path, this.display);
    const b = this.before;
    return now.size !== b.size || now.mtimeMs !== b.mtimeMs || now.ino !== b.ino || now.dev !== b.dev;
  }

  /** Throws `LL_INPUT_CHANGED` unless the file's size, modification time and inode are still those first seen (a stat, read nothing). */
  async stillSame(): Promise<void> {
    if (await this.moved()) {
      throw new LabellintError("LL_INPUT_CHANGED", `'${this.display}' changed while the output was being written (its size, modification time or inode changed); nothing was written: run again once nothing else writes to it`);
    }
  }

  async verify(later: Digest): Promise<void> {
    const first = await this.firstDigest();
    const changed = (await this.moved())
      ? "its size, modification time or inode changed"
      : later.sha256 !== first.sha256 || later.bytes !== first.bytes
        ? "its content differs between the passes"
        : undefined;
    if (changed !== undefined) {
      throw new LabellintError("LL_INPUT_CHANGED", `'${this.display}' changed while it was being read (${changed}); nothing was written: run again once nothing else writes to it`);
    }
  }
}

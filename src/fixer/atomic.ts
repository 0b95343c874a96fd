import { randomBytes } from "node:crypto";
import { constants, createReadStream, existsSync, type Stats } from "node:fs";
import { copyFile, link, lstat, open, readdir, realpath, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { readError } from "../io/source.js";
import { LabellintError, writeFailure } from "../errors.js";
import { commitStarted, OWNER_PATTERN, OWNER_TAG, ownerGone, trackTemp, whileCreating } from "../io/temp-files.js";

const FLUSH_BYTES = 1 << 20;

/** An open temporary file being written. */
export interface WriteHandle {
  /** Writes all of `data`. */
  write(data: Buffer): Promise<void>;
  chmod(mode: number): Promise<void>;
  chown(uid: number, gid: number): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The file-system calls that put output on disk: injectable, so tests can
 * fail (or freeze) a run at each of them and look at what is left.
 */
export interface WriteFs {
  /** Creates `path`, which must not exist, with permission bits `mode` (less the umask). */
  create(path: string, mode: number): Promise<WriteHandle>;
  rename(from: string, to: string): Promise<void>;
  /** Gives an existing file a second name (a backup that copies nothing). */
  link(existing: string, path: string): Promise<void>;
  /** Copies a file to a new name and syncs the copy. */
  copy(from: string, to: string): Promise<void>;
  /** Removes a file; a missing one is no error. */
  remove(path: string): Promise<void>;
  /**
   * Flushes a folder's entries to the disk, so the names just renamed into
   * it survive a power loss (the files' bytes were synced before). Without
   * it, the old content can come back after a run that reported success.
   */
  syncFolder?(path: string): Promise<void>;
}

export const nodeWriteFs: WriteFs = {
  async create(path, mode) {
    const handle = await open(path, "wx", mode);
    return {
      async write(data) {
        for (let at = 0; at < data.length; ) {
          const { bytesWritten } = await handle.write(data, at, data.length - at);
          if (bytesWritten === 0) throw Object.assign(new Error("wrote nothing"), { code: "EIO" });
          at += bytesWritten;
        }
      },
      chmod: (m) => handle.chmod(m),
      chown: (uid, gid) => handle.chown(uid, gid),
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  },
  rename: (from, to) => rename(from, to),
  link: (existing, path) => link(existing, path),
  async copy(from, to) {
    await copyFile(from, to, constants.COPYFILE_EXCL);
    const handle = await open(to, "r+");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  remove: (path) => rm(path, { force: true }),
  async syncFolder(path) {
    const handle = await open(path, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
};

/** How an output file is created. */
export interface OutputOptions {
  fs?: WriteFs | undefined;
  /**
   * Exact permission bits (those of the input the output comes from), set
   * whatever the umask: private labels stay private. Default: 0666 less the umask.
   */
  mode?: number | undefined;
  /** Owner to give the file (root replacing another user's file keeps it theirs). */
  owner?: { uid: number; gid: number } | undefined;
  /**
   * Flush the file to the disk before it is renamed into place (default
   * true). A report can skip it: the rename still keeps a half-written file
   * from ever having the target's name; only a crash of the machine itself
   * could leave an empty one.
   */
  sync?: boolean | undefined;
  /**
   * Whether the file may replace one already at its target (default true).
   * False where the target was found absent before writing (no --force): a
   * file that appears there meanwhile (another run writing the same name) is
   * left as it is, and the commit fails.
   */
  replace?: boolean | undefined;
}

/** Bytes `[start, end)` of a file, copied into the output when it is flushed (never held in memory whole). */
interface FileRange {
  path: string;
  start: number;
  end: number;
}

const KINDS: [keyof Stats, string][] = [
  ["isDirectory", "a directory"],
  ["isSymbolicLink", "a symbolic link"],
  ["isCharacterDevice", "a character device"],
  ["isBlockDevice", "a block device"],
  ["isFIFO", "a FIFO"],
  ["isSocket", "a socket"],
];

/**
 * What a path reaches, to tell whether two paths name one file: an existing
 * file by its device and inode (a symlink to it, a hard link, a folder link
 * such as `d/up/train.txt` with `d/up → ..`, another spelling: all the same
 * file), a path not there yet by its folder's real path and its name.
 * Comparing path strings let `--out d/up/train.txt` replace the input.
 */
export async function fileIdentity(path: string): Promise<string> {
  const info = await stat(path).catch(() => undefined);
  if (info !== undefined) return `file ${info.dev}:${info.ino}`;
  const folder = dirname(resolve(path));
  return `path ${join(await realpath(folder).catch(() => folder), basename(path))}`;
}

/**
 * Refuses a path where an output would replace something other than a
 * regular file (a device, a FIFO, a directory, a symbolic link): renaming a
 * file over `/dev/null` would replace the device node.
 */
export async function assertReplaceable(path: string): Promise<void> {
  let info;
  try {
    info = await lstat(path);
  } catch {
    return;
  }
  if (info.isFile()) return;
  const what = KINDS.find(([test]) => (info[test] as () => boolean).call(info))?.[1] ?? "not a regular file";
  throw new LabellintError("LL_WRITE_FAILED", `cannot write '${path}': it is ${what}, and labellint replaces only regular files`);
}

const TEMP_SUFFIX = ".tmp";

function tempName(target: string): string {
  return join(dirname(target), `.${basename(target)}.${OWNER_TAG}-${randomBytes(4).toString("hex")}${TEMP_SUFFIX}`);
}

/**
 * Removes temporary files for `target` left by runs that were killed
 * (`kill -9` leaves no chance to clean up): their names carry the process
 * id and a host tag, and only those of processes of this machine no longer
 * running are touched.
 */
export async function removeStaleTemps(target: string): Promise<void> {
  const prefix = `.${basename(target)}.`;
  let names: string[];
  try {
    names = await readdir(dirname(target));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) continue;
    const owner = new RegExp(`^${OWNER_PATTERN}-[0-9a-f]{8}$`).exec(name.slice(prefix.length, -TEMP_SUFFIX.length));
    if (owner !== null && ownerGone(owner[1]!, owner[2]!)) await rm(join(dirname(target), name), { force: true }).catch(() => undefined);
  }
}

/**
 * A file written beside its target under a temporary name and renamed over
 * it only once it is complete and synced ({@link commitAll}): readers never
 * see a half-written file, and a failure leaves the target as it was.
 */
export class AtomicFile {
  /** Filled buffers waiting for {@link AtomicFile.drain}, and the one being filled. */
  private full: (Buffer | FileRange)[] = [];
  private current = Buffer.allocUnsafe(FLUSH_BYTES);
  private offset = 0;
  private state: "open" | "prepared" | "published" | "aborted" = "open";
  bytes = 0;

  private constructor(
    readonly target: string,
    readonly temp: string,
    private readonly handle: WriteHandle,
    private readonly options: OutputOptions,
    private readonly untrack: () => void,
  ) {}

  static async create(target: string, options: OutputOptions = {}): Promise<AtomicFile> {
    await assertReplaceable(target);
    await removeStaleTemps(target);
    const temp = tempName(target);
    const fs = options.fs ?? nodeWriteFs;
    const untrack = trackTemp(temp);
    try {
      // Held off until made: a file being opened when a signal comes is made all the same, after the clean-up.
      return new AtomicFile(target, temp, await whileCreating(() => fs.create(temp, options.mode ?? 0o666)), options, untrack);
    } catch (error) {
      untrack();
      throw unwritten(target, error);
    }
  }

  /**
   * A file already complete and synced at `path` (written by an earlier
   * commit into a work folder on the target's file system), renamed over
   * `target` with the other files of a {@link commitAll}: a failure puts back
   * what `target` held, as for a file written here. Aborting removes `path`.
   */
  static async adopt(path: string, target: string, options: OutputOptions = {}): Promise<AtomicFile> {
    await assertReplaceable(target);
    const done = async () => {
      throw new Error("an adopted file is complete: nothing more is written to it");
    };
    const file = new AtomicFile(target, path, { write: done, chmod: done, chown: done, sync: done, close: async () => undefined }, options, () => undefined);
    file.state = "prepared";
    return file;
  }

  /** Whether the file is flushed to the disk before it is renamed (see {@link OutputOptions.sync}). */
  get synced(): boolean {
    return this.options.sync !== false;
  }

  private get fs(): WriteFs {
    return this.options.fs ?? nodeWriteFs;
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

  /** Buffers one byte. */
  writeByte(byte: number): void {
    this.room(1);
    this.current[this.offset++] = byte;
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
      throw error instanceof LabellintError ? error : unwritten(this.target, error);
    }
  }

  private async copyRange(range: FileRange): Promise<void> {
    if (range.end <= range.start) return;
    const chunks = createReadStream(range.path, { start: range.start, end: range.end - 1, highWaterMark: FLUSH_BYTES })[Symbol.asyncIterator]();
    try {
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
    } finally {
      // A write that failed leaves the read stream open: closed now, not when it is collected.
      await chunks.return?.();
    }
  }

  /** Writes out what is buffered, sets the mode (and owner), syncs and closes: the file is complete under its temporary name. */
  async prepare(): Promise<void> {
    if (this.state !== "open") return;
    try {
      await this.flush(true);
      if (this.options.mode !== undefined) await this.handle.chmod(this.options.mode);
      if (this.options.owner !== undefined) await this.handle.chown(this.options.owner.uid, this.options.owner.gid);
      if (this.options.sync !== false) await this.handle.sync();
      this.state = "prepared";
      await this.handle.close();
    } catch (error) {
      throw error instanceof LabellintError ? error : unwritten(this.target, error);
    }
  }

  /** Renames the prepared file over its target (gives it its target's name only if that is free, with `replace: false`). */
  async publish(): Promise<void> {
    try {
      if (this.options.replace === false) await renameNew(this.temp, this.target, this.fs);
      else await this.fs.rename(this.temp, this.target);
    } catch (error) {
      throw unwritten(this.target, error);
    }
    this.state = "published";
    this.untrack();
  }

  /** Prepares and publishes this one file (keeping a copy of the old target at `backup`). */
  async commit(backup?: string): Promise<void> {
    await commitAll([this], backup !== undefined ? { of: this.target, to: backup } : undefined, this.fs);
  }

  /** Drops the temporary file; the target is untouched. */
  async abort(): Promise<void> {
    if (this.state === "published" || this.state === "aborted") return;
    if (this.state === "open") await this.handle.close().catch(() => undefined);
    this.state = "aborted";
    await this.fs.remove(this.temp).catch(() => undefined);
    this.untrack();
  }
}

/** A copy of a file about to be replaced, kept under another name. */
export interface Backup {
  /** The file to keep a copy of (the target of the last output). */
  of: string;
  /** Where the copy goes. */
  to: string;
  /** Whether the copy may replace a file already at `to` (default true); see {@link OutputOptions.replace}. */
  replace?: boolean | undefined;
}

const NO_HARD_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "EXDEV", "EMLINK", "ENOSYS"]);

/**
 * Gives the complete file `from` the name `to` only if nothing has it: a
 * hard link fails rather than replace (a file system without hard links
 * looks first, then renames). The check for an existing file was made
 * before writing, and a run that writes a large file takes a while: two runs
 * writing the same `--out` at once each found it free, and the one renamed
 * last replaced the other's output and rejects without a word.
 */
async function renameNew(from: string, to: string, fs: WriteFs): Promise<void> {
  const taken = () =>
    new LabellintError("LL_WRITE_FAILED", `cannot write '${to}': a file of that name appeared while this run was writing (another run writing the same file?) and was left as it is; nothing was written: run again, or pass --force to overwrite it`);
  try {
    await fs.link(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    if (code === "EEXIST") throw taken();
    if (!NO_HARD_LINKS.has(code)) throw error;
    if (await lstat(to).then(() => true, () => false)) throw taken();
    await fs.rename(from, to);
    return;
  }
  // The file is in place under its name: a temporary name left over is removed by the next run.
  await fs.remove(from).catch(() => undefined);
}

/**
 * Keeps the current `of` at `to`: a hard link (or, where the file system has
 * none, a synced copy) made under a temporary name and renamed, so a run
 * killed meanwhile never leaves a partial backup that looks complete.
 */
async function keepBackup(backup: Backup, fs: WriteFs): Promise<void> {
  await assertReplaceable(backup.to);
  await removeStaleTemps(backup.to);
  const temp = tempName(backup.to);
  const untrack = trackTemp(temp);
  try {
    try {
      await whileCreating(() => fs.link(backup.of, temp));
    } catch (error) {
      if (!NO_HARD_LINKS.has((error as NodeJS.ErrnoException).code ?? "")) throw error;
      await fs.remove(temp);
      await fs.copy(backup.of, temp);
    }
    if (backup.replace === false) await renameNew(temp, backup.to, fs);
    else await fs.rename(temp, backup.to);
  } catch (error) {
    await fs.remove(temp).catch(() => undefined);
    throw writeError(backup.to, error);
  } finally {
    untrack();
  }
}

/** A second name for a file about to be replaced, so a commit that fails halfway can put it back. */
interface Kept {
  target: string;
  keep: string;
  untrack: () => void;
}

/**
 * Links each existing regular file among `targets` to a temporary name
 * beside it (a hard link copies nothing). A file system without hard links
 * keeps none: a failed commit then removes that target, as before.
 */
async function keepPrevious(targets: readonly string[], fs: WriteFs): Promise<Kept[]> {
  const kept: Kept[] = [];
  try {
    for (const target of targets) {
      const info = await lstat(target).catch(() => undefined);
      if (info === undefined || !info.isFile()) continue;
      const keep = tempName(target);
      const untrack = trackTemp(keep);
      try {
        await whileCreating(() => fs.link(target, keep));
      } catch (error) {
        untrack();
        await fs.remove(keep).catch(() => undefined);
        if (NO_HARD_LINKS.has((error as NodeJS.ErrnoException).code ?? "")) continue;
        throw writeError(target, error);
      }
      kept.push({ target, keep, untrack });
    }
  } catch (error) {
    await dropKept(kept, fs);
    throw error;
  }
  return kept;
}

async function dropKept(kept: readonly Kept[], fs: WriteFs): Promise<void> {
  for (const k of kept) {
    await fs.remove(k.keep).catch(() => undefined);
    k.untrack();
  }
}

/** Puts back what was at `target` before this commit (or removes it when nothing was there). */
async function restore(target: string, kept: readonly Kept[], fs: WriteFs): Promise<void> {
  const k = kept.find((x) => x.target === target);
  if (k === undefined) await fs.remove(target).catch(() => undefined);
  else await fs.rename(k.keep, target).catch(() => undefined);
}

/**
 * Puts a run's outputs in place all together or not at all: every file is
 * first written out and synced under its temporary name; only when all of
 * that succeeded is the backup kept and each renamed over its target, in
 * order (put the main output last). A failure before the renames leaves no
 * output; one during them (rare: a rename in one folder) puts back what the
 * targets already renamed over held before (kept under a second name for
 * the while), or removes them where there was nothing.
 */
export async function commitAll(files: readonly AtomicFile[], backup?: Backup, fs: WriteFs = nodeWriteFs, beforeRenames?: () => Promise<void>): Promise<void> {
  const abortAll = async () => {
    for (const f of files) await f.abort();
  };
  let kept: Kept[] = [];
  try {
    for (const f of files) await f.prepare();
    // Syncing a large output takes time: whatever must still hold (the input unchanged) is asked again last.
    await beforeRenames?.();
    // An earlier backup, output or rejects file (--force) is a file like the input: a failed commit gives it back.
    kept = await keepPrevious([...(backup !== undefined ? [backup.to] : []), ...files.map((f) => f.target)], fs);
    if (backup !== undefined) await keepBackup(backup, fs);
  } catch (error) {
    await abortAll();
    await dropKept(kept, fs);
    throw error;
  }
  const published: AtomicFile[] = [];
  // An interruption waits for the renames: the files are all in place, or none is.
  const committed = commitStarted();
  try {
    for (const f of files) {
      await f.publish();
      published.push(f);
    }
    // The new names are made durable too, where the files' bytes were.
    if (files.some((f) => f.synced)) await syncFolders([...(backup !== undefined ? [backup.to] : []), ...files.map((f) => f.target)], fs);
  } catch (error) {
    await abortAll();
    for (const f of published) await restore(f.target, kept, fs);
    if (backup !== undefined && published.length < files.length) await restore(backup.to, kept, fs);
    throw error;
  } finally {
    await dropKept(kept, fs);
    committed();
  }
}

/**
 * Syncs each folder of `targets` once. Best effort: the renames are done and
 * each file's bytes are on the disk; a file system that cannot sync a folder
 * (EINVAL, EISDIR, EPERM …) or one that fails to leaves the run's result as it
 * is (a power loss may then undo the renames, never half-write a file).
 */
async function syncFolders(targets: readonly string[], fs: WriteFs): Promise<void> {
  if (fs.syncFolder === undefined) return;
  for (const folder of new Set(targets.map((t) => dirname(resolve(t))))) await fs.syncFolder(folder).catch(() => undefined);
}

/**
 * {@link writeError} for a file written under a temporary name: the target
 * was not touched, and when it is there the message says so (a failed
 * `--in-place` leaves the input as it was).
 */
function unwritten(target: string, error: unknown): LabellintError {
  const failure = writeError(target, error);
  if (error instanceof LabellintError || !existsSync(target)) return failure;
  return new LabellintError(failure.code, `${failure.message}; the file already there is as it was`, { cause: error });
}

export function writeError(path: string, error: unknown): LabellintError {
  if (error instanceof LabellintError) return error;
  return new LabellintError("LL_WRITE_FAILED", `cannot write '${path}': ${writeFailure(error)}`, { cause: error });
}

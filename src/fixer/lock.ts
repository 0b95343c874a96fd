import { readFile, rm, stat } from "node:fs/promises";
import { hostname } from "node:os";
import { LabellintError } from "../errors.js";
import { processAlive, trackTemp, whileCreating } from "../io/temp-files.js";
import { assertReplaceable, nodeWriteFs, writeError, type WriteFs } from "./atomic.js";

/** Who holds a lock, as its file says. */
interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/** A lock file whose content cannot be read this long after it was made is left over from a killed run. */
const UNREADABLE_STALE_MS = 10_000;

/** The lock file `labellint fix --in-place` and `apply --in-place` hold beside the file they rewrite. */
export const lockPathOf = (file: string): string => `${file}.labellint.lock`;

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    const data = JSON.parse(await readFile(path, "utf8")) as Partial<LockOwner>;
    if (typeof data.pid === "number" && typeof data.host === "string" && typeof data.since === "string") return data as LockOwner;
  } catch {
    // Being written, or left half-written: see UNREADABLE_STALE_MS.
  }
  return undefined;
}

/**
 * An exclusive lock on a file being rewritten in place: a second run on the
 * same file refuses (exit 2) and says who holds it, instead of both running
 * and the second backing up the first one's output as "the original". A lock
 * left by a run that was killed (its process is gone) is taken over.
 */
export class InputLock {
  private constructor(
    readonly path: string,
    private readonly fs: WriteFs,
    private readonly untrack: () => void,
  ) {}

  static async acquire(file: string, fs: WriteFs = nodeWriteFs): Promise<InputLock> {
    const path = lockPathOf(file);
    const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
    for (let attempt = 0; ; attempt++) {
      let untrack: (() => void) | undefined;
      try {
        // Tracked once made, never before: a lock this run failed to make (EEXIST) is another run's.
        const made = await whileCreating(async () => {
          const handle = await fs.create(path, 0o644);
          return { handle, untrack: trackTemp(path) };
        });
        const handle = made.handle;
        untrack = made.untrack;
        try {
          await handle.write(Buffer.from(`${JSON.stringify(owner)}\n`));
        } finally {
          await handle.close();
        }
        return new InputLock(path, fs, untrack);
      } catch (error) {
        if (untrack !== undefined) {
          untrack();
          await fs.remove(path).catch(() => undefined);
        }
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw writeError(path, error);
      }
      // A directory (or link, FIFO…) at the lock's name is no lock a run made: never taken for one, nor removed.
      await assertReplaceable(path);
      const holder = await readOwner(path);
      if (attempt === 0 && (await isStale(path, holder)) && (await breakStale(path, holder, owner, fs))) continue;
      const who = holder !== undefined ? `process ${holder.pid} on ${holder.host}, since ${holder.since}` : "a run whose lock file cannot be read";
      throw new LabellintError(
        "LL_LOCKED",
        `'${file}' is being rewritten by another labellint run (${who}); it holds '${path}': wait for it to finish, or remove that file if no such run is alive`,
      );
    }
  }

  async release(): Promise<void> {
    this.untrack();
    await this.fs.remove(this.path).catch(() => undefined);
  }
}

/**
 * Removes a stale lock, once: under a second, short-lived lock (`….break`),
 * the lock is read again and removed only if it is still the stale one seen.
 * Without it two runs that both saw the stale lock could each remove it — the
 * slower one removing the lock the faster one had just made — and both go on
 * to rewrite the file (the second backing up the first one's output as the
 * original). A break lock left by a killed run is itself stale after a while.
 */
async function breakStale(path: string, seen: LockOwner | undefined, owner: LockOwner, fs: WriteFs, retry = true): Promise<boolean> {
  const breaker = `${path}.break`;
  let handle;
  let untrack: () => void;
  try {
    ({ handle, untrack } = await whileCreating(async () => {
      const handle = await fs.create(breaker, 0o644);
      return { handle, untrack: trackTemp(breaker) };
    }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw writeError(breaker, error);
    await assertReplaceable(breaker);
    // Another run is breaking it: leave it to that run, unless its break lock is left over (then once more).
    const other = await readOwner(breaker);
    if (!retry || !(await isStale(breaker, other))) return false;
    await rm(breaker, { force: true });
    return breakStale(path, seen, owner, fs, false);
  }
  try {
    await handle.write(Buffer.from(`${JSON.stringify(owner)}\n`));
    await handle.close();
    handle = undefined;
    const now = await readOwner(path);
    const same = seen === undefined ? now === undefined : now !== undefined && now.pid === seen.pid && now.host === seen.host && now.since === seen.since;
    if (!same || !(await isStale(path, now))) return false;
    await rm(path, { force: true });
    return true;
  } finally {
    await handle?.close().catch(() => undefined);
    untrack();
    await fs.remove(breaker).catch(() => undefined);
  }
}

/** A lock whose process is gone (on this machine), or whose content never got written. */
async function isStale(path: string, holder: LockOwner | undefined): Promise<boolean> {
  if (holder !== undefined) return holder.host === hostname() && !processAlive(holder.pid);
  const age = await stat(path).then((s) => Date.now() - s.mtimeMs, () => 0);
  return age > UNREADABLE_STALE_MS;
}

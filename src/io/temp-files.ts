import { rmdirSync, rmSync } from "node:fs";
import { hostname } from "node:os";

/**
 * Files and folders a run has created and not yet handed over (temporary
 * outputs, spools, lock files). The command line removes them when it is
 * interrupted (Ctrl-C, SIGTERM, SIGHUP); a run that ends normally untracks
 * or removes them itself.
 */
const tracked = new Map<string, TempKind>();

/**
 * What a tracked path is: a file, a folder removed with what it holds, or a
 * folder made for outputs, removed only while empty (after everything else,
 * the last one tracked first).
 */
export type TempKind = "file" | "dir" | "empty-dir";

/** Tracks `path` until the returned function is called. */
export function trackTemp(path: string, kind: TempKind = "file"): () => void {
  tracked.set(path, kind);
  return () => {
    tracked.delete(path);
  };
}

let commits = 0;
let afterCommit: (() => void) | undefined;

/**
 * Marks files being renamed into place together (an output and its rejects
 * file): an interruption meanwhile waits for the returned function, so a run
 * ends with all of its files or none, never a rejects file without its
 * output. The renames take moments.
 */
export function commitStarted(): () => void {
  commits++;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    commits--;
    if (commits === 0 && afterCommit !== undefined) {
      const then = afterCommit;
      afterCommit = undefined;
      then();
    }
  };
}

/**
 * Runs `create`, which makes a file or folder and tracks it, with an
 * interruption held off until it settles: the file exists on disk before the
 * code that tracks it runs, and a signal handled in between would leave it
 * behind. Creating takes moments; a second Ctrl-C still ends the process at once.
 */
export async function whileCreating<T>(create: () => Promise<T>): Promise<T> {
  const done = commitStarted();
  try {
    return await create();
  } finally {
    done();
  }
}

/** Runs `then` once no commit is under way: false (and `then` not kept) when none is. */
export function whenCommitted(then: () => void): boolean {
  if (commits === 0) return false;
  afterCommit = then;
  return true;
}

/** Removes everything tracked, synchronously (from a signal handler, before the process ends). */
export function removeTrackedSync(): void {
  const folders: string[] = [];
  for (const [path, kind] of tracked) {
    if (kind === "empty-dir") {
      folders.push(path);
      continue;
    }
    try {
      rmSync(path, { recursive: kind === "dir", force: true });
    } catch {
      // Best effort: the process is ending.
    }
  }
  for (const path of folders.reverse()) {
    try {
      rmdirSync(path);
    } catch {
      // Not empty (or gone): it is left as it is.
    }
  }
  tracked.clear();
}

/** Whether a process with this id is running on this machine (one that merely belongs to someone else counts). */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A short tag for this machine: a name made here is never taken for one made on another host sharing the folder. */
const HOST = hostTag(hostname());

/** FNV-1a of the host name, 24 bits as 6 hex digits (node:crypto costs a start-up for what a tag needs). */
function hostTag(name: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return ((h >>> 8) & 0xffffff).toString(16).padStart(6, "0");
}

/** What temporary names carry to say who made them: `<pid>-<host tag>`. */
export const OWNER_TAG = `${process.pid}-${HOST}`;

/** Matches an {@link OWNER_TAG} at the start of a string. */
export const OWNER_PATTERN = "(\\d+)-([0-9a-f]{6})";

/**
 * Whether the owner (`pid`, `host` tag) of a temporary name was a process on
 * this machine that is no longer running: only then is the name left over
 * from a killed run, safe to remove.
 */
export function ownerGone(pid: string, host: string): boolean {
  return host === HOST && !processAlive(Number(pid));
}

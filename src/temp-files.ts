import { rmSync } from "node:fs";

/**
 * Files and folders a run has created and not yet handed over (temporary
 * outputs, spools, lock files). The command line removes them when it is
 * interrupted (Ctrl-C, SIGTERM, SIGHUP); a run that ends normally untracks
 * or removes them itself.
 */
const tracked = new Map<string, "file" | "dir">();

/** Tracks `path` until the returned function is called. */
export function trackTemp(path: string, kind: "file" | "dir" = "file"): () => void {
  tracked.set(path, kind);
  return () => {
    tracked.delete(path);
  };
}

/** Removes everything tracked, synchronously (from a signal handler, before the process ends). */
export function removeTrackedSync(): void {
  for (const [path, kind] of tracked) {
    try {
      rmSync(path, { recursive: kind === "dir", force: true });
    } catch {
      // Best effort: the process is ending.
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

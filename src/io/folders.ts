import { mkdir, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { LabellintError } from "../errors.js";

/**
 * `mkdir -p`: makes `dir` and the folders above it that are missing, one at a
 * time; returns the outermost folder it made (undefined when `dir` was there),
 * as `mkdir(dir, { recursive: true })` does. Node's own recursive mkdir never
 * returns where a folder cannot be made though its parent is there (`/proc/x`:
 * ENOENT, then it makes the parent, which exists, and tries again, forever).
 */
export async function makeFolders(dir: string, shown = dir): Promise<string | undefined> {
  const missing: string[] = [];
  for (let at = resolve(dir); ; ) {
    const found = await stat(at).then(
      (info) => info,
      (error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error;
        return undefined;
      },
    );
    if (found !== undefined) {
      if (!found.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), { code: "ENOTDIR" });
      break;
    }
    missing.push(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  missing.reverse();
  for (const at of missing) {
    try {
      await mkdir(at);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EEXIST" && (await stat(at).then((s) => s.isDirectory(), () => false))) continue;
      // Its parent is there (made or found just now), yet "no such file": a file system that makes no folders here (/proc, /sys).
      if (code === "ENOENT") throw new LabellintError("LL_WRITE_FAILED", `cannot write '${shown}': no folder can be made in '${dirname(at)}' (a file system that takes no new folders there)`, { cause: error });
      throw error;
    }
  }
  return missing[0];
}

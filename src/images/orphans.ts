import type { Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import { isAbsolute, posix, relative, sep } from "node:path";
import { formatOfExtension, isInside } from "./check.js";

/** Orphans listed by name per image root; the count stays exact. */
export const ORPHANS_LISTED = 20;

/** Images under one image root that no checked list names. */
export interface OrphanImages {
  /** The image root (a real path). */
  root: string;
  /** The root as messages show it: relative to the working directory when inside it. */
  shown: string;
  /** Exact number of orphans. */
  count: number;
  /** The first {@link ORPHANS_LISTED}, relative to the root, in walk order (by name, depth first). */
  listed: string[];
  /** Folders that could not be read (permission denied): their images are not counted. */
  unreadableFolders: number;
}

/**
 * The images the lists of one run name, by real image root and normalised
 * path: one string per listed image in memory (a Set), nothing per file on
 * disk. Shared by the files of a run; the last file to finish walks the roots.
 */
export class ReferencedImages {
  private readonly paths = new Set<string>();
  private readonly roots = new Set<string>();
  private remaining: number;

  /** `files`: how many files of the run will call {@link fileDone}. */
  constructor(files: number) {
    this.remaining = Math.max(1, files);
  }

  /** Marks `key` (a safe relative path, `/`-separated) under `realRoot` as listed. */
  add(realRoot: string, key: string): void {
    this.roots.add(realRoot);
    this.paths.add(realRoot + sep + posix.normalize(key));
  }

  /** One file of the run is done; true for the last one. */
  fileDone(): boolean {
    return --this.remaining === 0;
  }

  /**
   * Walks every image root once (a root inside another is walked with it)
   * and returns those with orphans. Hidden files and folders (a leading dot:
   * `.git`, `._x.jpg` resource forks) are skipped; symbolic links to folders
   * are not followed (no loops, nothing outside the root), links to files
   * count under their own name.
   */
  async orphans(): Promise<OrphanImages[]> {
    const roots = [...this.roots].sort();
    const found: OrphanImages[] = [];
    for (const [i, root] of roots.entries()) {
      if (roots.slice(0, i).some((outer) => isInside(outer, root))) continue;
      const result = await walk(root, this.paths);
      if (result.count > 0) found.push(result);
    }
    return found;
  }
}

async function walk(root: string, listed: ReadonlySet<string>): Promise<OrphanImages> {
  const here = relative(process.cwd(), root);
  const shown = here === "" ? "." : here.startsWith("..") || isAbsolute(here) ? root : here;
  const result: OrphanImages = { root, shown, count: 0, listed: [], unreadableFolders: 0 };
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      result.unreadableFolders++;
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const folders: string[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const path = dir + sep + entry.name;
      if (entry.isDirectory()) folders.push(path);
      else if ((entry.isFile() || entry.isSymbolicLink()) && formatOfExtension(entry.name) !== undefined && !listed.has(path)) {
        if (result.listed.length < ORPHANS_LISTED) result.listed.push(path.slice(root.length + 1).split(sep).join("/"));
        result.count++;
      }
    }
    // Depth first, in name order.
    for (let j = folders.length - 1; j >= 0; j--) stack.push(folders[j]!);
  }
  return result;
}

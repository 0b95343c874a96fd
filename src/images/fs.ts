import { statSync } from "node:fs";
import { open, realpath, stat } from "node:fs/promises";

/** An open image file: positional reads only. */
export interface ImageHandle {
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}

/**
 * The file-system calls the image checker makes, injectable so tests can
 * record every path touched (and slow some down).
 */
export interface ImageFs {
  realpath(path: string): Promise<string>;
  stat(path: string): Promise<{ size: number; isFile(): boolean }>;
  open(path: string): Promise<ImageHandle>;
  /**
   * Whether `path` exists, asked while the rows are read (a path with a `\\`,
   * whose rule is judged on its row); without it, such a file is taken not to exist.
   */
  existsSync?(path: string): boolean;
}

export const nodeImageFs: ImageFs = {
  realpath: (path) => realpath(path),
  stat: (path) => stat(path),
  open: (path) => open(path, "r"),
  existsSync: (path) => statSync(path, { throwIfNoEntry: false }) !== undefined,
};

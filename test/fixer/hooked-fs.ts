import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { nodeWriteFs, type WriteFs, type WriteHandle } from "../../src/fixer/atomic.js";

/** One call that puts output on disk. */
export interface Step {
  op: "create" | "write" | "chmod" | "chown" | "sync" | "close" | "rename" | "link" | "copy" | "remove" | "syncFolder";
  path: string;
}

/**
 * The real write calls with `before(step)` run first at each one: it may
 * throw (the call fails, as on a full disk) or look at the disk (what a
 * `kill -9` at that moment would leave).
 */
export function hookedFs(before: (step: Step, index: number) => void): WriteFs & { steps: Step[] } {
  const steps: Step[] = [];
  const at = (op: Step["op"], path: string) => {
    const step = { op, path };
    steps.push(step);
    before(step, steps.length - 1);
  };
  return {
    steps,
    async create(path, mode) {
      at("create", path);
      const handle = await nodeWriteFs.create(path, mode);
      const wrapped: WriteHandle = {
        write: async (data) => {
          at("write", path);
          await handle.write(data);
        },
        chmod: async (m) => {
          at("chmod", path);
          await handle.chmod(m);
        },
        chown: async (uid, gid) => {
          at("chown", path);
          await handle.chown(uid, gid);
        },
        sync: async () => {
          at("sync", path);
          await handle.sync();
        },
        close: async () => {
          // close(2) frees the descriptor even when it reports an error: a failed close here does too.
          try {
            at("close", path);
          } finally {
            await handle.close();
          }
        },
      };
      return wrapped;
    },
    async rename(from, to) {
      at("rename", to);
      await nodeWriteFs.rename(from, to);
    },
    async link(existing, path) {
      at("link", path);
      await nodeWriteFs.link(existing, path);
    },
    async copy(from, to) {
      at("copy", to);
      await nodeWriteFs.copy(from, to);
    },
    async remove(path) {
      at("remove", path);
      await nodeWriteFs.remove(path);
    },
    async syncFolder(path) {
      at("syncFolder", path);
      await nodeWriteFs.syncFolder!(path);
    },
  };
}

/** Every file of a folder (not below it) with its bytes. */
export function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isFile()) files.set(name, readFileSync(path));
  }
  return files;
}

export const enospc = (): Error => Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });

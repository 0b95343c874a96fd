import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
// The byte builders of the committed fixture script (plain ESM, no side effects on import).
import { bmp, gif, jpeg, png, tiff, truncatedJpeg, truncatedPng, webp } from "../../scripts/make-image-fixtures.mjs";
import type { ImageFs, ImageHandle } from "../../src/images/fs.js";
import { nodeImageFs } from "../../src/images/fs.js";

export { bmp, gif, jpeg, png, tiff, truncatedJpeg, truncatedPng, webp };

export interface Tree {
  /** The temporary directory holding `root/` and `outside/` (a real path). */
  base: string;
  /** The image root. */
  root: string;
  /** A directory beside the root that must never be read. */
  outside: string;
}

function write(path: string, bytes: Buffer | string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}

/**
 * A tiny image tree in a fresh temporary directory: one valid file per
 * format, a truncated JPEG and PNG, an empty file, a text file named .jpg, a
 * PNG named .jpg, a byte copy, a directory named like an image, a symlink
 * inside the root and one escaping it (to outside/secret.jpg).
 */
export function makeTree(): Tree {
  const base = realpathSync(mkdtempSync(join(tmpdir(), "labellint-images-")));
  const root = join(base, "root");
  const outside = join(base, "outside");
  const img = (name: string) => join(root, "images", name);
  write(img("ok.jpg"), jpeg(0));
  write(img("ok.jpeg"), jpeg(1));
  write(img("ok.png"), png());
  write(img("ok.gif"), gif());
  write(img("ok.bmp"), bmp());
  write(img("ok.webp"), webp());
  write(img("ok.tif"), tiff());
  write(img("UPPER.JPG"), jpeg(2));
  write(img("cut.jpg"), truncatedJpeg());
  write(img("cut.png"), truncatedPng());
  write(img("empty.jpg"), Buffer.alloc(0));
  write(img("text.jpg"), "this is not a picture\n");
  write(img("png.jpg"), png([1, 2, 3]));
  write(img("copy.jpg"), jpeg(0));
  write(img("padded.jpg"), Buffer.concat([jpeg(3), Buffer.from([0, 0, 0, 0])]));
  write(img("tiny.jpg"), Buffer.from([0xff, 0xd8, 0xff]));
  mkdirSync(img("dir.jpg"), { recursive: true });
  write(join(outside, "secret.jpg"), jpeg(0));
  symlinkSync(join(outside, "secret.jpg"), img("escape.jpg"));
  symlinkSync(join(outside), join(root, "linked-out"));
  symlinkSync(img("ok.jpg"), img("alias.jpg"));
  symlinkSync(join(root, "nowhere.jpg"), img("dangling.jpg"));
  return { base, root, outside };
}

export interface FsCall {
  op: "realpath" | "stat" | "open" | "read";
  path: string;
}

/**
 * The real file system with every call recorded; `delay(path)` milliseconds
 * are waited before an open (to shuffle completion order).
 */
export function recordingFs(delay: (path: string) => number = () => 0): ImageFs & { calls: FsCall[]; inFlight: number; maxInFlight: number } {
  const calls: FsCall[] = [];
  const state = {
    calls,
    inFlight: 0,
    maxInFlight: 0,
    async realpath(path: string) {
      calls.push({ op: "realpath", path });
      return nodeImageFs.realpath(path);
    },
    async stat(path: string) {
      calls.push({ op: "stat", path });
      return nodeImageFs.stat(path);
    },
    async open(path: string): Promise<ImageHandle> {
      calls.push({ op: "open", path });
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      try {
        const ms = delay(path);
        if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
        const handle = await nodeImageFs.open(path);
        return {
          read: (buffer, offset, length, position) => {
            calls.push({ op: "read", path });
            return handle.read(buffer, offset, length, position);
          },
          close: () => handle.close(),
        };
      } finally {
        state.inFlight--;
      }
    },
  };
  return state;
}

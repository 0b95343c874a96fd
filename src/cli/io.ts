import { fstatSync, statSync, type Stats, writeSync } from "node:fs";
import { lstat, open, realpath, stat } from "node:fs/promises";
import { LabellintError, writeFailure } from "../errors.js";

/** What the CLI touches of its process, so tests can run it in-process. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean; once?(event: "drain", listener: () => void): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  env: Record<string, string | undefined>;
  cwd: string;
}

/**
 * The process's own standard streams. Standard output that is a pipe, a
 * socket, a file or the null device (`> /dev/null`, a CI step that wants the
 * exit code) is written through its descriptor (a blocking write, as Node's
 * stream does there) without loading Node's stream and socket code: 6-9 ms
 * of a short run. A terminal, and anything else, gets
 * `process.stdout`; standard error is made only when written to. `onError`:
 * standard output cannot be written (a full disk, a reader that stopped).
 */
export function processIo(onError: (error: NodeJS.ErrnoException) => void): CliIo {
  let stdout: CliIo["stdout"] | undefined = DescriptorOut.forStdout(onError);
  if (stdout === undefined) {
    process.stdout.on("error", onError);
    stdout = process.stdout;
  }
  return {
    stdout,
    get stderr() {
      return process.stderr;
    },
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Standard output written with `writeSync` on its descriptor (see {@link processIo}). */
class DescriptorOut {
  readonly isTTY = false;
  /** The stream the rest goes to once the descriptor would block (a non-blocking pipe): it waits for the reader. */
  private stream: NodeJS.WriteStream | undefined;
  private readonly scratch = new Utf8Scratch();

  private constructor(
    private readonly fd: number,
    private readonly onError: (error: NodeJS.ErrnoException) => void,
  ) {}

  static forStdout(onError: (error: NodeJS.ErrnoException) => void): DescriptorOut | undefined {
    try {
      const info = fstatSync(1);
      return info.isFIFO() || info.isSocket() || info.isFile() || isNullDevice(info) ? new DescriptorOut(1, onError) : undefined;
    } catch {
      // no standard output at all: the stream says so when written to
      return undefined;
    }
  }

  write(text: string): boolean {
    if (this.stream !== undefined) return this.stream.write(text);
    const bytes = this.scratch.bytes(text);
    let at = 0;
    while (at < bytes.length) {
      try {
        at += writeSync(this.fd, bytes, at, bytes.length - at);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EAGAIN") {
          this.onError(error as NodeJS.ErrnoException);
          return true;
        }
        this.stream = process.stdout;
        this.stream.on("error", this.onError);
        // The stream keeps what it is given: a copy, not the reused buffer.
        return this.stream.write(Buffer.from(bytes.subarray(at)));
      }
    }
    return true;
  }

  once(event: "drain", listener: () => void): unknown {
    if (this.stream !== undefined) return this.stream.once(event, listener);
    listener();
    return this;
  }
}

/** Whether a descriptor's `info` is the null device's (a terminal, the other character device, is not). */
function isNullDevice(info: Stats): boolean {
  if (!info.isCharacterDevice()) return false;
  try {
    const nul = statSync("/dev/null");
    return nul.isCharacterDevice() && nul.rdev === info.rdev;
  } catch {
    return false; // no /dev/null here (Windows): the stream it is
  }
}

/** Text gathered before each write: the report is never one string, and writes are not one per line. */
const BATCH_CHARS = 1 << 16;

/**
 * Report text as UTF-8 in one buffer reused from write to write: fresh
 * memory for each costs more than the encoding (a report of 100 MB is 1,600
 * writes). Each writer has its own; the bytes are valid until its next call.
 */
class Utf8Scratch {
  private buffer: Buffer | undefined;

  bytes(text: string): Buffer {
    if (text.length > 2 * BATCH_CHARS) return Buffer.from(text, "utf8");
    // A UTF-16 unit is at most 3 bytes of UTF-8 (a pair, 4 for 2).
    const buffer = (this.buffer ??= Buffer.allocUnsafe(6 * BATCH_CHARS));
    return buffer.subarray(0, buffer.write(text, 0, "utf8"));
  }
}

async function inBatches(pieces: Iterable<string>, write: (text: string) => Promise<void>): Promise<void> {
  // A report made whole is a string, which is iterable too — one character at a time (a 240 MB
  // diff report took 31 s that way): it is written as it is.
  if (typeof pieces === "string") {
    if (pieces.length > 0) await write(pieces);
    return;
  }
  let batch: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    batch.push(piece);
    size += piece.length;
    if (size >= BATCH_CHARS) {
      const text = batch.join("");
      batch = [];
      size = 0;
      await write(text);
    }
  }
  if (size > 0) await write(batch.join(""));
}

/** Writes report pieces to a stream, waiting for it to drain when it asks to: memory stays at one batch. */
export async function writePieces(pieces: Iterable<string>, out: CliIo["stdout"]): Promise<void> {
  await inBatches(pieces, async (text) => {
    if (out.write(text) === false && out.once !== undefined) await new Promise<void>((resolve) => out.once!("drain", resolve));
  });
}

/** Writes report pieces to a file (created or truncated). */
export async function writePiecesToFile(pieces: Iterable<string>, path: string, shownAs = path): Promise<void> {
  const info = await lstat(path).catch(() => undefined);
  // A regular file (or none yet) gets the report whole or not at all; a device, FIFO or link is written through.
  if (info === undefined || info.isFile()) return writeWhole(pieces, path, shownAs, info?.mode);
  if (info.isSymbolicLink()) {
    // A link to a regular file: its target is replaced whole, as a file named directly is (the link stays a link).
    // Written through, a full disk left the head of the report in place of the previous one.
    const target = await realpath(path).catch(() => undefined);
    const reached = target !== undefined ? await stat(target).catch(() => undefined) : undefined;
    if (target !== undefined && reached?.isFile() === true) return writeWhole(pieces, target, shownAs, reached.mode);
  }
  let handle;
  try {
    handle = await open(path, "w");
    const h = handle;
    const scratch = new Utf8Scratch();
    await inBatches(pieces, async (text) => {
      const bytes = scratch.bytes(text);
      let at = 0;
      while (at < bytes.length) at += (await h.write(bytes, at, bytes.length - at)).bytesWritten;
    });
    await handle.close();
  } catch (error) {
    await handle?.close().catch(() => undefined);
    throw new LabellintError("LL_WRITE_FAILED", `cannot write '${shownAs}': ${writeFailure(error)}`, { cause: error });
  }
}

/**
 * Writes the report under a temporary name beside `path` and renames it into
 * place once complete: a run that fails or is stopped halfway (a full disk,
 * Ctrl-C) leaves the previous report, not the head of a new one that a CI
 * step would take for the whole. An existing report keeps its permission bits.
 */
async function writeWhole(pieces: Iterable<string>, path: string, shownAs: string, mode: number | undefined): Promise<void> {
  const { AtomicFile, writeError } = await import("../fixer/atomic.js");
  let file: import("../fixer/atomic.js").AtomicFile | undefined;
  try {
    file = await AtomicFile.create(path, { ...(mode !== undefined ? { mode: mode & 0o7777 } : {}), sync: false });
    const out = file;
    await inBatches(pieces, async (text) => {
      out.write(text);
      await out.drain();
    });
    await file.commit();
  } catch (error) {
    await file?.abort();
    // Named as the user named it (the temporary file's or resolved path would only confuse).
    const cause = error instanceof LabellintError && error.cause !== undefined ? error.cause : error;
    throw writeError(shownAs, cause);
  }
}

/**
 * Whether a human report is coloured, by the conventions Node and chalk
 * follow: `--color` / `--no-color` first, then `FORCE_COLOR` (`0` or `false`
 * off; `1`, `2`, `3`, `true` or empty on), then a non-empty `NO_COLOR` (off),
 * else colour when the report goes to a terminal.
 */
export function wantsColor(flags: { color?: boolean | undefined; "no-color"?: boolean | undefined; output?: string | undefined }, io: CliIo): boolean {
  if (flags["no-color"]) return false;
  if (flags.color !== undefined) return flags.color;
  const force = io.env["FORCE_COLOR"];
  if (force !== undefined) return force !== "0" && force.toLowerCase() !== "false";
  if (io.env["NO_COLOR"]) return false;
  return flags.output === undefined && io.stdout.isTTY === true;
}

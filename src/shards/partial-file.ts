import { createHash } from "node:crypto";
import { open, readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { LabellintError } from "../errors.js";
import { jsonSyntaxError } from "../text/json-syntax.js";
import { AtomicFile, commitAll } from "../fixer/atomic.js";
import { readError } from "../io/source.js";
import type { FilePart } from "../engine/partial.js";
import { dataOptions, type LintOptions } from "../engine/options.js";
import type { SplitRole } from "../types.js";
import { VERSION } from "../version.js";
import { fileValidator } from "../schemas.js";

/** The partial format's version: a merge refuses partials of another. */
export const PARTIAL_VERSION = 1;

/** One file's part in a partial: the file's identity, the range read and what its scan found. */
export interface PartialFile {
  /** The file as the shard opened it (absolute) and as reports name it. */
  path: string;
  display: string;
  role: SplitRole | null;
  /** The file when the shard read it: a merge refuses a file that changed since. */
  size: number;
  mtimeMs: number;
  range: { start: number; end: number };
  /** sha256 of the bytes of the range. */
  sha256: string;
  /** Where this file's key records are in the keys file: byte offset and record count (16 bytes each). */
  keys: { offset: number; records: number };
  part: Omit<FilePart, "keys">;
}

/** A shard's result, as written to disk (the key records in a sidecar). */
export interface Partial {
  kind: "labellint-partial";
  version: number;
  labellint: string;
  shard: { index: number; count: number };
  /** The options every file was checked with, per file (merges need the same everywhere). */
  settings: { files: { display: string; options: Record<string, unknown> }[] };
  settingsDigest: string;
  files: PartialFile[];
  /** The key records' file, beside this one, and its sha256. */
  keysFile: string;
  keysSha256: string;
}

/** Options as plain data: no callbacks, no run-time objects (split index, image file system), no per-file sniffing. */
export function plainOptions(options: LintOptions): Record<string, unknown> {
  const { sniffed: _sniffed, ...rest } = dataOptions(options);
  return JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
}

export function digestOf(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

/** A JSON.stringify replacer: a typed array (a part's labelset lists) is written as a list of its numbers, as it is read back. */
export function typedArraysAsLists(_key: string, value: unknown): unknown {
  return ArrayBuffer.isView(value) && !(value instanceof DataView) ? Array.from(value as unknown as ArrayLike<number>) : value;
}

/** Key records handed to the output at most this many bytes at a time (a million rows are 16 MB). */
const KEY_WRITE = 1 << 20;

/**
 * Writes the partial and its key records atomically, as every output is
 * written ({@link commitAll}): both under temporary names beside `out`
 * (tracked, so Ctrl-C removes them; a killed run's are removed by the next),
 * the keys renamed first, the partial last — a partial on disk always has
 * its keys. Only a regular file is replaced.
 */
export async function writePartial(out: string, partial: Omit<Partial, "keysFile" | "keysSha256">, keys: readonly Uint32Array[]): Promise<void> {
  const keysPath = `${out}.keys`;
  const hash = createHash("sha256");
  const files: AtomicFile[] = [];
  try {
    const keysFile = await AtomicFile.create(keysPath);
    files.push(keysFile);
    for (const records of keys) {
      const bytes = Buffer.from(records.buffer, records.byteOffset, records.byteLength);
      hash.update(bytes);
      for (let at = 0; at < bytes.length; at += KEY_WRITE) {
        keysFile.writeBytes(bytes, at, Math.min(bytes.length, at + KEY_WRITE));
        await keysFile.drain();
      }
    }
    const document: Partial = { ...partial, keysFile: basename(keysPath), keysSha256: hash.digest("hex") };
    const file = await AtomicFile.create(out);
    files.push(file);
    file.write(`${JSON.stringify(document, typedArraysAsLists)}\n`);
    await commitAll(files);
  } catch (error) {
    for (const f of files) await f.abort();
    throw error;
  }
}

/** A partial read back: the document, and where its key records are. */
export interface ReadPartial {
  path: string;
  partial: Partial;
  /** The key records' file (beside the partial). */
  keysPath: string;
}

const KEY_CHUNK = 1 << 20;

/** Reads and checks one partial file, and that its key records file is the one it was written with (exit 2 on anything wrong). */
export async function readPartial(path: string, shown = path): Promise<ReadPartial> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw readError(shown, error);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new LabellintError("LL_MERGE_REFUSED", `'${shown}' is not a labellint partial (not JSON: ${jsonSyntaxError(error, text)})`);
  }
  const kind = (document as { kind?: unknown } | null)?.kind;
  if (kind !== "labellint-partial") throw new LabellintError("LL_MERGE_REFUSED", `'${shown}' is not a labellint partial`);
  const version = (document as { version?: unknown }).version;
  if (version !== PARTIAL_VERSION) throw new LabellintError("LL_MERGE_REFUSED", `'${shown}' is a version ${String(version)} partial; this labellint merges version ${PARTIAL_VERSION} (run the shards again with this labellint)`);
  const validate = fileValidator<Partial>("partial.schema.json");
  if (!validate(document)) {
    const first = validate.errors?.[0];
    throw new LabellintError("LL_MERGE_REFUSED", `'${shown}' is not a valid partial: ${first?.instancePath || "/"} ${first?.message ?? ""}`.trim());
  }
  const partial = document as Partial;
  const keysPath = join(dirname(path), partial.keysFile);
  const hash = createHash("sha256");
  let size = 0;
  try {
    const handle = await open(keysPath, "r");
    try {
      const buffer = Buffer.allocUnsafe(KEY_CHUNK);
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, KEY_CHUNK, null);
        if (bytesRead === 0) break;
        hash.update(buffer.subarray(0, bytesRead));
        size += bytesRead;
      }
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new LabellintError("LL_MERGE_REFUSED", `the key records of '${shown}' (${partial.keysFile}, beside it) cannot be read: ${(error as Error).message}`, { cause: error });
  }
  if (hash.digest("hex") !== partial.keysSha256) {
    throw new LabellintError("LL_MERGE_REFUSED", `the key records of '${shown}' (${partial.keysFile}) do not match the partial: copy both files of the shard together`);
  }
  for (const f of partial.files) {
    if (f.keys.offset + f.keys.records * 16 > size) throw new LabellintError("LL_MERGE_REFUSED", `the key records of '${shown}' are shorter than the partial says`);
  }
  return { path, partial, keysPath };
}

/** The key records of file `index` of a partial, in file order, a chunk at a time (four 32-bit numbers a record). */
export async function* keyRecords(read: ReadPartial, index: number): AsyncGenerator<Uint32Array> {
  const { offset, records } = read.partial.files[index]!.keys;
  const end = offset + records * 16;
  const handle = await open(read.keysPath, "r");
  try {
    const chunk = new Uint32Array(KEY_CHUNK / 4);
    const bytes = Buffer.from(chunk.buffer);
    for (let position = offset; position < end; ) {
      const { bytesRead } = await handle.read(bytes, 0, Math.min(KEY_CHUNK, end - position), position);
      if (bytesRead === 0 || bytesRead % 16 !== 0) throw new LabellintError("LL_MERGE_REFUSED", `the key records of '${read.path}' changed while they were read`);
      position += bytesRead;
      yield chunk.subarray(0, bytesRead / 4);
    }
  } finally {
    await handle.close();
  }
}

export { VERSION };

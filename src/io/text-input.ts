import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { LabellintError } from "../errors.js";
import { formatCount } from "../text/numbers.js";
import { PPCLS_SECTIONS_NEEDED, sectionLines } from "../ppcls/sections.js";
import { CHUNK_BYTES, readFileHead, spoolIfStream, spoolToTempFile, type Spool } from "./source.js";

/**
 * What a label file's first bytes say before any line is read: gzip is
 * decompressed (by its magic bytes, whatever the name), and a file that is
 * clearly not text — an archive, an image, an executable, UTF-16 — is refused
 * in one line instead of being reported line by line. A text file with a few
 * bad bytes is not refused: its lines are reported (invalid-encoding).
 */

/** Bytes looked at to decide. */
const HEAD_BYTES = 4096;

/** Signatures of files that are not text, at offset 0, and what to call them. */
const SIGNATURES: readonly (readonly [readonly number[], string, string?])[] = [
  [[0x50, 0x4b, 0x03, 0x04], "a zip archive (or a file inside one: .xlsx, .docx, .npz)"],
  [[0x50, 0x4b, 0x05, 0x06], "an empty zip archive"],
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "a PNG image"],
  [[0xff, 0xd8, 0xff], "a JPEG image"],
  [[0x47, 0x49, 0x46, 0x38, 0x37, 0x61], "a GIF image"],
  [[0x47, 0x49, 0x46, 0x38, 0x39, 0x61], "a GIF image"],
  [[0x49, 0x49, 0x2a, 0x00], "a TIFF image"],
  [[0x4d, 0x4d, 0x00, 0x2a], "a TIFF image"],
  [[0x7f, 0x45, 0x4c, 0x46], "an ELF executable"],
  [[0x25, 0x50, 0x44, 0x46, 0x2d], "a PDF document"],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], "a 7-Zip archive"],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], "an xz-compressed file", "decompress it first (xz -d)"],
  [[0x28, 0xb5, 0x2f, 0xfd], "a zstd-compressed file", "decompress it first (zstd -d)"],
  [[0x42, 0x5a, 0x68], "a bzip2-compressed file", "decompress it first (bunzip2)"],
  [[0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59], "a NumPy array file"],
  [[0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a], "an HDF5 file"],
  [[0xff, 0xfe], "UTF-16 text (it starts with a UTF-16 byte-order mark)", "re-encode it: iconv -f UTF-16 -t UTF-8"],
  [[0xfe, 0xff], "UTF-16 text (it starts with a UTF-16 byte-order mark)", "re-encode it: iconv -f UTF-16 -t UTF-8"],
];

/** True for a gzip stream's magic bytes. */
export function isGzip(head: Uint8Array): boolean {
  return head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * What a file that is clearly not text is, from its first bytes; undefined
 * for text (UTF-8 or not). Besides the signatures above: NUL in every other
 * byte is UTF-16 without a byte-order mark, and a head in which more than one
 * byte in twenty is NUL or another control character is binary (text in any
 * encoding has next to none).
 */
export function notTextKind(head: Uint8Array): { kind: string; advice?: string } | undefined {
  for (const [magic, kind, advice] of SIGNATURES) {
    if (magic.length <= head.length && magic.every((b, i) => head[i] === b) && (magic[0] !== 0x42 || isBzip2(head))) return advice !== undefined ? { kind, advice } : { kind };
  }
  const n = Math.min(head.length, HEAD_BYTES);
  let even = 0;
  let odd = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) i % 2 === 0 ? even++ : odd++;
    else if (isControl(b)) control++;
  }
  if (n === 0) return undefined;
  if ((even + odd) * 10 > n && even > n / 4 !== odd > n / 4) {
    return { kind: "UTF-16 text without a byte-order mark (every other byte is NUL)", advice: `re-encode it: iconv -f UTF-16${odd > even ? "LE" : "BE"} -t UTF-8` };
  }
  // Text, in any encoding, has next to no control characters; a few bad bytes are reported line by line.
  if ((even + odd + control) * 20 > n) return { kind: `binary data (${formatCount(even + odd + control)} of its first ${formatCount(n)} bytes are NUL or control characters)` };
  return undefined;
}

/**
 * "BZh" alone may start a path: bzip2 is "BZh", a block size digit, then the
 * 6-byte magic of a block (π) or of the end of an empty stream (√π).
 */
function isBzip2(head: Uint8Array): boolean {
  const block = [0x31, 0x41, 0x59, 0x26, 0x53, 0x59];
  const end = [0x17, 0x72, 0x45, 0x38, 0x50, 0x90];
  const digit = head[3];
  return digit !== undefined && digit >= 0x31 && digit <= 0x39 && (block.every((b, i) => head[4 + i] === b) || end.every((b, i) => head[4 + i] === b));
}

/**
 * A C0 control character that text does not hold: not TAB, LF, VT, FF, CR,
 * ESC (coloured text), nor \x1c-\x1f, which Python reads as whitespace
 * (str.split(), strip()) and line breaks (\x1c-\x1e, str.splitlines()): the
 * consumers read a file of them as text, and its lines are reported.
 */
function isControl(b: number): boolean {
  return (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b && (b < 0x1c || b > 0x1f)) || b === 0x7f;
}

/** The first bytes of a file; an unreadable file is the usual one-line error naming `name`. */
function readHead(path: string, name: string): Promise<Buffer> {
  return readFileHead(path, HEAD_BYTES, name);
}

/**
 * A label input made ready to be read (more than once) as text:
 * standard input, a FIFO or a device copied to a temporary file; a gzip
 * stream decompressed to one (line numbers are then the decompressed text's);
 * a file that is not text refused with one line. Undefined when the path can
 * be read where it is. Call the spool's `dispose` after.
 */
export async function openTextInput(path: string, name: string, maxBytes?: number): Promise<Spool | undefined> {
  let spool = await spoolIfStream(path, name, maxBytes);
  try {
    let head = await readHead(spool?.path ?? path, name);
    if (isGzip(head)) {
      const plain = await spoolToTempFile(createReadStream(spool?.path ?? path, { highWaterMark: CHUNK_BYTES }), { maxBytes, name, gunzip: true });
      await spool?.dispose();
      spool = { ...plain, gunzipped: true };
      head = await readHead(plain.path, name);
      if (isGzip(head)) throw new LabellintError("LL_READ_FAILED", `cannot read '${name}': it is gzip-compressed twice; decompress it once first (gunzip -c)`);
    }
    refuseNotText(head, name);
    return spool;
  } catch (error) {
    await spool?.dispose();
    throw error;
  }
}

/**
 * True when a file on disk can be read where it is: not gzip. A file that is
 * not text at all is refused (the one-line error of {@link openTextInput}).
 */
export async function isTextFile(path: string, name: string): Promise<boolean> {
  // A FIFO or a device is not opened here: reading its head would consume it (the caller refuses it).
  if (!(await stat(path).then((s) => s.isFile(), () => true))) return true;
  const head = await readHead(path, name);
  if (isGzip(head)) return false;
  refuseNotText(head, name);
  return true;
}

/** One line for a file that is not text, naming what it is and, where there is one, the way out. */
function refuseNotText(head: Uint8Array, name: string): void {
  const found = notTextKind(head);
  if (found !== undefined) throw new LabellintError("LL_READ_FAILED", `cannot read '${name}': it is ${found.kind}, not UTF-8 text${found.advice !== undefined ? `; ${found.advice}` : ""}`);
  const sections = sectionLines(Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, HEAD_BYTES)).toString("latin1"));
  if (sections.length >= PPCLS_SECTIONS_NEEDED) {
    // Read as a label list, a config is dozens of made-up findings, and `fix` would rewrite it.
    throw new LabellintError("LL_USAGE", `'${name}' is a PaddleClas training config (${sections.map((s) => `${s}:`).join(", ")}), not a label list: check it and the lists it names with --ppcls-config ${name}`);
  }
}

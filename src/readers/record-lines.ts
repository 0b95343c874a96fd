import { formatCount } from "../text/numbers.js";
import { isUtf8 } from "node:buffer";
import { fileChunks } from "../io/source.js";
import type { CanonicalWriter, ReaderFinding } from "./canonical.js";
import { firstInvalidUtf8 } from "../text/bytes.js";
import { LineSplitter } from "../io/line-splitter.js";

/** One physical line handed to a line-based record reader. */
export interface RecordLine {
  /** 1-based line number. */
  line: number;
  /** The line, decoded (valid only when `problem` is undefined). */
  text: string;
  /** The line's own terminator, to carry into the canonical file (`""` for a last line without one). */
  eol: string;
  /** The line is blank or whitespace-only. */
  blank: boolean;
}

/**
 * Streams a line-based input (an index list, an image list) in 1 MiB reads.
 * Lines the canonical file cannot carry — over the length limit, not UTF-8,
 * holding a NUL byte — are rejected here with the same rules and messages as
 * in a line format; blank lines are carried; every other line goes to `onLine`.
 * A byte-order mark is carried too, so `bom` reports it.
 */
export async function readRecordLines(
  path: string,
  displayPath: string,
  writer: CanonicalWriter,
  maxLineBytes: number,
  onLine: (line: RecordLine) => void,
  /** Called after each chunk's lines, before the next read (a reader that buffers per chunk drains here). */
  afterChunk?: () => Promise<void>,
  /**
   * Offered each line's bytes `[start, end)` of `buf` before anything else is
   * done with them (after the length check); returns true when it has handled
   * the line, which then never reaches `onLine`: a fast path for plain lines.
   * `rawEnd` is where the line's own terminator ends when it follows the line
   * in `buf` and is the `eol` the line is carried with, else -1. `buf` is
   * valid only until the chunk's lines are done.
   */
  onRaw?: (buf: Buffer, start: number, end: number, line: number, eol: string, rawEnd: number) => boolean,
): Promise<{ lines: number; bytes: number }> {
  let lines = 0;
  let bytes = 0;
  const splitter = new LineSplitter((buf, start, end, crlf, terminated, byteLength, cr) => {
    const line = ++lines;
    if (line === 1 && splitter.bom) writer.bom();
    const eol = !terminated ? "" : crlf ? "\r\n" : "\n";
    if (byteLength > end - start) {
      const text = buf.toString("utf8", start, end);
      writer.rejectWith(line, text, [{ rule: "line-too-long", messageId: "tooLong", line, data: { bytes: formatCount(byteLength), limit: formatCount(maxLineBytes) } }], { lines: 1, bytes: byteLength });
      return;
    }
    // A lone CR is carried as "\n"; a line carried over from an earlier chunk has no terminator in `buf`.
    if (onRaw !== undefined && onRaw(buf, start, end, line, eol, cr || splitter.lineStart === -1 ? -1 : end + eol.length)) return;
    const raw = buf.subarray(start, end);
    const nul = raw.indexOf(0);
    if (nul !== -1 || !isUtf8(raw)) {
      const text = raw.toString("utf8");
      const finding: ReaderFinding =
        nul !== -1
          ? { rule: "invalid-encoding", messageId: "nul", line, column: Buffer.from(raw.subarray(0, nul)).toString("utf8").length + 1 }
          : { rule: "invalid-encoding", messageId: "utf8", line, data: { byte: badByte(raw) } };
      writer.rejectWith(line, text, [finding]);
      return;
    }
    const text = raw.toString("utf8");
    onLine({ line, text, eol, blank: text.trim() === "" });
  }, maxLineBytes);
  for await (const chunk of fileChunks(path, displayPath)) {
    bytes += chunk.length;
    splitter.push(chunk);
    // `chunk` is read into again: nothing may keep a view of it past here.
    writer.endChunk();
    await afterChunk?.();
    await writer.maybeFlush();
  }
  splitter.end();
  await afterChunk?.();
  await writer.flush();
  return { lines, bytes };
}

function badByte(raw: Buffer): string {
  const at = firstInvalidUtf8(raw, 0, raw.length);
  return (raw[at === -1 ? 0 : at] ?? 0).toString(16).toUpperCase().padStart(2, "0");
}

import { open, type FileHandle } from "node:fs/promises";
import { relative } from "node:path";
import { readableSize, readError } from "../io/source.js";
import { LabellintError } from "../errors.js";
import { Alignment, TSV_HINT, type ReaderFinding, type ReaderInput, type ReaderOutcome } from "./canonical.js";
import { readRecordLines } from "./record-lines.js";

/** Per-class files kept open at once; past this, each refill opens, reads and closes its file. */
export const MAX_OPEN_COLUMNS = 128;
/** Memory for all per-class read buffers together. */
const BUFFER_BUDGET = 16 << 20;
/** A value line longer than this is not a 0/1 value; only its head is kept. */
const MAX_VALUE_CHARS = 64;
const LF = 10;
const CR = 13;

/**
 * One per-class file read line by line in chunks. With few classes its handle
 * stays open; with many, each refill opens the file, reads at the saved
 * position and closes it again, so any number of classes stays within the
 * file-descriptor limit.
 */
export class ColumnCursor {
  readonly path: string;
  /** Lines handed out so far. */
  line = 0;
  /** The file ended (no more lines). */
  done = false;
  private handle: FileHandle | undefined;
  private readonly keepOpen: boolean;
  private readonly buffer: Buffer;
  private start = 0;
  private end = 0;
  private position = 0;
  private eof = false;

  constructor(path: string, bufferBytes: number, keepOpen: boolean) {
    this.path = path;
    this.buffer = Buffer.allocUnsafe(bufferBytes);
    this.keepOpen = keepOpen;
  }

  private async refill(): Promise<void> {
    // Keep the unread tail, then fill the rest of the buffer.
    if (this.start > 0) {
      this.buffer.copy(this.buffer, 0, this.start, this.end);
      this.end -= this.start;
      this.start = 0;
    }
    let handle = this.handle;
    try {
      handle ??= await open(this.path, "r");
      const { bytesRead } = await handle.read(this.buffer, this.end, this.buffer.length - this.end, this.position);
      this.position += bytesRead;
      this.end += bytesRead;
      if (bytesRead === 0) this.eof = true;
    } catch (error) {
      throw readError(this.path, error);
    } finally {
      if (this.keepOpen) this.handle = handle;
      else await handle?.close();
    }
  }

  /**
   * The next line without its terminator (cut to {@link MAX_VALUE_CHARS}),
   * undefined at the end of the file, or null when the buffer must be refilled
   * first (see {@link next}): the common case costs no promise.
   */
  nextSync(): string | undefined | null {
    const nl = this.buffer.indexOf(LF, this.start);
    if (nl !== -1 && nl < this.end) {
      const text = this.take(this.start, nl);
      this.start = nl + 1;
      this.line++;
      return text;
    }
    if (!this.eof) return null;
    if (this.end > this.start) {
      const text = this.take(this.start, this.end);
      this.start = this.end;
      this.line++;
      return text;
    }
    this.done = true;
    return undefined;
  }

  /** The next line, reading more of the file when needed; undefined at the end of the file. */
  async next(): Promise<string | undefined> {
    for (;;) {
      const text = this.nextSync();
      if (text !== null) return text;
      if (this.start === 0 && this.end === this.buffer.length) {
        // A line longer than the buffer is no 0/1 value: keep its head, skip to its end.
        const head = `${this.take(0, Math.min(this.end, MAX_VALUE_CHARS))}…`;
        await this.skipLine();
        this.line++;
        return head;
      }
      await this.refill();
    }
  }

  private take(from: number, to: number): string {
    let end = to;
    if (end > from && this.buffer[end - 1] === CR) end--;
    return this.buffer.toString("utf8", from, Math.min(end, from + MAX_VALUE_CHARS * 4));
  }

  private async skipLine(): Promise<void> {
    for (;;) {
      this.start = this.end = 0;
      await this.refill();
      const nl = this.buffer.indexOf(LF, 0);
      if (nl !== -1 && nl < this.end) {
        this.start = nl + 1;
        return;
      }
      if (this.eof) {
        this.start = this.end;
        return;
      }
    }
  }

  /** Counts the lines left (for a file longer than the image list). */
  async remaining(): Promise<number> {
    let n = 0;
    while ((await this.next()) !== undefined) n++;
    return n;
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }
}

/** The per-class file of each class: `{class}` in the template replaced by its name. */
export function columnFiles(template: string, classNames: readonly string[]): string[] {
  if (!template.includes("{class}")) {
    throw new LabellintError("LL_USAGE", `--columns '${template}' has no {class} placeholder for the class name`);
  }
  return classNames.map((name) => template.split("{class}").join(name));
}

/**
 * The per-class files a columns input reads beside its image list, each with
 * how a message names it: files a run must never write over (none without
 * `columns` and class names).
 */
export function columnInputs(options: { columns?: string | undefined; classNames?: readonly string[] | undefined }): { path: string; what: string }[] {
  const { columns, classNames } = options;
  if (columns === undefined || classNames === undefined || !columns.includes("{class}")) return [];
  return columnFiles(columns, classNames).map((path, i) => ({ path, what: `the file of class '${classNames[i]}' (--columns)` }));
}

/**
 * Reads the original NUS-WIDE layout: an image list (one path per line,
 * Windows `\` separators as in `ImageList/TrainImagelist.txt`) and one file
 * per class with one 0/1 per line, named by `template` with `{class}` for the
 * class name, in class-name order. All files are read in lockstep, line i of
 * each belonging to line i of the image list; values are taken as written
 * (trimmed). Rows a short per-class file has no value for are left out, and
 * column-length-mismatch names that file; a bad value is reported by the
 * value rules at its own file and line (see `locateValue`).
 */
export async function readColumns(input: ReaderInput, template: string): Promise<ReaderOutcome & { valueFiles: string[] }> {
  const names = input.classNames;
  if (names === undefined || names.length === 0) {
    throw new LabellintError("LL_USAGE", "the columns format needs --class-names: the class order, one per-class file for each name");
  }
  if (input.numClasses !== undefined && input.numClasses !== names.length) {
    throw new LabellintError("LL_INVALID_OPTION", `--num-classes is ${input.numClasses} but the class-name list has ${names.length} names`);
  }
  const files = columnFiles(template, names);
  for (const file of files) {
    try {
      await readableSize(file, shownPath(file));
    } catch (error) {
      const reason = (error as Error).message;
      throw new LabellintError("LL_READ_FAILED", `${reason} (the file of class '${names[files.indexOf(file)]}', from --columns)`, { cause: error });
    }
  }
  const shown = files.map(shownPath);
  const keepOpen = files.length <= MAX_OPEN_COLUMNS;
  const bufferBytes = Math.max(4096, Math.min(256 * 1024, Math.floor(BUFFER_BUDGET / files.length)));
  const cursors = files.map((f) => new ColumnCursor(f, bufferBytes, keepOpen));
  const { writer } = input;
  /** First image-list line each short file had no value for. */
  const shortAt = new Array<number>(files.length).fill(0);
  try {
    const shortData = (c: number) => ({ file: shown[c]!, index: c, name: names[c]!, lines: shortAt[c]! - 1, first: shortAt[c]! });
    // The image list's lines of one read chunk; their values are read after the chunk.
    const pending: { line: number; text: string; eol: string; blank: boolean }[] = [];
    const drain = async () => {
      for (const item of pending) {
        const values: string[] = new Array<string>(files.length);
        const missing: number[] = [];
        for (let c = 0; c < cursors.length; c++) {
          const cursor = cursors[c]!;
          let value = cursor.nextSync();
          if (value === null) value = await cursor.next();
          if (value === undefined) {
            if (shortAt[c] === 0) shortAt[c] = item.line;
            missing.push(c);
            values[c] = "";
          } else values[c] = value.trim();
        }
        if (item.blank) {
          writer.blank(item.line, item.text);
          continue;
        }
        const broken = values.findIndex((v) => /[,\t]/.test(v));
        if (missing.length > 0) {
          // Reported once per file (column-length-mismatch); the row is left out.
          writer.reject(item.line, `${item.text}\t${values.join(",")}`, missing.map((c) => ({ rule: "column-length-mismatch", messageId: "short", data: shortData(c) })));
          continue;
        }
        if (broken !== -1) {
          const finding: ReaderFinding = { rule: "malformed-record", messageId: "valueSeparator", file: shown[broken]!, line: item.line, classIndex: broken, data: { index: broken, value: values[broken]! } };
          writer.rejectWith(item.line, `${item.text}\t${values.join(",")}`, [finding]);
          continue;
        }
        if (item.text.includes("\t")) {
          writer.rejectWith(item.line, item.text, [{ rule: "malformed-record", messageId: "pathTab", line: item.line, data: { path: item.text.replace(/\t/g, "\\t"), hint: TSV_HINT } }]);
          continue;
        }
        // The image list's own line endings are not carried: it is read by labellint only, and the canonical output is LF.
        writer.row(item.line, item.text, values, Alignment.PathOnly);
      }
      pending.length = 0;
      await writer.maybeFlush();
    };
    const { lines, bytes } = await readRecordLines(
      input.path,
      input.displayPath,
      writer,
      input.maxLineBytes,
      (l) => {
        pending.push(l);
      },
      drain,
    );
    const total = lines;
    // Reports: a short file once, at the first image-list line it has no value for; a long file once, at the list's end.
    for (let c = 0; c < cursors.length; c++) {
      if (shortAt[c] !== 0) {
        writer.report({ rule: "column-length-mismatch", messageId: "short", line: shortAt[c]!, classIndex: c, data: shortData(c) });
        continue;
      }
      const extra = await cursors[c]!.remaining();
      if (extra > 0) {
        writer.report({ rule: "column-length-mismatch", messageId: "long", line: Math.max(1, total), classIndex: c, data: { file: shown[c]!, index: c, name: names[c]!, lines: total + extra, listed: total } });
      }
    }
    await writer.flush();
    return { lines, bytes, valueFiles: shown };
  } finally {
    await Promise.all(cursors.map((c) => c.close()));
  }
}

function shownPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel !== "" && !rel.startsWith("..") ? rel : file;
}

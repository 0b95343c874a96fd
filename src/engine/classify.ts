import type { LineFormat } from "../readers/format.js";
import { Row, TokenKind, Verdict } from "../readers/row.js";
import { readUnseparated } from "../readers/unseparated.js";
import { gluedRows, type JoinShape } from "../readers/joined.js";
import type { FileFacts } from "./api.js";

/** The line's first non-blank byte is '#'. */
export function isCommentStart(row: Row): boolean {
  const buf = row.buf;
  let p = row.start;
  while (p < row.end && (buf[p] === 32 || buf[p] === 9)) p++;
  return p < row.end && buf[p] === 35;
}

/**
 * The single structural diagnosis of each parsed row — one root cause, one
 * rule: the classifier decides which verdict a row gets, and the rules that
 * asked for that verdict see it. Stateful only in what a file's lines tell
 * about each other (a header is possible until the first content line).
 */
export class Classifier {
  private readonly scratch = new Row();

  constructor(
    private readonly facts: FileFacts,
    private readonly format: LineFormat,
  ) {}

  /** `sawContent`: a line other than a blank one came before (a header can only come first). */
  classify(row: Row, sawContent: boolean): Verdict {
    if (row.nul || row.invalidUtf8) return Verdict.InvalidEncoding;
    const C = this.facts.numClasses;
    // `#img.jpg<TAB>0,1,0` is a row whose path starts with '#' (readers take it as such); anything else after '#' is a comment.
    if (isCommentStart(row) && !(row.hasSeparator && row.k === C && row.count(TokenKind.Invalid) + row.count(TokenKind.Empty) === 0)) return Verdict.Comment;
    if (!sawContent && this.looksLikeHeader(row)) return Verdict.Header;
    if (!row.hasSeparator) return Verdict.MissingSeparator;
    if (row.pathEnd === row.pathStart || this.lostPath(row)) return Verdict.EmptyPath;
    // A value that is not a number may be the seam of two rows (`0c.jpg`): looked at only then.
    if (row.kindCounts[TokenKind.Invalid] !== 0 && !this.facts.indexFile && gluedRows(row, joinShapeOf(this.facts, this.format)) !== undefined) return Verdict.JoinedRows;
    const empties = row.count(TokenKind.Empty);
    const integers = row.count(TokenKind.Integer);
    const allIntegers = integers + row.count(TokenKind.Zero) + row.count(TokenKind.One) === row.k && row.maxInteger < C;
    // In an index file every row lists indices, `0,1` and an empty list included.
    if (this.facts.indexFile && allIntegers && (row.k < C || integers > 0)) return Verdict.IndexLabels;
    // C = 0 (no row of the file has a label value to infer it from): a row without values is no row of a matrix either.
    if ((row.k !== C || C === 0) && !(empties > 0 && row.k - empties === C)) {
      // A row as wide as the rest of a file of another width (class-count-mismatch) is not an index list.
      if (integers > 0 && allIntegers && row.k !== this.facts.dataWidth?.width) return Verdict.IndexLabels;
      return Verdict.LabelCount;
    }
    return Verdict.Ok;
  }

  /** The class names a header row gives (its fields after the first). */
  headerNames(row: Row): string[] {
    const line = row.buf.toString("utf8", row.start, row.end);
    return line.split(/[\t,;]|\s+/).map((t) => t.trim()).filter((t) => t !== "").slice(1);
  }

  /**
   * A space-separated line that starts with whitespace and a bare 0/1, one
   * value short: the path is missing and split() takes the first label for it.
   */
  private lostPath(row: Row): boolean {
    if (this.format.id !== "spaced" || row.pathStart === row.start || row.pathEnd - row.pathStart !== 1) return false;
    const b = row.buf[row.pathStart];
    return (b === 48 || b === 49) && row.k === this.facts.numClasses - 1;
  }

  /**
   * Every label token is a word (`path<TAB>airport,beach,…`, or `path,airport,…`
   * without a TAB): not a number, some letter in the labels, and a first
   * field that does not name an image (`images/a.jpg<TAB>0;1;1` is a row
   * with the wrong separator, not a header).
   */
  private looksLikeHeader(row: Row): boolean {
    let labelsStart = row.pathEnd;
    if (row.hasSeparator) {
      if (!(row.k > 0 && row.count(TokenKind.Invalid) === row.k)) return false;
    } else {
      const split = readUnseparated(row, this.scratch);
      if (!(split !== undefined && this.scratch.k > 0 && this.scratch.count(TokenKind.Invalid) === this.scratch.k)) return false;
      labelsStart = split.runStart;
    }
    return hasLetter(row.buf, labelsStart, row.end) && !IMAGE_NAME.test(row.buf.toString("latin1", row.pathStart, labelsStart).trimEnd());
  }
}

/** A path that names an image file by its extension. */
const IMAGE_NAME = /\.(?:jpe?g|jpe|jfif|png|gif|bmp|dib|webp|tiff?)$/i;

/** Bytes `[start, end)` hold a letter (ASCII, or any non-ASCII character: class names in other scripts). */
function hasLetter(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    if ((b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b >= 0x80) return true;
  }
  return false;
}

/** What a half of a joined line must be in this file (see readers/joined.ts). */
export function joinShapeOf(facts: Pick<FileFacts, "numClasses" | "signed">, format: LineFormat): JoinShape {
  return { format, numClasses: facts.numClasses, signed: facts.signed };
}

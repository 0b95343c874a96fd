/**
 * The row model shared by every line-format reader. One `Row` object is reused
 * for every line of a file: the scanner fills it from bytes, the engine
 * classifies it, rules read it. Nothing on this path allocates per value.
 */

/** What a single label token is. */
export const TokenKind = {
  Zero: 0,
  One: 1,
  /** `1.0`, `+1`, `01`, `true`, ` 1` — binary in meaning, not in spelling. */
  NonCanonical: 2,
  MinusOne: 3,
  /** A non-negative integer ≥ 2 (a class index, or garbage). */
  Integer: 4,
  /** Any other number: `0.5`, `-2`, `1e3`. */
  NonBinary: 5,
  /** Not a number at all: `x`, `yes`, `[`. */
  Invalid: 6,
  Empty: 7,
} as const;
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

/** The structural diagnosis of a row: exactly one root cause per line. */
export const Verdict = {
  Ok: 0,
  Blank: 1,
  TooLong: 2,
  InvalidEncoding: 3,
  MissingSeparator: 4,
  EmptyPath: 5,
  Header: 6,
  IndexLabels: 7,
  LabelCount: 8,
  /** A `#` line that is not a row (a comment, or a commented-out row that no longer parses). */
  Comment: 9,
  /** Two rows on one line: the line break between them is missing (see readers/joined.ts). */
  JoinedRows: 10,
} as const;
/** How many verdicts there are (arrays indexed by verdict). */
export const VERDICT_COUNT = 11;
export type Verdict = (typeof Verdict)[keyof typeof Verdict];

/**
 * What a row has that a clean row has not, as bits (see {@link rowFeatures}):
 * a rule whose `row` acts only on rows with some of them says which
 * (`RuleHooks.rowFeatures`), and the engine does not call it for the others —
 * on a million clean rows, most rules are never called.
 */
export const RowFeature = {
  /** A CRLF or lone CR line ending. */
  LineEnding: 1,
  /** The line starts with the first byte of a UTF-8 byte-order mark. */
  Bom: 2,
  /** A value other than a bare 0/1, brackets, an extra field, a trailing or odd separator. */
  Values: 4,
  /** No value is 1. */
  NoPositive: 8,
  /** Every one of the C values is 1. */
  AllPositive: 16,
  /** The path has a `\`, a `..`, or starts like an absolute or drive path (see {@link pathMightBeUnsafe}). */
  Path: 32,
} as const;
/** Every feature: the rows a rule without `rowFeatures` is called for. */
export const ALL_ROW_FEATURES = 63;

/** The path is one `unsafe-path` must look at: a `..` in it, or `/`, `\` or `X:` at its start. */
export function pathMightBeUnsafe(row: Row): boolean {
  const first = row.buf[row.pathStart];
  return row.pathDotDot || first === 47 || first === 92 || row.buf[row.pathStart + 1] === 58;
}

/** Whether a path's last byte may end whitespace Python strips: ASCII space, VT, FF, FS–US (isControlSpace in labels.ts, which imports this module), or the last byte of a multi-byte character. */
export function mayEndInSpace(b: number): boolean {
  return b === 0x20 || b === 0x0b || b === 0x0c || (b >= 0x1c && b <= 0x1f) || b >= 0x80;
}

/** The {@link RowFeature}s `row` has (`numClasses`: the file's C). */
export function rowFeatures(row: Row, numClasses: number): number {
  let features = 0;
  if (row.crlf || row.cr) features |= RowFeature.LineEnding;
  if (row.buf[row.start] === 0xef) features |= RowFeature.Bom;
  const counts = row.kindCounts;
  if (row.k !== counts[TokenKind.Zero]! + counts[TokenKind.One]! || row.nested !== 0 || row.extraStart >= 0 || row.trailingSepStart >= 0 || row.oddSeparators !== 0) {
    features |= RowFeature.Values;
  }
  if (row.numOnes === 0) features |= RowFeature.NoPositive;
  if (row.numOnes === numClasses) features |= RowFeature.AllPositive;
  // (Whitespace before the path, or none: what empty-path looks at; a last byte that may end whitespace: path-whitespace.)
  if (row.pathBackslash || row.pathStart !== row.start || row.pathEnd === row.pathStart || pathMightBeUnsafe(row) || mayEndInSpace(row.buf[row.pathEnd - 1]!)) features |= RowFeature.Path;
  return features;
}

export interface Token {
  /** Absolute offsets into `row.buf`. */
  start: number;
  end: number;
  kind: TokenKind;
  /** Numeric value for Zero/One/NonCanonical/MinusOne/Integer; NaN otherwise. */
  value: number;
}

/**
 * The values of `tokens` as numbers, with -1 kept (a signed file's -1 is not
 * a 0); undefined when a token is not 0/1/-1 in meaning.
 */
export function tokenValues(tokens: readonly Token[]): number[] | undefined {
  const values: number[] = [];
  for (const t of tokens) {
    if (t.kind === TokenKind.Zero || t.kind === TokenKind.One || t.kind === TokenKind.MinusOne) values.push(t.value);
    else if (t.kind === TokenKind.NonCanonical) values.push(t.value === 1 ? 1 : 0);
    else return undefined;
  }
  return values;
}

export class Row {
  buf: Buffer = Buffer.alloc(0);
  /** Line content, excluding the line terminator. */
  start = 0;
  end = 0;
  line = 0;
  /** 0-based logical row index; -1 for blank lines and the header. */
  row = -1;
  /** The file's first line with content (set by the engine, which knows whether a part has lines before it). */
  first = false;
  crlf = false;
  /** The line ended with a lone CR (a line break to Python's universal newlines). */
  cr = false;
  blank = false;
  tooLong = false;
  /** Length of the line in bytes as it was in the file (for too-long lines). */
  byteLength = 0;

  nonAscii = false;
  invalidUtf8 = false;
  nul = false;

  hasSeparator = false;
  pathStart = 0;
  pathEnd = 0;
  pathBackslash = false;
  /**
   * The path has a `\\` and, with images checked, a file of that very name
   * (the `\\` part of it) exists under the image root: what a consumer on
   * Linux opens (a Windows archive unpacked there keeps such names).
   */
  pathAsWritten = false;
  /** TABs (and spaces) before the path of a TAB-separated row that has its own TAB after the path: Python's strip() removes them. */
  leadingTab = false;
  /** The path contains `..` somewhere (checked properly only then). */
  pathDotDot = false;
  hashHi = 0;
  hashLo = 0;

  labelsStart = 0;
  labelsEnd = 0;
  /** Offset of fields after the label field (paddleclas: a second TAB); -1 if none. */
  extraStart = -1;
  /** 1 for `[…]`, 2 for `[[…]]`. */
  nested = 0;
  /** The labels end with a separator (`0,1,`); offset of that run, or -1. */
  trailingSepStart = -1;
  /** Number of label values (empty tokens included, a trailing separator not). */
  k = 0;
  /**
   * The row as C values, 1 at each positive class and 0 elsewhere: kept all
   * 0 but for the row's `ones` (cleared again by {@link resetLabels}), so a
   * scanner writes only the 1s of a wide row, not its thousand 0s.
   */
  bits: Uint8Array = new Uint8Array(1024);
  ones: Uint32Array = new Uint32Array(1024);
  numOnes = 0;
  /** Count of tokens of each kind. */
  readonly kindCounts = new Int32Array(8);
  /** Index of the first token of each kind, -1 when none. */
  readonly firstOfKind = new Int32Array(8);
  /** Absolute start/end of the first token of each kind. */
  readonly firstStart = new Int32Array(8);
  readonly firstEnd = new Int32Array(8);
  maxInteger = -1;
  /** Separator runs between values that are not the format's canonical one. */
  oddSeparators = 0;
  firstOddSepStart = -1;
  firstOddSepEnd = -1;
  /**
   * The labels were read from a sparse line (its positive class indices, see
   * `readers/sparse.ts`): `k`, the kind counts and `ones` are as for the
   * C-value line, but `bits` is not filled — ask {@link has}.
   */
  sparse = false;
  verdict: Verdict = Verdict.Ok;
  /** Set by the engine: the row is a clean matrix row (counted in the statistics). */
  valid = false;

  reset(buf: Buffer, start: number, end: number, line: number): void {
    this.buf = buf;
    this.start = start;
    this.end = end;
    this.line = line;
    this.row = -1;
    this.first = false;
    this.crlf = false;
    this.cr = false;
    this.blank = false;
    this.tooLong = false;
    this.byteLength = end - start;
    this.nonAscii = false;
    this.invalidUtf8 = false;
    this.nul = false;
    this.hasSeparator = false;
    this.pathStart = start;
    this.pathEnd = start;
    this.pathBackslash = false;
    this.pathAsWritten = false;
    this.leadingTab = false;
    this.pathDotDot = false;
    this.hashHi = 0;
    this.hashLo = 0;
    this.resetLabels(end);
    this.sparse = false;
    this.verdict = Verdict.Ok;
    this.valid = false;
  }

  /** Value `c` is a 1 (a positive class). */
  has(c: number): boolean {
    if (!this.sparse) return this.bits[c] === 1;
    // `ones` is ascending: a binary search over the row's positives.
    const ones = this.ones;
    let lo = 0;
    let hi = this.numOnes - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = ones[mid]!;
      if (v === c) return true;
      if (v < c) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  resetLabels(at: number): void {
    this.labelsStart = at;
    this.labelsEnd = at;
    this.extraStart = -1;
    // The last row's 1s go (a sparse row set none).
    if (!this.sparse) {
      const { bits, ones } = this;
      for (let i = 0; i < this.numOnes; i++) bits[ones[i]!] = 0;
    }
    this.sparse = false;
    this.nested = 0;
    this.trailingSepStart = -1;
    this.k = 0;
    this.numOnes = 0;
    // Plain loops: TypedArray#fill costs a call per row on arrays this small.
    const counts = this.kindCounts;
    const first = this.firstOfKind;
    for (let i = 0; i < 8; i++) {
      counts[i] = 0;
      first[i] = -1;
    }
    this.maxInteger = -1;
    this.oddSeparators = 0;
    this.firstOddSepStart = -1;
    this.firstOddSepEnd = -1;
  }

  /** Ensures `bits`/`ones` can hold index `k`. */
  grow(k: number): void {
    let size = this.bits.length;
    while (size <= k) size *= 2;
    const bits = new Uint8Array(size);
    bits.set(this.bits);
    this.bits = bits;
    const ones = new Uint32Array(size);
    ones.set(this.ones);
    this.ones = ones;
  }

  count(kind: TokenKind): number {
    return this.kindCounts[kind] ?? 0;
  }

  /** All label values are 0/1 in meaning (canonical, non-canonical spelling, or a signed -1). */
  get binaryInMeaning(): boolean {
    const c = this.kindCounts;
    return (c[TokenKind.Integer] ?? 0) + (c[TokenKind.NonBinary] ?? 0) + (c[TokenKind.Invalid] ?? 0) + (c[TokenKind.Empty] ?? 0) === 0;
  }
}

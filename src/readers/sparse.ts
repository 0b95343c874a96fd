import type { LineFormat } from "./format.js";
import { paddleclas } from "./paddleclas.js";
import { scanPath } from "./path.js";
import { TokenKind, type Row, type Token } from "./row.js";

const COMMA = 44;
const ZERO = 48;
const NINE = 57;

/**
 * The canonical line of an index list or a `gt_label` list, kept sparse:
 * `path<TAB>i1,i2,…`, the row's positive class indices in ascending order,
 * each once (the reader has checked them against C). It stands for the
 * multi-hot line `path<TAB>v1,…,vC` and is read as that line would be — the
 * same `k`, kind counts and `ones` — without C values being written, read or
 * counted: a row costs what its indices cost, not what C costs.
 */
export function sparseLabels(indices: readonly number[]): string {
  return indices.join(",");
}

/** The multi-hot values of the first `count` of ascending `indices` among `numClasses` (`0,1,0,…`): the line the sparse one stands for. */
export function denseLabels(indices: ArrayLike<number>, numClasses: number, count = indices.length): string[] {
  const values = new Array<string>(numClasses).fill("0");
  for (let i = 0; i < count; i++) values[indices[i]!] = "1";
  return values;
}

/**
 * The line format of sparse canonical lines of C classes: parses like
 * {@link paddleclas} would parse the multi-hot line. Only the engine reads
 * these lines, and only from the canonical file their reader wrote.
 */
export function sparseCanonical(numClasses: number): LineFormat {
  return {
    ...paddleclas,
    sparse: true,
    parse(row: Row, tokens: Token[] | null = null): void {
      const p = scanPath(row, false);
      if (p === row.end) {
        // A canonical line always has its TAB; read it as paddleclas would, to be safe.
        paddleclas.parse(row, tokens);
        return;
      }
      row.hasSeparator = true;
      readIndices(row, p + 1, numClasses);
      if (tokens !== null) denseTokens(row, numClasses, tokens);
    },
  };
}

/** Fills `row`'s labels from the index list at `[start, row.end)`. */
function readIndices(row: Row, start: number, numClasses: number): void {
  row.resetLabels(start);
  row.labelsEnd = row.end;
  const buf = row.buf;
  let n = 0;
  let value = -1;
  let previous = -1;
  for (let p = start; p <= row.end; p++) {
    const b = p < row.end ? buf[p]! : COMMA;
    if (b >= ZERO && b <= NINE) {
      value = (value < 0 ? 0 : value * 10) + (b - ZERO);
      continue;
    }
    if (b !== COMMA || (value < 0 && p < row.end) || value >= numClasses || (value >= 0 && value <= previous)) {
      throw new Error(`sparse canonical line ${row.line} is malformed at byte ${p - row.start}`);
    }
    if (value < 0) break;
    if (n >= row.ones.length) row.grow(n);
    row.ones[n++] = value;
    previous = value;
    value = -1;
  }
  row.sparse = true;
  row.k = numClasses;
  row.numOnes = n;
  const counts = row.kindCounts;
  counts[TokenKind.One] = n;
  counts[TokenKind.Zero] = numClasses - n;
  // As the scanner's fast path over bare 0s and 1s, which notes no first token of either kind.
}

/**
 * Every value of the multi-hot line as a token (slow path, for the rare
 * caller that wants them all: it costs C). A sparse line has no place per
 * value: each token is empty, at the start of the labels.
 */
function denseTokens(row: Row, numClasses: number, tokens: Token[]): void {
  const at = row.labelsStart;
  let next = 0;
  for (let c = 0; c < numClasses; c++) {
    const one = next < row.numOnes && row.ones[next] === c;
    if (one) next++;
    tokens.push({ start: at, end: at, kind: one ? TokenKind.One : TokenKind.Zero, value: one ? 1 : 0 });
  }
}

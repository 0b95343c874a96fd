import type { LineFormat } from "../readers/format.js";
import { Row, TokenKind, VERDICT_COUNT, type Token, type Verdict } from "../readers/row.js";
import { numbersOf, StatisticsAccumulator, type SavedStatistics } from "../stats/accumulator.js";
import type { FileStats, ShapeVerdict } from "../types.js";
import type { FileFacts } from "./api.js";
import { buildShape } from "./shape.js";

/**
 * What a file's rows add up to: verdicts, the clean rows' per-class
 * positives, label cardinality and (when asked) the full statistics. Fed one
 * row at a time; memory is a few numbers per class.
 */
export class Tally {
  readonly verdictCounts = new Int32Array(VERDICT_COUNT);
  rowsWithBadValues = 0;
  readonly positives: Int32Array;
  /** Per class, rows holding a declared unknown value there (allocated at the first one). */
  private unknowns: Int32Array | undefined;
  validRows = 0;
  private emptyRows = 0;
  private fullRows = 0;
  private labelSum = 0;
  private maxLabels = 0;
  readonly statistics: StatisticsAccumulator | undefined;
  private readonly scratch = new Row();
  private readonly rowTokens: Token[] = [];
  /** The last {@link stats}, until a row is counted: every class-level rule asks for them, and they are C long. */
  private cached: FileStats | undefined;

  constructor(
    private readonly facts: FileFacts,
    private readonly format: LineFormat,
    statistics: boolean,
  ) {
    this.positives = new Int32Array(facts.numClasses);
    if (statistics) this.statistics = new StatisticsAccumulator(facts.numClasses);
  }

  verdict(verdict: Verdict): void {
    this.verdictCounts[verdict]!++;
  }

  /** Adds a well-shaped row to the per-class statistics if its values are binary (marks it `valid`). */
  count(row: Row): void {
    this.cached = undefined;
    const c = row.kindCounts;
    const bad = c[TokenKind.Integer]! + c[TokenKind.NonBinary]! + c[TokenKind.Invalid]! + c[TokenKind.Empty]! + (this.facts.signed ? 0 : c[TokenKind.MinusOne]!);
    // The row's tokens, re-scanned at most once, and only for a row holding a value other than 0/1 (slow path).
    const tokens = bad > 0 && this.facts.unknown !== undefined ? this.tokensOf(row) : undefined;
    if (bad > 0 && !(tokens !== undefined && this.countUnknowns(tokens))) {
      this.rowsWithBadValues++;
      return;
    }
    this.validRows++;
    row.valid = true;
    const n = row.numOnes;
    const ones = row.ones;
    this.statistics?.add(ones, n);
    if (this.statistics !== undefined && c[TokenKind.MinusOne]! > 0) {
      // One −1: its class is the row's first of the kind (no token list).
      if (c[TokenKind.MinusOne] === 1 && tokens === undefined && !row.sparse) this.statistics.addMinusOne(row.firstOfKind[TokenKind.MinusOne]!);
      else this.countMinusOnes(tokens ?? this.tokensOf(row), this.statistics);
    }
    const positives = this.positives;
    for (let i = 0; i < n; i++) positives[ones[i]!]!++;
    this.labelSum += n;
    if (n > this.maxLabels) this.maxLabels = n;
    if (n === 0) this.emptyRows++;
    if (n === this.facts.numClasses && n > 0) this.fullRows++;
  }

  /** A row's value tokens, parsed into one array kept for the purpose (slow path only). */
  private tokensOf(row: Row): Token[] {
    const tokens = this.rowTokens;
    tokens.length = 0;
    this.scratch.reset(row.buf, row.start, row.end, row.line);
    this.format.parse(this.scratch, tokens);
    return tokens;
  }

  /** The −1 values of a clean row, per class, for label_ratio. */
  private countMinusOnes(tokens: readonly Token[], statistics: StatisticsAccumulator): void {
    for (let i = 0; i < tokens.length; i++) if (tokens[i]!.kind === TokenKind.MinusOne) statistics.addMinusOne(i);
  }

  /**
   * A row whose only values other than 0/1 are declared unknown: tallies
   * them per class and returns true (the row is clean); false otherwise.
   */
  private countUnknowns(tokens: readonly Token[]): boolean {
    const unknown = this.facts.unknown!;
    const at: number[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.kind === TokenKind.Zero || t.kind === TokenKind.One || t.kind === TokenKind.NonCanonical) continue;
      if (t.kind === TokenKind.MinusOne && this.facts.signed) continue;
      const declared = t.kind === TokenKind.Empty ? unknown.empty : t.kind !== TokenKind.Invalid && Number.isInteger(t.value) && unknown.values.has(t.value);
      if (!declared) return false;
      at.push(i);
    }
    this.unknowns ??= new Int32Array(this.facts.numClasses);
    for (const i of at) if (i < this.unknowns.length) this.unknowns[i]!++;
    return true;
  }

  stats(): FileStats {
    this.cached ??= this.computeStats();
    return this.cached;
  }

  private computeStats(): FileStats {
    const C = this.facts.numClasses;
    const cardinality = this.validRows > 0 ? this.labelSum / this.validRows : 0;
    return {
      validRows: this.validRows,
      positives: numbersOf(this.positives),
      ...(this.facts.unknown !== undefined ? { unknowns: numbersOf(this.unknowns ?? new Int32Array(C)) } : {}),
      emptyRows: this.emptyRows,
      fullRows: this.fullRows,
      cardinality,
      density: C > 0 ? cardinality / C : 0,
      maxLabelsPerRow: this.maxLabels,
    };
  }

  /**
   * What the tally holds, as plain data (a part of a file read in parts);
   * with `handOver`, for a part merged on this thread, its statistics are
   * handed over as they are, not copied.
   */
  save(handOver = false): SavedTally {
    return {
      verdictCounts: numbersOf(this.verdictCounts),
      rowsWithBadValues: this.rowsWithBadValues,
      positives: numbersOf(this.positives),
      ...(this.unknowns !== undefined ? { unknowns: numbersOf(this.unknowns) } : {}),
      validRows: this.validRows,
      emptyRows: this.emptyRows,
      fullRows: this.fullRows,
      labelSum: this.labelSum,
      maxLabels: this.maxLabels,
      ...(this.statistics !== undefined ? { statistics: handOver ? this.statistics.handOver() : this.statistics.save() } : {}),
    };
  }

  /** Adds a saved part (see {@link save}); parts are added in file order. */
  merge(part: SavedTally): void {
    this.cached = undefined;
    part.verdictCounts.forEach((n, v) => (this.verdictCounts[v]! += n));
    this.rowsWithBadValues += part.rowsWithBadValues;
    part.positives.forEach((n, c) => (this.positives[c]! += n));
    if (part.unknowns !== undefined) {
      this.unknowns ??= new Int32Array(this.facts.numClasses);
      part.unknowns.forEach((n, c) => (this.unknowns![c]! += n));
    }
    this.validRows += part.validRows;
    this.emptyRows += part.emptyRows;
    this.fullRows += part.fullRows;
    this.labelSum += part.labelSum;
    if (part.maxLabels > this.maxLabels) this.maxLabels = part.maxLabels;
    if (part.statistics !== undefined) this.statistics?.merge(part.statistics);
  }

  /** The shape verdict of `rows` data rows. */
  shape(rows: number): ShapeVerdict {
    return buildShape({
      rows,
      numClasses: this.facts.numClasses,
      verdictCounts: this.verdictCounts,
      rowsWithBadValues: this.rowsWithBadValues,
      signed: this.facts.signed,
      validRows: this.validRows,
    });
  }
}

/** A {@link Tally}'s content as plain data. */
export interface SavedTally {
  verdictCounts: number[];
  rowsWithBadValues: number;
  positives: number[];
  unknowns?: number[];
  validRows: number;
  emptyRows: number;
  fullRows: number;
  labelSum: number;
  maxLabels: number;
  statistics?: SavedStatistics;
}

import { isUtf8 } from "node:buffer";
import { LabellintError } from "../errors.js";
import type { LineFormat } from "../readers/format.js";
import { LineSplitter } from "../io/line-splitter.js";
import { Row, TokenKind, Verdict, VERDICT_COUNT, type Token } from "../readers/row.js";
import type { DuplicateFinding, FileDiagnosis, FileResult, FileStats } from "../types.js";
import type { FileFacts, RuleHooks } from "./api.js";
import type { LintOptions } from "./options.js";
import { DuplicateIndex } from "./duplicate-index.js";
import { confirmDuplicates, type LineReader } from "./duplicates.js";
import { isBlank } from "./profile.js";
import { fileFacts, readHead } from "./facts.js";
import { readUnseparated } from "../readers/unseparated.js";
import { scanPath } from "../readers/path.js";
import { createRuleContext, newSink, quoteInto, sinkTotals, type FileInfo, type PendingQuote, type ProblemSink } from "./rule-context.js";
import type { RuleContext } from "./api.js";
import type { RecordOrigin } from "../readers/origin.js";
import { fileLineReader } from "../io/source.js";
import { resolveRules } from "./settings.js";
import { buildShape } from "./shape.js";
import { allRules } from "../rules/index.js";
import { StatisticsAccumulator } from "../stats/accumulator.js";
import { computeStatistics } from "../stats/compute.js";
import { resolve } from "node:path";
import { nodeImageFs } from "../images/fs.js";
import { DEFAULT_CONCURRENCY, runImagePhase } from "../images/phase.js";
import type { ImageCheck } from "./api.js";
import type { LineStream } from "../io/source.js";
import { DEFAULT_MAX_LINE_BYTES, SNIFF_BYTES } from "../io/limits.js";

/**
 * The line rules whose findings a whole-file diagnosis explains: counted,
 * not listed (a spaced list read as paddleclas fails the same way on every line).
 */
function coveredRules(diagnosis: FileDiagnosis): ReadonlySet<string> {
  return diagnosis.kind === "encoding" ? ENCODING_RULES : FORMAT_RULES;
}
const ENCODING_RULES: ReadonlySet<string> = new Set(["invalid-encoding"]);
const FORMAT_RULES: ReadonlySet<string> = new Set([
  "missing-separator",
  "header-row",
  "label-count",
  "nested-labels",
  "empty-value",
  "extra-field",
  "inconsistent-separator",
  "index-labels",
  "non-binary-value",
  "non-canonical-value",
  "empty-path",
  "empty-labelset",
  "full-labelset",
]);

/** The line's first non-blank byte is '#'. */
export function isCommentStart(row: Row): boolean {
  const buf = row.buf;
  let p = row.start;
  while (p < row.end && (buf[p] === 32 || buf[p] === 9)) p++;
  return p < row.end && buf[p] === 35;
}


interface SessionInit {
  path: string;
  options: LintOptions;
  /** Total size when known (a file), to size the duplicate index. */
  sizeHint?: number;
  /** Re-reads lines of the input after the session, when the input outlives it (a file on disk, bytes in memory). */
  reread?: LineReader;
  /**
   * The lines fed are a record input's canonical lines: where each comes
   * from, the reader's own findings and the records it left out. Problems are
   * told at the input's places.
   */
  origin?: RecordOrigin;
}

/**
 * Lints one label file fed as chunks. The head is buffered until
 * {@link SNIFF_BYTES} have arrived (or the input ends) so the format, the
 * class count and the label encoding are known before the first line is
 * judged; from then on lines stream through the scanner, the classifier and
 * the rules' `row` hooks with a single reused {@link Row}.
 */
export class LintSession {
  private readonly path: string;
  private readonly options: LintOptions;
  private readonly sizeHint: number | undefined;
  private readonly reread: LineReader | undefined;
  private readonly origin: RecordOrigin | undefined;
  /** Listed problems on a record input's lines, quoted from the input once the scan is over. */
  private readonly quotes: PendingQuote[] = [];
  /** Each enabled file rule's context, by rule name (a record reader's findings are reported through them). */
  private readonly contexts = new Map<string, RuleContext>();
  private head: Buffer[] = [];
  private headBytes = 0;
  private started = false;

  private splitter!: LineSplitter;
  private format!: LineFormat;
  private formatReason = "";
  private facts!: FileFacts;
  private numClassesSource: FileResult["numClassesSource"] = "inferred";
  private numClassesReason = "";
  private consumerReason = "";
  private hooks: RuleHooks[] = [];
  /** Hooks objects that have a `row` hook, called as methods (no bound wrappers on the hot path). */
  private rowHooks: Required<Pick<RuleHooks, "row">>[] = [];
  /** `rowHooks` by the verdict of the rows they take (index: verdict). */
  private rowHooksByVerdict: Required<Pick<RuleHooks, "row">>[][] = [];
  /** Hooks objects that take image results. */
  private imageHooks: Required<Pick<RuleHooks, "image">>[] = [];
  /** Lines whose image is checked (rows with a path), one bit each; only with image checks on. */
  private imageLines: Uint8Array | undefined;
  private imageRows = 0;
  private readonly row = new Row();
  private readonly scratch = new Row();
  private duplicates!: DuplicateIndex;
  private confirmed: DuplicateFinding[] = [];

  private lines = 0;
  private rows = 0;
  private sawContent = false;
  private readonly verdictCounts = new Int32Array(VERDICT_COUNT);
  private rowsWithBadValues = 0;
  private positives: Int32Array = new Int32Array(0);
  /** Per class, rows holding a declared unknown value there (allocated at the first one). */
  private unknowns: Int32Array | undefined;
  private validRows = 0;
  private emptyRows = 0;
  private fullRows = 0;
  private labelSum = 0;
  private maxLabels = 0;
  private headerNames: string[] | undefined;
  private statistics: StatisticsAccumulator | undefined;
  private headerLine = 0;

  private readonly sink: ProblemSink;

  constructor(init: SessionInit) {
    this.path = init.path;
    this.options = init.options;
    this.sizeHint = init.sizeHint;
    this.reread = init.reread;
    this.origin = init.origin;
    this.sink = newSink(init.options.maxProblemsPerRule, init.options.unlistedRules);
  }

  /** True until the head has been sniffed: chunks pushed before then are kept, so must not be reused. */
  get buffering(): boolean {
    return !this.started;
  }

  push(chunk: Buffer): void {
    if (!this.started) {
      this.head.push(chunk);
      this.headBytes += chunk.length;
      if (this.headBytes >= SNIFF_BYTES) this.start(false);
      return;
    }
    this.splitter.push(chunk);
    this.options.onProgress?.(this.splitter.bytes, this.rows);
  }

  /**
   * Ends the input; `reader` re-reads lines to confirm duplicate candidates,
   * `stream` streams the input again for the image checks (when on).
   */
  async end(reader: LineReader | undefined, stream?: LineStream): Promise<FileResult> {
    if (!this.started) this.start(true);
    this.splitter.end();
    this.options.onProgress?.(this.splitter.bytes, this.rows);
    if (this.duplicates.candidates > 0) {
      if (reader === undefined) throw new LabellintError("LL_READ_FAILED", `${this.path}: cannot re-read the input to confirm duplicates`);
      this.confirmed = await confirmDuplicates(this.duplicates, reader, this.format, this.facts.numClasses, this.headerLine);
    }
    const { splits } = this.facts;
    // Eval rows whose path hash matched a train row's: confirmed by re-reading the train lines.
    if (splits !== undefined && this.facts.split === "eval") await splits.confirm();
    if (this.imageLines !== undefined && this.imageRows > 0) {
      if (stream === undefined) throw new LabellintError("LL_READ_FAILED", `${this.path}: cannot re-read the input to check images`);
      await this.checkImages(stream);
    }
    for (const hooks of this.hooks) hooks.end?.();
    if (splits !== undefined && this.facts.split === "train") {
      splits.addTrainCounts(this.path, Array.from(this.positives), this.validRows);
      // Eval files name where a leaked image is in this train file: its own line, not the canonical one.
      if (this.origin !== undefined) splits.relocate(this.path, (line) => this.origin!.line(line));
    }
    if (this.origin !== undefined) {
      this.reportReaderFindings(this.origin);
      await this.quoteOrigin();
    }
    return this.result();
  }

  /** A record reader's own findings, reported through their rules' contexts: the rule's settings and the consumer's model apply. */
  private reportReaderFindings(origin: RecordOrigin): void {
    for (const f of origin.findings) {
      if (!allRules.some((r) => r.meta.name === f.rule)) throw new Error(`reader reported unknown rule '${f.rule}'`);
      // Undefined when the rule is off.
      this.contexts.get(f.rule)?.report({
        messageId: f.messageId,
        ...(f.data !== undefined ? { data: f.data } : {}),
        ...(f.line !== undefined ? { line: f.line } : {}),
        ...(f.row !== undefined ? { row: f.row } : {}),
        ...(f.column !== undefined ? { column: f.column } : {}),
        ...(f.length !== undefined ? { length: f.length } : {}),
        ...(f.classIndex !== undefined ? { classIndex: f.classIndex } : {}),
        ...(f.source !== undefined ? { source: f.source } : {}),
        located: f.file !== undefined ? { file: f.file } : {},
      });
    }
  }

  /** Quotes the listed problems on a record input's lines from the input itself (a per-class file's line for a `columns` value). */
  private async quoteOrigin(): Promise<void> {
    const wanted = new Map<string, Set<number>>();
    for (const q of this.quotes) {
      let set = wanted.get(q.file);
      if (set === undefined) wanted.set(q.file, (set = new Set()));
      set.add(q.line);
    }
    const max = this.options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    const texts = new Map<string, Map<number, string>>();
    for (const [file, lines] of wanted) {
      const found = await fileLineReader(file, max)([...lines].sort((a, b) => a - b)).catch(() => new Map<number, { bytes: Buffer }>());
      const byLine = new Map<number, string>();
      for (const [line, value] of found) byLine.set(line, value.bytes.toString("utf8").replace(/\r$/, ""));
      texts.set(file, byLine);
    }
    for (const { problem, file, line } of this.quotes) {
      const text = texts.get(file)?.get(line);
      if (text === undefined) continue;
      if (problem.file !== undefined && problem.length === undefined) problem.length = Math.max(1, text.length);
      quoteInto(problem, text);
    }
  }

  /** The async image phase: every row with a path, checked with bounded concurrency, results to the rules in file order. */
  private async checkImages(stream: LineStream): Promise<void> {
    const { options } = this;
    const fs = options.imageFs ?? nodeImageFs;
    const root = resolve(options.imageRoot ?? process.cwd());
    let realRoot: string;
    try {
      realRoot = await fs.realpath(root);
    } catch (error) {
      throw new LabellintError("LL_READ_FAILED", `cannot read the image root '${root}': ${(error as Error).message}`, { cause: error });
    }
    const bits = this.imageLines!;
    const total = this.imageRows;
    const hooks = this.imageHooks;
    options.onImageProgress?.(0, total);
    await runImagePhase({
      realRoot,
      fs,
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      hash: options.hashImages === true,
      format: this.format,
      headerLine: this.headerLine,
      lines: stream((line) => line >>> 3 < bits.length && (bits[line >>> 3]! & (1 << (line & 7))) !== 0),
      deliver: (check: ImageCheck) => {
        for (let i = 0; i < hooks.length; i++) hooks[i]!.image(check);
      },
      onProgress: options.onImageProgress ? (checked) => options.onImageProgress!(checked, total) : undefined,
    });
  }

  private markImageLine(line: number): void {
    let bits = this.imageLines!;
    if (line >>> 3 >= bits.length) {
      const grown = new Uint8Array(Math.max(bits.length * 2, (line >>> 3) + 1));
      grown.set(bits);
      this.imageLines = bits = grown;
    }
    bits[line >>> 3]! |= 1 << (line & 7);
    this.imageRows++;
  }

  private start(wholeInput: boolean): void {
    this.started = true;
    const head = Buffer.concat(this.head, this.headBytes);
    this.head = [];
    const { options } = this;
    const found = readHead(head, options, this.path, wholeInput);
    const { profile, numClasses } = found;
    this.format = found.format;
    this.formatReason = found.formatReason;
    this.numClassesSource = found.numClassesSource;
    this.numClassesReason = found.numClassesReason;
    this.facts = fileFacts(found, options, this.path, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, head);
    this.consumerReason = found.consumerReason;
    const resolvedRules = resolveRules(allRules, options.rules);
    // The file-level finding stands for the line findings it explains; with it off, they are listed again.
    const diagnosed = this.facts.diagnosis !== undefined && !options.listEveryLine && resolvedRules.some((r) => r.rule.meta.name === "wrong-format");
    const covered = diagnosed ? coveredRules(this.facts.diagnosis!) : undefined;
    if (options.checkImages || options.hashImages) this.imageLines = new Uint8Array(1024);
    if (options.splits !== undefined && this.facts.split === "train") {
      options.splits.beginTrainFile(this.path, this.reread !== undefined ? { reader: this.reread, format: this.format } : undefined);
    }
    this.positives = new Int32Array(numClasses);
    if (options.statistics) this.statistics = new StatisticsAccumulator(numClasses);
    const expectedRows = this.sizeHint !== undefined ? this.sizeHint / profile.meanLineBytes : 1024;
    this.duplicates = new DuplicateIndex(expectedRows);

    const fileInfo = (): FileInfo => ({
      bom: this.splitter.bom,
      crlfLines: this.splitter.crlfLines,
      lfLines: this.splitter.lfLines,
      crLines: this.splitter.crLines,
      finalNewline: this.splitter.finalNewline,
      lines: this.lines,
    });
    const session = this;
    const dataset = {
      get stats() {
        return session.stats();
      },
      get duplicates() {
        return session.confirmed;
      },
      get rows() {
        return session.rows;
      },
      get file() {
        return fileInfo();
      },
    };
    for (const resolved of resolvedRules) {
      // Config rules run once per training config, not per file (src/ppcls/lint.ts).
      if (resolved.rule.create === undefined) continue;
      const ctx = createRuleContext(resolved, this.facts, dataset, this.sink, {
        countOnlyLines: covered?.has(resolved.rule.meta.name) ?? false,
        ...(this.origin !== undefined ? { origin: this.origin, quotes: this.quotes } : {}),
      });
      this.contexts.set(resolved.rule.meta.name, ctx);
      const hooks = resolved.rule.create(ctx);
      this.hooks.push(hooks);
      if (hooks.row) this.rowHooks.push(hooks as Required<Pick<RuleHooks, "row">>);
      if (hooks.image) this.imageHooks.push(hooks as Required<Pick<RuleHooks, "image">>);
    }
    for (let verdict = 0; verdict < this.verdictCounts.length; verdict++) {
      this.rowHooksByVerdict.push(this.rowHooks.filter((h) => (h as RuleHooks).rowVerdicts?.includes(verdict as Verdict) ?? true));
    }
    for (const hooks of this.hooks) hooks.start?.();

    this.splitter = new LineSplitter(this.onLine, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
    if (head.length > 0) this.splitter.push(head);
  }

  private readonly onLine = (buf: Buffer, start: number, end: number, crlf: boolean, _terminated: boolean, byteLength: number, cr: boolean): void => {
    const row = this.row;
    this.lines++;
    row.reset(buf, start, end, this.lines);
    row.crlf = crlf;
    row.cr = cr;
    row.byteLength = byteLength;
    if (byteLength > end - start) {
      row.tooLong = true;
      this.judge(row, Verdict.TooLong);
      return;
    }
    if (start === end || isBlank(buf, start, end)) {
      row.blank = true;
      this.judge(row, Verdict.Blank);
      return;
    }
    this.format.parse(row);
    if (row.nonAscii && !isUtf8(buf.subarray(start, end))) row.invalidUtf8 = true;
    this.judge(row, this.classify(row));
  };

  /** The single structural diagnosis of a row (one root cause, one rule). */
  private classify(row: Row): Verdict {
    if (row.nul || row.invalidUtf8) return Verdict.InvalidEncoding;
    const C = this.facts.numClasses;
    // `#img.jpg<TAB>0,1,0` is a row whose path starts with '#' (readers take it as such); anything else after '#' is a comment.
    if (isCommentStart(row) && !(row.hasSeparator && row.k === C && row.count(TokenKind.Invalid) + row.count(TokenKind.Empty) === 0)) return Verdict.Comment;
    if (!this.sawContent && this.looksLikeHeader(row)) return Verdict.Header;
    if (!row.hasSeparator) return Verdict.MissingSeparator;
    if (row.pathEnd === row.pathStart || this.lostPath(row)) return Verdict.EmptyPath;
    const empties = row.count(TokenKind.Empty);
    const integers = row.count(TokenKind.Integer);
    const allIntegers = integers + row.count(TokenKind.Zero) + row.count(TokenKind.One) === row.k && row.maxInteger < C;
    // In an index file every row lists indices, `0,1` and an empty list included.
    if (this.facts.indexFile && allIntegers && (row.k < C || integers > 0)) return Verdict.IndexLabels;
    if (row.k !== C && !(empties > 0 && row.k - empties === C)) {
      // A row as wide as the rest of a file of another width (class-count-mismatch) is not an index list.
      if (integers > 0 && allIntegers && row.k !== this.facts.dataWidth?.width) return Verdict.IndexLabels;
      return Verdict.LabelCount;
    }
    return Verdict.Ok;
  }

  private judge(row: Row, verdict: Verdict): void {
    row.verdict = verdict;
    this.verdictCounts[verdict]!++;
    if (verdict !== Verdict.Blank) {
      if (verdict === Verdict.Header) {
        this.headerNames = this.decodeHeader(row);
        this.headerLine = row.line;
        // A header naming exactly C classes supplies the names messages use.
        if (this.facts.classNames === undefined && this.headerNames.length === this.facts.numClasses) this.facts.classNames = this.headerNames;
      }
      else row.row = this.rows++;
      this.sawContent = true;
    }
    if (verdict === Verdict.Ok || verdict === Verdict.LabelCount || verdict === Verdict.IndexLabels) {
      this.duplicates.add(row.hashHi, row.hashLo, row.line);
      if (this.imageLines !== undefined && row.pathEnd > row.pathStart) this.markImageLine(row.line);
    } else if (verdict === Verdict.MissingSeparator) {
      // `path 0,1,0` is fixed into a row: its path must meet the others in the duplicate index.
      const split = readUnseparated(row, this.scratch);
      if (split !== undefined) {
        scanPath(row, false, split.runStart);
        this.duplicates.add(row.hashHi, row.hashLo, row.line);
      }
    }
    if (verdict === Verdict.Ok) this.count(row);
    const hooks = this.rowHooksByVerdict[verdict]!;
    for (let i = 0; i < hooks.length; i++) hooks[i]!.row(row);
  }

  /** Adds a well-shaped row to the per-class statistics if its values are binary. */
  private count(row: Row): void {
    const c = row.kindCounts;
    const bad = c[TokenKind.Integer]! + c[TokenKind.NonBinary]! + c[TokenKind.Invalid]! + c[TokenKind.Empty]! + (this.facts.signed ? 0 : c[TokenKind.MinusOne]!);
    if (bad > 0 && !(this.facts.unknown !== undefined && this.countUnknowns(row))) {
      this.rowsWithBadValues++;
      return;
    }
    this.validRows++;
    row.valid = true;
    const n = row.numOnes;
    const ones = row.ones;
    this.statistics?.add(ones, n);
    const positives = this.positives;
    for (let i = 0; i < n; i++) positives[ones[i]!]!++;
    this.labelSum += n;
    if (n > this.maxLabels) this.maxLabels = n;
    if (n === 0) this.emptyRows++;
    if (n === this.facts.numClasses && n > 0) this.fullRows++;
  }

  /**
   * A row whose only values other than 0/1 are declared unknown: tallies
   * them per class and returns true (the row is clean); false otherwise.
   * Slow path: only rows holding such values re-scan their tokens.
   */
  private countUnknowns(row: Row): boolean {
    const unknown = this.facts.unknown!;
    const tokens: Token[] = [];
    this.scratch.reset(row.buf, row.start, row.end, row.line);
    this.format.parse(this.scratch, tokens);
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

  /**
   * A space-separated line that starts with whitespace and a bare 0/1, one
   * value short: the path is missing and split() takes the first label for it.
   */
  private lostPath(row: Row): boolean {
    if (this.format.id !== "spaced" || row.pathStart === row.start || row.pathEnd - row.pathStart !== 1) return false;
    const b = row.buf[row.pathStart];
    return (b === 48 || b === 49) && row.k === this.facts.numClasses - 1;
  }

  /** Every label token is a word (`path<TAB>airport,beach,…`, or `path,airport,…` without a TAB). */
  private looksLikeHeader(row: Row): boolean {
    if (row.hasSeparator) return row.k > 0 && row.count(TokenKind.Invalid) === row.k;
    return readUnseparated(row, this.scratch) !== undefined && this.scratch.k > 0 && this.scratch.count(TokenKind.Invalid) === this.scratch.k;
  }

  private decodeHeader(row: Row): string[] {
    const line = row.buf.toString("utf8", row.start, row.end);
    return line.split(/[\t,;]|\s+/).map((t) => t.trim()).filter((t) => t !== "").slice(1);
  }

  private stats(): FileStats {
    const C = this.facts.numClasses;
    const cardinality = this.validRows > 0 ? this.labelSum / this.validRows : 0;
    return {
      validRows: this.validRows,
      positives: Array.from(this.positives),
      ...(this.facts.unknown !== undefined ? { unknowns: Array.from(this.unknowns ?? new Int32Array(C)) } : {}),
      emptyRows: this.emptyRows,
      fullRows: this.fullRows,
      cardinality,
      density: C > 0 ? cardinality / C : 0,
      maxLabelsPerRow: this.maxLabels,
    };
  }

  private result(): FileResult {
    const origin = this.origin;
    const rejected = origin?.rejected.length ?? 0;
    const rows = this.rows + rejected;
    const shape = buildShape({
      rows: this.rows,
      numClasses: this.facts.numClasses,
      verdictCounts: this.verdictCounts,
      rowsWithBadValues: this.rowsWithBadValues,
      signed: this.facts.signed,
      validRows: this.validRows,
    });
    if (rejected > 0) {
      // Records the reader could not make rows are rows of the input all the same, and not in the matrix.
      shape.rows = rows;
      shape.ok = false;
      shape.reasons.unshift(`${rejected} ${rejected === 1 ? "record" : "records"} could not be read as a row of ${this.facts.numClasses} values`);
      const none = shape.reasons.indexOf("no data rows");
      if (none !== -1) shape.reasons.splice(none, 1);
    }
    const classNames = this.facts.classNames ?? (this.headerNames?.length === this.facts.numClasses ? this.headerNames : undefined);
    const stats = this.stats();
    return {
      path: this.path,
      format: origin?.format ?? this.format.id,
      formatReason: origin?.formatReason ?? this.formatReason,
      split: this.facts.split,
      lines: origin?.lines ?? this.lines,
      rows,
      numClasses: this.facts.numClasses,
      numClassesSource: this.numClassesSource,
      numClassesReason: this.numClassesReason,
      signed: this.facts.signed,
      consumer: this.facts.consumer,
      consumerReason: this.consumerReason,
      ...(classNames !== undefined ? { classNames } : {}),
      shape,
      ...sinkTotals(this.sink),
      stats,
      ...(this.statistics !== undefined ? { statistics: computeStatistics(this.statistics, classNames, stats.unknowns) } : {}),
      bytes: origin?.bytes ?? this.splitter.bytes,
    };
  }
}

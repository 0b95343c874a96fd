import { consumers } from "../consumers/index.js";
import { isUtf8 } from "node:buffer";
import { resolve } from "node:path";
import { LabellintError } from "../errors.js";
import type { LineFormat } from "../readers/format.js";
import { LineSplitter } from "../io/line-splitter.js";
import { LineMarks, MARK_BYTES } from "../io/line-marks.js";
import { DEFAULT_MAX_LINE_BYTES, SNIFF_BYTES } from "../io/limits.js";
import { rowOfLine, type LineStream } from "../io/source.js";
import type { RecordOrigin } from "../readers/origin.js";
import { scanPath } from "../readers/path.js";
import { Row, Verdict } from "../readers/row.js";
import { readUnseparated } from "../readers/unseparated.js";
import { nodeImageFs } from "../images/fs.js";
import { ImageStatisticsAccumulator } from "../images/statistics.js";
import { DEFAULT_CONCURRENCY, ImageLines } from "../images/lines.js";
import type { CheckedImage } from "../images/phase.js";
import { allRules } from "../rules/index.js";
import { computeStatistics } from "../stats/compute.js";
import { numbersOf, type StatisticsAccumulator } from "../stats/accumulator.js";
import type { DatasetStatistics, DuplicateFinding, FileDiagnosis, FileResult } from "../types.js";
import type { DatasetView, FileFacts, ImageCheck } from "./api.js";
import { Classifier } from "./classify.js";
import { RuleDispatch } from "./dispatch.js";
import { DuplicateIndex, KeyJoin, type KeyBatch } from "./duplicate-index.js";
import { confirmDuplicates, type LineReader } from "./duplicates.js";
import { fileFacts, readHead } from "./facts.js";
import { checksImages, type LintOptions } from "./options.js";
import { isBlank } from "./profile.js";
import { mergeSinks, newSink, quotePending, saveSink, sinkTotals, type FileInfo, type PendingQuote, type ProblemSink } from "./rule-context.js";
import { checkedImage, KeyRecords, KEY_DUPLICATE, KEY_SPLIT, plainImage, type FilePart, type JoinedKeys, type PartHead, type PlainCheckedImage } from "./partial.js";
import { normalisePathKey } from "../readers/path.js";
import { unsafeReason } from "../rules/unsafe-path.js";
import { resolveRules } from "./settings.js";
import { Tally } from "./tally.js";
import { formatCount } from "../text/numbers.js";

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
  /**
   * The bytes fed are one part of the file (a shard's byte range): the
   * format, class count and the rest are decided from the file's own head,
   * and the scan ends with {@link savePart} instead of `end`.
   */
  part?: PartHead;
  /**
   * The bytes fed are the file's own, from its start or the part's (not a
   * record input's canonical lines): lines are marked as they go by (see
   * {@link LineMarks}), so re-reads start near the lines they want.
   */
  marks?: boolean;
}

/**
 * Lints one label file fed as chunks. The head is buffered until
 * {@link SNIFF_BYTES} have arrived (or the input ends) so the format, the
 * class count and the label encoding are known before the first line is
 * judged; from then on each line goes splitter → parse → {@link Classifier}
 * (one verdict) → {@link Tally} → {@link RuleDispatch} (the rules that asked
 * for that verdict), with a single reused {@link Row}. After the scan come
 * the re-reads (duplicates, split leakage), the image phase, the rules'
 * `end` hooks and the result.
 */
export class LintSession {
  private readonly path: string;
  private readonly options: LintOptions;
  /** rare-class's `minPositives`, when that rule is on. */
  private rareClassMinPositives: number | undefined;
  private readonly sizeHint: number | undefined;
  private readonly reread: LineReader | undefined;
  private readonly origin: RecordOrigin | undefined;
  /** Listed problems on a record input's lines, quoted from the input once the scan is over. */
  private readonly quotes: PendingQuote[] = [];
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
  private classifier!: Classifier;
  private tally!: Tally;
  private rules!: RuleDispatch;
  /** Sizes and modes of decoded images; only with `decodeImages`. */
  private imageStatistics: ImageStatisticsAccumulator | undefined;
  /** Lines whose image is checked; only with image checks on. */
  private imageLines: ImageLines | undefined;
  /** Paths with a `\\` are looked up as written (see {@link existsAsWritten}). */
  private lookUpBackslashPaths = false;
  private readonly row = new Row();
  private readonly scratch = new Row();
  private duplicates!: DuplicateIndex;
  /** A merge's parts' path hashes, partitioned as each part's keys are joined; indexed when the last part is (see {@link KeyJoin}). */
  private keyJoin: KeyJoin | undefined;
  private confirmed: DuplicateFinding[] = [];

  private lines = 0;
  /** Where lines start, every `markBytes` or so; only when the bytes fed are the file's own. */
  private marks: LineMarks | undefined;
  private markBase = 0;
  private nextMark = 0;
  private markBytes = MARK_BYTES;
  private rows = 0;
  private sawContent = false;
  private headerNames: string[] | undefined;
  private headerLine = 0;

  private readonly sink: ProblemSink;
  /** Every row's path hash and line, for a part (shard) whose duplicates and leaks are found when the parts are merged. */
  private keys: KeyRecords | undefined;
  /** Merged parts' image results, in file order (the parts checked the images). */
  private replayed: CheckedImage[] | undefined;
  /** A merge begun before its parts were all scanned: the leading parts whose keys are already joined, and their eval hits. */
  private early: { parts: number; lines: number; hits: JoinedKeys["evalHits"] } | undefined;

  constructor(init: SessionInit) {
    this.path = init.path;
    this.options = init.options;
    this.sizeHint = init.sizeHint;
    this.reread = init.reread;
    this.origin = init.origin;
    this.sink = newSink(init.options.maxProblemsPerRule, init.options.unlistedRules, init.options.errorsOnly, init.options.maxClassProblemsPerRule);
    if (init.marks === true && init.origin === undefined) {
      this.marks = new LineMarks();
      this.markBase = init.part?.start ?? 0;
      this.markBytes = Math.max(1, init.options.markBytes ?? MARK_BYTES);
      this.nextMark = this.markBytes;
    }
    if (init.part !== undefined) {
      this.keys = new KeyRecords();
      // The head decides the facts; the part's own bytes are what the splitter reads.
      // Whole-file findings of the head (rules' start hooks) are the merge's: it reads the same head.
      this.start(init.part.wholeInput, init.part.head, false, false);
      if (init.part.start > 0) this.splitter.continuing();
      this.sawContent = init.part.contentBefore;
      if (init.part.contentBefore) this.headerBefore(init.part.head);
    }
  }

  /**
   * A part after the file's first line: when that line is a header, its
   * class names are the names messages use here too (as in one scan, where
   * the header is read before every other row).
   */
  private headerBefore(head: Buffer): void {
    // The head's lines as the scan splits them (LF, CRLF, a lone CR; past --max-line-bytes a line is too long, not a header).
    let done = false;
    const splitter = new LineSplitter((buf, start, end, _crlf, _terminated, byteLength) => {
      if (done || (byteLength === end - start && (start === end || isBlank(buf, start, end)))) return;
      done = true;
      if (byteLength > end - start) return;
      const row = this.scratch;
      row.reset(buf, start, end, 1);
      this.format.parse(row);
      if (this.classifier.classify(row, false) === Verdict.Header) {
        const names = this.classifier.headerNames(row);
        if (this.facts.classNames === undefined && names.length === this.facts.numClasses) this.facts.classNames = names;
      }
    }, this.options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
    splitter.push(head);
    // A head cut at SNIFF_BYTES ends in a part of a line: only the whole input's last line is one.
    if (!done && head.length < SNIFF_BYTES) splitter.end();
  }

  /** How this file's images are checked, results going to `deliver`. */
  private imageCheck(deliver: (check: ImageCheck) => void) {
    const { options } = this;
    return {
      root: resolve(options.imageRoot ?? process.cwd()),
      allowed: options.imageDirs?.map((dir) => resolve(dir)),
      allowedNames: options.imageDirNames,
      fs: options.imageFs ?? nodeImageFs,
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      hash: options.hashImages === true,
      decode: options.decodeImages === true || options.similarImages === true,
      statUnsafe: this.facts.consumer === "imagelist" && options.imagelistReader !== undefined ? (options.imagelistReader === "hashnet" ? ("join" as const) : ("appended" as const)) : consumers[this.facts.consumer].unsafePaths,
      format: this.format,
      headerLine: this.headerLine,
      deliver,
    };
  }

  /**
   * A part's scan, ended: what merging it with the file's other parts needs
   * (see {@link mergeParts}). `handOver`: the part is merged on this thread,
   * so its statistics are handed over, not copied.
   */
  async savePart(stream?: LineStream, handOver = false): Promise<FilePart> {
    if (!this.started) this.start(true);
    this.splitter.end();
    const s = this.splitter;
    // The images of the part's rows are checked here (the I/O shards share); the rules see them when the parts are merged.
    let images: PlainCheckedImage[] | undefined;
    if (this.imageLines !== undefined) {
      images = [];
      if (this.imageLines.count > 0) {
        if (stream === undefined) throw new LabellintError("LL_READ_FAILED", `${this.path}: cannot re-read the input to check images`);
        const found = images;
        const { checkListedImages } = await import("../images/phase.js");
        await checkListedImages(this.imageLines, stream, { ...this.imageCheck((check) => found.push(plainImage({ line: check.line, status: check.status }))), onProgress: this.options.onImageProgress });
      }
    }
    return {
      ...(images !== undefined ? { images } : {}),
      lines: this.lines,
      rows: this.rows,
      bytes: s.bytes,
      file: { bom: s.bom, crlfLines: s.crlfLines, lfLines: s.lfLines, crLines: s.crLines, finalNewline: s.finalNewline },
      headerLine: this.headerLine,
      ...(this.headerNames !== undefined ? { headerNames: this.headerNames } : {}),
      tally: this.tally.save(handOver),
      rules: this.rules.savePart(),
      sink: saveSink(this.sink),
      keys: this.keys?.records() ?? new Uint32Array(0),
      ...(this.marks !== undefined ? { marks: this.marks.data } : {}),
    };
  }

  /**
   * Takes the parts of the whole file (in file order) as if their lines had
   * been read here: counts summed, problems moved to the file's lines and
   * capped in file order, each row's path hash indexed for duplicates and
   * split leakage in file order. `end` follows, exactly as after one scan.
   */
  async mergeParts(
    head: Buffer,
    wholeInput: boolean,
    parts: readonly Omit<FilePart, "keys">[],
    /** The parts' key records; a part's may come partitioned already (`batches`, by a worker: then its records are not read). */
    found: JoinedKeys | { keys: readonly Uint32Array[]; batches?: readonly (KeyBatch | undefined)[] },
  ): Promise<void> {
    if (this.early === undefined) this.start(wholeInput, head, false);
    else if (!("keys" in found)) throw new Error("a merge begun part by part takes the parts' keys");
    const s = this.splitter;
    let lineOffset = 0;
    let rowOffset = 0;
    const offsets: { lineOffset: number; rowOffset: number }[] = [];
    if (parts.some((p) => p.images !== undefined)) this.replayed = [];
    for (const part of parts) {
      offsets.push({ lineOffset, rowOffset });
      for (const image of part.images ?? []) this.replayed!.push(checkedImage(image, lineOffset));
      this.tally.merge(part.tally);
      if (part.headerLine > 0 && this.headerLine === 0) {
        this.headerLine = part.headerLine + lineOffset;
        this.headerNames = part.headerNames;
        if (this.facts.classNames === undefined && this.headerNames !== undefined && this.headerNames.length === this.facts.numClasses) this.facts.classNames = this.headerNames;
      }
      if (part.lines > 0) s.finalNewline = part.file.finalNewline;
      if (lineOffset === 0 && part.bytes > 0) s.bom = part.file.bom;
      s.crlfLines += part.file.crlfLines;
      s.lfLines += part.file.lfLines;
      s.crLines += part.file.crLines;
      s.bytes += part.bytes;
      lineOffset += part.lines;
      rowOffset += part.rows;
    }
    this.lines = lineOffset;
    this.rows = rowOffset;
    this.marks = mergedMarks(parts);
    let evalHits: JoinedKeys["evalHits"];
    if ("pairs" in found) {
      this.duplicates = DuplicateIndex.ofPairs(found.pairs);
      evalHits = found.evalHits;
    } else {
      // Parts joined while later ones were still being scanned are not joined again.
      const joined = this.early?.parts ?? 0;
      if (joined > 0 && this.early!.lines !== (offsets[joined]?.lineOffset ?? lineOffset)) throw new Error("the parts joined early are not the leading parts");
      evalHits = [...(this.early?.hits ?? []), ...this.joinKeys(found.keys.slice(joined), offsets.slice(joined), found.batches?.slice(joined))];
      if (this.keyJoin !== undefined) this.duplicates = DuplicateIndex.ofPairs(this.keyJoin.pairs());
    }
    // The parts' keys are joined: `end` has no rows of its own to join.
    this.keyJoin = undefined;
    mergeSinks(this.sink, parts.map((part, i) => ({ sink: part.sink, ...offsets[i]! })));
    this.rules.mergePart(parts.map((part, i) => ({ rules: part.rules, lineOffset: offsets[i]!.lineOffset })));
    // A train file's rows were joined with the eval files' by the caller; an eval file's matches become candidates here.
    const splits = this.options.splits;
    if (splits !== undefined && this.rules.has("split-leakage") && this.facts.split === "eval" && evalHits.length > 0) await this.addLeakCandidates(evalHits);
  }

  /**
   * Begins a merge before every part is scanned, so the leading parts' keys
   * can be joined (see {@link joinLeadingPart}) while the others are read;
   * {@link mergeParts} follows with every part, and joins the rest.
   */
  beginParts(head: Buffer, wholeInput: boolean): void {
    this.start(wholeInput, head, false);
    this.early = { parts: 0, lines: 0, hits: [] };
  }

  /** Joins the next leading part's keys (parts in file order, from the first), as {@link mergeParts} would. */
  joinLeadingPart(part: Pick<FilePart, "keys" | "lines">): void {
    const early = this.early;
    if (early === undefined) throw new Error("joinLeadingPart needs beginParts first");
    early.hits.push(...this.joinKeys([part.keys], [{ lineOffset: early.lines }]));
    early.parts++;
    early.lines += part.lines;
  }

  /**
   * The parts' key records (in memory, file order) joined here as one scan
   * indexes its rows: the duplicate index in line order, a train file's rows
   * into the run's split index, an eval file's rows looked up in it.
   */
  private joinKeys(keys: readonly Uint32Array[], offsets: readonly { lineOffset: number }[], batches?: readonly (KeyBatch | undefined)[]): JoinedKeys["evalHits"] {
    const splits = this.options.splits;
    const leakage = splits !== undefined && this.rules.has("split-leakage");
    const evaluating = this.facts.split === "eval";
    const hits: JoinedKeys["evalHits"] = [];
    const join = this.keyJoin;
    for (const [k, records] of keys.entries()) {
      const offset = offsets[k]!.lineOffset;
      const batch = batches?.[k];
      if (batch !== undefined) {
        // Partitioned by its worker: duplicates only (a run with split leakage sends the records).
        if (join === undefined || leakage) throw new Error("a part's keys came partitioned where their records are needed");
        join.addPartitioned(batch, offset);
        continue;
      }
      if (join !== undefined) {
        join.add(records, offset, KEY_DUPLICATE);
        if (!leakage) continue;
      }
      for (let i = 0; i < records.length; i += 4) {
        const hi = records[i]!;
        const lo = records[i + 1]!;
        const line = records[i + 2]! + offset;
        const flags = records[i + 3]!;
        if ((flags & KEY_DUPLICATE) !== 0 && join === undefined) this.duplicates.add(hi, lo, line);
        if ((flags & KEY_SPLIT) === 0 || !leakage) continue;
        if (!evaluating) splits.addTrainRow(hi, lo, line, () => "");
        else {
          const hit = splits.trainRowByHash(hi, lo);
          if (hit !== undefined) hits.push({ line, trainFile: hit.file, trainLine: hit.line });
        }
      }
    }
    return hits;
  }

  /** Eval rows whose path hash matched a train row's: candidates, as split-leakage's row hook makes them in one scan. */
  private async addLeakCandidates(hits: readonly { line: number; trainFile: number; trainLine: number }[]): Promise<void> {
    if (this.reread === undefined) throw new LabellintError("LL_READ_FAILED", `${this.path}: cannot re-read the input to confirm leaks`);
    const read = await this.reread(hits.map((h) => h.line));
    const row = new Row();
    for (const hit of hits) {
      const data = read.get(hit.line);
      if (data === undefined) continue;
      row.reset(data.bytes, 0, data.bytes.length, hit.line);
      this.format.parse(row);
      const written = data.bytes.toString("utf8", row.pathStart, row.pathEnd);
      this.options.splits!.addCandidate({
        file: this.path,
        line: hit.line,
        row: rowOfLine(hit.line, data, this.headerLine),
        path: written,
        key: normalisePathKey(written),
        source: data.bytes.toString("utf8"),
        trainFile: hit.trainFile,
        trainLine: hit.trainLine,
      });
    }
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
    // One pass: its rows' keys are joined now (a merge has joined its parts' already).
    if (this.keyJoin !== undefined) {
      this.duplicates = DuplicateIndex.ofPairs(this.keyJoin.pairs());
      this.keyJoin = undefined;
    }
    // Only the two duplicate rules read the confirmed copies: with both off, none are looked for.
    const duplicateRules = this.rules.has("duplicate-path") || this.rules.has("conflicting-duplicate");
    if (this.duplicates.candidates > 0 && duplicateRules) {
      if (reader === undefined) throw new LabellintError("LL_READ_FAILED", `${this.path}: cannot re-read the input to confirm duplicates`);
      const listable = (rule: string): number => (this.rules.has(rule) ? (this.sink.caps?.get(rule) ?? this.sink.cap) : 0);
      this.confirmed = await confirmDuplicates(this.duplicates, reader, this.format, this.facts.numClasses, this.headerLine, this.marks, {
        same: listable("duplicate-path"),
        conflict: listable("conflicting-duplicate"),
      });
    }
    const { splits } = this.facts;
    // Eval rows whose path hash matched a train row's: confirmed by re-reading the train lines.
    if (splits !== undefined && this.facts.split === "eval") await splits.confirm();
    // The image code loads only when images are checked.
    const referenced = checksImages(this.options) ? (this.options.referencedImages ?? new (await import("../images/orphans.js")).ReferencedImages(1)) : undefined;
    const images = this.replayed !== undefined || (this.imageLines !== undefined && this.imageLines.count > 0);
    if (images) {
      if (stream === undefined) throw new LabellintError("LL_READ_FAILED", `${this.path}: cannot re-read the input to check images`);
      let realRoot = "";
      const deliver = (check: ImageCheck): void => {
        this.imageStatistics?.add(check.status);
        referenced?.add(realRoot, check.key);
        this.rules.image(check);
      };
      const onRoot = (root: string) => (realRoot = root);
      // Merged parts: their shards checked the images; the results are delivered again, in file order.
      const { checkListedImages, replayImages } = await import("../images/phase.js");
      if (this.replayed !== undefined) await replayImages(this.replayed, stream, { ...this.imageCheck(deliver), onRoot });
      else await checkListedImages(this.imageLines!, stream, { ...this.imageCheck(deliver), onRoot, onProgress: this.options.onImageProgress });
    }
    // The last file of the run names the images no list of the run names.
    if (referenced?.fileDone()) this.facts.orphans = await referenced.orphans();
    this.rules.end();
    if (splits !== undefined && this.facts.split === "train") {
      splits.addTrainCounts(this.path, numbersOf(this.tally.positives), this.tally.validRows);
      splits.markTrainFile(this.marks);
      // Eval files name where a leaked image is in this train file: its own line, not the canonical one.
      if (this.origin !== undefined) splits.relocate(this.path, (line) => this.origin!.line(line));
    }
    if (this.origin !== undefined) {
      this.rules.readerFindings(this.origin);
      await quotePending(this.quotes, this.options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
    }
    return this.result();
  }

  /** Decides the facts from the head and readies the scan; `given`: the file's head when the bytes fed are not (a part), `feed`: scan the head too. */
  private start(wholeInput: boolean, given?: Buffer, feed = true, startHooks = true): void {
    this.started = true;
    const head = given ?? Buffer.concat(this.head, this.headBytes);
    this.head = [];
    const { options } = this;
    const found = readHead(head, options, this.path, wholeInput);
    this.format = found.format;
    this.formatReason = found.formatReason;
    this.numClassesSource = found.numClassesSource;
    this.numClassesReason = found.numClassesReason;
    this.facts = fileFacts(found, options, this.path, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, head);
    this.consumerReason = found.consumerReason;
    const resolvedRules = resolveRules(allRules, options.rules);
    // The threshold the html report draws on the class-frequency chart, when the rule is on.
    const rare = resolvedRules.find((r) => r.rule.meta.name === "rare-class");
    if (rare !== undefined && typeof rare.options["minPositives"] === "number") this.rareClassMinPositives = rare.options["minPositives"];
    // The file-level finding stands for the line findings it explains; with it off, they are listed again.
    const diagnosed = this.facts.diagnosis !== undefined && !options.listEveryLine && resolvedRules.some((r) => r.rule.meta.name === "wrong-format");
    if (checksImages(options)) this.imageLines = new ImageLines();
    this.lookUpBackslashPaths = checksImages(options) || options.lookUpBackslashPaths === true;
    if (options.decodeImages === true || options.similarImages === true) this.imageStatistics = new ImageStatisticsAccumulator();
    if (options.splits !== undefined && this.facts.split === "train") {
      options.splits.beginTrainFile(this.path, this.reread !== undefined ? { reader: this.reread, format: this.format } : undefined);
    }
    this.classifier = new Classifier(this.facts, this.format);
    this.tally = new Tally(this.facts, this.format, options.statistics === true);
    const expectedRows = this.sizeHint !== undefined ? this.sizeHint / found.profile.meanLineBytes : 1024;
    // A part keeps key records (see `part`); a merge joins its parts' (see `joinKeys`); one pass
    // joins its own rows' at the end: each indexes them with a KeyJoin, and its index is built from it.
    this.duplicates = new DuplicateIndex(0);
    if (this.keys === undefined) this.keyJoin = new KeyJoin(expectedRows);
    this.rules = new RuleDispatch(resolvedRules, this.facts, this.dataset(), this.sink, {
      covered: diagnosed ? coveredRules(this.facts.diagnosis!) : undefined,
      origin: this.origin,
      quotes: this.quotes,
      everyRow: options.everyRowHook === true,
    });
    if (startHooks) this.rules.start();
    this.splitter = new LineSplitter(this.onLine, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
    if (feed && head.length > 0) this.splitter.push(head);
  }

  /** What the rules see of the file as a whole (valid in `end`). */
  private dataset(): DatasetView {
    const session = this;
    return {
      get stats() {
        return session.tally.stats();
      },
      get duplicates() {
        return session.confirmed;
      },
      get rows() {
        return session.rows;
      },
      get file(): FileInfo {
        const s = session.splitter;
        return { bom: s.bom, crlfLines: s.crlfLines, lfLines: s.lfLines, crLines: s.crLines, finalNewline: s.finalNewline, lines: session.lines };
      },
    };
  }

  private readonly onLine = (buf: Buffer, start: number, end: number, crlf: boolean, _terminated: boolean, byteLength: number, cr: boolean): void => {
    const row = this.row;
    this.lines++;
    if (this.marks !== undefined) {
      const at = this.splitter.lineStart;
      if (at >= this.nextMark) {
        // Blank lines are the lines that are not rows (header aside), as a re-read counts them.
        this.marks.add(this.lines, this.markBase + at, this.lines - 1 - this.tally.verdictCounts[Verdict.Blank]!);
        this.nextMark = at + this.markBytes;
      }
    }
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
    this.judge(row, this.classifier.classify(row, this.sawContent));
  };

  private judge(row: Row, verdict: Verdict): void {
    row.verdict = verdict;
    this.tally.verdict(verdict);
    if (verdict !== Verdict.Blank) {
      // Across parts too: a part after the first starts with sawContent set when content came before it.
      row.first = !this.sawContent;
      if (verdict === Verdict.Header) {
        this.headerNames = this.classifier.headerNames(row);
        this.headerLine = row.line;
        // A header naming exactly C classes supplies the names messages use.
        if (this.facts.classNames === undefined && this.headerNames.length === this.facts.numClasses) this.facts.classNames = this.headerNames;
      } else row.row = this.rows++;
      this.sawContent = true;
    }
    if (verdict === Verdict.Ok || verdict === Verdict.LabelCount || verdict === Verdict.IndexLabels) {
      // A part records its rows' keys; the merge indexes them in file order.
      if (this.keys !== undefined) this.keys.add(row.hashHi, row.hashLo, row.line, KEY_DUPLICATE | (row.pathEnd > row.pathStart ? KEY_SPLIT : 0));
      else this.keyJoin!.addRow(row.hashHi, row.hashLo, row.line);
      if (this.imageLines !== undefined && row.pathEnd > row.pathStart) this.imageLines.mark(row.line);
      if (row.pathBackslash && this.lookUpBackslashPaths) row.pathAsWritten = this.existsAsWritten(row);
    } else if (verdict === Verdict.MissingSeparator) {
      // `path 0,1,0` is fixed into a row: its path must meet the others in the duplicate index.
      const split = readUnseparated(row, this.scratch);
      if (split !== undefined) {
        scanPath(row, false, split.runStart);
        if (this.keys !== undefined) this.keys.add(row.hashHi, row.hashLo, row.line, KEY_DUPLICATE);
        else this.keyJoin!.addRow(row.hashHi, row.hashLo, row.line);
      }
    }
    if (verdict === Verdict.Ok) this.tally.count(row);
    this.rules.row(row, verdict);
  }

  /**
   * A path with a `\\` that a file of that very name answers under the image
   * root (the image phase opens that file, as the consumer would on Linux).
   * Asked once per such row, on the scan, so its rule is judged on the row.
   */
  private existsAsWritten(row: Row): boolean {
    const path = row.buf.toString("utf8", row.pathStart, row.pathEnd);
    if (unsafeReason(path) !== undefined) return false;
    const fs = this.options.imageFs ?? nodeImageFs;
    try {
      return fs.existsSync?.(resolve(this.options.imageRoot ?? process.cwd(), path)) === true;
    } catch {
      return false;
    }
  }

  /** The dataset statistics, with the rare-class threshold they were judged by (set on the object: a spread would build the lazy per-class list). */
  private statistics(accumulator: StatisticsAccumulator, classNames: readonly string[] | undefined, unknowns: readonly number[] | undefined): DatasetStatistics {
    const statistics = computeStatistics(accumulator, classNames, unknowns);
    if (this.rareClassMinPositives !== undefined) statistics.rareClassMinPositives = this.rareClassMinPositives;
    return statistics;
  }

  /** The file's result; a record input's told as the input (its format, lines, bytes, and the records that became no row). */
  private result(): FileResult {
    const { origin, tally } = this;
    const rejected = origin?.rejected.length ?? 0;
    const rows = this.rows + rejected;
    const shape = tally.shape(this.rows);
    if (rejected > 0) {
      // Records the reader could not make rows are rows of the input all the same, and not in the matrix.
      shape.rows = rows;
      shape.ok = false;
      shape.reasons.unshift(`${formatCount(rejected)} ${rejected === 1 ? "record" : "records"} could not be read as a row of ${formatCount(this.facts.numClasses)} values`);
      const none = shape.reasons.indexOf("no data rows");
      if (none !== -1) shape.reasons.splice(none, 1);
    }
    const classNames = this.facts.classNames ?? (this.headerNames?.length === this.facts.numClasses ? this.headerNames : undefined);
    const stats = tally.stats();
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
      ...(this.facts.imagelistReader !== undefined ? { imagelistReader: this.facts.imagelistReader } : {}),
      ...(checksImages(this.options) ? { imageRoot: resolve(this.options.imageRoot ?? process.cwd()) } : {}),
      ...(classNames !== undefined ? { classNames } : {}),
      shape,
      ...sinkTotals(this.sink),
      stats,
      ...(tally.statistics !== undefined ? { statistics: this.statistics(tally.statistics, classNames, stats.unknowns) } : {}),
      ...(this.imageStatistics !== undefined ? { images: this.imageStatistics.result() } : {}),
      bytes: origin?.bytes ?? this.splitter.bytes,
    };
  }
}

/** The parts' line marks as the whole file's (lines and non-blank counts moved by the parts before); none unless every part has its own. */
function mergedMarks(parts: readonly Omit<FilePart, "keys">[]): LineMarks | undefined {
  if (parts.some((p) => p.marks === undefined)) return undefined;
  const merged = new LineMarks();
  let lineOffset = 0;
  let nonBlankOffset = 0;
  for (const part of parts) {
    const data = part.marks!;
    for (let i = 0; i + 2 < data.length; i += 3) merged.add(data[i]! + lineOffset, data[i + 1]!, data[i + 2]! + nonBlankOffset);
    lineOffset += part.lines;
    nonBlankOffset += part.lines - part.tally.verdictCounts[Verdict.Blank]!;
  }
  return merged;
}

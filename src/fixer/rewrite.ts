import { createHash } from "node:crypto";
import { fileChunks, type ChunkTransform } from "../io/source.js";
import { LineSplitter } from "../io/line-splitter.js";
import { ForwardLines } from "../io/forward-lines.js";
import type { AtomicFile } from "./atomic.js";
import type { OutputSink, RowWriter } from "../convert/writers.js";
import type { LineFormat } from "../readers/format.js";
import type { RecordTexts } from "../readers/records.js";
import { convertLine, rejectsPrefix } from "./lines.js";
import type { FixCounts, PlanDrop, PlanEdit, PlanReason, PlanReject } from "./plan.js";
import type { Decision, Place } from "./repair.js";

/** Every edit, drop and reject of a pass, for the plan. */
export interface RewriteLog {
  edits: PlanEdit[];
  drops: PlanDrop[];
  rejects: PlanReject[];
}

/** One streaming pass over a line file, each line decided by `decide`. */
export interface RewritePass {
  /** The file read: a line-format file (paddleclas or spaced). */
  input: string;
  displayPath: string;
  /** What becomes of the line at `place` (fix and convert: the check's edits; apply: the plan). `cut`: the line is over the length limit and `bytes` its head. */
  decide(place: Place, bytes: Buffer, cut: boolean): Decision;
  /** The formats read and written, to tell an edited line from one only carried into another format. */
  from: LineFormat;
  to: RowWriter;
  /** Added to line by line, so passes over several files can share them. */
  counts: FixCounts;
  /** Where rows go: an {@link AtomicFile}, or {@link SeparatedRows} over one for a writer whose rows are separated. */
  out?: (OutputSink & { drain(): Promise<void> }) | undefined;
  rejects?: AtomicFile | undefined;
  /** Columns written before the line number in each rejects row, TAB included (a file column). */
  rejectsLead?: string;
  /**
   * What line n of `input` is as the original input has it (a csv record,
   * an index line; see `CanonicalInput.records`): a rejected line is written
   * to the rejects file, and recorded, as that text.
   */
  records?: RecordTexts | undefined;
  /** `input`'s bytes are its lines through this transform (an unquoted CSV read in place). */
  transform?: (() => ChunkTransform) | undefined;
  /** Where line `n` of `input` is in the original input (a record format's canonical lines; default: line `n`). */
  placeOf?: (line: number) => Place;
  /** Where edits, drops and rejects are recorded, if anywhere (memory grows with them). */
  log?: RewriteLog | undefined;
  /** Called with the reasons of each rejected line, and the line number its rejects row shows. */
  onReject?: (reasons: readonly PlanReason[], line: number) => void;
  /** Called with the rules behind each edited line. */
  onEdit?: (rules: readonly string[]) => void;
  /** Called with the reason of each dropped line. */
  onDrop?: (reason: string, rule: string) => void;
  /** Called with the line number (as a rejects row shows it) of each row written to `out`, in order. */
  onRow?: (line: number) => void;
  /** Called before line `n` of `input` is decided (to interleave rows rejected elsewhere in line order). */
  beforeLine?: (line: number) => void;
  maxLineBytes: number;
}

/** What the pass read: the input's digest, and the whole-file normalisations writing it performed. */
export interface RewriteOutcome {
  sha256: string;
  bytes: number;
  /** The input started with a byte-order mark (the output does not). */
  bom: boolean;
  /** Lines ended by CRLF or by a lone CR (the output ends every line with LF). */
  otherLineEndings: number;
  /** The input's last line had no line break (the output's has). */
  noFinalNewline: boolean;
}

/**
 * Streams `input` once and sends every line somewhere: to `out` (fixed or
 * converted), to `rejects` (verbatim, with its line number and reasons), or
 * nowhere with a reason (blank, header, duplicate). Fix, convert and apply
 * all write through it; only how a line is decided differs.
 */
export async function rewriteLines(pass: RewritePass): Promise<RewriteOutcome> {
  const { input, displayPath, counts, out, rejects, log, from: format, to } = pass;
  const lead = pass.rejectsLead ?? "";
  const hash = createHash("sha256");
  let bytesIn = 0;
  let lineNo = 0;
  // Byte offset of the next line in the input: an over-long line reaches the
  // sink cut to its head, so its rejects row is copied from the input itself.
  let offset = -1;
  const records = pass.records !== undefined ? new ForwardLines(pass.records.path) : undefined;
  const separator = pass.records !== undefined ? Buffer.from(pass.records.separator)[0]! : 0;
  /**
   * Canonical line n's record, when the output writes rows over the input's
   * records (a json entry into a json output: its other keys kept); undefined otherwise.
   */
  const ownRecord = (n: number): string | undefined => {
    if (to.fromRecord === undefined || records === undefined || pass.records!.format !== to.id) return undefined;
    const span = records.span(n);
    return span !== undefined && span.end > span.start ? records.read(span.start, span.end).toString("utf8") : undefined;
  };
  const splitter = new LineSplitter((buf, start, end, crlf, terminated, byteLength) => {
    const line = ++lineNo;
    pass.beforeLine?.(line);
    counts.linesIn++;
    if (offset < 0) offset = splitter.bom ? 3 : 0;
    const lineStart = offset;
    offset += byteLength + (crlf ? 1 : 0) + (terminated ? 1 : 0);
    const bytes = buf.subarray(start, end);
    const place = pass.placeOf?.(line) ?? { line };
    const decision = pass.decide(place, bytes, byteLength > end - start);
    if (decision.kind === "clean") {
      // Nothing to fix (at most a change of format): written from the line's own bytes, not an edit.
      counts.rowsOut++;
      if (out !== undefined) {
        // The input's record of the row, in the output's format already (a json entry): as it is, every key.
        const record = ownRecord(line);
        if (record !== undefined) out.write(`${record}\n`);
        else to.writeClean(out, bytes, decision);
      }
      pass.onRow?.(place.line);
      return;
    }
    const shown = place.line;
    const text = bytes.toString("utf8");
    if (decision.kind === "drop") {
      counts.linesDropped++;
      pass.onDrop?.(decision.reason, decision.rule);
      log?.drops.push({ line: shown, text, reason: decision.reason, rule: decision.rule });
    } else if (decision.kind === "reject") {
      counts.rowsRejected++;
      // A record input's row as the input has it, not as its canonical line:
      // its own text, or the canonical line with the input's separator for the TAB.
      let record = records?.span(pass.records!.inputLines === true ? place.line : line);
      let head: Buffer | undefined;
      if (record !== undefined && record.end > record.start) head = records!.read(record.start, Math.min(record.end, record.start + pass.maxLineBytes));
      else {
        record = undefined;
        if (records !== undefined && byteLength === end - start) {
          head = Buffer.from(bytes);
          const tab = head.indexOf(9);
          if (tab !== -1) head[tab] = separator;
        }
      }
      log?.rejects.push({ line: shown, text: head !== undefined ? head.toString("utf8") : text, reasons: decision.reasons });
      pass.onReject?.(decision.reasons, shown);
      if (rejects !== undefined) {
        // Verbatim: the line's own bytes (invalid UTF-8 as it was), all of them.
        rejects.write(lead + rejectsPrefix(shown, decision.reasons));
        if (record !== undefined && record.end - record.start > head!.length) rejects.copyFrom(pass.records!.path, record.start, record.end);
        else if (head !== undefined) rejects.writeBytes(head, 0, head.length);
        else if (byteLength > end - start) rejects.copyFrom(input, lineStart, lineStart + byteLength);
        else rejects.writeBytes(bytes, 0, bytes.length);
        rejects.write("\n");
      }
    } else {
      // A line holding two rows is written as two (`rows`).
      const rows = decision.rows ?? 1;
      counts.rowsOut += rows;
      if (rows > 1) counts.linesSplit = (counts.linesSplit ?? 0) + rows - 1;
      // A record in the output's format (a json entry) is written over: its other keys kept.
      const record = rows === 1 && decision.bytes === undefined ? ownRecord(line) : undefined;
      const written = record !== undefined ? to.fromRecord!(record, decision.text) : decision.text;
      if (decision.bytes === undefined) out?.write(`${written}\n`);
      else {
        out?.writeBytes(decision.bytes, 0, decision.bytes.length);
        out?.write("\n");
      }
      for (let r = 0; r < rows; r++) pass.onRow?.(shown);
      // A change of format rewrites every line: a line is edited when a fix
      // changed it beyond that (the rules say which).
      const edited =
        decision.edited ??
        (to.lineFormat !== undefined
          ? decision.text !== convertLine(bytes, text, format, to.lineFormat) || (format.id !== to.id && decision.rules.length > 0)
          : decision.rules.length > 0);
      if (edited) {
        counts.linesEdited++;
        pass.onEdit?.(decision.rules);
        log?.edits.push({ line: shown, oldText: record ?? text, newText: written, rules: decision.rules, applicability: decision.applicability });
      }
    }
  }, pass.maxLineBytes);

  const transform = pass.transform?.();
  try {
    for await (const chunk of fileChunks(input, displayPath)) {
      // The digest is the input's own bytes' (a transform may edit the chunk).
      hash.update(chunk);
      bytesIn += chunk.length;
      if (transform === undefined) splitter.push(chunk);
      else for (const piece of transform.push(chunk)) splitter.push(piece);
      await out?.drain();
      await rejects?.drain();
    }
    if (transform !== undefined) for (const piece of transform.end()) splitter.push(piece);
    splitter.end();
  } finally {
    records?.close();
  }
  await out?.drain();
  await rejects?.drain();
  return {
    sha256: hash.digest("hex"),
    bytes: bytesIn,
    bom: splitter.bom,
    otherLineEndings: splitter.crlfLines + splitter.crLines,
    noFinalNewline: lineNo > 0 && !splitter.finalNewline,
  };
}

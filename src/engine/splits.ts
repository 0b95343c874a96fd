import type { LineFormat } from "../readers/format.js";
import { normalisePathKey } from "../readers/path.js";
import { Row } from "../readers/row.js";
import type { LineReader } from "./duplicates.js";
import type { LineMarks } from "../io/line-marks.js";
import { SimilarIndex } from "../images/similar.js";
import { pushTo } from "../collections.js";

/** Where an image was first seen in a train file. */
export interface TrainSighting {
  file: string;
  line: number;
  path: string;
}

/** An eval row whose path hash matched a train row's: a leak once the train line is re-read and its path is the same. */
export interface LeakCandidate {
  /** The eval file (as reported) and the row. */
  file: string;
  line: number;
  row: number;
  /** The path as written, its normalised key, and the line's text. */
  path: string;
  key: string;
  source: string;
  /** Where the train row is: file index and physical line. */
  trainFile: number;
  trainLine: number;
}

/** A confirmed leak: the candidate and the train file's name. */
export interface Leak extends LeakCandidate {
  trainName: string;
}

interface TrainFile {
  name: string;
  /** Re-reads the file's lines to confirm hash matches; absent for an input that is gone after linting (stdin, a stream, a record format's canonical copy): its keys are kept as strings. */
  reread?: { reader: LineReader; format: LineFormat };
  /** Where its lines start (noted by its scan), for re-reads that start near the lines they want. */
  marks?: LineMarks;
}

/** Slots start at this many and double at half load. */
const INITIAL_SLOTS = 1 << 12;

/** Per-class positives of the train files of a run (class-missing-in-split, label-distribution-shift). */
export interface TrainCounts {
  files: string[];
  numClasses: number;
  positives: number[];
  rows: number;
  /** Train files whose class count differs from the first: their counts are left out. */
  mismatched: string[];
}

/**
 * State shared by the files of one run for split-leakage (LL401) and the
 * cross-split rules. Train files are linted before eval files, which are then
 * checked against it.
 *
 * A train file that can be read again is indexed by the 64-bit hash of each
 * row's normalised path (the scanner computes it anyway) with its file and
 * line: 16 bytes a row, no strings. An eval row whose hash matches
 * is only a candidate; {@link confirm} re-reads the train lines and keeps the
 * candidates whose paths are equal. A train file that is gone after linting
 * (stdin, a stream, a record format's canonical copy) keeps its keys as
 * strings instead. With `hashImages`, image content hashes are kept too.
 */
export class SplitIndex {
  private readonly files: TrainFile[] = [];
  /** Open addressing, 4 ints a slot: hash hi, hash lo, file index + 1 (0 = empty), line. */
  private slots = new Int32Array(INITIAL_SLOTS * 4);
  private used = 0;
  private readonly paths = new Map<string, TrainSighting>();
  private readonly hashes = new Map<string, TrainSighting>();
  /** Train images by perceptual hash (near-duplicate-leakage); made by the first train image with one. */
  private similar: SimilarIndex<TrainSighting & { key: string; sha?: string }> | undefined;
  private counts: TrainCounts | undefined;
  private pending: LeakCandidate[] = [];
  private readonly leaks = new Map<string, Leak[]>();

  /** Starts a train file: the rows added next belong to it. `reread` makes it indexed by hash. */
  beginTrainFile(name: string, reread?: TrainFile["reread"]): void {
    this.files.push(reread !== undefined ? { name, reread } : { name });
  }

  /** The current train file's line marks, known when its scan is over. */
  markTrainFile(marks: LineMarks | undefined): void {
    const file = this.files[this.files.length - 1];
    if (file !== undefined && marks !== undefined) file.marks = marks;
  }

  /** Adds a row of the current train file (the first sighting of a path wins). */
  addTrainRow(hashHi: number, hashLo: number, line: number, path: () => string): void {
    const index = this.files.length - 1;
    const file = this.files[index];
    if (file === undefined) return;
    if (file.reread === undefined) {
      const written = path();
      this.addPath(normalisePathKey(written), { file: file.name, line, path: written });
      return;
    }
    if (this.find(hashHi, hashLo) >= 0) return;
    if ((this.used + 1) * 2 > this.slots.length / 4) this.grow();
    this.insert(hashHi, hashLo, index + 1, line);
  }

  /** The train row an eval path's hash points at, if any: a candidate until {@link confirm}. */
  trainRowByHash(hashHi: number, hashLo: number): { file: number; line: number } | undefined {
    const at = this.find(hashHi, hashLo);
    return at < 0 ? undefined : { file: this.slots[at + 2]! - 1, line: this.slots[at + 3]! };
  }

  /** True when some train file keeps its keys as strings (so eval paths are looked up by key too). */
  get hasPathKeys(): boolean {
    return this.paths.size > 0;
  }

  addCandidate(candidate: LeakCandidate): void {
    this.pending.push(candidate);
  }

  /** Re-reads the train lines of the pending candidates; those whose path is the same become leaks of their eval file. */
  async confirm(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    const byFile = new Map<number, LeakCandidate[]>();
    for (const c of pending) pushTo(byFile, c.trainFile, c);
    const row = new Row();
    for (const [index, candidates] of byFile) {
      const file = this.files[index]!;
      const lines = [...new Set(candidates.map((c) => c.trainLine))].sort((a, b) => a - b);
      const read = await file.reread!.reader(lines, file.marks);
      for (const c of candidates) {
        const data = read.get(c.trainLine);
        if (data === undefined) continue;
        row.reset(data.bytes, 0, data.bytes.length, c.trainLine);
        file.reread!.format.parse(row);
        if (normalisePathKey(data.bytes.toString("utf8", row.pathStart, row.pathEnd)) !== c.key) continue;
        const leaks = this.leaks.get(c.file) ?? [];
        leaks.push({ ...c, trainName: file.name });
        this.leaks.set(c.file, leaks);
      }
    }
  }

  /** The confirmed leaks of an eval file. */
  leaksOf(file: string): readonly Leak[] {
    return this.leaks.get(file) ?? [];
  }

  private find(hi: number, lo: number): number {
    const slots = this.slots;
    const mask = slots.length / 4 - 1;
    for (let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      const at = i * 4;
      if (slots[at + 2] === 0) return -1;
      if (slots[at] === (hi | 0) && slots[at + 1] === (lo | 0)) return at;
    }
  }

  private insert(hi: number, lo: number, file: number, line: number): void {
    const slots = this.slots;
    const mask = slots.length / 4 - 1;
    let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
    while (slots[i * 4 + 2] !== 0) i = (i + 1) & mask;
    const at = i * 4;
    slots[at] = hi;
    slots[at + 1] = lo;
    slots[at + 2] = file;
    slots[at + 3] = line;
    this.used++;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.used = 0;
    for (let at = 0; at < old.length; at += 4) if (old[at + 2] !== 0) this.insert(old[at]!, old[at + 1]!, old[at + 2]!, old[at + 3]!);
  }

  /** Adds a finished train file's clean-row class counts. */
  addTrainCounts(file: string, positives: readonly number[], rows: number): void {
    const counts = this.counts;
    if (counts === undefined) {
      this.counts = { files: [file], numClasses: positives.length, positives: [...positives], rows, mismatched: [] };
      return;
    }
    if (positives.length !== counts.numClasses) {
      counts.mismatched.push(file);
      return;
    }
    counts.files.push(file);
    counts.rows += rows;
    positives.forEach((h, i) => (counts.positives[i]! += h));
  }

  /** The train files' counts so far (undefined before any train file has ended). */
  get trainCounts(): Readonly<TrainCounts> | undefined {
    return this.counts;
  }

  addPath(key: string, sighting: TrainSighting): void {
    if (!this.paths.has(key)) this.paths.set(key, sighting);
  }

  addHash(hash: string, sighting: TrainSighting): void {
    if (!this.hashes.has(hash)) this.hashes.set(hash, sighting);
  }

  /** Indexes a train image's perceptual hash, for eval images within `threshold` bits. */
  addPerceptual(hash: bigint, threshold: number, sighting: TrainSighting & { key: string; sha?: string }): void {
    (this.similar ??= new SimilarIndex(threshold)).add(hash, sighting);
  }

  /** The train image closest to `hash` within the threshold, with the distance. */
  nearestPerceptual(hash: bigint): { value: TrainSighting & { key: string; sha?: string }; distance: number } | undefined {
    return this.similar?.nearest(hash);
  }

  /**
   * Moves the sightings of `file` to its own line numbers: a csv, indices,
   * columns or json train file is linted as canonical lines, whose numbers
   * `lineOf` maps back to the file's.
   */
  relocate(file: string, lineOf: (line: number) => number): void {
    for (const map of [this.paths, this.hashes]) {
      for (const sighting of map.values()) if (sighting.file === file) sighting.line = lineOf(sighting.line);
    }
    this.similar?.forEach((sighting) => {
      if (sighting.file === file) sighting.line = lineOf(sighting.line);
    });
  }

  byPath(key: string): TrainSighting | undefined {
    return this.paths.get(key);
  }

  byHash(hash: string): TrainSighting | undefined {
    return this.hashes.get(hash);
  }

  /** Train rows indexed (by hash or by key). */
  get size(): number {
    return this.used + this.paths.size;
  }
}

/** Where an image was first seen in a train file. */
export interface TrainSighting {
  file: string;
  line: number;
  path: string;
}

/**
 * State shared by the files of one run for split-leakage (LL401): the image
 * paths (normalised keys) of the train files, and with `hashImages` their
 * content hashes. Train files are linted before eval files, which are then
 * checked against it. Keys are kept as strings: memory grows with the train
 * rows' path lengths (a fixed-size hash + re-read confirmation is left for later).
 */
/** Per-class positives of the train files of a run (class-missing-in-split, label-distribution-shift). */
export interface TrainCounts {
  files: string[];
  numClasses: number;
  positives: number[];
  rows: number;
  /** Train files whose class count differs from the first: their counts are left out. */
  mismatched: string[];
}

export class SplitIndex {
  private readonly paths = new Map<string, TrainSighting>();
  private readonly hashes = new Map<string, TrainSighting>();
  private counts: TrainCounts | undefined;

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

  /**
   * Moves the sightings of `file` to its own line numbers: a csv, indices,
   * columns or json train file is linted as canonical lines, whose numbers
   * `lineOf` maps back to the file's.
   */
  relocate(file: string, lineOf: (line: number) => number): void {
    for (const map of [this.paths, this.hashes]) {
      for (const sighting of map.values()) if (sighting.file === file) sighting.line = lineOf(sighting.line);
    }
  }

  byPath(key: string): TrainSighting | undefined {
    return this.paths.get(key);
  }

  byHash(hash: string): TrainSighting | undefined {
    return this.hashes.get(hash);
  }

  get size(): number {
    return this.paths.size;
  }
}

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
export class SplitIndex {
  private readonly paths = new Map<string, TrainSighting>();
  private readonly hashes = new Map<string, TrainSighting>();

  addPath(key: string, sighting: TrainSighting): void {
    if (!this.paths.has(key)) this.paths.set(key, sighting);
  }

  addHash(hash: string, sighting: TrainSighting): void {
    if (!this.hashes.has(hash)) this.hashes.set(hash, sighting);
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

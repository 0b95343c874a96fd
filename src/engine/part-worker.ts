/**
 * A worker thread that scans one part of a file for a check that reads a
 * large file on several cores (see `lintInParts`): it runs the same part
 * scan a shard runs and posts the part back, its key records transferred.
 */
import { parentPort, workerData } from "node:worker_threads";
import { scanPart } from "./parts.js";
import type { LintOptions } from "./options.js";
import { partitionKeys, type KeyBatch } from "./duplicate-index.js";
import { KEY_DUPLICATE } from "./partial.js";

interface Job {
  path: string;
  display: string;
  options: LintOptions;
  index: number;
  count: number;
  lead: number;
  /** Partition the part's key records here (duplicates only): the calling thread then joins them without a pass of its own. */
  partitionKeys: boolean;
}

const job = workerData as Job;
let reported = 0;
const options: LintOptions = {
  ...job.options,
  // Progress goes to the thread that draws it, a few times a second at most.
  onProgress: (bytes, rows) => {
    const now = Date.now();
    if (now - reported < 200) return;
    reported = now;
    parentPort!.postMessage({ progress: { bytes, rows } });
  },
};
// The range's digest is for partials written to disk (shards), not for parts merged at once.
scanPart(job.path, job.display, options, job.index, job.count, { digest: false, lead: job.lead }).then(
  (scanned) => {
    // The labelset lists are handed over, not copied: a list with a million distinct labelsets makes tens of MB of them.
    const statistics = scanned.part.tally.statistics;
    const lists = statistics === undefined ? [] : [statistics.packed, statistics.spelledFlat, statistics.spelledAfter].filter((list) => ArrayBuffer.isView(list)).map((list) => (list as Float64Array).buffer as ArrayBuffer);
    if (!job.partitionKeys) {
      parentPort!.postMessage({ scanned }, [scanned.part.keys.buffer as ArrayBuffer, ...lists]);
      return;
    }
    const batch: KeyBatch = partitionKeys(scanned.part.keys, KEY_DUPLICATE);
    scanned.part.keys = new Uint32Array(0);
    parentPort!.postMessage({ scanned, batch }, [batch.rows.buffer as ArrayBuffer, batch.starts.buffer as ArrayBuffer, ...lists]);
  },
  (error: unknown) => {
    const e = error as Error & { code?: string };
    parentPort!.postMessage({ error: { message: e.message ?? String(error), code: e.code, name: e.name } });
  },
);

import pLimit, { type LimitFunction } from "p-limit";
import type { LineFormat } from "../readers/format.js";
import { normalisePathKey } from "../readers/path.js";
import { Row } from "../readers/row.js";
import { unsafeReason } from "../rules/unsafe-path.js";
import type { ImageCheck } from "../engine/api.js";
import { checkImage, type ImageStatus } from "./check.js";
import { LabellintError } from "../errors.js";
import type { ImageFs } from "./fs.js";
import type { StreamedLine } from "../io/source.js";

/** Default number of images checked at once (chosen from `node bench/bench.mjs --images`). */
export const DEFAULT_CONCURRENCY = 16;

export interface ImagePhaseOptions {
  /** The image root after realpath. */
  realRoot: string;
  fs: ImageFs;
  concurrency: number;
  hash: boolean;
  format: LineFormat;
  /** Line of a header row (0 for none), for logical row numbers. */
  headerLine: number;
  /** The eligible lines of the input, streamed again in file order. */
  lines: AsyncIterable<StreamedLine[]>;
  /** Receives each result, in file order. */
  deliver(check: ImageCheck): void;
  onProgress?: ((checked: number) => void) | undefined;
}

/**
 * Checks the image of every streamed line with at most `concurrency` checks
 * in flight and at most `4 × concurrency` results waiting, and hands the
 * results over in file order whatever order they complete in. Unsafe paths
 * (absolute, escaping `..`) are skipped: they are never opened.
 */
export async function runImagePhase(o: ImagePhaseOptions): Promise<number> {
  const limit = pLimit(Math.max(1, o.concurrency));
  const windowSize = Math.max(1, o.concurrency) * 4;
  const window: Promise<ImageCheck>[] = [];
  const row = new Row();
  const stop: Stop = {};
  let checked = 0;
  const flushOne = async (): Promise<void> => {
    o.deliver(await window.shift()!);
    o.onProgress?.(++checked);
  };
  for await (const batch of o.lines) {
    for (const line of batch) {
      row.reset(line.bytes, 0, line.bytes.length, line.line);
      o.format.parse(row);
      const path = line.bytes.toString("utf8", row.pathStart, row.pathEnd);
      if (path === "" || unsafeReason(path) !== undefined) continue;
      const key = normalisePathKey(path);
      const base = {
        line: line.line,
        row: line.nonBlankBefore - (o.headerLine > 0 && o.headerLine < line.line ? 1 : 0),
        path,
        key,
        source: line.bytes.toString("utf8"),
      };
      const pending = checkWithRetry(o, key, limit, stop).then((status) => ({ ...base, status }));
      // A fatal failure is thrown where results are delivered, in order; the others must not go unhandled meanwhile.
      pending.catch(() => undefined);
      window.push(pending);
      while (window.length >= windowSize) await flushOne();
    }
  }
  while (window.length > 0) await flushOne();
  return checked;
}

/** Attempts at one image, once checks run one at a time, before running out of file descriptors is fatal. */
const RETRIES_ALONE = 6;
const OUT_OF_FILES: ReadonlySet<string> = new Set(["EMFILE", "ENFILE"]);

/**
 * Checks one image; a failure of the system (not of the image) is never a
 * finding. Out of file descriptors, the check gives up its turn, the phase
 * lets no more checks run at once than are running now, and the image waits
 * for another turn; when that fails even one at a time, or on another system
 * failure (EIO, a folder that cannot be searched), the phase stops with one
 * fatal error, so `fix` never rejects a good row for it.
 */
async function checkWithRetry(o: ImagePhaseOptions, key: string, limit: LimitFunction, stop: Stop): Promise<ImageStatus> {
  for (let alone = 0; ; ) {
    const status = await limit(() => {
      // After a fatal failure, the checks still waiting settle at once, without opening anything.
      if (stop.error !== undefined) throw stop.error;
      return checkImage(o.fs, o.realRoot, key, { hash: o.hash });
    });
    if (status.kind !== "system") return status;
    if (OUT_OF_FILES.has(status.code) && limit.concurrency === 1) alone++;
    if (!OUT_OF_FILES.has(status.code) || alone > RETRIES_ALONE) {
      const hint = OUT_OF_FILES.has(status.code) ? ": raise the open-file limit (ulimit -n) or lower --concurrency, and run again" : "; no row was judged by it";
      stop.error ??= new LabellintError("LL_READ_FAILED", `cannot check image '${key}': ${status.reason} (${status.code})${hint}`);
      throw stop.error;
    }
    // The checks still running hold what descriptors there are: no more than that many at once from now on.
    limit.concurrency = Math.max(1, Math.min(limit.concurrency - 1, limit.activeCount));
    await new Promise((resolve) => setTimeout(resolve, 2 ** Math.min(alone, 8)));
  }
}

/** The first fatal failure of a phase, which ends every check after it. */
interface Stop {
  error?: LabellintError;
}

import pLimit from "p-limit";
import type { LineFormat } from "../readers/format.js";
import { normalisePathKey } from "../readers/path.js";
import { Row } from "../readers/row.js";
import { unsafeReason } from "../rules/unsafe-path.js";
import type { ImageCheck } from "../types.js";
import { checkImage } from "./check.js";
import type { ImageFs } from "./fs.js";
import type { StreamedLine } from "../engine/source.js";

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
      window.push(limit(async () => ({ ...base, status: await checkImage(o.fs, o.realRoot, key, { hash: o.hash }) })));
      while (window.length >= windowSize) await flushOne();
    }
  }
  while (window.length > 0) await flushOne();
  return checked;
}

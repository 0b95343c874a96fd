import { createHash } from "node:crypto";
import { open, stat } from "node:fs/promises";
import { LabellintError } from "../errors.js";
import { lineFileOptions, withImageRoot } from "../engine/lint.js";
import { readAsConsumer } from "../engine/facts.js";
import type { LintOptions } from "../engine/options.js";
import { LintSession } from "../engine/session.js";
import { DEFAULT_MAX_LINE_BYTES, SNIFF_BYTES } from "../io/limits.js";
import { fileLineStream } from "../io/source.js";
import { isGzip } from "../io/text-input.js";
import type { SplitRole } from "../types.js";
import { contentBefore, shardRange } from "./ranges.js";
import { digestOf, PARTIAL_VERSION, plainOptions, writePartial, type PartialFile } from "./partial-file.js";
import { VERSION } from "../version.js";

/** One input of a sharded check: the file (absolute), its name in reports, its role and its own options. */
export interface ShardInput {
  path: string;
  display: string;
  role: SplitRole | undefined;
  options: LintOptions;
}

/** Which shard of how many. */
export interface ShardSpec {
  index: number;
  count: number;
}

const READ_BYTES = 1 << 20;

/** Line formats a shard cuts into byte ranges: a line never depends on another to be read. */
const SHARDED_FORMATS = new Set(["paddleclas", "spaced"]);

/**
 * The options a file of a sharded run is checked with, the same in every
 * shard and in the merge: statistics always (the merge decides whether to
 * print them).
 */
export function shardOptions(input: ShardInput): LintOptions {
  const options: LintOptions = { ...readAsConsumer(input.options), statistics: true };
  if (input.role !== undefined) options.split = input.role;
  return options;
}

/**
 * Checks shard `spec` of every input and writes the partial to `out`: each
 * file cut into `count` newline-aligned byte ranges, this shard's range
 * scanned with the file's own head deciding format and class count, and the
 * scan saved (counts, problems, each rule's cross-row state, one key record
 * per row) for `labellint merge`.
 */
export async function checkShard(inputs: readonly ShardInput[], spec: ShardSpec, out: string): Promise<{ files: number; bytes: number; lines: number }> {
  const files: PartialFile[] = [];
  const keys: Uint32Array[] = [];
  let offset = 0;
  let bytes = 0;
  let lines = 0;
  const settings = { files: inputs.map((input) => ({ display: input.display, options: plainOptions(shardOptions(input)) })) };
  for (const input of inputs) {
    const options = shardOptions(input);
    if (input.path === "-") throw new LabellintError("LL_USAGE", "--shard reads files, not standard input: every shard must read the same bytes");
    const chosen = await lineFileOptions(input.path, options, input.display);
    const format = chosen.format ?? "auto";
    if (chosen.record !== undefined || !SHARDED_FORMATS.has(format)) {
      throw new LabellintError("LL_USAGE", `${input.display}: --shard cuts paddleclas and spaced lists into byte ranges; this file is read as ${format} (convert it first: labellint convert ${input.display} --to paddleclas --out …)`);
    }
    const info = await stat(input.path).catch((error: unknown) => {
      throw new LabellintError("LL_READ_FAILED", `cannot read '${input.display}': ${(error as Error).message}`, { cause: error });
    });
    if (!info.isFile()) throw new LabellintError("LL_USAGE", `${input.display}: --shard reads regular files (every shard must read the same bytes at the same offsets)`);
    const handle = await open(input.path, "r");
    try {
      const size = info.size;
      const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
      await handle.read(head, 0, head.length, 0);
      if (isGzip(head)) throw new LabellintError("LL_USAGE", `${input.display}: --shard cannot cut a gzip file into byte ranges; decompress it first`);
      const range = await shardRange(handle, size, spec.index, spec.count);
      const session = new LintSession({
        path: input.display,
        // Image paths are relative to the label file's directory unless an image root is given (as in one check).
        options: withImageRoot(chosen.options, input.path),
        sizeHint: range.end - range.start,
        part: { head, wholeInput: size < SNIFF_BYTES, start: range.start, contentBefore: range.start > 0 && (await contentBefore(handle, range.start)) },
      });
      const hash = createHash("sha256");
      const buffer = Buffer.allocUnsafe(READ_BYTES);
      for (let position = range.start; position < range.end; ) {
        const { bytesRead } = await handle.read(buffer, 0, Math.min(READ_BYTES, range.end - position), position);
        if (bytesRead === 0) throw new LabellintError("LL_INPUT_CHANGED", `${input.display} became shorter while it was read (at byte ${position} of ${size})`);
        const chunk = buffer.subarray(0, bytesRead);
        hash.update(chunk);
        session.push(chunk);
        position += bytesRead;
      }
      const after = await handle.stat();
      if (after.size !== size || after.mtimeMs !== info.mtimeMs) throw new LabellintError("LL_INPUT_CHANGED", `${input.display} changed while it was read; run the shard again`);
      // The images of this range's rows are checked by this shard.
      const { keys: records, ...part } = await session.savePart(fileLineStream(input.path, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, undefined, range));
      files.push({
        path: input.path,
        display: input.display,
        role: input.role ?? null,
        size,
        mtimeMs: info.mtimeMs,
        range,
        sha256: hash.digest("hex"),
        keys: { offset, records: records.length / 4 },
        part,
      });
      keys.push(records);
      offset += records.byteLength;
      bytes += range.end - range.start;
      lines += part.lines;
    } finally {
      await handle.close();
    }
  }
  await writePartial(out, { kind: "labellint-partial", version: PARTIAL_VERSION, labellint: VERSION, shard: spec, settings, settingsDigest: digestOf(settings), files }, keys);
  return { files: files.length, bytes, lines };
}

/**
 * `--shard I/N`, `--shard auto` or `--shard auto/N`: `auto` reads the shard
 * from the engine that runs it — a Slurm job array (SLURM_ARRAY_TASK_ID and
 * SLURM_ARRAY_TASK_COUNT, or the task's offset from SLURM_ARRAY_TASK_MIN), a
 * Kubernetes Indexed Job (JOB_COMPLETION_INDEX, with N given as auto/N).
 */
export function parseShard(value: string, env: Readonly<Record<string, string | undefined>>): ShardSpec {
  const usage = `--shard takes I/N (0 ≤ I < N), auto or auto/N, got '${value}'`;
  const match = /^(auto|\d+)(?:\/(\d+))?$/.exec(value.trim());
  if (match === null) throw new LabellintError("LL_USAGE", usage);
  const given = match[2] !== undefined ? Number(match[2]) : undefined;
  if (match[1] !== "auto") {
    if (given === undefined) throw new LabellintError("LL_USAGE", usage);
    return checked(Number(match[1]), given, usage);
  }
  const slurmId = env["SLURM_ARRAY_TASK_ID"];
  if (slurmId !== undefined && slurmId !== "") {
    const min = Number(env["SLURM_ARRAY_TASK_MIN"] ?? "0");
    const count = given ?? (env["SLURM_ARRAY_TASK_COUNT"] !== undefined ? Number(env["SLURM_ARRAY_TASK_COUNT"]) : undefined);
    if (count === undefined) throw new LabellintError("LL_USAGE", "--shard auto: SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not; give the count as --shard auto/N");
    return checked(Number(slurmId) - min, count, `--shard auto: SLURM_ARRAY_TASK_ID=${slurmId} (minimum ${min}) is not a shard of ${count}; use --array=0-${count - 1}`);
  }
  const k8s = env["JOB_COMPLETION_INDEX"];
  if (k8s !== undefined && k8s !== "") {
    if (given === undefined) throw new LabellintError("LL_USAGE", "--shard auto: JOB_COMPLETION_INDEX is set; give the job's completions as --shard auto/N");
    return checked(Number(k8s), given, `--shard auto: JOB_COMPLETION_INDEX=${k8s} is not a shard of ${given}`);
  }
  throw new LabellintError("LL_USAGE", "--shard auto: none of SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX is set; pass the shard as --shard I/N (e.g. a CI matrix value)");
}

function checked(index: number, count: number, message: string): ShardSpec {
  if (!Number.isInteger(index) || !Number.isInteger(count) || count < 1 || index < 0 || index >= count) throw new LabellintError("LL_USAGE", message);
  return { index, count };
}

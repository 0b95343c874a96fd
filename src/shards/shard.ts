import { LabellintError } from "../errors.js";
import { lineFileOptions, withImageRoot } from "../engine/lint.js";
import { readAsConsumer } from "../engine/facts.js";
import { scanPart } from "../engine/parts.js";
import { isTextFile } from "../io/text-input.js";
import type { LintOptions } from "../engine/options.js";
import type { SplitRole } from "../types.js";
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
  const optionsOf = inputs.map(shardOptions);
  const settings = { files: inputs.map((input, i) => ({ display: input.display, options: plainOptions(optionsOf[i]!) })) };
  for (const [i, input] of inputs.entries()) {
    const options = optionsOf[i]!;
    if (input.path === "-") throw new LabellintError("LL_USAGE", "--shard reads files, not standard input: every shard must read the same bytes");
    // Refused as one check refuses it: a file that is not text (binary data, UTF-16, an image…) or a PaddleClas config; gzip is refused below.
    await isTextFile(input.path, input.display);
    const chosen = await lineFileOptions(input.path, options, input.display);
    const format = chosen.format ?? "auto";
    if (chosen.record !== undefined || !SHARDED_FORMATS.has(format)) {
      const convert = `labellint convert ${input.display} --to paddleclas --out …`;
      // An index list's rows past ~500k classes do not fit a paddleclas line: converting is no way there.
      const how =
        format === "indices" || format === "json"
          ? `: check it whole, without --shard (an index list is read in one pass, about a million rows a second), or convert it first when its C values fit a line (${convert})`
          : ` (convert it first: ${convert})`;
      throw new LabellintError("LL_USAGE", `${input.display}: --shard cuts paddleclas and spaced lists into byte ranges; this file is read as ${format}${how}`);
    }
    const scanned = await scanPart(input.path, input.display, withImageRoot(chosen.options, input.path), spec.index, spec.count);
    const { keys: records, ...part } = scanned.part;
    files.push({
      path: input.path,
      display: input.display,
      role: input.role ?? null,
      size: scanned.size,
      mtimeMs: scanned.mtimeMs,
      range: scanned.range,
      sha256: scanned.sha256,
      keys: { offset, records: records.length / 4 },
      part,
    });
    keys.push(records);
    offset += records.byteLength;
    bytes += scanned.range.end - scanned.range.start;
    lines += part.lines;
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

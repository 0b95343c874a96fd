import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SeededRandom } from "../../src/split/random.js";
import { ROOT } from "../shared.js";

/**
 * A sharded check on a real Slurm job array: `sbatch --array=0-3` runs
 * `labellint check --shard auto --partial`, each task taking its shard from
 * SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT, then `labellint merge` must
 * give the report one unsharded `check` gives.
 *
 * The cluster is this machine alone (scripts/slurm-local.sh: one node, no
 * systemd), so the job's files live in a temporary directory the tasks see as
 * they are. When Slurm is not answering, the suite starts it, which needs
 * root (it may install slurm-wlm and munge); otherwise it is skipped, saying why.
 */

const SCRIPT = join(ROOT, "scripts", "slurm-local.sh");
const BIN = join(ROOT, "dist", "cli", "bin.js");
const BUILT = existsSync(BIN);
const IS_ROOT = process.getuid?.() === 0;
// Starting Slurm may first install it: apt-get update and install took about 20 s, the daemons under 2 s.
const START_TIMEOUT = 240_000;
// sbatch --wait polls the controller every few seconds: a 4-task array of trivial tasks takes about 10 s.
const JOB_TIMEOUT = 180_000;
const TASKS = 4;
const C = 5;

const slurmAnswers = (): boolean => {
  const sinfo = spawnSync("sinfo", ["--noheader", "--format=%T"], { encoding: "utf8", timeout: 15_000 });
  return sinfo.status === 0 && sinfo.stdout.trim() !== "";
};
const ANSWERING = slurmAnswers();
const skipReason = ANSWERING
  ? ""
  : !IS_ROOT
    ? "Slurm is not running, and starting it (scripts/slurm-local.sh) needs root"
    : !existsSync(SCRIPT)
      ? "Slurm is not running, and scripts/slurm-local.sh is missing"
      : "";
const title = (text: string): string => (skipReason === "" ? text : `${text} — SKIPPED: ${skipReason}`);

/** Keys of a json report that hold times, which differ from run to run (report.schema.json has none today). */
const TIMING_KEYS = new Set(["elapsedMs", "durationMs", "timings", "startedAt", "finishedAt"]);

/** `value` without its timing keys, at any depth. */
function withoutTimings(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTimings);
  if (value !== null && typeof value === "object") {
    const kept: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (!TIMING_KEYS.has(key)) kept[key] = withoutTimings(inner);
    }
    return kept;
  }
  return value;
}

/** The output of a failed command, to say why an assertion failed. */
const said = (run: SpawnSyncReturns<string>): string =>
  `exit ${run.status}${run.signal ? ` (${run.signal})` : ""}${run.error ? `, ${run.error.message}` : ""}\n${run.stdout}\n${run.stderr}`;

/** Runs `script` as a job array of TASKS tasks and waits for all of them; task i writes out-i.txt in `dir`. */
let jobs = 0;
function submitArray(dir: string, script: string): SpawnSyncReturns<string> {
  const path = join(dir, `job-${jobs++}.sh`);
  writeFileSync(path, script, { mode: 0o755 });
  return spawnSync(
    "sbatch",
    [`--array=0-${TASKS - 1}`, "--wait", "--chdir", dir, "--output", join(dir, "out-%a.txt"), "--job-name", "labellint-shards", path],
    { encoding: "utf8", timeout: JOB_TIMEOUT },
  );
}

/** Everything the tasks wrote, for a failure message. */
const outputs = (dir: string): string =>
  readdirSync(dir)
    .filter((name) => name.startsWith("out-"))
    .map((name) => `--- ${name}\n${readFileSync(join(dir, name), "utf8")}`)
    .join("\n");

/**
 * A paddleclas list of about 3,000 rows over C classes with defects (a blank
 * line, a 2, a short row), exact duplicates and conflicting duplicates. Some sit
 * on the lines around each quarter of the file's bytes, where shards of four
 * meet, so a shard boundary falls between a row and its duplicate or through a
 * defect; a duplicate's first copy is often in another shard.
 */
function labelList(): string {
  const random = new SeededRandom(20_261_202);
  const row = (i: number): string => {
    const labels = Array.from({ length: C }, () => (random.next() < 0.3 ? 1 : 0));
    return `images/${String(i).padStart(6, "0")}.jpg\t${labels.join(",")}`;
  };
  const rows = Array.from({ length: 3000 }, (_, i) => row(i));
  const spread = [...rows];
  const conflicting = (line: string): string => {
    const [path, labels] = line.split("\t") as [string, string];
    return `${path}\t${labels
      .split(",")
      .map((v, k) => (k === 0 ? String(1 - Number(v)) : v))
      .join(",")}`;
  };
  const defects = [
    (i: number) => rows[i - 1]!, // duplicate of the row before
    (i: number) => conflicting(rows[Math.floor(i / 3)]!), // conflicting duplicate of a row in an earlier shard
    () => "", // blank line
    (i: number) => `images/${String(i).padStart(6, "0")}.jpg\t0,2,0,1,0`, // a value that is not 0 or 1
    (i: number) => `images/${String(i).padStart(6, "0")}.jpg\t0,1,0`, // short row
    (i: number) => rows[i - 700]!, // duplicate of a row in the shard before
  ];
  // Spread through the file.
  for (const at of [40, 410, 980, 1333, 1890, 2222, 2600, 2950]) spread[at] = defects[at % defects.length]!(at);
  // Around each quarter of the bytes: the line holding byte q·N/4, and three on either side. The
  // defects change N, so place them again until the quarters fall where they were placed.
  const quarters = (lines: string[]): number[] => {
    const ends: number[] = [];
    let end = 0;
    for (const line of lines) ends.push((end += Buffer.byteLength(line) + 1));
    return [1, 2, 3].map((q) => ends.findIndex((e) => e > (q * end) / TASKS));
  };
  let lines = spread;
  let around = quarters(lines);
  for (let pass = 0; pass < 5; pass++) {
    lines = [...spread];
    around.forEach((at, q) => {
      for (let k = -3; k <= 3; k++) lines[at + k] = defects[(k + 3 + q) % defects.length]!(at + k);
    });
    const moved = quarters(lines);
    if (moved.every((at, q) => at === around[q])) break;
    around = moved;
  }
  return lines.join("\n") + "\n";
}

describe.skipIf(skipReason !== "")(title("a sharded check on a Slurm job array"), () => {
  let startFailure = "";
  let started = false;
  let dir = "";

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "labellint-slurm-"));
    if (ANSWERING) return;
    const start = spawnSync("bash", [SCRIPT], { encoding: "utf8", timeout: START_TIMEOUT });
    if (start.status === 0) {
      started = true;
    } else {
      const why = start.stderr.trim().split("\n").at(-1) ?? "";
      startFailure = `scripts/slurm-local.sh could not start Slurm: ${why || said(start)}`;
      console.warn(`skipping the Slurm tests: ${startFailure}`);
    }
  }, START_TIMEOUT + 10_000);

  afterAll(() => {
    if (started) spawnSync("bash", [SCRIPT, "stop"], { timeout: 30_000 });
    if (dir !== "") rmSync(dir, { recursive: true, force: true });
  });

  it(
    `runs a ${TASKS}-task array, each task seeing its index and the count`,
    (ctx) => {
      if (startFailure !== "") ctx.skip(startFailure);
      const job = submitArray(dir, '#!/bin/bash\necho "$SLURM_ARRAY_TASK_ID $SLURM_ARRAY_TASK_COUNT"\n');
      expect(job.status, said(job)).toBe(0);
      for (let task = 0; task < TASKS; task++) {
        expect(readFileSync(join(dir, `out-${task}.txt`), "utf8")).toBe(`${task} ${TASKS}\n`);
      }
    },
    JOB_TIMEOUT + 10_000,
  );

  it.skipIf(!BUILT)(
    BUILT
      ? "merging the tasks' partial reports gives the unsharded check's json report and exit code"
      : "merging the tasks' partial reports — SKIPPED: dist/ is not built (npm test builds it first)",
    (ctx) => {
      if (startFailure !== "") ctx.skip(startFailure);
      const list = join(dir, "train_list.txt");
      writeFileSync(list, labelList());
      const partials = join(dir, "partials");
      // check exits 1 when it finds problems, which this list has: only 2 (it could not check) fails the task.
      const job = submitArray(
        dir,
        [
          "#!/bin/bash",
          `mkdir -p '${partials}'`,
          `'${process.execPath}' '${BIN}' check '${list}' --num-classes ${C} --shard auto --partial "${partials}/part-$SLURM_ARRAY_TASK_ID.json"`,
          "status=$?",
          'if [ "$status" -ge 2 ]; then exit "$status"; fi',
          "",
        ].join("\n"),
      );
      expect(job.status, `${said(job)}\n${outputs(dir)}`).toBe(0);
      const parts = Array.from({ length: TASKS }, (_, task) => join(partials, `part-${task}.json`));
      for (const part of parts) expect(existsSync(part), `${part} missing\n${outputs(dir)}`).toBe(true);

      const labellint = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
      const merged = labellint("merge", ...parts, "--reporter", "json");
      const whole = labellint("check", list, "--num-classes", String(C), "--reporter", "json");
      expect(whole.status, said(whole)).toBe(1);
      expect(merged.status, said(merged)).toBe(whole.status);
      expect(withoutTimings(JSON.parse(merged.stdout))).toEqual(withoutTimings(JSON.parse(whole.stdout)));
    },
    JOB_TIMEOUT + 60_000,
  );
});

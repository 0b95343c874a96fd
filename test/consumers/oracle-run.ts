/**
 * Runs the consumers' oracles (`oracles/*.py`) for the consumer tests: many
 * argument lists in one Python process (`--batch`), one verdict each.
 */
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "../shared.js";
import type { Outcome, Stage } from "./cases.js";

export const ORACLES = join(ROOT, "test", "consumers", "oracles");
export const PYTHON = process.env.LABELLINT_PYTHON ?? "python3";

/** One oracle's verdict on one file (see `oracles/_common.py`). */
export interface OracleVerdict {
  outcome: Outcome;
  stage: Stage | null;
  exception: string | null;
  message: string | null;
  line: number | null;
  rows: { path: string; labels: number[] }[];
  why: string | null;
}

/** Why the oracles cannot run here (no python3, no numpy), or undefined. */
export function pythonProblem(): string | undefined {
  const probe = spawnSync(PYTHON, ["-c", "import numpy, sys; print(sys.version.split()[0], numpy.__version__)"], { encoding: "utf8" });
  if (probe.error) return `${PYTHON} not found (${probe.error.message})`;
  if (probe.status !== 0) return `${PYTHON} has no numpy (${probe.stderr.trim().split("\n").pop() ?? ""})`;
  return undefined;
}

/** Runs one oracle over many argument lists in one Python process (`--batch`): one verdict per list, in order. */
export function runOracleBatch(script: string, argLists: readonly string[][]): Promise<OracleVerdict[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [join(ORACLES, script), "--batch"], { env: { ...process.env, PYTHONIOENCODING: "utf-8", PYTHONDONTWRITEBYTECODE: "1" } });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const lines = out.split("\n").filter((l) => l !== "");
      if (code !== 0 || lines.length !== argLists.length) reject(new Error(`oracle ${script} exited ${code} after ${lines.length} of ${argLists.length} verdicts: ${err}`));
      else resolve(lines.map((l) => JSON.parse(l) as OracleVerdict));
    });
    child.stdin.end(argLists.map((a) => JSON.stringify(a)).join("\n") + "\n");
  });
}

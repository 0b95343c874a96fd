import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { LabellintError } from "../src/errors.js";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** Real data shared beside the project; tests that need it skip, saying why, when it is absent. */
export const SHARED = resolve(ROOT, "..", "shared");
export const HAS_SHARED = existsSync(join(SHARED, "data", "real"));
export const SHARED_SKIP_REASON = `../shared/data/real not found at ${SHARED}: skipping tests on real label files`;
export const realFile = (name: string): string => join(SHARED, "data", "real", name);
export const fixture = (...parts: string[]): string => join(ROOT, "fixtures", ...parts);

/** A describe title that carries the skip reason when the shared data is absent. */
export const sharedTitle = (title: string): string => (HAS_SHARED ? title : `${title} — SKIPPED: ${SHARED_SKIP_REASON}`);

/** The LabellintError `promise` rejects with (the test fails if it resolves or rejects otherwise). */
export async function rejection(promise: Promise<unknown>): Promise<LabellintError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LabellintError);
    return error as LabellintError;
  }
  throw new Error("expected the promise to be rejected");
}

/** A small deterministic generator (mulberry32): the same values for a seed on every run. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A smaller deterministic generator (a linear congruential one), for tests whose data was made with it. */
export function lcgRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** Real data shared beside the project; tests that need it skip, saying why, when it is absent. */
export const SHARED = resolve(ROOT, "..", "shared");
export const HAS_SHARED = existsSync(join(SHARED, "data", "real"));
export const SHARED_SKIP_REASON = `../shared/data/real not found at ${SHARED}: skipping tests on real label files`;
export const realFile = (name: string): string => join(SHARED, "data", "real", name);
export const fixture = (...parts: string[]): string => join(ROOT, "fixtures", ...parts);

/** A describe title that carries the skip reason when the shared data is absent. */
export const sharedTitle = (title: string): string => (HAS_SHARED ? title : `${title} — SKIPPED: ${SHARED_SKIP_REASON}`);

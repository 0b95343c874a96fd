import { basename, dirname, extname, resolve } from "node:path";
import type { SplitRole } from "../types.js";

/** A split role and why it was chosen. */
export interface Role {
  role: SplitRole;
  why: string;
}

const TRAIN_WORDS = new Set(["train", "trainval", "training"]);
const EVAL_WORDS = new Set(["val", "valid", "validation", "eval", "evaluation", "test", "testing"]);

/**
 * The role a file's name suggests: `train_list.txt`, `trainval.txt` → train;
 * `val_list.txt`, `eval.txt`, `test.txt` → eval; else its folder's name
 * (`test/labels.txt`, the folder found from `cwd`); else train, the stricter role.
 */
export function roleFromName(path: string, cwd = process.cwd()): Role {
  for (const [part, where] of [[basename(path, extname(path)), "file name"], [basename(dirname(resolve(cwd, path))), "folder name"]] as const) {
    const words = part.toLowerCase().split(/[^a-z0-9]+/);
    if (words.some((w) => TRAIN_WORDS.has(w))) return { role: "train", why: `from the ${where}` };
    if (words.some((w) => EVAL_WORDS.has(w))) return { role: "eval", why: `from the ${where}` };
  }
  return { role: "train", why: "no role in the name: train, the stricter" };
}

/**
 * What to say when files checked without a role (each one train) have names
 * that say one is an eval list: the `--split` that names them so, which also
 * checks the eval list against the train lists for shared images. Undefined
 * when a role was given or no name says eval.
 */
export function splitHint(paths: readonly string[], roles: readonly (SplitRole | undefined)[], cwd: string): string | undefined {
  if (paths.length === 0 || roles.some((r) => r !== undefined) || paths.includes("-")) return undefined;
  const named = paths.map((p) => roleFromName(p, cwd));
  const evals = paths.filter((_, i) => named[i]!.role === "eval");
  if (evals.length === 0) return undefined;
  const split = named.every((r) => r.role === named[0]!.role) ? named[0]!.role : named.map((r) => r.role).join(",");
  const which = evals.length === 1 ? `${evals[0]} was` : `${evals.length} files whose names say eval were`;
  const leak = evals.length < paths.length ? ", against the train list for images in both (split leakage)" : "";
  return `${which} checked as a train list (no role given): --split ${split} checks ${evals.length === 1 ? "it" : "them"} as eval${leak}`;
}

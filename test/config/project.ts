import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** PA100k's 26 attributes, in the order of its label lists (PULC person attribute, `class_num: 26`). */
export const PA100K = [
  "Hat", "Glasses", "ShortSleeve", "LongSleeve", "UpperStride", "UpperLogo", "UpperPlaid", "UpperSplice",
  "LowerStripe", "LowerPattern", "LongCoat", "Trousers", "Shorts", "Skirt&Dress", "boots", "HandBag",
  "ShoulderBag", "Backpack", "HoldObjectsInFront", "AgeOver60", "Age18-60", "AgeLess18", "Female",
  "Front", "Side", "Back",
];

/** A PA100k list row (`path<TAB>26 values`) with these attributes positive. */
export function paRow(path: string, positives: readonly number[]): string {
  const v = new Array<number>(26).fill(0);
  for (const p of positives) v[p] = 1;
  return `${path}\t${v.join(",")}\n`;
}

/** `n` clean PA100k rows: one age and one orientation each, every attribute positive at least once. */
export function paRows(n: number, prefix = "train", start = 0): string {
  let text = "";
  for (let i = start; i < start + n; i++) {
    text += paRow(`${prefix}/${String(i).padStart(6, "0")}.jpg`, [i % 19, 19 + (i % 3), ...(i % 2 === 0 ? [22] : []), 23 + (i % 3)]);
  }
  return text;
}

const made: string[] = [];

/** A fresh directory holding `files` (relative path → content); returns its path. */
export async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "labellint-config-"));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return dir;
}

/** Removes the directories {@link project} made (call from `afterAll`). */
export async function removeProjects(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

export const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

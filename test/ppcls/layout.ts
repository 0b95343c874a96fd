import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, isAbsolute, join } from "node:path";
import { parse } from "yaml";
import { lintPpclsConfig, type PpclsLintOptions } from "../../src/ppcls/lint.js";
import type { LintResult } from "../../src/types.js";
import { HAS_SHARED, SHARED } from "../shared.js";

/** How to fill a laid-out PaddleClas root. */
export interface Layout {
  /** List contents by split; a split left out gets a generated clean list of `rows` rows (80: more than one batch of the real configs, 64 with drop_last). */
  lists?: { train?: string; eval?: string };
  rows?: number;
  /** Generated lists use −1 for a negative. */
  signed?: boolean;
  /** More files under the root (e.g. `ppcls/loss/multilabelloss.py`). */
  files?: Record<string, string>;
  /** Leave the config's image_root folders out of the root. */
  withoutImageRoot?: boolean;
  /** Leave the config's class_id_map_file out of the root. */
  withoutClassMap?: boolean;
}

/** A clean generated list: C columns, every class positive in a third of the rows, image names unique per split. */
export function generatedList(C: number, rows: number, role: string, signed = false): string {
  const negative = signed ? "-1" : "0";
  let out = "";
  for (let i = 0; i < rows; i++) {
    const values = Array.from({ length: C }, (_, j) => ((i + j) % 3 === 0 ? "1" : negative));
    out += `images/${role}_${String(i).padStart(5, "0")}.jpg\t${values.join(",")}\n`;
  }
  return out;
}

type Cfg = Record<string, Record<string, unknown> | undefined>;

function dig(value: unknown, ...keys: string[]): unknown {
  let v = value;
  for (const key of keys) v = v !== null && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

/**
 * Writes `configText` as `config.yaml` in a new temporary PaddleClas root,
 * with the label lists and class list laid out where the config points
 * (generated unless given), as a user's checkout would have them.
 */
export async function layOutPpcls(configText: string, layout: Layout = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "labellint-ppcls-"));
  let config: Cfg = {};
  try {
    // As PyYAML reads it: a key written twice is the last one.
    config = (parse(configText, { version: "1.1", uniqueKeys: false }) ?? {}) as Cfg;
  } catch {
    // Not YAML: written as it is, for tests of how it is refused.
  }
  const classNum = dig(config, "Arch", "class_num") ?? dig(config, "Global", "class_num");
  const C = typeof classNum === "number" ? classNum : 33;
  const put = async (relative: string, text: string) => {
    const path = isAbsolute(relative) ? relative : join(dir, relative);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  };
  await put("config.yaml", configText);
  for (const [key, role] of [["Train", "train"], ["Eval", "eval"]] as const) {
    const list = dig(config, "DataLoader", key, "dataset", "cls_label_path");
    if (typeof list !== "string") continue;
    const given = layout.lists?.[role];
    await put(list, given ?? generatedList(C, layout.rows ?? 80, role, layout.signed));
    // MultiLabelDataset asserts its image_root exists while it loads the list.
    const root = dig(config, "DataLoader", key, "dataset", "image_root");
    const rootPath = typeof root === "string" ? (isAbsolute(root) ? root : join(dir, root)) : undefined;
    if (rootPath !== undefined && layout.withoutImageRoot !== true && !existsSync(rootPath)) await mkdir(rootPath, { recursive: true });
  }
  const map = dig(config, "Infer", "PostProcess", "class_id_map_file");
  if (typeof map === "string" && layout.withoutClassMap !== true) {
    const real = join(SHARED, "data", "paddleclas", basename(map));
    if (HAS_SHARED && existsSync(real)) {
      await mkdir(dirname(join(dir, map)), { recursive: true });
      await copyFile(real, join(dir, map));
    } else await put(map, Array.from({ length: C }, (_, i) => `${i} class_${i}\n`).join(""));
  }
  for (const [path, text] of Object.entries(layout.files ?? {})) await put(path, text);
  return dir;
}

/** Lays out a root for `configText` and lints it as `labellint check --ppcls-config config.yaml` run there would. */
export async function lintLaidOut(configText: string, layout: Layout = {}, options: PpclsLintOptions = {}): Promise<LintResult> {
  const dir = await layOutPpcls(configText, layout);
  const rootGiven = layout.files !== undefined && Object.keys(layout.files).some((f) => f.startsWith("ppcls/"));
  return lintPpclsConfig("config.yaml", { cwd: dir, ...(rootGiven ? { root: dir } : {}), ...options });
}

import { LabellintError } from "../errors.js";
import { readSmallText } from "../io/source.js";
import { checkClassCount, MAX_CLASS_NAMES_BYTES } from "../io/limits.js";

const ID_NAME = /^(\d+)\s+(\S.*)$/;

/**
 * Parses a class-name list: PaddleClas `id name` lines (`0 airport`) or one
 * name per line. Ids must run 0…C-1 (in any order, each once).
 */
export function parseClassNames(text: string, path = "class names"): string[] {
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  if (lines.length === 0) throw new LabellintError("LL_CLASS_NAMES_INVALID", `${path}: the class-name list is empty`);
  if (!lines.every((l) => ID_NAME.test(l))) return lines;
  const names: string[] = new Array<string>(lines.length);
  for (const line of lines) {
    const [, id, name] = ID_NAME.exec(line)!;
    const index = Number(id);
    if (index >= lines.length) {
      throw new LabellintError("LL_CLASS_NAMES_INVALID", `${path}: class id ${index} is out of range for ${lines.length} classes (ids must run 0…${lines.length - 1})`);
    }
    if (names[index] !== undefined) throw new LabellintError("LL_CLASS_NAMES_INVALID", `${path}: class id ${index} appears twice`);
    names[index] = name!.trim();
  }
  return names;
}

/** Reads a class-name list file (at most 16 MiB, and `maxClasses` names); see {@link parseClassNames}. */
export async function readClassNames(path: string, maxClasses?: number): Promise<string[]> {
  const names = parseClassNames(await readSmallText(path, MAX_CLASS_NAMES_BYTES, "class-name list"), path);
  checkClassCount(names.length, `the class-name list '${path}'`, maxClasses);
  return names;
}

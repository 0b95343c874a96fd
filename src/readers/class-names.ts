import { LabellintError } from "../errors.js";
import { readSmallText } from "../io/source.js";
import { checkClassCount, MAX_CLASS_NAMES_BYTES } from "../io/limits.js";
import { pushTo } from "../collections.js";

const ID_NAME = /^(\d+)\s+(\S.*)$/;

/** How a class-name list is written: PaddleClas's `id name` lines (its `class_id_map_file`), or one name per line. */
export type ClassListForm = "paddleclas" | "plain";

/** A class-name list as read: the names in class order, and the form they were written in. */
export interface ClassList {
  names: string[];
  form: ClassListForm;
}

/**
 * Parses a class-name list: PaddleClas `id name` lines (`0 airport`) or one
 * name per line. Ids must run 0…C-1 (in any order, each once).
 */
export function parseClassNames(text: string, path = "class names"): string[] {
  return parseClassList(text, path).names;
}

/** {@link parseClassNames}, with the form the list is written in. */
export function parseClassList(text: string, path = "class names"): ClassList {
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  if (lines.length === 0) throw new LabellintError("LL_CLASS_NAMES_INVALID", `${path}: the class-name list is empty`);
  if (/[\x00-\x08\x0e-\x1f]/.test(text)) throw new LabellintError("LL_CLASS_NAMES_INVALID", `${path}: the class-name list holds NUL or control characters: it is not a text list of names`);
  if (!lines.every((l) => ID_NAME.test(l))) return { names: distinct(lines, path), form: "plain" };
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
  return { names: distinct(names, path), form: "paddleclas" };
}

/** The names given to more than one class, each with its classes' indices, in the order they first appear. */
export function repeatedNames(names: readonly string[]): { name: string; indices: number[] }[] {
  const at = new Map<string, number[]>();
  names.forEach((name, index) => pushTo(at, name, index));
  return [...at].filter(([, indices]) => indices.length > 1).map(([name, indices]) => ({ name, indices }));
}

/** The names, each once: a name given to two classes would match either (diff and convert match classes by name). */
function distinct(names: string[], path: string): string[] {
  const [repeated] = repeatedNames(names);
  if (repeated !== undefined) {
    const [first, second] = repeated.indices;
    throw new LabellintError("LL_CLASS_NAMES_INVALID", `${path}: class name '${repeated.name}' is given to classes ${first} and ${second}: each class needs its own name`);
  }
  return names;
}

/** Reads a class-name list file (at most 16 MiB, and `maxClasses` names); see {@link parseClassNames}. */
export async function readClassNames(path: string, maxClasses?: number): Promise<string[]> {
  return (await readClassList(path, maxClasses)).names;
}

/** {@link readClassNames}, with the form the list is written in. */
export async function readClassList(path: string, maxClasses?: number): Promise<ClassList> {
  const list = parseClassList(await readSmallText(path, MAX_CLASS_NAMES_BYTES, "class-name list"), path);
  checkClassCount(list.names.length, `the class-name list '${path}'`, maxClasses);
  return list;
}

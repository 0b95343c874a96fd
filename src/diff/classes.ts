/** How the classes of two files line up: one list of classes, and where each file's class goes in it. */
export interface ClassAlignment {
  match: "names" | "index";
  /** The comparison's classes: the old file's, then those only the new file has. */
  size: number;
  names: (string | undefined)[];
  /** Old class i → comparison class; new class j → comparison class. */
  fromOld: Int32Array;
  fromNew: Int32Array;
  /** Comparison class → its index in each file, or -1. */
  oldIndex: Int32Array;
  newIndex: Int32Array;
}

const unique = (names: readonly string[]): boolean => new Set(names).size === names.length;

/**
 * Lines up the classes of two files: by name when both files name their
 * classes (a class renamed or moved is then the same class), else by index
 * (a wider file has classes the other lacks).
 */
export function alignClasses(oldCount: number, newCount: number, oldNames?: readonly string[], newNames?: readonly string[]): ClassAlignment {
  if (oldNames !== undefined && newNames !== undefined && unique(oldNames) && unique(newNames)) {
    const names: string[] = [...oldNames];
    const at = new Map(oldNames.map((n, i) => [n, i]));
    const fromNew = new Int32Array(newNames.length);
    newNames.forEach((name, j) => {
      let index = at.get(name);
      if (index === undefined) {
        index = names.length;
        names.push(name);
      }
      fromNew[j] = index;
    });
    return finish("names", names.length, names, Int32Array.from(oldNames, (_, i) => i), fromNew);
  }
  const size = Math.max(oldCount, newCount);
  const names = Array.from({ length: size }, (_, i) => oldNames?.[i] ?? newNames?.[i]);
  return finish("index", size, names, Int32Array.from({ length: oldCount }, (_, i) => i), Int32Array.from({ length: newCount }, (_, i) => i));
}

function finish(match: ClassAlignment["match"], size: number, names: (string | undefined)[], fromOld: Int32Array, fromNew: Int32Array): ClassAlignment {
  const oldIndex = new Int32Array(size).fill(-1);
  const newIndex = new Int32Array(size).fill(-1);
  fromOld.forEach((c, i) => (oldIndex[c] = i));
  fromNew.forEach((c, j) => (newIndex[c] = j));
  return { match, size, names, fromOld, fromNew, oldIndex, newIndex };
}

import { LabellintError } from "../errors.js";
import type { ClassGroup, ResolvedClassGroup } from "../types.js";
import { joinProblems, schemaProblems, classGroupShapeValidator, type ConfigProblem } from "./schema.js";

/** What is known of the classes when groups are resolved. */
export interface KnownClasses {
  numClasses?: number | undefined;
  classNames?: readonly string[] | undefined;
}

/**
 * Resolves class names in `groups` to indices and checks each group against
 * the classes: an unknown name, an index ≥ C, a class listed twice, or a
 * count the group can never break is a problem at its JSON path (under
 * `prefix`). A name stays a name while no class names are known, unless
 * `final` (then it is a problem too).
 */
export function checkClassGroups(
  groups: readonly ClassGroup[],
  known: KnownClasses,
  prefix: string,
  final: boolean,
): { groups: ClassGroup[]; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const { numClasses, classNames } = known;
  const firstByName = new Map<string, number>();
  const resolved = groups.map((group, g): ClassGroup => {
    const at = `${prefix}/${g}`;
    const validateClassGroupShape = classGroupShapeValidator();
    const shape = validateClassGroupShape(group);
    if (!shape) {
      problems.push(...schemaProblems(validateClassGroupShape.errors, at));
      return group;
    }
    const earlier = firstByName.get(group.name);
    if (earlier !== undefined) problems.push({ path: `${at}/name`, message: `'${group.name}' is the name of group ${earlier} too: give each group its own name` });
    else firstByName.set(group.name, g);

    const seen = new Map<number, number>();
    const classes = group.classes.map((entry, i) => {
      const where = `${at}/classes/${i}`;
      if (typeof entry === "string") {
        if (classNames === undefined) {
          if (final) problems.push({ path: where, message: `is a class name ('${entry}'), but no class names are known: give the class names, or the class index` });
          return entry;
        }
        const index = classNames.indexOf(entry);
        if (index === -1) {
          problems.push({ path: where, message: `'${entry}' is not one of the ${classNames.length} class names${nameHint(entry, classNames)}` });
          return entry;
        }
        entry = index;
      } else if (numClasses !== undefined && entry >= numClasses) {
        problems.push({ path: where, message: `is class ${entry}, but there are only ${numClasses} classes (0…${numClasses - 1})` });
        return entry;
      }
      const twice = seen.get(entry);
      if (twice !== undefined) problems.push({ path: where, message: `is class ${entry}${quoted(classNames, entry)} again (as entry ${twice}): list each class once` });
      else seen.set(entry, i);
      return entry;
    });
    const size = group.classes.length;
    if (group.exactly !== undefined && group.exactly > size) {
      problems.push({ path: `${at}/exactly`, message: `is ${group.exactly}, but the group has only ${size} classes` });
    }
    if (group.atMost !== undefined && group.atMost >= size) {
      problems.push({ path: `${at}/atMost`, message: `is ${group.atMost}: a group of ${size} classes never has more positives than that, so it checks nothing` });
    }
    return { ...group, classes };
  });
  return { groups: resolved, problems };
}

/**
 * The library's `classGroups` option as indices below C, for the rules;
 * anything wrong is one `LL_INVALID_OPTION` error listing every problem.
 */
export function resolveClassGroups(groups: readonly ClassGroup[] | undefined, known: { numClasses: number; classNames?: readonly string[] | undefined }): ResolvedClassGroup[] | undefined {
  if (groups === undefined || groups === null || groups.length === 0) return undefined;
  if (!Array.isArray(groups)) throw new LabellintError("LL_INVALID_OPTION", "classGroups must be an array of groups");
  const { groups: checked, problems } = checkClassGroups(groups, known, "classGroups", true);
  if (problems.length > 0) throw new LabellintError("LL_INVALID_OPTION", joinProblems(problems));
  return checked.map((g) => ({ ...g, classes: g.classes as number[] }));
}

function quoted(names: readonly string[] | undefined, index: number): string {
  const name = names?.[index];
  return name === undefined ? "" : ` '${name}'`;
}

/** "; did you mean 'Age18-60'?" for a name that differs only in case or punctuation. */
function nameHint(name: string, names: readonly string[]): string {
  const key = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  const match = names.find((n) => key(n) === key(name));
  return match !== undefined ? `; did you mean '${match}'?` : "";
}

import { defineRule } from "./helpers.js";

/** The names given to more than one class, each with its classes' indices, in the order they first appear. */
export function repeatedNames(names: readonly string[]): { name: string; indices: number[] }[] {
  const at = new Map<string, number[]>();
  names.forEach((name, index) => {
    const indices = at.get(name);
    if (indices === undefined) at.set(name, [index]);
    else indices.push(index);
  });
  return [...at].filter(([, indices]) => indices.length > 1).map(([name, indices]) => ({ name, indices }));
}

export default defineRule({
  meta: {
    code: "LL310",
    name: "duplicate-class-name",
    defaultSeverity: "warn",
    scope: "dataset",
    description: "Two classes share a name (a CSV header, `metainfo.classes`, a header row): per-class results cannot be told apart, and whatever matches classes by name takes one for the other.",
    messages: {
      repeated:
        "classes {{indices}} are {{all}}named '{{name}}': per-class metrics and reports cannot tell them apart, and whatever matches classes by name (a class map, labellint diff and convert) takes one for the other",
    },
    fix: { availability: "none", applicability: "none" },
  },
  create(ctx) {
    return {
      end() {
        const names = ctx.facts.classNames;
        if (names === undefined) return;
        for (const { name, indices } of repeatedNames(names)) {
          ctx.report({
            messageId: "repeated",
            data: { indices: `${indices.slice(0, -1).join(", ")} and ${indices.at(-1)}`, all: indices.length > 2 ? "all " : "both ", name: JSON.stringify(name).slice(1, -1) },
            classIndex: indices[1]!,
          });
        }
      },
    };
  },
});

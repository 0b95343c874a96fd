import { repeatedNames } from "../readers/class-names.js";
import { defineRule } from "./helpers.js";

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

import { defineRule } from "./helpers.js";

/** Reported by the index-list readers (`indices`, `json`; src/readers/indices.ts). */
export default defineRule({
  meta: {
    code: "LL110",
    name: "repeated-index",
    defaultSeverity: "warn",
    scope: "line",
    description: "A class index listed twice in one row's index list.",
    messages: {
      repeated: "class index {{index}} is listed more than once: the class is set once; a repeat is often a typo for another class",
    },
    fix: { availability: "none", applicability: "none" },
    formats: ["indices", "json"],
  },
  create() {
    return {};
  },
});

import { defineRule } from "./helpers.js";

/** Reported by the index-list readers (`indices`, `json`; src/readers/indices.ts). */
export default defineRule({
  meta: {
    code: "LL109",
    name: "invalid-index",
    defaultSeverity: "error",
    scope: "line",
    description: "A class index outside 0…C-1, or a token that is not a class index, in an index list.",
    messages: {
      outOfRange: "class index {{index}} is out of range for {{C}} classes (0…{{max}}): the multi-hot target has no position for it",
      notIndex: "'{{value}}' is not a class index (a whole number from 0): the row cannot become a multi-hot vector",
      coerced: "'{{value}}' is not a class index (a whole number from 0): the row cannot become a multi-hot vector",
      nonFinite: "'{{value}}' is not a class index (a whole number from 0): the row cannot become a multi-hot vector",
      multiHot: "row lists {{count}} values that are all 0 or 1, with repeats: it is a 0/1 vector, not class indices; {{advice}}",
    },
    fix: { availability: "none", applicability: "none" },
    formats: ["indices", "json"],
  },
  create() {
    return {};
  },
});

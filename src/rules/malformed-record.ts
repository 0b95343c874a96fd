import { defineRule } from "./helpers.js";

/** Reported by the record readers (`csv`, `json`, `columns`; src/readers/). */
export default defineRule({
  meta: {
    code: "LL112",
    name: "malformed-record",
    defaultSeverity: "error",
    scope: "line",
    description: "A record that cannot become a label row: broken CSV quoting, a TAB or line break in a path (or whitespace before it), a separator inside a value.",
    messages: {
      pathTab: "the image path '{{path}}' holds a TAB, which no TAB-separated list can carry{{hint}}",
      pathBreak: "the image path '{{path}}' holds a line break: no line-based label list can carry it",
      pathSpace: "the image path '{{path}}' starts with whitespace: it is part of the file name here, but a line-based label list strips it",
      pathBom: "the image path '{{path}}' starts with U+FEFF (a byte-order mark): it is part of the file name here, but a line-based label list takes it for the file's byte-order mark",
      valueSeparator: "label value {{index}} ('{{value}}') holds a comma, TAB or line break: it cannot be one 0/1 value",
      unclosedQuote: "a quote opened on line {{from}} is never closed: the rest of the file reads as one field",
      quoting: "malformed CSV quoting: {{detail}}",
      tooLarge: "record is over the {{limit}}-byte limit (--max-line-bytes); it was not parsed",
      runaway: "a record starting here runs on past {{limit}} bytes (to line {{to}}), most likely from a quote never closed: the file was not read past it, so its later rows are missing",
    },
    fix: { availability: "none", applicability: "none" },
    formats: ["csv", "json", "columns"],
  },
  create() {
    return {};
  },
});

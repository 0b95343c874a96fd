import { defineRule } from "./helpers.js";

/**
 * Reported by the `columns` reader (src/readers/columns.ts), which reads the
 * image list and the per-class files in lockstep; the rule declares the
 * finding so severity settings and reporters treat it like any other.
 */
export default defineRule({
  meta: {
    code: "LL108",
    name: "column-length-mismatch",
    defaultSeverity: "error",
    scope: "file",
    description: "A per-class file of the columns format has more or fewer lines than the image list.",
    messages: {
      short: "{{file}} (class {{index}} '{{name}}') has {{lines}} lines, fewer than the image list: the rows from line {{first}} on have no value for it and are left out",
      long: "{{file}} (class {{index}} '{{name}}') has {{lines}} lines, the image list {{listed}}: its values after line {{listed}} belong to no image, so the files are probably misaligned",
    },
    fix: { availability: "none", applicability: "none" },
    formats: ["columns"],
  },
  create() {
    return {};
  },
});

import { defineRule } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL009",
    name: "compressed-list",
    defaultSeverity: "error",
    scope: "file",
    description: "The list is gzip-compressed: labellint reads it decompressed, but the programs that train on it open it as text.",
    messages: {
      gzip: "the file is gzip-compressed: labellint checked its decompressed text, but the file itself is not a text list",
    },
    fix: { availability: "none", applicability: "none" },
  },
  create(ctx) {
    return {
      start() {
        if (ctx.facts.compressed === "gzip") ctx.report({ messageId: "gzip" });
      },
    };
  },
});

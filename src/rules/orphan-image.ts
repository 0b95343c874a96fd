import { defineRule } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL507",
    name: "orphan-image",
    defaultSeverity: "warn",
    scope: "dataset",
    description:
      "Images under the image root that no label file of the run lists (only with --check-images): reported once, on the run's last file, with an exact count and the first 20 named.",
    messages: {
      orphans: "{{count}} image{{s}} under the image root '{{root}}' {{are}} listed in no checked label file ({{listed}}{{more}}): {{they}} never trained or evaluated on",
      orphansSomeUnread:
        "{{count}} image{{s}} under the image root '{{root}}' {{are}} listed in no checked label file ({{listed}}{{more}}; {{folders}} folder{{fs}} could not be read): {{they}} never trained or evaluated on",
    },
    fix: { availability: "none", applicability: "none" },
  },
  create(ctx) {
    return {
      end() {
        for (const o of ctx.facts.orphans ?? []) {
          const one = o.count === 1;
          const more = o.count > o.listed.length ? `, and ${o.count - o.listed.length} more` : "";
          const data = { count: o.count, s: one ? "" : "s", are: one ? "is" : "are", they: one ? "it is" : "they are", root: o.shown, listed: o.listed.join(", "), more };
          if (o.unreadableFolders > 0) ctx.report({ messageId: "orphansSomeUnread", data: { ...data, folders: o.unreadableFolders, fs: o.unreadableFolders === 1 ? "" : "s" } });
          else ctx.report({ messageId: "orphans", data });
        }
      },
    };
  },
});

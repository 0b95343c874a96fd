import { defineRule } from "./helpers.js";
import { unsafeReason } from "./unsafe-path.js";

/** A `..` part, or a `/.` at the end: looked up as written, never tidied away (os.path.join does not normalise). */
const DOT_PARTS = /(^|\/)\.\.(\/|$)|\/\.$/;

export default defineRule({
  meta: {
    code: "LL504",
    name: "missing-image",
    defaultSeverity: "error",
    scope: "line",
    description: "The listed image does not exist under the image root, or, for an absolute or escaping path, where the consumer looks for it (only with --check-images).",
    messages: {
      missing: "image '{{path}}' does not exist {{where}}",
    },
    fix: { availability: "none", applicability: "none" },
  },
  create(ctx) {
    return {
      image(check) {
        if (check.status.kind !== "missing") return;
        const where = check.status.loop
          ? "as a file: it is a loop of symbolic links (too many levels), which os.path.exists takes for no file"
          : unsafeReason(check.path) !== undefined
            ? check.status.bothPlaces === true
              ? "as written or appended to the image root"
              : check.status.stops === "hashnet"
                ? "where HashNet opens it (as written), only where DeepHash-pytorch does (appended to the image root; --consumer hashnet or --consumer deephash names the reader)"
                : check.status.stops === "deephash"
                  ? "where DeepHash-pytorch opens it (appended to the image root), only where HashNet does (as written; --consumer hashnet or --consumer deephash names the reader)"
                  : check.status.appended === true
                    ? "appended to the image root, where DeepHash-pytorch opens it"
                    : "where the path points"
            : DOT_PARTS.test(check.path) && !check.path.includes("\\")
              ? "under the image root as the system follows its '.' and '..' parts (the folder before a '..' must exist, and it is where a symlink points; a '/.' after a file name fails)"
              : "under the image root";
        ctx.report({ messageId: "missing", data: { path: check.path, where }, line: check.line, row: check.row, column: 1, length: Math.max(1, check.path.length), source: check.source });
      },
    };
  },
});

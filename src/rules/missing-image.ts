import type { ImageStatus } from "../images/check.js";
import { defineRule } from "./helpers.js";
import { unsafeReason } from "./unsafe-path.js";

/** A `..` part, or a `/.` at the end: looked up as written, never tidied away (os.path.join does not normalise). */
const DOT_PARTS = /(^|\/)\.\.(\/|$)|\/\.$/;

/** Where a missing image was looked for, as the message says it. */
function whereMissing(path: string, status: Extract<ImageStatus, { kind: "missing" }>): string {
  if (status.loop) return "as a file: it is a loop of symbolic links (too many levels), which os.path.exists takes for no file";
  if (unsafeReason(path) !== undefined) {
    if (status.bothPlaces === true) return "as written or appended to the image root";
    if (status.stops === "hashnet") return "where HashNet opens it (as written), only where DeepHash-pytorch does (appended to the image root; --consumer hashnet or --consumer deephash names the reader)";
    if (status.stops === "deephash") return "where DeepHash-pytorch opens it (appended to the image root), only where HashNet does (as written; --consumer hashnet or --consumer deephash names the reader)";
    if (status.appended === true) return "appended to the image root, where DeepHash-pytorch opens it";
    return "where the path points";
  }
  if (DOT_PARTS.test(path) && !path.includes("\\")) {
    return "under the image root as the system follows its '.' and '..' parts (the folder before a '..' must exist, and it is where a symlink points; a '/.' after a file name fails)";
  }
  return "under the image root";
}

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
        const where = whereMissing(check.path, check.status);
        ctx.report({ messageId: "missing", data: { path: check.path, where }, line: check.line, row: check.row, column: 1, length: Math.max(1, check.path.length), source: check.source });
      },
    };
  },
});

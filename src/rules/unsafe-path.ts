import { pathMightBeUnsafe, RowFeature, Verdict } from "../readers/row.js";
import { defineRule } from "./helpers.js";

/** Why a path is unsafe to join to an image root, or undefined if it is not. */
export function unsafeReason(path: string): "absolute" | "drive" | "escapes" | undefined {
  if (path.startsWith("/") || path.startsWith("\\")) return "absolute";
  if (/^[A-Za-z]:/.test(path)) return "drive";
  let depth = 0;
  for (const segment of path.split(/[\\/]+/)) {
    if (segment === "..") {
      if (--depth < 0) return "escapes";
    } else if (segment !== "." && segment !== "") depth++;
  }
  return undefined;
}

export default defineRule({
  meta: {
    code: "LL502",
    name: "unsafe-path",
    defaultSeverity: "error",
    scope: "line",
    description: "An absolute image path, one whose `..` escapes the image root, or (with --check-images) one that resolves outside it through a symbolic link.",
    messages: {
      absolute: "image path '{{path}}' is absolute",
      drive: "image path '{{path}}' names a Windows drive: it cannot be found under the image root",
      escapes: "image path '{{path}}' climbs out of the image root with '..'",
      outside: "image path '{{path}}' resolves outside the image root (through a symbolic link, to '{{target}}'): it was not opened (--allow-images-in DIR opens images in a folder you trust)",
    },
    fix: { availability: "none", applicability: "none" },
  },
  create(ctx) {
    return {
      rowVerdicts: [Verdict.Ok, Verdict.LabelCount, Verdict.IndexLabels],
      rowFeatures: RowFeature.Path,
      row(row) {
        if (!pathMightBeUnsafe(row)) return;
        const path = row.buf.toString("utf8", row.pathStart, row.pathEnd);
        const reason = unsafeReason(path);
        if (reason === undefined) return;
        ctx.reportLine(row, { messageId: reason, data: { path }, span: [row.pathStart, row.pathEnd] });
      },
      image(check) {
        // With --check-images: a symlink that leads out of the root, found by realpath.
        if (check.status.kind !== "outside") return;
        ctx.report({ messageId: "outside", data: { path: check.path, target: check.status.target }, line: check.line, row: check.row, column: 1, length: Math.max(1, check.path.length), source: check.source });
      },
    };
  },
});

import { RowFeature } from "../readers/row.js";
import { FirstAndCount } from "../engine/api.js";
import { defineRule, fix } from "./helpers.js";
import { formatCount } from "../text/numbers.js";


export default defineRule({
  meta: {
    code: "LL003",
    name: "line-ending",
    defaultSeverity: "warn",
    scope: "file",
    description: "CRLF, lone CR or mixed line endings, or no newline at the end of the file.",
    messages: {
      crlf: "file uses CRLF line endings ({{crlf}} lines)",
      cr: "file ends its lines with a lone CR, the old Mac line break ({{cr}} lines)",
      mixed: "mixed line endings: {{kinds}} (first {{firstKind}} on line {{first}})",
      noFinalNewline: "no newline at the end of the file: tools that count or append lines miss the last row",
    },
    fix: { availability: "always", applicability: "safe" },
  },
  create(ctx) {
    const crlf = new FirstAndCount();
    const cr = new FirstAndCount();
    return {
      rowFeatures: RowFeature.LineEnding,
      row(row) {
        if (row.crlf) {
          if (crlf.count === 0) crlf.add(row.line);
        } else if (row.cr && cr.count === 0) cr.add(row.line);
      },
      partial: {
        save: () => ({ crlf: crlf.save(), cr: cr.save() }),
        merge(parts) {
          crlf.merge(parts.map((p) => ({ state: (p.state as { crlf: unknown }).crlf, lineOffset: p.lineOffset })));
          cr.merge(parts.map((p) => ({ state: (p.state as { cr: unknown }).cr, lineOffset: p.lineOffset })));
        },
      },
      end() {
        const firstCrlf = crlf.first;
        const firstCr = cr.first;
        const { crlfLines, lfLines, crLines, finalNewline, lines } = ctx.dataset.file;
        if (crlfLines > 0 || crLines > 0) {
          const normalise = fix("safe", "write LF line endings", [{ kind: "file", action: "normalise-line-endings" }]);
          const kinds = [crLines > 0, crlfLines > 0, lfLines > 0].filter(Boolean).length;
          if (kinds > 1) {
            // Counts grouped as every text output groups them (the template's own counts are formatted by it).
            const parts = [crLines > 0 ? `${formatCount(crLines)} lone CR` : "", crlfLines > 0 ? `${formatCount(crlfLines)} CRLF` : "", lfLines > 0 ? `${formatCount(lfLines)} LF` : ""].filter((p) => p !== "");
            const last = parts.pop()!;
            // The first line ending that is not LF (the kind a file of LF lines does not expect).
            const crFirst = firstCr > 0 && (firstCrlf === 0 || firstCr < firstCrlf);
            ctx.report({
              messageId: "mixed",
              data: { kinds: `${parts.join(", ")} and ${last} lines`, firstKind: crFirst ? "lone CR" : "CRLF", first: ctx.lineOf(crFirst ? firstCr : firstCrlf) },
              line: crFirst ? firstCr : firstCrlf,
              fix: normalise,
            });
          } else if (crlfLines > 0) {
            ctx.report({ messageId: "crlf", data: { crlf: crlfLines }, line: firstCrlf, fix: normalise });
          } else {
            ctx.report({ messageId: "cr", data: { cr: crLines }, line: firstCr, fix: normalise });
          }
        }
        if (!finalNewline && lines > 0) {
          ctx.report({
            messageId: "noFinalNewline",
            line: lines,
            fix: fix("safe", "end the file with a newline", [{ kind: "file", action: "add-final-newline" }]),
          });
        }
      },
    };
  },
});

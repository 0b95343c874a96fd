import { Verdict } from "../readers/row.js";
import { normalisePathKey } from "../readers/path.js";
import { defineRule, fix } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL401",
    name: "split-leakage",
    defaultSeverity: "error",
    scope: "dataset",
    description: "The same image in a train file and an eval file of one run: by path, or with --hash-images by content.",
    messages: {
      samePath: "'{{path}}' is also in the train split (line {{trainLine}} of {{trainFile}}): the model is evaluated on an image it trained on",
      sameBytes: "'{{path}}' has the same bytes as {{trainPath}} (line {{trainLine}} of {{trainFile}}): the model is evaluated on an image it trained on",
    },
    fix: { availability: "always", applicability: "unsafe" },
  },
  create(ctx) {
    const splits = ctx.facts.splits;
    if (splits === undefined) return {};
    const file = ctx.facts.path;
    const evaluating = ctx.facts.split === "eval";
    const drop = (line: number, why: string) =>
      fix("unsafe", "drop the line from the eval split", [{ kind: "drop-line", line, reason: why, notARow: false }]);
    /** Eval lines found leaked by path (they are not reported again by content). */
    const leakedLines = new Set<number>();
    return {
      rowVerdicts: [Verdict.Ok, Verdict.LabelCount, Verdict.IndexLabels],
      row(row) {
        if (row.pathEnd === row.pathStart) return;
        const path = () => row.buf.toString("utf8", row.pathStart, row.pathEnd);
        if (!evaluating) {
          splits.addTrainRow(row.hashHi, row.hashLo, row.line, path);
          return;
        }
        // A train file kept as keys: an exact match, reported now.
        const train = splits.hasPathKeys ? splits.byPath(normalisePathKey(path())) : undefined;
        if (train !== undefined) {
          leakedLines.add(row.line);
          ctx.reportLine(row, {
            messageId: "samePath",
            data: { path: path(), trainLine: train.line, trainFile: train.file },
            span: [row.pathStart, row.pathEnd],
            fix: drop(row.line, `also in ${train.file} line ${train.line}`),
          });
          return;
        }
        // A hashed train file: a candidate, confirmed by re-reading the train line before `end`.
        const hit = splits.trainRowByHash(row.hashHi, row.hashLo);
        if (hit === undefined) return;
        const written = path();
        splits.addCandidate({ file, line: row.line, row: row.row, path: written, key: normalisePathKey(written), source: ctx.lineText(row), trainFile: hit.file, trainLine: hit.line });
      },
      image(check) {
        const s = check.status;
        if ((s.kind !== "ok" && s.kind !== "mismatch") || s.hash === undefined) return;
        if (!evaluating) {
          splits.addHash(s.hash, { file, line: check.line, path: check.path });
          return;
        }
        // Found by path already: one finding per line.
        if (leakedLines.has(check.line) || splits.leaksOf(file).some((l) => l.line === check.line)) return;
        const train = splits.byHash(s.hash);
        if (train === undefined) return;
        ctx.report({
          messageId: "sameBytes",
          data: { path: check.path, trainPath: train.path, trainLine: train.line, trainFile: train.file },
          line: check.line,
          row: check.row,
          column: 1,
          length: Math.max(1, check.path.length),
          source: check.source,
          fix: drop(check.line, `same bytes as ${train.path} (line ${train.line} of ${train.file})`),
        });
      },
      end() {
        if (!evaluating) return;
        for (const leak of splits.leaksOf(file)) {
          ctx.report({
            messageId: "samePath",
            data: { path: leak.path, trainLine: leak.trainLine, trainFile: leak.trainName },
            line: leak.line,
            row: leak.row,
            column: 1,
            length: Math.max(1, leak.path.length),
            source: leak.source,
            fix: drop(leak.line, `also in ${leak.trainName} line ${leak.trainLine}`),
          });
        }
      },
    };
  },
});

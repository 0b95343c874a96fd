import { summarise } from "../../src/engine/lint.js";
import type { FileResult, LintResult, Problem } from "../../src/types.js";

/** A result around hand-made problems, to test a reporter apart from the rules. */
export function resultOf(files: { path: string; problems: Problem[] }[]): LintResult {
  return summarise(
    files.map(({ path, problems }) => {
      const counts: Record<string, number> = {};
      for (const p of problems) counts[p.rule] = (counts[p.rule] ?? 0) + 1;
      const file: FileResult = {
        path,
        format: "paddleclas",
        formatReason: "test",
        split: "train",
        lines: 1,
        rows: 1,
        numClasses: 2,
        numClassesSource: "inferred",
        numClassesReason: "test",
        signed: false,
        consumer: "paddleclas",
        consumerReason: "test",
        shape: { rows: 1, columns: 2, binary: true, ok: true, reasons: [] },
        problems,
        counts,
        omitted: 0,
        errorCount: problems.filter((p) => p.severity === "error").length,
        warningCount: problems.filter((p) => p.severity === "warn").length,
        fixable: { safe: 0, unsafe: 0 },
        stats: { validRows: 1, positives: [0, 0], emptyRows: 0, fullRows: 0, cardinality: 0, density: 0, maxLabelsPerRow: 0 },
        bytes: 0,
      };
      return file;
    }),
  );
}

import { defineRule } from "./helpers.js";

export default defineRule({
  meta: {
    code: "LL404",
    name: "near-duplicate-leakage",
    defaultSeverity: "warn",
    scope: "dataset",
    description:
      "An eval image that looks like a train image of the same run — a re-encoded, resized or slightly cropped copy — by 64-bit perceptual hash (only with --similar-images).",
    messages: {
      similar:
        "'{{path}}' looks like {{trainPath}} (line {{trainLine}} of {{trainFile}}; {{distance}} of 64 perceptual-hash bits differ): a re-encoded, resized or cropped copy of a train image inflates eval scores",
    },
    fix: { availability: "none", applicability: "none" },
  },
  create(ctx) {
    const { splits, similarThreshold } = ctx.facts;
    if (splits === undefined || similarThreshold === undefined) return {};
    const file = ctx.facts.path;
    const evaluating = ctx.facts.split === "eval";
    return {
      image(check) {
        const s = check.status;
        if ((s.kind !== "ok" && s.kind !== "mismatch") || s.image === undefined) return;
        // A flat picture (no brightness change between neighbours) hashes to 0: it looks like every other flat one.
        if (s.image.dhash === 0n) return;
        if (!evaluating) {
          splits.addPerceptual(s.image.dhash, similarThreshold, { file, line: check.line, path: check.path, key: check.key, ...(s.hash !== undefined ? { sha: s.hash } : {}) });
          return;
        }
        const near = splits.nearestPerceptual(s.image.dhash);
        if (near === undefined) return;
        const train = near.value;
        // The same path, or the same bytes, is split-leakage's finding.
        if (train.key === check.key || splits.byPath(check.key) !== undefined || splits.leaksOf(file).some((l) => l.line === check.line)) return;
        if (s.hash !== undefined && (train.sha === s.hash || splits.byHash(s.hash) !== undefined)) return;
        ctx.report({
          messageId: "similar",
          data: { path: check.path, trainPath: train.path, trainLine: train.line, trainFile: train.file, distance: near.distance },
          line: check.line,
          row: check.row,
          column: 1,
          length: Math.max(1, check.path.length),
          source: check.source,
        });
      },
    };
  },
});

import { createConfigContext, newSink, sinkTotals } from "../engine/rule-context.js";
import { resolveRules } from "../engine/settings.js";
import { allRules } from "../rules/index.js";
import { resolve } from "node:path";
import { lint, summarise } from "../engine/lint.js";
import type { ConfigResult, LintResult } from "../types.js";
import { checksImages, type LintOptions } from "../engine/options.js";
import { impliedOptions, listOptions, openPpclsConfig, targetRank, targetShape, type ConfigRun } from "./run.js";

/**
 * Runs the config rules over a PaddleClas config whose label files have been
 * linted: each rule's `config` hook sees the config, the files and their results.
 */
export function lintConfig(run: ConfigRun, options: Pick<LintOptions, "rules" | "maxProblemsPerRule" | "errorsOnly" | "checkImages" | "hashImages" | "decodeImages" | "similarImages"> = {}): ConfigResult {
  const sink = newSink(options.maxProblemsPerRule, [], options.errorsOnly);
  run = { ...run, imagesChecked: checksImages(options) };
  for (const resolved of resolveRules(allRules, options.rules)) {
    // File hooks run in each file's session; a config check sees the config, its files and their results.
    resolved.rule.config?.(createConfigContext(resolved, sink, "paddleclas"), run);
  }
  return {
    path: run.config.path,
    kind: "ppcls",
    ...(run.classNum !== undefined ? { numClasses: run.classNum } : run.config.has(run.config.classNumKey()) ? { classNumWritten: run.config.written(run.config.classNumKey()) } : {}),
    targets: run.splits.map((setup) => {
      const rank = targetRank(setup);
      return {
        split: setup.role,
        shape: rank === undefined ? `unknown (dataset ${setup.datasetName ?? "not named"})` : targetShape(rank, run.classNum),
        ...(setup.clsLabelPath !== undefined ? { labelList: setup.clsLabelPath.written } : {}),
      };
    }),
    ...sinkTotals(sink),
  };
}

/** Options of {@link lintPpclsConfig}: lint options, plus where PaddleClas runs from. */
export interface PpclsLintOptions extends LintOptions {
  /** The directory PaddleClas runs from; relative paths in the config resolve against it (default: `cwd`). */
  root?: string;
  /** The working directory: `configPath` resolves against it, and reports show paths relative to it (default: `process.cwd()`). */
  cwd?: string;
  /** PaddleClas's `-o KEY=VALUE` overrides, as given to tools/train.py, laid over the config in order. */
  overrides?: readonly string[];
}

/**
 * Lints a PaddleClas training config and the label lists it names, as
 * `labellint check --ppcls-config` does: both lists with their split roles
 * (train first, so eval is checked against it), C and class names from the
 * config unless given, then the config rules.
 */
export async function lintPpclsConfig(configPath: string, options: PpclsLintOptions = {}): Promise<LintResult> {
  const { root, cwd: given, overrides, ...lintOptions } = options;
  const cwd = resolve(given ?? process.cwd());
  const inputs = await openPpclsConfig(resolve(cwd, configPath), { root: resolve(cwd, root ?? "."), rootGiven: root !== undefined, cwd, displayPath: configPath, ...(overrides !== undefined ? { overrides } : {}) });
  const shared = impliedOptions(inputs, { format: options.format !== undefined, classes: options.numClasses !== undefined || options.classNames !== undefined, consumer: options.consumer !== undefined });
  const result = await lint(
    inputs.files.map((f) => ({
      path: f.path,
      displayPath: f.display,
      options: listOptions(f, options.imageRoot !== undefined),
    })),
    { ...lintOptions, ...shared },
  );
  const config = lintConfig({ ...inputs.run, files: result.files.map((r, i) => ({ role: inputs.files[i]!.role, result: r })) }, lintOptions);
  return summarise(result.files, [config]);
}

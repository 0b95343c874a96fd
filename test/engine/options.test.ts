/**
 * Library callers' options are checked at the door, as the CLI checks its
 * flags: a Promise not awaited, a count given as a string, a name that is not
 * a string each make one LL_INVALID_OPTION error that names the option and
 * what it got — not a TypeError from deep in a reader, nor a number read
 * from a string.
 */
import { describe, expect, it } from "vitest";
import { lintFile, lintText } from "../../src/engine/lint.js";
import type { LintOptions } from "../../src/engine/options.js";
import { fix } from "../../src/fixer/fix.js";
import { fixture } from "../shared.js";

const wrong = (o: Record<string, unknown>) => o as unknown as LintOptions;

describe("options of the wrong type", () => {
  it.each([
    [{ classNames: Promise.resolve(["sky"]) }, "options.classNames must be an array of strings, got a Promise (await it first)"],
    [{ classNames: "sky,sea" }, "options.classNames must be an array of strings, got the string 'sky,sea'"],
    [{ classNames: ["sky", 2] }, "options.classNames[1] must be a string, got 2"],
    [{ numClasses: "33" }, "options.numClasses must be a positive integer, got the string '33'"],
    [{ numClasses: 2.5 }, "options.numClasses must be a positive integer, got 2.5"],
    [{ maxLineBytes: 0 }, "options.maxLineBytes must be a positive integer, got 0"],
    [{ jobs: null }, "options.jobs must be a positive integer, got null"],
    [{ maxProblemsPerRule: -1 }, "options.maxProblemsPerRule must be a whole number, 0 or more, got -1"],
    [{ split: "test" }, "options.split must be 'train' or 'eval', got the string 'test'"],
  ])("%j is refused with a message naming it", async (options, message) => {
    await expect(lintText("a.jpg\t0,1\nb.jpg\t1,0\n", wrong(options))).rejects.toMatchObject({ code: "LL_INVALID_OPTION", message });
    await expect(lintFile(fixture("defects", "train_list.txt"), wrong(options))).rejects.toMatchObject({ code: "LL_INVALID_OPTION", message });
  });

  it("is refused by fix before anything is written", async () => {
    await expect(fix(fixture("defects", "train_list.txt"), { ...wrong({ classNames: Promise.resolve([]) }), out: "/nonexistent-dir/out.txt" })).rejects.toMatchObject({
      code: "LL_INVALID_OPTION",
      message: "options.classNames must be an array of strings, got a Promise (await it first)",
    });
  });

  it("takes the values the CLI passes: no cap (Infinity), a cap of 0, C as a number", async () => {
    for (const options of [{ maxProblemsPerRule: Number.POSITIVE_INFINITY }, { maxProblemsPerRule: 0 }, { numClasses: 2, split: "eval" as const }]) {
      const result = await lintText("a.jpg\t0,1\nb.jpg\t1,0\n", options);
      expect(result.rows).toBe(2);
    }
  });
});

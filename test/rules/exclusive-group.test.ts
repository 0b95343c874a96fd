import { describe, expect, it } from "vitest";
import { lintText } from "../../src/engine/lint.js";
import type { ClassGroup } from "../../src/types.js";
import type { LintOptions } from "../../src/engine/options.js";
import { PA100K } from "../config/project.js";
import { runRuleTests } from "../rule-tester.js";

const AGE: ClassGroup = { name: "age", classes: [19, 20, 21], exactly: 1 };
const ORIENTATION: ClassGroup = { name: "orientation", classes: ["Front", "Side", "Back"], exactly: 1 };
const pa100k: LintOptions = { classNames: PA100K, classGroups: [AGE, ORIENTATION] };

/** A PA100k row with these attributes positive. */
function row(n: number, positives: readonly number[], sep = ","): string {
  const v = new Array<number>(26).fill(0);
  for (const p of positives) v[p] = 1;
  return `train/${String(n).padStart(6, "0")}.jpg${sep === "," ? "\t" : " "}${v.join(sep)}\n`;
}

/** Clean rows: one age and one orientation each, every attribute used. */
function cleanRows(n: number, sep = ","): string {
  let text = "";
  for (let i = 0; i < n; i++) text += row(i, [i % 19, 19 + (i % 3), ...(i % 2 === 0 ? [22] : []), 23 + (i % 3)], sep);
  return text;
}

const bg = cleanRows(30);

runRuleTests("exclusive-group", {
  valid: [
    { name: "an empty file", text: "", options: pa100k },
    { name: "one age and one orientation in every row", text: bg, options: pa100k },
    { name: "no groups declared: two ages are not checked", text: bg + row(30, [19, 21, 23]), options: { classNames: PA100K } },
    { name: "an atMost group with no positive", text: bg + row(30, [0, 20, 23]), options: { numClasses: 26, classGroups: [{ name: "bags", classes: [15, 16, 17], atMost: 1 }] } },
    { name: "an atMost group with one positive", text: bg + row(30, [15, 20, 23]), options: { numClasses: 26, classGroups: [{ name: "bags", classes: [15, 16, 17], atMost: 1 }] } },
    { name: "an exactly-2 group with two positives", text: row(0, [0, 1]) + row(1, [1, 2]), options: { numClasses: 26, classGroups: [{ name: "pair", classes: [0, 1, 2], exactly: 2 }] } },
    { name: "a row of the wrong length (label-count) is not judged", text: bg + "train/x.jpg\t" + "1,".repeat(24) + "1\n", options: pa100k },
    { name: "a row with a bad value (non-binary-value) is not judged", text: bg + row(30, [19, 21, 23]).replace("\t0,", "\t2,"), options: pa100k },
    { name: "the rule turned off", text: bg + row(30, [19, 21, 23]), options: { ...pa100k, rules: { "exclusive-group": "off" } } },
  ],
  invalid: [
    {
      name: "two age classes positive in an exactly-1 group",
      text: bg + row(30, [0, 19, 21, 22, 24]),
      // Thirty rows leave most attributes rare; that is another rule's finding.
      options: { ...pa100k, rules: { "rare-class": "off" } },
      errors: [[31, "LL308"]],
      only: true,
      fix: null,
      message: ["group 'age' must have exactly 1 positive among AgeOver60, Age18-60, AgeLess18", "this row has 2: 19 'AgeOver60', 21 'AgeLess18'"],
      check: (_r, [p]) => {
        expect(p?.severity).toBe("error");
        expect(p?.classIndex).toBe(19);
        // The caret spans the group's three values: `1,0,1` after the path, a TAB and 19 values.
        expect(p?.column).toBe("train/000030.jpg\t".length + 19 * 2 + 1);
        expect(p?.length).toBe(5);
      },
    },
    {
      name: "no orientation at all: an annotation was lost",
      text: bg + row(30, [3, 20]),
      options: pa100k,
      errors: [[31, "LL308"]],
      message: ["group 'orientation' must have exactly 1 positive among Front, Side, Back; this row has none: an annotation was lost"],
      check: (_r, [p]) => expect(p?.classIndex).toBe(23),
    },
    {
      name: "both groups broken on one row: one finding per group",
      text: bg + row(30, [19, 20, 23, 25]),
      options: pa100k,
      errors: [
        [31, "LL308"],
        [31, "LL308"],
      ],
      check: (_r, problems) => {
        expect(problems.map((p) => p.message.match(/group '(\w+)'/)?.[1]).sort()).toEqual(["age", "orientation"]);
      },
    },
    {
      name: "an atMost group with two positives",
      text: bg + row(30, [15, 17, 20, 23]),
      options: { classNames: PA100K, classGroups: [{ name: "bags", classes: ["HandBag", "ShoulderBag", "Backpack"], atMost: 1 }] },
      errors: [[31, "LL308"]],
      message: ["group 'bags' may have at most 1 positive among HandBag, ShoulderBag, Backpack; this row has 2: 15 'HandBag', 17 'Backpack'"],
    },
    {
      name: "indices without class names",
      text: bg + row(30, [19, 20, 21, 23]),
      options: { numClasses: 26, classGroups: [AGE] },
      errors: [[31, "LL308"]],
      message: ["group 'age' must have exactly 1 positive among classes 19, 20, 21; this row has 3: 19, 20, 21"],
    },
    {
      name: "an exactly-2 group with one positive",
      text: row(0, [0, 1]) + row(1, [2]),
      options: { numClasses: 26, classGroups: [{ name: "pair", classes: [0, 1, 2], exactly: 2 }] },
      errors: [[2, "LL308"]],
      message: ["must have exactly 2 positives among classes 0, 1, 2; this row has 1: 2"],
    },
    {
      name: "every broken row is reported, in a spaced CRLF file with a byte-order mark",
      text: "\uFEFF" + (cleanRows(5, " ") + row(5, [19, 20, 24], " ") + row(6, [21, 23, 24], " ")).replace(/\n/g, "\r\n"),
      options: pa100k,
      errors: [
        [6, "LL308"],
        [7, "LL308"],
      ],
    },
    {
      name: "the last row without a final newline",
      text: bg + row(30, [20, 21, 23]).trimEnd(),
      options: pa100k,
      errors: [[31, "LL308"]],
    },
    {
      name: "-1 is a negative in a signed file",
      text: (bg + row(30, [19, 21, 23])).replace(/\b0\b/g, "-1"),
      options: pa100k,
      errors: [[31, "LL308"]],
      message: ["this row has 2: 19 'AgeOver60', 21 'AgeLess18'"],
    },
    {
      name: "lowered to a warning",
      text: bg + row(30, [19, 21, 23]),
      options: { ...pa100k, rules: { "exclusive-group": "warn" } },
      errors: [[31, "LL308"]],
      check: (_r, [p]) => expect(p?.severity).toBe("warn"),
    },
  ],
});

describe("LL308 exclusive-group: the classGroups option", () => {
  it("resolves names through the class names", async () => {
    const result = await lintText(bg + row(30, [24, 25, 20]), { classNames: PA100K, classGroups: [ORIENTATION] });
    expect(result.problems.filter((p) => p.rule === "exclusive-group").map((p) => p.classIndex)).toEqual([24]);
  });

  it.each<[string, LintOptions, RegExp]>([
    ["a name that is not a class", { classNames: PA100K, classGroups: [{ name: "age", classes: ["AgeOver60", "Age18_60"], exactly: 1 }] }, /classGroups\/0\/classes\/1 'Age18_60' is not one of the 26 class names; did you mean 'Age18-60'\?/],
    ["names without class names", { numClasses: 26, classGroups: [ORIENTATION] }, /classGroups\/0\/classes\/0 is a class name \('Front'\), but no class names are known/],
    ["an index out of range", { numClasses: 26, classGroups: [{ name: "age", classes: [19, 20, 26], exactly: 1 }] }, /classGroups\/0\/classes\/2 is class 26, but there are only 26 classes \(0…25\)/],
    ["a class twice (by index and by name)", { classNames: PA100K, classGroups: [{ name: "age", classes: [19, "AgeOver60"], exactly: 1 }] }, /classGroups\/0\/classes\/1 is class 19 'AgeOver60' again/],
    ["both exactly and atMost", { numClasses: 26, classGroups: [{ name: "age", classes: [19, 20, 21], exactly: 1, atMost: 1 }] }, /classGroups\/0 must set exactly one of 'exactly' and 'atMost'/],
    ["neither exactly nor atMost", { numClasses: 26, classGroups: [{ name: "age", classes: [19, 20, 21] }] }, /classGroups\/0 must set exactly one of 'exactly' and 'atMost'/],
    ["an atMost the group can never exceed", { numClasses: 26, classGroups: [{ name: "age", classes: [19, 20, 21], atMost: 3 }] }, /classGroups\/0\/atMost is 3: a group of 3 classes never has more positives/],
    ["more required than the group has", { numClasses: 26, classGroups: [{ name: "age", classes: [19, 20], exactly: 3 }] }, /classGroups\/0\/exactly is 3, but the group has only 2 classes/],
    ["a group of one class", { numClasses: 26, classGroups: [{ name: "age", classes: [19], exactly: 1 }] }, /classGroups\/0\/classes must NOT have fewer than 2 items/],
    ["two groups with one name", { numClasses: 26, classGroups: [AGE, { ...AGE, classes: [23, 24] }] }, /classGroups\/1\/name 'age' is the name of group 0 too/],
  ])("rejects %s with LL_INVALID_OPTION", async (_name, options, message) => {
    const failure = lintText(bg, options);
    await expect(failure).rejects.toMatchObject({ code: "LL_INVALID_OPTION" });
    await expect(failure).rejects.toThrow(message);
  });

  it("checks an index against the inferred class count", async () => {
    await expect(lintText("a.jpg\t1,0,0\nb.jpg\t0,1,0\n", { classGroups: [{ name: "g", classes: [2, 3], atMost: 1 }] })).rejects.toThrow(/is class 3, but there are only 3 classes/);
  });
});

/**
 * A rule may say which row features its `row` hook needs (`rowFeatures`);
 * the engine then skips it on rows without them. That must never change a
 * report: every fixture, and lists built of every defect a line can carry,
 * give the same json with the skipping on and with every hook called on
 * every row (`everyRowHook`).
 */
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { lint, type FileInput } from "../../src/engine/lint.js";
import type { LintOptions } from "../../src/engine/options.js";
import { Row, RowFeature, rowFeatures } from "../../src/readers/row.js";
import { paddleclas } from "../../src/readers/paddleclas.js";
import { formatters } from "../../src/reporters/index.js";
import { fixture, seededRandom } from "../shared.js";
import { scratchDir } from "../shards/lists.js";

const { write } = scratchDir("labellint-row-features-");

async function json(inputs: (string | FileInput)[], options: LintOptions): Promise<string> {
  return formatters["json"]!(await lint(inputs, options));
}

async function expectSame(inputs: (string | FileInput)[], options: LintOptions, what: string): Promise<void> {
  const every = await json(inputs, { ...options, everyRowHook: true });
  expect(await json(inputs, options), what).toBe(every);
}

/** A list of `rows` lines of C values, each line clean or carrying one to three of the defects a rule reports on a row. */
function defectList(style: "paddleclas" | "spaced" | "csv", rows: number, C: number, seed: number): string {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const pathSep = style === "paddleclas" ? "\t" : style === "csv" ? "," : " ";
  const valueSep = style === "paddleclas" || style === "csv" ? "," : " ";
  const lines: string[] = style === "csv" ? [`path,${Array.from({ length: C }, (_, i) => `c${i}`).join(",")}`] : [];
  const endings: string[] = [];
  for (let i = 0; i < rows; i++) {
    let path = `img/${String(i).padStart(5, "0")}.jpg`;
    let values: string[] = Array.from({ length: C }, () => (next() < 0.2 ? "1" : "0"));
    let after = "";
    let before = "";
    let ending = "\n";
    const defects = next() < 0.5 ? 0 : 1 + Math.floor(next() * 3);
    for (let d = 0; d < defects; d++) {
      switch (Math.floor(next() * 18)) {
        case 0: values = values.map(() => "0"); break; // no positive
        case 1: values = values.map(() => "1"); break; // every class
        case 2: values[Math.floor(next() * C)] = pick(["-1", "2", "0.5", "x", "", "1.0", "+1", "01", "true"]); break;
        case 3: values = values.slice(0, C - 1 - Math.floor(next() * 2)); break; // short
        case 4: values.push("0"); break; // long
        case 5: path = pick(["img\\a.jpg", "../a.jpg", "a/../../b.jpg", "/abs/a.jpg", "\\\\server\\a.jpg", "C:a.jpg", "c:\\x.jpg", "./a.jpg", "a//b.jpg"]); break;
        case 6: before = "\ufeff"; break; // a byte-order mark inside the file
        case 7: ending = pick(["\r\n", "\r"]); break;
        case 8: after = pick(["\textra", "\t", " ", ",", "\t1"]); break;
        case 9: path = `img/é${i}.jpg`; break;
        case 10: values = [`[${values.join(valueSep)}]`]; break; // brackets
        case 11: values[Math.floor(next() * C)] += pick([" ", ",", "，", "\u00a0"]); break; // odd separators
        case 12: values = []; break; // no values
        case 13: path = `img/${String(Math.floor(next() * i)).padStart(5, "0")}.jpg`; break; // a duplicate path
        case 14: lines.push(pick(["", "   ", "# a comment"])); endings.push("\n"); break;
        case 15: path = ""; break;
        case 16: values[0] = "\u0000"; break;
        default: values = values.map((v) => (v === "1" ? "0" : "1")); break;
      }
    }
    lines.push(`${before}${path}${pathSep}${values.join(valueSep)}${after}`);
    endings.push(ending);
  }
  return lines.map((l, i) => `${l}${endings[i] ?? "\n"}`).join("");
}

describe("rules skipped on rows without the features they need report exactly what they would", () => {
  const fixtureFiles = (readdirSync(fixture(""), { recursive: true, encoding: "utf8" }) as string[])
    .filter((f) => /\.(txt|csv|tsv|json)$/.test(f) && !/(^|\/)(expected[^/]*|case\.json)$/.test(f) && !f.includes("/expected/"))
    .sort();

  it(`every fixture file (${fixtureFiles.length})`, async () => {
    expect(fixtureFiles.length).toBeGreaterThan(50);
    for (const file of fixtureFiles) await expectSame([join(fixture(""), file)], {}, relative(fixture(""), join(fixture(""), file)));
  }, 120_000);

  for (const style of ["paddleclas", "spaced", "csv"] as const) {
    it(`${style}: 40 lists of lines with every row defect, alone and together`, async () => {
      for (let seed = 1; seed <= 40; seed++) {
        const C = 1 + (seed % 9);
        const path = write(`${style}-${seed}.${style === "csv" ? "csv" : "txt"}`, defectList(style, 60, C, seed));
        const options: LintOptions = seed % 2 === 0 ? { numClasses: C } : {};
        await expectSame([path], { ...options, maxProblemsPerRule: 1000 }, `${style} seed ${seed}`);
      }
    }, 120_000);
  }

  it("with -1 masked by the loss, unknown values declared, and class groups", async () => {
    // Mostly -1 and 0: a signed file.
    const signed = write("signed.txt", defectList("paddleclas", 200, 6, 99).replaceAll(",0", ",-1"));
    const options: LintOptions = { numClasses: 6, maxProblemsPerRule: 1000, classGroups: [{ name: "g", classes: [0, 1], atMost: 1 }, { name: "h", classes: [2, 3, 4], exactly: 1 }] };
    await expectSame([signed], { ...options, minusOneMasked: "the loss ignores -1" }, "signed, masked");
    await expectSame([signed], { ...options, unknownLabels: [-1, 2, ""] }, "signed, unknown values");
    await expectSame([signed], options, "signed");
  });

  it("a train and an eval file (leaks are checked on every row)", async () => {
    const train = write("train.txt", defectList("paddleclas", 120, 5, 7));
    const evalPath = write("eval.txt", defectList("paddleclas", 120, 5, 8).replaceAll("img/000", "img/001"));
    await expectSame([{ path: train, options: { split: "train" } }, { path: evalPath, options: { split: "eval" } }], { numClasses: 5, maxProblemsPerRule: 1000 }, "train/eval");
  });

  it("a clean row has no feature; each defect sets its own", () => {
    const row = new Row();
    const features = (line: string, C = 3) => {
      const bytes = Buffer.from(line, "utf8");
      row.reset(bytes, 0, bytes.length, 1);
      paddleclas.parse(row);
      return rowFeatures(row, C);
    };
    expect(features("a.jpg\t0,1,0")).toBe(0);
    expect(features("a.jpg\t0,0,0")).toBe(RowFeature.NoPositive);
    expect(features("a.jpg\t1,1,1")).toBe(RowFeature.AllPositive);
    expect(features("a\\b.jpg\t0,1,0")).toBe(RowFeature.Path);
    expect(features("../b.jpg\t0,1,0")).toBe(RowFeature.Path);
    expect(features("/b.jpg\t0,1,0")).toBe(RowFeature.Path);
    expect(features("C:b.jpg\t0,1,0")).toBe(RowFeature.Path);
    expect(features("\ufeffa.jpg\t0,1,0")).toBe(RowFeature.Bom);
    for (const values of ["0,-1,1", "0,2,1", "0,,1", "0,1,0,", "[0,1,0]", "0,1.0,0", "0, 1,0", "0,1,0\tx"]) expect(features(`a.jpg\t${values}`) & RowFeature.Values, values).toBe(RowFeature.Values);
  });
});

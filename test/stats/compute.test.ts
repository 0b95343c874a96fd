import { describe, expect, it } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lintFile, lintText } from "../../src/engine/lint.js";
import { prevalenceDistance } from "../../src/stats/compute.js";
import type { DatasetStatistics } from "../../src/types.js";

/**
 * Every SPEC §7 statistic recomputed here from its definition (Charte et al.,
 * 2015; R package mldr) on small hand-made matrices, and compared with what
 * the engine streams out with `statistics: true`.
 */

type Matrix = number[][];

interface Reference {
  rows: number;
  numClasses: number;
  cardinality: number;
  density: number;
  distinctLabelsets: number;
  singleOccurrenceLabelsets: number;
  maxLabelsetFrequency: number;
  cardinalityHistogram: number[];
  positives: number[];
  prevalence: number[];
  irlbl: (number | null)[];
  posWeight: (number | null)[];
  maxIR: number | null;
  meanIR: number | null;
  cvIR: number | null;
  scumble: number | null;
  cooccurrence: number[][];
}

function reference(m: Matrix, C: number): Reference {
  const N = m.length;
  const h = Array.from({ length: C }, (_, j) => m.filter((row) => row[j] === 1).length);
  const maxH = Math.max(0, ...h);
  // IRLbl(λ) = max_λ' h(λ') / h(λ): undefined for a class without positives.
  const irlbl = h.map((hj) => (hj > 0 ? maxH / hj : null));
  const defined = irlbl.filter((x): x is number => x !== null);
  const meanIR = defined.length > 0 ? defined.reduce((a, b) => a + b, 0) / defined.length : null;
  // CVIR = sample sd(IRLbl) / MeanIR (R's sd divides by n − 1; one value: no spread, 0).
  let cvIR: number | null = null;
  if (meanIR !== null) {
    const variance = defined.length > 1 ? defined.reduce((a, x) => a + (x - meanIR) ** 2, 0) / (defined.length - 1) : 0;
    cvIR = Math.sqrt(variance) / meanIR;
  }
  const counts = m.map((row) => row.reduce((a, b) => a + b, 0));
  const cardinality = N > 0 ? counts.reduce((a, b) => a + b, 0) / N : 0;
  const histogram: number[] = Array.from({ length: Math.max(-1, ...counts) + 1 }, (_, k) => counts.filter((c) => c === k).length);
  const labelsets = new Map<string, number>();
  for (const row of m) labelsets.set(row.join(""), (labelsets.get(row.join("")) ?? 0) + 1);
  // SCUMBLE: mean over instances of 1 − (∏ IRLbl)^(1/|Y|) / mean IRLbl over the instance's labels; 0 without labels.
  const perInstance = m.map((row) => {
    const values = row.flatMap((v, j) => (v === 1 ? [irlbl[j]!] : []));
    if (values.length === 0) return 0;
    const product = values.reduce((a, b) => a * b, 1);
    const geometric = product ** (1 / values.length);
    const arithmetic = values.reduce((a, b) => a + b, 0) / values.length;
    return 1 - geometric / arithmetic;
  });
  return {
    rows: N,
    numClasses: C,
    cardinality,
    density: cardinality / C,
    distinctLabelsets: labelsets.size,
    singleOccurrenceLabelsets: [...labelsets.values()].filter((c) => c === 1).length,
    maxLabelsetFrequency: Math.max(0, ...labelsets.values()),
    cardinalityHistogram: histogram,
    positives: h,
    prevalence: h.map((hj) => hj / N),
    irlbl,
    posWeight: h.map((hj) => (hj > 0 ? (N - hj) / hj : null)),
    maxIR: defined.length > 0 ? Math.max(...defined) : null,
    meanIR,
    cvIR,
    scumble: N > 0 ? perInstance.reduce((a, b) => a + b, 0) / N : null,
    cooccurrence: Array.from({ length: C }, (_, a) => Array.from({ length: C }, (_, b) => m.filter((row) => row[a] === 1 && row[b] === 1).length)),
  };
}

const toText = (m: Matrix): string => m.map((row, i) => `images/${String(i).padStart(4, "0")}.jpg\t${row.join(",")}\n`).join("");

async function engine(m: Matrix, C: number): Promise<DatasetStatistics> {
  const file = await lintText(toText(m), { numClasses: C, statistics: true });
  expect(file.shape.ok, file.shape.reasons.join("; ")).toBe(true);
  expect(file.statistics).toBeDefined();
  return file.statistics!;
}

const close = (actual: number | null, expected: number | null) => {
  if (expected === null) expect(actual).toBeNull();
  else {
    expect(actual).not.toBeNull();
    expect(actual!).toBeCloseTo(expected, 12);
  }
};

/** Every number in `value` is finite: no NaN, no ±Infinity anywhere. */
function expectFinite(value: unknown, path = "statistics"): void {
  if (typeof value === "number") expect(Number.isFinite(value), `${path} = ${value}`).toBe(true);
  else if (typeof value === "string") expect.fail(`${path} is a string: ${value}`);
  else if (Array.isArray(value)) value.forEach((v, i) => expectFinite(v, `${path}[${i}]`));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) expectFinite(v, `${path}.${k}`);
}

function compare(stats: DatasetStatistics, ref: Reference): void {
  expect(stats.rows).toBe(ref.rows);
  expect(stats.numClasses).toBe(ref.numClasses);
  close(stats.cardinality, ref.cardinality);
  close(stats.density, ref.density);
  expect(stats.distinctLabelsets).toBe(ref.distinctLabelsets);
  expect(stats.singleOccurrenceLabelsets).toBe(ref.singleOccurrenceLabelsets);
  expect(stats.maxLabelsetFrequency).toBe(ref.maxLabelsetFrequency);
  expect(stats.labelsetsTruncated).toBe(false);
  expect(stats.cardinalityHistogram).toEqual(ref.cardinalityHistogram);
  expect(stats.classes.map((c) => c.index)).toEqual(ref.positives.map((_, j) => j));
  expect(stats.classes.map((c) => c.positives)).toEqual(ref.positives);
  stats.classes.forEach((c, j) => {
    close(c.prevalence, ref.prevalence[j]!);
    close(c.labelRatio, ref.prevalence[j]!);
    close(c.irlbl, ref.irlbl[j]!);
    close(c.posWeight, ref.posWeight[j]!);
  });
  close(stats.maxIR, ref.maxIR);
  close(stats.meanIR, ref.meanIR);
  close(stats.cvIR, ref.cvIR);
  close(stats.scumble, ref.scumble);
  expect(stats.cooccurrence).toEqual(ref.cooccurrence);
  // Nothing undefined leaks out as NaN or Infinity, and the JSON round-trips unchanged.
  expectFinite(stats);
  expect(JSON.parse(JSON.stringify(stats))).toEqual(stats);
}

/** A deterministic sparse matrix: class j positive with probability rates[j]. */
function pseudoRandom(rows: number, rates: number[], seed: number): Matrix {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return Array.from({ length: rows }, () => rates.map((p) => (next() < p ? 1 : 0)));
}

const MATRICES: Record<string, { m: Matrix; C: number }> = {
  "a class with zero positives, an all-zero row, duplicate labelsets": {
    C: 4,
    m: [
      [1, 0, 1, 0],
      [1, 0, 1, 0],
      [1, 1, 0, 0],
      [0, 0, 0, 0],
      [1, 0, 0, 0],
      [1, 0, 1, 0],
      [0, 1, 1, 0],
    ],
  },
  "several all-zero rows and two zero-positive classes": {
    C: 5,
    m: [
      [0, 0, 0, 0, 0],
      [1, 0, 0, 0, 1],
      [0, 0, 0, 0, 0],
      [1, 0, 1, 0, 0],
      [0, 0, 0, 0, 0],
      [1, 0, 0, 0, 0],
    ],
  },
  "a full row and a very rare class": {
    C: 6,
    m: [
      [1, 1, 1, 1, 1, 1],
      [1, 1, 0, 0, 0, 0],
      [1, 1, 1, 0, 0, 0],
      [1, 0, 0, 1, 0, 0],
      [1, 1, 0, 0, 1, 0],
      [1, 0, 1, 0, 0, 0],
      [1, 1, 0, 0, 0, 0],
      [1, 0, 0, 1, 0, 0],
    ],
  },
  "balanced classes (every IRLbl = 1)": {
    C: 4,
    m: [
      [1, 0, 0, 1],
      [0, 1, 1, 0],
      [1, 1, 0, 0],
      [0, 0, 1, 1],
    ],
  },
  "one class with positives, the rest without": {
    C: 4,
    m: [
      [0, 1, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 0],
    ],
  },
  "a larger sparse matrix with a zero-positive class": {
    C: 9,
    m: pseudoRandom(400, [0.5, 0.2, 0.05, 0.01, 0, 0.3, 0.12, 0.7, 0.02], 7),
  },
};

describe("statistics against their definitions", () => {
  for (const [name, { m, C }] of Object.entries(MATRICES)) {
    it(name, async () => {
      compare(await engine(m, C), reference(m, C));
    });
  }

  it("computes MaxIR, MeanIR and CVIR over the classes with at least one positive only", async () => {
    const { m, C } = MATRICES["several all-zero rows and two zero-positive classes"]!;
    const stats = await engine(m, C);
    // h = [3, 0, 1, 0, 1]: IRLbl = [1, —, 3, —, 3] over the three classes with positives.
    expect(stats.classes.map((c) => c.irlbl)).toEqual([1, null, 3, null, 3]);
    expect(stats.classes.map((c) => c.posWeight)).toEqual([1, null, 5, null, 5]);
    expect(stats.maxIR).toBe(3);
    expect(stats.meanIR).toBeCloseTo(7 / 3, 12);
    const sd = Math.sqrt(((1 - 7 / 3) ** 2 + 2 * (3 - 7 / 3) ** 2) / 2);
    expect(stats.cvIR).toBeCloseTo(sd / (7 / 3), 12);
  });

  it("gives null, not Infinity or NaN, when no class has a positive", async () => {
    const m = [
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ];
    const stats = await engine(m, 4);
    compare(stats, reference(m, 4));
    expect(stats.maxIR).toBeNull();
    expect(stats.meanIR).toBeNull();
    expect(stats.cvIR).toBeNull();
    expect(stats.scumble).toBe(0);
    expect(stats.cardinality).toBe(0);
    expect(stats.distinctLabelsets).toBe(1);
    expect(stats.maxLabelsetFrequency).toBe(3);
    expect(stats.classes.every((c) => c.irlbl === null && c.posWeight === null && c.prevalence === 0)).toBe(true);
  });

  it("has SCUMBLE 0 (up to rounding) when the labels of every row are equally frequent", async () => {
    const stats = await engine(MATRICES["balanced classes (every IRLbl = 1)"]!.m, 4);
    expect(stats.cvIR).toBe(0);
    expect(Math.abs(stats.scumble!)).toBeLessThan(1e-12);
  });

  it("gives an empty file zeros and nulls, all finite", async () => {
    const file = await lintText("", { numClasses: 3, statistics: true });
    const stats = file.statistics!;
    expect(stats.rows).toBe(0);
    expect(stats.scumble).toBeNull();
    expect(stats.maxIR).toBeNull();
    expectFinite(stats);
    expect(JSON.parse(JSON.stringify(stats))).toEqual(stats);
  });

  it("reports each class without positives as a class-without-positives problem", async () => {
    const { m, C } = MATRICES["several all-zero rows and two zero-positive classes"]!;
    const file = await lintText(toText(m), { numClasses: C, statistics: true });
    const found = file.problems.filter((p) => p.rule === "class-without-positives").map((p) => p.classIndex);
    expect(found).toEqual([1, 3]);
  });

  it("counts only clean rows: a malformed row is not in the statistics", async () => {
    const { m, C } = MATRICES["a class with zero positives, an all-zero row, duplicate labelsets"]!;
    const text = toText(m) + "images/bad.jpg\t1,0,2,0\nimages/short.jpg\t1,0\n";
    const file = await lintText(text, { numClasses: C, statistics: true });
    compare(file.statistics!, reference(m, C));
  });
});

describe("prevalenceDistance", () => {
  it("is the L∞ distance between the per-class prevalences, at the class where it occurs", async () => {
    const train = pseudoRandom(300, [0.5, 0.2, 0.05, 0.3, 0.1], 11);
    const evalSplit = pseudoRandom(120, [0.45, 0.3, 0.05, 0.3, 0.0], 12);
    const a = await engine(train, 5);
    const b = await engine(evalSplit, 5);
    const ra = reference(train, 5);
    const rb = reference(evalSplit, 5);
    const diffs = ra.prevalence.map((p, j) => Math.abs(p - rb.prevalence[j]!));
    const linf = Math.max(...diffs);
    const distance = prevalenceDistance(a, b)!;
    expect(distance.linf).toBeCloseTo(linf, 12);
    expect(distance.classIndex).toBe(diffs.indexOf(linf));
  });

  it("is null when the class counts differ", async () => {
    expect(prevalenceDistance(await engine([[1, 0, 0, 1]], 4), await engine([[1, 0, 0, 1, 0]], 5))).toBeNull();
  });
});

describe("the per-class statistics in a json report", () => {
  it("stream as the very text JSON.stringify gives the list once it is read: names of every kind, unknowns, classes without positives, no rows", async () => {
    const { computeStatistics } = await import("../../src/stats/compute.js");
    const { StatisticsAccumulator } = await import("../../src/stats/accumulator.js");
    const { jsonPieces } = await import("../../src/reporters/json-stream.js");
    const names = ["sky", 'a "quoted" name', "back\\slash", "tab\there", "ünïcödé 😀", "lone \ud800", "", "new\nline"];
    for (const rows of [[], [[0, 2]], [[0], [0, 1], [1, 7], [3, 5, 6]]]) {
      for (const classNames of [undefined, names]) {
        for (const unknowns of [undefined, [0, 3, 0, 0, 1, 0, 0, 2]]) {
          const acc = new StatisticsAccumulator(8);
          for (const r of rows) acc.add(r, r.length);
          const streamed = [...jsonPieces({ files: [{ statistics: computeStatistics(acc, classNames, unknowns) }] })].join("");
          const read = computeStatistics(acc, classNames, unknowns);
          expect(read.classes).toHaveLength(8);
          expect(streamed).toBe(JSON.stringify({ files: [{ statistics: read }] }, null, 2));
        }
      }
    }
  });
});

describe("label_ratio: PaddleClas's own per-class mean (multilabel_dataset.py:45-46), each −1 counted as −1", () => {
  // np.array(labels).mean(0): the mean of each class's values as written, not its prevalence.
  const rows = [
    [1, -1, 0],
    [-1, -1, 1],
    [0, 1, -1],
    [1, 0, 0],
  ];
  const text = rows.map((r, i) => `img_${i}.jpg\t${r.join(",")}\n`).join("");
  const numpyMean = [0.25, -0.25, 0];

  it("in a −1/1 list (its negatives) and with --unknown-label -1 (the unknowns): the mean, beside an unchanged prevalence", async () => {
    const signed = await lintText(text, { numClasses: 3, statistics: true, consumer: "paddleclas" });
    expect(signed.statistics!.classes.map((c) => c.labelRatio)).toEqual(numpyMean);
    expect(signed.statistics!.classes.map((c) => c.prevalence)).toEqual([0.5, 0.25, 0.25]);
    // −1 as "not annotated" in a 0/1 list (numpy: [0.5, -0.25, 0]).
    const unknown = await lintText(text.replace("-1,-1,1", "0,-1,1"), { numClasses: 3, statistics: true, consumer: "paddleclas", unknownLabels: [-1] });
    expect(unknown.statistics!.classes.map((c) => c.labelRatio)).toEqual([0.5, -0.25, 0]);
    expect(unknown.statistics!.classes.map((c) => c.unknowns)).toEqual([0, 2, 1]);
  });

  it("a 0/1 list's label_ratio is its prevalence", async () => {
    const file = await lintText(text.replaceAll("-1", "0"), { numClasses: 3, statistics: true });
    expect(file.statistics!.classes.map((c) => c.labelRatio)).toEqual(file.statistics!.classes.map((c) => c.prevalence));
  });

  it("read in parts on several threads, the −1 counts merge to the same means", async () => {
    const dir = await mkdtemp(join(tmpdir(), "labellint-ratio-"));
    try {
      const path = join(dir, "list.txt");
      await writeFile(path, text.repeat(500));
      const one = await lintFile(path, { numClasses: 3, statistics: true, consumer: "paddleclas" });
      const parts = await lintFile(path, { numClasses: 3, statistics: true, consumer: "paddleclas", jobs: 3, minPartBytes: 1, minPartRows: 1 });
      expect(one.statistics!.classes.map((c) => c.labelRatio)).toEqual(numpyMean);
      expect(parts.statistics!.classes.map((c) => c.labelRatio)).toEqual(numpyMean);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

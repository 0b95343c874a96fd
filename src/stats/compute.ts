import type { ClassStatistics, DatasetStatistics } from "../types.js";
import { numbersOf, type StatisticsAccumulator } from "./accumulator.js";

const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/**
 * The dataset statistics from accumulated counts (definitions: Charte et al.,
 * 2015, as implemented by R's mldr). Undefined quantities — IRLbl and
 * pos_weight of a class without positives — are null, never Infinity or NaN,
 * and class-without-positives reports them as problems.
 */
export function computeStatistics(acc: StatisticsAccumulator, classNames?: readonly string[], unknowns?: readonly number[]): DatasetStatistics {
  const N = acc.rows;
  const C = acc.numClasses;
  const h = numbersOf(acc.positives);
  const maxH = h.reduce((a, b) => Math.max(a, b), 0);
  // One object per class, and C may be large: built by assignment (in the key order the report shows), not by spreads.
  const classes: ClassStatistics[] = h.map((positives, index) => {
    const c = { index } as ClassStatistics;
    const name = classNames?.[index];
    if (name !== undefined) c.name = name;
    c.positives = positives;
    c.prevalence = N > 0 ? positives / N : 0;
    c.irlbl = positives > 0 ? maxH / positives : null;
    c.posWeight = positives > 0 ? (N - positives) / positives : null;
    c.labelRatio = N > 0 ? positives / N : 0;
    if (unknowns !== undefined) c.unknowns = unknowns[index] ?? 0;
    return c;
  });
  const irlbl = classes.map((c) => c.irlbl).filter((x): x is number => x !== null);
  const meanIR = mean(irlbl);
  // mldr uses R's sd(): the sample standard deviation.
  const sd = irlbl.length > 1 ? Math.sqrt(irlbl.reduce((a, x) => a + (x - meanIR) ** 2, 0) / (irlbl.length - 1)) : 0;
  let labelSum = 0;
  acc.cardinality.forEach((rows, k) => (labelSum += (rows ?? 0) * k));
  const cardinality = N > 0 ? labelSum / N : 0;

  // SCUMBLE: mean over instances of 1 - geometric mean / arithmetic mean of the
  // IRLbl of the instance's labels; an instance with no label contributes 0.
  let scumbleSum = 0;
  let single = 0;
  let maxFrequency = 0;
  // Each class's IRLbl and its log, looked up per labelset (the same numbers, summed in the same order, as computing them there).
  const ir = new Float64Array(C);
  const logIr = new Float64Array(C);
  for (let i = 0; i < C; i++) {
    ir[i] = classes[i]!.irlbl ?? 0;
    logIr[i] = Math.log(ir[i]!);
  }
  acc.forEachLabelset((indices, n, count) => {
    if (count === 1) single++;
    if (count > maxFrequency) maxFrequency = count;
    if (n === 0) return;
    let sum = 0;
    let logSum = 0;
    for (let i = 0; i < n; i++) {
      sum += ir[indices[i]!]!;
      logSum += logIr[indices[i]!]!;
    }
    const arithmetic = sum / n;
    const geometric = Math.exp(logSum / n);
    // exp(mean log) can exceed the mean by an ulp; SCUMBLE is never below 0.
    scumbleSum += count * Math.max(0, 1 - geometric / arithmetic);
  });
  const stats: DatasetStatistics = {
    rows: N,
    numClasses: C,
    cardinality,
    density: C > 0 ? cardinality / C : 0,
    distinctLabelsets: acc.distinctLabelsets,
    singleOccurrenceLabelsets: single,
    maxLabelsetFrequency: maxFrequency,
    labelsetsTruncated: acc.labelsetsTruncated,
    cardinalityHistogram: Array.from({ length: acc.cardinality.length }, (_, k) => acc.cardinality[k] ?? 0),
    classes,
    // A loop, not Math.max(...irlbl): spreading 300,000 classes overflows the stack.
    maxIR: irlbl.length > 0 ? irlbl.reduce((a, b) => (b > a ? b : a)) : null,
    meanIR: irlbl.length > 0 ? meanIR : null,
    cvIR: irlbl.length > 0 && meanIR > 0 ? sd / meanIR : null,
    scumble: N > 0 && !acc.labelsetsTruncated ? scumbleSum / N : null,
  };
  if (acc.cooccurrence !== undefined) {
    const co = acc.cooccurrence;
    stats.cooccurrence = Array.from({ length: C }, (_, a) => Array.from(co.subarray(a * C, a * C + C)));
  }
  return stats;
}

/** L∞ distance between two splits' per-class prevalences (null when the class counts differ). */
export function prevalenceDistance(a: DatasetStatistics, b: DatasetStatistics): { linf: number; classIndex: number } | null {
  if (a.numClasses !== b.numClasses || a.numClasses === 0) return null;
  let linf = 0;
  let classIndex = 0;
  a.classes.forEach((c, i) => {
    const d = Math.abs(c.prevalence - b.classes[i]!.prevalence);
    if (d > linf) {
      linf = d;
      classIndex = i;
    }
  });
  return { linf, classIndex };
}

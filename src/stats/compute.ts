import type { ClassStatistics, DatasetStatistics } from "../types.js";
import type { StatisticsAccumulator } from "./accumulator.js";
import { lazyArrayProperty, numberJson } from "../text/lazy-json.js";

const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/**
 * The dataset statistics from accumulated counts (definitions: Charte et al.,
 * 2015, as implemented by R's mldr). Undefined quantities — IRLbl and
 * pos_weight of a class without positives — are null, never Infinity or NaN,
 * and class-without-positives reports them as problems. label_ratio is PaddleClas's: the mean of
 * the class's values (multilabel_dataset.py:45-46), each −1 counted as −1.
 */
export function computeStatistics(acc: StatisticsAccumulator, classNames?: readonly string[], unknowns?: readonly number[]): DatasetStatistics {
  const N = acc.rows;
  const C = acc.numClasses;
  const h = acc.positives;
  let maxH = 0;
  for (let i = 0; i < C; i++) maxH = Math.max(maxH, h[i]!);
  // Each class's IRLbl (0 without a positive) and its log, looked up per labelset below; the IRLbl
  // of the classes with a positive, in class order, for MeanIR and CVIR.
  const ir = new Float64Array(C);
  const logIr = new Float64Array(C).fill(-Infinity);
  const irlbl: number[] = [];
  for (let i = 0; i < C; i++) {
    if (h[i]! === 0) continue;
    ir[i] = maxH / h[i]!;
    logIr[i] = Math.log(ir[i]!);
    irlbl.push(ir[i]!);
  }
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
    classes: [],
    // A loop, not Math.max(...irlbl): spreading 300,000 classes overflows the stack.
    maxIR: irlbl.length > 0 ? irlbl.reduce((a, b) => (b > a ? b : a)) : null,
    meanIR: irlbl.length > 0 ? meanIR : null,
    cvIR: irlbl.length > 0 && meanIR > 0 ? sd / meanIR : null,
    scumble: N > 0 && !acc.labelsetsTruncated ? scumbleSum / N : null,
  };
  // One object per class, and C may be large: built when read, and streamed (never all held) by the JSON writer.
  // (A copy: the list is built when it is read, and the accumulator is not this result's to keep.)
  const positives = Float64Array.from(h);
  const minusOnes = acc.minusOnes === undefined ? undefined : Float64Array.from(acc.minusOnes);
  const item = (index: number): ClassStatistics => {
    const n = positives[index]!;
    const prevalence = N > 0 ? n / N : 0;
    const labelRatio = N > 0 ? (n - (minusOnes?.[index] ?? 0)) / N : 0;
    const irlbl = n > 0 ? maxH / n : null;
    const posWeight = n > 0 ? (N - n) / n : null;
    const name = classNames?.[index];
    const c: ClassStatistics =
      name !== undefined
        ? { index, name, positives: n, prevalence, irlbl, posWeight, labelRatio }
        : { index, positives: n, prevalence, irlbl, posWeight, labelRatio };
    if (unknowns !== undefined) c.unknowns = unknowns[index] ?? 0;
    return c;
  };
  // A class's figures follow from its positives alone: their text is made once per count (most classes share a few).
  const figures = new Map<number | string, string>();
  let figuresIndent = "";
  lazyArrayProperty(stats, "classes", C, item, (index, indent) => {
    const n = positives[index]!;
    if (indent !== figuresIndent) {
      figures.clear();
      figuresIndent = indent;
    }
    // With −1 values the label_ratio differs between classes of one positive count.
    const key = minusOnes === undefined ? n : `${n}:${minusOnes[index]!}`;
    let text = figures.get(key);
    if (text === undefined) {
      text = figuresJson(item(index), indent);
      if (figures.size < MAX_FIGURE_TEXTS) figures.set(key, text);
    }
    const name = classNames?.[index];
    const u = unknowns === undefined ? "" : `,\n${indent}  "unknowns": ${numberJson(unknowns[index] ?? 0)}`;
    return `{\n${indent}  "index": ${index}${name === undefined ? "" : `,\n${indent}  "name": ${JSON.stringify(name)}`}${text}${u}\n${indent}}`;
  });
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

/** Distinct positive counts whose figures' text is kept (a C-long list has a few hundred at most, unless every class differs). */
const MAX_FIGURE_TEXTS = 65_536;

/**
 * The figures of a class's statistics as `JSON.stringify(c, null, 2)` writes
 * them, their lines indented by `indent`: from `positives` to `labelRatio`,
 * each line led by its comma (the index and name come before them, unknowns
 * after).
 */
function figuresJson(c: ClassStatistics, indent: string): string {
  const inner = `,\n${indent}  `;
  return (
    `${inner}"positives": ${numberJson(c.positives)}${inner}"prevalence": ${numberJson(c.prevalence)}` +
    `${inner}"irlbl": ${c.irlbl === null ? "null" : numberJson(c.irlbl)}${inner}"posWeight": ${c.posWeight === null ? "null" : numberJson(c.posWeight)}` +
    `${inner}"labelRatio": ${numberJson(c.labelRatio)}`
  );
}

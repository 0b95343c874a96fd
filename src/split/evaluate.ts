import type { LabelMatrix } from "./matrix.js";
import { forEachPair, type PairIndex } from "./pairs.js";
import type { SplitQuality } from "./types.js";

/**
 * How well each assignment of rows to splits keeps the classes and label
 * pairs of the whole list: counts per split, classes and pairs with no
 * evidence in a split, and the L∞ distance between each split's per-class
 * prevalence and the whole list's. One pass over the matrix for all
 * assignments.
 */
export function evaluate(matrix: LabelMatrix, pairs: PairIndex, splits: number, assignments: readonly Uint8Array[]): SplitQuality[] {
  const C = matrix.numClasses;
  const F = splits;
  const N = matrix.rows;
  const A = assignments.length;
  const rows = Array.from({ length: A }, () => new Float64Array(F));
  const positives = Array.from({ length: A }, () => new Float64Array(C * F));
  const pairCounts = Array.from({ length: A }, () => new Int32Array(pairs.length * F));
  const values = matrix.values;
  for (let r = 0; r < N; r++) {
    const start = matrix.start(r);
    const end = matrix.end(r);
    for (let a = 0; a < A; a++) {
      const f = assignments[a]![r]!;
      rows[a]![f]!++;
      const pos = positives[a]!;
      for (let p = start; p < end; p++) pos[values[p]! * F + f]!++;
    }
    forEachPair(matrix, pairs, r, (id) => {
      for (let a = 0; a < A; a++) pairCounts[a]![id * F + assignments[a]![r]!]!++;
    });
  }
  const total = matrix.positives();
  return assignments.map((_, a) => quality(total, N, pairs, F, rows[a]!, positives[a]!, pairCounts[a]!));
}

function quality(total: Float64Array, N: number, pairs: PairIndex, F: number, rows: Float64Array, positives: Float64Array, pairCounts: Int32Array): SplitQuality {
  const C = total.length;
  const linf: (number | null)[] = [];
  const linfClass: (number | null)[] = [];
  const classesMissing: number[][] = [];
  for (let f = 0; f < F; f++) {
    const n = rows[f]!;
    let worst = n > 0 && N > 0 ? 0 : null;
    let worstClass: number | null = null;
    const missing: number[] = [];
    for (let c = 0; c < C; c++) {
      const h = positives[c * F + f]!;
      if (total[c]! > 0 && h === 0) missing.push(c);
      if (worst === null) continue;
      const d = Math.abs(h / n - total[c]! / N);
      if (d > worst) {
        worst = d;
        worstClass = c;
      }
    }
    linf.push(worst);
    linfClass.push(worstClass);
    classesMissing.push(missing);
  }
  // Between two splits: what label-distribution-shift compares for train and eval.
  let linfBetween: number | null = null;
  for (let f = 0; f < F; f++) {
    for (let g = f + 1; g < F; g++) {
      if (rows[f] === 0 || rows[g] === 0) continue;
      for (let c = 0; c < C; c++) {
        const d = Math.abs(positives[c * F + f]! / rows[f]! - positives[c * F + g]! / rows[g]!);
        if (linfBetween === null || d > linfBetween) linfBetween = d;
      }
    }
  }
  let classesMissingAnywhere = 0;
  let classesMissingAvoidable = 0;
  for (let c = 0; c < C; c++) {
    let absent = false;
    for (let f = 0; f < F; f++) if (total[c]! > 0 && positives[c * F + f] === 0) absent = true;
    if (!absent) continue;
    classesMissingAnywhere++;
    if (total[c]! >= F) classesMissingAvoidable++;
  }
  const pairsMissing = new Array<number>(F).fill(0);
  let pairsMissingAny = 0;
  for (let id = 0; id < pairs.length; id++) {
    if (pairs.rows(id) < 2) continue;
    let absent = false;
    for (let f = 0; f < F; f++) {
      if (pairCounts[id * F + f] === 0) {
        pairsMissing[f]!++;
        absent = true;
      }
    }
    if (absent) pairsMissingAny++;
  }
  return {
    rows: Array.from(rows),
    linf,
    linfClass,
    linfBetween,
    classesMissing,
    classesMissingAnywhere,
    classesMissingAvoidable,
    pairsMissing,
    pairsMissingAny,
    positives: Array.from({ length: C }, (_, c) => Array.from(positives.subarray(c * F, c * F + F))),
  };
}

/** Label pairs seen in at least two rows: those a split can hold evidence of on both sides. */
export function pairsConsidered(pairs: PairIndex): number {
  let n = 0;
  for (let id = 0; id < pairs.length; id++) if (pairs.rows(id) >= 2) n++;
  return n;
}

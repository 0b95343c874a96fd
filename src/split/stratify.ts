import type { LabelMatrix } from "./matrix.js";
import { forEachPair, type PairIndex } from "./pairs.js";
import { permutation, SeededRandom } from "./random.js";

/** Two desired counts closer than this are a tie (they are sums of ratios, not exact). */
const TIE = 1e-9;

/** What the stratifier places: the rows of a matrix that stand for themselves (a duplicate follows its first copy). */
export interface Placement {
  matrix: LabelMatrix;
  /** Matrix rows to place, ascending. */
  units: Int32Array;
  pairs: PairIndex;
  /** Share of the rows each split should get; they sum to 1. */
  ratios: readonly number[];
  seed: number;
}

/**
 * A min-heap of (remaining, combination) with lazy deletion: an entry whose
 * count is no longer the combination's is skipped when popped.
 */
class ComboHeap {
  private rem = new Int32Array(1024);
  private id = new Int32Array(1024);
  private size = 0;

  push(rem: number, id: number): void {
    if (this.size === this.rem.length) {
      const r = new Int32Array(this.size * 2);
      r.set(this.rem);
      this.rem = r;
      const i = new Int32Array(this.size * 2);
      i.set(this.id);
      this.id = i;
    }
    let at = this.size++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.less(rem, id, this.rem[parent]!, this.id[parent]!)) break;
      this.rem[at] = this.rem[parent]!;
      this.id[at] = this.id[parent]!;
      at = parent;
    }
    this.rem[at] = rem;
    this.id[at] = id;
  }

  /** Pops the smallest entry into `out` ([rem, id]); false when empty. */
  pop(out: Int32Array): boolean {
    if (this.size === 0) return false;
    out[0] = this.rem[0]!;
    out[1] = this.id[0]!;
    const lastRem = this.rem[--this.size]!;
    const lastId = this.id[this.size]!;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.less(this.rem[child + 1]!, this.id[child + 1]!, this.rem[child]!, this.id[child]!)) child++;
      if (!this.less(this.rem[child]!, this.id[child]!, lastRem, lastId)) break;
      this.rem[at] = this.rem[child]!;
      this.id[at] = this.id[child]!;
      at = child;
    }
    this.rem[at] = lastRem;
    this.id[at] = lastId;
    return true;
  }

  private less(r1: number, i1: number, r2: number, i2: number): boolean {
    return r1 < r2 || (r1 === r2 && i1 < i2);
  }
}

/**
 * Second-order iterative stratification (Sechidis et al., 2011, over labels
 * and label pairs as in Szymański & Kajdanowicz, 2017 — scikit-multilearn's
 * `IterativeStratification(order=2)`). The combinations are the classes and
 * the label pairs that co-occur in at least two rows. Repeatedly the
 * combination with the fewest unplaced rows is taken and each of its rows
 * goes to the split that most wants that combination; ties go to the split
 * that most wants rows, then to the seeded generator. Rows with no
 * combination (no positive) then fill the splits that want rows most.
 *
 * One addition keeps evidence in every split: before the desired counts, a
 * row goes where it is the last chance for one of its combinations to reach a
 * split that has none of it yet (classes first, then pairs) — a class with
 * two positives at 0.8/0.2 is then in both splits, where plain iterative
 * stratification puts both in train. That evidence never pushes a split
 * past its share of rows, and a combination no split wants a whole row of
 * (a class seen once) states no preference: in an extreme multi-label
 * list, where most classes have one or two positives, either would fill one
 * split with them (100,000 rows of C = 670,091 at 0.8/0.2 came out
 * 61,681 / 38,319; 2,000 rows 1,930 / 70).
 *
 * Returns the split of each unit, by matrix row (rows that are not units are left at 255).
 */
export function stratify(input: Placement): Uint8Array {
  const { matrix, units, pairs, ratios } = input;
  const random = new SeededRandom(input.seed);
  const F = ratios.length;
  const C = matrix.numClasses;
  const U = units.length;

  // Combinations: class c is c; a pair seen in ≥ 2 rows gets C + its rank.
  const pairCombo = new Int32Array(pairs.length).fill(-1);
  let combos = C;
  for (let id = 0; id < pairs.length; id++) if (pairs.rows(id) >= 2) pairCombo[id] = combos++;

  // Each unit's combinations (CSR), then each combination's units in a seeded random order (CSR).
  const order = permutation(U, random);
  const unitStart = new Uint32Array(U + 1);
  const values = matrix.values;
  let entries = 0;
  for (let u = 0; u < U; u++) {
    const row = units[u]!;
    entries += matrix.end(row) - matrix.start(row);
    forEachPair(matrix, pairs, row, (id) => {
      if (pairCombo[id]! >= 0) entries++;
    });
    unitStart[u + 1] = entries;
  }
  const unitCombos = new Int32Array(entries);
  const total = new Int32Array(combos);
  for (let u = 0, at = 0; u < U; u++) {
    const row = units[u]!;
    for (let p = matrix.start(row), e = matrix.end(row); p < e; p++) unitCombos[at++] = values[p]!;
    forEachPair(matrix, pairs, row, (id) => {
      const combo = pairCombo[id]!;
      if (combo >= 0) unitCombos[at++] = combo;
    });
  }
  for (let i = 0; i < entries; i++) total[unitCombos[i]!]!++;
  const comboStart = new Uint32Array(combos + 1);
  for (let c = 0; c < combos; c++) comboStart[c + 1] = comboStart[c]! + total[c]!;
  const comboUnits = new Int32Array(entries);
  const fill = comboStart.slice(0, combos);
  for (let t = 0; t < U; t++) {
    const u = order[t]!;
    for (let i = unitStart[u]!, e = unitStart[u + 1]!; i < e; i++) comboUnits[fill[unitCombos[i]!]!++] = u;
  }

  const remaining = Int32Array.from(total);
  const got = new Int32Array(combos * F);
  const wanted = new Float64Array(combos * F);
  for (let c = 0; c < combos; c++) for (let f = 0; f < F; f++) wanted[c * F + f] = total[c]! * ratios[f]!;
  /** Splits that have no evidence of the combination yet. */
  const lacking = new Int32Array(combos).fill(F);
  const wantedRows = Float64Array.from(ratios, (r) => r * U);
  const placed = new Uint8Array(U).fill(255);
  const heap = new ComboHeap();
  // Combinations whose count fell while one combination's rows were placed: each is pushed once
  // with its final count (the heap pops in the same order as when every fall was pushed, as a
  // count only falls and a count no longer the combination's is skipped), not once per row.
  const touched = new Uint8Array(combos);
  const changed: number[] = [];

  const place = (u: number, f: number): void => {
    placed[u] = f;
    wantedRows[f]!--;
    for (let i = unitStart[u]!, e = unitStart[u + 1]!; i < e; i++) {
      const c = unitCombos[i]!;
      wanted[c * F + f]!--;
      if (got[c * F + f]!++ === 0) lacking[c]!--;
      // Its new count is pushed once the popped combination's rows are all placed (see below).
      if (--remaining[c]! > 0 && !touched[c]) {
        touched[c] = 1;
        changed.push(c);
      }
    }
  };

  // Per split: combinations of the unit for which this is the last chance to reach that split (classes, pairs).
  const lastChanceClasses = new Int32Array(F);
  const lastChancePairs = new Int32Array(F);
  const tied: number[] = [];
  /**
   * Which of splits `f` and `b` wants more of the combination — no preference
   * for a combination no split wants a whole row of (a class seen once wants
   * 0.8 of a row in train and 0.2 in eval: were that a preference, every row
   * of a class seen once would go to train, and a list of rare classes, such
   * as an extreme multi-label one, would leave eval nearly empty).
   */
  const largestRatio = Math.max(...ratios);
  const wants = (combo: number, f: number, b: number): number =>
    total[combo]! * largestRatio < 1 - TIE ? 0 : compare(wanted[combo * F + f]!, wanted[combo * F + b]!);
  const chooseSplit = (u: number, combo: number): number => {
    lastChanceClasses.fill(0);
    lastChancePairs.fill(0);
    for (let i = unitStart[u]!, e = unitStart[u + 1]!; i < e; i++) {
      const c = unitCombos[i]!;
      if (remaining[c]! > lacking[c]!) continue;
      for (let f = 0; f < F; f++) {
        // Evidence never pushes a split past its share of rows (a list of rare classes would fill eval with them).
        if (got[c * F + f] !== 0 || wantedRows[f]! < 1 - TIE) continue;
        if (c < C) lastChanceClasses[f]!++;
        else lastChancePairs[f]!++;
      }
    }
    tied.length = 0;
    for (let f = 0; f < F; f++) {
      if (tied.length === 0) {
        tied.push(f);
        continue;
      }
      const b = tied[0]!;
      const better =
        lastChanceClasses[f]! - lastChanceClasses[b]! ||
        lastChancePairs[f]! - lastChancePairs[b]! ||
        wants(combo, f, b) ||
        compare(wantedRows[f]!, wantedRows[b]!);
      if (better > 0) {
        tied.length = 0;
        tied.push(f);
      } else if (better === 0) tied.push(f);
    }
    return tied.length === 1 ? tied[0]! : tied[random.below(tied.length)]!;
  };

  for (let c = 0; c < combos; c++) if (total[c]! > 0) heap.push(total[c]!, c);
  const top = new Int32Array(2);
  while (heap.pop(top)) {
    const c = top[1]!;
    if (remaining[c] !== top[0]) continue;
    for (let i = comboStart[c]!, e = comboStart[c + 1]!; i < e; i++) {
      const u = comboUnits[i]!;
      if (placed[u] === 255) place(u, chooseSplit(u, c));
    }
    for (const d of changed) {
      touched[d] = 0;
      if (remaining[d]! > 0) heap.push(remaining[d]!, d);
    }
    changed.length = 0;
  }

  // Rows without positives (negative evidence): to the split that wants rows most.
  for (let t = 0; t < U; t++) {
    const u = order[t]!;
    if (placed[u] !== 255) continue;
    tied.length = 0;
    for (let f = 0; f < F; f++) {
      const better = tied.length === 0 ? 1 : compare(wantedRows[f]!, wantedRows[tied[0]!]!);
      if (better > 0) {
        tied.length = 0;
        tied.push(f);
      } else if (better === 0) tied.push(f);
    }
    const f = tied.length === 1 ? tied[0]! : tied[random.below(tied.length)]!;
    placed[u] = f;
    wantedRows[f]!--;
  }

  const assignment = new Uint8Array(matrix.rows).fill(255);
  for (let u = 0; u < U; u++) assignment[units[u]!] = placed[u]!;
  return assignment;
}

function compare(a: number, b: number): number {
  return Math.abs(a - b) <= TIE ? 0 : a > b ? 1 : -1;
}

/**
 * Row counts per split for `n` rows: `ratio × n` rounded so they sum to `n`
 * (largest remainders first, earlier splits on ties).
 */
export function splitSizes(n: number, ratios: readonly number[]): number[] {
  const exact = ratios.map((r) => r * n);
  const sizes = exact.map((x) => Math.floor(x + TIE));
  let left = n - sizes.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, f) => [x - sizes[f]!, f] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let i = 0; left > 0 && i < byRemainder.length; i++, left--) sizes[byRemainder[i]![1]]!++;
  return sizes;
}

/**
 * The baseline: the units shuffled with the same seed and cut at the
 * ratios (what a shuffle-and-slice split does). Returns the split of each
 * unit by matrix row, as {@link stratify} does.
 */
export function randomSplit(input: Placement): Uint8Array {
  const { matrix, units, ratios } = input;
  const order = permutation(units.length, new SeededRandom(input.seed));
  const sizes = splitSizes(units.length, ratios);
  const assignment = new Uint8Array(matrix.rows).fill(255);
  let t = 0;
  sizes.forEach((size, f) => {
    for (let i = 0; i < size; i++, t++) assignment[units[order[t]!]!] = f;
  });
  return assignment;
}

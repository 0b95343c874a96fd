/**
 * Edit distance with transpositions (optimal string alignment): the fewest single-character
 * insertions, deletions, substitutions and swaps of two neighbours from `a` to `b`, so the
 * typo `Trian` is one edit from `Train`, as `Trin` is.
 */
export function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
    }
    before = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The candidate nearest to `key`, for a "did you mean": compared
 * case-insensitively, at most `maxDistance` edits away; the first of equally
 * near candidates wins. Undefined when none is near enough.
 */
export function closest(candidates: Iterable<string>, key: string, maxDistance = 3): string | undefined {
  const wanted = key.toLowerCase();
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = editDistance(candidate.toLowerCase(), wanted);
    if (d < bestScore) {
      bestScore = d;
      best = candidate;
    }
  }
  return bestScore <= maxDistance ? best : undefined;
}

/**
 * {@link closest} for names a user types (rules, consumers, config keys): at
 * most a third of the key's length in edits (1 to 3), so a short typo does not
 * suggest an unrelated short name (`foo` is not `bom`).
 */
export function closestName(candidates: Iterable<string>, key: string): string | undefined {
  return closest(candidates, key, Math.min(3, Math.max(1, Math.floor(key.length / 3))));
}

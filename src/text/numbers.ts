/**
 * A count as every human-readable output writes it: digits grouped by
 * thousands with commas (`1,200 rows`), whatever the locale. Machine outputs
 * (json, sarif) keep plain numbers; line numbers and class indices are names,
 * not counts, and stay as they are.
 */
export function formatCount(value: number): string {
  // Integers are grouped by hand: the first toLocaleString of a process loads ICU's number formats (~30 ms of a small check).
  if (!Number.isSafeInteger(value)) return value.toLocaleString("en-US");
  const digits = String(Math.abs(value));
  let out = "";
  for (let end = digits.length; end > 0; end -= 3) out = (end > 3 ? "," : "") + digits.slice(Math.max(0, end - 3), end) + out;
  return value < 0 ? `-${out}` : out;
}

/** A count and the noun it counts, singular for one (`1 row`, `2,000 rows`, `3 classes` with `many`). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** A fraction as a percentage with two decimals and no space before the sign (`57.08%`), as every text report writes one. */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(2)}%`;
}

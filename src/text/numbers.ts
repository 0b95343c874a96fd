/**
 * A count as every human-readable output writes it: digits grouped by
 * thousands with commas (`1,200 rows`), whatever the locale. Machine outputs
 * (json, sarif) keep plain numbers; line numbers and class indices are names,
 * not counts, and stay as they are.
 */
export function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}

/** A fraction as a percentage with two decimals and no space before the sign (`57.08%`), as every text report writes one. */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(2)}%`;
}

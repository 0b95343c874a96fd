/**
 * The largest of `measure` over `items` (-Infinity for none, as Math.max). A loop, not
 * `Math.max(...items)`: spreading 300,000 classes into arguments overflows the stack.
 */
export function maxOf<T>(items: Iterable<T>, measure: (item: T) => number): number {
  let max = 0;
  let any = false;
  for (const item of items) {
    const value = measure(item);
    if (!any || value > max) max = value;
    any = true;
  }
  return any ? max : -Infinity;
}

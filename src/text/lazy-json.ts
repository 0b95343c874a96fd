/**
 * Values the JSON writer (`reporters/json-stream.ts`) can write without
 * holding them: arrays produced element by element while they are written.
 * Here, below the reporters, so the code that makes a result (statistics)
 * can hand them over without importing a reporter.
 */

/** An array whose elements are produced while the JSON is written, never held all at once. */
export class LazyArray<T> {
  constructor(
    readonly items: () => Iterable<T>,
    /**
     * The element count and each element's JSON text at an indent, when the
     * writer may skip building the elements: the text must be what
     * `JSON.stringify(element, null, 2)` gives, its lines indented by `indent`.
     */
    readonly text?: { length: number; json: (index: number, indent: string) => string },
  ) {}

  /** The elements as JSON.stringify sees them (for callers that want the whole value). */
  toJSON(): T[] {
    return [...this.items()];
  }
}

/** Properties the writer streams as {@link LazyArray}s until something else reads them (see {@link lazyArrayProperty}). */
const lazyProperties = new WeakMap<object, Map<string, LazyArray<unknown>>>();

/**
 * Defines `object[key]` as the array of `length` elements `item(i)` builds,
 * built (once) only when something reads it: the JSON writer streams the
 * elements instead, each built as it is written and dropped, so a C-long
 * array of per-class objects is never held. The key keeps its place in the
 * object's key order (define it where a plain value would have gone).
 * `json`, when given, writes element i's JSON text directly (see {@link LazyArray}).
 */
export function lazyArrayProperty<T>(object: object, key: string, length: number, item: (index: number) => T, json?: (index: number, indent: string) => string): void {
  const lazy = new LazyArray<T>(
    function* () {
      for (let i = 0; i < length; i++) yield item(i);
    },
    json !== undefined ? { length, json } : undefined,
  );
  let streamed = lazyProperties.get(object);
  if (streamed === undefined) lazyProperties.set(object, (streamed = new Map()));
  streamed.set(key, lazy);
  Object.defineProperty(object, key, {
    enumerable: true,
    configurable: true,
    get(): T[] {
      const value = Array.from({ length }, (_, i) => item(i));
      Object.defineProperty(object, key, { value, enumerable: true, configurable: true, writable: true });
      lazyProperties.get(object)?.delete(key);
      return value;
    },
    set(value: T[]): void {
      Object.defineProperty(object, key, { value, enumerable: true, configurable: true, writable: true });
      lazyProperties.get(object)?.delete(key);
    },
  });
}

/** The property of `object` the JSON writer streams instead of reading (see {@link lazyArrayProperty}), if it is one not read yet. */
export function streamedProperty(object: object, key: string): LazyArray<unknown> | undefined {
  return lazyProperties.get(object)?.get(key);
}

/** A number as JSON.stringify writes it (a non-finite one as null). */
export function numberJson(n: number): string {
  return Number.isFinite(n) ? String(n) : "null";
}

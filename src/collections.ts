/** Appends `item` to the list under `key`, making the list on first use (never copying it: a key may gather millions). */
export function pushTo<K, T>(map: Map<K, T[]>, key: K, item: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [item]);
  else list.push(item);
}

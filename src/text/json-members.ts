/**
 * Where each member's value is in the JSON object `text`: `[start, end)` by
 * key, the last of a repeated key (as JSON.parse and Python's json keep it).
 * Only the object's own members; `text` must be valid JSON.
 */
export function memberValues(text: string): Map<string, [number, number]> {
  const spans = new Map<string, [number, number]>();
  let depth = 0;
  let key: string | undefined;
  let valueStart = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c ? 2 : 1;
      if (depth === 1 && key === undefined) key = JSON.parse(text.slice(i, j + 1)) as string;
      else if (depth === 1 && valueStart < 0) valueStart = i;
      i = j;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      if (depth === 1 && valueStart < 0) valueStart = i;
      depth++;
      continue;
    }
    const closes = c === 0x7d || c === 0x5d;
    if (closes) depth--;
    if ((closes && depth === 0) || (c === 0x2c && depth === 1)) {
      if (key !== undefined && valueStart >= 0) {
        let end = i;
        while (end > valueStart && /\s/.test(text[end - 1]!)) end--;
        spans.set(key, [valueStart, end]);
      }
      key = undefined;
      valueStart = -1;
      continue;
    }
    if (depth === 1 && key !== undefined && valueStart < 0 && c !== 0x3a && c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) valueStart = i;
  }
  return spans;
}

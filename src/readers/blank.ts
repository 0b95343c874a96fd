/** True when `[start, end)` of `buf` holds only whitespace (or nothing). */
export function isBlankLine(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = buf[i];
    if (b !== 32 && b !== 9 && b !== 13 && b !== 11 && b !== 12) return false;
  }
  return true;
}

/** Positional reads of one image file, for the format checks that look past its first page. */

/** Reads `length` bytes at `position` (fewer at the end of the file). */
export type ReadAt = (position: number, length: number) => Promise<Buffer>;

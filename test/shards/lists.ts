/** Label lists for the tests of files read in parts (shards, threads): defects of every kind spread through the file. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { lcgRandom } from "../shared.js";

/** A temporary folder removed after the file's tests, and a writer of files in it. */
export function scratchDir(prefix: string): { dir: string; write(name: string, content: string): string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    write(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
  };
}

export type Style = "paddleclas" | "spaced";
export const C = 6;

/**
 * A list of `rows` rows with, every few lines, a defect of another kind; the
 * rows after the middle repeat earlier paths (same labels, other labels), so
 * duplicates and conflicts pair lines in different ranges.
 */
export function makeList(style: Style, rows: number, seed: number, opts: { bom?: boolean; header?: boolean; crlf?: boolean; finalNewline?: boolean; prefix?: string } = {}): string {
  const next = lcgRandom(seed);
  const sep = style === "paddleclas" ? "\t" : " ";
  const vsep = style === "paddleclas" ? "," : " ";
  const prefix = opts.prefix ?? "img";
  const values = () => Array.from({ length: C }, () => (next() < 0.3 ? 1 : 0));
  const line = (path: string, v: (number | string)[]) => `${path}${sep}${v.join(vsep)}`;
  const lines: string[] = [];
  if (opts.header === true) lines.push(style === "paddleclas" ? `path\t${Array.from({ length: C }, (_, i) => `c${i}`).join(",")}` : `path ${Array.from({ length: C }, (_, i) => `c${i}`).join(" ")}`);
  const written: { path: string; v: number[] }[] = [];
  for (let i = 0; i < rows; i++) {
    const kind = i % 23;
    const path = `${prefix}/${String(i).padStart(5, "0")}.jpg`;
    const v = values();
    if (i > rows / 2 && kind === 3) {
      const earlier = written[Math.floor(next() * written.length / 2)]!;
      lines.push(line(earlier.path, earlier.v)); // a duplicate of a row in an earlier range
      continue;
    }
    if (i > rows / 2 && kind === 5) {
      const earlier = written[Math.floor(next() * written.length / 3)]!;
      lines.push(line(earlier.path, earlier.v.map((x) => 1 - x))); // a conflicting copy
      continue;
    }
    if (kind === 7) lines.push("");
    else if (kind === 9) lines.push(line(path, v.slice(0, C - 2))); // a short row
    else if (kind === 11) lines.push(line(path, v.map((x, j) => (j === 2 ? 2 : x)))); // a 2
    else if (kind === 13) lines.push(line(path, v.map((x, j) => (j === 1 ? "1.0" : x)))); // a 1.0
    else if (kind === 15) lines.push(line(path.replace("/", "\\"), v)); // a backslash path
    else if (kind === 17) lines.push(line(path, v.map((x, j) => (j === 0 ? -1 : x)))); // a -1
    else if (kind === 19) lines.push(line(path, v.map(() => 0))); // an empty labelset
    else if (kind === 21 && i % 2 === 0) lines.push("# a comment");
    else {
      lines.push(line(path, v));
      written.push({ path, v });
    }
  }
  const eol = opts.crlf === true ? "\r\n" : "\n";
  let text = lines.join(eol) + (opts.finalNewline === false ? "" : eol);
  if (opts.bom === true) text = `\ufeff${text}`;
  return text;
}


/**
 * `--jobs N` against one thread on seeded random lists: each file mixes
 * defects the fixed lists do not (lone-CR and CRLF line ends in one file, NUL
 * bytes, invalid UTF-8, whitespace-only lines, lines past a small
 * --max-line-bytes, trailing spaces, a header, a BOM, no final newline), with
 * the format and class count given or sniffed. Cut into 2, 3 and 4 parts at
 * whatever lines the sizes give, the json report must be the one-thread one,
 * byte for byte, and so must a failure.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lint } from "../../src/engine/lint.js";
import type { LintOptions } from "../../src/engine/options.js";
import { formatters } from "../../src/reporters/index.js";
import { scratchDir } from "./lists.js";
import { lcgRandom } from "../shared.js";

const { dir } = scratchDir("labellint-jobs-random-");

interface Case {
  bytes: Buffer;
  options: LintOptions;
}

function makeCase(seed: number): Case {
  const next = lcgRandom(seed);
  const int = (n: number) => Math.floor(next() * n);
  const style = next() < 0.5 ? "paddleclas" : "spaced";
  const C = [3, 5, 33][int(3)]!;
  const sep = style === "paddleclas" ? "\t" : " ";
  const vsep = style === "paddleclas" ? "," : " ";
  const mixedEnds = next() < 0.3;
  const eol = () => (mixedEnds ? ["\n", "\n", "\r\n", "\r"][int(4)]! : "\n");
  const paths: string[] = [];
  const pieces: Buffer[] = [];
  const push = (line: string | Buffer) => pieces.push(typeof line === "string" ? Buffer.from(line, "latin1") : line, Buffer.from(eol()));
  if (next() < 0.2) push(`path${sep}${Array.from({ length: C }, (_, j) => `c${j}`).join(vsep)}`);
  const rows = 40 + int(160);
  for (let i = 0; i < rows; i++) {
    const r = next();
    const path = paths.length > 0 && next() < 0.15 ? paths[int(paths.length)]! : `img/${int(100_000)}.jpg`;
    paths.push(path);
    const values: string[] = Array.from({ length: C }, () => (next() < 0.2 ? "1" : "0"));
    if (r < 0.03) push("");
    else if (r < 0.05) push("   ");
    else if (r < 0.06) push("# a comment");
    else if (r < 0.08) {
      values[int(C)] = ["-1", "2", "", "x", "1.0", "01"][int(6)]!;
      push(`${path}${sep}${values.join(vsep)}`);
    } else if (r < 0.1) push(`${path}${sep}${values.slice(1).join(vsep)}`);
    else if (r < 0.11) push(`${path}${sep}${values.join(vsep)}${vsep}0`);
    else if (r < 0.12) push(path);
    else if (r < 0.125) push(`${path}${sep}${values.join(vsep)}\u0000`);
    else if (r < 0.13) push(Buffer.concat([Buffer.from(path), Buffer.from([0xff]), Buffer.from(`${sep}${values.join(vsep)}`)]));
    else if (r < 0.14) push(`${path}${sep}${values.join(vsep)} `);
    else if (r < 0.145) push(`${path}${sep}${"0".repeat(300)}`);
    else push(`${path}${sep}${values.join(vsep)}`);
  }
  if (next() < 0.3) pieces.pop();
  if (next() < 0.1) pieces.unshift(Buffer.from([0xef, 0xbb, 0xbf]));
  const options: LintOptions = {};
  if (next() < 0.5) options.format = style;
  if (next() < 0.7) options.numClasses = C;
  if (next() < 0.2) options.maxLineBytes = 200;
  return { bytes: Buffer.concat(pieces), options };
}

async function report(path: string, options: LintOptions): Promise<string> {
  try {
    return formatters["json"]!(await lint([path], options));
  } catch (error) {
    return `failed: ${(error as Error).message}`;
  }
}

describe("--jobs N on seeded random lists gives the report one thread gives", () => {
  for (let seed = 1; seed <= 24; seed++) {
    it(`seed ${seed}`, async () => {
      const { bytes, options } = makeCase(seed * 7919);
      const path = join(dir, `random-${seed}.txt`);
      writeFileSync(path, bytes);
      const one = await report(path, { ...options, jobs: 1 });
      expect(one.startsWith("failed:"), one).toBe(false);
      for (const jobs of [2, 3, 4]) expect(await report(path, { ...options, jobs, minPartBytes: 1, minPartRows: 1 }), `--jobs ${jobs} ${JSON.stringify(options)}`).toBe(one);
    });
  }
});

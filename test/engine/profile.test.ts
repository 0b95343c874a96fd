/**
 * The head's profile counts the lines that are not UTF-8 text (a NUL or an
 * invalid byte). A head that is text throughout is checked once, not line by
 * line; either way every line must be judged as if checked alone.
 */
import { isUtf8 } from "node:buffer";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintFile } from "../../src/engine/lint.js";
import { lineAt } from "../../src/io/line-splitter.js";
import { profileHead } from "../../src/engine/profile.js";
import { paddleclas } from "../../src/readers/paddleclas.js";
import { bomAt, isBlankLine } from "../../src/text/bytes.js";
import { seededRandom } from "../shared.js";

/** Each line checked alone: content lines, and those with a NUL or invalid UTF-8 (the first one's number). */
function byLine(head: Buffer, wholeInput: boolean): { contentLines: number; encodingLines: number; firstEncodingLine: number } {
  // A head with no line break is the start of one long line: judged as that line, up to its last whole character.
  if (!wholeInput && head.length > 0 && !head.includes(10) && !head.includes(13)) {
    let cut = head.length;
    while (cut > 0 && head.length - cut < 3 && (head[cut - 1]! & 0xc0) === 0x80) cut--;
    if (cut > 0 && head[cut - 1]! >= 0xc0) cut--;
    return byLine(head.subarray(0, cut), true);
  }
  let contentLines = 0;
  let encodingLines = 0;
  let firstEncodingLine = 0;
  let lines = 0;
  let p = bomAt(head);
  for (let at = lineAt(head, p, wholeInput); at !== undefined; at = lineAt(head, p, wholeInput)) {
    lines++;
    const start = p;
    p = at.next;
    if (isBlankLine(head, start, at.end)) continue;
    contentLines++;
    const text = head.subarray(start, at.end);
    if (text.includes(0) || !isUtf8(text)) {
      if (encodingLines++ === 0) firstEncodingLine = lines;
    }
  }
  return { contentLines, encodingLines, firstEncodingLine };
}

describe("the head's encoding count", () => {
  it("is each line's own, on 3,000 random heads of text, NULs, invalid bytes, CR and LF, cut anywhere", () => {
    const next = seededRandom(0x4ead);
    const pieces = ["a.jpg\t0,1,0", "b.jpg\t1,0,0", "\n", "\n", "\r\n", "\r", "é", "\u00ff", "日本", "\u0000", "\xff", "\xc3", "  ", "\ufeff"];
    for (let i = 0; i < 3_000; i++) {
      const parts: Buffer[] = [];
      const count = Math.floor(next() * 40);
      for (let j = 0; j < count; j++) {
        const piece = pieces[Math.floor(next() * pieces.length)]!;
        // "\xff" and "\xc3" are single raw bytes (invalid or cut UTF-8); the rest UTF-8 text.
        parts.push(piece === "\xff" || piece === "\xc3" ? Buffer.from([piece.charCodeAt(0)]) : Buffer.from(piece, "utf8"));
      }
      let head = Buffer.concat(parts);
      // A head cut inside a character, as a 1 MiB read may cut one.
      if (next() < 0.3 && head.length > 1) head = head.subarray(0, head.length - 1);
      const wholeInput = next() < 0.5;
      const profile = profileHead(head, paddleclas, wholeInput);
      const want = byLine(head, wholeInput);
      expect({ contentLines: profile.contentLines, encodingLines: profile.encodingLines, firstEncodingLine: profile.firstEncodingLine }, JSON.stringify(head.toString("latin1"))).toEqual(want);
    }
  });
});

describe("a head holding no line break (the start of a first line longer than the head)", () => {
  it("samples that start as a line, up to its last whole character, so C is not 0", () => {
    const head = Buffer.from("a.jpg\t1,0,1" + " ".repeat(2000));
    const profile = profileHead(head, paddleclas, false);
    expect([profile.sampledRows, profile.modeWidth, profile.encodingLines, profile.cutLine]).toEqual([1, 3, 0, head.length]);
    expect(profileHead(Buffer.from("a.jpg\t1,0,1\n"), paddleclas, false).cutLine).toBe(0);
    // Cut inside a character (é is two bytes): the cut character is left out, not counted as invalid UTF-8.
    const cut = Buffer.concat([Buffer.from("caf\u00e9.jpg\t1,0,1"), Buffer.from([0xc3])]);
    expect(profileHead(cut, paddleclas, false)).toMatchObject({ sampledRows: 1, modeWidth: 3, encodingLines: 0 });
  });
});

describe("a file whose first line is longer than the head", () => {
  it("says C is a lower bound from the start of that line, not that a sampled row has that width", async () => {
    const dir = mkdtempSync(join(tmpdir(), "labellint-profile-"));
    try {
      // 600,000 values (1.2 MB) a row: the 1 MiB head cuts line 1 after 524,285 of them.
      const row = (name: string) => `${name}\t${"0,".repeat(599_999)}1\n`;
      const path = join(dir, "wide.txt");
      writeFileSync(path, row("a.jpg") + row("b.jpg"));
      const result = await lintFile(path);
      expect(result.numClassesReason).toBe(`inferred: at least ${result.numClasses.toLocaleString("en-US")}, the values in the first 1,048,576 bytes of line 1, which is longer; give --num-classes`);
      expect(result.numClasses).toBeLessThan(600_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

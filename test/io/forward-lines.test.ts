import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ForwardLines } from "../../src/io/forward-lines.js";
import { scratchDir } from "../shards/lists.js";

const { dir: tmp, write } = scratchDir("labellint-forward-");

/** Every line of `text` as ForwardLines reads it, asking for the given line numbers in order. */
function linesOf(text: string, wanted: number[], loneCr = false): (string | undefined)[] {
  const path = write("lines.txt", text);
  const lines = new ForwardLines(path, loneCr);
  try {
    return wanted.map((n) => {
      const span = lines.span(n);
      return span === undefined ? undefined : lines.read(span.start, span.end).toString("utf8");
    });
  } finally {
    lines.close();
  }
}

describe("ForwardLines", () => {
  it("finds lines by number: LF or CRLF endings, empty lines, a last line without a line break", () => {
    expect(linesOf("a\r\n\nccc\nd", [1, 2, 3, 4, 5])).toEqual(["a", "", "ccc", "d", undefined]);
    expect(linesOf("a\nb\n", [2, 3])).toEqual(["b", undefined]);
    expect(linesOf("", [1])).toEqual([undefined]);
    // The same line twice, and lines skipped.
    expect(linesOf("1\n2\n3\n4\n", [2, 2, 4])).toEqual(["2", "2", "4"]);
    // A byte-order mark is not part of line 1 (nor a text of its own).
    expect(linesOf("\uFEFFa\nb\n", [1, 2])).toEqual(["a", "b"]);
    expect(linesOf("\uFEFF", [1])).toEqual([""]);
  });

  it("finds lines across its 1 MiB chunks and a line longer than a chunk", () => {
    const long = "x".repeat(3 * 1024 * 1024 + 7);
    const text = `${"y".repeat(1024 * 1024 - 1)}\r\n${long}\nlast\n`;
    const [first, second, third] = linesOf(text, [1, 2, 3]);
    expect(first).toBe("y".repeat(1024 * 1024 - 1));
    expect(second).toBe(long);
    expect(third).toBe("last");
  });

  it("with loneCr, a CR not before a LF ends a line too (as the csv reader numbers lines), across chunks", () => {
    expect(linesOf("a\rb\r\nc\n\rd\r", [1, 2, 3, 4, 5, 6], true)).toEqual(["a", "b", "c", "", "d", undefined]);
    // Without it, a lone CR is part of the line.
    expect(linesOf("a\rb\r\nc\n", [1, 2], false)).toEqual(["a\rb", "c"]);
    // A CRLF split by the chunk boundary is one break; a CR last in a chunk before another line is one.
    const head = "y".repeat(1024 * 1024 - 1);
    expect(linesOf(`${head}\r\nz\rw`, [1, 2, 3], true)).toEqual([head, "z", "w"]);
    expect(linesOf(`${head}\rz\rw\n`, [1, 2, 3, 4], true)).toEqual([head, "z", "w", undefined]);
    expect(linesOf(`\uFEFFa\rb`, [1, 2], true)).toEqual(["a", "b"]);
  });

  it("reads forward only", () => {
    const path = write("forward.txt", "a\nb\n");
    const lines = new ForwardLines(path);
    try {
      lines.span(2);
      expect(() => lines.span(1)).toThrow(/forward/);
    } finally {
      lines.close();
    }
  });

  it("says which file it cannot read", () => {
    const lines = new ForwardLines(join(tmp, "missing.txt"));
    expect(() => lines.span(1)).toThrow(/missing\.txt/);
  });
});

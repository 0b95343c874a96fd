import { describe, expect, it } from "vitest";
import { normalisePathKey, scanPath } from "../../src/readers/path.js";
import { Row } from "../../src/readers/row.js";

function hashOf(path: string): [number, number] {
  const row = new Row();
  const buf = Buffer.from(`${path}\t0,1`, "utf8");
  row.reset(buf, 0, buf.length, 1);
  scanPath(row, false);
  return [row.hashHi, row.hashLo];
}

describe("the normalised image path", () => {
  it.each([
    ["a/b.jpg", "a/b.jpg"],
    ["./a/b.jpg", "a/b.jpg"],
    [".\\\\a\\\\b.jpg", "a/b.jpg"],
    ["a//b.jpg", "a/b.jpg"],
    ["a/./b.jpg", "a/b.jpg"],
    ["a/x/../b.jpg", "a/b.jpg"],
    ["a/b/", "a/b"],
    ["../a.jpg", "../a.jpg"],
    ["a/../../b.jpg", "../b.jpg"],
    ["/data//a.jpg", "/data/a.jpg"],
    ["/../a.jpg", "/a.jpg"],
    ["a/.hidden/b.jpg", "a/.hidden/b.jpg"],
  ])("%s names the file %s", (written, key) => {
    expect(normalisePathKey(written)).toBe(key);
    // The scanner's 64-bit hash is the hash of that key, whether it takes its fast path or not.
    expect(hashOf(written)).toEqual(hashOf(key));
  });

  it("tells different files apart", () => {
    expect(hashOf("a/b.jpg")).not.toEqual(hashOf("a/c.jpg"));
    expect(hashOf("a/x/../b.jpg")).not.toEqual(hashOf("a/x/b.jpg"));
  });
});

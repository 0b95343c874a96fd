import { describe, expect, it } from "vitest";
import { lintText } from "../../src/engine/lint.js";
import { isCsvHeader } from "../../src/readers/csv.js";

const OFF = { "rare-class": "off", "class-without-positives": "off", "class-always-positive": "off", "full-labelset": "off" } as const;
const check = (text: string, options = {}) => lintText(text, { rules: OFF, ...options }, "labels.csv");
const at = (r: { problems: { line?: number; rule: string }[] }) => r.problems.map((p) => [p.line ?? null, p.rule]);

describe("the csv reader", () => {
  it("rejects a quoted path with text after its closing quote, which readers take for different paths", async () => {
    // Python's csv reads "x.jpg"junk as x.jpgjunk; csv-parse with relaxed quotes keeps the quotes: no agreed path.
    const r = await check('path,a,b\n"x10.jpg"junk,0,1\n"q.jpg" ,1,1\n"ok, fine.jpg",1,0\n"""quoted"".jpg",0,1\na"b.jpg,1,0\n');
    expect(at(r)).toEqual([
      [2, "malformed-record"],
      [3, "malformed-record"],
    ]);
    expect(r.problems[0]!.message).toBe('malformed CSV quoting: text after the closing quote of the path ("x10.jpg"junk): readers disagree on what the path is');
    // Rejected records are rows that go to the rejects file, not valid rows.
    expect(r.stats?.validRows ?? r.statistics?.rows).toBe(3);
  });

  it("rejects a path that starts with whitespace, quoted or not (Python's csv and pandas keep it in the name; a label list strips it)", async () => {
    const plain = await check("path,a,b\n a.jpg,0,1\nb.jpg,1,0\n\u00a0c.jpg,1,1\n   \nd.jpg,0,1\n");
    expect(at(plain)).toEqual([
      [2, "malformed-record"],
      [4, "malformed-record"],
      [5, "blank-line"],
    ]);
    expect(plain.problems[0]!.message).toContain("the image path ' a.jpg' starts with whitespace");
    // A no-break space is shown as the escape Python's repr() writes, not as a space it looks like.
    expect(plain.problems[1]!.message).toContain("the image path '\\xa0c.jpg' starts with whitespace");
    const quoted = await check('path,a,b\n" a.jpg",0,1\n"b.jpg",1,0\n');
    expect(at(quoted)).toEqual([[2, "malformed-record"]]);
    // Whitespace after the path is part of it as well, and kept (the image 'b.jpg ' is another file): path-whitespace warns of it.
    expect(at(await check("path,a,b\nb.jpg ,1,0\nc.jpg,0,1\n"))).toEqual([[2, "path-whitespace"]]);
  });

  it("numbers lines as an editor does when a quoted field holds CRLF, LF or CR (csv-parse counts a CRLF inside quotes as two)", async () => {
    for (const nl of ["\r\n", "\n", "\r"]) {
      // A path with two line breaks (lines 2-4), p2 on line 5, a 2 on line 6 and an unclosed quote on line 7.
      const r = await check(`path,a,b${nl}"p1${nl}${nl}q.jpg",0,1${nl}p2.jpg,1,0${nl}p3.jpg,2,0${nl}"open,1,0${nl}`);
      expect(at(r), JSON.stringify(nl)).toEqual([
        [2, "malformed-record"],
        [6, "non-binary-value"],
        [7, "malformed-record"],
      ]);
    }
  });

  it("reads a spreadsheet export: BOM, CRLF, quoted paths with commas and quotes", async () => {
    const text = '\uFEFF"path","sky","lake"\r\n"a, b.jpg",1,0\r\n"say ""hi"".jpg","0","1"\r\nc.jpg,1,1\r\n';
    const r = await check(text);
    expect(r.format).toBe("csv");
    expect(r).toMatchObject({ numClasses: 2, numClassesSource: "header", classNames: ["sky", "lake"], rows: 3, lines: 4 });
    expect(r.stats.positives).toEqual([2, 2]);
    expect(r.stats.validRows).toBe(3);
    // CRLF is CSV's own line ending; only the byte-order mark is reported.
    expect(at(r)).toEqual([[1, "bom"]]);
    expect(r.shape.ok).toBe(true);
  });

  it("rejects a record that is not UTF-8 (csv-parse would hand on U+FFFD silently), at its line", async () => {
    const r = await check(Buffer.concat([Buffer.from("path,a,b\nimg/a"), Buffer.from([0xe9]), Buffer.from(".jpg,1,0\nimg/b.jpg,0,1\n")]) as unknown as string);
    expect(r.problems.map((p) => [p.line, p.rule, p.severity])).toEqual([[2, "invalid-encoding", "error"]]);
    expect(r.stats.validRows).toBe(1);
  });

  it("reads a headerless file, inferring C from the rows", async () => {
    const r = await check("a.jpg,0,1,0\nb.jpg,1,0,0\nc.jpg,0,0,1\n");
    expect(r).toMatchObject({ numClasses: 3, numClassesSource: "inferred", rows: 3 });
    expect(r.classNames).toBeUndefined();
  });

  it("reports rows whose width differs from the header, at their lines", async () => {
    const rows = Array.from({ length: 10 }, (_, i) => `img${i}.jpg,0,1,0\n`).join("");
    const r = await check(`path,a,b,c\n${rows}x.jpg,0,1\ny.jpg,0,1,0,1\n`);
    expect(r.numClasses).toBe(3);
    expect(at(r)).toEqual([
      [12, "label-count"],
      [13, "label-count"],
    ]);
    expect(r.problems[0]!.message).toContain("2 label values, expected 3");
    expect(r.problems[0]!.source).toBe("x.jpg,0,1");
    expect(r.problems[0]!.column).toBe(7);
  });

  it("says once when the header names more classes than most rows have", async () => {
    const rows = Array.from({ length: 10 }, (_, i) => `img${i}.jpg,0,1,0\n`).join("");
    const r = await check(`path,a,b,c,d\n${rows}`);
    expect(r.numClassesReason).toBe("4 class names in the CSV header (line 1 of the file)");
    expect(at(r)).toEqual([[2, "class-count-mismatch"]]);
  });

  it("gives C given as an option precedence over the header, and keeps the names when they agree", async () => {
    const r = await check("path,a,b\nx.jpg,0,1\n", { numClasses: 2 });
    expect(r).toMatchObject({ numClasses: 2, numClassesSource: "option", classNames: ["a", "b"] });
  });

  it("carries blank and whitespace-only lines as blank lines, at their lines", async () => {
    const r = await check("path,a,b\nx.jpg,0,1\n\n   \ny.jpg,1,0\n");
    expect(at(r)).toEqual([
      [3, "blank-line"],
      [4, "blank-line"],
    ]);
    expect(r.rows).toBe(2);
  });

  it("keeps values as written, so non-canonical and empty values are reported as in a paddleclas file", async () => {
    const r = await check("path,a,b,c\nx.jpg,1.0,0,1\ny.jpg,0,,1\nz.jpg,0,1,1,\n");
    expect(at(r)).toEqual([
      [2, "non-canonical-value"],
      [3, "empty-value"],
      [4, "empty-value"],
    ]);
    expect(r.problems[0]).toMatchObject({ column: 7, length: 3, source: "x.jpg,1.0,0,1" });
  });

  it("reads mixed line endings without a \\r left in the last value", async () => {
    const r = await check("path,a,b\r\nx.jpg,0,1\ny.jpg,1,0\r\nz.jpg,1,1\n");
    expect(r.problems).toEqual([]);
    expect(r.stats.validRows).toBe(3);
  });

  it("numbers the records after a quoted line break by their own lines", async () => {
    const r = await check('path,a,b\n"x\n.jpg",0,1\ny.jpg,0,2\n');
    expect(at(r)).toEqual([
      [2, "malformed-record"],
      [4, "non-binary-value"],
    ]);
    expect(r.problems[1]!.row).toBe(1);
  });

  it("recognises a header by its path column or by names where values would be", () => {
    expect(isCsvHeader(["path", "0", "1"])).toBe(true);
    expect(isCsvHeader(["path", "0", "1", "2", "3"])).toBe(true);
    // An image named 'image' (or 'id'), its labels after it: a row, not a header.
    expect(isCsvHeader(["image", "0", "1", "1"])).toBe(false);
    expect(isCsvHeader(["id", "1", "0"])).toBe(false);
    expect(isCsvHeader(["file", "sky"])).toBe(true);
    expect(isCsvHeader(["x.jpg", "sky", "lake"])).toBe(true);
    expect(isCsvHeader(["x.jpg", "0", "1"])).toBe(false);
    expect(isCsvHeader(["x.jpg", "true", "1"])).toBe(false);
    expect(isCsvHeader(["path"])).toBe(false);
  });

  it("reads an empty file as no rows, which is no-rows' one finding", async () => {
    const r = await check("", { format: "csv" });
    expect(r).toMatchObject({ format: "csv", rows: 0, lines: 0 });
    expect(r.problems.map((p) => p.rule)).toEqual(["no-rows"]);
  });
});

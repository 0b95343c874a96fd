/**
 * A record the reader itself leaves out goes to the rejects file with the
 * input's own bytes, not the text the reader kept: bytes that are not UTF-8
 * (decoded, they would be U+FFFD: another file name), and a line over the
 * length limit (kept as its head). And no record after a long one is lost:
 * csv-parse, stopped by its record limit, dropped the rest of the bytes it
 * had been given — every row after a long line of a quoted CSV vanished from
 * the check, the output and the rejects file. A CSV read that cannot reach
 * the file's end (a quote never closed) now writes nothing.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { convert } from "../../src/convert/convert.js";
import { fix } from "../../src/fixer/fix.js";
import { lintFile } from "../../src/engine/lint.js";
import { runCli } from "../cli-harness.js";
import { scratchDir } from "../shards/lists.js";

const { dir: tmp, write } = scratchDir("labellint-record-bytes-");

/** The rejects file's data rows as [line, rules, text bytes]. */
function rejectsOf(path: string): [number, string, Buffer][] {
  const bytes = readFileSync(path);
  const rows: [number, string, Buffer][] = [];
  let at = bytes.indexOf(10) + 1;
  while (at < bytes.length) {
    const end = bytes.indexOf(10, at);
    const row = bytes.subarray(at, end);
    const tabs: number[] = [];
    for (let i = 0; i < row.length && tabs.length < 3; i++) if (row[i] === 9) tabs.push(i);
    rows.push([Number(row.subarray(0, tabs[0]).toString()), row.subarray(tabs[0]! + 1, tabs[1]).toString(), Buffer.from(row.subarray(tabs[2]! + 1))]);
    at = end + 1;
  }
  return rows;
}

const TOO_LARGE = "record is over the 1,000-byte limit (--max-line-bytes); it was not parsed";
const latin1 = (text: string): Buffer => Buffer.from(text, "latin1");

/** A file of these bytes in the scratch folder. */
function writeBytes(name: string, bytes: Buffer): string {
  const path = join(tmp, name);
  writeFileSync(path, bytes);
  return path;
}

describe("records the reader rejects, as the input has them", () => {
  it("a csv record and an index line that are not UTF-8 keep their bytes (fix and convert)", async () => {
    // A quoted record sends the file through the csv reader (an unquoted one is read in place).
    const csv = writeBytes("latin1.csv", latin1('path,a,b\n"caf\xe9.jpg",1,0\nb.jpg,0,1\n"two\nli\xe9nes\\x.jpg",1,0\nc.jpg,1,1\n'));
    const f = await fix(csv, { out: `${tmp}/latin1.txt` });
    expect(f.counts).toMatchObject({ rowsOut: 2, rowsRejected: 2 });
    const rows = rejectsOf(`${tmp}/latin1.txt.rejects.tsv`);
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      [2, "invalid-encoding"],
      [4, "malformed-record,invalid-encoding"],
    ]);
    expect(rows[0]![2]).toEqual(latin1('"caf\xe9.jpg",1,0'));
    // A record over two lines is escaped onto one, its bytes as they are: \\ for the backslash, \n for the break.
    expect(rows[1]![2]).toEqual(latin1('"two\\nli\xe9nes\\\\x.jpg",1,0'));

    const indices = writeBytes("latin1.idx", latin1("a.jpg 0\ncaf\xe9.jpg 1\nb.jpg 1\n"));
    const c = await convert(indices, { format: "indices", numClasses: 2, to: "csv", out: `${tmp}/latin1.out.csv`, force: true });
    expect(c.counts).toMatchObject({ rowsOut: 2, rowsRejected: 1 });
    expect(rejectsOf(`${tmp}/latin1.out.csv.rejects.tsv`)).toEqual([[2, "invalid-encoding", latin1("caf\xe9.jpg 1")]]);
  });

  it("an index line that is not UTF-8 keeps its bytes after a lone CR too (the reader ends a line there)", async () => {
    const indices = writeBytes("cr.idx", latin1("a.jpg 0\rb.jpg 1\ncaf\xe9.jpg 1\nc.jpg 0\n"));
    await fix(indices, { format: "indices", numClasses: 2, out: `${tmp}/cr.txt` });
    expect(rejectsOf(`${tmp}/cr.txt.rejects.tsv`)).toEqual([[3, "invalid-encoding", latin1("caf\xe9.jpg 1")]]);
  });

  it("an index line over the length limit is in the rejects file whole, not cut at the limit", async () => {
    const long = `long${"x".repeat(300)}.jpg 1`;
    const indices = write("long.idx", `a.jpg 0\n${long}\nb.jpg 1\n`);
    await fix(indices, { format: "indices", numClasses: 2, maxLineBytes: 100, out: `${tmp}/long.txt` });
    expect(rejectsOf(`${tmp}/long.txt.rejects.tsv`)).toEqual([[2, "line-too-long", Buffer.from(long)]]);
  });

  it("no row after a csv line over the limit is lost: check counts them, fix writes them, the long record is rejected whole", async () => {
    const long = `long${"x".repeat(3000)}.jpg,1,0,0`;
    const after = Array.from({ length: 3000 }, (_, i) => `r${i}.jpg,${i % 2},1,${(i + 1) % 2}`);
    // Chunks of csv-parse's input are up to 1 MiB: the rows after the long line were in the same one.
    const csv = write("long.csv", ["path,a,b,c", '"q.jpg",1,0,1', long, ...after].join("\n") + "\n");
    const check = await lintFile(csv, { maxLineBytes: 1000 });
    // Data rows, the rejected one among them.
    expect(check.rows).toBe(3002);
    expect(check.problems.filter((p) => p.rule === "malformed-record").map((p) => [p.line, p.message])).toEqual([[3, TOO_LARGE]]);

    const f = await fix(csv, { maxLineBytes: 1000, out: `${tmp}/long-csv.txt` });
    expect(f.refused).toBeUndefined();
    expect(f.counts).toMatchObject({ linesIn: 3002, rowsOut: 3001, rowsRejected: 1 });
    expect(readFileSync(`${tmp}/long-csv.txt`, "utf8").split("\n").filter(Boolean)).toHaveLength(3001);
    expect(rejectsOf(`${tmp}/long-csv.txt.rejects.tsv`)).toEqual([[3, "malformed-record", Buffer.from(long)]]);
  });

  it("the same with a byte-order mark, CRLF line ends and the long line first (no header)", async () => {
    const long = `"long${"x".repeat(3000)}.jpg",1,0`;
    const csv = write("long-first.csv", `\uFEFF${long}\r\n"a.jpg",1,0\r\nb.jpg,0,1\r\n`);
    const f = await fix(csv, { maxLineBytes: 1000, numClasses: 2, out: `${tmp}/long-first.txt` });
    expect(readFileSync(`${tmp}/long-first.txt`, "utf8")).toBe("a.jpg\t1,0\nb.jpg\t0,1\n");
    expect(f.counts).toMatchObject({ rowsOut: 2, rowsRejected: 1 });
    expect(rejectsOf(`${tmp}/long-first.txt.rejects.tsv`)).toEqual([[1, "malformed-record", Buffer.from(long)]]);
  });

  it("a long line inside a quoted field keeps the quoting around it: the rows after the record are read", async () => {
    // The long line closes the quote the line before opened.
    const csv = write("long-quoted.csv", ["path,a,b", '"x.jpg",1,0', '"two', `${"y".repeat(2000)}.jpg",0,1`, "z.jpg,1,1", "w.jpg,0,1"].join("\n") + "\n");
    const check = await lintFile(csv, { maxLineBytes: 1000 });
    expect(check.problems.filter((p) => p.rule === "malformed-record").map((p) => [p.line, p.message])).toEqual([[3, TOO_LARGE]]);
    expect(check.rows).toBe(4);
    const f = await fix(csv, { maxLineBytes: 1000, out: `${tmp}/long-quoted.txt` });
    expect(readFileSync(`${tmp}/long-quoted.txt`, "utf8")).toBe("x.jpg\t1,0\nz.jpg\t1,1\nw.jpg\t0,1\n");
    expect(f.counts).toMatchObject({ rowsOut: 3, rowsRejected: 1 });
    // Both of its lines, the long one whole, escaped onto one row.
    expect(rejectsOf(`${tmp}/long-quoted.txt.rejects.tsv`)[0]![2].toString()).toBe(`"two\\n${"y".repeat(2000)}.jpg",0,1`);
  });

  it("a long line's quotes are read as csv readers read them, not by their parity: a stray quote opens nothing", async () => {
    // Line 3 holds one quote (odd) inside an unquoted field, line 4 two (even) of which the second opens a field
    // that line 5 closes: Python's csv reads lines 3, 4-5, 6, 7 and 8 as records; the stand-in by parity joined
    // lines 3-6 into one rejected record (c.jpg, d.jpg and e.jpg lost) and split lines 4-5.
    const stray = `b${"x".repeat(200)}5"disk.jpg,0,1`;
    const opens = `a"b${"x".repeat(200)}.jpg,"1`;
    const csv = write("stray-quote.csv", ["path,a,b", '"a.jpg",1,0', stray, "c.jpg,1,1", opens, '",0', '"e.jpg",1,0', 'f""x.jpg,1,0', "g.jpg,0,1"].join("\n") + "\n");
    const check = await lintFile(csv, { maxLineBytes: 100 });
    expect(check.problems.filter((p) => p.rule === "malformed-record").map((p) => p.line)).toEqual([3, 5]);
    expect(check.rows).toBe(7);
    const f = await fix(csv, { maxLineBytes: 100, out: `${tmp}/stray-quote.txt` });
    expect(readFileSync(`${tmp}/stray-quote.txt`, "utf8")).toBe('a.jpg\t1,0\nc.jpg\t1,1\ne.jpg\t1,0\nf""x.jpg\t1,0\ng.jpg\t0,1\n');
    expect(f.counts).toMatchObject({ rowsOut: 5, rowsRejected: 2 });
    expect(rejectsOf(`${tmp}/stray-quote.txt.rejects.tsv`).map((r) => [r[0], r[2].toString()])).toEqual([
      [3, stray],
      [5, `${opens}\\n",0`],
    ]);
  });

  it("a long line after a lone CR, ended by a line feed, is a line of its own: the row after it is read", async () => {
    // An empty stand-in left CR then LF, one CRLF to csv-parse: the long line and the next were numbered as one,
    // and d.jpg (line 4) was rejected in the long line's place.
    const long = `${"x".repeat(200)}.jpg,1,0`;
    const csv = write("long-after-cr.csv", `path,a,b\n"a.jpg",1,0\rb.jpg,0,1\r${long}\nd.jpg,1,1\ne.jpg,0,1\n`);
    const check = await lintFile(csv, { maxLineBytes: 100 });
    expect(check.problems.filter((p) => p.rule === "malformed-record").map((p) => p.line)).toEqual([4]);
    expect(check.rows).toBe(5);
    const f = await fix(csv, { maxLineBytes: 100, out: `${tmp}/long-after-cr.txt` });
    expect(readFileSync(`${tmp}/long-after-cr.txt`, "utf8")).toBe("a.jpg\t1,0\nb.jpg\t0,1\nd.jpg\t1,1\ne.jpg\t0,1\n");
    expect(f.counts).toMatchObject({ rowsOut: 4, rowsRejected: 1 });
  });

  it("in a CSV with lone CR line ends the rejects file holds the input's bytes too (it held a long line's head, U+FFFD, and a record without its long line)", async () => {
    const long = `"${"x".repeat(300)}.jpg",1,0`;
    const spans = `"two\r${"y".repeat(300)}\r.jpg",0,1`;
    const bytes = Buffer.concat([Buffer.from(`path,a,b\r"a.jpg",1,0\r${long}\r`), latin1('caf\xe9.jpg,0,1\r'), Buffer.from(`${spans}\rb.jpg,0,1\r`)]);
    const csv = writeBytes("lone-cr.csv", bytes);
    const f = await fix(csv, { maxLineBytes: 100, out: `${tmp}/lone-cr.txt` });
    expect(readFileSync(`${tmp}/lone-cr.txt`, "utf8")).toBe("a.jpg\t1,0\nb.jpg\t0,1\n");
    expect(f.counts).toMatchObject({ rowsOut: 2, rowsRejected: 3 });
    expect(rejectsOf(`${tmp}/lone-cr.txt.rejects.tsv`)).toEqual([
      [3, "malformed-record", Buffer.from(long)],
      [4, "invalid-encoding", latin1("caf\xe9.jpg,0,1")],
      // Over three lines, escaped onto one.
      [5, "malformed-record", Buffer.from(spans.replace(/\r/g, "\\r"))],
    ]);
  });

  it("a quote never closed: the read stops, and fix, convert --force and split write nothing", async () => {
    const rows = Array.from({ length: 500 }, (_, i) => `r${i}.jpg,${i % 2},1`);
    const csv = write("open.csv", ["path,a,b", '"q.jpg",1,0', '"open.jpg,1,0', ...rows].join("\n") + "\n");
    const check = await lintFile(csv, { maxLineBytes: 100 });
    const found = check.problems.filter((p) => p.rule === "malformed-record");
    expect(found.map((p) => [p.line, p.severity])).toEqual([[3, "error"]]);
    expect(found[0]!.message).toBe("a record starting here runs on past 1,600 bytes (to line 134), most likely from a quote never closed: the file was not read past it, so its later rows are missing");

    const f = await fix(csv, { maxLineBytes: 100, out: `${tmp}/open.txt` });
    expect(f.refused).toBe("the input cannot be read past line 3 (its error is reported there), so nothing was written: the rows after it would be in neither the output nor the rejects file");
    expect(f.written).toEqual({});

    const c = await runCli(["convert", csv, "--max-line-bytes", "100", "--to", "paddleclas", "--out", `${tmp}/open.out.txt`, "--force"]);
    expect(c.code).toBe(1);
    expect(c.stdout).toContain("cannot be read past line 3 (its error is reported there); nothing was written, even with --force");

    const s = await runCli(["split", csv, "--max-line-bytes", "100", "--ratio", "0.5,0.5", "--out-dir", `${tmp}/open-split`]);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain("open.csv cannot be read past line 3 (labellint check shows why), so no split was written");
    expect(s.stderr).not.toContain("rows.txt");
  });

  it("an annotation file whose data_list is written twice: fix, convert --force and split write nothing (the first list's entries would be in no file)", async () => {
    const first = '{"img_path": "a.jpg", "gt_label": [0]}, {"img_path": "b.jpg", "gt_label": [1]}';
    const json = write("twice.json", `{"metainfo": {"classes": ["a", "b"]},\n "data_list": [${first}],\n "data_list": [{"img_path": "c.jpg", "gt_label": [0, 1]}]}\n`);
    const why = "the 2 entries of the data_list on line 2 are read by no JSON reader (data_list is written again on line 3, and only the last is read; make the lists one, or delete the one not meant)";
    const f = await runCli(["fix", json, "--out", `${tmp}/twice.json.out.json`]);
    expect(f.code).toBe(1);
    expect(f.stdout).toBe(`${json}: nothing was fixed\n  nothing was written: ${why}, and neither the output nor the rejects file would hold them\n`);
    const c = await runCli(["convert", json, "--to", "paddleclas", "--out", `${tmp}/twice.out.txt`, "--force"]);
    expect(c.code).toBe(1);
    expect(c.stdout).toContain(`not converted: ${json}: ${why}, and neither the output nor the rejects file would hold them; nothing was written, even with --force`);
    const s = await runCli(["split", json, "--ratio", "0.5,0.5", "--out-dir", `${tmp}/twice-split`]);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain(`no split was written: ${json}: ${why}, and neither a split nor the rejects file would hold them`);
    // A first list with no entry loses nothing: a warning, and the fix writes the list that is read.
    const empty = write("twice-empty.json", '{"metainfo": {"classes": ["a", "b"]}, "data_list": [], "data_list": [{"img_path": "c.jpg", "gt_label": [0, 1]}]}\n');
    const e = await fix(empty, { out: `${tmp}/twice-empty.out.json` });
    expect(e.refused).toBeUndefined();
    expect(e.before.problems.filter((p) => p.rule === "invalid-annotation").map((p) => [p.severity, p.message.split(":")[0]])).toEqual([["warn", "data_list is written again in the same object (first at 1"]]);
    expect(readFileSync(`${tmp}/twice-empty.out.json`, "utf8")).toContain('"c.jpg"');
  });

  it("an annotation file that is not JSON: fix and convert --force say so (convert said 'numClasses must be a positive integer')", async () => {
    const json = write("broken.json", '{"metainfo":{"classes":["a","b"]},"data_list":[{"img_path":"a.jpg","gt_label":[0]},{"img_path":"b.jpg","gt_label":[1');
    const f = await runCli(["fix", json, "--out", `${tmp}/broken.txt`]);
    expect(f.code).toBe(1);
    expect(f.stdout).toBe(`${json}: nothing was fixed\n  the input cannot be read past line 1 (its error is reported there), so nothing was written: the rows after it would be in neither the output nor the rejects file\n`);
    const c = await runCli(["convert", json, "--to", "paddleclas", "--out", `${tmp}/broken.out.txt`, "--force"]);
    expect(c.stderr).toBe("");
    expect(c.code).toBe(1);
    expect(c.stdout).toContain("not converted: ");
  });
});

import { spawnSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isGzip, notTextKind } from "../../src/io/text-input.js";
import { runCli } from "../cli-harness.js";
import { ROOT } from "../shared.js";

const BIN = join(ROOT, "dist", "cli", "bin.js");

const LIST = "a.jpg\t0,1\n\nb.jpg\t1,1,\nc.jpg\t1,0\n";

function dirWith(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "labellint-bytes-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe("notTextKind", () => {
  it.each([
    ["a zip archive", Buffer.from("PK\u0003\u0004rest-of-zip", "latin1"), /^a zip archive/],
    ["a PNG image", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /^a PNG image$/],
    ["an ELF executable", Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), /^an ELF executable$/],
    ["a GIF image", Buffer.concat([Buffer.from("GIF89a"), Buffer.from([1, 0, 1, 0, 0x80, 0, 0])]), /^a GIF image$/],
    ["a bzip2 file", Buffer.concat([Buffer.from("BZh9"), Buffer.from([0x31, 0x41, 0x59, 0x26, 0x53, 0x59, 0x12])]), /^a bzip2-compressed file$/],
    ["an empty bzip2 file", Buffer.concat([Buffer.from("BZh9"), Buffer.from([0x17, 0x72, 0x45, 0x38, 0x50, 0x90, 0, 0, 0, 0])]), /^a bzip2-compressed file$/],
    ["UTF-16 with a byte-order mark", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LIST, "utf16le")]), /^UTF-16 text \(it starts with a UTF-16 byte-order mark\)$/],
    ["UTF-16 without a byte-order mark", Buffer.from(LIST, "utf16le"), /^UTF-16 text without a byte-order mark/],
    ["random bytes", Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), /^binary data \(\d+ of its first 4,096 bytes are NUL or control characters\)$/],
  ])("names %s", (_name, head, kind) => {
    expect(notTextKind(head)?.kind).toMatch(kind);
  });

  it.each([
    ["UTF-8 text", Buffer.from(LIST)],
    ["Latin-1 text (bad bytes, reported line by line)", Buffer.from("caf\u00e9.jpg\t0,1\nb.jpg\t1,0\n", "latin1")],
    ["a line with one NUL among many text lines", Buffer.from(`${"x.jpg\t0,1\n".repeat(50)}y\u0000.jpg\t1,0\n`)],
    ["an empty file", Buffer.alloc(0)],
    ["a path that starts with BZh", Buffer.from("BZh_photo.jpg\t0,1\n")],
    ["a path that starts with BZh and a digit 1", Buffer.from("BZh91_photo.jpg\t0,1\n")],
    ["a path that starts with GIF8", Buffer.from("GIF8_scan.jpg\t0,1\nGIF89_b.jpg\t1,0\n")],
    // Python reads \x1c-\x1f as whitespace and \x1c-\x1e as line breaks: short lines separated by them are text to the consumers.
    ["short lines with \\x1c-\\x1f separators", Buffer.from("a.jpg\x1f0,1\n".repeat(40) + "b\x1c\x1d\x1e.jpg\t1,0\n")],
    ["ANSI-coloured text", Buffer.from("\u001b[31ma.jpg\u001b[0m\t0,1\n")],
  ])("takes %s for text", (_name, head) => {
    expect(notTextKind(head)).toBeUndefined();
  });

  it("knows gzip by its magic bytes", () => {
    expect(isGzip(gzipSync("x"))).toBe(true);
    expect(isGzip(Buffer.from("x"))).toBe(false);
  });
});

describe("gzip-compressed label lists", () => {
  const gz = gzipSync(LIST);

  it("are checked as their decompressed text, by the magic bytes whatever the name", async () => {
    const dir = dirWith({ "train.txt.gz": gz, "train.bin": gz });
    for (const name of ["train.txt.gz", "train.bin"]) {
      const { code, stdout, stderr } = await runCli(["check", name], { cwd: dir });
      expect(stderr).toBe("");
      expect(code).toBe(1);
      expect(stdout).toContain("3 rows in 4 lines");
      // Line numbers are the decompressed text's.
      expect(stdout).toMatch(new RegExp(`${name.replace(".", "\\.")}:2:1 +error +blank line`));
      expect(stdout).toMatch(new RegExp(`${name.replace(".", "\\.")}:3:10 +error +trailing ','`));
    }
  });

  it("are read from standard input too", async () => {
    const dir = dirWith({ "l.gz": gz });
    const r = spawnSync(process.execPath, [BIN, "check", "-"], { input: gz, cwd: dir, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/<stdin>:2:1 +error +blank line/);
  });

  it("give stats the decompressed rows", async () => {
    const dir = dirWith({ "l.txt.gz": gz });
    const { stdout } = await runCli(["stats", "l.txt.gz"], { cwd: dir });
    expect(stdout).toMatch(/N \(rows\) +3\n/);
  });

  it("are fixed into uncompressed text; --in-place and a .gz output are refused", async () => {
    const dir = dirWith({ "l.txt.gz": gz });
    const { code, stdout } = await runCli(["fix", "l.txt.gz", "--out", "fixed.txt"], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain("l.txt.gz: 4 lines in = 3 rows out + 0 rejected + 1 dropped");
    expect(readFileSync(join(dir, "fixed.txt"), "utf8")).toBe("a.jpg\t0,1\nb.jpg\t1,1\nc.jpg\t1,0\n");
    const inPlace = await runCli(["fix", "l.txt.gz", "--in-place"], { cwd: dir });
    expect(inPlace.code).toBe(2);
    expect(inPlace.stderr).toBe("labellint: l.txt.gz is gzip-compressed: fix it with --out FILE (uncompressed text), not --in-place\n");
    const gzOut = await runCli(["fix", "l.txt.gz", "--out", "again.txt.gz"], { cwd: dir });
    expect(gzOut.code).toBe(2);
    expect(gzOut.stderr).toBe("labellint: fix writes uncompressed text: name the output without .gz (and gzip it after), not 'again.txt.gz'\n");
    expect(readFileSync(join(dir, "l.txt.gz"))).toEqual(gz);
  });

  it("are converted and compared", async () => {
    const dir = dirWith({ "l.txt.gz": gzipSync("a.jpg\t0,1\nb.jpg\t1,0\n"), "plain.txt": "a.jpg\t0,1\nb.jpg\t1,1\n" });
    const gzOut = await runCli(["convert", "l.txt.gz", "--to", "csv", "--out", "l.csv.gz"], { cwd: dir });
    expect(gzOut.code).toBe(2);
    expect(gzOut.stderr).toBe("labellint: convert writes uncompressed text: name the output without .gz (and gzip it after), not 'l.csv.gz'\n");
    const converted = await runCli(["convert", "l.txt.gz", "--to", "csv", "--out", "l.csv"], { cwd: dir });
    expect(converted.code).toBe(0);
    expect(readFileSync(join(dir, "l.csv"), "utf8")).toBe("path,0,1\na.jpg,0,1\nb.jpg,1,0\n");
    const diff = await runCli(["diff", "l.txt.gz", "plain.txt"], { cwd: dir });
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain("diff l.txt.gz (paddleclas, 2 rows) → plain.txt (paddleclas, 2 rows)");
    expect(diff.stdout).toContain("1 relabelled, 0 added, 0 removed, 1 unchanged");
  });

  it.each([
    ["truncated", gz.subarray(0, 20), "labellint: cannot read 'bad.gz': it is not a valid gzip file (unexpected end of file)\n"],
    ["not deflate", Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from("not really gzip\n")]), "labellint: cannot read 'bad.gz': it is not a valid gzip file (unknown compression method)\n"],
    ["compressed twice", gzipSync(gz), "labellint: cannot read 'bad.gz': it is gzip-compressed twice; decompress it once first (gunzip -c)\n"],
  ])("%s: one fatal line, exit 2, no temporary file left", async (_name, bytes, message) => {
    const dir = dirWith({ "bad.gz": bytes });
    const before = readdirSync(tmpdir()).filter((n) => n.startsWith(`labellint-${process.pid}-`));
    const { code, stdout, stderr } = await runCli(["check", "bad.gz"], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(message);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith(`labellint-${process.pid}-`))).toEqual(before);
  });

  it("stop at --max-spool-bytes when they decompress to more", async () => {
    const dir = dirWith({ "big.gz": gzipSync(Buffer.alloc(2_000_000, "a.jpg\t0,1\n")) });
    const { code, stderr } = await runCli(["check", "big.gz", "--max-spool-bytes", "100000"], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toBe("labellint: 'big.gz' decompresses to more than 100,000 bytes, the most labellint decompresses aside; decompress it yourself, or raise the limit with --max-spool-bytes\n");
  });
});

describe("files that are not text", () => {
  it.each([
    ["check", ["check", "x.bin"]],
    ["stats", ["stats", "x.bin"]],
    ["fix", ["fix", "x.bin", "--out", "o.txt"]],
    ["convert", ["convert", "x.bin", "--to", "csv", "--out", "o.csv"]],
    ["diff", ["diff", "x.bin", "x.bin"]],
  ])("%s refuses a PNG in one line, exit 2", async (_command, argv) => {
    const dir = dirWith({ "x.bin": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]) });
    const { code, stderr } = await runCli(argv, { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toBe("labellint: cannot read 'x.bin': it is a PNG image, not UTF-8 text\n");
    expect(readdirSync(dir)).toEqual(["x.bin"]);
  });

  it("refuses UTF-16 without a byte-order mark, saying how to re-encode it", async () => {
    const dir = dirWith({ "l.txt": Buffer.from(LIST, "utf16le") });
    const { code, stderr } = await runCli(["check", "l.txt"], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toBe("labellint: cannot read 'l.txt': it is UTF-16 text without a byte-order mark (every other byte is NUL), not UTF-8 text; re-encode it: iconv -f UTF-16LE -t UTF-8\n");
  });

  it.each([
    ["check", ["check", "config.yaml"]],
    ["stats", ["stats", "config.yaml"]],
    ["fix --in-place", ["fix", "config.yaml", "--in-place"]],
    ["convert", ["convert", "config.yaml", "--to", "csv", "--out", "o.csv"]],
  ])("%s refuses a PaddleClas training config given as a label list, naming --ppcls-config, and leaves it as it was", async (_command, argv) => {
    // Read as a spaced list it was dozens of findings (`Global:` a row without labels, `True` a value), and fix rewrote it.
    const config = "# global configs\nGlobal:\n  epochs: 10\n  eval_during_train: True\nArch:\n  name: MobileNetV1\n  class_num: 33\nDataLoader:\n  Train:\n    dataset:\n      name: MultiLabelDataset\n";
    const dir = dirWith({ "config.yaml": config });
    const { code, stderr } = await runCli(argv, { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toBe("labellint: 'config.yaml' is a PaddleClas training config (Global:, Arch:, DataLoader:), not a label list: check it and the lists it names with --ppcls-config config.yaml\n");
    expect(readdirSync(dir)).toEqual(["config.yaml"]);
    expect(readFileSync(join(dir, "config.yaml"), "utf8")).toBe(config);
  });

  it("reads a list whose paths are named like config sections as a list (one such line is not a config)", async () => {
    const dir = dirWith({ "l.txt": "Global:\t0,1\nArch\t1,0\nb.jpg\t1,1\n" });
    const { code } = await runCli(["check", "l.txt"], { cwd: dir });
    expect(code).not.toBe(2);
  });

  it("still reports a text list with a few bad bytes line by line", async () => {
    const dir = dirWith({ "l.txt": Buffer.from("caf\u00e9.jpg\t0,1\nb.jpg\t1,0\nc.jpg\t1,1\n", "latin1") });
    const { code, stdout } = await runCli(["check", "l.txt"], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toMatch(/l\.txt:1:4 +error +line is not valid UTF-8 \(byte 0xE9\)/);
  });
});

describe("a list without data rows", () => {
  it.each([
    ["an empty file", "", "the file is empty"],
    ["blank lines only", "\n\n", "the file has 2 lines but no data row"],
    ["a comment only", "# nothing yet\n", "the file has 1 line but no data row"],
  ])("%s is an error, not a clean pass", async (_name, text, message) => {
    const dir = dirWith({ "l.txt": text });
    const { code, stdout } = await runCli(["check", "l.txt"], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toMatch(new RegExp(`l\\.txt +error +${message}.*no-rows`));
    expect(stdout).not.toContain("✓");
  });

  it("from standard input and from an empty gzip file too", async () => {
    const r = spawnSync(process.execPath, [BIN, "check", "-"], { input: "", encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/<stdin> +error +the file is empty/);
    const dir = dirWith({ "e.gz": gzipSync("") });
    const { code, stdout } = await runCli(["check", "e.gz"], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toMatch(/e\.gz +error +the file is empty/);
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fix } from "../../src/fixer/fix.js";

function staged(name: string, content: string | Buffer): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "labellint-decide-"));
  const file = join(dir, name);
  writeFileSync(file, content);
  return { dir, file };
}

const OFF = { "rare-class": "off", "class-without-positives": "off", "class-always-positive": "off" } as const;

describe("fix never changes meaning behind a safe label", () => {
  it("keeps a valid multi-hot row of an index-list file as it is", async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `images/${i}.jpg\t${i % 3},${3 + (i % 3)}`);
    const { dir, file } = staged("idx.txt", `${rows.join("\n")}\nimages/99.jpg\t1,0,0,0,1,0\n`);
    const result = await fix(file, { format: "paddleclas", numClasses: 6, out: join(dir, "out.txt"), unsafeFixes: true, rules: OFF });
    const out = readFileSync(join(dir, "out.txt"), "utf8").split("\n");
    expect(out).toContain("images/99.jpg\t1,0,0,0,1,0");
    expect(out).toContain("images/0.jpg\t1,0,0,1,0,0");
    expect(result.counts.rowsOut).toBe(13);
  });

  it("drops an extra field only through extra-field's own unsafe fix", async () => {
    const { dir, file } = staged("x.txt", "a.jpg\t0,1\textra\nb.jpg\t1,0\n");
    await fix(file, { out: join(dir, "out.txt"), unsafeFixes: true, rules: { ...OFF, "extra-field": "off" } });
    expect(readFileSync(join(dir, "out.txt"), "utf8")).toBe("a.jpg\t0,1\textra\nb.jpg\t1,0\n");
  });

  it("keeps whitespace at the end of a path when another fix rewrites the line (it named another file); --unsafe-fixes removes it, as a recorded edit", async () => {
    const { dir, file } = staged("trail.txt", "a.jpg \t1.0,0\nb.jpg\t0,1\n");
    const safe = await fix(file, { out: join(dir, "out.txt"), rules: OFF });
    expect(readFileSync(join(dir, "out.txt"), "utf8")).toBe("a.jpg \t1,0\nb.jpg\t0,1\n");
    expect(safe.plan.edits.map((e) => [e.newText, e.rules])).toEqual([["a.jpg \t1,0", ["non-canonical-value"]]]);
    const unsafe = await fix(file, { out: join(dir, "out2.txt"), unsafeFixes: true, rules: OFF });
    expect(readFileSync(join(dir, "out2.txt"), "utf8")).toBe("a.jpg\t1,0\nb.jpg\t0,1\n");
    expect(unsafe.plan.edits.map((e) => [e.newText, e.rules, e.applicability])).toEqual([["a.jpg\t1,0", ["non-canonical-value", "path-whitespace"], "unsafe"]]);
  });

  it("never drops a row joined to another by a TAB: the whole line goes to the rejects, or with --unsafe-fixes is written as its two rows", async () => {
    const { dir, file } = staged("glued.txt", "a.jpg\t0,1\nb.jpg\t1,0\tc.jpg\t1,1\n");
    const safe = await fix(file, { out: join(dir, "safe.txt"), rejects: join(dir, "rejects.tsv"), rules: OFF });
    expect(safe.counts).toMatchObject({ rowsOut: 1, rowsRejected: 1 });
    expect(readFileSync(join(dir, "safe.txt"), "utf8")).toBe("a.jpg\t0,1\n");
    expect(readFileSync(join(dir, "rejects.tsv"), "utf8")).toContain("\tb.jpg\t1,0\tc.jpg\t1,1\n");
    const unsafe = await fix(file, { out: join(dir, "out.txt"), unsafeFixes: true, rules: OFF });
    expect(unsafe.counts).toMatchObject({ linesIn: 2, linesSplit: 1, rowsOut: 3, rowsRejected: 0, linesDropped: 0 });
    expect(readFileSync(join(dir, "out.txt"), "utf8")).toBe("a.jpg\t0,1\nb.jpg\t1,0\nc.jpg\t1,1\n");
    // A second row that is not clean is not split off: the line is rejected whole.
    const { dir: dir2, file: file2 } = staged("glued.txt", "a.jpg\t0,1\nb.jpg\t1,0\tc.jpg\t1,2\n");
    const kept = await fix(file2, { out: join(dir2, "out.txt"), unsafeFixes: true, rules: OFF });
    expect(kept.counts).toMatchObject({ rowsOut: 1, rowsRejected: 1 });
  });

  it("never rewrites a line that is not UTF-8: kept byte for byte when nothing needs fixing, else rejected", async () => {
    const bad = Buffer.from([0xe9]);
    const bytes = Buffer.concat([Buffer.from("a.jpg\t0,1\nimages/caf"), bad, Buffer.from(".jpg\t1,0\nimages/ol"), bad, Buffer.from(".jpg\t1.0,0\n")]);
    const { dir, file } = staged("enc.txt", bytes);
    const result = await fix(file, { out: join(dir, "out.txt"), rules: { ...OFF, "invalid-encoding": "off" } });
    expect(result.counts).toMatchObject({ rowsOut: 2, rowsRejected: 1 });
    const out = readFileSync(join(dir, "out.txt"));
    expect(out.equals(Buffer.concat([Buffer.from("a.jpg\t0,1\nimages/caf"), bad, Buffer.from(".jpg\t1,0\n")]))).toBe(true);
    expect(readFileSync(join(dir, "out.txt.rejects.tsv")).includes(Buffer.concat([Buffer.from("images/ol"), bad]))).toBe(true);
  });

  it("rejects a -1 found on a line that lacked its TAB in a 0/1 file, so a second fix changes nothing", async () => {
    const good = Array.from({ length: 6 }, (_, i) => `images/${i}.jpg\t${i % 2},${(i + 1) % 2},1`).join("\n");
    const { dir, file } = staged("neg.txt", `${good}\nimages/x.jpg 0,-1,1\n`);
    const once = await fix(file, { out: join(dir, "once.txt"), rules: OFF });
    expect(once.counts.rowsRejected).toBe(1);
    const twice = await fix(join(dir, "once.txt"), { out: join(dir, "twice.txt"), rules: OFF });
    expect(twice.counts).toMatchObject({ linesEdited: 0, rowsRejected: 0, linesDropped: 0 });
  });

  it("keeps a backslash in a path when backslash-path is off", async () => {
    const { dir, file } = staged("bs.txt", "dir\\a.jpg\t0,1.0\nb.jpg\t1,0\n");
    await fix(file, { out: join(dir, "out.txt"), rules: { ...OFF, "backslash-path": "off" } });
    expect(readFileSync(join(dir, "out.txt"), "utf8")).toBe("dir\\a.jpg\t0,1\nb.jpg\t1,0\n");
  });
});

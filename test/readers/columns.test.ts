import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lintFile } from "../../src/engine/lint.js";
import { ColumnCursor, columnFiles, MAX_OPEN_COLUMNS } from "../../src/readers/columns.js";
import { LabellintError } from "../../src/errors.js";
import { ROOT } from "../shared.js";

const tmp = mkdtempSync(join(tmpdir(), "labellint-columns-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(tmp, name);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
  return path;
}

async function lines(cursor: ColumnCursor): Promise<string[]> {
  const out: string[] = [];
  for (let l = await cursor.next(); l !== undefined; l = await cursor.next()) out.push(l);
  return out;
}

describe("ColumnCursor", () => {
  it("reads lines across refills of a small buffer, CRLF and a last line without a newline", async () => {
    const path = file("a.txt", "0\r\n1\n0\r\n1");
    for (const keepOpen of [true, false]) {
      const cursor = new ColumnCursor(path, 4096, keepOpen);
      expect(await lines(cursor)).toEqual(["0", "1", "0", "1"]);
      expect(cursor.done).toBe(true);
      await cursor.close();
    }
    const tiny = new ColumnCursor(file("b.txt", Array.from({ length: 5000 }, (_, i) => String(i % 2)).join("\n") + "\n"), 4096, false);
    expect((await lines(tiny)).length).toBe(5000);
  });

  it("cuts a line longer than its buffer to a marked head and goes on with the next", async () => {
    const cursor = new ColumnCursor(file("long.txt", `${"x".repeat(10000)}\n1\n`), 4096, true);
    const [first, second] = await lines(cursor);
    expect(first).toMatch(/^x+…$/);
    expect(first!.length).toBeLessThan(100);
    expect(second).toBe("1");
    await cursor.close();
  });

  it("needs {class} in the template", () => {
    expect(columnFiles("L_{class}_{class}.txt", ["a"])).toEqual(["L_a_a.txt"]);
    expect(() => columnFiles("L.txt", ["a"])).toThrow(LabellintError);
  });
});

describe("the columns reader", () => {
  it("refuses to run without class names, and names a missing per-class file", async () => {
    const list = file("list.txt", "a.jpg\n");
    await expect(lintFile(list, { columns: join(tmp, "L_{class}.txt") })).rejects.toThrow(/needs --class-names/);
    await expect(lintFile(list, { columns: join(tmp, "L_{class}.txt"), classNames: ["nope"] })).rejects.toThrow(/no such file \(the file of class 'nope', from --columns\)/);
    await expect(lintFile(list, { format: "csv", columns: join(tmp, "L_{class}.txt"), classNames: ["nope"] })).rejects.toThrow(/--columns goes with --format columns/);
  });

  it("reads an image list whose lines are blank or have a BOM like a line format", async () => {
    const list = file("bl/list.txt", "\uFEFFa.jpg\n\nb.jpg\n");
    file("bl/L_x.txt", "1\n0\n1\n");
    const r = await lintFile(list, { columns: join(tmp, "bl", "L_{class}.txt"), classNames: ["x"], rules: { "rare-class": "off", "class-always-positive": "off" } });
    expect(r.problems.map((p) => [p.line, p.rule])).toEqual([
      [1, "bom"],
      [2, "blank-line"],
    ]);
    expect(r.rows).toBe(2);
  });
});

const BIN = join(ROOT, "dist", "cli", "bin.js");

describe.skipIf(!existsSync(BIN))("the columns reader at 1000 classes", () => {
  it(`stays within a file-descriptor limit of 200 (at most ${MAX_OPEN_COLUMNS} files open at once, or one at a time past that)`, () => {
    const dir = join(tmp, "c1000");
    const C = 1000;
    const N = 40;
    const names = Array.from({ length: C }, (_, i) => `concept${i}`);
    file("c1000/Concepts.txt", names.join("\n") + "\n");
    file("c1000/list.txt", Array.from({ length: N }, (_, r) => `img\\${r}.jpg`).join("\r\n") + "\r\n");
    names.forEach((name, c) => file(`c1000/Labels/Labels_${name}.txt`, Array.from({ length: N }, (_, r) => ((r + c) % 10 === 0 ? "1" : "0")).join("\n") + "\n"));
    const r = spawnSync(
      "sh",
      ["-c", `ulimit -n 200 && exec "${process.execPath}" "${BIN}" check list.txt --columns 'Labels/Labels_{class}.txt' --class-names Concepts.txt --reporter json --rule backslash-path:off --rule rare-class:off`],
      { cwd: dir, encoding: "utf8" },
    );
    expect(r.stderr).toBe("");
    const result = (JSON.parse(r.stdout) as { files: { rows: number; numClasses: number; stats: { validRows: number; positives: number[] }; problems: unknown[] }[] }).files[0]!;
    expect(result).toMatchObject({ rows: N, numClasses: C });
    expect(result.stats.validRows).toBe(N);
    expect(result.stats.positives.reduce((a, b) => a + b, 0)).toBe((N * C) / 10);
    expect(result.problems).toEqual([]);
  });
});

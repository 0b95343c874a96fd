/**
 * The class names an input carries itself — a CSV header, mmpretrain
 * `metainfo.classes`, a header row — are the only record of which column is
 * which class. `convert`, `fix` and `split` write formats with no place for
 * them (all but csv): they went nowhere. Now a class list goes beside the
 * output (`OUT.classes.txt`, `classes.txt` in split's folder), in PaddleClas
 * `id name` lines that `--class-names` reads back — unless the user gave the
 * names, and so has them.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { convert } from "../../src/convert/convert.js";
import { lintFile } from "../../src/engine/lint.js";
import { fix } from "../../src/fixer/fix.js";
import { readClassNames } from "../../src/readers/class-names.js";
import { formatSplitJson } from "../../src/reporters/split-text.js";
import { split } from "../../src/split/split.js";
import { ROOT } from "../shared.js";
import { scratchDir } from "../shards/lists.js";

const scratch = scratchDir("labellint-names-out-");
let n = 0;
/** A fresh folder holding `name`. */
function staged(name: string, content: string): { dir: string; file: string } {
  const dir = join(scratch.dir, String(n++));
  mkdirSync(dir);
  const file = join(dir, name);
  writeFileSync(file, content);
  return { dir, file };
}
const read = (path: string): string => readFileSync(path, "utf8");

const CSV = "path,sky,sea shore,city\na.jpg,1,0,0\nb.jpg,0,1,1\nc.jpg,1,1,0\nd.jpg,0,0,1\n";
const JSON_LIST = JSON.stringify({ metainfo: { classes: ["sky", "sea shore", "city"] }, data_list: ["a", "b", "c", "d"].map((p, i) => ({ img_path: `${p}.jpg`, gt_label: [i % 3, (i + 1) % 3] })) });
// A header row's names are split on any separator, spaces too: no space in them.
const HEADER_ROW = "path\tsky,sea_shore,city\na.jpg\t1,0,0\nb.jpg\t0,1,1\nc.jpg\t1,1,0\nd.jpg\t0,0,1\n";

describe("convert keeps the input's class names", () => {
  it.each([
    ["labels.csv", "paddleclas", CSV, "sea shore"],
    ["labels.json", "indices", JSON_LIST, "sea shore"],
    ["labels.txt", "spaced", HEADER_ROW, "sea_shore"],
  ] as const)("%s → %s: OUT.classes.txt, read back as the same names", async (name, to, content, sea) => {
    const { dir, file } = staged(name, content);
    const out = join(dir, "out.txt");
    const result = await convert(file, { to, out });
    expect(result.written.classNames).toBe(`${out}.classes.txt`);
    expect(read(`${out}.classes.txt`)).toBe(`0 sky\n1 ${sea}\n2 city\n`);
    expect(await readClassNames(`${out}.classes.txt`)).toEqual(["sky", sea, "city"]);
    const back = await lintFile(out, { format: to, classNames: await readClassNames(`${out}.classes.txt`) });
    expect(back.errorCount).toBe(0);
  });

  it("writes none to csv (its header holds them) or when the names were given", async () => {
    const { dir, file } = staged("labels.csv", CSV);
    await convert(file, { to: "csv", out: join(dir, "out.csv") });
    expect(existsSync(join(dir, "out.csv.classes.txt"))).toBe(false);
    const given = await convert(file, { to: "paddleclas", out: join(dir, "out.txt"), classNames: ["sky", "sea shore", "city"] });
    expect(given.written.classNames).toBeUndefined();
    expect(existsSync(join(dir, "out.txt.classes.txt"))).toBe(false);
  });

  it("goes where classNamesOut says, never over an existing file without force, nor over the output", async () => {
    const { dir, file } = staged("labels.csv", CSV);
    const named = join(dir, "label_list.txt");
    await convert(file, { to: "paddleclas", out: join(dir, "a.txt"), classNamesOut: named });
    expect(read(named)).toBe("0 sky\n1 sea shore\n2 city\n");
    await expect(convert(file, { to: "paddleclas", out: join(dir, "b.txt"), classNamesOut: named })).rejects.toMatchObject({ code: "LL_USAGE", message: `'${named}' exists; pass --force to overwrite it` });
    expect(existsSync(join(dir, "b.txt"))).toBe(false);
    await convert(file, { to: "paddleclas", out: join(dir, "b.txt"), classNamesOut: named, force: true });
    await expect(convert(file, { to: "paddleclas", out: join(dir, "c.txt"), classNamesOut: join(dir, "c.txt") })).rejects.toMatchObject({ code: "LL_USAGE" });
  });

  it("says why when a name cannot be written as a class list (a line break), and converts the rows", async () => {
    const { dir, file } = staged("labels.csv", 'path,sky,"sea\nshore"\na.jpg,1,0\nb.jpg,0,1\n');
    const result = await convert(file, { to: "paddleclas", out: join(dir, "out.txt") });
    expect(result.written.output).toBeDefined();
    expect(result.written.classNames).toBeUndefined();
    expect(result.classNamesNotWritten).toBe(`class 1's name "sea\\nshore" holds a line break, which a class list cannot hold`);
  });
});

describe("fix keeps the input's class names", () => {
  it("beside --out, and beside the input with --in-place (whose header row fix drops)", async () => {
    const csv = staged("labels.csv", CSV);
    const result = await fix(csv.file, { out: join(csv.dir, "fixed.txt") });
    expect(result.written.classNames).toBe(join(csv.dir, "fixed.txt.classes.txt"));
    expect(read(join(csv.dir, "fixed.txt.classes.txt"))).toBe("0 sky\n1 sea shore\n2 city\n");

    const headed = staged("train.txt", HEADER_ROW);
    const inPlace = await fix(headed.file, { inPlace: true });
    expect(read(headed.file)).not.toContain("sky");
    expect(inPlace.written.classNames).toBe(`${headed.file}.classes.txt`);
    expect(await readClassNames(`${headed.file}.classes.txt`)).toEqual(["sky", "sea_shore", "city"]);
  });

  it("writes none on a dry run, for a list that names no classes, or when the names were given", async () => {
    const csv = staged("labels.csv", CSV);
    await fix(csv.file, { dryRun: true });
    await fix(csv.file, { out: join(csv.dir, "given.txt"), classNames: ["sky", "sea shore", "city"] });
    const plain = staged("plain.txt", "a.jpg\t1,0\nb.jpg\t0,1\n");
    const result = await fix(plain.file, { out: join(plain.dir, "out.txt") });
    expect(result.written.classNames).toBeUndefined();
    expect(existsSync(join(csv.dir, "labels.csv.classes.txt"))).toBe(false);
    expect(existsSync(join(csv.dir, "given.txt.classes.txt"))).toBe(false);
    expect(existsSync(join(plain.dir, "out.txt.classes.txt"))).toBe(false);
  });
});

describe("split keeps the inputs' class names", () => {
  it("as classes.txt beside the splits, named in the report (and its schema), refused over an existing one", async () => {
    const { dir, file } = staged("labels.csv", CSV);
    const outDir = join(dir, "splits");
    const result = await split(file, { ratios: [0.5, 0.5], outDir });
    expect(result.written.classNames).toBe(join(outDir, "classes.txt"));
    expect(read(join(outDir, "classes.txt"))).toBe("0 sky\n1 sea shore\n2 city\n");
    const schema = JSON.parse(read(join(ROOT, "schemas", "split-report.schema.json"))) as object;
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate(JSON.parse(formatSplitJson(result))), JSON.stringify(validate.errors)).toBe(true);
    const other = join(dir, "again");
    await split(file, { ratios: [0.5, 0.5], outDir: other });
    for (const f of ["train.txt", "eval.txt", "rejects.tsv"]) rmSync(join(other, f));
    await expect(split(file, { ratios: [0.5, 0.5], outDir: other })).rejects.toMatchObject({ message: `'${join(other, "classes.txt")}' exists; pass --force to overwrite it` });
    expect(existsSync(join(other, "train.txt"))).toBe(false);
  });
});

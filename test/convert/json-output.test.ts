/**
 * fix and convert writing mmpretrain annotation files (`--to json`; fix's
 * default for a json input): what mmpretrain reads (Python's json, then the
 * consumer's own loading, modelled in test/consumers/oracles/mmpretrain.py),
 * with a json input's entries, metainfo and other members kept as written.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { convert } from "../../src/convert/convert.js";
import { memberValues } from "../../src/text/json-members.js";
import { fix } from "../../src/fixer/fix.js";
import { runCli } from "../cli-harness.js";
import { scratchDir } from "../shards/lists.js";
import { PYTHON, pythonProblem, runOracleBatch } from "../consumers/oracle-run.js";

const { dir: tmp, write } = scratchDir("labellint-json-output-");
const NO_PYTHON = pythonProblem();

/** What Python's json.load makes of `path` (its numbers as Python reads them, ints past 2^53 exact), as JSON text. */
function pythonLoad(path: string): unknown {
  const r = spawnSync(PYTHON, ["-c", "import json, sys; d = json.load(open(sys.argv[1], encoding='utf-8')); print(json.dumps(d, sort_keys=True))", path], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

/** Every entry's img_path made a file under `root`, so the consumer's loading gets past opening the images. */
function images(root: string, paths: readonly string[]): void {
  for (const p of paths) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), "x");
  }
}

// json.dump(indent=4) of an annotation with what a real file may carry besides img_path and gt_label.
const ANNOTATION = `{
    "metainfo": {"classes": ["cat", "dog", "b\\u00e9e"], "dataset": "demo", "scale": 1.50},
    "data_list": [
        {"img_path": "p/a.jpg", "gt_label": [2, 0, 2], "id": 12345678901234567891},
        {"img_path": "p/b.jpg", "gt_label": 1},
        {"img_path": "p\\\\c.jpg", "gt_label": [0], "bbox": [1, 2.5, 3]},
        {
            "gt_label": [2, 1],
            "img_path": "p/d \\u00e9.jpg",
            "note": "a, {b}: [c] \\"d\\""
        },
        {"img_path": "p/e.jpg", "gt_label": []},
        {"img_path": "p/a.jpg", "gt_label": [0, 2], "id": 2},
        {"img_path": "p/a.jpg", "gt_label": [2, 0], "id": 3},
        {"img_path": "p/f.jpg", "gt_label": [1]}
    ],
    "version": "2.0"
}
`;

describe("fix of an mmpretrain annotation file writes one", () => {
  it("keeps every entry's other keys, the metainfo and the file's other members as written; edits only what a fix changes", async () => {
    const input = write("ann.json", ANNOTATION);
    const out = join(tmp, "ann.fixed.json");
    const result = await fix(input, { out, plan: join(tmp, "ann.plan.json"), force: true });
    expect(result.plan.output.format).toBe("json");
    // The first p/a.jpg repeats index 2 (mmpretrain trains on a 2 there): rejected. Its first later copy takes its
    // place instead of being dropped as its duplicate; the next copy is dropped as a copy of that one.
    expect(result.counts).toMatchObject({ linesIn: 8, rowsOut: 6, rowsRejected: 1, linesDropped: 1, linesEdited: 1 });
    expect(result.plan.drops).toEqual([{ line: 14, text: "p/a.jpg\t0,2", reason: "duplicate of line 13", rule: "duplicate-path" }]);
    expect(readFileSync(out, "utf8")).toBe(
      [
        '{"metainfo": {"classes": ["cat", "dog", "b\\u00e9e"], "dataset": "demo", "scale": 1.50}, "version": "2.0", "data_list": [',
        '{"img_path": "p/b.jpg", "gt_label": 1},',
        '{"img_path": "p/c.jpg", "gt_label": [0], "bbox": [1, 2.5, 3]},',
        '{"gt_label": [2, 1], "img_path": "p/d \\u00e9.jpg", "note": "a, {b}: [c] \\"d\\""},',
        '{"img_path": "p/e.jpg", "gt_label": []},',
        '{"img_path": "p/a.jpg", "gt_label": [0, 2], "id": 2},',
        '{"img_path": "p/f.jpg", "gt_label": [1]}',
        "]}",
        "",
      ].join("\n"),
    );
    expect(result.plan.edits.map((e) => [e.line, e.oldText, e.newText])).toEqual([[6, '{"img_path": "p\\\\c.jpg", "gt_label": [0], "bbox": [1, 2.5, 3]}', '{"img_path": "p/c.jpg", "gt_label": [0], "bbox": [1, 2.5, 3]}']]);
    expect(readFileSync(`${out}.rejects.tsv`, "utf8")).toContain('\t{"img_path": "p/a.jpg", "gt_label": [2, 0, 2], "id": 12345678901234567891}\n');
    // No class list beside it: the names are in metainfo.
    expect(result.written.classNames).toBeUndefined();
    expect(result.after?.format).toBe("json");
    expect(result.after?.errorCount).toBe(0);
    // Run again on its own output: nothing changes.
    const again = join(tmp, "ann.fixed2.json");
    await fix(out, { out: again, force: true });
    expect(readFileSync(again, "utf8")).toBe(readFileSync(out, "utf8"));
  });

  it.skipIf(NO_PYTHON !== undefined)(`is read by Python's json and by mmpretrain's loading${NO_PYTHON !== undefined ? ` (skipped: ${NO_PYTHON})` : ""}`, async () => {
    const input = write("py.json", ANNOTATION);
    const out = join(tmp, "py.fixed.json");
    await fix(input, { out, force: true });
    const loaded = JSON.parse(pythonLoad(out) as string) as { metainfo: Record<string, unknown>; data_list: Record<string, unknown>[]; version: string };
    expect(loaded.metainfo).toEqual({ classes: ["cat", "dog", "bée"], dataset: "demo", scale: 1.5 });
    expect(loaded.version).toBe("2.0");
    expect(loaded.data_list.map((e) => e.img_path)).toEqual(["p/b.jpg", "p/c.jpg", "p/d é.jpg", "p/e.jpg", "p/a.jpg", "p/f.jpg"]);
    const root = join(tmp, "py-images");
    images(root, loaded.data_list.map((e) => e.img_path as string));
    const [verdict] = await runOracleBatch("mmpretrain.py", [["--list", out, "--image-root", root]]);
    expect(verdict?.outcome).toBe("ok");
    expect(verdict?.rows.map((r) => r.labels)).toEqual([
      [0, 1, 0],
      [1, 0, 0],
      [0, 1, 1],
      [0, 0, 0],
      [1, 0, 1],
      [0, 1, 0],
    ]);
  });

  it("from the command line: json stays json unless --to says otherwise", async () => {
    const dir = join(tmp, "cli");
    mkdirSync(dir);
    writeFileSync(join(dir, "ann.json"), ANNOTATION);
    const r = await runCli(["fix", "ann.json", "--out", "fixed.json"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("ann.json: 8 lines in = 6 rows out + 1 rejected + 1 dropped");
    expect(r.stdout).not.toContain("convert json");
    expect(readFileSync(join(dir, "fixed.json"), "utf8").startsWith('{"metainfo": ')).toBe(true);
    // mmengine picks the reader by the extension: an annotation file named *.txt is refused before anything is written.
    for (const argv of [["fix", "ann.json", "--out", "other.txt"], ["convert", "ann.json", "--to", "json", "--out", "c.JSON", "--force"], ["fix", "fixed.txt", "--in-place", "--to", "json"]]) {
      writeFileSync(join(dir, "fixed.txt"), "a.jpg\t1,0,0\n");
      const refused = await runCli(argv, { cwd: dir });
      expect(refused.code, argv.join(" ")).toBe(2);
      expect(refused.stderr, argv.join(" ")).toMatch(/mmpretrain reads an annotation file by its extension \(mmengine's load: \.json, \.yaml or \.yml\), and '(other\.txt|c\.JSON|fixed\.txt)' has none of them: name the output \*\.json, or write a list with --to paddleclas\n$/);
      expect(readFileSync(join(dir, "fixed.txt"), "utf8")).toBe("a.jpg\t1,0,0\n");
    }
    expect(readdirSync(dir).sort()).toEqual(["ann.json", "fixed.json", "fixed.json.rejects.tsv", "fixed.txt"]);
    const list = await runCli(["fix", "ann.json", "--out", "fixed.txt", "--to", "paddleclas", "--force"], { cwd: dir });
    expect(list.stdout).toContain("file: convert json to paddleclas");
    expect(readFileSync(join(dir, "fixed.txt"), "utf8").split("\n")[0]).toBe("p/b.jpg\t0,1,0");
  });
});

describe("fix of an annotation file holding what only Python's json reads", () => {
  it("keeps NaN and Infinity in other keys and in metainfo, and still edits the path beside them", async () => {
    const input = write("nan.json", '{"metainfo": {"classes": ["x", "y"], "w": Infinity}, "data_list": [\n{"img_path": "p\\\\g.jpg", "gt_label": [1], "score": NaN},\n{"img_path": "h.jpg", "gt_label": [0], "s": -Infinity}\n]}\n');
    const out = join(tmp, "nan.fixed.json");
    const result = await fix(input, { out, force: true });
    expect(result.counts).toMatchObject({ rowsOut: 2, linesEdited: 1 });
    expect(readFileSync(out, "utf8")).toBe('{"metainfo": {"classes": ["x", "y"], "w": Infinity}, "data_list": [\n{"img_path": "p/g.jpg", "gt_label": [1], "score": NaN},\n{"img_path": "h.jpg", "gt_label": [0], "s": -Infinity}\n]}\n');
    // Named by --class-names instead: metainfo.classes is replaced, Infinity beside it kept.
    const renamed = join(tmp, "nan.renamed.json");
    await fix(input, { out: renamed, force: true, classNames: ["a", "b"] });
    expect(readFileSync(renamed, "utf8").split("\n")[0]).toBe('{"metainfo": {"classes": ["a", "b"], "w": Infinity}, "data_list": [');
  });
});

describe("convert --to json", () => {
  it("writes a list as an annotation file, the class names in metainfo.classes, and converts back to the same bytes", async () => {
    const list = "a.jpg\t1,0,1\nsub/b c.jpg\t0,0,0\nq\"x.jpg\t0,1,0\nü.jpg\t1,1,1\n";
    const input = write("l.txt", list);
    const names = write("l.names.txt", "0 cat\n1 dog\n2 bird\n");
    const { readClassNames } = await import("../../src/readers/class-names.js");
    const out = join(tmp, "l.json");
    const result = await convert(input, { to: "json", out, classNames: await readClassNames(names), force: true });
    expect(result.after?.errorCount).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(
      [
        '{"metainfo": {"classes": ["cat", "dog", "bird"]}, "data_list": [',
        '{"img_path": "a.jpg", "gt_label": [0, 2]},',
        '{"img_path": "sub/b c.jpg", "gt_label": []},',
        '{"img_path": "q\\"x.jpg", "gt_label": [1]},',
        '{"img_path": "ü.jpg", "gt_label": [0, 1, 2]}',
        "]}",
        "",
      ].join("\n"),
    );
    expect(result.written.classNames).toBeUndefined();
    const back = join(tmp, "l.back.txt");
    await convert(out, { to: "paddleclas", out: back, force: true, classNamesOut: join(tmp, "l.back.names") });
    expect(readFileSync(back, "utf8")).toBe(list);
  });

  it("a list without class names: an empty metainfo, and a file of no rows is still an annotation file", async () => {
    const out = join(tmp, "n.json");
    const r = await runCli(["convert", write("n.txt", "a.jpg 0 1\nb.jpg 1 1\n"), "--to", "json", "--out", out, "--force"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("(json, 2 classes, no class names (give --class-names to put them in metainfo.classes))");
    expect(readFileSync(out, "utf8")).toBe('{"metainfo": {}, "data_list": [\n{"img_path": "a.jpg", "gt_label": [1]},\n{"img_path": "b.jpg", "gt_label": [0, 1]}\n]}\n');
    const empty = join(tmp, "e.json");
    await convert(write("e.txt", "\n"), { to: "json", out: empty, numClasses: 2, force: true });
    expect(JSON.parse(readFileSync(empty, "utf8"))).toEqual({ metainfo: {}, data_list: [] });
  });

  it("several inputs, json among them: one data_list, the json input's metainfo kept", async () => {
    const a = write("m1.json", '{"metainfo": {"classes": ["x", "y"], "src": 1}, "data_list": [{"img_path": "a.jpg", "gt_label": [1], "k": true}]}');
    const b = write("m2.txt", "b.jpg\t1,1\n");
    const out = join(tmp, "m.json");
    await convert([a, b], { to: "json", out, force: true });
    expect(readFileSync(out, "utf8")).toBe('{"metainfo": {"classes": ["x", "y"], "src": 1}, "data_list": [\n{"img_path": "a.jpg", "gt_label": [1], "k": true},\n{"img_path": "b.jpg", "gt_label": [0, 1]}\n]}\n');
  });
});

describe("memberValues", () => {
  it("finds each member's value of an object, past strings with brackets, commas and escapes; the last of a repeated key", () => {
    const text = '{ "a" : "x,}\\\\\\"]" , "b":[1,{"c":2}],"a":{"d":[]},"e" : -1.5e3 }';
    const spans = memberValues(text);
    expect([...spans].map(([k, [s, e]]) => [k, text.slice(s, e)])).toEqual([
      ["a", '{"d":[]}'],
      ["b", '[1,{"c":2}]'],
      ["e", "-1.5e3"],
    ]);
  });
});

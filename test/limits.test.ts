import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintFile, lintText } from "../src/engine/lint.js";
import { applyPlan } from "../src/fixer/apply.js";
import { checkClassCount, DEFAULT_MAX_CLASSES, jsonDepthExceeded, MAX_CLASS_NAMES_BYTES, MAX_YAML_BYTES } from "../src/io/limits.js";
import { readClassNames } from "../src/readers/class-names.js";
import { runCli } from "./cli-harness.js";
import { rejection } from "./shared.js";

function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "labellint-limits-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const LIST = "a.jpg\t0,1,0\nb.jpg\t1,0,0\nc.jpg\t0,0,1\n";

/** An index list whose rows name classes 0…9, and one row naming class 10^9. */
const INDEX_LIST = `${Array.from({ length: 30 }, (_, i) => `img/${i}.jpg\t${i % 5},${(i % 5) + 5}`).join("\n")}\nimg/x.jpg\t3,1000000000\n`;

describe("the class-count limit", () => {
  it("is 1,000,000 by default and names where the count came from", () => {
    expect(DEFAULT_MAX_CLASSES).toBe(1_000_000);
    expect(() => checkClassCount(1_000_000, "--num-classes")).not.toThrow();
    expect(() => checkClassCount(1_000_001, "--num-classes")).toThrow(/--num-classes gives 1,000,001 classes, over the limit of 1,000,000/);
  });

  it.each([["1000000000000"], ["2147483648"]])("refuses --num-classes %s at once with exit 2 and one line", async (count) => {
    const dir = folder({ "list.txt": LIST });
    const started = Date.now();
    const r = await runCli(["check", "list.txt", "--num-classes", count], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^labellint: --num-classes gives [\d,]+ classes, over the limit of 1,000,000; if that many is right, raise it with --max-classes/);
    expect(r.stderr.split("\n")).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("is raised with --max-classes", async () => {
    const dir = folder({ "list.txt": LIST });
    expect((await runCli(["check", "list.txt", "--num-classes", "3", "--max-classes", "2"], { cwd: dir })).code).toBe(2);
    const r = await runCli(["check", "list.txt", "--num-classes", "3", "--max-classes", "3", "--rule", "rare-class:off"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("applies to a PaddleClas config's class_num and a labellint config's class count", async () => {
    const dir = folder({
      "list.txt": LIST,
      "ppcls.yaml": "Global:\n  use_multilabel: True\nArch:\n  name: ResNet50\n  class_num: 1000000000000\nDataLoader:\n  Train:\n    dataset:\n      name: MultiLabelDataset\n      image_root: ./\n      cls_label_path: ./list.txt\n",
      "labellint.config.json": JSON.stringify({ classes: { count: 5_000_000 } }),
    });
    const ppcls = await runCli(["check", "--ppcls-config", "ppcls.yaml", "--no-config"], { cwd: dir });
    expect(ppcls.code).toBe(2);
    expect(ppcls.stderr).toMatch(/Arch\.class_num in .*ppcls\.yaml gives 1,000,000,000,000 classes, over the limit/);
    const config = await runCli(["check", "list.txt"], { cwd: dir });
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/gives 5,000,000 classes, over the limit/);
  });

  it("applies to the library's class count, before anything is allocated for it", async () => {
    const error = await rejection(lintText(LIST, { numClasses: 2 ** 40 }));
    expect(error.code).toBe("LL_LIMIT_EXCEEDED");
    const names = await rejection(lintText(LIST, { classNames: ["a", "b", "c"], maxClasses: 2 }));
    expect(names.code).toBe("LL_LIMIT_EXCEEDED");
  });

  it("keeps an index past the limit out of an inferred C, and reports its row", async () => {
    for (const format of ["auto", "paddleclas"] as const) {
      const r = await lintText(INDEX_LIST, { format });
      expect(r.numClasses, format).toBe(10);
      expect(r.problems.some((p) => p.line === 31 && p.severity === "error"), format).toBe(true);
    }
  });

  it("does the same in the indices and json readers", async () => {
    const dir = folder({
      "list.idx": "a.jpg 1 5\nb.jpg 1000000000\n",
      "ann.json": JSON.stringify({ data_list: [{ img_path: "a.jpg", gt_label: [1, 5] }, { img_path: "b.jpg", gt_label: [1000000000] }] }),
    });
    const indices = await lintFile(join(dir, "list.idx"), { format: "indices" });
    expect(indices.numClasses).toBe(6);
    expect(indices.problems.find((p) => p.rule === "invalid-index")).toMatchObject({ line: 2, severity: "error" });
    const json = await lintFile(join(dir, "ann.json"));
    expect(json.numClasses).toBe(6);
    expect(json.problems.find((p) => p.rule === "invalid-index")).toMatchObject({ line: 1, severity: "error" });
  });
});

describe("the class-count limit in record files", () => {
  it("applies to an annotation file's metainfo.classes before any row is made", async () => {
    const dir = folder({ "ann.json": JSON.stringify({ metainfo: { classes: ["a", "b", "c", "d", "e"] }, data_list: [{ img_path: "a.jpg", gt_label: [1] }] }) });
    const error = await rejection(lintFile(join(dir, "ann.json"), { maxClasses: 4 }));
    expect(error.code).toBe("LL_LIMIT_EXCEEDED");
    expect(error.message).toMatch(/5 classes in metainfo\.classes gives 5 classes, over the limit of 4/);
  });

  it("applies to a class list given to a record file", async () => {
    const dir = folder({ "list.idx": "a.jpg 1\n" });
    const error = await rejection(lintFile(join(dir, "list.idx"), { format: "indices", classNames: ["a", "b", "c"], maxClasses: 2 }));
    expect(error.code).toBe("LL_LIMIT_EXCEEDED");
  });
});

describe("size limits on files read whole", () => {
  it.skipIf(!existsSync("/dev/zero"))("refuses --class-names /dev/zero after 16 MiB, with exit 2", async () => {
    const error = await rejection(readClassNames("/dev/zero"));
    expect(error.code).toBe("LL_LIMIT_EXCEEDED");
    expect(error.message).toBe(`'/dev/zero' is over ${MAX_CLASS_NAMES_BYTES.toLocaleString("en-US")} bytes, more than a class-name list holds`);
    const dir = folder({ "list.txt": LIST });
    const r = await runCli(["check", "list.txt", "--class-names", "/dev/zero"], { cwd: dir });
    expect(r.code).toBe(2);
  });

  it("refuses a YAML config over 4 MiB before parsing it", async () => {
    const big = `Global:\n  use_multilabel: True\n${"# padding padding padding padding padding padding padding\n".repeat(Math.ceil(MAX_YAML_BYTES / 50))}`;
    const dir = folder({ "list.txt": LIST, "big.yaml": big, "labellint.config.yaml": big });
    const ppcls = await runCli(["check", "--ppcls-config", "big.yaml", "--no-config"], { cwd: dir });
    expect(ppcls.code).toBe(2);
    expect(ppcls.stderr).toMatch(/^labellint: 'big\.yaml' is over 4,194,304 bytes, more than a PaddleClas config holds\n$/);
    const config = await runCli(["check", "list.txt"], { cwd: dir });
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/more than a labellint config holds/);
  });
});

describe("nested JSON", () => {
  it("finds where nesting passes the limit, skipping brackets in strings", () => {
    expect(jsonDepthExceeded('{"a": [[["[[[[[["]]]}', 4)).toBe(-1);
    expect(jsonDepthExceeded('{"a": [[["[[[[[["]]]}', 3)).toBe(8);
    expect(jsonDepthExceeded("[[[[1]]]]", 3)).toBe(3);
  });

  it("is a problem with a position in an annotation file, not a stack overflow", async () => {
    const n = 200_000;
    const dir = folder({ "bomb.json": `{"data_list":${"[".repeat(n)}${"]".repeat(n)}}` });
    const r = await runCli(["check", "bomb.json"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/bomb\.json:1:\d+ +error +not valid JSON: arrays and objects nested deeper than 900 levels \(Python's json reader stops with RecursionError at about 1,000\): mmpretrain stops while loading the annotation file +invalid-annotation/);
  });

  it("is refused in a fix plan and a labellint config", async () => {
    const dir = folder({ "plan.json": `{"edits":${"[".repeat(100)}${"]".repeat(100)}}`, "labellint.config.json": `{"datasets":${"[".repeat(100)}${"]".repeat(100)}}`, "list.txt": LIST });
    const plan = await rejection(applyPlan(join(dir, "plan.json"), { out: join(dir, "out.txt") }));
    expect(plan.message).toMatch(/nests deeper than 64 levels/);
    const r = await runCli(["check", "list.txt"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nested deeper than 64 levels/);
  });
});

/**
 * Long runs in one line cost time linear in the line: expressions such as
 * `\d+\.?\d*` or `[ …]+$` backtrack quadratically on them in V8 (a 300 kB run
 * of digits took 100 s, a 200 kB run of spaces 17 s). Each case is a line of
 * about a megabyte; a quadratic reading would take minutes, past the timeout.
 */
describe("long runs in a line", () => {
  const MB = 1_000_000;
  const cases: [string, string, Parameters<typeof lintText>[1]][] = [
    ["a run of digits before a letter (a path glued to a value)", `a.jpg\t0,1,${"0".repeat(MB)}y.jpg\t1,0,0\n`, { numClasses: 3 }],
    ["a run of spaces inside a spaced line", `a.jpg${" ".repeat(MB)}0 1 0 x\nb.jpg 0 1 1\n`, {}],
    ["a run of ']' before the end of a value field", `a.jpg\t0,1${"]".repeat(MB)}x\nb.jpg\t0,1,1\n`, {}],
    ["a run of FS at the end of a value", `a.jpg\t0,1,1${"\x1c".repeat(MB)}x\nb.jpg\t0,1,1\n`, {}],
    ["a run of spaces before a path's end, fixed", ` ${" ".repeat(MB)}x.jpg \t0,1,1\nb.jpg\t0,1,1\n`, {}],
  ];
  for (const [name, text, options] of cases) {
    it(name, async () => {
      const result = await lintText(text, { maxLineBytes: 4 * MB, ...options });
      expect(result.problems.length).toBeGreaterThan(0);
    }, 20_000);
  }
});

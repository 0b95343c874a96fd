import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { lint, lintFile, lintText } from "../../src/engine/lint.js";
import { nodeImageFs } from "../../src/images/fs.js";
import { jpeg, makeTree, recordingFs, truncatedJpeg, type Tree } from "./tree.js";

let tree: Tree;
beforeAll(() => {
  tree = makeTree();
});

/** One row per path, C = 3 (every class positive somewhere). */
const rows = (paths: readonly string[]) => paths.map((p, i) => `${p}\t${["1,0,0", "0,1,0", "0,0,1"][i % 3]}`).join("\n") + "\n";

const ALL = [
  "images/ok.jpg", // 1
  "images/missing.jpg", // 2
  "images/cut.jpg", // 3
  "images/empty.jpg", // 4
  "images/text.jpg", // 5
  "images/png.jpg", // 6
  "images/escape.jpg", // 7
  "/etc/passwd", // 8
  "../outside/secret.jpg", // 9
  "images/ok.gif", // 10
  "images/ok.bmp", // 11
  "images/ok.webp", // 12
  "images/ok.tif", // 13
  "images/cut.png", // 14
  "linked-out/secret.jpg", // 15
];

describe("the image phase", () => {
  it("reports every case through its rule, with line numbers, in line order", async () => {
    const result = await lintText(rows(ALL), { checkImages: true, imageRoot: tree.root, numClasses: 3 });
    const found = result.problems.filter((p) => p.line !== undefined).map((p) => [p.line, p.rule, p.severity]);
    expect(found).toEqual([
      [2, "missing-image", "error"],
      [3, "unreadable-image", "error"],
      [4, "unreadable-image", "error"],
      [5, "unreadable-image", "error"],
      [6, "unreadable-image", "warn"],
      // PaddleClas reads a path outside the image root where it points (os.path.join): a portability warning for it.
      [7, "unsafe-path", "warn"],
      [8, "unsafe-path", "warn"],
      [9, "unsafe-path", "warn"],
      // OpenCV 4.6 (PaddleClas's cv2) has no GIF reader: cv2.imdecode returns None and the sample is swapped.
      [10, "unreadable-image", "error"],
      [14, "unreadable-image", "error"],
      [15, "unsafe-path", "warn"],
    ]);
    const escape = result.problems.find((p) => p.line === 7)!;
    expect(escape.message).toBe(
      `image path 'images/escape.jpg' resolves outside the image root (through a symbolic link, to '${join(tree.outside, "secret.jpg")}'): it was not opened (--allow-images-in DIR opens images in a folder you trust): PaddleClas follows the link: the list depends on files outside the dataset`,
    );
    // A strict reader (a custom loader) is not assumed to follow them.
    const generic = await lintText(rows(ALL), { checkImages: true, imageRoot: tree.root, numClasses: 3, consumer: "generic" });
    expect(generic.problems.filter((p) => p.rule === "unsafe-path").map((p) => [p.line, p.severity])).toEqual([
      [7, "error"],
      [8, "error"],
      [9, "error"],
      [15, "error"],
    ]);
  });

  it("opens nothing outside the root; an unsafe path is only asked whether it exists", async () => {
    const fs = recordingFs();
    await lintText(rows(ALL), { checkImages: true, imageRoot: tree.root, numClasses: 3, imageFs: fs, hashImages: true });
    expect(fs.calls.length).toBeGreaterThan(0);
    const inside = (path: string) => path === tree.root || path.startsWith(`${tree.root}/`);
    for (const call of fs.calls) {
      // realpath and open see paths under the root only; stat also sees where an absolute or escaping path points.
      if (call.op !== "stat") expect(inside(call.path), `${call.op} ${call.path}`).toBe(true);
    }
    const opened = fs.calls.filter((c) => c.op === "open").map((c) => c.path);
    expect(opened.some((p) => p.includes("secret") || p.includes("passwd"))).toBe(false);
    expect(fs.calls.filter((c) => c.path.includes("passwd")).map((c) => c.op)).toEqual(["stat"]);
    expect(opened).toContain(join(tree.root, "images", "ok.jpg"));
  });

  it("a missing absolute path is a missing image where the consumer asserts it exists (PaddleClas os.path.join + assert)", async () => {
    const result = await lintText(rows(["images/ok.jpg", "/nonexistent-labellint/b.jpg", "/etc/passwd"]), { checkImages: true, imageRoot: tree.root, numClasses: 3 });
    const found = result.problems.filter((p) => p.rule === "missing-image" || p.rule === "unsafe-path").map((p) => [p.line, p.rule, p.severity]);
    expect(found).toEqual([
      [2, "unsafe-path", "warn"],
      [2, "missing-image", "error"],
      [3, "unsafe-path", "warn"],
    ]);
    expect(result.problems.find((p) => p.rule === "missing-image")!.message).toMatch(/^image '\/nonexistent-labellint\/b.jpg' does not exist where the path points: PaddleClas stops with AssertionError/);
  });

  it("with HashNet's ImageList named and no image root, a relative path is looked up from the working directory, as HashNet opens it; other readers join it to the list's directory", async () => {
    const dir = mkdtempSync(join(tmpdir(), "labellint-hashnet-"));
    const list = join(dir, "test.txt");
    // Relative to the working directory (the repository, under vitest), not to the list's directory.
    writeFileSync(list, "fixtures/fix/rejects-unreadable-image/images/a.jpg 0 1 1\n");
    const missing = async (imagelistReader: "hashnet" | "deephash") =>
      (await lintFile(list, { checkImages: true, numClasses: 3, consumer: "imagelist", format: "spaced", imagelistReader })).problems.filter((p) => p.rule === "missing-image").length;
    expect(await missing("hashnet")).toBe(0);
    expect(await missing("deephash")).toBe(1);
  });

  it("an absolute path, for either ImageList, must be an image both as written (HashNet opens it so) and appended to the root (DeepHash-pytorch's data_path + path); --consumer hashnet or deephash names the one that reads it", async () => {
    const list = rows([join(tree.root, "images", "ok.jpg"), "/images/ok.jpg", "/nonexistent-labellint/b.jpg", "../nonexistent-labellint/c.jpg"]).replace(/\t/g, " ").replace(/,/g, " ");
    const missing = async (imagelistReader?: "hashnet" | "deephash") => {
      const result = await lintText(list, { checkImages: true, imageRoot: tree.root, numClasses: 3, consumer: "imagelist", format: "spaced", ...(imagelistReader !== undefined ? { imagelistReader } : {}) });
      return result.problems.filter((p) => p.rule === "missing-image");
    };
    const either = await missing();
    expect(either.map((p) => [p.line, p.severity])).toEqual([
      [1, "error"],
      [2, "error"],
      [3, "error"],
      [4, "error"],
    ]);
    expect(either[0]!.message).toMatch(/^image '.*\/images\/ok\.jpg' does not exist where DeepHash-pytorch opens it \(appended to the image root\), only where HashNet does \(as written; --consumer hashnet or --consumer deephash names the reader\): when the sample is first loaded/);
    expect(either[1]!.message).toMatch(/^image '\/images\/ok\.jpg' does not exist where HashNet opens it \(as written\), only where DeepHash-pytorch does \(appended to the image root; --consumer hashnet or --consumer deephash names the reader\)/);
    expect(either[2]!.message).toMatch(/^image '\/nonexistent-labellint\/b\.jpg' does not exist as written or appended to the image root: when the sample is first loaded, opening the image fails with FileNotFoundError/);
    expect(either[3]!.message).toMatch(/^image '\.\.\/nonexistent-labellint\/c\.jpg' does not exist where the path points/);
    // Named: HashNet looks where the path points, DeepHash-pytorch appended to its data_path (the image root).
    const hashnet = await missing("hashnet");
    expect(hashnet.map((p) => p.line)).toEqual([2, 3, 4]);
    expect(hashnet[0]!.message).toMatch(/^image '\/images\/ok\.jpg' does not exist where the path points/);
    const deephash = await missing("deephash");
    expect(deephash.map((p) => p.line)).toEqual([1, 3, 4]);
    expect(deephash[0]!.message).toMatch(/does not exist appended to the image root, where DeepHash-pytorch opens it/);
  });

  it("keeps line order when checks complete out of order, and bounds what is in flight", async () => {
    const names = ["ok.jpg", "missing.jpg", "cut.jpg", "empty.jpg", "text.jpg", "png.jpg", "ok.png"];
    const paths = Array.from({ length: 140 }, (_, i) => `images/${names[i % names.length]}`);
    // Later lines tend to finish first: delays shrink along the file, with a jitter.
    const fs = recordingFs((p) => ((p.length * 7) % 5) + (p.includes("ok") ? 12 : 0));
    let checked = 0;
    let maxPending = 0;
    const started = () => fs.calls.filter((c) => c.op === "realpath").length - 1;
    const result = await lintText(rows(paths), {
      checkImages: true,
      imageRoot: tree.root,
      numClasses: 3,
      imageFs: fs,
      concurrency: 8,
      onImageProgress: (done, total) => {
        expect(total).toBe(140);
        checked = done;
        maxPending = Math.max(maxPending, started() - done);
      },
      rules: { "duplicate-path": "off", "conflicting-duplicate": "off" },
    });
    expect(checked).toBe(140);
    expect(fs.maxInFlight).toBeLessThanOrEqual(8);
    expect(fs.maxInFlight).toBeGreaterThan(1);
    // At most a window of 4 × concurrency results wait to be reported.
    expect(maxPending).toBeLessThanOrEqual(32);
    const lines = result.problems.filter((p) => p.rule === "missing-image" || p.rule === "unreadable-image").map((p) => p.line!);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    const expected = paths.flatMap((p, i) => (/(ok)/.test(p) ? [] : [i + 1]));
    expect(lines).toEqual(expected);
  });

  it("gives the same report at concurrency 1 and 64", async () => {
    const text = rows(ALL);
    const one = await lintText(text, { checkImages: true, imageRoot: tree.root, numClasses: 3, concurrency: 1 });
    const many = await lintText(text, { checkImages: true, imageRoot: tree.root, numClasses: 3, concurrency: 64 });
    expect(many.problems).toEqual(one.problems);
  });

  it("counts the phase's findings like any other: caps, off, exact counts", async () => {
    const text = rows(["images/a.jpg", "images/b.jpg", "images/c.jpg", "images/ok.jpg"]);
    const capped = await lintText(text, { checkImages: true, imageRoot: tree.root, numClasses: 3, maxProblemsPerRule: 1 });
    expect(capped.counts["missing-image"]).toBe(3);
    expect(capped.problems.filter((p) => p.rule === "missing-image")).toHaveLength(1);
    const off = await lintText(text, { checkImages: true, imageRoot: tree.root, numClasses: 3, rules: { LL504: "off" } });
    expect(off.counts["missing-image"]).toBeUndefined();
  });

  it("resolves paths under the label file's directory by default", async () => {
    const list = join(tree.root, "list.txt");
    writeFileSync(list, rows(["images/ok.jpg", "images/missing.jpg", "images/ok.png"]));
    const result = await lintFile(list, { checkImages: true, numClasses: 3 });
    expect(result.problems.filter((p) => p.rule === "missing-image").map((p) => p.line)).toEqual([2]);
  });

  it("refuses an image root that does not exist", async () => {
    await expect(lintText(rows(["images/ok.jpg"]), { checkImages: true, imageRoot: join(tree.base, "nope") })).rejects.toThrow(/image root/);
  });
});

describe("folders outside the root the user allows (--allow-images-in)", () => {
  /** A dataset whose image folder is a symbolic link into shared storage, with damage behind the link. */
  function linkedDataset(): { root: string; store: string } {
    const base = realpathSync(mkdtempSync(join(tmpdir(), "labellint-linked-")));
    const store = join(base, "store");
    mkdirSync(join(store, "nus"), { recursive: true });
    writeFileSync(join(store, "nus", "ok.jpg"), jpeg(0));
    writeFileSync(join(store, "nus", "cut.jpg"), truncatedJpeg());
    writeFileSync(join(store, "nus", "empty.jpg"), Buffer.alloc(0));
    writeFileSync(join(store, "elsewhere.jpg"), Buffer.alloc(0));
    const root = join(base, "dataset");
    mkdirSync(root);
    symlinkSync(join(store, "nus"), join(root, "images"));
    symlinkSync(join(store, "elsewhere.jpg"), join(root, "elsewhere.jpg"));
    return { root, store };
  }
  const LINKED = ["images/ok.jpg", "images/cut.jpg", "images/empty.jpg", "images/missing.jpg", "elsewhere.jpg"];

  it("checks the images behind a linked folder like any other, and only in the folders allowed", async () => {
    const { root, store } = linkedDataset();
    const found = (r: { problems: readonly { line?: number; rule: string }[] }) => r.problems.filter((p) => p.line !== undefined).map((p) => [p.line, p.rule]);
    // Without the option nothing behind the link is opened: damage there goes unseen (a missing file is still missing).
    const closed = await lintText(rows(LINKED), { checkImages: true, imageRoot: root, numClasses: 3 });
    expect(found(closed)).toEqual([[1, "unsafe-path"], [2, "unsafe-path"], [3, "unsafe-path"], [4, "missing-image"], [5, "unsafe-path"]]);
    const open = await lintText(rows(LINKED), { checkImages: true, imageRoot: root, numClasses: 3, imageDirs: [join(store, "nus")] });
    expect(found(open)).toEqual([[2, "unreadable-image"], [3, "unreadable-image"], [4, "missing-image"], [5, "unsafe-path"]]);
    // The whole store allowed: the linked file too.
    const all = await lintText(rows(LINKED), { checkImages: true, imageRoot: root, numClasses: 3, imageDirs: [store] });
    expect(found(all)).toEqual([[2, "unreadable-image"], [3, "unreadable-image"], [4, "missing-image"], [5, "unreadable-image"]]);
  });

  it("opens an absolute path into an allowed folder (it stays an unsafe-path warning: the list is not portable)", async () => {
    const { root, store } = linkedDataset();
    const list = rows([join(store, "nus", "ok.jpg"), join(store, "nus", "cut.jpg"), join(store, "nus", "gone.jpg"), "/etc/passwd"]);
    const fs = recordingFs();
    const r = await lintText(list, { checkImages: true, imageRoot: root, numClasses: 3, imageDirs: [store], imageFs: fs });
    expect(r.problems.filter((p) => p.line !== undefined).map((p) => [p.line, p.rule])).toEqual([
      [1, "unsafe-path"],
      [2, "unsafe-path"],
      [2, "unreadable-image"],
      [3, "unsafe-path"],
      [3, "missing-image"],
      [4, "unsafe-path"],
    ]);
    // Nothing outside the root and the allowed folder is opened.
    const opened = fs.calls.filter((c) => c.op === "open").map((c) => c.path);
    expect(opened.sort()).toEqual([join(store, "nus", "cut.jpg"), join(store, "nus", "ok.jpg")]);
  });

  it("never stops the run over an absolute path it cannot resolve (a folder it may not search)", async () => {
    const { root, store } = linkedDataset();
    const denied = (path: string) => Promise.reject(Object.assign(new Error(`EACCES: permission denied, '${path}'`), { code: "EACCES" }));
    const fs = { ...nodeImageFs, realpath: (p: string) => (p.startsWith("/locked") ? denied(p) : nodeImageFs.realpath(p)), stat: (p: string) => (p.startsWith("/locked") ? denied(p) : nodeImageFs.stat(p)) };
    const r = await lintText(rows(["/locked/a.jpg", join(store, "nus", "cut.jpg")]), { checkImages: true, imageRoot: root, numClasses: 3, imageDirs: [store], imageFs: fs });
    expect(r.problems.filter((p) => p.line !== undefined).map((p) => [p.line, p.rule])).toEqual([
      [1, "unsafe-path"],
      [2, "unsafe-path"],
      [2, "unreadable-image"],
    ]);
  });

  it("refuses an allowed folder that does not exist", async () => {
    const { root } = linkedDataset();
    const error = await lintText(rows(["images/ok.jpg"]), { checkImages: true, imageRoot: root, numClasses: 3, imageDirs: [join(root, "nope")] }).then(() => undefined, (e: unknown) => e as Error);
    expect(error?.message).toBe(`--allow-images-in '${join(root, "nope")}': no such folder`);
    writeFileSync(join(root, "a-file"), "");
    const file = await lintText(rows(["images/ok.jpg"]), { checkImages: true, imageRoot: root, numClasses: 3, imageDirs: [join(root, "a-file")] }).then(() => undefined, (e: unknown) => e as Error);
    expect(file?.message).toBe(`--allow-images-in '${join(root, "a-file")}' is a file, not a folder`);
  });
});

describe("split-leakage across files (lint)", () => {
  it("reports an eval path listed in train, on the eval line, whatever the argument order", async () => {
    const train = join(tree.base, "train.txt");
    const evalFile = join(tree.base, "eval.txt");
    writeFileSync(train, rows(["images/a.jpg", "images/b.jpg", "images/c.jpg"]));
    writeFileSync(evalFile, rows(["images/x.jpg", "./images/c.jpg", "images\\a.jpg"]));
    const result = await lint([{ path: evalFile, options: { split: "eval" } }, { path: train, options: { split: "train" } }], { numClasses: 3 });
    expect(result.files.map((f) => f.path)).toEqual([evalFile, train]);
    const leaks = result.files[0]!.problems.filter((p) => p.rule === "split-leakage");
    expect(leaks.map((p) => [p.line, p.message])).toEqual([
      [2, `'./images/c.jpg' is also in the train split (line 3 of ${train}): the model is evaluated on an image it trained on`],
      [3, `'images\\a.jpg' is also in the train split (line 1 of ${train}): the model is evaluated on an image it trained on`],
    ]);
    expect(leaks[0]!.fix).toMatchObject({ applicability: "unsafe", edits: [{ kind: "drop-line", line: 2 }] });
    expect(result.files[1]!.counts["split-leakage"]).toBeUndefined();
  });

  it("with --hash-images, the same bytes under another path", async () => {
    const train = join(tree.root, "train.txt");
    const evalFile = join(tree.root, "eval.txt");
    writeFileSync(train, rows(["images/ok.png", "images/ok.jpg", "images/ok.gif"]));
    writeFileSync(evalFile, rows(["images/ok.bmp", "images/copy.jpg", "images/ok.gif"]));
    const result = await lint([train, { path: evalFile, options: { split: "eval" } }], { numClasses: 3, hashImages: true });
    const leaks = result.files[1]!.problems.filter((p) => p.rule === "split-leakage");
    expect(leaks.map((p) => [p.line, p.message])).toEqual([
      [2, `'images/copy.jpg' has the same bytes as images/ok.jpg (line 2 of ${train}): the model is evaluated on an image it trained on`],
      // Found by path: reported once, by path.
      [3, `'images/ok.gif' is also in the train split (line 3 of ${train}): the model is evaluated on an image it trained on`],
    ]);
  });

  it("two train files, or a file alone, have nothing to leak into", async () => {
    const a = join(tree.base, "a.txt");
    writeFileSync(a, rows(["images/a.jpg"]));
    const result = await lint([a, a], { numClasses: 3 });
    for (const file of result.files) expect(file.counts["split-leakage"]).toBeUndefined();
    const evalOnly = await lint([{ path: a, options: { split: "eval" } }], { numClasses: 3 });
    expect(evalOnly.files[0]!.counts["split-leakage"]).toBeUndefined();
  });
});

describe("a path's '.' and '..' parts are followed as the consumer's os.path.join leaves them, not tidied away", () => {
  /** root/images/{ok,b}.jpg, and root/images/link → store/sub (a folder whose parent, store, holds only far.jpg). */
  function dotted(): string {
    const base = realpathSync(mkdtempSync(join(tmpdir(), "labellint-dots-")));
    const root = join(base, "root");
    mkdirSync(join(root, "images"), { recursive: true });
    mkdirSync(join(base, "store", "sub"), { recursive: true });
    writeFileSync(join(root, "images", "ok.jpg"), jpeg(0));
    writeFileSync(join(base, "store", "far.jpg"), jpeg(1));
    symlinkSync(join(base, "store", "sub"), join(root, "images", "link"));
    return root;
  }

  it("missing: a '..' after a folder that is not there, a '..' behind a link to where the image is not, a '/.' after a file", async () => {
    const root = dotted();
    const list = rows(["images/ok.jpg", "images/nodir/../ok.jpg", "images/link/../ok.jpg", "images/ok.jpg/.", "images/./ok.jpg"]);
    const r = await lintText(list, { checkImages: true, imageRoot: root, numClasses: 3, rules: { "duplicate-path": "off", "duplicate-image": "off" } });
    expect(r.problems.filter((p) => p.rule === "missing-image").map((p) => p.line)).toEqual([2, 3, 4]);
  });

  it("found: a '..' behind a link leads where the link points (images/link/../far.jpg is store/far.jpg), though the tidied path is not there", async () => {
    const root = dotted();
    const r = await lintText(rows(["images/ok.jpg", "images/link/../far.jpg"]), { checkImages: true, imageRoot: root, numClasses: 3, imageDirs: [join(root, "..", "store")] });
    expect(r.problems.filter((p) => p.rule === "missing-image")).toEqual([]);
  });
});

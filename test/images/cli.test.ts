import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CliIo } from "../../src/cli/index.js";
import { lintFiles } from "../../src/cli/check-command.js";
import { Progress } from "../../src/cli/progress.js";
import { HELP } from "../../src/cli/usage.js";
import { ROOT } from "../shared.js";
import { runCli, type Captured } from "../cli-harness.js";

const cli = (argv: string[], tty = false): Promise<Captured> => runCli(argv, { stderrTTY: tty });

const SAMPLE = "fixtures/images-sample";

describe("labellint check --check-images", () => {
  it("finds the sample's missing, truncated, empty and mislabelled images with line numbers (root: the list's directory)", async () => {
    const { code, stdout } = await cli(["check", `${SAMPLE}/train_list.txt`, "--class-names", `${SAMPLE}/label_list.txt`, "--check-images", "--rule", "rare-class:off"]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/train_list\.txt:4:1 +error +image 'images\/0004\.jpg' does not exist under the image root/);
    expect(stdout).toMatch(/train_list\.txt:5:1 +error +unreadable-image on 4 lines \(LL505\); the first:\n +image 'images\/0005\.jpg' is truncated/);
    expect(stdout).toMatch(/lines 5, 6, 7, 8\n/);
    expect(stdout).toMatch(/train_list\.txt:9:1 +warn +image 'images\/0009\.jpg' is a PNG file named '\.jpg'/);
    // The eval list's images and one file no list names are under the same root: orphans of this run.
    expect(stdout).toMatch(/train_list\.txt +warn +5 images under the image root 'fixtures\/images-sample' are listed in no checked label file \(images\/e001\.jpg, images\/e003\.png, images\/e004\.png, images\/e005\.jpg, images\/unlisted\.png\)/);
    expect(stdout).toMatch(/5 errors, 2 warnings/);
  });

  it("--decode-images finds the image damaged mid-file, and the orphan of the train and eval lists together", async () => {
    const { code, stdout } = await cli([
      "check", `${SAMPLE}/train_list.txt`, `${SAMPLE}/eval_list.txt`, "--split", "train,eval", "--num-classes", "33",
      "--decode-images", "--image-root", SAMPLE, "--rule", "rare-class:off", "--rule", "class-without-positives:off", "--rule", "class-missing-in-split:off",
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/eval_list\.txt:4:1 +error +image 'images\/e004\.png' cannot be decoded: pngload_buffer: libspng read error: PaddleClas's __getitem__ catches the decode error, logs it and trains on a random other sample in its place/);
    expect(stdout).toMatch(/eval_list\.txt +warn +1 image under the image root 'fixtures\/images-sample' is listed in no checked label file \(images\/unlisted\.png\): it is never trained or evaluated on/);
    expect(stdout).not.toMatch(/train_list\.txt +warn +\d+ images? under the image root/);
  });

  it("--similar-images names the train line of a re-encoded smaller copy in eval, and takes --similar-threshold", async () => {
    const args = ["check", `${SAMPLE}/train_list.txt`, `${SAMPLE}/eval_list.txt`, "--split", "train,eval", "--num-classes", "33", "--similar-images", "--image-root", SAMPLE];
    const { stdout } = await cli(args);
    expect(stdout).toMatch(/eval_list\.txt:5:1 +warn +'images\/e005\.jpg' looks like images\/0002\.jpg \(line 2 of fixtures\/images-sample\/train_list\.txt; 6 of 64 perceptual-hash bits differ\)/);
    expect((await cli([...args, "--similar-threshold", "5"])).stdout).not.toMatch(/near-duplicate-leakage/);
    const bad = await cli([...args, "--similar-threshold", "64"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--similar-threshold must be at most 63/);
    const alone = await cli(["check", `${SAMPLE}/train_list.txt`, "--check-images", "--similar-threshold", "3"]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/--similar-threshold only goes with --similar-images/);
  });

  it("--decode-images puts image sizes and modes in the json report", async () => {
    const { stdout } = await cli(["check", `${SAMPLE}/eval_list.txt`, "--num-classes", "33", "--decode-images", "--image-root", SAMPLE, "--reporter", "json"]);
    const report = JSON.parse(stdout) as { files: { images?: unknown }[] };
    // e001.jpg, 0002.jpg (32×24), e003.png (1×1), e005.jpg (24×18); e004.png does not decode.
    expect(report.files[0]!.images).toEqual({ decoded: 4, minWidth: 1, maxWidth: 32, minHeight: 1, maxHeight: 24, grayscale: 1 });
  });

  it("takes --image-root and --concurrency; --hash-images adds duplicate-image and leakage by content", async () => {
    const { stdout } = await cli([
      "check", `${SAMPLE}/train_list.txt`, `${SAMPLE}/eval_list.txt`, "--split", "train,eval", "--num-classes", "33",
      "--hash-images", "--image-root", SAMPLE, "--concurrency", "2", "--rule", "rare-class:off", "--rule", "class-without-positives:off",
    ]);
    expect(stdout).toMatch(/train_list\.txt:10:1 +warn +image 'images\/0010\.jpg' has the same bytes as 'images\/0001\.jpg' on line 1/);
    expect(stdout).toMatch(/eval_list\.txt:2:1 +error +'\.\/images\/0002\.jpg' is also in the train split \(line 2 of fixtures\/images-sample\/train_list\.txt\)/);
    expect(stdout).toMatch(/eval_list\.txt:3:1 +error +'images\/e003\.png' has the same bytes as images\/0003\.png \(line 3 of fixtures\/images-sample\/train_list\.txt\)/);
  });

  it("refuses image options that make no sense", async () => {
    expect((await cli(["check", `${SAMPLE}/train_list.txt`, "--image-root", SAMPLE])).code).toBe(2);
    const bad = await cli(["check", `${SAMPLE}/train_list.txt`, "--check-images", "--concurrency", "0"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--concurrency must be an integer ≥ 1/);
    const root = await cli(["check", `${SAMPLE}/train_list.txt`, "--check-images", "--image-root", "no/such/dir"]);
    expect(root.code).toBe(2);
    expect(root.stderr).toMatch(/image root/);
    const alone = await cli(["check", `${SAMPLE}/train_list.txt`, "--allow-images-in", SAMPLE]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toBe("labellint: --allow-images-in only goes with --check-images, --hash-images or --decode-images\n");
    const missing = await cli(["check", `${SAMPLE}/train_list.txt`, "--check-images", "--allow-images-in", "no/such/dir"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`labellint: --allow-images-in '${join(ROOT, "no/such/dir")}': no such folder\n`);
  });

  it("opens images behind a symbolic link into a folder given with --allow-images-in", async () => {
    const base = realpathSync(mkdtempSync(join(tmpdir(), "labellint-allow-")));
    mkdirSync(join(base, "store"));
    copyFileSync(join(ROOT, SAMPLE, "images", "0001.jpg"), join(base, "store", "a.jpg"));
    writeFileSync(join(base, "store", "b.jpg"), Buffer.alloc(0));
    mkdirSync(join(base, "dataset"));
    symlinkSync(join(base, "store"), join(base, "dataset", "images"));
    writeFileSync(join(base, "dataset", "list.txt"), "images/a.jpg\t1,0\nimages/b.jpg\t0,1\n");
    const list = join(base, "dataset", "list.txt");
    const closed = await cli(["check", list, "--check-images", "--rule", "rare-class:off"]);
    expect(closed.stdout).toMatch(/list\.txt:2:1 +warn +image path 'images\/b\.jpg' resolves outside the image root \(through a symbolic link, to '[^']*store\/b\.jpg'\): it was not opened \(--allow-images-in DIR opens images in a folder you trust\)/);
    expect(closed.code).toBe(0);
    const open = await cli(["check", list, "--check-images", "--rule", "rare-class:off", "--allow-images-in", join(base, "store")]);
    expect(open.stdout).not.toMatch(/unsafe-path/);
    expect(open.stdout).toMatch(/list\.txt:2:1 +error +image 'images\/b\.jpg' is empty \(0 bytes\)/);
    expect(open.code).toBe(1);
  });

  it("opens a file whose name holds the backslash of its path, as the consumer on Linux does, and fix keeps that path", async () => {
    // A Windows archive unpacked on Linux: 'images\\b.jpg' is one file name; 'images\\c.jpg' names no file, 'images/c.jpg' is the image.
    const base = realpathSync(mkdtempSync(join(tmpdir(), "labellint-backslash-")));
    mkdirSync(join(base, "images"));
    copyFileSync(join(ROOT, SAMPLE, "images", "0001.jpg"), join(base, "images", "a.jpg"));
    copyFileSync(join(ROOT, SAMPLE, "images", "0001.jpg"), join(base, "images\\b.jpg"));
    copyFileSync(join(ROOT, SAMPLE, "images", "0001.jpg"), join(base, "images", "c.jpg"));
    writeFileSync(join(base, "images\\d.jpg"), Buffer.alloc(0));
    const list = join(base, "list.txt");
    writeFileSync(list, "images/a.jpg\t1,0\nimages\\b.jpg\t0,1\nimages\\c.jpg\t1,0\nimages\\d.jpg\t0,1\n");
    const quiet = ["--rule", "rare-class:off", "--reporter", "json"];
    const report = async (argv: string[]) => JSON.parse((await cli(argv)).stdout).files[0].problems.map((p: { line: number; rule: string; severity: string; fix?: unknown }) => [p.line, p.rule, p.severity, p.fix !== undefined]);

    // Unchecked, a '\\' path is an error (a Windows list on Linux, most often); checked, the file of that very name is the image.
    expect(await report(["check", list, ...quiet])).toEqual([[2, "backslash-path", "error", true], [3, "backslash-path", "error", true], [4, "backslash-path", "error", true]]);
    expect(await report(["check", list, "--check-images", ...quiet])).toEqual([
      [2, "backslash-path", "warn", false],
      [3, "backslash-path", "error", true],
      [4, "backslash-path", "warn", false],
      // The empty file named 'images\\d.jpg' is the one opened (there is no images/d.jpg to find).
      [4, "unreadable-image", "error", false],
    ]);

    const out = join(base, "fixed.txt");
    const fixed = await cli(["fix", list, "--out", out, "--check-images", "--rule", "rare-class:off"]);
    expect(readFileSync(out, "utf8")).toBe("images/a.jpg\t1,0\nimages\\b.jpg\t0,1\nimages/c.jpg\t1,0\n");
    expect(fixed.stdout).toContain("4 lines in = 3 rows out + 1 rejected + 0 dropped");
    expect(fixed.stdout).toMatch(/check of the output: 0 errors, 1 warning;/);
  });

  it("says in one line that an image root is not there, or is a file", async () => {
    const r = await cli(["check", `${SAMPLE}/train_list.txt`, "--check-images", "--image-root", "no/such/root"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`labellint: cannot read the image root '${join(ROOT, "no/such/root")}': no such folder (set by --image-root, a dataset's imageRoot or a training config's image_root)\n`);
    // A file as the root: the root is the mistake, not every image of the list.
    const file = await cli(["check", `${SAMPLE}/train_list.txt`, "--check-images", "--image-root", `${SAMPLE}/train_list.txt`]);
    expect(file.code).toBe(2);
    expect(file.stdout).toBe("");
    expect(file.stderr).toBe(`labellint: cannot read the image root '${join(ROOT, SAMPLE, "train_list.txt")}': it is a file, not a folder (set by --image-root, a dataset's imageRoot or a training config's image_root)\n`);
  });

  it("is documented in --help", () => {
    expect(HELP).toMatch(/--check-images/);
    expect(HELP).toMatch(/--image-root DIR[\s\S]*default: the directory of each label file/);
    expect(HELP).toMatch(/--concurrency N/);
    expect(HELP).toMatch(/--allow-images-in DIR +a folder outside the image root whose images may be opened/);
    expect(HELP).toMatch(/--hash-images/);
    expect(HELP).toMatch(/--decode-images +also decode every image fully/);
    expect(HELP).toMatch(/--similar-images +also compare eval images with train images/);
    expect(HELP).toMatch(/--similar-threshold N +hash bits \(of 64\) that may differ between copies \(default 11\)/);
  });
});

describe("labellint fix --check-images", () => {
  it("rejects rows whose image is missing or unreadable, with the reason", async () => {
    const dir = mkdtempSync(join(tmpdir(), "labellint-fix-images-"));
    const out = join(dir, "out.txt");
    const { code, stdout } = await cli(["fix", `${SAMPLE}/train_list.txt`, "--class-names", `${SAMPLE}/label_list.txt`, "--check-images", "--rule", "class-without-positives:off", "--out", out]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/10 lines in = 5 rows out \+ 5 rejected \+ 0 dropped/);
    const rejects = readFileSync(`${out}.rejects.tsv`, "utf8").split("\n").slice(1, -1).map((r) => r.split("\t").slice(0, 2));
    expect(rejects).toEqual([["4", "missing-image"], ["5", "unreadable-image"], ["6", "unreadable-image"], ["7", "unreadable-image"], ["8", "unreadable-image"]]);
    expect(readFileSync(out, "utf8")).toContain("images/0009.jpg\t"); // a wrong extension is a warning: kept
    expect(existsSync(out)).toBe(true);
  });

  it("with --decode-images, also rejects the row whose image cannot be decoded", async () => {
    const dir = mkdtempSync(join(tmpdir(), "labellint-fix-decode-"));
    const out = join(dir, "out.txt");
    const { code, stdout } = await cli(["fix", `${SAMPLE}/eval_list.txt`, "--num-classes", "33", "--decode-images", "--image-root", SAMPLE, "--rule", "class-without-positives:off", "--out", out]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/5 lines in = 4 rows out \+ 1 rejected \+ 0 dropped/);
    const rejects = readFileSync(`${out}.rejects.tsv`, "utf8").split("\n").slice(1, -1).map((r) => r.split("\t").slice(0, 2));
    expect(rejects).toEqual([["4", "unreadable-image"]]);
  });
});

describe("image progress", () => {
  afterEach(() => vi.useRealTimers());

  it("draws files checked of the rows to check, throttled", () => {
    vi.useFakeTimers();
    const written: string[] = [];
    const io: CliIo = { stdout: { write: () => true }, stderr: { write: (s: string) => written.push(s), isTTY: true, columns: 120 }, env: {}, cwd: "/" };
    const bar = Progress.create(io, "train.txt images", 1000)!;
    vi.advanceTimersByTime(500);
    bar.updateCount(250, 1000);
    bar.updateCount(251, 1000); // throttled
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\rtrain\.txt images .* 25% 250\/1,000 files {2}\d+ files\/s {2}ETA \d+s/);
    bar.done();
    expect(written.at(-1)).toBe("\r\u001b[K");
  });

  it("is started for the image phase on a terminal", async () => {
    const written: string[] = [];
    const io: CliIo = { stdout: { write: () => true }, stderr: { write: (s: string) => written.push(s), isTTY: true, columns: 120 }, env: {}, cwd: ROOT };
    const spy = vi.spyOn(Progress, "create");
    await lintFiles([`${SAMPLE}/train_list.txt`], [undefined], { checkImages: true, numClasses: 33 }, io);
    expect(spy.mock.calls.map((c) => [c[1], c[2]])).toEqual([[`${SAMPLE}/train_list.txt images`, 10]]);
    spy.mockRestore();
  });
});

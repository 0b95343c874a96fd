import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, ROOT } from "../shared.js";
import { runCli, type Captured } from "../cli-harness.js";


const cli = (...argv: string[]): Promise<Captured> => runCli(argv);

function tempFile(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), "labellint-cli-"));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const SAMPLE = ["fixtures/nus-wide-scene/train_list.txt", "fixtures/nus-wide-scene/eval_list.txt", "--class-names", "fixtures/nus-wide-scene/label_list.txt"];

describe("labellint check", () => {
  it("exits 0 on the bundled sample and prints the shape verdict of each file", async () => {
    const { code, stdout, stderr } = await cli("check", ...SAMPLE);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("shape [1,200, 33] binary ✓");
    expect(stdout).toContain("shape [300, 33] binary ✓");
    expect(stdout).toContain("classes 33 (33 names in the class-name list)");
    expect(stdout).toMatch(/0 errors/);
  });

  it("exits 1 on the defects sample, with file:line:col, quoted line and caret", async () => {
    const { code, stdout } = await cli("check", "fixtures/defects/train_list.txt", "--class-names", "fixtures/defects/label_list.txt");
    expect(code).toBe(1);
    expect(stdout).toMatch(/fixtures\/defects\/train_list\.txt:5:1 +error +blank line/);
    expect(stdout).toMatch(/:10:\d+ +error +no TAB between the image path and the labels/);
    expect(stdout).toMatch(/:30:\d+ +error +row lists class indices \(3, 17\)/);
    expect(stdout).toMatch(/\n +15 \| .*,\n +\| +\^\n/);
    expect(stdout).toContain("problems by rule:");
    expect(stdout).toMatch(/shape \[121, 33\] ✗/);
    expect(stdout).toMatch(/have a safe fix/);
  });

  it("judges an index list in PaddleClas's syntax under a PaddleClas id-name class list as PaddleClas reads it", async () => {
    // PaddleClas's MultiLabelDataset reads `6,24` as two 0/1 values (ppcls/data/dataloader/multilabel_dataset.py: np.int64 of each comma field).
    const dir = mkdtempSync(join(tmpdir(), "labellint-cli-"));
    const list = join(dir, "train_list.txt");
    writeFileSync(list, Array.from({ length: 40 }, (_, i) => `img${i}.jpg\t${i % 33},${(i * 7 + 3) % 33}\n`).join(""));
    writeFileSync(join(dir, "label_list.txt"), Array.from({ length: 33 }, (_, i) => `${i} class${i}\n`).join(""));
    writeFileSync(join(dir, "names.txt"), Array.from({ length: 33 }, (_, i) => `class${i}\n`).join(""));
    const judged = await cli("check", list, "--class-names", join(dir, "label_list.txt"));
    expect(judged.code).toBe(1);
    expect(judged.stdout).toContain("format paddleclas (auto: 40 of 40 sampled lines list class indices as path<TAB>i1,i2");
    expect(judged.stdout).toMatch(/error +rows list class indices, not 33 0\/1 values \(40 of 40 rows/);
    // The reader's choice stays the user's; a plain name list says nothing of the reader; stats describes the data.
    expect((await cli("check", list, "--class-names", join(dir, "label_list.txt"), "--format", "indices", "--rule", "rare-class:off")).code).toBe(0);
    expect((await cli("check", list, "--class-names", join(dir, "names.txt"), "--rule", "rare-class:off")).stdout).toContain("format indices (auto:");
    expect((await cli("stats", list, "--class-names", join(dir, "label_list.txt"))).stdout).toContain("format indices (auto:");
    // fix reads it as check does: the unsafe fix makes the rows multi-hot.
    const out = join(dir, "fixed.txt");
    const fixed = await cli("fix", list, "--class-names", join(dir, "label_list.txt"), "--unsafe-fixes", "--out", out);
    expect(fixed.code).toBe(0);
    expect(readFileSync(out, "utf8").split("\n")[0]).toBe(`img0.jpg\t1,0,0,1${",0".repeat(29)}`);
  });

  it("says when a file checked as a train list for want of a role is named as an eval list, and which --split checks it as one", async () => {
    const both = await cli("check", ...SAMPLE);
    expect(both.stdout).toContain("fixtures/nus-wide-scene/eval_list.txt was checked as a train list (no role given): --split train,eval checks it as eval, against the train list for images in both (split leakage)");
    // Given roles, from --split or the training config, there is nothing to say; nor in a machine format.
    expect((await cli("check", ...SAMPLE, "--split", "train,eval")).stdout).not.toContain("checked as a train list");
    expect((await cli("check", "--ppcls-config", "fixtures/nus-wide-scene/ppcls_config.yaml")).stdout).not.toContain("checked as a train list");
    expect((await cli("check", ...SAMPLE, "--reporter", "json")).stdout).not.toContain("checked as a train list");
    // One eval list alone: its classes without positives are then warnings, not errors.
    const alone = await cli("check", "fixtures/nus-wide-scene/eval_list.txt", "--class-names", "fixtures/nus-wide-scene/label_list.txt");
    expect(alone.stdout).toContain("eval_list.txt was checked as a train list (no role given): --split eval checks it as eval\n");
    expect((await cli("check", "fixtures/nus-wide-scene/train_list.txt", "--class-names", "fixtures/nus-wide-scene/label_list.txt")).stdout).not.toContain("checked as a train list");
  });

  it("says when the listed images were not looked up, and not when they were", async () => {
    const unchecked = await cli("check", ...SAMPLE);
    expect(unchecked.stdout).toContain("images were not looked up: add --check-images");
    const images = ["fixtures/images-sample/train_list.txt", "--class-names", "fixtures/images-sample/label_list.txt"];
    const checked = await cli("check", ...images, "--check-images");
    expect(checked.stdout).toContain("missing-image");
    expect(checked.stdout).not.toContain("images were not looked up");
    // Machine formats carry no such line.
    expect((await cli("check", ...SAMPLE, "--reporter", "json")).stdout).not.toContain("not looked up");
  });

  it("--consumer hashnet or deephash names the ImageList that reads a spaced list: an absolute path is then looked for only where that one opens it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "labellint-cli-"));
    writeFileSync(join(dir, "a.jpg"), readFileSync(fixture("fix", "rejects-unreadable-image", "images", "a.jpg")));
    // As written the path is missing; appended to the image root (DeepHash-pytorch's data_path + path) it is a.jpg.
    writeFileSync(join(dir, "list.txt"), "/a.jpg 0 1 1\n");
    const run = (...more: string[]) => cli("check", join(dir, "list.txt"), "--check-images", "--image-root", dir, "--num-classes", "3", "--rule", "class-without-positives:off", ...more);
    const either = await run();
    expect(either.code).toBe(1);
    expect(either.stdout).toContain("image '/a.jpg' does not exist where HashNet opens it (as written), only where DeepHash-pytorch does (appended to the image root; --consumer hashnet or --consumer deephash names the reader)");
    const hashnet = await run("--consumer", "hashnet");
    expect(hashnet.code).toBe(1);
    expect(hashnet.stdout).toContain("read as HashNet's ImageList reads it (given with --consumer hashnet: HashNet opens an image path as written)");
    expect(hashnet.stdout).toContain("image '/a.jpg' does not exist where the path points");
    // The absolute path's warning says what the named reader does with it, not what both do.
    expect(hashnet.stdout).toContain("image path '/a.jpg' is absolute: HashNet opens it where it points: the list works only on a machine where that file exists");
    expect(either.stdout).toContain("image path '/a.jpg' is absolute: HashNet opens it where it points and DeepHash-pytorch appends it to its data_path");
    const deephash = await run("--consumer", "deephash-pytorch");
    expect(deephash.stdout).not.toContain("missing-image");
    expect(deephash.stdout).toContain("read as DeepHash-pytorch's ImageList reads it (given with --consumer deephash: DeepHash-pytorch appends an image path to its data_path)");
    expect(deephash.stdout).toContain("image path '/a.jpg' is absolute: DeepHash-pytorch appends it to its data_path (data_path + path): it is looked up under the image root, not where it points");
    // A machine report names the reader beside the consumer; unnamed, there is no such member.
    const json = (out: string) => JSON.parse(out) as { files: { consumer: string; imagelistReader?: string }[] };
    expect(json((await run("--consumer", "hashnet", "--reporter", "json")).stdout).files[0]).toMatchObject({ consumer: "imagelist", imagelistReader: "hashnet" });
    expect(json((await run("--reporter", "json")).stdout).files[0]).not.toHaveProperty("imagelistReader");
  });

  it("--consumer hashnet looks images up from the working directory by default, as HashNet opens a path as written (its own lists: ./data/<set>/images/…)", async () => {
    // HashNet's layout: data/nuswide_81/test.txt lists ./data/nuswide_81/images/…, opened from the directory train.py runs in.
    const dir = mkdtempSync(join(tmpdir(), "labellint-cli-"));
    mkdirSync(join(dir, "data", "set", "images"), { recursive: true });
    writeFileSync(join(dir, "data", "set", "images", "a.jpg"), readFileSync(fixture("fix", "rejects-unreadable-image", "images", "a.jpg")));
    writeFileSync(join(dir, "data", "set", "test.txt"), "./data/set/images/a.jpg 0 1 1\n");
    // The built command line in its own process, run from HashNet's root: the working directory is the process's.
    const cliIn = (...argv: string[]) => {
      const child = spawnSync(process.execPath, [join(ROOT, "dist", "cli", "bin.js"), ...argv], { cwd: dir, encoding: "utf8" });
      return { code: child.status, stdout: child.stdout };
    };
    const run = (...more: string[]) => cliIn("check", join("data", "set", "test.txt"), "--check-images", "--num-classes", "3", "--rule", "class-without-positives:off", "--rule", "rare-class:off", ...more);
    const hashnet = run("--consumer", "hashnet");
    expect(hashnet.code).toBe(0);
    // The report says where images were looked up (text and json); without --check-images it says nothing of it.
    expect(hashnet.stdout).toContain(`  images looked up under ${dir}\n`);
    expect((JSON.parse(run("--consumer", "hashnet", "--reporter", "json").stdout) as { files: { imageRoot?: string }[] }).files[0]!.imageRoot).toBe(dir);
    const unchecked = cliIn("check", join("data", "set", "test.txt"), "--num-classes", "3", "--consumer", "hashnet", "--reporter", "json");
    expect((JSON.parse(unchecked.stdout) as { files: object[] }).files[0]).not.toHaveProperty("imageRoot");
    // Other readers join a path to the image root, by default the list's own directory, where it is not.
    const deephash = run("--consumer", "deephash");
    expect(deephash.code).toBe(1);
    expect(deephash.stdout).toContain("missing-image");
    expect(run("--consumer", "deephash", "--image-root", ".").code).toBe(0);
  });

  it("refuses -o KEY=VALUE, PaddleClas's override syntax, instead of writing the report into a file of that name", async () => {
    const dir = mkdtempSync(join(tmpdir(), "labellint-cli-"));
    for (const argv of [
      ["check", ...SAMPLE, "-o", "Arch.class_num=33"],
      ["check", ...SAMPLE, "--output", "DataLoader.Train.sampler.batch_size=64"],
      ["fix", ...SAMPLE, "-o", "Global.epochs=5"],
    ]) {
      const { code, stdout, stderr } = await runCli(argv, { cwd: dir });
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toMatch(/looks like a PaddleClas override \(tools\/train\.py -o KEY=VALUE\), but it names the file to write: give the override with --ppcls-override /);
    }
    expect(readdirSync(dir)).toEqual([]);
    // A path that says it is one is written.
    const sample = SAMPLE.map((arg) => (arg.startsWith("fixtures/") ? join(ROOT, arg) : arg));
    expect((await runCli(["check", ...sample, "-o", "./Arch.class_num=33"], { cwd: dir })).code).not.toBe(2);
    expect(readdirSync(dir)).toEqual(["Arch.class_num=33"]);
  });

  it("fails on warnings beyond --max-warnings and says so", async () => {
    const { code, stdout } = await cli("check", ...SAMPLE, "--max-warnings", "3");
    expect(code).toBe(1);
    expect(stdout).toContain("too many warnings");
    expect((await cli("check", ...SAMPLE, "--max-warnings", "100")).code).toBe(0);
  });

  it("takes --rule NAME:SEVERITY by name or code", async () => {
    const off = await cli("check", ...SAMPLE, "--rule", "empty-labelset:off", "--rule", "LL307:off");
    expect(off.stdout).toContain("no problems");
    const error = await cli("check", ...SAMPLE, "--rule", "rare-class:error");
    expect(error.code).toBe(1);
  });

  it("lists and counts errors only with --quiet", async () => {
    const { stdout } = await cli("check", "fixtures/defects/train_list.txt", "--num-classes", "33", "--quiet");
    expect(stdout).not.toMatch(/ warn  /);
    // The totals are of errors: a warning rule is not among them.
    expect(stdout).toMatch(/^ +\d+ +conflicting-duplicate/m);
    expect(stdout).not.toMatch(/^ +\d+ +rare-class/m);
    expect(stdout).toMatch(/\(\d+ errors, 0 warnings\)/);
  });

  it("caps listings per rule but keeps exact counts", async () => {
    const path = tempFile("many.txt", Array.from({ length: 50 }, (_, i) => `img${i}.jpg\t0,0,${i % 2}`).join("\n") + "\n");
    const { stdout } = await cli("check", path, "--max-problems-per-rule", "3");
    expect(stdout.match(/empty-labelset$/gm)?.length ?? stdout.match(/ empty-labelset\b/g)?.length).toBeGreaterThan(0);
    expect(stdout).toMatch(/ 25 +empty-labelset/);
    // Grouped (the default), the unlisted ones are in the group's count.
    expect(stdout).toContain("empty-labelset on 25 lines");
    expect(stdout).toContain("lines 1, 3, 5 and 22 more (--no-group lists the first 3; --max-problems-per-rule N lists up to N)");
    const flat = await cli("check", path, "--max-problems-per-rule", "3", "--no-group");
    expect(flat.stdout).toMatch(/ 25 +empty-labelset/);
    expect(flat.stdout).toMatch(/22 more problems not listed/);
  });

  it("lists 1,000 findings about single classes per rule in a json report (one per class at a large C), every line finding, and exact counts; --max-problems-per-rule decides instead when given", async () => {
    // C = 2,500 with 40 rows of 2 indices: ~2,420 classes without positives, 40 rows' rare classes.
    const rows = Array.from({ length: 40 }, (_, i) => `img${i}.jpg\t${i},${i + 40}`);
    const path = tempFile("wide.txt", `${rows.join("\n")}\nbad.jpg\t3,3\n`);
    const report = async (...extra: string[]) => {
      const { stdout } = await cli("check", path, "--format", "indices", "--num-classes", "2500", "--reporter", "json", ...extra);
      const file = (JSON.parse(stdout) as { files: { problems: { rule: string; line?: number }[]; counts: Record<string, number>; omitted: number }[] }).files[0]!;
      const listed = (rule: string) => file.problems.filter((p) => p.rule === rule).length;
      return { file, listed };
    };
    const byDefault = await report();
    const without = byDefault.file.counts["class-without-positives"]!;
    expect(without).toBeGreaterThan(2400);
    expect(byDefault.listed("class-without-positives")).toBe(1000);
    expect(byDefault.file.omitted).toBe(without - 1000);
    // A line finding is listed whatever the class cap.
    expect(byDefault.file.problems.some((p) => p.line === 41)).toBe(true);
    const all = await report("--max-problems-per-rule", "5000");
    expect(all.listed("class-without-positives")).toBe(without);
    expect(all.file.counts).toEqual(byDefault.file.counts);
    expect((await report("--max-problems-per-rule", "10")).listed("class-without-positives")).toBe(10);
  });

  it("shows control characters of a path in an error message as escapes", async () => {
    const { code, stderr } = await cli("check", "no-such\u001b]0;x\u0007\u202e.txt");
    expect(code).toBe(2);
    expect(stderr).not.toMatch(/[\u0007\u001b\u202e]/);
    expect(stderr).toContain("no-such\\x1b]0;x\\x07\\u202e.txt");
  });

  it("lists every finding of a repeated rule with --no-group", async () => {
    const path = tempFile("empty.txt", Array.from({ length: 12 }, (_, i) => `img${i}.jpg\t${i === 0 ? "1,0" : "0,0"}`).join("\n") + "\n");
    const grouped = await cli("check", path);
    expect(grouped.stdout).toContain("empty-labelset on 11 lines (LL301); the first:");
    expect(grouped.stdout.match(/empty\.txt:\d+:\d+ +warn/g)).toHaveLength(1);
    const flat = await cli("check", path, "--no-group");
    expect(flat.stdout).not.toContain("empty-labelset on");
    expect(flat.stdout.match(/empty\.txt:\d+:\d+ +warn +row has no positive label/g)).toHaveLength(11);
    expect(flat.code).toBe(grouped.code);
  });

  it("writes the json report to --output and nothing to stdout", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "labellint-out-")), "report.json");
    const { code, stdout } = await cli("check", "fixtures/defects/train_list.txt", "--reporter", "json", "--output", out);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    const report = JSON.parse(readFileSync(out, "utf8")) as { files: { counts: Record<string, number>; problems: unknown[] }[] };
    expect(report.files[0]!.counts["blank-line"]).toBe(1);
  });

  it.each([
    [["check"], /no input files/],
    [["check", "does-not-exist.txt"], /cannot read 'does-not-exist.txt': no such file/],
    [["check", "fixtures"], /cannot read 'fixtures': it is a directory/],
    [["check", ...SAMPLE, "--rule", "no-such-rule:off"], /unknown rule 'no-such-rule'/],
    [["check", ...SAMPLE, "--rule", "empty-labelst:off"], /did you mean 'empty-labelset'/],
    [["check", ...SAMPLE, "--rule", "empty-labelset"], /NAME:SEVERITY/],
    [["check", ...SAMPLE, "--num-classes", "abc"], /--num-classes must be an integer/],
    [["check", ...SAMPLE, "--format", "xml"], /--format must be one of auto, paddleclas, spaced/],
    [["check", ...SAMPLE, "--reporter", "xml"], /--reporter must be one of text, json, .*sarif, github, junit, gitlab, got 'xml'/],
    [["check", ...SAMPLE, "--ppcls-config", "x.yaml"], /cannot read 'x.yaml'/],
    [["check", ...SAMPLE, "--bogus"], /unknown option '--bogus' \(labellint --help/],
    [["check", ...SAMPLE, "--formt", "paddleclas"], /unknown option '--formt'; did you mean --format\?/],
    [["check", ...SAMPLE, "--num-class", "33"], /unknown option '--num-class'; did you mean --num-classes\?/],
    [["apply", "plan.json", "--outt", "o.txt"], /unknown option '--outt'; did you mean --out\?/],
    [["rules", "--reportr", "json"], /unknown option '--reportr'; did you mean --reporter\?/],
    [["fix", "train.txt", "--out", "o.txt", "--unsafe"], /unknown option '--unsafe'; did you mean --unsafe-fixes\?/],
    [["check", "fixtures/nus-wide-scene/train_list.txt", "--class-names", "README.md", "--num-classes", "33"], /README\.md: class name '.*' is given to classes \d+ and \d+/],
    [["check", "fixtures/nus-wide-scene/train_list.txt", "--class-names", "fixtures/formats/label_list.txt", "--num-classes", "33"], /class-name list has \d+ names/],
    [["frobnicate"], /unknown command 'frobnicate'/],
  ])("exits 2 with one clear line for %j", async (argv, pattern) => {
    const { code, stderr, stdout } = await cli(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(pattern);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("prints help and the version", async () => {
    expect((await cli("--help")).stdout).toContain("labellint check");
    expect((await cli("--version")).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect((await cli()).code).toBe(2);
  });
});

describe("'-' as an output", () => {
  it("is standard output for a report, and refused for a file a command writes whole (no file named '-')", async () => {
    const dir = mkdtempSync(join(tmpdir(), "labellint-dash-"));
    const list = join(dir, "train.txt");
    writeFileSync(list, "a.jpg\t1,0\nb.jpg\t0,1\nc.jpg\t1,1.0\n");
    const report = await runCli(["check", list, "--reporter", "json", "--output", "-", "--rule", "rare-class:off"], { cwd: dir });
    expect((JSON.parse(report.stdout) as { files: unknown[] }).files).toHaveLength(1);
    const stats = await runCli(["stats", list, "--output", "-"], { cwd: dir });
    expect(stats.stdout).toContain("train.txt");
    for (const [argv, flag] of [
      [["fix", list, "--out", "-"], "--out names a file"],
      [["fix", list, "--out", "o.txt", "--plan", "-"], "--plan names a file"],
      [["fix", list, "--out", "o.txt", "--rejects", "-"], "--rejects names a file"],
      [["convert", list, "--to", "csv", "--out", "-"], "--out names a file"],
      [["apply", "plan.json", "--out", "-"], "--out names a file"],
      [["split", list, "--ratio", "0.5,0.5", "--out-dir", "-"], "--out-dir names a folder"],
      [["init", list, "--output", "-"], "--output names a file"],
      [["check", list, "--shard", "0/2", "--partial", "-"], "--partial names a file"],
    ] as const) {
      const r = await runCli([...argv], { cwd: dir });
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stderr).toContain(flag);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
    expect(readdirSync(dir)).toEqual(["train.txt"]);
  });
});

describe("--output never overwrites an input", () => {
  it("refuses a report file that is a list, a class list or a link to one, for check, stats, split and diff", async () => {
    const dir = mkdtempSync(join(tmpdir(), "labellint-output-"));
    const list = join(dir, "train.txt");
    const other = join(dir, "eval.txt");
    const names = join(dir, "names.txt");
    const text = "a.jpg\t1,0\nb.jpg\t0,1\nc.jpg\t1,1\nd.jpg\t0,1\n";
    writeFileSync(list, text);
    writeFileSync(other, text);
    writeFileSync(names, "x\ny\n");
    symlinkSync(list, join(dir, "link.txt"));
    const runs = [
      [["check", list, "--output", list], `--output '${list}' is the input '${list}'`],
      [["check", list, "--class-names", names, "--output", names], `--output '${names}' is the input '${names}'`],
      [["stats", list, "--output", join(dir, "link.txt")], `--output '${join(dir, "link.txt")}' is the input '${list}'`],
      [["split", list, "--ratio", "0.5,0.5", "--out-dir", join(dir, "out"), "--output", list], `--output '${list}' is the input '${list}'`],
      [["diff", list, other, "--output", other], `--output '${other}' is the input '${other}'`],
    ] as const;
    for (const [argv, message] of runs) {
      const r = await cli(...argv, "--no-config");
      expect([r.code, r.stderr]).toEqual([2, `labellint: ${message}: the report would overwrite it\n`]);
    }
    for (const file of [list, other]) expect(readFileSync(file, "utf8")).toBe(text);
    expect(readFileSync(names, "utf8")).toBe("x\ny\n");
    // A report file that is not an input is written as before.
    const fine = await cli("check", list, "--no-config", "--output", join(dir, "report.txt"));
    expect(fine.code).not.toBe(2);
    expect(readFileSync(join(dir, "report.txt"), "utf8")).toContain("train.txt");
  });
});

describe("labellint rules", () => {
  it("lists every rule as text and as json", async () => {
    const text = await cli("rules");
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^LL004\s+blank-line\s+error\s+line\s+safe/m);
    const json = JSON.parse((await cli("rules", "--reporter", "json")).stdout) as { code: string; docs: string }[];
    expect(json.find((r) => r.code === "LL203")?.docs).toBe("docs/rules/signed-encoding.md");
  });
});

export { fixture };

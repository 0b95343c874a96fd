/**
 * Sharded checks: `check --shard I/N --partial OUT` for every shard, then
 * `merge`, must print exactly what one `check` prints — json and text, for
 * train/eval runs — on files whose duplicates, conflicts, leaks and defects
 * sit on both sides of every range boundary; a missing, doubled, stale or
 * foreign partial is refused with exit 2 and one line.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli-harness.js";
import { parseShard } from "../../src/shards/shard.js";
import { LabellintError } from "../../src/errors.js";
import { fixture, HAS_SHARED, realFile, sharedTitle } from "../shared.js";
import { C, makeList, scratchDir } from "./lists.js";

const { dir, write } = scratchDir("labellint-shards-");

/** The partials of every shard of `args`, by running check once per shard. */
async function shards(args: string[], count: number, tag: string): Promise<string[]> {
  const partials: string[] = [];
  for (let i = 0; i < count; i++) {
    const out = join(dir, `${tag}-${i}-of-${count}.json`);
    const r = await runCli(["check", ...args, "--shard", `${i}/${count}`, "--partial", out], { cwd: dir });
    expect(r.stderr).toContain(`shard ${i} of ${count}`);
    expect(r.code, r.stderr).toBe(0);
    partials.push(out);
  }
  return partials;
}

/** One check, and the merge of `count` shards, with the same reporter arguments: same output, same exit code. */
async function expectSame(args: string[], count: number, tag: string, report: string[] = ["--reporter", "json"]): Promise<void> {
  const one = await runCli(["check", ...args, ...report], { cwd: dir });
  expect(one.code, one.stderr).not.toBe(2);
  const partials = await shards(args, count, tag);
  // Any order of the partials: the shard index says where each goes.
  const merged = await runCli(["merge", ...[...partials].reverse(), ...report], { cwd: dir });
  expect(merged.stderr).toBe("");
  expect(merged.stdout).toBe(one.stdout);
  expect(merged.code).toBe(one.code);
}

const COUNTS = [1, 2, 3, 7];

describe("merge of every shard is one check, byte for byte", () => {
  for (const style of ["paddleclas", "spaced"] as const) {
    for (const count of COUNTS) {
      it(`${style}, N = ${count}: json and text`, async () => {
        const path = write(`${style}.txt`, makeList(style, 700, 7));
        await expectSame([path, "--num-classes", String(C)], count, `${style}-json`);
        await expectSame([path, "--num-classes", String(C)], count, `${style}-text`, []);
      });
    }
    it(`${style}: train and eval, leaks across shards`, async () => {
      const train = write(`${style}-train.txt`, makeList(style, 600, 11));
      // The eval list names some of train's images (in every range of it) and some of its own.
      const evalText = makeList(style, 300, 13, { prefix: "img" }).split("\n").map((l, i) => (i % 2 === 0 ? l.replace(/img\/(\d+)/, (_, n: string) => `img/${String(Number(n) * 2).padStart(5, "0")}`) : l.replace("img/", "eval/"))).join("\n");
      const evalPath = write(`${style}-eval.txt`, evalText);
      for (const count of COUNTS) {
        await expectSame([train, evalPath, "--split", "train,eval", "--num-classes", String(C)], count, `${style}-split-${count}`);
      }
      const one = await runCli(["check", train, evalPath, "--split", "train,eval", "--num-classes", String(C), "--reporter", "json"], { cwd: dir });
      const leaks = (JSON.parse(one.stdout) as { files: { problems: { rule: string }[] }[] }).files[1]!.problems.filter((p) => p.rule === "split-leakage");
      expect(leaks.length).toBeGreaterThan(10);
    });
  }

  it("a join in buckets (a small --memory-limit) finds the same duplicates and leaks", async () => {
    const train = write("bucket-train.txt", makeList("paddleclas", 2000, 41));
    const evalPath = write("bucket-eval.txt", makeList("paddleclas", 600, 43));
    const args = [train, evalPath, "--split", "train,eval", "--num-classes", String(C)];
    const one = await runCli(["check", ...args, "--reporter", "json"], { cwd: dir });
    const partials = await shards(args, 3, "bucket");
    // 2,600 records at 48 bytes in 16 KiB: 8 buckets.
    const merged = await runCli(["merge", ...partials, "--reporter", "json", "--memory-limit", "16K"], { cwd: dir });
    expect(merged.stderr).toBe("");
    expect(merged.stdout).toBe(one.stdout);
    const report = JSON.parse(one.stdout) as { files: { problems: { rule: string }[] }[] };
    expect(report.files[0]!.problems.filter((p) => p.rule === "duplicate-path" || p.rule === "conflicting-duplicate").length).toBeGreaterThan(20);
    expect(report.files[1]!.problems.filter((p) => p.rule === "split-leakage").length).toBeGreaterThan(100);
  });

  it("a BOM, a header, CRLF line ends and no final newline", async () => {
    const path = write("odd.txt", makeList("paddleclas", 400, 17, { bom: true, header: true, crlf: true, finalNewline: false }));
    for (const count of COUNTS) await expectSame([path, "--num-classes", String(C)], count, `odd-${count}`);
  });

  it("the class count inferred, the format sniffed, and a listing cap met in several shards", async () => {
    const path = write("sniffed.txt", makeList("spaced", 900, 19));
    for (const count of [2, 7]) {
      await expectSame([path], count, `sniffed-${count}`);
      await expectSame([path, "--max-problems-per-rule", "3"], count, `capped-${count}`, ["--reporter", "json"]);
      await expectSame([path], count, `capped-text-${count}`, []);
    }
  });

  it("image checks by the shard that owns the row: missing, damaged, duplicated and leaked images, orphans", async () => {
    const sample = fixture("images-sample");
    const lists = [join(sample, "train_list.txt"), join(sample, "eval_list.txt")];
    const common = [...lists, "--split", "train,eval", "--num-classes", "33", "--image-root", sample];
    for (const count of [1, 2, 3]) {
      await expectSame([...common, "--check-images"], count, `images-${count}`);
      await expectSame([...common, "--hash-images"], count, `hashes-${count}`, []);
    }
    // Decoding, sizes in the statistics and near-duplicates across splits.
    await expectSame([...common, "--similar-images"], 2, "similar");
    const one = await runCli(["check", ...common, "--similar-images", "--reporter", "json"], { cwd: dir });
    const rules = new Set((JSON.parse(one.stdout) as { files: { problems: { rule: string }[] }[] }).files.flatMap((f) => f.problems.map((p) => p.rule)));
    for (const rule of ["missing-image", "unreadable-image", "orphan-image", "near-duplicate-leakage"]) expect(rules).toContain(rule);
  });

  it("the github reporter appends the step summary check appends", async () => {
    const path = write("summary.txt", makeList("paddleclas", 200, 47));
    const args = [path, "--num-classes", String(C)];
    const partials = await shards(args, 2, "summary");
    const summaries = [join(dir, "check-summary.md"), join(dir, "merge-summary.md")];
    const one = await runCli(["check", ...args, "--reporter", "github"], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summaries[0] } });
    const merged = await runCli(["merge", ...partials, "--reporter", "github"], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summaries[1] } });
    expect(merged.stdout).toBe(one.stdout);
    expect(readFileSync(summaries[1]!, "utf8")).toBe(readFileSync(summaries[0]!, "utf8"));
    expect(readFileSync(summaries[0]!, "utf8")).toContain("labellint");
  });

  it("more shards than lines, and an empty file", async () => {
    const small = write("small.txt", "a.jpg\t1,0,0\nb.jpg\t0,1,0\na.jpg\t1,0,0\n");
    await expectSame([small], 7, "small");
    const empty = write("empty.txt", "");
    await expectSame([empty, "--num-classes", "3"], 3, "empty");
  });

  it.skipIf(!HAS_SHARED)(sharedTitle("real lists (HashNet's NUS-WIDE 81 test list; DeepHash's MIRFLICKR-25K) in 3 and 7 shards"), async () => {
    for (const name of ["hashnet_nuswide81_test.txt", "deephash_mirflickr25k_test.txt"]) {
      for (const count of [3, 7]) await expectSame([realFile(name)], count, `${name}-${count}`);
    }
    // Read as the wrong format: one file-level finding, counts exact.
    await expectSame([realFile("hashnet_nuswide81_test.txt"), "--format", "paddleclas", "--num-classes", "81"], 3, "wrong-format", []);
  });
});

describe("merge refuses what it cannot merge exactly", () => {
  const refusal = async (args: string[], pattern: RegExp) => {
    const r = await runCli(["merge", ...args], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  };

  it("a missing shard, a doubled one, shards of two runs, other settings", async () => {
    const path = write("refuse.txt", makeList("paddleclas", 300, 23));
    const three = await shards([path, "--num-classes", String(C)], 3, "refuse");
    await refusal([three[0]!, three[2]!], /shard 1 of 3 is missing/);
    await refusal([three[0]!, three[1]!, three[1]!, three[2]!], /shard 1 of 3 is given twice/);
    const two = await shards([path, "--num-classes", String(C)], 2, "refuse-two");
    await refusal([three[0]!, three[1]!, two[1]!], /shard 1 of 2, .* of 3: the partials come from different runs/);
    const other = await shards([path, "--num-classes", "7"], 3, "refuse-other");
    await refusal([three[0]!, other[1]!, three[2]!], /other settings .*numClasses 6 vs 7/);
  });

  it("a file changed since its shards ran (a new modification time alone is not a change)", async () => {
    const text = makeList("paddleclas", 300, 29);
    const path = write("stale.txt", text);
    const partials = await shards([path, "--num-classes", String(C)], 2, "stale");
    // A fresh checkout: other times, the same bytes — merged as they are.
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    expect((await runCli(["merge", ...partials], { cwd: dir })).code).toBe(1);
    // One byte changed in the second range, the size kept.
    const at = text.lastIndexOf("\t0,");
    writeFileSync(path, `${text.slice(0, at)}\t1,${text.slice(at + 3)}`);
    utimesSync(path, new Date(), new Date(Date.now() + 9000));
    await refusal(partials, /stale.txt has changed since its shards ran \(bytes \d+–\d+, shard 1's range/);
    writeFileSync(path, `${text}x.jpg\t1,0,0,0,0,0\n`);
    await refusal(partials, /stale.txt has changed since its shards ran \(\d+ bytes then, \d+ now\)/);
  });

  it("shards that read the file at other modification times (each machine fetched it) merge when the bytes agree", async () => {
    const text = makeList("paddleclas", 300, 37);
    const path = write("fetched.txt", text);
    const one = await runCli(["check", path, "--num-classes", String(C), "--reporter", "json"], { cwd: dir });
    const partials: string[] = [];
    for (let i = 0; i < 3; i++) {
      // As a job array whose tasks each download the list: same bytes, each its own time.
      utimesSync(path, new Date(), new Date(Date.now() + 1000 * (i + 1)));
      partials.push(...(await shards([path, "--num-classes", String(C)], 3, `fetched-${i}`)).slice(i, i + 1));
    }
    const merged = await runCli(["merge", ...partials, "--reporter", "json"], { cwd: dir });
    expect(merged.stderr).toBe("");
    expect(merged.stdout).toBe(one.stdout);
    // The list changed after (same size, a byte of the first range): that range's hash refuses it.
    const at = text.indexOf("\t0,");
    writeFileSync(path, `${text.slice(0, at)}\t1,${text.slice(at + 3)}`);
    utimesSync(path, new Date(), new Date(Date.now() + 9000));
    await refusal(partials, /fetched.txt has changed since its shards ran \(bytes 0–\d+, shard 0's range/);
    // A shard run on the new bytes merges with shards whose ranges did not change.
    const again = await shards([path, "--num-classes", String(C)], 3, "fetched-new");
    const oneNew = await runCli(["check", path, "--num-classes", String(C), "--reporter", "json"], { cwd: dir });
    const mixed = await runCli(["merge", again[0]!, partials[1]!, partials[2]!, "--reporter", "json"], { cwd: dir });
    expect(mixed.stderr).toBe("");
    expect(mixed.stdout).toBe(oneNew.stdout);
  });

  it("a shard that read the file before its head changed (its own range the same) is refused", async () => {
    // 300 rows of 6 classes; then the first two thirds rewritten to 7 classes at the same byte length.
    const row = (i: number, width: number) => `img/${String(i).padStart(width === 6 ? 5 : 3, "0")}.jpg\t${Array.from({ length: width }, (_, c) => ((i + c) % 3 === 0 ? 1 : 0)).join(",")}\n`;
    const old = Array.from({ length: 300 }, (_, i) => row(i % 900, 6)).join("");
    const path = write("head.txt", old);
    const before = await shards([path], 3, "head-old");
    const changed = Array.from({ length: 300 }, (_, i) => row(i % 900, i < 200 ? 7 : 6)).join("");
    expect(changed.length).toBe(old.length);
    writeFileSync(path, changed);
    utimesSync(path, new Date(), new Date(Date.now() + 9000));
    const after = await shards([path], 3, "head-new");
    await refusal([after[0]!, after[1]!, before[2]!], /head.txt: shard 2 counted 6 classes, shard 0 7: the shards read different heads of the file/);
  });

  it("a partial edited by hand: a shard past the count, another list of files", async () => {
    const path = write("edited.txt", makeList("paddleclas", 120, 43));
    const partials = await shards([path, "--num-classes", String(C)], 2, "edited");
    const original = readFileSync(partials[1]!, "utf8");
    const edit = (change: (p: { shard: { index: number }; files: unknown[] }) => void) => {
      const p = JSON.parse(original) as { shard: { index: number }; files: unknown[] };
      change(p);
      writeFileSync(partials[1]!, JSON.stringify(p));
    };
    edit((p) => (p.shard.index = 5));
    await refusal(partials, /says it is shard 5 of 2, past the last \(1\)/);
    edit((p) => (p.files = []));
    await refusal(partials, /holds 0 files for 1 checked/);
    edit((p) => (p.files = [p.files[0], p.files[0]]));
    await refusal(partials, /holds 2 files for 1 checked/);
    writeFileSync(partials[1]!, original);
    expect((await runCli(["merge", ...partials], { cwd: dir })).code).toBe(1);
  });

  it("a partial without its key records, or with others", async () => {
    const path = write("keys.txt", makeList("paddleclas", 300, 31));
    const partials = await shards([path, "--num-classes", String(C)], 2, "keys");
    writeFileSync(`${partials[1]!}.keys`, Buffer.concat([readFileSync(`${partials[1]!}.keys`), Buffer.alloc(16)]));
    await refusal(partials, /do not match the partial: copy both files of the shard together/);
    rmSync(`${partials[1]!}.keys`);
    await refusal(partials, /key records of .* cannot be read/);
  });

  it("--output never replaces a partial or its key records", async () => {
    const path = write("keep.txt", makeList("paddleclas", 60, 41));
    const partials = await shards([path, "--num-classes", String(C)], 2, "keep");
    const before = partials.map((p) => [readFileSync(p), readFileSync(`${p}.keys`)]);
    for (const output of [partials[0]!, `${partials[1]!}.keys`]) {
      const r = await runCli(["merge", ...partials, "--output", output], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^labellint: --output '.*' is the input '.*': the report would overwrite it\n$/);
    }
    expect(partials.map((p) => [readFileSync(p), readFileSync(`${p}.keys`)])).toEqual(before);
  });

  it("what is not a partial", async () => {
    const notJson = write("not.json", "hello\n");
    await refusal([notJson], /not a labellint partial \(not JSON: Unexpected token 'h' \(line 1 column 1\)\)/);
    const other = write("other.json", JSON.stringify({ kind: "labellint-partial", version: 99 }));
    await refusal([other], /version 99 partial/);
  });
});

describe("check --shard refuses what it cannot cut", () => {
  it("needs --partial, a line format, a file", async () => {
    const path = write("cut.txt", makeList("paddleclas", 50, 37));
    expect((await runCli(["check", path, "--shard", "0/2"], { cwd: dir })).stderr).toMatch(/--shard and --partial go together/);
    const csv = write("cut.csv", "path,a,b\nx.jpg,1,0\ny.jpg,0,1\n");
    const r = await runCli(["check", csv, "--shard", "0/2", "--partial", join(dir, "csv.json")], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cuts paddleclas and spaced lists into byte ranges; this file is read as csv/);
    // An index list: converting to paddleclas is no way past ~500k classes, so checking it whole is named first.
    const indices = write("cut.indices.txt", "x.jpg\t0,2\ny.jpg\t1\n");
    const i = await runCli(["check", indices, "--format", "indices", "--num-classes", "3", "--shard", "0/2", "--partial", join(dir, "i.json")], { cwd: dir });
    expect(i.code).toBe(2);
    expect(i.stderr).toMatch(/read as indices: check it whole, without --shard .*, or convert it first when its C values fit a line/);
    const gz = write("cut.txt.gz", "");
    writeFileSync(gz, gzipSync(readFileSync(path)));
    const packed = await runCli(["check", gz, "--shard", "0/2", "--partial", join(dir, "gz.json")], { cwd: dir });
    expect(packed.code).toBe(2);
    expect(packed.stderr).toMatch(/a gzip file cannot be cut into byte ranges/);
    // What one check refuses as no label list, a shard refuses with check's own line: never a partial to merge into a report.
    const binary = write("cut-binary.txt", "a.jpg\t0,1\n\u0000\u0000\u0000\nb\u0000.jpg\t1,0\nc.jpg\t1,1\n");
    const config = fixture("nus-wide-scene", "ppcls_config.yaml");
    for (const file of [binary, config]) {
      const whole = await runCli(["check", file], { cwd: dir });
      expect(whole.code).toBe(2);
      for (const shard of ["0/2", "1/2"]) {
        const cut = await runCli(["check", file, "--shard", shard, "--partial", join(dir, "refused.json")], { cwd: dir });
        expect(cut.code).toBe(2);
        expect(cut.stderr).toBe(whole.stderr);
      }
    }
    const stdin = await runCli(["check", "-", "--shard", "0/2", "--partial", join(dir, "stdin.json")], { cwd: dir });
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toMatch(/--shard reads files, not standard input/);
  });
});

describe("check --shard --partial writes as every output is written", () => {
  it("never over a file the run reads", async () => {
    const list = makeList("paddleclas", 40, 43);
    const path = write("own.txt", list);
    const names = write("own-names.txt", Array.from({ length: C }, (_, i) => `c${i}`).join("\n") + "\n");
    for (const [partial, shown] of [
      [path, /^labellint: --partial '.*own\.txt' is the input '.*own\.txt': the partial would overwrite it\n$/],
      [names, /^labellint: --partial '.*own-names\.txt' is the input '.*own-names\.txt': the partial would overwrite it\n$/],
    ] as const) {
      const r = await runCli(["check", path, "--class-names", names, "--shard", "0/2", "--partial", partial], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(shown);
    }
    // The key records file beside the partial is written too: it may not be an input either.
    const keysVictim = write("victim.json.keys", list);
    const k = await runCli(["check", keysVictim, "--num-classes", String(C), "--shard", "0/2", "--partial", join(dir, "victim.json")], { cwd: dir });
    expect(k.code).toBe(2);
    expect(k.stderr).toMatch(/^labellint: --partial's key records file '.*victim\.json\.keys' is the input '.*victim\.json\.keys': the partial would overwrite it\n$/);
    expect(readFileSync(path, "utf8")).toBe(list);
    expect(readFileSync(keysVictim, "utf8")).toBe(list);
  });

  it("one clear line for a folder in the way or a missing folder; no temporary or stray file left", async () => {
    const path = write("place.txt", makeList("paddleclas", 40, 47));
    const sub = join(dir, "place-dir");
    mkdirSync(sub);
    const folder = await runCli(["check", path, "--shard", "0/1", "--partial", sub], { cwd: dir });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/^labellint: cannot write '.*place-dir(\.keys)?': it is a directory, and labellint replaces only regular files\n$/);
    expect(readdirSync(dir).filter((n) => n.startsWith("place-dir") || n.startsWith(".place-dir"))).toEqual(["place-dir"]);
    const missing = await runCli(["check", path, "--shard", "0/1", "--partial", join(dir, "none", "p.json")], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^labellint: cannot write '.*none\/p\.json(\.keys)?': its folder does not exist\n$/);
    // Written: both files, no temporary one beside them.
    const ok = await runCli(["check", path, "--shard", "0/1", "--partial", join(dir, "place.json")], { cwd: dir });
    expect(ok.code, ok.stderr).toBe(0);
    expect(readdirSync(dir).filter((n) => n.includes("place.json"))).toEqual(["place.json", "place.json.keys"]);
  });
});

describe("--shard values", () => {
  const usage = (value: string, env: Record<string, string> = {}) => {
    try {
      parseShard(value, env);
    } catch (error) {
      expect(error).toBeInstanceOf(LabellintError);
      return (error as Error).message;
    }
    throw new Error("expected a usage error");
  };

  it("I/N, and auto from a Slurm job array or a Kubernetes Indexed Job", () => {
    expect(parseShard("2/4", {})).toEqual({ index: 2, count: 4 });
    expect(parseShard("auto", { SLURM_ARRAY_TASK_ID: "3", SLURM_ARRAY_TASK_COUNT: "4" })).toEqual({ index: 3, count: 4 });
    // --array=1-4: task ids from the minimum.
    expect(parseShard("auto", { SLURM_ARRAY_TASK_ID: "1", SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_COUNT: "4" })).toEqual({ index: 0, count: 4 });
    expect(parseShard("auto/5", { JOB_COMPLETION_INDEX: "4" })).toEqual({ index: 4, count: 5 });
  });

  it("says what is wrong in one line", () => {
    expect(usage("4/4")).toMatch(/--shard takes I\/N/);
    expect(usage("x")).toMatch(/--shard takes I\/N/);
    expect(usage("3")).toMatch(/--shard takes I\/N/);
    expect(usage("auto")).toMatch(/none of SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX is set/);
    expect(usage("auto", { JOB_COMPLETION_INDEX: "1" })).toMatch(/give the job's completions as --shard auto\/N/);
    expect(usage("auto", { SLURM_ARRAY_TASK_ID: "9", SLURM_ARRAY_TASK_COUNT: "4" })).toMatch(/use --array=0-3/);
  });
});

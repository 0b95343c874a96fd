import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { OWNER_TAG } from "../../src/io/temp-files.js";
import { runCli } from "../cli-harness.js";
import { fixture } from "../shared.js";

const DEFECTS = fixture("defects", "train_list.txt");
const NAMES = fixture("defects", "label_list.txt");

function staged(): string {
  const dir = mkdtempSync(join(tmpdir(), "labellint-atomic-"));
  copyFileSync(DEFECTS, join(dir, "train_list.txt"));
  copyFileSync(NAMES, join(dir, "label_list.txt"));
  return dir;
}

const mode = (path: string): number => statSync(path).mode & 0o777;

/** A process id that was just in use and is no more. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout);
}

describe("what fix writes keeps the input's permissions", () => {
  it("fix --in-place keeps a 0600 file 0600, and writes its rejects, plan and backup 0600 too", async () => {
    const dir = staged();
    chmodSync(join(dir, "train_list.txt"), 0o600);
    const r = await runCli(["fix", "train_list.txt", "--class-names", "label_list.txt", "--in-place", "--plan", "plan.json"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    for (const name of ["train_list.txt", "train_list.txt.rejects.tsv", "plan.json", "train_list.txt.bak"]) expect(mode(join(dir, name)), name).toBe(0o600);
    expect(readFileSync(join(dir, "train_list.txt.bak"))).toEqual(readFileSync(DEFECTS));
  });

  it("keeps modes the umask would not give (0640 stays 0640, 0664 stays 0664)", async () => {
    for (const bits of [0o640, 0o664]) {
      const dir = staged();
      chmodSync(join(dir, "train_list.txt"), bits);
      await runCli(["fix", "train_list.txt", "--class-names", "label_list.txt", "--out", "out.txt"], { cwd: dir });
      expect(mode(join(dir, "out.txt"))).toBe(bits);
      expect(mode(join(dir, "out.txt.rejects.tsv"))).toBe(bits);
    }
  });

  it("convert and apply do the same", async () => {
    const dir = staged();
    chmodSync(join(dir, "train_list.txt"), 0o600);
    await runCli(["convert", "train_list.txt", "--class-names", "label_list.txt", "--to", "csv", "--out", "out.csv", "--force"], { cwd: dir });
    expect(mode(join(dir, "out.csv"))).toBe(0o600);
    expect(mode(join(dir, "out.csv.rejects.tsv"))).toBe(0o600);
    await runCli(["fix", "train_list.txt", "--class-names", "label_list.txt", "--out", "fixed.txt", "--plan", "plan.json"], { cwd: dir });
    const r = await runCli(["apply", "plan.json", "--out", "applied.txt"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(mode(join(dir, "applied.txt"))).toBe(0o600);
  });
});

describe("an input with other hard links, rewritten in place", () => {
  it("fix and apply say the other names still hold the original (the fixed file is new), and leave them so", async () => {
    const dir = staged();
    const input = join(dir, "train_list.txt");
    linkSync(input, join(dir, "other_name.txt"));
    const r = await runCli(["fix", "train_list.txt", "--class-names", "label_list.txt", "--in-place", "--plan", "plan.json"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("  note: train_list.txt had 1 other hard link: the fixed file is new and took this name only, so the file's other name still holds the original\n");
    expect(readFileSync(join(dir, "other_name.txt"))).toEqual(readFileSync(DEFECTS));
    expect(readFileSync(input)).not.toEqual(readFileSync(DEFECTS));
    // apply the same plan to the original, under a name with two other links.
    copyFileSync(DEFECTS, input);
    rmSync(join(dir, "other_name.txt"));
    linkSync(input, join(dir, "second.txt"));
    linkSync(input, join(dir, "third.txt"));
    const a = await runCli(["apply", "plan.json", "--in-place", "--force"], { cwd: dir });
    expect(a.code).toBe(0);
    expect(a.stdout).toContain("had 2 other hard links: the fixed file is new and took this name only, so the file's other names still hold the original\n");
    // A file of one name gets no note.
    const single = staged();
    const plain = await runCli(["fix", "train_list.txt", "--class-names", "label_list.txt", "--in-place"], { cwd: single });
    expect(plain.stdout).not.toContain("hard link");
  });
});

describe("only regular files are replaced", () => {
  it.skipIf(!existsSync("/dev/null"))("refuses --out /dev/null --force in fix, apply and convert (the device stays a device)", async () => {
    const dir = staged();
    await runCli(["fix", "train_list.txt", "--class-names", "label_list.txt", "--out", "fixed.txt", "--plan", "plan.json"], { cwd: dir });
    const before = readdirSync(dir).sort();
    for (const argv of [
      ["fix", "train_list.txt", "--class-names", "label_list.txt", "--out", "/dev/null", "--force"],
      ["fix", "train_list.txt", "--class-names", "label_list.txt", "--out", "x.txt", "--rejects", "/dev/null", "--force"],
      ["apply", "plan.json", "--out", "/dev/null", "--force"],
      ["convert", "train_list.txt", "--class-names", "label_list.txt", "--to", "csv", "--out", "/dev/null", "--force"],
    ]) {
      const r = await runCli(argv, { cwd: dir });
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stderr).toBe("labellint: cannot write '/dev/null': it is a character device, and labellint replaces only regular files\n");
    }
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it("refuses a symbolic link, a directory and a FIFO as output", async () => {
    const dir = staged();
    writeFileSync(join(dir, "real.txt"), "keep\n");
    symlinkSync(join(dir, "real.txt"), join(dir, "link.txt"));
    mkdirSync(join(dir, "folder"));
    const kinds: [string, string][] = [
      ["link.txt", "a symbolic link"],
      ["folder", "a directory"],
    ];
    if (spawnSync("mkfifo", [join(dir, "pipe")]).status === 0) kinds.push(["pipe", "a FIFO"]);
    for (const [name, what] of kinds) {
      const r = await runCli(["fix", "train_list.txt", "--class-names", "label_list.txt", "--out", name, "--force"], { cwd: dir });
      expect(r.code, name).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`it is ${what}`));
    }
    expect(readFileSync(join(dir, "real.txt"), "utf8")).toBe("keep\n");
  });

  it("refuses --in-place on a symbolic link instead of replacing the link with a file", async () => {
    const dir = staged();
    symlinkSync(join(dir, "train_list.txt"), join(dir, "linked.txt"));
    const r = await runCli(["fix", "linked.txt", "--class-names", "label_list.txt", "--in-place"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/linked\.txt': it is a symbolic link/);
    expect(readFileSync(join(dir, "train_list.txt"))).toEqual(readFileSync(DEFECTS));
  });
});

describe("temporary files of a killed run", () => {
  it("are removed by the next run writing the same file; a live process's, or another machine's, are left alone", async () => {
    const dir = staged();
    const host = OWNER_TAG.split("-")[1]!;
    const dead = join(dir, `.out.txt.${deadPid()}-${host}-0badf00d.tmp`);
    const live = join(dir, `.out.txt.${process.pid}-${host}-0badf00d.tmp`);
    // Made on another machine sharing the folder: its process id means nothing here.
    const elsewhere = join(dir, `.out.txt.${deadPid()}-${host === "000000" ? "111111" : "000000"}-0badf00d.tmp`);
    writeFileSync(elsewhere, "another host's");
    writeFileSync(dead, "half a file");
    writeFileSync(live, "being written");
    const r = await runCli(["fix", "train_list.txt", "--class-names", "label_list.txt", "--out", "out.txt"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(elsewhere)).toBe(true);
  });
});

/** A 512 KiB tmpfs, when this process may mount one (root in CI); undefined otherwise. */
function smallDisk(): string | undefined {
  if (process.getuid?.() !== 0 || process.platform !== "linux") return undefined;
  const dir = mkdtempSync(join(tmpdir(), "labellint-full-"));
  return spawnSync("mount", ["-t", "tmpfs", "-o", "size=512k", "tmpfs", dir]).status === 0 ? dir : undefined;
}

const disk = smallDisk();
afterAll(() => {
  if (disk !== undefined) spawnSync("umount", [disk]);
});

describe.skipIf(disk === undefined)("a disk that fills up during fix --in-place (a real 512 KiB tmpfs)", () => {
  it("fails with exit 2 and leaves the input, and nothing else: no rejects file to make a rerun need --force", async () => {
    const dir = join(disk!, "run");
    mkdirSync(dir);
    // ~300 KiB, with rejected rows: the input fits, the input and its rewritten copy do not.
    const rows = Array.from({ length: 9000 }, (_, i) => (i % 100 === 7 ? `img/${i}.jpg\t0,2,0` : `img/${i}.jpg\t0,1,0,`));
    writeFileSync(join(dir, "list.txt"), `${rows.join("\n")}\n`);
    const original = readFileSync(join(dir, "list.txt"));
    const r = await runCli(["fix", "list.txt", "--in-place", "--num-classes", "3", "--plan", "plan.json"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^labellint: cannot write '.*': no space left on the device\n$/);
    expect(readdirSync(dir)).toEqual(["list.txt"]);
    expect(readFileSync(join(dir, "list.txt")).equals(original)).toBe(true);
  });

  it("split names the output folder it was given, not its own work file, and leaves nothing", async () => {
    const dir = join(disk!, "split");
    mkdirSync(dir);
    const rows = Array.from({ length: 40000 }, (_, i) => `img/${i}.jpg\t${i % 2},${(i + 1) % 2},1`);
    const input = join(tmpdir(), `labellint-split-full-${process.pid}.txt`);
    writeFileSync(input, `${rows.join("\n")}\n`);
    const r = await runCli(["split", input, "--ratio", "0.5,0.5", "--out-dir", "out"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("labellint: cannot write 'out': no space left on the device\n");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("the same for an annotation file split into annotation files, wherever the disk fills", async () => {
    const entries = (n: number) => Array.from({ length: n }, (_, i) => `{"img_path": "img/${i}.jpg", "gt_label": [${i % 2}, 2]}`);
    for (const n of [6000, 9000, 20000]) {
      const dir = join(disk!, `split-json-${n}`);
      mkdirSync(dir);
      const input = join(tmpdir(), `labellint-split-full-${process.pid}-${n}.json`);
      writeFileSync(input, `{"metainfo": {"classes": ["a", "b", "c"]}, "data_list": [\n${entries(n).join(",\n")}\n]}\n`);
      const r = await runCli(["split", input, "--ratio", "0.5,0.5", "--out-dir", "out"], { cwd: dir });
      expect(r.code, `${n} entries`).toBe(2);
      expect(r.stderr, `${n} entries`).toBe("labellint: cannot write 'out': no space left on the device\n");
      expect(readdirSync(dir), `${n} entries`).toEqual([]);
      rmSync(dir, { recursive: true });
    }
  });
});

describe.skipIf(!existsSync("/proc/self/fd"))("a write that fails while a file range is copied in", () => {
  it("closes the file it was copying from (no descriptor left for the collector)", async () => {
    const { AtomicFile } = await import("../../src/fixer/atomic.js");
    const { hookedFs, enospc } = await import("./hooked-fs.js");
    const dir = mkdtempSync(join(tmpdir(), "labellint-atomic-"));
    const source = join(dir, "long.txt");
    writeFileSync(source, "x".repeat(3 << 20));
    // The descriptors of this process open on the source (other tests' descriptors come and go meanwhile).
    const onSource = () =>
      readdirSync("/proc/self/fd").filter((fd) => {
        try {
          return readlinkSync(join("/proc/self/fd", fd)) === source;
        } catch {
          return false;
        }
      }).length;
    for (let i = 0; i < 5; i++) {
      const file = await AtomicFile.create(join(dir, `out${i}.txt`), { fs: hookedFs((step) => { if (step.op === "write") throw enospc(); }) });
      file.copyFrom(source, 0, 3 << 20);
      await expect(file.commit()).rejects.toThrow(/no space left/);
      await file.abort();
    }
    // A close already under way gets a moment; a stream left open stays open until it is collected.
    for (let wait = 0; wait < 20 && onSource() > 0; wait++) await new Promise((done) => setTimeout(done, 25));
    expect(onSource()).toBe(0);
    expect(readdirSync(dir)).toEqual(["long.txt"]);
  });
});

describe("the renamed names are synced to the disk (a power loss cannot undo a run that reported success)", () => {
  it("syncs each output's folder once, after every rename; a folder sync that fails leaves the committed files as they are", async () => {
    const { AtomicFile, commitAll } = await import("../../src/fixer/atomic.js");
    const { hookedFs } = await import("./hooked-fs.js");
    const dir = mkdtempSync(join(tmpdir(), "labellint-atomic-"));
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "out.txt"), "old\n");
    for (const failing of [false, true]) {
      const fs = hookedFs((step) => {
        if (failing && step.op === "syncFolder") throw Object.assign(new Error("input/output error"), { code: "EIO" });
      });
      const files = await Promise.all(["sub/rejects.tsv", "sub/plan.json", "out.txt"].map((name) => AtomicFile.create(join(dir, name), { fs })));
      files.forEach((file, i) => file.write(`${failing ? "second" : "first"} ${i}\n`));
      await commitAll(files, { of: join(dir, "out.txt"), to: join(dir, "out.txt.bak") }, fs);
      const ops = fs.steps.map((s) => s.op);
      expect(fs.steps.filter((s) => s.op === "syncFolder").map((s) => s.path).sort()).toEqual([dir, join(dir, "sub")]);
      expect(ops.indexOf("syncFolder")).toBeGreaterThan(ops.lastIndexOf("rename"));
      expect(readFileSync(join(dir, "out.txt"), "utf8")).toBe(`${failing ? "second" : "first"} 2\n`);
      expect(readFileSync(join(dir, "sub", "rejects.tsv"), "utf8")).toBe(`${failing ? "second" : "first"} 0\n`);
    }
    expect(readFileSync(join(dir, "out.txt.bak"), "utf8")).toBe("first 2\n");
  });

  it("a report written without sync syncs no folder either", async () => {
    const { AtomicFile } = await import("../../src/fixer/atomic.js");
    const { hookedFs } = await import("./hooked-fs.js");
    const dir = mkdtempSync(join(tmpdir(), "labellint-atomic-"));
    const fs = hookedFs(() => undefined);
    const file = await AtomicFile.create(join(dir, "report.json"), { fs, sync: false });
    file.write("{}\n");
    await file.commit();
    expect(fs.steps.map((s) => s.op)).not.toContain("syncFolder");
    expect(fs.steps.map((s) => s.op)).not.toContain("sync");
    // The same file synced: its folder is too.
    const synced = await AtomicFile.create(join(dir, "out.txt"), { fs });
    synced.write("1\n");
    await synced.commit();
    expect(fs.steps.filter((s) => s.op === "sync" || s.op === "syncFolder").map((s) => s.op)).toEqual(["sync", "syncFolder"]);
  });
});

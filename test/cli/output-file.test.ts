/**
 * `--output FILE`: a report replaces a regular file only once it is whole
 * (written beside it, renamed into place), so a run that fails halfway
 * leaves the previous report, never the head of a new one that a CI step
 * would take for the whole. Devices and links are written through.
 */
import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writePieces, writePiecesToFile } from "../../src/cli/io.js";
import { LabellintError } from "../../src/errors.js";
import { runCli } from "../cli-harness.js";
import { fixture } from "../shared.js";

const folder = (): string => mkdtempSync(join(tmpdir(), "labellint-output-"));

/** Report pieces, then a failure after `failAfter` of them (a reporter or a read that fails halfway). */
function* pieces(count: number, failAfter = Number.POSITIVE_INFINITY): Generator<string> {
  for (let i = 0; i < count; i++) {
    if (i === failAfter) throw new Error("the report could not be finished");
    yield `${"x".repeat(40_000)} piece ${i}\n`;
  }
}

describe("--output FILE", () => {
  it("a report that fails halfway leaves the previous one, and no temporary file", async () => {
    const dir = folder();
    const path = join(dir, "report.json");
    writeFileSync(path, "the previous report\n");
    // Far more than one write's worth is produced before the failure.
    const failing = writePiecesToFile(pieces(400, 300), path, "report.json");
    await expect(failing).rejects.toThrow(LabellintError);
    await expect(writePiecesToFile(pieces(400, 300), path, "report.json")).rejects.toThrow(/cannot write 'report\.json': the report could not be finished/);
    expect(readFileSync(path, "utf8")).toBe("the previous report\n");
    expect(readdirSync(dir)).toEqual(["report.json"]);
  });

  it("writes the whole report, keeping an existing report's permission bits", async () => {
    const dir = folder();
    const path = join(dir, "report.json");
    await writePiecesToFile(pieces(100), path);
    expect(readFileSync(path, "utf8")).toBe([...pieces(100)].join(""));
    const created = statSync(path).mode & 0o777;
    expect(created).toBe(0o666 & ~process.umask());
    writeFileSync(path, "old");
    chmodSync(path, 0o600);
    await writePiecesToFile(pieces(3), path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, "utf8")).toBe([...pieces(3)].join(""));
  });

  it("writes through a symbolic link and into a device, and names a missing folder", async () => {
    const dir = folder();
    writeFileSync(join(dir, "target.json"), "old");
    symlinkSync("target.json", join(dir, "link.json"));
    await writePiecesToFile(pieces(2), join(dir, "link.json"));
    expect(lstatSync(join(dir, "link.json")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, "link.json"))).toBe("target.json");
    expect(readFileSync(join(dir, "target.json"), "utf8")).toBe([...pieces(2)].join(""));
    await writePiecesToFile(pieces(2), "/dev/null");
    await expect(writePiecesToFile(pieces(2), join(dir, "none", "r.json"), "none/r.json")).rejects.toThrow("cannot write 'none/r.json': its folder does not exist");
    expect(existsSync(join(dir, "none"))).toBe(false);
  });

  it.skipIf(!existsSync("/proc/self"))("says so when the folder is there but takes no files (/proc), not that it does not exist", async () => {
    await expect(writePiecesToFile(pieces(2), "/proc/labellint-r.json")).rejects.toThrow("cannot write '/proc/labellint-r.json': no file can be made in its folder '/proc' (a file system that takes no new files there)");
    const fixed = await runCli(["fix", fixture("nus-wide-scene", "eval_list.txt"), "--out", "/proc/labellint-fixed.txt"]);
    expect(fixed.code).toBe(2);
    expect(fixed.stderr).toBe("labellint: cannot write '/proc/labellint-fixed.txt': no file can be made in its folder '/proc' (a file system that takes no new files there)\n");
  });

  it("a report through a symbolic link to a file replaces the file whole: a failure halfway leaves the previous report", async () => {
    const dir = folder();
    writeFileSync(join(dir, "target.json"), "the previous report\n");
    chmodSync(join(dir, "target.json"), 0o640);
    symlinkSync("target.json", join(dir, "link.json"));
    await expect(writePiecesToFile(pieces(400, 300), join(dir, "link.json"), "link.json")).rejects.toThrow(/cannot write 'link\.json': the report could not be finished/);
    expect(readFileSync(join(dir, "target.json"), "utf8")).toBe("the previous report\n");
    expect(readdirSync(dir).sort()).toEqual(["link.json", "target.json"]);
    await writePiecesToFile(pieces(3), join(dir, "link.json"));
    expect(readlinkSync(join(dir, "link.json"))).toBe("target.json");
    expect(readFileSync(join(dir, "target.json"), "utf8")).toBe([...pieces(3)].join(""));
    expect(statSync(join(dir, "target.json")).mode & 0o777).toBe(0o640);
  });

  it("a report made whole (a string) is written as it is, not one character at a time", async () => {
    // A string is iterable too: taken as pieces it was batched a character at a time (31 s for a 240 MB diff report).
    const text = `${"é😀x".repeat(100_000)}\n`;
    const writes: string[] = [];
    await writePieces(text, { write: (t: string) => (writes.push(t), true) });
    expect(writes).toEqual([text]);
    const dir = folder();
    await writePiecesToFile(text, join(dir, "r.txt"));
    expect(readFileSync(join(dir, "r.txt"), "utf8")).toBe(text);
  });

  it("from the command line: the report file is the report stdout would show", async () => {
    const dir = folder();
    writeFileSync(join(dir, "list.txt"), "a.jpg\t0,1\nb.jpg\t1,0\n");
    const shown = await runCli(["check", "list.txt", "--reporter", "json"], { cwd: dir });
    const saved = await runCli(["check", "list.txt", "--reporter", "json", "--output", "report.json"], { cwd: dir });
    expect(saved.code).toBe(shown.code);
    expect(saved.stdout).toBe("");
    expect(readFileSync(join(dir, "report.json"), "utf8")).toBe(shown.stdout);
    expect(readdirSync(dir).sort()).toEqual(["list.txt", "report.json"]);
  });
});

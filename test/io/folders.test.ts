import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeFolders } from "../../src/io/folders.js";

const root = mkdtempSync(join(tmpdir(), "labellint-folders-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("makeFolders (mkdir -p one folder at a time)", () => {
  it("makes the missing folders and returns the outermost, as a recursive mkdir does", async () => {
    expect(await makeFolders(join(root, "a", "b", "c"))).toBe(join(root, "a"));
    expect(statSync(join(root, "a", "b", "c")).isDirectory()).toBe(true);
    expect(await makeFolders(join(root, "a", "b", "c"))).toBeUndefined();
    expect(await makeFolders(join(root, "a", "b", "d"))).toBe(join(root, "a", "b", "d"));
  });

  it("refuses a path through a file (ENOTDIR)", async () => {
    writeFileSync(join(root, "f"), "x");
    await expect(makeFolders(join(root, "f", "g"))).rejects.toMatchObject({ code: "ENOTDIR" });
  });

  it.skipIf(!statSync("/proc", { throwIfNoEntry: false })?.isDirectory())("ends with an error where the file system makes no folders (Node's own recursive mkdir never returns there)", async () => {
    await expect(makeFolders("/proc/labellint-x/y", "/proc/labellint-x/y")).rejects.toThrow("cannot write '/proc/labellint-x/y': no folder can be made in '/proc'");
  });
});

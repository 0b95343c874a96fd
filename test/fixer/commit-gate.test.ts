/**
 * An interruption (Ctrl-C, SIGTERM) while the files of a run are renamed
 * into place waits for the renames: the command line's signal handler asks
 * `whenCommitted`, so the run ends with all its files or none. It used to
 * remove the temporary files still pending, which, between the rejects
 * file's rename and the output's, left a rejects file without its output.
 */
import { copyFileSync, existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fix } from "../../src/fixer/fix.js";
import { whenCommitted } from "../../src/io/temp-files.js";
import { fixture } from "../shared.js";
import { hookedFs } from "./hooked-fs.js";

describe("an interruption during the renames", () => {
  it("is held until every file of the run is in place", async () => {
    const dir = mkdtempSync(join(tmpdir(), "labellint-gate-"));
    const input = join(dir, "train_list.txt");
    copyFileSync(fixture("defects", "train_list.txt"), input);
    const out = join(dir, "out.txt");
    let seen: { out: boolean; rejects: boolean } | undefined;
    let held: boolean | undefined;
    const fs = hookedFs((step) => {
      // The first rename of the commit (a link, for a file that must not replace one): the signal arrives here.
      if ((step.op === "rename" || step.op === "link") && held === undefined) {
        held = whenCommitted(() => {
          seen = { out: existsSync(out), rejects: existsSync(`${out}.rejects.tsv`) };
        });
      }
    });
    const result = await fix(input, { numClasses: 33, out, writeFs: fs });
    expect(result.written.rejects).toBeDefined();
    expect(held).toBe(true);
    // The handler ran once both were in place, not between them.
    expect(seen).toEqual({ out: true, rejects: true });
  });

  it("is not held when no commit is under way", () => {
    expect(whenCommitted(() => undefined)).toBe(false);
  });
});

describe("split's work folder", () => {
  it("is named for its process; one a killed run left is removed by the next, one of a running process kept", async () => {
    const { split } = await import("../../src/split/split.js");
    const { OWNER_TAG } = await import("../../src/io/temp-files.js");
    const { mkdirSync, readdirSync, writeFileSync } = await import("node:fs");
    const host = OWNER_TAG.split("-")[1]!;
    const dir = mkdtempSync(join(tmpdir(), "labellint-split-work-"));
    // A pid far above any kernel's pid_max: no process has it.
    const stale = `.labellint-split-2147483646-${host}-abc123`;
    const live = `.labellint-split-${process.pid}-${host}-def456`;
    mkdirSync(join(dir, stale));
    writeFileSync(join(dir, stale, "rows.txt"), "a.jpg\t1,0\n");
    mkdirSync(join(dir, live));
    await split(fixture("nus-wide-scene", "train_list.txt"), { ratios: [0.5, 0.5], outDir: dir });
    expect(readdirSync(dir).filter((name) => name.startsWith(".labellint-split-"))).toEqual([live]);
  });
});

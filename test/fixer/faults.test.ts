import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { convert } from "../../src/convert/convert.js";
import type { WriteFs } from "../../src/fixer/atomic.js";
import { applyPlan } from "../../src/fixer/apply.js";
import { fix } from "../../src/fixer/fix.js";
import { readClassNames } from "../../src/readers/class-names.js";
import { fixture } from "../shared.js";
import { enospc, hookedFs, snapshot, type Step } from "./hooked-fs.js";

const DEFECTS = fixture("defects", "train_list.txt");
const NAMES = await readClassNames(fixture("defects", "label_list.txt"));
const INPUT = "train_list.txt";

/**
 * One way of writing: what it reads (`setup`), how it runs with a given
 * file system, the files it writes (the main output last), and whether the
 * main output replaces the input.
 */
interface Scenario {
  name: string;
  setup(dir: string): Promise<void>;
  run(dir: string, fs: WriteFs): Promise<unknown>;
  /** Files written, by name; the last is the main output. */
  targets: string[];
  inPlace: boolean;
  /** The input's bytes (default: the defects sample). */
  input?: Buffer;
}

async function planFor(dir: string): Promise<void> {
  await fix(join(dir, INPUT), { classNames: NAMES, out: join(dir, "first.txt"), plan: join(dir, "plan.json"), displayPath: INPUT });
}

/** The defects sample with a header row naming its classes: fix and apply write the names beside the output. */
const HEADED = Buffer.concat([Buffer.from(`image\t${NAMES.join(",")}\n`), readFileSync(DEFECTS)]);
async function planOfHeaded(dir: string): Promise<void> {
  await fix(join(dir, INPUT), { out: join(dir, "first.txt"), plan: join(dir, "plan.json"), displayPath: INPUT });
}

const SCENARIOS: Scenario[] = [
  {
    name: "fix --in-place with a plan",
    setup: async () => undefined,
    run: (dir, fs) => fix(join(dir, INPUT), { classNames: NAMES, inPlace: true, plan: join(dir, "plan.json"), displayPath: INPUT, writeFs: fs }),
    targets: [`${INPUT}.rejects.tsv`, "plan.json", `${INPUT}.bak`, INPUT],
    inPlace: true,
  },
  {
    name: "fix --out with a plan",
    setup: async () => undefined,
    run: (dir, fs) => fix(join(dir, INPUT), { classNames: NAMES, out: join(dir, "out.txt"), plan: join(dir, "plan.json"), displayPath: INPUT, writeFs: fs }),
    targets: ["out.txt.rejects.tsv", "plan.json", "out.txt"],
    inPlace: false,
  },
  {
    name: "apply --out",
    setup: planFor,
    run: (dir, fs) => applyPlan(join(dir, "plan.json"), { input: join(dir, INPUT), out: join(dir, "applied.txt"), writeFs: fs }),
    targets: ["applied.txt.rejects.tsv", "applied.txt"],
    inPlace: false,
  },
  {
    name: "apply --in-place",
    setup: planFor,
    run: (dir, fs) => applyPlan(join(dir, "plan.json"), { input: join(dir, INPUT), inPlace: true, writeFs: fs }),
    targets: [`${INPUT}.rejects.tsv`, `${INPUT}.bak`, INPUT],
    inPlace: true,
  },
  {
    name: "fix --out of a list whose header row names its classes",
    setup: async () => undefined,
    run: (dir, fs) => fix(join(dir, INPUT), { out: join(dir, "out.txt"), plan: join(dir, "plan.json"), displayPath: INPUT, writeFs: fs }),
    targets: ["out.txt.rejects.tsv", "plan.json", "out.txt.classes.txt", "out.txt"],
    inPlace: false,
    input: HEADED,
  },
  {
    name: "apply --out of a plan whose input's header row names its classes",
    setup: planOfHeaded,
    run: (dir, fs) => applyPlan(join(dir, "plan.json"), { input: join(dir, INPUT), out: join(dir, "applied.txt"), writeFs: fs }),
    targets: ["applied.txt.rejects.tsv", "applied.txt.classes.txt", "applied.txt"],
    inPlace: false,
    input: HEADED,
  },
  {
    name: "convert --force",
    setup: async () => undefined,
    run: (dir, fs) => convert([join(dir, INPUT)], { classNames: NAMES, to: "spaced", out: join(dir, "out.txt"), force: true, writeFs: fs }),
    targets: ["out.txt.rejects.tsv", "out.txt"],
    inPlace: false,
  },
];

async function stage(s: Scenario): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "labellint-faults-"));
  if (s.input !== undefined) writeFileSync(join(dir, INPUT), s.input);
  else copyFileSync(DEFECTS, join(dir, INPUT));
  await s.setup(dir);
  return dir;
}

const original = readFileSync(DEFECTS);
/** What a run's own temporary files and lock are called (never mistaken for an output). */
const ownTemp = (name: string): boolean => /^\..*\.\d+-[0-9a-f]{6}-[0-9a-f]{8}\.tmp$/.test(name) || name.endsWith(".labellint.lock");

/** A clean run: its steps and what each target holds at the end. */
async function reference(s: Scenario): Promise<{ steps: Step[]; final: Map<string, Buffer> }> {
  const dir = await stage(s);
  const fs = hookedFs(() => undefined);
  await s.run(dir, fs);
  const final = snapshot(dir);
  for (const t of s.targets) expect(final.has(t), `${s.name} writes ${t}`).toBe(true);
  return { steps: fs.steps, final };
}

describe.each(SCENARIOS)("$name, failed or killed at every write step", (s) => {
  it("fails cleanly at each step: the input intact, nothing written, no temporary file or lock left", async () => {
    const { steps, final } = await reference(s);
    expect(steps.length).toBeGreaterThan(8);
    for (let k = 0; k < steps.length; k++) {
      const dir = await stage(s);
      const before = snapshot(dir);
      let failed: Step | undefined;
      const fs = hookedFs((step, index) => {
        if (index !== k) return;
        failed = step;
        throw enospc();
      });
      const outcome = await s.run(dir, fs).then(
        () => "done",
        (error: unknown) => error,
      );
      const after = snapshot(dir);
      const where = `${s.name}, failing step ${k} (${failed?.op} ${failed?.path})`;
      if (outcome === "done") {
        // Only a failure nothing depends on may pass: removing the lock or a temporary file after the fact,
        // or the folder sync after the renames (best effort: every file's bytes are on the disk by then).
        expect(["remove", "syncFolder"], where).toContain(failed?.op);
        for (const t of s.targets) expect(after.get(t), `${where}: ${t}`).toEqual(final.get(t));
        continue;
      }
      expect((outcome as Error).name, where).toBe("LabellintError");
      expect([...after.keys()].sort(), where).toEqual([...before.keys()].sort());
      for (const [name, bytes] of before) expect(after.get(name), `${where}: ${name}`).toEqual(bytes);
      expect(after.get(INPUT), where).toEqual(s.input ?? original);
    }
  });

  it("leaves, wherever it is killed, the input intact (or replaced whole, with a whole backup) and no output that looks complete but is not", async () => {
    const { final } = await reference(s);
    const dir = await stage(s);
    const seen: { step: Step; files: Map<string, Buffer> }[] = [];
    await s.run(
      dir,
      hookedFs((step) => seen.push({ step, files: snapshot(dir) })),
    );
    seen.push({ step: { op: "close", path: "(after the run)" }, files: snapshot(dir) });
    const main = s.targets[s.targets.length - 1]!;
    for (const { step, files } of seen) {
      const where = `${s.name}, killed before ${step.op} ${step.path}`;
      const input = files.get(INPUT);
      const replaced = s.inPlace && input !== undefined && !input.equals(s.input ?? original);
      if (replaced) expect(input, where).toEqual(final.get(INPUT));
      else expect(input, where).toEqual(s.input ?? original);
      for (const t of s.targets) {
        if (t === INPUT) continue;
        const bytes = files.get(t);
        // Present means complete: the name is given only by a rename of a finished, synced file.
        if (bytes !== undefined) expect(bytes, `${where}: ${t}`).toEqual(final.get(t));
      }
      // The main output goes last: present (or the input replaced) means every other output is in place too.
      if (replaced || (!s.inPlace && files.has(main))) for (const t of s.targets) expect(files.has(t), `${where}: ${t}`).toBe(true);
      if (s.inPlace && files.has(`${INPUT}.bak`)) expect(files.get(`${INPUT}.bak`), where).toEqual(original);
      for (const name of files.keys()) expect(s.targets.includes(name) || ownTemp(name) || ["plan.json", "first.txt", "first.txt.rejects.tsv", "first.txt.classes.txt", INPUT].includes(name), `${where}: ${name}`).toBe(true);
    }
  });
});

describe("rows added to the input while the output is synced (after the last read, before the renames)", () => {
  it.each(SCENARIOS.filter((s) => s.name.startsWith("fix") || s.name.startsWith("apply")))("$name: refused with LL_INPUT_CHANGED, the input with its new row, nothing written", async (s) => {
    const dir = await stage(s);
    const before = snapshot(dir);
    let appended = false;
    // The first sync of a temporary output: another program appends a row then.
    const fs = hookedFs((step) => {
      if (step.op === "sync" && !appended) {
        appended = true;
        writeFileSync(join(dir, INPUT), Buffer.concat([readFileSync(join(dir, INPUT)), Buffer.from("late.jpg\t1,0,0\n")]));
      }
    });
    const error = await s.run(dir, fs).then(
      () => undefined,
      (e: unknown) => e as { code?: string; message?: string },
    );
    expect(appended).toBe(true);
    expect(error?.code).toBe("LL_INPUT_CHANGED");
    expect(error?.message).toMatch(/changed while the output was being written/);
    const after = snapshot(dir);
    expect(readFileSync(join(dir, INPUT)).toString("utf8").endsWith("late.jpg\t1,0,0\n")).toBe(true);
    expect([...after.keys()].filter((k) => !ownTemp(k)).sort()).toEqual([...before.keys()].sort());
    expect([...after.keys()].filter(ownTemp)).toEqual([]);
  });
});

describe("earlier outputs replaced with --force, and a rename that fails halfway", () => {
  const previous = (name: string) => `previous ${name}\n`;
  const cases = [
    {
      name: "fix --out with a plan",
      run: (dir: string, fs: WriteFs) => fix(join(dir, INPUT), { classNames: NAMES, out: join(dir, "out.txt"), plan: join(dir, "plan.json"), displayPath: INPUT, force: true, writeFs: fs }),
      earlier: ["out.txt.rejects.tsv", "plan.json", "out.txt"],
    },
    {
      name: "fix --in-place with an earlier backup",
      run: (dir: string, fs: WriteFs) => fix(join(dir, INPUT), { classNames: NAMES, inPlace: true, displayPath: INPUT, force: true, writeFs: fs }),
      earlier: [`${INPUT}.rejects.tsv`, `${INPUT}.bak`],
    },
    {
      name: "convert --force",
      run: (dir: string, fs: WriteFs) => convert([join(dir, INPUT)], { classNames: NAMES, to: "spaced", out: join(dir, "out.txt"), force: true, writeFs: fs }),
      earlier: ["out.txt.rejects.tsv", "out.txt"],
    },
  ];
  it.each(cases)("$name: every earlier file is as it was, whichever rename fails", async ({ run, earlier }) => {
    const renames = hookedFs(() => undefined);
    const probe = mkdtempSync(join(tmpdir(), "labellint-faults-"));
    copyFileSync(DEFECTS, join(probe, INPUT));
    for (const name of earlier) writeFileSync(join(probe, name), previous(name));
    await run(probe, renames);
    const count = renames.steps.filter((s) => s.op === "rename").length;
    expect(count).toBeGreaterThan(1);
    for (let k = 0; k < count; k++) {
      const dir = mkdtempSync(join(tmpdir(), "labellint-faults-"));
      copyFileSync(DEFECTS, join(dir, INPUT));
      for (const name of earlier) writeFileSync(join(dir, name), previous(name));
      const before = snapshot(dir);
      let seen = 0;
      const fs = hookedFs((step) => {
        if (step.op === "rename" && seen++ === k) throw enospc();
      });
      await expect(run(dir, fs), `rename ${k}`).rejects.toThrow(/no space left/);
      // Not one earlier file lost (a rejects file may hold the only copy of rows quarantined before), and nothing else left.
      expect(snapshot(dir), `rename ${k}`).toEqual(before);
    }
  });
});

describe("a write error the system names in its own words", () => {
  const fault = (code: string, text: string) => Object.assign(new Error(`${code}: ${text}`), { code });
  const cases = [
    // A file mounted on its own (a container's volume) cannot be renamed over.
    { op: "rename", error: fault("EBUSY", "resource busy or locked, rename '/d/.train_list.txt.1-abcdef-01234567.tmp' -> '/d/train_list.txt'"), says: /it is busy \(a file mounted on its own, as into a container, cannot be replaced by another\): write to another file and copy that over it; the file already there is as it was$/ },
    { op: "write", error: fault("EFBIG", "file too large, write"), says: /the file would be larger than this process may write \(ulimit -f\); the file already there is as it was$/ },
    // NFS reports a write it could not make when the file is closed.
    { op: "close", error: fault("EREMOTEIO", "remote I/O error, close '/d/.train_list.txt.1-abcdef-01234567.tmp'"), says: /: remote I\/O error \(EREMOTEIO\); the file already there is as it was$/ },
  ] as const;
  it.each(cases)("$error.code at $op: one sentence naming the file written, not a temporary file; the input intact", async ({ op, error, says }) => {
    const s = SCENARIOS[0]!;
    const dir = await stage(s);
    const before = snapshot(dir);
    const fs = hookedFs((step) => {
      // The input's temporary replacement (written, closed), or the input itself (renamed over).
      if (step.op === op && (step.path.endsWith(`/${INPUT}`) || /\/\.train_list\.txt\.\d+-/.test(step.path))) throw error;
    });
    const thrown = (await s.run(dir, fs).then(
      () => undefined,
      (e: unknown) => e,
    )) as { code?: string; message?: string } | undefined;
    expect(thrown?.code).toBe("LL_WRITE_FAILED");
    expect(thrown?.message).toMatch(new RegExp(`^cannot write '[^']*${INPUT}': `));
    expect(thrown?.message).toMatch(says);
    expect(thrown?.message).not.toMatch(/\.tmp/);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe("a file of a target's name appearing while the run writes (another run writing the same --out), no --force", () => {
  const cases = [
    { scenario: "fix --out with a plan", appears: "out.txt" },
    { scenario: "fix --out with a plan", appears: "plan.json" },
    { scenario: "apply --out", appears: "applied.txt" },
    { scenario: "apply --out", appears: "applied.txt.rejects.tsv" },
    { scenario: "fix --in-place with a plan", appears: `${INPUT}.bak` },
    { scenario: "apply --in-place", appears: `${INPUT}.rejects.tsv` },
  ];
  it.each(cases)("$scenario, $appears appearing: left as it is, and nothing written", async ({ scenario, appears }) => {
    const s = SCENARIOS.find((x) => x.name === scenario)!;
    const dir = await stage(s);
    const theirs = Buffer.from("another run's file\n");
    let done = false;
    // The first sync of a temporary output: the files were checked absent long before.
    const fs = hookedFs((step) => {
      if (step.op === "sync" && !done) {
        done = true;
        writeFileSync(join(dir, appears), theirs);
      }
    });
    const before = snapshot(dir);
    const error = (await s.run(dir, fs).then(
      () => undefined,
      (e: unknown) => e,
    )) as { code?: string; message?: string } | undefined;
    expect(done).toBe(true);
    expect(error?.code).toBe("LL_WRITE_FAILED");
    expect(error?.message).toBe(
      `cannot write '${join(dir, appears)}': a file of that name appeared while this run was writing (another run writing the same file?) and was left as it is; nothing was written: run again, or pass --force to overwrite it`,
    );
    expect(snapshot(dir)).toEqual(new Map([...before, [appears, theirs]]));
  });

  it("on a file system without hard links too: written when nothing appears, refused when something does", async () => {
    const s = SCENARIOS.find((x) => x.name === "fix --out with a plan")!;
    const noLinks = (appear?: () => void): WriteFs => {
      let done = false;
      const fs = hookedFs((step) => {
        if (step.op === "link") throw Object.assign(new Error("EPERM: operation not permitted, link"), { code: "EPERM" });
        if (step.op === "sync" && !done) {
          done = true;
          appear?.();
        }
      });
      return fs;
    };
    const clean = await stage(s);
    await s.run(clean, noLinks());
    const { final } = await reference(s);
    for (const t of s.targets) expect(snapshot(clean).get(t), t).toEqual(final.get(t));
    const dir = await stage(s);
    const before = snapshot(dir);
    const theirs = Buffer.from("another run's file\n");
    await expect(s.run(dir, noLinks(() => writeFileSync(join(dir, "out.txt"), theirs)))).rejects.toMatchObject({ code: "LL_WRITE_FAILED", message: expect.stringMatching(/out\.txt': a file of that name appeared while this run was writing/) });
    expect(snapshot(dir)).toEqual(new Map([...before, ["out.txt", theirs]]));
  });
});

/**
 * The consumers' oracles against labellint on seeded random mutations of
 * clean lists: bytes inserted (separators, BOMs, control and Unicode spaces,
 * `-1`, `2`, `1.0`, digits of other scripts, …), deleted, lines repeated,
 * joined (a lost line break), cut short; and clean annotation files changed in their structure (`2.0`,
 * `NaN`, gt_score, categories …: see mutateAnnotation). For every mutated file, "the consumer crashes or trains on
 * something else" must be "labellint reports an error" and "the consumer
 * reads it as intended" must be "no error" (class-level findings about the
 * data — a class without positives in a small sample — and a file cut to no row aside). The
 * hand-written cases (`cases.ts`) say why each reading is what it is; this
 * test finds the readings no case wrote down (it found a list whose every
 * row has two TABs, a TAB before path<TAB>labels, FS between spaced values).
 *
 * Images are laid out for the paths each file means to list, except paths
 * with a `\`: on Linux a file so named is a rare thing, and labellint reports
 * a backslash path as an error whatever is on disk (see docs/consumers.md).
 *
 * Needs python3 with numpy, as the conformance test does; skipped with the
 * reason otherwise.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, sep } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lintFile } from "../../src/engine/lint.js";
import type { LintOptions } from "../../src/engine/options.js";
import { fixture, lcgRandom } from "../shared.js";
import { jpeg } from "../../scripts/make-image-fixtures.mjs";
import { pythonProblem, runOracleBatch } from "./oracle-run.js";
import { mutate } from "./mutate.js";

const SKIP_REASON = pythonProblem();

/** A raw JSON token in a value JSON.stringify writes (`2.0`, `NaN`: what Python's json reads and JSON.parse cannot tell or read). */
const raw = (token: string): string => `@@${token}@@`;
/** gt_label values Python's json and torch read otherwise than they look, or not at all. */
const LABELS: readonly unknown[] = [raw("2.0"), raw("1e0"), raw("NaN"), [0, raw("NaN")], [1, raw("2.0")], [0, raw("Infinity")], [], [true], "1", null, [[0]], [0, 0], [-1], 3, [5], [0.5], 2, [2], [1, 1.5], [raw("-0.0"), 2]];
const ENTRY_KEYS: readonly [string, unknown][] = [["gt_score", [1, 0, 0, 0, 0]], ["x", raw("NaN")], ["weight", raw("-Infinity")], ["img_path", " images/0.jpg"], ["img_path", "images/1.jpg "], ["img_path", ""]];
const CATEGORIES = ["sky", "tree", "water", "snow", "road"].map((category_name, id) => ({ id: (id * 3) % 5, category_name }));
const METAINFO: readonly unknown[] = [{ categories: CATEGORIES }, { classes: null }, { classes: ["sky", 1, "water", "snow", "road"] }, { categories: [{ id: 0 }, ...CATEGORIES.slice(1)] }, { categories: [{ id: "0", category_name: "sky" }, ...CATEGORIES.slice(1)] }, {}];

/**
 * A clean mmpretrain annotation file (C = 5, each class positive in several
 * entries) changed in 1–3 ways the annotation format allows: a gt_label
 * replaced by a value from LABELS, a key set on an entry, gt_label taken
 * out, the metainfo replaced (an entry repeated), gt_score written on every entry (the multi-hot
 * of its gt_label, one of them changed or not); then, at times, a key written
 * twice (a gt_label or img_path in an entry, the top-level data_list).
 */
function mutateAnnotation(next: () => number): string {
  const int = (n: number) => Math.floor(next() * n);
  const entries = annotationEntries();
  let metainfo: unknown = { classes: ["sky", "tree", "water", "snow", "road"] };
  for (let k = 1 + int(3); k > 0; k--) {
    const entry = entries[int(entries.length)]!;
    const op = int(10);
    if (op <= 3) entry.gt_label = LABELS[int(LABELS.length)];
    else if (op <= 5) {
      const [key, value] = ENTRY_KEYS[int(ENTRY_KEYS.length)]!;
      entry[key] = value;
    } else if (op === 6) delete entry.gt_label;
    else if (op === 7) metainfo = next() < 0.8 ? METAINFO[int(METAINFO.length)] : metainfo;
    // A second entry for the same image with the same labels: read twice, as written.
    if (op === 7 && next() < 0.3) entries.push({ ...entry });
    else {
      for (const e of entries) e.gt_score = [0, 1, 2, 3, 4].map((c) => (Array.isArray(e.gt_label) && (e.gt_label as unknown[]).includes(c) ? 1 : 0));
      if (op === 9) entry.gt_score = [0.5, 0, 0, 0, 1];
    }
  }
  let text = JSON.stringify({ metainfo, data_list: entries }, null, 1).replace(/"@@(.*?)@@"/g, "$1");
  // Keys written twice, which Python's json reads as the last: gt_label before an entry's own (or where it has none),
  // an img_path after it, a whole data_list before the one read.
  if (next() < 0.15) {
    const at = int(entries.length);
    text = text.replace(`"img_path": "images/${at}.jpg"`, (path) => (next() < 0.5 ? `${path},\n   "gt_label": ${JSON.stringify(LABELS[int(LABELS.length)]).replace(/"@@(.*?)@@"/g, "$1")}` : `${path},\n   "img_path": "images/${int(entries.length)}.jpg"`));
  }
  if (next() < 0.08) text = text.replace('\n "data_list": [', `\n "data_list": ${JSON.stringify(annotationEntries().slice(0, 1 + int(2)))},\n "data_list": [`);
  return `${text}\n`;
}

/** The clean annotation file's entries (C = 5, each class positive in several). */
function annotationEntries(): Record<string, unknown>[] {
  const sets = [[0, 1], [1, 2], [2, 3], [3, 4], [4, 0], [0, 2], [1, 3], [2, 4], [0, 3], [1, 4], [0], [1], [2], [3], [4], [0, 1, 2]];
  return sets.map((gt_label, i) => ({ img_path: `images/${i}.jpg`, gt_label }));
}

/** The clean annotation file as `json.dump(indent=1)` writes it. */
const cleanAnnotation = (): string => `${JSON.stringify({ metainfo: { classes: ["sky", "tree", "water", "snow", "road"] }, data_list: annotationEntries() }, null, 1)}\n`;

type Consumer = "paddleclas" | "hashnet" | "deephash" | "mmpretrain";

/** The image paths a file means to list (as the conformance test lays them out). */
function intendedPaths(consumer: Consumer, content: string): string[] {
  const body = content.replace(/^\ufeff/, "");
  // Names as meant: whitespace around one is a mistake the consumer does not strip (so the file is missing).
  if (consumer === "mmpretrain") return [...body.matchAll(/"img_path":\s*"([^"]*)"/g)].map((m) => m[1]!.trim()).filter((p) => p !== "");
  const paths: string[] = [];
  for (const raw of body.split(/\r\n|[\r\n\f\v\x1c\x1d\x1e\x85\u2028\u2029]/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const path = (consumer === "paddleclas" && line.includes("\t") ? line.split("\t")[0]! : line.split(/\s+/)[0]!).trim();
    if (path !== "") paths.push(path);
  }
  return paths;
}

/** The first rows of a fixture or a real list: a clean list every class of which has positives. */
function seedList(consumer: Consumer): string {
  if (consumer === "mmpretrain") return readFileSync(fixture("formats", "sample.json"), "utf8");
  const rows = readFileSync(fixture("nus-wide-scene", "train_list.txt"), "utf8").split("\n").slice(0, 24);
  return `${(consumer === "paddleclas" ? rows : rows.map((r) => r.replace("\t", " ").replace(/,/g, " "))).join("\n")}\n`;
}

/** A whole 1×1 JPEG, which cv2.imdecode and PIL both decode (an SOI, APP0, EOI stub is no image to them, nor to labellint). */
const STUB_JPEG = jpeg(0);
/**
 * A stub image under `root` for each path a file means to list. Paths outside the root (absolute,
 * `..`) and paths with a NUL or a `\` are left missing: the file system cannot hold them there.
 */
function layImages(root: string, paths: Iterable<string>): void {
  for (const path of new Set(paths)) {
    if (path.includes("\0") || path.includes("\\") || isAbsolute(path)) continue;
    const file = join(root, path);
    if (!file.startsWith(root + sep)) continue;
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, STUB_JPEG);
    } catch {
      // A path the file system refuses (a name too long, a file where a folder must be): the image is missing.
    }
  }
}

/**
 * Findings about the sample's classes, not about how a row is read; and a list cut down to no row
 * (no-rows): the oracles read it as an empty dataset, labellint calls training on nothing an error.
 */
const DATA_RULES = new Set(["class-without-positives", "class-always-positive", "rare-class", "no-rows"]);
/**
 * The decided departure (docs/consumers.md, `pc.conflict`): a path listed twice with other labels
 * is an error though every consumer trains on both rows. A mutation that repeats a line and then
 * changes a value of one copy makes one now and then (about 1 in 2,000 mutations).
 */
const DECIDED = new Set(["conflicting-duplicate"]);


const CONSUMERS: { consumer: Consumer; seed: number; classNum?: number; annotation?: true }[] = [
  { consumer: "paddleclas", seed: 11 },
  { consumer: "paddleclas", seed: 21, classNum: 33 },
  { consumer: "hashnet", seed: 12 },
  { consumer: "deephash", seed: 13, classNum: 33 },
  { consumer: "mmpretrain", seed: 14 },
  { consumer: "mmpretrain", seed: 15, annotation: true },
];
/**
 * Mutations per consumer. Larger runs find the rarer readings: `LABELLINT_MUTATIONS=4000
 * LABELLINT_MUTATION_SEED=7 npx vitest run test/consumers/mutations.test.ts` (a few minutes;
 * the seed shifts every consumer's sequence). Two format-sniffing mistakes were found so.
 */
const PER_CONSUMER = Number(process.env.LABELLINT_MUTATIONS ?? 120);
const SEED_SHIFT = Number(process.env.LABELLINT_MUTATION_SEED ?? 0) * 1000;

const scratch = SKIP_REASON === undefined ? mkdtempSync(join(tmpdir(), "labellint-mutations-")) : "";
// A scaled run (LABELLINT_MUTATIONS in the thousands) leaves tens of thousands of files to remove.
afterAll(() => {
  if (scratch !== "") rmSync(scratch, { recursive: true, force: true });
}, 300_000);

describe.skipIf(SKIP_REASON !== undefined)(
  SKIP_REASON === undefined ? "consumer oracles on mutated lists" : `consumer oracles on mutated lists — SKIPPED: ${SKIP_REASON}`,
  () => {
    for (const { consumer, seed, classNum, annotation } of CONSUMERS) {
      it(`${consumer}${classNum !== undefined ? ` (class count ${classNum})` : ""}${annotation ? " (changes of the annotation's structure)" : ""}: ${PER_CONSUMER} mutations, labellint errs exactly where the consumer does`, async () => {
        const next = lcgRandom(seed + SEED_SHIFT);
        const original = seedList(consumer);
        const cases = Array.from({ length: PER_CONSUMER }, (_, n) => {
          const dir = join(scratch, `${consumer}-${seed}-${n}`);
          const root = join(dir, "root");
          mkdirSync(root, { recursive: true });
          const content = annotation ? mutateAnnotation(next) : mutate(original, next);
          const list = join(dir, consumer === "mmpretrain" ? "ann.json" : "list.txt");
          writeFileSync(list, content);
          layImages(root, [...intendedPaths(consumer, original), ...intendedPaths(consumer, content)]);
          const args = ["--list", list, "--image-root", root];
          if (consumer === "hashnet" || consumer === "deephash") args.push("--variant", consumer);
          if (classNum !== undefined) args.push("--class-num", String(classNum));
          return { n, list, root, args, content };
        });
        const verdicts = await runOracleBatch(consumer === "hashnet" || consumer === "deephash" ? "imagelist.py" : `${consumer}.py`, cases.map((c) => c.args));
        const disagreements: string[] = [];
        for (const c of cases) {
          const options: LintOptions = {
            format: consumer === "mmpretrain" ? "json" : consumer === "paddleclas" ? "paddleclas" : "spaced",
            split: "train",
            checkImages: true,
            imageRoot: c.root,
            // The oracle replays one of the two ImageLists: named, as --consumer hashnet or deephash names it.
            ...(consumer === "hashnet" || consumer === "deephash" ? { imagelistReader: consumer } : {}),
            ...(classNum !== undefined ? { numClasses: classNum } : {}),
          };
          const oracle = verdicts[c.n]!;
          let says: string;
          let error: boolean;
          try {
            const result = await lintFile(c.list, options);
            // Where the consumer stops, any error agrees with it (HashNet stops on an empty list: no-rows);
            // where it reads the file, the findings about the sample's classes and the decided departure aside.
            const errors = result.problems.filter((p) => p.severity === "error" && (oracle.outcome !== "ok" || (!DATA_RULES.has(p.rule) && !DECIDED.has(p.rule))));
            error = errors.length > 0;
            says = error ? errors.map((p) => `${p.rule}@${p.line ?? "-"}`).slice(0, 4).join(", ") : "no error";
          } catch (e) {
            error = true;
            says = `fatal: ${(e as Error).message}`;
          }
          if ((oracle.outcome !== "ok") !== error) {
            disagreements.push(`#${c.n}: consumer ${oracle.outcome}${oracle.line !== null ? ` at line ${oracle.line}` : ""} (${oracle.why ?? ""}), labellint ${says}; file ${JSON.stringify(c.content.slice(0, 400))}`);
          }
        }
        expect(disagreements).toEqual([]);
      }, 120_000 + PER_CONSUMER * 60);
    }
  },
);

/**
 * The promise for what fix writes: a corrected list that labellint then
 * passes (no error but the sample's class findings) loads and trains in its
 * consumer. Every mutated line list is fixed (unsafe fixes too, images
 * checked: rows whose image is missing go to the rejects file), the output
 * checked, and every clean output run through the oracle. (It found absolute
 * paths to no image, which ImageList never looked up, kept by fix and passed
 * by check while HashNet and DeepHash-pytorch both stop on them.)
 */
describe.skipIf(SKIP_REASON !== undefined)(
  SKIP_REASON === undefined ? "fix's output on mutated lists" : `fix's output on mutated lists — SKIPPED: ${SKIP_REASON}`,
  () => {
    const FIXED: { consumer: Consumer; seed: number; classNum?: number; annotation?: true }[] = [
      { consumer: "paddleclas", seed: 31, classNum: 33 },
      { consumer: "hashnet", seed: 32 },
      { consumer: "deephash", seed: 33, classNum: 33 },
      // fix writes an annotation file back for an annotation file: mmpretrain must read it as the input meant.
      { consumer: "mmpretrain", seed: 34 },
      { consumer: "mmpretrain", seed: 35, annotation: true },
    ];
    const PER_FIX = Math.max(50, Math.round(PER_CONSUMER / 2.4));
    for (const { consumer, seed, classNum, annotation } of FIXED) {
      it(`${consumer}${annotation ? " (changes of the annotation's structure)" : ""}: ${PER_FIX} mutated lists fixed; every output labellint passes, the consumer reads`, async () => {
        const { fix } = await import("../../src/fixer/fix.js");
        // Absolute paths and '..' among the insertions, so paths outside the root come up.
        const next = lcgRandom(seed + SEED_SHIFT);
        const original = (consumer === "mmpretrain" ? cleanAnnotation() : seedList(consumer)).replace(/^images\/|(?<="img_path": ")images\//gm, () => (next() < 0.15 ? "/images/" : next() < 0.15 ? "../images/" : "images/"));
        const format = consumer === "mmpretrain" ? "json" : consumer === "paddleclas" ? "paddleclas" : "spaced";
        const name = consumer === "mmpretrain" ? "ann.json" : "list.txt";
        const cases = [];
        for (let n = 0; n < PER_FIX; n++) {
          const dir = join(scratch, `fixed-${consumer}-${seed}-${n}`);
          const root = join(dir, "root");
          mkdirSync(root, { recursive: true });
          const content = annotation ? mutateAnnotation(next) : mutate(original, next);
          const list = join(dir, name);
          writeFileSync(list, content);
          // The original rows too: a row joined to the line before it (a lost line break) is one the file means to list.
          layImages(root, [...intendedPaths(consumer, original), ...intendedPaths(consumer, content)]);
          const options: LintOptions = {
            format,
            consumer: consumer === "paddleclas" || consumer === "mmpretrain" ? consumer : "imagelist",
            ...(consumer === "hashnet" || consumer === "deephash" ? { imagelistReader: consumer } : {}),
            split: "train",
            checkImages: true,
            imageRoot: root,
            ...(classNum !== undefined ? { numClasses: classNum } : {}),
          };
          const out = join(dir, consumer === "mmpretrain" ? "fixed.json" : "fixed.txt");
          try {
            // Every row rejected: nothing is written, nothing to train on.
            if ((await fix(list, { ...options, out, unsafeFixes: true, force: true })).refused !== undefined) continue;
          } catch {
            continue; // a fatal error writes nothing: nothing to train on
          }
          const checked = await lintFile(out, options);
          // A list fixed down to no row is an error (no-rows) here: there is nothing to train on.
          const errors = checked.problems.filter((p) => p.severity === "error" && (p.rule === "no-rows" || !DATA_RULES.has(p.rule)));
          if (errors.length > 0) continue;
          const args = ["--list", out, "--image-root", root];
          if (consumer === "hashnet" || consumer === "deephash") args.push("--variant", consumer);
          if (classNum !== undefined) args.push("--class-num", String(classNum));
          cases.push({ n, args, content, fixed: readFileSync(out, "utf8") });
        }
        // Most outputs are clean: the property is tested on them, not on a few. (A byte inserted
        // into JSON text mostly breaks its syntax, which fix refuses: about one annotation file in four is fixed.)
        expect(cases.length).toBeGreaterThan(PER_FIX * (consumer === "mmpretrain" && !annotation ? 0.15 : 0.8));
        const verdicts = await runOracleBatch(consumer === "hashnet" || consumer === "deephash" ? "imagelist.py" : `${consumer}.py`, cases.map((c) => c.args));
        const broken = cases.flatMap((c, i) => {
          const v = verdicts[i]!;
          return v.outcome === "ok" ? [] : [`#${c.n}: labellint passes the fixed list, the consumer ${v.outcome}s${v.line !== null ? ` at line ${v.line}` : ""} (${v.why ?? ""}); input ${JSON.stringify(c.content.slice(0, 300))}`];
        });
        expect(broken).toEqual([]);
      }, 120_000 + PER_FIX * 150);
    }
  },
);

/**
 * The same promise for what split writes from an annotation file: each split is an annotation file
 * (its entries as written, the input's metainfo), and every split labellint passes loads and trains
 * in mmpretrain. Rows with an error go to rejects.tsv, not into a split.
 */
describe.skipIf(SKIP_REASON !== undefined)(
  SKIP_REASON === undefined ? "split's output on mutated annotation files" : `split's output on mutated annotation files — SKIPPED: ${SKIP_REASON}`,
  () => {
    const PER_SPLIT = Math.max(40, Math.round(PER_CONSUMER / 3));
    it(`mmpretrain: ${PER_SPLIT} mutated annotation files split; every split labellint passes, the consumer reads`, async () => {
      const { split } = await import("../../src/split/split.js");
      const next = lcgRandom(36 + SEED_SHIFT);
      const cases: { n: number; args: string[]; content: string }[] = [];
      let splitRuns = 0;
      for (let n = 0; n < PER_SPLIT; n++) {
        const dir = join(scratch, `split-mmpretrain-${n}`);
        const root = join(dir, "root");
        mkdirSync(root, { recursive: true });
        const content = mutateAnnotation(next);
        const list = join(dir, "ann.json");
        writeFileSync(list, content);
        layImages(root, intendedPaths("mmpretrain", content));
        const options: LintOptions = { format: "json", consumer: "mmpretrain", split: "train", checkImages: true, imageRoot: root };
        const out = join(dir, "splits");
        let perSplit: readonly number[];
        try {
          perSplit = (await split(list, { ...options, ratios: [0.7, 0.3], outDir: out })).counts.perSplit;
        } catch {
          continue; // refused (nothing to split): nothing written, nothing to train on
        }
        splitRuns++;
        for (const [k, name] of ["train.json", "eval.json"].entries()) {
          const file = join(out, name);
          if (perSplit[k] === 0) continue;
          const checked = await lintFile(file, options);
          if (checked.problems.some((p) => p.severity === "error" && !DATA_RULES.has(p.rule))) continue;
          cases.push({ n, args: ["--list", file, "--image-root", root], content });
        }
      }
      expect(splitRuns).toBeGreaterThan(PER_SPLIT * 0.8);
      expect(cases.length).toBeGreaterThan(PER_SPLIT);
      const verdicts = await runOracleBatch("mmpretrain.py", cases.map((c) => c.args));
      const broken = cases.flatMap((c, i) => {
        const v = verdicts[i]!;
        return v.outcome === "ok" ? [] : [`#${c.n} ${c.args[1]}: labellint passes the split, mmpretrain ${v.outcome}s${v.line !== null ? ` at line ${v.line}` : ""} (${v.why ?? ""}); input ${JSON.stringify(c.content.slice(0, 300))}`];
      });
      expect(broken).toEqual([]);
    }, 120_000 + PER_CONSUMER * 200);
  },
);

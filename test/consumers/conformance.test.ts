/**
 * Conformance: labellint's severities against what each consumer really does.
 *
 * For every case in `cases.ts` the harness writes the case's exact bytes to a
 * temporary directory, creates the image files it lists under an image root
 * (a stub JPEG each; `undecodable` ones hold bytes no decoder accepts), then:
 *
 *  1. runs the consumer's oracle (`python3 test/consumers/oracles/<consumer>.py
 *     --list FILE --image-root DIR …`), a faithful replay of the consumer's
 *     reading path that prints `{outcome: ok|crash|silent, stage, exception,
 *     line, rows, why}`, and checks it says what the case records (the fact
 *     docs/consumers.md quotes the source for);
 *  2. lints the same file with `lintFile` (format `paddleclas`, `spaced` for the
 *     ImageList readers, `json` for mmpretrain; `numClasses` = the case's class
 *     count; `split: "train"`; default rules; `checkImages` under the same root,
 *     since the consumers' existence checks are part of what they do);
 *  3. compares the verdicts. An oracle `crash` or `silent` means labellint must
 *     report at least one `error` (for a crash while loading, preferably on the
 *     oracle's line: a different line is shown in the table, not failed). An
 *     oracle `ok` means the consumer trains on exactly what the file says (the
 *     oracles say `silent` whenever a value, a sample or a width is not what the
 *     file wrote), so labellint must report no `error` — warnings are fine.
 *     A labellint fatal error (LabellintError: exit 2) counts as an error;
 *  4. for a case with a `message`, checks that some finding's message (or the
 *     fatal error's) contains it: labellint says what the consumer does.
 *
 * Every case names the consumer code it models (`source`) and the fact rows of
 * docs/consumers.md it covers (`facts`, the ids in the first column of the
 * doc's fact tables). "every consumer fact in docs/consumers.md has a case"
 * reads the doc's tables whose first column is `id` and fails when a row has
 * no case, a case names an id no row has, or an id is missing or repeated; it
 * needs neither Python nor the oracles. To add a fact: add the row with a new
 * id to the doc, and a case in cases.ts that lists that id in `facts`.
 *
 * Cases where today's labellint disagrees are listed in
 * EXPECTED_TO_DISAGREE_TODAY and run with `it.fails`, so the suite stays green;
 * when a consumer model makes one agree, its `it.fails` fails: remove the case
 * from the list. Cases whose finding does not (yet) say what the consumer
 * does are listed in MESSAGE_WRONG_TODAY the same way. The table of
 * disagreements, with the source line each case models, is printed after the run.
 *
 * Run: `npx vitest run test/consumers` (needs python3 with numpy; without them
 * the whole file is skipped and the describe title says why). One case by hand:
 * `python3 test/consumers/oracles/paddleclas.py --list FILE --image-root DIR
 * [--label-ratio] [--weight-ratio] [--class-num C]`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lintFile } from "../../src/engine/lint.js";
import { LabellintError } from "../../src/errors.js";
import type { FileResult } from "../../src/types.js";
import type { LintOptions } from "../../src/engine/options.js";
import { ROOT } from "../shared.js";
import { CASES, caseId, type ConsumerCase } from "./cases.js";
import { jpeg } from "../../scripts/make-image-fixtures.mjs";
import { pythonProblem, runOracleBatch, type OracleVerdict } from "./oracle-run.js";

/**
 * Cases where labellint's verdict differs from the consumer's, on purpose or
 * not yet modelled, each with its reason (by `caseId`). They run with
 * `it.fails`: when one starts to agree, its test fails — remove it here.
 */
const EXPECTED_TO_DISAGREE_TODAY: ReadonlyMap<string, string> = new Map<string, string>([
  // Decided: the file states two label sets for one image; the consumer trains on both as written,
  // but a list whose rows contradict each other is reported as an error (conflicting-duplicate).
  ["paddleclas: duplicate path with different labels", "conflicting-duplicate stays an error: the rows contradict each other"],
]);

/**
 * Cases where labellint's verdict agrees but its message does not say what the
 * consumer does (the `message` is what it should say), each with what it says
 * instead (by `caseId`). They run with `it.fails`: when the message is right,
 * the test fails — remove the case here.
 */
const MESSAGE_WRONG_TODAY: ReadonlyMap<string, string> = new Map<string, string>([
]);


interface LabellintVerdict {
  fatal?: string;
  errors: { line: number | null; rule: string }[];
  warnings: number;
  /** Every finding's message (and a fatal error's), as `severity rule: message`. */
  messages: string[];
}

interface Outcomes {
  oracle: OracleVerdict;
  labellint: LabellintVerdict;
}

const SKIP_REASON = pythonProblem();

/** A whole 1×1 JPEG, which cv2.imdecode and PIL both decode (an SOI, APP0, EOI stub is no image to them, nor to labellint). */
const STUB_JPEG = jpeg(0);
const NOT_AN_IMAGE = Buffer.from("this is not an image\n");

const FORMAT: Record<ConsumerCase["consumer"], NonNullable<LintOptions["format"]>> = {
  paddleclas: "paddleclas",
  hashnet: "spaced",
  deephash: "spaced",
  mmpretrain: "json",
};

/** The image paths a case's file means to list (what "all" creates). */
function intendedPaths(c: ConsumerCase, content: Buffer): string[] {
  const body = content.toString("utf8").replace(/^\ufeff/, "");
  if (c.consumer === "mmpretrain") return [...body.matchAll(/"img_path":\s*"([^"]*)"/g)].map((m) => m[1]!);
  const paths: string[] = [];
  for (const raw of body.split(/\r\n|[\r\n\f\v\x1c\x1d\x1e\x85\u2028\u2029]/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const path = (c.consumer === "paddleclas" && line.includes("\t") ? line.split("\t")[0]! : line.split(/\s+/)[0]!).trim();
    if (path !== "") paths.push(path);
  }
  return paths;
}

function layOut(c: ConsumerCase, dir: string): { list: string; root: string } {
  const root = join(dir, "root");
  mkdirSync(root, { recursive: true });
  const content = typeof c.content === "string" ? Buffer.from(c.content.replaceAll("@ROOT@", root), "utf8") : c.content;
  const list = join(dir, c.fileName ?? (c.consumer === "mmpretrain" ? "ann.json" : "list.txt"));
  writeFileSync(list, content);
  const images = c.images === undefined || c.images === "all" ? intendedPaths(c, content) : c.images;
  for (const path of new Set([...images, ...(c.undecodable ?? [])])) {
    if (path.includes("\0")) continue;
    const file = isAbsolute(path) ? path : join(root, path);
    if (!file.startsWith(root + sep)) continue;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, c.undecodable?.includes(path) ? NOT_AN_IMAGE : STUB_JPEG);
  }
  return { list, root };
}

/** The oracle's command-line arguments for a laid-out case. */
function oracleArgs(c: ConsumerCase, list: string, root: string): string[] {
  const args = ["--list", list, "--image-root", root];
  if (c.consumer === "hashnet" || c.consumer === "deephash") args.push("--variant", c.consumer);
  if (c.classNum !== undefined) args.push("--class-num", String(c.classNum));
  if (c.labelRatio) args.push("--label-ratio");
  if (c.weightRatio) args.push("--weight-ratio");
  for (const path of c.undecodable ?? []) args.push("--undecodable", path);
  return args;
}

const oracleScript = (c: ConsumerCase): string => (c.consumer === "hashnet" || c.consumer === "deephash" ? "imagelist.py" : `${c.consumer}.py`);


async function runLabellint(c: ConsumerCase, list: string, root: string): Promise<LabellintVerdict> {
  const options: LintOptions = {
    format: FORMAT[c.consumer],
    split: "train",
    checkImages: true,
    imageRoot: root,
    // The oracle replays one of the two ImageLists: named, as --consumer hashnet or deephash names it (where each looks for an absolute path).
    ...(c.consumer === "hashnet" || c.consumer === "deephash" ? { imagelistReader: c.consumer } : {}),
    ...(c.classNum !== undefined ? { numClasses: c.classNum } : {}),
    ...(c.labelRatio && c.weightRatio ? { minusOneMasked: "Loss.Train[0].MultiLabelLoss.weight_ratio in ppcls_config.yaml" } : {}),
  };
  let result: FileResult;
  try {
    result = await lintFile(list, options);
  } catch (error) {
    if (error instanceof LabellintError) return { fatal: `${error.code}: ${error.message}`, errors: [], warnings: 0, messages: [`fatal ${error.code}: ${error.message}`] };
    throw error;
  }
  return {
    errors: result.problems.filter((p) => p.severity === "error").map((p) => ({ line: p.line ?? null, rule: p.rule })),
    warnings: result.problems.filter((p) => p.severity === "warn").length,
    messages: result.problems.map((p) => `${p.severity} ${p.rule}${p.line !== undefined ? `@${p.line}` : ""}: ${p.message}`),
  };
}

const consumerSaysBad = (o: OracleVerdict): boolean => o.outcome !== "ok";
const labellintSaysError = (l: LabellintVerdict): boolean => l.fatal !== undefined || l.errors.length > 0;
const agrees = ({ oracle, labellint }: Outcomes): boolean => consumerSaysBad(oracle) === labellintSaysError(labellint);
/** Does some finding's message say what the case's `message` says? (true when the case has none) */
const saysMessage = (c: ConsumerCase, l: LabellintVerdict): boolean => c.message === undefined || l.messages.some((m) => m.includes(c.message!));

function describeOracle(o: OracleVerdict): string {
  if (o.outcome === "ok") return "ok";
  const where = o.line !== null ? ` line ${o.line}` : "";
  return `${o.outcome} at ${o.stage}${o.exception ? ` (${o.exception})` : ""}${where}`;
}

function describeLabellint(l: LabellintVerdict): string {
  if (l.fatal !== undefined) return `fatal ${l.fatal.split(":")[0]}`;
  if (l.errors.length === 0) return l.warnings > 0 ? `no error (${l.warnings} warn)` : "no error";
  const rules = [...new Set(l.errors.map((e) => (e.line !== null ? `${e.rule}@${e.line}` : e.rule)))];
  return `error: ${rules.slice(0, 4).join(", ")}${rules.length > 4 ? ", …" : ""}`;
}

/** For a crash while loading with a line: does labellint put an error on that line? */
function lineNote({ oracle, labellint }: Outcomes): string {
  if (oracle.outcome !== "crash" || oracle.stage !== "load" || oracle.line === null || labellint.errors.length === 0) return "";
  return labellint.errors.some((e) => e.line === oracle.line) ? "" : `no error on line ${oracle.line}`;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ").trimEnd()).join("\n");
}

const results = new Map<string, Outcomes>();

describe.skipIf(SKIP_REASON !== undefined)(
  SKIP_REASON === undefined ? "consumer conformance" : `consumer conformance — SKIPPED: ${SKIP_REASON}`,
  () => {
    let scratch = "";
    beforeAll(async () => {
      const ids = new Set<string>();
      for (const c of CASES) {
        expect(ids.has(caseId(c)), `duplicate case ${caseId(c)}`).toBe(false);
        ids.add(caseId(c));
      }
      scratch = mkdtempSync(join(tmpdir(), "labellint-consumers-"));
      const laidOut = CASES.map((c, i) => ({ c, ...layOut(c, join(scratch, String(i))) }));
      const verdicts = new Map<ConsumerCase, OracleVerdict>();
      // One Python process per oracle (start-up dominates a case's cost).
      for (const script of new Set(CASES.map(oracleScript))) {
        const group = laidOut.filter(({ c }) => oracleScript(c) === script);
        const found = await runOracleBatch(script, group.map(({ c, list, root }) => oracleArgs(c, list, root)));
        group.forEach(({ c }, i) => verdicts.set(c, found[i]!));
      }
      for (const { c, list, root } of laidOut) results.set(caseId(c), { oracle: verdicts.get(c)!, labellint: await runLabellint(c, list, root) });
    }, 600_000);

    afterAll(() => {
      if (scratch !== "") rmSync(scratch, { recursive: true, force: true });
      const rows = [["case", "source", "consumer does", "labellint says", "status", "note"]];
      for (const c of CASES) {
        const outcome = results.get(caseId(c));
        if (outcome === undefined || c.configOnly !== undefined) continue;
        const ok = agrees(outcome);
        const known = EXPECTED_TO_DISAGREE_TODAY.has(caseId(c));
        const said = saysMessage(c, outcome.labellint);
        const messageKnown = MESSAGE_WRONG_TODAY.has(caseId(c));
        const messageNote = messageKnown
          ? said
            ? "MESSAGE RIGHT NOW: remove from MESSAGE_WRONG_TODAY"
            : `message wrong (known): ${MESSAGE_WRONG_TODAY.get(caseId(c))}`
          : said
            ? ""
            : `MESSAGE MISSING (new): no finding says '${c.message}'`;
        const note = [lineNote(outcome), EXPECTED_TO_DISAGREE_TODAY.get(caseId(c)) ?? "", messageNote].filter((n) => n !== "").join("; ");
        if (ok && !known && note === "") continue;
        const status = ok ? (known ? "AGREES NOW: remove from list" : "agrees") : known ? "disagrees (known)" : "DISAGREES (new)";
        rows.push([caseId(c), c.source, describeOracle(outcome.oracle), describeLabellint(outcome.labellint), status, note]);
      }
      const compared = CASES.filter((c) => results.has(caseId(c)) && c.configOnly === undefined);
      const agreeing = compared.filter((c) => agrees(results.get(caseId(c))!)).length;
      console.log(`\nconsumer conformance: ${agreeing} of ${compared.length} cases agree\n${rows.length > 1 ? table(rows) : "(no disagreement)"}\n`);
    });

    describe("the oracles state the verified consumer facts", () => {
      for (const c of CASES) {
        it(caseId(c), () => {
          const outcome = results.get(caseId(c));
          expect(outcome, "the case did not run").toBeDefined();
          const { oracle } = outcome!;
          const seen = { outcome: oracle.outcome, ...(c.expect.stage ? { stage: oracle.stage } : {}), ...(c.expect.exception ? { exception: oracle.exception } : {}), ...(c.expect.line ? { line: oracle.line } : {}) };
          expect(seen, oracle.why ?? oracle.message ?? "").toEqual(c.expect);
        });
      }
    });

    describe("labellint reports an error exactly when the consumer crashes or trains on something else", () => {
      for (const c of CASES) {
        if (c.configOnly !== undefined) {
          it.skip(`${caseId(c)} — a config defect lintFile cannot see (${c.configOnly})`, () => {});
          continue;
        }
        const test = EXPECTED_TO_DISAGREE_TODAY.has(caseId(c)) ? it.fails : it;
        test(caseId(c), () => {
          const outcome = results.get(caseId(c));
          expect(outcome, "the case did not run").toBeDefined();
          expect(agrees(outcome!), `consumer: ${describeOracle(outcome!.oracle)}; labellint: ${describeLabellint(outcome!.labellint)}`).toBe(true);
        });
      }
    });

    describe("labellint says what the consumer does", () => {
      for (const c of CASES) {
        if (c.message === undefined) continue;
        const test = MESSAGE_WRONG_TODAY.has(caseId(c)) ? it.fails : it;
        test(caseId(c), () => {
          const outcome = results.get(caseId(c));
          expect(outcome, "the case did not run").toBeDefined();
          expect(outcome!.labellint.messages.some((m) => m.includes(c.message!)), `no finding says '${c.message}' (${c.source}); labellint said:\n${outcome!.labellint.messages.join("\n")}`).toBe(true);
        });
      }
    });
  },
);

/**
 * The fact rows of docs/consumers.md: the body rows of every table whose first
 * column is headed `id`, each with its id (a code span in the first cell, or
 * undefined when the cell is not one).
 */
function docFactRows(markdown: string): { tables: number; rows: { id: string | undefined; line: number; text: string }[] } {
  const lines = markdown.split("\n");
  const rows: { id: string | undefined; line: number; text: string }[] = [];
  let tables = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!/^\|\s*id\s*\|/.test(lines[i]!)) continue;
    tables++;
    for (let j = i + 2; j < lines.length && lines[j]!.startsWith("|"); j++) {
      const first = lines[j]!.split("|")[1]!.trim();
      rows.push({ id: /^`([a-z]+\.[a-z0-9-]+)`$/.exec(first)?.[1], line: j + 1, text: lines[j]!.slice(0, 80) });
    }
  }
  return { tables, rows };
}

/** The repositories docs/consumers.md names a commit for (`| … | owner/name | `commit` |`). */
function docRepositories(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^\|[^|\n]*\|\s*([\w.-]+\/[\w.-]+)\s*\|\s*`[0-9a-f]{7,40}`\s*\|$/gm)].map((m) => m[1]!));
}

/** One reference of a case's `source`: `owner/repo path:lines` or `python: …` (or numpy, torch, paddle). */
const SOURCE_PART = /^(?:(?:python|numpy|torch|paddle): \S.*|([\w.-]+\/[\w.-]+) [\w./-]+\.py:\d+(?:-\d+)?(?:, \d+(?:-\d+)?)*)$/;

describe("every consumer fact in docs/consumers.md has a case", () => {
  const markdown = readFileSync(join(ROOT, "docs", "consumers.md"), "utf8");
  const { tables, rows } = docFactRows(markdown);
  const ids = rows.map((r) => r.id).filter((id): id is string => id !== undefined);

  it("the doc's fact tables give every row a unique id", () => {
    expect(tables, "tables headed | id | (Python facts, PaddleClas, ImageList, mmpretrain)").toBeGreaterThanOrEqual(4);
    expect(rows.filter((r) => r.id === undefined).map((r) => `line ${r.line}: ${r.text}`), "rows without an id").toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i), "repeated ids").toEqual([]);
  });

  it("every fact row is modelled by at least one case", () => {
    const covered = new Set(CASES.flatMap((c) => c.facts));
    expect(ids.filter((id) => !covered.has(id)), "fact rows no case lists in `facts`").toEqual([]);
  });

  it("every case names fact rows the doc has (none only for a clean baseline)", () => {
    const known = new Set(ids);
    expect(CASES.flatMap((c) => c.facts.filter((f) => !known.has(f)).map((f) => `${caseId(c)}: ${f}`)), "unknown fact ids").toEqual([]);
    expect(CASES.filter((c) => c.facts.length === 0 && c.expect.outcome !== "ok").map(caseId), "cases with no fact row").toEqual([]);
  });

  it("every case names the consumer code it models, in a repository the doc gives a commit for", () => {
    const repositories = docRepositories(markdown);
    expect(repositories.size).toBeGreaterThanOrEqual(6);
    const bad: string[] = [];
    for (const c of CASES) {
      for (const part of c.source.split("; ")) {
        const match = SOURCE_PART.exec(part);
        if (match === null) bad.push(`${caseId(c)}: '${part}' is not 'owner/repo path:lines' or 'python: …'`);
        else if (match[1] !== undefined && !repositories.has(match[1])) bad.push(`${caseId(c)}: ${match[1]} has no commit in docs/consumers.md`);
      }
    }
    expect(bad).toEqual([]);
  });
});

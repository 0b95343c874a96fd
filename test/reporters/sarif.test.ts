import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ValidateFunction } from "ajv";
import ajvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { VERSION, lint, lintText, summarise } from "../../src/engine/lint.js";
import { artifactUri, chooseResults, formatSarif } from "../../src/reporters/sarif.js";
import { SARIF_MAX_RESULTS } from "../../src/reporters/types.js";
import { resultOf } from "./hand-made.js";
import { allRules } from "../../src/rules/index.js";
import type { LintResult, Problem } from "../../src/types.js";
import { fixture, SHARED } from "../shared.js";

const SCHEMA_PATH = join(SHARED, "data", "schemas", "sarif-schema-2.1.0.json");
const HAS_SCHEMA = existsSync(SCHEMA_PATH);
const SCHEMA_SKIP_REASON = `${SCHEMA_PATH} not found: skipping validation against the OASIS SARIF 2.1.0 schema`;
if (!HAS_SCHEMA) console.warn(SCHEMA_SKIP_REASON);

// CommonJS modules whose export is also their own `.default`: this works under Node's ESM and vite alike.
const Ajv04 = ajvDraft04.default;
const addFormats = ajvFormats.default;

let compiled: ValidateFunction | undefined;
function schemaValidator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as object);
  compiled = validate;
  return validate;
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn?: number } } }[];
  partialFingerprints: Record<string, string>;
  properties?: Record<string, unknown>;
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: { tool: { driver: { name: string; version: string; rules: Record<string, unknown>[] } }; results: SarifResult[] }[];
}

const parse = (result: LintResult): SarifLog => JSON.parse(formatSarif(result)) as SarifLog;

const DEFECTS = fixture("defects", "train_list.txt");
const DISPLAY = "fixtures/defects/train_list.txt";

const defects = () => lint([{ path: DEFECTS, displayPath: DISPLAY }]);
const clean = async () => summarise([await lintText("a.jpg\t0,1\nb.jpg\t1,0\n", { rules: { "rare-class": "off" } }, "clean.txt")]);

describe("sarif reporter", () => {
  describe.skipIf(!HAS_SCHEMA)(`against the OASIS schema (${HAS_SCHEMA ? "present" : SCHEMA_SKIP_REASON})`, () => {
    it("is valid SARIF 2.1.0 for the defects sample", async () => {
      const validate = schemaValidator();
      const log = parse(await defects());
      expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
      expect(log.runs[0]!.results.length).toBeGreaterThan(10);
    });

    it("is valid SARIF 2.1.0 for a clean file, with no results", async () => {
      const validate = schemaValidator();
      const log = parse(await clean());
      expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
      expect(log.runs[0]!.results).toEqual([]);
    });

    it("stays valid for edge cases: empty file, BOM + CRLF, invalid bytes, odd file names", async () => {
      const validate = schemaValidator();
      const files = await Promise.all([
        lintText("", {}, "empty.txt"),
        lintText("\uFEFFa.jpg\t0,1\r\nb.jpg\t1,0", {}, "data/bom crlf.txt"),
        lintText(Buffer.from([0x61, 0x09, 0x30, 0x2c, 0xff, 0x0a, 0x62, 0x00, 0x09, 0x31, 0x0a]), {}, "c:odd#name%.txt"),
      ]);
      const log = parse(summarise(files));
      expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    });

    it("is checked by a validator that does reject broken SARIF", async () => {
      const log = parse(await defects());
      log.runs[0]!.results[0]!.level = "warn";
      expect(schemaValidator()(log)).toBe(false);
    });
  });

  it("describes the tool and every registered rule, in registry order", async () => {
    const log = parse(await clean());
    expect(log.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(log.version).toBe("2.1.0");
    const driver = log.runs[0]!.tool.driver;
    expect(driver).toMatchObject({ name: "labellint", version: VERSION });
    const levels = { error: "error", warn: "warning", off: "none" } as const;
    expect(driver.rules).toHaveLength(allRules.length);
    allRules.forEach(({ meta }, i) => {
      expect(driver.rules[i]).toMatchObject({
        id: meta.code,
        name: meta.name,
        shortDescription: { text: meta.description },
        helpUri: `https://github.com/labellint/labellint/blob/main/docs/rules/${meta.name}.md`,
        defaultConfiguration: { level: levels[meta.defaultSeverity] },
      });
    });
  });

  it("points each result at its rule, file and line, with the right level", async () => {
    const log = parse(await defects());
    const { rules } = log.runs[0]!.tool.driver;
    const results = log.runs[0]!.results;
    for (const r of results) {
      expect(rules[r.ruleIndex]!["id"]).toBe(r.ruleId);
      expect(r.locations[0]!.physicalLocation.artifactLocation.uri).toBe(DISPLAY);
    }
    const missingSeparator = results.find((r) => r.ruleId === "LL101")!;
    expect(missingSeparator).toMatchObject({ level: "error", locations: [{ physicalLocation: { region: { startLine: 10, startColumn: 27 } } }] });
    // PaddleClas's np.int64 rejects '1.0'; it reads a list of '0, 1' as intended.
    expect(results.find((r) => r.ruleId === "LL202")!.level).toBe("error");
    expect(results.find((r) => r.ruleId === "LL106")!.level).toBe("warning");
    expect(results.find((r) => r.ruleId === "LL202")!.properties).toEqual({ consumer: "paddleclas" });
  });

  it("puts dataset findings on line 1, as GitHub code scanning wants a region on every result", async () => {
    const results = parse(await defects()).runs[0]!.results;
    const rare = results.filter((r) => r.ruleId === "LL307");
    expect(rare.length).toBeGreaterThan(0);
    for (const r of rare) expect(r.locations[0]!.physicalLocation.region).toEqual({ startLine: 1 });
    for (const r of results) expect(r.locations[0]!.physicalLocation.region?.startLine, `${r.ruleId} ${r.message.text}`).toBeGreaterThanOrEqual(1);
  });

  it("keeps fingerprints when a blank line inserted above shifts every line", async () => {
    const text = readFileSync(DEFECTS, "utf8");
    const before = parse(summarise([await lintText(text, {}, DISPLAY)])).runs[0]!.results;
    const after = parse(summarise([await lintText(`\n${text}`, {}, DISPLAY)])).runs[0]!.results;
    const print = (r: SarifResult) => r.partialFingerprints["labellint/v1"]!;
    const byPrint = new Map(after.map((r) => [print(r), r]));
    // Blank lines have no image to name them, so only the other findings are matched one to one.
    const matched = before.filter((r) => r.ruleId !== "LL004");
    expect(matched.length).toBeGreaterThan(10);
    const datasetLevel = new Set(allRules.filter((rule) => rule.meta.scope === "dataset").map((rule) => rule.meta.code));
    for (const r of matched) {
      const moved = byPrint.get(print(r));
      expect(moved, `${r.ruleId} ${r.message.text}`).toBeDefined();
      expect(moved!.ruleId).toBe(r.ruleId);
      const line = r.locations[0]!.physicalLocation.region!.startLine;
      // A dataset finding stays on line 1; a line finding moves down with its line.
      expect(moved!.locations[0]!.physicalLocation.region!.startLine).toBe(datasetLevel.has(r.ruleId) ? 1 : line + 1);
    }
  });

  describe("more findings than code scanning takes in a run (25,000: an upload with more is rejected)", () => {
    // A file with 30,000 errors of one rule, 3 of another and 40 warnings; a second file with 2 errors.
    const finding = (rule: string, severity: Problem["severity"], line: number): Problem => ({ code: rule === "non-binary-value" ? "LL201" : rule === "label-count" ? "LL101" : "LL301", rule, severity, message: `${rule} ${line}`, line, column: 1 });
    const big = [
      ...Array.from({ length: 30_000 }, (_, i) => finding("non-binary-value", "error", i + 1)),
      ...[5, 20_000, 29_999].map((line) => finding("label-count", "error", line)),
      ...Array.from({ length: 40 }, (_, i) => finding("empty-labelset", "warn", i + 1)),
    ];
    const result = () => resultOf([{ path: "train_list.txt", problems: big }, { path: "val_list.txt", problems: [finding("label-count", "error", 7), finding("label-count", "error", 9)] }]);

    it("writes 25,000 results: errors first, every rule of every file its share, the first of each in order", () => {
      const log = parse(result());
      const results = log.runs[0]!.results;
      expect(results).toHaveLength(SARIF_MAX_RESULTS);
      const where = (r: SarifResult) => `${r.locations[0]!.physicalLocation.artifactLocation.uri} ${r.ruleId}`;
      const tally = new Map<string, number>();
      for (const r of results) tally.set(where(r), (tally.get(where(r)) ?? 0) + 1);
      expect(Object.fromEntries(tally)).toEqual({ "train_list.txt LL201": 24_995, "train_list.txt LL101": 3, "val_list.txt LL101": 2 });
      // The first of each group, in listing order: lines 1 … 24,995 of the big rule.
      expect(results.filter((r) => r.ruleId === "LL201").map((r) => r.locations[0]!.physicalLocation.region.startLine)).toEqual(Array.from({ length: 24_995 }, (_, i) => i + 1));
      expect(results.some((r) => r.level === "warning")).toBe(false);
    });

    it("keeps each written result's fingerprint, and says in a notification what was left out", () => {
      const capped = parse(result()).runs[0]!;
      const all = parse(resultOf([{ path: "train_list.txt", problems: big.slice(0, 10) }])).runs[0]!;
      expect(capped.results.slice(0, 10).map((r) => r.partialFingerprints)).toEqual(all.results.map((r) => r.partialFingerprints));
      const notes = (capped as unknown as { invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[] }).invocations;
      expect(notes).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [{ level: "note", message: { text: expect.stringMatching(/^25,000 of 30,045 findings \(30,005 errors, 40 warnings\) are results here: code scanning rejects a run of more than 25,000 results, so errors come first and each rule of a file keeps a share; labellint check --reporter json lists every finding$/) } }] }]);
      expect("invocations" in all).toBe(false);
      if (HAS_SCHEMA) expect(schemaValidator()(parse(result()))).toBe(true);
    });

    it("shares out a budget smaller than the groups", () => {
      const files = [{ path: "a", problems: [...big.slice(0, 10), ...big.slice(30_000, 30_003)] }];
      const masks = chooseResults(files as never, 5);
      // Two groups (10 and 3 errors) and five places: three and two, the spare to the first.
      expect([...masks[0]!]).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0]);
      expect(chooseResults(files as never, 13)).toEqual([undefined]);
    });
  });

  it("gives every result of a run its own fingerprint", async () => {
    const results = parse(await defects()).runs[0]!.results;
    const prints = results.map((r) => r.partialFingerprints["labellint/v1"]);
    expect(new Set(prints).size).toBe(prints.length);
    for (const p of prints) expect(p).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ["fixtures/defects/train_list.txt", "fixtures/defects/train_list.txt"],
    ["data/my labels.txt", "data/my%20labels.txt"],
    ["c:labels#1%.txt", "c%3Alabels%231%25.txt"],
    ["<stdin>", "%3Cstdin%3E"],
    ["/abs/path/train list.txt", "file:///abs/path/train%20list.txt"],
  ])("writes the path %j as the URI %j", (path, uri) => {
    if (process.platform === "win32" && path.startsWith("/")) return;
    expect(artifactUri(path)).toBe(uri);
  });
});

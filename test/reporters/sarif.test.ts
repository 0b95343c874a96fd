import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ValidateFunction } from "ajv";
import ajvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { VERSION, lint, lintText, summarise } from "../../src/engine/lint.js";
import { artifactUri, formatSarif } from "../../src/reporters/sarif.js";
import { allRules } from "../../src/rules/index.js";
import type { LintResult } from "../../src/types.js";
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

import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { lint, lintText, summarise } from "../../src/engine/lint.js";
import { escapeAttribute, escapeText, formatJunit } from "../../src/reporters/junit.js";
import { allRules } from "../../src/rules/index.js";
import type { LintResult, Problem } from "../../src/types.js";
import { fixture } from "../shared.js";
import { resultOf } from "./hand-made.js";

interface TestCase {
  classname: string;
  name: string;
  failure?: { "#text": string; message: string; type: string };
  "system-out"?: string;
}

interface TestSuite {
  name: string;
  tests: string;
  failures: string;
  testcase: TestCase[];
  "system-out": string;
}

interface Report {
  testsuites: { name: string; tests: string; failures: string; testsuite: TestSuite[] };
}

// XML 1.0 forbids these characters even as references; a well-formed report has none.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  htmlEntities: true,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => name === "testsuite" || name === "testcase" || name === "property",
});

/** Checks well-formedness, then returns the parsed report. */
function parse(xml: string): Report {
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(xml).not.toMatch(NOT_XML);
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  return parser.parse(xml) as Report;
}

const defects = () => lint([{ path: fixture("defects", "train_list.txt"), displayPath: "fixtures/defects/train_list.txt" }]);
// Rules of other input formats (a CSV reader's) get no case in a paddleclas file's suite.
// A label file's suite: every default-on rule that checks label files of its format (config rules check configs).
const enabledByDefault = allRules.filter((r) => r.meta.defaultSeverity !== "off" && r.meta.formats === undefined && r.meta.scope !== "config").map((r) => `${r.meta.code} ${r.meta.name}`);

/** A one-file result around hand-made problems, to test escaping apart from the rules. */
const resultOfFile = (path: string, problems: Problem[]): LintResult => resultOf([{ path, problems }]);

describe("junit reporter", () => {
  it("writes one suite per file and one case per default-on rule, all passing on a clean run", async () => {
    const files = await Promise.all([
      lintText("a.jpg\t0,1\nb.jpg\t1,0\n", { rules: { "rare-class": "off" } }, "train.txt"),
      lintText("c.jpg\t1,1\nd.jpg\t0,1\n", { rules: { "rare-class": "off" } }, "eval.txt"),
    ]);
    const report = parse(formatJunit(summarise(files)));
    expect(report.testsuites).toMatchObject({ name: "labellint", tests: String(2 * enabledByDefault.length), failures: "0" });
    expect(report.testsuites.testsuite.map((s) => s.name)).toEqual(["train.txt", "eval.txt"]);
    for (const suite of report.testsuites.testsuite) {
      expect(suite).toMatchObject({ tests: String(enabledByDefault.length), failures: "0" });
      expect(suite.testcase.map((c) => c.name)).toEqual(enabledByDefault);
      for (const c of suite.testcase) {
        expect(c.classname).toBe(suite.name);
        expect(c).not.toHaveProperty("failure");
      }
      expect(suite["system-out"]).toBe("shape [2, 2] binary ✓");
    }
  });

  it("fails the cases of rules that reported errors, with one line per problem", async () => {
    const report = parse(formatJunit(await defects()));
    const suite = report.testsuites.testsuite[0]!;
    expect(suite.failures).toBe("10");
    expect(report.testsuites.failures).toBe("10");
    const failed = suite.testcase.filter((c) => c.failure).map((c) => c.name);
    // As PaddleClas reads the list: `1.0` and a `\` path stop it.
    expect(failed).toEqual([
      "LL004 blank-line",
      "LL101 missing-separator",
      "LL102 label-count",
      "LL103 nested-labels",
      "LL104 empty-value",
      "LL107 index-labels",
      "LL201 non-binary-value",
      "LL202 non-canonical-value",
      "LL304 conflicting-duplicate",
      "LL503 backslash-path",
    ]);
    const missing = suite.testcase.find((c) => c.name === "LL101 missing-separator")!;
    expect(missing.failure).toMatchObject({ type: "error", message: expect.stringMatching(/^no TAB between the image path/) as unknown });
    expect(missing.failure!["#text"]).toMatch(/^fixtures\/defects\/train_list\.txt:10:27  error  no TAB/);
  });

  it("keeps warnings out of failures, in the case's system-out", async () => {
    const suite = parse(formatJunit(await defects())).testsuites.testsuite[0]!;
    const rare = suite.testcase.find((c) => c.name === "LL307 rare-class")!;
    expect(rare).not.toHaveProperty("failure");
    expect(rare["system-out"]!.split("\n")).toHaveLength(5);
    expect(rare["system-out"]).toMatch(/^fixtures\/defects\/train_list\.txt \(class 9\)  warn  class 9 has only 3 positives/);
  });

  it("gives a reported rule outside the registry its own case", () => {
    const result = resultOfFile("x.txt", [{ code: "LL999", rule: "made-up", severity: "error", message: "made up", line: 1 }]);
    const suite = parse(formatJunit(result)).testsuites.testsuite[0]!;
    expect(suite.testcase.map((c) => c.name)).toEqual([...enabledByDefault, "LL999 made-up"]);
    expect(suite.testcase.at(-1)!.failure!["#text"]).toBe("x.txt:1  error  made up");
  });

  it("says how many problems a capped listing left out", async () => {
    const text = Array.from({ length: 12 }, (_, i) => `img${i}.jpg\t0,2`).join("\n");
    const file = await lintText(text, { numClasses: 2, maxProblemsPerRule: 2, rules: { "rare-class": "off", "class-without-positives": "off" } }, "capped.txt");
    const suite = parse(formatJunit(summarise([file]))).testsuites.testsuite[0]!;
    const failure = suite.testcase.find((c) => c.name === "LL201 non-binary-value")!.failure!;
    expect(failure.message).toMatch(/^12 problems; first: value '2'/);
    expect(failure["#text"].split("\n")).toHaveLength(3);
    expect(failure["#text"]).toMatch(/… and 10 more not listed/);
  });

  describe("escaping", () => {
    it.each([
      ["plain", "plain", "plain"],
      [`<a & "b" 'c'>`, `&lt;a &amp; "b" 'c'&gt;`, "&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;"],
      ["tab\there\nnew\rline", "tab\there\\x0anew\\x0dline", "tab&#9;here\\x0anew\\x0dline"],
      ["nul\u0000 bell\u0007 esc\u001b", "nul\\x00 bell\\x07 esc\\x1b", "nul\\x00 bell\\x07 esc\\x1b"],
      ["lone \uD800 surrogate, \uFFFF", "lone \\ud800 surrogate, \\uffff", "lone \\ud800 surrogate, \\uffff"],
      ["rlo \u202e, c1 \u0085, del \u007f", "rlo \\u202e, c1 \\x85, del \\x7f", "rlo \\u202e, c1 \\x85, del \\x7f"],
      ["emoji 🏷️ and ünïcödé", "emoji 🏷️ and ünïcödé", "emoji 🏷️ and ünïcödé"],
    ])("escapes %j as text %j and as an attribute %j", (input, text, attribute) => {
      expect(escapeText(input)).toBe(text);
      expect(escapeAttribute(input)).toBe(attribute);
    });

    it("round-trips markup and quotes, and shows line breaks and forbidden characters as escapes, in a whole report", () => {
      const message = `value '<2>' & "3"\tin\r\nrow \u0000\u0001`;
      const result = resultOfFile(`data/<a&b>"c'.txt`, [
        { code: "LL201", rule: "non-binary-value", severity: "error", message, line: 3, column: 7 },
      ]);
      const report = parse(formatJunit(result));
      const suite = report.testsuites.testsuite[0]!;
      expect(suite.name).toBe(`data/<a&b>"c'.txt`);
      const failure = suite.testcase.find((c) => c.name === "LL201 non-binary-value")!.failure!;
      expect(failure.message).toBe(`value '<2>' & "3"\tin\\x0d\\x0arow \\x00\\x01`);
      expect(failure["#text"]).toBe(`data/<a&b>"c'.txt:3:7  error  value '<2>' & "3"\tin\\x0d\\x0arow \\x00\\x01`);
    });

    it("survives the invalid-bytes edge case read from a real file", async () => {
      const file = await lintText(Buffer.from([0x61, 0x09, 0x30, 0x2c, 0xff, 0x0a, 0x62, 0x00, 0x09, 0x31, 0x0a]), {}, "bytes.txt");
      parse(formatJunit(summarise([file])));
    });
  });

  it("renders the defects sample (snapshot)", async () => {
    expect(formatJunit(await defects())).toMatchSnapshot();
  });
});

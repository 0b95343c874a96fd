import { expect } from "vitest";
import { paddleRows, runRuleTests, spacedRows } from "../rule-tester.js";

const paddle = paddleRows(40, 3);
const spaced = spacedRows(40, 3);
const csv = paddle.replace(/\t/g, ",");

runRuleTests("wrong-format", {
  valid: [
    { name: "an empty file", text: "" },
    { name: "a paddleclas list read as paddleclas", text: paddle, options: { format: "paddleclas" } },
    { name: "a spaced list read as spaced", text: spaced, options: { format: "spaced" } },
    { name: "a sniffed format is what the file reads as", text: spaced },
    { name: "a few lines in another layout are reported line by line", text: paddle + "x.jpg 0 1 0\ny.jpg 1 0 0\n", options: { format: "paddleclas" } },
    { name: "an index list read as paddleclas is index-labels' finding", text: "a.jpg\t5,17\n".repeat(12), options: { format: "paddleclas", numClasses: 20 } },
  ],
  invalid: [
    {
      name: "a HashNet list read as a PaddleClas list: one finding, the rest counted",
      text: spaced,
      options: { format: "paddleclas", numClasses: 3 },
      errors: [[1, "LL113"]],
      only: true,
      message: ["spaced file", "40 of 40 sampled lines", "PaddleClas reads every line as path<TAB>"],
      check: (result, [p]) => {
        expect(p?.severity).toBe("error");
        expect(p?.suggestion).toBe("convert it: labellint convert <text> --format spaced --to paddleclas --num-classes 3 --out <text>.paddleclas.txt");
        // Counted, not listed: the totals and the exit code stay exact.
        expect(result.counts["missing-separator"]).toBe(40);
        expect(result.errorCount).toBe(41);
        expect(result.explained).toBe(40);
      },
    },
    {
      name: "labels in TAB-separated columns read as a PaddleClas list: it takes the first column as all the labels",
      text: spaced.replace(/ /g, "\t"),
      options: { format: "paddleclas", numClasses: 3 },
      errors: [[1, "LL113"]],
      message: ["in 3 TAB-separated columns", "takes the field after the first TAB as all the labels", "[B, 1], not [B, 3]"],
      check: (_result, [p]) => expect(p?.suggestion).toContain("--format spaced --to paddleclas"),
    },
    {
      name: "a HashNet list with spaces is not said to be in TAB columns",
      text: spaced,
      options: { format: "paddleclas", numClasses: 3 },
      errors: [[1, "LL113"]],
      message: ["spaced file", "PaddleClas reads every line as path<TAB>"],
      check: (_result, [p]) => expect(p?.message).not.toContain("TAB-separated columns"),
    },
    {
      name: "a PaddleClas list read by HashNet's ImageList (--consumer imagelist)",
      text: paddle,
      options: { consumer: "imagelist" },
      errors: [[1, "LL113"]],
      only: true,
      message: ["paddleclas file", "not spaced", "ImageList splits every line on whitespace"],
      check: (result) => {
        expect(result.format).toBe("spaced");
        expect(result.consumer).toBe("imagelist");
        expect(result.counts["inconsistent-separator"]).toBe(40);
        // One clause, no parentheses inside the report's "format spaced (…)".
        expect(result.formatReason).toBe("the format HashNet / DeepHash-pytorch ImageList reads; given with --consumer");
      },
    },
    {
      name: "a CSV read as a spaced list",
      text: csv,
      options: { format: "spaced" },
      errors: [[1, "LL113"]],
      only: true,
      message: ["csv file"],
    },
    {
      name: "a UTF-16 file: one finding instead of one per line",
      text: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(paddle, "utf16le")]),
      errors: [[1, "LL113"]],
      message: ["not UTF-8 text", "UTF-16"],
      check: (result, [p]) => {
        expect(p?.suggestion).toContain("re-encode the file as UTF-8");
        expect(result.counts["invalid-encoding"]).toBeGreaterThan(30);
      },
    },
    {
      name: "a gzip-compressed list",
      text: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xff, 0x0a, 0x00, 0x01, 0x0a]),
      errors: [[1, "LL113"]],
      message: ["gzip-compressed"],
    },
    {
      name: "turned off, every line is listed again",
      text: spaced,
      options: { format: "paddleclas", numClasses: 3, rules: { "wrong-format": "off" } },
      errors: [],
      check: (result) => expect(result.problems.filter((p) => p.rule === "missing-separator")).toHaveLength(40),
    },
  ],
});

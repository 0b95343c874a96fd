import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { fixture } from "../shared.js";
import { runRuleTests } from "../rule-tester.js";

const OFF = { "rare-class": "off", "class-without-positives": "off", "class-always-positive": "off" } as const;
const CLASSES = ["airport", "animal", "beach", "bear", "birds"];
const defects = { format: "columns", columns: fixture("formats", "nus-wide-defects", "Groundtruth", "TrainTestLabels", "Labels_{class}_Train.txt"), classNames: CLASSES, rules: OFF } as const;

/** A columns tree in a temporary directory: per-class files with these lines. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "labellint-columns-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, `Labels_${name}.txt`), text);
  return join(dir, "Labels_{class}.txt");
}

const sixImages = "a.jpg\nb.jpg\nc.jpg\nd.jpg\ne.jpg\nf.jpg\n";

runRuleTests("column-length-mismatch", {
  valid: [
    { name: "files as long as the image list", text: "a.jpg\nb.jpg\n", options: { format: "columns", columns: tree({ x: "0\n1\n", y: "1\n1\n" }), classNames: ["x", "y"], rules: OFF } },
    { name: "a last line without a newline", text: "a.jpg\nb.jpg", options: { format: "columns", columns: tree({ x: "0\n1", y: "1\n1\n" }), classNames: ["x", "y"], rules: OFF } },
    { name: "CRLF per-class files", text: "a.jpg\r\nb.jpg\r\n", options: { format: "columns", columns: tree({ x: "0\r\n1\r\n" }), classNames: ["x"], rules: OFF } },
  ],
  invalid: [
    {
      name: "a short file and a long one, each named once",
      text: sixImages,
      options: defects,
      errors: [
        [5, "LL108"],
        [6, "LL108"],
      ],
      fix: null,
      message: ["Labels_animal_Train.txt (class 1 'animal') has 4 lines", "from line 5 on"],
      check: (result, [short, long]) => {
        expect(short?.classIndex).toBe(1);
        expect(long?.message).toContain("Labels_beach_Train.txt (class 2 'beach') has 7 lines, the image list 6");
        // Rows 5 and 6 have no 'animal' value: counted as rows, not in the matrix.
        expect(result.rows).toBe(6);
        expect(result.shape.reasons[0]).toBe("2 records could not be read as a row of 5 values");
        // The bad value in Labels_birds_Train.txt is reported where it is.
        const bad = result.problems.find((p) => p.rule === "non-binary-value");
        expect(bad).toMatchObject({ line: 3, classIndex: 4, source: "2" });
        expect(bad?.file).toMatch(/Labels_birds_Train\.txt$/);
      },
    },
    {
      name: "an empty per-class file",
      text: "a.jpg\nb.jpg\n",
      options: { format: "columns", columns: tree({ x: "", y: "1\n0\n" }), classNames: ["x", "y"], rules: OFF },
      errors: [[1, "LL108"]],
      message: ["has 0 lines"],
    },
  ],
});

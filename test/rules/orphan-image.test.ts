import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lint } from "../../src/engine/lint.js";
import { png } from "../../scripts/make-image-fixtures.mjs";
import { runRuleTests } from "../rule-tester.js";

/** a.jpg, b.PNG, sub/c.webp, sub/deep/d.TIFF, notes.txt, .hidden/e.jpg, ._a.jpg, a loop back to the root. */
function tree(): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "labellint-orphans-")));
  mkdirSync(join(root, "sub", "deep"), { recursive: true });
  mkdirSync(join(root, ".hidden"));
  for (const name of ["a.jpg", "b.PNG", "sub/c.webp", "sub/deep/d.TIFF", ".hidden/e.jpg", "._a.jpg"]) writeFileSync(join(root, name), png());
  writeFileSync(join(root, "notes.txt"), "not an image\n");
  symlinkSync(root, join(root, "sub", "loop"));
  return root;
}

const root = tree();
const checking = { checkImages: true, imageRoot: root, numClasses: 2 };

runRuleTests("orphan-image", {
  valid: [
    { name: "every image listed (any spelling of the path)", text: "a.jpg\t1,0\n./b.PNG\t0,1\nsub/c.webp\t1,0\nsub/x/../deep/d.TIFF\t0,1\n", options: checking },
    { name: "not looked for without image checks", text: "a.jpg\t1,0\nb.PNG\t0,1\n", options: { numClasses: 2 } },
  ],
  invalid: [
    {
      name: "images no line names, case-insensitive extensions, hidden entries and links to folders skipped",
      text: "a.jpg\t1,0\nb.PNG\t0,1\n",
      options: checking,
      errors: [[null, "LL507"]],
      fix: null,
      message: [`2 images under the image root '${root}' are listed in no checked label file (sub/c.webp, sub/deep/d.TIFF): they are never trained or evaluated on`],
    },
  ],
});

describe("LL507 orphan-image over a run", () => {
  it("counts exactly, names the first 20, and reports once, on the last file, against every list of the run", async () => {
    const big = realpathSync(mkdtempSync(join(tmpdir(), "labellint-orphans-many-")));
    for (let i = 0; i < 45; i++) writeFileSync(join(big, `${String(i).padStart(2, "0")}.jpg`), png());
    const listA = join(big, "a.txt");
    const listB = join(big, "b.txt");
    writeFileSync(listA, "00.jpg\t1,0\n01.jpg\t0,1\n");
    writeFileSync(listB, "02.jpg\t1,0\n03.jpg\t0,1\n");
    const result = await lint([listA, listB], { checkImages: true, numClasses: 2 });
    const found = result.files.map((f) => f.problems.filter((p) => p.rule === "orphan-image").map((p) => p.message));
    expect(found[0]).toEqual([]);
    expect(found[1]).toHaveLength(1);
    const listed = Array.from({ length: 20 }, (_, i) => `${String(i + 4).padStart(2, "0")}.jpg`).join(", ");
    expect(found[1]![0]).toBe(`41 images under the image root '${big}' are listed in no checked label file (${listed}, and 21 more): they are never trained or evaluated on`);
  });
});

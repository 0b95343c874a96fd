/**
 * How many pixels an image may have depends on the decoder: PIL's Image.open
 * raises DecompressionBombError past 2 × Image.MAX_IMAGE_PIXELS (178,956,970;
 * 100 M pixels only warn), while OpenCV's cv2.imdecode reads up to 2^30
 * (CV_IO_MAX_IMAGE_PIXELS). Run with Pillow 9.4.0 and OpenCV 4.6.0: a
 * 15000×12000 PNG raises in PIL and decodes in cv2, a 17000×17000 one too.
 * labellint passed the first for the ImageList readers (which open with PIL)
 * and called the second undecodable for every consumer (sharp's own limit is
 * 268,402,689 pixels), so fix rejected a row PaddleClas trains on.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { largePng, png } from "../../scripts/make-image-fixtures.mjs";
import { runCli } from "../cli-harness.js";

function tree(): string {
  const dir = mkdtempSync(join(tmpdir(), "labellint-pixels-"));
  mkdirSync(join(dir, "images"));
  writeFileSync(join(dir, "images", "bomb.png"), largePng(15000, 12000));
  writeFileSync(join(dir, "images", "large.png"), largePng(10000, 10000));
  writeFileSync(join(dir, "images", "huge.png"), largePng(17000, 17000));
  writeFileSync(join(dir, "images", "ok.png"), png());
  writeFileSync(join(dir, "spaced.txt"), "images/bomb.png 1 0\nimages/large.png 0 1\nimages/huge.png 1 0\nimages/ok.png 0 1\n");
  writeFileSync(join(dir, "paddle.txt"), "images/bomb.png\t1,0\nimages/large.png\t0,1\nimages/huge.png\t1,0\nimages/ok.png\t0,1\n");
  return dir;
}

const imageFindings = (stdout: string) => (JSON.parse(stdout) as { files: { problems: { rule: string; line?: number; severity: string; message: string }[] }[] }).files[0]!.problems.filter((p) => p.rule === "unreadable-image");

describe("images of many pixels, as each decoder takes them (--decode-images)", () => {
  it("the ImageList readers (PIL): an error past 178,956,970 pixels; 100 M pixels pass", async () => {
    const dir = tree();
    const r = await runCli(["check", "spaced.txt", "--check-images", "--decode-images", "--image-root", ".", "--reporter", "json"], { cwd: dir });
    const found = imageFindings(r.stdout);
    expect(found.map((p) => [p.line, p.severity])).toEqual([
      [1, "error"],
      [3, "error"],
    ]);
    expect(found[0]!.message).toContain("image 'images/bomb.png' is 15000×12000 (180,000,000 pixels), more than PIL opens (178,956,970, its decompression-bomb limit; OpenCV reads it)");
    expect(found[0]!.message).toContain("DecompressionBombError");
  });

  it("PaddleClas (cv2): all of them decode, 289 M pixels included", async () => {
    const dir = tree();
    const r = await runCli(["check", "paddle.txt", "--check-images", "--decode-images", "--image-root", ".", "--reporter", "json"], { cwd: dir });
    expect(imageFindings(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
  });
});

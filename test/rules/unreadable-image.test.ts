import { expect } from "vitest";
import { runRuleTests } from "../rule-tester.js";
import { fixture } from "../shared.js";

// The bundled sample tree (scripts/make-image-fixtures.mjs): 0005.jpg truncated, 0006.jpg empty,
// 0008.jpg a text file, 0009.jpg a PNG, 0007.gif a GIF.
const images = { checkImages: true, imageRoot: fixture("images-sample") };
const ok = "images/0001.jpg\t1,0,1\nimages/0003.png\t0,1,0\nimages/0007.gif\t1,1,0\n";

runRuleTests("unreadable-image", {
  valid: [
    { name: "complete JPEG, PNG and GIF images", text: ok, options: images },
    { name: "without --check-images nothing is read", text: "images/0006.jpg\t0,1,0\n", options: {} },
    { name: "a missing image is missing-image's", text: "images/0004.jpg\t0,1,0\n", options: images },
  ],
  invalid: [
    {
      name: "a truncated JPEG",
      text: ok + "images/0005.jpg\t0,1,0\n",
      options: images,
      errors: [[4, "LL505"]],
      only: false,
      fix: null,
      message: ["'images/0005.jpg'", "truncated", "FF D9"],
    },
    { name: "an empty file", text: "images/0006.jpg\t0,1,0\n" + ok, options: images, errors: [[1, "LL505"]], message: ["empty (0 bytes)"] },
    { name: "a text file named .jpg", text: ok + "images/0008.jpg\t0,1,0\n", options: images, errors: [[4, "LL505"]], message: ["is not an image"] },
    {
      name: "a PNG named .jpg is a warning",
      text: ok + "images/0009.jpg\t0,1,0\n",
      options: images,
      errors: [[4, "LL505"]],
      message: ["is a PNG file named '.jpg'"],
      check: (result, [p]) => {
        expect(p?.severity).toBe("warn");
        expect(result.warningCount).toBeGreaterThanOrEqual(1);
        expect(result.errorCount).toBe(0);
      },
    },
    {
      name: "a severity the user set applies to the extension warning too",
      text: ok + "images/0009.jpg\t0,1,0\n",
      options: { ...images, rules: { "unreadable-image": "error" } },
      errors: [[4, "LL505"]],
      check: (_r, [p]) => expect(p?.severity).toBe("error"),
    },
    {
      name: "a directory where an image should be",
      text: "images\t0,1,0\n" + ok,
      options: images,
      errors: [[1, "LL505"]],
      message: ["not a regular file"],
    },
    {
      name: "several, reported in line order",
      text: "images/0008.jpg\t0,1,0\nimages/0001.jpg\t1,0,1\nimages/0006.jpg\t0,1,0\nimages/0005.jpg\t0,1,0\n",
      options: { ...images, concurrency: 4 },
      errors: [[1, "LL505"], [3, "LL505"], [4, "LL505"]],
    },
  ],
});

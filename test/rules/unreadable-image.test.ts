import { expect } from "vitest";
import { runRuleTests } from "../rule-tester.js";
import { fixture } from "../shared.js";

// The bundled sample tree (scripts/make-image-fixtures.mjs): 0005.jpg truncated, 0006.jpg empty,
// 0008.jpg a text file, 0009.jpg a PNG, 0007.gif a GIF.
const images = { checkImages: true, imageRoot: fixture("images-sample") };
const ok = "images/0001.jpg\t1,0,1\nimages/0003.png\t0,1,0\nimages/0002.jpg\t1,1,0\n";

runRuleTests("unreadable-image", {
  valid: [
    { name: "complete JPEG and PNG images", text: ok, options: images },
    // HashNet/DeepHash-pytorch decode with PIL, which reads a GIF (Pillow 9.4.0: Image.open(f).convert('RGB')).
    { name: "a GIF for the ImageList readers (PIL)", text: "images/0001.jpg 1 0 1\nimages/0007.gif 0 1 1\nimages/0003.png 1 1 0\n", options: { ...images, consumer: "imagelist" } },
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
      // OpenCV 4.6.0 (PaddleClas requires opencv-python<=4.6.0.66) has no GIF reader: cv2.imdecode(np.frombuffer(b, "uint8"), 1) is None,
      // so DecodeImage fails and __getitem__ trains on a random other sample; Pillow 9.4.0 decodes it.
      name: "a GIF for PaddleClas, whose cv2.imdecode returns None for it",
      text: ok + "images/0007.gif\t0,1,1\n",
      options: images,
      errors: [[4, "LL505"]],
      message: ["'images/0007.gif' is a GIF, which OpenCV's cv2.imdecode cannot decode", "random other sample"],
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

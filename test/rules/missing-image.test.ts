import { expect } from "vitest";
import { paddleRows, runRuleTests } from "../rule-tester.js";
import { fixture } from "../shared.js";

// The bundled sample tree: images/0001.jpg … exist, images/0004.jpg does not.
const images = { checkImages: true, imageRoot: fixture("images-sample") };
const ok = "images/0001.jpg\t1,0,1\nimages/0002.jpg\t0,1,0\nimages/0003.png\t1,1,0\n";

runRuleTests("missing-image", {
  valid: [
    { name: "without --check-images nothing is looked up", text: "images/0004.jpg\t0,1,0\n" + paddleRows(10, 3) },
    { name: "every image exists", text: ok, options: images },
    { name: "a leading ./ and backslashes are normalised", text: "./images/0001.jpg\t1,0,1\nimages\\0002.jpg\t0,1,0\n", options: images },
    { name: "an absolute path is unsafe-path's, never looked up", text: ok + "/etc/passwd\t0,1,0\n", options: images },
    { name: "a `..` after a folder that exists is followed by the system: images/../images/0001.jpg", text: ok + "images/../images/0002.jpg\t0,1,0\n", options: images },
    { name: "the rule switched off", text: ok + "images/0004.jpg\t0,1,0\n", options: { ...images, rules: { "missing-image": "off" } } },
  ],
  invalid: [
    {
      // os.path.exists('root/images/nodir/../0001.jpg') is False: the kernel needs nodir before it can go back up.
      name: "a `..` after a folder that is not there: missing, though the tidied path exists",
      text: ok + "images/nodir/../0001.jpg\t0,1,0\n",
      options: images,
      errors: [[4, "LL504"]],
      message: ["'images/nodir/../0001.jpg' does not exist under the image root as the system follows its '.' and '..' parts (the folder before a '..' must exist"],
    },
    {
      name: "a `/.` after a file name: ENOTDIR, missing",
      text: ok + "images/0001.jpg/.\t0,1,0\n",
      options: images,
      errors: [[4, "LL504"]],
      message: ["'images/0001.jpg/.' does not exist"],
    },
    {
      name: "a missing image, with its line, column and quoted source",
      text: ok + "images/0004.jpg\t0,1,0\n",
      options: images,
      errors: [[4, "LL504"]],
      fix: null,
      message: ["'images/0004.jpg'", "does not exist", "AssertionError"],
      check: (_r, [p]) => {
        expect(p?.column).toBe(1);
        expect(p?.length).toBe("images/0004.jpg".length);
        expect(p?.row).toBe(3);
        expect(p?.source).toBe("images/0004.jpg\t0,1,0");
        expect(p?.severity).toBe("error");
      },
    },
    {
      name: "a missing image on a row of the wrong length is still looked up",
      text: ok + "images/nope.jpg\t0,1\n",
      options: { ...images, numClasses: 3 },
      errors: [[4, "LL504"]],
      check: (result) => expect(result.problems.filter((q) => q.line === 4).map((q) => q.code).sort()).toEqual(["LL102", "LL504"]),
    },
    {
      name: "a folder that does not exist",
      text: "photos/0001.jpg\t1,0,1\n" + ok,
      options: images,
      errors: [[1, "LL504"]],
    },
    {
      name: "severity lowered by the user",
      text: ok + "images/0004.jpg\t0,1,0\n",
      options: { ...images, rules: { "missing-image": "warn" } },
      errors: [[4, "LL504"]],
      check: (_r, [p]) => expect(p?.severity).toBe("warn"),
    },
    {
      name: "counts stay exact past the listing cap",
      text: ok + "images/x1.jpg\t0,1,0\nimages/x2.jpg\t0,1,0\nimages/x3.jpg\t0,1,0\n",
      options: { ...images, maxProblemsPerRule: 1 },
      errors: [[4, "LL504"]],
      check: (result) => {
        expect(result.counts["missing-image"]).toBe(3);
        expect(result.errorCount).toBe(3);
      },
    },
  ],
});

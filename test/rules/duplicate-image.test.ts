import { expect } from "vitest";
import { runRuleTests } from "../rule-tester.js";
import { fixture } from "../shared.js";

// In the bundled sample tree, images/0010.jpg is a byte copy of images/0001.jpg.
const hashing = { hashImages: true, imageRoot: fixture("images-sample") };

runRuleTests("duplicate-image", {
  valid: [
    { name: "distinct images", text: "images/0001.jpg\t1,0,1\nimages/0002.jpg\t0,1,0\n", options: hashing },
    { name: "copies are not looked for without --hash-images", text: "images/0001.jpg\t1,0,1\nimages/0010.jpg\t0,1,0\n", options: { checkImages: true, imageRoot: fixture("images-sample") } },
    { name: "the same path twice is duplicate-path's", text: "images/0001.jpg\t1,0,1\n./images/0001.jpg\t1,0,1\n", options: hashing },
  ],
  invalid: [
    {
      name: "the same bytes under two names",
      text: "images/0001.jpg\t1,0,1\nimages/0002.jpg\t0,1,0\nimages/0010.jpg\t1,0,1\n",
      options: hashing,
      errors: [[3, "LL506"]],
      fix: null,
      message: ["'images/0010.jpg'", "same bytes as 'images/0001.jpg' on line 1"],
      check: (_r, [p]) => expect(p?.severity).toBe("warn"),
    },
  ],
});

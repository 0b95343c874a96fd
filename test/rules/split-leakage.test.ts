import { expect } from "vitest";
import { SplitIndex } from "../../src/engine/splits.js";
import { runRuleTests } from "../rule-tester.js";

/** A split index as a train file `train_list.txt` listing `paths` (line i+1 each) leaves it. */
function trainIndex(...paths: string[]): SplitIndex {
  const splits = new SplitIndex();
  paths.forEach((path, i) => splits.addPath(path, { file: "train_list.txt", line: i + 1, path }));
  return splits;
}

const evalRows = "images/e1.jpg\t1,0,1\nimages/e2.jpg\t0,1,0\n";

runRuleTests("split-leakage", {
  valid: [
    { name: "a file checked alone", text: "images/a.jpg\t1,0,1\n", options: { split: "eval" } },
    { name: "eval rows not in train", text: evalRows, options: { split: "eval", splits: trainIndex("images/a.jpg") } },
    { name: "a train file is not checked against train", text: "images/a.jpg\t1,0,1\n", options: { split: "train", splits: trainIndex("images/a.jpg") } },
  ],
  invalid: [
    {
      name: "the same path in eval, on the eval line, with the train line",
      text: evalRows + "images/a.jpg\t1,0,1\n",
      options: { split: "eval", splits: trainIndex("images/b.jpg", "images/a.jpg") },
      errors: [[3, "LL401"]],
      fix: "unsafe",
      message: ["'images/a.jpg'", "line 2 of train_list.txt"],
      check: (_r, [p]) => {
        expect(p?.fix?.edits).toEqual([{ kind: "drop-line", line: 3, reason: "also in train_list.txt line 2", notARow: false }]);
        expect(p?.severity).toBe("error");
      },
    },
    {
      name: "paths are compared after normalisation",
      text: ".\\images\\a.jpg\t1,0,1\n" + evalRows,
      options: { split: "eval", splits: trainIndex("images/a.jpg") },
      errors: [[1, "LL401"]],
    },
  ],
});

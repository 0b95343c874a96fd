import { describe, expect, it } from "vitest";
import { closest, closestName, editDistance } from "../../src/text/closest.js";

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["abc", "", 3],
    ["kitten", "sitting", 3],
    ["weight_ratio", "weight_ration", 1],
    ["label_ratio", "label_ratio", 0],
    // A swap of two neighbours is one edit (optimal string alignment), not two.
    ["Trian", "Train", 1],
    ["nmae", "name", 1],
    ["chcek", "check", 1],
    // Optimal string alignment edits no substring twice: "ca" → "abc" is 3, not 2.
    ["ca", "abc", 3],
  ])("%s → %s is %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe("closest", () => {
  const rules = ["blank-line", "bom", "line-ending", "label-count"];

  it("finds the nearest candidate within the limit", () => {
    expect(closest(rules, "blank-lines")).toBe("blank-line");
    expect(closest(rules, "nothing-like-it")).toBeUndefined();
  });

  it("compares case-insensitively and returns the candidate as spelled", () => {
    expect(closest(["MultiLabelLoss", "CELoss"], "multilabelloss")).toBe("MultiLabelLoss");
    expect(closest(["MultiLabelLoss"], "MULTILABELLOS")).toBe("MultiLabelLoss");
  });

  it("takes a tighter limit, and the first of equally near candidates", () => {
    expect(closest(["name"], "nxme2", 1)).toBeUndefined();
    expect(closest(["name"], "nxme2", 2)).toBe("name");
    expect(closest(["ab", "ac"], "aa")).toBe("ab");
  });

  it("accepts any iterable", () => {
    expect(closest(new Set(["shuffle", "drop_last"]), "shufle")).toBe("shuffle");
  });
});

describe("closestName", () => {
  it("allows a third of the key's length in edits, so short typos suggest nothing unrelated", () => {
    expect(closestName(["bom", "blank-line"], "foo")).toBeUndefined();
    expect(closestName(["bom", "blank-line"], "blank-lien")).toBe("blank-line");
    expect(closestName(["paddleclas", "imagelist"], "padleclas")).toBe("paddleclas");
    expect(closestName(["Train", "Eval"], "Trian")).toBe("Train");
  });
});

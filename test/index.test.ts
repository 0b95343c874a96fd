import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

describe("public API", () => {
  it("exports the library entry points", () => {
    for (const name of ["lint", "lintFile", "lintText", "createLintStream", "rules", "formatters", "LabellintError", "readClassNames", "split", "diff"]) {
      expect(api, name).toHaveProperty(name);
    }
    expect(api.rules.length).toBeGreaterThanOrEqual(26);
    expect(Object.keys(api.formatters)).toEqual(["text", "json", "html", "sarif", "github", "junit"]);
  });

  it("lints text and returns the json reporter's objects", async () => {
    const file = await api.lintText("a.jpg\t0,1\n", { numClasses: 2, rules: { "rare-class": "off", "class-without-positives": "off" } });
    expect(file).toMatchObject({ format: "paddleclas", numClasses: 2, numClassesSource: "option", rows: 1 });
  });
});

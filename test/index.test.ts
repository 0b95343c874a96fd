import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";
import { runCli } from "./cli-harness.js";
import { loadReportWriter, REPORTER_NAMES } from "../src/reporters/load.js";
import { reportWriters } from "../src/reporters/index.js";

describe("public API", () => {
  it("exports the library entry points", () => {
    for (const name of ["lint", "lintFile", "lintText", "createLintStream", "rules", "formatters", "LabellintError", "readClassNames", "split", "diff"]) {
      expect(api, name).toHaveProperty(name);
    }
    expect(api.rules.length).toBeGreaterThanOrEqual(26);
    expect(Object.keys(api.formatters)).toEqual(["text", "json", "html", "sarif", "github", "junit", "gitlab"]);
  });

  it("the command line loads the same reporters the library exports, by the same names", async () => {
    expect([...REPORTER_NAMES]).toEqual(Object.keys(api.formatters));
    for (const name of REPORTER_NAMES) expect(await loadReportWriter(name), name).toBe(reportWriters[name]);
    expect(await loadReportWriter("nope")).toBeUndefined();
  });

  it("lints text and returns the json reporter's objects", async () => {
    const file = await api.lintText("a.jpg\t0,1\n", { numClasses: 2, rules: { "rare-class": "off", "class-without-positives": "off" } });
    expect(file).toMatchObject({ format: "paddleclas", numClasses: 2, numClassesSource: "option", rows: 1 });
  });

  it("lint() returns what --reporter json prints, statistics included", async () => {
    const files = ["fixtures/nus-wide-scene/train_list.txt", "fixtures/nus-wide-scene/eval_list.txt"];
    const cli = await runCli(["check", ...files, "--split", "train,eval", "--class-names", "fixtures/nus-wide-scene/label_list.txt", "--reporter", "json", "--no-config"]);
    const names = await api.readClassNames("fixtures/nus-wide-scene/label_list.txt");
    const result = await api.lint([files[0]!, { path: files[1]!, options: { split: "eval" } }], { classNames: names });
    const printed = JSON.parse(cli.stdout) as { files: { statistics?: unknown }[] };
    expect(printed.files[0]!.statistics).toBeDefined();
    expect(JSON.parse(api.formatters["json"]!(result))).toEqual(printed);
    expect(result.files.every((f) => f.statistics !== undefined)).toBe(true);
  });

  it("lint() leaves the statistics out when told to", async () => {
    const result = await api.lint(["fixtures/nus-wide-scene/eval_list.txt"], { statistics: false });
    expect(result.files[0]!.statistics).toBeUndefined();
  });
});

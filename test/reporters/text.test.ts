import { describe, expect, it } from "vitest";
import { lint, lintText, summarise } from "../../src/engine/lint.js";
import { formatText } from "../../src/reporters/text.js";
import { fixture } from "../shared.js";

describe("text reporter", () => {
  it("renders the defects sample (snapshot)", async () => {
    const result = await lint([{ path: fixture("defects", "train_list.txt"), displayPath: "fixtures/defects/train_list.txt" }], {
      maxProblemsPerRule: 100,
    });
    result.version = "0.0.0";
    expect(formatText(result, { color: false })).toMatchSnapshot();
  });

  it("says there are no problems on a clean file, with the shape verdict", async () => {
    const file = await lintText("a.jpg\t0,1\nb.jpg\t1,0\n", { rules: { "rare-class": "off" } }, "clean.txt");
    const text = formatText(summarise([file]));
    expect(text).toContain("shape [2, 2] binary ✓");
    expect(text).toContain("✓ no problems in 1 file");
  });

  it("crops a long quoted line around the caret and shows TABs as arrows", async () => {
    const values = new Array<string>(200).fill("0");
    values[150] = "7";
    const file = await lintText(`a.jpg\t${values.join(",")}\n`, { numClasses: 200, rules: { "rare-class": "off", "class-without-positives": "off" } }, "wide.txt");
    const text = formatText(summarise([file]));
    const quoted = text.split("\n").filter((l) => /^\s+(1 )?\|/.test(l));
    expect(quoted[0]).toContain("…");
    expect(quoted[0]!.length).toBeLessThan(130);
    const caret = quoted[1]!.indexOf("^");
    expect(quoted[0]![caret]).toBe("7");
  });

  it("colours severities only when asked", async () => {
    const file = await lintText("a.jpg\t0,2\n", { numClasses: 2 }, "x.txt");
    expect(formatText(summarise([file]), { color: false })).not.toContain("\u001b[");
    expect(formatText(summarise([file]), { color: true })).toContain("\u001b[31merror");
  });

  it("lists only errors with quiet, but keeps the per-rule totals", async () => {
    const file = await lintText("a.jpg\t0,2\nb.jpg\t0,0\n", { numClasses: 2 }, "x.txt");
    const text = formatText(summarise([file]), { quiet: true });
    expect(text).not.toMatch(/x\.txt:2:\d+ +warn/);
    expect(text).toMatch(/1 +empty-labelset/);
  });
});

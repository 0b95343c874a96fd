import { describe, expect, it } from "vitest";
import { formatCount, formatPercent, plural } from "../../src/text/numbers.js";
import { formatMessage } from "../../src/engine/findings.js";
import { runCli } from "../cli-harness.js";

describe("formatCount and formatPercent", () => {
  it("group thousands with commas and write percentages without a space", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(999)).toBe("999");
    expect(formatCount(1200)).toBe("1,200");
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatPercent(0.570833)).toBe("57.08%");
  });

  it("format counts in messages, not line numbers or class indices", () => {
    expect(formatMessage("class {{index}} has no positive in {{rows}} rows (line {{line}})", { index: 1000, rows: 5000, line: 12345 })).toBe(
      "class 1000 has no positive in 5,000 rows (line 12345)",
    );
  });
});

describe("one number format in the human reports", () => {
  it("writes 1,200 in the header, the messages, the shape and the sniffing reason alike", async () => {
    const { stdout } = await runCli(["check", "fixtures/nus-wide-scene/train_list.txt", "--class-names", "fixtures/nus-wide-scene/label_list.txt"]);
    expect(stdout).toContain("auto: 1,000 of 1,000 sampled lines");
    expect(stdout).toContain("1,200 rows in 1,200 lines");
    expect(stdout).toContain("has only 9 positives in 1,200 rows");
    expect(stdout).toContain("shape [1,200, 33]");
    expect(stdout).not.toMatch(/\b1200\b|\b1000\b/);
  });

  it("writes prevalences as stats and diff both do", async () => {
    const { stdout } = await runCli(["stats", "fixtures/nus-wide-scene/train_list.txt", "--class-names", "fixtures/nus-wide-scene/label_list.txt"]);
    expect(stdout).toMatch(/ 57\.08% /);
    expect(stdout).not.toMatch(/\d %/);
  });
});

describe("a rule's messages", () => {
  it("are one string while the words stay the same, and follow the data as soon as it changes (even in the same object)", async () => {
    const { findingResolver } = await import("../../src/engine/findings.js");
    const { allRules } = await import("../../src/rules/index.js");
    const rule = allRules.find((r) => r.meta.name === "class-without-positives")!;
    const resolver = findingResolver({ rule, severity: "error", explicit: false, options: {} }, "paddleclas");
    const first = resolver.message("train", { index: 3, name: "", rows: 1200, rs: "s" });
    const again = resolver.message("train", { index: 3, name: "", rows: 1200, rs: "s" });
    expect(again).toBe(first);
    expect(first).toContain("class 3 has no positive in 1,200 rows");
    const data: Record<string, string | number> = { index: 4, name: "", rows: 1200, rs: "s" };
    expect(resolver.message("train", data)).toContain("class 4 ");
    data["index"] = 5;
    expect(resolver.message("train", data)).toContain("class 5 ");
    expect(resolver.message("train", { index: 5, name: "", rows: 1200, rs: "s", extra: 1 })).toContain("class 5 ");
    expect(resolver.message("train", { index: 5, rows: 1200, rs: "s" })).toContain("class 5{{name}}");
    expect(resolver.message("eval", { index: 5, name: "", rows: 1200, rs: "s" })).toContain("eval rows");
    expect(resolver.message("train", { index: 5, name: "", rows: 1200, rs: "s" })).toContain("class 5 has no positive in 1,200 rows");
  });
});

describe("plural", () => {
  it("counts in the singular for one, grouped digits always", async () => {
    expect(plural(1, "warning")).toBe("1 warning");
    expect(plural(0, "warning")).toBe("0 warnings");
    expect(plural(1200, "row")).toBe("1,200 rows");
    expect(plural(3, "class", "classes")).toBe("3 classes");
    // fix's summary said "0 errors, 1 warnings".
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "labellint-plural-"));
    writeFileSync(join(dir, "one.txt"), "a.jpg\t1,0\nb.jpg\t0,1\nc.jpg\t0,0\n");
    const r = await runCli(["fix", "one.txt", "--out", "fixed.txt", "--rule", "rare-class:off", "--no-config"], { cwd: dir });
    expect(r.stdout).toContain("check of the output: 0 errors, 1 warning; shape [3, 2] binary ✓");
  });
});

import { describe, expect, it } from "vitest";
import { lintText } from "../../src/engine/lint.js";
import type { FixEdit } from "../../src/types.js";
import { paddleRows } from "../rule-tester.js";

const NO_DATASET = { "rare-class": "off", "class-without-positives": "off" } as const;
/** The edits that change text in a line, as [line, new text]. */
const textChanges = (edits: FixEdit[] | undefined): [number, string][] =>
  (edits ?? []).flatMap((e) => (e.kind !== "file" && e.kind !== "drop-line" && e.change !== undefined ? [[e.line, e.change.newText] as [number, string]] : []));

describe("one root cause, one precise diagnosis", () => {
  it("reports a file of index lists once, at file level, and infers C from the largest index", async () => {
    const text = Array.from({ length: 12 }, (_, i) => `img${i}.jpg\t${i % 3},${5 + (i % 4)}`).join("\n") + "\n";
    // Under auto such a file is read as the indices format; given as paddleclas, it is one finding.
    const r = await lintText(text, { format: "paddleclas", rules: NO_DATASET });
    expect(r.counts).toEqual({ "index-labels": 1 });
    expect(r.problems[0]).toMatchObject({ line: 1, fix: { applicability: "unsafe", edits: [{ kind: "file", action: "indices-to-multi-hot" }] } });
    expect(r.numClasses).toBe(9);
    expect(r.numClassesReason).toMatch(/at least 9, from the largest class index/);
  });

  it("keeps per-line index-labels findings in a multi-hot file with a few index rows", async () => {
    const r = await lintText(`${paddleRows(30, 33)}x.jpg\t3,17\n`, { rules: NO_DATASET });
    expect(r.problems.map((p) => [p.line, p.rule])).toEqual([[31, "index-labels"]]);
  });

  it("calls a CSV-style header in a TAB file a header, not a missing separator", async () => {
    const r = await lintText(`path,a,b,c\n${paddleRows(20, 3)}`, { rules: NO_DATASET });
    expect(r.problems.map((p) => [p.line, p.rule])).toEqual([[1, "header-row"]]);
    expect(r.rows).toBe(20);
  });

  it("offers the TAB fix for a space-separated row in a PaddleClas file", async () => {
    const r = await lintText(`${paddleRows(20, 3)}x.jpg 0 1 0\n`, { rules: NO_DATASET });
    const p = r.problems.find((q) => q.rule === "missing-separator")!;
    expect(textChanges(p.fix?.edits).map(([, text]) => text)).toEqual(["\t0,1,0"]);
  });

  it("keeps -1 in safe fixes: flattening and re-separating never turn -1 into 0", async () => {
    const r = await lintText(`${paddleRows(20, 3)}x.jpg\t[1,-1,0]\ny.jpg 1,-1,0\n`, { rules: NO_DATASET });
    const nested = r.problems.find((q) => q.rule === "nested-labels")!;
    expect(textChanges(nested.fix?.edits).map(([, text]) => text)).toEqual(["1,-1,0"]);
    const missing = r.problems.find((q) => q.rule === "missing-separator")!;
    expect(textChanges(missing.fix?.edits).map(([, text]) => text)).toEqual(["\t1,-1,0"]);
  });

  it("does not treat -1 and 0 as the same label when comparing duplicates", async () => {
    const r = await lintText(`${paddleRows(20, 3)}img/00001.jpg\t0,1,-1\n`, { rules: NO_DATASET });
    expect(r.counts["duplicate-path"]).toBeUndefined();
    const conflict = r.problems.find((q) => q.rule === "conflicting-duplicate")!;
    expect(conflict.fix).toBeUndefined();
  });

  it("gives every conflicting copy the same merge: the OR of all copies", async () => {
    const r = await lintText("a.jpg\t1,0,0\nb.jpg\t0,0,1\na.jpg\t0,1,0\na.jpg\t0,0,1\n", { rules: NO_DATASET });
    const merges = r.problems
      .filter((p) => p.rule === "conflicting-duplicate")
      .map((p) => textChanges(p.fix?.edits));
    expect(merges).toEqual([[[1, "1,1,1"]], [[1, "1,1,1"]]]);
  });

  it("keeps an explicitly chosen error severity for class-without-positives in an eval split", async () => {
    const text = "a.jpg\t1,0\nb.jpg\t1,0\n";
    const soft = await lintText(text, { split: "eval", rules: { "rare-class": "off" } });
    expect(soft.problems.find((p) => p.rule === "class-without-positives")!.severity).toBe("warn");
    const strict = await lintText(text, { split: "eval", rules: { "rare-class": "off", "class-without-positives": "error" } });
    expect(strict.problems.find((p) => p.rule === "class-without-positives")!.severity).toBe("error");
  });

  it("reads a last line ending in a lone CR as a line, not as a value '0\\r'", async () => {
    const r = await lintText("a.jpg\t0,1\r\nb.jpg\t1,0\r", { rules: NO_DATASET });
    expect(r.counts["non-binary-value"]).toBeUndefined();
    expect(r.rows).toBe(2);
  });

  it("says why a space between values breaks PaddleClas", async () => {
    const r = await lintText(`${paddleRows(20, 3)}x.jpg\t0 1,0\n`, { rules: NO_DATASET });
    expect(r.problems.find((p) => p.rule === "inconsistent-separator")!.message).toMatch(/PaddleClas stops with ValueError while loading the list: split\(","\) keeps '0 1' as one value/);
  });
});

import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { digitValue, pythonInt, pythonStrip } from "../../src/text/python.js";

const CASES = [" 1", "+1", "01", "1_0", "0_1", "１", "١", "1\u00a0", "\u30001", "1\x1c", "1\ufeff", "1.0", "", "true", "[0", "-1", "-0", "2", "1__0", "_1", "1_", "+", "0x1", "\u2028 1 \u2028", "𝟏"];

describe("pythonInt (int() of a string, as np.int64 reads a label)", () => {
  it("reads the spellings Python's int() reads, and rejects the rest", () => {
    expect(pythonInt(" 1")).toBe(1);
    expect(pythonInt("+1")).toBe(1);
    expect(pythonInt("01")).toBe(1);
    expect(pythonInt("1_0")).toBe(10);
    expect(pythonInt("１")).toBe(1);
    expect(pythonInt("١")).toBe(1);
    expect(pythonInt("1\u00a0")).toBe(1);
    expect(pythonInt("1\x1c")).toBeUndefined();
    expect(pythonInt("1\ufeff")).toBeUndefined();
    expect(pythonInt("1.0")).toBeUndefined();
    expect(pythonInt("true")).toBeUndefined();
    expect(pythonInt("")).toBeUndefined();
  });

  const python = spawnSync("python3", ["--version"]).status === 0;
  it.skipIf(!python)("agrees with python3's int() on every case (skipped without python3)", () => {
    const script = `import json,sys\nout=[]\nfor s in json.load(sys.stdin):\n  try: out.append(int(s))\n  except ValueError: out.append(None)\nprint(json.dumps(out))`;
    const run = spawnSync("python3", ["-c", script], { input: JSON.stringify(CASES), encoding: "utf8" });
    const expected = JSON.parse(run.stdout) as (number | null)[];
    expect(CASES.map((c) => pythonInt(c) ?? null)).toEqual(expected);
  });
});

describe("pythonStrip and digitValue", () => {
  it("strips what str.strip() strips, U+FEFF excepted", () => {
    expect(pythonStrip("\u3000 a\u00a0\u0085")).toBe("a");
    expect(pythonStrip("\ufeffa")).toBe("\ufeffa");
  });

  it("reads decimal digits of any script", () => {
    expect(digitValue("7".codePointAt(0)!)).toBe(7);
    expect(digitValue("９".codePointAt(0)!)).toBe(9);
    expect(digitValue("٣".codePointAt(0)!)).toBe(3);
    expect(digitValue("𝟏".codePointAt(0)!)).toBe(1);
    expect(digitValue("a".codePointAt(0)!)).toBe(-1);
    expect(digitValue("²".codePointAt(0)!)).toBe(-1);
  });
});

import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { digitValue, fitsInt64, isPythonSpace, pythonBigInt, pythonInt, pythonLstrip, pythonRstrip, pythonStrip, spacesShown, tooManyDigits } from "../../src/text/python.js";

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

describe("pythonBigInt and fitsInt64 (np.int64(text) raises OverflowError past int64)", () => {
  const WIDE = ["9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "99999999999999999999", "-0", "+00", "1_000_000_000_000_000_000_000", "９２２３３７２０３６８５４７７５８０８", " -9223372036854775808 ", "1.5"];

  it("reads every digit, past 2^53 too", () => {
    expect(pythonBigInt("9223372036854775807")).toBe(2n ** 63n - 1n);
    expect(pythonBigInt("-0")).toBe(0n);
    expect(pythonBigInt("1.5")).toBeUndefined();
    expect(fitsInt64(2n ** 63n - 1n)).toBe(true);
    expect(fitsInt64(2n ** 63n)).toBe(false);
    expect(fitsInt64(-(2n ** 63n))).toBe(true);
    expect(fitsInt64(-(2n ** 63n) - 1n)).toBe(false);
  });

  const numpy = spawnSync("python3", ["-c", "import numpy"]).status === 0;
  it.skipIf(!numpy)("agrees with np.int64(text) on which values load (skipped without python3 and numpy)", () => {
    const script = `import json,sys\nimport numpy as np\nout=[]\nfor s in json.load(sys.stdin):\n  try: out.append(str(int(np.int64(s))))\n  except OverflowError: out.append("overflow")\n  except ValueError: out.append(None)\nprint(json.dumps(out))`;
    const run = spawnSync("python3", ["-c", script], { input: JSON.stringify(WIDE), encoding: "utf8" });
    const expected = JSON.parse(run.stdout) as (string | null)[];
    const ours = WIDE.map((c) => {
      const value = pythonBigInt(c);
      return value === undefined ? null : fitsInt64(value) ? String(value) : "overflow";
    });
    expect(ours).toEqual(expected);
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

describe("spacesShown (whitespace in a message shown as Python's repr writes it)", () => {
  it("escapes every whitespace character but the space, and nothing else", () => {
    expect(spacesShown(" a\tb\nc\rd\u000be\u001cf\u0085g\u00a0h\u2028i\u3000j")).toBe(" a\\tb\\nc\\rd\\x0be\\x1cf\\x85g\\xa0h\\u2028i\\u3000j");
    expect(spacesShown("plain/path é.jpg")).toBe("plain/path é.jpg");
    expect(spacesShown("\u{1F600}\u00a0")).toBe("\u{1F600}\\xa0");
  });
});

describe("pythonLstrip and pythonRstrip", () => {
  it("remove what lstrip() and rstrip() remove, and nothing else", () => {
    expect(pythonLstrip("\u3000\t a b \u00a0")).toBe("a b \u00a0");
    expect(pythonRstrip("\u3000\t a b \u00a0\x1c")).toBe("\u3000\t a b");
    expect(pythonRstrip("\ufeff")).toBe("\ufeff");
    for (let c = 0; c < 0x10000; c++) expect(pythonRstrip(`a${String.fromCharCode(c)}`) === "a", c.toString(16)).toBe(isPythonSpace(c));
  });

  it("take time linear in a long run of spaces that does not end the text (a regular expression took quadratic time)", () => {
    const text = `a${" ".repeat(1_000_000)}b`;
    expect(pythonRstrip(text)).toBe(text);
    expect(pythonLstrip(text)).toBe(text);
  });
});

describe("int()'s limit of 4300 digits (Python 3.11; sys.int_info.default_max_str_digits)", () => {
  it("counts every digit, leading zeros too, not underscores, signs or surrounding spaces", () => {
    expect(pythonInt("0".repeat(4299) + "1")).toBe(1);
    expect(pythonInt("0".repeat(4300) + "1")).toBeUndefined();
    expect(pythonInt(" ".repeat(5000) + "-" + "0".repeat(4299) + "1")).toBe(-1);
    expect(pythonInt("0_".repeat(2200) + "1")).toBe(1);
    expect(tooManyDigits("0".repeat(4300) + "1")).toBe(4301);
    expect(tooManyDigits("0".repeat(4300))).toBeUndefined();
    expect(tooManyDigits("x" + "0".repeat(4301))).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { visible } from "../../src/text/visible.js";

describe("visible", () => {
  it.each([
    ["plain ascii", "plain ascii"],
    ["tab\tstays", "tab\tstays"],
    ["esc \u001b[31m red", "esc \\x1b[31m red"],
    ["nul \u0000 bell \u0007", "nul \\x00 bell \\x07"],
    ["line\nbreak\r", "line\\x0abreak\\x0d"],
    ["del \u007f c1 \u0085 \u009b", "del \\x7f c1 \\x85 \\x9b"],
    ["abc\u202Eevil\u202C", "abc\\u202eevil\\u202c"],
    ["\u2066isolate\u2069 \u200F", "\\u2066isolate\\u2069 \\u200f"],
    ["sep\u2028par\u2029", "sep\\u2028par\\u2029"],
    ["\uFEFFimg/a.jpg, zero\u200Bwidth, word\u2060joiner", "\\ufeffimg/a.jpg, zero\\u200bwidth, word\\u2060joiner"],
    ["lone \uD800 high, lone \uDC00 low", "lone \\ud800 high, lone \\udc00 low"],
    ["pair 😀 stays, é stays, 中文 stays", "pair 😀 stays, é stays, 中文 stays"],
    ["C:\\data\\x1b literal backslashes stay", "C:\\data\\x1b literal backslashes stay"],
  ])("shows %j as %j", (input, shown) => {
    expect(visible(input)).toBe(shown);
  });
});

import { describe, expect, it } from "vitest";
import { jsonSyntaxError } from "../../src/text/json-syntax.js";

/** What JSON.parse throws on `text`. */
function refusal(text: string): unknown {
  try {
    JSON.parse(text);
  } catch (error) {
    return error;
  }
  throw new Error(`JSON.parse read ${JSON.stringify(text)}`);
}

describe("a JSON syntax error in words", () => {
  it.each([
    ['{\n  "a": 1,\n}\n', "Expected double-quoted property name (line 3 column 1)"],
    ['{"a":', "Unexpected end of JSON input (line 1 column 6)"],
    ["hello", "Unexpected token 'h' (line 1 column 1)"],
    ['[1, 2]\n[3]', "Unexpected non-whitespace character after JSON (line 2 column 1)"],
    ['{"a": -}', "No number after minus sign (line 1 column 8)"],
    ['{"a": tru}', "Unexpected token '}' (line 1 column 10)"],
    ['{"a": "b\u0001"}', "Bad control character in string literal (line 1 column 9)"],
    ["\u0000{}", "Unexpected token '\\u0000' (line 1 column 1)"],
  ])("%j: %s", (text, words) => {
    expect(jsonSyntaxError(refusal(text), text)).toBe(words);
  });

  it("finds the place of a token V8 quotes with the text around it, cut at both ends", () => {
    const text = `[${"1, ".repeat(40)}x, ${"2, ".repeat(40)}3]`;
    expect(jsonSyntaxError(refusal(text), text)).toBe(`Unexpected token 'x' (line 1 column ${text.indexOf(" x") + 2})`);
  });
});

import { describe, expect, it } from "vitest";
import { lint, lintText } from "../../src/engine/lint.js";
import { summarise } from "../../src/engine/lint.js";
import { formatters, joinPieces, reportWriters } from "../../src/reporters/index.js";
import { jsonPieces, LazyArray, lazyArrayProperty } from "../../src/reporters/json-stream.js";
import { formatStatsText, writeStatsText } from "../../src/reporters/stats-text.js";
import type { Problem } from "../../src/types.js";
import { fixture } from "../shared.js";
import { resultOf } from "./hand-made.js";

const problem = (line: number, rule = "non-binary-value"): Problem => ({
  code: "LL201",
  rule,
  severity: line % 3 === 0 ? "warn" : "error",
  message: `value '2' for class 1 is not 0 or 1 (line ${line})`,
  line,
  row: line - 1,
  column: 8,
  length: 1,
  classIndex: 1,
  source: `img/${line}.jpg\t0,2`,
});

describe("reporters write in pieces", () => {
  it("and the pieces join to each reporter's whole report, byte for byte", async () => {
    const results = [
      await lint([fixture("defects", "train_list.txt")]),
      await lint([fixture("nus-wide-scene", "train_list.txt"), fixture("nus-wide-scene", "eval_list.txt")], { statistics: true }),
      summarise([await lintText("")]),
    ];
    for (const result of results) {
      for (const [name, write] of Object.entries(reportWriters)) {
        for (const options of [{}, { quiet: true }, { color: true, maxWarnings: 0 }]) {
          expect([...write(result, options)].join(""), name).toBe(formatters[name]!(result, options));
        }
      }
    }
  });

  it("json pieces are JSON.stringify(value, null, 2), lazy arrays included", () => {
    const values: unknown[] = [
      { a: 1, b: [1, 2, { c: "x\ny", d: undefined, e: () => 1 }], f: [], g: {}, h: null, i: Number.NaN, j: [undefined, Symbol("s")] },
      [[[[[[1, { deep: [1, 2] }]]]]]],
      { nested: { deeper: { deepest: { list: Array.from({ length: 3000 }, (_, i) => ({ i, s: `v${i}` })) } } } },
      { date: new Date(0), text: "\u2028 and \"quotes\"" },
      "just a string",
      42,
      // Flat objects deep in a report (a class's statistics) are written field by field: every kind of primitive.
      { a: { b: { c: { list: [{ z: -0, n: Number.NaN, inf: -Infinity, big: 1e21, tiny: 5e-7, t: true, f: false, u: undefined, nul: null, s: "tab\t\u0000\ud800 é", "key \"q\"": 1, sym: Symbol("s"), fn: () => 1 }, { only: undefined }, {}] } } } },
      // Strings that need an escape and strings that do not, deep (field by field) and in a long array.
      { a: { b: { c: { list: ["plain", "a \"quote\"", "back\\slash", "\u007f del", "\u2028 sep", "pair 😀", "lone \udc00", "\u001f", "ünï", ""], o: { s: "x\\y", t: "😀\ud83d", u: "new\nline" } } } } },
      { big: Array.from({ length: 1500 }, (_, i) => (i % 3 === 0 ? `s${i}` : i % 3 === 1 ? `q"${i}` : i / 7)) },
    ];
    for (const value of values) expect(joinPieces(jsonPieces(value))).toBe(JSON.stringify(value, null, 2));
    const lazy = { list: new LazyArray(function* () {
      yield 1;
      yield { a: [2] };
    }), empty: new LazyArray(() => []) };
    expect(joinPieces(jsonPieces(lazy))).toBe(JSON.stringify({ list: [1, { a: [2] }], empty: [] }, null, 2));
  });

  it("nested objects deep in a report (a problem with its fix) are written directly, as JSON.stringify writes them", () => {
    class Point {
      constructor(readonly x: number) {}
    }
    const bare = Object.create(null) as Record<string, unknown>;
    bare["k"] = [1, { v: "w" }];
    let deep: unknown = { end: [1] };
    for (let i = 0; i < 40; i++) deep = { next: deep, list: [i, [i, { at: i }]] };
    // eslint-disable-next-line no-sparse-arrays
    const holes = [1, , 3];
    const problems = [
      { code: "LL303", fix: { edits: [{ kind: "drop-line", of: { line: 1, row: 0 } }], empty: [], none: {} }, after: "x\ny" },
      { list: [[], {}, [undefined, () => 1, Symbol("s")], { u: undefined, n: null, nan: Number.NaN }] },
      { when: { at: new Date(0) }, inner: { toJSON: (key: string) => `json of ${key}` } },
      { instance: { p: new Point(1) }, map: { m: new Map([[1, 2]]) }, boxed: { b: Object(3) as unknown, s: Object("s") as unknown } },
      { bare: { o: bare }, holes: { h: holes }, deep },
      { "key \"quoted\"\n": { "\u2028": [1, "é😀"] } },
    ];
    for (const value of [{ a: { b: { c: { problems } } } }, { a: { b: { c: { d: { e: problems } } } } }]) {
      expect(joinPieces(jsonPieces(value))).toBe(JSON.stringify(value, null, 2));
    }
    // What JSON.stringify refuses is refused as before.
    const cycle: Record<string, unknown> = { a: 1 };
    cycle["self"] = { back: cycle };
    expect(() => joinPieces(jsonPieces({ a: { b: { c: { list: [{ x: { cycle } }] } } } }))).toThrow(TypeError);
    expect(() => joinPieces(jsonPieces({ a: { b: { c: { list: [{ x: { n: 1n } }] } } } }))).toThrow(TypeError);
  });

  it("flat objects of changing shapes and indents, one after another, are each written with their own keys", () => {
    const shapes = [{ a: 1, b: 2 }, { a: 1, b: 2, c: 3 }, { b: 2, a: 1 }, { a: undefined, b: 2 }, { a: 1, b: undefined }, { a: 1 }, {}, { a: 1, b: 2 }];
    const value = { x: { y: { z: { list: [...shapes, ...shapes.reverse()], deeper: { list: shapes } } } } };
    expect(joinPieces(jsonPieces(value))).toBe(JSON.stringify(value, null, 2));
  });

  it("a lazy array property is streamed where it stands, built once when read, and a plain array to every other reader", () => {
    let built = 0;
    const make = () => {
      const object: Record<string, unknown> = { before: 1, list: [], after: { deep: true } };
      lazyArrayProperty(object, "list", 3, (i) => {
        built++;
        return { i, square: i * i };
      });
      return object;
    };
    const expected = JSON.stringify({ before: 1, list: [0, 1, 2].map((i) => ({ i, square: i * i })), after: { deep: true } }, null, 2);
    // Written without being held: each element built as it is written.
    const streamed = make();
    expect(joinPieces(jsonPieces({ files: [{ statistics: streamed }] }))).toBe(JSON.stringify({ files: [{ statistics: JSON.parse(expected) }] }, null, 2));
    expect(built).toBe(3);
    // Read: a plain array, built once, in the key's own place; then written as that array.
    const read = make();
    built = 0;
    expect(Array.isArray(read["list"])).toBe(true);
    expect(read["list"]).toBe(read["list"]);
    expect(built).toBe(3);
    expect(Object.keys(read)).toEqual(["before", "list", "after"]);
    expect(JSON.stringify(read, null, 2)).toBe(expected);
    expect(joinPieces(jsonPieces(read))).toBe(expected);
    // A spread or JSON.stringify reads it like any property; an assignment replaces it.
    expect(JSON.stringify({ ...make() }, null, 2)).toBe(expected);
    const assigned = make();
    assigned["list"] = ["mine"];
    expect(joinPieces(jsonPieces(assigned))).toBe(JSON.stringify({ before: 1, list: ["mine"], after: { deep: true } }, null, 2));
  });

  it("150,000 listed problems: every reporter finishes, without recursing or spreading per problem", () => {
    const problems = Array.from({ length: 150_000 }, (_, i) => problem(i + 1));
    const result = resultOf([{ path: "big.txt", problems }]);
    for (const [name, write] of Object.entries(reportWriters)) {
      let bytes = 0;
      let largest = 0;
      for (const piece of write(result, {})) {
        bytes += piece.length;
        largest = Math.max(largest, piece.length);
      }
      expect(bytes, name).toBeGreaterThan(0);
      // No piece is the report: each is a line, a problem, a row.
      expect(largest, name).toBeLessThan(1 << 16);
    }
  });

  it("200,000 classes: the statistics text report finishes, one line per class", async () => {
    const C = 200_000;
    const rows = [0, 1, 2].map((r) => `img/${r}.jpg\t${Array.from({ length: C }, (_, c) => (c === r ? "1" : "0")).join(",")}\n`).join("");
    const file = await lintText(rows, { statistics: true, maxProblemsPerRule: 100 });
    const result = summarise([file]);
    let lines = 0;
    for (const piece of writeStatsText(result)) lines += piece.split("\n").length - 1;
    expect(lines).toBeGreaterThan(C);
    expect(formatStatsText(result)).toContain("199999");
  });
});

import { describe, expect, it } from "vitest";
import { csvField, writers, type OutputSink } from "../../src/convert/writers.js";

/** An in-memory sink with AtomicFile's byte semantics. */
function sink(): OutputSink & { text(): string } {
  const parts: Buffer[] = [];
  return {
    write: (text) => void parts.push(Buffer.from(text, "utf8")),
    writeBytes(source, start, end, from = -1, to = -1) {
      const copy = Buffer.from(source.subarray(start, end));
      if (from !== -1) for (let i = 0; i < copy.length; i++) if (copy[i] === from) copy[i] = to;
      parts.push(copy);
    },
    writeByte: (byte) => void parts.push(Buffer.of(byte)),
    text: () => Buffer.concat(parts).toString("utf8"),
  };
}

/** Writes `path` + `values` through the fast path, as a clean line of `sep`-separated bare values. */
function viaClean(id: keyof typeof writers, path: string, values: number[], sep: "," | " "): string {
  const pathBytes = Buffer.from(path, "utf8");
  const line = Buffer.concat([pathBytes, Buffer.from(sep === "," ? "\t" : " "), Buffer.from(values.join(sep))]);
  const out = sink();
  writers[id].writeClean(out, line, { pathEnd: pathBytes.length, labelsStart: pathBytes.length + 1, labelsEnd: line.length, separator: sep.charCodeAt(0) });
  return out.text();
}

describe("output writers", () => {
  const rows: [string, number[]][] = [
    ["images/a.jpg", [0, 1, 0, 1]],
    ["b.jpg", [0, 0, 0, 0]],
    ["c.jpg", [1, 1, 1, 1]],
    ["déjà vu/ü.jpg", [1, 0, 0, 0]],
  ];

  it("writes each format's canonical line", () => {
    expect(writers.paddleclas.format("images/a.jpg", [0, 1, 0, 1])).toBe("images/a.jpg\t0,1,0,1");
    expect(writers.spaced.format("images/a.jpg", [0, 1, 0, 1])).toBe("images/a.jpg 0 1 0 1");
    expect(writers.csv.format("images/a.jpg", [0, 1, 0, 1])).toBe("images/a.jpg,0,1,0,1");
    expect(writers.indices.format("images/a.jpg", [0, 1, 0, 1])).toBe("images/a.jpg\t1,3");
    expect(writers.indices.format("b.jpg", [0, 0, 0])).toBe("b.jpg\t");
  });

  it("writes a clean line through the fast path exactly as the slow path writes it, from either input separator", () => {
    for (const id of ["paddleclas", "csv", "indices"] as const) {
      for (const [path, values] of rows) {
        for (const sep of [",", " "] as const) expect(viaClean(id, path, values, sep), `${id} ${path} ${sep}`).toBe(`${writers[id].format(path, values)}\n`);
      }
    }
    for (const [path, values] of rows.filter(([p]) => !/\s/.test(p))) {
      expect(viaClean("spaced", path, values, ",")).toBe(`${writers.spaced.format(path, values)}\n`);
    }
  });

  it("quotes a CSV field only when it must (RFC 4180)", () => {
    expect(csvField("images/a.jpg")).toBe("images/a.jpg");
    expect(csvField("my photos/a.jpg")).toBe("my photos/a.jpg");
    expect(csvField("a,b.jpg")).toBe('"a,b.jpg"');
    expect(csvField('say "cheese".jpg')).toBe('"say ""cheese"".jpg"');
    expect(csvField("two\nlines.jpg")).toBe('"two\nlines.jpg"');
    expect(writers.csv.format("a,b.jpg", [1, 0])).toBe('"a,b.jpg",1,0');
  });

  it("writes a CSV header only when the class names are known, quoting names that need it", () => {
    expect(writers.csv.header(["sky", "sea, calm", 'the "moon"'], 3)).toBe('path,sky,"sea, calm","the ""moon"""');
    // Without names, the column numbers: a first row `id,0,1` (an image named id) would read back as a header.
    expect(writers.csv.header(undefined, 3)).toBe("path,0,1,2");
    expect(writers.paddleclas.header(["sky"], 1)).toBeUndefined();
  });

  it("names what a format cannot hold instead of writing a broken line", () => {
    expect(writers.spaced.pathProblem("my photos/a.jpg")).toMatch(/whitespace/);
    expect(writers.spaced.pathProblem("tab\there.jpg")).toMatch(/whitespace/);
    expect(writers.spaced.pathProblem("déjà/ü.jpg")).toBeUndefined();
    // What Python's str.split() splits on, which JavaScript's \s leaves out: the file separators and NEL.
    for (const ch of ["\x1c", "\x1d", "\x1e", "\x1f", "\u0085"]) expect(writers.spaced.pathProblem(`a${ch}b.jpg`), JSON.stringify(ch)).toMatch(/whitespace/);
    // And not U+FEFF, which \s counts and split() does not: such a path reads back whole.
    expect(writers.spaced.pathProblem("a\ufeffb.jpg")).toBeUndefined();
    expect(writers.paddleclas.pathProblem("tab\there.jpg")).toMatch(/TAB/);
    expect(writers.paddleclas.pathProblem("my photos/a,b.jpg")).toBeUndefined();
    expect(writers.indices.pathProblem("two\nlines.jpg")).toMatch(/line break/);
    expect(writers.csv.pathProblem("tab\there, \"and\"\nmore.jpg")).toBeUndefined();
    expect(writers.indices.valuesProblem([1, -1, 0])).toMatch(/-1/);
    expect(writers.csv.valuesProblem([1, -1, 0])).toBeUndefined();
  });

  it("takes the slow path for a path the fast path cannot copy as it is", () => {
    const bytes = (s: string) => Buffer.from(s, "utf8");
    expect(writers.csv.plainPath(bytes("a,b.jpg"), 7)).toBe(false);
    expect(writers.csv.plainPath(bytes('a"b.jpg'), 7)).toBe(false);
    expect(writers.csv.plainPath(bytes("my photos/a.jpg"), 15)).toBe(true);
    expect(writers.spaced.plainPath(bytes("my photos/a.jpg"), 15)).toBe(false);
    // A no-break space is whitespace to a reader that splits on whitespace.
    const nbsp = bytes("a\u00a0b.jpg");
    expect(writers.spaced.plainPath(nbsp, nbsp.length)).toBe(false);
    for (const path of ["a\x1fb.jpg", "c\u0085d.jpg"]) expect(writers.spaced.plainPath(bytes(path), bytes(path).length), JSON.stringify(path)).toBe(false);
    const accents = bytes("déjà.jpg");
    expect(writers.spaced.plainPath(accents, accents.length)).toBe(true);
    expect(writers.paddleclas.plainPath(bytes("my photos/a,b.jpg"), 17)).toBe(true);
  });
});

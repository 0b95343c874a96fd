import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { attrDictValues, PpclsConfig } from "../../src/ppcls/config.js";
import { rejection } from "../shared.js";

describe("PpclsConfig", () => {
  it("reads YAML as PaddleClas's PyYAML does: 1.1 booleans, anchors, aliases and merge keys", () => {
    const config = PpclsConfig.parse(
      [
        "Global:",
        "  use_multilabel: yes",
        "base: &base",
        "  weight: 1.0",
        "DataLoader:",
        "  Train:",
        "    dataset: &d",
        "      name: MultiLabelDataset",
        "      cls_label_path: ./train.txt",
        "      label_ratio: True",
        "  Eval:",
        "    dataset: *d",
        "Loss:",
        "  Train:",
        "    - MultiLabelLoss:",
        "        <<: *base",
        "        weight_ratio: True",
        "",
      ].join("\n"),
      "/root",
      "c.yaml",
    );
    expect(config.get(["Global", "use_multilabel"])).toBe(true);
    const [train, evaluation] = config.splits();
    expect(evaluation!.clsLabelPath).toEqual({ written: "./train.txt", resolved: "/root/train.txt" });
    expect(evaluation!.labelRatio).toBe(true);
    expect(train!.losses).toEqual([{ name: "MultiLabelLoss", options: { weight: 1.0, weight_ratio: true }, at: ["Loss", "Train", 0, "MultiLabelLoss"] }]);
    expect(config.locate(["Loss", "Train", 0, "MultiLabelLoss", "weight_ratio"])).toMatchObject({ line: 17, column: 9, source: "        weight_ratio: True" });
    expect(config.written(["DataLoader", "Train", "dataset", "label_ratio"])).toBe("True");
    // A missing key points at the deepest part that exists.
    expect(config.locate(["DataLoader", "Train", "dataset", "nope"]).line).toBe(7);
  });

  it("refuses an alias bomb, invalid YAML and a non-mapping with one clear error", async () => {
    const bomb = ["a: &a [1,2]", "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]", "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]", "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]", "e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]"].join("\n");
    expect(() => PpclsConfig.parse(bomb, "/", "bomb.yaml")).toThrow(/bomb.yaml: cannot read the YAML: its aliases \(\*name\) expand to more than 1,000 copies/);
    expect(() => PpclsConfig.parse("a: [1\n", "/", "bad.yaml")).toThrow(/^bad.yaml:\d+:\d+: not valid YAML/);
    expect(() => PpclsConfig.parse("- a\n- b\n", "/", "list.yaml")).toThrow(/list.yaml: not a PaddleClas config/);
    // yaml.load takes one document (PyYAML's get_single_node: ComposerError on a second); a leading --- and a closing ... are one.
    expect(() => PpclsConfig.parse("Global:\n  epochs: 1\n---\nArch:\n  name: x\n", "/", "two.yaml")).toThrow(/^two.yaml:3:1: a second YAML document starts here \(---\): PaddleClas reads its config with yaml.load/);
    expect(PpclsConfig.parse("---\nGlobal:\n  epochs: 1\n...\n", "/", "one.yaml").get(["Global", "epochs"])).toBe(1);
    // yaml.SafeLoader has no constructor for an unknown tag (PyYAML: ConstructorError); !!set and !!binary it has.
    expect(() => PpclsConfig.parse("Arch:\n  size: !!python/tuple [224, 224]\n", "/", "t.yaml")).toThrow("t.yaml:2:9: PaddleClas reads its config with PyYAML's SafeLoader, which has no constructor for the tag 'tag:yaml.org,2002:python/tuple'");
    expect(() => PpclsConfig.parse("a: !foo bar\n", "/", "t.yaml")).toThrow(/t.yaml:1:4: .*the tag '!foo'/);
    expect(() => PpclsConfig.parse("a: !!set {x, y}\nb: !!str 1\n", "/", "t.yaml")).not.toThrow();
    // A key PyYAML stops on: a mapping or a list (ConstructorError: found unhashable key), or none before a `:` (ParserError).
    expect(() => PpclsConfig.parse("a:\n  ? scale: 1\n  b: 2\n", "/", "k.yaml")).toThrow(/^k.yaml:2:\d+: a mapping or a list as a key: PaddleClas's PyYAML cannot use it/);
    expect(() => PpclsConfig.parse("a:\n  x: 1\n  : [0.2]\n", "/", "k.yaml")).toThrow("k.yaml:3:3: a `:` with no key before it");
    expect(() => PpclsConfig.parse("a: [1, : 2]\n", "/", "k.yaml")).toThrow("k.yaml:1:8: a `:` with no key before it");
    expect(PpclsConfig.parse('? x\n: 1\n"": 2\n', "/", "k.yaml").get([])).toEqual({ x: 1, "": 2 });
    expect(() => PpclsConfig.parse("a: 1\n? \n", "/", "k.yaml")).not.toThrow();
    // PyYAML reads a quoted scalar across lines to its closing quote, whatever their indentation; the yaml package ended
    // one early, without an error, where a later key sat less deep, so `"./inference\"` (an escaped quote) read as closed.
    expect(() => PpclsConfig.parse('Global:\n  a: "x\\"\n  b: True\n\nArch:\n  name: "P"\n', "/", "q.yaml")).toThrow(/^q.yaml:2:6: not valid YAML: this quoted value is not closed on its line/);
    expect(() => PpclsConfig.parse("Global:\n  a: 'it''\n  b: 1\n", "/", "q.yaml")).toThrow(/^q.yaml:\d+:\d+: not valid YAML/);
    expect(PpclsConfig.parse('Global:\n  a: "x\\"\n    b: 1"\n', "/", "q.yaml").get(["Global", "a"])).toBe('x" b: 1');
    // PyYAML starts a comment at a `#` right after a flow indicator (`]`, `}`, `[`, `{`, `,` in a flow); the yaml package wants a space.
    expect(PpclsConfig.parse("a:\n  std: [0.229, 0.224, 0.225]#\n  order: ''\nb: {x: 1}#c\nc: [1,#c\n  2]\n", "/", "h.yaml").get([])).toEqual({ a: { std: [0.229, 0.224, 0.225], order: "" }, b: { x: 1 }, c: [1, 2] });
    expect(PpclsConfig.parse("a: x,#y\nb: [a#b]\n", "/", "h.yaml").get([])).toEqual({ a: "x,#y", b: ["a#b"] });
    expect(PpclsConfig.parse('Global:\n  a: "x\\\\"\n  b: "it\'s"\n  c: \'it\'\'s\'\n', "/", "q.yaml").get(["Global"])).toEqual({ a: "x\\", b: "it's", c: "it's" });
    // PyYAML's Reader refuses characters outside its printable set, in comments too (ReaderError); TAB, CR, NEL, a BOM and emoji it reads.
    expect(() => PpclsConfig.parse("a: 1 # bell \u0007\n", "/", "c.yaml")).toThrow("c.yaml:1:13: the character U+0007: PaddleClas's PyYAML refuses it");
    expect(() => PpclsConfig.parse("a: 1\nb: x\u000cy\n", "/", "c.yaml")).toThrow(/^c.yaml:2:5: the character U\+000C/);
    expect(() => PpclsConfig.parse("\ufeffa: b\r\nc: \u0085 \u00e9 \u{1F600}\n", "/", "c.yaml")).not.toThrow();
    expect((await rejection(PpclsConfig.load("/nonexistent/c.yaml", "/"))).code).toBe("LL_READ_FAILED");
  });
});

/** Plain scalars where PyYAML's resolvers (yaml/resolver.py) and the YAML 1.1 schema part; then ones they share. */
const SCALARS: [string, unknown][] = [
  ["1e-3", "1e-3"], ["1E3", "1E3"], ["0.1e3", "0.1e3"], ["1.0e3", "1.0e3"], ["-1e-3", "-1e-3"], ["1.5e3", "1.5e3"], ["-.5", "-.5"], ["+.5", "+.5"],
  ["0008", "0008"], ["09", "09"], ["y", "y"], ["n", "n"], ["Y", "Y"], ["N", "N"], ["oN", "oN"],
  ["1.0e-3", 0.001], ["1.e-3", 0.001], ["1.5e+3", 1500], ["1.5E-3", 0.0015], [".5", 0.5], ["0.", 0], ["1_000", 1000], ["1__0", 10], ["1_", 1], ["012", 10],
  ["0b101", 5], ["0x1F", 31], ["0o7", "0o7"], ["+1", 1], ["-0", 0], ["1:30", 90], ["1:30.5", 90.5], [".inf", Infinity], ["-.inf", -Infinity],
  ["yes", true], ["On", true], ["off", false], ["NO", false], ["True", true], ["FALSE", false], ["~", null], ["Null", null], ["NaN", "NaN"], ["_1", "_1"],
  ["!!float 1e3", 1000], ['!!int "12"', 12], ["!!bool yes", true], ["!!str 1e3", "1e3"],
];

describe("PpclsConfig: plain scalars as PyYAML resolves them", () => {
  it("reads 1e-3, -.5, 0008 and y as strings and 1.0e-3 as a number, as PyYAML's resolvers do", () => {
    const config = PpclsConfig.parse(`a: [${SCALARS.map(([text]) => text).join(", ")}]\n`, "/", "c.yaml");
    const got = config.get(["a"]) as unknown[];
    SCALARS.forEach(([text, value], i) => expect(got[i], text).toEqual(value));
    expect(Number.isNaN(PpclsConfig.parse("a: [.nan, .NaN]\n", "/", "c.yaml").get(["a", 1]))).toBe(true);
    expect(() => PpclsConfig.parse("a: !!float abc\n", "/", "bad.yaml")).toThrow(/bad.yaml:1:\d+: not valid YAML: 'abc' is not a number/);
  });

  it("so `values: [1e-3]` in a list is text to PaddleClas while `learning_rate: 1e-3` is a number (literal_eval)", () => {
    const config = PpclsConfig.parse("Optimizer:\n  lr:\n    learning_rate: 1e-3\n    values: [1e-3, 1.0e-4]\n", "/", "c.yaml");
    expect(config.get(["Optimizer", "lr", "learning_rate"])).toBe(0.001);
    expect(config.isFloat(["Optimizer", "lr", "learning_rate"])).toBe(true);
    expect(config.get(["Optimizer", "lr", "values"])).toEqual(["1e-3", 0.0001]);
  });

  it("agrees with the PyYAML this machine's python3 has", (context) => {
    const python = spawnSync("/usr/bin/python3", ["-c", "import yaml,json,sys,math; v=yaml.safe_load(sys.stdin.read())['a']; print(json.dumps([x if not isinstance(x,float) or math.isfinite(x) else str(x) for x in v]))"], { input: `a: [${SCALARS.map(([text]) => text).join(", ")}]\n`, encoding: "utf8" });
    if (python.status !== 0) {
      context.skip(`/usr/bin/python3 with PyYAML is not available here (${(python.stderr || String(python.error)).trim().split("\n").pop()})`);
      return;
    }
    const expected = (JSON.parse(python.stdout) as unknown[]).map((x) => (x === "inf" ? Infinity : x === "-inf" ? -Infinity : x));
    expect(SCALARS.map(([, value]) => value)).toEqual(expected);
  });
});

/** Where PyYAML 6.0 reads a TAB (true) and where its scanner stops on one (false), as run here. */
const TABS: [string, boolean][] = [
  ["a:\tb\n", false], ["a: \tb\n", false], ["a:\t\n", false], ["a: b\t\n", false], ["a: b\t# c\n", false], ["- \tx\n", false],
  ["a: [1,\t2]\n", false], ["a:\t[1]\n", false], ["a: b\tc\n", false], ["\t# c\na: 1\n", false], ["a: 1\n\t\nb: 2\n", false], ["a: |\n\tx\n", false],
  ['a: "b\tc"\n', true], ["a: 'b\tc'\n", true], ["a: b # c\td\n", true], ["# \tc\na: 1\n", true], ["a: |\n  x\ty\n", true], ['a: "#"\t# c\n', false], ["a: 'x # y'\n  # z\tw\n", true],
];

describe("PpclsConfig: a TAB where PyYAML's scanner stops on it", () => {
  it("refuses `key:\\tvalue`, a trailing TAB and one before a comment (ScannerError), and reads TABs in quotes, comments and block text", () => {
    for (const [text, read] of TABS) {
      const parse = () => PpclsConfig.parse(text, "/", "t.yaml");
      if (read) expect(parse, JSON.stringify(text)).not.toThrow();
      else expect(parse, JSON.stringify(text)).toThrow(/^t\.yaml:\d+:\d+: (a TAB outside quotes and comments: PaddleClas's PyYAML stops reading the config on it|not valid YAML)/);
    }
    expect(() => PpclsConfig.parse("Global:\n  epochs:\t20\n", "/", "t.yaml")).toThrow("t.yaml:2:10: a TAB outside quotes and comments");
  });

  it("agrees with the PyYAML this machine's python3 has", (context) => {
    const script = "import yaml,json,sys\nout=[]\nfor t in json.load(sys.stdin):\n  try:\n    yaml.load(t, Loader=yaml.SafeLoader); out.append(True)\n  except yaml.YAMLError: out.append(False)\nprint(json.dumps(out))";
    const python = spawnSync("/usr/bin/python3", ["-c", script], { input: JSON.stringify(TABS.map(([text]) => text)), encoding: "utf8" });
    if (python.status !== 0) {
      context.skip(`/usr/bin/python3 with PyYAML is not available here (${(python.stderr || String(python.error)).trim().split("\n").pop()})`);
      return;
    }
    expect(TABS.map(([, read]) => read)).toEqual(JSON.parse(python.stdout));
  });
});

describe("PpclsConfig: line breaks as PaddleClas's open() and PyYAML read them", () => {
  it("a lone CR (universal newlines), NEL, LS and PS end a line; CRLF too", () => {
    expect(PpclsConfig.parse("a: 1\rb: 2\r", "/", "c.yaml").get([])).toEqual({ a: 1, b: 2 });
    expect(PpclsConfig.parse("Global:\r\n  epochs: 10\u2028  seed: 3\x85  device: gpu\u2029", "/", "c.yaml").get(["Global"])).toEqual({ epochs: 10, seed: 3, device: "gpu" });
    // A CR inside a key splits it, as PyYAML reads it: the config no longer parses.
    expect(() => PpclsConfig.parse("Global:\n  image_\rroot: x\n  epochs: 1\n", "/", "c.yaml")).toThrow(/^c.yaml:\d+:\d+: not valid YAML/);
    expect(PpclsConfig.parse("a: 1\rb: 2\r", "/", "c.yaml").locate(["b"]).line).toBe(2);
    // A flow list's or a quoted scalar's later lines at any indentation, as PyYAML reads them.
    expect(PpclsConfig.parse("Optimizer:\n  lr:\n    values: [0.1, 0.01,\n0.001]\n    name: Piecewise\n", "/", "c.yaml").get(["Optimizer", "lr"])).toEqual({ values: [0.1, 0.01, 0.001], name: "Piecewise" });
    expect(PpclsConfig.parse('a:\n  v: "x\ny"\n  w: {p: 1,\nq: 2}\nc: 3\n', "/", "c.yaml").get([])).toEqual({ a: { v: "x y", w: { p: 1, q: 2 } }, c: 3 });
    expect(PpclsConfig.parse("a:\n  values: [0.1, 0.01,\n0.001]\n  name: x\n", "/", "c.yaml").locate(["a", "name"]).line).toBe(4);
    // A comment right after a closing quote, which PyYAML reads as one.
    expect(PpclsConfig.parse("a:\n  b: ''#\n  c: \"x\"#y\n", "/", "c.yaml").get([])).toEqual({ a: { b: "", c: "x" } });
    // Explicit tags as PyYAML's constructors take them: !!int 1.5 and 08 and !!bool maybe are errors, !!null anything is None.
    for (const bad of ["!!int 1.5", "!!int 08", "!!int", "!!float 0x10", "!!bool maybe"]) expect(() => PpclsConfig.parse(`a: ${bad}\n`, "/", "c.yaml"), bad).toThrow(/not valid YAML: '.*' is not a (number|boolean) PyYAML takes for its tag/);
    expect(PpclsConfig.parse("a: !!null x\nb: !!int 1:30\nc: !!bool On\n", "/", "c.yaml").get([])).toEqual({ a: null, b: 90, c: true });
    // A plain value starting with `:` inside [ ] (PyYAML's ParserError); outside brackets it is text.
    expect(() => PpclsConfig.parse("a: [:192, 256]\n", "/", "c.yaml")).toThrow("c.yaml:1:5: a value starting with `:` in a [ ] or { } list");
    expect(PpclsConfig.parse("a: :x\n", "/", "c.yaml").get(["a"])).toBe(":x");
    expect(() => PpclsConfig.parse("a: [0.2? 24]\n", "/", "c.yaml")).toThrow("c.yaml:1:5: a value holding `?` in a [ ] or { } list");
    expect(() => PpclsConfig.parse("a: {k?: 1}\n", "/", "c.yaml")).toThrow(/a value holding `\?`/);
    expect(PpclsConfig.parse("a: what?\n", "/", "c.yaml").get(["a"])).toBe("what?");
    // Inside quotes PyYAML folds them into the text; the quote does not end there.
    expect(PpclsConfig.parse('a: "x\u2028y"\nb: \'p\x85q\'\n', "/", "c.yaml").get(["a"])).toBe("x\u2028y");
    expect(PpclsConfig.parse('a:\n  b: "dataset/at\u2028tribute/"\n  c: 1\n', "/", "c.yaml").get(["a", "c"])).toBe(1);
  });
});

describe("attrDictValues: string values as PaddleClas's create_attr_dict reads them (ast.literal_eval)", () => {
  it("reads the literals of mappings reached through mappings, and leaves lists as YAML made them", () => {
    // Expected values from Python's ast.literal_eval (ppcls/utils/config.py: create_attr_dict).
    const cases: [string, unknown][] = [
      ["True", true], ["False", false], ["None", null], [" True", true], ["True ", true], ["33", 33], ["-1", -1], ["1_000", 1000], ["0.1", 0.1],
      ["1.", 1], ["1e3", 1000], [".5", 0.5], ["+2", 2], ["0", 0], ["'a b'", "a b"], ['"q"', "q"],
      ["False#", false], ["1 # x", 1], [" 3#", 3], ["0.5#e", 0.5], ['"a#b"', "a#b"],
      ["0x22", 34], ["0X22", 34], ["0o42", 34], ["0b100010", 34], ["0x_2_2", 34], ["-0x22", -34], ["+0o42", 34], [" 0x22", 34], ["00", 0], ["0_0", 0],
      // literal_eval fails on these: the string stays.
      ["e5", "e5"], ["x", "x"], ["007", "007"], ["0x", "0x"], ["0o8", "0o8"], ["0b2", "0b2"], ["0x_", "0x_"], ["1_", "1_"], ["inf", "inf"], ["nan", "nan"], ["#x", "#x"], ["abc#d", "abc#d"], ["./dataset/a.txt", "./dataset/a.txt"],
    ];
    for (const [text, value] of cases) expect(attrDictValues({ a: { b: text } }), text).toEqual({ a: { b: value } });
    expect(attrDictValues({ Loss: { Train: [{ MultiLabelLoss: { weight_ratio: "True" } }] } })).toEqual({ Loss: { Train: [{ MultiLabelLoss: { weight_ratio: "True" } }] } });
  });

  it("so a quoted False turns label_ratio off, and a quoted class_num is a number", () => {
    const config = PpclsConfig.parse('Arch:\n  class_num: "33"\nDataLoader:\n  Train:\n    dataset:\n      label_ratio: "False"\n', "/", "config.yaml");
    expect(config.get(["Arch", "class_num"])).toBe(33);
    expect(config.get(["DataLoader", "Train", "dataset", "label_ratio"])).toBe(false);
  });
});

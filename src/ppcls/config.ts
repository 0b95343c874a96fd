import { stripWhere } from "../text/python.js";
import { isAbsolute, join, relative, resolve } from "node:path";
import type { Document, LineCounter, Node } from "yaml";
import { yaml } from "../deps.js";
import { LabellintError } from "../errors.js";
import { readSmallText } from "../io/source.js";
import { MAX_YAML_ALIASES, MAX_YAML_BYTES, yamlReadFailure } from "../io/limits.js";
import type { SplitRole } from "../types.js";
import { applyOverride, refuseObjects, type AppliedOverride } from "./override.js";

/** A key path into the YAML, e.g. `["Loss", "Train", 0, "MultiLabelLoss", "weight_ratio"]`. */
export type KeyPath = readonly (string | number)[];

/** Where a key is in the YAML file: 1-based line and column, and the line's text. */
export interface YamlLocation {
  line: number;
  column: number;
  length: number;
  source: string;
}

/** A loss or metric entry: `- MultiLabelLoss: {weight: 1.0, …}`. */
export interface Component {
  name: string;
  options: Record<string, unknown>;
  /** Path of the entry's name key (`Loss.Train[0].MultiLabelLoss`). */
  at: KeyPath;
}

/** One model of a DistillationModel: its key (`Student`), where its mapping is, and its keys (`name`, `class_num`, …). */
export interface DistilledModel {
  key: string;
  at: KeyPath;
  options: Record<string, unknown>;
}

/** What one split (DataLoader.Train or DataLoader.Eval) of the config sets up. */
export interface SplitSetup {
  role: SplitRole;
  /** `Train` or `Eval`: the key under DataLoader, Loss and Metric. */
  key: "Train" | "Eval";
  datasetName?: string;
  /** `label_ratio` as PaddleClas reads it (Python truthiness). */
  labelRatio: boolean;
  /** The list file as written in the config, and resolved against the root. */
  clsLabelPath?: { written: string; resolved: string };
  imageRoot?: { written: string; resolved: string };
  /**
   * The batch size of a sampler that drops the last incomplete batch
   * (`drop_last: True` on DistributedBatchSampler, BatchSampler or a sampler
   * without a name): a list of fewer rows yields no batch at all.
   */
  dropLastBatch?: number;
  /**
   * The images are decoded with PIL: the dataset's transform_ops has DecodeImage with
   * `backend: pil` (any case; anything else is cv2, ppcls/data/preprocess/ops/operators.py:172-177).
   */
  pilDecoding?: true;
  losses: Component[];
  metrics: Component[];
}

/** Python truthiness of a YAML value, as PaddleClas's `if self.label_ratio:` sees it. */
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
}

/** A YAML value as PaddleClas's Python sees it, for messages (`True`, `None`, `0.1`). */
export function pyValue(value: unknown): string {
  if (value === true) return "True";
  if (value === false) return "False";
  if (value === null || value === undefined) return "None";
  // Python's repr of the floats JSON has no word for (`1e999`, `.inf`, `.nan`).
  if (typeof value === "number" && !Number.isFinite(value)) return Number.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * The config as PaddleClas's `create_attr_dict` leaves it (ppcls/utils/config.py): every string
 * value of a mapping reached through mappings goes through `ast.literal_eval`, so `label_ratio:
 * "False"` is False and `class_num: "33"` is 33 to PaddleClas; values inside lists (the loss and
 * metric entries) stay as YAML made them. Only the literals a config holds are read — True, False,
 * None, numbers, a quoted string; any other text stays text (literal_eval fails on it too, or makes
 * a container no option here takes).
 */
export function attrDictValues(values: unknown): unknown {
  if (values === null || typeof values !== "object" || Array.isArray(values)) return values;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) out[key] = typeof value === "string" ? literalOf(value) : value !== null && typeof value === "object" && !Array.isArray(value) ? attrDictValues(value) : value;
  return out;
}

const PY_INT = /^[+-]?(?:0(?:_?0)*|[1-9](?:_?\d)*)$/;
/** The int forms of YAML 1.1 (PyYAML's resolver: decimal, 0b, 0 octal, 0x, sexagesimal): any other number it reads is a float. */
const YAML11_INT = /^(?:[-+]?0b[01_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
/** Python's 0x / 0o / 0b integer literals (`"0x22"` is 34 to literal_eval). */
const PY_PREFIXED_INT = /^([+-]?)0(?:([xX])((?:_?[0-9a-fA-F])+)|([oO])((?:_?[0-7])+)|([bB])((?:_?[01])+))$/;
const PY_FLOAT = /^[+-]?(?:\d(?:_?\d)*)?(?:\.(?:\d(?:_?\d)*)?)?(?:[eE][+-]?\d(?:_?\d)*)?$/;

/** What `ast.literal_eval(text)` gives for the literals a config holds; `text` itself otherwise. */
function literalOf(text: string): unknown {
  // literal_eval strips spaces and TABs before the literal; the parser allows them after it, and a
  // `#` outside quotes starts a comment (`False#` is False).
  const hash = /^[^'"#]*#/.exec(text);
  const t = stripWhere(hash !== null ? text.slice(0, hash[0].length - 1) : text, (c) => c === 0x20 || c === 0x09);
  if (t === "True") return true;
  if (t === "False") return false;
  if (t === "None") return null;
  if (PY_INT.test(t)) return Number(t.replace(/_/g, ""));
  const prefixed = PY_PREFIXED_INT.exec(t);
  if (prefixed !== null) {
    const [, sign, x, hex, o, oct, , bin] = prefixed;
    const value = x !== undefined ? parseInt(hex!.replace(/_/g, ""), 16) : o !== undefined ? parseInt(oct!.replace(/_/g, ""), 8) : parseInt(bin!.replace(/_/g, ""), 2);
    return sign === "-" ? -value : value;
  }
  if (/^[+-]?\.?\d/.test(t) && /[.eE]/.test(t) && PY_FLOAT.test(t)) return Number(t.replace(/_/g, ""));
  const quoted = /^(['"])([^'"\\\n]*)\1$/.exec(t);
  if (quoted !== null) return quoted[2];
  return text;
}

/**
 * PyYAML's implicit resolvers for plain scalars (yaml/resolver.py, PyYAML 5 and 6), where they
 * differ from the YAML 1.1 schema's: `1e-3`, `1E3` and `1.0e3` (an exponent without a dot, or
 * without a sign) are strings, and so are `-.5`, `0008`, `09`, `y` and `n`. A config's numbers
 * in lists (Piecewise's `values`, an operator's arguments) stay what PyYAML made them, so
 * `values: [1e-3, 1e-4]` is two strings to PaddleClas.
 */
const PYYAML_BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const PYYAML_FLOAT = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const YAML_TAG = { bool: "tag:yaml.org,2002:bool", int: "tag:yaml.org,2002:int", float: "tag:yaml.org,2002:float", null: "tag:yaml.org,2002:null" };

/** construct_yaml_int: `_` dropped, then 0b, 0x, a leading 0 (octal), base-60 parts, or decimal. */
function pyyamlInt(source: string): number {
  let text = source.replace(/_/g, "");
  const sign = text.startsWith("-") ? -1 : 1;
  if (text.startsWith("-") || text.startsWith("+")) text = text.slice(1);
  if (text === "0") return 0;
  if (text.startsWith("0b")) return sign * parseInt(text.slice(2), 2);
  if (text.startsWith("0x")) return sign * parseInt(text.slice(2), 16);
  if (text.startsWith("0")) return sign * parseInt(text, 8);
  if (text.includes(":")) return sign * text.split(":").reduce((total, part) => total * 60 + Number(part), 0);
  return sign * Number(text);
}

/** construct_yaml_float: `_` dropped, lower-cased, then .inf, .nan, base-60 parts, or Python's float(). */
function pyyamlFloat(source: string): number {
  let text = source.replace(/_/g, "").toLowerCase();
  const sign = text.startsWith("-") ? -1 : 1;
  if (text.startsWith("-") || text.startsWith("+")) text = text.slice(1);
  if (text === ".inf") return sign * Infinity;
  if (text === ".nan") return NaN;
  if (text.includes(":")) return sign * text.split(":").reduce((total, part) => total * 60 + Number(part), 0);
  return sign * Number(text);
}

/** Whether construct_yaml_int takes the text of an explicit `!!int` (int() of its digits: no float, no 08). */
function pyyamlIntText(text: string): boolean {
  const t = text.replace(/_/g, "").replace(/^[-+]/, "");
  return /^(?:0|0b[01]+|0x[0-9a-fA-F]+|0[0-7]+|[1-9]\d*(?::\d+)*)$/.test(t);
}

/** Whether construct_yaml_float takes the text of an explicit `!!float` (Python's float() after .inf, .nan and base 60). */
function pyyamlFloatText(text: string): boolean {
  const t = text.replace(/_/g, "").toLowerCase().replace(/^[-+]/, "");
  return /^(?:\.inf|\.nan|\d+(?::\d+(?:\.\d*)?)+|(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?|inf(?:inity)?|nan)$/.test(t);
}

function explicitNumber(text: string, value: number, valid: boolean, onError: (message: string) => void): number {
  if (!valid) onError(`'${text}' is not a number PyYAML takes for its tag`);
  return value;
}

/**
 * The scalar tags the config is read with: PyYAML's bool, int and float tests and constructors
 * first; the schema's own bool, int and float tags stay for what else names them explicitly.
 */
function pyyamlScalars(tags: import("yaml").Tags): import("yaml").Tags {
  const replaced = new Set([YAML_TAG.bool, YAML_TAG.int, YAML_TAG.float]);
  const ours: import("yaml").ScalarTag[] = [
    { tag: YAML_TAG.bool, default: true, test: PYYAML_BOOL, resolve: (text) => /^(?:y|t|on)/i.test(text) },
    { tag: YAML_TAG.float, default: true, test: PYYAML_FLOAT, resolve: pyyamlFloat },
    { tag: YAML_TAG.int, default: true, test: YAML11_INT, resolve: pyyamlInt },
    // `!!float 1e3`, `!!int "12"`: the constructors on any text, as PyYAML runs them (a ValueError on text that is no number).
    { tag: YAML_TAG.float, resolve: (text, onError) => explicitNumber(text, pyyamlFloat(text), pyyamlFloatText(text), onError) },
    { tag: YAML_TAG.int, resolve: (text, onError) => explicitNumber(text, pyyamlInt(text), pyyamlIntText(text), onError) },
    // `!!bool` looks the lower-cased text up among PyYAML's six pairs (KeyError on anything else); `!!null` is None whatever it says.
    {
      tag: YAML_TAG.bool,
      resolve: (text, onError) => {
        if (!/^(?:yes|no|true|false|on|off)$/i.test(text)) onError(`'${text}' is not a boolean PyYAML takes for its tag`);
        return /^(?:yes|true|on)$/i.test(text);
      },
    },
    { tag: YAML_TAG.null, resolve: () => null },
  ];
  const explicitOnly = tags.map((tag) => (typeof tag === "object" && replaced.has(tag.tag) ? { ...tag, default: false } : tag));
  return [...ours, ...explicitOnly];
}

type Ranges = [number, number][];
const within = (ranges: Ranges, i: number): boolean => ranges.some(([start, end]) => i >= start && i < end);

/** Where the document's quoted scalars and block scalars are (offsets into its source, shifted by `shift`). */
function scalarRanges(doc: Document, shift = 0): { quoted: Ranges; blocks: Ranges } {
  const quoted: Ranges = [];
  const blocks: Ranges = [];
  yaml().visit(doc, {
    Scalar(_key, node) {
      const range = node.range;
      if (range === undefined || range === null) return;
      if (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE") quoted.push([range[0] + shift, range[1] + shift]);
      else if (node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED") blocks.push([range[0] + shift, range[1] + shift]);
    },
  });
  return { quoted, blocks };
}

/**
 * The offset of a quoted scalar the yaml package ended without its closing quote, or undefined. PyYAML reads a
 * quoted scalar across lines, whatever their indentation, to its closing quote (yaml/scanner.py, scan_flow_scalar);
 * the yaml package ends one early, with no error, where a later line is indented less than its key — so `"a\"`
 * (an escaped quote at the end) would read as closed.
 */
function unclosedQuote(doc: Document, source: string): number | undefined {
  for (const [start, end] of scalarRanges(doc).quoted) {
    const written = source.slice(start, end);
    const quote = written[0];
    const body = written.slice(1);
    if (quote === '"') {
      const backslashes = /\\*$/.exec(body.slice(0, -1))![0].length;
      if (!body.endsWith('"') || backslashes % 2 === 1) return start;
    } else if (quote === "'") {
      // '' inside single quotes is a quote: the scalar ends at an odd run of quotes.
      if (/'*$/.exec(body)![0].length % 2 === 0) return start;
    }
  }
  return undefined;
}

/** Whether the `#` at `i` starts a comment: at its line's start or after a space or TAB (outside quotes, which the caller knows). */
const opensComment = (text: string, i: number, lineStart: number): boolean => i === lineStart || text[i - 1] === " " || text[i - 1] === "\t";

/**
 * Where PyYAML's scanner meets a TAB it cannot read (yaml/scanner.py): between tokens it skips
 * spaces only (`scan_to_next_token`, `scan_plain_spaces`), so a TAB is read only inside a quoted
 * scalar, a comment, or a block scalar's text after its indentation. `key:\tvalue`, a TAB before a
 * comment or at a line's end stop PaddleClas with ScannerError; the `yaml` package reads them as
 * spaces. The offset of the first such TAB, or undefined.
 */
function strayTab(text: string, doc: Document): number | undefined {
  if (!text.includes("\t")) return undefined;
  const { quoted, blocks } = scalarRanges(doc);
  for (let i = text.indexOf("\t"); i >= 0; i = text.indexOf("\t", i + 1)) {
    if (within(quoted, i)) continue;
    const lineStart = text.lastIndexOf("\n", i - 1) + 1;
    if (within(blocks, i)) {
      // A block scalar's text may hold a TAB; its indentation may not.
      if (!/^ *$/.test(text.slice(lineStart, i))) continue;
      return i;
    }
    // In a comment: a `#` at the line's start or after a space or TAB, outside quotes, before the TAB.
    let comment = false;
    for (let j = text.indexOf("#", lineStart); j >= 0 && j < i && !comment; j = text.indexOf("#", j + 1)) comment = opensComment(text, j, lineStart) && !within(quoted, j);
    if (!comment) return i;
  }
  return undefined;
}

/**
 * A key or a value PaddleClas's PyYAML stops on, which the yaml package takes: a mapping or a list as a
 * key (`? {a: 1}`, ConstructorError: found unhashable key), no key at all (`: value`, `[1, : 2]`,
 * ParserError), a plain value in `[ ]` or `{ }` that starts with `:` or holds a `?` (ParserError).
 */
function unreadableNode(doc: Document, text: string): { offset: number; what: string } | undefined {
  let found: { offset: number; what: string } | undefined;
  yaml().visit(doc, {
    Scalar(_key, node, path) {
      // In a flow collection a plain scalar cannot start with `:` (`[:192, 256]`): PyYAML's ParserError.
      // Nor hold a `?` after its start (`[0.2? 24]`, `{k?: 1}`): PyYAML ends the value there.
      const source = node.type === "PLAIN" && typeof node.source === "string" ? node.source : "";
      if ((source.startsWith(":") || source.indexOf("?") > 0) && path.some((p) => (isSeq(p) || isMap(p)) && (p as { flow?: boolean }).flow === true)) {
        const what = source.startsWith(":") ? "a value starting with `:`" : "a value holding `?`";
        found = { offset: node.range?.[0] ?? 0, what: `${what} in a [ ] or { } list: PaddleClas's PyYAML stops reading the config there (ParserError): quote the value, or write it as the number it means` };
        return yaml().visit.BREAK;
      }
      return undefined;
    },
    Pair(_key, pair) {
      const key = pair.key as Node | null;
      const start = (node: unknown) => (node as { range?: [number, number, number] } | null)?.range?.[0];
      if (key !== null && (isMap(key) || isSeq(key))) {
        found = { offset: start(key) ?? 0, what: "a mapping or a list as a key: PaddleClas's PyYAML cannot use it (ConstructorError: found unhashable key): write `name: value` with a plain name" };
      } else if (key === null || (isScalar(key) && key.value === null && (key.source ?? "") === "")) {
        // The `:` itself: the first one after where the empty key is placed, or the last one before the value.
        const keyAt = start(key);
        const colon = keyAt !== undefined ? text.indexOf(":", keyAt) : text.lastIndexOf(":", start(pair.value) ?? 0);
        // An explicit `? ` with nothing after it is a None key to PyYAML, not an error.
        const explicit = keyAt !== undefined && /\?[ \t]*$/.test(text.slice(text.lastIndexOf("\n", keyAt - 1) + 1, keyAt));
        if (colon >= 0 && !explicit) found = { offset: colon, what: "a `:` with no key before it: PaddleClas's PyYAML stops reading the config there (ParserError): write `name: value` with a plain name" };
      }
      return found !== undefined ? yaml().visit.BREAK : undefined;
    },
  });
  return found;
}

/**
 * The text with each later line of a flow collection (`[…]`, `{…}`) or a quoted scalar indented one
 * space deeper than the line it opened on, where it was not, and a space before a comment that
 * follows a closing quote; undefined when nothing needed it.
 * Quotes and brackets open only where a value starts (after `: `, `- `, `[`, `{`, `,` or at the line's start).
 */
function indentContinuations(text: string): string | undefined {
  const lines = text.split("\n");
  let quote: '"' | "'" | undefined;
  let depth = 0;
  let openIndent = 0;
  let changed = false;
  lines.forEach((line, n) => {
    const indent = /^ */.exec(line)![0].length;
    if (n > 0 && (quote !== undefined || depth > 0) && indent <= openIndent && line.trim() !== "") {
      lines[n] = " ".repeat(openIndent + 1 - indent) + line;
      changed = true;
    }
    const text = lines[n]!;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quote !== undefined) {
        if (quote === '"' && c === "\\") i++;
        else if (quote === "'" && c === "'" && text[i + 1] === "'") i++;
        else if (c === quote) {
          quote = undefined;
          // A comment right after the closing quote (`''#`): PyYAML reads it; the yaml package wants a space first.
          if (text[i + 1] === "#") {
            lines[n] = `${text.slice(0, i + 1)} ${text.slice(i + 1)}`;
            changed = true;
            break;
          }
        }
        continue;
      }
      if (c === "#" && opensComment(text, i, 0)) break;
      const before = text.slice(0, i).trimEnd();
      // Quotes and brackets open only where a value starts; inside a plain scalar (`key[`) they are text.
      const starts = before === "" || /[:\-[{,?]$/.test(before);
      let indicator = false;
      if ((c === '"' || c === "'") && starts) {
        if (depth === 0) openIndent = indent;
        quote = c;
      } else if ((c === "[" || c === "{") && (starts || depth > 0)) {
        if (depth === 0) openIndent = indent;
        depth++;
        indicator = true;
      } else if ((c === "]" || c === "}") && depth > 0) {
        depth--;
        indicator = true;
      } else if (c === "," && depth > 0) indicator = true;
      // A comment right after a flow indicator (`[0.2, 0.3]#`, `[1,#`): PyYAML reads it; the yaml package wants a space first.
      if (indicator && text[i + 1] === "#") {
        lines[n] = `${text.slice(0, i + 1)} ${text.slice(i + 1)}`;
        changed = true;
        break;
      }
    }
  });
  return changed ? lines.join("\n") : undefined;
}

const ODD_BREAK = /\r(?!\n)|\x85|\u2028|\u2029/g;

/**
 * Python's open() reads a lone CR as a line break (universal newlines), and PyYAML's scanner NEL,
 * LS and PS (yaml/scanner.py, scan_line_break); the yaml package only LF and CRLF. Outside quoted
 * scalars each becomes LF (one character for one keeps every offset). Inside quotes they stay: there
 * PyYAML folds them into the text, and the yaml package would take an LF for the quote's end when
 * the next line is indented less.
 */
function pyyamlLineBreaks(raw: string): string {
  if (!/[\r\x85\u2028\u2029]/.test(raw)) return raw;
  const bom = raw.startsWith("\uFEFF") ? 1 : 0;
  let quoted: Ranges = [];
  try {
    quoted = scalarRanges(yaml().parseDocument(raw.slice(bom), { version: "1.1" }), bom).quoted;
  } catch {
    // An unreadable document keeps no quotes apart: every odd break becomes LF.
  }
  return raw.replace(ODD_BREAK, (match, offset: number) => (quoted.some(([start, end]) => offset >= start && offset < end) ? match : "\n"));
}

/** `a.b[0].c` for messages. */
export function keyText(path: KeyPath): string {
  let out = "";
  for (const key of path) out += typeof key === "number" ? `[${key}]` : out === "" ? key : `.${key}`;
  return out;
}

/**
 * A PaddleClas training config read with a YAML 1.1 parser (as PaddleClas's
 * PyYAML reads it), keeping where every key is so findings can point at its line.
 */
export class PpclsConfig {
  /** The path as the user gave it, for reports. */
  readonly path: string;
  /** The directory PaddleClas runs from: relative paths in the config resolve against it. */
  readonly root: string;
  private readonly doc: Document;
  /** The config as plain values, aliases and merge keys resolved (what PaddleClas's Python sees). */
  private readonly values: unknown;
  private readonly lines: string[];
  private readonly counter: LineCounter;
  /** The `-o KEY=VALUE` overrides laid over the file, in order. */
  readonly overrides: readonly AppliedOverride[];

  private constructor(path: string, root: string, text: string, doc: Document, counter: LineCounter, values: unknown, overrides: readonly string[]) {
    this.path = path;
    this.root = root;
    this.doc = doc;
    this.values = values;
    this.counter = counter;
    this.lines = text.split(/\r?\n/);
    // tools/train.py applies them to the config create_attr_dict made (ppcls/utils/config.py, get_config).
    this.overrides = overrides.map((option) => applyOverride(values, option));
    if (overrides.length > 0) refuseObjects(values);
  }

  /**
   * Reads and parses a config, with PaddleClas's `-o` overrides laid over it; unreadable or
   * unparsable YAML is a fatal error, and so is an override PaddleClas stops on.
   */
  static async load(file: string, root: string, displayPath = file, overrides: readonly string[] = []): Promise<PpclsConfig> {
    const text = await readSmallText(file, MAX_YAML_BYTES, "PaddleClas config", displayPath);
    return PpclsConfig.parse(text, root, displayPath, overrides);
  }

  static parse(raw: string, root: string, displayPath: string, overrides: readonly string[] = []): PpclsConfig {
    const text = pyyamlLineBreaks(raw);
    let source = text.replace(/^\uFEFF/, "");
    /** One fatal line at `offset` of the source (line and column; none when the place is not known). */
    const refuse = (offset: number | undefined, message: string): never => {
      const before = offset === undefined ? undefined : source.slice(0, offset);
      const at = before === undefined ? "" : `:${before.split("\n").length}:${offset! - before.lastIndexOf("\n")}`;
      throw new LabellintError("LL_CONFIG_INVALID", `${displayPath}${at}: ${message}`);
    };
    // PyYAML's Reader refuses any character outside its printable set, comments included (yaml/reader.py, NON_PRINTABLE).
    const unprintable = /[^\t\n\r\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.exec(source);
    if (unprintable !== null) {
      const code = unprintable[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
      refuse(unprintable.index, `the character U+${code}: PaddleClas's PyYAML refuses it before reading the config (ReaderError: special characters are not allowed), in a comment too: remove it`);
    }
    const { LineCounter, parseDocument } = yaml();
    const options = { version: "1.1", merge: true, prettyErrors: false, uniqueKeys: false, customTags: pyyamlScalars } as const;
    let counter = new LineCounter();
    let doc = parseDocument(source, { ...options, lineCounter: counter });
    if (doc.errors.some((e) => e.code === "BAD_INDENT" || e.code === "MISSING_CHAR") || (doc.errors.length === 0 && unclosedQuote(doc, source) !== undefined)) {
      // PyYAML does not check the indentation of a flow collection's or a quoted scalar's later lines; the yaml
      // package wants them deeper than their key. Indented so, the text reads as PyYAML reads it (same lines).
      const indented = indentContinuations(source);
      if (indented !== undefined) {
        const again = new LineCounter();
        const retry = parseDocument(indented, { ...options, lineCounter: again });
        if (retry.errors.length === 0 && unclosedQuote(retry, indented) === undefined) {
          doc = retry;
          counter = again;
          source = indented;
        }
      }
    }
    const first = doc.errors[0];
    if (first?.code === "MULTIPLE_DOCS") {
      refuse(first.pos[0], "a second YAML document starts here (---): PaddleClas reads its config with yaml.load, which takes one document and stops on a second (ComposerError: expected a single document in the stream): keep one document, without this line and what follows or merged into the first");
    }
    if (first !== undefined) refuse(first.pos[0], `not valid YAML: ${first.message.split("\n")[0]}`);
    const unclosed = unclosedQuote(doc, source);
    if (unclosed !== undefined) {
      refuse(unclosed, "not valid YAML: this quoted value is not closed on its line, and PyYAML reads on across the lines below to the next quote (inside double quotes `\\\"` is a quote, not the end), so PaddleClas cannot read the config (ScannerError or ParserError): close the quote");
    }
    // PaddleClas loads the config with yaml.SafeLoader (ppcls/utils/config.py:68), which has no constructor for a tag it
    // does not know (`!!python/tuple`, `!foo`): ConstructorError before anything is built.
    const unresolved = doc.warnings.find((w) => w.code === "TAG_RESOLVE_FAILED");
    if (unresolved !== undefined) {
      const tag = /Unresolved tag: (\S+)/.exec(unresolved.message)?.[1] ?? "this tag";
      refuse(unresolved.pos[0], `PaddleClas reads its config with PyYAML's SafeLoader, which has no constructor for the tag '${tag}' (ConstructorError before training starts): write the value without it (a list for !!python/tuple)`);
    }
    const node = unreadableNode(doc, source);
    if (node !== undefined) refuse(node.offset, node.what);
    const tab = strayTab(source, doc);
    if (tab !== undefined) {
      refuse(tab, "a TAB outside quotes and comments: PaddleClas's PyYAML stops reading the config on it (ScannerError: found character '\\t' that cannot start any token), where other YAML readers take it as a space: write spaces");
    }
    if (!isMap(doc.contents)) throw new LabellintError("LL_CONFIG_INVALID", `${displayPath}: not a PaddleClas config (expected a mapping with Global, Arch, DataLoader, …)`);
    let values: unknown;
    try {
      // Bounded alias expansion: a config cannot blow up into gigabytes.
      values = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (error) {
      throw new LabellintError("LL_CONFIG_INVALID", `${displayPath}: cannot read the YAML: ${yamlReadFailure(error)}`, { cause: error });
    }
    return new PpclsConfig(displayPath, root, text, doc, counter, attrDictValues(values), overrides);
  }

  /** The plain value at `path`, or undefined when a key on the way is missing. */
  get(path: KeyPath): unknown {
    let value = this.values;
    for (const key of path) {
      if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return undefined;
      value = (value as Record<string | number, unknown>)[key];
    }
    return value;
  }

  /** The value at `path` as written in the file (`2.0`, `True`), for messages; PaddleClas's reading of it when not a plain scalar. */
  written(path: KeyPath): string {
    const override = this.overrideOf(path);
    if (override !== undefined) {
      if (override.path.length === path.length) return override.option.slice(override.valueAt);
      const value = this.get(path);
      return typeof value === "number" && Number.isInteger(value) && this.isFloat(path) ? `${value}.0` : pyValue(value);
    }
    const node = this.node(path);
    if (isScalar(node) && typeof node.source === "string" && node.source !== "") return node.source;
    return pyValue(this.get(path));
  }

  /**
   * Whether the number at `path` is a float to PaddleClas: YAML's `33.0` or `1.5e1`, or a string
   * literal_eval reads as one (`"33.0"`). JavaScript has no such difference (33.0 is 33), and
   * Python's int-only arguments (a layer's width, `range`, isinstance(…, int)) refuse a float.
   */
  isFloat(path: KeyPath): boolean {
    if (typeof this.get(path) !== "number") return false;
    const override = this.overrideOf(path);
    if (override !== undefined) {
      const rest = path.slice(override.path.length);
      return override.floats.some((f) => f.length === rest.length && f.every((k, i) => k === rest[i]));
    }
    const node = this.node(path);
    if (!isScalar(node)) return false;
    if (typeof node.value === "number") return typeof node.source === "string" && !YAML11_INT.test(node.source);
    if (typeof node.value !== "string") return false;
    const text = stripWhere(node.value, (c) => c === 0x20 || c === 0x09);
    return !PY_INT.test(text) && !PY_PREFIXED_INT.test(text);
  }

  has(path: KeyPath): boolean {
    let value = this.values;
    for (const key of path) {
      if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return false;
      value = (value as Record<string | number, unknown>)[key];
    }
    return true;
  }

  /** The mapping at `path` as a plain object ({} when absent or not a mapping). */
  object(path: KeyPath): Record<string, unknown> {
    const value = this.get(path);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  }

  /** The last override that set `path` or a value holding it. */
  overrideOf(path: KeyPath): AppliedOverride | undefined {
    for (let i = this.overrides.length - 1; i >= 0; i--) {
      const o = this.overrides[i]!;
      if (o.path.length <= path.length && o.path.every((k, j) => k === path[j])) return o;
    }
    return undefined;
  }

  /** The YAML node at `path` (aliases followed, merge keys looked into), when the path exists in the file and no override set it. */
  private node(path: KeyPath): unknown {
    if (this.overrideOf(path) !== undefined) return undefined;
    let node: unknown = this.doc.contents;
    for (const key of path) {
      node = this.follow(node);
      if (isMap(node)) node = this.member(node, key, 0);
      else if (isSeq(node) && typeof key === "number") node = node.items[key];
      else return undefined;
    }
    return this.follow(node);
  }

  /** A mapping's value for `key`: its own (the last, as YAML's loaders keep), else from its `<<` merges, the first that has it. */
  private member(map: import("yaml").YAMLMap, key: string | number, depth: number): unknown {
    return this.pairIn(map, key, depth)?.value;
  }

  /** The pair that gives a mapping's `key`: its own (the last), else the one a `<<` merge brings in (the first that has it). */
  private pairIn(map: import("yaml").YAMLMap, key: string | number, depth: number): import("yaml").Pair | undefined {
    const keyOf = (p: import("yaml").Pair) => (isScalar(p.key) ? p.key.value : p.key);
    for (let i = map.items.length - 1; i >= 0; i--) if (keyOf(map.items[i]!) === key) return map.items[i]!;
    if (depth > 20) return undefined;
    for (const pair of map.items) {
      // With merge keys on, the yaml package reads `<<` as a symbol.
      const k = keyOf(pair);
      if (k !== "<<" && !(typeof k === "symbol" && k.description === "<<")) continue;
      const merged = this.follow(pair.value);
      for (const source of isSeq(merged) ? merged.items.map((item) => this.follow(item)) : [merged]) {
        if (!isMap(source)) continue;
        const found = this.pairIn(source, key, depth + 1);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  }

  /**
   * Each key written again in the same mapping, in the file's order: PyYAML's
   * SafeLoader (PaddleClas's) keeps the last value without a word, as this
   * reading does. `path` is the key's (its mapping's path and the key), `first`
   * where it was written before, `at` where again, `dropped` the value dropped
   * as written. Merge keys (`<<`) are not keys of their own; an alias is
   * walked where its anchor is written, not again.
   */
  duplicateKeys(): { path: KeyPath; first: YamlLocation; at: YamlLocation; dropped: string }[] {
    const found: { path: KeyPath; first: YamlLocation; at: YamlLocation; dropped: string }[] = [];
    const walk = (node: unknown, path: KeyPath, depth: number): void => {
      if (depth > 200) return;
      if (isSeq(node)) {
        node.items.forEach((item, i) => walk(item, [...path, i], depth + 1));
        return;
      }
      if (!isMap(node)) return;
      const seen = new Map<string, import("yaml").Pair>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : undefined;
        if (key === undefined || key === "<<" || (typeof key === "symbol" && key.description === "<<")) continue;
        // Python's dict: 1 and 1.0 and True are one key; '1' is another.
        const id = typeof key === "boolean" ? `number:${Number(key)}` : `${typeof key}:${String(key)}`;
        const before = seen.get(id);
        const keyPath = [...path, typeof key === "number" ? key : String(key)];
        if (before !== undefined) {
          const value = before.value as Node | null;
          const text = value?.range !== undefined && value.range !== null ? sourceText(this.lines, this.counter, value.range) : "";
          found.push({ path: keyPath, first: this.rangeAt((before.key as Node).range), at: this.rangeAt((pair.key as Node).range), dropped: text });
        }
        seen.set(id, pair);
        walk(pair.value, keyPath, depth + 1);
      }
    };
    walk(this.doc.contents, [], 0);
    return found;
  }

  /** An alias's target; any other node as it is. */
  private follow(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.doc) : node;
  }

  /**
   * Where `path` is written: the key of its last step (or the list item).
   * A missing key points at the deepest part of the path that exists.
   * A value an override set points at the override's value, shown as
   * given (`--ppcls-override Arch.class_num=33.0`), on the line of the key
   * it overrides.
   */
  locate(path: KeyPath): YamlLocation {
    const override = this.overrideOf(path);
    if (override !== undefined) {
      const shown = `--ppcls-override ${override.option}`;
      const prefix = shown.length - override.option.length;
      return { line: this.located(path).line, column: prefix + override.valueAt + 1, length: Math.max(1, override.option.length - override.valueAt), source: shown };
    }
    return this.located(path);
  }

  /**
   * Where an override adds a key the config did not have: the caret under that key in the
   * override (`--ppcls-override Global.epoch=20`), on the line of the mapping it is added to.
   */
  locateAdded(override: AppliedOverride): YamlLocation | undefined {
    if (override.added === undefined) return undefined;
    const depth = override.added.path.length - 1;
    const keys = override.option.slice(0, override.valueAt - 1).split(".");
    const shown = `--ppcls-override ${override.option}`;
    const offset = keys.slice(0, depth).join(".").length + (depth > 0 ? 1 : 0);
    const line = depth > 0 ? this.located(override.added.path.slice(0, -1)).line : 1;
    return { line, column: shown.length - override.option.length + offset + 1, length: Math.max(1, keys[depth]!.length), source: shown };
  }

  /** Where `path` is written in the file. */
  private located(path: KeyPath): YamlLocation {
    let node: unknown = this.doc.contents;
    let range: readonly number[] | null | undefined = (node as Node | null)?.range;
    for (const key of path) {
      node = this.follow(node);
      if (isMap(node)) {
        // A merged key is found where it is written: under the anchor `<<: *name` brings in.
        const pair = this.pairIn(node, key, 0);
        if (pair === undefined) break;
        range = isScalar(pair.key) ? pair.key.range : range;
        node = pair.value;
      } else if (isSeq(node) && typeof key === "number") {
        const item = node.items[key] as Node | undefined;
        if (item === undefined) break;
        range = item.range;
        node = item;
      } else break;
    }
    return this.rangeAt(range);
  }

  /** Where a node's range is in the file (its first line; no range: the top). */
  private rangeAt(range: readonly number[] | null | undefined): YamlLocation {
    const offset = range?.[0] ?? 0;
    const pos = this.counter.linePos(offset);
    const source = this.lines[pos.line - 1] ?? "";
    const end = range?.[1] ?? offset + 1;
    const endPos = this.counter.linePos(end);
    const length = endPos.line === pos.line ? Math.max(1, endPos.col - pos.col) : Math.max(1, source.length - pos.col + 1);
    return { line: pos.line, column: pos.col, length, source };
  }

  /** A path from the config resolved as PaddleClas resolves it: relative to the working directory (the root). */
  resolvePath(written: string): string {
    return isAbsolute(written) ? written : resolve(this.root, written);
  }

  /** A resolved path as shown in reports: relative to the working directory when inside it. */
  static display(resolved: string, cwd: string): string {
    const rel = relative(cwd, resolved);
    return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : resolved;
  }

  /** The entries of a list of single-key mappings (`Loss.Train`, `Metric.Eval`). */
  components(path: KeyPath): Component[] {
    const list = this.get(path);
    if (!Array.isArray(list)) return [];
    const out: Component[] = [];
    list.forEach((item: unknown, i) => {
      if (typeof item === "string") out.push({ name: item, options: {}, at: [...path, i] });
      else if (item !== null && typeof item === "object" && !Array.isArray(item)) {
        for (const [name, value] of Object.entries(item)) {
          const options = value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
          out.push({ name, options, at: [...path, i, name] });
        }
      }
    });
    return out;
  }

  /** The Train and Eval splits the config sets up (those that have a DataLoader entry). */
  splits(): SplitSetup[] {
    const out: SplitSetup[] = [];
    for (const key of ["Train", "Eval"] as const) {
      if (!this.has(["DataLoader", key])) continue;
      const dataset = this.object(["DataLoader", key, "dataset"]);
      const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v : undefined);
      const cls = text(dataset["cls_label_path"]);
      const root = text(dataset["image_root"]);
      const sampler = this.object(["DataLoader", key, "sampler"]);
      const batchSize = sampler["batch_size"];
      // build_dataloader: a sampler without a name is paddle.io's BatchSampler; these two take batch_size and drop_last as given.
      const dropsLast =
        (sampler["name"] === undefined || sampler["name"] === "DistributedBatchSampler" || sampler["name"] === "BatchSampler") &&
        truthy(sampler["drop_last"]) &&
        typeof batchSize === "number" &&
        Number.isInteger(batchSize) &&
        batchSize > 1;
      // The first DecodeImage of transform_ops decodes the bytes MultiLabelDataset reads (its __getitem__).
      const ops = this.get(["DataLoader", key, "dataset", "transform_ops"]);
      const decode = Array.isArray(ops) ? ops.find((op: unknown) => op !== null && typeof op === "object" && !Array.isArray(op) && Object.hasOwn(op, "DecodeImage")) : undefined;
      const backend = decode !== undefined ? ((decode as Record<string, unknown>)["DecodeImage"] as Record<string, unknown> | null)?.["backend"] : undefined;
      const pilDecoding = typeof backend === "string" && backend.toLowerCase() === "pil";
      out.push({
        role: key === "Train" ? "train" : "eval",
        key,
        ...(pilDecoding ? { pilDecoding: true as const } : {}),
        ...(typeof dataset["name"] === "string" ? { datasetName: dataset["name"] } : {}),
        labelRatio: truthy(dataset["label_ratio"]),
        ...(cls !== undefined ? { clsLabelPath: { written: cls, resolved: this.resolvePath(cls) } } : {}),
        ...(root !== undefined ? { imageRoot: { written: root, resolved: this.resolvePath(root) } } : {}),
        ...(dropsLast ? { dropLastBatch: batchSize } : {}),
        losses: this.components(["Loss", key]),
        metrics: this.components(["Metric", key]),
      });
    }
    return out;
  }

  /**
   * Where the class count is read: `Arch.class_num`, or `Global.class_num`
   * when Arch has no class_num key (PaddleClas's Engine copies it into Arch then);
   * with `Arch.use_ml_decoder`, `MLDecoder.class_num` when given: build_model
   * replaces the model's classifier with `MLDecoder(**config["MLDecoder"])`, which
   * takes the model's class_num only when the section has none
   * (add_ml_decoder_head, ppcls/arch/gears/__init__.py:42-48).
   */
  classNumKey(): KeyPath {
    if (this.mlDecoder() && this.has(["MLDecoder", "class_num"])) return ["MLDecoder", "class_num"];
    const scored = this.scoredModel();
    if (scored !== undefined) return [...scored.at, "class_num"];
    return !this.has(["Arch", "class_num"]) && this.has(["Global", "class_num"]) ? ["Global", "class_num"] : ["Arch", "class_num"];
  }

  /**
   * The models of a `DistillationModel` (`Arch.models`, one `- Key: {name, …}` mapping each), which
   * DistillationModel builds as `eval(name)(**rest)` and runs side by side, returning their outputs
   * by key (ppcls/arch/__init__.py:130-156); it takes `Arch.class_num` into `**kargs` and uses it
   * nowhere. Entries of another shape are left out (invalid-argument reports them); undefined for
   * any other Arch.
   */
  distillationModels(): DistilledModel[] | undefined {
    if (this.get(["Arch", "name"]) !== "DistillationModel") return undefined;
    const models = this.get(["Arch", "models"]);
    if (!Array.isArray(models)) return undefined;
    const out: DistilledModel[] = [];
    models.forEach((entry: unknown, i) => {
      if (entry === null || typeof entry !== "object" || Array.isArray(entry)) return;
      const keys = Object.keys(entry);
      const options = (entry as Record<string, unknown>)[keys[0]!];
      if (keys.length !== 1 || options === null || typeof options !== "object" || Array.isArray(options)) return;
      out.push({ key: keys[0]!, at: ["Arch", "models", i, keys[0]!], options: options as Record<string, unknown> });
    });
    return out;
  }

  /**
   * The distilled model whose outputs are scored against the labels: `Student`, which evaluation
   * takes from the models' outputs (`out["Student"]`, ppcls/engine/evaluation/classification.py:68-69),
   * else the first model a DistillationMultiLabelLoss trains on the labels, else the first model.
   */
  scoredModel(): DistilledModel | undefined {
    const models = this.distillationModels();
    if (models === undefined || models.length === 0) return undefined;
    const student = models.find((m) => m.key === "Student");
    if (student !== undefined) return student;
    for (const loss of this.components(["Loss", "Train"])) {
      const names = loss.name === "DistillationMultiLabelLoss" ? loss.options["model_names"] : undefined;
      const named = Array.isArray(names) ? models.find((m) => names.includes(m.key)) : undefined;
      if (named !== undefined) return named;
    }
    return models[0];
  }

  /**
   * Whether training builds the Eval loader and evaluates (`Global.eval_during_train`,
   * engine.py:158); taken as true when the key is missing, which is invalid-argument's
   * KeyError anyway, so nothing read only when evaluating goes unchecked.
   */
  evaluatesInTraining(): boolean {
    return !this.has(["Global", "eval_during_train"]) || truthy(this.get(["Global", "eval_during_train"]));
  }

  /** Whether build_model puts an ML-Decoder head on the model (`Arch.use_ml_decoder`, popped from Arch: ppcls/arch/__init__.py:38). */
  mlDecoder(): boolean {
    return truthy(this.get(["Arch", "use_ml_decoder"]));
  }

  /** The class count ({@link classNumKey}) when it is a positive int (not a float such as 33.0). */
  classNum(): number | undefined {
    const key = this.classNumKey();
    const value = this.get(key);
    return typeof value === "number" && Number.isInteger(value) && value > 0 && !this.isFloat(key) ? value : undefined;
  }

  /** The checkout's file at `relativePath` under the root, when it exists. */
  async readFromRoot(relativePath: string): Promise<{ path: string; text: string } | undefined> {
    const path = join(this.root, relativePath);
    try {
      return { path, text: await readSmallText(path, MAX_YAML_BYTES, "source file") };
    } catch {
      return undefined;
    }
  }
}

// The yaml node tests, from the module loaded on first use.
const isAlias = (node: unknown): node is import("yaml").Alias => yaml().isAlias(node);
const isMap = (node: unknown): node is import("yaml").YAMLMap => yaml().isMap(node);
const isScalar = (node: unknown): node is import("yaml").Scalar => yaml().isScalar(node);
const isSeq = (node: unknown): node is import("yaml").YAMLSeq => yaml().isSeq(node);

/** The text of a node's range (its first line, cut at 60 characters, when it spans more). */
function sourceText(lines: readonly string[], counter: LineCounter, range: readonly number[]): string {
  const start = counter.linePos(range[0]!);
  const end = counter.linePos(range[1]!);
  const line = lines[start.line - 1] ?? "";
  const text = end.line === start.line ? line.slice(start.col - 1, end.col - 1) : `${line.slice(start.col - 1)} …`;
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

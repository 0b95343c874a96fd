/**
 * PaddleClas's `-o KEY=VALUE` overrides (`tools/train.py -c config.yaml -o Arch.class_num=33`), read
 * as ppcls/utils/config.py reads them: `override_config` splits each option at its one `=` and the
 * key at `.`, and `override` walks the config with those keys — a list's key is `eval`'d into an
 * index, a missing mapping key becomes a new `{}` — and sets the value `str2num` gives: `eval(v)`,
 * or the text itself when eval raises. The overrides are applied after `create_attr_dict`, so their
 * values are not literal_eval'd again.
 */
import { LabellintError } from "../errors.js";
import type { KeyPath } from "./config.js";

/** A value `eval` made: the plain value, and the paths (relative to it) of the numbers that are Python floats. */
export interface Evaluated {
  value: unknown;
  floats: KeyPath[];
}

/**
 * What Python's `eval(text)` gives, for the expressions an override holds: numbers (ints and
 * floats kept apart), strings, True/False/None, lists, tuples and dicts of them, and arithmetic on
 * numbers (`+ - * / // % **`, brackets). Undefined where eval raises — a path (`./a/b.txt`, a
 * SyntaxError), a bare word (`ResNet50`, a NameError), `1/0` — so the value stays the text.
 * A word Python resolves to an object (a built-in such as `list`, a name config.py imports such as
 * `os`) is an error here: no config value can be that object.
 */
export function pythonEval(text: string): Evaluated | undefined {
  let parser: ExpressionParser;
  try {
    parser = new ExpressionParser(text);
  } catch (error) {
    if (error instanceof NotPython) return undefined;
    throw error;
  }
  try {
    const value = parser.expression();
    parser.end();
    return toPlain(value());
  } catch (error) {
    if (error instanceof NotPython) return undefined;
    if (error instanceof Unmodelled) throw new PythonObject(text.trim(), true);
    throw error;
  }
}

/** Where eval raises (SyntaxError, NameError, ZeroDivisionError, TypeError): str2num keeps the text. */
class NotPython extends Error {}

/** Where what eval makes depends on a value not modelled here (the result of a call, an attribute, a complex number's or a set's truth). */
class Unmodelled extends Error {}

/** `node`, unless it is the result of an attribute or a call, which nothing here can compute with. */
function known(node: PyNode): PyNode {
  if (node.t === "object" && node.unmodelled === true) throw new Unmodelled();
  return node;
}

/** A name eval resolves to an object in config.py's module (its imports and functions) or Python's built-ins. */
class PythonObject extends Error {
  readonly word: string;
  /** What it is depends on something not modelled here: a call, an attribute. */
  readonly unmodelled: boolean;

  constructor(word: string, unmodelled = false) {
    super(word);
    this.word = word;
    this.unmodelled = unmodelled;
  }
}

// config.py's globals at override time, and the names Python 3 builds in (dir(builtins), lower-case and the constants).
const MODULE_NAMES = new Set(
  "os copy argparse yaml logger check OrderedDict convert_to_dict AttrDict create_attr_dict parse_config print_dict print_config check_config override override_config get_config parse_args represent_dictionary_order setup_orderdict dump_infer_config".split(
    " ",
  ),
);
const BUILTIN_NAMES = new Set(
  "abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex copyright credits delattr dict dir divmod enumerate eval exec exit filter float format frozenset getattr globals hasattr hash help hex id input int isinstance issubclass iter len license list locals map max memoryview min next object oct open ord pow print property quit range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip Ellipsis NotImplemented __debug__ __file__ __spec__ __loader__ __builtins__ __cached__ __all__ __import__ __build_class__ ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError BrokenPipeError BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError ConnectionResetError DeprecationWarning EOFError EncodingWarning EnvironmentError Exception ExceptionGroup FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError ImportError ImportWarning IndentationError IndexError InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError NotADirectoryError NotImplementedError OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning ValueError Warning ZeroDivisionError".split(
    " ",
  ),
);

type PyNode =
  | { t: "int"; v: bigint }
  | { t: "float"; v: number }
  | { t: "bool"; v: boolean }
  | { t: "none" }
  | { t: "str"; v: string }
  | { t: "list" | "tuple"; items: PyNode[] }
  | { t: "dict"; entries: [PyNode, PyNode][] }
  /** A value no YAML holds (a built-in, a module, bytes): refused only if it ends up in the config. */
  | { t: "object"; name: string; unmodelled?: true };

/** Python's keywords: none is a name eval can look up (a SyntaxError where this reader does not take it). */
const KEYWORDS = new Set("and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield".split(" "));

/** Python's truth value of a constant. */
function truth(node: PyNode): boolean {
  switch (node.t) {
    case "int":
      return node.v !== 0n;
    case "float":
      return node.v !== 0;
    case "bool":
      return node.v;
    case "none":
      return false;
    case "str":
      return node.v !== "";
    case "list":
    case "tuple":
      return node.items.length > 0;
    case "dict":
      return node.entries.length > 0;
    case "object":
      if (node.name === "complex" || node.name === "set" || node.unmodelled === true) throw new Unmodelled();
      return true;
  }
}

type Token = { kind: "num" | "str" | "name" | "op"; text: string; value?: PyNode };

const OPERATORS = ["**", "//", "+", "-", "*", "/", "%", "(", ")", "[", "]", "{", "}", ",", ":", "."];

/** An expression read but not yet evaluated: Python evaluates `b` in `a if c else b` only when `c` is false. */
type Lazy = () => PyNode;

/**
 * A recursive-descent reader of the expressions above. Reading throws NotPython where Python's
 * parser raises SyntaxError; evaluating a {@link Lazy} throws it where eval raises at run time
 * (NameError, TypeError, ZeroDivisionError), only for the parts Python evaluates.
 */
class ExpressionParser {
  private readonly tokens: Token[];
  private at = 0;
  /** The text itself: a bare `v` is str2num's own argument. */
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
    this.tokens = tokenize(text);
  }

  end(): void {
    if (this.at !== this.tokens.length) throw new NotPython();
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private take(op?: string): Token {
    const token = this.tokens[this.at];
    if (token === undefined || (op !== undefined && (token.kind !== "op" || token.text !== op))) throw new NotPython();
    this.at++;
    return token;
  }

  private isOp(op: string): boolean {
    const token = this.peek();
    return token !== undefined && token.kind === "op" && token.text === op;
  }

  private isWord(word: string): boolean {
    const token = this.peek();
    return token !== undefined && token.kind === "name" && token.text === word;
  }

  /** An expression: a bare tuple (`1, 2`) is a tuple too; `*x` unpacks only inside brackets (`starred`). */
  expression(starred = false): Lazy {
    const first = starred ? this.item() : { value: this.test(), starred: false };
    if (!this.isOp(",")) {
      if (first.starred) throw new NotPython(); // a starred expression alone
      return first.value;
    }
    const items = [first];
    while (this.isOp(",")) {
      this.take(",");
      if (this.peek() === undefined || this.isOp(")") || this.isOp("]") || this.isOp("}")) break;
      items.push(starred ? this.item() : { value: this.test(), starred: false });
    }
    return () => ({ t: "tuple", items: spread(items) });
  }

  /** An item of a tuple or list display: an expression, or `*iterable` unpacked into it. */
  private item(): { value: Lazy; starred: boolean } {
    if (!this.isOp("*")) return { value: this.test(), starred: false };
    this.take("*");
    return { value: this.sum(), starred: true };
  }

  /** `a if c else b`, `or`, `and`, `not`: Python's truthiness, the operand itself as the result. */
  private test(): Lazy {
    const value = this.or();
    if (!this.isWord("if")) return value;
    this.at++;
    const condition = this.or();
    if (!this.isWord("else")) throw new NotPython();
    this.at++;
    const otherwise = this.test();
    return () => (truth(condition()) ? value() : otherwise());
  }

  private or(): Lazy {
    return this.chain("or", () => this.and(), (left) => truth(left));
  }

  private and(): Lazy {
    return this.chain("and", () => this.not(), (left) => !truth(left));
  }

  /** `a or b` / `a and b`: the left operand when `stops` says so (without evaluating the right), else the right. */
  private chain(word: string, operand: () => Lazy, stops: (left: PyNode) => boolean): Lazy {
    let value = operand();
    while (this.isWord(word)) {
      this.at++;
      const [left, right] = [value, operand()];
      value = () => {
        const l = left();
        return stops(l) ? l : right();
      };
    }
    return value;
  }

  private not(): Lazy {
    if (!this.isWord("not")) return this.sum();
    this.at++;
    const operand = this.not();
    return () => ({ t: "bool", v: !truth(operand()) });
  }

  private sum(): Lazy {
    let left = this.product();
    while (this.isOp("+") || this.isOp("-")) {
      const op = this.take().text;
      const [l, r] = [left, this.product()];
      left = () => arithmetic(op, l(), r());
    }
    return left;
  }

  private product(): Lazy {
    let left = this.unary();
    while (this.isOp("*") || this.isOp("/") || this.isOp("//") || this.isOp("%")) {
      const op = this.take().text;
      const [l, r] = [left, this.unary()];
      left = () => arithmetic(op, l(), r());
    }
    return left;
  }

  private unary(): Lazy {
    if (this.isOp("-") || this.isOp("+")) {
      const op = this.take().text;
      const operand = this.unary();
      return () => {
        const value = known(operand());
        if (value === COMPLEX) return COMPLEX;
        const n = numeric(value);
        if (n === undefined) throw new NotPython();
        return op === "+" ? n : n.t === "int" ? { t: "int", v: -n.v } : { t: "float", v: -n.v };
      };
    }
    return this.power();
  }

  private power(): Lazy {
    const base = this.trailed();
    if (!this.isOp("**")) return base;
    this.take("**");
    const exponent = this.unary();
    return () => arithmetic("**", base(), exponent());
  }

  /**
   * An atom with its trailers: `x.name`, `x(…)` and `x[…]`. Python reads them; evaluating an
   * attribute or a call is not modelled and taken as eval raising (the option stays text), and a
   * subscript is read for a list, tuple or text with an int, or a dict with its key.
   */
  private trailed(): Lazy {
    let value = this.atom();
    for (;;) {
      if (this.isOp(".")) {
        this.take(".");
        if (this.peek()?.kind !== "name" || KEYWORDS.has(this.peek()!.text)) throw new NotPython();
        value = unmodelled(value, `.${this.take().text}`);
      } else if (this.isOp("(")) {
        this.take("(");
        const args: Lazy[] = [];
        while (!this.isOp(")")) {
          args.push(this.test());
          if (!this.isOp(",")) break;
          this.take(",");
        }
        this.take(")");
        value = unmodelled(value, "(…)");
      } else if (this.isOp("[")) {
        this.take("[");
        const index = this.expression();
        this.take("]");
        const base = value;
        value = () => subscript(base(), index());
      } else return value;
    }
  }

  private atom(): Lazy {
    const token = this.take();
    if (token.kind === "num") return () => token.value!;
    if (token.kind === "str") {
      let value = token.value!;
      // Adjacent string literals join (bytes and str do not mix: a SyntaxError).
      while (this.peek()?.kind === "str") {
        const next = this.take().value!;
        if ((value.t === "object") !== (next.t === "object")) throw new NotPython();
        if (value.t === "str" && next.t === "str") value = { t: "str", v: value.v + next.v };
      }
      const joined = value;
      return () => joined;
    }
    if (token.kind === "name") {
      if (KEYWORDS.has(token.text)) throw new NotPython();
      const word = token.text;
      return () => {
        if (word === "True" || word === "False") return { t: "bool", v: word === "True" };
        if (word === "None") return { t: "none" };
        if (word === "v") return { t: "str", v: this.text };
        if (word === "__name__") return { t: "str", v: "ppcls.utils.config" };
        if (word === "__package__") return { t: "str", v: "ppcls.utils" };
        if (word === "__doc__") return { t: "none" };
        if (MODULE_NAMES.has(word) || BUILTIN_NAMES.has(word)) return { t: "object", name: word };
        throw new NotPython(); // NameError
      };
    }
    if (token.text === "(") {
      if (this.isOp(")")) {
        this.take(")");
        return () => ({ t: "tuple", items: [] });
      }
      const inner = this.expression(true);
      this.take(")");
      return inner;
    }
    if (token.text === "[") {
      const items: { value: Lazy; starred: boolean }[] = [];
      while (!this.isOp("]")) {
        items.push(this.item());
        if (!this.isOp(",")) break;
        this.take(",");
      }
      this.take("]");
      return () => ({ t: "list", items: spread(items) });
    }
    if (token.text === "{") {
      const entries: [Lazy, Lazy][] = [];
      while (!this.isOp("}")) {
        const key = this.test();
        // A set display ({1, 2}): no value a YAML config holds.
        if (entries.length === 0 && (this.isOp(",") || this.isOp("}"))) {
          const items = [key];
          while (!this.isOp("}")) {
            this.take(",");
            if (!this.isOp("}")) items.push(this.test());
          }
          this.take("}");
          return () => {
            for (const item of items) if (unhashable(item())) throw new NotPython();
            return { t: "object", name: "set" };
          };
        }
        this.take(":");
        entries.push([key, this.test()]);
        if (!this.isOp(",")) break;
        this.take(",");
      }
      this.take("}");
      return () => {
        const built = entries.map(([k, v]) => [k(), v()] as [PyNode, PyNode]);
        if (built.some(([k]) => unhashable(k))) throw new NotPython(); // TypeError: unhashable type
        return { t: "dict", entries: built };
      };
    }
    throw new NotPython();
  }
}

/**
 * An attribute or a call on `base` (`os.sep`, `list()`, `int('3')`): `base` is evaluated first (a
 * NameError there leaves the text), then what Python makes of it is not modelled: an override
 * holding one is refused, asking for the value itself.
 */
function unmodelled(base: Lazy, shown: string): Lazy {
  return () => {
    base();
    return { t: "object", name: shown, unmodelled: true };
  };
}

/** A display's items, `*iterable` ones unpacked (a list, tuple, text or dict's keys; anything else is not modelled). */
function spread(items: readonly { value: Lazy; starred: boolean }[]): PyNode[] {
  const out: PyNode[] = [];
  for (const { value, starred } of items) {
    const node = value();
    if (!starred) out.push(node);
    else if (known(node).t === "object") {
      // `*` of bytes or a set iterates it (not modelled); of anything else, a TypeError.
      if (node.t === "object" && (node.name === "bytes" || node.name === "set")) throw new Unmodelled();
      throw new NotPython();
    }
    else if (node.t === "list" || node.t === "tuple") out.push(...node.items);
    else if (node.t === "str") out.push(...[...node.v].map((c): PyNode => ({ t: "str", v: c })));
    else if (node.t === "dict") out.push(...node.entries.map(([k]) => k));
    else throw new NotPython();
  }
  return out;
}

/** `container[index]` for a list, tuple or text with an int index, or a dict with a key it has; else eval raises. */
function subscript(container: PyNode, index: PyNode): PyNode {
  known(container);
  known(index);
  const n = index.t === "int" ? Number(index.v) : index.t === "bool" ? Number(index.v) : undefined;
  if ((container.t === "list" || container.t === "tuple" || container.t === "str") && n !== undefined) {
    const items = container.t === "str" ? [...container.v].map((c): PyNode => ({ t: "str", v: c })) : container.items;
    const at = n < 0 ? items.length + n : n;
    if (at < 0 || at >= items.length) throw new NotPython(); // IndexError
    return items[at]!;
  }
  if (container.t === "dict" && !unhashable(index)) {
    for (let i = container.entries.length - 1; i >= 0; i--) if (sameKey(container.entries[i]![0], index)) return container.entries[i]![1];
  }
  throw new NotPython();
}

/** Whether two dict keys are the same to Python (1, 1.0 and True are one key). */
function sameKey(a: PyNode, b: PyNode): boolean {
  const x = numeric(a);
  const y = numeric(b);
  if (x !== undefined && y !== undefined) return (x.t === "int" ? Number(x.v) : x.v) === (y.t === "int" ? Number(y.v) : y.v);
  if (a.t === "str" && b.t === "str") return a.v === b.v;
  return a.t === "none" && b.t === "none";
}

/** Whether a value holds the result of an attribute or a call anywhere in it. */
function holdsUnmodelled(node: PyNode): boolean {
  if (node.t === "object") return node.unmodelled === true;
  if (node.t === "list" || node.t === "tuple") return node.items.some(holdsUnmodelled);
  if (node.t === "dict") return node.entries.some(([k, v]) => holdsUnmodelled(k) || holdsUnmodelled(v));
  return false;
}

/** A list, dict or set (TypeError as a dict key or set member), or a tuple holding one. */
function unhashable(node: PyNode): boolean {
  known(node);
  if (node.t === "list" || node.t === "dict") return true;
  if (node.t === "object") return node.name === "set";
  if (node.t === "tuple") return node.items.some(unhashable);
  return false;
}

const COMPLEX: PyNode = { t: "object", name: "complex" };

function numeric(node: PyNode): { t: "int"; v: bigint } | { t: "float"; v: number } | undefined {
  if (node.t === "int" || node.t === "float") return node;
  if (node.t === "bool") return { t: "int", v: node.v ? 1n : 0n };
  return undefined;
}

/** Python's arithmetic on two values: int op int stays int (but `/`), a float makes a float; str and list `+`, and `*` by an int. */
function arithmetic(op: string, left: PyNode, right: PyNode): PyNode {
  known(left);
  known(right);
  if (op === "+" && left.t === right.t && (left.t === "str" || left.t === "list" || left.t === "tuple")) {
    if (left.t === "str") return { t: "str", v: left.v + (right as { v: string }).v };
    return { t: left.t, items: [...(left as { items: PyNode[] }).items, ...(right as { items: PyNode[] }).items] };
  }
  const a = numeric(left);
  const b = numeric(right);
  // A complex number (`3j`): +, -, *, /, ** with numbers stay complex; // and % raise TypeError.
  if ((left === COMPLEX || right === COMPLEX) && (a !== undefined || left === COMPLEX) && (b !== undefined || right === COMPLEX)) {
    if (op === "//" || op === "%") throw new NotPython();
    if (op === "/" && b !== undefined && (b.t === "int" ? b.v === 0n : b.v === 0)) throw new NotPython();
    if (op === "**" && a !== undefined && (a.t === "int" ? a.v === 0n : a.v === 0)) throw new NotPython(); // 0 to a complex power: ZeroDivisionError
    if (op === "**" && ((a?.t === "float" && !Number.isFinite(a.v)) || (b?.t === "float" && !Number.isFinite(b.v)))) throw new NotPython(); // OverflowError
    return COMPLEX;
  }
  // `text % args` with no `%` in the text: the text when args is a mapping-like (dict, list, str, bytes) or (), else TypeError.
  // A text with `%` formats it: not modelled, so such an override is refused, asking for the value.
  // (str and bytes formatting take a subscriptable argument other than a tuple, str or bytes as a mapping: Objects/unicodeobject.c, bytesobject.c.)
  const bytes = left.t === "object" && left.name === "bytes";
  if (op === "%" && bytes && (right.t === "dict" || right.t === "list" || (right.t === "tuple" && right.items.length === 0))) return left;
  if (op === "%" && left.t === "str" && !left.v.includes("%")) {
    const mappingLike = right.t === "dict" || right.t === "list" || (right.t === "object" && right.name === "bytes") || (right.t === "tuple" && right.items.length === 0);
    if (mappingLike) return left;
    throw new NotPython();
  }
  if (op === "%" && left.t === "str") throw new Unmodelled();
  const sequence = (n: PyNode) => n.t === "str" || n.t === "list" || n.t === "tuple" || (n.t === "object" && n.name === "bytes");
  if (op === "*" && sequence(left) && b?.t === "int") return repeat(left, b.v);
  if (op === "*" && sequence(right) && a?.t === "int") return repeat(right, a.v);
  if (a === undefined || b === undefined) throw new NotPython();
  if (op === "+" || op === "-" || op === "*") {
    if (a.t === "int" && b.t === "int") return { t: "int", v: op === "+" ? a.v + b.v : op === "-" ? a.v - b.v : a.v * b.v };
    const [x, y] = asFloats(a, b);
    return { t: "float", v: op === "+" ? x + y : op === "-" ? x - y : x * y };
  }
  if (op === "/" && a.t === "int" && b.t === "int") {
    if (b.v === 0n) throw new NotPython();
    return { t: "float", v: trueDivide(a.v, b.v) };
  }
  if ((op === "//" || op === "%") && a.t === "int" && b.t === "int") {
    const [x, y] = [a.v, b.v];
    if (y === 0n) throw new NotPython();
    // Python floors toward minus infinity; the remainder takes the divisor's sign.
    let q = x / y;
    if (x % y !== 0n && x < 0n !== y < 0n) q -= 1n;
    return op === "//" ? { t: "int", v: q } : { t: "int", v: x - q * y };
  }
  if (op === "**" && a.t === "int" && b.t === "int" && b.v >= 0n) {
    if (b.v > 4096n) throw new NotPython();
    return { t: "int", v: a.v ** b.v };
  }
  const [x, y] = asFloats(a, b);
  if (op === "/") {
    if (y === 0) throw new NotPython();
    return { t: "float", v: x / y };
  }
  if (op === "//" || op === "%") {
    if (y === 0) throw new NotPython();
    const [div, mod] = floatDivmod(x, y);
    return { t: "float", v: op === "//" ? div : mod };
  }
  if (op === "**") {
    // C's pow, which Python follows: 1 to any power, and -1 to an infinite one, is 1 (JavaScript says NaN).
    if (x === 1 || (x === -1 && !Number.isFinite(y))) return { t: "float", v: 1 };
    if (x < 0 && Number.isFinite(y) && !Number.isInteger(y)) throw new NotPython(); // a complex number: no config value
    if (x === 0 && y < 0) throw new NotPython();
    // A finite power past a float's range: OverflowError (float_pow).
    if (!Number.isFinite(x ** y) && Number.isFinite(x) && Number.isFinite(y)) throw new NotPython();
    return { t: "float", v: x ** y };
  }
  throw new NotPython();
}

/** Two numbers as floats, as Python converts an int beside a float; an int too large for a float is an OverflowError. */
function asFloats(a: { t: "int"; v: bigint } | { t: "float"; v: number }, b: { t: "int"; v: bigint } | { t: "float"; v: number }): [number, number] {
  const x = a.t === "int" ? Number(a.v) : a.v;
  const y = b.t === "int" ? Number(b.v) : b.v;
  if ((a.t === "int" && !Number.isFinite(x)) || (b.t === "int" && !Number.isFinite(y))) throw new NotPython();
  return [x, y];
}

/** Python's `int / int`: the exact quotient rounded once to a float (long_true_divide); OverflowError past the range. */
function trueDivide(x: bigint, y: bigint): number {
  const limit = 2n ** 53n;
  if (x < limit && x > -limit && y < limit && y > -limit) return Number(x) / Number(y);
  const negative = x < 0n !== y < 0n;
  const a = x < 0n ? -x : x;
  const b = y < 0n ? -y : y;
  // A quotient of at least 66 bits, its lowest bit sticky for what the remainder holds, rounds once when made a Number.
  const shift = Math.max(0, 66 - (a.toString(2).length - b.toString(2).length));
  let q = (a << BigInt(shift)) / b;
  if ((a << BigInt(shift)) % b !== 0n) q |= 1n;
  const half = Math.floor(shift / 2);
  const value = Number(q) / 2 ** half / 2 ** (shift - half);
  if (!Number.isFinite(value)) throw new NotPython(); // OverflowError; an underflow is 0.0
  return negative ? -value : value;
}

/** Python's float divmod (Objects/floatobject.c, float_divmod): the remainder takes the divisor's sign. */
function floatDivmod(x: number, y: number): [number, number] {
  let mod = x % y;
  let div = (x - mod) / y;
  if (mod !== 0) {
    if (y < 0 !== mod < 0) {
      mod += y;
      div -= 1;
    }
  } else mod = y < 0 ? -0 : 0;
  let floordiv: number;
  if (div !== 0) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
  } else floordiv = x / y < 0 || Object.is(x / y, -0) ? -0 : 0;
  return [floordiv, mod];
}

function repeat(node: PyNode, times: bigint): PyNode {
  const n = times > 0n ? Number(times) : 0;
  if (n > 10_000) throw new NotPython();
  if (node.t === "object") return node;
  if (node.t === "str") return { t: "str", v: node.v.repeat(n) };
  const items = (node as { items: PyNode[] }).items;
  return { t: node.t as "list" | "tuple", items: Array.from({ length: n }, () => items).flat() };
}

/** The plain value: Python ints as numbers, tuples as lists, dict keys as text (what YAML would give). */
function toPlain(node: PyNode, at: KeyPath = [], floats: KeyPath[] = []): Evaluated {
  const plain = (n: PyNode, path: KeyPath): unknown => {
    switch (n.t) {
      case "int":
        return Number(n.v);
      case "float":
        floats.push(path);
        return n.v;
      case "bool":
        return n.v;
      case "none":
        return null;
      case "object":
        return new PythonObjectValue(n.name, "", n.unmodelled === true);
      case "str":
        return n.v;
      case "list":
        return n.items.map((item, i) => plain(item, [...path, i]));
      case "tuple": {
        const items = n.items.map((item, i) => plain(item, [...path, i]));
        TUPLES.add(items);
        return items;
      }
      case "dict": {
        const out: Record<string, unknown> = {};
        for (const [key, value] of n.entries) {
          if (unhashable(key)) throw new NotPython(); // TypeError
          // A hashable key no YAML mapping here holds: the whole dict is such an object (one not evaluated, if any part is).
          if (key.t === "object" || key.t === "tuple") {
            const unmodelled = n.entries.some(([k, v]) => holdsUnmodelled(k) || holdsUnmodelled(v));
            return new PythonObjectValue(key.t === "object" ? key.name : "a tuple as a key", "", unmodelled);
          }
          const name = key.t === "str" ? key.v : key.t === "int" ? String(key.v) : key.t === "float" ? (Number.isInteger(key.v) ? `${key.v}.0` : String(key.v)) : key.t === "bool" ? (key.v ? "True" : "False") : key.t === "none" ? "None" : undefined;
          if (name === undefined) throw new NotPython(); // a list or dict as a key: TypeError (unhashable)
          Object.defineProperty(out, name, { value: plain(value, [...path, name]), enumerable: true, writable: true, configurable: true });
        }
        return out;
      }
    }
  };
  return { value: plain(node, at), floats };
}

/** Python's tokens for the expressions above; NotPython on any other character. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // eval strips leading spaces and tabs; inside, spaces, tabs and (in brackets) newlines separate tokens.
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f") {
      i++;
      continue;
    }
    const rest = text.slice(i);
    const number = /^(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?)[jJ]?/.exec(rest);
    if (number !== null && /^[\d.]/.test(rest) && !(rest[0] === "." && !/^\.\d/.test(rest))) {
      const literal = number[0];
      if (/[a-zA-Z0-9_]/.test(text[i + literal.length] ?? "")) throw new NotPython();
      tokens.push({ kind: "num", text: literal, value: /[jJ]$/.test(literal) ? COMPLEX : numberLiteral(literal) });
      i += literal.length;
      continue;
    }
    const string = /^([rRuUfFbB]?|[rR][bBfF]|[bBfF][rR])('''|"""|'|")/.exec(rest);
    if (string !== null) {
      const [, prefix, quote] = string;
      const start = i + prefix!.length + quote!.length;
      const close = findClose(text, start, quote!);
      if (close < 0) throw new NotPython();
      const body = text.slice(start, close);
      const kind = prefix!.toLowerCase();
      const raw = kind.includes("r");
      let value: PyNode;
      if (kind.includes("b")) value = { t: "object", name: "bytes" };
      // An f-string's fields are expressions (a NameError for most words): not modelled, so not judged.
      else if (kind.includes("f") && /[{}]/.test(body)) throw new NotPython();
      else value = { t: "str", v: raw ? body : unescape(body) };
      tokens.push({ kind: "str", text: text.slice(i, close + quote!.length), value });
      i = close + quote!.length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (name !== null) {
      // Other string prefixes (`x'…'`) are a SyntaxError.
      if (/^['"]/.test(text[i + name[0].length] ?? "")) throw new NotPython();
      tokens.push({ kind: "name", text: name[0] });
      i += name[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (op === undefined) throw new NotPython();
    tokens.push({ kind: "op", text: op });
    i += op.length;
  }
  // A name followed by `.` or `(` is an attribute or a call: never reaches here (no `.` operator), so it is NotPython.
  return tokens;
}

function numberLiteral(literal: string): PyNode {
  const clean = literal.replace(/_/g, "");
  if (/^0[xX]/.test(clean)) return { t: "int", v: BigInt(clean) };
  if (/^0[oO]/.test(clean)) return { t: "int", v: BigInt(`0o${clean.slice(2)}`) };
  if (/^0[bB]/.test(clean)) return { t: "int", v: BigInt(`0b${clean.slice(2)}`) };
  if (/[.eE]/.test(clean)) return { t: "float", v: Number(clean) };
  // `010` is a SyntaxError in Python 3 (leading zeros in a decimal int); `00` is 0.
  if (/^0\d/.test(clean) && /[1-9]/.test(clean)) throw new NotPython();
  return { t: "int", v: BigInt(clean) };
}

/** Where a string literal's closing quote is: a backslash keeps the next character in, raw strings too (r'\'' is one literal). */
function findClose(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === "\\") {
      i++;
      continue;
    }
    if (quote.length === 1 && text[i] === "\n") return -1;
    if (text.startsWith(quote, i)) return i;
  }
  return -1;
}

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0", a: "\x07", b: "\b", f: "\f", v: "\v", "\n": "" };

function unescape(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.|\n)/gs, (whole, code: string) => {
    if (code.length > 1 && "xuU".includes(code[0]!)) return String.fromCodePoint(parseInt(code.slice(1), 16));
    return ESCAPES[code] ?? whole;
  });
}

/**
 * An override's value that is a Python object no config holds (a module, a built-in, bytes):
 * PaddleClas keeps it, and labellint refuses the run if it is still in the config when all
 * overrides are applied.
 */
class PythonObjectValue {
  constructor(
    readonly word: string,
    /** The option that set it (filled in when it is applied). */
    public option: string,
    /** An attribute or a call: what it gives is not known here. */
    readonly unmodelled = false,
  ) {}
}

/** The first Python object an override left in the config, if any. */
function leftObject(value: unknown, depth = 0): PythonObjectValue | undefined {
  if (value instanceof PythonObjectValue) return value;
  if (value === null || typeof value !== "object" || depth > 200) return undefined;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    const found = leftObject(item, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Refuses a config an override left a Python object in. */
export function refuseObjects(config: unknown): void {
  const left = leftObject(config);
  if (left === undefined) return;
  if (left.unmodelled) throw new LabellintError("LL_USAGE", `--ppcls-override '${left.option}': labellint does not evaluate attributes and calls (${left.word}): give the value they make instead`);
  refused(left.option, `Python evaluates '${left.word}' to a Python object, not a value a config holds`);
}

/** The lists that are Python tuples: read as lists, but override cannot step into one. */
const TUPLES = new WeakSet<unknown[]>();

/** One applied override: the option as given, the key path it set, and its value's float paths. */
export interface AppliedOverride {
  option: string;
  path: KeyPath;
  /** Where the value starts in the option text (0-based), for pointing at it. */
  valueAt: number;
  floats: KeyPath[];
  /** The first key on the path the config did not have (PaddleClas adds it), with the keys beside it then. */
  added?: { path: KeyPath; siblings: string[] };
}

/** Sets a key as Python's dict does: `__proto__` is a key like any other. */
function setOwn(map: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Why PaddleClas stops on an override, as a usage error. */
function refused(option: string, why: string): never {
  throw new LabellintError("LL_USAGE", `--ppcls-override '${option}': PaddleClas stops on it: ${why}`);
}

/**
 * Applies one option to `config` (the plain values, changed in place) as ppcls/utils/config.py's
 * `override_config` does; an option PaddleClas stops on (no `=`, two `=`, a key through a scalar,
 * a list index out of range) is a usage error naming why.
 */
export function applyOverride(config: unknown, option: string): AppliedOverride {
  if (!option.includes("=")) refused(option, "an option must contain a = to distinguish between key and value (an AssertionError)");
  const pair = option.split("=");
  if (pair.length !== 2) refused(option, "there can be only one = in an option (an AssertionError)");
  const [key, text] = pair as [string, string];
  const keys = key.split(".");
  let evaluated: Evaluated | undefined;
  const str2num = (v: string): Evaluated => {
    try {
      return pythonEval(v) ?? { value: v, floats: [] };
    } catch (error) {
      if (error instanceof PythonObject) return { value: new PythonObjectValue(error.word, option, error.unmodelled), floats: [] };
      throw error;
    }
  };
  const evaluate = (v: string): Evaluated => {
    const result = str2num(v);
    const name = (value: unknown, depth: number): void => {
      if (value instanceof PythonObjectValue) value.option = option;
      else if (value !== null && typeof value === "object" && depth < 200) for (const item of Array.isArray(value) ? value : Object.values(value)) name(item, depth + 1);
    };
    name(result.value, 0);
    return result;
  };
  const path: (string | number)[] = [];
  let added: AppliedOverride["added"];
  let node: unknown = config;
  keys.forEach((k, i) => {
    const last = i === keys.length - 1;
    if (node === null || typeof node !== "object" || node instanceof PythonObjectValue) refused(option, `${path.length === 0 ? "the config" : path.join(".")} is not a list or a mapping (an AssertionError)`);
    if (Array.isArray(node)) {
      if (TUPLES.has(node)) refused(option, `${path.join(".")} is a tuple, not a list or a mapping (an AssertionError)`);
      const index = str2num(k);
      if (index.value instanceof PythonObjectValue) refused(option, `the list ${path.join(".")} takes an index, not '${k}' (a TypeError)`);
      const n = typeof index.value === "boolean" ? Number(index.value) : index.value;
      if (typeof n !== "number" || !Number.isInteger(n) || index.floats.length > 0) refused(option, `the list ${path.join(".")} takes an index, not '${k}' (a TypeError)`);
      if (n >= node.length || n < -node.length) refused(option, `index ${k} is out of range for ${path.join(".")}, which has ${node.length} ${node.length === 1 ? "entry" : "entries"} (an ${last && n >= node.length ? "AssertionError" : "IndexError"})`);
      const at = n < 0 ? node.length + n : n;
      path.push(at);
      if (last) {
        evaluated = evaluate(text);
        node[at] = evaluated.value;
      } else node = node[at];
      return;
    }
    const map = node as Record<string, unknown>;
    path.push(k);
    if (added === undefined && !Object.hasOwn(map, k)) added = { path: [...path], siblings: Object.keys(map) };
    if (last) {
      evaluated = evaluate(text);
      setOwn(map, k, evaluated.value);
      return;
    }
    if (!Object.hasOwn(map, k)) setOwn(map, k, {});
    node = map[k];
  });
  return { option, path, valueAt: key.length + 1, floats: evaluated!.floats, ...(added !== undefined ? { added } : {}) };
}

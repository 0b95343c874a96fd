import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { ErrorObject } from "ajv";
import { fileValidator } from "../schemas.js";
import { readError } from "../io/source.js";
import { checkClassCount, MAX_ANNOTATION_DEPTH } from "../io/limits.js";
import { firstInvalidUtf8 } from "../text/bytes.js";
import { INT_MAX_STR_DIGITS, pathShown } from "../text/python.js";
import { formatCount } from "../text/numbers.js";
import { Alignment, type ReaderFinding, type ReaderInput, type ReaderOutcome } from "./canonical.js";
import { indexRow, inferredClassSource } from "./indices.js";
import { memberValues } from "../text/json-members.js";
import { jsonSyntaxDetail, jsonSyntaxOffset } from "../text/json-syntax.js";
import { canonicalPathProblem } from "./path.js";


interface Annotation {
  metainfo?: { classes?: string[] };
  data_list: { img_path: string; gt_label: number | (number | boolean)[] }[];
}

export interface AnnotationLayout {
  /** Offset where nesting passes the limit; -1 when it does not. */
  deep: number;
  /** The first whole number of more than 4300 digits outside strings (Python's json reads it with int(): ValueError), or undefined. */
  longInteger?: { at: number; digits: number };
  /** 1-based line each `data_list` element starts on. */
  lines: number[];
  /** 1-based column (UTF-16 units) each `data_list` element starts at, on its line. */
  columns: number[];
  /** Where each `data_list` element that is an object is in the text: `[start, end)` offsets by entry index. */
  entrySpans: Map<number, [number, number]>;
  /**
   * `data_list` entries whose `gt_label` (its last occurrence, as JSON.parse
   * keeps it) is a bare number written as a float (`2.0`, `1e0`), by entry
   * index: Python's json makes it a float, which JSON.parse cannot tell from
   * an integer once parsed.
   */
  floatLabels: Map<number, string>;
  /** Offsets of `NaN`, `Infinity` and `-Infinity` outside strings: Python's json reads them, JSON.parse does not. */
  nonFinite: number[];
  /**
   * Each key written again in the same object, in text order: `at` its
   * offset, `first` the offset of its first occurrence, `path` the object's
   * place (`data_list[3]`, `""` for the top level). Python's json (as
   * JSON.parse) keeps the last value and drops the others without a word;
   * for a top-level `data_list` written again, `dropped` is how many entries
   * the list before it had.
   */
  duplicateKeys: DuplicateKey[];
}

export interface DuplicateKey {
  at: number;
  first: number;
  key: string;
  path: string;
  dropped?: number;
}

/** What annotationLayout's stack holds: an object, an array, the top-level `data_list` array. */
const OBJECT = 0;
const ARRAY = 1;
const DATA = 2;

/**
 * One pass over an annotation file's text: where it nests deeper than
 * `maxDepth` arrays and objects (as {@link jsonDepthExceeded} finds it; -1
 * when it does not), and the 1-based line each element of the top-level
 * `data_list` array starts on (the last such array, as JSON.parse keeps the
 * last of repeated keys), with what JSON.parse loses of the text: entries
 * whose `gt_label` is written as a float, and where Python's NaN and Infinity
 * are (see {@link AnnotationLayout}). The lines are meaningful only for valid
 * JSON, where a line break is never inside a string; a scan of the text, so
 * entries get the line they are written on.
 */
export function annotationLayout(text: string, maxDepth = MAX_ANNOTATION_DEPTH): AnnotationLayout {
  const stack: number[] = [];
  let lines: number[] = [];
  let columns: number[] = [];
  let entrySpans = new Map<number, [number, number]>();
  let lineStart = 0;
  let floatLabels = new Map<number, string>();
  const nonFinite: number[] = [];
  let longInteger: AnnotationLayout["longInteger"];
  // Inside an entry (stack: object, data_list, object): the key whose value comes next.
  let entryKey: string | undefined;
  let line = 1;
  let depth = 0;
  let key: string | undefined;
  let expectElement = false;
  const duplicateKeys: DuplicateKey[] = [];
  // The keys of the open objects, innermost last (where a key's text starts and ends, whether it has an escape),
  // from keyBase[level] on for the object at that level; past MANY_KEYS an object's keys go in a map by their text.
  const keyFrom: number[] = [];
  const keyTo: number[] = [];
  const keyEscaped: boolean[] = [];
  let keyCount = 0;
  const keyBase: number[] = [];
  const keyMaps: (Map<string, number> | undefined)[] = [];
  // By level of the stack: the last key's offsets, an array's elements so far.
  const keyStart: number[] = [];
  const keyEnd: number[] = [];
  const elements: number[] = [];
  let keyNext = false;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
      lineStart = i + 1;
      continue;
    }
    if (c === 0x20 || c === 0x0d || c === 0x09 || c === 0x3a) continue;
    const top = stack.length === 0 ? -1 : stack[stack.length - 1]!;
    if (c === 0x22) {
      let j = i + 1;
      let escaped = false;
      for (let d = text.charCodeAt(j); j < length && d !== 0x22; d = text.charCodeAt(j)) {
        if (d === 0x5c) {
          escaped = true;
          j += 2;
        } else j++;
      }
      // Whether this string is a key: the first thing in an object, or after a comma in one.
      const isKey = keyNext && top === OBJECT;
      keyNext = false;
      if (isKey) {
        const level = stack.length - 1;
        let first = -1;
        const map = keyMaps[level];
        if (map !== undefined) {
          const name = keyName(text, i, j + 1, escaped);
          first = map.get(name) ?? -1;
          if (first < 0) map.set(name, i);
        } else {
          for (let k = keyBase[level]!; k < keyCount && first < 0; k++) {
            if (sameKey(text, keyFrom[k]!, keyTo[k]!, keyEscaped[k]!, i, j + 1, escaped)) first = keyFrom[k]!;
          }
          if (first < 0) {
            keyFrom[keyCount] = i;
            keyTo[keyCount] = j + 1;
            keyEscaped[keyCount] = escaped;
            keyCount++;
            if (keyCount - keyBase[level]! >= MANY_KEYS) {
              const many = new Map<string, number>();
              // The keys so far are each other's unlike: each is its first occurrence.
              for (let k = keyBase[level]!; k < keyCount; k++) many.set(keyName(text, keyFrom[k]!, keyTo[k]!, keyEscaped[k]!), keyFrom[k]!);
              keyMaps[level] = many;
            }
          }
        }
        if (first >= 0) {
          const key = keyName(text, i, j + 1, escaped);
          duplicateKeys.push({ at: i, first, key, path: objectPath(text, stack, keyStart, keyEnd, elements), ...(level === 0 && key === "data_list" ? { dropped: lines.length } : {}) });
        }
        keyStart[level] = i;
        keyEnd[level] = j + 1;
      }
      if (isKey && stack.length === 1) {
        key = keyText(text.slice(i, j + 1));
      } else if (isKey && inEntry(stack)) {
        entryKey = j === i + 9 && text.startsWith('"gt_label"', i) ? "gt_label" : keyText(text.slice(i, j + 1));
        i = j;
        continue;
      } else if (top === DATA && expectElement) {
        lines.push(line);
        columns.push(i - lineStart + 1);
        expectElement = false;
      }
      if (entryKey === "gt_label" && inEntry(stack)) floatLabels.delete(lines.length - 1);
      i = j;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return { deep: i, lines, columns, entrySpans, floatLabels, nonFinite, duplicateKeys, ...(longInteger !== undefined ? { longInteger } : {}) };
      keyNext = c === 0x7b;
      keyBase[stack.length] = keyCount;
      keyMaps[stack.length] = undefined;
      elements[stack.length] = 0;
      if (entryKey === "gt_label" && inEntry(stack)) floatLabels.delete(lines.length - 1);
      if (top === DATA && expectElement) {
        lines.push(line);
        columns.push(i - lineStart + 1);
        expectElement = false;
        if (c === 0x7b) entrySpans.set(lines.length - 1, [i, -1]);
      }
      const data = c === 0x5b && stack.length === 1 && top === OBJECT && key === "data_list";
      stack.push(c === 0x7b ? OBJECT : data ? DATA : ARRAY);
      if (data) {
        lines = [];
        columns = [];
        entrySpans = new Map();
        floatLabels = new Map();
        expectElement = true;
      }
      if (inEntry(stack)) entryKey = undefined;
      continue;
    }
    if (c === 0x7d || c === 0x5d) {
      if (c === 0x7d && inEntry(stack)) {
        const span = entrySpans.get(lines.length - 1);
        if (span !== undefined) span[1] = i + 1;
      }
      depth--;
      stack.pop();
      keyCount = keyBase[stack.length]!;
      continue;
    }
    if (c === 0x2c) {
      if (top === OBJECT) keyNext = true;
      else elements[stack.length - 1]!++;
      if (top === DATA) expectElement = true;
      continue;
    }
    // A number's first digit: json's int() refuses more than 4300 digits (a float's are read by float(), without a limit).
    if (c >= 0x30 && c <= 0x39 && longInteger === undefined && (i === 0 || !inNumber(text.charCodeAt(i - 1)))) {
      let j = i;
      while (j < length && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j++;
      if (j - i > INT_MAX_STR_DIGITS && !inNumber(text.charCodeAt(j))) longInteger = { at: i > 0 && text.charCodeAt(i - 1) === 0x2d ? i - 1 : i, digits: j - i };
    }
    if (top === DATA && expectElement) {
      lines.push(line);
      columns.push(i - lineStart + 1);
      expectElement = false;
    }
    if (entryKey === "gt_label" && inEntry(stack)) {
      // A bare value: a number (its whole token), a literal; `[` and `{` were handled above.
      let j = i;
      while (j < length && /[-+.\deE]/.test(text[j]!)) j++;
      const token = text.slice(i, j);
      if (j > i && /[.eE]/.test(token)) floatLabels.set(lines.length - 1, token);
      else floatLabels.delete(lines.length - 1);
      if (j > i) i = j - 1;
      entryKey = undefined;
    }
    // Outside strings, valid JSON has no N or I: Python's NaN, Infinity, -Infinity (the word is skipped).
    if (c === 0x4e || c === 0x49) {
      nonFinite.push(i > 0 && text.charCodeAt(i - 1) === 0x2d ? i - 1 : i);
      while (i + 1 < length && /[A-Za-z]/.test(text[i + 1]!)) i++;
    }
  }
  return { deep: -1, lines, columns, entrySpans, floatLabels, nonFinite, duplicateKeys, ...(longInteger !== undefined ? { longInteger } : {}) };
}

/** How many keys an object has before they are looked up in a map rather than one by one. */
const MANY_KEYS = 32;

/** A key's text (the JSON string from `from` to `to`, quotes included), decoded when it has an escape. */
function keyName(text: string, from: number, to: number, escaped: boolean): string {
  return escaped ? (keyText(text.slice(from, to)) ?? text.slice(from + 1, to - 1)) : text.slice(from + 1, to - 1);
}

/** Whether two keys in the text are the same key (the same text, or the same once escapes are decoded). */
function sameKey(text: string, aFrom: number, aTo: number, aEscaped: boolean, bFrom: number, bTo: number, bEscaped: boolean): boolean {
  if (aEscaped || bEscaped) return keyName(text, aFrom, aTo, aEscaped) === keyName(text, bFrom, bTo, bEscaped);
  if (aTo - aFrom !== bTo - bFrom) return false;
  for (let k = 1; k < aTo - aFrom - 1; k++) if (text.charCodeAt(aFrom + k) !== text.charCodeAt(bFrom + k)) return false;
  return true;
}

/**
 * Where the innermost open object is, as a path (`data_list[3]`,
 * `metainfo`, `""` for the top level): by level, the key or element index
 * that leads to the next level.
 */
function objectPath(text: string, stack: readonly number[], keyStart: readonly number[], keyEnd: readonly number[], elements: readonly number[]): string {
  let path = "";
  for (let level = 0; level < stack.length - 1; level++) {
    if (stack[level] === OBJECT) {
      const raw = text.slice(keyStart[level], keyEnd[level]);
      const key = keyText(raw) ?? raw;
      path += path === "" ? key : `.${key}`;
    } else path += `[${elements[level]}]`;
  }
  return path;
}

/**
 * The text of an entry at `span` on one line: a line break in JSON text is
 * whitespace between tokens (never inside a string), so it and the
 * indentation around it become one space after a comma, as `json.dumps`
 * spaces a line, and nothing elsewhere. Undefined without a whole span.
 */
export function entryRecord(text: string, span: readonly [number, number] | undefined): string | undefined {
  if (span === undefined || span[1] <= span[0]) return undefined;
  return text.slice(span[0], span[1]).replace(/[ \t]*[\r\n][ \t\r\n]*/g, (_run, at: number, entry: string) => (entry[at - 1] === "," ? " " : ""));
}

/** A digit, `.`, `e`, `E`, `+` or `-`: a character of a JSON number (NaN for past the end: false). */
function inNumber(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;
}

/** Whether the innermost open value is an entry of `data_list` (an object in it). */
function inEntry(stack: readonly number[]): boolean {
  return stack.length === 3 && stack[1] === DATA && stack[2] === OBJECT;
}

/** A key's JSON string as its text (undefined when it is not one: the text is no JSON, and its layout is not used). */
function keyText(json: string): string | undefined {
  try {
    return JSON.parse(json) as string;
  } catch {
    return undefined;
  }
}

/** 1-based line and column of each offset (ascending). */
function positions(text: string, offsets: readonly number[]): { line: number; column: number }[] {
  const out: { line: number; column: number }[] = [];
  let line = 1;
  let lineStart = 0;
  let p = 0;
  for (const offset of offsets) {
    for (; p < offset; p++) {
      if (text.charCodeAt(p) === 0x0a) {
        line++;
        lineStart = p + 1;
      }
    }
    out.push({ line, column: offset - lineStart + 1 });
  }
  return out;
}

/** `labels` when they are whole numbers in 0…C-1, strictly ascending (what {@link indexRow} would return, with no finding), else undefined. */
function plainIndices(labels: readonly unknown[], numClasses: number): number[] | undefined {
  let previous = -1;
  for (const l of labels) {
    if (typeof l !== "number" || !Number.isInteger(l) || l <= previous || l >= numClasses) return undefined;
    previous = l;
  }
  return labels as number[];
}

/** The value a JSON pointer names in `data`. */
function valueAt(data: unknown, pointer: string): unknown {
  let value = data;
  for (const part of pointer.split("/").slice(1)) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return value;
}

/** `/data_list/3/gt_label/0` → `data_list[3].gt_label[0]`. */
export function jsonPath(pointer: string): string {
  if (pointer === "") return "(root)";
  return pointer
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path === "" ? part : `${path}.${part}`), "");
}

function schemaMessage(error: ErrorObject): string {
  if (error.keyword === "required") return `needs '${String((error.params as { missingProperty: string }).missingProperty)}'`;
  if (error.keyword === "type") {
    const type = (error.params as { type: string | string[] }).type;
    const wanted = Array.isArray(type) ? type.join(" or ") : type;
    return `must be ${wanted === "integer or array" ? "a class index or a list of class indices" : `${/^[aeiou]/.test(wanted) ? "an" : "a"} ${wanted}`}`;
  }
  return error.message ?? "is invalid";
}

/**
 * Python's json reads `NaN`, `Infinity` and `-Infinity`; JSON.parse does not.
 * Each is parsed as a number of the same length (so offsets, and a syntax
 * error's place, stay those of the text): Infinity as `1e999999`, NaN as
 * {@link NAN_STAND_IN}, made NaN again after parsing.
 */
const NON_FINITE: Readonly<Record<string, string>> = { NaN: "9e9", Infinity: "1e999999", "-Infinity": "-1e999999" };
/** What `NaN` is parsed as. Read back as NaN, so a 9e9 of the file's own is too: as an index both are past any class count, and nothing else is read as a number. */
const NAN_STAND_IN = 9e9;

/**
 * JSON.parse of an annotation text as Python's json module reads it (with
 * `NaN`, `Infinity`, `-Infinity` at `nonFinite`, outside strings), or the
 * syntax error with its place.
 */
function parsePythonJson(text: string, nonFinite: readonly number[]): { data: unknown } | { message: string; at: { line: number; column: number } } {
  let parsed = text;
  let nan = false;
  if (nonFinite.length > 0) {
    const parts: string[] = [];
    let last = 0;
    for (const offset of nonFinite) {
      const token = Object.keys(NON_FINITE).find((t) => text.startsWith(t, offset) && !/[\w.]/.test(text[offset + t.length] ?? ""));
      if (token === undefined) continue;
      nan ||= token === "NaN";
      parts.push(text.slice(last, offset), NON_FINITE[token]!);
      last = offset + token.length;
    }
    parts.push(text.slice(last));
    parsed = parts.join("");
  }
  try {
    const data: unknown = JSON.parse(parsed);
    return { data: nan ? restoreNaN(data) : data };
  } catch (error) {
    const message = (error as Error).message;
    return { message: jsonSyntaxDetail(message), at: positions(text, [jsonSyntaxOffset(parsed, message)])[0]! };
  }
}

/** {@link NAN_STAND_IN} back to NaN. */
function restoreNaN(value: unknown): unknown {
  if (value === NAN_STAND_IN) return Number.NaN;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = restoreNaN(value[i]);
  } else if (value !== null && typeof value === "object") {
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) object[key] = restoreNaN(object[key]);
  }
  return value;
}

/**
 * What mmpretrain's BaseDataset.full_init makes of `metainfo.categories` when
 * there are no `classes` (mmpretrain/datasets/base_dataset.py:175-186):
 * `sorted(categories, key=lambda x: x['id'])`, then each `category_name`.
 * The names in id order, or the problem that makes it raise.
 */
function categoryNames(categories: unknown): { names?: string[]; problem?: string; at?: string } {
  if (!Array.isArray(categories)) return { problem: "must be a list of {id, category_name} objects (mmpretrain sorts it by id)" };
  for (let i = 0; i < categories.length; i++) {
    const c = categories[i] as unknown;
    if (c === null || typeof c !== "object" || Array.isArray(c)) return { at: `[${i}]`, problem: "must be an object with 'id' and 'category_name'" };
    if (!Object.hasOwn(c, "id")) return { at: `[${i}]`, problem: "needs 'id'" };
  }
  const ids = (categories as Record<string, unknown>[]).map((c) => c.id);
  const numeric = ids.every((id) => typeof id === "number" || typeof id === "boolean");
  const strings = ids.every((id) => typeof id === "string");
  if (ids.length > 1 && !numeric && !strings) return { problem: "has ids that cannot be sorted together (numbers and strings, or null): mmpretrain sorts the categories by id" };
  const sorted = (categories as Record<string, unknown>[])
    .map((c, i) => ({ c, i }))
    .sort((a, b) => {
      const x = a.c.id as number | string;
      const y = b.c.id as number | string;
      return x < y ? -1 : y < x ? 1 : a.i - b.i;
    });
  const missing = sorted.find(({ c }) => !Object.hasOwn(c, "category_name"));
  if (missing !== undefined) return { at: `[${missing.i}]`, problem: "needs 'category_name'" };
  const names = sorted.map(({ c }) => c.category_name);
  return names.every((n) => typeof n === "string") ? { names: names as string[] } : {};
}

/**
 * Reads an mmpretrain annotation file (`{"metainfo": {"classes": […]},
 * "data_list": [{"img_path": …, "gt_label": [indices]}]}`). The whole file
 * is parsed at once (JSON has no line structure to stream by); it is checked
 * against schemas/mmpretrain-annotation.schema.json, structural errors
 * reported with their JSON path, and each entry becomes its canonical row
 * (multi-hot, or its index list in a sparse writer). Findings point at the line where the entry starts; `row` is
 * the entry's index in `data_list`.
 */
export async function readJson(input: ReaderInput): Promise<ReaderOutcome> {
  const { writer } = input;
  let raw: Buffer;
  try {
    raw = await readFile(input.path);
  } catch (error) {
    throw readError(input.displayPath, error);
  }
  // mmengine reads the file as UTF-8 text, strictly: a byte that is not stops it (UnicodeDecodeError).
  const badByte = firstInvalidUtf8(raw, 0, raw.length);
  let text = raw.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) {
    writer.bom();
    text = text.slice(1);
  }
  let lines = 0;
  for (let p = text.indexOf("\n"); p !== -1; p = text.indexOf("\n", p + 1)) lines++;
  if (text.length > 0 && !text.endsWith("\n")) lines++;
  const outcome: ReaderOutcome = { lines, bytes: raw.length };

  let encodingAt: { line: number; column: number; byte: string } | undefined;
  if (badByte >= 0) {
    let line = 1;
    let lineStart = 0;
    for (let p = raw.indexOf(0x0a); p !== -1 && p < badByte; p = raw.indexOf(0x0a, p + 1)) {
      line++;
      lineStart = p + 1;
    }
    encodingAt = { line, column: raw.subarray(lineStart, badByte).toString("utf8").replace(/^\uFEFF/, "").length + 1, byte: raw[badByte]!.toString(16).toUpperCase().padStart(2, "0") };
  }
  /** The file is not UTF-8 (reported once: on the entries it reaches, else for the file). */
  const reportEncoding = () => {
    if (encodingAt !== undefined) writer.report({ rule: "invalid-encoding", messageId: "utf8", line: encodingAt.line, column: encodingAt.column, data: { byte: encodingAt.byte } });
    encodingAt = undefined;
  };

  // Nesting this deep is no annotation file Python reads, and walking it (the schema, the entry texts) would overflow the stack.
  const layout = annotationLayout(text);
  if (layout.deep >= 0) {
    const at = positions(text, [layout.deep])[0]!;
    reportEncoding();
    writer.stop({ rule: "invalid-annotation", messageId: "syntax", line: at.line, column: at.column, data: { detail: `arrays and objects nested deeper than ${MAX_ANNOTATION_DEPTH} levels (Python's json reader stops with RecursionError at about 1,000)` } });
    await writer.flush();
    return outcome;
  }
  if (layout.longInteger !== undefined) {
    const at = positions(text, [layout.longInteger.at])[0]!;
    reportEncoding();
    const detail = `a whole number of ${formatCount(layout.longInteger.digits)} digits, which int() refuses past 4,300 (ValueError: Exceeds the limit for integer string conversion; Python 3.11, 3.10.7, 3.9.14, 3.8.14 and later)`;
    writer.stop({ rule: "invalid-annotation", messageId: "pythonLimit", line: at.line, column: at.column, data: { detail } });
    await writer.flush();
    return outcome;
  }
  const parsed = parsePythonJson(text, layout.nonFinite);
  if (!("data" in parsed)) {
    reportEncoding();
    writer.stop({ rule: "invalid-annotation", messageId: "syntax", line: parsed.at.line, column: parsed.at.column, data: { detail: parsed.message } });
    await writer.flush();
    return outcome;
  }
  const data = parsed.data;
  const extension = extensionProblem(input.displayPath);
  if (extension !== undefined) writer.report({ rule: "invalid-annotation", messageId: "extension", line: 1, data: { name: extension } });
  const entryLines = layout.lines;
  const lineOf = (index: number) => entryLines[index] ?? 1;
  // Where an entry starts on its line: most annotation files are one line (json.dump writes no line breaks).
  const columnOf = (index: number) => layout.columns[index] ?? 1;
  const at = (index: number) => ({ line: lineOf(index), column: columnOf(index) });
  // A key written twice in one object: Python's json keeps the last value, as JSON.parse does, and says nothing.
  if (layout.duplicateKeys.length > 0) {
    const offsets = [...new Set(layout.duplicateKeys.flatMap((d) => [d.first, d.at]))].sort((a, b) => a - b);
    const places = new Map(positions(text, offsets).map((place, k) => [offsets[k]!, place]));
    const placeOf = (offset: number) => places.get(offset)!;
    for (const d of layout.duplicateKeys) {
      const place = placeOf(d.at);
      const path = d.path === "" ? d.key : `${d.path}.${d.key}`;
      const first = placeOf(d.first);
      const data = { path, first: `${first.line}:${first.column}` };
      if (d.dropped !== undefined && d.dropped > 0) {
        const entries = `${formatCount(d.dropped)} entr${d.dropped === 1 ? "y" : "ies"}`;
        writer.report({ rule: "invalid-annotation", messageId: "duplicateDataList", line: place.line, column: place.column, data: { ...data, entries } });
        writer.cutShort(place.line, `the ${entries} of the data_list on line ${first.line} ${d.dropped === 1 ? "is" : "are"} read by no JSON reader (data_list is written again on line ${place.line}, and only the last is read; make the lists one, or delete the one not meant)`);
      } else writer.report({ rule: "invalid-annotation", messageId: "duplicateKey", line: place.line, column: place.column, data });
    }
  }

  // Structural errors: by entry, so an entry with one is left out whole.
  const broken = new Map<number, ReaderFinding[]>();
  const brokenEntry = (index: number, finding: ReaderFinding) => {
    const list = broken.get(index) ?? [];
    list.push(finding);
    broken.set(index, list);
  };
  // A bare float (`"gt_label": 2.0`) parses as the integer 2, but Python's json makes it a float,
  // which format_label refuses (mmpretrain/structures/utils.py:41-50).
  for (const [index, token] of layout.floatLabels) {
    brokenEntry(index, { rule: "invalid-annotation", messageId: "schema", ...at(index), row: index, data: { path: `data_list[${index}].gt_label`, problem: `is ${token}, a float, not a class index or a list of class indices` } });
  }
  const validate = fileValidator("mmpretrain-annotation.schema.json");
  let namesIgnored = false;
  if (!validate(data)) {
    for (const error of validate.errors ?? []) {
      const pointer = error.instancePath;
      // NaN and Infinity in an index list are numbers to Python (the schema's number is finite): .to(torch.long) makes them an index, reported below.
      if (error.keyword === "type" && /^\/data_list\/\d+\/gt_label\/\d+$/.test(pointer) && typeof valueAt(data, pointer) === "number") continue;
      // Class names that are not a list of strings: nothing reads them while training, so the file still loads; they are not used.
      if (pointer === "/metainfo/classes" || pointer.startsWith("/metainfo/classes/")) {
        if (!namesIgnored) writer.report({ rule: "invalid-annotation", messageId: "classes", line: 1, data: { path: jsonPath(pointer), problem: schemaMessage(error) } });
        namesIgnored = true;
        continue;
      }
      const entry = /^\/data_list\/(\d+)(?:\/|$)/.exec(pointer);
      const finding: ReaderFinding = {
        rule: "invalid-annotation",
        messageId: "schema",
        data: { path: jsonPath(pointer), problem: schemaMessage(error) },
        ...(entry !== null ? at(Number(entry[1])) : { line: 1 }),
        ...(entry !== null ? { row: Number(entry[1]) } : {}),
      };
      if (entry === null) {
        writer.reportUnreadable(finding);
        continue;
      }
      brokenEntry(Number(entry[1]), finding);
    }
  }
  const root = data as Partial<Annotation> | null;
  const list = root !== null && typeof root === "object" && Array.isArray(root.data_list) ? root.data_list : [];
  const metainfo = root?.metainfo as Record<string, unknown> | undefined;
  // Kept for a json output (fix, convert): the members as written, numbers as spelled.
  if (writer.recordsPath !== undefined && root !== null && typeof root === "object" && !Array.isArray(root)) {
    const members = memberValues(text);
    const others = [...members].filter(([key]) => key !== "metainfo" && key !== "data_list").map(([key, span]) => `${JSON.stringify(key)}: ${entryRecord(text, span)!}`);
    outcome.frame = {
      ...(metainfo !== null && typeof metainfo === "object" && !Array.isArray(metainfo) ? { metainfo: entryRecord(text, members.get("metainfo")) } : {}),
      ...(others.length > 0 ? { members: others.join(", ") } : {}),
    };
  }
  const classes = metainfo?.classes;
  let names = Array.isArray(classes) && classes.every((c) => typeof c === "string") ? (classes as string[]) : undefined;
  let namesFrom = "metainfo.classes";
  // The OpenMMLab 2.0 form: categories with ids, made classes when there are none.
  if (metainfo !== null && typeof metainfo === "object" && !Array.isArray(metainfo) && Object.hasOwn(metainfo, "categories") && !Object.hasOwn(metainfo, "classes")) {
    const categories = categoryNames(metainfo.categories);
    if (categories.problem !== undefined) {
      writer.report({ rule: "invalid-annotation", messageId: "schema", line: 1, data: { path: `metainfo.categories${categories.at ?? ""}`, problem: categories.problem } });
    }
    if (categories.names !== undefined) {
      names = categories.names;
      namesFrom = "metainfo.categories";
    }
  }

  let numClasses = input.numClasses ?? input.classNames?.length;
  if (numClasses === undefined && names !== undefined) {
    numClasses = names.length;
    outcome.numClasses = numClasses;
    outcome.classNames = names;
    outcome.classSource = { source: "header", reason: `${names.length} classes in ${namesFrom}` };
  } else if (names !== undefined && input.classNames === undefined && names.length === numClasses) {
    outcome.classNames = names;
  }
  if (numClasses === undefined) {
    let max = -1;
    let at = 0;
    list.forEach((entry, i) => {
      const labels = Array.isArray(entry?.gt_label) ? entry.gt_label : [entry?.gt_label];
      for (const l of labels) {
        // An index past the class limit is reported on its entry (invalid-index), not taken for C.
        if (Number.isSafeInteger(l) && (l as number) > max && (l as number) < input.maxClasses) {
          max = l as number;
          at = i;
        }
      }
    });
    numClasses = max + 1;
    outcome.numClasses = numClasses;
    outcome.classSource = inferredClassSource(max, `data_list[${at}]`);
  }

  // Each entry becomes a row of C values: C is checked before the first is made.
  checkClassCount(numClasses, `${input.displayPath}: ${outcome.classSource?.reason ?? "the class count"}`, input.maxClasses);
  // gt_score: mmpretrain's multi-label head trains on it, not on gt_label, for a batch whose first
  // sample has one (mmpretrain/models/heads/multi_label_cls_head.py:93-99).
  const scored = list.filter((e) => e !== null && typeof e === "object" && Object.hasOwn(e, "gt_score")).length;
  if (scored > 0 && scored < list.length) {
    const first = list.findIndex((e) => (e !== null && typeof e === "object" && Object.hasOwn(e, "gt_score")) !== (scored * 2 > list.length));
    writer.report({ rule: "invalid-annotation", messageId: "gtScoreMixed", ...at(first), data: { scored, entries: list.length, index: first, has: scored * 2 > list.length ? "has none" : "has one" } });
  }
  const everyScored = scored > 0 && scored === list.length;
  for (let i = 0; i < list.length; i++) {
    const entry = list[i]!;
    const line = lineOf(i);
    const column = columnOf(i);
    // The entry's canonical row is told at the entry's start.
    writer.entryColumn = column;
    // The entry as the file writes it (numbers as spelled, repeated keys and all), on one line.
    const entryText = () => entryRecord(text, layout.entrySpans.get(i)) ?? JSON.stringify(entry);
    // Kept for fix and convert: a row the check rejects goes to the rejects file as its entry, every key of it, not as its canonical line.
    const keptRecord = () => (writer.recordsPath !== undefined ? entryText() : undefined);
    const structural = broken.get(i);
    if (structural !== undefined) {
      writer.rejectWith(line, entryText(), structural);
      continue;
    }
    // Bytes that are not UTF-8 decode as U+FFFD: the entry's path or labels are not what the file holds.
    if (badByte >= 0 && entryText().includes("\uFFFD")) {
      writer.rejectWith(line, entryText(), [{ rule: "invalid-encoding", messageId: "replaced", line, column }]);
      encodingAt = undefined;
      continue;
    }
    if (everyScored) {
      const problem = scoreProblem((entry as unknown as Record<string, unknown>).gt_score, entry.gt_label, numClasses);
      if (problem !== undefined) writer.report({ rule: "invalid-annotation", messageId: "gtScore", line, column, row: writer.rows, data: { problem } });
    }
    const path = entry.img_path;
    // A path starting with U+FEFF would start its canonical line with what reads as a byte-order mark (line 1: the file's).
    const messageId = canonicalPathProblem(path);
    if (messageId !== undefined) {
      writer.rejectWith(line, entryText(), [{ rule: "malformed-record", messageId, line, column, data: { path: pathShown(path), hint: "" } }]);
      continue;
    }
    const labels: unknown[] = Array.isArray(entry.gt_label) ? entry.gt_label : [entry.gt_label];
    // Most entries: ascending class indices, each once, in range — the row as it is, nothing to report.
    const plain = input.generalLines === true ? undefined : plainIndices(labels, numClasses);
    if (plain !== undefined) {
      writer.indexRow(line, path, plain, numClasses, Alignment.None, "\n", keptRecord());
      await writer.maybeFlush();
      continue;
    }
    // 2.5 and true are not indices, but torch.tensor(...).to(torch.long) makes them 2 and 1.
    const coerced = labels.filter((l) => typeof l === "boolean" || (typeof l === "number" && !Number.isInteger(l)));
    if (coerced.length > 0) {
      const value = coerced[0] as number | boolean;
      const finite = Number.isFinite(Number(value));
      writer.rejectWith(line, entryText(), [{ rule: "invalid-index", messageId: finite ? "coerced" : "nonFinite", line, column, data: { value: String(value), ...(finite ? { index: Math.trunc(Number(value)) } : {}) } }]);
      continue;
    }
    const { indices, errors, warnings } = indexRow(labels.map((l) => ({ text: String(l) })), numClasses, { line, multiHotAdvice: "gt_label holds the indices of the positive classes ([1, 3] for classes 1 and 3)" });
    if (errors.length > 0) {
      writer.rejectWith(line, entryText(), [...errors, ...warnings].map((f) => ({ ...f, column })));
      continue;
    }
    for (const w of warnings) writer.report({ row: writer.rows, ...w, column });
    writer.indexRow(line, path, indices, numClasses, Alignment.None, "\n", keptRecord());
    await writer.maybeFlush();
  }
  reportEncoding();
  await writer.flush();
  return outcome;
}

/**
 * Why an entry's `gt_score` is not the multi-hot vector of its `gt_label`
 * (the target mmpretrain trains on in its place); undefined when it is.
 */
function scoreProblem(score: unknown, label: unknown, numClasses: number): string | undefined {
  if (!Array.isArray(score) || score.some((v) => typeof v !== "number" && typeof v !== "boolean")) return "is not a list of numbers";
  if (score.length !== numClasses) return `has ${score.length} values, not one for each of the ${numClasses} classes`;
  const positive = new Set((Array.isArray(label) ? label : [label]).map(Number));
  for (let k = 0; k < numClasses; k++) {
    const want = positive.has(k) ? 1 : 0;
    if (Number(score[k]) !== want) return `holds ${String(score[k])} for class ${k}, where gt_label makes it ${want}`;
  }
  return undefined;
}

/** `name`'s last part when mmengine's load() would not read it as JSON (it picks the reader by the extension, case-sensitively); undefined when it would. */
function extensionProblem(name: string): string | undefined {
  // Standard input and text given to the library (`<stdin>`, `<text>`) have no name; a .gz is compressed-list's.
  if (/^<.*>$/.test(name) || name.endsWith(".gz")) return undefined;
  const extension = name.split(".").at(-1)!;
  // PyYAML reads the JSON of an annotation file too.
  if (extension === "json" || extension === "yaml" || extension === "yml") return undefined;
  return basename(name);
}

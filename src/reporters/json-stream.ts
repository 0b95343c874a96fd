/**
 * JSON written in pieces: a report of a million problems is never one
 * string (V8 caps a string near 1 GiB, and holding one costs as much again).
 * The pieces join to exactly what `JSON.stringify(value, null, 2)` returns.
 */

import { LazyArray, numberJson, streamedProperty } from "../text/lazy-json.js";

export { LazyArray, lazyArrayProperty } from "../text/lazy-json.js";

/** Below this depth, an object (or a short array) is written in one piece: it is one problem, one class, one edit. */
const WHOLE_FROM_DEPTH = 4;
const SHORT_ARRAY = 1024;

const skipped = (v: unknown): boolean => v === undefined || typeof v === "function" || typeof v === "symbol";

/** Elements gathered into pieces of about this many characters: a C-long array of numbers or of per-class objects is not a piece (and a generator) per element. */
const BATCH_CHARS = 1 << 14;

function* elements(items: Iterable<unknown>, indent: string, depth: number): Generator<string> {
  const inner = `${indent}  `;
  let first = true;
  let batch = "";
  let batched = 0;
  for (const item of items) {
    const separator = first ? `[\n${inner}` : `,\n${inner}`;
    first = false;
    // A C-long array of counts is mostly numbers: written without a look at what else an element could be.
    const whole = typeof item === "number" ? numberJson(item) : skipped(item) ? "null" : wholePiece(item, inner, depth + 1);
    if (whole !== undefined) {
      batch += separator + whole;
      batched++;
      if (batch.length >= BATCH_CHARS) {
        yield batch;
        batch = "";
        batched = 0;
      }
      continue;
    }
    if (batched > 0) {
      yield batch;
      batch = "";
      batched = 0;
    }
    yield separator;
    yield* pieces(item, inner, depth + 1, undefined);
  }
  if (batched > 0) yield batch;
  yield first ? "[]" : `\n${indent}]`;
}

/** {@link elements} for elements given as their JSON texts. */
function* textElements(length: number, json: (index: number, indent: string) => string, indent: string): Generator<string> {
  if (length === 0) {
    yield "[]";
    return;
  }
  const inner = `${indent}  `;
  const separator = `,\n${inner}`;
  let batch = `[\n${inner}${json(0, inner)}`;
  for (let i = 1; i < length; i++) {
    batch += separator + json(i, inner);
    if (batch.length >= BATCH_CHARS) {
      yield batch;
      batch = "";
    }
  }
  yield `${batch}\n${indent}]`;
}

/** The JSON of an element written in one piece (a primitive, or an object deep enough), else undefined. */
function wholePiece(item: unknown, indent: string, depth: number): string | undefined {
  if (item === null || typeof item !== "object") return primitiveJson(item) ?? JSON.stringify(item) ?? "null";
  if (item instanceof LazyArray || typeof (item as { toJSON?: unknown }).toJSON === "function") return undefined;
  if (depth >= WHOLE_FROM_DEPTH && (!Array.isArray(item) || item.length <= SHORT_ARRAY)) return indented(item, indent);
  return undefined;
}

/** `JSON.stringify(value, null, 2)`, its own lines indented under their parent. */
function indented(value: unknown, indent: string): string {
  // Most are flat objects (a class's statistics) or plain nested ones (a problem with its fix), written directly; anything
  // else goes through JSON.stringify (its gap argument takes V8's slow path). JSON text never holds a raw line break in a string.
  return (
    flatObject(value as Record<string, unknown>, indent) ??
    plainJson(value as object, indent, 0) ??
    JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`)
  );
}

/** Nesting past this goes through JSON.stringify, which also reports a cycle as it always has. */
const PLAIN_DEPTH = 32;

/** Object keys as JSON strings: a report repeats a few dozen. */
const keyTexts = new Map<string, string>();

function keyJson(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    if (keyTexts.size < 4096) keyTexts.set(key, text);
  }
  return text;
}

/** An element's or a property's JSON at `indent`: undefined when it is skipped (a property; null in an array), null when it is not plain. */
function plainValue(item: unknown, indent: string, depth: number): string | undefined | null {
  const text = primitiveJson(item);
  if (text !== null) return text;
  return depth >= PLAIN_DEPTH ? null : (plainJson(item as object, indent, depth + 1) ?? null);
}

/**
 * `JSON.stringify(value, null, 2)` indented by `indent`, for arrays and plain
 * objects (no prototype but Object's, no toJSON) of primitives, arrays and
 * plain objects, up to {@link PLAIN_DEPTH} deep; undefined for anything else.
 */
function plainJson(value: object, indent: string, depth: number): string | undefined {
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return undefined;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    let out = "[\n" + inner;
    for (let i = 0; i < value.length; i++) {
      const text = plainValue(value[i], inner, depth);
      if (text === null) return undefined;
      out += (i === 0 ? "" : `,\n${inner}`) + (text ?? "null");
    }
    return `${out}\n${indent}]`;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  let out = "";
  for (const key of Object.keys(value)) {
    const text = plainValue((value as Record<string, unknown>)[key], inner, depth);
    if (text === null) return undefined;
    if (text === undefined) continue;
    out += `${out === "" ? "{\n" : ",\n"}${inner}${keyJson(key)}: ${text}`;
  }
  return out === "" ? "{}" : `${out}\n${indent}}`;
}

/**
 * The last flat object's shape: its keys, the indent, and each key's text
 * (`,\n    "key": `; the first key's opens the object instead). A C-long array
 * of per-class objects repeats one shape: each object then costs its values.
 */
let shapeKeys: readonly string[] = [];
let shapeIndent = "";
let shapeFirst: string[] = [];
let shapeNext: string[] = [];

function shapeOf(keys: readonly string[], indent: string): void {
  if (indent === shapeIndent && keys.length === shapeKeys.length && keys.every((k, i) => k === shapeKeys[i])) return;
  const inner = `${indent}  `;
  shapeKeys = keys;
  shapeIndent = indent;
  shapeFirst = keys.map((k) => `{\n${inner}${JSON.stringify(k)}: `);
  shapeNext = keys.map((k) => `,\n${inner}${JSON.stringify(k)}: `);
}

/** What JSON.stringify escapes in a string: quotes, backslashes, control characters, lone surrogates (any surrogate here: a pair goes the slow way, and comes out as it is). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** `JSON.stringify(v)` for a primitive, without the call for numbers and booleans; undefined for a skipped value; null for anything else. */
function primitiveJson(v: unknown): string | undefined | null {
  switch (typeof v) {
    case "number":
      return numberJson(v);
    case "string":
      // Most strings (messages, paths, rule names) need no escape: quoted as they are, without the call.
      return NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`;
    case "boolean":
      return v ? "true" : "false";
    case "object":
      return v === null ? "null" : null;
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
    default:
      // A bigint throws in JSON.stringify, so it goes there.
      return null;
  }
}

/** `JSON.stringify(value, null, 2)` indented by `indent`, for a plain object of primitives only; undefined for anything else. */
function flatObject(value: Record<string, unknown>, indent: string): string | undefined {
  if (Array.isArray(value) || typeof value.toJSON === "function") return undefined;
  const keys = Object.keys(value);
  shapeOf(keys, indent);
  const first = shapeFirst;
  const next = shapeNext;
  let out = "";
  for (let i = 0; i < keys.length; i++) {
    const v = primitiveJson(value[keys[i]!]);
    if (v === null) return undefined;
    if (v === undefined) continue;
    out += (out === "" ? first[i]! : next[i]!) + v;
  }
  return out === "" ? "{}" : `${out}\n${indent}}`;
}

function* pieces(raw: unknown, indent: string, depth: number, key: string | undefined): Generator<string> {
  let value = raw;
  if (value instanceof LazyArray) {
    const text = (value as LazyArray<unknown>).text;
    yield* text !== undefined ? textElements(text.length, text.json, indent) : elements(value.items(), indent, depth);
    return;
  }
  if (value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    value = (value as { toJSON(key: string): unknown }).toJSON(key ?? "");
  }
  if (value === null || typeof value !== "object") {
    yield JSON.stringify(value) ?? "null";
    return;
  }
  if (depth >= WHOLE_FROM_DEPTH && (!Array.isArray(value) || value.length <= SHORT_ARRAY)) {
    yield indented(value, indent);
    return;
  }
  if (Array.isArray(value)) {
    yield* elements(value, indent, depth);
    return;
  }
  const inner = `${indent}  `;
  let first = true;
  for (const k of Object.keys(value)) {
    const v = streamedProperty(value, k) ?? (value as Record<string, unknown>)[k];
    if (skipped(v)) continue;
    yield `${first ? "{\n" : ",\n"}${inner}${JSON.stringify(k)}: `;
    first = false;
    yield* pieces(v, inner, depth + 1, k);
  }
  yield first ? "{}" : `\n${indent}}`;
}

/** `JSON.stringify(value, null, 2)` in pieces ({@link LazyArray}s written as arrays). */
export function jsonPieces(value: unknown): Generator<string> {
  return pieces(value, "", 0, undefined);
}

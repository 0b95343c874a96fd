import { readFile } from "node:fs/promises";
import type { ErrorObject } from "ajv";
import { fileValidator } from "../schemas.js";
import { readError } from "../io/source.js";
import { checkClassCount, MAX_JSON_DEPTH } from "../io/limits.js";
import { Alignment, type ReaderFinding, type ReaderInput, type ReaderOutcome } from "./canonical.js";
import { indexRow, inferredClassSource } from "./indices.js";


interface Annotation {
  metainfo?: { classes?: string[] };
  data_list: { img_path: string; gt_label: number | (number | boolean)[] }[];
}

/**
 * One pass over an annotation file's text: where it nests deeper than
 * `maxDepth` arrays and objects (as {@link jsonDepthExceeded} finds it; -1
 * when it does not), and the 1-based line each element of the top-level
 * `data_list` array starts on (the last such array, as JSON.parse keeps the
 * last of repeated keys). The lines are meaningful only for valid JSON, where
 * a line break is never inside a string; a scan of the text, so entries get
 * the line they are written on.
 */
export function annotationLayout(text: string, maxDepth = MAX_JSON_DEPTH): { deep: number; lines: number[] } {
  const OBJECT = 0;
  const ARRAY = 1;
  const DATA = 2;
  const stack: number[] = [];
  let lines: number[] = [];
  let line = 1;
  let depth = 0;
  let key: string | undefined;
  let expectKey = false;
  let expectElement = false;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
      continue;
    }
    if (c === 0x20 || c === 0x0d || c === 0x09 || c === 0x3a) continue;
    const top = stack.length === 0 ? -1 : stack[stack.length - 1]!;
    if (c === 0x22) {
      let j = i + 1;
      while (j < length && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c ? 2 : 1;
      if (stack.length === 1 && top === OBJECT && expectKey) {
        key = keyText(text.slice(i, j + 1));
        expectKey = false;
      } else if (top === DATA && expectElement) {
        lines.push(line);
        expectElement = false;
      }
      i = j;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return { deep: i, lines };
      if (top === DATA && expectElement) {
        lines.push(line);
        expectElement = false;
      }
      const data = c === 0x5b && stack.length === 1 && top === OBJECT && key === "data_list";
      stack.push(c === 0x7b ? OBJECT : data ? DATA : ARRAY);
      if (data) {
        lines = [];
        expectElement = true;
      }
      if (c === 0x7b && stack.length === 1) expectKey = true;
      continue;
    }
    if (c === 0x7d || c === 0x5d) {
      depth--;
      stack.pop();
      continue;
    }
    if (c === 0x2c) {
      if (stack.length === 1 && top === OBJECT) expectKey = true;
      if (top === DATA) expectElement = true;
      continue;
    }
    if (top === DATA && expectElement) {
      lines.push(line);
      expectElement = false;
    }
  }
  return { deep: -1, lines };
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

/** The line and column of a JSON syntax error, from the parser's message. */
function syntaxPosition(text: string, message: string): { line: number; column: number } {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc !== null) return { line: Number(lc[1]), column: Number(lc[2]) };
  const at = /position (\d+)/.exec(message);
  // Without a position, V8 quotes the text from the offending token: the start, unless the input just ended.
  const offset = at !== null ? Number(at[1]) : /end of JSON input/.test(message) ? text.length : 0;
  return positions(text, [Math.min(offset, text.length)])[0]!;
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
  let text = raw.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) {
    writer.bom();
    text = text.slice(1);
  }
  let lines = 0;
  for (let p = text.indexOf("\n"); p !== -1; p = text.indexOf("\n", p + 1)) lines++;
  if (text.length > 0 && !text.endsWith("\n")) lines++;
  const outcome: ReaderOutcome = { lines, bytes: raw.length };

  // Nesting this deep is no annotation file, and walking it (the schema, the entry texts) would overflow the stack.
  const layout = annotationLayout(text);
  if (layout.deep >= 0) {
    const at = positions(text, [layout.deep])[0]!;
    writer.reportUnreadable({ rule: "invalid-annotation", messageId: "syntax", line: at.line, column: at.column, data: { detail: `arrays and objects nested deeper than ${MAX_JSON_DEPTH} levels` } });
    await writer.flush();
    return outcome;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = syntaxPosition(text, message);
    writer.reportUnreadable({ rule: "invalid-annotation", messageId: "syntax", line: at.line, column: at.column, data: { detail: message.replace(/^JSON\.parse: /, "") } });
    await writer.flush();
    return outcome;
  }
  const entryLines = layout.lines;
  const lineOf = (index: number) => entryLines[index] ?? 1;

  // Structural errors: by entry, so an entry with one is left out whole.
  const broken = new Map<number, ReaderFinding[]>();
  const validate = fileValidator("mmpretrain-annotation.schema.json");
  if (!validate(data)) {
    for (const error of validate.errors ?? []) {
      const pointer = error.instancePath;
      const entry = /^\/data_list\/(\d+)(?:\/|$)/.exec(pointer);
      const finding: ReaderFinding = {
        rule: "invalid-annotation",
        messageId: "schema",
        data: { path: jsonPath(pointer), problem: schemaMessage(error) },
        line: entry !== null ? lineOf(Number(entry[1])) : 1,
        ...(entry !== null ? { row: Number(entry[1]) } : {}),
      };
      if (entry === null) {
        writer.reportUnreadable(finding);
        continue;
      }
      const index = Number(entry[1]);
      const list = broken.get(index) ?? [];
      list.push(finding);
      broken.set(index, list);
    }
  }
  const root = data as Partial<Annotation> | null;
  const list = root !== null && typeof root === "object" && Array.isArray(root.data_list) ? root.data_list : [];
  const classes = root?.metainfo?.classes;
  const names = Array.isArray(classes) && classes.every((c) => typeof c === "string") ? classes : undefined;

  let numClasses = input.numClasses ?? input.classNames?.length;
  if (numClasses === undefined && names !== undefined) {
    numClasses = names.length;
    outcome.numClasses = numClasses;
    outcome.classNames = names;
    outcome.classSource = { source: "header", reason: `${names.length} classes in metainfo.classes` };
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
  for (let i = 0; i < list.length; i++) {
    const entry = list[i]!;
    const line = lineOf(i);
    const entryText = () => JSON.stringify(entry);
    const structural = broken.get(i);
    if (structural !== undefined) {
      writer.rejectWith(line, entryText(), structural);
      continue;
    }
    const path = entry.img_path;
    if (/[\r\n]/.test(path) || path.includes("\t")) {
      writer.rejectWith(line, entryText(), [{ rule: "malformed-record", messageId: path.includes("\t") ? "pathTab" : "pathBreak", line, data: { path: JSON.stringify(path).slice(1, -1) } }]);
      continue;
    }
    const labels: unknown[] = Array.isArray(entry.gt_label) ? entry.gt_label : [entry.gt_label];
    // Most entries: ascending class indices, each once, in range — the row as it is, nothing to report.
    const plain = input.generalLines === true ? undefined : plainIndices(labels, numClasses);
    if (plain !== undefined) {
      writer.indexRow(line, path, plain, numClasses, Alignment.None);
      await writer.maybeFlush();
      continue;
    }
    // 2.5 and true are not indices, but torch.tensor(...).to(torch.long) makes them 2 and 1.
    const coerced = labels.filter((l) => typeof l === "boolean" || (typeof l === "number" && !Number.isInteger(l)));
    if (coerced.length > 0) {
      const value = coerced[0] as number | boolean;
      writer.rejectWith(line, entryText(), [{ rule: "invalid-index", messageId: "coerced", line, data: { value: String(value), index: Math.trunc(Number(value)) } }]);
      continue;
    }
    const { indices, errors, warnings } = indexRow(labels.map((l) => ({ text: String(l) })), numClasses, { line, multiHotAdvice: "gt_label holds the indices of the positive classes ([1, 3] for classes 1 and 3)" });
    if (errors.length > 0) {
      writer.rejectWith(line, entryText(), [...errors, ...warnings]);
      continue;
    }
    for (const w of warnings) writer.report({ row: writer.rows, ...w });
    writer.indexRow(line, path, indices, numClasses, Alignment.None);
    await writer.maybeFlush();
  }
  await writer.flush();
  return outcome;
}

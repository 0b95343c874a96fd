import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { Ajv } from "ajv";
import { DEFAULT_MAX_LINE_BYTES } from "../engine/session.js";
import { fileChunks, readError } from "../engine/source.js";
import { LabellintError } from "../errors.js";
import { isLineFormat, lineFormats } from "../readers/index.js";
import { LineSplitter } from "../readers/line-splitter.js";
import { convertLine, REJECTS_HEADER, rejectsPrefix } from "./lines.js";
import { AtomicFile } from "./atomic.js";
import type { FixCounts, FixPlan } from "./plan.js";

const schema = JSON.parse(await readFile(new URL("../../schemas/fix-plan.schema.json", import.meta.url), "utf8")) as object;
const validatePlan = new Ajv({ allErrors: true }).compile<FixPlan>(schema);

export interface ApplyOptions {
  /** Where to write the result (required). */
  out: string;
  /** Input to apply the plan to (default: the plan's input path, from `cwd`). */
  input?: string;
  /** Directory a relative input path in the plan is resolved from (default: the process's). */
  cwd?: string;
  rejects?: string;
  force?: boolean;
}

export interface ApplyResult {
  counts: FixCounts;
  written: { output: string; rejects?: string };
}

async function sha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fileChunks(path)) hash.update(chunk);
  return hash.digest("hex");
}

/** Reads and validates a plan file; an invalid one is a fatal error naming each JSON path. */
export async function readPlan(path: string): Promise<FixPlan> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    if (error instanceof SyntaxError) throw new LabellintError("LL_INVALID_OPTION", `'${path}' is not JSON: ${error.message}`);
    throw readError(path, error);
  }
  if (!validatePlan(data)) {
    const detail = (validatePlan.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`).join("; ");
    throw new LabellintError("LL_INVALID_OPTION", `'${path}' is not a labellint fix plan: ${detail}`);
  }
  return data;
}

/**
 * Re-applies a reviewed plan: the input must be byte-for-byte the file the
 * plan was made from (same sha256), else nothing is written.
 */
export async function applyPlan(planPath: string, options: ApplyOptions): Promise<ApplyResult> {
  const plan = await readPlan(planPath);
  const input = options.input ?? resolve(options.cwd ?? process.cwd(), plan.input.path);
  const actual = await sha256(input);
  if (actual !== plan.input.sha256) {
    throw new LabellintError(
      "LL_PLAN_STALE",
      `'${input}' has changed since the plan was made (sha256 ${actual.slice(0, 12)}… is not ${plan.input.sha256.slice(0, 12)}…); run labellint fix again`,
    );
  }
  const rejectsPath = options.rejects ?? `${options.out}.rejects.tsv`;
  if (!options.force) {
    for (const path of [options.out, ...(plan.rejects.length > 0 ? [rejectsPath] : [])]) {
      if (await stat(path).then(() => true, () => false)) throw new LabellintError("LL_USAGE", `'${path}' exists; pass --force to overwrite it`);
    }
  }
  const edits = new Map(plan.edits.map((e) => [e.line, e]));
  const drops = new Set(plan.drops.map((d) => d.line));
  const rejects = new Map(plan.rejects.map((r) => [r.line, r]));
  if (!isLineFormat(plan.format) || !isLineFormat(plan.output.format)) {
    // Its lines are canonical rows of a csv/indices/columns/json input, which apply does not rebuild.
    throw new LabellintError("LL_USAGE", `the plan was made from ${plan.format} input; apply re-applies plans of paddleclas and spaced files only: run labellint fix on the input again`);
  }
  const from = lineFormats[plan.format];
  const to = lineFormats[plan.output.format];
  const counts: FixCounts = { linesIn: 0, rowsOut: 0, rowsRejected: 0, linesDropped: 0, linesEdited: 0 };
  const out = await AtomicFile.create(options.out);
  const rej = plan.rejects.length > 0 ? await AtomicFile.create(rejectsPath) : undefined;
  rej?.write(REJECTS_HEADER);
  let mismatch: number | undefined;
  // Byte offset of the next line, for copying an over-long rejected line verbatim from the input.
  let offset = -1;
  let tooLong: number | undefined;
  const splitter = new LineSplitter((buf, start, end, crlf, terminated, byteLength) => {
    const line = ++counts.linesIn;
    if (offset < 0) offset = splitter.bom ? 3 : 0;
    const lineStart = offset;
    offset += byteLength + (crlf ? 1 : 0) + (terminated ? 1 : 0);
    const text = buf.toString("utf8", start, end);
    if (drops.has(line)) {
      counts.linesDropped++;
      return;
    }
    const reject = rejects.get(line);
    if (reject !== undefined) {
      counts.rowsRejected++;
      if (rej !== undefined) {
        // Verbatim, as fix writes it: the line's own bytes, all of them.
        rej.write(rejectsPrefix(line, reject.reasons));
        if (byteLength > end - start) rej.copyFrom(input, lineStart, lineStart + byteLength);
        else rej.writeBytes(buf, start, end);
        rej.write("\n");
      }
      return;
    }
    // A line cut at the length limit cannot be rewritten from its head.
    if (byteLength > end - start) tooLong ??= line;
    counts.rowsOut++;
    const edit = edits.get(line);
    if (edit !== undefined) {
      if (edit.oldText !== text) mismatch ??= line;
      counts.linesEdited++;
      out.write(`${edit.newText}\n`);
    } else {
      out.write(`${convertLine(Buffer.from(buf.subarray(start, end)), text, from, to)}\n`);
    }
  }, DEFAULT_MAX_LINE_BYTES);
  try {
    for await (const chunk of fileChunks(input)) {
      splitter.push(chunk);
      await out.drain();
      await rej?.drain();
    }
    splitter.end();
    if (tooLong !== undefined) throw new LabellintError("LL_READ_FAILED", `line ${tooLong} of '${input}' is over ${DEFAULT_MAX_LINE_BYTES} bytes; apply cannot rewrite it`);
    if (mismatch !== undefined) throw new LabellintError("LL_PLAN_STALE", `line ${mismatch} of '${input}' is not what the plan expects; run labellint fix again`);
    if (counts.linesIn !== plan.counts.linesIn) throw new LabellintError("LL_PLAN_STALE", `'${input}' has ${counts.linesIn} lines, the plan ${plan.counts.linesIn}`);
    if (rej !== undefined) await rej.commit();
    await out.commit();
  } catch (error) {
    await out.abort();
    await rej?.abort();
    throw error;
  }
  return { counts, written: { output: options.out, ...(rej !== undefined ? { rejects: rejectsPath } : {}) } };
}

import { createHash } from "node:crypto";
import { isAbsolute, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { VERSION } from "../engine/lint.js";
import { allRules } from "../rules/index.js";
import type { FileResult, Problem, ProblemList, Severity } from "../types.js";
import type { RuleMeta } from "../engine/api.js";
import { jsonPieces, LazyArray } from "./json-stream.js";
import { asFormatter, SARIF_MAX_RESULTS, type Formatter, type ReportWriter } from "./types.js";
import { formatCount, plural } from "../text/numbers.js";

/** Where the project lives; rule docs are `docs/rules/<name>.md` under it. */
export const REPOSITORY_URL = "https://github.com/labellint/labellint";
const RULE_DOCS_URL = `${REPOSITORY_URL}/blob/main/docs/rules`;
const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
/** Bump the suffix if the fingerprint recipe changes, so old and new never collide. */
const FINGERPRINT_KEY = "labellint/v1";

type SarifLevel = "error" | "warning" | "none";

const LEVELS: Record<Severity, SarifLevel> = { error: "error", warn: "warning", off: "none" };

export const ruleDocUrl = (name: string): string => `${RULE_DOCS_URL}/${encodeURIComponent(name)}.md`;

function describeFix(meta: RuleMeta): string {
  if (meta.fix.availability === "none") return "No automatic fix.";
  const when = meta.fix.availability === "always" ? "" : " for some findings";
  const how = meta.fix.applicability === "safe" ? "a safe fix (labellint fix)" : "an unsafe fix (labellint fix --unsafe-fixes)";
  return `Has ${how}${when}.`;
}

function sarifRule(meta: RuleMeta) {
  const level = LEVELS[meta.defaultSeverity];
  return {
    id: meta.code,
    name: meta.name,
    shortDescription: { text: meta.description },
    fullDescription: { text: `${meta.description} Scope: ${meta.scope}. ${describeFix(meta)}` },
    helpUri: ruleDocUrl(meta.name),
    defaultConfiguration: level === "none" ? { enabled: false, level } : { level },
    properties: { tags: ["labels", meta.scope] },
  };
}

/** Percent-encodes each segment; `encodeURIComponent` also takes care of a `:` that would read as a scheme. */
function encodeSegment(segment: string): string {
  // Lone surrogates make encodeURIComponent throw.
  return encodeURIComponent(segment.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD"));
}

/** The file path as a URI: relative paths stay relative (with `/`), absolute ones become `file:` URLs. */
export function artifactUri(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  const slashed = sep === "\\" ? path.replace(/\\/g, "/") : path;
  return slashed.split("/").map(encodeSegment).join("/");
}

/**
 * What identifies a finding apart from where it sits: the image path at the start
 * of the quoted line (the same image keeps it when lines are added above), or
 * the class for a dataset finding. A windowed quote that lost the path falls back to
 * the quoted text itself, which also does not move with the line.
 */
export function imageKey(file: ProblemList & { format?: FileResult["format"] }, problem: Problem): string {
  const classPart = problem.classIndex !== undefined ? `class:${problem.classIndex}` : "";
  const source = problem.source;
  if (source === undefined) return classPart;
  // A config finding: the YAML line's text (`weight_ratio: True`) stays when lines move.
  if (file.format === undefined) return `text:${source.trim()}|${classPart}`;
  if (problem.sourceStart !== undefined && problem.sourceStart > 0) return `text:${source}|${classPart}`;
  const tab = source.indexOf("\t");
  const path = tab >= 0 && file.format === "paddleclas" ? source.slice(0, tab) : (/^\S*/.exec(source)?.[0] ?? "");
  return `path:${path}|${classPart}`;
}

/** Stable fingerprints for one file's problems; equal keys are told apart by their order. */
export function fingerprints(file: ProblemList & { format?: FileResult["format"] }): string[] {
  return [...fingerprintsOf(file)];
}

/** 32-bit FNV-1a of a string's UTF-16 code units: a cheap first look at which keys may repeat. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * {@link fingerprints} one at a time. Only keys whose 32-bit hash repeats
 * can occur more than once, so only those are counted in a map (by the key
 * itself, exactly): a million problems cost a typed array, not a million
 * map entries.
 */
export function* fingerprintsOf(file: ProblemList & { format?: FileResult["format"] }): Generator<string> {
  const keyOf = (problem: Problem) => [problem.code, file.path, imageKey(file, problem)].join("\u0000");
  const hashes = new Uint32Array(file.problems.length);
  file.problems.forEach((problem, i) => {
    hashes[i] = fnv1a(keyOf(problem));
  });
  const sorted = hashes.slice().sort();
  const repeated = new Set<number>();
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) repeated.add(sorted[i]!);
  const seen = new Map<string, number>();
  for (let i = 0; i < file.problems.length; i++) {
    const key = keyOf(file.problems[i]!);
    let occurrence = 0;
    if (repeated.has(hashes[i]!)) {
      occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
    }
    yield createHash("sha256").update(`${key}\u0000${occurrence}`).digest("hex");
  }
}

function region(problem: Problem) {
  // GitHub code scanning expects a region on every result: a dataset-level finding sits on line 1.
  if (problem.line === undefined) return { startLine: 1 };
  if (problem.column === undefined) return { startLine: problem.line };
  const end = problem.length !== undefined && problem.length > 0 ? { endColumn: problem.column + problem.length } : {};
  return { startLine: problem.line, startColumn: problem.column, ...end };
}

/** A SARIF fix for safe fixes whose every edit is an in-line text change; others need the fixer and are left out. */
function sarifFix(uri: string, problem: Problem) {
  const fix = problem.fix;
  if (fix === undefined || fix.applicability !== "safe" || fix.edits.length === 0) return undefined;
  const replacements = [];
  for (const edit of fix.edits) {
    const change = edit.kind === "file" || edit.kind === "drop-line" ? undefined : edit.change;
    if (edit.kind === "file" || change === undefined) return undefined;
    replacements.push({
      deletedRegion: { startLine: edit.line, startColumn: change.start + 1, endColumn: change.end + 1 },
      insertedContent: { text: change.newText },
    });
  }
  return { description: { text: fix.description }, artifactChanges: [{ artifactLocation: { uri }, replacements }] };
}

/**
 * Which listed problems of each file are written when there are more than
 * `max`: errors before warnings, and within a severity each file's rule its
 * fair share (every group gets the same number, or all it has, so one rule's
 * million findings cannot crowd out another rule's one), the first of each
 * group in listing order. A mask per file, undefined when all fit.
 */
export function chooseResults(files: readonly ProblemList[], max: number): (Uint8Array | undefined)[] {
  if (files.reduce((sum, f) => sum + f.problems.length, 0) <= max) return files.map(() => undefined);
  const masks = files.map((f) => new Uint8Array(f.problems.length));
  let budget = max;
  for (const severity of ["error", "warn"] as const) {
    // Groups: a file's findings of one rule at this severity, counted.
    const groups = new Map<string, { file: number; rule: string; count: number }>();
    files.forEach((f, file) => {
      for (const p of f.problems) {
        if (p.severity !== severity) continue;
        const key = `${file}\u0000${p.rule}`;
        const group = groups.get(key);
        if (group === undefined) groups.set(key, { file, rule: p.rule, count: 1 });
        else group.count++;
      }
    });
    const all = [...groups.values()];
    const total = all.reduce((sum, g) => sum + g.count, 0);
    let share = Infinity;
    if (total > budget) {
      // The largest share k with the sum of min(count, k) within the budget.
      const counts = all.map((g) => g.count).sort((a, b) => a - b);
      let used = 0;
      share = 0;
      for (let i = 0; i < counts.length; i++) {
        const k = Math.floor((budget - used) / (counts.length - i));
        if (counts[i]! > k) {
          share = k;
          break;
        }
        used += counts[i]!;
      }
    }
    // What the shares leave goes one more each to the groups still holding findings, in order.
    let spare = budget - all.reduce((sum, g) => sum + Math.min(g.count, share), 0);
    const allowed = new Map<string, number>();
    for (const [key, g] of groups) {
      let n = Math.min(g.count, share);
      if (n < g.count && spare > 0) {
        n++;
        spare--;
      }
      allowed.set(key, n);
    }
    files.forEach((f, file) => {
      const mask = masks[file]!;
      f.problems.forEach((p, i) => {
        if (p.severity !== severity) return;
        const key = `${file}\u0000${p.rule}`;
        const left = allowed.get(key)!;
        if (left === 0) return;
        allowed.set(key, left - 1);
        mask[i] = 1;
        budget--;
      });
    });
  }
  return masks;
}

function* sarifResults(file: ProblemList & { format?: FileResult["format"]; consumer?: FileResult["consumer"] }, ruleIndex: ReadonlyMap<string, number>, mask: Uint8Array | undefined) {
  const uri = artifactUri(file.path);
  // Over every listed problem, so a finding keeps its fingerprint whichever are written.
  const prints = fingerprintsOf(file);
  for (let i = 0; i < file.problems.length; i++) {
    const problem = file.problems[i]!;
    const print = prints.next().value as string;
    if (mask !== undefined && mask[i] === 0) continue;
    // A csv/indices/columns/json file's edits are to its canonical paddleclas rows, not to its own text.
    const fix = file.format === undefined || file.format === "paddleclas" || file.format === "spaced" ? sarifFix(uri, problem) : undefined;
    const index = ruleIndex.get(problem.code);
    yield {
      ruleId: problem.code,
      ...(index !== undefined ? { ruleIndex: index } : {}),
      level: LEVELS[problem.severity],
      message: { text: problem.suggestion !== undefined ? `${problem.message}. Fix by hand: ${problem.suggestion}` : problem.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: problem.file !== undefined ? artifactUri(problem.file) : uri }, region: region(problem) } }],
      partialFingerprints: { [FINGERPRINT_KEY]: print },
      ...(fix ? { fixes: [fix] } : {}),
      // The program whose reading decided the level (a label file's; configs are PaddleClas's by definition).
      ...(file.consumer !== undefined ? { properties: { consumer: file.consumer } } : {}),
    };
  }
}

/** SARIF 2.1.0 log in pieces: one run, the rule table from the registry, results with stable fingerprints. */
export const writeSarif: ReportWriter = function* (result) {
  const ruleIndex = new Map(allRules.map((rule, i) => [rule.meta.code, i]));
  const files = [...(result.configs ?? []), ...result.files];
  const masks = chooseResults(files, SARIF_MAX_RESULTS);
  let listed = 0;
  let written = 0;
  for (let f = 0; f < files.length; f++) {
    const mask = masks[f];
    listed += files[f]!.problems.length;
    written += mask === undefined ? files[f]!.problems.length : mask.reduce((sum, bit) => sum + bit, 0);
  }
  // Findings not written, past code scanning's limit or left unlisted by --max-problems-per-rule (the totals are exact), are said in a notification.
  const { errorCount, warningCount } = result.summary;
  const found = errorCount + warningCount;
  const why = [
    ...(written < listed ? [`code scanning rejects a run of more than ${formatCount(SARIF_MAX_RESULTS)} results, so errors come first and each rule of a file keeps a share`] : []),
    ...(listed < found ? [`each rule lists at most --max-problems-per-rule findings a file (unless given, ${formatCount(SARIF_MAX_RESULTS)}, the most code scanning takes in a run, and 1,000 about single classes)`] : []),
  ];
  const text = `${formatCount(written)} of ${formatCount(found)} findings (${plural(errorCount, "error")}, ${plural(warningCount, "warning")}) are results here: ${why.join("; ")}; labellint check --reporter json lists every finding`;
  const notice = written < found && why.length > 0 ? [{ executionSuccessful: true, toolExecutionNotifications: [{ level: "note", message: { text } }] }] : undefined;
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "labellint",
            version: VERSION,
            informationUri: REPOSITORY_URL,
            rules: allRules.map((rule) => sarifRule(rule.meta)),
          },
        },
        ...(notice !== undefined ? { invocations: notice } : {}),
        columnKind: "utf16CodeUnits",
        // Made one file at a time as they are written.
        results: new LazyArray(function* () {
          for (let f = 0; f < files.length; f++) yield* sarifResults(files[f]!, ruleIndex, masks[f]);
        }),
      },
    ],
  };
  yield* jsonPieces(log);
  yield "\n";
};

/** SARIF 2.1.0 log: one run, the rule table from the registry, results with stable fingerprints. */
export const formatSarif: Formatter = asFormatter(writeSarif);

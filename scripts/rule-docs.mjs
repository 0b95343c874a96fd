#!/usr/bin/env node
// Keeps docs/rules/*.md in step with the rules (run after `npm run build`):
// - the report shown after each Bad example is what labellint prints for it
//   (this rule's lines; other rules' lines are left as they are);
// - the "By consumer" section lists each case's severity and consequence for
//   every consumer model, between <!-- by-consumer --> markers.
// test/docs.test.ts checks both, so a stale page fails the tests.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { lintText } from "../dist/engine/lint.js";
import { SplitIndex } from "../dist/engine/splits.js";
import { allRules } from "../dist/rules/index.js";
import { consumerSection } from "../dist/consumers/docs.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DISPLAY = "train_list.txt";

function decode(block) {
  const spelled = block.some((l) => /<(CRLF|LF|CR)>/.test(l));
  const text = spelled ? block.join("") : block.map((l) => `${l}\n`).join("");
  return Buffer.concat(
    text.split(/(<0x[0-9A-Fa-f]{2}>)/).map((part) =>
      /^<0x[0-9A-Fa-f]{2}>$/.test(part)
        ? Buffer.from([parseInt(part.slice(3, 5), 16)])
        : Buffer.from(part.replace(/<TAB>/g, "\t").replace(/<BOM>/g, "\ufeff").replace(/<CRLF>/g, "\r\n").replace(/<LF>/g, "\n").replace(/<CR>/g, "\r"), "utf8"),
    ),
  );
}

function fences(lines) {
  const found = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith("```")) continue;
    let j = i + 1;
    while (j < lines.length && !lines[j].startsWith("```")) j++;
    found.push({ start: i, end: j });
    i = j;
  }
  return found;
}

const REPORT_LINE = /^(\S+?)(?::(\d+):(\d+))?  (error|warn) {2,3}(.+)  ([a-z0-9]+(?:-[a-z0-9]+)*)(?: \[(unsafe )?fix\])?$/;

function reportLine(display, p) {
  const where = p.line !== undefined ? `${display}:${p.line}:${p.column ?? 1}` : display;
  const severity = p.severity === "error" ? "error" : "warn ";
  const fix = p.fix === undefined ? "" : p.fix.applicability === "safe" ? " [fix]" : " [unsafe fix]";
  return `${where}  ${severity}  ${p.message}  ${p.rule}${fix}`;
}

async function updateExamples(rule, lines) {
  const name = rule.meta.name;
  for (let i = 0; i < lines.length; i++) {
    if (!/^Bad\b/.test(lines[i])) continue;
    const comment = /^<!-- example-options: (\{.*\}) -->$/.exec(lines[i - 1] ?? "");
    if (comment === null) continue;
    // Fresh block positions: an earlier example's report may have grown or shrunk.
    const blocks = fences(lines);
    const k = blocks.findIndex((b) => b.start > i);
    const content = blocks[k];
    const report = blocks[k + 1];
    if (content === undefined || report === undefined) continue;
    const { train, ppcls, ...options } = JSON.parse(comment[1]);
    // Config rules' messages do not depend on a consumer: their examples need a laid-out checkout, left to the tests.
    if (ppcls !== undefined) continue;
    if (options.imageRoot !== undefined) options.imageRoot = join(ROOT, options.imageRoot);
    let lintOptions = options;
    if (train !== undefined) {
      const splits = new SplitIndex();
      await lintText(decode(train.split("\n")), { ...options, split: "train", splits }, "train_list.txt");
      lintOptions = { ...options, split: "eval", splits };
    }
    const display = train !== undefined ? "eval_list.txt" : DISPLAY;
    const result = await lintText(decode(lines.slice(content.start + 1, content.end)), lintOptions, display);
    const fresh = result.problems.filter((p) => p.rule === name).map((p) => reportLine(display, p));
    const body = lines.slice(report.start + 1, report.end);
    const isMine = (l) => REPORT_LINE.exec(l)?.[6] === name;
    const first = body.findIndex(isMine);
    if (first === -1) continue;
    const kept = body.filter((l) => !isMine(l));
    kept.splice(body.slice(0, first).filter((l) => !isMine(l)).length, 0, ...fresh);
    lines.splice(report.start + 1, report.end - report.start - 1, ...kept);
  }
  return lines;
}

const START = "<!-- by-consumer -->";
const END = "<!-- /by-consumer -->";

function updateConsumers(rule, text) {
  const section = `${START}\n${consumerSection(rule)}${END}`;
  const a = text.indexOf(START);
  if (a !== -1) {
    const b = text.indexOf(END, a);
    return text.slice(0, a) + section + text.slice(b + END.length);
  }
  // Before "## Fix safety" (every page has one).
  const at = text.indexOf("## Fix safety");
  return `${text.slice(0, at)}## By consumer\n${section}\n\n${text.slice(at)}`;
}

for (const rule of allRules) {
  const file = join(ROOT, "docs", "rules", `${rule.meta.name}.md`);
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    continue;
  }
  const lines = await updateExamples(rule, text.split("\n"));
  const next = updateConsumers(rule, lines.join("\n"));
  if (next !== text) {
    writeFileSync(file, next);
    console.log(`updated docs/rules/${rule.meta.name}.md`);
  }
}

import { allRules } from "../rules/index.js";
import { consumerTitle } from "../consumers/index.js";
import { prevalenceDistance } from "../stats/compute.js";
import type { ConfigResult, DatasetStatistics, FileResult, LintResult, PrevalenceComparison, Problem, ProblemList, SplitRole } from "../types.js";
import { columns, dotPlot, esc, heatmap, horizontalBars, num, pct, type Mark } from "./html-charts.js";
import { allWarnings, asFormatter, classNumShown, filesChecked, joinPieces, type Formatter, type FormatOptions, type ReportWriter } from "./types.js";
import { groupCount, groupProblems, groupWhere, type ProblemGroup } from "./group.js";
import { ruleDocUrl } from "./sarif.js";
import { compareText } from "../text/compare.js";
import { pushTo } from "../collections.js";

/** Problems listed per file; the rest are counted, never dropped silently. */
export const HTML_MAX_ROWS = 200;
/** Largest class count with a co-occurrence heatmap (the engine keeps the matrix up to here). */
const HEATMAP_MAX_CLASSES = 100;
/** Most bars a chart draws: past it, a note says why there is no chart (the tables stay complete). */
const CHART_MAX_MARKS = 10_000;
/** Classes shown in the train-vs-eval plot when there are too many to show all. */
const PREVALENCE_TOP = 50;

const ruleMeta = new Map(allRules.map((r) => [r.meta.name, r.meta]));
const plural = (count: number, one: string, many = `${one}s`): string => `${num(count)} ${count === 1 ? one : many}`;

const CSS = `
:root{color-scheme:light;--fg:#1d2330;--muted:#5b6474;--line:#d8dce3;--bg:#fff;--soft:#f5f7fa;--err:#b42318;--warn:#9a6700;--ok:#1a7f37;--bar:#4f7cc4;--b:#e07b39}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:960px;margin:0 auto;padding:24px 20px 48px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:40px 0 8px;padding-top:12px;border-top:2px solid var(--line);word-break:break-all}
h3{font-size:16px;margin:28px 0 8px}h4{font-size:14px;margin:18px 0 6px}
.muted{color:var(--muted)}.err{color:var(--err)}.warn{color:var(--warn)}.ok{color:var(--ok)}
.verdict{font-size:16px;font-weight:600;margin:12px 0 4px}.verdict ul{font-weight:400;margin:4px 0}
table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border-bottom:1px solid var(--line);padding:4px 10px 4px 0;text-align:left;vertical-align:top}
th{font-weight:600;color:var(--muted);border-bottom-width:2px}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
table.wide{width:100%}.problems td:nth-child(-n+2){white-space:nowrap}tr.total td{font-weight:600;border-top:2px solid var(--line)}
code,.src{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.src{display:block;color:var(--muted);white-space:pre-wrap;word-break:break-all;margin-top:2px}.src mark{background:#ffd7d3;color:var(--err)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
.note{background:var(--soft);border-left:3px solid var(--line);padding:6px 10px;margin:8px 0}
nav ul{margin:4px 0;padding-left:20px}
.chart{display:block;max-width:100%;height:auto;margin:8px 0}
.chart text{font-size:12px;fill:var(--fg)}.chart .ct{font-size:14px;font-weight:600}.chart .at{fill:var(--muted);font-weight:600}.chart .tick{fill:var(--muted)}
.chart .grid{stroke:#eceef2}.chart .axis{stroke:#8a93a3}.chart .bar{fill:var(--bar)}.chart g:hover .bar{fill:#2f5aa0}.chart .val{font-size:11px;fill:var(--muted)}.chart .zero{fill:var(--err);font-weight:600}
.chart .dot-a{fill:var(--bar)}.chart .dot-b{fill:var(--b);fill-opacity:.85;stroke:#fff;stroke-width:.8}.chart .hl .lbl{font-weight:700;fill:var(--err)}.chart .hl .link{stroke:var(--err);stroke-width:2.5}.chart .link{stroke:#9aa3b2;stroke-width:1.5}.chart .hit{fill:transparent}.chart g:hover .hit{fill:#f0f3f8}
.chart .thr line{stroke:var(--err);stroke-width:1.5;stroke-dasharray:5 3}.chart .thr text{font-size:11px;fill:var(--err);font-weight:600}
.chart .hm-bg{fill:#fbfcfd}.chart .frame{fill:none;stroke:#8a93a3}
.scale input{margin:0 6px 0 0;vertical-align:middle}.scale label{cursor:pointer;color:var(--muted)}
.scale input:checked~.linear,.scale input:not(:checked)~.log{display:none}
details summary{cursor:pointer;color:var(--muted);margin:8px 0}
details.rule{border-top:1px solid var(--line);padding:2px 0}details.rule summary{color:var(--fg)}details.rule summary .muted{font-size:13px}
.group p{margin:4px 0}
@media print{.scale input,.scale label{display:none}.scale .log{display:none!important}.scale .linear{display:block!important}}
`;

/** A complete, self-contained document, in pieces: `items` are its body's lines. The CSP forbids every fetch, so the file can't reach the network. */
function* documentHtml(title: string, items: Iterable<string>): Generator<string> {
  yield `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
`;
  let first = true;
  for (const item of items) {
    yield first ? item : `\n${item}`;
    first = false;
  }
  yield `
</main>
</body>
</html>
`;
}

const className = (s: DatasetStatistics, i: number): string => s.classes[i]?.name ?? `class ${i}`;
const classLabel = (s: DatasetStatistics, i: number): string => (s.classes[i]?.name !== undefined ? s.classes[i]!.name! : `#${i}`);
const fixed = (v: number | null, digits = 3): string => (v === null ? "— (undefined)" : Number(v.toFixed(digits)).toString());

function positivesChart(s: DatasetStatistics, id: string, log: boolean): string {
  const marks: Mark[] = s.classes.map((c) => ({
    label: classLabel(s, c.index),
    value: c.positives,
    title: `${c.index} ${className(s, c.index)}: ${plural(c.positives, "positive")} (${pct(c.prevalence)} of ${num(s.rows)} rows)`,
  }));
  const min = s.rareClassMinPositives;
  const threshold = min !== undefined ? { value: min, label: `rare-class: fewer than ${num(min)}` } : undefined;
  const text = {
    id: `${id}-${log ? "log" : "lin"}`,
    title: `Positives per class${log ? " (log scale)" : ""}`,
    description:
      `Number of rows in which each of the ${s.numClasses} classes is positive${log ? `, on a logarithmic axis that starts at ½ so a single positive has a bar` : ""}. Classes in file order.` +
      (min !== undefined ? ` The dashed line marks ${num(min)}: a class with fewer positives is reported by rare-class.` : ""),
    xLabel: `positive rows${log ? " (log scale)" : ""}`,
    yLabel: "class",
    marks,
    log,
    ...(threshold !== undefined ? { threshold } : {}),
  };
  if (s.numClasses <= 150) return horizontalBars({ ...text, highlightZero: true });
  return columns({ ...text, xLabel: "class index", yLabel: `positive rows${log ? " (log)" : ""}`, marks: marks.map((m, i) => ({ ...m, label: String(i) })) });
}

/** Figures, charts and a per-class table for one file's statistics (an HTML fragment). */
export function renderStatistics(s: DatasetStatistics, id: string): string {
  return [...statisticsItems(s, id)].join("\n");
}

/** The lines of {@link renderStatistics}, one at a time (a per-class table can have a million rows). */
function* statisticsItems(s: DatasetStatistics, id: string): Generator<string> {
  const out: string[] = [];
  out.push(`<dl class="facts">`);
  const fact = (term: string, value: string) => out.push(`<dt>${esc(term)}</dt><dd>${esc(value)}</dd>`);
  fact("rows (N)", num(s.rows));
  fact("classes (C)", num(s.numClasses));
  fact("label cardinality", `${fixed(s.cardinality)} labels per row`);
  fact("label density", fixed(s.density, 4));
  const bound = s.labelsetsTruncated ? " (at least; too many to count exactly)" : "";
  fact("distinct labelsets", num(s.distinctLabelsets) + bound);
  fact("labelsets seen once", num(s.singleOccurrenceLabelsets) + bound);
  fact("most frequent labelset", `${plural(s.maxLabelsetFrequency, "row")}${bound}`);
  fact("MaxIR / MeanIR", `${fixed(s.maxIR)} / ${fixed(s.meanIR)}`);
  fact("CVIR", fixed(s.cvIR));
  fact("SCUMBLE", fixed(s.scumble));
  out.push(`</dl>`);
  if (s.rows === 0 || s.numClasses === 0) {
    out.push(`<p class="note">No clean rows: no charts.</p>`);
    yield* out;
    return;
  }
  if (s.numClasses > CHART_MAX_MARKS) {
    // A bar per class would be thinner than a pixel, and the document hundreds of megabytes.
    out.push(`<h4>Positives per class</h4>`, `<p class="note">No chart: ${num(s.numClasses)} classes is more than the ${num(CHART_MAX_MARKS)} a chart can show; the per-class table below lists them.</p>`);
  } else {
    out.push(
      `<h4>Positives per class</h4><div class="scale"><input type="checkbox" id="${id}-logscale"><label for="${id}-logscale">log scale</label>`,
      `<div class="linear">${positivesChart(s, id, false)}</div><div class="log">${positivesChart(s, id, true)}</div></div>`,
    );
  }
  const hist = s.cardinalityHistogram;
  if (hist.length > CHART_MAX_MARKS) {
    out.push(`<h4>Label cardinality</h4>`, `<p class="note">No chart: rows have up to ${plural(hist.length - 1, "label")}, more columns than a chart can show.</p>`);
  } else {
    out.push(
      `<h4>Label cardinality</h4>`,
      columns({
        id: `${id}-card`,
        title: "Rows by number of positive labels",
        description: `How many rows have 0, 1, 2, … positive labels; mean ${fixed(s.cardinality)}.`,
        xLabel: "positive labels in the row",
        yLabel: "rows",
        marks: hist.map((rows, k) => ({ label: String(k), value: rows, title: `${plural(k, "label")}: ${plural(rows, "row")} (${pct(s.rows > 0 ? rows / s.rows : 0)})` })),
      }),
    );
  }
  out.push(`<h4>Co-occurrence</h4>`);
  if (s.cooccurrence !== undefined && s.numClasses <= HEATMAP_MAX_CLASSES) {
    const co = s.cooccurrence;
    out.push(
      heatmap({
        id: `${id}-co`,
        title: "Class co-occurrence",
        description: `Rows in which both classes are positive, for each pair of the ${s.numClasses} classes; darker is more.`,
        xLabel: "class",
        yLabel: "class",
        labels: s.classes.map((c) => classLabel(s, c.index)),
        matrix: co,
        cellTitle: (a, b, v) => (a === b ? `${className(s, a)}: ${plural(v, "positive row")}` : `${className(s, a)} & ${className(s, b)}: ${plural(v, "row")} with both`),
      }),
    );
  } else {
    const why = s.numClasses > HEATMAP_MAX_CLASSES ? `${num(s.numClasses)} classes is more than the ${HEATMAP_MAX_CLASSES} a readable heatmap allows` : "the co-occurrence matrix was not computed";
    out.push(`<p class="note">No co-occurrence heatmap: ${esc(why)}.</p>`);
  }
  out.push(
    `<details class="classes"><summary>Per-class table (${plural(s.numClasses, "class", "classes")})</summary>`,
    `<table><thead><tr><th class="n">#</th><th>name</th><th class="n">positives</th><th class="n">prevalence</th><th class="n">IRLbl</th><th class="n">pos_weight</th></tr></thead><tbody>`,
  );
  yield* out;
  for (const c of s.classes) {
    yield `<tr><td class="n">${c.index}</td><td>${esc(c.name ?? "")}</td><td class="n">${num(c.positives)}</td><td class="n">${pct(c.prevalence)}</td><td class="n">${fixed(c.irlbl)}</td><td class="n">${fixed(c.posWeight)}</td></tr>`;
  }
  yield `</tbody></table></details>`;
}

/** Train-vs-eval prevalence: a dot plot and the L∞ distance (an HTML fragment). */
export function renderPrevalenceComparison(train: { path: string; statistics: DatasetStatistics }, evaluation: { path: string; statistics: DatasetStatistics }, id = "prevalence"): string {
  const a = train.statistics;
  const b = evaluation.statistics;
  const out = [`<p>Train <code>${esc(train.path)}</code> vs eval <code>${esc(evaluation.path)}</code>.</p>`];
  const distance = prevalenceDistance(a, b);
  if (distance === null) {
    out.push(`<p class="note">Not comparable: the files have ${num(a.numClasses)} and ${num(b.numClasses)} classes.</p>`);
    return out.join("\n");
  }
  out.push(
    `<p><strong>L∞ prevalence distance: ${pct(distance.linf)}</strong> (the largest difference, for class ${distance.classIndex}${a.classes[distance.classIndex]?.name !== undefined ? esc(` '${a.classes[distance.classIndex]!.name!}'`) : ""}: ` +
      `${pct(a.classes[distance.classIndex]!.prevalence)} in train, ${pct(b.classes[distance.classIndex]!.prevalence)} in eval).</p>`,
  );
  let indices = a.classes.map((c) => c.index);
  if (indices.length > 100) {
    const gap = (i: number) => Math.abs(a.classes[i]!.prevalence - b.classes[i]!.prevalence);
    indices = indices.sort((x, y) => gap(y) - gap(x) || x - y).slice(0, PREVALENCE_TOP);
    out.push(`<p class="note">Showing the ${PREVALENCE_TOP} of ${num(a.numClasses)} classes whose prevalence differs most, largest difference first.</p>`);
  }
  out.push(
    dotPlot({
      id,
      title: "Prevalence per class: train vs eval",
      description: `Share of rows in which each class is positive, in train and in eval; the L∞ distance is ${pct(distance.linf)}.`,
      xLabel: "prevalence (share of rows with the class positive)",
      yLabel: "class",
      aName: "train",
      bName: "eval",
      format: (v) => `${Number((v * 100).toPrecision(6))}%`,
      highlight: indices.indexOf(distance.classIndex),
      rows: indices.map((i) => ({
        label: classLabel(a, i),
        a: a.classes[i]!.prevalence,
        b: b.classes[i]!.prevalence,
        title: `${i} ${className(a, i)}: train ${pct(a.classes[i]!.prevalence)}, eval ${pct(b.classes[i]!.prevalence)}`,
      })),
    }),
  );
  return out.join("\n");
}

/** Up to `limit` problems, taking them rule by rule in turn so every rule is shown, in file order. */
function sample(problems: readonly Problem[], limit: number): Problem[] {
  if (problems.length <= limit) return [...problems];
  // At most `limit` from each rule are ever taken: only those are kept.
  const byRule = new Map<string, number[]>();
  problems.forEach((p, i) => {
    const queue = byRule.get(p.rule);
    if (queue === undefined) byRule.set(p.rule, [i]);
    else if (queue.length < limit) queue.push(i);
  });
  const queues = [...byRule.values()];
  const picked: number[] = [];
  for (let depth = 0; picked.length < limit; depth++) {
    for (const q of queues) if (depth < q.length && picked.length < limit) picked.push(q[depth]!);
  }
  return picked.sort((x, y) => x - y).map((i) => problems[i]!);
}

/** The quoted line with the offending span marked; a TAB shows as `→`. */
function source(problem: Problem): string {
  if (problem.source === undefined) return "";
  const text = problem.source.replace(/\r$/, "").replace(/\t/g, "→"); // TAB shown as in the text report
  const start = (problem.column ?? 1) - 1 - (problem.sourceStart !== undefined ? problem.sourceStart - 1 : 0);
  if (problem.column === undefined || start < 0 || start >= text.length) return `<span class="src">${esc(text)}</span>`;
  const end = Math.min(text.length, start + Math.max(1, problem.length ?? 1));
  return `<span class="src">${esc(text.slice(0, start))}<mark>${esc(text.slice(start, end))}</mark>${esc(text.slice(end))}</span>`;
}

function verdict(file: FileResult): string {
  const { shape } = file;
  const dims = `[${num(shape.rows)}, ${shape.columns}]`;
  if (shape.ok) return `<p class="verdict ok">✓ shape ${dims} binary</p>`;
  return `<div class="verdict err">✗ shape ${dims} is not a clean binary matrix<ul>${shape.reasons.map((r) => `<li>${esc(r)}</li>`).join("")}</ul></div>`;
}

/** A rule description's \`code\` spans as <code>, the rest escaped. */
const inlineCode = (text: string): string => esc(text).replace(/`([^`]+)`/g, "<code>$1</code>");

/** A rule's name, linked to its documentation when it is one of labellint's rules. */
function ruleLink(rule: string): string {
  return ruleMeta.has(rule) ? `<a href="${esc(ruleDocUrl(rule))}">${esc(rule)}</a>` : esc(rule);
}

/** The severity a rule's findings in this list have (its first listed one's, else the rule's default). */
function severityOf(list: ProblemList, rule: string): string {
  return list.problems.find((p) => p.rule === rule)?.severity ?? ruleMeta.get(rule)?.defaultSeverity ?? "";
}

const rulesByCount = (list: ProblemList): [string, number][] => Object.entries(list.counts).sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]));

/** The summary of a file's (or config's) problems: the exact count per rule, each rule linked to its page. */
function problemCounts(list: ProblemList): string[] {
  const counts = rulesByCount(list);
  const total = counts.reduce((sum, [, c]) => sum + c, 0);
  if (total === 0) return [`<p class="ok">✓ No problems.</p>`];
  const out = [`<table class="counts"><thead><tr><th>rule</th><th>code</th><th>severity</th><th class="n">count</th></tr></thead><tbody>`];
  for (const [rule, count] of counts) {
    const severity = severityOf(list, rule);
    out.push(`<tr><td>${ruleLink(rule)}</td><td><code>${esc(ruleMeta.get(rule)?.code ?? "")}</code></td><td class="${severity === "error" ? "err" : "warn"}">${esc(severity)}</td><td class="n">${num(count)}</td></tr>`);
  }
  out.push(`<tr class="total"><td>total</td><td></td><td></td><td class="n">${num(total)}</td></tr></tbody></table>`);
  return out;
}

function problemRow(p: Problem): string {
  const at = p.line === undefined ? "—" : `${p.line}:${p.column ?? 1}`;
  const where = p.file !== undefined ? `${esc(p.file)}:${at}` : at;
  return `<tr><td><code>${where}</code></td><td class="${p.severity === "error" ? "err" : "warn"}">${p.severity}</td><td>${esc(p.message)}${fixMark(p)}${handFix(p)}${source(p)}</td></tr>`;
}

const fixMark = (p: Problem): string => (p.fix ? ` <span class="muted">[${p.fix.applicability === "safe" ? "fix" : "unsafe fix"}]</span>` : "");
const handFix = (p: Problem): string => (p.suggestion !== undefined ? `<br><span class="muted">Fix by hand: ${esc(p.suggestion)}</span>` : "");

/** A rule's repeated line (class) findings: how many, the first one with its line, the lines (classes) it names. */
function groupHtml(group: ProblemGroup): string {
  const { first } = group;
  const file = first.file !== undefined ? `${esc(first.file)}, ` : "";
  const at = group.unit === "line" ? `line ${num(first.line!)}` : `class ${num(first.classIndex!)}`;
  return (
    `<div class="group"><p><strong>${groupCount(group)}</strong>; the first, ${file}${at}:</p>` +
    `<p>${esc(first.message)}${fixMark(first)}${handFix(first)}${source(first)}</p>` +
    `<p class="muted">${esc(groupWhere(group))}${group.count > group.lines.length ? " (<code>--no-group</code> lists each)" : ""}</p></div>`
  );
}

/**
 * A file's (or config's) listed problems, one collapsible section per rule: a
 * rule's repeated line findings as one group, the rest as rows (at most
 * {@link HTML_MAX_ROWS} rows per file, every rule's first ones included).
 */
function problemSections(list: ProblemList, options: FormatOptions): string[] {
  // Errors first, then the most frequent.
  const rank = (rule: string) => (severityOf(list, rule) === "error" ? 0 : 1);
  const counts = rulesByCount(list).sort((a, b) => rank(a[0]) - rank(b[0]));
  const total = counts.reduce((sum, [, c]) => sum + c, 0);
  if (total === 0) return [`<p class="ok">✓ No problems.</p>`];
  const groups = new Map<string, ProblemGroup[]>();
  const singles: Problem[] = [];
  const grouping = groupProblems(list, options);
  for (const item of grouping.items()) {
    if (item.group === undefined) singles.push(item.problem);
    else pushTo(groups, item.group.rule, item.group);
  }
  const shown = sample(singles, HTML_MAX_ROWS);
  const rows = new Map<string, Problem[]>();
  for (const p of shown) pushTo(rows, p.rule, p);
  const out: string[] = [];
  let listed = 0;
  for (const [rule, count] of counts) {
    const severity = severityOf(list, rule);
    const meta = ruleMeta.get(rule);
    const open = severity === "error" ? " open" : "";
    out.push(
      `<details class="rule"${open}><summary><span class="${severity === "error" ? "err" : "warn"}">${esc(severity)}</span> ${ruleLink(rule)}${meta ? ` <code>${esc(meta.code)}</code>` : ""} · ${plural(count, "problem")}${meta ? ` <span class="muted">— ${inlineCode(meta.description)}</span>` : ""}</summary>`,
    );
    for (const group of groups.get(rule) ?? []) {
      out.push(groupHtml(group));
      listed += group.count;
    }
    const own = rows.get(rule) ?? [];
    if (own.length > 0) {
      out.push(`<table class="wide problems"><thead><tr><th>line</th><th>severity</th><th>message</th></tr></thead><tbody>`, ...own.map(problemRow), `</tbody></table>`);
      listed += own.length;
    }
    if (own.length === 0 && !groups.has(rule)) out.push(`<p class="muted">Not listed${options.quiet && severity !== "error" ? " (--quiet lists errors only)" : ""}.</p>`);
    out.push(`</details>`);
  }
  const hidden = total - listed;
  if (hidden > 0) {
    const why = [
      singles.length > shown.length ? `the report lists at most ${HTML_MAX_ROWS} per file` : "",
      options.quiet ? "--quiet lists errors only" : "",
      list.omitted - grouping.absorbed > 0 ? `--max-problems-per-rule left out ${num(list.omitted - grouping.absorbed)}` : "",
    ].filter(Boolean);
    out.push(`<p class="note">Showing ${num(listed)} of ${plural(total, "problem")}; ${num(hidden)} more not shown (${why.join("; ")}). The counts are exact.</p>`);
  }
  return out;
}

/** A training config: the targets each split yields, then its findings. */
function* renderConfig(config: ConfigResult, index: number, options: FormatOptions): Generator<string> {
  const id = `c${index}`;
  const out: string[] = [`<section id="${id}" aria-labelledby="${id}-h">`, `<h2 id="${id}-h">${esc(config.path)}</h2>`];
  out.push(`<dl class="facts"><dt>kind</dt><dd>PaddleClas config</dd><dt>class_num</dt><dd>${esc(classNumShown(config, num))}</dd>`);
  for (const t of config.targets) out.push(`<dt>${esc(t.split)} targets</dt><dd><code>${esc(t.shape)}</code>${t.labelList !== undefined ? ` <span class="muted">from ${esc(t.labelList)}</span>` : ""}</dd>`);
  out.push(`</dl>`, ...problemCounts(config), `<h3>Problems</h3>`, ...problemSections(config, options), `</section>`);
  yield* out;
}

function* renderFile(file: FileResult, index: number, options: FormatOptions): Generator<string> {
  const id = `f${index}`;
  const out: string[] = [`<section id="${id}" aria-labelledby="${id}-h">`, `<h2 id="${id}-h">${esc(file.path)}</h2>`];
  out.push(
    `<dl class="facts"><dt>split</dt><dd>${esc(file.split)}</dd><dt>format</dt><dd>${esc(file.format)} <span class="muted">(${esc(file.formatReason)})</span></dd><dt>read as</dt><dd>${esc(consumerTitle(file.consumer, file.imagelistReader))} <span class="muted">(${esc(file.consumerReason)})</span></dd>`,
    `<dt>classes</dt><dd>${num(file.numClasses)} <span class="muted">(${esc(file.numClassesReason)})</span></dd>`,
    `<dt>rows</dt><dd>${plural(file.rows, "row")} in ${plural(file.lines, "line")}, ${num(file.bytes)} bytes</dd></dl>`,
    verdict(file),
  );
  // Summary and charts first: what the file is; then the problems, one section per rule.
  out.push(...problemCounts(file));
  out.push(`<h3 id="${id}-stats">Statistics</h3>`);
  yield* out;
  if (file.statistics === undefined) yield `<p class="note">Statistics were not computed for this result, so there are no charts.</p>`;
  else yield* statisticsItems(file.statistics, id);
  yield `<h3 id="${id}-problems">Problems</h3>`;
  yield* problemSections(file, options);
  yield `</section>`;
}

interface StatsFile {
  path: string;
  split?: SplitRole;
  statistics?: DatasetStatistics;
}

/**
 * The files to compare: those a `stats` comparison names, else the first
 * train file and the first eval file that both have statistics.
 */
function trainEvalPair(files: readonly StatsFile[], comparison?: PrevalenceComparison) {
  const withStats = files.filter((f): f is StatsFile & { statistics: DatasetStatistics } => f.statistics !== undefined);
  let train = withStats.find((f) => (comparison ? f.path === comparison.train : f.split === "train"));
  let evaluation = withStats.find((f) => f !== train && (comparison ? f.path === comparison.eval : f.split === "eval"));
  if (comparison && !(train && evaluation)) {
    train = withStats.find((f) => f.split === "train");
    evaluation = withStats.find((f) => f.split === "eval");
  }
  return train && evaluation ? { train, evaluation } : undefined;
}

/** Self-contained HTML report, in pieces: summary, shape verdicts, problems, and statistics charts. */
export const writeHtml: ReportWriter = (result: LintResult, options: FormatOptions = {}) => documentHtml("labellint report", reportItems(result, options));

/** Self-contained HTML report: summary, shape verdicts, problems, and statistics charts. */
export const formatHtml: Formatter = asFormatter(writeHtml);

function* reportItems(result: LintResult, options: FormatOptions): Generator<string> {
  const out: string[] = [`<h1>labellint report</h1>`, `<p class="muted">labellint ${esc(result.version)} · ${plural(filesChecked(result), "file")}</p>`];
  const { errorCount, warningCount, fixable } = result.summary;
  const total = errorCount + warningCount;
  if (total === 0) out.push(`<p class="verdict ok">✓ No problems in ${plural(filesChecked(result), "file")}.</p>`);
  else out.push(`<p class="verdict ${errorCount > 0 ? "err" : "warn"}">${errorCount > 0 ? "✗" : "⚠"} ${plural(total, "problem")} (${plural(errorCount, "error")}, ${plural(warningCount, "warning")}) in ${plural(filesChecked(result), "file")}</p>`);
  if (fixable.safe + fixable.unsafe > 0) out.push(`<p>${num(fixable.safe)} with a safe fix, ${num(fixable.unsafe)} with an unsafe fix (<code>labellint fix</code>, <code>--unsafe-fixes</code>).</p>`);
  if (options.maxWarnings !== undefined && options.maxWarnings >= 0 && allWarnings(result) > options.maxWarnings) {
    out.push(`<p class="err">Too many warnings: ${num(allWarnings(result))} &gt; --max-warnings ${options.maxWarnings}.</p>`);
  }
  out.push(`<table class="wide"><thead><tr><th>file</th><th>split</th><th class="n">rows</th><th class="n">classes</th><th>shape</th><th class="n">errors</th><th class="n">warnings</th></tr></thead><tbody>`);
  (result.configs ?? []).forEach((c, i) => {
    const targets = c.targets.map((t) => `${esc(t.split)} <code>${esc(t.shape)}</code>`).join(", ");
    out.push(`<tr><td><a href="#c${i}">${esc(c.path)}</a></td><td>config</td><td class="n">—</td><td class="n">${c.numClasses !== undefined ? num(c.numClasses) : "—"}</td><td>${targets}</td><td class="n">${num(c.errorCount)}</td><td class="n">${num(c.warningCount)}</td></tr>`);
  });
  result.files.forEach((f, i) => {
    const dims = `[${num(f.shape.rows)}, ${f.shape.columns}]`;
    const more = f.shape.reasons.length > 1 ? ` (+${f.shape.reasons.length - 1} more)` : "";
    const shape = f.shape.ok ? `<span class="ok">✓ ${dims}</span>` : `<span class="err">✗ ${dims}: ${esc(f.shape.reasons[0] ?? "not a clean matrix")}${more}</span>`;
    out.push(`<tr><td><a href="#f${i}">${esc(f.path)}</a></td><td>${esc(f.split)}</td><td class="n">${num(f.rows)}</td><td class="n">${num(f.numClasses)}</td><td>${shape}</td><td class="n">${num(f.errorCount)}</td><td class="n">${num(f.warningCount)}</td></tr>`);
  });
  out.push(`</tbody></table>`);
  const pair = trainEvalPair(result.files, result.comparison);
  if (pair) out.push(`<p><a href="#prevalence-h">Train vs eval prevalence</a></p>`);
  yield* out;
  const configs = result.configs ?? [];
  for (let i = 0; i < configs.length; i++) yield* renderConfig(configs[i]!, i, options);
  for (let i = 0; i < result.files.length; i++) yield* renderFile(result.files[i]!, i, options);
  if (pair) yield* [`<section aria-labelledby="prevalence-h"><h2 id="prevalence-h">Train vs eval prevalence</h2>`, renderPrevalenceComparison(pair.train, pair.evaluation), `</section>`];
  yield `<p class="muted">Generated by labellint ${esc(result.version)}. This file is self-contained; it loads nothing from the network.</p>`;
}

/**
 * A self-contained statistics report (for `labellint stats --reporter html`):
 * the figures and charts of each file, and train vs eval when there is a pair.
 */
export function formatStatisticsHtml(input: LintResult | readonly StatsFile[], title = "labellint statistics"): string {
  return joinPieces(documentHtml(title, statisticsReportItems(input, title)));
}

function* statisticsReportItems(input: LintResult | readonly StatsFile[], title: string): Generator<string> {
  const files = "files" in input ? input.files : input;
  yield `<h1>${esc(title)}</h1>`;
  for (let i = 0; i < files.length; i++) {
    const f = files[i]!;
    yield `<section aria-labelledby="s${i}-h"><h2 id="s${i}-h">${esc(f.path)}</h2>`;
    if (f.statistics) yield* statisticsItems(f.statistics, `s${i}`);
    else yield `<p class="note">No statistics for this file.</p>`;
    yield `</section>`;
  }
  const pair = trainEvalPair(files, "files" in input ? input.comparison : undefined);
  if (pair) yield* [`<section aria-labelledby="prevalence-h"><h2 id="prevalence-h">Train vs eval prevalence</h2>`, renderPrevalenceComparison(pair.train, pair.evaluation), `</section>`];
}

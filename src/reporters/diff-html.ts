import type { DiffResult } from "../diff/types.js";
import { changedClasses, changeText, diffClassName, diffHeadline, emptiedClasses, namedClasses, prevalenceChange, unreadNotes } from "./diff-text.js";
import { dotPlot, esc, num, pct } from "./html-charts.js";

/** Classes in the prevalence plot. */
const PLOT_CLASSES = 50;
/** Changed rows listed in the page (the rest are counted). */
export const DIFF_HTML_ROWS = 500;
/** Classes in the per-class table (those that changed most first); the json report has each. */
export const DIFF_HTML_CLASSES = 1000;

const CSS = `
:root{color-scheme:light;--fg:#1d2330;--muted:#5b6474;--line:#d8dce3;--soft:#f5f7fa;--err:#b42318;--ok:#1a7f37;--warn:#9a6700;--bar:#4f7cc4;--b:#e07b39}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:#fff}
main{max-width:960px;margin:0 auto;padding:24px 20px 48px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:36px 0 8px;padding-top:12px;border-top:2px solid var(--line)}
.muted{color:var(--muted)}.warn{color:var(--warn)}.ok{color:var(--ok)}.gain{color:var(--ok)}.loss{color:var(--err)}
.verdict{font-size:16px;font-weight:600;margin:12px 0}
table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border-bottom:1px solid var(--line);padding:4px 10px 4px 0;text-align:left;vertical-align:top}
th{font-weight:600;color:var(--muted);border-bottom-width:2px}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all}
.note{background:var(--soft);border-left:3px solid var(--line);padding:6px 10px;margin:8px 0}
.chart{display:block;max-width:100%;height:auto;margin:8px 0}
.chart text{font-size:12px;fill:var(--fg)}.chart .ct{font-size:14px;font-weight:600}.chart .at{fill:var(--muted);font-weight:600}.chart .tick{fill:var(--muted)}
.chart .grid{stroke:#eceef2}.chart .axis{stroke:#8a93a3}
.chart .dot-a{fill:var(--bar)}.chart .dot-b{fill:var(--b);fill-opacity:.85;stroke:#fff;stroke-width:.8}.chart .hl .lbl{font-weight:700;fill:var(--err)}.chart .hl .link{stroke:var(--err);stroke-width:2.5}.chart .link{stroke:#9aa3b2;stroke-width:1.5}.chart .hit{fill:transparent}.chart g:hover .hit{fill:#f0f3f8}
`;

const plural = (count: number, one: string, many = `${one}s`): string => `${num(count)} ${count === 1 ? one : many}`;

/**
 * A self-contained HTML page of a diff (no script, no network: the CSP
 * forbids every fetch): the counts, classes added, removed or emptied,
 * duplicates introduced, positives per class that changed, old-vs-new
 * prevalence as a dot plot, and the changed rows.
 */
export function formatDiffHtml(result: DiffResult): string {
  const body: string[] = [];
  body.push(`<h1>labellint diff</h1>`, `<p class="muted"><code>${esc(result.old.path)}</code> → <code>${esc(result.new.path)}</code>; ${plural(result.old.rows, "row")} → ${plural(result.new.rows, "row")}, classes matched by ${result.classMatch === "names" ? "name" : "index"}.</p>`);
  for (const { note } of unreadNotes(result)) body.push(`<p class="warn">${esc(note)}</p>`);
  if (!result.changed) {
    body.push(`<p class="verdict ok">No changes: the same ${plural(result.counts.unchanged, "row")} by path, with the same labels.</p>`);
    return documentHtml("labellint diff", body.join("\n"));
  }
  body.push(`<p class="verdict">${esc(diffHeadline(result))}</p>`);
  const ref = (c: { index: number; name?: string }) => `<code>${esc(c.name ?? `#${c.index}`)}</code>`;
  if (result.classesAdded.length > 0) body.push(`<p>Classes added: ${namedClasses(result.classesAdded, ref)}</p>`);
  if (result.classesRemoved.length > 0) body.push(`<p>Classes removed: ${namedClasses(result.classesRemoved, ref)}</p>`);
  const emptied = emptiedClasses(result, (c) => `<code>${esc(diffClassName(result, c.index))}</code> (had ${num(c.oldPositives)})`);
  if (emptied !== undefined) body.push(`<p class="warn">Left with no positive: ${emptied}</p>`);
  const d = result.duplicatesIntroduced;
  if (d.paths > 0) {
    body.push(`<p class="warn">${plural(d.paths, "duplicate")} introduced (${plural(d.rows, "extra row")}):</p><ul>`);
    for (const dup of d.listed) body.push(`<li><code>${esc(dup.path)}</code>: ${num(dup.newCount)}× (lines ${dup.newLines.join(", ")}), ${num(dup.oldCount)}× before</li>`);
    body.push(`</ul>${d.paths > d.listed.length ? `<p class="muted">and ${plural(d.paths - d.listed.length, "more")}</p>` : ""}`);
  }

  const changed = changedClasses(result);
  if (changed.length > 0) {
    body.push(`<h2>Positives per class</h2>`);
    if (changed.length > DIFF_HTML_CLASSES) body.push(`<p class="note">Showing the ${num(DIFF_HTML_CLASSES)} of ${num(changed.length)} changed classes that changed most; <code>--reporter json</code> lists them all.</p>`);
    body.push(`<table><thead><tr><th>class</th><th class="n">old</th><th class="n">new</th><th class="n">gained</th><th class="n">lost</th><th class="n">in added rows</th><th class="n">in removed rows</th><th>prevalence</th></tr></thead><tbody>`);
    for (const c of changed.slice(0, DIFF_HTML_CLASSES)) {
      body.push(
        `<tr><td>${esc(diffClassName(result, c.index))}</td><td class="n">${c.oldIndex === null ? "—" : num(c.oldPositives)}</td><td class="n">${c.newIndex === null ? "—" : num(c.newPositives)}</td>` +
          `<td class="n gain">${num(c.gained)}</td><td class="n loss">${num(c.lost)}</td><td class="n">${num(c.inAddedRows)}</td><td class="n">${num(c.inRemovedRows)}</td>` +
          `<td>${c.oldPrevalence === null ? "—" : pct(c.oldPrevalence)} → ${c.newPrevalence === null ? "—" : pct(c.newPrevalence)} (${esc(prevalenceChange(c))})</td></tr>`,
      );
    }
    body.push(`</tbody></table>`);
    const plotted = changed.filter((c) => c.oldPrevalence !== null && c.newPrevalence !== null).sort((a, b) => Math.abs(b.prevalenceChange!) - Math.abs(a.prevalenceChange!) || a.index - b.index).slice(0, PLOT_CLASSES);
    if (plotted.length > 0) {
      body.push(
        dotPlot({
          id: "prevalence",
          title: "Prevalence per class: old vs new",
          description: `Share of valid rows in which each class is positive, before and after, for the ${plotted.length} classes whose prevalence changed most.`,
          xLabel: "prevalence (share of rows with the class positive)",
          yLabel: "class",
          aName: "old",
          bName: "new",
          format: (v) => `${Number((v * 100).toPrecision(6))}%`,
          highlight: 0,
          rows: plotted.map((c) => ({ label: diffClassName(result, c.index), a: c.oldPrevalence!, b: c.newPrevalence!, title: `${diffClassName(result, c.index)}: ${pct(c.oldPrevalence!)} → ${pct(c.newPrevalence!)}` })),
        }),
      );
    }
  }

  if (result.changes.length > 0) {
    const shown = result.changes.slice(0, DIFF_HTML_ROWS);
    const total = result.changes.length + result.changesOmitted;
    body.push(`<h2>Changed rows</h2>`);
    if (shown.length < total) body.push(`<p class="note">Showing ${num(shown.length)} of ${num(total)} changed rows; <code>--reporter json</code> lists them all.</p>`);
    body.push(`<table><thead><tr><th>change</th><th>path</th><th class="n">old line</th><th class="n">new line</th><th>labels</th></tr></thead><tbody>`);
    for (const c of shown) body.push(`<tr><td>${c.kind}</td><td><code>${esc(c.path)}</code></td><td class="n">${c.oldLine ?? ""}</td><td class="n">${c.newLine ?? ""}</td><td>${esc(changeText(result, c))}</td></tr>`);
    body.push(`</tbody></table>`);
  }
  return documentHtml("labellint diff", body.join("\n"));
}

function documentHtml(title: string, body: string): string {
  return `<!doctype html>
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
${body}
</main>
</body>
</html>
`;
}

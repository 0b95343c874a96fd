import { describe, expect, it } from "vitest";
import { lint, lintText, summarise } from "../../src/engine/lint.js";
import { readClassNames } from "../../src/readers/class-names.js";
import { esc, logTicks, niceTicks } from "../../src/reporters/html-charts.js";
import { formatHtml, formatStatisticsHtml, HTML_MAX_ROWS } from "../../src/reporters/html.js";
import { formatters } from "../../src/reporters/index.js";
import type { LintResult } from "../../src/types.js";
import { fixture } from "../shared.js";

async function sample(): Promise<LintResult> {
  const classNames = await readClassNames(fixture("nus-wide-scene", "label_list.txt"));
  return lint(
    [
      { path: fixture("nus-wide-scene", "train_list.txt"), displayPath: "fixtures/nus-wide-scene/train_list.txt" },
      { path: fixture("nus-wide-scene", "eval_list.txt"), displayPath: "fixtures/nus-wide-scene/eval_list.txt", options: { split: "eval" } },
    ],
    { classNames, statistics: true },
  );
}

/** Titles of the charts, in document order. */
const chartTitles = (html: string): string[] => [...html.matchAll(/<svg class="chart"[^>]*><title id="[^"]+">([^<]*)<\/title>/g)].map((m) => m[1]!);

/** A matrix text of `rows` rows over `classes` classes, class k positive in rows where (row + k) % 3 == 0. */
function matrix(rows: number, classes: number): string {
  let text = "";
  for (let r = 0; r < rows; r++) text += `img/${r}.jpg\t${Array.from({ length: classes }, (_, k) => ((r + k) % 3 === 0 ? 1 : 0)).join(",")}\n`;
  return text;
}

describe("html reporter", () => {
  it("is registered as --reporter html", () => {
    expect(formatters["html"]).toBe(formatHtml);
  });

  it("renders the bundled sample as one self-contained document", async () => {
    const html = formatHtml(await sample());
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html.trimEnd().endsWith("</html>")).toBe(true);
    // Nothing that could load from the network: no URLs but the links to rule pages (followed
    // only when clicked), no src, no script.
    const ruleDoc = /<a href="https:\/\/github\.com\/labellint\/labellint\/blob\/main\/docs\/rules\/[a-z-]+\.md">/g;
    expect(html.replace(ruleDoc, "")).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\bsrc\s*=/i);
    expect(html).not.toMatch(/<link\b|@import|url\((?!#)/i);
    expect(html).not.toMatch(/<script\b/i);
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^#|^https:\/\/github\.com\/labellint\/labellint\/blob\/main\/docs\/rules\/[a-z-]+\.md$/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);

    expect(html).toContain("✓ shape [1,200, 33] binary");
    expect(html).toContain("✓ shape [300, 33] binary");
    expect(html).toMatch(/L∞ prevalence distance: \d+\.\d+%/);
    expect(chartTitles(html)).toEqual([
      "Positives per class",
      "Positives per class (log scale)",
      "Rows by number of positive labels",
      "Class co-occurrence",
      "Positives per class",
      "Positives per class (log scale)",
      "Rows by number of positive labels",
      "Class co-occurrence",
      "Prevalence per class: train vs eval",
    ]);
    // Every chart is labelled for assistive technology and has both axis titles.
    const svgs = html.split("<svg ").slice(1);
    expect(svgs).toHaveLength(9);
    for (const svg of svgs) {
      expect(svg).toMatch(/^class="chart"[^>]* role="img" aria-labelledby="[^"]+-t [^"]+-d"/);
      expect(svg.match(/class="at"/g)).toHaveLength(2);
    }
    expect(html).toContain(">sunset</text>");
  });

  it("escapes class names, paths and messages", async () => {
    const evil = `<script>alert("x")</script>`;
    const file = await lintText("a.jpg\t1,0\nb.jpg\t0,1\nc.jpg\t2,1\n", { classNames: [evil, "b&c"], statistics: true }, `${evil}.txt`);
    const html = formatHtml(summarise([file]));
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;.txt");
    expect(html).toContain("b&amp;c");
    expect(esc(`<a href='x'>&`)).toBe("&lt;a href=&#39;x&#39;&gt;&amp;");
  });

  it("shows control and bidi characters of paths, class names and quoted lines as escapes", async () => {
    const file = await lintText("a\u202Egpj.jpg\t1,0\nb\u001b[2J.jpg\t0,2\n", { classNames: ["cat\u0007", "dog\u2066"], statistics: true }, "evil\u001b]0;x\u0007\".txt");
    const html = formatHtml(summarise([file]));
    expect(html).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
    expect(html).toContain("evil\\x1b]0;x\\x07&quot;.txt");
    expect(html).toContain("b\\x1b[2J.jpg");
    expect(html).toContain("cat\\x07");
    expect(html).toContain("dog\\u2066");
    expect(esc("\u202Ertl\u0085")).toBe("\\u202ertl\\x85");
  });

  it("omits the charts, saying why, for a result without statistics", async () => {
    const result = await lint([fixture("nus-wide-scene", "train_list.txt")], { statistics: false });
    const html = formatHtml(result);
    expect(html).not.toContain("<svg");
    expect(html).toContain("Statistics were not computed for this result, so there are no charts.");
    expect(html).toContain("✓ shape [1,200, 33] binary");
    expect(html).toContain("<table");
  });

  it("leaves out the heatmap with a note when C > 100, and draws classes as columns when C > 150", async () => {
    const wide = formatHtml(summarise([await lintText(matrix(30, 120), { statistics: true }, "wide.txt")]));
    expect(chartTitles(wide)).toEqual(["Positives per class", "Positives per class (log scale)", "Rows by number of positive labels"]);
    expect(wide).toContain("No co-occurrence heatmap: 120 classes is more than the 100 a readable heatmap allows.");
    const wider = formatHtml(summarise([await lintText(matrix(30, 200), { statistics: true }, "wider.txt")]));
    expect(wider).toContain(">class index</text>");
  });

  it(`lists at most ${HTML_MAX_ROWS} problems per file, every rule included, with the exact totals`, async () => {
    // 300 rows without a positive label, then one bad value: the bad value must still be listed.
    const text = `${Array.from({ length: 300 }, (_, i) => `img/${i}.jpg\t0,0\n`).join("")}img/last.jpg\t1,7\n`;
    const file = await lintText(text, { numClasses: 2, rules: { "rare-class": "off", "class-without-positives": "off", "duplicate-path": "off" } }, "empty.txt");
    const total = Object.values(file.counts).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(HTML_MAX_ROWS);
    const html = formatHtml(summarise([file]), { group: false });
    const empty = html.slice(html.lastIndexOf(">empty-labelset</a>")); // its section, after the counts table
    const rows = empty.slice(0, empty.indexOf("</table>")).match(/<tr>/g) ?? [];
    expect(rows).toHaveLength(HTML_MAX_ROWS); // 199 empty rows + the header row: the bad value took the 200th place
    expect(html).toMatch(/non-binary-value<\/a> <code>LL201<\/code> · 1 problem/);
    expect(html.match(/<tr><td><code>\d+:\d+<\/code>/g)).toHaveLength(HTML_MAX_ROWS);
    expect(html).toContain(`Showing ${HTML_MAX_ROWS} of ${total} problems; ${total - HTML_MAX_ROWS} more not shown`);
  });

  it("shows a rule's class findings as one group, naming the classes", async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `img${i}.jpg\t1${",0".repeat(15)}\n`).join("");
    const html = formatHtml(summarise([await lintText(rows, { numClasses: 16, rules: { "rare-class": "off" } }, "classes.txt")]));
    const section = (html.match(/<details class="rule"[^>]*>[\s\S]*?<\/details>/g) ?? []).find((d) => d.includes(">class-without-positives</a>"))!;
    expect(section).toContain("<strong>15 classes</strong>; the first, class 1:");
    expect(section).toContain("classes 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 5 more");
  });

  it("shows a rule's repeated line findings as one group in its own collapsible section, linked to the rule's page", async () => {
    const text = `${Array.from({ length: 300 }, (_, i) => `img/${i}.jpg\t0,0\n`).join("")}img/last.jpg\t1,7\n`;
    const file = await lintText(text, { numClasses: 2, maxProblemsPerRule: 20, rules: { "rare-class": "off", "class-without-positives": "off", "duplicate-path": "off" } }, "empty.txt");
    const html = formatHtml(summarise([file]));
    const sections = html.match(/<details class="rule"[^>]*>[\s\S]*?<\/details>/g) ?? [];
    expect(sections).toHaveLength(2);
    const empty = sections.find((d) => d.includes(">empty-labelset</a>"))!;
    expect(empty).toContain('<a href="https://github.com/labellint/labellint/blob/main/docs/rules/empty-labelset.md">empty-labelset</a>');
    expect(empty).toContain("· 300 problems");
    expect(empty).toContain("<strong>300 lines</strong>; the first, line 1:");
    expect(empty).toContain("lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 290 more");
    expect(empty.match(/<span class="src">/g)).toHaveLength(1);
    expect(sections.find((d) => d.includes(">non-binary-value</a>"))).toMatch(/^<details class="rule" open>/);
    // The unlisted findings are in the group's count: nothing is said to be missing.
    expect(html).not.toContain("more not shown");
    // Summary and charts come before the problems.
    expect(html.indexOf('<table class="counts">')).toBeLessThan(html.indexOf(">Statistics</h3>"));
    expect(html.indexOf(">Statistics</h3>")).toBeLessThan(html.indexOf(">Problems</h3>"));
  });

  it("draws the rare-class threshold on the class-frequency charts, and a bar for a single positive on the log scale", async () => {
    const text = `${Array.from({ length: 40 }, (_, i) => `img/${i}.jpg\t${i === 0 ? "1,1" : "0,1"}\n`).join("")}`;
    const file = await lintText(text, { numClasses: 2, statistics: true, rules: { "rare-class": ["warn", { minPositives: 5 }] } }, "rare.txt");
    expect(file.statistics?.rareClassMinPositives).toBe(5);
    const html = formatHtml(summarise([file]));
    expect(html.match(/<g class="thr"><title>rare-class: fewer than 5<\/title>/g)).toHaveLength(2);
    const log = html.slice(html.indexOf('id="f0-log-t"'));
    const bar = /<title>0 class 0: 1 positive [^<]*<\/title><text[^>]*>[^<]*<\/text><rect class="bar" x="[\d.]+" y="[\d.]+" width="([\d.]+)"/.exec(log);
    expect(Number(bar?.[1])).toBeGreaterThan(20);
    const off = await lintText(text, { numClasses: 2, statistics: true, rules: { "rare-class": "off" } }, "rare.txt");
    expect(off.statistics?.rareClassMinPositives).toBeUndefined();
    expect(formatHtml(summarise([off]))).not.toContain('class="thr"');
  });

  it("renders a statistics-only report for the stats command", async () => {
    const result = await sample();
    const html = formatStatisticsHtml(result.files.map((f) => ({ path: f.path, split: f.split, statistics: f.statistics! })));
    expect(chartTitles(html)).toHaveLength(9);
    expect(html).toContain("<title>labellint statistics</title>");
    expect(html).not.toContain("Problems");
  });

  it("compares the files a stats comparison names, whatever their split roles", async () => {
    const result = await sample();
    for (const f of result.files) f.split = "train";
    expect(chartTitles(formatHtml(result))).not.toContain("Prevalence per class: train vs eval");
    const [train, evaluation] = result.files.map((f) => f.path) as [string, string];
    result.comparison = { train, eval: evaluation, linf: 0, classIndex: 0, top: [] };
    expect(chartTitles(formatHtml(result))).toContain("Prevalence per class: train vs eval");
    expect(chartTitles(formatStatisticsHtml(result))).toContain("Prevalence per class: train vs eval");
  });

  it("picks round axis ticks", () => {
    expect(niceTicks(685)).toEqual([0, 200, 400, 600, 800]);
    expect(niceTicks(0.57)).toEqual([0, 0.2, 0.4, 0.6]);
    expect(logTicks(685)).toEqual([1, 10, 100, 1000]);
    expect(logTicks(1)).toEqual([1, 10]);
  });
});

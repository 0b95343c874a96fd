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
    // Nothing that could load from the network: no URLs, no src, only in-page links, no script.
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\bsrc\s*=/i);
    expect(html).not.toMatch(/<link\b|@import|url\((?!#)/i);
    expect(html).not.toMatch(/<script\b/i);
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^#/);
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
    const html = formatHtml(summarise([file]));
    const table = html.slice(html.indexOf('<table class="wide problems">'));
    const rows = table.slice(0, table.indexOf("</table>")).match(/<tr>/g) ?? [];
    expect(rows).toHaveLength(HTML_MAX_ROWS + 1); // + the header row
    expect(html).toContain("non-binary-value</code>");
    expect(html).toContain(`Showing ${HTML_MAX_ROWS} of ${total} problems; ${total - HTML_MAX_ROWS} more not shown`);
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

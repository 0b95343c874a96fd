import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lint } from "../../src/engine/lint.js";
import { readClassNames } from "../../src/readers/class-names.js";
import { formatHtml } from "../../src/reporters/html.js";
import { ruleDocUrl } from "../../src/reporters/sarif.js";
import { fixture, ROOT } from "../shared.js";

/** The system Chromium (Debian's `chromium` package); the test never downloads a browser. */
const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const SCREENSHOT = join(ROOT, "test-artifacts", "html-report.png");
const LAYOUT_SHOT = join(ROOT, "test-artifacts", "html-report-defects.png");

/** Width and height from a PNG's IHDR chunk, or undefined when the bytes are not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString("latin1", 12, 16) !== "IHDR") return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe(hasChromium ? "html reporter in headless Chromium" : `html reporter in headless Chromium — SKIPPED: ${CHROMIUM} not found (apt-get install chromium)`, () => {
  let browser: Browser | undefined;
  let dir: string | undefined;

  beforeAll(async () => {
    if (!hasChromium) return;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    dir = await mkdtemp(join(tmpdir(), "labellint-html-"));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.skipIf(!hasChromium)(`renders the bundled sample offline, with its charts and tables (screenshot: test-artifacts/html-report.png)${hasChromium ? "" : ` — skipped: ${CHROMIUM} not found`}`, async () => {
    const classNames = await readClassNames(fixture("nus-wide-scene", "label_list.txt"));
    const result = await lint(
      [
        { path: fixture("nus-wide-scene", "train_list.txt"), displayPath: "fixtures/nus-wide-scene/train_list.txt" },
        { path: fixture("nus-wide-scene", "eval_list.txt"), displayPath: "fixtures/nus-wide-scene/eval_list.txt", options: { split: "eval" } },
      ],
      { classNames, statistics: true },
    );
    const file = join(dir!, "report.html");
    await writeFile(file, formatHtml(result));
    const url = pathToFileURL(file).href;

    const context = await browser!.newContext({ viewport: { width: 1024, height: 800 }, javaScriptEnabled: true });
    const requests: string[] = [];
    const blocked: string[] = [];
    // Anything but the report itself is a network request the report must not make.
    await context.route("**/*", (route) => {
      const target = route.request().url();
      if (target === url) return route.continue();
      blocked.push(target);
      return route.abort();
    });
    const page = await context.newPage();
    page.on("request", (request) => requests.push(request.url()));
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") errors.push(`${message.type()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));

    await page.goto(url, { waitUntil: "load" });
    await page.waitForTimeout(200);

    expect(await page.title()).toBe("labellint report");
    expect(requests).toEqual([url]);
    expect(blocked).toEqual([]);

    // Charts: an accessible SVG each, titled, with the title the aria label points at.
    const charts = await page.$$eval("svg.chart", (svgs) =>
      svgs.map((svg) => ({
        role: svg.getAttribute("role"),
        title: svg.querySelector(":scope > title")?.textContent ?? "",
        labelled: (svg.getAttribute("aria-labelledby") ?? "").split(" ").every((id) => document.getElementById(id) !== null),
        axisTitles: svg.querySelectorAll("text.at").length,
      })),
    );
    const titles = charts.map((c) => c.title);
    for (const title of ["Positives per class", "Positives per class (log scale)", "Rows by number of positive labels", "Class co-occurrence"]) {
      expect(titles.filter((t) => t === title), title).toHaveLength(2);
    }
    expect(titles).toContain("Prevalence per class: train vs eval");
    expect(charts).toHaveLength(9);
    for (const chart of charts) {
      expect(chart.role).toBe("img");
      expect(chart.labelled).toBe(true);
      expect(chart.axisTitles, chart.title).toBe(2);
    }
    expect(await page.locator("svg.chart").first().locator("text", { hasText: "sunset" }).count()).toBeGreaterThan(0);
    await expect(page.locator("body").textContent()).resolves.toMatch(/L∞ prevalence distance: \d/);

    // Tables: the summary (one row per file), rule counts, per-class figures.
    expect(await page.locator("main > table tbody tr").count()).toBe(2);
    expect(await page.locator("details.classes table tbody tr").count()).toBe(66);

    // Nothing in a visible chart is drawn outside it (clipped labels).
    const clipped = await page.$$eval("svg.chart", (svgs) =>
      svgs
        .filter((svg) => svg.getBoundingClientRect().width > 0)
        .flatMap((svg) => {
          const width = Number(svg.getAttribute("width"));
          const height = Number(svg.getAttribute("height"));
          return Array.from(svg.querySelectorAll("text")).flatMap((text) => {
            const box = (text as SVGGraphicsElement).getBBox();
            const m = (text as SVGGraphicsElement).getScreenCTM()!;
            const root = (svg as SVGGraphicsElement).getScreenCTM()!.inverse().multiply(m);
            const xs = [box.x, box.x + box.width].flatMap((x) => [box.y, box.y + box.height].map((y) => new DOMPoint(x, y).matrixTransform(root)));
            const out = xs.some((p) => p.x < -0.5 || p.y < -0.5 || p.x > width + 0.5 || p.y > height + 0.5);
            return out ? [`${svg.querySelector("title")?.textContent}: ${text.textContent}`] : [];
          });
        }),
    );
    expect(clipped).toEqual([]);

    // The log-scale chart is a CSS toggle: no script needed.
    const firstScale = page.locator(".scale").first();
    expect(await firstScale.locator(".log svg").isVisible()).toBe(false);
    await firstScale.locator("label").click();
    expect(await firstScale.locator(".log svg").isVisible()).toBe(true);
    expect(await firstScale.locator(".linear svg").isVisible()).toBe(false);
    await firstScale.locator("label").click();

    // The report reads without JavaScript too.
    const noJs = await browser!.newContext({ javaScriptEnabled: false });
    await noJs.route("**/*", (route) => (route.request().url() === url ? route.continue() : route.abort()));
    const plain = await noJs.newPage();
    await plain.goto(url);
    expect(await plain.locator("svg.chart").count()).toBe(9);
    await noJs.close();

    await mkdir(join(ROOT, "test-artifacts"), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it.skipIf(!hasChromium)(`puts summary and charts above the problems, one collapsible section per rule (screenshot: test-artifacts/html-report-defects.png)${hasChromium ? "" : ` — skipped: ${CHROMIUM} not found`}`, async () => {
    const classNames = await readClassNames(fixture("defects", "label_list.txt"));
    const result = await lint([{ path: fixture("defects", "train_list.txt"), displayPath: "fixtures/defects/train_list.txt" }], { classNames, statistics: true });
    const file = join(dir!, "defects.html");
    await writeFile(file, formatHtml(result));
    const url = pathToFileURL(file).href;
    const context = await browser!.newContext({ viewport: { width: 1024, height: 800 }, deviceScaleFactor: 1 });
    await context.route("**/*", (route) => (route.request().url() === url ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "load" });

    const top = (selector: string) => page.locator(selector).first().evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    const counts = await top("table.counts");
    const stats = await top("#f0-stats");
    const firstChart = await top("#f0 svg.chart");
    const problems = await top("#f0-problems");
    expect(counts).toBeLessThan(stats);
    expect(firstChart).toBeGreaterThan(stats);
    expect(firstChart).toBeLessThan(problems);

    // One section per rule that reported, errors open, warnings folded; each rule linked to its page.
    const rules = Object.keys(result.files[0]!.counts);
    const sections = page.locator("details.rule");
    expect(await sections.count()).toBe(rules.length);
    for (let i = 0; i < rules.length; i++) {
      const section = sections.nth(i);
      const link = section.locator("summary a").first();
      const rule = (await link.textContent())!;
      expect(await link.getAttribute("href")).toBe(ruleDocUrl(rule));
      const severity = await section.locator("summary span").first().textContent();
      expect(await section.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(severity === "error");
      expect(await section.evaluate((d) => d.getBoundingClientRect().top + window.scrollY)).toBeGreaterThan(firstChart);
    }
    const openStates = await sections.evaluateAll((ds) => ds.map((d) => (d as HTMLDetailsElement).open));
    const folded = sections.nth(openStates.indexOf(false)); // a fixed element: ":not([open])" would move on once it opens
    const body = folded.locator("table, .group, p").first();
    expect(await body.isVisible()).toBe(false);
    await folded.locator("summary").click({ position: { x: 4, y: 6 } }); // the marker, not the rule link
    expect(await body.isVisible()).toBe(true);

    // The rare-class threshold is drawn in the visible class-frequency chart.
    const chart = page.locator("#f0 .linear svg.chart").first();
    expect(await chart.isVisible()).toBe(true);
    // A vertical line has no width, so Playwright never calls it visible: its box is checked instead.
    const box = (await chart.locator("g.thr line").boundingBox())!;
    const frame = (await chart.boundingBox())!;
    expect(box.height).toBeGreaterThan(100);
    expect(box.x).toBeGreaterThan(frame.x);
    expect(box.x).toBeLessThan(frame.x + frame.width);

    await mkdir(join(ROOT, "test-artifacts"), { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: LAYOUT_SHOT });
    expect(pngSize(await readFile(LAYOUT_SHOT))).toEqual({ width: 1024, height: 800 });
    await context.close();
  }, 60_000);
});


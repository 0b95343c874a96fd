import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lint } from "../../src/engine/lint.js";
import { readClassNames } from "../../src/readers/class-names.js";
import { formatHtml } from "../../src/reporters/html.js";
import { fixture, ROOT } from "../shared.js";

/** The system Chromium (Debian's `chromium` package); the test never downloads a browser. */
const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const SCREENSHOT = join(ROOT, "test-artifacts", "html-report.png");

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
    expect(await page.locator("details table tbody tr").count()).toBe(66);

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
});

/**
 * Inline-SVG charts for the html reporter: plain strings, no scripts, no
 * external resources. Every chart is `role="img"` with a `<title>` and a
 * `<desc>`, has axis titles, and gives each mark its own `<title>` (the
 * browser shows it as a tooltip without JavaScript).
 */

import { maxOf } from "./measure.js";
import { formatCount } from "../text/numbers.js";
import { visible } from "../text/visible.js";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Text for HTML/SVG content and quoted attribute values: control and bidi
 * characters shown as escapes (a right-to-left override would reorder the
 * page's text), then markup and both quote characters escaped.
 */
export const esc = (value: string | number): string => visible(String(value)).replace(/[&<>"']/g, (c) => ENTITIES[c]!);

export const num = formatCount;

/** A percentage with enough digits to tell small prevalences apart. */
export function pct(fraction: number): string {
  const p = fraction * 100;
  if (p === 0) return "0%";
  return `${p >= 10 ? p.toFixed(1) : p >= 1 ? p.toFixed(2) : p.toPrecision(2)}%`;
}

/** Cuts a label to `max` characters with an ellipsis. */
export const clip = (label: string, max: number): string => (label.length > max ? `${label.slice(0, max - 1)}…` : label);

const CHAR = 6.6; // approximate width of a 12px sans-serif character
const W = 860;

export interface Mark {
  label: string;
  value: number;
  /** Tooltip text for the mark. */
  title: string;
}

/** A value the chart marks with a dashed line and a label (the rare-class threshold). */
export interface Threshold {
  value: number;
  label: string;
}

interface ChartText {
  /** Unique within the document (used for aria ids). */
  id: string;
  title: string;
  description: string;
  xLabel: string;
  yLabel: string;
}

/** Round tick values from 0 to at least `max`. */
export function niceTicks(max: number, count = 5): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let t = 0; t < max + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  if (ticks[ticks.length - 1]! < max) ticks.push(Number((ticks[ticks.length - 1]! + step).toPrecision(12)));
  return ticks;
}

/** Powers of ten from 1 to at least `max`. */
export function logTicks(max: number): number[] {
  const ticks = [1];
  while (ticks[ticks.length - 1]! < max) ticks.push(ticks[ticks.length - 1]! * 10);
  if (ticks.length === 1) ticks.push(10);
  return ticks;
}

const short = (v: number): string =>
  v >= 1e9 ? `${v / 1e9}G` : v >= 1e6 ? `${v / 1e6}M` : v >= 1e4 ? `${v / 1e3}k` : num(v);

/** Where a log axis starts: below 1, so a class with a single positive still has a bar (log 1 = 0). */
const LOG_FLOOR = 0.5;

/** A scale from values to [0, length]; log scales start at {@link LOG_FLOOR}, and 0 maps to 0. */
function scale(max: number, length: number, log: boolean): { map(v: number): number; ticks: number[] } {
  if (log) {
    const ticks = logTicks(max);
    const floor = Math.log10(LOG_FLOOR);
    const top = Math.log10(ticks[ticks.length - 1]!);
    return { ticks, map: (v) => (v < LOG_FLOOR ? 0 : ((Math.log10(v) - floor) / (top - floor)) * length) };
  }
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1]!;
  return { ticks, map: (v) => (v / top) * length };
}

function open(text: Pick<ChartText, "id" | "title" | "description">, width: number, height: number, extra = ""): string {
  return (
    `<svg class="chart" width="${width}" height="${Math.ceil(height)}" viewBox="0 0 ${width} ${Math.ceil(height)}" role="img" aria-labelledby="${text.id}-t ${text.id}-d"${extra}>` +
    `<title id="${text.id}-t">${esc(text.title)}</title><desc id="${text.id}-d">${esc(text.description)}</desc>` +
    `<text class="ct" x="${width / 2}" y="18" text-anchor="middle">${esc(text.title)}</text>`
  );
}

const r1 = (v: number): string => String(Math.round(v * 10) / 10);

/** Layout of a chart with one labelled row per item: the label column's right edge and the row height. */
function labelColumn(labels: readonly string[]): { row: number; left: number } {
  const labelWidth = Math.min(200, Math.max(48, Math.max(0, maxOf(labels, (l) => l.length)) * CHAR + 12));
  return { row: labels.length > 60 ? 12 : 16, left: labelWidth + 30 };
}

/** One row per mark (class names read horizontally); suits up to a few hundred marks. */
export function horizontalBars(text: ChartText & { marks: Mark[]; log?: boolean; highlightZero?: boolean; threshold?: Threshold }): string {
  const { marks } = text;
  const log = text.log ?? false;
  const { row, left } = labelColumn(marks.map((m) => m.label));
  const right = 70;
  const top = 34;
  const plot = W - left - right;
  const height = top + marks.length * row + 48;
  const max = Math.max(1, maxOf(marks, (m) => m.value), text.threshold?.value ?? 0);
  const s = scale(max, plot, log);
  const out = [open(text, W, height)];
  const bottom = top + marks.length * row;
  for (const t of s.ticks) {
    const x = left + s.map(t);
    out.push(`<line class="grid" x1="${r1(x)}" x2="${r1(x)}" y1="${top}" y2="${bottom}"/>`, `<text class="tick" x="${r1(x)}" y="${bottom + 14}" text-anchor="middle">${esc(short(t))}</text>`);
  }
  const font = row < 14 ? ' font-size="10"' : "";
  marks.forEach((m, i) => {
    const y = top + i * row;
    const w = m.value > 0 ? Math.max(2, s.map(m.value)) : 0;
    const zero = m.value === 0 && text.highlightZero;
    out.push(
      `<g><title>${esc(m.title)}</title>` +
        `<text class="lbl" x="${left - 6}" y="${y + row / 2 + 4}" text-anchor="end"${font}>${esc(clip(m.label, 30))}</text>` +
        `<rect class="bar" x="${left}" y="${y + 2}" width="${r1(w)}" height="${row - 4}"/>` +
        `<text class="val${zero ? " zero" : ""}" x="${r1(left + w + 4)}" y="${y + row / 2 + 4}"${font}>${esc(num(m.value))}</text></g>`,
    );
  });
  if (text.threshold !== undefined) {
    const x = left + s.map(text.threshold.value);
    // The label reads away from the nearer edge, so it stays inside the chart.
    const anchor = x > left + plot * 0.6 ? ` text-anchor="end"` : "";
    out.push(
      `<g class="thr"><title>${esc(text.threshold.label)}</title><line x1="${r1(x)}" x2="${r1(x)}" y1="${top - 6}" y2="${bottom}"/>` +
        `<text x="${r1(anchor ? x - 4 : x + 4)}" y="${top - 2}"${anchor}>${esc(text.threshold.label)}</text></g>`,
    );
  }
  out.push(axesAndClose(text, left, plot, top, bottom, 34));
  return out.join("");
}

/** The two axis lines, both axis titles, and the end of the SVG. */
function axesAndClose(text: ChartText, left: number, plot: number, top: number, bottom: number, xTitleGap: number): string {
  return (
    `<line class="axis" x1="${left}" x2="${left}" y1="${top}" y2="${bottom}"/>` +
    `<line class="axis" x1="${left}" x2="${left + plot}" y1="${bottom}" y2="${bottom}"/>` +
    `<text class="at" x="${left + plot / 2}" y="${bottom + xTitleGap}" text-anchor="middle">${esc(text.xLabel)}</text>` +
    `<text class="at" transform="translate(14 ${top + (bottom - top) / 2}) rotate(-90)" text-anchor="middle">${esc(text.yLabel)}</text>` +
    "</svg>"
  );
}

/** Vertical columns (a histogram, or many classes by index). */
export function columns(text: ChartText & { marks: Mark[]; log?: boolean; threshold?: Threshold }): string {
  const { marks } = text;
  const log = text.log ?? false;
  const max = Math.max(1, maxOf(marks, (m) => m.value), text.threshold?.value ?? 0);
  const left = 30 + Math.max(3, short(max).length + 1) * CHAR;
  const right = 20;
  const top = 34;
  const plotH = 240;
  const plot = W - left - right;
  const height = top + plotH + 52;
  const s = scale(max, plotH, log);
  const step = plot / Math.max(1, marks.length);
  const bottom = top + plotH;
  const out = [open(text, W, height)];
  for (const t of s.ticks) {
    const y = bottom - s.map(t);
    out.push(`<line class="grid" x1="${left}" x2="${left + plot}" y1="${r1(y)}" y2="${r1(y)}"/>`, `<text class="tick" x="${left - 6}" y="${r1(y + 4)}" text-anchor="end">${esc(short(t))}</text>`);
  }
  const labelEvery = Math.max(1, Math.ceil((Math.max(maxOf(marks, (m) => m.label.length), 1) * CHAR + 6) / step));
  const showValues = marks.length <= 24;
  marks.forEach((m, i) => {
    const x = left + i * step;
    const h = m.value > 0 ? Math.max(1.5, s.map(m.value)) : 0;
    const gap = step > 6 ? Math.min(step * 0.15, 6) : 0;
    let g = `<g><title>${esc(m.title)}</title><rect class="bar" x="${r1(x + gap / 2)}" y="${r1(bottom - h)}" width="${r1(Math.max(0.5, step - gap))}" height="${r1(h)}"/>`;
    if (showValues) g += `<text class="val" x="${r1(x + step / 2)}" y="${r1(bottom - h - 4)}" text-anchor="middle">${esc(short(m.value))}</text>`;
    g += "</g>";
    out.push(g);
    if (i % labelEvery === 0) out.push(`<text class="tick" x="${r1(x + step / 2)}" y="${bottom + 14}" text-anchor="middle">${esc(m.label)}</text>`);
  });
  if (text.threshold !== undefined) {
    const y = bottom - s.map(text.threshold.value);
    out.push(
      `<g class="thr"><title>${esc(text.threshold.label)}</title><line x1="${left}" x2="${left + plot}" y1="${r1(y)}" y2="${r1(y)}"/>` +
        `<text x="${left + plot - 4}" y="${r1(y - 4)}" text-anchor="end">${esc(text.threshold.label)}</text></g>`,
    );
  }
  out.push(axesAndClose(text, left, plot, top, bottom, 36));
  return out.join("");
}

export interface DotRow {
  label: string;
  a: number;
  b: number;
  title: string;
}

/** Two values per row (train and eval prevalence), joined by a line, with a legend. */
export function dotPlot(text: ChartText & { rows: DotRow[]; aName: string; bName: string; format: (v: number) => string; highlight?: number }): string {
  const { rows } = text;
  const { row, left } = labelColumn(rows.map((r) => r.label));
  const right = 30;
  const top = 56;
  const plot = W - left - right;
  const bottom = top + rows.length * row;
  const height = bottom + 48;
  const max = Math.max(1e-9, maxOf(rows, (r) => Math.max(r.a, r.b)));
  const ticks = niceTicks(max);
  const x = (v: number) => left + (v / ticks[ticks.length - 1]!) * plot;
  const out = [open(text, W, height)];
  out.push(
    `<g class="legend"><circle class="dot-a" cx="${left}" cy="36" r="5"/><text class="lbl" x="${left + 10}" y="40">${esc(text.aName)}</text>` +
      `<rect class="dot-b" x="${left + 96}" y="31" width="9" height="9" transform="rotate(45 ${left + 100.5} 35.5)"/><text class="lbl" x="${left + 112}" y="40">${esc(text.bName)}</text></g>`,
  );
  for (const t of ticks) {
    out.push(`<line class="grid" x1="${r1(x(t))}" x2="${r1(x(t))}" y1="${top}" y2="${bottom}"/>`, `<text class="tick" x="${r1(x(t))}" y="${bottom + 14}" text-anchor="middle">${esc(text.format(t))}</text>`);
  }
  const font = row < 14 ? ' font-size="10"' : "";
  rows.forEach((r, i) => {
    const y = top + i * row + row / 2;
    const xa = x(r.a);
    const xb = x(r.b);
    out.push(
      `<g${i === text.highlight ? ' class="hl"' : ""}><title>${esc(r.title)}</title><rect class="hit" x="${left}" y="${y - row / 2}" width="${plot}" height="${row}"/>` +
        `<text class="lbl" x="${left - 6}" y="${y + 4}" text-anchor="end"${font}>${esc(clip(r.label, 30))}</text>` +
        `<line class="link" x1="${r1(xa)}" x2="${r1(xb)}" y1="${y}" y2="${y}"/>` +
        `<circle class="dot-a" cx="${r1(xa)}" cy="${y}" r="${row < 14 ? 3.5 : 4.5}"/>` +
        `<rect class="dot-b" x="${r1(xb - 3.5)}" y="${y - 3.5}" width="7" height="7" transform="rotate(45 ${r1(xb)} ${y})"/></g>`,
    );
  });
  out.push(axesAndClose(text, left, plot, top, bottom, 34));
  return out.join("");
}

/** A sequential blue ramp (ColorBrewer "Blues") for a share in [0, 1], square-root scaled. */
const RAMP = [
  [222, 235, 247],
  [158, 202, 225],
  [107, 174, 214],
  [49, 130, 189],
  [8, 69, 148],
  [8, 38, 90],
];
function shade(share: number): string {
  const t = Math.sqrt(Math.max(0, Math.min(1, share))) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(t));
  const f = t - i;
  const [a, b] = [RAMP[i]!, RAMP[i + 1]!];
  return `rgb(${a.map((v, k) => Math.round(v + (b[k]! - v) * f)).join(",")})`;
}

/**
 * A C×C heatmap of co-occurrence counts. The diagonal (a class's own
 * positives) is drawn in grey and left out of the colour scale so the pairs
 * stay visible; zero cells are left blank.
 */
export function heatmap(text: ChartText & { labels: string[]; matrix: number[][]; cellTitle: (a: number, b: number, count: number) => string }): string {
  const n = text.labels.length;
  const cell = Math.max(5, Math.min(18, Math.floor(560 / Math.max(1, n))));
  const named = cell >= 9;
  const labelSpace = named ? Math.min(180, maxOf(text.labels, (l) => clip(l, 24).length) * CHAR + 10) : 30;
  const left = labelSpace + 24;
  const top = 34 + labelSpace + 8;
  const side = n * cell;
  const legendX = left + side + 30;
  const width = Math.max(W - 200, legendX + 130);
  const height = top + side + 30;
  let max = 0;
  text.matrix.forEach((r, a) => r.forEach((v, b) => a !== b && v > max && (max = v)));
  const out = [open(text, width, height)];
  out.push(
    `<defs><pattern id="${text.id}-diag" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="4" height="4" fill="#f4f4f4"/><line x1="0" y1="0" x2="0" y2="4" stroke="#9a9a9a" stroke-width="2"/></pattern></defs>`,
  );
  out.push(`<rect class="hm-bg" x="${left}" y="${top}" width="${side}" height="${side}"/>`);
  for (let a = 0; a < n; a++) {
    const y = top + a * cell;
    for (let b = 0; b < n; b++) {
      const v = text.matrix[a]?.[b] ?? 0;
      if (v === 0 && a !== b) continue;
      const fill = a === b ? `url(#${text.id}-diag)` : shade(max > 0 ? v / max : 0);
      out.push(`<rect x="${left + b * cell}" y="${y}" width="${cell}" height="${cell}" fill="${fill}"><title>${esc(text.cellTitle(a, b, v))}</title></rect>`);
    }
  }
  const font = Math.min(11, cell - 1);
  for (let i = 0; i < n; i++) {
    if (!named && i % 10 !== 0) continue;
    const label = named ? clip(text.labels[i]!, 24) : String(i);
    const c = i * cell + cell / 2;
    out.push(
      `<text class="tick" x="${left - 4}" y="${r1(top + c + font / 3)}" text-anchor="end" font-size="${font}">${esc(label)}</text>`,
      `<text class="tick" transform="translate(${r1(left + c + font / 3)} ${top - 4}) rotate(-90)" font-size="${font}">${esc(label)}</text>`,
    );
  }
  out.push(
    `<text class="at" x="${left + side / 2}" y="${top + side + 20}" text-anchor="middle">${esc(named ? text.xLabel : `${text.xLabel} index`)}</text>`,
    `<text class="at" transform="translate(14 ${top + side / 2}) rotate(-90)" text-anchor="middle">${esc(named ? text.yLabel : `${text.yLabel} index`)}</text>`,
  );
  out.push(`<rect class="frame" x="${left}" y="${top}" width="${side}" height="${side}"/>`);
  // Legend: five swatches from 1 to the largest off-diagonal count.
  out.push(`<text class="lbl" x="${legendX}" y="${top + 4}">rows with both</text>`);
  [0, 0.25, 0.5, 0.75, 1].forEach((f, i) => {
    const v = Math.max(1, Math.round(max * f * f)); // sqrt-scaled colour: share f at count max·f²
    out.push(`<rect x="${legendX}" y="${top + 14 + i * 18}" width="16" height="16" fill="${shade(max > 0 ? v / max : 0)}" stroke="#999"/><text class="tick" x="${legendX + 22}" y="${top + 26 + i * 18}">${esc(num(v))}</text>`);
  });
  out.push(
    `<rect x="${legendX}" y="${top + 110}" width="16" height="16" fill="url(#${text.id}-diag)" stroke="#999"/><text class="tick" x="${legendX + 22}" y="${top + 122}">same class</text>`,
    "</svg>",
  );
  return out.join("");
}
